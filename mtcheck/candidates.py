"""Candidate replacements for a finding, from every source the corrector ranks.

Sources, each tagged in :attr:`Suggestion.source`: the rule's own suggestions (``rule``),
lexicon alternatives from the source language's data tables (``lexicon``), spelling
neighbours from an English frequency dictionary (``spelling``), and the language model's
likely words at the flagged position (``model``). Confidences here are priors; the
corrector turns them into final confidences with the model's scores.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from mtcheck.document import Document
from mtcheck.findings import Finding, Suggestion
from mtcheck.rules.base import match_case

SPELLING_PRIOR = 0.3
LEXICON_PRIOR = 0.6
MODEL_PRIOR = 0.25
_SPELLING_CATEGORIES = frozenset({"untranslated", "fluency", "entity-consistency"})
_LEXICON_TABLES = ("false_friends", "calques", "lexicon", "exonyms")
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


def lexicon_candidates(finding: Finding, lang: Any | None) -> list[Suggestion]:
    """Alternatives listed for the flagged text in the source language's lexicon tables.

    Tables are looked up by the case-folded span, at the top level or under any section.
    """
    if lang is None or not finding.text.strip():
        return []
    key = finding.text.strip().casefold()
    found: list[str] = []
    for name in _LEXICON_TABLES:
        table = lang.table(name)
        sections = [table, *(v for v in table.values() if isinstance(v, dict))]
        for section in sections:
            for k, v in section.items():
                if isinstance(k, str) and k.casefold() == key:
                    found += _replacements(v)
    return [Suggestion(match_case(finding.text.strip(), f), LEXICON_PRIOR, "lexicon") for f in found]


@lru_cache(maxsize=1)
def _symspell(size: int = 20000) -> Any:
    from symspellpy import SymSpell
    from wordfreq import top_n_list, word_frequency

    speller = SymSpell(max_dictionary_edit_distance=2)
    for word in top_n_list("en", size):
        if word.isalpha():
            speller.create_dictionary_entry(word, int(word_frequency(word, "en") * 1e9) + 1)
    return speller


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


def model_candidates(doc: Document, finding: Finding, lm: Any, limit: int = 5) -> list[Suggestion]:
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
    from wordfreq import zipf_frequency

    out: list[Suggestion] = []
    for token, _logprob in tokens:
        word = token.strip()
        if not token.startswith(" ") or not is_single_word(word) or len(word) < 2:
            continue
        if word.casefold() == original.casefold():
            continue
        if original.islower() and not word.islower():
            continue  # a name proposed for a common word changes what the sentence says
        if zipf_frequency(word, "en") < 3.0:
            continue
        out.append(Suggestion(match_case(original, word), MODEL_PRIOR, "model"))
        if len(out) == limit:
            break
    return out


def gather_candidates(
    doc: Document,
    finding: Finding,
    lang: Any | None = None,
    lm: Any | None = None,
    spelling: bool = True,
) -> tuple[Suggestion, ...]:
    """Every candidate for ``finding``, first source first, duplicates (and no-ops) dropped."""
    pool: list[Suggestion] = rule_candidates(finding) + lexicon_candidates(finding, lang)
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
