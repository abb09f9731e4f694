"""SmolLM: the causal language model behind the :class:`LanguageModel` protocol, scoring
texts, kept states and variants with packed forward passes (no padding)."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from mtcheck.model.attention import Segments
from mtcheck.model.llama import Llama
from mtcheck.model.runtime import apply_thread_policy, import_torch, parallel_map, workers
from mtcheck.model.states import TextState, TokenScore, ForwardPass


class SmolLM:
    """The local causal language model and its tokenizer behind the :class:`LanguageModel`
    protocol: :class:`~mtcheck.model.llama.Llama` weights and a ``tokenizers`` tokenizer,
    read straight from the cache folder (transformers is needed only to expand the GGUF).

    Texts are prefixed with the BOS token so the first word is scored too, and packed
    several to a forward pass without padding.
    """

    pack_tokens = 384
    """Tokens run together in one forward pass (several sentences share a row)."""
    min_pack_tokens = 128
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

        def normalisers(part: Sequence[tuple[TextState, int]]) -> list[float]:
            with torch.inference_mode():
                logits = torch.nn.functional.linear(torch.stack([state.hidden[n - 1] for state, n in part]), head)
                return torch.logsumexp(logits, dim=-1).tolist()

        parts = [todo[lo : lo + self.head_rows] for lo in range(0, len(todo), self.head_rows)]
        for part, norms in zip(parts, parallel_map(normalisers, parts)):
            for (state, n), norm in zip(part, norms):
                state.norms[n] = norm
        with torch.inference_mode():
            hidden = torch.stack([state.hidden[n - 1] for state, n, _ in requests])
            rows = head[torch.tensor([target for _, _, target in requests])]
            logits = (hidden * rows).sum(-1).tolist()
        return [logit - state.norms[n] for logit, (state, n, _) in zip(logits, requests)]

    def sequence_logprobs(self, texts: Sequence[str]) -> list[float]:
        """Total log-probability of each text (BOS-prefixed)."""
        return [float(sum(p.logprobs)) for p in self._forward([self._encode(t)[0] for t in texts])]

    def text_states(self, texts: Sequence[str], upto: Sequence[int | None] | None = None) -> list[TextState]:
        """Run ``texts`` through the model and keep their states (see :class:`TextState`).

        ``upto[i]`` (``None``: all) is how many leading characters of ``texts[i]`` will be
        read: the state then ends with the last token starting before that point, and the
        tokens after it are not run (its ``text`` is cut to match)."""
        encoded = [self._encode(t) for t in texts]
        if upto is not None:
            cut = [_tokens_before(spans, u) for (_, spans), u in zip(encoded, upto)]
            texts = [t if n == len(ids) else t[: spans[n - 1][1]] for t, (ids, spans), n in zip(texts, encoded, cut)]
            encoded = [(ids[:n], spans[:n]) for (ids, spans), n in zip(encoded, cut)]
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
        chunks = _chunks(rows, max(-(-len(rows) // self.continue_rows), min(workers(), len(rows) // 8) or 1))
        done = 0
        for chunk, rests in zip(chunks, parallel_map(lambda chunk: self._continue(chunk, contexts), chunks)):
            for (g, j, _), first, rest in zip(chunk, starts[done : done + len(chunk)], rests):
                results[g][j] = first + rest
            done += len(chunk)
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


def _tokens_before(spans: Sequence[tuple[int, int]], upto: int | None) -> int:
    """How many tokens (BOS included) to keep so that every token starting before ``upto`` is
    kept (all of them for ``None``)."""
    if upto is None:
        return len(spans)
    keep = 1
    while keep < len(spans) and spans[keep][0] < upto:
        keep += 1
    return keep


def _chunks(rows: Sequence[tuple[int, int, list[int]]], count: int) -> list[Sequence[tuple[int, int, list[int]]]]:
    """``rows`` cut, in order, into ``count`` runs of about equal token counts."""
    total = sum(len(ids) for _, _, ids in rows)
    out: list[Sequence[tuple[int, int, list[int]]]] = []
    lo = seen = 0
    for r, (_, _, ids) in enumerate(rows):
        seen += len(ids)
        if seen * count >= total * (len(out) + 1) and len(out) < count - 1:
            out.append(rows[lo : r + 1])
            lo = r + 1
    out.append(rows[lo:])
    return [c for c in out if c]


def _configured_bos(folder: Path) -> str:
    """The BOS token named in a saved tokenizer's ``tokenizer_config.json``."""
    config = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
    bos = config.get("bos_token")
    return bos.get("content") if isinstance(bos, dict) else bos
