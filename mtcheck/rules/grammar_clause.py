"""Syntax rules on phrases and clauses (G106–G109): "during three hours", "The minister, he …",
"the law who", "the others countries". See :mod:`mtcheck.rules.grammar` for the family."""

from __future__ import annotations

from mtcheck.findings import Severity, Suggestion
from mtcheck.lang import regex_cache
from mtcheck.rules.grammar_support import SyntaxRule, is_plural_subject, keep_case, word_set, words_regex

_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred several many few".split()
)


class DuringForDuration(SyntaxRule):
    """"during" + a length of time ("during three hours"): French "pendant" is "for" here.

    English "during" names the period in which something happens ("during the night",
    "during the three years he spent there"); a bare length of time takes "for".
    """

    code = "G106"
    name = "during-for-duration"
    category = "calque"
    severity = Severity.WARNING
    specificity = 60
    bad = (
        "The hostages were held during three days.",
        "Talks went on during several hours without a break.",
    )
    good = (
        "The hostages were held for three days.",
        "It rained during the three days of the festival.",
        "He was arrested during the night.",
    )
    syntax_prefilter = staticmethod(lambda s: bool(_DURING_RE.search(s.text)))

    def check_sentence(self, doc, parsed, ctx):
        units = word_set(ctx.lang, "nouns", "time_units")
        toks = parsed.tokens
        for d in toks:
            if d.lower != "during":
                continue
            objs = [k for k in parsed.children(d.i) if toks[k].dep == "pobj"]
            if not objs:
                continue
            noun = toks[objs[0]]
            singular = noun.lemma.lower()
            if singular not in units or noun.tag != "NNS":
                continue
            mods = parsed.children(noun.i)
            if any(toks[k].dep in ("det", "poss") and toks[k].lower not in ("a",) for k in mods):
                continue
            if not any(toks[k].dep in ("nummod", "amod") and (toks[k].tag == "CD" or toks[k].lower in _NUMBER_WORDS) for k in mods):
                continue
            if any(toks[k].dep in ("acl", "relcl", "prep") for k in mods):
                continue  # "during three years of war": a named period
            yield self.finding(
                doc,
                d.start,
                d.end,
                "“during” + a length of time is French (pendant); English says “for”",
                [Suggestion(keep_case(d.text, "for"), 0.75)],
            )


_DURING_RE = regex_cache.compile(r"(?i)\bduring\s+(?:a\s+few|\d+|[a-z]+)\s+(?:[a-z]+\s+)?(?:seconds|minutes|hours|days|nights|weeks|weekends|months|years|decades|centuries|seasons|terms)\b")


class ResumptivePronoun(SyntaxRule):
    """A subject repeated by a pronoun ("The minister, he announced …"): French dislocation.

    Spoken French doubles the subject ("Le ministre, il a annoncé"); written English does not.
    The rewrite drops the comma and the pronoun.
    """

    code = "G107"
    name = "resumptive-pronoun"
    category = "grammar"
    severity = Severity.WARNING
    specificity = 60
    bad = (
        "The minister, he announced new measures on Tuesday.",
        "These companies, they pay almost no tax.",
    )
    good = (
        "The minister announced new measures on Tuesday.",
        "Yesterday, he announced new measures.",
        "The minister, he said, will resign.",
        "Mr Smith, she said, would not run again.",
    )
    syntax_prefilter = regex_cache.compile(r"^[A-Z][^,]{1,60},\s+(?:he|she|it|they)\s")

    def check_sentence(self, doc, parsed, ctx):
        toks = parsed.tokens
        comma = next((t for t in toks if t.text == ","), None)
        if comma is None or comma.i + 2 >= len(toks):
            return
        pron = toks[comma.i + 1]
        if pron.lower not in ("he", "she", "it", "they") or pron.dep != "nsubj":
            return
        verb = toks[pron.head]
        if verb.i + 1 < len(toks) and toks[verb.i + 1].text == "," or verb.lemma.lower() in ("say", "tell", "add"):
            return
        subject = toks[: comma.i]
        heads = [t for t in subject if t.head >= comma.i or t.head == t.i]
        if len(heads) != 1 or heads[0].pos not in ("NOUN", "PROPN"):
            return
        head = heads[0]
        if head.dep not in ("nsubj", "nsubjpass", "dep", "dislocated"):
            return
        if any(t.pos in ("VERB", "AUX", "ADP", "SCONJ", "PRON", "NUM", "ADV", "PUNCT") for t in subject):
            return
        if subject[0].lower in ("a", "an", "one", "another"):  # "A talented batsman, he …": apposition
            return
        if head.lemma.lower() in word_set(ctx.lang, "nouns", "time_units") or head.lower in word_set(ctx.lang, "nouns", "weekdays"):
            return
        plural = is_plural_subject(head)
        if plural != (pron.lower == "they"):
            return
        if pron.lower == "it" and head.pos == "PROPN":
            return
        start, stop = subject[0].start, pron.end
        np_text = doc.text[start : comma.start].rstrip()
        yield self.finding(
            doc,
            start,
            stop,
            f"The subject is repeated by “{pron.text}” (French dislocation); drop the pronoun",
            [Suggestion(np_text, 0.75)],
        )


class WhoForThing(SyntaxRule):
    """"who" after a thing ("the law who was passed"): French "qui" serves for both.

    English uses "who" for people and "which"/"that" for things. Only nouns that cannot stand
    for people (laws, cities, storms …; ``grammar.toml``) are flagged.
    """

    code = "G108"
    name = "who-for-thing"
    category = "grammar"
    severity = Severity.WARNING
    specificity = 60
    bad = (
        "The law who was passed in March changes the rules.",
        "They visited the village who was hit by the storm.",
    )
    good = (
        "The law that was passed in March changes the rules.",
        "The minister who was questioned in March resigned.",
    )
    syntax_prefilter = staticmethod(lambda s: bool(_WHO_RE.search(s.text) and words_regex("nouns", "inanimate", "s?").search(s.text)))

    def check_sentence(self, doc, parsed, ctx):
        things = word_set(ctx.lang, "nouns", "inanimate")
        toks = parsed.tokens
        for w in toks:
            if w.lower != "who" or w.i == 0 or w.dep not in ("nsubj", "nsubjpass"):
                continue
            clause = toks[w.head]
            noun = toks[clause.head] if clause.dep == "relcl" else toks[w.i - 1]
            if noun.i != w.i - 1 and not (toks[w.i - 1].text == "," and noun.i == w.i - 2):
                continue
            if noun.pos != "NOUN" or noun.lemma.lower() not in things:
                continue
            yield self.finding(
                doc,
                w.start,
                w.end,
                f"“who” refers to “{noun.text}”, a thing: English uses “which” or “that”",
                [Suggestion("which" if toks[w.i - 1].text == "," else "that", 0.8), Suggestion("which", 0.5)],
            )


_WHO_RE = regex_cache.compile(r"\b[a-z]+s?,?\s+who\b")


class OthersBeforeNoun(SyntaxRule):
    """"others" before a noun ("the others countries"): French "les autres pays" agrees, English does not.

    As a determiner or adjective "other" has no plural; "others" is only a pronoun.
    """

    code = "G109"
    name = "others-before-noun"
    category = "grammar"
    severity = Severity.WARNING
    specificity = 60
    bad = ("The others countries refused to sign the text.",)
    good = ("The other countries refused to sign the text.", "Some left; the others stayed behind.")
    syntax_prefilter = regex_cache.compile(r"(?i)\bothers\s+[a-z]")

    def check_sentence(self, doc, parsed, ctx):
        toks = parsed.tokens
        for t in toks[:-1]:
            nxt = toks[t.i + 1]
            if t.lower != "others" or nxt.pos != "NOUN" or nxt.tag != "NNS":
                continue
            if nxt.head != t.i and t.head != nxt.i:
                continue
            yield self.finding(
                doc,
                t.start,
                t.end,
                "“others” before a noun is French agreement; English writes “other”",
                [Suggestion(keep_case(t.text, "other"), 0.9)],
            )


RULES_CLAUSE = (DuringForDuration(), ResumptivePronoun(), WhoForThing(), OthersBeforeNoun())
