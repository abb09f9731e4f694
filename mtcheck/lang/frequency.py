"""Word frequencies without loading wordfreq at start-up.

The rules' frequency questions are answered from tables precomputed by
``scripts/build_wordlists.py`` (``data/<lang>/zipf_<lang>_en.txt``,
``data/en/english_only_common.txt``); a word the tables do not cover is asked of wordfreq,
imported on first need. Table entries were computed with ``wordfreq.zipf_frequency`` on the
very same string, so every answer equals wordfreq's.
"""

from __future__ import annotations

import math
from functools import lru_cache
from importlib import resources
from pathlib import Path

from mtcheck.lang import DATA_PACKAGE
from mtcheck.lang.cache import cached


def zipf_frequency(word: str, lang: str) -> float:
    """``wordfreq.zipf_frequency(word, lang)``, importing wordfreq only when first called."""
    from wordfreq import zipf_frequency as wordfreq_zipf

    return wordfreq_zipf(word, lang)


@lru_cache(maxsize=None)
def zipf_pairs(lang: str) -> dict[str, tuple[float, float]]:
    """``word -> (zipf in lang, zipf in en)`` for the common words of both (empty when absent)."""
    path = resources.files(DATA_PACKAGE).joinpath(lang, f"zipf_{lang}_en.txt")
    if not path.is_file():
        return {}

    def parse() -> dict[str, tuple[float, float]]:
        table: dict[str, tuple[float, float]] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                word, source, english = line.split(" ")
                table[word] = (float(source), float(english))
        return table

    return cached(f"zipf-{lang}-en", (path, Path(__file__)), parse)


def known_zipf(word: str, lang: str) -> tuple[float, float] | None:
    """``(zipf in lang, zipf in en)`` of ``word`` from the precomputed table, if listed."""
    return zipf_pairs(lang).get(word)


def english_zipf(word: str, lang: str) -> float:
    """``zipf_frequency(word, "en")``, from ``lang``'s table when listed there."""
    pair = zipf_pairs(lang).get(word)
    return pair[1] if pair is not None else zipf_frequency(word, "en")


ENGLISH_TABLE_MIN_ZIPF = 3.0
"""``data/en/frequency_en.txt`` lists every alphabetic English word at least this frequent."""


@lru_cache(maxsize=1)
def english_frequencies() -> dict[str, float]:
    """``word -> wordfreq.word_frequency(word, "en")`` for the common alphabetic words."""
    path = resources.files(DATA_PACKAGE).joinpath("en", "frequency_en.txt")

    def parse() -> dict[str, float]:
        table: dict[str, float] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                word, frequency = line.split(" ")
                table[word] = float(frequency)
        return table

    return cached("frequency-en", (path, Path(__file__)), parse)


def english_frequency(word: str, floor: float = ENGLISH_TABLE_MIN_ZIPF) -> float | None:
    """``wordfreq.word_frequency(word, "en")`` for a lower-case alphabetic ``word``, or
    ``None`` when it is rarer than zipf ``floor``.

    Answered from the table when ``floor`` is within it (no wordfreq load), else by wordfreq.
    """
    frequency = english_frequencies().get(word)
    if frequency is not None:
        return frequency if zipf_of(frequency) >= floor else None
    if floor >= ENGLISH_TABLE_MIN_ZIPF:
        return None
    from wordfreq import word_frequency

    frequency = word_frequency(word, "en")
    return frequency if frequency > 0 and zipf_of(frequency) >= floor else None


def zipf_of(frequency: float) -> float:
    """A frequency on wordfreq's Zipf scale, rounded as ``wordfreq.zipf_frequency`` rounds it."""
    return round(math.log(frequency, 10) + 9, 2)
