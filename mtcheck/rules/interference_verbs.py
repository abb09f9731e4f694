"""Interference rules on French verb forms: *faire* + infinitive causatives and pronominal verbs.

*faire construire un pont* is "have a bridge built", not "make build a bridge"; *se réunir*,
*se terminer*, *se rendre à* are "meet", "end", "go to", with no reflexive pronoun.
"""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.document import Document
from mtcheck.findings import Finding, Severity
from mtcheck.rules.base import RuleContext
from mtcheck.rules.interference_common import SyntaxRule, compile_ci, inflect, with_case


_CAUSATIVE_EXCLUDED = frozenset({"do", "believe", "sure", "certain", "clear", "ready", "way", "love", "be", "go", "come", "feel", "happen", "work", "sense", "well", "use", "pay", "say", "think", "want", "laugh", "cry", "wonder", "look", "seem", "stop", "move"})


class CausativeMakeInfinitive(SyntaxRule):
    """*faire* + infinitive rendered "make" + bare infinitive + object: "made build a bridge".

    English causatives with an object after the verb take "have ... done" ("had a bridge
    built") or another verb ("made vote the reform" -> "pushed the reform through"). Flagged
    when "make" is followed directly by a bare infinitive and then a noun phrase, which English
    does not allow ("make do", "make believe" are excluded).
    """

    code = "G004"
    name = "causative-make-infinitive"
    category = "calque"
    severity = Severity.WARNING
    specificity = 60
    bad = (
        "The council promised to make build 40 kilometres of new lanes.",
        "The mayor made evacuate a campsite as a precaution.",
    )
    good = (
        "The council promised to have 40 kilometres of new lanes built.",
        "They made do with the old equipment.",
        "The mayor made sure the campsite was empty.",
        "It made people laugh.",
    )
    syntax_prefilter = compile_ci(r"\bma(?:ke|kes|de|king)\s+[a-z]+\s+(?:the|a|an|his|her|its|their|some|several|\d)")

    def check_sentence(self, doc: Document, parsed, ctx: RuleContext) -> Iterator[Finding]:
        toks = parsed.tokens
        for t in toks:
            if t.lemma.lower() != "make" or not t.tag.startswith("VB") or t.i + 2 >= len(toks):
                continue
            inf = toks[t.i + 1]
            if inf.tag != "VB" or inf.lower in _CAUSATIVE_EXCLUDED or not inf.text.islower():
                continue
            objs = [c for c in parsed.children(inf.i) if parsed[c].dep == "dobj" and c > inf.i]
            if not objs or toks[t.i + 2].tag not in ("DT", "PRP$", "CD", "JJ", "NNS", "NN"):
                continue
            obj = _noun_phrase(parsed, objs[0])
            last = max(obj)
            if list(obj) != list(range(min(obj), last + 1)) or min(obj) != t.i + 2:
                continue
            have = with_case(t.text, inflect("have", t.tag) if t.tag != "VB" else "have")
            participle = inflect(inf.lemma, "VBN")
            replacement = f"{have} {parsed.text_of(list(obj))} {participle}"
            yield self.finding(
                doc,
                t.start,
                toks[last].end,
                "French ‘faire’ + infinitive: English says “have something done”",
                [replacement],
                confidence=0.6,
            )


def _noun_phrase(parsed, head: int) -> tuple[int, ...]:
    """The noun ``head`` with its left modifiers and its "of" complements (no other right dependents)."""
    keep = [head]
    for c in parsed.children(head):
        if c < head or parsed[c].dep == "prep" and parsed[c].lower == "of":
            keep.extend(parsed.subtree(c))
    return tuple(sorted(keep))


_REFLEXIVE = frozenset({"themselves", "himself", "herself", "itself", "ourselves"})


_PRONOMINAL = {
    "meet": "se réunir", "gather": "se rassembler", "reunite": "se réunir", "assemble": "se rassembler",
    "end": "se terminer", "finish": "se terminer", "conclude": "se conclure", "unfold": "se dérouler",
    "relaunch": "se relancer", "stabilise": "se stabiliser", "stabilize": "se stabiliser",
    "accelerate": "s'accélérer", "multiply": "se multiplier", "intensify": "s'intensifier",
    "worsen": "s'aggraver", "deteriorate": "se détériorer", "degrade": "se dégrader", "produce": "se produire",
    "pronounce": "se prononcer", "rally": "se rallier", "decide": "se décider",
}


class ReflexiveVerbCalque(SyntaxRule):
    """A French pronominal verb with its *se* kept: "the leaders met themselves", "the race ends itself".

    *se réunir* is "meet", *se terminer* "end", *se produire* "happen", *se prononcer* "give a
    ruling", *se rendre à* "go to": English has no reflexive pronoun there. Flagged for a listed
    verb directly followed by a reflexive pronoun (not an emphatic one before an object: "he
    met himself the costs" is not taken), and for "rendered himself" + a place preposition.
    """

    code = "G005"
    name = "reflexive-verb-calque"
    category = "calque"
    severity = Severity.WARNING
    specificity = 62
    bad = (
        "About fifteen leaders met themselves on Tuesday in Warsaw.",
        "The minister rendered himself on the spot in the afternoon.",
        "The stage ends itself with a climb to the finish.",
        "The court will pronounce itself on the appeal in June.",
    )
    good = (
        "About fifteen leaders met on Tuesday in Warsaw.",
        "He rendered himself liable to prosecution.",
        "She met herself coming the other way, she joked.",
        "The war ended itself, the general said, without a treaty.",
    )
    syntax_prefilter = compile_ci(
        r"\b(?:me[te]\w*|gather\w*|reunit\w*|assembl\w*|render\w*|end\w*|finish\w*|conclud\w*|unfold\w*|relaunch\w*|"
        r"stabili[sz]\w*|accelerat\w*|multipl\w*|intensif\w*|worsen\w*|deteriorat\w*|degrad\w*|produc\w*|pronounc\w*|"
        r"rall\w*|decid\w*)\s+(?:them|him|her|it|our)sel(?:f|ves)\b"
    )
    _PLACE_PREPS = frozenset({"to", "on", "in", "at"})

    def check_sentence(self, doc: Document, parsed, ctx: RuleContext) -> Iterator[Finding]:
        toks = parsed.tokens
        for t in toks[:-1]:
            refl = toks[t.i + 1]
            if refl.lower not in _REFLEXIVE or not t.tag.startswith("VB"):
                continue
            lemma = t.lemma.lower()
            nxt = toks[t.i + 2] if t.i + 2 < len(toks) else None
            if lemma in _PRONOMINAL:
                if nxt is not None and (nxt.lower in ("coming", "going", "as", "again") or nxt.text == ","):
                    continue
                if nxt is not None and nxt.tag in ("DT", "PRP$", "NN", "NNS", "CD"):
                    continue  # an emphatic pronoun before an object
                yield self.finding(
                    doc, t.start, refl.end,
                    f"French pronominal verb ‘{_PRONOMINAL[lemma]}’: English says “{t.text}” without “{refl.text}”",
                    [t.text], confidence=0.8,
                )
            elif lemma == "render" and nxt is not None and nxt.lower in self._PLACE_PREPS:
                went = with_case(t.text, inflect("go", t.tag))
                yield self.finding(
                    doc, t.start, refl.end, "French ‘se rendre’ is “go”, not “render oneself”",
                    [went], confidence=0.8,
                )


RULES = (
    CausativeMakeInfinitive(),
    ReflexiveVerbCalque(),
)
