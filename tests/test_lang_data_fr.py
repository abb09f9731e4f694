"""The French and English data files behind the C, U, E and P rules: well formed and consistent."""

import re
import tomllib
from importlib import resources

import pytest
from wordfreq import zipf_frequency

from mtcheck.lang import load_language
from tests._rules_b_helpers import run

FR = load_language("fr")
EXONYM_KINDS = ("person", "place", "org", "term")


def _raw(lang, name):
    return resources.files("mtcheck.data").joinpath(lang, f"{name}.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "lang, name",
    [("fr", "exonyms"), ("fr", "french_words"), ("fr", "loanwords"), ("en", "proper_nouns"),
     ("en", "entities"), ("en", "casing"), ("en", "gendered_referents")],
)
def test_tables_parse_and_are_not_empty(lang, name):
    assert tomllib.loads(_raw(lang, name))


def test_exonym_schema():
    table = FR.table("exonyms")
    assert set(table) == {*EXONYM_KINDS, "context_exemptions"}
    seen = set()
    for kind in EXONYM_KINDS:
        for french, english in table[kind].items():
            assert french != english and english.strip() == english and french not in seen
            assert all(ord(c) < 0x0400 for c in french + english), french
            seen.add(french)
    assert len(seen) >= 200
    for form in table["context_exemptions"]:
        assert form in seen


def test_english_exonym_forms_are_not_flagged():
    for kind in EXONYM_KINDS:
        for english in FR.table("exonyms")[kind].values():
            text = f"Officials met {english} on Monday."
            assert [f for f in run(text, "U") if f[0] == "U001"] == [], english


def test_names_shared_with_english_are_not_exonyms():
    names = {n for kind in EXONYM_KINDS for n in FR.table("exonyms")[kind]}
    assert not names & {"Nice", "Lille", "Lyon", "Paris", "Berlin", "Iran", "Kosovo", "Côte d'Ivoire"}


def test_french_words_are_french_not_english():
    words = FR.table("french_words")["words"]
    assert len(words) >= 200
    for word, gloss in words.items():
        assert gloss and gloss != word
        plain = word.replace("’", "'")
        if plain == word:
            assert zipf_frequency(plain.lower(), "fr") >= zipf_frequency(plain.lower(), "en") + 1.0, word


def test_french_word_keys_are_unique_in_file():
    keys = re.findall(r'^"([^"]+)" =', _raw("fr", "french_words"), flags=re.M)
    assert len(keys) == len(set(keys))


def test_loanwords_are_not_flagged_in_a_sentence():
    phrases = FR.table("loanwords")["phrases"]
    assert len(phrases) == len(set(phrases))
    for phrase in phrases:
        text = f"The report mentioned {phrase} twice in one week."
        assert [f for f in run(text, "U") if f[0] in ("U001", "U002")] == [], phrase


def test_loanwords_do_not_overlap_french_words():
    words = set(FR.table("french_words")["words"])
    assert not words & set(FR.table("loanwords")["phrases"])


def test_proper_nouns_are_capitalised_and_unique():
    data = FR.english_table("proper_nouns")
    for section in ("always", "ambiguous", "multiword"):
        assert len(data[section]) == len(set(data[section])), section
        for word in data[section]:
            assert word[:1].isupper(), word
    assert set(data["months"]) <= set(data["ambiguous"])
    assert not set(data["always"]) & set(data["ambiguous"])


def test_entity_groups_are_disjoint():
    seen = set()
    for group in FR.english_table("entities")["group"]:
        forms = [group["canonical"], *group["variants"]]
        assert len(forms) == len(set(forms)) and not seen & set(forms)
        assert group["kind"] in ("person", "place", "org")
        seen |= set(forms)


def test_pronoun_lists_do_not_contradict():
    data = FR.english_table("gendered_referents")
    assert not set(data["female_names"]) & set(data["male_names"])
    assert not set(data["referents"]) & set(data["female_markers"])
