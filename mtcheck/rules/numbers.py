"""Number-format rules (family N): source-language number, time and date conventions left in
English text. The conventions (separators, scale words, ordinal suffixes, month names) are the
source language's data (``profile.toml``, ``numbers.toml``, ``dates.toml``)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from mtcheck.document import Document
from mtcheck.findings import Finding, Severity, Suggestion
from mtcheck.lang import regex_cache
from mtcheck.rules.base import Rule, RuleContext
from mtcheck.rules.typography import is_pretokenized, url_spans

_SPACE = "[ \u00a0\u202f\u2009]"


def _in_urls(urls: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in urls)


def _english_ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


class DecimalComma(Rule):
    """A decimal comma ("17,7", "2,8%", "3,5 milliards") where English writes a point.

    A comma followed by one, two or four-plus digits cannot be an English thousands
    separator, nor can "0,ddd"; "1,200" and "2,500" (three digits) are English and left
    alone. A following French scale word or spaced percent sign is folded into the fix.
    """

    code = "N001"
    name = "decimal-comma"
    category = "number-format"
    severity = Severity.ERROR
    specificity = 80
    bad = (
        "Growth reached 17,7 points.",
        "The index rose 2,8% on Friday.",
        "a deficit of 43,8 milliards euros",
        "inflation at 5,4 % in March",
        "the euro at 1,0842 dollars",
    )
    good = (
        "About 1,200 soldiers and 17,700 civilians; 2,500 in total.",
        "The index rose 2.8% to 1,234,567 points.",
        "Chapters 1,2,3 are missing.",
        "In 2019, 20 people died.",
    )

    _PATTERN = regex_cache.compile(
        rf"(?<![\d.,])(\d+),(\d{{1,2}}|\d{{4,}}|(?<=\b0,)\d{{3}})(?![\d,])"
        rf"(?:({_SPACE}?%)|{_SPACE}([^\W\d_]+))?"
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        scales = ctx.lang.table("numbers").get("scales", {})
        urls = url_spans(doc.text)
        for m in self._PATTERN.finditer(doc.text):
            whole, frac, percent, word = m.group(1), m.group(2), m.group(3), m.group(4)
            if _in_urls(urls, m.start(), m.end()):
                continue
            fixed = f"{whole}.{frac}"
            end = m.end(2)
            if percent:
                fixed += "%"
                end = m.end(3)
            elif word and word.lower() in scales:
                fixed += " " + scales[word.lower()]
                end = m.end(4)
            yield self.finding(
                doc,
                m.start(),
                end,
                f"decimal comma in “{doc.text[m.start():m.end(2)]}”; English uses a decimal point",
                [fixed],
                confidence=0.9,
            )


class SpaceThousands(Rule):
    """A space (or no-break / narrow no-break space) as thousands separator: "1 200 000".

    French groups digits with spaces; English news uses commas ("1,200,000"). A trailing
    decimal comma is converted too. Years, phone numbers and tokenised text are left alone.
    """

    code = "N002"
    name = "space-thousands-separator"
    category = "number-format"
    severity = Severity.WARNING
    specificity = 75
    bad = ("Some 1 200 000 people fled.", "a budget of 3\u202f500 euros", "12 345,5 tonnes")
    good = (
        "Some 1,200,000 people fled.",
        "On May 9 2024 300 veterans marched.",
        "Call 01 23 45 67 89 now.",
        "In 2019 200 people died.",
    )

    _PATTERN = regex_cache.compile(rf"(?<![\d,.])(?<!\d{_SPACE})(\d{{1,3}}(?:{_SPACE}\d{{3}})+)(?:,(\d+))?(?![\d])")

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        text = doc.text
        if is_pretokenized(text):
            return
        for m in self._PATTERN.finditer(text):
            groups = re.split(_SPACE, m.group(1))
            fixed = ",".join(groups) + (f".{m.group(2)}" if m.group(2) else "")
            plain_space = all(c not in m.group(1) for c in "\u00a0\u202f\u2009")
            yield self.finding(
                doc,
                m.start(),
                m.end(),
                f"space used as a thousands separator in “{m.group()}”",
                [fixed],
                confidence=0.8 if plain_space else 0.9,
            )


class DotThousands(Rule):
    """A full stop as thousands separator, where the source language writes one: "1.200.000".

    Spanish (like German or Italian) groups digits with points; English news uses commas
    ("1,200,000"). Only numbers with two groups or more are flagged, since "1.200" is an
    English decimal; a trailing decimal comma is converted too. Runs for a source language
    whose profile lists "." among its ``thousands-separators``.
    """

    code = "N007"
    name = "dot-thousands-separator"
    category = "number-format"
    severity = Severity.WARNING
    specificity = 75
    examples_lang = "es"
    bad = ("Some 1.200.000 people fled.", "a budget of 12.345.678,5 euros")
    good = ("Some 1,200,000 people fled.", "Version 1.200 shipped; the rate is 3.125 per cent.", "Call 192.168.1.10 now.")

    _PATTERN = regex_cache.compile(r"(?<![\d,.])(\d{1,3}(?:\.\d{3}){2,})(?:,(\d+))?(?![\d.]|\.\d)")

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        if "." not in ctx.lang.setting("numbers", "thousands-separators", ()):
            return
        urls = url_spans(doc.text)
        for m in self._PATTERN.finditer(doc.text):
            if _in_urls(urls, m.start(), m.end()):
                continue
            fixed = m.group(1).replace(".", ",") + (f".{m.group(2)}" if m.group(2) else "")
            yield self.finding(
                doc, m.start(), m.end(),
                f"full stop used as a thousands separator in “{m.group()}” ({ctx.lang.name} style)",
                [fixed], confidence=0.85,
            )


class SpaceBeforeUnit(Rule):
    """A space between a number and "%" or "°C": "5 %", "20 °C".

    French spaces the percent and degree signs; English news writes "5%" and "20°C".
    Tokenised text (spaces around every mark) is left alone.
    """

    code = "N003"
    name = "space-before-percent"
    category = "number-format"
    severity = Severity.WARNING
    specificity = 70
    bad = ("Unemployment fell to 62 % in March.", "It was 20 °C in Paris.")
    good = ("Unemployment fell to 62% in March.", "It was 20°C, then 5C.")

    _PATTERN = regex_cache.compile(rf"(?<![\d.,])(\d+(?:[.,]\d+)?){_SPACE}+(%|°[CF]?)")

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        if is_pretokenized(doc.text):
            return
        for m in self._PATTERN.finditer(doc.text):
            if re.fullmatch(r"\d+,\d{1,2}|\d+,\d{4,}", m.group(1)):
                continue
            yield self.finding(
                doc,
                m.start(),
                m.end(),
                f"space before “{m.group(2)}”; English writes {m.group(1)}{m.group(2)}",
                [m.group(1) + m.group(2)],
                confidence=0.85,
            )


class TimeNotation(Rule):
    """A time in the "h" notation (French): "18h30", "at 9h".

    English news writes "18:30" or "6.30pm". An hour without minutes ("9h") is only
    flagged after a time preposition ("at 9h"), since "a 3h drive" is a duration. Runs for
    a source language whose ``numbers.toml`` has a ``[times]`` table.
    """

    code = "N004"
    name = "time-notation"
    aliases = ("french-time",)
    category = "number-format"
    severity = Severity.WARNING
    specificity = 70
    bad = ("The vote is at 18h30 on Tuesday.", "Polls open at 9h in Paris.")
    good = ("The vote is at 18:30 GMT, or 6.30pm.", "a 3h drive", "10:30 and 9/11")

    _PATTERN = regex_cache.compile(r"\b([01]?\d|2[0-3])\s?h\s?([0-5]\d)?(?![\w:])(?!\s*(?:min|mn|m\b|'|’))")

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        times = ctx.lang.table("numbers").get("times")
        if times is None:
            return
        preps = frozenset(times.get("prepositions", ()))
        text = doc.text
        for m in self._PATTERN.finditer(text):
            hour = int(m.group(1))
            minutes = m.group(2)
            if not minutes:
                before = re.search(r"(\w+)\s+$", text[max(0, m.start() - 20) : m.start()])
                if not before or before.group(1).lower() not in preps:
                    continue
            mm = minutes or "00"
            twelve = hour % 12 or 12
            suffix = "am" if hour < 12 else "pm"
            clock12 = f"{twelve}{'.' + minutes if minutes else ''}{suffix}"
            yield self.finding(
                doc,
                m.start(),
                m.end(),
                f"{ctx.lang.name} time notation “{m.group()}”",
                [Suggestion(f"{hour:02d}:{mm}" if hour >= 10 else f"{hour}:{mm}", 0.75),
                 Suggestion(clock12, 0.6)],
            )


class SourceDate(Rule):
    """A source-language ordinal or date: French "1er", "3ème", "14 juillet", "le 3 mars".

    Day numbers with the source language's ordinal suffixes and its month names are
    untranslated date formats ("the 1er March"; Spanish "3 de marzo", "1º"). "the 3 March" is
    valid British English and left alone. Month names, the words before a date ("le") and
    between day and month ("de") are the language's ``dates.toml``.
    """

    code = "N005"
    name = "source-date-ordinal"
    aliases = ("french-date-ordinal",)
    category = "number-format"
    severity = Severity.WARNING
    specificity = 75
    bad = (
        "The vote is set for le 3 mars.",
        "The reform must end before the 1er March.",
        "on 14 juillet 2024",
        "the 3ème round of talks",
    )
    good = ("on 14 July 2024, the 3 March vote, March 1st", "a 2e5 sample and 3e-4", "the 1st and 2nd", "the 2e Hussards")

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        dates = ctx.lang.table("dates")
        months = dates.get("months", {})
        english = dates.get("english_months", {}).get("names", [])
        suffixes = ctx.lang.table("numbers").get("ordinals", {}).get("suffixes", [])
        if not months or not suffixes:
            return
        articles = dates.get("format", {}).get("articles", [])
        links = dates.get("format", {}).get("links", [])
        suf = "|".join(sorted(map(re.escape, suffixes), key=len, reverse=True))
        month_alt = "|".join(sorted(map(re.escape, [*months, *english]), key=len, reverse=True))
        article_alt = "|".join(re.escape(a) + "|" + re.escape(a.capitalize()) for a in articles) or "(?!)"
        link_alt = "".join(rf"(?:{re.escape(w)}\s+)?" for w in links[:1])
        date_re = regex_cache.compile(
            rf"\b(?:({article_alt})\s+)?(\d{{1,2}})({suf})?\s+{link_alt}({month_alt})\b(?:\s+(?:{'|'.join(map(re.escape, links)) or '(?!)'}\s+)?(\d{{4}}))?"
        )
        taken: list[tuple[int, int]] = []
        for m in date_re.finditer(doc.text):
            day, suffix, month, year = int(m.group(2)), m.group(3), m.group(4), m.group(5)
            french_month = month in months
            if not (french_month or suffix) or not 1 <= day <= 31:
                continue
            name = months.get(month, month)
            tail = f" {year}" if year else ""
            lead = "on " if m.group(1) else ""
            if m.group(1) and m.group(1)[0].isupper():
                lead = "On "
            taken.append(m.span())
            yield self.finding(
                doc,
                m.start(),
                m.end(),
                f"{ctx.lang.name} date “{m.group()}”",
                [Suggestion(f"{lead}{day} {name}{tail}", 0.7),
                 Suggestion(f"{lead}{name} {day}{',' + tail if tail else ''}", 0.6)],
            )
        ordinal_re = regex_cache.compile(rf"\b(\d{{1,4}})({suf})\b(?![-.]?\d)")
        for m in ordinal_re.finditer(doc.text):
            if any(s <= m.start() < e for s, e in taken) or self._in_name(doc.text, m.end(), months, english):
                continue
            yield self.finding(
                doc,
                m.start(),
                m.end(),
                f"{ctx.lang.name} ordinal “{m.group()}”",
                [_english_ordinal(int(m.group(1)))],
                confidence=0.85,
            )


    @staticmethod
    def _in_name(text: str, end: int, months: dict, english: list) -> bool:
        """The ordinal opens a capitalised name kept in its own form ("the 1er Hussards", a
        regiment): followed on the same line by a capitalised word that is not a month."""
        nxt = re.match(r"[^\S\r\n]+([A-ZÀ-Ý][\w’'-]*)", text[end : end + 40])
        return bool(nxt) and nxt.group(1) not in months and nxt.group(1) not in english


class SourceScaleWord(Rule):
    """A source-language scale word after a number: "600 millions euros", "3 milliards".

    English never pluralises "million" after a number, and French "milliard" is "billion"
    (Spanish "millones"; the words are the language's ``numbers.toml``). Decimal-comma
    amounts like "3,5 milliards" are fixed whole by N001.
    """

    code = "N006"
    name = "source-scale-word"
    aliases = ("french-scale-word",)
    category = "number-format"
    severity = Severity.WARNING
    specificity = 65
    bad = ("The plan costs 600 millions euros.", "a loan of 3 milliards")
    good = ("The plan costs 600 million euros.", "millions of people and 3 billion dollars")

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        scales = ctx.lang.table("numbers").get("scales", {})
        words = [w for w, en in scales.items() if w != en and len(w) > 3]
        if not words:
            return
        alt = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
        for m in re.finditer(rf"(?<=\d){_SPACE}({alt})\b", doc.text, re.IGNORECASE):
            word = m.group(1)
            yield self.finding(
                doc,
                m.start(1),
                m.end(1),
                f"{ctx.lang.name} scale word “{word}” after a number",
                [scales[word.lower()]],
                confidence=0.85,
            )


RULES: tuple[Rule, ...] = (
    DecimalComma(),
    SpaceThousands(),
    SpaceBeforeUnit(),
    DotThousands(),
    TimeNotation(),
    SourceDate(),
    SourceScaleWord(),
)

FrenchTime, FrenchDate, FrenchScaleWord = TimeNotation, SourceDate, SourceScaleWord
"""The former class names."""
