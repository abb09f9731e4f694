"""Ranking a finding's candidates with a language model (no decision, no text change).

:class:`Corrector` gathers each finding's candidates (:mod:`mtcheck.candidates`), scores the
sentence window around it with every candidate in place, in one batched model call that
continues from the model stage's kept states, and asks the meaning guard about word
substitutions. The result, one :class:`Scored` per finding, is turned into decisions by
:func:`mtcheck.correct.decide`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mtcheck.document import Document
from mtcheck.findings import Finding, Suggestion
from mtcheck.lang import LanguageData
from mtcheck.scoring import Calibration, LanguageModel, MeaningGuard, is_stateful

PROPOSAL = "proposal"
"""The ``choice_margins`` key of findings the rules only propose."""


def is_word_substitution(original: str, replacement: str) -> bool:
    """True when a word is replaced by a different word (not a case, spacing or punctuation fix,
    not a pure deletion): the changes the meaning guard must check."""
    a = [w.casefold() for w in _words(original)]
    b = [w.casefold() for w in _words(replacement)]
    return bool(a) and bool(b) and a != b


def _words(text: str) -> list[str]:
    return [t for t in "".join(c if c.isalnum() else " " for c in text).split()]


@dataclass
class _Plan:
    finding: Finding
    window: tuple[int, int] | None
    candidates: tuple[Suggestion, ...]


class Corrector:
    """Ranks each finding's candidates with a language model and applies the confident ones."""

    def __init__(
        self,
        scorer: LanguageModel,
        guard: MeaningGuard | None = None,
        calibration: Calibration | None = None,
        lang: LanguageData | None = None,
        score_all: bool = False,
    ):
        self.scorer = scorer
        self.guard = guard
        self.cal = calibration or Calibration.load()
        self.lang = lang
        self.score_all = score_all
        """Score every finding's candidates, decided or not (calibration runs)."""

    def may_score(self, f: Finding) -> bool:
        """Whether ``f``'s candidates may need the model (before gathering them): not when the
        rules decide it alone — a glossary fix, or a confident rule fix in a category whose
        choice the model may not change (see :func:`mtcheck.correct.decide`)."""
        if self.score_all:
            return True
        if any(s.source == "glossary" for s in f.suggestions):
            return False
        best = f.best
        if best is not None and best.confidence >= self.cal.min_confidence:
            return self.cal.choice_margins.get(f.category) is not None
        return self.cal.choice_margins.get(PROPOSAL) is not None

    def wants_scores(self, f: Finding, candidates: Sequence[Suggestion]) -> bool:
        """Whether the decision for ``f`` reads the model's scores of ``candidates``: a confident
        rule fix only when another rule suggestion or lexicon alternative could replace it."""
        if not self.may_score(f):
            return False
        best = f.best
        if self.score_all or best is None or best.confidence < self.cal.min_confidence:
            return True
        return any(c.source in ("rule", "lexicon") and c.replacement != best.replacement for c in candidates)

    def window(self, doc: Document, f: Finding) -> tuple[int, int] | None:
        """The text scored for ``f``: its sentence(s), at most ``context_chars`` before it and
        ``right_context_chars`` after it (cut at spaces); ``None`` for an overlong span."""
        first = doc.sentence_at(f.start)
        last = doc.sentence_at(max(f.start, f.end - 1)) or first
        lo = first.start if first else f.start
        hi = last.end if last else f.end
        hi = max(hi, f.end)
        lo = min(lo, f.start)
        reach, right = self.cal.context_chars, self.cal.right_context_chars
        if f.start - lo > reach:
            cut = doc.text.find(" ", f.start - reach, f.start)
            lo = cut + 1 if cut >= 0 else f.start - reach
        if hi - f.end > right:
            cut = doc.text.rfind(" ", f.end, f.end + right)
            hi = cut if cut > f.end else f.end + right
        if "\n" in doc.text[lo:f.start]:
            lo = doc.text.rfind("\n", lo, f.start) + 1
        if "\n" in doc.text[f.end:hi]:
            hi = doc.text.find("\n", f.end, hi)
        if hi - lo > 2 * (reach + right):
            return None
        return lo, hi

    def guard_window(self, doc: Document, f: Finding, window: tuple[int, int]) -> tuple[int, int]:
        """The clause around ``f`` the meaning guard compares: a whole sentence dilutes one word."""
        reach = self.cal.guard_context_chars
        lo = max(window[0], f.start - reach)
        hi = min(window[1], f.end + reach)
        if lo > window[0]:
            cut = doc.text.find(" ", lo, f.start)
            lo = cut + 1 if cut >= 0 else lo
        if hi < window[1]:
            cut = doc.text.rfind(" ", f.end, hi)
            hi = cut if cut > f.end else hi
        return lo, hi

    def plan(self, doc: Document, findings: Sequence[Finding]) -> list[_Plan]:
        """Candidates and scoring windows for every finding, in text order (no window: the
        finding is decided without the model, or its span is too long to score)."""
        from mtcheck.candidates import gather_candidates

        plans = []
        for f in sorted(findings, key=lambda f: (f.start, f.end, f.code)):
            cands = gather_candidates(doc, f, self.lang, self.scorer if self.may_score(f) else None)
            if cands:
                plans.append(_Plan(f, self.window(doc, f) if self.wants_scores(f, cands) else None, cands))
        return plans

    def evaluate(self, doc: Document, findings: Sequence[Finding], states: Mapping[int, Any] | None = None) -> list[Scored]:
        """Score every candidate of every finding (one batched model call, then the guard).

        ``states`` maps a text's start offset in ``doc`` to the scorer's kept state for it
        (:class:`mtcheck.scoring.ModelContext`): windows that start there continue from it.
        """
        from mtcheck.model.runtime import parallel_map

        plans = self.plan(doc, findings)
        scores, slots = self._window_scores(doc, plans, states or {})
        asks: list[tuple[int, list[int], str, list[str]]] = []
        all_subs = []
        for n, (p, slot) in enumerate(zip(plans, slots)):
            subs = [is_word_substitution(p.finding.text, c.replacement) for c in p.candidates]
            all_subs.append(subs)
            if self.guard is not None and slot and any(subs):
                wanted = [i for i, sub in enumerate(subs) if sub]
                lo, hi = self.guard_window(doc, p.finding, p.window)
                variants = [doc.text[lo : p.finding.start] + p.candidates[i].replacement + doc.text[p.finding.end : hi]
                            for i in wanted]
                asks.append((n, wanted, doc.text[lo:hi], variants))
        guard = self.guard
        answers = parallel_map(lambda ask: guard.similarities(ask[2], ask[3]), asks) if guard is not None else []
        sims_of: dict[int, list[float | None]] = {}
        for (n, wanted, _, _), got in zip(asks, answers):
            sims_of[n] = [None] * len(plans[n].candidates)
            for i, sim in zip(wanted, got):
                sims_of[n][i] = sim
        scored = []
        for n, (p, slot) in enumerate(zip(plans, slots)):
            subs = all_subs[n]
            sims = sims_of.get(n) or [None] * len(p.candidates)
            deltas = [scores[slot[i + 1]] - scores[slot[0]] for i in range(len(p.candidates))] if slot else None
            scored.append(Scored(p.finding, p.candidates, deltas, subs, sims, self.guard is not None))
        return scored

    def _window_scores(self, doc: Document, plans: Sequence[_Plan], states: Mapping[int, Any]) -> tuple[list[float], list[list[int]]]:
        """Log-probabilities of each plan's window, original first then each candidate.

        A scorer with ``suffix_logprobs`` scores the text shared by all variants (up to the
        last space before the finding) once, or continues from the kept state of the text
        the window starts; only the differing rest is scored per variant. The shared part's
        log-probability is the same for every variant, so the gains over the original are
        those of scoring whole windows.
        """
        shared = is_stateful(self.scorer)
        texts: list[str] = []
        groups: list[tuple[str, list[str], Any]] = []
        slots: list[list[int]] = []
        for p in plans:
            if p.window is None:
                slots.append([])
                continue
            lo, hi = p.window
            f = p.finding
            cut = max(doc.text.rfind(" ", lo, f.start), lo) if shared else lo
            variants = [doc.text[cut:f.start] + r + doc.text[f.end:hi] for r in (doc.text[f.start:f.end], *(c.replacement for c in p.candidates))]
            base = len(texts)
            texts += variants
            groups.append((doc.text[lo:cut], variants, states.get(lo)))
            slots.append(list(range(base, len(texts))))
        if not texts:
            return [], slots
        if shared:
            return [x for group in self.scorer.suffix_logprobs(groups) for x in group], slots  # type: ignore[attr-defined]
        return self.scorer.sequence_logprobs(texts), slots


@dataclass
class Scored:
    """A finding's candidates with their model evidence: sentence log-prob gains (``None``
    without model context), whether each is a word substitution, and meaning similarities."""

    finding: Finding
    candidates: tuple[Suggestion, ...]
    deltas: list[float] | None
    substitutions: list[bool]
    similarities: list[float | None]
    guarded: bool
