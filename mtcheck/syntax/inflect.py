"""English verb forms from a lemma (past, participle, -s, -ing), for rewrites that change tense.

Irregular verbs come from ``data/en/grammar.toml`` (``[irregular]``); the rest follow the
spelling rules of regular verbs. No inflection library is loaded (they cost seconds to import).
"""

from __future__ import annotations

import re
from functools import lru_cache

_VOWELS = "aeiou"
# Doubled final consonant before -ed/-ing for short stressed verbs (stop -> stopped).
_DOUBLE = frozenset(
    """stop plan ban drop grab step admit commit regret ship shop rob trap jam control patrol refer prefer
    occur permit submit omit transfer compel expel propel rebel equip ship slip drag hug beg nod""".split()
)
_CVC = re.compile(r"(?:^|[^aeiou])[aeiou][bdgklmnprt]$")


@lru_cache(maxsize=1)
def _irregular() -> dict[str, list[str]]:
    from mtcheck.lang import LanguageData

    return dict(LanguageData("en").english_table("grammar").get("irregular", {}))


def past_tense(lemma: str) -> str:
    """The simple past of a verb lemma ("arrest" -> "arrested", "see" -> "saw")."""
    forms = _irregular().get(lemma)
    return forms[0] if forms else _regular_ed(lemma)


def participle(lemma: str) -> str:
    """The past participle of a verb lemma ("see" -> "seen")."""
    forms = _irregular().get(lemma)
    return forms[1] if forms else _regular_ed(lemma)


def third_person(lemma: str) -> str:
    """The -s form ("go" -> "goes", "try" -> "tries")."""
    if lemma in ("be", "have"):
        return {"be": "is", "have": "has"}[lemma]
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in _VOWELS:
        return lemma[:-1] + "ies"
    return lemma + "s"


def gerund(lemma: str) -> str:
    """The -ing form ("give" -> "giving", "stop" -> "stopping")."""
    if lemma.endswith("ie"):
        return lemma[:-2] + "ying"
    if lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")) and len(lemma) > 2:
        return lemma[:-1] + "ing"
    if _doubles(lemma):
        return lemma + lemma[-1] + "ing"
    return lemma + "ing"


def inflect(lemma: str, tag: str) -> str:
    """``lemma`` in the form a Penn Treebank verb tag names (VBD, VBN, VBZ, VBG; else the lemma)."""
    if tag == "VBD":
        return past_tense(lemma)
    if tag == "VBN":
        return participle(lemma)
    if tag == "VBZ":
        return third_person(lemma)
    if tag == "VBG":
        return gerund(lemma)
    return lemma


def all_forms(lemma: str) -> frozenset[str]:
    """Every form of a verb lemma (and plural of a noun lemma), for cheap prefilters."""
    forms = {lemma, past_tense(lemma), participle(lemma), third_person(lemma), gerund(lemma), lemma + "s"}
    if _CVC.search(lemma):  # spellings differ (cancelled / canceled): accept both
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing", lemma + "ed", lemma + "ing"}
    if lemma == "be":
        forms |= {"am", "are", "is", "was", "were", "been", "being"}
    return frozenset(forms)


def _regular_ed(lemma: str) -> str:
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in _VOWELS:
        return lemma[:-1] + "ied"
    if _doubles(lemma):
        return lemma + lemma[-1] + "ed"
    return lemma + "ed"


def _doubles(lemma: str) -> bool:
    """Whether the final consonant doubles before -ed/-ing (one-syllable CVC verbs and listed ones)."""
    return lemma in _DOUBLE or (bool(_CVC.search(lemma)) and sum(c in "aeiouy" for c in lemma) == 1)
