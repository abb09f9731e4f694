"""The French knowledge tables (valency, titles, places, templates, word forms) through their rules.

Every entry's bad example must be flagged by the real rule and fixed by its suggestion, every
good example left alone; the tables are large enough, well formed, and consistent with each
other and with exonyms.toml.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from mtcheck.document import Document
from mtcheck.lang import load_language, tables
from mtcheck.lang.patterns import build_lexicon
from mtcheck.lang.tables import TableError, build_title_entry, build_valency_entry
from mtcheck.rules.base import RuleContext
from mtcheck.rules.knowledge import (
    FrenchPlaceName,
    FrenchTitle,
    FrenchWordForm,
    TemplateCalque,
    TitleCalque,
    ValencyCalque,
)

FR = load_language("fr")
CTX = RuleContext(lang=FR)
VALENCY = tables.valency("fr")
TITLES = tables.titles("fr")
PLACES = tables.places("fr")
TEMPLATES = build_lexicon(FR.table("templates"))


def _found(rule, text):
    return list(rule.check(Document.from_text(text), CTX))


def _apply(text, findings):
    out = text
    for f in sorted(findings, key=lambda f: f.start, reverse=True):
        out = out[: f.start] + f.best.replacement + out[f.end :]
    return out


# ---------------------------------------------------------------- valency


def test_valency_table_is_large_and_ids_unique():
    assert len(VALENCY) >= 300
    ids = [e.id for e in VALENCY]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("entry", VALENCY, ids=lambda e: e.id)
def test_valency_examples_through_the_rule(entry):
    rule = ValencyCalque()
    for i, bad in enumerate(entry.bad):
        found = [f for f in _found(rule, bad) if f"[{entry.id}]" in f.message]
        assert found, f"{entry.id} misses {bad!r}"
        fixed = _apply(bad, found)
        if entry.expect:
            assert fixed == entry.expect[i]
        assert not [f for f in _found(rule, fixed) if f"[{entry.id}]" in f.message], fixed
    for good in entry.good:
        assert not [f for f in _found(rule, good) if f"[{entry.id}]" in f.message], f"{entry.id} flags {good!r}"


def test_valency_matches_inflected_forms():
    rule = ValencyCalque()
    for text, fixed in (
        ("The party renounced to their plan in May.", "The party renounced their plan in May."),
        ("She is renouncing to the title.", "She is renouncing the title."),
        ("Thousands were participating to the march.", "Thousands were participating in the march."),
        ("He had definitively renounced to his seat.", "He had definitively renounced his seat."),
        ("Thieves profited of the chaos.", "Thieves took advantage of the chaos."),
    ):
        found = _found(rule, text)
        assert found, text
        assert _apply(text, found) == fixed


def test_valency_leaves_infinitives_and_english_senses_alone():
    rule = ValencyCalque()
    for text in (
        "The minister agreed to participate to show support.",
        "He is expected to attend to the wounded.",
        "The company posted a profit of 3 million euros.",
        "There is no lack of candidates.",
        "He was charged with murder.",
    ):
        assert not _found(rule, text), text


@pytest.mark.parametrize(
    "broken",
    [
        {"pos": "pronoun"},
        {"prep": "beside-of"},
        {"next": "whatever"},
        {"id": "Bad Id"},
        {"confidence": 0},
        {"colour": "red"},
        {"good": []},
        {"forms": ["nonexistent"]},
        {"gap": 9},
    ],
)
def test_valency_schema_errors(broken):
    base = {"fr": "participer à", "lemma": "participate", "prep": "to", "pos": "verb",
            "construction": "participate in", "bad": "x", "good": "y"}
    build_valency_entry(base)
    with pytest.raises(TableError):
        build_valency_entry({**base, **broken})


# ---------------------------------------------------------------- titles


def test_titles_table_is_large_and_ids_unique():
    assert len(TITLES) >= 150
    ids = [e.id for e in TITLES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("entry", TITLES, ids=lambda e: e.id)
def test_title_examples_through_the_rules(entry):
    rules = (TitleCalque(), FrenchTitle())
    for i, bad in enumerate(entry.bad):
        found = [f for r in rules for f in _found(r, bad) if f"[{entry.id}]" in f.message]
        assert found, f"{entry.id} misses {bad!r}"
        if entry.expect:
            assert _apply(bad, found) == entry.expect[i]
    for good in entry.good:
        assert not [f for r in rules for f in _found(r, good) if f"[{entry.id}]" in f.message], f"{entry.id} flags {good!r}"


def test_french_forms_and_calques_go_to_their_own_rule():
    text = "The Assemblée nationale and the Keeper of the Seals disagreed."
    assert [f.text for f in _found(FrenchTitle(), text)] == ["Assemblée nationale"]
    assert [f.text for f in _found(TitleCalque(), text)] == ["Keeper of the Seals"]


def test_title_schema_errors():
    base = {"id": "x-y", "fr": "f", "en": "e", "kind": "title", "wrong": ["w"], "bad": "w.", "good": "e."}
    build_title_entry(base)
    for broken in ({"kind": "person"}, {"context": "nowhere"}, {"wrong": []}, {"colour": 1}, {"id": "X Y"}):
        with pytest.raises(TableError):
            build_title_entry({**base, **broken})


# ---------------------------------------------------------------- places


def test_places_table_is_large_and_apart_from_exonyms():
    assert len(PLACES.translate) + len(PLACES.keep) >= 500
    exonyms = FR.table("exonyms")
    listed = set().union(*(set(exonyms[k]) for k in ("person", "place", "org", "term")))
    assert not {fr for fr, _, _ in PLACES.translate} & listed
    assert not PLACES.keep & listed


@pytest.mark.parametrize("fr,en,kind", PLACES.translate, ids=lambda v: str(v))
def test_translated_place_is_flagged_and_its_english_form_is_not(fr, en, kind):
    rule = FrenchPlaceName()
    bad = f"Officials visited {fr} on Monday, the ministry said."
    found = _found(rule, bad)
    assert [f.text for f in found] == [fr]
    assert found[0].best.replacement == en
    assert not _found(rule, f"Officials visited {en} on Monday, the ministry said.")


def test_kept_places_are_never_flagged():
    text = "\n".join(f"Officials visited {name} on Monday." for name in sorted(PLACES.keep))
    assert not _found(FrenchPlaceName(), text)
    assert not _found(FrenchWordForm(), text)


# ---------------------------------------------------------------- templates


def test_templates_table_compiles_with_unique_ids():
    ids = [e.id for e in TEMPLATES]
    assert len(ids) == len(set(ids)) >= 30


@pytest.mark.parametrize("entry", TEMPLATES, ids=lambda e: e.id)
def test_template_examples_through_the_rule(entry):
    rule = TemplateCalque()
    for bad, expect in zip(entry.bad, entry.expect):
        found = [f for f in _found(rule, bad) if f"[{entry.id}]" in f.message]
        assert found, f"{entry.id} misses {bad!r}"
        assert _apply(bad, found) == expect
    for good in entry.good:
        assert not [f for f in _found(rule, good) if f"[{entry.id}]" in f.message], f"{entry.id} flags {good!r}"


# ---------------------------------------------------------------- French word forms


def test_french_forms_are_not_english_and_the_file_is_current():
    from wordfreq import zipf_frequency

    forms = tables.french_forms("fr")
    assert len(forms) >= 5000
    sample = sorted(forms)[::97]
    assert all(zipf_frequency(w, "en") < 1.0 for w in sample)
    glossed = set(FR.table("french_words")["words"])
    assert not forms & glossed
    script = Path(__file__).resolve().parent.parent / "scripts" / "build_french_forms.py"
    assert subprocess.run([sys.executable, str(script), "--check"], capture_output=True).returncode == 0


def test_french_word_form_rule_skips_names_quotes_and_loanwords():
    rule = FrenchWordForm()
    assert [f.text for f in _found(rule, "The reform was nécessaire, he said.")] == ["nécessaire"]
    for text in (
        "The restaurant Chez Parfaitement opened in May.",
        "He shouted “c'est parfaitement nécessaire” at the crowd.",
        "It was a fait accompli.",
    ):
        assert not _found(rule, text), text


def test_false_friends_cover_news_register():
    entries = build_lexicon(FR.table("false_friends"))
    assert len(entries) >= 400


def test_valency_works_without_lemminflect(monkeypatch):
    monkeypatch.setitem(sys.modules, "lemminflect", None)  # import now raises ImportError
    entry = build_valency_entry({"fr": "renoncer à", "lemma": "renounce", "prep": "to", "pos": "verb",
                                 "construction": "renounce", "next": "any", "bad": "x", "good": "y"})
    assert entry.apply_first("They renounced to their plan.") == "They renounced their plan."
    entry = build_valency_entry({"fr": "profiter de", "lemma": "profit", "prep": "of", "pos": "verb",
                                 "construction": "take advantage of", "verb": "take advantage", "replace": "of",
                                 "bad": "x", "good": "y"})
    assert entry.apply_first("Thieves are profiting of the chaos.") == "Thieves are taking advantage of the chaos."
