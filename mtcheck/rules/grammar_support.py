"""What the syntax rules (family G) share: English grammar facts and small rewriting helpers.

The facts are data (``mtcheck/data/en/grammar.toml``); this module reads them and derives
verb forms (past tense, participle, base form) without an inflection library.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from mtcheck.lang import LanguageData, regex_cache
from mtcheck.rules.interference_common import SyntaxRule  # noqa: F401 - the G1xx rules import it from here
from mtcheck.syntax import ParsedSentence, SyntaxToken, inflect


@lru_cache(maxsize=4)
def grammar(lang: LanguageData) -> dict[str, Any]:
    """The parsed ``data/en/grammar.toml``."""
    return lang.english_table("grammar")


def word_set(lang: LanguageData, table: str, key: str) -> frozenset[str]:
    """One word list of ``grammar.toml`` as a lower-cased set."""
    return _word_set(lang, table, key)


@lru_cache(maxsize=64)
def _word_set(lang: LanguageData, table: str, key: str) -> frozenset[str]:
    return frozenset(w.lower() for w in grammar(lang).get(table, {}).get(key, ()))


def past_tense(lang: LanguageData, lemma: str) -> str:
    """The simple past of a verb lemma (irregulars from the data, else -ed)."""
    return inflect.past_tense(lemma)


def participle(lang: LanguageData, lemma: str) -> str:
    """The past participle of a verb lemma."""
    return inflect.participle(lemma)


def base_form(token: SyntaxToken) -> str:
    """The bare infinitive of a finite verb token ("is" -> "be", "has" -> "have", "resigns" -> "resign")."""
    lower = token.lower
    if lower in ("is", "'s", "’s", "am", "are"):
        return "be"
    if lower == "has":
        return "have"
    if lower == "does":
        return "do"
    return token.lemma.lower() if token.lemma else lower


def keep_case(original: str, replacement: str) -> str:
    """``replacement`` with the initial capital of ``original`` when it has one."""
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def subject_of(parsed: ParsedSentence, verb: int) -> SyntaxToken | None:
    """The nominal subject of a verb token, if the parse gives one."""
    for c in parsed.children(verb):
        if parsed[c].dep in ("nsubj", "nsubjpass", "expl"):
            return parsed[c]
    return None


def is_plural_subject(token: SyntaxToken | None) -> bool:
    """True when a subject token is plural (NNS/NNPS, we/they/you, or coordinated)."""
    if token is None:
        return False
    return token.tag in ("NNS", "NNPS") or token.lower in ("we", "they", "you")


def capitalised(text: str) -> bool:
    """Initial capital followed by lower case letters ("Rain", not "NATO")."""
    return text[:1].isupper() and text[1:].islower() and text.isalpha()


@lru_cache(maxsize=32)
def words_regex(table: str, key: str, suffix: str = "") -> re.Pattern[str]:
    """A case-insensitive regex matching any word of one ``grammar.toml`` list (for prefilters)."""
    # longest first, ties by text: the same pattern in every process (the regex cache keys on it)
    words = sorted(_word_set(LanguageData("en"), table, key), key=lambda w: (-len(w), w))
    return regex_cache.compile(r"(?i)\b(?:" + "|".join(map(re.escape, words)) + r")" + suffix + r"\b")
