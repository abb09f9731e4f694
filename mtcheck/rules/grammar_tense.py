"""Tense rules (G102, G105): the present perfect with a finished time, the present with "since".
See :mod:`mtcheck.rules.grammar` for the family."""

from __future__ import annotations

import re

from mtcheck.findings import Severity, Suggestion
from mtcheck.lang import regex_cache
from mtcheck.rules.base import RuleContext
from mtcheck.rules.grammar_support import SyntaxRule, base_form, keep_case, participle, past_tense, subject_of
from mtcheck.syntax import ParsedSentence

_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"

_FINISHED_TIME_RE = regex_cache.compile(
    rf"\b(?:yesterday|ago|last\s+(?:night|week|weekend|month|year|{_WEEKDAY}|{_MONTH})|on\s+{_WEEKDAY}|in\s+(?:19\d\d|20[01]\d))\b",
    re.IGNORECASE,
)

_QUOTES = frozenset('"“”«»')
_HAVE_RE = regex_cache.compile(r"(?i)\b(?:has|have)(?:n['’]t)?\b|['’]ve\b")


class PresentPerfectFinishedTime(SyntaxRule):
    """The present perfect with a finished time ("police have arrested three men yesterday").

    French uses the passé composé with any past time; English takes the simple past when the
    time is finished (yesterday, last week, on Monday, in 2019, two days ago). The rewrite is
    the simple past ("arrested", "was arrested", "did not arrest").
    """

    code = "G102"
    name = "present-perfect-finished-time"
    category = "grammar"
    severity = Severity.WARNING
    specificity = 60
    bad = (
        "Police have arrested three men yesterday.",
        "The minister has been questioned on Monday by the judges.",
        "The company has not paid its suppliers last month.",
    )
    good = (
        "Police arrested three men yesterday.",
        "Police have arrested three men since Monday.",
        "He should have left yesterday.",
        "The minister said he has been questioned several times, and he left yesterday.",
    )
    syntax_prefilter = staticmethod(lambda s: bool(_HAVE_RE.search(s.text) and _FINISHED_TIME_RE.search(s.text)))

    def check_sentence(self, doc, parsed, ctx):
        toks = parsed.tokens
        for v in toks:
            if v.tag != "VBN":
                continue
            kids = parsed.children(v.i)
            have = [k for k in kids if toks[k].lemma.lower() == "have" and toks[k].dep == "aux" and toks[k].tag in ("VBZ", "VBP")]
            if not have or any(toks[k].tag == "MD" for k in kids):
                continue
            if not self._finished_time(parsed, v.i):
                continue
            if _quoted(parsed, v.i):
                continue  # a quotation is the speaker's words
            h = have[0]
            if any(toks[k].dep in ("nsubj", "nsubjpass") and h < k < v.i for k in kids):
                continue  # a question ("Have you seen …"): leave it
            rewrite = self._rewrite(parsed, h, v.i, ctx)
            if rewrite is None:
                continue
            start, stop = toks[h].start, v.end
            yield self.finding(
                doc,
                start,
                stop,
                "Present perfect with a finished time: English takes the simple past here",
                [Suggestion(keep_case(doc.text[start:stop], rewrite), 0.75)],
            )

    @staticmethod
    def _finished_time(parsed: ParsedSentence, v: int) -> bool:
        for c in parsed.children(v):
            t = parsed[c]
            if t.dep in ("npadvmod", "advmod", "prep", "obl", "nmod:tmod"):
                phrase = parsed.text_of(parsed.subtree(c))
                if t.dep == "prep" and t.lower not in ("on", "in"):
                    continue
                if t.dep == "prep" and any(parsed[k].dep == "dobj" and k < c for k in parsed.children(v)):
                    continue  # "proposed a meeting on Monday": the date may be the object's
                if _FINISHED_TIME_RE.fullmatch(phrase.strip()) or (
                    t.dep != "prep" and _FINISHED_TIME_RE.search(phrase) and not re.search(r"(?i)\b(?:since|for)\b", phrase)
                ):
                    return True
        return False

    @staticmethod
    def _rewrite(parsed: ParsedSentence, h: int, v: int, ctx: RuleContext) -> str | None:
        toks = parsed.tokens
        middle = list(range(h + 1, v))
        have = toks[h]
        plural = have.tag == "VBP" and not (subject_of(parsed, v) and subject_of(parsed, v).lower == "i")
        negated = [k for k in middle if toks[k].dep == "neg"]
        been = [k for k in middle if toks[k].lower == "been"]
        others = [toks[k].text for k in middle if k not in negated and k not in been]
        if any(toks[k].pos not in ("ADV", "PART") for k in middle if k not in been):
            return None
        verb = toks[v]
        if been:
            aux = "were" if plural else "was"
            if negated:
                aux += " not"
            return " ".join([aux, *others, verb.text])
        if verb.lower == "been":
            return " ".join(["were" if plural else "was", *(["not"] if negated else []), *others])
        if negated:
            return " ".join(["did not", *others, verb.lemma.lower()])
        return " ".join([*others, past_tense(ctx.lang, verb.lemma.lower())])


def _quoted(parsed: ParsedSentence, i: int) -> bool:
    """Token ``i`` lies inside quotation marks (an odd number of quotes before it)."""
    before = [t.text for t in parsed.tokens[:i] if t.text in _QUOTES]
    return before.count('"') % 2 == 1 or sum(q in "“«" for q in before) > sum(q in "”»" for q in before)


class PresentWithSince(SyntaxRule):
    """A present tense with "since" + a point in time ("he lives in Paris since 2010").

    French says "depuis" with the present ("il vit à Paris depuis 2010"); English needs the
    present perfect ("has lived", "has been living"). The rewrite gives it.
    """

    code = "G105"
    name = "present-with-since"
    category = "grammar"
    severity = Severity.WARNING
    specificity = 60
    bad = (
        "The opposition leader lives in exile since 2019.",
        "The two countries are at war since February.",
        "Rescuers are searching for survivors since Monday.",
    )
    good = (
        "The opposition leader has lived in exile since 2019.",
        "It is the highest level since 2008.",
        "Since he left, the party is divided.",
    )
    syntax_prefilter = regex_cache.compile(r"(?i)\bsince\s+(?:\d|the|last|early|late|mid|" + _WEEKDAY[3:-1] + "|" + _MONTH[3:-1] + r")")

    def check_sentence(self, doc, parsed, ctx):
        toks = parsed.tokens
        for since in toks:
            if since.lower != "since" or since.dep != "prep":
                continue
            v = toks[since.head]
            if v.pos not in ("VERB", "AUX") or v.tag not in ("VBZ", "VBP", "VBG") or since.i < v.i:
                continue
            if any(t.tag in ("JJS", "RBS") or t.lower in ("first", "only", "ever") for t in toks[: since.i]):
                continue
            if any(t.pos in ("VERB", "AUX") for t in toks[v.i + 1 : since.i]):
                continue  # another verb in between may own "since" ("… they have nourished since")
            kids = parsed.children(v.i)
            subject = subject_of(parsed, v.i)
            if subject is None:
                continue
            if v.tag == "VBG":
                aux = [k for k in kids if toks[k].dep == "aux" and toks[k].lower in ("is", "are", "am")]
                if not aux or any(aux[0] < k < v.i and toks[k].pos not in ("ADV",) for k in range(aux[0] + 1, v.i)):
                    continue
                a = toks[aux[0]]
                have = "have" if a.lower != "is" else "has"
                start, stop = a.start, v.end
                middle = doc.text[a.end : v.start].strip()
                rewrite = " ".join(x for x in (have, middle, "been", v.text) if x)
            else:
                if any(toks[k].dep in ("aux", "auxpass") for k in kids):
                    continue
                have = "has" if v.tag == "VBZ" else "have"
                lemma = base_form(v)
                start, stop = v.start, v.end
                rewrite = f"{have} {participle(ctx.lang, lemma)}"
            yield self.finding(
                doc,
                start,
                stop,
                "A present tense with “since” + a time is French (depuis); English takes the present perfect",
                [Suggestion(keep_case(doc.text[start:stop], rewrite), 0.7)],
            )
