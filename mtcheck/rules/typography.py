"""Typography rules (family T): source-language typographic conventions left in English text.

This module holds the rules on marks (guillemets, unbalanced quotes, a capital after a
semicolon, Spanish ¿ ¡) and registers the whole family in code order; the spacing rules and
the shared text helpers live in :mod:`mtcheck.rules.typography_spacing`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mtcheck.document import Document
from mtcheck.findings import Finding, Severity
from mtcheck.lang import regex_cache
from mtcheck.rules.base import Rule, RuleContext
from mtcheck.rules.typography_spacing import (  # noqa: F401 - is_pretokenized and url_spans are part of this module's interface
    _HSPACE,
    HyphenAsDash,
    QuoteSpacing,
    SpaceBeforePunctuation,
    SpacedEllipsis,
    SpacedHyphenCompound,
    _inside,
    is_pretokenized,
    url_spans,
)


class Guillemets(Rule):
    """Quotation marks « » (guillemets), or a doubled »», in English text.

    English news uses curly or straight double quotes; guillemets (French and Spanish
    quotation marks) are the commonest leftover of source typography in machine translation.
    The spaces French puts inside guillemets are part of the span, so the fix leaves English
    spacing.
    """

    code = "T001"
    name = "guillemets"
    aliases = ("french-guillemets",)
    category = "typography"
    severity = Severity.ERROR
    specificity = 80
    bad = ("He added: « The fights will not stop. »", "It will continue. »»")
    good = ("He added: “The fights will not stop.”", "The site sells “Made in France” goods.")

    _PATTERN = regex_cache.compile(rf"«{_HSPACE}*|{_HSPACE}*»+")

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        for m in self._PATTERN.finditer(doc.text):
            opening = "«" in m.group()
            doubled = m.group().count("»") > 1
            message = (
                "doubled closing guillemets »» in English text"
                if doubled
                else f"{'opening' if opening else 'closing'} guillemet in English text"
            )
            yield self.finding(
                doc, m.start(), m.end(), message, ["“" if opening else "”"], confidence=0.95
            )


class UnbalancedQuotes(Rule):
    """An opening curly quote never closed, where the next paragraph does not continue it.

    News may leave a quotation open at the end of a paragraph when the next paragraph
    opens with a quote mark (continued quotation); only other unclosed quotations are
    flagged, on the opening mark. Straight quotes are not checked (one mark opens and
    closes), nor single-paragraph texts, which are fragments of a longer article.
    """

    code = "T007"
    name = "unbalanced-quotes"
    category = "typography"
    severity = Severity.INFO
    specificity = 30
    bad = ("“Why do we give them everything? Asked the head of EU foreign policy.\nA European official said no.",)
    good = (
        "“We will fight,” he said.\n“We will win.”",
        "“The war goes on,” he said. “We will not stop.\n“Never.”",
        'He said "no" twice.\nThen "yes.',
        "A lone fragment, “opened here.",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        text = doc.text
        paragraphs = doc.paragraphs
        if len(paragraphs) < 2:
            return
        for i, (start, end) in enumerate(paragraphs):
            nxt = text[paragraphs[i + 1][0]] if i + 1 < len(paragraphs) else ""
            open_at = None
            for j in range(start, end):
                ch = text[j]
                if ch == "“" and open_at is None:
                    open_at = j
                elif ch in "”»" and open_at is not None:
                    open_at = None
            if open_at is not None and nxt not in ("“", '"', "«"):
                yield self.finding(
                    doc, open_at, open_at + 1, "quotation opened here is never closed", []
                )


class CapitalAfterSemicolon(Rule):
    """A capital letter after a semicolon on an ordinary word: "this year ; Or on May 9".

    French MT sometimes capitalises the word after a semicolon; English continues the
    sentence in lower case. Only common function words are flagged, never names.
    """

    code = "T008"
    name = "capital-after-semicolon"
    category = "typography"
    severity = Severity.WARNING
    specificity = 60
    bad = ("The fights will not stop with the talks; And if there is no deal, it goes on.",)
    good = ("Easter is on April 20; Putin wants May 9.", "He hesitated; I did not.", "Two squadrons flew; No. 41 stayed.")

    _PATTERN = regex_cache.compile(r";[^\S\r\n]+([A-Z][a-z]*)\b(?!\.)")  # not across a line; not "No." (number)

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        words = frozenset(
            ctx.lang.english_table("typography_words").get("lowercase_after_semicolon", ())
        )
        for m in self._PATTERN.finditer(doc.text):
            word = m.group(1)
            if word.lower() not in words:
                continue
            yield self.finding(
                doc,
                m.start(1),
                m.end(1),
                f"capital “{word}” after a semicolon; English continues in lower case",
                [word.lower()],
                confidence=0.85,
            )


class SourcePunctuation(Rule):
    """A punctuation mark of the source language that English never writes: Spanish ¿ and ¡.

    The marks, and what to call them, come from ``[punctuation] foreign`` of the source
    language's profile, so the rule says nothing for a language that has none. The fix
    deletes the mark (with the space after it, if any).
    """

    code = "T009"
    name = "source-punctuation"
    category = "typography"
    severity = Severity.ERROR
    specificity = 80
    bad = ("¿What will happen now? asked the minister.", "¡We will win! shouted the crowd.")
    good = ("What next? “Nothing,” he said!", "Is this the end?")
    examples_lang = "es"

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        marks: dict[str, str] = ctx.lang.setting("punctuation", "foreign", {})
        if not marks:
            return
        pattern = regex_cache.compile("(" + "|".join(map(re.escape, marks)) + f"){_HSPACE}?")
        for m in pattern.finditer(doc.text):
            if _inside(url_spans(doc.text), m.start(), m.end()):
                continue
            yield self.finding(
                doc, m.start(), m.end(),
                f"{ctx.lang.name} {marks[m.group(1)]} “{m.group(1)}” in English text", [""], confidence=0.95,
            )


FrenchGuillemets = Guillemets
"""The former class name."""

RULES: tuple[Rule, ...] = (
    Guillemets(),
    SpaceBeforePunctuation(),
    SpacedHyphenCompound(),
    QuoteSpacing(),
    SpacedEllipsis(),
    HyphenAsDash(),
    UnbalancedQuotes(),
    CapitalAfterSemicolon(),
    SourcePunctuation(),
)
