"""Syntax rules (family G, G100–G199): French structure under English words, found on the parse.

Each rule reads :attr:`RuleContext.syntax` (the document's parse, see :mod:`mtcheck.syntax`),
declares ``needs = {"syntax"}`` and a cheap ``syntax_prefilter`` (a regex on the sentence text)
so that only sentences that could match are parsed, in one batch for all rules. Every finding
carries the rewrite ``fix`` applies. English facts (verb forms, word classes) are data:
``mtcheck/data/en/grammar.toml``.
"""

from __future__ import annotations

import re

from mtcheck.findings import Severity, Suggestion
from mtcheck.rules.base import Rule, RuleContext
from mtcheck.rules.grammar_support import (
    SyntaxRule,
    base_form,
    keep_case,
    participle,
    past_tense,
    subject_of,
    word_set,
    words_regex,
)
from mtcheck.syntax import ParsedSentence

_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"


class InvertedReportingVerb(SyntaxRule):
    """A reporting verb other than "said" placed before its subject ("…, announced the minister").

    French puts the subject after every reporting verb in an incise ("a annoncé le ministre");
    English news inverts only "said". The rewrite puts the subject first ("…, the minister
    announced"). The subject must run to the end of the sentence and be a noun phrase.
    """

    code = "G101"
    name = "inverted-reporting-verb"
    category = "word-order"
    severity = Severity.WARNING
    specificity = 60
    bad = (
        "“We will not give up,” announced the minister.",
        "The talks will resume on Monday, indicated a spokesman for the ministry.",
    )
    good = (
        "“We will not give up,” said the minister.",
        "“We will not give up,” the minister announced.",
        "The minister announced the plan, explained its cost and left.",
    )
    syntax_prefilter = re.compile(r"[,”\"]\s*[a-z]+ed\s+(?:the|a|an|[A-Z])")

    def check_sentence(self, doc, parsed, ctx):
        verbs = word_set(ctx.lang, "verbs", "reporting")
        toks = parsed.tokens
        for v in toks:
            if v.tag != "VBD" or v.lemma.lower() not in verbs or v.i == 0:
                continue
            if toks[v.i - 1].text not in (",", "”", '"', "’", "'"):
                continue
            if any(toks[c].dep in ("nsubj", "nsubjpass") and c < v.i for c in parsed.children(v.i)):
                continue
            end = len(toks)
            while end > v.i + 1 and toks[end - 1].pos == "PUNCT":
                end -= 1
            subject = list(range(v.i + 1, end))
            if not subject or len(subject) > 10:
                continue
            if toks[subject[0]].pos not in ("DET", "PROPN", "NOUN", "ADJ"):
                continue
            inside = set(subject)
            if any(
                toks[k].pos in ("VERB", "AUX", "PRON", "SCONJ")
                or toks[k].pos == "ADP" and not (toks[k].head in inside and toks[toks[k].head].pos in ("NOUN", "PROPN"))
                for k in subject
            ):
                continue
            if not any(toks[k].pos in ("NOUN", "PROPN") for k in subject):
                continue
            start, stop = v.start, toks[subject[-1]].end
            np_text = doc.text[toks[subject[0]].start : stop]
            rewrite = f"{np_text} {v.text}"
            yield self.finding(
                doc,
                start,
                stop,
                f"“{v.text}” before its subject is French order; English inverts only “said”",
                [Suggestion(rewrite, 0.7), Suggestion(f"said {np_text}", 0.4)],
            )


_FINISHED_TIME_RE = re.compile(
    rf"\b(?:yesterday|ago|last\s+(?:night|week|weekend|month|year|{_WEEKDAY}|{_MONTH})|on\s+{_WEEKDAY}|in\s+(?:19\d\d|20[01]\d))\b",
    re.IGNORECASE,
)

_HAVE_RE = re.compile(r"(?i)\b(?:has|have)(?:n['’]t)?\b|['’]ve\b")


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


class MandativeIndicative(SyntaxRule):
    """An indicative verb after "demand/insist/require … that" ("demands that he resigns").

    French puts the subjunctive there ("exige qu'il démissionne") and MT often renders it as
    a present with -s; edited English news uses the bare subjunctive ("demands that he
    resign") or "should". After "insist" and "suggest" only verbs of action are flagged: with
    others the clause is a claim ("insists that the plan works").
    """

    code = "G103"
    name = "mandative-indicative"
    category = "grammar"
    severity = Severity.INFO
    specificity = 60
    bad = (
        "The unions demand that the director resigns immediately.",
        "The court required that the company pays the fine within a month.",
        "The opposition insists that the minister apologises.",
    )
    good = (
        "The unions demand that the director resign immediately.",
        "The minister insists that the plan works.",
        "He said that the director resigns every year.",
    )
    syntax_prefilter = re.compile(r"(?i)\b(?:demand|insist|requir|request|recommend|propos|urg|ask|order|decree|stipulat|suggest)\w*\s+that\b")

    def check_sentence(self, doc, parsed, ctx):
        mandative = word_set(ctx.lang, "verbs", "mandative")
        actions = word_set(ctx.lang, "verbs", "insist_actions")
        toks = parsed.tokens
        for head in toks:
            if head.lemma.lower() not in mandative or head.pos not in ("VERB", "NOUN"):
                continue
            for c in parsed.children(head.i):
                clause = toks[c]
                if clause.dep not in ("ccomp", "acl") or not any(toks[k].lower == "that" and toks[k].dep == "mark" for k in parsed.children(c)):
                    continue
                if head.lemma.lower() in ("insist", "suggest") and clause.lemma.lower() not in actions:
                    continue
                finite = self._finite(parsed, c)
                if finite is None:
                    continue
                subject = subject_of(parsed, c)
                if subject is None or subject.lower == "it" and head.lemma.lower() == "suggest":
                    continue
                yield self.finding(
                    doc,
                    finite.start,
                    finite.end,
                    f"After “{head.text} that”, English takes the bare subjunctive (“{base_form(finite)}”), not “{finite.text}”",
                    [Suggestion(base_form(finite), 0.6), Suggestion(f"should {base_form(finite)}", 0.4)],
                )

    @staticmethod
    def _finite(parsed: ParsedSentence, c: int):
        """The third-person present verb form carrying the clause's tense, if it is one."""
        toks = parsed.tokens
        for k in parsed.children(c):
            if toks[k].dep in ("aux", "auxpass") and k < c:
                return toks[k] if toks[k].tag == "VBZ" and toks[k].lower in ("is", "has") else None
        if toks[c].tag == "VBZ" and toks[c].lower != "does":
            return toks[c]
        if toks[c].tag == "NNS" and toks[c].pos != "PROPN" and any(toks[k].dep == "nsubj" for k in parsed.children(c)):
            return toks[c]  # the tagger's slip on a rare verb ("apologises")
        return None


class PostNominalAdjective(SyntaxRule):
    """A relational adjective after its noun ("the crisis economic", "the party socialist").

    French puts relational adjectives (économique, politique, nationalité) after the noun;
    English puts them before. Adjectives English does postpose ("the people present",
    "attorney general") and adjectives with a complement ("a country rich in oil") are left
    alone. The rewrite swaps the two words.
    """

    code = "G104"
    name = "post-nominal-adjective"
    category = "word-order"
    severity = Severity.WARNING
    specificity = 60
    bad = (
        "The government must respond to the crisis economic before the summer.",
        "Delegates of the party socialist met in Lyon.",
    )
    good = (
        "The government must respond to the economic crisis before the summer.",
        "The people present voted for the attorney general.",
        "It is a region rich in minerals.",
    )
    syntax_prefilter = staticmethod(lambda s: bool(words_regex("adjectives", "relational").search(s.text)))

    def check_sentence(self, doc, parsed, ctx):
        relational = word_set(ctx.lang, "adjectives", "relational")
        postposable = word_set(ctx.lang, "adjectives", "postposable")
        toks = parsed.tokens
        for a in toks[1:]:
            n = toks[a.i - 1]
            lower = a.lower
            if lower not in relational or lower in postposable or not a.text.islower():
                continue
            if a.pos != "ADJ" and not lower.endswith("ist"):
                continue
            if n.pos != "NOUN" or not n.text.islower() or n.end != a.start - 1 and not n.whitespace:
                continue
            if a.head != n.i and not (n.head == a.i and (a.pos == "ADJ" or n.dep == "compound" and lower.endswith("ist"))):
                continue
            if any(toks[k].dep in ("conj", "cc", "advmod", "npadvmod", "acomp", "xcomp") for k in parsed.children(a.i)):
                continue
            nxt = toks[a.i + 1] if a.i + 1 < len(toks) else None
            if nxt is not None and nxt.pos in ("NOUN", "PROPN", "ADJ"):
                continue
            if any(toks[k].dep == "compound" for k in parsed.children(n.i)):
                continue  # "baseball tournament regional": a noun compound, not an adjective
            if not any(toks[k].pos == "DET" or toks[k].dep == "poss" for k in (*parsed.children(n.i), *parsed.children(a.i))):
                continue
            rewrite = f"{a.text} {n.text}"
            yield self.finding(
                doc,
                n.start,
                a.end,
                f"“{a.text}” after the noun is French order; in English it goes before",
                [Suggestion(rewrite, 0.7)],
            )


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
    syntax_prefilter = re.compile(r"(?i)\bsince\s+(?:\d|the|last|early|late|mid|" + _WEEKDAY[3:-1] + "|" + _MONTH[3:-1] + r")")

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



from mtcheck.rules.grammar_casing import RULES_CASING  # noqa: E402 - they import SyntaxRule from here
from mtcheck.rules.grammar_clause import RULES_CLAUSE  # noqa: E402

RULES: tuple[Rule, ...] = (
    InvertedReportingVerb(),
    PresentPerfectFinishedTime(),
    MandativeIndicative(),
    PostNominalAdjective(),
    PresentWithSince(),
    *RULES_CLAUSE,
    *RULES_CASING,
)
