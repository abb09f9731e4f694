"""Casing rules (family C): proper nouns in lower case, common words capitalised mid-sentence."""

from __future__ import annotations

import bisect

import re
from collections import Counter
from collections.abc import Iterable

from mtcheck.document import Document, Sentence, Token, previous_word
from mtcheck.findings import Finding, Severity, Suggestion
from mtcheck.lang.frequency import zipf_frequency
from mtcheck.lang.lexicons import OPENING_QUOTES, find_phrases
from mtcheck.rules.base import Rule, RuleContext
from mtcheck.rules.casing_context import after_work_noun, deliberate_capitals, in_capitalised_list, unpunctuated

_PLACE_CUES = frozenset("in to from across into via visit visited visiting visits toward towards".split())
_FUNCTION_WORDS = frozenset(
    """for with to of and but in on at by from as or is was were are been has have had that this
    these those which who when where while if then than so not no very also only even just all
    some any every each their they them its it he she his we our you your my me us there here
    because although though after before since until about into over under between through
    during without within against among would could should can must might shall""".split()
)
_NAME_CONNECTORS = frozenset("of de the and for on in du la le von van der al bin upon at & des del da di y".split())
_DETERMINERS = frozenset("the a an this that these those his her its their our my your whose".split())
_ARTICLE_CUES = frozenset("of for with to in on at from by is was and but or that like as want wants will would".split())
_NUMBER_RE = re.compile(r"^(?:[12]?\d|3[01]|1\d{3}|20\d\d)(?:st|nd|rd|th)?$")
_URLISH = "/@#._\\"
_ADJECTIVE_SUFFIXES = ("ese", "an", "ian", "ish", "ean", "ist", "ism", "ists", "ans", "ians")
_OTHER_LANGS = ("fr", "de", "es", "it", "pt", "nl")
_ABBREVIATIONS = frozenset("ltd inc corp bros feb jan mar apr jun jul aug sep sept oct nov dec vol nos".split())


_ASCII_WORD = re.compile(r"[a-z]+")


def _english_only_common(word: str, precomputed: frozenset[str] = frozenset()) -> bool:
    """Frequent in English and clearly rarer in other European languages.

    wordfreq folds case, so names (Seattle, Pedro, Hamas) look frequent too; but names travel
    across languages while common English words do not, which tells them apart. For ``[a-z]+``
    words the answer is read from ``precomputed`` (``data/en/english_only_common.txt``, built
    by ``scripts/build_wordlists.py`` with this very test) so wordfreq need not be loaded.
    """
    if precomputed and _ASCII_WORD.fullmatch(word):
        return word in precomputed
    english = zipf_frequency(word, "en")
    if english < 3.3:
        return False
    elsewhere = max(zipf_frequency(word, lang) for lang in _OTHER_LANGS)
    return english - elsewhere >= 1.0


def _data(ctx: RuleContext) -> dict:
    return ctx.lang.english_table("proper_nouns")


def _next_token(toks: tuple[Token, ...], i: int) -> Token | None:
    return toks[i + 1] if i + 1 < len(toks) else None


class LowercaseProperNoun(Rule):
    """A proper noun written in lower case ("kyiv", "chinese", "monday").

    English capitalises countries, cities, nationalities, languages, days and months; French
    does not capitalise nationality adjectives, days or months, and MT carries that over. The
    words come from ``data/en/proper_nouns.toml``; those that are also common words
    ("turkey", "may", "nice") are flagged only where context makes the place or month clear.
    """

    code = "C001"
    name = "lowercase-proper-noun"
    category = "casing"
    severity = Severity.WARNING
    specificity = 70
    bad = (
        "Trump organized direct talks with Moscow, bypassing kyiv and the European allies.",
        "The chinese delegation arrived on monday.",
        "The ceasefire could be signed on may 9 in Moscow.",
        "He flew from turkey to Greece.",
    )
    good = (
        "Trump organized direct talks with Moscow, bypassing Kyiv and the European allies.",
        "You may want to try the roast turkey, it is nice.",
        "She ordered french fries and brussels sprouts.",
        "Visit www.kyiv.ua for details.",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        data = _data(ctx)
        always = {w.lower(): w for w in data.get("always", ())}
        ambiguous = {w.lower(): w for w in data.get("ambiguous", ())}
        months = {w.lower() for w in data.get("months", ())}
        common_after = {k: set(v) for k, v in data.get("common_after", {}).items()}
        common_before = {k: set(v) for k, v in data.get("common_before", {}).items()}
        for sentence in doc.sentences:
            toks = sentence.tokens
            for i, tok in enumerate(toks):
                if not tok.is_word or not tok.text.islower() or self._urlish(doc.text, tok):
                    continue
                offset = tok.start
                for part in tok.text.split("-"):
                    proper = always.get(part) or ambiguous.get(part)
                    if proper and part != proper:
                        nxt = _next_token(toks, i)
                        next_word = nxt.text.lower() if nxt and nxt.is_word and part == tok.text else ""
                        before = previous_word(toks, i)
                        compound = before is not None and before.text.lower() in common_before.get(part, ())
                        confident = part in always and next_word not in common_after.get(part, ())
                        if part in ambiguous and part == tok.text:
                            confident = self._clear_context(toks, i, part in months) and (
                                next_word not in common_after.get(part, ())
                            )
                        if confident and not compound:  # "gum arabic" is a common-noun compound
                            yield self.finding(
                                doc,
                                offset,
                                offset + len(part),
                                f"“{proper}” is a proper noun and takes a capital",
                                [Suggestion(proper, 0.9 if part in always else 0.75)],
                            )
                    offset += len(part) + 1
        for phrase in data.get("multiword", ()):
            for start, end in find_phrases(doc.text, [phrase.lower()]):
                yield self.finding(
                    doc, start, end, f"“{phrase}” is a proper noun and takes capitals", [Suggestion(phrase, 0.9)]
                )

    @staticmethod
    def _urlish(text: str, tok: Token) -> bool:
        before = text[tok.start - 1] if tok.start else ""
        after = text[tok.end] if tok.end < len(text) else ""
        return before in _URLISH and before != "" or (after in "/@" and after != "") or (
            after == "." and tok.end + 1 < len(text) and text[tok.end + 1].isalnum()
        )

    @staticmethod
    def _clear_context(toks: tuple[Token, ...], i: int, is_month: bool) -> bool:
        prev = toks[i - 1] if i > 0 else None
        nxt = _next_token(toks, i)
        if is_month:
            return bool((nxt and _NUMBER_RE.match(nxt.text)) or (prev and _NUMBER_RE.match(prev.text)))
        if not prev or prev.text.lower() not in _PLACE_CUES:
            return False
        return nxt is None or not nxt.is_word or nxt.text.lower() in _FUNCTION_WORDS | {"said", "says", "last", "next"}


_PRONOUNS = frozenset("he him his she her hers we us our you your yours me my mine myself thy thee thou they them their".split())
_NAME_DEPS = frozenset({"compound", "poss", "nmod"})


def _name_by_parse(ctx: RuleContext, sentence: Sentence, tok: Token) -> bool:
    """What the parse says of a capitalised word when the syntax layer is there: a proper
    adjective ("Western", "Confederate"), a plural name ("Scots", "Packers") or a name used
    as a modifier ("Chargers linebacker") is a name, not a stray capital."""
    if ctx.syntax is None:
        return False
    from mtcheck.syntax import SyntaxUnavailable

    try:
        parsed = ctx.syntax.parse(sentence)
    except SyntaxUnavailable:
        return False
    t = parsed.token_at(tok.start)
    if t is None:
        return False
    if t.tag in ("NNPS", "NNS") or (t.tag == "JJ" and t.dep in ("amod", "compound")):
        return True
    return t.dep in _NAME_DEPS and t.head > t.i or t.dep == "appos"


class CapitalisedCommonWord(Rule):
    """A common English word capitalised in the middle of a sentence ("reacted with Glee").

    French typography and MT artefacts leave stray capitals after brackets, quotes and
    line joins. To stay precise the word must be frequent in English, stand alone (not part
    of a run of capitalised words such as "Higher School of Economics"), not follow an opening
    quote, colon, bracket, dash, determiner or title, not be a known name, institution or
    proper noun, and not be capitalised elsewhere mid-sentence in the document. A content word
    is also left alone where capitals are deliberate (``casing_context``): a capitalised list,
    several capitalised common words in the sentence, a line without final punctuation, a
    title after a noun naming a work.
    """

    code = "C002"
    name = "capitalised-common-word"
    category = "casing"
    severity = Severity.WARNING
    specificity = 55
    optional_needs = frozenset({"syntax"})
    bad = (
        "In Moscow, the markets reacted with Enthusiasm.",
        "Russia wants a sphere of influence, as the Yalta conference did For the Soviet Union.",
        "“Why do we give [Russia] Everything they want?”",
        "“Putin will want [a deal] A notable day like this,” said an official.",
        "The fights will not stop; And if there is no agreement, they will continue.",
    )
    good = (
        "“It is too early to say,” said Samuel Charap, principal political scientist at Rand.",
        "He works at the Higher School of Economics in Moscow.",
        "Actually, I disagree, she said.",
        "The White House said the Second World War ended in 1945.",
        "Analysts, such as Hall from the University of Bath, disagree.",
        "The film Gone With the Wind was shown.",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        en = ctx.lang.english_table("casing")
        proper = ctx.lang.english_table("proper_nouns")
        known = {
            *en.get("names", ()),
            *en.get("institutional", ()),
            *en.get("titles", ()),
            *proper.get("always", ()),
            *proper.get("ambiguous", ()),
        }
        titles = set(en.get("titles", ()))
        work_nouns = set(en.get("work_nouns", ()))
        mid_caps = self._mid_sentence_capitals(doc)
        line_initial = _line_initial_words(doc)
        only_english = ctx.lang.english_words("english_only_common")
        deliberate: dict[int, int] = {}

        def is_common(word: str) -> bool:
            lower = word.lower()
            return (
                word not in known
                and lower not in _FUNCTION_WORDS
                and not ctx.glossary.allows(word)
                and _english_only_common(lower, only_english)
            )

        for sentence in doc.sentences:
            if self._is_heading(sentence):
                continue
            toks = sentence.tokens
            for i, tok in enumerate(toks):
                if not tok.is_word or not self._titlecase(tok.text) or i == 0:
                    continue
                word = tok.text
                lower = word.lower()
                if len(word) == 1 and word != "A":
                    continue
                prev = toks[i - 1]
                prev_word = previous_word(toks, i)
                if prev_word is None or tok.start in line_initial:
                    continue
                if word in known or ctx.glossary.allows(word) or mid_caps[word] > 1:
                    continue
                if prev.text in OPENING_QUOTES + "([{:—–-•*…/" or prev.text.endswith("."):
                    continue
                if prev_word.text in titles or prev_word.text.lower() in _DETERMINERS:
                    continue
                if prev.text in ("’s", "'s") or prev.text[:1].isdigit():
                    continue
                if self._followed_by_name_cues(doc.text, toks, i):
                    continue
                if lower in _PRONOUNS or (word == "No" and doc.text[tok.end : tok.end + 1] == "."):
                    continue  # reverential "His", titles ("Our Mutual Friend"), "No. 5"
                adjacent_prev = prev.is_word and self._capital(prev.text)
                is_function = lower in _FUNCTION_WORDS
                if word in ("A", "An", "The"):
                    nxt = _next_token(toks, i)
                    if not (nxt and nxt.is_word and nxt.text.islower() and nxt.text not in _FUNCTION_WORDS):
                        continue
                    if not (prev.text == "]" or (prev.is_word and prev.text in _ARTICLE_CUES)):
                        continue
                    if word == "A" and nxt.text in ("major", "minor", "flat", "sharp"):
                        continue  # a musical key
                    confidence = 0.8
                elif is_function:
                    if adjacent_prev or self._in_work_title(toks, i, work_nouns) or self._starts_title(toks, i):
                        continue
                    if prev.text == ";" or prev.text == "]" or (prev.is_word and prev.text.islower()):
                        confidence = 0.85
                    else:
                        continue
                else:
                    if prev.text == ";" or adjacent_prev or self._in_run(toks, i):
                        continue
                    if unpunctuated(sentence) or in_capitalised_list(toks, i) or after_work_noun(toks, i, work_nouns):
                        continue
                    if deliberate.setdefault(sentence.start, deliberate_capitals(sentence, is_common)) >= 2:
                        continue  # several capitalised common words: the writer's convention, not a slip
                    if not (prev.text == "]" or (prev.is_word and prev.text.islower())):
                        continue
                    if prev.text.lower() in _PLACE_CUES | {"at", "near", "outside", "of"}:
                        continue
                    if len(word) <= 3 or lower.endswith(_ADJECTIVE_SUFFIXES) or lower in _ABBREVIATIONS:
                        continue
                    if not _english_only_common(lower, only_english):
                        continue
                    if prev_word.text.lower() == "as" or _name_by_parse(ctx, sentence, tok):
                        continue
                    confidence = 0.7
                yield self.finding(
                    doc,
                    tok.start,
                    tok.end,
                    f"“{word}” is capitalised mid-sentence but is a common word here",
                    [Suggestion(lower, confidence)],
                )

    @staticmethod
    def _starts_title(toks: tuple[Token, ...], i: int) -> bool:
        """A capitalised function word followed by a capitalised word: the start of a title ("In Flames")."""
        nxt = _next_token(toks, i)
        return bool(nxt and nxt.is_word and nxt.text[:1].isupper())

    @staticmethod
    def _titlecase(text: str) -> bool:
        return text[:1].isupper() and (len(text) == 1 or text[1:].islower()) and text.isalpha()

    @staticmethod
    def _capital(text: str) -> bool:
        return text[:1].isupper() or text[:1].isdigit()

    @staticmethod
    def _is_heading(sentence: Sentence) -> bool:
        words = sentence.words
        if not words or sentence.text.rstrip()[-1:] in ".!?\"”»":
            return False
        capitals = sum(1 for w in words if w.text[:1].isupper())
        return capitals / len(words) >= 0.5

    def _in_run(self, toks: tuple[Token, ...], i: int) -> bool:
        """Part of a run of capitalised words, possibly linked by name connectors."""
        nxt = _next_token(toks, i)
        if nxt and nxt.is_word and self._capital(nxt.text):
            return True
        j = i + 1
        while j < len(toks) and toks[j].is_word and toks[j].text.lower() in _NAME_CONNECTORS:
            j += 1
        if j > i + 1 and j < len(toks) and toks[j].is_word and self._capital(toks[j].text):
            return True
        j = i - 1
        while j >= 0 and toks[j].is_word and toks[j].text.lower() in _NAME_CONNECTORS:
            j -= 1
        return j < i - 1 and j >= 0 and toks[j].is_word and self._capital(toks[j].text)

    @staticmethod
    def _in_work_title(toks: tuple[Token, ...], i: int, work_nouns: set[str]) -> bool:
        prev = previous_word(toks, i)
        return bool(prev and prev.text.lower() in work_nouns)

    @staticmethod
    def _followed_by_name_cues(text: str, toks: tuple[Token, ...], i: int) -> bool:
        nxt = _next_token(toks, i)
        if nxt is None:
            return False
        if nxt.text in ("’s", "'s", "(") or text[toks[i].end : toks[i].end + 2] in ("’s", "'s"):
            return True
        if nxt.text[:1].isdigit() or re.match(r"\.\s?\d", text[toks[i].end : toks[i].end + 3]):
            return True
        return bool(re.match(r",\s+(?:a|an|the)\s", text[toks[i].end : toks[i].end + 8]))

    @staticmethod
    def _mid_sentence_capitals(doc: Document) -> Counter[str]:
        counts: Counter[str] = Counter()
        for sentence in doc.sentences:
            for i, tok in enumerate(sentence.tokens):
                if i > 0 and tok.is_word and tok.text[:1].isupper() and sentence.tokens[i - 1].is_word:
                    counts[tok.text] += 1
        return counts


from mtcheck.rules.casing_titles import TitleCasing  # noqa: E402 - C003 lives in its own module

RULES: tuple[Rule, ...] = (LowercaseProperNoun(), CapitalisedCommonWord(), TitleCasing())


def _line_initial_words(doc: Document) -> frozenset[int]:
    """Start offsets of the first word token of each line (a heading or list item starts there)."""
    starts = [t.start for t in doc.tokens]
    found = set()
    for line_start in doc.line_starts:
        j = bisect.bisect_left(starts, line_start)
        while j < len(doc.tokens) and not doc.tokens[j].is_word:
            j += 1
        if j < len(doc.tokens):
            found.add(doc.tokens[j].start)
    return frozenset(found)
