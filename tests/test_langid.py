"""Language identification from the cached, packed langdetect profiles equals langdetect's own."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mtcheck.rules.untranslated as untranslated
from mtcheck.document import Document
from mtcheck.lang import langid
from mtcheck.lang.cache import cache_path
from mtcheck.lang.packed import PackedKeys
from mtcheck.pipeline import check_text

REPO = Path(__file__).resolve().parents[1]
FRENCH = (
    "Les négociations reprendront la semaine prochaine à Genève.",
    "Le gouvernement a présenté mardi un projet de loi sur les retraites.",
    "C'est une catastrophe pour la région, a déclaré le maire.",
)
OTHER = (
    "Die Verhandlungen werden nächste Woche in Genf fortgesetzt.",
    "Las negociaciones se reanudarán la próxima semana en Ginebra.",
    "Verbeke (BEL/Lotto) at 38 s; 3.",
    "1234 5678",
)


@pytest.fixture(scope="module")
def warm_entry(tmp_path_factory) -> bytes:
    """The cache entry, built once for this module (building parses all 55 profiles)."""
    root = tmp_path_factory.mktemp("langid-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MTCHECK_CACHE_DIR", str(root))
        patch.delenv("MTCHECK_NO_DATA_CACHE", raising=False)
        langid._factory.cache_clear()
        langid.detect(FRENCH[0])
        langid._factory.cache_clear()
        return cache_path("langdetect-profiles").read_bytes()


@pytest.fixture
def cache_dir(tmp_path, monkeypatch, warm_entry):
    """A private cache directory that already holds the langdetect entry."""
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MTCHECK_NO_DATA_CACHE", raising=False)
    cache_path("langdetect-profiles").parent.mkdir(parents=True)
    cache_path("langdetect-profiles").write_bytes(warm_entry)
    langid._factory.cache_clear()
    yield tmp_path / "cache"
    langid._factory.cache_clear()


def _asked_sentences() -> list[str]:
    """The sentences the untranslated-sentence rule asks langdetect about on the corpus and seeds."""
    asked: list[str] = []
    texts = [json.loads(p.read_text(encoding="utf-8"))["mt"] for p in sorted((REPO / "corpus" / "docs").glob("*.json"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((REPO / "corpus" / "samples").glob("*.txt"))]
    texts += list(untranslated.FrenchSentence.bad)
    original = untranslated._langdetect
    untranslated._cached_passages.cache_clear()
    try:
        untranslated._langdetect = lambda text: asked.append(text) or original(text)
        for text in texts:
            check_text(text)
    finally:
        untranslated._langdetect = original
        untranslated._cached_passages.cache_clear()
    return asked


def _probabilities(detector) -> list[tuple[str, float]] | str:
    from langdetect.lang_detect_exception import LangDetectException

    try:
        return [(lang.lang, lang.prob) for lang in detector.get_probabilities()]
    except LangDetectException as exc:
        return str(exc)


def test_the_same_answers_and_probabilities_as_langdetect(cache_dir):
    from langdetect import DetectorFactory, detector_factory

    asked = _asked_sentences()
    assert len(asked) >= 2 and any("négociations" in s for s in asked)
    first_sentences = [
        Document.from_text(json.loads(p.read_text(encoding="utf-8"))["mt"]).sentences[0].text
        for p in sorted((REPO / "corpus" / "docs").glob("*.json"))
    ]
    DetectorFactory.seed = langid.SEED
    detector_factory.init_factory()
    for text in {*asked, *FRENCH, *OTHER, *first_sentences[:20]}:
        reference = detector_factory._factory.create()
        reference.append(text)
        assert _probabilities(langid.detector_for(text)) == _probabilities(reference), text
        assert langid.detect(text) == langid.reference_detect(text)
    assert {langid.detect(t) for t in FRENCH} == {"fr"}
    assert langid.detect("1234 5678") == ""


def test_a_warm_cache_does_not_parse_the_profiles(cache_dir, monkeypatch):
    from langdetect.detector_factory import DetectorFactory

    monkeypatch.setattr(DetectorFactory, "load_profile", lambda *a: pytest.fail("profiles parsed"))
    assert [langid.detect(t) for t in FRENCH] == ["fr"] * 3


@pytest.mark.parametrize("garbage", [b"not a pickle", pickle.dumps(("key", (1, 2)))])
def test_a_corrupted_entry_is_rebuilt(cache_dir, garbage):
    cache_path("langdetect-profiles").write_bytes(garbage)
    assert [langid.detect(t) for t in (*FRENCH, *OTHER)] == ["fr", "fr", "fr", "de", "es", "af", ""]
    key, value = pickle.loads(cache_path("langdetect-profiles").read_bytes())
    assert len(value[0]) == 55 and "fr" in value[0] and "en" in value[0]


def test_packed_keys_find_every_key_and_nothing_else():
    keys = ["", "a", "ab", "é", "ça", "zz", "日本", "abc"]
    packed, ordered = PackedKeys.build(keys)
    restored = PackedKeys.from_state(packed.state())
    assert len(restored) == len(keys) and sorted(ordered) == ordered
    assert [restored.row(k) for k in ordered] == list(range(len(keys)))
    for absent in ("b", "abcd", "e", "日", "\ud800", " a"):
        assert absent not in restored and restored.row(absent) == -1


def _original_mostly_source(words, known, leaning_of) -> bool:
    leaning = [leaning_of(w) if x is None else x for w, x in zip(words, known)]
    return sum(1 for x in leaning if x > 0.5) / len(words) >= 0.6


@given(
    st.lists(
        st.tuples(st.one_of(st.none(), st.floats(-3, 3)), st.floats(-3, 3)),
        min_size=1,
        max_size=30,
    )
)
def test_asking_wordfreq_lazily_decides_as_asking_it_for_every_word(pairs):
    words = [f"w{i}" for i in range(len(pairs))]
    known = [k for k, _ in pairs]
    unknown = {w: u for w, (_, u) in zip(words, pairs)}
    asked: list[str] = []

    def leaning(word, lang):
        asked.append(word)
        return unknown[word]

    original = untranslated.source_leaning
    untranslated.source_leaning = leaning
    try:
        lazy = untranslated._mostly_source(words, known, "fr")
    finally:
        untranslated.source_leaning = original
    assert lazy == _original_mostly_source(words, known, unknown.__getitem__)
    assert len(asked) <= sum(1 for k in known if k is None)


def test_a_french_sentence_of_common_words_needs_no_wordfreq(tmp_path):
    """The precomputed frequency table settles it; wordfreq (0.7 s to load) is never imported."""
    probe = (
        "import sys, json\n"
        "from mtcheck.pipeline import check_text\n"
        "codes = [f.code for f in check_text(sys.argv[1]).findings]\n"
        "print(json.dumps({'codes': codes, 'wordfreq': 'wordfreq' in sys.modules}))\n"
    )
    text = "The talks ended late. " + FRENCH[1] + " Both sides said progress was made."
    env = {**os.environ, "PYTHONPATH": str(REPO), "MTCHECK_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", probe, text], capture_output=True, text=True, env=env, timeout=120)
    result = json.loads(done.stdout)
    assert "U003" in result["codes"] and result["wordfreq"] is False


def test_with_the_cache_switched_off_langdetect_loads_its_own_profiles(cache_dir, monkeypatch):
    monkeypatch.setenv("MTCHECK_NO_DATA_CACHE", "1")
    cache_path("langdetect-profiles").unlink()
    assert [langid.detect(t) for t in (*FRENCH, *OTHER)] == ["fr", "fr", "fr", "de", "es", "af", ""]
    assert not cache_path("langdetect-profiles").exists()
