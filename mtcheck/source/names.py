"""What renders a source name besides the name itself (rule S003): derived adjectives and
demonyms, holidays, institutions described rather than named, an acronym's head noun, and the
other English spelling. All of it is data: ``source_names.toml`` of the source language."""

from __future__ import annotations

import re
from functools import lru_cache

from mtcheck.source.lexicon import fold, word_pairs

_EXPANSION_SKIP = frozenset("de du des la le les l d et pour en à aux au sur".split())
_WORD_RE = re.compile(r"[^\W\d_][\w-]*")


@lru_cache(maxsize=4)
def _table(lang: str) -> dict:
    from mtcheck.source.lexicon import _table as load

    return load(lang, "source_names")


@lru_cache(maxsize=4)
def name_renderings(lang: str = "fr") -> dict[str, tuple[str, ...]]:
    """French form -> English forms from the derived-name groups (France -> French), the
    holidays (Toussaint -> All Saints) and the institutions (Direction générale de l'aviation
    civile -> civil aviation authority)."""
    table = _table(lang)
    out: dict[str, tuple[str, ...]] = {}
    for group in table.get("derived", {}).get("groups", ()):
        for fr in group.get("fr", ()):
            out[fr] = out.get(fr, ()) + tuple(group.get("en", ()))
    for section in ("holidays", "institutions"):
        for fr, en in table.get(section, {}).items():
            if isinstance(en, list):
                out[fr] = out.get(fr, ()) + tuple(en)
    return out


@lru_cache(maxsize=4)
def _heads(lang: str) -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in _table(lang).get("institution_heads", {}).items() if isinstance(v, list)}


def institution_head(word: str, lang: str = "fr") -> bool:
    """Whether a capitalised word opens an institution's name (Agence, Direction, Cour): French
    capitalises it by convention; it is not a person's or a place's name."""
    return word in _heads(lang)


def acronym_expansion(acronym: str, source: str, lang: str = "fr") -> str | None:
    """The French words an acronym stands for: spelled out in ``source`` (the first run of
    content words, the first capitalised, whose initials are the acronym's letters), else
    the ``[acronyms]`` table."""
    letters = acronym.lower()
    words = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(source.replace("’", "'"))]
    for i, (start, _, first) in enumerate(words):
        if not first[0].isupper() or first == acronym or first[0].lower() != letters[0]:
            continue
        content = []
        for s, e, w in words[i:]:
            if w.lower() in _EXPANSION_SKIP:
                continue
            content.append((e, w))
            if len(content) == len(letters):
                break
        if len(content) == len(letters) and "".join(w[0].lower() for _, w in content) == letters:
            return source[start : content[-1][0]]
    expansion = _table(lang).get("acronyms", {}).get(acronym)
    return expansion if isinstance(expansion, str) else None


def acronym_heads(acronym: str, source: str, lang: str = "fr") -> tuple[str, ...]:
    """English nouns that render an acronym descriptively: the renderings of its expansion's
    head ("l'ARS" -> "the agency"; Agence régionale de santé -> agency, authority)."""
    expansion = acronym_expansion(acronym, source, lang)
    if not expansion:
        return ()
    heads = _heads(lang)
    words = expansion.split()
    for n in (2, 1):
        head = " ".join(words[:n])
        if head in heads:
            return heads[head]
    return tuple(sorted(word_pairs(lang).get(words[0].lower(), ())))


@lru_cache(maxsize=4)
def _substitutions(lang: str) -> tuple[tuple[re.Pattern, str], ...]:
    pairs = _table(lang).get("transliteration", {}).get("substitutions", ())
    return tuple((re.compile(a), b) for a, b in pairs)


def _transliteration_key(word: str, lang: str) -> str:
    key = fold(word)
    for pattern, repl in _substitutions(lang):
        key = pattern.sub(repl, key)
    return key


def variant_in(text: str, form: str, lang: str = "fr") -> bool:
    """Whether ``text`` has a capitalised word that is ``form`` in another transliteration
    (Benyamin, Benjamin) or the other English spelling (Organisation, Organization)."""
    if " " in form or len(form) < 6:
        return False
    key = _transliteration_key(form, lang)
    for m in _WORD_RE.finditer(text):
        w = m.group()
        if w[0].isupper() and len(w) >= 6 and (_transliteration_key(w, lang) == key or spelling_variant(form, w, lang)):
            return True
    return False


@lru_cache(maxsize=4)
def _endings(lang: str) -> tuple[tuple[str, str], ...]:
    pairs = _table(lang).get("spelling_variants", {}).get("endings", ())
    return tuple((a, b) for a, b in pairs)


def spelling_variant(a: str, b: str, lang: str = "fr") -> bool:
    """Whether two words are one English word in British and American spelling (Organisation,
    Organization; Centre, Center); both must be common English words."""
    from mtcheck.lang.frequency import zipf_frequency

    a, b = fold(a), fold(b)
    if a == b:
        return True
    if min(zipf_frequency(a, "en"), zipf_frequency(b, "en")) < 3.0:
        return False  # Denise -> Denize is a changed name, not a spelling
    for british, american in _endings(lang):
        for x, y in ((a, b), (b, a)):
            if x.endswith(british) and y.endswith(american) and x[: -len(british)] == y[: -len(american)]:
                return True
    return False


def distinctive_words_kept(name: str, text: str, lang: str = "fr") -> bool:
    """Whether a name of several words is rendered by its distinctive words alone (Musée du
    Louvre -> the Louvre): every capitalised word that neither opens an institution's name
    nor is a common French word is in ``text``."""
    from mtcheck.source.signals import _is_common_word, contains_form

    words = name.split()
    if len(words) < 2:
        return False
    distinctive = [w for w in words if w[0].isupper() and not institution_head(w, lang) and not _is_common_word(w)]
    return bool(distinctive) and all(contains_form(text, w) for w in distinctive)
