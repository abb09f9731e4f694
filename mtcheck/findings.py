"""Core result types: findings, suggestions, corrections and reports.

All are frozen dataclasses with no output code; renderers in ``mtcheck.render`` turn a
:class:`Report` into text, JSON, SARIF, HTML and so on.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, overload

if TYPE_CHECKING:
    from mtcheck.gate import GateFailure


class Severity(str, Enum):
    """How bad a finding is. Ordered: ``error`` > ``warning`` > ``info``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """2 for error, 1 for warning, 0 for info."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]


CATEGORY_DEFINITIONS: dict[str, str] = {
    "typography": "French typographic conventions or spacing slips (« », space before ; : ! ?, 'three -year').",
    "number-format": "French number, date and time formats (17,7 ; 1 200 000 ; 18h30 ; le 3 mars ; 1er).",
    "casing": "Wrong capitalisation (kyiv, 'with Glee', 'Prime minister', sentence-initial lower case).",
    "untranslated": "French words, names or passages left in the English (Poutine, Pékin, milliards, mardi).",
    "entity-consistency": "One entity spelled several ways in one article (Zelensky / Zelenski).",
    "false-friend": "A French word rendered by a similar-looking English word with another meaning.",
    "calque": "A French construction translated word for word (take a decision, since two years).",
    "pronoun": "French grammatical gender carried over (Russia ... her; the company ... she) or wrong pronoun.",
    "repetition": "Duplicated words, phrases or speech verbs (the the; in arms in arms; said Declared).",
    "metadata-leak": "Non-article material in the body (tag lines, 'Read also', slugs, enrichment blocks).",
    "fluency": "Other awkward MT wording an editor would rewrite (the ruble has reinforced).",
    "word-order": "French word order kept (adverb between verb and object, post-nominal adjective, inverted reporting verb).",
    "grammar": "English grammar broken by French structure (tense with a finished time, subjunctive, articles).",
    "omission": "A source sentence or clause with no counterpart in the translation.",
    "mistranslation": "A number, date, name or negation that differs from the source.",
    "untranslated-sentence": "A target segment identical to, or mostly, its source.",
    "terminology": "A glossary term of the source whose required English term is missing.",
}
"""Every finding category with a one-line definition, in display order: the one category list
(rules, the corpus annotations and the reports all read it)."""

CATEGORIES: tuple[str, ...] = tuple(CATEGORY_DEFINITIONS)
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
    entry: str = ""
    """The id of the data entry behind the finding (a lexicon entry such as ``assist-to``,
    ``exonym:Poutine``), empty for rules without entries; ``ignore-entries`` and inline
    ``entry:ID`` selectors switch one entry off."""
    source_start: int | None = None
    """With a source: where the finding's source sentence starts in the source text."""
    source_end: int | None = None

    @property
    def best(self) -> Suggestion | None:
        """The most confident suggestion, if any."""
        return max(self.suggestions, key=lambda s: s.confidence, default=None)


_Kind = tuple  # (code, rule, category, severity, message, suggestions, entry, source_start, source_end)


class FindingTable(Sequence[Finding]):
    """Findings of one file stored compactly: a read-only sequence of :class:`Finding`.

    A large file's report holds hundreds of thousands of findings, each about 400 bytes as an
    object; here a finding is its two offsets (8 bytes each) and the index (4 bytes) of its
    *kind*, everything but the span (code, rule, category, severity, message, suggestions,
    entry, source span), each distinct kind kept once. ``text`` is sliced from the file's text
    when it is that slice (as every rule's is); any other text is kept apart. A finding is
    rebuilt when it is read, equal to the one stored.
    """

    __slots__ = ("_starts", "_ends", "_kinds", "_kind_list", "_texts", "_source")

    def __init__(self, findings: Iterable[Finding] = (), source: str = ""):
        builder = FindingTableBuilder()
        for f in findings:
            builder.add(f, source[f.start : f.end] == f.text)
        self._take(builder, source)

    def _take(self, builder: FindingTableBuilder, source: str) -> None:
        self._starts, self._ends, self._kinds = builder.starts, builder.ends, builder.kinds
        self._kind_list, self._texts, self._source = tuple(builder.kind_list), builder.texts, source

    def _finding(self, i: int) -> Finding:
        code, rule, category, severity, message, suggestions, entry, s0, s1 = self._kind_list[self._kinds[i]]
        start, end = self._starts[i], self._ends[i]
        text = self._texts.get(i)
        if text is None:
            text = self._source[start:end]
        return Finding(code, rule, category, severity, start, end, text, message, suggestions, entry, s0, s1)

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, index: int) -> Finding: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Finding, ...]: ...

    def __getitem__(self, index: int | slice) -> Finding | tuple[Finding, ...]:
        if isinstance(index, slice):
            return tuple(self._finding(i) for i in range(*index.indices(len(self))))
        n = len(self)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError("finding index out of range")
        return self._finding(index)

    def __iter__(self) -> Iterator[Finding]:
        return map(self._finding, range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (FindingTable, tuple, list)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"FindingTable({len(self)} findings)"

    def __reduce__(self) -> tuple[object, ...]:
        return (_restore_table, (self._starts, self._ends, self._kinds, self._kind_list, self._texts, self._source))


def _restore_table(starts: array, ends: array, kinds: array, kind_list: tuple, texts: dict, source: str) -> FindingTable:
    builder = FindingTableBuilder()
    builder.starts, builder.ends, builder.kinds, builder.kind_list, builder.texts = starts, ends, kinds, list(kind_list), texts
    table = FindingTable.__new__(FindingTable)
    table._take(builder, source)
    return table


class FindingTableBuilder:
    """Collects findings one at a time into a :class:`FindingTable` (the file's text, which
    the table slices, is given at the end, once it is complete)."""

    def __init__(self) -> None:
        self.starts = array("q")
        self.ends = array("q")
        self.kinds = array("I")
        self.kind_list: list[_Kind] = []
        self.texts: dict[int, str] = {}
        self._index: dict[_Kind, int] = {}

    def add(self, f: Finding, text_is_slice: bool) -> None:
        """Add ``f``; ``text_is_slice`` says whether ``f.text`` is the file's text at its span."""
        kind = (f.code, f.rule, f.category, f.severity, f.message, f.suggestions, f.entry, f.source_start, f.source_end)
        k = self._index.get(kind)
        if k is None:
            k = self._index[kind] = len(self.kind_list)
            self.kind_list.append(kind)
        if not text_is_slice:
            self.texts[len(self.starts)] = f.text
        self.starts.append(f.start)
        self.ends.append(f.end)
        self.kinds.append(k)

    def table(self, source: str) -> FindingTable:
        """The findings added so far, slicing ``source`` (the file's whole text)."""
        table = FindingTable.__new__(FindingTable)
        table._take(self, source)
        return table


class CorrectionStatus(str, Enum):
    """What the corrector decided for one finding's best candidate (only ``APPLIED`` changes text)."""

    APPLIED = "applied"
    BELOW_THRESHOLD = "below-threshold"
    """Less confident than the threshold (``--min-confidence`` or the calibrated one)."""
    OVERLAPS = "overlaps"
    """Its span overlaps a correction already applied (left to right)."""
    BLOCKED_BY_GUARD = "blocked-by-guard"
    """The meaning guard found the sentence's meaning changed."""
    PROPOSAL_ONLY = "proposal-only"
    """A word substitution with no meaning guard loaded: shown, never applied."""
    SUPPRESSED = "suppressed"
    """Its span touches text an inline directive or the glossary protects."""
    TOO_LARGE = "too-large"
    """It would delete too much of the article (see :mod:`mtcheck.correct`'s share cap)."""


@dataclass(frozen=True, slots=True)
class Correction:
    """A change applied (or proposed) to the text for one finding.

    ``status`` is the typed decision; ``reason`` is a human-readable detail for reports.
    """

    finding: Finding
    replacement: str
    confidence: float
    status: CorrectionStatus
    candidates: tuple[Suggestion, ...] = ()
    reason: str = ""

    @property
    def applied(self) -> bool:
        """True when the correction changed the text."""
        return self.status is CorrectionStatus.APPLIED


@dataclass(frozen=True)
class BilingualView:
    """The source side of a checked file, for renderers that show source beside target.

    ``pairs`` are aligned spans ``(source_start, source_end, target_start, target_end)``
    (target offsets into :attr:`FileReport.text`; an empty side has start == end);
    ``units`` are ``(target_start, target_end, unit_id)`` of a bilingual file's units.
    """

    source_text: str
    pairs: tuple[tuple[int, int, int, int], ...] = ()
    units: tuple[tuple[int, int, str], ...] = ()
    source_path: str | None = None


@dataclass(frozen=True)
class FileReport:
    """The result of checking one document."""

    path: str
    text: str
    words: int
    findings: tuple[Finding, ...] | FindingTable
    """A tuple, or for a large file a :class:`FindingTable` (a compact read-only sequence)."""
    corrections: tuple[Correction, ...] = ()
    corrected_text: str | None = None
    score: float | None = None
    passed: bool | None = None
    line_starts: Sequence[int] = field(default=(0,), repr=False)
    """Where each line starts (a tuple, or for a large file an ``array`` of 8-byte offsets)."""
    gate_failures: tuple[GateFailure, ...] = ()
    """Why the file failed the gate (empty when it passed or was not gated)."""
    bilingual: BilingualView | None = field(default=None, repr=False)
    """The source side when the file was checked against a source (``--source``, XLIFF…)."""

    def unit_at(self, offset: int) -> str | None:
        """The id of the bilingual unit (XLIFF unit, PO entry…) holding ``offset``, if any."""
        if self.bilingual is None:
            return None
        for start, end, unit in self.bilingual.units:
            if start <= offset <= end:
                return unit or None
        return None

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
    errors: tuple[str, ...] = ()
    """Inputs that could not be read or decoded, one line each; the others were checked and
    the run ends with exit status 2."""
