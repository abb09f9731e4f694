"""A small token pattern language for lexicon entries, compiled to regular expressions.

A pattern is a sequence of space-separated *units*, matched against one sentence with word
boundaries and, unless an entry says ``case_sensitive = true``, without regard to case:

``word``
    A literal word. An apostrophe matches both ``'`` and ``’``; a hyphen matches itself.
``word{ed|s|ing|}``
    Braces inside a unit give alternatives, here inflections (the empty alternative is
    allowed). ``{a|an|the}`` alone is a one-word choice. Every brace group is a *capture*.
``*``
    Any one word (a capture).
``<NAME>``
    A capitalised word, case-sensitively, such as a surname (a capture).
``@class``
    Any word of a named class declared in the data file's ``[classes]`` table (not a capture).
``(several words)?``
    An optional run of units (the group is not a capture, braces inside it are; it may not
    contain ``[`` or ``]`` but may follow ``[``). A lone ``{x|}`` with an empty alternative
    is refused: write ``({x})?``.
``!word`` / ``!{was|were}``
    A negative assertion: before the first positive unit it means "not preceded by",
    elsewhere "not followed by". It consumes nothing.
``^``
    First unit only: the match must begin the sentence (so a sentence opening with a quotation
    mark does not match).
``[`` … ``]``
    Optional brackets around units: the *span to replace*. Units outside are context that is
    matched but left alone. Without brackets the whole match is the span.
``,`` ``:`` ``'s``
    Punctuation units attach to the previous unit with optional space.

Captures are numbered from 1 in the order their units appear. Suggestions refer to them as
``{1}``; ``{1:took=made|takes=makes}`` maps the captured text through a small table (keys
compared case-insensitively, unmapped values kept as they are). For example the pattern
``[assist{ed|s|ing|} to] @det`` with suggestion ``attend{1}`` turns "assisted to the" into
"attended".
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from mtcheck.lang import regex_cache

_SEP = r"\s+"
_WORD_RE = r"[^\W_][\w'’-]*"
_NAME_RE = r"(?-i:[A-ZÀ-ÖØ-Þ])[\w'’-]*"
_PUNCT = frozenset({",", ":", ";", "'s", "’s", "."})
_UNIT_SPLIT_RE = re.compile(r"\(.*?\)\?|\S+")
_SLOT_REF_RE = re.compile(r"\{(\d+)(?::([^{}]*))?\}")


class PatternError(ValueError):
    """A lexicon pattern or suggestion that does not follow the pattern language."""


class LazyRegex:
    """A regular expression compiled on first use, standing in for its ``re.Pattern``.

    A lexicon holds hundreds of patterns while a document needs few (most are skipped by
    their required word), and compiling them all dominated start-up.
    """

    __slots__ = ("source", "flags", "_compiled")

    def __init__(self, source: str, flags: int) -> None:
        self.source = source
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it was not yet)."""
        if self._compiled is None:
            self._compiled = regex_cache.compile(self.source, self.flags)
        return self._compiled

    def __getattr__(self, name: str):
        return getattr(self.compiled, name)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyRegex):
            return (self.source, self.flags) == (other.source, other.flags)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.source, self.flags))

    def __repr__(self) -> str:
        return f"LazyRegex({self.source!r}, {self.flags!r})"

    def __reduce__(self) -> tuple[type[LazyRegex], tuple[str, int]]:
        return LazyRegex, (self.source, self.flags)


@dataclass(frozen=True)
class CompiledPattern:
    """A compiled pattern: its regex, the number of captures and a required literal word.

    ``required`` is one word every match must contain (lower-cased), used to skip sentences
    cheaply before running the regex; empty when the pattern has no mandatory literal.
    ``anchors`` holds, for each mandatory word unit that can be spelled out, the set of its
    possible spellings (lower-cased): a match contains one of each set as a whole word.
    """

    source: str
    regex: re.Pattern[str]
    captures: int
    required: str
    anchors: tuple[frozenset[str], ...] = ()

    def search_all(self, sentence: str) -> list[re.Match[str]]:
        """Every non-overlapping match in ``sentence``."""
        if self.required and self.required not in sentence.lower():
            return []
        return list(self.regex.finditer(sentence))

    @staticmethod
    def span(match: re.Match[str]) -> tuple[int, int]:
        """The span to replace inside the sentence: the bracketed part, else the whole match."""
        if match.re.groupindex.get("span") and match.start("span") >= 0:
            start, end = match.start("span"), match.end("span")
            text = match.string[start:end]
            return start + len(text) - len(text.lstrip()), end
        return match.start(), match.end()


def _literal(text: str) -> str:
    out = []
    for ch in text:
        if ch in "'’":
            out.append("['’]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _word_unit(unit: str, classes: Mapping[str, Sequence[str]]) -> tuple[str, int, str]:
    """Regex, number of captures and the literal (for prefiltering) of one word unit."""
    if unit == "*":
        return f"({_WORD_RE})", 1, ""
    if unit == "<NAME>":
        return f"({_NAME_RE})", 1, ""
    if unit.startswith("@"):
        words = classes.get(unit[1:])
        if not words:
            raise PatternError(f"unknown word class {unit!r}")
        alts = "|".join(_literal(w) for w in sorted(words, key=len, reverse=True))
        return f"(?:{alts})", 0, ""
    parts = re.split(r"(\{[^{}]*\})", unit)
    if len(parts) == 3 and not parts[0] and not parts[2] and "" in parts[1][1:-1].split("|"):
        raise PatternError(f"a lone {unit!r} may not have an empty alternative; use ({{…}})? instead")
    regex, captures, literal = [], 0, ""
    for part in parts:
        if part.startswith("{") and part.endswith("}"):
            alts = part[1:-1].split("|")
            if any(re.search(r"[\s{}()\[\]]", a) for a in alts):
                raise PatternError(f"bad alternatives in {unit!r}")
            ordered = sorted(alts, key=len, reverse=True)
            regex.append("(" + "|".join(_literal(a) for a in ordered) + ")")
            captures += 1
        elif part:
            if re.search(r"[(){}\[\]<>*@!^?|]", part):
                raise PatternError(f"unexpected character in unit {unit!r}")
            regex.append(_literal(part))
            literal = part if len(part) > len(literal) else literal
    if not regex:
        raise PatternError(f"empty unit in {unit!r}")
    return "".join(regex), captures, literal.lower()


_ANCHOR_WORD_RE = re.compile(r"[\w-]+")


def _unit_spellings(unit: str, classes: Mapping[str, Sequence[str]], limit: int = 256) -> frozenset[str] | None:
    r"""Every spelling (lower-cased) of a bounded word unit, or None when it cannot be listed.

    Only units whose spellings are all runs of word characters and hyphens qualify: a match of
    such a unit is then a whole ``[\w-]+`` run of the sentence.
    """
    if unit in ("*", "<NAME>") or unit in _PUNCT:
        return None
    if unit.startswith("@"):
        options = [str(w) for w in classes.get(unit[1:], ())]
    else:
        options = [""]
        for part in re.split(r"(\{[^{}]*\})", unit):
            alts = part[1:-1].split("|") if part.startswith("{") and part.endswith("}") else [part]
            options = [o + a for o in options for a in alts]
            if len(options) > limit:
                return None
    if not options or not all(_ANCHOR_WORD_RE.fullmatch(o) for o in options):
        return None
    return frozenset(o.lower() for o in options)


def _bounded(regex: str, unit: str) -> str:
    if unit in _PUNCT:
        return regex
    return rf"(?<![\w'’-]){regex}(?![\w-]|['’]\w)"


def _split_units(pattern: str) -> list[str]:
    """Units of a pattern, with ``[`` and ``]`` glued to words split off as units of their own."""
    units: list[str] = []
    for raw in _UNIT_SPLIT_RE.findall(pattern.strip()):
        if raw.startswith("(") or raw in ("[", "]"):
            units.append(raw)
            continue
        lead = raw.startswith("[")
        trail = raw.endswith("]")
        core = raw[1 if lead else 0 : -1 if trail else None]
        units.extend((["["] if lead else []) + ([core] if core else []) + (["]"] if trail else []))
    return units


def compile_pattern(
    pattern: str,
    case_sensitive: bool = False,
    classes: Mapping[str, Sequence[str]] | None = None,
    *,
    lazy: bool = False,
) -> CompiledPattern:
    """Compile one pattern of the language above; raise :class:`PatternError` when malformed.

    With ``lazy`` the regex is a :class:`LazyRegex` compiled on first use, so a malformed
    regex would only fail then (use it for data whose tests compile every entry).
    """
    classes = classes or {}
    units = _split_units(pattern)
    if not units:
        raise PatternError("empty pattern")
    out: list[str] = []
    captures = 0
    literals: list[str] = []
    anchors: list[frozenset[str]] = []
    positive_seen = False
    span_state = "none"
    anchored = False
    pending_open = False
    for i, unit in enumerate(units):
        if unit == "^":
            if i != 0:
                raise PatternError("'^' may only begin a pattern")
            anchored = True
        elif unit == "[":
            if span_state != "none":
                raise PatternError("only one [ … ] span per pattern")
            span_state, pending_open = "open", True
        elif unit == "]":
            if span_state != "open" or pending_open:
                raise PatternError("unbalanced or empty [ … ]")
            out.append(")")
            span_state = "closed"
        elif unit.startswith("!"):
            body = unit[1:]
            words = body[1:-1].split("|") if body.startswith("{") and body.endswith("}") else [body]
            if not all(re.fullmatch(r"[\w'’-]+", w) for w in words):
                raise PatternError(f"bad negative unit {unit!r}")
            if not positive_seen:
                out.append("".join(rf"(?<!\b{_literal(w)}\s)" for w in words))
            else:
                alts = "|".join(_literal(w) for w in words)
                out.append(rf"(?!\s+(?:{alts})(?![\w'’-]))")
        elif unit.startswith("(") and unit.endswith(")?"):
            inner_units = unit[1:-2].split()
            if not inner_units or any(u[0] in "[]!^(" or u.endswith("]") for u in inner_units):
                raise PatternError(f"bad optional group {unit!r}")
            pieces = []
            for u in inner_units:
                rx, n, _ = _word_unit(u, classes)
                captures += n
                pieces.append(_bounded(rx, u))
            if pending_open:
                out.append("(?P<span>")
                pending_open = False
            if not positive_seen:
                out.append("(?:" + "".join(p + (r"\s*" if u in _PUNCT else _SEP) for p, u in zip(pieces, inner_units)) + ")?")
            else:
                out.append("(?:" + "".join((r"\s*" if u in _PUNCT else _SEP) + p for p, u in zip(pieces, inner_units)) + ")?")
        else:
            rx, n, literal = _word_unit(unit, classes)
            captures += n
            if literal and not re.search(r"['’]", literal):
                literals.append(literal)
            spellings = _unit_spellings(unit, classes)
            if spellings:
                anchors.append(spellings)
            sep = (r"\s*" if unit in _PUNCT else _SEP) if positive_seen else ""
            opener = ""
            if pending_open:
                opener, pending_open = "(?P<span>", False
            out.append(sep + opener + _bounded(rx, unit))
            positive_seen = True
    if span_state == "open" or not positive_seen:
        raise PatternError("unbalanced [ … ] or no word to match")
    regex = ("^" if anchored else "") + "".join(out)
    flags = re.UNICODE if case_sensitive else re.UNICODE | re.IGNORECASE
    if lazy:
        regex_object: re.Pattern[str] = LazyRegex(regex, flags)  # type: ignore[assignment]
        return CompiledPattern(pattern, regex_object, captures, max(literals, key=len, default=""), tuple(anchors))
    try:
        compiled = re.compile(regex, flags)
    except re.error as exc:
        raise PatternError(f"pattern {pattern!r} compiles to a bad regex: {exc}") from exc
    required = max(literals, key=len, default="")
    return CompiledPattern(pattern, compiled, captures, required, tuple(anchors))


def expand_suggestion(template: str, match: re.Match[str]) -> str:
    """Fill ``{N}`` and ``{N:a=b|c=d}`` slots of a suggestion from a match's captures."""

    def fill(m: re.Match[str]) -> str:
        index = int(m.group(1))
        groups = [g for g in range(1, (match.re.groups or 0) + 1) if g != match.re.groupindex.get("span")]
        if index < 1 or index > len(groups):
            raise PatternError(f"suggestion {template!r} refers to missing capture {index}")
        value = match.group(groups[index - 1]) or ""
        if m.group(2) is None:
            return value
        table = dict(
            (k.strip().lower(), v.strip()) for k, _, v in (pair.partition("=") for pair in m.group(2).split("|"))
        )
        return table.get(value.lower(), value)

    return re.sub(r" {2,}", " ", _SLOT_REF_RE.sub(fill, template)).strip()


def suggestion_slots(template: str) -> list[int]:
    """The capture numbers a suggestion template refers to."""
    return [int(m.group(1)) for m in _SLOT_REF_RE.finditer(template)]


# The entry layer and the syntax (token) patterns live in their own modules; their public
# names are re-exported here so that ``from mtcheck.lang.patterns import …`` keeps working.
from mtcheck.lang.pattern_entries import (  # noqa: E402
    ENTRY_FIELDS,
    LexiconEntry,
    build_entry,
    build_lexicon,
    match_case,
)
from mtcheck.lang.token_patterns import TokenPattern, compile_token_pattern, is_token_pattern  # noqa: E402

from mtcheck.lang import pattern_entries as _entries_module, token_patterns as _tokens_module  # noqa: E402

CODE_FILES = tuple(Path(m.__file__) for m in (sys.modules[__name__], _entries_module, _tokens_module))
"""The source files of the pattern language (a cache of compiled entries is keyed on them)."""
