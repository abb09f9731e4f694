"""French→English knowledge the source checks read: word pairs, exonyms, function words.

All of it is data under ``mtcheck/data/fr/`` (see the headers of those files).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib.resources import files

from mtcheck.lang import load_language

WORD_RE = re.compile(r"[^\W\d_](?:[\w’'-]*[^\W_])?")

FR_FUNCTION_WORDS = frozenset(
    """le la les l un une des du de d au aux et ou mais donc or ni car que qu qui quoi dont où
    ce cet cette ces se s sa son ses leur leurs il elle ils elles on nous vous je j tu me m te t
    y en à a dans par pour sur sous avec sans chez entre vers depuis pendant avant après est
    sont été être avoir ont ne n pas plus très aussi comme si tout tous toute toutes lui eux""".split()
)
EN_FUNCTION_WORDS = frozenset(
    """the a an and or but so nor of to in on at by for with from into over under about as
    is are was were be been being has have had do does did it its he she they them his her
    their we you i me my our your this that these those which who whom what there here not
    no than then also very more most such all any each""".split()
)


def fold(word: str) -> str:
    """Lower case without accents ("Pékin" -> "pekin")."""
    nfd = unicodedata.normalize("NFD", word.casefold())
    return "".join(c for c in nfd if not unicodedata.combining(c)).replace("’", "'")


@lru_cache(maxsize=4)
def word_pairs(lang: str = "fr") -> dict[str, frozenset[str]]:
    """French word -> English words (``data/<lang>/<lang>_en_pairs.txt``; empty when absent)."""
    path = files("mtcheck.data").joinpath(lang, f"{lang}_en_pairs.txt")
    if not path.is_file():
        return {}
    out: dict[str, frozenset[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            fr, _, en = line.partition("\t")
            out[fr] = frozenset(en.split(","))
    return out


def _table(lang: str, name: str) -> dict:
    try:
        return load_language(lang).table(name)
    except Exception:  # a language without the table simply has none of its entries
        return {}


@lru_cache(maxsize=4)
def exonyms(lang: str = "fr") -> dict[str, str]:
    """Source-language name -> English name, from every section of ``exonyms.toml`` and the
    translated places of ``places.toml`` (Normandie -> Normandy)."""
    out: dict[str, str] = {}
    for item in _table(lang, "places").get("translate", ()):
        if isinstance(item, dict) and item.get("fr") and item.get("en") and item["fr"][0].isupper():
            out[item["fr"]] = re.sub(r"^the ", "", item["en"])
    for section, entries in _table(lang, "exonyms").items():
        if section == "context_exemptions" or not isinstance(entries, dict):
            continue
        for src, en in entries.items():
            if isinstance(en, str):
                out[src] = en
    return out


@lru_cache(maxsize=4)
def name_renderings(lang: str = "fr") -> dict[str, tuple[str, ...]]:
    """Source name -> the English names that render it (``[names]`` of ``source_checks.toml``)."""
    names = _table(lang, "source_checks").get("names", {})
    return {k: tuple(v) for k, v in names.items() if isinstance(v, list)}


@lru_cache(maxsize=4)
def source_checks(lang: str = "fr") -> dict:
    """The parsed ``source_checks.toml`` of ``lang`` (number idioms, negative words, names)."""
    return _table(lang, "source_checks")


def stem(word: str) -> str:
    """A crude English/French stem for matching inflected forms (plural, -ed, -ing)."""
    w = fold(word)
    for suffix in ("ing", "ed", "es", "s", "e"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            return w[: -len(suffix)]
    return w
