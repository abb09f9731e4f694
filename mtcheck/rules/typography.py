"""Typography rules (family T): French typographic conventions left in English text."""

from __future__ import annotations

import re
from collections.abc import Iterable

from mtcheck.document import Document
from mtcheck.findings import Finding, Severity
from mtcheck.rules.base import Rule, RuleContext


class FrenchGuillemets(Rule):
    """French guillemets « » (or a doubled »») in English text.

    English news uses curly or straight double quotes; guillemets are the commonest
    leftover of French typography in machine translation.
    """

    code = "T001"
    name = "french-guillemets"
    category = "typography"
    severity = Severity.ERROR
    specificity = 80
    bad = ("He added: « The fights will not stop. »", "It will continue. »»")
    good = ("He added: “The fights will not stop.”",)

    _PATTERN = re.compile(r"«\s*|\s*»+")

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        for m in self._PATTERN.finditer(doc.text):
            opening = "«" in m.group()
            yield self.finding(
                doc,
                m.start(),
                m.end(),
                "French guillemets in English text",
                ["“" if opening else "”"],
                confidence=0.95,
            )


RULES: tuple[Rule, ...] = (FrenchGuillemets(),)
