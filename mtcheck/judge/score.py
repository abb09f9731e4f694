"""Scoring candidate rewrites: the gain in log-probability of the sentence with each rewrite."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mtcheck.document import Sentence
from mtcheck.judge.proposers import Rewrite
from mtcheck.scoring import LanguageModel, is_stateful


def variants(sentence: Sentence, rewrite: Rewrite) -> tuple[str, str, str]:
    """``(prefix, original rest, rewritten rest)``: the sentence cut at the last space before
    the rewrite (so both rests tokenize as in the whole text) and its two continuations to
    the sentence's end."""
    lo, hi = rewrite.start - sentence.start, rewrite.end - sentence.start
    cut = max(sentence.text.rfind(" ", 0, lo), 0)
    rest = sentence.text[hi:]
    return sentence.text[:cut], sentence.text[cut:], sentence.text[cut:lo] + rewrite.replacement + rest


def rewrite_gains(
    lm: LanguageModel, items: Sequence[tuple[Sentence, Rewrite]], states: dict[int, Any] | None = None
) -> list[float]:
    """log P(sentence with the rewrite) − log P(sentence), in nats, for each ``(sentence,
    rewrite)``; one batched call. Both texts are whole sentences with the same start and end, so
    the totals compare directly; the length bias of an edit type (a dropped word costs no
    tokens) is what its calibrated margin absorbs.

    ``states``: kept sentence states by start (the model stage's). Each sentence is run once,
    whole, continuing its kept state where that stops short of the sentence's end, so every
    rewrite of it runs only its own rest and the original's rest is read off the state; the
    whole-sentence states are stored back in ``states`` (the corrector continues from them)."""
    if not items:
        return []
    states = {} if states is None else states
    cuts = [variants(s, r) for s, r in items]
    if is_stateful(lm) and hasattr(lm, "extend_states"):
        sentences = list({s.start: s for s, _ in items}.values())
        whole = lm.extend_states([(s.text, states.get(s.start)) for s in sentences])  # type: ignore[attr-defined]
        states.update(zip((s.start for s in sentences), whole))
    if is_stateful(lm):
        groups = [(prefix, [old, new], states.get(s.start)) for (s, _), (prefix, old, new) in zip(items, cuts)]
        scores = lm.suffix_logprobs(groups)  # type: ignore[attr-defined]
        return [new - old for old, new in scores]
    flat = lm.sequence_logprobs([t for prefix, old, new in cuts for t in (prefix + old, prefix + new)])
    return [flat[2 * i + 1] - flat[2 * i] for i in range(len(items))]
