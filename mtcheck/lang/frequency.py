"""Word frequencies without loading wordfreq at start-up.

The rules' frequency questions are answered from tables precomputed by
``scripts/build_wordlists.py`` (``data/<lang>/zipf_<lang>_en.txt``,
``data/en/english_only_common.txt``); a word the tables do not cover is asked of wordfreq,
imported on first need. Table entries were computed with ``wordfreq.zipf_frequency`` on the
very same string, so every answer equals wordfreq's.
"""

from __future__ import annotations

import math
import unicodedata
from array import array
from functools import lru_cache
from importlib import resources
from pathlib import Path

from mtcheck.lang import DATA_PACKAGE, packed
from mtcheck.lang.cache import cached
from mtcheck.lang.cache import enabled as cache_enabled
from mtcheck.lang.packed import PackedKeys, number_array


def table_langs() -> frozenset[str]:
    """Languages whose whole wordfreq list is kept in the data cache: English and the source
    languages whose profile says ``packed-frequencies = true`` (a scan's questions are about them)."""
    return _table_langs()


@lru_cache(maxsize=1)
def _table_langs() -> frozenset[str]:
    from mtcheck.lang import available_languages, load_language

    packed = (c for c in available_languages() if load_language(c).setting("language", "packed-frequencies"))
    return frozenset(("en", *packed))


def zipf_frequency(word: str, lang: str) -> float:
    """``wordfreq.zipf_frequency(word, lang)``, without loading wordfreq when possible
    (see :func:`word_frequency`)."""
    frequency = _listed_frequency(word, lang)
    if frequency is None:
        from wordfreq import zipf_frequency as wordfreq_zipf

        return wordfreq_zipf(word, lang)
    return zipf_of(max(frequency, 1e-9))


def word_frequency(word: str, lang: str) -> float:
    """``wordfreq.word_frequency(word, lang)``, without loading wordfreq when possible.

    For a plain lower-case word of a :func:`table_langs` language the answer comes from a
    packed copy of wordfreq's list in the data cache (importing wordfreq and reading its
    list costs about 0.6 s, more than a whole scan); anything else is asked of wordfreq.
    """
    frequency = _listed_frequency(word, lang)
    if frequency is None:
        from wordfreq import word_frequency as wordfreq_frequency

        return wordfreq_frequency(word, lang)
    return frequency


def english_frequency(word: str, floor: float) -> float | None:
    """``word``'s English frequency, or ``None`` when it is rarer than zipf ``floor``."""
    frequency = word_frequency(word, "en")
    return frequency if frequency > 0 and zipf_of(frequency) >= floor else None


def zipf_of(frequency: float) -> float:
    """A frequency on wordfreq's Zipf scale, rounded as ``wordfreq.zipf_frequency`` rounds it."""
    return round(math.log(frequency, 10) + 9, 2)


def _listed_frequency(word: str, lang: str) -> float | None:
    """The packed table's answer for ``word`` (0.0 when unlisted), or ``None`` when only
    wordfreq can answer (another language, a word it would tokenise, no data cache)."""
    if lang not in _table_langs() or not (word.isalpha() and word == word.casefold() and unicodedata.is_normalized("NFKC", word)):
        return None
    table = _frequency_table(lang)
    if table is None:
        return None
    keys, frequencies = table
    row = keys.row(word)
    return frequencies[row] if row >= 0 else 0.0


@lru_cache(maxsize=None)
def _frequency_table(lang: str) -> tuple[PackedKeys, array] | None:
    """The packed ``word -> frequency`` table of ``lang``, or ``None`` without the data cache."""
    if not cache_enabled():
        return None
    try:
        keys, frequencies = cached(f"wordfreq-{lang}", wordfreq_sources(lang), lambda: _build_frequency_table(lang))
    except ImportError:
        return None
    return PackedKeys.from_state(keys), number_array("d", frequencies)


def _build_frequency_table(lang: str) -> tuple[tuple[bytes, bytes], bytes]:
    """Every plain lower-case word of wordfreq's ``lang`` list with its frequency.

    The arithmetic is wordfreq's ``_word_frequency`` for a one-token word (rounded to three
    significant digits); a test checks the table against ``wordfreq.word_frequency`` and
    ``wordfreq.zipf_frequency``.
    """
    from wordfreq import get_frequency_dict

    listed = get_frequency_dict(lang)
    keys, ordered = PackedKeys.build(k for k in listed if k.isalpha() and k == k.casefold())
    frequencies = array("d", (_one_token_frequency(listed[k]) for k in ordered))
    return keys.state(), frequencies.tobytes()


def _one_token_frequency(listed: float) -> float:
    freq = 1.0 / (1.0 / listed)
    return round(freq, math.floor(-math.log(freq, 10)) + 3)


def wordfreq_sources(lang: str) -> list[Path]:
    """What a table built from wordfreq's ``lang`` list depends on: the list files, wordfreq's
    code and ours. Found without importing wordfreq (its import alone costs about 0.3 s)."""
    from importlib.util import find_spec

    spec = find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("wordfreq is not installed")
    root = Path(next(iter(spec.submodule_search_locations)))
    data = sorted((root / "data").glob(f"*_{lang}.msgpack.gz"))
    return [*data, *sorted(root.glob("*.py")), Path(packed.__file__), Path(__file__)]


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


def __getattr__(name: str) -> tuple[str, ...]:
    if name == "TABLE_LANGS":  # the old constant, read from the data now (``mtcheck doctor`` uses it)
        return tuple(sorted(table_langs()))
    raise AttributeError(name)
