"""The language data cache: hits, rebuilds on change, and never an error from a bad cache."""

from __future__ import annotations

import os
import pickle
import re
from pathlib import Path

import pytest

import mtcheck.lang as lang_module
import mtcheck.rules.lexicon as lexicon_module
from mtcheck.lang import _load_toml, load_language
from mtcheck.lang import cache as cache_module
from mtcheck.lang.cache import cache_path, cache_root, cached
from mtcheck.lang.frequency import zipf_pairs
from mtcheck.lang.patterns import LazyRegex
from mtcheck.pipeline import check_text
from mtcheck.rules.lexicon import lexicon_for

SAMPLE = Path(__file__).resolve().parents[1] / "corpus" / "samples" / "ft-putin-trump.txt"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    root = tmp_path / "cache"
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(root))
    monkeypatch.delenv("MTCHECK_NO_DATA_CACHE", raising=False)
    return root


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "table.toml"
    path.write_text("answer = 42\n", encoding="utf-8")
    return path


def _parse(path: Path, calls: list[str]):
    def build():
        calls.append(path.read_text(encoding="utf-8"))
        return {"text": path.read_text(encoding="utf-8")}

    return build


def test_second_load_comes_from_the_cache(cache_dir, source):
    calls: list[str] = []
    first = cached("t", (source,), _parse(source, calls))
    second = cached("t", (source,), _parse(source, calls))
    assert first == second == {"text": "answer = 42\n"}
    assert len(calls) == 1
    assert cache_path("t").is_file() and cache_path("t").parent == cache_dir / "langdata"


def test_a_changed_source_is_rebuilt_even_with_the_same_size_and_mtime(cache_dir, source):
    calls: list[str] = []
    cached("t", (source,), _parse(source, calls))
    stat = source.stat()
    source.write_text("answer = 43\n", encoding="utf-8")
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert cached("t", (source,), _parse(source, calls)) == {"text": "answer = 43\n"}
    assert len(calls) == 2
    assert cached("t", (source,), _parse(source, calls)) == {"text": "answer = 43\n"}
    assert len(calls) == 2


@pytest.mark.parametrize("garbage", [b"", b"not a pickle", pickle.dumps("no key"), pickle.dumps(("k", 1))[:-3]])
def test_a_corrupted_entry_is_ignored_and_rewritten(cache_dir, source, garbage):
    calls: list[str] = []
    cached("t", (source,), _parse(source, calls))
    cache_path("t").write_bytes(garbage)
    assert cached("t", (source,), _parse(source, calls)) == {"text": "answer = 42\n"}
    assert len(calls) == 2
    key, value = pickle.loads(cache_path("t").read_bytes())
    assert value == {"text": "answer = 42\n"} and isinstance(key, str)


def test_an_unwritable_cache_directory_only_means_no_caching(tmp_path, monkeypatch, source):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(blocker / "cache"))
    calls: list[str] = []
    assert cached("t", (source,), _parse(source, calls)) == {"text": "answer = 42\n"}
    assert cached("t", (source,), _parse(source, calls)) == {"text": "answer = 42\n"}
    assert len(calls) == 2


def test_an_entry_that_cannot_be_pickled_is_not_left_half_written(cache_dir, source):
    assert cached("t", (source,), lambda: (lambda: None))() is None
    assert not cache_path("t").exists()
    assert list((cache_dir / "langdata").iterdir()) == []


def test_a_missing_source_bypasses_the_cache(cache_dir, tmp_path):
    assert cached("t", (tmp_path / "absent.toml",), lambda: {}) == {}
    assert not cache_path("t").exists()


def test_the_cache_can_be_switched_off(cache_dir, source, monkeypatch):
    monkeypatch.setenv("MTCHECK_NO_DATA_CACHE", "1")
    calls: list[str] = []
    cached("t", (source,), _parse(source, calls))
    cached("t", (source,), _parse(source, calls))
    assert len(calls) == 2 and not cache_path("t").exists()


def test_the_cache_root_is_the_model_cache_root(monkeypatch, tmp_path):
    from mtcheck.model.lm import cache_root as model_cache_root

    monkeypatch.delenv("MTCHECK_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert model_cache_root is cache_root
    assert cache_root() == tmp_path / "xdg" / "mtcheck"
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path / "explicit"))
    assert cache_root() == tmp_path / "explicit"


def test_lazy_regexes_survive_pickling_uncompiled():
    regex = LazyRegex(r"\bassist(ed)? to\b", re.IGNORECASE)
    regex.search("warm it up")
    copy = pickle.loads(pickle.dumps(regex))
    assert copy == regex and copy._compiled is None
    assert copy.search("They Assisted to the meeting").group(1) == "ed"


def _clear_in_process_caches() -> None:
    for function in (_load_toml, zipf_pairs, lexicon_for):
        function.cache_clear()


def test_findings_are_the_same_from_the_data_files_and_from_the_cache(cache_dir):
    text = SAMPLE.read_text(encoding="utf-8")
    _clear_in_process_caches()
    try:
        cold = check_text(text).findings
        names = sorted(p.stem for p in (cache_dir / "langdata").glob("*.pickle"))
        assert {"lexicon-fr-calques", "lexicon-fr-false_friends", "zipf-fr-en", "toml-fr-exonyms"} <= set(names)
        _clear_in_process_caches()
        warm = check_text(text).findings
        assert warm == cold and len(cold) > 20
    finally:
        _clear_in_process_caches()


def test_a_warm_cache_skips_parsing_and_building(cache_dir, monkeypatch):
    lang = load_language("fr")
    _clear_in_process_caches()
    try:
        built = lexicon_for(lang, "false_friends")
        exonyms = lang.table("exonyms")
        _clear_in_process_caches()
        monkeypatch.setattr(lexicon_module, "build_lexicon", lambda *a, **k: pytest.fail("lexicon rebuilt"))
        monkeypatch.setattr(lang_module.tomllib, "loads", lambda *a, **k: pytest.fail("TOML parsed"))
        assert lexicon_for(lang, "false_friends") == built
        assert lang.table("exonyms") == exonyms
    finally:
        _clear_in_process_caches()


def test_a_stale_lexicon_entry_is_not_used(cache_dir, monkeypatch):
    """A cache entry written for other data (or other pattern code) never reaches the rules."""
    lang = load_language("fr")
    _clear_in_process_caches()
    try:
        real = lexicon_for(lang, "calques")
        path = cache_path("lexicon-fr-calques")
        _key, value = pickle.loads(path.read_bytes())
        path.write_bytes(pickle.dumps(("stale-key", value[:1])))
        _clear_in_process_caches()
        assert lexicon_for(lang, "calques") == real and len(real) > 1
        assert pickle.loads(path.read_bytes())[0] != "stale-key"
    finally:
        _clear_in_process_caches()


def test_the_key_covers_python_and_the_format(cache_dir, source, monkeypatch):
    key = cache_module.source_key("t", (source,))
    monkeypatch.setattr(cache_module, "FORMAT", cache_module.FORMAT + 1)
    assert cache_module.source_key("t", (source,)) != key
