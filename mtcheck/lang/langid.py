"""Which language a sentence is in: langdetect's answer, without its start-up cost.

``langdetect.detect`` first parses its 55 JSON language profiles into one table of n-gram
probabilities (about 0.4 s). :func:`detect` asks langdetect's own :class:`Detector` with the
same seed, but gives it that table from the language data cache, packed into flat arrays
(:mod:`mtcheck.lang.packed`) and unpacked one n-gram at a time as the detector asks for it. The
probabilities are the profiles' very numbers, in the same language order, so every answer
equals ``langdetect.detect``'s with ``DetectorFactory.seed = 0``.
"""

from __future__ import annotations

import os
from array import array
from functools import lru_cache
from itertools import compress
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from mtcheck.lang.cache import cached, enabled
from mtcheck.lang.packed import PackedKeys, number_array

SEED = 0
"""langdetect samples n-grams at random; a fixed seed makes every answer reproducible."""


def detect(text: str) -> str:
    """The language code langdetect gives ``text`` (seeded), or "" when it finds no features."""
    from langdetect.lang_detect_exception import LangDetectException

    try:
        return detector_for(text).detect()
    except LangDetectException:
        return ""


@lru_cache(maxsize=1)
def _factory() -> SimpleNamespace:
    """What :class:`langdetect.detector.Detector` reads from a ``DetectorFactory``.

    With the data cache switched off, langdetect's own factory (nothing to pack).
    """
    if not enabled():
        from langdetect.detector_factory import DetectorFactory

        factory = DetectorFactory()
        factory.load_profile(os.fspath(_profiles_directory()))
        return SimpleNamespace(word_lang_prob_map=factory.word_lang_prob_map, langlist=factory.langlist, seed=SEED)
    langlist, keys, starts, langs, probs = cached("langdetect-profiles", _sources(), _packed_profiles)
    rows = ProbabilityRows(
        PackedKeys.from_state(keys), number_array("I", starts), number_array("B", langs), number_array("d", probs),
        len(langlist),
    )
    return SimpleNamespace(word_lang_prob_map=rows, langlist=list(langlist), seed=SEED)


class ProbabilityRows(dict):
    """langdetect's ``word_lang_prob_map`` (n-gram -> probability in each language), unpacked lazily.

    Row ``r`` of the packed table lists the languages with a non-zero probability for the
    ``r``-th n-gram (``langs[starts[r]:starts[r + 1]]``) and those probabilities (``probs``).
    """

    def __init__(self, keys: PackedKeys, starts: array, langs: array, probs: array, width: int) -> None:
        super().__init__()
        self._keys, self._starts, self._langs, self._probs, self._width = keys, starts, langs, probs, width
        self._absent: set[str] = set()

    def __missing__(self, ngram: str) -> list[float]:
        row = self._keys.row(ngram) if isinstance(ngram, str) else -1
        if row < 0:
            raise KeyError(ngram)
        values = [0.0] * self._width
        for j in range(self._starts[row], self._starts[row + 1]):
            values[self._langs[j]] = self._probs[j]
        self[ngram] = values
        return values

    def __contains__(self, ngram: object) -> bool:
        if dict.__contains__(self, ngram):
            return True
        if ngram in self._absent or not isinstance(ngram, str):
            return False
        if self._keys.row(ngram) < 0:
            self._absent.add(ngram)
            return False
        return True

    def __len__(self) -> int:
        return len(self._keys)


def _profiles_directory() -> Path:
    from langdetect.detector_factory import PROFILES_DIRECTORY

    return Path(PROFILES_DIRECTORY)


def _sources() -> list[Path]:
    """The profiles and the code that reads them (langdetect's and ours)."""
    import langdetect.detector_factory
    import langdetect.utils.lang_profile

    from mtcheck.lang import packed

    profiles = sorted(p for p in _profiles_directory().iterdir() if p.is_file() and not p.name.startswith("."))
    code = (langdetect.detector_factory.__file__, langdetect.utils.lang_profile.__file__, packed.__file__, __file__)
    return [*profiles, *(Path(c) for c in code)]


def _packed_profiles() -> tuple[tuple[str, ...], tuple[bytes, bytes], bytes, bytes, bytes]:
    """langdetect's own table, loaded as ``langdetect.detect`` loads it, packed into flat arrays."""
    from langdetect.detector_factory import DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(os.fspath(_profiles_directory()))
    table: dict[str, list[float]] = factory.word_lang_prob_map
    keys, ordered = PackedKeys.build(table)
    starts, langs, probs = [0], [], []
    columns = range(len(factory.langlist))
    for ngram in ordered:
        row = table[ngram]
        langs += compress(columns, row)
        probs += compress(row, row)
        starts.append(len(probs))
    packed = array("I", starts), array("B", langs), array("d", probs)
    return (tuple(factory.langlist), keys.state(), *(a.tobytes() for a in packed))


def reference_detect(text: str) -> str:
    """``langdetect.detect`` itself, seeded as :func:`detect` is (for tests and benchmarks)."""
    from langdetect import DetectorFactory
    from langdetect import detect as langdetect_detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = SEED
    try:
        return langdetect_detect(text)
    except LangDetectException:
        return ""


def detector_for(text: str) -> Any:
    """A :class:`langdetect.detector.Detector` over the cached table with ``text`` appended."""
    from langdetect.detector import Detector

    detector = Detector(_factory())
    detector.append(text)
    return detector
