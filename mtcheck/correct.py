"""The corrector: from findings to applied corrections and the corrected text.

Two paths share one result type. Without a model, each finding's best suggestion is
applied when its confidence clears a threshold (:func:`correct_document` with no
``scorer``). With a language model, every candidate of a finding (rule suggestions,
lexicon alternatives, spelling neighbours, the model's own words) is ranked by the
log-probability of its sentence under the model; a candidate is applied only when it beats
the original sentence by the calibrated margin (the rule's prior counts for it) and, for
word substitutions, keeps the sentence's meaning (embedding similarity). Text without a
finding is never touched.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from mtcheck.document import Document, Sentence
from mtcheck.findings import Correction, Finding, Suggestion
from mtcheck.model.manifest import CALIBRATION, PackageDataMissing, data_path

CALIBRATION_PATH = data_path(CALIBRATION)


@dataclass(frozen=True)
class Calibration:
    """The corrector's and fluency rule's tuned constants (``models/calibration.json``).

    A candidate's evidence is ``delta + prior_weight * logit(prior)`` where ``delta`` is
    the gain in sentence log-probability (nats) over the original and ``prior`` the
    source's confidence; its confidence is ``sigmoid((evidence - margin) / temperature)``,
    so it reaches 0.5 exactly at the margin. Variants are scored over their sentence, at
    most ``context_chars`` before the finding and ``right_context_chars`` after it.
    """

    margin: float = 1.0
    prior_weight: float = 1.0
    temperature: float = 2.0
    min_confidence: float = 0.5
    guard_threshold: float = 0.8
    fluency_pmi: float = -9.0
    fluency_logprob: float = -11.0
    fluency_min_zipf: float = 3.0
    fluency_max_zipf: float = 6.0
    context_chars: int = 400
    right_context_chars: int = 25
    guard_context_chars: int = 50
    notes: dict[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def load(cls, path: Path | None = None) -> Calibration:
        """Read the calibration file (defaults for missing keys; a missing file is an error)."""
        path = path or CALIBRATION_PATH
        if not path.is_file():
            raise PackageDataMissing(f"the calibration {path} is missing; fix: reinstall mtcheck (make setup)")
        data = json.loads(path.read_text(encoding="utf-8"))
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})

    def to_json(self) -> str:
        """The calibration as the JSON written to ``models/calibration.json``."""
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"


@dataclass(frozen=True)
class CorrectionResult:
    """The corrected text and every correction considered (applied or not)."""

    text: str
    corrections: tuple[Correction, ...]
    warnings: tuple[str, ...] = ()

    @property
    def applied(self) -> tuple[Correction, ...]:
        """Only the corrections that changed the text."""
        return tuple(c for c in self.corrections if c.applied)


def correct_document(
    doc: Document,
    findings: Sequence[Finding],
    min_confidence: float | None = None,
    scorer: Any | None = None,
    guard: Any | None = None,
    calibration: Calibration | None = None,
    lang: Any | None = None,
) -> CorrectionResult:
    """Correct ``doc`` for ``findings``: rules only without ``scorer``, model-ranked with one.

    ``min_confidence`` defaults to 0.5 on the rules-only path and to the calibrated value
    with a model. Overlapping findings are resolved left to right: one overlapping an
    applied correction stays a proposal.
    """
    if scorer is None:
        return _rules_only(doc, findings, 0.5 if min_confidence is None else min_confidence)
    cal = calibration or Calibration.load()
    threshold = cal.min_confidence if min_confidence is None else min_confidence
    return Corrector(scorer, guard, cal, lang).correct(doc, findings, threshold)


def _rules_only(doc: Document, findings: Sequence[Finding], min_confidence: float) -> CorrectionResult:
    corrections: list[Correction] = []
    taken_until = -1
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        best = f.best
        if best is None:
            continue
        ok = best.confidence >= min_confidence and f.start >= taken_until
        corrections.append(
            Correction(
                finding=f,
                replacement=best.replacement,
                confidence=best.confidence,
                applied=ok,
                candidates=f.suggestions,
                reason="rule suggestion" if ok else "below threshold or overlapping",
            )
        )
        if ok:
            taken_until = _claim(f)
    return CorrectionResult(apply_corrections(doc.text, corrections), tuple(corrections))


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

    def __init__(self, scorer: Any, guard: Any | None = None, calibration: Calibration | None = None, lang: Any | None = None):
        self.scorer = scorer
        self.guard = guard
        self.cal = calibration or Calibration.load()
        self.lang = lang

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
        """Candidates and scoring windows for every finding, in text order."""
        from mtcheck.candidates import gather_candidates

        plans = []
        for f in sorted(findings, key=lambda f: (f.start, f.end, f.code)):
            cands = gather_candidates(doc, f, self.lang, self.scorer)
            if cands:
                plans.append(_Plan(f, self.window(doc, f), cands))
        return plans

    def evaluate(self, doc: Document, findings: Sequence[Finding], states: Mapping[int, Any] | None = None) -> list[Scored]:
        """Score every candidate of every finding (one batched model call, then the guard).

        ``states`` maps a text's start offset in ``doc`` to the scorer's kept state for it
        (:meth:`mtcheck.model.lm.SmolLM.text_states`): windows that start there continue from it.
        """
        plans = self.plan(doc, findings)
        scores, slots = self._window_scores(doc, plans, states or {})
        scored = []
        for p, slot in zip(plans, slots):
            subs = [is_word_substitution(p.finding.text, c.replacement) for c in p.candidates]
            sims: list[float | None] = [None] * len(p.candidates)
            if self.guard is not None and slot and any(subs):
                wanted = [i for i, sub in enumerate(subs) if sub]
                lo, hi = self.guard_window(doc, p.finding, p.window)
                original = doc.text[lo:hi]
                variants = [doc.text[lo : p.finding.start] + p.candidates[i].replacement + doc.text[p.finding.end : hi]
                            for i in wanted]
                got = self.guard.similarities(original, variants)
                for i, sim in zip(wanted, got):
                    sims[i] = sim
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
        shared = hasattr(self.scorer, "suffix_logprobs")
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
            return [x for group in self.scorer.suffix_logprobs(groups) for x in group], slots
        return self.scorer.sequence_logprobs(texts), slots

    def correct(self, doc: Document, findings: Sequence[Finding], min_confidence: float) -> CorrectionResult:
        """Rank, guard and apply (see the module docstring)."""
        return decide(doc, self.evaluate(doc, findings), self.cal, min_confidence)


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


def decide(doc: Document, scored: Sequence[Scored], cal: Calibration, min_confidence: float) -> CorrectionResult:
    """Turn scored candidates into corrections under ``cal`` (cheap: no model call)."""
    corrections = []
    taken_until = -1
    for s in scored:
        ranked = rank(s, cal)
        best, reason = ranked[0]
        usable = best.confidence >= min_confidence and not _held_back(reason)
        ok = usable and s.finding.start >= taken_until
        if usable and not ok:
            reason += "; overlaps an applied correction"
        corrections.append(
            Correction(
                finding=s.finding,
                replacement=best.replacement,
                confidence=best.confidence,
                applied=ok,
                candidates=tuple(c for c, _ in ranked),
                reason=reason,
            )
        )
        if ok:
            taken_until = _claim(s.finding)
    return CorrectionResult(apply_corrections(doc.text, corrections), tuple(corrections))


def rank(s: Scored, cal: Calibration) -> list[tuple[Suggestion, str]]:
    """Each candidate with its final confidence and a reason, usable ones first, best first."""
    ranked: list[tuple[Suggestion, str]] = []
    for i, c in enumerate(s.candidates):
        delta = s.deltas[i] if s.deltas is not None else 0.0
        evidence = delta + cal.prior_weight * logit(c.confidence)
        conf = sigmoid((evidence - cal.margin) / cal.temperature)
        reason = f"{c.source}: {delta:+.2f} nats vs original" if s.deltas is not None else f"{c.source}: no model context"
        sim = s.similarities[i]
        if sim is not None:
            reason += f", meaning {sim:.2f}"
            if sim < cal.guard_threshold:
                reason += " (blocked by meaning guard)"
                conf *= 0.5
        elif s.substitutions[i] and not s.guarded and c.source != "rule":
            reason += " (no meaning guard: proposal only)"
            conf = min(conf, 0.49)
        ranked.append((replace(c, confidence=round(conf, 4)), reason))
    ranked.sort(key=lambda sr: (_held_back(sr[1]), -sr[0].confidence))
    return ranked


def _held_back(reason: str) -> bool:
    return "blocked" in reason or "proposal only" in reason


def apply_corrections(text: str, corrections: Sequence[Correction]) -> str:
    """Apply the applied corrections to ``text`` (right to left so offsets stay valid)."""
    out = text
    for c in sorted((c for c in corrections if c.applied), key=lambda c: c.finding.start, reverse=True):
        out = out[: c.finding.start] + c.replacement + out[c.finding.end :]
    return out


def load_models(timeout: float | None = None) -> tuple[Any | None, Any | None, list[str]]:
    """The language model and meaning guard, or ``None`` each with warnings saying why.

    Never raises: any model fault leaves rule-only corrections (see issue 6).
    """
    from mtcheck.model.lm import ModelUnavailable, obtain_language_model

    lm, warnings, _info = obtain_language_model(timeout)
    guard = None
    if lm is not None:
        try:
            from mtcheck.model.embed import MiniLMGuard

            guard = MiniLMGuard.load()
        except ModelUnavailable as exc:
            warnings.append(f"{exc}; word substitutions are proposed but not applied")
        except Exception as exc:  # noqa: BLE001 - the guard is optional
            warnings.append(f"the meaning-guard model failed to load ({type(exc).__name__}); word substitutions are proposed but not applied")
    return lm, guard, warnings


SECTION_CHARS = 8000
"""Text the model stage keeps state for at once (about 1,800 tokens, 90 MB of state)."""


def model_sections(doc: Document, limit: int = SECTION_CHARS) -> list[tuple[Sentence, ...]]:
    """Consecutive runs of ``doc``'s sentences of at most ``limit`` characters (a longer
    sentence is a section of its own)."""
    sections: list[list[Sentence]] = []
    size = limit
    for sentence in doc.sentences:
        if size + len(sentence.text) > limit:
            sections.append([])
            size = 0
        sections[-1].append(sentence)
        size += len(sentence.text)
    return [tuple(s) for s in sections]


def evaluate_document(
    doc: Document,
    findings: Sequence[Finding],
    lm: Any,
    guard: Any | None = None,
    lang: Any | None = None,
    calibration: Calibration | None = None,
) -> tuple[tuple[Finding, ...], list[Scored]]:
    """The model stage: fluency findings added to ``findings``, and every candidate scored.

    A section of the document at a time, the sentences the fluency rule reads and those
    holding a finding go through the model once; the rule reads their token scores and the
    ranking continues from their kept states, so no text shared by a finding's variants is
    run twice. A scorer without ``text_states`` (a stand-in) gets the plain calls.
    """
    from mtcheck.rules.fluency import UnlikelyWord, without_overlaps

    cal = calibration or Calibration.load()
    corrector = Corrector(lm, guard, cal, lang)
    rule = UnlikelyWord(lm, cal)
    if not hasattr(lm, "text_states"):
        extra = without_overlaps(rule.findings_from_scores(doc, *rule.score(doc)), findings)
        found = _in_order((*findings, *extra))
        return found, corrector.evaluate(doc, found)
    pending = _in_order(findings)
    found: list[Finding] = []
    scored: list[Scored] = []
    for section in model_sections(doc):
        lo, hi = section[0].start, section[-1].end
        inside = [f for f in pending if lo <= f.start < hi]
        readable = [s for s in section if rule.reads(s)]
        holding = {doc.sentence_at(f.start).start for f in inside}  # type: ignore[union-attr]
        read = {s.start for s in readable}
        wanted = [s for s in section if s.start in holding or s.start in read]
        states = dict(zip((s.start for s in wanted), lm.text_states([s.text for s in wanted]))) if wanted else {}
        tokens = lm.state_token_scores(
            [states[s.start] for s in readable],
            [[(w.start - s.start, w.end - s.start) for w in rule.checked_words(s)] for s in readable],
        )
        extra = without_overlaps(rule.findings_from_scores(doc, readable, tokens), findings)
        section_found = _in_order((*inside, *extra))
        found += section_found
        scored += corrector.evaluate(doc, section_found, states)
    claimed = {id(f) for f in found}
    rest = [f for f in pending if id(f) not in claimed]
    if rest:
        found += rest
        scored += corrector.evaluate(doc, rest)
    order = {id(f): i for i, f in enumerate(_in_order(found))}
    scored.sort(key=lambda s: order[id(s.finding)])
    return _in_order(found), scored


def _in_order(findings: Sequence[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: (f.start, f.end, f.code)))


def correct_report(
    doc: Document,
    findings: Sequence[Finding],
    lm: Any | None,
    guard: Any | None,
    source_lang: str = "fr",
    min_confidence: float | None = None,
    calibration: Calibration | None = None,
) -> tuple[tuple[Finding, ...], CorrectionResult]:
    """Findings (plus model fluency findings when ``lm`` is given) and their corrections.

    This is what ``fix``, ``diff`` and the benchmarks run.
    """
    from mtcheck.lang import load_language

    lang = load_language(source_lang)
    if lm is None:
        return tuple(findings), correct_document(doc, findings, min_confidence, lang=lang)
    cal = calibration or Calibration.load()
    found, scored = evaluate_document(doc, findings, lm, guard, lang, cal)
    threshold = cal.min_confidence if min_confidence is None else min_confidence
    return found, decide(doc, scored, cal, threshold)
