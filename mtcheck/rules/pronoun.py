"""Pronoun rules (family P): French grammatical gender carried onto countries and institutions."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from mtcheck.document import Document, Token
from mtcheck.findings import Finding, Severity, Suggestion
from mtcheck.rules.base import Rule, RuleContext, match_case

_FEMININE = {"she", "her", "hers", "herself"}
_NEUTER = {"she": "it", "hers": "its", "herself": "itself"}
_MASCULINE = {"she": "he", "hers": "his", "herself": "himself"}
_NOT_POSSESSED = frozenset(
    """and or but to in on at for with as by from that than the a an this these those of
    about into over after before if when while because so is was will would""".split()
)
_DETERMINERS = frozenset("the its this our their that".split())


@dataclass(frozen=True)
class _Lexicon:
    referents: frozenset[str]
    ships: frozenset[str]
    female: frozenset[str]
    male_names: frozenset[str]
    male_pronouns: frozenset[str]
    known_non_persons: frozenset[str]
    speech_verbs: frozenset[str]
    places: frozenset[str]


def _lexicon(ctx: RuleContext) -> _Lexicon:
    data = ctx.lang.english_table("gendered_referents")
    proper = ctx.lang.english_table("proper_nouns")
    male = set(data.get("male_names", ()))
    pronouns = {w for w in male if w.lower() in ("he", "him", "his", "himself")}
    exonyms = ctx.lang.table("exonyms")
    places = {
        name
        for section, table in exonyms.items()
        if isinstance(table, dict) and section not in ("person", "context_exemptions")
        for form, english in table.items()
        for name in (form, english if isinstance(english, str) else "")
        if name
    }
    return _Lexicon(
        referents=frozenset(data.get("referents", ())),
        ships=frozenset(data.get("ships", ())),
        female=frozenset({*data.get("female_markers", ()), *data.get("female_names", ())}),
        male_names=frozenset(male - pronouns),
        male_pronouns=frozenset(pronouns),
        known_non_persons=frozenset({*proper.get("always", ()), *proper.get("ambiguous", ())}),
        speech_verbs=frozenset(data.get("speech_verbs", ())),
        places=frozenset(places),
    )


def _window(doc: Document, pronoun: Token, back: int = 1, paragraph: bool = True) -> list[tuple[Token, bool]]:
    """Tokens of ``back`` previous sentences and the current one up to the pronoun.

    With ``paragraph`` the window stops at the start of the pronoun's paragraph (its line): a
    new paragraph names its subject again, so a pronoun opening one is not bound to the
    previous paragraph's country. Each token comes with a flag saying whether it is the first
    word of its sentence.
    """
    sentence = doc.sentence_at(pronoun.start)
    if sentence is None:
        return []
    index = bisect.bisect_right(doc._sentence_starts, sentence.start) - 1  # not tuple.index: linear per pronoun
    line_start = doc.line_starts[bisect.bisect_right(doc.line_starts, pronoun.start) - 1] if paragraph else 0
    out: list[tuple[Token, bool]] = []
    for s in doc.sentences[max(0, index - back) : index + 1]:
        if s.end <= line_start:
            continue
        first = True
        for t in s.tokens:
            if t.start >= pronoun.start:
                break
            out.append((t, first and t.is_word))
            if t.is_word:
                first = False
    return out


def _resolve(
    toks: list[tuple[Token, bool]], wide: list[tuple[Token, bool]], lex: _Lexicon, earlier: dict[int, str]
) -> str | None:
    """What the pronoun most plausibly stands for: "thing", "man", "man-pronoun" or None (unsure).

    ``toks`` is the previous and current sentence, ``wide`` a longer stretch searched for any
    mention of a woman.
    """
    if any(t.text in lex.female and earlier.get(t.start) is None for t, _ in wide):
        return None
    for t, initial in toks:
        if t.is_word and t.text[:1].isupper() and not initial and _name_like(t.text, lex):
            return None
    for index in range(len(toks) - 1, -1, -1):
        t, initial = toks[index]
        if t.start in earlier:
            return earlier[t.start]
        if t.text in lex.male_names and not initial or t.text in lex.male_names and t.text[:1].isupper():
            return "man"
        if t.text.lower() in lex.male_pronouns or t.text in lex.male_pronouns:
            return "man-pronoun"
        if t.text in lex.ships:
            return None
        if t.text in lex.referents:
            if t.text[:1].islower():
                prev = toks[index - 1][0].text.lower() if index else ""
                if prev not in _DETERMINERS:
                    continue
            return "thing"
    return None


def _thing_in_sentence(doc: Document, pronoun: Token, lex: _Lexicon) -> bool:
    """Whether the pronoun's own sentence names a country or institution before it."""
    toks = _window(doc, pronoun, back=0)
    for index, (t, _initial) in enumerate(toks):
        if t.text in lex.referents:
            if t.text[:1].isupper() or (index and toks[index - 1][0].text.lower() in _DETERMINERS):
                return True
    return False


def _speaker(tokens: tuple[Token, ...], i: int, lex: _Lexicon) -> bool:
    """"…," she said: the pronoun names the speaker of a quotation, a person."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    before = {t.text for t in tokens[max(0, i - 2) : i]}
    return bool(before & set(_CLOSING_QUOTES)) or (nxt is not None and nxt.text.lower() in lex.speech_verbs)


_CLOSING_QUOTES = ("”", '"', "»", "’")


def _name_like(text: str, lex: _Lexicon) -> bool:
    """A capitalised word that may be a person's name (so "her" may be right)."""
    return not (
        text in lex.referents
        or text in lex.male_names
        or text in lex.known_non_persons
        or text in lex.places
        or text.isupper()
        or text in ("I", "The", "A", "An")
    )


def _replacement(pronoun: Token, next_tok: Token | None, table: dict[str, str], possessive: str, objective: str) -> str:
    word = pronoun.text.lower()
    if word == "her":
        possessed = next_tok is not None and next_tok.is_word and next_tok.text.lower() not in _NOT_POSSESSED
        word_out = possessive if possessed else objective
    else:
        word_out = table[word]
    return match_case(pronoun.text, word_out)


class FemininePronounForThing(Rule):
    """"she"/"her"/"herself" standing for a country, city or institution ("Russia … her plans").

    French nouns like "la Russie" or "la Commission" are feminine and MT renders "elle"/"sa"
    as "she"/"her"; English uses "it"/"its". Reported only when the nearest candidate in the
    same or previous sentence is such a noun (``data/en/gendered_referents.toml``) and no woman
    or possible person's name is mentioned there.
    """

    code = "P001"
    name = "feminine-pronoun-for-thing"
    category = "pronoun"
    severity = Severity.WARNING
    specificity = 60
    bad = (
        "“Putin got rid of all illusion”, when Russia realized that her plans for a blitzkrieg victory had failed.",
        "The Commission said she would publish the proposal on Monday.",
    )
    good = (
        "Kaja Kallas said Russia must end the war before her visit to Kyiv.",
        "When Russia realized that its plans had failed, it changed course.",
        "The ship left Brest; she was carrying grain.",
        "Ms Dupont left the company last year. She now runs her own firm.",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        yield from (f for f, kind in _pronoun_findings(self, doc, ctx) if kind == "thing")


class PronounGenderMismatch(Rule):
    """"her"/"herself" for a man ("Putin would have seen this as an approval of her world vision").

    French "sa"/"son" agree with the possessed noun, not the owner, so MT writes "her" for a
    man. Reported when the nearest candidate is a man named in ``male_names`` or a "he" in the
    same or previous sentence, with no woman mentioned there.
    """

    code = "P002"
    name = "pronoun-gender-mismatch"
    category = "pronoun"
    severity = Severity.WARNING
    specificity = 60
    bad = (
        "Putin would have seen this as an approval of her world vision and of her dream.",
        "He knows that the only guarantees are those he can provide herself, said Trenin.",
    )
    good = (
        "Putin would have seen this as an approval of his world vision.",
        "He met Angela Merkel, who said her government would help.",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        yield from (f for f, kind in _pronoun_findings(self, doc, ctx) if kind != "thing")


def _pronoun_findings(rule: Rule, doc: Document, ctx: RuleContext) -> Iterable[tuple[Finding, str]]:
    lex = _lexicon(ctx)
    earlier: dict[int, str] = {}
    tokens = doc.tokens
    for i, tok in enumerate(tokens):
        if tok.text.lower() not in _FEMININE:
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if _speaker(tokens, i, lex):
            continue
        kind = _resolve(_window(doc, tok), _window(doc, tok, back=3, paragraph=False), lex, earlier)
        if kind is None:
            continue
        if kind == "man-pronoun" and tok.text.lower() == "herself" and _thing_in_sentence(doc, tok, lex):
            kind = "thing"  # a reflexive refers to its own clause's subject: "France, he said, must defend herself"
        earlier[tok.start] = kind
        if kind == "thing":
            fix = _replacement(tok, nxt, _NEUTER, "its", "it")
            message = f"“{tok.text}” refers to a country or institution; English uses “{fix.lower()}”"
            suggestions = [Suggestion(fix, 0.8)]
        elif kind == "man":
            if tok.text.lower() == "she":
                continue
            fix = _replacement(tok, nxt, _MASCULINE, "his", "him")
            message = f"“{tok.text}” refers to a man here; English uses “{fix.lower()}”"
            suggestions = [Suggestion(fix, 0.75)]
        else:
            if tok.text.lower() != "herself":
                continue
            message = f"“{tok.text}” does not agree with “he”; use “himself” (or “itself” for a country)"
            suggestions = [Suggestion(match_case(tok.text, "himself"), 0.6), Suggestion(match_case(tok.text, "itself"), 0.4)]
        yield rule.finding(doc, tok.start, tok.end, message, suggestions), kind


RULES: tuple[Rule, ...] = (FemininePronounForThing(), PronounGenderMismatch())
