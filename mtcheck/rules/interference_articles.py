"""Interference rules on articles, titles and noun phrases.

French puts an article before countries and regions (*l'Allemagne*, *la Bretagne*), named
storms (*la tempête Ciarán*) and a title before a name (*le président Macron*), and says
*la moitié de*, *le ministre des Affaires étrangères*, *le responsable de* and *l'avocat de la
victime*; English says Germany, Brittany, Storm Ciarán, President Macron, half of, Foreign
Minister, the head of, the victim's lawyer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from mtcheck.document import Document
from mtcheck.findings import Finding, Severity
from mtcheck.lang import regex_cache
from mtcheck.rules.base import Rule, RuleContext
from mtcheck.rules.interference_common import SyntaxRule, sentence_matches, with_case

COUNTRIES = frozenset(
    """Germany France Italy Spain Portugal Finland Sweden Norway Denmark Poland Austria Switzerland Belgium
    Greece Hungary Romania Bulgaria Croatia Serbia Slovakia Slovenia Ireland Iceland Estonia Latvia Lithuania
    Luxembourg Russia Belarus Moldova Georgia Armenia Azerbaijan Kazakhstan China Japan India Pakistan
    Bangladesh Iran Iraq Syria Israel Egypt Libya Tunisia Algeria Morocco Mali Nigeria Senegal
    Cameroon Ghana Kenya Ethiopia Somalia Rwanda Madagascar Turkey Brazil Argentina Mexico Canada Chile
    Peru Colombia Venezuela Bolivia Ecuador Cuba Haiti Australia Indonesia Vietnam Thailand Cambodia
    Afghanistan Qatar Kuwait Oman Mongolia Taiwan Britain England Scotland Wales Europe Africa Asia America
    Oceania""".split()
)
"""Countries and continents English names without an article (not Ukraine, Lebanon or Sudan,
which older English still writes with "the", nor Jordan, Niger or Chad, also rivers and a lake)."""

REGIONS = frozenset(
    """Brittany Normandy Alsace Lorraine Burgundy Provence Corsica Occitanie Île-de-France Hauts-de-France
    Nouvelle-Aquitaine Auvergne-Rhône-Alpes Bourgogne-Franche-Comté Finistère Morbihan Calvados Moselle
    Bouches-du-Rhône Seine-Saint-Denis Val-de-Marne Hauts-de-Seine Pas-de-Calais Haute-Savoie Savoie
    Charente-Maritime Loire-Atlantique Ille-et-Vilaine Côtes-d'Armor Alpes-Maritimes Essonne Yvelines
    Val-d'Oise Seine-et-Marne Haute-Garonne Bas-Rhin Haut-Rhin Pyrénées-Atlantiques Vendée Mayenne
    Sarthe Vaucluse Hérault Gard Aude Landes Manche""".split()
)
"""French regions and départements English names without an article. River départements that
English writes with "the" (the Dordogne, the Somme, the Var, the Gironde) are not listed."""

_MODIFIER_HEADS = frozenset({"of", "that", "which", "who", "whose", "'s", "’s"})


def _bare_name_with_article(parsed, names: frozenset[str]) -> Iterator[tuple[object, object]]:
    """("the" token, name token) pairs where a listed name is a whole noun phrase with "the".

    The name must not modify another word ("the Normandy landings", "the France team"), carry
    an adjective ("a united Germany") or be followed by "of"/a relative clause ("the France of
    de Gaulle").
    """
    toks = parsed.tokens
    for t in toks:
        if t.text not in names or t.i == 0:
            continue
        the = toks[t.i - 1]
        if the.lower != "the" or the.head != t.i:
            continue
        if t.dep in ("compound", "amod", "nmod", "poss"):
            continue
        nxt = toks[t.i + 1] if t.i + 1 < len(toks) else None
        if nxt is not None and (nxt.lower in _MODIFIER_HEADS or nxt.tag in ("NN", "NNS", "NNP", "NNPS", "POS", "CD")):
            continue
        if nxt is not None and nxt.text != "," and any(
            toks[c].dep in ("relcl", "acl", "prep") and c > t.i for c in parsed.children(t.i)
        ):
            continue  # "the France of de Gaulle", "the Germany that emerged"; ", where …" is fine
        yield the, t


class ArticleBeforeCountry(SyntaxRule):
    """"the Germany", "as the Finland did": a French article kept before a country name.

    English names most countries and continents without an article. Names used as modifiers
    ("the France team"), with an adjective ("a divided Germany") or a complement ("the Germany
    of the 1950s") are English and left alone.
    """

    code = "G020"
    name = "article-before-country"
    category = "grammar"
    severity = Severity.WARNING
    specificity = 66
    bad = (
        "The reform draws on the example of the Finland and Portugal.",
        "He asked the state to act as the Germany did.",
    )
    good = (
        "The reform draws on the example of Finland and Portugal.",
        "The Germany of the 1950s rebuilt quickly.",
        "The France team won the match.",
        "The Netherlands and the United States signed.",
    )
    syntax_prefilter = regex_cache.compile(r"\bthe (?:" + "|".join(sorted(COUNTRIES)) + r")\b")

    def check_sentence(self, doc: Document, parsed, ctx: RuleContext) -> Iterator[Finding]:
        for the, name in _bare_name_with_article(parsed, COUNTRIES):
            yield self.finding(
                doc, the.start, name.end, f"French article before a country: English says “{name.text}”",
                [name.text], confidence=0.85,
            )


class ArticleBeforeRegion(SyntaxRule):
    """"in the Brittany", "in the Finistère": a French article kept before a region or département.

    English writes Brittany, Normandy, Finistère, Seine-Saint-Denis without "the" (river
    départements such as the Dordogne or the Somme are not listed). Modifier uses ("the
    Normandy landings", "the Brittany coast") are left alone.
    """

    code = "G021"
    name = "article-before-region"
    category = "grammar"
    severity = Severity.WARNING
    specificity = 66
    bad = (
        "A cyclist was killed in the Brittany in June.",
        "The plant in the Moselle employs 640 people.",
    )
    good = (
        "A cyclist was killed in Brittany in June.",
        "The Normandy landings began in June 1944.",
        "They walked along the Brittany coast.",
        "Vineyards line the Dordogne.",
    )
    syntax_prefilter = regex_cache.compile(r"\bthe (?:" + "|".join(re.escape(r) for r in sorted(REGIONS)) + r")\b")

    def check_sentence(self, doc: Document, parsed, ctx: RuleContext) -> Iterator[Finding]:
        for the, name in _bare_name_with_article(parsed, REGIONS):
            yield self.finding(
                doc, the.start, name.end, f"French article before a region or département: English says “{name.text}”",
                [name.text], confidence=0.8,
            )


_STORM = regex_cache.compile(
    r"\b(?P<the>[Tt]he) (?P<kind>[Ss]torm|[Tt]empest|[Hh]urricane|[Cc]yclone|[Tt]yphoon) (?P<name>[A-Z][a-zà-ÿ]+)\b(?![-'’])"
)
_NOT_NAMES = frozenset(
    {"In", "On", "At", "The", "A", "But", "And", "Centre", "Center", "Warning", "Season", "Service", "Prediction",
     "Watch", "Hunters", "Alley", "Force", "Surge", "Track"}
)
_DAYS_AND_MONTHS = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August "
    "September October November December".split()
)


class ArticleBeforeNamedStorm(Rule):
    """"the storm Armand", "the tempest Ciarán": French *la tempête Armand*.

    English names a storm like a title, without an article: "Storm Armand", "Hurricane Irma".
    """

    code = "G022"
    name = "article-before-named-storm"
    category = "grammar"
    severity = Severity.WARNING
    specificity = 66
    bad = ("The storm Armand swept the west of France during the night.", "Roofs were torn off by the tempest Ciarán.")
    good = (
        "Storm Armand swept the west of France during the night.",
        "The storm Monday knocked out power.",
        "The Storm Prediction Center issued a warning.",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        for base, m in sentence_matches(doc, _STORM):
            name = m.group("name")
            if name in _NOT_NAMES or name in _DAYS_AND_MONTHS:
                continue
            kind = m.group("kind").lower()
            kind = "Storm" if kind in ("storm", "tempest") else kind.capitalize()
            yield self.finding(
                doc, base + m.start(), base + m.end(), f"French ‘la tempête {name}’: English says “{kind} {name}”",
                [f"{kind} {name}"], confidence=0.85,
            )


_TITLES = frozenset(
    """president minister chancellor senator professor judge mayor commissioner governor prefect""".split()
)
"""Modern public titles; royal and church titles ("the Queen Mary", "the bishop Terebinthus") are
left out: English uses them with an article for ships, venues and historical figures."""
_NOT_NAME_WORDS = frozenset(
    "Regent Mother Emeritus General Consort Elect Dowager Regnant Father Royal Street Hotel Assembly Council Bible".split()
)


class ArticleBeforeTitleName(SyntaxRule):
    """"the President Macron", "the Pope Francis": a French article kept before a title + name.

    English drops the article before a title used with a name ("President Macron") or puts a
    comma ("the president, Emmanuel Macron,"). Titles that modify another noun ("the King James
    Bible") and fixed titles ("the Queen Mother", "the Prince Regent") are left alone.
    """

    code = "G023"
    name = "article-before-title-name"
    category = "grammar"
    severity = Severity.WARNING
    specificity = 66
    bad = (
        "The President Macron had mentioned a tougher law in 2023.",
        "A letter was sent to the minister Bruno Castel on Monday.",
    )
    good = (
        "President Macron had mentioned a tougher law in 2023.",
        "The President Wilson Hotel overlooks the lake.",
        "The Queen Mother died in 2002.",
        "The president, Emmanuel Macron, spoke.",
    )
    syntax_prefilter = regex_cache.compile(r"\b[Tt]he (?:" + "|".join(sorted(_TITLES)) + r") [A-Z]", re.IGNORECASE)

    def check_sentence(self, doc: Document, parsed, ctx: RuleContext) -> Iterator[Finding]:
        toks = parsed.tokens
        for t in toks[1:-1]:
            if t.lower not in _TITLES or toks[t.i - 1].lower != "the":
                continue
            the = toks[t.i - 1]
            k = t.i + 1
            while k < len(toks) and toks[k].tag in ("NNP", "NNPS") and toks[k].text[:1].isupper():
                k += 1
            last = k - 1
            if last == t.i or any(toks[j].text in _NOT_NAME_WORDS for j in range(t.i + 1, k)):
                continue
            titled = the.head == last and t.head == last
            apposed = the.head == t.i and toks[last].head == t.i and toks[last].dep == "appos"
            if not (titled or apposed):
                continue
            if k < len(toks) and (toks[k].tag in ("NN", "NNS") or toks[k].lower in ("of", "'s", "’s")):
                continue
            title = t.text[0].upper() + t.text[1:]
            yield self.finding(
                doc, the.start, t.end, f"French ‘le {t.lower} X’: English says “{title} X” without “the”",
                [title], confidence=0.85,
            )


_FRACTION = regex_cache.compile(
    r"\b(?P<the>[Tt]he) (?P<frac>half|quarter) of "
    r"(?=(?:(?:the|all|its|their|his|her|these|those|our) )?(?!(?:this|its|his|is|was|us|as)\b)(?:[a-z]+ )?(?!(?:this|its|his|is|was|us|as)\b)[a-z]+s\b|\d|them\b)"
)
_THIRD = regex_cache.compile(r"\b(?P<the>[Tt]he) (?P<frac>third) of (?=(?:\w+ ){0,4}(?:were|are|have|had|remain|remained)\b)")
_FRACTION_FIX = {"half": "half", "quarter": "a quarter", "third": "a third"}


class DefiniteFraction(Rule):
    """"the half of the employees", "the quarter of fatal accidents": French *la moitié de*, *le quart de*.

    English says "half of the employees", "a quarter of fatal accidents", "a third of trains
    were cancelled". "The quarter of the city" (a district) and ordinals ("the third of his
    novels") are left alone.
    """

    code = "G024"
    name = "definite-fraction"
    category = "calque"
    severity = Severity.WARNING
    specificity = 62
    bad = (
        "The half of the employees are over fifty.",
        "Drugs are involved in the quarter of fatal accidents.",
        "The third of regional trains were cancelled.",
    )
    good = (
        "Half of the employees are over fifty.",
        "They lived in the old quarter of the city.",
        "The first half of the season was hard.",
        "It was the third of his novels.",
        "You don't know the half of it.",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        for pattern in (_FRACTION, _THIRD):
            for base, m in sentence_matches(doc, pattern):
                frac = m.group("frac")
                yield self.finding(
                    doc, base + m.start(), base + m.end("frac"), f"French ‘la moitié / le quart de’: English says “{_FRACTION_FIX[frac]} of”",
                    [with_case(m.group("the"), _FRACTION_FIX[frac])], confidence=0.8,
                )


RULES = (
    ArticleBeforeCountry(),
    ArticleBeforeRegion(),
    ArticleBeforeNamedStorm(),
    ArticleBeforeTitleName(),
    DefiniteFraction(),
)
