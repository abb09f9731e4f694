"""Interference rules on French phrasing: clefts, *au niveau de*, *plus … que*, *toujours plus*.

French news opens with *c'est … qui*, says *au niveau du département*, compares with *que*
and intensifies with *toujours plus*; English states the subject, says "at departmental
level", compares with "than" and says "ever more".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from mtcheck.document import Document
from mtcheck.findings import Finding, Severity
from mtcheck.lang import regex_cache
from mtcheck.rules.base import Rule, RuleContext
from mtcheck.rules.interference_common import SyntaxRule, compile_ci, sentence_matches, with_case


_CLEFT_WHO = regex_cache.compile(
    r"^(?P<it>It is|It's|It are) (?P<np>(?:the|a|an|these|those|his|her|their|its|our) (?:[a-z][\w'’-]* ){0,2}[a-z][\w'’-]*|(?:Mr |Mrs |Ms )?[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2}) who (?P<next>\w+)"
)
_CLEFT_PREP = regex_cache.compile(
    r"^(?P<it>It is|It's) (?P<pp>(?:since|in|with|through|by|thanks to|from|at|on|for|after|because of|against) [^,;:]{1,40}?) that (?P<next>\w+)"
)
_SUPERLATIVE = regex_cache.compile(r"\b(?:\w+est|only|first|last|second|third|one|most|least|best|worst|same|kind|type|sort|person|man|woman|people)\b", re.IGNORECASE)


class ItIsWhoCleft(Rule):
    """"It is the mayor who has convened …", "It is since Tuesday that we prepare": French *c'est … qui/que*.

    French news marks the topic with a cleft where English simply states it: "The mayor
    convened …", "Since Tuesday, we have been preparing". Flagged for present-tense clefts that
    open a sentence; "It was in 1905 that …" (English narrative emphasis), superlatives ("It
    is the largest city that …") and "It is the only one who …" are left alone.
    """

    code = "G030"
    name = "it-is-who-cleft"
    category = "calque"
    severity = Severity.INFO
    specificity = 58
    bad = (
        "It is the mayor who has convened an emergency council.",
        "It is since Tuesday that we prepare ourselves.",
    )
    good = (
        "The mayor has convened an emergency council.",
        "It was in 1905 that Einstein published the paper.",
        "It is the largest city that lies on the river.",
        "It is the only one who knows.",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        for sentence in doc.sentences:
            text = sentence.text.lstrip("\"“«' ")
            base = sentence.start + len(sentence.text) - len(text)
            m = _CLEFT_WHO.match(text)
            if m and not _SUPERLATIVE.search(m.group("np")):
                np = m.group("np")
                yield self.finding(
                    doc, base, base + m.end("np") + len(" who"), "French cleft ‘c'est … qui’: English states the subject directly",
                    [np[0].upper() + np[1:]], confidence=0.6,
                )
                continue
            m = _CLEFT_PREP.match(text)
            if m and not _SUPERLATIVE.search(m.group("pp")):
                pp = m.group("pp")
                yield self.finding(
                    doc, base, base + m.end("pp") + len(" that"), "French cleft ‘c'est … que’: English puts the phrase first",
                    [pp[0].upper() + pp[1:] + ","], confidence=0.55,
                )


_LEVEL_ADJ = {
    "region": "regional", "regions": "regional", "department": "departmental", "departments": "departmental",
    "département": "departmental", "state": "state", "municipality": "local", "municipalities": "local",
    "commune": "local", "communes": "local", "town": "local", "city": "city", "country": "national",
    "nation": "national", "government": "government", "ministry": "ministry", "EU": "EU",
    "European Union": "EU", "Europe": "European", "company": "company", "group": "group", "school": "school",
    "schools": "school", "prefecture": "prefecture", "academy": "academy", "province": "provincial",
    "district": "district", "federation": "federation", "club": "club", "family": "family",
}
_LEVEL_OF = regex_cache.compile(
    r"\b(?P<at>[Aa]t) the level of (?P<det>the |each |every |a )?(?P<noun>" + "|".join(sorted(_LEVEL_ADJ, key=len, reverse=True)) + r")\b(?!['’-])"
)


class AtTheLevelOf(Rule):
    """"at the level of the department": French *au niveau du département* word for word.

    English says "at departmental level", "in the département", "nationally". Flagged before
    administrative and organisational nouns; the physical sense ("at the level of the fourth
    vertebra", "at the level of the bridge") is not taken here.
    """

    code = "G031"
    name = "at-the-level-of"
    category = "calque"
    severity = Severity.WARNING
    specificity = 60
    bad = ("At the level of the department, less than 15% of roads have a cycle lane.", "Talks will open at the level of each academy.")
    good = ("At departmental level, less than 15% of roads have a cycle lane.", "The water rose to the level of the bridge.")

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        for base, m in sentence_matches(doc, _LEVEL_OF):
            det = (m.group("det") or "").strip()
            noun = m.group("noun")
            fix = f"in {det} {noun}" if det in ("each", "every") else f"{m.group('at')} {_LEVEL_ADJ[noun]} level"
            yield self.finding(
                doc, base + m.start(), base + m.end(), "French ‘au niveau de’: English says “at … level” or “in”",
                [fix], confidence=0.65,
            )


_COMPARATIVE_THAT = compile_ci(r"\b(?:\w+er|more \w+|less \w+|fewer \w+|other|rather) that\b")
_PARTICIPLES_AFTER_THAN = frozenset({"expected", "forecast", "planned", "announced", "estimated", "anticipated", "usual", "predicted", "hoped", "feared", "initially", "before", "ever", "last", "in"})


class ComparativeThat(SyntaxRule):
    """"higher that last year", "more expensive that expected": French *plus … que* as "that".

    English compares with "than". Flagged when a comparative is followed by "that" and a noun
    phrase or a short participle ("than expected"), not by a clause ("it is more important that
    we act" is English).
    """

    code = "G032"
    name = "comparative-that"
    category = "grammar"
    severity = Severity.WARNING
    specificity = 62
    bad = ("Prices were 5% higher that last year.", "The bill was more expensive that expected.")
    good = (
        "Prices were 5% higher than last year.",
        "It is more important that we act now.",
        "He was so much older that he retired.",
        "Fewer people came, so that the hall was empty.",
    )
    syntax_prefilter = _COMPARATIVE_THAT

    def check_sentence(self, doc: Document, parsed, ctx: RuleContext) -> Iterator[Finding]:
        toks = parsed.tokens
        for that in toks[1:]:
            if that.lower != "that":
                continue
            prev = toks[that.i - 1]
            comparative = prev.tag in ("JJR", "RBR") or prev.lower == "other" or (
                that.i >= 2 and toks[that.i - 2].lower in ("more", "less", "fewer") and prev.tag in ("JJ", "RB", "NN", "NNS")
            )
            if not comparative or prev.lower in ("further", "rather", "later", "sooner", "longer"):
                continue
            if that.i >= 2 and toks[that.i - 2].lower in ("so", "such", "much") and prev.tag != "JJR":
                continue
            rest = []
            for t in toks[that.i + 1 :]:
                if t.dep == "punct" or t.lower in ("and", "but", "or"):
                    break
                rest.append(t)
            if not rest:
                continue
            verbs = [t for t in rest if t.tag.startswith("VB") or t.tag == "MD"]
            if verbs and not (len(verbs) == 1 and verbs[0].i == that.i + 1 and verbs[0].lower in _PARTICIPLES_AFTER_THAN):
                continue
            yield self.finding(
                doc, that.start, that.end, "French ‘plus … que’: an English comparison takes “than”",
                ["than"], confidence=0.8,
            )


_ALWAYS_MORE = regex_cache.compile(r"\b(?P<always>[Aa]lways) (?P<cmp>more|less) (?P<word>[a-z]+)\b")
_NOT_AFTER_ALWAYS = frozenset({"than", "to", "of", "likely", "so", "and", "or", "in", "on", "at", "for", "often", "about", "the", "a", "that"})


class AlwaysMore(SyntaxRule):
    """"always more expensive", "always more people": French *toujours plus* (ever more).

    English says "ever more expensive", "increasingly expensive", "more and more people".
    A comparison with "than" later in the clause ("always more expensive than rail") is
    English and left alone.
    """

    code = "G035"
    name = "always-more"
    category = "calque"
    severity = Severity.WARNING
    specificity = 60
    bad = ("Tenants face always more expensive rents.", "The company wants always more profits.")
    good = ("Tenants face ever more expensive rents.", "Flying is always more expensive than rail.", "There is always more to do.")
    syntax_prefilter = _ALWAYS_MORE

    def check_sentence(self, doc: Document, parsed, ctx: RuleContext) -> Iterator[Finding]:
        text = parsed.sentence.text
        for m in _ALWAYS_MORE.finditer(text):
            if m.group("word") in _NOT_AFTER_ALWAYS or re.search(r"\bthan\b", text[m.end():]):
                continue
            word = parsed.token_at(parsed.start + m.start("word"))
            if word is None or word.tag not in ("JJ", "RB", "NNS", "NN"):
                continue
            fix = f"{with_case(m.group('always'), 'ever')} {m.group('cmp')}"
            yield self.finding(
                doc, parsed.start + m.start(), parsed.start + m.end("cmp"), "French ‘toujours plus’: English says “ever more” or “increasingly”",
                [fix], confidence=0.7,
            )


RULES = (
    ItIsWhoCleft(),
    AtTheLevelOf(),
    ComparativeThat(),
    AlwaysMore(),
)
