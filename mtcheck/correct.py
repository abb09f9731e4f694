"""The corrector: from findings to applied corrections and the corrected text.

This module holds the rules-only path (each finding's best suggestion, applied when its
confidence clears a threshold). The model-ranked path plugs in through ``scorer``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mtcheck.document import Document
from mtcheck.findings import Correction, Finding


@dataclass(frozen=True)
class CorrectionResult:
    """The corrected text and every correction considered (applied or not)."""

    text: str
    corrections: tuple[Correction, ...]

    @property
    def applied(self) -> tuple[Correction, ...]:
        """Only the corrections that changed the text."""
        return tuple(c for c in self.corrections if c.applied)


def correct_document(
    doc: Document,
    findings: Sequence[Finding],
    min_confidence: float = 0.5,
) -> CorrectionResult:
    """Apply each finding's best suggestion whose confidence is at least ``min_confidence``.

    Overlapping findings are resolved left to right: a finding overlapping one already
    applied is kept as a proposal but not applied.
    """
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
            taken_until = max(f.end, f.start + 1) if f.start == f.end else f.end
    return CorrectionResult(apply_corrections(doc.text, corrections), tuple(corrections))


def apply_corrections(text: str, corrections: Sequence[Correction]) -> str:
    """Apply the applied corrections to ``text`` (right to left so offsets stay valid)."""
    out = text
    for c in sorted((c for c in corrections if c.applied), key=lambda c: c.finding.start, reverse=True):
        out = out[: c.finding.start] + c.replacement + out[c.finding.end :]
    return out
