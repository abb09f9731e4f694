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
    for entry in common_acronyms(lang):
        out[entry["fr"]] = out.get(entry["fr"], ()) + tuple(entry["en"])
    return out


def common_acronyms(lang: str = "fr") -> tuple[dict, ...]:
    """The ``[common_acronyms]`` entries: acronyms of common nouns (HLM, TVA, PIB) with their
    English renderings and an example pair."""
    return tuple(e for e in _table(lang).get("common_acronyms", {}).get("entries", ()) if isinstance(e, dict))


@lru_cache(maxsize=4)
def _demonym_table(lang: str) -> tuple[tuple[str, ...], frozenset[str]]:
    table = _table(lang).get("demonyms", {})
    suffixes = tuple(sorted((fold(x) for x in table.get("suffixes", ())), key=len, reverse=True))
    return suffixes, frozenset(fold(x) for x in table.get("place_endings", ("",)))


def demonym_rendered(name: str, text: str, lang: str = "fr") -> bool:
    """Whether a demonym of the source (Rennais, Lyonnais, Marseillaises) is rendered in
    ``text`` by its place (Rennes, Lyon, Marseille): a capitalised word made of the demonym's
    stem (three letters or more; a doubled final consonant may be single) and a place ending
    (``[demonyms]`` of ``source_names.toml``)."""
    suffixes, endings = _demonym_table(lang)
    word = fold(name)
    stems = set()
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            stems.add(stem)
            if len(stem) >= 5 and stem[-1] == stem[-2] and stem[-1] not in "aeiou":
                stems.add(stem[:-1])
    if not stems:
        return False
    for m in _WORD_RE.finditer(text):
        w = m.group()
        if not w[0].isupper():
            continue
        for f in {fold(w).removesuffix("'s"), fold(w).split("-")[0]}:
            if any(f.startswith(stem) and f[len(stem) :] in endings for stem in stems):
                return True
    return False


@lru_cache(maxsize=4)
def _regnal_pattern(lang: str) -> re.Pattern:
    titles = "|".join(map(re.escape, _table(lang).get("regnal", {}).get("titles", ()))) or r"(?!x)x"
    return re.compile(rf"(?<!\w)(?i:{titles})[\s-]+(?:[A-ZÀ-Ý]\w*[\s'’-]+){{0,2}}$")


def regnal_name(source: str, start: int, end: int, lang: str = "fr") -> bool:
    """Whether the name at ``source[start:end]`` is a sovereign's, a pope's or a saint's, which
    English gives in its own form (Henri IV -> Henry IV, le pape Léon -> Pope Leo): after a
    title of ``[regnal]``, or before a Roman numeral or an epithet (le Grand)."""
    if _regnal_pattern(lang).search(source[max(0, start - 40) : start]):
        return True
    after = source[end : end + 30]
    return re.match(r"(?:[\s-]+[A-Z][\w-]*){0,2}\s+(?:[IVXL]{1,6}(?:e|er)?\b|(?:le|la)\s+[A-Z])", after) is not None


def acronym_rendered(acronym: str, source: str, target: str, lang: str = "fr") -> bool:
    """Whether an acronym of the source is rendered in ``target`` otherwise than letter for
    letter: an English acronym of the same letters in another order (GNL -> LNG), or the
    words of its expansion (written in the source, even in lower case, or in ``[acronyms]``)
    translated: half of its content words or more, two at least (gaz naturel liquéfié ->
    liquefied natural gas)."""
    letters = sorted(acronym.lower())
    for m in re.finditer(r"\b[A-Z]{2,7}\b", target):
        if m.group() != acronym and sorted(m.group().lower()) == letters:
            return True
    expansion = acronym_expansion(acronym, source, lang)
    if not expansion:
        return False
    content = [w for w in _WORD_RE.findall(expansion.replace("’", "'")) if fold(w) not in _EXPANSION_SKIP]
    if len(content) < 2:
        return False
    t_words = [fold(w) for w in _WORD_RE.findall(target)]
    pairs = word_pairs(lang)

    def rendered(word: str) -> bool:
        f = fold(word)
        if len(f) >= 5 and any(t[:5] == f[:5] for t in t_words):
            return True  # a cognate: naturel -> natural, liquéfié -> liquefied
        return any(fold(en) in t_words for en in pairs.get(word.lower(), ()))

    hits = sum(rendered(w) for w in content)
    return hits >= 2 and 2 * hits >= len(content)


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
    beside = _expansion_beside(acronym, source)
    if beside:
        return beside
    expansion = _table(lang).get("acronyms", {}).get(acronym)
    return expansion if isinstance(expansion, str) else None


def _expansion_beside(acronym: str, source: str) -> str | None:
    """An expansion written just before the acronym in parentheses, in any case: "gaz naturel
    liquéfié (GNL)"."""
    m = re.search(rf"\(\s*{re.escape(acronym)}\s*\)", source)
    if not m:
        return None
    words = [(w.start(), w.group()) for w in _WORD_RE.finditer(source[: m.start()].replace("’", "'"))][-12:]
    content = [(i, w) for i, (_, w) in enumerate(words) if w.lower() not in _EXPANSION_SKIP]
    n = len(acronym)
    if len(content) >= n and "".join(w[0].lower() for _, w in content[-n:]) == acronym.lower():
        return source[words[content[-n][0]][0] : m.start()].strip()
    return None


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


def common_word_translated(name: str, text: str, lang: str = "fr") -> bool:
    """Whether a capitalised French common word in a name is translated in ``text`` (les
    Gilets jaunes -> the yellow vests, la Croix-Rouge -> the Red Cross): a rendering of it
    (``<lang>_en_pairs.txt``, singular or plural) is there."""
    from mtcheck.source.signals import contains_form

    pairs = word_pairs(lang)
    for part in name.split("-"):
        w = part.lower()
        renderings = pairs.get(w) or (pairs.get(w[:-1]) if w[-1:] in ("s", "x") else None) or ()
        if any(contains_form(text, en) for en in renderings):
            return True
    return False


@lru_cache(maxsize=4)
def _english_titles(lang: str) -> frozenset[str]:
    return frozenset(_table(lang).get("given_names", {}).get("english_titles", ()))


def given_name_dropped(source: str, end: int, target: str, lang: str = "fr") -> bool:
    """Whether the given name ending at ``source[:end]`` is dropped before a surname the
    translation keeps (Emmanuel Macron -> President Macron), with no other capitalised word
    before that surname in the translation (a changed given name), titles apart."""
    from mtcheck.source.signals import fold

    nxt = re.match(r"[ \u00a0]+([A-ZÀ-Ý][\w’'-]+(?:[ \u00a0]+[A-ZÀ-Ý][\w’'-]+)?)", source[end:])
    if not nxt:
        return False
    surname = nxt.group(1).split()[-1]
    titles = _english_titles(lang)
    from mtcheck.source.lexicon import EN_FUNCTION_WORDS

    found = False
    folded = fold(target)  # same length as ``target`` for Latin text
    for m in re.finditer(rf"(?<!\w){re.escape(fold(surname))}(?!\w)", folded):
        found = True
        before = re.search(r"([A-ZÀ-Ý][\w’'.-]*)[ \u00a0]+$", target[: m.start()])
        if before and before.group(1).rstrip(".") not in titles and fold(before.group(1)) not in EN_FUNCTION_WORDS:
            return False  # "Sophie Marchal" for "Hélène Marchal": another given name
    return found


@lru_cache(maxsize=4)
def club_prefixes(lang: str = "fr") -> frozenset[str]:
    """Initials of sports clubs' names (AS, FC, OGC) English drops before the town."""
    return frozenset(_table(lang).get("given_names", {}).get("club_prefixes", ()))
