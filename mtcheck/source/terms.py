"""Glossary terms found whatever their number: French plural forms ("conseils régionaux" for
"conseil régional") and English inflections ("civil party" for "civil parties")."""

from __future__ import annotations

import re
from functools import lru_cache

from mtcheck.source.lexicon import fold

_EN_TOKEN = re.compile(r"[^\W\d_][\w-]*")


def _french_word(word: str) -> str:
    """A regex of a French word's singular and plural forms (-s, -x, -al/-ail -> -aux)."""
    forms = {word, word + "s", word + "x"}
    for end in ("al", "ail"):
        if word.endswith(end) and len(word) > len(end) + 2:
            forms.add(word[: -len(end)] + "aux")
    return "(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + ")"


@lru_cache(maxsize=1024)
def _french_pattern(term: str) -> re.Pattern:
    parts = [_french_word(w) for w in re.split(r"\s+", fold(term)) if w]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)")


def french_term_found(text: str, term: str) -> bool:
    """Whether the French ``term`` occurs in ``text`` in the singular or the plural
    (case and accents ignored)."""
    return _french_pattern(term).search(fold(text)) is not None


@lru_cache(maxsize=8192)
def _lemmas(word: str) -> frozenset[str]:
    from mtcheck.lang.inflection import lemminflect

    getLemma = lemminflect().getLemma

    w = word.lower()
    out = {w}
    for upos in ("NOUN", "VERB", "ADJ"):
        out.update(x.lower() for x in getLemma(w, upos=upos, lemmatize_oov=True))
    return frozenset(out)


def english_term_found(text: str, term: str) -> bool:
    """Whether the English ``term`` occurs in ``text`` whatever the inflection of its words
    ("civil party" for "civil parties", "revenues" for "revenue", "Court of Audit's")."""
    words = [m.group() for m in _EN_TOKEN.finditer(term)]
    if not words:
        return False
    tokens = [m.group() for m in _EN_TOKEN.finditer(text.replace("’", "'").replace("'s", ""))]
    wanted = [_lemmas(w) for w in words]
    for i in range(len(tokens) - len(words) + 1):
        if all(_lemmas(tokens[i + j]) & wanted[j] for j in range(len(words))):
            return True
    return False
