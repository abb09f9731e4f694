"""The CI gate: whether a file (and so the run) passes the configured thresholds.

A file fails when it has a finding at or above ``fail_on`` severity, when its quality score
is below ``min_score``, or when it has more than ``max_findings_per_1k`` findings per 1,000
words. The run passes when every file passes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from mtcheck.findings import FileReport, Report, Severity
from mtcheck.score import findings_per_1k, quality_score


@dataclass(frozen=True)
class Gate:
    """Gate thresholds; ``None`` turns a check off."""

    fail_on: Severity | None = Severity.ERROR
    min_score: float | None = None
    max_findings_per_1k: float | None = None


def file_failures(report: FileReport, gate: Gate) -> list[str]:
    """Why ``report`` fails ``gate`` (empty when it passes)."""
    reasons = []
    if gate.fail_on is not None:
        n = sum(1 for f in report.findings if f.severity.rank >= gate.fail_on.rank)
        if n:
            reasons.append(f"{n} finding{'s' * (n != 1)} at or above {gate.fail_on.value}")
    score = report.score if report.score is not None else quality_score(report.findings, report.words)
    if gate.min_score is not None and score < gate.min_score:
        reasons.append(f"score {score:g} below {gate.min_score:g}")
    if gate.max_findings_per_1k is not None:
        rate = findings_per_1k(len(report.findings), report.words)
        if rate > gate.max_findings_per_1k:
            reasons.append(f"{rate:.1f} findings per 1,000 words above {gate.max_findings_per_1k:g}")
    return reasons


def apply_gate(report: FileReport, gate: Gate) -> FileReport:
    """``report`` with its ``score`` and ``passed`` fields filled in."""
    score = quality_score(report.findings, report.words)
    scored = replace(report, score=score)
    return replace(scored, passed=not file_failures(scored, gate))


def run_passed(report: Report) -> bool:
    """True when no file of the run failed its gate."""
    return all(fr.passed is not False for fr in report.files)
