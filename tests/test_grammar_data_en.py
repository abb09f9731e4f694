"""data/en/grammar.toml (read by the syntax rules) is well formed, and verb forms come out right."""

from __future__ import annotations

import pytest

from mtcheck.lang import LanguageData
from mtcheck.syntax.inflect import all_forms, gerund, inflect, participle, past_tense, third_person

DATA = LanguageData("en").english_table("grammar")


def test_tables_exist_and_are_lower_case_words():
    for table in ("verbs", "adjectives", "nouns"):
        for key, words in DATA[table].items():
            assert words, f"{table}.{key} is empty"
            assert all(w == w.lower() and w.replace("-", "").isalpha() for w in words), f"{table}.{key}"


def test_irregular_verbs_have_two_forms():
    assert len(DATA["irregular"]) >= 100
    for lemma, forms in DATA["irregular"].items():
        assert len(forms) == 2 and all(f.isalpha() for f in forms), lemma


def test_relational_and_postposable_adjectives_do_not_overlap():
    assert not set(DATA["adjectives"]["relational"]) & set(DATA["adjectives"]["postposable"])


@pytest.mark.parametrize(
    "lemma, tag, form",
    [("arrest", "VBD", "arrested"), ("see", "VBN", "seen"), ("take", "VBD", "took"), ("try", "VBZ", "tries"),
     ("stop", "VBD", "stopped"), ("control", "VBG", "controlling"), ("visit", "VBD", "visited"), ("give", "VBG", "giving"),
     ("die", "VBG", "dying"), ("go", "VBZ", "goes"), ("be", "VBZ", "is"), ("open", "VBD", "opened"), ("beat", "VBN", "beaten")],
)
def test_inflect(lemma, tag, form):
    assert inflect(lemma, tag) == form


def test_all_forms_cover_both_spellings():
    assert {"cancelled", "canceled", "cancel", "cancels", "cancelling"} <= all_forms("cancel")
    assert past_tense("say") == "said" and participle("write") == "written"
    assert third_person("watch") == "watches" and gerund("see") == "seeing"
