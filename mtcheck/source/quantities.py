"""Numbers, amounts, percentages, dates and times of a sentence, as comparable values.

French conventions (decimal comma, space-grouped thousands, ``3 millions``, ``18h30``,
``le 12 mars``) and English ones (``17.7``, ``1,200,000``, ``3 million``, ``6.30pm``,
``12 March``) are both reduced to the same :class:`Quantity` values, so the source and the
target of an aligned pair can be compared value by value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache


class Kind(str, Enum):
    """What a quantity is."""

    NUMBER = "number"
    TIME = "time"
    MONTH = "month"
    ROAD = "road"


@dataclass(frozen=True)
class Quantity:
    """A value found at ``start:end`` of the text it was read from."""

    kind: Kind
    value: float
    start: int
    end: int
    text: str


FR_MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}
EN_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november december".split()
    )
}
EN_MONTHS.update({"jan": 1, "feb": 2, "aug": 8, "sept": 9, "oct": 10, "nov": 11, "dec": 12})
# "may" and "march" are also English words: lower case, they are never months; capitalised at
# the start of a sentence, only beside a day number.
_AMBIGUOUS_EN_MONTHS = {"may", "march"}
_SENTENCE_START = re.compile(r"(?:^|[.!?:;“\"«(—–]\s*)$")

FR_SCALES = {
    "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9, "md": 1e9, "mds": 1e9,
    "mrd": 1e9, "mille": 1e3, "m": 1e6, "billion": 1e12, "billions": 1e12,
}
EN_SCALES = {
    "million": 1e6, "millions": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "billions": 1e9,
    "bn": 1e9, "trillion": 1e12, "thousand": 1e3, "k": 1e3,
}
EN_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "half": 0.5, "dozen": 12,
    # ordinals ("the third quarter" for "le 3e trimestre")
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80,
    "ninetieth": 90, "hundredth": 100, "thousandth": 1000,
    # decades ("the eighties" for "les années 80")
    "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
    "eighties": 80, "nineties": 90,
    # scale words written alone ("a thousand visitors", "a million euros")
    "thousand": 1000, "million": 1e6, "billion": 1e9,
}
FR_NUMBER_WORDS = {
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
    "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
    "cent": 100, "cents": 100, "mille": 1000,
    # approximate amounts ("une quinzaine de maisons" -> "some 15 houses")
    "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
    "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100,
    "premier": 1, "première": 1, "deuxième": 2, "second": 2, "seconde": 2, "troisième": 3,
    "quatrième": 4, "cinquième": 5, "sixième": 6, "septième": 7, "huitième": 8, "neuvième": 9,
    "dixième": 10, "unième": 1, "onzième": 11, "douzième": 12, "treizième": 13, "quatorzième": 14,
    "quinzième": 15, "seizième": 16, "vingtième": 20, "trentième": 30, "quarantième": 40,
    "cinquantième": 50, "soixantième": 60, "centième": 100, "millième": 1000,
    "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9, "demi": 0.5, "demie": 0.5,
}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# A century in Roman numerals ("le XVIIe siècle" -> "the 17th century").
_FR_CENTURY_RE = re.compile(r"\b([IVXLC]{1,7})(?:e|è|ème|er)\s+(?:siècle|s\.)")

_SP = "[ \u00a0\u202f]"
# thousands grouped by spaces, or by dots as many French texts write them (300.000 euros)
_FR_NUMBER = rf"\d{{1,3}}(?:{_SP}\d{{3}})+(?:,\d+)?|\d{{1,3}}(?:\.\d{{3}})+(?![\d.])(?:,\d+)?|\d+(?:,\d+)?"
_EN_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_FR_TIME_RE = re.compile(r"(?<![\w,.])([01]?\d|2[0-3]) ?h ?([0-5]\d)?(?!\w)")
_EN_TIME_RE = re.compile(
    r"(?<![\w,.])([01]?\d|2[0-3])(?:[:.]([0-5]\d))? ?([ap])(?:\.m\.|m\b)|(?<![\w,.])([01]?\d|2[0-3]):([0-5]\d)(?![\d])",
    re.IGNORECASE,
)


# A telephone number (0 800 06 66 66, 01 23 45 67 89, +33 1 23 45 67 89): digits, no value.
_PHONE_RE = re.compile(r"(?:\+\d{2,3}[ \u00a0]?\d|(?<![\d,.])0[ \u00a0]?\d{1,3})(?:[ .\u00a0]\d{2}){3,4}(?!\d)")


def _phones(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PHONE_RE.finditer(text)]


_SHORT_SCALES = frozenset({"m", "k", "md", "mds", "mn", "bn", "mrd"})


def _scale_after(text: str, end: int, scales: dict[str, float]) -> tuple[float, int]:
    """The scale word after a number ("3 millions", "3.5bn", "3 M€") and where it ends.

    Short forms count only when attached ("3m", "3bn") or followed by a currency sign.
    """
    m = re.match(r"([ \u00a0\u202f-]?)([A-Za-zé]+)\b(\s?[€$£])?", text[end:])
    if not m or m.group(2).lower() not in scales:
        return 1.0, end
    word = m.group(2).lower()  # a hyphen too: "a 2.8-million-euro expedition"
    if word in _SHORT_SCALES and m.group(1) and not m.group(3):
        return 1.0, end
    return scales[word], end + m.end(2)


def _numbers(text: str, pattern: str, decimal: str, scales: dict[str, float], skip: list[tuple[int, int]]) -> list[Quantity]:
    out = []
    for m in re.finditer(rf"(?<![\w.,])(?:{pattern})(?![\d])", text):
        if any(s <= m.start() < e for s, e in skip):
            continue
        raw = m.group()
        digits = re.sub(_SP, "", raw)
        digits = digits.replace(".", "").replace(",", ".") if decimal == "," else digits.replace(",", "")
        try:
            value = float(digits)
        except ValueError:
            continue
        scale, end = _scale_after(text, m.end(), scales)
        out.append(Quantity(Kind.NUMBER, round(value * scale, 6), m.start(), end, text[m.start():end]))
    return out


def _words(text: str, table: dict[str, float]) -> list[Quantity]:
    out: list[Quantity] = []
    for m in re.finditer(r"\b[a-zéèê]+\b", text):
        if m.group() not in table:
            continue
        q = Quantity(Kind.NUMBER, float(table[m.group()]), m.start(), m.end(), m.group())
        value = _compound(out[-1], q, text) if out else None
        if value is not None:
            q = Quantity(Kind.NUMBER, value, out[-1].start, q.end, text[out[-1].start : q.end])
            out.pop()
        out.append(q)
    return out


def _compound(prev: Quantity, q: Quantity, text: str) -> float | None:
    """The value of two number words written together ("dix-huit", "quatre-vingts",
    "cent cinquante", "twenty-five", "two hundred"), or None when they are two numbers."""
    gap, a, b = text[prev.end : q.start], prev.value, q.value
    if gap == "-" and (a in (20, 30, 40, 50, 60, 70, 80, 90) and 1 <= b <= 9 or a in (60, 80) and 10 <= b <= 19
                       or a == 10 and 7 <= b <= 9):
        return a + b
    if gap in ("-et-", " et ") and a in (20, 30, 40, 50, 60) and b in (1, 11):
        return a + b  # vingt-et-un, vingt et unième, soixante et onze
    if gap == "-" and a == 4 and b == 20:
        return 80.0  # quatre-vingt(s)
    if gap in ("-", " ") and 1 <= a <= 9 and b in (100, 1000) or gap == " " and 10 <= a < 1000 and b == 1000:
        return a * b
    if gap == " " and 1 <= a < 1000 and b in (1e6, 1e9):
        return a * b  # "trois millions", "two billion"
    if gap in (" a ", " of a ") and a == 0.5 and b in (1000, 1e6, 1e9):
        return a * b  # "half a million"
    if b == 0.5 and a >= 1 and re.fullmatch(r" (?:[a-zé]+ )?(?:et|and a) ", gap):
        return a + 0.5  # "deux heures et demie", "two and a half"
    if gap in (" ", " and ") and a >= 100 and a % 100 == 0 and 1 <= b < 100:
        return a + b
    return None


@lru_cache(maxsize=4)
def _road_prefixes(side: str) -> tuple[re.Pattern, dict[str, str]]:
    """The road-number pattern of one side and its prefix -> road letter table (``[roads]``)."""
    from mtcheck.source.lexicon import source_checks

    table = source_checks("fr").get("roads", {}).get(side, {})
    alternatives = "|".join(sorted(map(re.escape, table), key=len, reverse=True)) or r"(?!x)x"
    space = "[ \u00a0]?" if side == "french" else ""  # English writes D902, never "D 902"
    return re.compile(rf"(?<![\w-])({alternatives}){space}(\d{{1,4}})(?!\d|[,.]\d)"), dict(table)


def _roads(text: str, side: str) -> list[Quantity]:
    """Road numbers (RD 902, N7) as ROAD quantities whose text is the English form (D902)."""
    pattern, letters = _road_prefixes(side)
    return [
        Quantity(Kind.ROAD, float(m.group(2)), m.start(), m.end(), letters[m.group(1)] + m.group(2))
        for m in pattern.finditer(text)
    ]


def french_quantities(text: str) -> list[Quantity]:
    """Numbers (with scale words), times, months and road numbers of a French text."""
    found: list[Quantity] = _roads(text, "french")
    skip: list[tuple[int, int]] = [(q.start, q.end) for q in found] + _phones(text)
    for m in _FR_TIME_RE.finditer(text):
        if re.match(r"\d", text[m.end():m.end() + 1]):
            continue
        minutes = int(m.group(1)) * 60 + int(m.group(2) or 0)
        found.append(Quantity(Kind.TIME, minutes, m.start(), m.end(), m.group()))
        skip.append((m.start(), m.end()))
    found += _numbers(text, _FR_NUMBER, ",", FR_SCALES, skip)
    for m in re.finditer(r"\b(" + "|".join(FR_MONTHS) + r")\b", text, re.IGNORECASE):
        found.append(Quantity(Kind.MONTH, FR_MONTHS[m.group().lower()], m.start(), m.end(), m.group()))
    found += [q for q in _words(text.lower(), FR_NUMBER_WORDS) if not _inside(q, found)]
    found = _year_ranges(found, text)
    for m in _FR_CENTURY_RE.finditer(text):
        found.append(Quantity(Kind.NUMBER, float(_roman(m.group(1))), m.start(), m.end(1), m.group(1)))
    return _named(_ordinal_fix(sorted(found, key=lambda q: q.start), text), text)


def _named(found: list[Quantity], text: str) -> list[Quantity]:
    """Without the numbers that belong to a name (Covid-19, F-35, Euro-6): a capitalised
    word joined to them by a hyphen."""
    return [q for q in found if not re.search(r"(?<![\w-])[A-Z][A-Za-z]*-$", text[max(0, q.start - 20) : q.start])]


def english_quantities(text: str) -> list[Quantity]:
    """Numbers (with scale words), times, months and road numbers of an English text."""
    found: list[Quantity] = _roads(text, "english")
    skip: list[tuple[int, int]] = [(q.start, q.end) for q in found] + _phones(text)
    for m in _EN_TIME_RE.finditer(text):
        if m.group(4):
            minutes = int(m.group(4)) * 60 + int(m.group(5))
        else:
            hour = int(m.group(1)) % 12 + (12 if m.group(3).lower() == "p" else 0)
            minutes = hour * 60 + int(m.group(2) or 0)
        found.append(Quantity(Kind.TIME, minutes, m.start(), m.end(), m.group()))
        skip.append((m.start(), m.end()))
    found += _numbers(text, _EN_NUMBER, ".", EN_SCALES, skip)
    for m in re.finditer(r"\b(" + "|".join(EN_MONTHS) + r")\b", text, re.IGNORECASE):
        word = m.group(1).lower()
        if m.group(1)[0].islower():
            continue
        if word in _AMBIGUOUS_EN_MONTHS and _SENTENCE_START.search(text[: m.start()]):
            if not re.search(r"\d", text[max(0, m.start() - 6) : m.end() + 6]):
                continue  # "May I…", "March organisers…": a capitalised May/March elsewhere is the month
        found.append(Quantity(Kind.MONTH, EN_MONTHS[word], m.start(), m.end(), m.group()))
    found += [q for q in _words(text.lower(), EN_NUMBER_WORDS) if not _inside(q, found)]
    found = _year_ranges(found, text)
    return _named(_ordinal_fix(sorted(found, key=lambda q: q.start), text), text)


def _roman(numeral: str) -> int:
    values = [_ROMAN[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _inside(q: Quantity, found: list[Quantity]) -> bool:
    """Whether ``q`` lies in the span of a quantity already found (the scale word of "3 millions")."""
    return any(f.start <= q.start and q.end <= f.end for f in found)


def spelled(q: Quantity) -> bool:
    """Whether a quantity is written in words ("trois", "Vingt-Sept", "twenty-first"): a
    translation may write it in figures, in words or not at all (les Vingt-Sept -> the EU)."""
    return re.fullmatch(r"[^\W\d_]+(?:[-\s]+[^\W\d_]+)*", q.text) is not None


def _year_ranges(found: list[Quantity], text: str) -> list[Quantity]:
    """The second year of a range written short ("2025-26" -> 2026) read as the full year."""
    out = []
    for q in found:
        m = re.search(r"(\d{2})\d{2}[-–/]$", text[max(0, q.start - 5) : q.start])
        if q.kind is Kind.NUMBER and m and re.fullmatch(r"\d{2}", q.text):
            q = Quantity(q.kind, float(m.group(1) + q.text), q.start, q.end, q.text)
        out.append(q)
    return out


def _ordinal_fix(found: list[Quantity], text: str) -> list[Quantity]:
    """Drop number words that are part of a larger scaled amount ("two million" keeps 2e6)."""
    out: list[Quantity] = []
    for q in found:
        if q.kind is Kind.NUMBER and out and out[-1].kind is Kind.NUMBER and out[-1].end == q.start and q.text.isalpha():
            continue
        out.append(q)
    return out


def idiom_spans(text: str, lang: str = "fr") -> list[tuple[int, int]]:
    """Spans of number idioms a translation may render without their numbers ("24 heures sur
    24" -> "round the clock"; ``[number_idioms]`` of ``source_checks.toml``)."""
    from mtcheck.source.lexicon import source_checks

    patterns = source_checks(lang).get("number_idioms", {}).get("patterns", ())
    return [m.span() for p in patterns for m in re.finditer(p, text, re.IGNORECASE)]


def same_value(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities say the same thing (times modulo 12 hours when one is ambiguous)."""
    if a.kind is not b.kind:
        # "18h" and "6pm"-less "18" are both fine: a bare number may stand for an hour.
        return {a.kind, b.kind} == {Kind.TIME, Kind.NUMBER} and _time_number(a, b)
    if a.kind is Kind.ROAD:
        return a.text == b.text  # the English form: letter and number
    if a.kind is Kind.NUMBER and any(_metres(x, y) for x, y in ((a, b), (b, a))):
        return True
    if a.kind is Kind.TIME:
        return a.value == b.value or a.value % 720 == b.value % 720 and min(a.value, b.value) < 780
    return abs(a.value - b.value) <= 1e-9 * max(1.0, abs(a.value))


def _metres(a: Quantity, b: Quantity) -> bool:
    """An English "1.85m" read as 1.85 million that is 1,85 m (metres) in the source."""
    return re.search(r"\dm$", a.text) is not None and abs(a.value / 1e6 - b.value) <= 1e-9 * max(1.0, b.value)


def _time_number(a: Quantity, b: Quantity) -> bool:
    t, n = (a, b) if a.kind is Kind.TIME else (b, a)
    return t.value % 60 == 0 and n.value in (t.value // 60, (t.value // 60) % 12)
