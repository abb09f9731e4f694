"""The document quality score: 0–100, MQM-style penalties per severity per 1,000 words.

Each finding costs penalty points by severity (:data:`WEIGHTS`, the MQM weights: an error
counts as a major issue, a warning as a minor one, an info as neutral); the points are
normalised to 1,000 words and subtracted from 100::

    penalty = 1000 * (5 * errors + 1 * warnings + 0 * infos) / max(words, 1)
    score   = max(0, 100 - penalty), rounded to one decimal

So one error in a 1,000-word article scores 95.0, one warning 99.0, and twenty errors per
1,000 words score 0. The run score uses the same formula over all files' findings and
words together (a word-weighted mean of the penalties, not a mean of file scores).
"""

from __future__ import annotations

from collections.abc import Iterable

from mtcheck.findings import FileReport, Finding, Report, Severity

WEIGHTS: dict[Severity, float] = {Severity.ERROR: 5.0, Severity.WARNING: 1.0, Severity.INFO: 0.0}
"""Penalty points per finding, by severity."""

REFERENCE_WORDS = 1000
"""Penalties are expressed per this many words."""


def penalty_points(findings: Iterable[Finding]) -> float:
    """The unnormalised penalty of ``findings``: the sum of their severity weights."""
    return sum(WEIGHTS[f.severity] for f in findings)


def quality_score(findings: Iterable[Finding], words: int) -> float:
    """The 0–100 score of a text of ``words`` words with ``findings``."""
    penalty = REFERENCE_WORDS * penalty_points(findings) / max(words, 1)
    return round(max(0.0, 100.0 - penalty), 1)


def findings_per_1k(count: int, words: int) -> float:
    """How many findings per 1,000 words."""
    return REFERENCE_WORDS * count / max(words, 1)


def file_score(report: FileReport) -> float:
    """The score of one file."""
    return quality_score(report.findings, report.words)


def run_score(report: Report) -> float:
    """The score of a whole run: every finding over every word."""
    findings = (f for fr in report.files for f in fr.findings)  # never a list: a large file's are many
    return quality_score(findings, sum(fr.words for fr in report.files))
