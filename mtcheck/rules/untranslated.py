"""Untranslated rules (family U): source-language words, exonyms, sentences or quotes left in.

Every language-specific fact (names, words, function words, the language's name in messages)
comes from the source language's data folder and ``profile.toml``.
"""

from __future__ import annotations

from itertools import islice

import re
from collections.abc import Iterable
from functools import lru_cache

from mtcheck.document import Document, previous_word
from mtcheck.findings import Finding, Severity, Suggestion
from mtcheck.lang import LanguageData, langid
from mtcheck.lang.frequency import known_zipf, zipf_frequency
from mtcheck.lang.lexicons import OPENING_QUOTES, covered, find_phrases, fold, folded_phrase_spans, quoted_spans
from mtcheck.rules.base import Rule, RuleContext, match_case

_GLOSS_AFTER_QUOTE = re.compile(r"^[\s,]*(?:\(|or\b|meaning\b|which means\b|literally\b|i\.e\.|–|—)")
_WORD_RE = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W\d_])?")


def function_words(lang: LanguageData) -> frozenset[str]:
    """The source language's function words (``[words] function`` of its profile)."""
    return frozenset(w.replace("’", "'").lower() for w in lang.setting("words", "function", ()))


def entry_id(kind: str, key: str) -> str:
    """The stable id of an exonym or word-table entry: ``exonym:pekin``, ``word:milliards``.

    Lexicon entries (false friends, calques) carry their own ``id``; table entries are named
    by their kind and their key, folded (no accents, lower case, hyphens for other characters).
    """
    return f"{kind}:" + re.sub(r"[^a-z0-9]+", "-", fold(key)).strip("-")


def loanword_spans(doc: Document, lang: LanguageData) -> list[tuple[int, int]]:
    """Spans of loanwords, names and titles English keeps (never flagged as untranslated)."""
    return _cached_loanword_spans(doc.text, lang)


@lru_cache(maxsize=32)
def _cached_loanword_spans(text: str, lang: LanguageData) -> list[tuple[int, int]]:
    return folded_phrase_spans(text, lang.table("loanwords").get("phrases", ()))


def glossed_quote_spans(text: str) -> list[tuple[int, int]]:
    """Quoted stretches followed by an English gloss (“gilets jaunes”, or yellow vests)."""
    return [(o, c) for o, _, _, c in quoted_spans(text) if _GLOSS_AFTER_QUOTE.match(text[c : c + 20])]


def source_leaning(word: str, lang: str) -> float:
    """How much more frequent ``word`` is in the source language than in English (zipf units)."""
    known = _known_leaning(word, lang)
    if known is not None:
        return known
    w = word.replace("’", "'").lower()
    return zipf_frequency(w, lang) - zipf_frequency(w, "en")


def _known_leaning(word: str, lang: str) -> float | None:
    """:func:`source_leaning` from the precomputed table, or None when the word is not listed."""
    pair = known_zipf(word.replace("’", "'").lower(), lang)
    return None if pair is None else pair[0] - pair[1]


def source_passages(doc: Document, lang: LanguageData) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Sentences and quoted stretches written in the source language: (sentences, quotes)."""
    return _cached_passages(doc.text, lang)


french_passages = source_passages
"""The former name of :func:`source_passages`."""


@lru_cache(maxsize=32)
def _cached_passages(text: str, lang: LanguageData) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    doc = Document.from_text(text)
    loans = _cached_loanword_spans(text, lang)
    sentences = []
    for s in doc.sentences:
        words = [m for m in _WORD_RE.finditer(s.text) if not covered(loans, s.start + m.start(), s.start + m.end())]
        if len(words) < 4:
            continue
        known = [_known_leaning(m.group(), lang.code) for m in words]
        possible = sum(1 for x in known if x is None or x > 0.5)
        if possible / len(words) < 0.6:
            continue
        if _mostly_source([m.group() for m in words], known, lang.code) and _langdetect(s.text) == lang.setting("language", "langdetect", lang.code):
            sentences.append((s.start, s.end))
    quotes = []
    for _, start, end, _close in quoted_spans(text):
        if covered(sentences, start, end) or covered(loans, start, end):
            continue
        if _GLOSS_AFTER_QUOTE.match(text[_close : _close + 20]):
            continue
        words = [m.group() for m in _WORD_RE.finditer(text[start:end])]
        if len(words) < 2:
            continue
        source_function_words = function_words(lang)
        has_function_word = any(w.lower().replace("’", "'") in source_function_words for w in words)
        if not has_function_word:
            continue
        known = [_known_leaning(w, lang.code) for w in words]
        if any(x is not None and x <= 0 for x in known):
            continue
        leaning = [source_leaning(w, lang.code) if x is None else x for w, x in zip(words, known)]
        if all(x > 0 for x in leaning) and sum(leaning) / len(words) >= 1.0:
            quotes.append((start, end))
    return sentences, quotes


def _mostly_source(words: list[str], known: list[float | None], lang: str) -> bool:
    """True when at least 60% of ``words`` lean clearly (> 0.5) towards the source language.

    ``known`` holds the leanings the precomputed table gives (None for the others). Words
    outside the table are asked of wordfreq, whose first use loads its data (about 0.7 s),
    only while the answer is still open: the count of leaning words can only grow.
    """
    count = sum(1 for x in known if x is not None and x > 0.5)
    if count / len(words) >= 0.6:
        return True
    for word, x in zip(words, known):
        if x is None and source_leaning(word, lang) > 0.5:
            count += 1
            if count / len(words) >= 0.6:
                return True
    return False


def _langdetect(text: str) -> str:
    """langdetect's language for ``text``, seeded (see :mod:`mtcheck.lang.langid`)."""
    return langid.detect(text)


def _skip_spans(doc: Document, ctx: RuleContext) -> list[tuple[int, int]]:
    sentences, quotes = source_passages(doc, ctx.lang)
    from mtcheck.rules.grammar_casing import organisation_spans  # names such as "Tribune de Genève"

    return [*loanword_spans(doc, ctx.lang), *glossed_quote_spans(doc.text), *sentences, *quotes, *organisation_spans(doc.text, ctx.lang)]


def _paragraph_of(doc: Document, offset: int) -> str:
    for start, end in doc.paragraphs:
        if start <= offset <= end:
            return doc.text[start:end]
    return doc.text


class SourceExonym(Rule):
    """A source-language name of a person, place or organisation left in the English text.

    Machine translation often keeps the source form of names English spells differently
    (French "Poutine" for Putin, "Pékin" for Beijing, "OTAN" for NATO; Spanish "Pekín",
    "Bruselas"). The names come from ``data/<lang>/exonyms.toml``; a form used in its own
    right (the Quebec dish "poutine" in a food context) is left alone.
    """

    code = "U001"
    name = "source-exonym"
    aliases = ("french-exonym",)
    category = "untranslated"
    severity = Severity.ERROR
    specificity = 80
    bad = (
        "“Poutine will want a deal on a notable day like this,” said a Ukrainian official.",
        "The summit will take place in Varsovie next month.",
        "Ukraine wants to join the OTAN as soon as possible.",
    )
    good = (
        "Putin will want a deal on a notable day like this, said a Ukrainian official.",
        "The restaurant serves poutine with cheese curds and gravy, a Quebec classic.",
        "She grew up in Nice and studied in Lyon before moving to Paris.",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        table = ctx.lang.table("exonyms")
        names: dict[str, tuple[str, str]] = {}
        for kind in ("person", "place", "org", "term"):
            for source, english in table.get(kind, {}).items():
                names[source] = (english, kind)
        exemptions = {k: {fold(w) for w in v} for k, v in table.get("context_exemptions", {}).items()}
        skip = _skip_spans(doc, ctx)
        for start, end in find_phrases(doc.text, names):
            if covered(skip, start, end):
                continue
            source = doc.text[start:end]
            english, kind = names[source]
            if _kept_in_source_name(doc, start, end, ctx.lang.code) or _era_or_unit(doc.text, start, source):
                continue
            context_words = exemptions.get(source)
            if context_words:
                paragraph = {fold(w) for w in _WORD_RE.findall(_paragraph_of(doc, start))}
                if paragraph & context_words:
                    continue
            yield self.finding(
                doc,
                start,
                end,
                f"{ctx.lang.name} form of the {_KIND_WORDS[kind]} “{english}” left untranslated",
                [Suggestion(english, 0.95)],
                entry=entry_id("exonym", source),
            )


_KIND_WORDS = {"person": "name", "place": "place name", "org": "organisation", "term": "term"}
_SOURCE_OF = re.compile(r"(?:\b[dD]['’]|\b(?:de|du|des)\s)$")


def _kept_in_source_name(doc: Document, start: int, end: int, lang: str) -> bool:
    """The form is part of a name the writer keeps in the source language: after the source
    language's "of" ("Chasseurs d'Afrique") or next to a capitalised source-language word
    ("Ancienne Belgique", "Genève Plage"). MT translates "de" and the common words around a
    name, so such a name is deliberate."""
    if _SOURCE_OF.search(doc.text[max(0, start - 4) : start]):
        return True
    sentence = doc.sentence_at(start)
    words = [t for t in sentence.tokens if t.is_word] if sentence else []
    before = [t for t in words if t.end <= start][-1:]
    after = [t for t in words if t.start >= end][:1]
    return any(
        n.text[:1].isupper()
        and doc.text[min(n.end, end) : max(n.start, start)].strip() == ""
        and source_leaning(n.text, lang) >= 1.5
        for n in (*before, *after)
    )


def _era_or_unit(text: str, start: int, source: str) -> bool:
    """An acronym right after a number is an era or a unit ("493 BCE"), not the organisation."""
    return source.isupper() and bool(re.search(r"\d[^\S\r\n]*$", text[max(0, start - 3) : start]))


class SourceWord(Rule):
    """A source-language word left untranslated in the English text.

    Words like French "selon", "milliards", "mardi" or "gouvernement" are not English; the list
    with glosses lives in the language's words table (``data/fr/french_words.toml``,
    ``data/es/words.toml``) and the gloss is offered as the fix.
    Loanwords English keeps ("déjà vu", "café"), names and titles ("Le Monde"), French
    particles inside a name ("Place de la Concorde") and quoted words followed by a gloss are
    left alone.
    """

    code = "U002"
    name = "source-word"
    aliases = ("french-word",)
    category = "untranslated"
    severity = Severity.ERROR
    specificity = 70
    bad = (
        "The government will present the budget mardi, according to the minister.",
        "The country's debt reached 210 milliards of euros last year.",
        "The race started at midi under a blazing sun.",
    )
    good = (
        "The government will present the budget on Tuesday, according to the minister.",
        "He had a strange sense of déjà vu as he walked past the café.",
        "The so-called “gilets jaunes”, or yellow vests, blocked roads across France.",
        "She bought a midi skirt in the sales.",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        table = ctx.lang.table(ctx.lang.table_name("words"))
        words: dict[str, str] = table.get("words", {})
        contextual: dict[str, list[str]] = table.get("contextual", {})
        skip = _skip_spans(doc, ctx)
        for sentence in doc.sentences:
            toks = sentence.tokens
            for i, tok in enumerate(toks):
                if not tok.is_word:
                    continue
                key = _lookup_key(tok.text, words, contextual, sentence_initial=_starts_sentence(toks, i))
                if key is None or covered(skip, tok.start, tok.end):
                    continue
                if key in contextual:
                    prev = previous_word(toks, i)
                    if prev is None or prev.text.lower() not in contextual[key]:
                        continue
                    gloss = table.get("contextual_glosses", {}).get(key, key)
                else:
                    gloss = words[key]
                if _inside_name(toks, i):
                    continue
                yield self.finding(
                    doc,
                    tok.start,
                    tok.end,
                    f"{ctx.lang.name} word “{tok.text}” left untranslated (“{gloss}”)",
                    [Suggestion(match_case(tok.text, gloss) if tok.text[0].isupper() else gloss, 0.85)],
                    entry=entry_id("word", key),
                )


def _lookup_key(text: str, words: dict, contextual: dict, sentence_initial: bool) -> str | None:
    for candidate in (text, text.replace("’", "'")):
        if candidate in words or candidate in contextual:
            return candidate
        if sentence_initial and candidate[:1].isupper():
            lowered = candidate[0].lower() + candidate[1:]
            if lowered in words or lowered in contextual:
                return lowered
    return None


def _starts_sentence(toks, i: int) -> bool:
    return all(not t.is_word and t.text in OPENING_QUOTES + "([-–—•*" for t in islice(toks, i))


def _inside_name(toks, i: int) -> bool:
    """A lowercase particle between two capitalised words is part of a name ("Place de la Concorde")."""
    if not toks[i].text.islower():
        return False
    prev = toks[i - 1] if i > 0 else None
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    return bool(prev and nxt and prev.is_word and nxt.is_word and prev.text[0].isupper() and nxt.text[0].isupper())


class SourceSentence(Rule):
    """A whole sentence left in the source language.

    Both signals must agree: most of its words are more frequent in the source language than
    in English (wordfreq) and ``langdetect`` (seeded, so deterministic) names the source
    language. Needs four words.
    """

    code = "U003"
    name = "source-sentence"
    aliases = ("french-sentence",)
    category = "untranslated"
    severity = Severity.ERROR
    specificity = 60
    bad = (
        "The talks ended late. Les négociations reprendront la semaine prochaine à Genève. "
        "Both sides said progress was made.",
    )
    good = (
        "The talks ended late, and the negotiations will resume next week in Geneva, officials said.",
        "He had a sense of déjà vu at the café, a real tête-à-tête.",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        sentences, _ = source_passages(doc, ctx.lang)
        for start, end in sentences:
            yield self.finding(doc, start, end, f"Sentence left in {ctx.lang.name}", (), confidence=0.9)


class SourceQuote(Rule):
    """A quoted phrase left in the source language inside an English sentence.

    A quotation whose every word is at least as frequent in the source language as in English,
    with one of its function words (French “une catastrophe”, “c'est fini”), is left untranslated. A quote followed by an
    English gloss (“gilets jaunes”, or yellow vests) is the writer's choice and left alone.
    """

    code = "U004"
    name = "source-quote"
    aliases = ("french-quote",)
    category = "untranslated"
    severity = Severity.WARNING
    specificity = 60
    bad = ("The minister called the result “une catastrophe” for the region.",)
    good = (
        "The minister called the result “a catastrophe” for the region.",
        "Protesters wore “gilets jaunes”, or yellow vests, during the march.",
        "He said he had read “Le Monde” every morning for years.",
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        _, quotes = source_passages(doc, ctx.lang)
        for start, end in quotes:
            yield self.finding(doc, start, end, f"Quoted phrase left in {ctx.lang.name}; translate it or add a gloss")


RULES: tuple[Rule, ...] = (SourceExonym(), SourceWord(), SourceSentence(), SourceQuote())

FrenchExonym, FrenchWord, FrenchSentence, FrenchQuote = SourceExonym, SourceWord, SourceSentence, SourceQuote
"""The former class names, kept for code that imports them."""
