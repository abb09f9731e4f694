"""Values a correct translation writes otherwise than the source (rule S002): units converted
(58 quintaux -> 5.8 tonnes), numbers rounded beside an approximation word (près de 1 187 ->
nearly 1,200), relative dates made absolute (l'an dernier -> in 2025) and conversions the
translator adds in parentheses (100 km (62 miles)). All of it is data: ``[units]``,
``[approximation]`` and ``[relative_dates]`` of ``source_checks.toml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from mtcheck.source.lexicon import source_checks
from mtcheck.source.quantities import Kind, Quantity

_BEFORE_UNIT = r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|a|an|half)\b)[\d.,\u00a0\u202f ]*[\s\u00a0-]*"


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
    return (convs, float(units.get("tolerance", 0.06)), words(approx.get("french", ())), words(approx.get("english", ())),
            float(approx.get("tolerance", 0.1)), words(dates.get("years", ())), words(dates.get("days", ())))


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
