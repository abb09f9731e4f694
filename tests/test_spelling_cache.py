"""The spelling dictionary from the data cache answers exactly as the one built from wordfreq."""

from __future__ import annotations

import json
import pickle
import re
from pathlib import Path

import pytest
from symspellpy import Verbosity

import mtcheck.candidates as candidates
from mtcheck.candidates import spelling_candidates
from mtcheck.findings import Finding, Severity
from mtcheck.lang.cache import cache_path

REPO = Path(__file__).resolve().parents[1]
MISSPELLINGS = ("gouvernment", "negociations", "ministere", "parliment", "recieve", "thier", "adress", "Londres")


def _corpus_words(limit: int = 400) -> list[str]:
    """Distinct words of the corpus articles (machine translations), in a fixed order."""
    words: set[str] = set()
    for path in sorted((REPO / "corpus" / "docs").glob("*.json")):
        words.update(re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", json.loads(path.read_text(encoding="utf-8"))["mt"]))
    return sorted(words)[:: max(1, len(words) // limit)]


def _finding(word: str) -> Finding:
    return Finding("U002", "french-word", "untranslated", Severity.ERROR, 0, len(word), word, "left in French")


def _lookups(speller, words) -> list[list[tuple[str, int, int]]]:
    return [[(h.term, h.distance, h.count) for h in speller.lookup(w.lower(), Verbosity.ALL, 2)] for w in words]


@pytest.fixture(scope="module")
def built():
    """The dictionary built from wordfreq the way the cache entry is (about 1.5 s, done once)."""
    return candidates.build_symspell()


@pytest.fixture
def cache_dir(tmp_path, monkeypatch, built):
    """A private, empty cache directory; a cache miss packs ``built`` instead of rebuilding it."""
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MTCHECK_NO_DATA_CACHE", raising=False)
    monkeypatch.setattr(candidates, "build_symspell", lambda: built)
    candidates._symspell.cache_clear()
    yield tmp_path / "cache"
    candidates._symspell.cache_clear()


def test_a_cache_hit_gives_the_same_candidates_as_the_built_dictionary(cache_dir, built, monkeypatch):
    words = [*_corpus_words(), *MISSPELLINGS]
    assert len(words) > 300
    first = [spelling_candidates(_finding(w)) for w in words]
    assert cache_path("symspell-en").is_file()
    candidates._symspell.cache_clear()
    monkeypatch.setattr(candidates, "build_symspell", lambda: pytest.fail("dictionary rebuilt"))
    again = [spelling_candidates(_finding(w)) for w in words]
    assert again == first
    assert _lookups(candidates._symspell(), words) == _lookups(built, words)
    assert [s.replacement for s in spelling_candidates(_finding("gouvernment"))] == ["government", "governments"]
    assert sum(1 for c in first if c) > 100


@pytest.mark.parametrize("garbage", [b"\x80\x05 truncated", pickle.dumps(("stale", ({}, 0, (b"", b""), b"", b"")))])
def test_a_corrupted_entry_is_rebuilt(cache_dir, built, garbage):
    cache_path("symspell-en").parent.mkdir(parents=True)
    cache_path("symspell-en").write_bytes(garbage)
    assert _lookups(candidates._symspell(), MISSPELLINGS) == _lookups(built, MISSPELLINGS)
    key, (words, max_length, *_packed) = pickle.loads(cache_path("symspell-en").read_bytes())
    assert key != "stale" and len(words) == len(built.words) and max_length == built._max_length


def test_the_sources_cover_wordfreq_english_data_and_the_code(cache_dir):
    names = {p.name for p in candidates._spelling_sources()}
    assert {"large_en.msgpack.gz", "__init__.py", "symspellpy.py", "packed.py", "candidates.py"} <= names
    assert all(p.is_file() for p in candidates._spelling_sources())


def test_with_the_cache_switched_off_the_dictionary_is_built_unpacked(cache_dir, built, monkeypatch):
    monkeypatch.setenv("MTCHECK_NO_DATA_CACHE", "1")
    assert candidates._symspell() is built
    assert [s.replacement for s in spelling_candidates(_finding("parliment"))][:1] == ["parliament"]
    assert not cache_path("symspell-en").exists()
