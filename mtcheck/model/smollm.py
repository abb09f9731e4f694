"""SmolLM: the causal language model behind the :class:`LanguageModel` protocol, scoring
texts, kept states and variants with packed forward passes (no padding)."""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mtcheck.model.attention import Segments
from mtcheck.model.llama import Llama
from mtcheck.model.runtime import apply_thread_policy, import_torch, parallel_map, workers
from mtcheck.model.continuing import StateScoring
from mtcheck.model.states import ForwardPass, TokenScore


class SmolLM(StateScoring):
    """The local causal language model and its tokenizer behind the :class:`LanguageModel`
    protocol: :class:`~mtcheck.model.llama.Llama` weights and a ``tokenizers`` tokenizer,
    read straight from the cache folder (transformers is needed only to expand the GGUF).

    Texts are prefixed with the BOS token so the first word is scored too, and packed
    several to a forward pass without padding.
    """

    pack_tokens = 384
    """Tokens run together in one forward pass (several sentences share a row)."""
    min_pack_tokens = 64
    """With several workers, packs shrink towards this so that each worker gets several
    (a worker slowed by another process then takes fewer) without matrix products so small
    they run slower."""
    head_rows = 128
    """Positions sent through the output layer at once (bounds the logits' memory: 25 MB)."""
    continue_rows = 64
    """Variant continuations run together in one forward pass."""

    def __init__(self, model: Llama, tokenizer: Any, bos: str):
        torch = import_torch()
        apply_thread_policy()
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
        """Indices of the sequences run together in each forward pass, in input order.

        One worker packs up to :attr:`pack_tokens`; several share the tokens into about
        four packs each (at least :attr:`min_pack_tokens`)."""
        limit = self.pack_tokens
        if workers() > 1:
            limit = max(self.min_pack_tokens, min(limit, -(-sum(lengths) // (4 * workers()))))
        rows: list[list[int]] = []
        width = 0
        for i, n in enumerate(lengths):
            if rows and width + n <= limit:
                rows[-1].append(i)
                width += n
            else:
                rows.append([i])
                width = n
        return rows

    def _forward(self, encoded: Sequence[Sequence[int]], k: int = 0, keep: bool = False, score: bool = True) -> list[ForwardPass]:
        """Run the model over ``encoded`` sequences (BOS first), packed without padding.

        Several sequences share one row of a forward pass; attention within each sequence
        only and positions restarting at 0 keep each one independent, so its scores and its
        keys/values are those of a run on its own. With ``score`` each next token's
        log-probability (and the top ``k``) is computed; with ``keep`` the state is kept.
        Rows run on the thread policy's workers, the longest first.
        """
        passes: list[Any] = [None] * len(encoded)
        rows = sorted(self._pack([len(e) for e in encoded]), key=lambda row: -sum(len(encoded[i]) for i in row))
        for row, got in zip(rows, parallel_map(lambda row: self._forward_row(row, encoded, k, keep, score), rows)):
            for i, one in zip(row, got):
                passes[i] = one
        return passes

    def _forward_row(self, row: Sequence[int], encoded: Sequence[Sequence[int]], k: int, keep: bool, score: bool) -> list[ForwardPass]:
        """One packed forward pass over the sequences ``row`` indexes (see :meth:`_forward`)."""
        torch = self._torch
        out: list[ForwardPass] = []
        with torch.inference_mode():
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
            for s, n in zip(starts, lengths):
                lps = tuple(logprobs[done : done + n - 1])
                alts = [list(zip(top_ids[p], top_vals[p])) for p in range(done, done + n - 1)] if k and score else []
                done += n - 1
                keys = values = kept = None
                if keep:
                    keys, values, kept = row_keys[:, :, s : s + n], row_values[:, :, s : s + n], hidden[s : s + n]
                out.append(ForwardPass(lps, alts, keys, values, kept))
        return out

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

    def sequence_logprobs(self, texts: Sequence[str]) -> list[float]:
        """Total log-probability of each text (BOS-prefixed)."""
        return [float(sum(p.logprobs)) for p in self._forward([self._encode(t)[0] for t in texts])]

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
