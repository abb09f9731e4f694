"""Lexicon rules (families F and K): false friends and calques, driven by per-language data.

The knowledge lives in ``mtcheck/data/<lang>/false_friends.toml`` and ``calques.toml``: each
entry is a pattern in the small language of :mod:`mtcheck.lang.patterns`, with context
constraints, suggestions, a confidence and tested examples. The rules only run the lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import ClassVar

from mtcheck.document import Document
from mtcheck.findings import Finding, Severity, Suggestion
from mtcheck.lang import LanguageData
from mtcheck.lang import patterns
from mtcheck.lang.cache import cached
from mtcheck.lang.patterns import LexiconEntry, build_lexicon
from mtcheck.rules.base import Rule, RuleContext


@lru_cache(maxsize=None)
def lexicon_for(lang: LanguageData, table: str) -> tuple[LexiconEntry, ...]:
    """The entries of one lexicon table of a language (cached; each regex compiled on first use).

    The data tests compile and exercise every entry, so lazy compilation hides no error. The
    built entries are kept in the language data cache, keyed by the table and the pattern code.
    """
    return cached(
        f"lexicon-{lang.code}-{table}",
        (lang.table_file(table), *patterns.CODE_FILES),
        lambda: build_lexicon(lang.table(table), lazy=True),
    )


_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
_WORD_RUN_RE = re.compile(r"[\w-]+")


def _caseless_beyond_ascii(text: str) -> bool:
    """True when no non-ASCII character of ``text`` has case.

    Then a case-insensitive match of a word is, lower-cased, a word of ``text.lower()`` (no
    Kelvin sign, dotted I or long s stands in for an ASCII letter; no length changes).
    """
    return text.isascii() or all(c.lower() == c == c.upper() for c in _NON_ASCII_RE.findall(text))


class LexiconRule(Rule):
    """Shared engine: run every entry of ``table`` over each sentence of the document."""

    table: ClassVar[str]
    kind: ClassVar[str]
    optional_needs: ClassVar[frozenset[str]] = frozenset({"syntax"})
    """Syntax entries of the tables use the parse when the layer is there; the rest run without."""

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        entries = lexicon_for(ctx.lang, self.table)
        for sentence in doc.sentences:
            lowered = sentence.text.lower()
            words = frozenset(_WORD_RUN_RE.findall(lowered)) if _caseless_beyond_ascii(sentence.text) else None
            for entry in entries:
                pattern = entry.pattern
                if pattern.required and pattern.required not in lowered:
                    continue
                if words is not None and any(words.isdisjoint(a) for a in pattern.anchors):
                    continue
                for start, end, suggestions in entry.hits(sentence, doc.text, ctx.syntax):
                    yield self._finding(doc, sentence.start, start, end, entry, suggestions)

    def _finding(
        self,
        doc: Document,
        offset: int,
        start: int,
        end: int,
        entry: LexiconEntry,
        suggestions: tuple[str, ...],
    ) -> Finding:
        ranked = [
            Suggestion(s, round(entry.confidence * (0.9**i), 3)) for i, s in enumerate(dict.fromkeys(suggestions))
        ]
        return self.finding(
            doc,
            offset + start,
            offset + end,
            f"{self.kind} of French ‘{entry.source}’: {entry.note} [{entry.id}]",
            ranked,
            confidence=entry.confidence,
            severity=Severity(entry.severity),
        )


class FalseFriend(LexiconRule):
    """An English word used with the meaning of a similar-looking French word.

    "Assisted to the meeting" (assister à = attend), sentence-initial "Actually" (actuellement
    = currently), "research teacher" (enseignant-chercheur), "raise the sanctions" (lever =
    lift). Entries are data (``false_friends.toml``), each with context conditions so that the
    English sense ("she assisted the victims", "the bill eventually passed") is left alone;
    every suggestion carries the entry's confidence.
    """

    code = "F001"
    name = "false-friend"
    category = "false-friend"
    severity = Severity.WARNING
    specificity = 60
    table = "false_friends"
    kind = "false friend"
    bad = (
        "Several ministers assisted to the ceremony on Monday.",
        "Dmitry Trenin, research teacher at the Higher School of Economics, disagreed.",
        "Moscow expects the West to raise all the sanctions imposed since 2014.",
    )
    good = (
        "Paramedics assisted the victims at the scene.",
        "The bill eventually passed after a long night of debate.",
        "“Actually, I disagree,” she said.",
    )


class Calque(LexiconRule):
    """A French construction rendered word for word into English.

    "Enter in vigour" (entrer en vigueur = come into force), "did not wish to comment" (n'a
    pas souhaité commenter = declined to comment), "since two years" (depuis deux ans = for
    two years), "Mister Macron" (M. Macron = Mr Macron). Entries are data (``calques.toml``)
    with suggestions that may reuse captured words.
    """

    code = "K001"
    name = "calque"
    category = "calque"
    severity = Severity.WARNING
    specificity = 60
    table = "calques"
    kind = "calque"
    bad = (
        "The law will enter in vigour on 1 January.",
        "The ministry did not wish to comment on the report.",
        "Mister Macron met the unions on Tuesday.",
    )
    good = (
        "The law will come into force on 1 January.",
        "The ministry declined to comment on the report.",
        "Mr Macron met the unions on Tuesday.",
    )


RULES: tuple[Rule, ...] = (FalseFriend(), Calque())
