"""Kept text states and the variants that continue them: the part of :class:`SmolLM` that
lets the model stage run each sentence once and score every candidate from where it differs.

:class:`StateScoring` is a mixin: it needs the model's ``_encode``, ``_forward``,
``_head_scores``, ``model``, ``_torch``, ``head_rows`` and ``continue_rows``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import Any

from mtcheck.model.attention import Segments
from mtcheck.model.runtime import parallel_map, workers
from mtcheck.model.states import TextState, TokenScore


class StateScoring:
    """Text states (:class:`TextState`) and scoring from them, for a packed causal model."""

    _torch: Any
    model: Any
    head_rows: int
    continue_rows: int
    min_chunk_tokens = 48
    """With several workers, continuation rows are cut into two runs per worker when each
    keeps at least this many tokens (a worker slowed by another process then takes fewer),
    else one per worker."""

    def _chunk_count(self, rows: Sequence[tuple[Any, Any, Sequence[int]]]) -> int:
        """How many forward passes to cut continuation ``rows`` into (at most
        :attr:`continue_rows` rows each; a multiple of the workers when there are several, so
        that on an idle machine none waits for a last lone pass)."""
        count = -(-len(rows) // self.continue_rows)
        n = workers()
        if n > 1 and len(rows) > 1:
            tokens = sum(len(ids) for _, _, ids in rows)
            count = max(count, min(len(rows), n * max(1, min(2, tokens // (n * self.min_chunk_tokens)))))
        return max(1, count)

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
            prefixes = list(dict.fromkeys(groups[g][0] for g in missing))
            ran = dict(zip(prefixes, self.text_states(prefixes)))
            for g in missing:
                state = ran[groups[g][0]]
                contexts[g] = (state, len(state.ids))

        known: list[tuple[int, int, TextState, int, int]] = []
        rows: list[tuple[int, int, list[int]]] = []
        repeats: list[tuple[int, int, int]] = []  # (g, j, index in rows of the same run)
        seen: dict[tuple[int, int, tuple[int, ...]], int] = {}
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
                    continue
                key = (id(state), cut, tuple(ids))
                if key in seen:
                    repeats.append((g, j, seen[key]))
                else:
                    seen[key] = len(rows)
                    rows.append((g, j, ids))
        # the text's own continuation, and every row's first token, come from the kept state
        requests = [(state, i, state.ids[i]) for _, _, state, cut, end in known for i in range(cut, end)]
        requests += [(*contexts[g], ids[0]) for g, _, ids in rows]
        firsts = iter(self._state_logprobs(requests))
        for g, j, _, cut, end in known:
            results[g][j] = float(sum(next(firsts) for _ in range(cut, end)))
        starts = [next(firsts) for _ in rows]
        first_of = {(g, j): first for (g, j, _), first in zip(rows, starts)}
        chunks = _chunks(rows, self._chunk_count(rows))
        for chunk, rests in zip(chunks, parallel_map(lambda chunk: self._continue(chunk, contexts), chunks)):
            for (g, j, _), rest in zip(chunk, rests):
                results[g][j] = first_of[(g, j)] + rest
        for g, j, r in repeats:
            results[g][j] = results[rows[r][0]][rows[r][1]]
        return results

    def _continue(self, rows: Sequence[tuple[int, int, list[int]]], contexts: Sequence[tuple[TextState, int]]) -> list[float]:
        """Log-probability of each row's tokens after its first, given its context's first
        ``cut`` tokens: all rows in one forward pass without padding (see :meth:`_run_after`).

        A row's last token is not run: nothing reads its output (its log-probability comes
        from the token before it), and a row is never continued."""
        torch = self._torch
        inputs = [(*contexts[g], ids[:-1]) for g, _, ids in rows if len(ids) > 1]
        if not inputs:
            return [0.0] * len(rows)
        hidden, _, _, _ = self._run_after(inputs)
        targets = torch.tensor([t for _, _, ids in rows for t in ids[1:]], dtype=torch.long)
        logprobs = self._head_scores(hidden, targets)[0]
        out = [0.0] * len(rows)
        done = 0
        for r, (_, _, ids) in enumerate(rows):
            out[r] = float(sum(logprobs[done : done + len(ids) - 1]))
            done += len(ids) - 1
        return out

    def _run_after(self, rows: Sequence[tuple[TextState, int, Sequence[int]]]) -> tuple[Any, Any, Any, Any]:
        """Run each row's token ids after the first ``cut`` tokens of its state, all rows in one
        forward pass without padding; returns the hidden states, the ids, keys and values of
        the rows' tokens, laid end to end in the order of ``rows``.

        The distinct contexts' keys and values are laid end to end once; the rows follow,
        grouped by context, and each group attends to its context and, row by row, causally
        to its own tokens (one attention call per context and layer).
        """
        torch = self._torch
        groups: dict[tuple[int, int], list[int]] = {}
        for r, (state, cut, _) in enumerate(rows):
            groups.setdefault((id(state), cut), []).append(r)
        order = [r for members in groups.values() for r in members]
        ids = torch.tensor([t for r in order for t in rows[r][2]])
        positions = torch.tensor([rows[r][1] + t for r in order for t in range(len(rows[r][2]))])
        contexts = [rows[members[0]][:2] for members in groups.values()]
        segments = Segments.after([cut for _, cut in contexts], [[len(rows[r][2]) for r in members] for members in groups.values()])
        past = (
            torch.cat([state.keys[:, :, :cut] for state, cut in contexts], dim=2),
            torch.cat([state.values[:, :, :cut] for state, cut in contexts], dim=2),
        )
        with torch.inference_mode():
            hidden, keys, values = self.model.run(ids, positions, segments, past)
            if order != list(range(len(rows))):
                lengths = [len(rows[r][2]) for r in order]
                at_of = dict(zip(order, [0, *itertools.accumulate(lengths)][:-1]))
                back = torch.tensor([at_of[r] + t for r in range(len(rows)) for t in range(len(rows[r][2]))])
                hidden, ids, keys, values = hidden[back], ids[back], keys[:, :, back], values[:, :, back]
        return hidden, ids, keys, values

    def extend_states(self, pairs: Sequence[tuple[str, TextState | None]]) -> list[TextState]:
        """The state of each whole ``text``, continuing from its given state where that state is
        a start of the same text (a state cut with ``upto``, see :meth:`text_states`): only the
        missing tokens are run. A state that already covers its text is returned as it is;
        without a usable state the text is run from its start."""
        out: list[TextState | None] = [None] * len(pairs)
        fresh: list[int] = []
        todo: list[tuple[int, TextState, list[int], list[tuple[int, int]]]] = []
        for i, (text, state) in enumerate(pairs):
            if state is not None and state.text == text:
                out[i] = state
                continue
            ids, spans = self._encode(text)
            n = len(state.ids) if state is not None else 0
            if state is not None and 0 < n < len(ids) and tuple(ids[:n]) == state.ids and text.startswith(state.text):
                todo.append((i, state, ids, spans))
            else:
                fresh.append(i)
        for i, state in zip(fresh, self.text_states([pairs[i][0] for i in fresh])):
            out[i] = state
        if todo:
            rows = [(state, len(state.ids), ids[len(state.ids) :]) for _, state, ids, _ in todo]
            numbered = [(k, 0, row[2]) for k, row in enumerate(rows)]
            chunks = _chunks(numbered, self._chunk_count(numbered))
            runs = parallel_map(lambda chunk: self._run_after([rows[k] for k, _, _ in chunk]), chunks)
            for chunk, (hidden, _, keys, values) in zip(chunks, runs):
                at = 0
                for k, _, new in chunk:
                    i, state, ids, spans = todo[k]
                    n = len(new)
                    torch = self._torch
                    out[i] = TextState(
                        pairs[i][0], tuple(ids), tuple(spans),
                        torch.cat((state.keys, keys[:, :, at : at + n]), dim=2),
                        torch.cat((state.values, values[:, :, at : at + n]), dim=2),
                        torch.cat((state.hidden, hidden[at : at + n])),
                        dict(state.norms),
                    )
                    at += n
        return out  # type: ignore[return-value]


def _tokens_before(spans: Sequence[tuple[int, int]], upto: int | None) -> int:
    """How many tokens (BOS included) to keep so that every token starting before ``upto`` is
    kept (all of them for ``None``)."""
    if upto is None:
        return len(spans)
    keep = 1
    while keep < len(spans) and spans[keep][0] < upto:
        keep += 1
    return keep


def _chunks(rows: Sequence[tuple[int, int, list[int]]], count: int) -> list[list[tuple[int, int, list[int]]]]:
    """``rows`` shared into at most ``count`` runs of about equal token counts (each row, longest
    first, goes to the run with the fewest tokens so far; a run keeps the rows' order, so rows
    continuing one context stay together)."""
    count = max(1, min(count, len(rows)))
    loads = [0] * count
    members: list[list[int]] = [[] for _ in range(count)]
    for r in sorted(range(len(rows)), key=lambda r: -len(rows[r][2])):
        k = loads.index(min(loads))
        members[k].append(r)
        loads[k] += len(rows[r][2])
    return [[rows[r] for r in sorted(m)] for m in members if m]
