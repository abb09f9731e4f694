"""Values a correct translation writes otherwise than the source (rule S002): units converted
(58 quintaux -> 5.8 tonnes), numbers rounded (près de 1 187 -> nearly 1,200; 3,47 millions ->
3.5 million), fractions as percentages (la moitié -> 50%), holidays for their date (le 14
juillet -> Bastille Day), relative dates made absolute or absolute ones relative (l'an dernier
-> in 2025, le budget 2026 -> next year's budget) and conversions the translator adds in
parentheses (100 km (62 miles)). All of it is data: ``[units]``, ``[approximation]``,
``[fractions]``, ``[holiday_dates]`` and ``[relative_dates]`` of ``source_checks.toml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from mtcheck.source.lexicon import source_checks
from mtcheck.source.quantities import Kind, Quantity

_BEFORE_UNIT = (
    r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|a|an|half)\b)"
    r"[\d.,\u00a0\u202f ]*[\s\u00a0-]*"
)


@dataclass(frozen=True)
class Conversion:
    """A unit pair: an English value is ``factor`` times the French value plus ``offset``."""

    french: re.Pattern
    english: re.Pattern
    factor: float
    offset: float


@lru_cache(maxsize=4)
def _tables(lang: str) -> tuple[tuple[Conversion, ...], float, re.Pattern, re.Pattern, float, re.Pattern, re.Pattern]:
    table = source_checks(lang)

    def unit(p: str) -> re.Pattern:
        return re.compile(rf"{_BEFORE_UNIT}(?:{p})(?!\w)", re.IGNORECASE)

    def words(items) -> re.Pattern:
        return re.compile(rf"(?<!\w)(?:{'|'.join(items) or '(?!x)x'})(?!\w)", re.IGNORECASE)

    units = table.get("units", {})
    convs = tuple(
        Conversion(unit(c["fr"]), unit(c["en"]), float(c["factor"]), float(c.get("offset", 0.0)))
        for c in units.get("conversions", ()) if isinstance(c, dict)
    )
    approx = table.get("approximation", {})
    dates = table.get("relative_dates", {})
    return (
        convs, float(units.get("tolerance", 0.06)), words(approx.get("french", ())), words(approx.get("english", ())),
        float(approx.get("tolerance", 0.1)), words(dates.get("years", ())), words(dates.get("days", ())),
    )


def conversions(source: str, target: str, lang: str = "fr") -> tuple[Conversion, ...]:
    """The unit conversions a pair may hold: the French unit in the source after a number,
    the English one in the target."""
    return tuple(c for c in _tables(lang)[0] if c.french.search(source) and c.english.search(target))


def _close(a: float, b: float, tolerance: float) -> bool:
    return abs(a - b) <= tolerance * max(abs(a), abs(b), 1e-9)


def converted(t: Quantity, s: Quantity, convs: tuple[Conversion, ...], lang: str = "fr") -> bool:
    """Whether the English ``t`` is the French ``s`` in another unit of ``convs``."""
    if t.kind is not Kind.NUMBER or s.kind is not Kind.NUMBER:
        return False
    tolerance = _tables(lang)[1]
    return any(_close(t.value, s.value * c.factor + c.offset, tolerance) for c in convs)


def approximated(source: str, target: str, lang: str = "fr") -> float:
    """The tolerance for rounded values of a pair: ``[approximation]``'s when either side has
    an approximation word, else 0."""
    _, _, fr, en, tolerance, _, _ = _tables(lang)
    return tolerance if fr.search(source) or en.search(target) else 0.0


def rounded(t: Quantity, s: Quantity, tolerance: float) -> bool:
    """Whether ``t`` renders ``s`` rounded (both numbers, within ``tolerance``)."""
    return tolerance > 0 and t.kind is s.kind is Kind.NUMBER and _close(t.value, s.value, tolerance)


def made_absolute(t: Quantity, source: str, lang: str = "fr") -> bool:
    """Whether ``t`` (English) may be a relative date of the source made absolute: a year for
    "l'an dernier", a day of the month or a month for "hier" or "mardi"."""
    years, days = _tables(lang)[5:]
    if t.kind is Kind.NUMBER and 1900 <= t.value <= 2100 and t.value.is_integer():
        return years.search(source) is not None
    if t.kind is Kind.MONTH or t.kind is Kind.NUMBER and 1 <= t.value <= 31 and t.value.is_integer():
        return days.search(source) is not None
    return False


def in_added_parenthesis(t: Quantity, target: str) -> bool:
    """Whether ``t`` stands in a parenthesis just after another number: a conversion the
    translator added ("100 km (62 miles)", "€100m ($108m)")."""
    opening = target.rfind("(", 0, t.start)
    if opening < 0 or ")" in target[opening : t.start]:
        return False
    return re.search(r"\d[^\d()]{0,20}$", target[:opening]) is not None


def _significant(text: str) -> int:
    """Significant digits of a number as written ("1,200" -> 2, "3.5m" -> 2, "0.25" -> 2)."""
    number = re.match(r"[\d.,\u00a0\u202f ]*\d", text)
    raw = number.group() if number else text
    digits = re.sub(r"\D", "", raw).lstrip("0")
    if "." not in raw and not re.search(r",\d{1,2}$", raw):
        digits = digits.rstrip("0")
    return len(digits)


def rounded_off(t: Quantity, s: Quantity) -> bool:
    """Whether ``t`` is ``s`` rounded to fewer significant digits, two at least (3,47 millions
    -> 3.5 million, 1 187 -> 1,200); never a year (2022 -> 2020 is another year)."""
    if t.kind is not Kind.NUMBER or s.kind is not Kind.NUMBER or 1900 <= s.value <= 2100:
        return False
    n, m = _significant(t.text), _significant(s.text)
    if n < 2 or n >= m:
        return False
    return _close(float(f"{s.value:.{n}g}"), t.value, 1e-9)


@lru_cache(maxsize=4)
def _fractions(lang: str) -> tuple[tuple[tuple[re.Pattern, float], ...], tuple[tuple[re.Pattern, float], ...], float]:
    table = source_checks(lang).get("fractions", {})

    def compiled(items: dict) -> tuple[tuple[re.Pattern, float], ...]:
        return tuple((re.compile(rf"(?<!\w)(?:{k})(?!\w)", re.IGNORECASE), float(v)) for k, v in items.items())

    return compiled(table.get("french", {})), compiled(table.get("english", {})), float(table.get("tolerance", 0.02))


_PERCENT_AFTER = re.compile(r"\s?(?:%|pour\s?cent|per\s?cent|percent)", re.IGNORECASE)


_SMALL = {"un": 1, "une": 1, "one": 1, "a": 1, "deux": 2, "two": 2, "trois": 3, "three": 3, "quatre": 4, "four": 4,
          "cinq": 5, "five": 5, "six": 6, "sept": 7, "seven": 7, "huit": 8, "eight": 8, "neuf": 9, "nine": 9,
          "dix": 10, "ten": 10, "cent": 100, "hundred": 100}
_NUMBER_WORD = "|".join(sorted(_SMALL, key=len, reverse=True))
_RATIO = re.compile(
    rf"(?<!\w)(\d+|{_NUMBER_WORD})\s+(?:[\w’'-]+\s+){{0,2}}?(?:sur|in|out\s+of)\s+(\d+|{_NUMBER_WORD})(?!\w)",
    re.IGNORECASE,
)


def _ratios(text: str) -> list[float]:
    """Shares written as ratios: "un Français sur trois", "neuf sur dix", "nine in ten"."""
    out = []
    for m in _RATIO.finditer(text):
        a, b = (int(x) if x.isdigit() else _SMALL.get(x.lower()) for x in m.groups())
        if a and b and a < b:
            out.append(a / b)
    return out


def fraction_rendered(q: Quantity, text: str, other: str, english: bool, lang: str = "fr") -> bool:
    """Whether a percentage ``q`` of ``text`` is a fraction or a ratio of ``other`` ("50 %" ->
    "half", "90 %" -> "nine in ten"; with ``english`` true, ``q`` is English and ``other``
    French)."""
    if q.kind is not Kind.NUMBER or not _PERCENT_AFTER.match(text, q.end):
        return False
    french, english_words, tolerance = _fractions(lang)
    words = french if english else english_words
    if any(p.search(other) and abs(v - q.value / 100) <= tolerance for p, v in words):
        return True
    return any(abs(v - q.value / 100) <= tolerance for v in _ratios(other))


_MONTH_BEFORE = re.compile(
    r"(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|[’'])\s*$", re.IGNORECASE
)


def short_year(t: Quantity, s: Quantity, source: str) -> bool:
    """Whether ``t`` is the full year of a year French writes short after a month or an
    apostrophe ("Mai 68" -> "May 1968", "l'été '76")."""
    if t.kind is not Kind.NUMBER or s.kind is not Kind.NUMBER or not (0 <= s.value < 100 and s.value.is_integer()):
        return False
    if not (1900 <= t.value <= 2099 and t.value % 100 == s.value):
        return False
    return _MONTH_BEFORE.search(source[max(0, s.start - 12) : s.start]) is not None


@lru_cache(maxsize=4)
def _holidays(lang: str) -> tuple[tuple[re.Pattern, int, int], ...]:
    table = source_checks(lang).get("holiday_dates", {}).get("english", {})
    return tuple((re.compile(rf"(?<!\w)(?:{k})", re.IGNORECASE), int(v[0]), int(v[1])) for k, v in table.items())


def holiday_quantities(target: str, lang: str = "fr") -> list[Quantity]:
    """The day and month of every holiday named in an English text (Bastille Day -> 14, July)."""
    out = []
    for pattern, day, month in _holidays(lang):
        for m in pattern.finditer(target):
            out.append(Quantity(Kind.NUMBER, float(day), m.start(), m.end(), m.group()))
            out.append(Quantity(Kind.MONTH, float(month), m.start(), m.end(), m.group()))
    return out


@lru_cache(maxsize=4)
def _english_years(lang: str) -> re.Pattern:
    items = source_checks(lang).get("relative_dates", {}).get("english_years", ())
    return re.compile(rf"(?<!\w)(?:{'|'.join(items) or '(?!x)x'})(?!\w)", re.IGNORECASE)


def made_relative(s: Quantity, target: str, lang: str = "fr") -> bool:
    """Whether a French year may be rendered relatively in ``target`` ("le budget 2026" ->
    "next year's budget")."""
    return s.kind is Kind.NUMBER and 1900 <= s.value <= 2100 and _english_years(lang).search(target) is not None


def decade(t: Quantity, s: Quantity, source: str) -> bool:
    """Whether ``t`` names the decade of the French "les années 80" or "les années 1980"
    (the 1980s, the eighties, the 80s)."""
    if t.kind is not Kind.NUMBER or s.kind is not Kind.NUMBER or s.value % 10 or not s.value.is_integer():
        return False
    if not re.search(r"années[ \u00a0]+$", source[max(0, s.start - 10) : s.start], re.IGNORECASE):
        return False
    return t.value % 100 == s.value % 100 and (t.value < 100 or 1900 <= t.value <= 2090)


def described_age(q, target: str, source: str) -> bool:
    """Whether the English number ``q`` is an age ("11-year-olds", "aged 11", "11 years old")
    where the source gives none (no "ans", "âge", "âgé"): a description of a school year or a
    generation, not a value of the source."""
    after = target[q.end : q.end + 14].lower()
    before = target[max(0, q.start - 6) : q.start].lower()
    age = re.match(r"[- ]years?[- ]olds?\b", after) or re.match(r"[- ]years?[- ]old\b", after) or before.endswith("aged ")
    return bool(age) and not re.search(r"\b(?:ans|âges?|âgée?s?)\b", source, re.IGNORECASE)


def unrendered_fraction(source: str, target: str, target_values: list[Quantity], lang: str = "fr") -> bool:
    """Whether ``source`` has a fraction word ("la moitié", "un sur trois") that ``target``
    renders neither by a fraction word nor by a percentage or a ratio of about its value."""
    french, english, tolerance = _fractions(lang)
    values = [v for p, v in french if p.search(source)]
    shown = [v for p, v in english if p.search(target)] + list(_ratios(target))
    shown += [q.value / 100 for q in target_values if q.kind is Kind.NUMBER and _PERCENT_AFTER.match(target, q.end)]
    return any(not any(abs(v - w) <= tolerance for w in shown) for v in values)


def year_after_rendered_month(q: Quantity, source: str, source_values: list[Quantity], months: set[float]) -> bool:
    """Whether ``q`` is a year (1900-2099) written right after a month of ``source`` that the
    translation renders (``months``: the month numbers it gives)."""
    if q.kind is not Kind.NUMBER or not (1900 <= q.value <= 2099 and q.value == int(q.value)):
        return False
    return any(
        s.kind is Kind.MONTH and s.value in months and 0 <= q.start - s.end <= 2 for s in source_values
    )

