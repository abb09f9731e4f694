"""Repetition rules (family R): doubled words and phrases left by machine translation."""

from __future__ import annotations

import re
from collections.abc import Iterable

from mtcheck.document import Document
from mtcheck.findings import Finding, Severity
from mtcheck.rules.base import Rule, RuleContext


class DoubledWords(Rule):
    """The same word or phrase (up to four words) twice in a row: "in arms in arms", "the the".

    A doubled phrase is almost never intended in news prose; a few legitimate doublings
    ("had had", "that that") are ignored.
    """

    code = "R001"
    name = "doubled-words"
    category = "repetition"
    severity = Severity.ERROR
    specificity = 70
    bad = ("maintain the supply in arms in arms in Ukraine", "He met the the minister.")
    good = ("She had had enough.", "He said that that was wrong.", "They walked side by side.")

    _PATTERN = re.compile(r"\b((?:\w+[\s,]+){0,3}?\w+)\s+\1\b", re.IGNORECASE)
    _ALLOWED = frozenset({"had", "that", "very", "bye", "no", "knock", "so", "far", "yes", "ha"})

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        for m in self._PATTERN.finditer(doc.text):
            phrase = m.group(1)
            if phrase.lower() in self._ALLOWED or phrase.isdigit():
                continue
            start = m.start() + len(phrase)
            yield self.finding(
                doc,
                start,
                m.end(),
                f"“{phrase}” is repeated",
                [""],
                confidence=0.9,
            )


RULES: tuple[Rule, ...] = (DoubledWords(),)
