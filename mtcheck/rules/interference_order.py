"""Interference rules on word order.

French puts the adverb after the verb (*il défend fermement le plan*), a time phrase before
the object (*a baissé dans l'après-midi le niveau*) and an adjective phrase after the noun
(*des tempêtes de plus en plus violentes*); English keeps the verb next to its object and the
adjective before the noun.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from mtcheck.document import Document
from mtcheck.findings import Finding, Severity
from mtcheck.lang import regex_cache
from mtcheck.rules.base import Rule, RuleContext
from mtcheck.rules.interference_common import SyntaxRule, compile_ci, sentence_matches, with_case

_NOT_MANNER = frozenset(
    """only mainly mostly particularly especially largely partly nearly roughly approximately exactly merely
    solely primarily chiefly notably likely early daily weekly monthly yearly hourly quarterly jointly
    simply just even also respectively namely directly immediately initially originally subsequently
    eventually finally previously recently currently usually generally typically normally frequently
    occasionally rarely seldom barely hardly scarcely fully""".split()
)
_PARTICLES = frozenset("up down out off in on away back over forward through aside together apart around about along".split())
_EXTRA_ADVERBS = frozenset({"again", "well", "entirely", "deeply", "strongly"})


class AdverbBetweenVerbAndObject(SyntaxRule):
    """An adverb between a verb and its object: "defended firmly the decision" (French order).

    English does not separate a verb from its direct object: "firmly defended the decision",
    "sharply criticised the government". Flagged for manner adverbs (-ly words, "again") that
    the parse places between a verb and the start of its direct object; focus adverbs ("saw
    only the end"), particles ("set up the fund") and long objects are left alone.
    """

    code = "W001"
    name = "adverb-between-verb-and-object"
    category = "word-order"
    severity = Severity.WARNING
    specificity = 62
    bad = (
        "The chief executive defended firmly the decision in a message.",
        "The opposition criticised sharply the government.",
        "The minister defended again her project on the radio.",
    )
    good = (
        "The chief executive firmly defended the decision in a message.",
        "They set up the fund in 2020.",
        "She saw only the end of the film.",
        "He spoke quietly to the judge.",
        "It fell sharply the next day.",
    )
    syntax_prefilter = regex_cache.compile(r"\b(?:\w+ly|again|well|entirely) (?:the|a|an|his|her|its|their|our|this|that|these|those|[A-Z])\b")

    def check_sentence(self, doc: Document, parsed, ctx: RuleContext) -> Iterator[Finding]:
        toks = parsed.tokens
        for adv in toks[1:-1]:
            low = adv.lower
            if adv.tag not in ("RB", "RBR") or not adv.text.islower() or low in _NOT_MANNER or low in _PARTICLES:
                continue
            if not (low.endswith("ly") or low in _EXTRA_ADVERBS):
                continue
            verb = toks[adv.i - 1]
            if not verb.tag.startswith("VB") or verb.lemma in ("be", "have", "do"):
                continue
            objs = [c for c in parsed.children(verb.i) if toks[c].dep == "dobj" and c > adv.i]
            if not objs or adv.head not in (verb.i, objs[0]):
                continue  # the small parser sometimes hangs the adverb on the object
            obj = [k for k in parsed.subtree(objs[0]) if k != adv.i]
            core = [k for k in obj if k <= objs[0]]
            if min(obj) != adv.i + 1 or len(core) > 5:
                continue
            yield self.finding(
                doc, verb.start, adv.end, "French word order: in English the adverb goes before the verb, not between verb and object",
                [f"{with_case(verb.text, adv.text.lower())} {verb.text if not verb.text[:1].isupper() else verb.text.lower()}"],
                confidence=0.8,
            )


_TIME_WORDS = frozenset(
    """morning afternoon evening night week weekend month year day today yesterday tomorrow tonight monday
    tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december spring summer autumn winter hours minutes dawn midday noon""".split()
)
_LINKING = frozenset({"seem", "become", "remain", "appear", "look", "sound", "feel", "come", "go"})


class AdverbialBeforeObject(SyntaxRule):
    """A phrase between a verb and its short object: "lowered in the afternoon the alert level".

    French freely puts a time or place phrase before the object (*a baissé dans l'après-midi le
    niveau d'alerte*); English keeps a short object next to its verb: "lowered the alert level
    in the afternoon". Flagged when the parse shows a time phrase or an amount ("by 30%") of
    two to six words, with no comma, between a verb and a direct object of at most five words;
    a long object may follow the phrase in English ("gave to the museum his entire collection
    of Dutch paintings") and is left alone.
    """

    code = "W004"
    name = "adverbial-before-object"
    category = "word-order"
    severity = Severity.WARNING
    specificity = 60
    bad = (
        "Météo-France lowered in the afternoon the alert level.",
        "The department has increased by 30% its budget for cycling.",
        "The mayor evacuated on Tuesday the campsite.",
    )
    good = (
        "Météo-France lowered the alert level in the afternoon.",
        "He gave to the museum his entire collection of Dutch and Flemish paintings.",
        "They brought with them a priest.",
        "In the afternoon, Météo-France lowered the alert level.",
        "The agency lowered, in the afternoon, the alert level.",
    )
    syntax_prefilter = regex_cache.compile(
        r"\b\w+(?:ed|s|e|t|n)\s+(?:(?:in|on|at|by|during|next|last|this|yesterday|today|tomorrow)\s+)[^,;.]{0,25}?"
        r"(?:\d|\b(?:morning|afternoon|evening|night|week|weekend|month|year|day|today|yesterday|tomorrow|tonight|Monday|"
        r"Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|"
        r"October|November|December|spring|summer|autumn|winter|hours|dawn|noon)\b)[^,;.]{0,15}?\s(?:the|a|an|its|his|her|their|our|this|these|those)\s"
    )
    _ADVERBIAL_DEPS = frozenset({"prep", "npadvmod", "tmod", "advmod"})

    def check_sentence(self, doc: Document, parsed, ctx: RuleContext) -> Iterator[Finding]:
        toks = parsed.tokens
        for v in toks:
            if not v.tag.startswith("VB") or v.lemma in ("be", "have", "do") or v.i + 3 >= len(toks):
                continue
            objs = [c for c in parsed.children(v.i) if toks[c].dep == "dobj" and c > v.i + 2]
            if not objs:
                objs = self._object_read_as_apposition(parsed, v.i)
                if not objs:
                    continue
            obj = parsed.subtree(objs[0])
            first = min(obj)
            between = list(range(v.i + 1, first))
            if not 2 <= len(between) <= 6 or any(toks[k].text in (",", "(", "—", "–", "\"", "“") for k in between):
                continue
            if toks[objs[0]].dep == "appos":
                obj = tuple(k for k in obj)
                between_set = set(between)
                if not all(k in parsed.subtree(v.i) for k in between_set):
                    continue
                yield from self._report(doc, parsed, v, obj, between)
                continue
            covered: set[int] = set()
            for c in parsed.children(v.i):
                if v.i < c < first:
                    if toks[c].dep not in self._ADVERBIAL_DEPS:
                        break
                    covered.update(parsed.subtree(c))
            else:
                if covered != set(between) or not any(toks[c].dep in ("prep", "npadvmod", "tmod") for c in parsed.children(v.i) if v.i < c < first):
                    continue
                if len(obj) > 5 or toks[first].tag not in ("DT", "PRP$", "JJ", "NN", "NNS", "CD", "PDT"):
                    continue
                if toks[objs[0]].tag not in ("NN", "NNS", "NNP", "NNPS") or v.lemma in _LINKING:
                    continue
                if not any(toks[k].lower in _TIME_WORDS or toks[k].tag == "CD" for k in between):
                    continue  # only time phrases and amounts: "brought with her the lands" is English
                if any(toks[k].text in (",", "\"", "“") or toks[k].dep in ("relcl", "acl") for k in obj):
                    continue
                yield from self._report(doc, parsed, v, obj, between)

    def _report(self, doc: Document, parsed, v, obj, between) -> Iterator[Finding]:
        last = max(obj)
        moved = f"{v.text} {parsed.text_of(list(obj))} {parsed.text_of(between)}"
        yield self.finding(
            doc, v.start, parsed[last].end,
            "French word order: in English a short object follows its verb, before time and place phrases",
            [moved], confidence=0.65,
        )

    @staticmethod
    def _object_read_as_apposition(parsed, verb: int) -> list[int]:
        """The small parser reads "lifted on Friday the curfew" as "Friday, the curfew": take the
        apposition of a time word inside the verb's prepositional phrase as the object."""
        toks = parsed.tokens
        if any(toks[c].dep == "dobj" for c in parsed.children(verb)):
            return []
        for k in range(verb + 1, min(verb + 8, len(toks))):
            t = toks[k]
            if t.dep == "appos" and toks[t.head].lower in _TIME_WORDS and verb in parsed.ancestors(k):
                if t.tag in ("NN", "NNS") and toks[k - 1].text != ",":
                    return [k]
        return []


class PostNominalMoreAndMore(SyntaxRule):
    """"storms more and more violent": French *des tempêtes de plus en plus violentes*.

    An adjective phrase with "more and more" follows the noun in French; English puts it
    before ("increasingly violent storms"). The literal "more in more" (*de plus en plus*)
    is flagged wherever it appears.
    """

    code = "W002"
    name = "post-nominal-more-and-more"
    category = "word-order"
    severity = Severity.WARNING
    specificity = 62
    bad = (
        "Climatologists link the storms more and more violent to the ocean.",
        "Prices more in more high worry the farmers.",
    )
    good = (
        "Climatologists link increasingly violent storms to the ocean.",
        "More and more people use the train.",
        "The storms became more and more violent.",
    )
    syntax_prefilter = compile_ci(r"\b\w+s (?:more|less) (?:and|in) (?:more|less) \w+")
    _PATTERN = regex_cache.compile(r"\b(?P<noun>[a-z]+s) (?P<cmp>more|less) (?P<link>and|in) (?P=cmp) (?P<adj>[a-z]+)\b", re.IGNORECASE)

    def check_sentence(self, doc: Document, parsed, ctx: RuleContext) -> Iterator[Finding]:
        for m in self._PATTERN.finditer(parsed.sentence.text):
            start = parsed.start + m.start()
            noun, adj = parsed.token_at(start), parsed.token_at(parsed.start + m.start("adj"))
            if noun is None or adj is None or noun.tag not in ("NNS", "NNPS") or adj.tag not in ("JJ", "VBN"):
                continue
            lead = "increasingly" if m.group("cmp").lower() == "more" else "less and less"
            plural = m.group("noun")
            if plural[:1].isupper() and not plural.isupper():
                lead, plural = lead.capitalize(), plural.lower()
            yield self.finding(
                doc, start, parsed.start + m.end(), "French word order ‘N de plus en plus ADJ’: English puts the adjective before the noun",
                [f"{lead} {m.group('adj')} {plural}"], confidence=0.75,
            )


class MoreInMore(Rule):
    """"more in more", "less in less": French *de plus en plus* word for word.

    English says "more and more" or "increasingly".
    """

    code = "W003"
    name = "more-in-more"
    category = "calque"
    severity = Severity.WARNING
    specificity = 60
    bad = ("The roads are more in more dangerous.",)
    good = ("The roads are more and more dangerous.", "The more in-depth review came later.")
    _PATTERN = regex_cache.compile(r"\b(?P<a>[Mm]ore|[Ll]ess) in (?P=a)\b(?!-)")

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        for base, m in sentence_matches(doc, self._PATTERN):
            word = m.group("a")
            fix = "increasingly" if word.lower() == "more" else "less and less"
            yield self.finding(
                doc, base + m.start(), base + m.end(), "French ‘de plus en plus’ word for word: English says “increasingly”",
                [with_case(word, fix)], confidence=0.85,
            )


RULES = (
    AdverbBetweenVerbAndObject(),
    PostNominalMoreAndMore(),
    MoreInMore(),
    AdverbialBeforeObject(),
)
