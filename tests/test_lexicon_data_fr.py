"""Every entry of the French lexicons is well formed and its own examples behave."""

from __future__ import annotations

import pytest

from mtcheck.lang import load_language
from mtcheck.lang.patterns import ENTRY_FIELDS, PatternError, build_entry, build_lexicon

LANG = load_language("fr")
TABLES = {"false_friends": "false-friend", "calques": "calque"}


def _entries(table):
    return build_lexicon(LANG.table(table))


@pytest.mark.parametrize("table", TABLES)
def test_table_compiles_with_unique_ids(table):
    raw = LANG.table(table)["entry"]
    ids = [e["id"] for e in raw]
    assert len(ids) == len(set(ids))
    assert len(_entries(table)) == len(raw)


@pytest.mark.parametrize("table", TABLES)
def test_raw_entries_use_known_fields_only(table):
    for raw in LANG.table(table)["entry"]:
        assert set(raw) <= ENTRY_FIELDS, raw["id"]
        assert 0 < raw["confidence"] <= 1, raw["id"]


def test_ids_are_unique_across_tables():
    ids = [e.id for t in TABLES for e in _entries(t)]
    assert len(ids) == len(set(ids))


def test_tables_are_large_enough():
    assert len(_entries("false_friends")) >= 150
    assert len(_entries("calques")) >= 150


def _examples(kind):
    for table in TABLES:
        for entry in _entries(table):
            if kind == "bad":
                for bad, expect in zip(entry.bad, entry.expect):
                    yield pytest.param(entry, bad, expect, id=f"{entry.id}:{bad[:30]}")
            else:
                for good in entry.good:
                    yield pytest.param(entry, good, None, id=f"{entry.id}:{good[:30]}")


@pytest.mark.parametrize("entry,bad,expect", list(_examples("bad")))
def test_bad_example_matches_and_fixes(entry, bad, expect):
    assert entry.matches(bad), f"{entry.id} misses {bad!r}"
    assert entry.apply_first(bad) == expect


@pytest.mark.parametrize("entry,good,_", list(_examples("good")))
def test_good_example_does_not_match(entry, good, _):
    assert not entry.matches(good), f"{entry.id} flags {good!r}: {entry.matches(good)}"


def test_schema_errors_are_reported():
    base = {
        "id": "x-y", "pattern": "foo bar", "suggest": ["baz"], "confidence": 0.5, "source": "s",
        "note": "n", "bad": ["foo bar."], "expect": ["baz."], "good": ["bar foo."],
    }
    build_entry(base)
    for broken in (
        {**base, "id": "Bad Id"},
        {**base, "confidence": 0},
        {**base, "confidence": 1.5},
        {**base, "suggest": []},
        {**base, "suggest": ["{2}"]},
        {**base, "pattern": "[foo"},
        {**base, "pattern": "foo {a|b"},
        {**base, "expect": []},
        {**base, "severity": "fatal"},
        {**base, "colour": "red"},
        {k: v for k, v in base.items() if k != "note"},
    ):
        with pytest.raises(PatternError):
            build_entry(broken)


def test_duplicate_ids_are_rejected():
    entry = {
        "id": "dup", "pattern": "foo", "suggest": "bar", "confidence": 0.5, "source": "s",
        "note": "n", "bad": "foo", "expect": "bar", "good": "baz",
    }
    with pytest.raises(PatternError):
        build_lexicon({"entry": [entry, entry]})
