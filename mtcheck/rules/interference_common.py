"""Shared pieces of the French-interference rules (modules ``interference_*``).

Word classes (weekdays, months, number words, duration units), inflection through
lemminflect, and :class:`SyntaxRule`, the base of rules that read the syntax layer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import ClassVar

from mtcheck.document import Document
from mtcheck.findings import Finding
from mtcheck.lang import regex_cache
from mtcheck.rules.base import Rule, RuleContext

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)
NUMBER_WORDS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
)
DURATION_UNITS = ("years", "year", "months", "month", "weeks", "week", "days", "day", "hours", "hour", "decades", "decade", "minutes")

WEEKDAY_RE = "|".join(WEEKDAYS)
MONTH_RE = "|".join(MONTHS)
NUMBER_RE = r"(?:\d+(?:[.,]\d+)?|" + "|".join(NUMBER_WORDS) + r")(?:[- ](?:" + "|".join(NUMBER_WORDS) + r"))?"
"""A number in digits (17, 2.5, 1,2) or words (twenty, twenty-five)."""


@lru_cache(maxsize=4096)
def inflect(lemma: str, tag: str) -> str:
    """``lemma`` inflected for the Penn ``tag`` (VBN, VBG, VBZ ...), or the lemma when unknown."""
    from mtcheck.lang.inflection import lemminflect

    try:
        forms = lemminflect().getInflection(lemma.lower(), tag=tag)
    except ImportError:  # pragma: no cover - lemminflect is a core dependency
        return lemma
    return forms[0] if forms else lemma


def with_case(template: str, word: str) -> str:
    """``word`` capitalised when ``template`` starts with a capital."""
    return word[:1].upper() + word[1:] if template[:1].isupper() and word else word


def compile_ci(pattern: str) -> re.Pattern[str]:
    """A case-insensitive compiled regex (the usual prefilter)."""
    return regex_cache.compile(pattern, re.IGNORECASE)


class SyntaxRule(Rule):
    """A rule that reads the parse of the sentences its cheap ``syntax_prefilter`` selects.

    Subclasses set ``syntax_prefilter`` (a compiled regex searched in the sentence text) and
    implement :meth:`check_sentence`. The pipeline runs them only when the syntax layer is there.
    """

    needs: ClassVar[frozenset[str]] = frozenset({"syntax"})
    syntax_prefilter: ClassVar[re.Pattern[str]]

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        if ctx.syntax is None:
            return
        for parsed in ctx.syntax.sentences(self.syntax_prefilter):
            yield from self.check_sentence(doc, parsed, ctx)

    def check_sentence(self, doc: Document, parsed, ctx: RuleContext) -> Iterator[Finding]:
        """Findings in one parsed sentence (a :class:`mtcheck.syntax.ParsedSentence`)."""
        raise NotImplementedError


def sentence_matches(doc: Document, pattern: re.Pattern[str]) -> Iterator[tuple[int, re.Match[str]]]:
    """``(sentence start offset, match)`` for each match of ``pattern`` inside a sentence."""
    for sentence in doc.sentences:
        for m in pattern.finditer(sentence.text):
            yield sentence.start, m
