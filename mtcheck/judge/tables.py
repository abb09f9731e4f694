"""The language data the proposers read: referents for "its/it" and false-friend alternatives.

Both come from existing tables (``data/en/gendered_referents.toml`` and the language's
``false_friends.toml``); nothing here is new language knowledge.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from mtcheck.lang import LanguageData
from mtcheck.lang.patterns import PatternError, compile_pattern, expand_suggestion

_BRACKET = re.compile(r"\[([^\]\s]+)\]")
_CONTEXT_CAPTURE = re.compile(r"[{*<@]")

Matcher = Callable[[str], Iterable[tuple[int, int, str]]]


def referents(lang: LanguageData) -> frozenset[str]:
    """Countries, cities and institutions that English calls "it"."""
    return frozenset(lang.english_table("gendered_referents").get("referents", ()))


def false_friend_matchers(lang: LanguageData) -> tuple[tuple[Matcher, int], ...]:
    """One matcher per false-friend entry whose replaced span is a single word unit: it finds
    that word anywhere (without the entry's context conditions, which the model replaces) and
    gives the entry's suggestions (at most two) as alternatives. Paired with the entry index."""
    return _matchers(lang.code, id(lang))


@lru_cache(maxsize=4)
def _matchers(code: str, _lang_id: int) -> tuple[tuple[Matcher, int], ...]:
    from mtcheck.lang import load_language

    table = load_language(code).table("false_friends")
    classes = table.get("classes", {})
    out = []
    for n, entry in enumerate(table.get("entry", ())):
        pattern = entry.get("pattern", "")
        m = _BRACKET.search(pattern)
        if m is None or _CONTEXT_CAPTURE.search(pattern[: m.start()]) or m.group(1).startswith(("<", "@")):
            continue
        try:
            compiled = compile_pattern(f"[{m.group(1)}]", bool(entry.get("case_sensitive", False)), classes)
        except PatternError:
            continue
        suggestions = tuple(entry.get("suggest", ()))[:2]
        if suggestions:
            out.append((_matcher(compiled, suggestions), n))
    return tuple(out)


def _matcher(compiled, suggestions: tuple[str, ...]) -> Matcher:
    def match(text: str) -> list[tuple[int, int, str]]:
        found = []
        for hit in compiled.search_all(text):
            lo, hi = compiled.span(hit)
            for template in suggestions:
                try:
                    alt = expand_suggestion(template, hit)
                except PatternError:
                    continue
                if alt and alt.lower() != text[lo:hi].lower():
                    found.append((lo, hi, alt if not text[lo:lo + 1].isupper() else alt[:1].upper() + alt[1:]))
        return found

    return match
