"""Alignment anchors of a sentence: numbers, names, punctuation and translatable words."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from mtcheck.source.lexicon import (
    EN_FUNCTION_WORDS,
    FR_FUNCTION_WORDS,
    WORD_RE,
    exonyms,
    fold,
    stem,
    word_pairs,
)
from mtcheck.source.quantities import english_quantities, french_quantities


@dataclass(frozen=True)
class Anchors:
    """What a sentence offers to align on; ``words`` are English stems (a source sentence's
    are the renderings of its words)."""

    numbers: frozenset[float] = frozenset()
    names: frozenset[str] = frozenset()
    punct: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()

    @staticmethod
    def merge(items: Iterable[Anchors]) -> Anchors:
        """The union of several sentences' anchors."""
        items = list(items)
        if len(items) == 1:
            return items[0]
        return Anchors(
            frozenset().union(*(a.numbers for a in items)),
            frozenset().union(*(a.names for a in items)),
            frozenset().union(*(a.punct for a in items)),
            frozenset().union(*(a.words for a in items)),
        )


def _singular(word: str) -> str:
    """A French plural or feminine form's base ("billets" -> "billet", "épuisées" -> "épuisé")."""
    for suffix in ("es", "s", "x", "e"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _names(text: str, function_words: frozenset[str], mapping: dict[str, str]) -> frozenset[str]:
    out = set()
    for m in WORD_RE.finditer(text):
        w = m.group()
        if w[0].isupper() and fold(w) not in function_words and len(w) > 1:
            out.add(fold(mapping.get(w, w)))
    return frozenset(out)


def _punct(text: str) -> frozenset[str]:
    marks = set()
    if "?" in text:
        marks.add("?")
    if "!" in text:
        marks.add("!")
    if re.search("[«»“”\"]", text):
        marks.add("quote")
    if re.search(r"\(", text):
        marks.add("(")
    return frozenset(marks)


def source_anchors(text: str, lang: str = "fr") -> Anchors:
    """Anchors of a source-language sentence."""
    pairs = word_pairs(lang)
    words = set()
    for m in WORD_RE.finditer(text):
        w = m.group().lower()
        if w in FR_FUNCTION_WORDS:
            continue
        for en in pairs.get(w) or pairs.get(_singular(w), ()):
            words.add(stem(en))
    return Anchors(
        frozenset(q.value for q in french_quantities(text)),
        _names(text, FR_FUNCTION_WORDS, exonyms(lang)),
        _punct(text),
        frozenset(words),
    )


def target_anchors(text: str) -> Anchors:
    """Anchors of an English sentence."""
    words = {stem(m.group()) for m in WORD_RE.finditer(text) if m.group().lower() not in EN_FUNCTION_WORDS}
    return Anchors(
        frozenset(q.value for q in english_quantities(text)),
        _names(text, EN_FUNCTION_WORDS, {}),
        _punct(text),
        frozenset(words),
    )


def anchor_similarity(src: Anchors, tgt: Anchors) -> float:
    """Share of the pair's anchors found on both sides, in [0, 1]."""
    shared = total = 0.0
    for s, t, weight in (
        (src.numbers, tgt.numbers, 2.0),
        (src.names, tgt.names, 1.5),
        (src.punct, tgt.punct, 0.5),
    ):
        union = s | t
        total += weight * len(union)
        shared += weight * len(s & t)
    if src.words:
        hits = len(src.words & tgt.words)
        total += min(len(src.words), len(tgt.words) or 1) * 0.5 + 1
        shared += hits * 0.5
    return shared / total if total else 0.0
