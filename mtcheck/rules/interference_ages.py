"""Interference rules on ages and sentences: *âgé de 47 ans*, *une peine de cinq ans de prison*.

English says "aged 47" (or "a 47-year-old"), "a five-year sentence" and "five years in prison".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mtcheck.document import Document
from mtcheck.findings import Finding, Severity
from mtcheck.lang import regex_cache
from mtcheck.rules.base import Rule, RuleContext
from mtcheck.rules.interference_common import NUMBER_RE, sentence_matches, with_case


_PERSON_NOUNS = (
    "man|woman|men|women|boy|girl|child|children|teenager|teenagers|pensioner|retiree|driver|cyclist|motorist|"
    "pedestrian|teacher|professor|worker|farmer|student|pupil|mother|father|victim|resident|patient|suspect|"
    "tourist|nurse|doctor|soldier|journalist|employee|son|daughter|baby|toddler|youth|widow|widower|player|"
    "climber|hiker|swimmer|surfer|fisherman|mayor|priest|nun|migrant|refugee|prisoner|defendant|passenger"
)
_AGED_OF = regex_cache.compile(
    rf"\b(?P<lead>aged|old) of (?P<num>{NUMBER_RE}(?: (?:to|and) {NUMBER_RE})?)(?: years?(?: old)?)?\b", re.IGNORECASE
)
_PERSON_OF_YEARS = regex_cache.compile(
    rf"\b(?P<noun>(?:{_PERSON_NOUNS})(?: of [a-z]+)?) of (?P<num>{NUMBER_RE}(?: (?:to|and) {NUMBER_RE})?) years?(?: old)?\b(?! (?:of|ago|in|on|at|service|experience|marriage))",
    re.IGNORECASE,
)


class AgedOf(Rule):
    """"aged of 47 years", "a man of 61 years": French *âgé de 47 ans*, *un homme de 61 ans*.

    English gives an age with "aged 47" or "47" ("a 61-year-old man", "a man aged 61"); "of"
    and "years" are dropped. Only person nouns are taken, so "a career of 30 years" is left
    alone.
    """

    code = "G015"
    name = "aged-of"
    category = "calque"
    severity = Severity.WARNING
    specificity = 66
    bad = (
        "Karim Belhadj, aged of 47 years, works at the plant.",
        "A man of 61 years was killed when a tree fell.",
        "The victim, a teacher of mathematics of 52 years, was riding home.",
        "Teachers aged of 25 to 60 years marched in Marseille.",
    )
    good = (
        "Karim Belhadj, aged 47, works at the plant.",
        "A man aged 61 was killed when a tree fell.",
        "She ended a career of 30 years in the police.",
        "A veteran of 40 years of service spoke.",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        for base, m in sentence_matches(doc, _AGED_OF):
            yield self.finding(
                doc, base + m.start(), base + m.end(), "French ‘âgé de N ans’: English says “aged N”",
                [f"{m.group('lead')} {m.group('num')}" if m.group("lead").lower() == "aged" else f"{m.group('num')} years old"],
                confidence=0.9,
            )
        for base, m in sentence_matches(doc, _PERSON_OF_YEARS):
            start = base + m.start() + len(m.group("noun")) + 1
            yield self.finding(
                doc, start, base + m.end(), "French ‘un homme de N ans’: English says “a man aged N” or “an N-year-old man”",
                [f"aged {m.group('num')}"], confidence=0.8,
            )


_UNIT_SINGULAR = {"years": "year", "year": "year", "months": "month", "month": "month", "weeks": "week", "week": "week", "days": "day", "day": "day"}
_SENTENCE_OF = regex_cache.compile(
    rf"\b(?P<det>an?|the|his|her|their|its) (?P<kind>(?:(?:prison|jail|suspended|custodial) )?(?:sentence|penalty|ban|suspension|term of imprisonment)) "
    rf"of (?P<num>{NUMBER_RE}) (?P<unit>years?|months?|weeks?|days?)(?P<tail> of (?:prison|jail|imprisonment|detention))?\b",
    re.IGNORECASE,
)
_YEARS_OF_PRISON = regex_cache.compile(rf"\b(?P<num>{NUMBER_RE}) (?P<unit>years?|months?|weeks?|days?) of (?P<where>prison|jail)\b", re.IGNORECASE)
_VOWEL_SOUND = regex_cache.compile(r"^(?:8|11|18|80|eight|eleven|eighteen|eighty)", re.IGNORECASE)


class SentenceOfYears(Rule):
    """"a sentence of four years", "four years of prison": French *une peine de quatre ans de prison*.

    English puts the length before the noun ("a four-year sentence", "a five-year ban") and
    says "four years in prison".
    """

    code = "G016"
    name = "sentence-of-years"
    category = "calque"
    severity = Severity.WARNING
    specificity = 64
    bad = (
        "He was sentenced to a sentence of four years for the accident.",
        "The court handed him a ban of ten years.",
        "The prosecutor had sought five years of prison.",
    )
    good = (
        "He was given a four-year sentence for the accident.",
        "The prosecutor had sought five years in prison.",
        "He spent five years of his life in Paris.",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        covered: list[tuple[int, int]] = []
        for base, m in sentence_matches(doc, _SENTENCE_OF):
            covered.append((base + m.start(), base + m.end()))
            unit = _UNIT_SINGULAR[m.group("unit").lower()]
            num = m.group("num")
            det = m.group("det")
            if det.lower() in ("a", "an"):
                det = with_case(det, "an" if _VOWEL_SOUND.match(num) else "a")
            kind = m.group("kind")
            if m.group("tail") and not kind.lower().startswith(("prison", "jail")):
                kind = f"prison {kind}"
            yield self.finding(
                doc, base + m.start(), base + m.end(), f"French ‘une peine de N ans’: English says “a N-{unit} {kind}”",
                [f"{det} {num}-{unit} {kind}"], confidence=0.75,
            )
        for base, m in sentence_matches(doc, _YEARS_OF_PRISON):
            start = base + m.start("num")
            if any(s <= start < e for s, e in covered):
                continue
            yield self.finding(
                doc, start, base + m.end(), "French ‘N ans de prison’: English says “N years in prison”",
                [f"{m.group('num')} {m.group('unit')} in {m.group('where')}"], confidence=0.8,
            )


RULES = (
    AgedOf(),
    SentenceOfYears(),
)
