"""Helpers shared by the rules that read word lists and phrase tables.

Matching is on whole words: a phrase never matches inside a longer word or hyphenated
compound. ``fold`` gives the key used for accent- and case-insensitive comparisons.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from mtcheck.lang import regex_cache

APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
OPENING_QUOTES = "\"“‘«'„"
CLOSING_QUOTES = "\"”’»'"


def fold(text: str) -> str:
    """Case-fold, strip accents and normalise apostrophes (for lookups and allowlists)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(APOSTROPHES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=64)
def phrase_pattern(phrases: tuple[str, ...], ignore_case: bool = False) -> re.Pattern[str] | None:
    """A regex matching any of ``phrases`` as whole words, longest first (``None`` if empty)."""
    if not phrases:
        return None
    # longest first; ties by text, so the pattern is the same in every process (the regex cache keys on it)
    alternatives = "|".join(re.escape(p) for p in sorted(set(phrases), key=lambda p: (-len(p), p)))
    flags = re.IGNORECASE if ignore_case else 0
    return regex_cache.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", flags)


def find_phrases(text: str, phrases: Iterable[str], ignore_case: bool = False) -> list[tuple[int, int]]:
    """Spans of whole-word occurrences of ``phrases`` in ``text``."""
    pattern = phrase_pattern(tuple(sorted(phrases)), ignore_case)
    if pattern is None:
        return []
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def folded_phrase_spans(text: str, phrases: Iterable[str]) -> list[tuple[int, int]]:
    """Spans of ``phrases`` in ``text`` compared accent-, case- and apostrophe-insensitively.

    Folding keeps one code point per code point for the Latin letters used here, so spans in
    the folded text are spans in the original.
    """
    folded = _fold_same_length(text)
    return find_phrases(folded, {_fold_same_length(p) for p in phrases})


def _fold_same_length(text: str) -> str:
    out = []
    for ch in text.translate(APOSTROPHES):
        base = unicodedata.normalize("NFKD", ch)[:1] or ch
        low = base.lower()
        out.append(low if len(low) == 1 else ch)
    return "".join(out)


def covered(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    """True when ``[start, end)`` lies inside one of ``spans``."""
    return any(s <= start and end <= e for s, e in spans)


def quoted_spans(text: str) -> list[tuple[int, int, int, int]]:
    """Quoted stretches on one line: (open, content start, content end, close end)."""
    spans = []
    for m in re.finditer(r"(«\s?|“|\")([^\"“”«»\n]{1,200}?)(\s?»|”|\")", text):
        spans.append((m.start(), m.start(2), m.end(2), m.end()))
    return spans
