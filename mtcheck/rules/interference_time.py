"""Interference rules on amounts, dates, ages and durations.

French says "baisser de 12 %" (fall by), "la grève de jeudi" (Thursday's strike), "la semaine
prochaine" (next week, no article), "le mercredi" (on Wednesday), "il travaille ici depuis deux
ans" (has worked here for two years), "âgé de 34 ans" (aged 34) and "une peine de cinq ans"
(a five-year sentence); word-for-word MT keeps the French shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from mtcheck.document import Document
from mtcheck.findings import Finding, Severity
from mtcheck.lang import regex_cache
from mtcheck.rules.base import Rule, RuleContext
from mtcheck.rules.interference_common import (
    MONTH_RE,
    NUMBER_RE,
    NUMBER_WORDS,
    WEEKDAY_RE,
    WEEKDAYS,
    SyntaxRule,
    compile_ci,
    inflect,
    sentence_matches,
    with_case,
)

_CHANGE_LEMMAS = frozenset(
    """rise fall increase decrease drop grow climb decline jump slide gain lose slip plunge soar surge
    tumble shrink improve progress advance retreat contract expand reduce cut raise lower diminish
    augment sink dip rebound recede""".split()
)
_AMOUNT_RE = rf"(?:about |around |nearly |almost |some |more than |less than |over |roughly |close to )?(?:\d|{'|'.join(NUMBER_WORDS)}|a third|a quarter|half)"


class ChangeOfAmount(SyntaxRule):
    """A verb of change with "of" + amount: "fell of 12%", "has increased of 30% its budget".

    French *baisser de*, *augmenter de* give the size of a change with *de*; English uses
    "by" ("fell by 12%"). The parse must show a verb (so the noun "an increase of 12%", which
    is English, is left alone) with an "of" phrase holding a number.
    """

    code = "G010"
    name = "change-of-amount"
    category = "calque"
    severity = Severity.WARNING
    specificity = 64
    bad = (
        "Orders fell of 23% in one year.",
        "The department has increased of 30% its budget for cycling.",
        "The figure rose in one year of 8%.",
    )
    good = (
        "Orders fell by 23% in one year.",
        "An increase of 12% was announced.",
        "The price of 30 euros fell sharply.",
        "Sales rose in spite of two strikes.",
    )
    syntax_prefilter = regex_cache.compile(
        r"\b(?:rose|risen|ris(?:e|es|ing)|fell|fallen|fall(?:s|ing)?|increas\w*|decreas\w*|drop\w*|gr[eo]w\w*|"
        r"climb\w*|declin\w*|jump\w*|sl[iu]d\w*|gain\w*|lost|los(?:e|es|ing)|slipp?\w*|plung\w*|soar\w*|surg\w*|"
        r"tumbl\w*|shr[iau]nk\w*|improv\w*|progress\w*|advanc\w*|retreat\w*|contract\w*|expand\w*|reduc\w*|cut\w*|"
        r"rais\w*|lower\w*|diminish\w*|augment\w*|s[aiu]nk\w*|dipp?\w*|rebound\w*|reced\w*)\b[^.;:]{0,40}?\bof\s+"
        + _AMOUNT_RE,
        re.IGNORECASE,
    )

    def check_sentence(self, doc: Document, parsed, ctx: RuleContext) -> Iterator[Finding]:
        toks = parsed.tokens
        for of in toks:
            if of.lower != "of" or of.i == 0:
                continue
            verb = self._verb_before(parsed, of.i)
            if verb is None:
                continue
            objs = [c for c in parsed.children(of.i) if toks[c].dep == "pobj"]
            amount = parsed.subtree(objs[0]) if objs else tuple(range(of.i + 1, min(of.i + 4, len(toks))))
            if not any(toks[k].tag == "CD" or toks[k].lower in ("half", "third", "quarter") for k in amount):
                continue
            v = toks[verb]
            middle = parsed.sentence.text[v.end - parsed.start : of.start - parsed.start]
            yield self.finding(
                doc,
                v.start,
                of.end,
                f"French ‘de’ after a verb of change: English says “{v.text} by”",
                [f"{v.text}{middle}by"],
                confidence=0.85,
            )

    @staticmethod
    def _verb_before(parsed, of: int) -> int | None:
        """The change verb that governs ``of`` (at most five words before it), if any."""
        p = parsed[of]
        for k in range(of - 1, max(-1, of - 6), -1):
            t = parsed[k]
            if t.dep == "punct" or t.lower in ("and", "but", "or", "than", "to"):
                return None
            if t.tag.startswith("VB") and t.lemma.lower() in _CHANGE_LEMMAS:
                linked = p.head == k or k in parsed.ancestors(of)[:3]
                return k if linked else None
            if t.tag.startswith("VB") or t.tag in ("NN", "NNS") and k == of - 1 and t.lower not in ("%", "year", "month", "week"):
                return None
        return None


_TIME_HOLDERS = frozenset(
    """night morning evening afternoon week weekend end eve day dawn middle start beginning rest night-time
    half first last""".split()
)
_EVENT_OF_DAY = regex_cache.compile(
    rf"\b(?P<det>[Tt]he) (?P<noun>[a-z][a-z-]+) of (?P<when>(?:(?:last|next|this) )?(?:{WEEKDAY_RE})|yesterday|today|tomorrow|this morning|last night)\b"
    rf"(?!,? (?:\d|the \d|\w+ \d{{1,2}}\b|to\b|into\b|and\b|or\b|night|morning|evening|afternoon|week))"
)
_EVENT_NOUNS_MONTH = (
    "strike|strikes|elections|election|vote|meeting|summit|attack|attacks|riots|floods|storm|referendum|decision|"
    "announcement|report|demonstration|demonstrations|protests|protest|congress|debate|reform|budget|sales|figures"
)
_EVENT_OF_MONTH = regex_cache.compile(
    rf"\b(?P<det>[Tt]he) (?P<noun>{_EVENT_NOUNS_MONTH}) of (?P<when>(?:last |next )?(?:{MONTH_RE}))\b(?!,? (?:\d|of\b))"
)


class EventOfDay(Rule):
    """"the strike of Thursday", "the attack of yesterday": French *la grève de jeudi* kept.

    English puts the day first ("Thursday's strike", "yesterday's attack") and a month before
    the noun ("the December strike"). Parts of a day ("the night of Tuesday"), dates that
    follow ("the meeting of Tuesday 3 March") and ranges ("of Monday to Tuesday") are left alone.
    """

    code = "G011"
    name = "event-of-day"
    category = "calque"
    severity = Severity.WARNING
    specificity = 60
    bad = (
        "The strike of Thursday should bring together the employees.",
        "The attack of yesterday left three dead.",
        "The strike of December paralysed the country.",
    )
    good = (
        "Thursday's strike should bring together the employees.",
        "On the night of Tuesday to Wednesday, the wind rose.",
        "The events of May 1968 changed France.",
        "The end of March was cold.",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        for base, m in sentence_matches(doc, _EVENT_OF_DAY):
            noun, when = m.group("noun"), m.group("when")
            if noun in _TIME_HOLDERS or noun.endswith("ly"):
                continue
            day = when[0].upper() + when[1:] if m.group("det")[0].isupper() else when
            yield self.finding(
                doc, base + m.start(), base + m.end(), f"French ‘le/la N de {when}’: English says “{when}'s {noun}”",
                [f"{day}'s {noun}"], confidence=0.8,
            )
        for base, m in sentence_matches(doc, _EVENT_OF_MONTH):
            noun, when = m.group("noun"), m.group("when")
            yield self.finding(
                doc, base + m.start(), base + m.end(), f"French ‘N de {when}’: English says “the {when} {noun}”",
                [f"{m.group('det')} {when} {noun}"], confidence=0.7,
            )


_PERIOD_NOUNS = frozenset(
    {"week", "month", "year", "weekend", "summer", "winter", "spring", "autumn", "season", *(d.lower() for d in WEEKDAYS)}
)
_FUTURE_AUX = frozenset({"will", "shall", "must", "should", "could", "may", "might", "can", "'ll", "wo", "is", "are", "am"})


class TheNextLastAdverbial(SyntaxRule):
    """"the next week", "the last year" used as a time adverbial: French *la semaine prochaine*.

    English drops the article ("next week", "last year", "last Thursday"). Flagged only when
    the phrase is an adverbial of the clause (not a subject, object or the object of a
    preposition: "over the last year", "the next week will be decisive" are English) and, for
    "next", only in a present or future clause ("the next week he was released" narrates).
    """

    code = "G012"
    name = "the-next-last-adverbial"
    category = "calque"
    severity = Severity.WARNING
    specificity = 62
    bad = (
        "They had promised us investments the last year, he said.",
        "The regional authorities will meet the buyers the next week.",
        "The family attended the hearing the last Thursday.",
    )
    good = (
        "They had promised us investments last year, he said.",
        "Over the last year, prices rose.",
        "The next week will be decisive.",
        "He spent the last year of his life in Nice.",
        "He was arrested, and the next week he was released.",
    )
    syntax_prefilter = compile_ci(rf"\bthe (?:next|last) (?:week|month|year|weekend|summer|winter|spring|autumn|season|{WEEKDAY_RE})\b")

    def check_sentence(self, doc: Document, parsed, ctx: RuleContext) -> Iterator[Finding]:
        toks = parsed.tokens
        for t in toks:
            if t.lower not in _PERIOD_NOUNS or t.i < 2:
                continue
            the, adj = toks[t.i - 2], toks[t.i - 1]
            if the.lower != "the" or adj.lower not in ("next", "last"):
                continue
            if t.dep not in ("npadvmod", "tmod", "advmod", "dep") and not (t.dep == "dobj" and self._second_object(parsed, t.i)):
                continue
            if t.i + 1 < len(toks) and toks[t.i + 1].lower in ("of", "that", "which", "when", "'s"):
                continue
            if t.i >= 3 and toks[t.i - 3].tag in ("IN", "TO"):
                continue
            if adj.lower == "next" and not self._not_past(parsed, t.head):
                continue
            yield self.finding(
                doc, the.start, t.end, f"French ‘{adj.text} …’ adverbial: English says “{adj.text} {t.text}” without “the”",
                [with_case(the.text, f"{adj.text} {t.text}")], confidence=0.8,
            )

    @staticmethod
    def _second_object(parsed, i: int) -> bool:
        return sum(1 for c in parsed.children(parsed[i].head) if parsed[c].dep == "dobj") > 1

    @staticmethod
    def _not_past(parsed, verb: int) -> bool:
        v = parsed[verb]
        auxes = [parsed[c] for c in parsed.children(verb) if parsed[c].dep in ("aux", "auxpass")]
        if any(a.lower in ("would", "'d") for a in auxes):
            return False
        if any(a.lower in _FUTURE_AUX for a in auxes):
            return True
        return v.tag in ("VBZ", "VBP", "VB")


class TheWeekdayAdverbial(SyntaxRule):
    """"the Wednesday" as a time adverbial: French *le mercredi* for a single day.

    English says "on Wednesday" ("on Wednesday evening"). Flagged when the weekday is an
    adverbial of the clause with "the" and no preposition before it; "the Wednesday before the
    vote", "the Tuesday of that week" and subjects or objects are left alone.
    """

    code = "G013"
    name = "the-weekday-adverbial"
    category = "calque"
    severity = Severity.WARNING
    specificity = 62
    bad = (
        "The mayor convened an emergency council the Wednesday.",
        "Météo-France placed four departments on alert the Wednesday evening.",
    )
    good = (
        "The mayor convened an emergency council on Wednesday.",
        "The Wednesday before the vote was calm.",
        "They met on the Tuesday of that week.",
        "The Monday was a holiday.",
    )
    syntax_prefilter = regex_cache.compile(rf"\b[Tt]he (?:{WEEKDAY_RE})\b")
    _PARTS = frozenset({"morning", "evening", "afternoon", "night"})

    def check_sentence(self, doc: Document, parsed, ctx: RuleContext) -> Iterator[Finding]:
        toks = parsed.tokens
        for t in toks:
            if t.text not in WEEKDAYS or t.i == 0 or toks[t.i - 1].lower != "the":
                continue
            the = toks[t.i - 1]
            if the.i > 0 and toks[the.i - 1].tag in ("IN", "TO"):
                continue
            end = t
            if t.i + 1 < len(toks) and toks[t.i + 1].lower in self._PARTS:
                end = toks[t.i + 1]
            nxt = toks[end.i + 1] if end.i + 1 < len(toks) else None
            if nxt is not None and nxt.lower in ("of", "before", "after", "that", "when", "which", "'s"):
                continue
            head = end if end is not t else t
            deps = {head.dep, t.dep}
            if not deps & {"npadvmod", "tmod"} or deps & {"nsubj", "nsubjpass", "pobj"}:
                continue
            if the.i == 0:
                continue
            text = doc.text[t.start : end.end]
            yield self.finding(
                doc, the.start, end.end, "French ‘le mercredi’ for one day: English says “on Wednesday”",
                [f"on {text}"], confidence=0.75,
            )


_DURATION = regex_cache.compile(rf"^(?:{NUMBER_RE}|several|many|a few|some|about \w+|nearly \w+|a|one)\s+(?:years?|months?|weeks?|days?|hours?|decades?)$", re.IGNORECASE)
_BE_PERFECT = {"is": "has been", "are": "have been", "am": "have been", "'s": "has been", "'re": "have been"}


class SinceDurationWithPresent(SyntaxRule):
    """A present tense with "since" + a duration: "he works there since twenty years".

    French *depuis* takes the present and a duration ("il travaille ici depuis vingt ans");
    English needs the present perfect and "for": "has worked there for twenty years". The
    parse must attach "since" (a preposition, not the causal conjunction) to a present-tense
    verb with no perfect auxiliary. "since" + a point in time is rule G105's.
    """

    code = "G014"
    name = "since-duration-with-present"
    category = "calque"
    severity = Severity.WARNING
    specificity = 66
    bad = (
        "Karim, who works at the plant since twenty years, was angry.",
        "The former mayor is in prison since two years.",
        "We prepare ourselves since several weeks, he said.",
    )
    good = (
        "Karim, who has worked at the plant for twenty years, was angry.",
        "Since he is ill, he stays at home.",
        "It is three years since the flood.",
        "Prices have risen since two years ago.",
    )
    syntax_prefilter = regex_cache.compile(
        rf"\b[Ss]ince (?:(?:about|nearly|almost|some|more than|over) )?(?:{NUMBER_RE}|several|many|a few|a|one) (?:[a-z]+ )?(?:years?|months?|weeks?|days?|hours?|decades?)\b"
    )

    def check_sentence(self, doc: Document, parsed, ctx: RuleContext) -> Iterator[Finding]:
        toks = parsed.tokens
        for s in toks:
            if s.lower != "since" or s.dep != "prep" or s.tag != "IN":
                continue
            verb = toks[s.head]
            if verb.tag not in ("VBZ", "VBP") or verb.i > s.i:
                continue
            kids = [toks[c] for c in parsed.children(verb.i)]
            if any(k.dep in ("aux", "auxpass") and k.lemma in ("have", "will") for k in kids):
                continue
            if any(k.dep == "nsubj" and k.lower == "it" for k in kids) and verb.lemma == "be":
                continue
            if verb.i > 0 and toks[verb.i - 1].lower == "ever":
                continue
            obj = [c for c in parsed.children(s.i) if toks[c].dep == "pobj"]
            if not obj:
                continue
            phrase = parsed.text_of(list(parsed.subtree(obj[0])))
            if not _DURATION.match(phrase):
                continue
            if verb.lemma == "be":
                new_verb = _BE_PERFECT.get(verb.lower)
                if new_verb is None:
                    continue
            else:
                have = "has" if verb.tag == "VBZ" else "have"
                new_verb = f"{have} {inflect(verb.lemma, 'VBN')}"
            new_verb = with_case(verb.text, new_verb)
            last = max(parsed.subtree(obj[0]))
            middle = doc.text[verb.end : s.start]
            tail = doc.text[s.end : toks[last].end]
            yield self.finding(
                doc, verb.start, toks[last].end,
                "French ‘depuis’ + duration with the present: English says “has … for”",
                [f"{new_verb}{middle}for{tail}"], confidence=0.75,
            )


RULES = (
    ChangeOfAmount(),
    EventOfDay(),
    TheNextLastAdverbial(),
    TheWeekdayAdverbial(),
    SinceDurationWithPresent(),
)
