"""The compiled-regex cache: same patterns as ``re.compile``, reused across processes, and a bad
file is never an error (it is ignored and rewritten)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from mtcheck.lang import regex_cache

REPO = Path(__file__).resolve().parents[1]
PATTERNS = (
    (r"(?<![\w'’-])(?:Assemblée\s+nationale|Cour\s+de\s+cassation)(?![\w-])", re.IGNORECASE),
    (r"\b(?P<lead>aged|old) of (?P<num>\d+)(?: years?)?\b", 0),
    (r"(?P<word>particip\w*) (?P<mid>(?:\w+ )?)to\b", re.IGNORECASE | re.UNICODE),
)
TEXTS = ("The assemblée  NATIONALE met.", "a man aged of 47 years", "They Participated fully to it", "")

# A child process compiles PATTERNS through the cache and reports, for each, whether its
# program came from the file and what the pattern finds in TEXTS.
PROBE = """
import json, sys
from mtcheck.lang import regex_cache
patterns, texts = json.loads(sys.argv[1])
stored = regex_cache._load()
out = []
for source, flags in patterns:
    p = regex_cache.compile(source, flags)
    out.append([(source, flags) in stored, p.flags,
                [[m.span(), m.groupdict()] for t in texts for m in p.finditer(t)]])
print(json.dumps(out))
"""


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    root = tmp_path / "cache"
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(root))
    monkeypatch.delenv("MTCHECK_NO_DATA_CACHE", raising=False)
    regex_cache.reset_for_tests()
    yield root
    regex_cache.reset_for_tests()


def _run_probe(root: Path, **extra: str) -> list:
    import json

    env = {**os.environ, "PYTHONPATH": str(REPO), "MTCHECK_CACHE_DIR": str(root), **extra}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps([PATTERNS, TEXTS])],
        capture_output=True, text=True, timeout=60, env=env, check=True,
    )
    return json.loads(done.stdout)


def _expected() -> list:
    return [[re.compile(s, f).flags, [[list(m.span()), m.groupdict()] for t in TEXTS for m in re.compile(s, f).finditer(t)]]
            for s, f in PATTERNS]


def test_compiled_patterns_behave_as_re_compile(cache_dir):
    for source, flags in PATTERNS:
        ours, theirs = regex_cache.compile(source, flags), re.compile(source, flags)
        assert (ours.pattern, ours.flags, ours.groups, ours.groupindex) == (theirs.pattern, theirs.flags, theirs.groups, theirs.groupindex)
        for text in TEXTS:
            assert [m.span() for m in ours.finditer(text)] == [m.span() for m in theirs.finditer(text)]
    assert regex_cache.compile(*PATTERNS[0]) is regex_cache.compile(*PATTERNS[0])


def test_a_bad_pattern_raises_re_error(cache_dir):
    with pytest.raises(re.error):
        regex_cache.compile("(unclosed")


def test_a_second_process_rebuilds_from_the_stored_programs(cache_dir):
    first = _run_probe(cache_dir)
    assert [hit for hit, *_ in first] == [False] * len(PATTERNS)
    assert regex_cache.path().is_file()
    second = _run_probe(cache_dir)
    assert [hit for hit, *_ in second] == [True] * len(PATTERNS)
    assert [rest for _, *rest in second] == [rest for _, *rest in first] == _expected()


def test_a_corrupted_or_foreign_file_is_ignored_and_rewritten(cache_dir):
    _run_probe(cache_dir)
    target = regex_cache.path()
    data = bytearray(target.read_bytes())
    data[-5] ^= 0xFF  # one flipped byte inside the programs: the checksum no longer matches
    target.write_bytes(bytes(data))
    again = _run_probe(cache_dir)
    assert [hit for hit, *_ in again] == [False] * len(PATTERNS)
    assert [rest for _, *rest in again] == _expected()
    assert [hit for hit, *_ in _run_probe(cache_dir)] == [True] * len(PATTERNS)
    target.write_bytes(b"not a cache file at all")
    assert [rest for _, *rest in _run_probe(cache_dir)] == _expected()


def test_a_stored_program_that_sre_rejects_is_compiled_afresh(cache_dir):
    source, flags = PATTERNS[1]
    regex_cache._load()[(source, flags)] = (flags | re.UNICODE, bytes(12), 2, {"lead": 1, "num": 2}, (None, "lead", "num"))
    got = regex_cache.compile(source, flags)
    expected = re.compile(source, flags)
    assert got.groupindex == expected.groupindex
    assert [m.span() for m in got.finditer(TEXTS[1])] == [m.span() for m in expected.finditer(TEXTS[1])] != []


def test_the_cache_can_be_turned_off(cache_dir):
    _run_probe(cache_dir, MTCHECK_NO_DATA_CACHE="1")
    assert not regex_cache.path().exists()


def test_an_unwritable_cache_directory_is_not_an_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(blocker / "cache"))
    regex_cache.reset_for_tests()
    try:
        assert regex_cache.compile(r"\bunwritable\b").search("an unwritable dir")
        regex_cache.save()
    finally:
        regex_cache.reset_for_tests()
