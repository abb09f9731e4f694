"""The CI gate: whether a file (and so the run) passes the configured thresholds.

A file fails when it has a finding at or above ``fail_on`` severity, when its quality score
is below ``min_score``, or when it has more than ``max_findings_per_1k`` findings per 1,000
words. The run passes when every file passes. Why a file failed is a typed
:class:`GateFailure` (which check, its threshold, the file's value); renderers word it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from enum import Enum

from mtcheck.findings import FileReport, Report, Severity
from mtcheck.score import findings_per_1k, quality_score


class GateCheck(str, Enum):
    """One of the gate's checks, named as its configuration key."""

    FAIL_ON = "fail-on"
    MIN_SCORE = "min-score"
    MAX_FINDINGS_PER_1K = "max-findings-per-1k"


THRESHOLD_RANGES: dict[GateCheck, tuple[float, float]] = {
    GateCheck.MIN_SCORE: (0.0, 100.0),
    GateCheck.MAX_FINDINGS_PER_1K: (0.0, 1_000_000.0),
}
"""The accepted range of each numeric threshold (finite numbers only), for flags and configuration."""


def threshold_problem(check: GateCheck, value: object) -> str | None:
    """Why ``value`` is not a valid threshold for ``check`` (``None`` when it is)."""
    low, high = THRESHOLD_RANGES[check]
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"{check.value} must be a number from {low:g} to {high:g}, not {value!r}"
    if not math.isfinite(value) or not low <= value <= high:
        return f"{check.value} must be a finite number from {low:g} to {high:g}, not {value!r}"
    return None


@dataclass(frozen=True)
class Gate:
    """Gate thresholds; ``None`` turns a check off."""

    fail_on: Severity | None = Severity.ERROR
    min_score: float | None = None
    max_findings_per_1k: float | None = None


@dataclass(frozen=True)
class GateFailure:
    """One reason a file failed the gate: the check, its threshold and the file's value.

    For ``FAIL_ON`` the threshold is the severity and the value the number of findings at or
    above it; for ``MIN_SCORE`` the value is the score; for ``MAX_FINDINGS_PER_1K`` the rate.
    """

    check: GateCheck
    threshold: Severity | float
    value: float


def file_failures(report: FileReport, gate: Gate) -> list[GateFailure]:
    """Why ``report`` fails ``gate`` (empty when it passes)."""
    reasons = []
    if gate.fail_on is not None:
        n = sum(1 for f in report.findings if f.severity.rank >= gate.fail_on.rank)
        if n:
            reasons.append(GateFailure(GateCheck.FAIL_ON, gate.fail_on, n))
    score = report.score if report.score is not None else quality_score(report.findings, report.words)
    if gate.min_score is not None and score < gate.min_score:
        reasons.append(GateFailure(GateCheck.MIN_SCORE, gate.min_score, score))
    if gate.max_findings_per_1k is not None:
        rate = findings_per_1k(len(report.findings), report.words)
        if rate > gate.max_findings_per_1k:
            reasons.append(GateFailure(GateCheck.MAX_FINDINGS_PER_1K, gate.max_findings_per_1k, rate))
    return reasons


def apply_gate(report: FileReport, gate: Gate) -> FileReport:
    """``report`` with its ``score``, ``passed`` and ``gate_failures`` fields filled in."""
    score = quality_score(report.findings, report.words)
    scored = replace(report, score=score)
    failures = tuple(file_failures(scored, gate))
    return replace(scored, passed=not failures, gate_failures=failures)


def run_passed(report: Report) -> bool:
    """True when no file of the run failed its gate."""
    return all(fr.passed is not False for fr in report.files)
