"""Lexicon entries: a pattern (surface or syntax) with its context, antipatterns, suggestions
and tested examples, built from the ``[[entry]]`` tables of the data files.

See :mod:`mtcheck.lang.patterns` for the surface pattern language and
:mod:`mtcheck.lang.token_patterns` for the syntax units; ``mtcheck/data/README.md`` documents both.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from typing import TYPE_CHECKING

from mtcheck.lang.token_patterns import (
    TokenMatch,
    TokenPattern,
    TokenPatternError,
    compile_token_pattern,
    expand_token_suggestion,
    is_token_pattern,
)
from mtcheck.lang.patterns import (
    CompiledPattern,
    LazyRegex,
    PatternError,
    compile_pattern,
    expand_suggestion,
    suggestion_slots,
)

if TYPE_CHECKING:
    from mtcheck.document import Sentence
    from mtcheck.syntax import ParsedSentence

ENTRY_FIELDS = frozenset(
    {"id", "pattern", "suggest", "confidence", "severity", "source", "note", "requires", "unless",
     "case_sensitive", "bad", "expect", "good", "antipatterns", "scope"}
)
"""Keys a lexicon entry may have; ``id pattern suggest confidence source note bad expect good`` are required."""

SCOPES = ("sentence", "document")
"""Where ``requires``/``unless`` are searched: the hit's sentence (default) or the whole document."""

_REQUIRED_FIELDS = ("id", "pattern", "suggest", "confidence", "source", "note", "bad", "expect", "good")
_SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class LexiconEntry:
    """One lexicon entry: a compiled pattern, its context constraints, suggestions and examples."""

    id: str
    pattern: CompiledPattern
    suggest: tuple[str, ...]
    confidence: float
    severity: str
    source: str
    note: str
    requires: tuple[re.Pattern[str], ...]
    unless: tuple[re.Pattern[str], ...]
    bad: tuple[str, ...]
    expect: tuple[str, ...]
    good: tuple[str, ...]

    antipatterns: tuple[CompiledPattern | TokenPattern, ...] = ()
    scope: str = "sentence"

    @property
    def syntax(self) -> bool:
        """True when the entry (its pattern or an antipattern) is matched on the parse."""
        return isinstance(self.pattern, TokenPattern) or any(isinstance(a, TokenPattern) for a in self.antipatterns)

    def matches(
        self, sentence: str, parsed: ParsedSentence | None = None, document: str | None = None
    ) -> list[tuple[int, int, tuple[str, ...]]]:
        """``(start, end, suggestions)`` for each hit in ``sentence`` that its context allows.

        ``parsed`` is the sentence's parse (parsed here when a syntax entry needs it and it is
        not given); ``document`` is the whole text, searched by ``requires``/``unless`` when the
        entry's scope is ``document``.
        """
        if self.syntax and parsed is None:
            from mtcheck.syntax import parse_text

            parsed = parse_text(sentence)
        base = parsed.start if parsed is not None else 0
        if isinstance(self.pattern, TokenPattern):
            found = [(m.start - base, m.end - base, m) for m in self.pattern.search_all(parsed)]
        else:
            found = [(m.start(), m.end(), m) for m in self.pattern.search_all(sentence)]
        if not found:
            return []
        context = document if self.scope == "document" and document is not None else sentence
        if self.requires and not any(r.search(context) for r in self.requires):
            return []
        if any(u.search(context) for u in self.unless):
            return []
        blocked = self._antipattern_spans(sentence, parsed, base)
        hits = []
        for mstart, mend, m in found:
            if any(s < mend and mstart < e for s, e in blocked):
                continue
            if isinstance(m, TokenMatch):
                start, end = m.span_start - base, m.span_end - base
                filled = [expand_token_suggestion(s, m) for s in self.suggest]
            else:
                start, end = self.pattern.span(m)
                filled = [expand_suggestion(s, m) for s in self.suggest]
            hits.append((start, end, tuple(match_case(sentence[start:end], f) for f in filled)))
        return hits

    def hits(self, sentence: Sentence, document: str, syntax: object | None) -> list[tuple[int, int, tuple[str, ...]]]:
        """:meth:`matches` for a document's sentence, parsed through the document's syntax layer.

        A syntax entry yields nothing when the layer is absent or cannot run.
        """
        parsed = None
        if self.syntax:
            from mtcheck.syntax import SyntaxUnavailable

            if syntax is None:
                return []
            try:
                parsed = syntax.parse(sentence)  # type: ignore[attr-defined]
            except SyntaxUnavailable:
                return []
        return self.matches(sentence.text, parsed, document)

    def _antipattern_spans(self, sentence: str, parsed: ParsedSentence | None, base: int) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        for anti in self.antipatterns:
            if isinstance(anti, TokenPattern):
                spans.extend((m.start - base, m.end - base) for m in anti.search_all(parsed))
            else:
                spans.extend((m.start(), m.end()) for m in anti.search_all(sentence))
        return spans

    def apply_first(self, sentence: str) -> str:
        """``sentence`` with every hit replaced by its first suggestion (used by the data tests)."""
        out = sentence
        for start, end, suggestions in reversed(self.matches(sentence)):
            out = out[:start] + suggestions[0] + out[end:]
        return out


def match_case(template: str, replacement: str) -> str:
    """Give ``replacement`` the initial capital of ``template`` when it has one."""
    if template[:1].isupper() and replacement[:1].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement


def _as_tuple(value: object, key: str, entry_id: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise PatternError(f"entry {entry_id!r}: {key} must be a string or a list of strings")


def build_entry(
    raw: Mapping[str, object], classes: Mapping[str, Sequence[str]] | None = None, *, lazy: bool = False
) -> LexiconEntry:
    """Validate and compile one raw TOML entry; raise :class:`PatternError` when malformed.

    With ``lazy`` its regexes are compiled on first use (see :func:`compile_pattern`).
    """
    entry_id = str(raw.get("id", "?"))
    missing = [k for k in _REQUIRED_FIELDS if k not in raw]
    if missing:
        raise PatternError(f"entry {entry_id!r}: missing {', '.join(missing)}")
    unknown = set(raw) - ENTRY_FIELDS
    if unknown:
        raise PatternError(f"entry {entry_id!r}: unknown keys {', '.join(sorted(unknown))}")
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", entry_id):
        raise PatternError(f"entry {entry_id!r}: id must be a kebab-case slug")
    confidence = raw["confidence"]
    if not isinstance(confidence, (int, float)) or not 0 < confidence <= 1:
        raise PatternError(f"entry {entry_id!r}: confidence must be in (0, 1]")
    severity = str(raw.get("severity", "warning"))
    if severity not in _SEVERITIES:
        raise PatternError(f"entry {entry_id!r}: severity must be one of {_SEVERITIES}")
    case_sensitive = bool(raw.get("case_sensitive", False))
    pattern = _compile_any(str(raw["pattern"]), case_sensitive, classes, lazy, entry_id)
    antipatterns = tuple(
        _compile_any(a, case_sensitive, classes, lazy, entry_id) for a in _as_tuple(raw.get("antipatterns", []), "antipatterns", entry_id)
    )
    scope = str(raw.get("scope", "sentence"))
    if scope not in SCOPES:
        raise PatternError(f"entry {entry_id!r}: scope must be one of {SCOPES}")
    suggest = _as_tuple(raw["suggest"], "suggest", entry_id)
    if not suggest or not all(s.strip() for s in suggest):
        raise PatternError(f"entry {entry_id!r}: needs at least one non-empty suggestion")
    for s in suggest:
        if any(n < 1 or n > pattern.captures for n in suggestion_slots(s)):
            raise PatternError(f"entry {entry_id!r}: suggestion {s!r} refers to a missing capture")
    bad = _as_tuple(raw["bad"], "bad", entry_id)
    expect = _as_tuple(raw["expect"], "expect", entry_id)
    good = _as_tuple(raw["good"], "good", entry_id)
    if not bad or not good or len(bad) != len(expect):
        raise PatternError(f"entry {entry_id!r}: needs bad and good examples and one expect per bad")
    context_regex = (lambda r: LazyRegex(r, re.IGNORECASE)) if lazy else (lambda r: re.compile(r, re.IGNORECASE))
    try:
        requires = tuple(context_regex(r) for r in _as_tuple(raw.get("requires", []), "requires", entry_id))
        unless = tuple(context_regex(r) for r in _as_tuple(raw.get("unless", []), "unless", entry_id))
    except re.error as exc:
        raise PatternError(f"entry {entry_id!r}: bad context regex: {exc}") from exc
    return LexiconEntry(
        id=entry_id,
        pattern=pattern,
        suggest=suggest,
        confidence=float(confidence),
        severity=severity,
        source=str(raw["source"]),
        note=str(raw["note"]),
        requires=requires,
        unless=unless,
        bad=bad,
        expect=expect,
        good=good,
        antipatterns=antipatterns,
        scope=scope,
    )


def _compile_any(
    source: str, case_sensitive: bool, classes: Mapping[str, Sequence[str]] | None, lazy: bool, entry_id: str
) -> CompiledPattern | TokenPattern:
    """A surface pattern, or a syntax pattern when ``source`` has syntax units."""
    if not is_token_pattern(source):
        return compile_pattern(source, case_sensitive, classes, lazy=lazy)
    try:
        return compile_token_pattern(source, case_sensitive, classes)
    except TokenPatternError as exc:
        raise PatternError(f"entry {entry_id!r}: {exc}") from exc


def build_lexicon(table: Mapping[str, object], *, lazy: bool = False) -> tuple[LexiconEntry, ...]:
    """Compile every ``[[entry]]`` of a parsed lexicon file, checking that ids are unique.

    With ``lazy`` each regex is compiled on first use (see :func:`compile_pattern`).
    """
    classes = table.get("classes", {})
    if not isinstance(classes, Mapping):
        raise PatternError("[classes] must be a table of word lists")
    entries = []
    seen: set[str] = set()
    for raw in table.get("entry", []):  # type: ignore[union-attr]
        entry = build_entry(raw, classes, lazy=lazy)
        if entry.id in seen:
            raise PatternError(f"duplicate entry id {entry.id!r}")
        seen.add(entry.id)
        entries.append(entry)
    return tuple(entries)
