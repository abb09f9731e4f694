"""Interference rule on pronouns: French feminine gender carried onto countries and institutions.

*La ville a perdu son dernier employeur* (feminine *ville*) comes out as "the city has lost
her last employer"; English uses "its" / "it" for a country, city or institution.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from mtcheck.document import Document
from mtcheck.findings import Finding, Severity
from mtcheck.lang import load_language
from mtcheck.lang import regex_cache
from mtcheck.rules.base import RuleContext
from mtcheck.rules.interference_articles import COUNTRIES, REGIONS
from mtcheck.rules.interference_common import SyntaxRule, with_case

_INSTITUTIONS = frozenset(
    """country nation state city town village municipality region department département company group firm
    union party ministry government commission council court club team school hospital association
    administration opposition prefecture army navy bank university federation organisation organization
    agency authority assembly parliament senate ministry republic kingdom economy industry""".split()
)
_FEMALE = frozenset(
    """woman women she her mother daughter wife sister queen girl lady actress widow grandmother aunt niece
    princess duchess madam ms mrs miss chairwoman spokeswoman businesswoman sportswoman""".split()
)


@lru_cache(maxsize=1)
def _REFERENT_BEFORE_PRONOUN() -> re.Pattern[str]:  # noqa: N802 - a cached constant
    """A country, region, institution or listed referent somewhere before her/she/herself."""
    try:
        listed = load_language("fr").english_table("gendered_referents").get("referents", ())
    except Exception:  # the data tests report a broken table; the rule still runs on the built-in lists
        listed = ()
    # longest first, ties by text: the same pattern in every process (the regex cache keys on it)
    words = sorted({*COUNTRIES, *REGIONS, *_INSTITUTIONS, *listed}, key=lambda w: (-len(w), w))
    return regex_cache.compile(
        r"\b(?i:" + "|".join(re.escape(w) for w in words) + r")\b.*?\b(?:[Hh]er|[Ss]he|[Hh]erself)\b"
    )


class FemininePronounBoundSubject(SyntaxRule):
    """"The city has lost her last employer": *her*/*she* for a country, city or institution subject.

    French *la ville … sa / elle* is feminine; English uses "its" / "it". The parse must bind
    the pronoun to a clause whose subject is a country, region, city or institution noun,
    with no woman mentioned before it in the sentence (ships and named women are left alone).
    """

    code = "G034"
    name = "feminine-pronoun-bound-subject"
    category = "pronoun"
    severity = Severity.WARNING
    specificity = 72
    bad = (
        "The city has lost her last big employer, the mayor said.",
        "The department has increased her budget for cycling by 30%.",
        "Italy must regain her rank, insisted the minister.",
        "France said she would defend her farmers.",
    )
    good = (
        "The city has lost its last big employer, the mayor said.",
        "The mayor of the city has lost her husband.",
        "The company told Ms Dupont that her contract was over.",
        "The court declared her bankrupt in 1856.",
    )
    syntax_prefilter = staticmethod(lambda sentence: _REFERENT_BEFORE_PRONOUN().search(sentence.text) is not None)

    def check_sentence(self, doc: Document, parsed, ctx: RuleContext) -> Iterator[Finding]:
        toks = parsed.tokens
        referents = COUNTRIES | REGIONS | frozenset(ctx.lang.english_table("gendered_referents").get("referents", ()))
        for p in toks:
            if p.lower not in ("her", "she", "herself"):
                continue
            if any(t.lower in _FEMALE or t.lemma.lower() in _FEMALE for t in toks[: p.i] if t.i != p.i and t.lower not in ("her", "she")):
                continue
            if any(t.tag == "NNP" and t.i < p.i and t.dep in ("nsubj", "appos") and t.text not in referents for t in toks):
                continue
            if p.lower == "her" and p.tag != "PRP$" and p.dep != "poss":
                continue  # an object "her" refers to someone else, not to the subject
            subject = self._clause_subject(parsed, p.i, complement=p.lower == "she")
            if subject is not None and subject.lower == "she":
                subject = self._clause_subject(parsed, subject.i, complement=True)
            if subject is None or subject.i > p.i:
                continue
            if not (subject.lemma.lower() in _INSTITUTIONS and subject.tag in ("NN",) or subject.text in referents):
                continue
            fix = {"her": "its", "she": "it", "herself": "itself"}[p.lower]
            yield self.finding(
                doc, p.start, p.end, f"“{p.text}” refers to {subject.text}: English uses “{fix}” for a country or an institution",
                [with_case(p.text, fix)], confidence=0.8,
            )

    @staticmethod
    def _clause_subject(parsed, i: int, complement: bool = False):
        """The subject of the nearest verb above token ``i`` (climbing through conjoined verbs).

        With ``complement`` (for "she", itself a subject), the subject of the verb whose
        complement clause "she" opens ("France says she is ready").
        """
        toks = parsed.tokens
        if complement:
            verb = toks[i].head
            if toks[verb].dep != "ccomp":
                return None
            i = verb
        for k in parsed.ancestors(i):
            if toks[k].pos in ("VERB", "AUX"):
                for j in (k, *parsed.ancestors(k)):
                    subs = [c for c in parsed.children(j) if toks[c].dep in ("nsubj", "nsubjpass") and c != i]
                    if subs:
                        return toks[subs[0]]
                    if toks[j].dep not in ("conj", "xcomp"):
                        return None
                return None
        return None


RULES = (
    FemininePronounBoundSubject(),
)
