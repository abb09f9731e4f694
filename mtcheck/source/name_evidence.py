"""Evidence that a source name can only be rendered one way, for S003.

Translators describe places, clubs, institutions and French acronyms ("Kiel" -> "the German
club", "les Héraultais" -> "the southern French side", "des PME" -> "small firms"), so a name
counts as missing or changed only when the translation had no other choice: the name has an
English rendering in the tables, or it is a person's name (beside a title or another name word,
"M. Ménard", "Paul Roussel"). A target word that shares its first four letters may render it.
"""

from __future__ import annotations

import re

from mtcheck.source.lexicon import FR_FUNCTION_WORDS, fold
from mtcheck.source.names import acronym_expansion, common_acronyms, institution_head

_TITLE_BEFORE = re.compile(r"(?<!\w)(?:M|MM|Mme|Mmes|Mlle|Dr|Pr|Me)\.?\s+$")
_NAME_WORD = r"[A-ZÀ-Ý][a-zà-ÿ’']+"
# name words join by a space, a hyphen or a particle (Charles de Gaulle, Valéry Giscard d'Estaing)
_JOIN = r"(?:\s+(?:de\s+la|de|du|des|le|la|van|von|ben|bin)\s+|\s+d[’']|[ -])"
_PARTICLE = r"\s(?:de|du|des|le|la|van|von|ben|bin)\s|\sd[’']"
_PLACE_STARTS = frozenset("notre saint sainte mont port pont val cote ile cap bois puy".split())
_OPENERS = frozenset("le la les du des au aux a en de sur dans vers".split())


def person_name(word: str, source: str) -> bool:
    """Whether ``word`` is written in ``source`` as a person's name: after a civil title, or in
    a run of title-case words (a given name and a surname: "Paul Roussel") that no article or
    place preposition opens ("le Sporting Portugal", "à Saint Malo" are no persons)."""
    for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", source):
        if _TITLE_BEFORE.search(source[max(0, m.start() - 8) : m.start()]):
            return True
        run = list(re.finditer(rf"{_NAME_WORD}(?:{_JOIN}{_NAME_WORD})*", source))
        for r in run:
            if not r.start() <= m.start() < r.end() or len(re.split(r"[ -]", r.group())) < 2:
                continue
            words = re.split(_JOIN, r.group())
            joined = re.search(r"\s", r.group()) and re.search(_PARTICLE, r.group())
            if institution_head(words[0]) or joined and fold(words[0]) in _PLACE_STARTS:
                continue  # "Musée du Louvre", "Notre-Dame de Paris": an institution or a place
            lead = 0
            while lead < len(words) and (fold(words[lead]) in FR_FUNCTION_WORDS or fold(words[lead]) in _OPENERS):
                lead += 1  # "La Fnaut", "Selon Gifas": a capitalised article or preposition opens it
            if lead:
                if len(words) - lead >= 2 and not joined and m.start() >= r.start() + len(" ".join(words[:lead])):
                    return True  # "Selon Jean Dupont"
                continue
            before = re.search(r"([\w’']+)\s*$", source[: r.start()])
            opener = fold(before.group(1)) if before else ""
            if not opener.endswith(("'", "’")) and opener not in _OPENERS:
                return True
    return False


def shares_prefix(word: str, target: str, n: int = 4) -> bool:
    """Whether a word of ``target`` begins with the first ``n`` letters of ``word`` (folded)."""
    key = fold(word)[:n]
    return len(key) == n and any(fold(t).startswith(key) for t in re.findall(r"[^\W\d_]+", target))


def must_render(name_text: str, source: str, lang: str = "fr", expected: tuple[str, ...] = (), changed: bool = False) -> bool:
    """Whether the translation had to carry ``name_text`` as written or as the tables give it:
    an exonym table or, for an acronym, the organisation names of ``source_checks.toml`` give
    its English form (Pékin -> Beijing, OCDE -> OECD, RN -> National Rally), or it is a
    person's name (not an acronym). Derived forms, institutions and common-noun acronyms
    (PME -> small firms) may be described instead: not evidence enough."""
    from mtcheck.source.lexicon import exonyms, name_renderings

    if name_text in exonyms(lang) or (name_text.isupper() and name_text in name_renderings(lang)):
        return True
    if changed and tuple(expected) not in ((), (name_text,)):
        return True  # a table form changed to a like word: Slovène -> Slovak
    if name_text.isupper() and not _common_acronym(name_text, lang) and acronym_expansion(name_text, "", lang):
        return True  # an institution's acronym the table expands (ARS): its head noun is looked for next
    return not name_text.isupper() and person_name(name_text, source)


def _common_acronym(acronym: str, lang: str) -> bool:
    """Whether ``acronym`` stands for common nouns (PME, HLM, SMS): English describes it freely."""
    return any(e.get("fr") == acronym for e in common_acronyms(lang))


def changed_form(target: str, name_text: str, expected: tuple[str, ...]) -> bool:
    """Whether ``target`` has a capitalised word that begins like one of a table name's English
    forms (its first four letters) without being one of them: Slovène -> Slovak, not Slovenian."""
    forms = {fold(e) for e in expected if e != name_text}
    keys = {f[:4] for f in forms if len(f) >= 4}
    words = re.findall(r"[A-ZÀ-Ý][\w-]+", target)
    return any(fold(w)[:4] in keys and not any(fold(w).startswith(f) or f.startswith(fold(w)) for f in forms) for w in words)
