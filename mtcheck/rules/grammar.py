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
from mtcheck.rules.base import Rule
from mtcheck.rules.grammar_support import (
    SyntaxRule,
    base_form,
    subject_of,
    word_set,
    words_regex,
)
from mtcheck.syntax import ParsedSentence

_QUOTES = frozenset('"“”«»')


class InvertedReportingVerb(SyntaxRule):
    """A reporting verb other than "said" placed before its subject ("…, announced the minister").

    French puts the subject after every reporting verb in an incise ("a annoncé le ministre");
    English news inverts only "said". The rewrite puts the subject first ("…, the minister
    announced"). The subject must run to the end of the sentence and be a noun phrase. After
    a quotation English news tolerates the inversion ("…,” added the official), so only
    reported speech without quotation marks is flagged.
    """

    code = "G101"
    name = "inverted-reporting-verb"
    category = "word-order"
    severity = Severity.WARNING
    specificity = 60
    bad = (
        "The talks will resume on Monday, indicated a spokesman for the ministry.",
        "The government will not give up, announced the minister.",
    )
    good = (
        "The government will not give up, said the minister.",
        "The government will not give up, the minister announced.",
        "“We will not give up,” announced the minister.",
        "The minister announced the plan, explained its cost and left.",
    )
    syntax_prefilter = re.compile(r",\s*[a-z]+ed\s+(?:the|a|an|[A-Z])")

    def check_sentence(self, doc, parsed, ctx):
        verbs = word_set(ctx.lang, "verbs", "reporting")
        toks = parsed.tokens
        for v in toks:
            if v.tag != "VBD" or v.lemma.lower() not in verbs or v.i == 0:
                continue
            if toks[v.i - 1].text != ",":
                continue
            if any(t.pos == "PUNCT" and t.text in _QUOTES for t in toks[: v.i]):
                continue  # after a quotation English news tolerates the inversion
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


from mtcheck.rules.grammar_casing import RULES_CASING  # noqa: E402 - they import SyntaxRule from here
from mtcheck.rules.grammar_clause import RULES_CLAUSE  # noqa: E402
from mtcheck.rules.grammar_tense import PresentPerfectFinishedTime, PresentWithSince  # noqa: E402

RULES: tuple[Rule, ...] = (
    InvertedReportingVerb(),
    PresentPerfectFinishedTime(),
    MandativeIndicative(),
    PostNominalAdjective(),
    PresentWithSince(),
    *RULES_CLAUSE,
    *RULES_CASING,
)
