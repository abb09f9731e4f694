"""Evidence on both sides for a negation lost or added in translation (S004).

A negation counts as lost only when the word it negates can be found rendered in the
translation, away from any English negator, and the translation has no negative, privative
or restrictive element that could carry it ("Il n'est pas question de …" -> "… is out of the
question"). A negation the translator added counts only when the source has no negative
element at all, not even one without "ne" (ni … ni, "pas des déclarations", inaliénables).
"""

from __future__ import annotations

import re
from functools import lru_cache

from mtcheck.source.lexicon import FR_FUNCTION_WORDS, WORD_RE, fold, source_checks, word_pairs

# Words after "ne" that carry no meaning of their own: pronouns, auxiliaries, modals, negators.
_FR_SKIP = frozenset(fold(w) for w in
    """ne n pas plus jamais rien personne aucun aucune guère nullement point ni que qu
    le la les l lui leur leurs y en se s me m te t nous vous
    est sont était étaient sera seront serait seraient soit soient été être ait aient a ont avait
    avaient aura auront aurait auraient avoir eu fait faire
    peut peuvent pouvait pouvaient pourra pourront pourrait pourraient pu pouvoir
    doit doivent devait devaient devra devrait dû devoir veut veulent voulait voudrait
    va vont allait ira encore toujours même du tout vraiment""".split()
)
_NEGATOR = re.compile(
    r"\b(?:ne|n[’'])\s*|\bsans\b\s*|\baucune?\b\s*|(?<![’'])\bpas\b\s*|\bni\b\s*", re.IGNORECASE
)
_ELLIPSIS = re.compile(r"\b(?:mais|et|ou)\s+pas\s+(?:moi|toi|lui|elle|nous|vous|eux|elles|ici|là|[A-ZÀ-Ý]\w*)\b")
# A privative adjective (inaliénable, irréversible, illisible): negative by its prefix.
_FR_PRIVATIVE = re.compile(r"\b(?:in|im|ir|il)[a-zéèêàâîôûç]{3,}(?:able|ible)s?\b", re.IGNORECASE)
_FR_BARE = re.compile(r"\b(?:ni|pas|non)\b", re.IGNORECASE)
_EN_NEG = re.compile(r"\b(?:not|never|no|without|nobody|nothing|none|neither|nor|cannot)\b|n[’']t\b", re.IGNORECASE)
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def negated_words(source: str) -> list[str]:
    """The French content words the negations of ``source`` govern: the first word after
    "ne", "sans", "aucun", "pas" or "ni" that is not a pronoun, an auxiliary, a modal or a
    negator ("n'a pas été annoncé" -> annoncé; "pourquoi pas ?" -> none)."""
    out = []
    for m in _ELLIPSIS.finditer(source):  # "Il a voté pour, mais pas elle": the verb before
        words = [fold(w.group()) for w in WORD_RE.finditer(source[: m.start()])]
        content = [w for w in words if w not in _FR_SKIP and w not in FR_FUNCTION_WORDS and len(w) >= 3]
        if content:
            out.append(content[-1])
    for m in _NEGATOR.finditer(source):
        if m.group().strip().lower() == "pas" and re.search(r"\b(?:ne\b|n[’'])", source[max(0, m.start() - 50) : m.start()], re.I):
            continue  # the "pas" of a "ne … pas": its word was taken after "ne"
        for w in WORD_RE.finditer(source[m.end() : m.end() + 80]):
            word = fold(w.group()).strip("'")
            if word in _FR_SKIP or word in FR_FUNCTION_WORDS or len(word) < 3:
                continue
            out.append(word)
            break
    return out


_FUTURE = re.compile(r"r(?:ai|as|a|ons|ez|ont|ais|ait|ions|iez|aient)$")


def _lemmas(word: str) -> set[str]:
    """Dictionary forms a French inflected word may have (laisserons -> laisser, soutiendra ->
    soutenir, construit -> construire, perdu -> perdre)."""
    forms = {word, word.rstrip("sx")}
    future = _FUTURE.search(word)
    if future and future.start() >= 3:
        root = word[: future.start()]
        forms |= {root + "r", root + "re", root}
    irregular = re.sub(r"ien(?:d|n)?\w*$", "enir", word)  # tiendra, viennent, soutient -> -enir
    if irregular != word:
        forms.add(irregular)
    for end in ("ons", "ez", "ent", "ait", "aient", "ees", "ee", "es", "e", "er", "ir", "re",
                "ues", "us", "ue", "u", "ites", "its", "ite", "it", "is", "i"):
        if word.endswith(end) and len(word) - len(end) >= 3:
            root = word[: -len(end)]
            forms |= {root + "er", root + "ir", root + "re", root + "ire", root}
    return forms


def _spelling(word: str) -> str:
    """A word without the spellings that part French and English cognates (autorisé, authorised)."""
    return word.replace("h", "").replace("z", "s")


@lru_cache(maxsize=4)
def _folded_pairs(lang: str) -> dict[str, frozenset[str]]:
    """The word list and ``[negation.verb_pairs]`` of ``source_checks.toml``, keyed by folded
    French word."""
    out: dict[str, set[str]] = {}
    extra = source_checks(lang).get("negation", {}).get("verb_pairs", {})
    for fr, en in (*word_pairs(lang).items(), *extra.items()):
        out.setdefault(fold(fr), set()).update(en)
    return {k: frozenset(v) for k, v in out.items()}


def rendering_positions(word: str, target: str, lang: str = "fr") -> list[int]:
    """Start offsets in ``target`` of the words that render the French ``word``: a cognate
    (the first five letters, four for a shorter word) or a pair of the word list."""
    from mtcheck.source.terms import _lemmas as english_lemmas

    pairs = _folded_pairs(lang)
    renderings = {fold(en) for f in _lemmas(word) for en in pairs.get(f, ())}
    n = 5 if len(word) >= 5 else 4
    key = _spelling(word)[:n]
    out = []
    for m in _EN_WORD.finditer(target):
        w = fold(m.group())
        if (len(w) >= n and _spelling(w)[:n] == key) or (english_lemmas(w) & renderings):
            out.append(m.start())
    return out


def _near_negator(target: str, pos: int) -> bool:
    """Whether an English negator stands before ``pos`` in its clause (up to ten words: "no
    plan has been announced"), or right after it ("take no risks")."""
    clause = re.split(r"[,;:()—–]|\b(?:and|but|or|while|which|who)\b", target[:pos])[-1]
    before = _EN_WORD.findall(clause)[-10:]
    after = _EN_WORD.findall(target[pos:])[1:3]  # "take no risks"; not "leave without a fight"
    return any(_EN_NEG.fullmatch(w) or w.lower().endswith("n't") for w in before) or any(
        w.lower() in ("no", "nothing", "none", "never", "nobody") for w in after
    )


def lost_negation_evidence(source: str, target: str, negative_element: bool, lang: str = "fr") -> bool:
    """Whether a negation of ``source`` is visibly lost in ``target``: the word it negates is
    rendered there, no English negator stands beside that rendering, and the target has no
    negative, privative or restrictive element (``negative_element``)."""
    if negative_element:
        return False
    return any(
        not _near_negator(target, p) for w in negated_words(source) for p in rendering_positions(w, target, lang)
    )


def french_negative_element(source: str) -> bool:
    """Whether ``source`` has a negative element a "ne … pas" count may miss: "ni", a bare
    "pas" or "non", a privative adjective (inaliénables -> cannot be given away)."""
    return bool(_FR_BARE.search(source) or _FR_PRIVATIVE.search(source))


_EN_SKIP = frozenset(
    """be been being is are was were am have has had do does did will would shall should can could may might
    must yet even really always ever so too very a an the any to quite fully entirely just only all much
    necessarily necessary longer get got getting""".split()
)


def added_negation_evidence(target: str, end: int, source: str, lang: str = "fr") -> bool:
    """Whether the word an English negator ending at ``target[end]`` negates (its first content
    word: "did not approve the text" -> approve) renders a content word of ``source`` (a
    cognate, the word list or ``[negation.verb_pairs]``): the source said the opposite. The
    object is not read ("a esquivé la question" -> "did not answer the question" is silent)."""
    first = next((m for m in _EN_WORD.finditer(target, end) if m.group().lower() not in _EN_SKIP), None)
    if first is None:
        return False
    words = {fold(w.group()).strip("'") for w in WORD_RE.finditer(source)}
    return any(
        first.start() in rendering_positions(w, target, lang)
        for w in words if len(w) >= 3 and w not in FR_FUNCTION_WORDS and w not in _FR_SKIP
    )
