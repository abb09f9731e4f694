"""Interference rules on titles and possession: *le ministre de l'Intérieur*, *le responsable de*,
*l'avocat de la famille*.

English news says "Interior Minister", "the head of" / "officials" and "the family's lawyer".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mtcheck.document import Document
from mtcheck.findings import Finding, Severity
from mtcheck.lang import regex_cache
from mtcheck.rules.base import Rule, RuleContext
from mtcheck.rules.interference_common import sentence_matches, with_case


_MINISTRIES = {
    "foreign affairs": "Foreign", "the interior": "Interior", "interior": "Interior", "the economy": "Economy",
    "economy": "Economy", "finance": "Finance", "finances": "Finance", "justice": "Justice", "defence": "Defence",
    "defense": "Defense", "the armed forces": "Armed Forces", "armed forces": "Armed Forces", "health": "Health",
    "labour": "Labour", "labor": "Labor", "education": "Education", "national education": "Education",
    "culture": "Culture", "agriculture": "Agriculture", "industry": "Industry", "transport": "Transport",
    "energy": "Energy", "ecology": "Ecology", "the environment": "Environment", "environment": "Environment",
    "housing": "Housing", "sport": "Sports", "sports": "Sports", "higher education": "Higher Education",
}
_MINISTER_OF = regex_cache.compile(
    r"\b(?P<the>[Tt]he )?(?P<title>[Mm]inister) of (?P<dept>(?i:" + "|".join(sorted((re.escape(k) for k in _MINISTRIES), key=len, reverse=True)) + r"))\b"
    r"(?P<after>,? (?:[A-Z][\w'’-]+ ){0,2}[A-Z][\w'’-]+|,? (?:must|will|said|announced|has|had|is|was|declared|defended)\b)"
)


class MinisterOfTitle(Rule):
    """"the Minister of the Interior, Laurent X": a French ministry title rendered word for word.

    English news writes "Interior Minister Laurent X" ("the interior minister"), "Foreign
    Minister", "Education Minister". Flagged when the title is used as a news title: before a
    name or as the subject of a reporting verb; "he served as Minister of Foreign Affairs"
    (an official style) is left alone.
    """

    code = "G025"
    name = "minister-of-title"
    category = "calque"
    severity = Severity.INFO
    specificity = 58
    bad = (
        "The Minister of the Economy Bruno Castel denounced the decision.",
        "The Minister of the Interior, Laurent Marchetti, went to the scene.",
        "The Minister of Industry must answer on Tuesday.",
    )
    good = (
        "Economy Minister Bruno Castel denounced the decision.",
        "He served as Minister of Foreign Affairs from 1990 to 1994.",
        "The Minister of Culture of Quebec presented the budget.",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        for base, m in sentence_matches(doc, _MINISTER_OF):
            if m.group("title")[0].islower() and not m.group("the"):
                continue
            dept = _MINISTRIES[m.group("dept").lower()]
            after = m.group("after")
            named = after.lstrip(", ")[:1].isupper()
            if named and m.group("the"):
                fix = f"{dept} Minister" if not after.startswith(",") else f"{with_case(m.group('the'), 'the')} {dept.lower()} minister"
            else:
                fix = f"{m.group('the') or ''}{dept} Minister"
            yield self.finding(
                doc, base + m.start(), base + m.end("dept"), f"French ministry title word for word: English says “{dept} Minister”",
                [fix], confidence=0.6,
            )


_RESPONSIBLE = regex_cache.compile(r"\b(?P<det>[Tt]he|[Aa]|[Ii]ts|[Tt]heir|[Hh]is|[Oo]ur) responsible (?P<prep>of|for) (?=(?:the|a|an|this|its|their)\b|[A-Z])")
_RESPONSIBLES = regex_cache.compile(r"\b(?P<det>the |The |its |their |our |local |many |several |two |three )?[Rr]esponsibles\b")


class ResponsibleAsNoun(Rule):
    """"the responsible of the union", "the responsibles": French *le responsable de* as a noun.

    English "responsible" is an adjective: say "the head of", "the official in charge of",
    "those responsible for", and "officials" for *les responsables*.
    """

    code = "G026"
    name = "responsible-as-noun"
    category = "calque"
    severity = Severity.WARNING
    specificity = 64
    bad = (
        "Sandrine Kieffer, the responsible of the CFDT at the plant, spoke.",
        "The responsibles of the prefecture declined to give names.",
    )
    good = (
        "Sandrine Kieffer, the head of the CFDT at the plant, spoke.",
        "The officials responsible for the attack were arrested.",
        "He is responsible for the budget.",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        for base, m in sentence_matches(doc, _RESPONSIBLE):
            det = m.group("det")
            fix = f"{det} head of" if m.group("prep").lower() == "of" else with_case(det, "those responsible for")
            yield self.finding(
                doc, base + m.start(), base + m.end("prep"), "French ‘le responsable de’: “responsible” is not a noun in English",
                [fix], confidence=0.8,
            )
        for base, m in sentence_matches(doc, _RESPONSIBLES):
            det = m.group("det") or ""
            word = "officials"
            fix = f"{det}{word}" if det else with_case(m.group(0), word)
            yield self.finding(
                doc, base + m.start(), base + m.end(), "French ‘les responsables’: English says “officials” or “leaders”",
                [fix], confidence=0.8,
            )


_RELATIONS = "lawyer|lawyers|spokesman|spokeswoman|spokesperson|wife|husband|widow|partner|mother|father|son|daughter|brother|sister|family|relatives|entourage|friends|parents|children"
_OWNERS = r"(?:the (?:victim|victims|defendant|accused|deceased|suspect|family|young man|young woman)|M(?:r|rs|s)\.? [A-Z][\w'’-]+)"
_OF_PERSON = regex_cache.compile(
    rf"\b(?P<the>[Tt]he) (?:(?P<noun>{_RELATIONS}) of (?P<owner>{_OWNERS})|(?P<noun2>(?:[a-z]+ )?[a-z]+) of (?P<owner2>M(?:r|rs|s)\.? [A-Z][\w'’-]+))\b(?!['’])"
)


class OfPossessivePerson(Rule):
    """"the lawyer of the family", "the wife of the victim", "the company of Mr Fauchon".

    French has no possessive 's (*l'avocat de la famille*); English news says "the family's
    lawyer", "the victim's wife", "Mr Fauchon's company". Limited to people in the news of a
    trial or an accident (victim, defendant, family, Mr X), where the 's form is the norm.
    """

    code = "G027"
    name = "of-possessive-person"
    category = "calque"
    severity = Severity.INFO
    specificity = 58
    bad = (
        "The wife of the victim attended the hearing.",
        "It is a fair decision, said the lawyer of the family.",
        "The company of Mr Fauchon was placed in receivership.",
    )
    good = ("The victim's wife attended the hearing.", "The wife of the president opened the exhibition.")

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        for base, m in sentence_matches(doc, _OF_PERSON):
            owner = m.group("owner") or m.group("owner2")
            noun = m.group("noun") or m.group("noun2")
            if owner.lower().startswith("the "):
                poss = f"{with_case(m.group('the'), 'the')} {owner[4:]}'" if owner.endswith("s") else f"{with_case(m.group('the'), 'the')} {owner[4:]}'s"
            else:
                poss = f"{owner}'s"
            yield self.finding(
                doc, base + m.start(), base + m.end(), "French ‘le N de la victime’: English says “the victim's N”",
                [f"{poss} {noun}"], confidence=0.6,
            )


RULES = (
    MinisterOfTitle(),
    ResponsibleAsNoun(),
    OfPossessivePerson(),
)
