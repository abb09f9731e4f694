"""Candidate replacements for a finding, from every source the corrector ranks.

Sources, each tagged in :attr:`Suggestion.source`: the rule's own suggestions (``rule``),
lexicon alternatives from the source language's data tables (``lexicon``), spelling
neighbours from an English frequency dictionary (``spelling``), and the language model's
likely words at the flagged position (``model``). Confidences here are priors; the
corrector turns them into final confidences with the model's scores.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mtcheck.document import Document
from mtcheck.findings import Finding, Suggestion
from mtcheck.lang.cache import cached, enabled as cache_enabled
from mtcheck.lang.packed import PackedKeys, number_array
from mtcheck.rules.base import match_case

if TYPE_CHECKING:
    from mtcheck.lang import LanguageData
    from mtcheck.scoring import LanguageModel

SPELLING_PRIOR = 0.3
LEXICON_PRIOR = 0.6
MODEL_PRIOR = 0.25
MODEL_MIN_ZIPF = 3.0
"""The model's proposals must be everyday English words (zipf at least this)."""
_SPELLING_CATEGORIES = frozenset({"untranslated", "fluency", "entity-consistency"})
_ENTRY_TABLES = ("false_friends", "calques")
"""Tables of ``[[entry]]`` patterns (:mod:`mtcheck.lang.patterns`): candidates come from matching them."""
_NAME_TABLES = ("exonyms",)
"""Tables of ``form = "English"`` pairs, at the top level or under a section."""
_WORD_RE = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")


def is_single_word(text: str) -> bool:
    """True for one alphabetic word (apostrophes and hyphens allowed inside)."""
    return bool(_WORD_RE.match(text))


def rule_candidates(finding: Finding) -> list[Suggestion]:
    """The finding's own suggestions."""
    return list(finding.suggestions)


def _replacements(entry: Any) -> list[str]:
    """The English forms a table entry gives: a string, or a record's fix fields.

    Lists standing alone are not replacements (``context_exemptions`` lists the words
    that excuse a name, not what to write instead).
    """
    if isinstance(entry, str):
        return [entry]
    if isinstance(entry, dict):
        out: list[str] = []
        for key in ("fix", "fixes", "english", "suggestions", "replacement", "preferred"):
            value = entry.get(key)
            out += [value] if isinstance(value, str) else [v for v in value or () if isinstance(v, str)]
        return out
    return []


def lexicon_candidates(finding: Finding, lang: LanguageData | None, doc: Document | None = None) -> list[Suggestion]:
    """Alternatives the source language's lexicon tables give for the flagged text.

    Name tables (exonyms) are looked up by the case-folded span, at the top level or under any
    section. Pattern tables (false friends, calques) are matched over the finding's sentence
    (``doc`` needed): an entry whose match lies within the finding's span offers its
    suggestions, put in place of the matched words.
    """
    if lang is None or not finding.text.strip():
        return []
    key = finding.text.strip().casefold()
    found: list[str] = []
    for name in _NAME_TABLES:
        table = lang.table(name)
        sections = [table, *(v for v in table.values() if isinstance(v, dict))]
        for section in sections:
            for k, v in section.items():
                if isinstance(k, str) and k.casefold() == key:
                    found += [match_case(finding.text.strip(), f) for f in _replacements(v)]
    if doc is not None:
        found += _entry_candidates(doc, finding, lang)
    return [Suggestion(f, LEXICON_PRIOR, "lexicon") for f in found]


def _entry_candidates(doc: Document, finding: Finding, lang: LanguageData) -> list[str]:
    from mtcheck.rules.lexicon import lexicon_for

    sentence = doc.sentence_at(finding.start)
    if sentence is None:
        return []
    lowered = sentence.text.lower()
    out: list[str] = []
    for table in _ENTRY_TABLES:
        for entry in lexicon_for(lang, table):
            if entry.pattern.required and entry.pattern.required not in lowered:
                continue
            for start, end, suggestions in entry.matches(sentence.text):
                lo, hi = sentence.start + start, sentence.start + end
                if finding.start <= lo and hi <= finding.end and lo < hi:
                    before = doc.text[finding.start : lo]
                    after = doc.text[hi : finding.end]
                    out += [before + s + after for s in suggestions]
    return out


SPELLING_WORDS = 20000
"""How many of wordfreq's most frequent English words the spelling dictionary holds."""


@lru_cache(maxsize=1)
def _symspell() -> Any:
    """A SymSpell dictionary of frequent English words (edit distance 2), from the data cache.

    Building it asks wordfreq for 20,000 frequencies and derives some 200,000 deletes (about
    1.5 s with wordfreq's first load); the cache keeps it as flat arrays that load in a few
    milliseconds and answer exactly the lookups the built dictionary answers. With the cache
    switched off the dictionary is built as it is, without the packing.
    """
    from symspellpy import SymSpell

    if not cache_enabled():
        return build_symspell()
    words, max_length, keys, starts, targets = cached("symspell-en", _spelling_sources(), _packed_symspell)
    speller = SymSpell(max_dictionary_edit_distance=2)
    speller._words = words
    speller._max_length = max_length
    speller._deletes = PackedDeletes(
        PackedKeys.from_state(keys), number_array("I", starts), number_array("I", targets), tuple(words)
    )
    return speller


def build_symspell(size: int = SPELLING_WORDS) -> Any:
    """The SymSpell dictionary built from wordfreq, as :func:`_symspell` answers from its cache."""
    from symspellpy import SymSpell
    from wordfreq import top_n_list, word_frequency

    speller = SymSpell(max_dictionary_edit_distance=2)
    for word in top_n_list("en", size):
        if word.isalpha():
            speller.create_dictionary_entry(word, int(word_frequency(word, "en") * 1e9) + 1)
    return speller


class PackedDeletes:
    """SymSpell's deletes table (delete -> dictionary words, in insertion order), packed.

    ``targets[starts[r]:starts[r + 1]]`` are the indices (into ``words``) of the words listed
    under the ``r``-th delete of ``keys``. SymSpell's lookup only asks ``in`` and ``[]``.
    """

    __slots__ = ("_keys", "_starts", "_targets", "_words")

    def __init__(self, keys: PackedKeys, starts: array, targets: array, words: tuple[str, ...]) -> None:
        self._keys, self._starts, self._targets, self._words = keys, starts, targets, words

    def __contains__(self, delete: object) -> bool:
        return delete in self._keys

    def __getitem__(self, delete: str) -> list[str]:
        row = self._keys.row(delete)
        if row < 0:
            raise KeyError(delete)
        return [self._words[i] for i in self._targets[self._starts[row] : self._starts[row + 1]]]

    def __len__(self) -> int:
        return len(self._keys)


def _packed_symspell() -> tuple[dict[str, int], int, tuple[bytes, bytes], bytes, bytes]:
    """:func:`build_symspell`'s words, longest length and deletes as flat arrays."""
    speller = build_symspell()
    words: dict[str, int] = dict(speller._words)
    index = {word: i for i, word in enumerate(words)}
    keys, ordered = PackedKeys.build(speller._deletes)
    starts, targets = array("I", [0]), array("I")
    for delete in ordered:
        targets.extend(index[word] for word in speller._deletes[delete])
        starts.append(len(targets))
    return words, speller._max_length, keys.state(), starts.tobytes(), targets.tobytes()


def _spelling_sources() -> list[Path]:
    """What the dictionary depends on: wordfreq's English lists and code, symspellpy, this code."""
    import symspellpy.symspellpy

    from mtcheck.lang.frequency import wordfreq_sources

    return [*wordfreq_sources("en"), Path(symspellpy.symspellpy.__file__), Path(__file__)]


def spelling_candidates(finding: Finding, limit: int = 3) -> list[Suggestion]:
    """Frequent English words within two edits of a single flagged word (not the word itself)."""
    if finding.category not in _SPELLING_CATEGORIES or not is_single_word(finding.text):
        return []
    try:
        from symspellpy import Verbosity

        hits = _symspell().lookup(finding.text.lower(), Verbosity.ALL, 2)
    except ImportError:
        return []
    hits = sorted((h for h in hits if h.distance > 0), key=lambda h: (h.distance, -h.count))
    return [Suggestion(match_case(finding.text, h.term), SPELLING_PRIOR, "spelling") for h in hits[:limit]]


def model_candidates(doc: Document, finding: Finding, lm: LanguageModel | None, limit: int = 5) -> list[Suggestion]:
    """The model's most likely whole words at the start of a single-word finding."""
    if lm is None or not is_single_word(finding.text):
        return []
    sentence = doc.sentence_at(finding.start)
    start = sentence.start if sentence else max(0, finding.start - 200)
    prefix = doc.text[start : finding.start].rstrip()
    if not prefix:
        return []
    return words_from_tokens(finding.text, lm.next_words(prefix, k=limit * 4), limit)


def words_from_tokens(original: str, tokens: Iterable[tuple[str, float]], limit: int) -> list[Suggestion]:
    """Whole-word proposals from next-token alternatives (tokens that start a word)."""
    from mtcheck.lang.frequency import english_frequency

    out: list[Suggestion] = []
    for token, _logprob in tokens:
        word = token.strip()
        if not token.startswith(" ") or not is_single_word(word) or len(word) < 2:
            continue
        if word.casefold() == original.casefold():
            continue
        if original.islower() and not word.islower():
            continue  # a name proposed for a common word changes what the sentence says
        if english_frequency(word.lower(), MODEL_MIN_ZIPF) is None:
            continue
        out.append(Suggestion(match_case(original, word), MODEL_PRIOR, "model"))
        if len(out) == limit:
            break
    return out


def gather_candidates(
    doc: Document,
    finding: Finding,
    lang: LanguageData | None = None,
    lm: LanguageModel | None = None,
    spelling: bool = True,
) -> tuple[Suggestion, ...]:
    """Every candidate for ``finding``, first source first, duplicates (and no-ops) dropped.

    A finding whose fix the glossary names (a preferred spelling) gets that one only.
    """
    glossary = [s for s in finding.suggestions if s.source == "glossary"]
    if glossary:
        return dedupe(glossary, finding.text)
    pool: list[Suggestion] = rule_candidates(finding) + lexicon_candidates(finding, lang, doc)
    if spelling:
        pool += spelling_candidates(finding)
    if lm is not None and not finding.suggestions:
        pool += model_candidates(doc, finding, lm)
    return dedupe(pool, finding.text)


def dedupe(pool: Sequence[Suggestion], original: str) -> tuple[Suggestion, ...]:
    """Keep the first (most trusted) suggestion of each replacement; drop the original."""
    seen: set[str] = set()
    out = []
    for s in pool:
        if s.replacement in seen or s.replacement == original:
            continue
        seen.add(s.replacement)
        out.append(s)
    return tuple(out)
