"""Core result types: findings, suggestions, corrections and reports.

All are frozen dataclasses with no output code; renderers in ``mtcheck.render`` turn a
:class:`Report` into text, JSON, SARIF, HTML and so on.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    """How bad a finding is. Ordered: ``error`` > ``warning`` > ``info``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """2 for error, 1 for warning, 0 for info."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]


CATEGORIES: tuple[str, ...] = (
    "typography",
    "number-format",
    "casing",
    "untranslated",
    "entity-consistency",
    "false-friend",
    "calque",
    "pronoun",
    "repetition",
    "metadata-leak",
    "fluency",
)
"""Every finding category, in display order."""


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A proposed replacement for a finding's span, with a confidence in [0, 1]."""

    replacement: str
    confidence: float = 0.5
    source: str = "rule"


@dataclass(frozen=True, slots=True)
class Finding:
    """One suspicious span found by a rule.

    ``start``/``end`` are code-point offsets into the document text; ``text`` is the slice.
    """

    code: str
    rule: str
    category: str
    severity: Severity
    start: int
    end: int
    text: str
    message: str
    suggestions: tuple[Suggestion, ...] = ()

    @property
    def best(self) -> Suggestion | None:
        """The most confident suggestion, if any."""
        return max(self.suggestions, key=lambda s: s.confidence, default=None)


@dataclass(frozen=True, slots=True)
class Correction:
    """A change applied (or proposed) to the text for one finding."""

    finding: Finding
    replacement: str
    confidence: float
    applied: bool
    candidates: tuple[Suggestion, ...] = ()
    reason: str = ""


@dataclass(frozen=True)
class FileReport:
    """The result of checking one document."""

    path: str
    text: str
    words: int
    findings: tuple[Finding, ...]
    corrections: tuple[Correction, ...] = ()
    corrected_text: str | None = None
    score: float | None = None
    passed: bool | None = None
    line_starts: tuple[int, ...] = field(default=(0,), repr=False)

    def line_col(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of a code-point offset in ``text``."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1


@dataclass(frozen=True)
class Report:
    """The result of one run over one or more documents."""

    files: tuple[FileReport, ...]
    version: str
    source_lang: str = "fr"
    elapsed: float = 0.0
    warnings: tuple[str, ...] = ()
