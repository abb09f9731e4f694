"""Detection and edit metrics: span matching, precision/recall/F, false alarms.

Everything here works on plain spans so that it can be tested on hand-built cases:

* a *gold* span is an annotated artifact (``start``, ``end``, ``category``, and its ``fix``);
* a *predicted* span is a finding (``start``, ``end``, ``category``, rule ``code``);
* an *edit* is an applied correction (``start``, ``end``, ``replacement``).

Matching is many-to-many: a prediction is correct when it matches at least one gold span,
and a gold span is found when at least one prediction matches it. ``exact`` matching needs
the same offsets; ``overlap`` matching needs the spans to share a character (an empty span,
an insertion point, matches a span it touches).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

from mtcheck.bench.report import CategoryScore, Prf, RuleScore

MatchMode = Literal["exact", "overlap"]
MATCH_MODES: tuple[MatchMode, ...] = ("exact", "overlap")


class Span(NamedTuple):
    """A labelled span of code points: an artifact or a finding."""

    start: int
    end: int
    category: str = ""
    code: str = ""


class Edit(NamedTuple):
    """A replacement of ``text[start:end]`` by ``replacement`` (gold fix or applied edit)."""

    start: int
    end: int
    replacement: str


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Whether two spans share a character; an empty span overlaps a span it touches."""
    if a_start == a_end or b_start == b_end:
        return a_start <= b_end and b_start <= a_end
    return a_start < b_end and b_start < a_end


def spans_match(a: Span | Edit, b: Span | Edit, mode: MatchMode) -> bool:
    """Whether two spans match under ``mode`` (``exact`` or ``overlap``)."""
    if mode == "exact":
        return a.start == b.start and a.end == b.end
    return overlaps(a.start, a.end, b.start, b.end)


def prf(predicted: int, correct_predicted: int, gold: int, found_gold: int, beta: float = 1.0) -> Prf:
    """Precision, recall and F-beta from counts.

    Precision is ``correct_predicted / predicted`` (None when nothing was predicted), recall is
    ``found_gold / gold`` (None when there is nothing to find); F is None when either is None.
    """
    precision = correct_predicted / predicted if predicted else None
    recall = found_gold / gold if gold else None
    if precision is None or recall is None:
        f = None
    elif precision == 0 and recall == 0:
        f = 0.0
    else:
        b2 = beta * beta
        f = (1 + b2) * precision * recall / (b2 * precision + recall)
    return Prf(predicted, correct_predicted, gold, found_gold, precision, recall, f, beta)


@dataclass
class _Tally:
    predicted: int = 0
    correct: int = 0
    gold: int = 0
    found: int = 0

    def add(self, other: _Tally) -> None:
        self.predicted += other.predicted
        self.correct += other.correct
        self.gold += other.gold
        self.found += other.found

    def score(self, beta: float = 1.0) -> Prf:
        return prf(self.predicted, self.correct, self.gold, self.found, beta)


@dataclass(frozen=True)
class DocumentMatch:
    """Which predictions are correct and which gold spans are found, in one document."""

    gold: tuple[Span, ...]
    predicted: tuple[Span, ...]
    predicted_ok: tuple[bool, ...]
    predicted_ok_typed: tuple[bool, ...]
    gold_found: tuple[bool, ...]
    gold_found_typed: tuple[bool, ...]


def match_document(gold: Sequence[Span], predicted: Sequence[Span], mode: MatchMode) -> DocumentMatch:
    """Match one document's predictions against its gold spans.

    The ``_typed`` variants also require the same category.
    """
    ok, ok_typed = [], []
    found = [False] * len(gold)
    found_typed = [False] * len(gold)
    for p in predicted:
        hit = hit_typed = False
        for i, g in enumerate(gold):
            if spans_match(p, g, mode):
                hit = found[i] = True
                if p.category == g.category:
                    hit_typed = found_typed[i] = True
        ok.append(hit)
        ok_typed.append(hit_typed)
    return DocumentMatch(
        tuple(gold), tuple(predicted), tuple(ok), tuple(ok_typed), tuple(found), tuple(found_typed)
    )


@dataclass(frozen=True)
class DetectionTotals:
    """Detection scores over many documents under one matching mode."""

    overall: Prf
    typed: Prf
    categories: tuple[CategoryScore, ...]
    rules: tuple[RuleScore, ...]


def detection_totals(matches: Iterable[DocumentMatch], categories: Sequence[str] = ()) -> DetectionTotals:
    """Sum document matches into overall, category-typed, per-category and per-rule scores.

    Per category, precision counts the findings *labelled* with the category and recall the
    artifacts *annotated* with it; matching itself ignores labels (``typed`` does not).
    """
    overall, typed = _Tally(), _Tally()
    by_cat: dict[str, _Tally] = {c: _Tally() for c in categories}
    by_rule: dict[str, _Tally] = {}
    for m in matches:
        overall.add(_Tally(len(m.predicted), sum(m.predicted_ok), len(m.gold), sum(m.gold_found)))
        typed.add(_Tally(len(m.predicted), sum(m.predicted_ok_typed), len(m.gold), sum(m.gold_found_typed)))
        for p, ok in zip(m.predicted, m.predicted_ok):
            t = by_cat.setdefault(p.category, _Tally())
            t.predicted += 1
            t.correct += ok
            r = by_rule.setdefault(p.code, _Tally())
            r.predicted += 1
            r.correct += ok
        for g, ok in zip(m.gold, m.gold_found):
            t = by_cat.setdefault(g.category, _Tally())
            t.gold += 1
            t.found += ok
    return DetectionTotals(
        overall=overall.score(),
        typed=typed.score(),
        categories=tuple(CategoryScore(c, t.score()) for c, t in by_cat.items()),
        rules=tuple(
            RuleScore(code, t.predicted, t.correct, t.correct / t.predicted if t.predicted else None)
            for code, t in sorted(by_rule.items())
        ),
    )


def per_thousand(count: int, words: int) -> float | None:
    """``count`` per 1,000 words (None for no words)."""
    return 1000.0 * count / words if words else None


_SPACE_RE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Collapse runs of white space to one space and strip the ends."""
    return _SPACE_RE.sub(" ", text).strip()


def edit_correct(text: str, edit: Edit, gold: Edit, mode: MatchMode) -> bool:
    """Whether an applied ``edit`` makes the same change as the ``gold`` fix.

    ``exact``: same span and the same replacement (white space normalised). ``overlap``: the
    spans overlap and applying either one to the union of the two spans gives the same text
    (white space normalised), so ``three -year`` fixed by deleting only the space counts.
    """
    if mode == "exact":
        return edit.start == gold.start and edit.end == gold.end and normalise(edit.replacement) == normalise(
            gold.replacement
        )
    if not overlaps(edit.start, edit.end, gold.start, gold.end):
        return False
    lo, hi = min(edit.start, gold.start), max(edit.end, gold.end)

    def apply(e: Edit) -> str:
        return text[lo : e.start] + e.replacement + text[e.end : hi]

    return normalise(apply(edit)) == normalise(apply(gold))


def edit_tally(text: str, gold: Sequence[Edit], applied: Sequence[Edit], mode: MatchMode) -> tuple[int, int, int, int]:
    """``(applied, correct applied, gold, gold fixed)`` for one document."""
    fixed = [False] * len(gold)
    correct = 0
    for e in applied:
        hit = False
        for i, g in enumerate(gold):
            if edit_correct(text, e, g, mode):
                hit = fixed[i] = True
        correct += hit
    return len(applied), correct, len(gold), sum(fixed)


def edit_scores(docs: Iterable[tuple[str, Sequence[Edit], Sequence[Edit]]], mode: MatchMode) -> Prf:
    """Edit-level precision, recall and F0.5 over ``(text, gold edits, applied edits)`` triples."""
    total = _Tally()
    for text, gold, applied in docs:
        total.add(_Tally(*edit_tally(text, gold, applied, mode)))
    return total.score(beta=0.5)
