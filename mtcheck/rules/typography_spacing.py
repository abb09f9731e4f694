"""Typography rules on spacing (family T): spaces before punctuation, around hyphens and quotes,
inside ellipses, and a hyphen used as a dash; with the text helpers every typography rule shares.

The rules are registered, in code order, by :data:`mtcheck.rules.typography.RULES`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mtcheck.document import Document
from mtcheck.findings import Finding, Severity, Suggestion
from mtcheck.lang import regex_cache
from mtcheck.rules.base import Rule, RuleContext

_HSPACE = "[ \t\u00a0\u202f\u2009]"
_PRETOKENIZED_RE = regex_cache.compile(r"[^\s.] [,.](?=\s|$)")
_URL_RE = regex_cache.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+@[\w-]+\.\w[\w.]*")


def is_pretokenized(text: str) -> bool:
    """True for text tokenised with spaces around every punctuation mark ("end , then .").

    French typography never spaces commas or full stops, so such text is a tokeniser's
    output, where spacing rules would flag every mark and tell the editor nothing.
    """
    hits = len(_PRETOKENIZED_RE.findall(text))
    return hits >= 2 or (hits == 1 and len(text) < 400)


def url_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URLs and e-mail addresses, where typography rules must stay silent."""
    return [m.span() for m in _URL_RE.finditer(text)]


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


class SpaceBeforePunctuation(Rule):
    """A space before ; : ! or ? (French spacing) in English text.

    French puts a (thin) space before high punctuation; English never does. Times written
    "10 : 30", emoticons (" :)"), URLs and text tokenised with spaces around every mark
    are left alone.
    """

    code = "T002"
    name = "space-before-punctuation"
    category = "typography"
    severity = Severity.WARNING
    specificity = 60
    bad = (
        "Easter, on April 20 of this year ; or on May 9.",
        "The minister was clear : no new taxes.",
        "What a victory !",
        "Why now ?",
    )
    good = (
        "The talks resume at 10 : 30 GMT on Monday.",
        "He posted a smiley :) and left.",
        "Mr. Smith; however, disagreed: he left. Really? Yes!",
        "See https://example.com/a ?b=1 for details.",
    )

    _PATTERN = regex_cache.compile(rf"(?<=[^\s(\[]){_HSPACE}+([;:!?]+)(?=[\s\"”’»]|$)")

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        text = doc.text
        if is_pretokenized(text):
            return
        urls = url_spans(text)
        for m in self._PATTERN.finditer(text):
            before = text[m.start() - 1]
            after = text[m.end() : m.end() + 3].lstrip(" ")
            if before.isdigit() and after[:1].isdigit():
                continue
            if _inside(urls, m.start() - 1, m.end()):
                continue
            mark = m.group(1)
            yield self.finding(
                doc,
                m.start(),
                m.end(),
                f"space before “{mark}”; English puts none",
                [mark],
                confidence=0.9,
            )


class SpacedHyphenCompound(Rule):
    """A compound broken by a space on one side of its hyphen: "three -year", "three- year".

    A space next to only one side of a hyphen is a tokenisation slip in machine
    translation. Suspended hyphens ("two- and three-year") and minus signs ("-5") are
    not flagged.
    """

    code = "T003"
    name = "spaced-hyphen-compound"
    category = "typography"
    severity = Severity.WARNING
    specificity = 70
    bad = ("his three -year invasion", "all three- day illusion")
    good = (
        "a three-year war",
        "two- and three-year bonds",
        "pre- or post-war Europe",
        "temperatures of -5 degrees",
        "Paris - Berlin",
    )

    _LEFT = regex_cache.compile(r"\b([^\W\d_]+) -([^\W\d_A-Z][^\W\d_]*)\b(?!\.\w)")
    _RIGHT = regex_cache.compile(r"\b([^\W\d_]+)- ([^\W\d_]+)\b(?!\.\w)")
    _SUSPENDED = frozenset({"and", "or", "to", "nor", "&"})

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        text = doc.text
        for pattern in (self._LEFT, self._RIGHT):
            for m in pattern.finditer(text):
                left, right = m.group(1), m.group(2)
                if pattern is self._RIGHT and right.lower() in self._SUSPENDED:
                    continue
                if pattern is self._LEFT and left.lower() in self._SUSPENDED:
                    continue
                if m.start() > 0 and text[m.start() - 1] in "-–":
                    continue
                yield self.finding(
                    doc,
                    m.start(),
                    m.end(),
                    f"space inside the compound “{m.group()}”",
                    [f"{left}-{right}"],
                    confidence=0.85,
                )


class QuoteSpacing(Rule):
    """A closing quote mark spaced off its quotation or glued to the next word.

    Machine translation often breaks the spacing of closing quotes: ``war, “said`` (an
    opening mark where the closing one belongs, before a speech verb), ``this, ”said``
    (closing mark glued to the next word) or ``without us ”.`` (a space before the closing
    mark). The fix moves the space to the English side of the mark.
    """

    code = "T004"
    name = "quote-spacing"
    category = "typography"
    severity = Severity.WARNING
    specificity = 75
    bad = (
        "And a chance to stop the war, “said a former official.",
        "A notable day like this, ”said a Ukrainian official.",
        "He will not accept any negotiations without us ”.",
        "It no longer matters, \"said Konstantin Malofeyev.",
    )
    good = (
        "“The situation seems favourable,” said Alexander Gabuev.",
        "He called it, “a disaster”, and left.",
        "“It is over.” Then he left.",
        "The so-called “peace plan” is vague.",
    )

    _OPEN_BEFORE_VERB = regex_cache.compile(r"(?<=[,.!?])(\s+)([“\"])(\s*)([^\W\d_]+)")
    _CLOSE_GLUED = regex_cache.compile(r"(?<=[,.!?])(\s+)”(?=[^\W\d_])")
    _CLOSE_SPACED = regex_cache.compile(rf"(?<=[^\W_]){_HSPACE}+”(?=[.,;:!?]|{_HSPACE}*$)", re.MULTILINE)

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        text = doc.text
        verbs = ctx.lang.english_words("speech_verbs")
        for m in self._OPEN_BEFORE_VERB.finditer(text):
            word = m.group(4)
            if word.lower() not in verbs or not word[0].islower():
                continue
            start, end = m.start(1), m.end(3) if m.group(3) else m.end(2)
            yield self.finding(
                doc,
                start,
                end,
                f"quote mark before “{word}” should close the quotation: write ”{' ' + word}",
                ["” "],
                confidence=0.85,
            )
        for m in self._CLOSE_GLUED.finditer(text):
            yield self.finding(
                doc,
                m.start(),
                m.end(),
                "closing quote mark spaced off the quotation and glued to the next word",
                ["” "],
                confidence=0.85,
            )
        for m in self._CLOSE_SPACED.finditer(text):
            yield self.finding(
                doc,
                m.start(),
                m.end(),
                "space before a closing quote mark",
                ["”"],
                confidence=0.85,
            )


class SpacedEllipsis(Rule):
    """An ellipsis written as spaced full stops ". . ." instead of "…" or "...".

    Some house styles space the dots, but in machine-translated news it usually comes from
    the French source and breaks sentence splitting; the single character is the safe form.
    """

    code = "T005"
    name = "spaced-ellipsis"
    category = "typography"
    severity = Severity.INFO
    specificity = 60
    bad = ("He will not accept. . . any bilateral negotiations.",)
    good = ("He will not accept… any talks.", "He will not accept... any talks.")

    _PATTERN = regex_cache.compile(rf"\.(?:{_HSPACE}\.){{2}}")

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        for m in self._PATTERN.finditer(doc.text):
            yield self.finding(
                doc,
                m.start(),
                m.end(),
                "spaced ellipsis “. . .”",
                [Suggestion("…", 0.7), Suggestion("...", 0.6)],
            )


class HyphenAsDash(Rule):
    """A hyphen used as a dash between two clauses: "the course of history-today, the leaders".

    French MT sometimes glues a dash to its neighbours. A hyphen is flagged only when the
    word after it starts a new clause (today, however, the, it, …), which real compounds
    never do; "cease-fire", "full-scale" and names like "Jean-Luc" are left alone.
    """

    code = "T006"
    name = "hyphen-as-dash"
    category = "typography"
    severity = Severity.WARNING
    specificity = 60
    bad = ("A single call can change the course of history-today, the leaders may have met.",)
    good = (
        "A cease-fire and face-to-face talks after the full-scale invasion.",
        "Jean-Luc Mélenchon met Will Kingston-Cox.",
        "a hard-won, long-term, well-known deal",
        "The anti-war, so-called peace camp; a stand-alone, one-off, all-but-certain vote.",
    )

    _PATTERN = regex_cache.compile(r"(?<![\w-])([a-z]{3,})-([a-z]+)(?![\w-])")

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        starters = frozenset(ctx.lang.english_table("typography_words").get("clause_starters", ()))
        text = doc.text
        for m in self._PATTERN.finditer(text):
            left, right = m.group(1), m.group(2)
            if right not in starters or left in starters:
                continue
            if right in {"so", "that", "then", "now", "here", "there", "not", "a", "an", "i", "it"}:
                continue
            hyphen = m.start(2) - 1
            yield self.finding(
                doc,
                hyphen,
                hyphen + 1,
                f"hyphen used as a dash between “{left}” and “{right}”",
                [Suggestion(" – ", 0.6), Suggestion(". " + right.capitalize(), 0.4)],
            )
