"""The corrector's decisions: from findings (and their ranked candidates) to corrections and
the corrected text. It never creates findings.

Two paths share one result type. Without a model, each finding's best suggestion is
applied when its confidence clears a threshold (:func:`correct_document` with no
``scorer``). With a language model, :func:`decide` never does worse than the rules: a finding
the rules would correct is corrected with the rule's choice, unless the model scores another of
its candidates (a rule's other suggestion, a lexicon alternative) above the rule's choice by the
margin calibrated for the finding's category (``choice_margins``; most categories have none, and
then the finding is not even scored: :meth:`mtcheck.ranking.Corrector.wants_scores`). A finding
the rules only propose (below the threshold, or with no suggestion) is corrected only when a
candidate beats the original by the ``"proposal"`` margin, and word substitutions must keep the
sentence's meaning (the guard). Each correction's :class:`Decision` says which path decided.

Every decision is a :class:`~mtcheck.findings.CorrectionStatus`. Besides confidence and
overlaps, two guards hold a correction back whatever its confidence:

* text an inline directive or the glossary protects is never changed (``SUPPRESSED``);
* no correction may delete much of the article (``TOO_LARGE``): one deletion of more than
  :data:`MAX_DELETION_CHARS` characters, or deletions that together remove more than
  :data:`MAX_DELETED_SHARE` of the article's words (at least :data:`MIN_DELETED_WORDS` are
  always allowed), stay proposals. Word-level edits (a repeated word dropped, a calque
  reworded: at most :data:`SMALL_EDIT_WORDS` words and 20 characters fewer) are not counted:
  they change wording, not content.

Text without a finding is never touched. Applying is linear in the text's size.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from functools import lru_cache

from mtcheck.document import Document
from mtcheck.findings import Correction, CorrectionStatus, Finding, Suggestion
from mtcheck.lang import LanguageData
from mtcheck.ranking import PROPOSAL, Corrector, Scored, is_word_substitution
from mtcheck.scoring import CALIBRATION_PATH, Calibration, LanguageModel, MeaningGuard

__all__ = [
    "CALIBRATION_PATH", "PROPOSAL", "Calibration", "CorrectionResult", "Corrector", "Decision", "DeletionBudget", "Scored",
    "apply_corrections", "correct_document", "decide", "deleted_text", "is_word_substitution",
    "load_models", "logit", "rank", "sigmoid",
]

MAX_DELETED_SHARE = 0.05
"""Deletions may remove at most this share of an article's words; more stay proposals."""
MIN_DELETED_WORDS = 5
"""However short the article, deleting this many words in total is allowed."""
MAX_DELETION_CHARS = 200
"""A single correction deleting more characters than this is only proposed."""
SMALL_EDIT_WORDS = 2
"""A correction removing at most this many words (and 20 characters) is a word-level edit."""
_WORD_RE = re.compile(r"[^\W_]+")

Protected = Callable[[Finding, str], bool]
"""Says whether replacing a finding's span by a text would change protected text (text under an
inline directive, a glossary term): see :class:`mtcheck.admit.Protection`."""




class Decision(str, Enum):
    """Which path decided a correction (whether it is applied is its ``status``)."""

    RULE = "rule"
    """The rule's own choice, as ``fix --no-model`` makes it (the model not consulted)."""
    RULE_KEPT = "rule-kept"
    """The rule's choice, after the model scored the alternatives and none beat it by the margin."""
    MODEL_CHOICE = "model-choice"
    """Another candidate than the rule's, which the model prefers by the category's margin."""
    MODEL_PROPOSAL = "model-proposal"
    """A finding the rules do not correct: the model's best candidate, applied only above the
    ``"proposal"`` margin."""
    MODEL_RULE = "model-rule"
    """The fix of a model rule's finding (L002: the model already preferred it by its margin)."""
    GLOSSARY = "glossary"
    """The user's preferred spelling (never overridden)."""


@dataclass(frozen=True)
class CorrectionResult:
    """The corrected text and every correction considered (applied or not); ``decisions``,
    when given, says which path decided each correction (same order)."""

    text: str
    corrections: tuple[Correction, ...]
    warnings: tuple[str, ...] = ()
    decisions: tuple[Decision, ...] = ()

    @property
    def applied(self) -> tuple[Correction, ...]:
        """Only the corrections that changed the text."""
        return tuple(c for c in self.corrections if c.applied)


def _word_count(text: str) -> int:
    return len(_WORD_RE.findall(text))


def deleted_text(c: Correction) -> str:
    """What a correction removes: the finding's text when the replacement drops words or
    more than a few characters, else the empty string."""
    original, new = c.finding.text, c.replacement
    if _word_count(new) < _word_count(original) or len(original) - len(new) > 20:
        return original
    return ""


class DeletionBudget:
    """The share cap: how much of an article corrections may still delete."""

    def __init__(self, words: int):
        self.words = words
        self.allowed = max(MIN_DELETED_WORDS, math.floor(words * MAX_DELETED_SHARE))
        self.spent = 0

    def add_words(self, words: int) -> None:
        """Grow the article by ``words`` (a file corrected block by block): the cap becomes
        the share of every word read so far."""
        self.words += words
        self.allowed = max(MIN_DELETED_WORDS, math.floor(self.words * MAX_DELETED_SHARE))

    def cost(self, finding: Finding, replacement: str) -> int:
        """Words the correction removes that count against the cap (0 for a word-level edit)."""
        removed = max(0, _word_count(finding.text) - _word_count(replacement))
        if removed <= SMALL_EDIT_WORDS and len(finding.text) - len(replacement) <= 20:
            return 0
        return removed

    def allows(self, finding: Finding, replacement: str) -> bool:
        """Whether applying the correction keeps within the cap."""
        if len(finding.text) - len(replacement) > MAX_DELETION_CHARS:
            return False
        return self.spent + self.cost(finding, replacement) <= self.allowed

    def spend(self, finding: Finding, replacement: str) -> None:
        """Count an applied correction's deletion."""
        self.spent += self.cost(finding, replacement)


def correct_document(
    doc: Document,
    findings: Sequence[Finding],
    min_confidence: float | None = None,
    scorer: LanguageModel | None = None,
    guard: MeaningGuard | None = None,
    calibration: Calibration | None = None,
    lang: LanguageData | None = None,
    protected: Protected | None = None,
) -> CorrectionResult:
    """Correct ``doc`` for ``findings``: rules only without ``scorer``, model-ranked with one.

    ``min_confidence`` defaults to 0.5 on the rules-only path and to the calibrated value
    with a model. Overlapping findings are resolved left to right: one overlapping an
    applied correction stays a proposal.
    """
    if scorer is None:
        return rules_only(doc, findings, 0.5 if min_confidence is None else min_confidence, protected)
    cal = calibration or Calibration.load()
    threshold = cal.min_confidence if min_confidence is None else min_confidence
    scored = Corrector(scorer, guard, cal, lang).evaluate(doc, findings)
    return decide(doc, scored, cal, threshold, protected)


def rules_only(
    doc: Document, findings: Sequence[Finding], min_confidence: float, protected: Protected | None = None,
    budget: DeletionBudget | None = None,
) -> CorrectionResult:
    """Apply each finding's best suggestion when it is confident enough (no model).
    ``budget`` is shared across the blocks of one large file (default: ``doc``'s own)."""
    corrections: list[Correction] = []
    taken_until = -1
    budget = DeletionBudget(doc.word_count) if budget is None else budget
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        best = f.best
        if best is None:
            continue
        status = _status(f, best, None, min_confidence, taken_until, budget, protected)
        corrections.append(
            Correction(f, best.replacement, best.confidence, status, f.suggestions, _RULE_REASONS.get(status, status.value))
        )
        if status is CorrectionStatus.APPLIED:
            taken_until = _claim(f)
    return CorrectionResult(apply_corrections(doc.text, corrections), tuple(corrections))


_RULE_REASONS = {CorrectionStatus.APPLIED: "rule suggestion", CorrectionStatus.BELOW_THRESHOLD: "below threshold"}


def _status(
    f: Finding,
    best: Suggestion,
    hold: CorrectionStatus | None,
    min_confidence: float,
    taken_until: int,
    budget: DeletionBudget,
    protected: Protected | None,
) -> CorrectionStatus:
    """The decision for ``f``'s best candidate; spends the budget when it is applied."""
    if hold is not None:
        return hold
    if best.confidence < min_confidence:
        return CorrectionStatus.BELOW_THRESHOLD
    if protected is not None and protected(f, best.replacement):
        return CorrectionStatus.SUPPRESSED
    if f.start < taken_until:
        return CorrectionStatus.OVERLAPS
    if not budget.allows(f, best.replacement):
        return CorrectionStatus.TOO_LARGE
    budget.spend(f, best.replacement)
    return CorrectionStatus.APPLIED


def _claim(f: Finding) -> int:
    return max(f.end, f.start + 1) if f.start == f.end else f.end


def sigmoid(x: float) -> float:
    """The logistic function, safe for large magnitudes."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def logit(p: float) -> float:
    """The log-odds of ``p`` (clamped away from 0 and 1)."""
    p = min(max(p, 1e-3), 1 - 1e-3)
    return math.log(p / (1 - p))


def decide(
    doc: Document,
    scored: Sequence[Scored],
    cal: Calibration,
    min_confidence: float,
    protected: Protected | None = None,
) -> CorrectionResult:
    """Turn scored candidates into corrections under ``cal`` (cheap: no model call); see the
    module docstring for the paths."""
    corrections = []
    decisions = []
    taken_until = -1
    budget = DeletionBudget(doc.word_count)
    for s in scored:
        ranked = rank(s, cal)
        best, reason, hold, decision = choose(s, ranked, cal, min_confidence)
        status = _status(s.finding, best, hold, 0.0, taken_until, budget, protected)
        if status not in (CorrectionStatus.APPLIED, hold):
            reason += f" ({status.value})"
        corrections.append(
            Correction(s.finding, best.replacement, best.confidence, status, tuple(c for c, _, _ in ranked), reason)
        )
        decisions.append(decision)
        if status is CorrectionStatus.APPLIED:
            taken_until = _claim(s.finding)
    return CorrectionResult(apply_corrections(doc.text, corrections), tuple(corrections), decisions=tuple(decisions))


def choose(
    s: Scored, ranked: Sequence[tuple[Suggestion, str, CorrectionStatus | None]], cal: Calibration, min_confidence: float
) -> tuple[Suggestion, str, CorrectionStatus | None, Decision]:
    """The candidate to apply for one finding, why, what holds it back (``None``: nothing) and
    which path decided. ``ranked`` is :func:`rank`'s list for ``s``."""
    glossary = [c for c in s.candidates if c.source == "glossary"]
    if glossary:
        return glossary[0], "glossary: preferred spelling", None, Decision.GLOSSARY
    rule = s.finding.best
    if rule is not None and rule.confidence >= min_confidence:
        alt = model_choice(s, rule, cal)
        if alt is None:
            scored = s.deltas is not None and len(s.candidates) > 1
            kind = Decision.RULE_KEPT if scored else Decision.MODEL_RULE if s.finding.code in _model_rule_codes() else Decision.RULE
            return rule, "rule suggestion" + (" (model: no candidate beats it)" if scored else ""), None, kind
        i, gain = alt
        c = s.candidates[i]
        reason = f"{c.source}: model prefers it to the rule's “{rule.replacement}” by {gain:+.2f} nats"
        return replace(c, confidence=rule.confidence), reason, None, Decision.MODEL_CHOICE
    best, reason, hold = ranked[0]
    margin = cal.choice_margins.get(PROPOSAL)
    if hold is None:
        i = s.candidates.index(next(c for c in s.candidates if c.replacement == best.replacement))
        delta = s.deltas[i] if s.deltas is not None else None
        if margin is None or delta is None or delta <= margin:
            hold = CorrectionStatus.BELOW_THRESHOLD
    return best, reason, hold, Decision.MODEL_PROPOSAL


@lru_cache(maxsize=1)
def _model_rule_codes() -> frozenset[str]:
    from mtcheck.rules import ALL_RULES

    return frozenset(r.code for r in ALL_RULES if "model" in r.needs)


def model_choice(s: Scored, rule: Suggestion, cal: Calibration) -> tuple[int, float] | None:
    """The candidate of ``s`` the model prefers to the rule's choice ``rule`` by the margin of
    the finding's category, with its gain over ``rule`` (nats); ``None`` when there is none.

    Only the rule's other suggestions and lexicon alternatives compete (spelling and the model's
    own words are for findings without a rule fix), and never one the meaning guard blocks."""
    margin = cal.choice_margins.get(s.finding.category)
    if margin is None or s.deltas is None:
        return None
    base = next((i for i, c in enumerate(s.candidates) if c.replacement == rule.replacement), None)
    if base is None:
        return None
    best: tuple[int, float] | None = None
    for i, c in enumerate(s.candidates):
        if i == base or c.source not in ("rule", "lexicon"):
            continue
        sim = s.similarities[i]
        if sim is not None and sim < cal.guard_threshold:
            continue
        if s.substitutions[i] and sim is None and c.source != "rule" and not s.guarded:
            continue
        gain = s.deltas[i] - s.deltas[base]
        if gain > margin and (best is None or gain > best[1]):
            best = (i, gain)
    return best


def rank(s: Scored, cal: Calibration) -> list[tuple[Suggestion, str, CorrectionStatus | None]]:
    """Each candidate with its final confidence, a human-readable reason and, when it may not
    be applied whatever its confidence, the status that holds it back; usable ones first,
    best first."""
    ranked: list[tuple[Suggestion, str, CorrectionStatus | None]] = []
    for i, c in enumerate(s.candidates):
        if c.source == "glossary":  # the user's preferred spelling: neither the model nor the guard overrides it
            ranked.append((c, "glossary: preferred spelling", None))
            continue
        delta = s.deltas[i] if s.deltas is not None else 0.0
        evidence = delta + cal.prior_weight * logit(c.confidence)
        conf = sigmoid((evidence - cal.margin) / cal.temperature)
        reason = f"{c.source}: {delta:+.2f} nats vs original" if s.deltas is not None else f"{c.source}: not scored"
        hold = None
        sim = s.similarities[i]
        if sim is not None:
            reason += f", meaning {sim:.2f}"
            if sim < cal.guard_threshold:
                reason += " (blocked by meaning guard)"
                hold = CorrectionStatus.BLOCKED_BY_GUARD
                conf *= 0.5
        elif s.substitutions[i] and not s.guarded and c.source != "rule":
            reason += " (no meaning guard: proposal only)"
            hold = CorrectionStatus.PROPOSAL_ONLY
            conf = min(conf, 0.49)
        ranked.append((replace(c, confidence=round(conf, 4)), reason, hold))
    ranked.sort(key=lambda r: (r[2] is not None, -r[0].confidence))
    return ranked


def apply_corrections(text: str, corrections: Sequence[Correction]) -> str:
    """Apply the applied corrections to ``text``: the output is built from pieces in one
    pass (linear in the text's size, whatever the number of corrections)."""
    pieces: list[str] = []
    at = 0
    for c in sorted((c for c in corrections if c.applied), key=lambda c: (c.finding.start, c.finding.end)):
        if c.finding.start < at:
            continue  # overlapping corrections are never both applied; be safe anyway
        pieces.append(text[at : c.finding.start])
        pieces.append(c.replacement)
        at = c.finding.end
    if not pieces:
        return text
    pieces.append(text[at:])
    return "".join(pieces)


def load_models(timeout: float | None = None, guard: bool = True) -> tuple[LanguageModel | None, MeaningGuard | None, list[str]]:
    """The language model and (unless ``guard`` is false) the meaning guard, or ``None`` each
    with warnings saying why.

    Never raises: any model fault leaves rule-only corrections (see issue 6).
    """
    from mtcheck.errors import ModelUnavailable
    from mtcheck.model.loader import obtain_language_model

    lm, warnings, _info = obtain_language_model(timeout)
    loaded_guard: MeaningGuard | None = None
    if lm is not None and guard:
        try:
            from mtcheck.model.embed import MiniLMGuard

            loaded_guard = MiniLMGuard.load()
        except ModelUnavailable as exc:
            warnings.append(f"{exc}; word substitutions are proposed but not applied")
        except Exception as exc:  # noqa: BLE001 - the guard is optional
            warnings.append(f"the meaning-guard model failed to load ({type(exc).__name__}); word substitutions are proposed but not applied")
    return lm, loaded_guard, warnings
