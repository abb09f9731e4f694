"""Spanish (`es`) source-language data: every entry is tested with a bad and a good example,
the whole language works from data alone, and its findings stay out of French scans."""

from __future__ import annotations

import subprocess
import sys
import json
import re
from importlib import resources

import pytest
from wordfreq import zipf_frequency

from mtcheck.document import Document
from mtcheck.lang import available_languages, load_language
from mtcheck.lang.patterns import build_lexicon
from mtcheck.pipeline import CheckOptions, check_document

ES = load_language("es")
EXONYM_KINDS = ("person", "place", "org", "term")
LEXICONS = ("false_friends", "calques")


def _codes(text: str, lang: str = "es", prefix: str = "") -> list[tuple[str, str, tuple[str, ...]]]:
    found = check_document(Document.from_text(text), CheckOptions(source_lang=lang))
    return [(f.code, f.text, tuple(s.replacement for s in f.suggestions)) for f in found if f.code.startswith(prefix)]


def _exonyms():
    for kind in EXONYM_KINDS:
        for spanish, english in ES.table("exonyms")[kind].items():
            yield pytest.param(spanish, english, id=spanish)


def _words():
    for word, gloss in ES.table("words")["words"].items():
        yield pytest.param(word, gloss, id=word)


def _lexicon_examples(kind):
    for table in LEXICONS:
        for entry in build_lexicon(ES.table(table)):
            if kind == "bad":
                for bad, expect in zip(entry.bad, entry.expect):
                    yield pytest.param(entry, bad, expect, id=f"{entry.id}:{bad[:25]}")
            else:
                for good in entry.good:
                    yield pytest.param(entry, good, None, id=f"{entry.id}:{good[:25]}")


def test_spanish_is_a_language_from_its_data_folder():
    assert "es" in available_languages()
    assert ES.name == "Spanish"
    source = resources.files("mtcheck.data").joinpath("es")
    for name in ("profile.toml", "README.md", "exonyms.toml", "false_friends.toml"):
        text = source.joinpath(name).read_text(encoding="utf-8")
        assert re.search(r"(?i)source", text) and re.search(r"(?i)licen[cs]e", text), name


def test_at_least_sixty_tested_entries():
    exonyms = sum(len(ES.table("exonyms")[k]) for k in EXONYM_KINDS)
    words = len(ES.table("words")["words"])
    lexicon = sum(len(build_lexicon(ES.table(t))) for t in LEXICONS)
    assert exonyms + words + lexicon >= 60
    assert lexicon >= 30


@pytest.mark.parametrize("spanish, english", list(_exonyms()))
def test_each_exonym_bad_and_good(spanish, english):
    bad = f"Officials from {spanish} met on Monday."
    found = [f for f in _codes(bad, prefix="U001")]
    assert found and found[0][1] == spanish and found[0][2][0] == english
    assert not _codes(f"Officials from {english} met on Monday.", prefix="U001")


@pytest.mark.parametrize("word, gloss", list(_words()))
def test_each_word_bad_and_good(word, gloss):
    assert zipf_frequency(word, "es") >= zipf_frequency(word, "en") + 1.0, f"{word} is English too"
    found = _codes(f"The report came out {word} in the capital.", prefix="U002")
    assert found and found[0][1] == word and found[0][2][0] == gloss
    assert not _codes(f"The report came out {gloss} in the capital.", prefix="U002")


@pytest.mark.parametrize("entry, bad, expect", list(_lexicon_examples("bad")))
def test_each_lexicon_bad_example_matches_and_fixes(entry, bad, expect):
    assert entry.matches(bad), f"{entry.id} misses {bad!r}"
    assert entry.apply_first(bad) == expect


@pytest.mark.parametrize("entry, good, _", list(_lexicon_examples("good")))
def test_each_lexicon_good_example_does_not_match(entry, good, _):
    assert not entry.matches(good), f"{entry.id} flags {good!r}"


def test_lexicon_ids_unique_across_tables():
    ids = [e.id for t in LEXICONS for e in build_lexicon(ES.table(t))]
    assert len(ids) == len(set(ids))


def test_loanwords_are_not_flagged():
    for phrase in ES.table("loanwords")["phrases"]:
        text = f"The report mentioned {phrase} twice in one week."
        assert not [c for c in _codes(text) if c[0] in ("U001", "U002")], phrase


SAMPLE = (
    "Officials in Bruselas said the talks with Pekín would resume. "
    "Inflation reached 3,5% in March, and 1.200.000 people lost their jobs. "
    "¿What will happen now? asked the minister. "
    "The police realized a search of the building según the newspaper. "
    "The vote is set for el 3 de marzo.\n"
)


def test_spanish_sample_is_found_and_french_scan_has_no_spanish_findings(tmp_path):
    path = tmp_path / "es.txt"
    path.write_text(SAMPLE, encoding="utf-8")

    def scan(lang):
        out = subprocess.run(
            [sys.executable, "-m", "mtcheck", "scan", str(path), "--source-lang", lang, "-f", "json"],
            capture_output=True, text=True, check=False,
        )
        assert out.returncode in (0, 1), out.stderr
        return json.loads(out.stdout)["files"][0]["findings"]

    es = {(f["code"], f["text"]) for f in scan("es")}
    for expected in [("U001", "Bruselas"), ("U001", "Pekín"), ("N001", "3,5%"), ("N007", "1.200.000"),
                     ("T009", "¿"), ("F001", "realized"), ("U002", "según"), ("N005", "el 3 de marzo")]:
        assert expected in es, (expected, es)
    es_messages = [f["message"] for f in scan("es") if f["code"] == "U001"]
    assert all(m.startswith("Spanish form") for m in es_messages)
    fr = scan("fr")
    spanish_spans = {"Bruselas", "Pekín", "1.200.000", "¿", "según", "realized", "el 3 de marzo", "3 de marzo"}
    assert not [f for f in fr if f["text"].strip() in spanish_spans or "Spanish" in f["message"]]
    assert ("N001", "3,5%") in {(f["code"], f["text"]) for f in fr}  # shared conventions still apply


def test_language_list_and_default_come_from_the_profiles():
    from mtcheck.lang import default_language

    root = resources.files("mtcheck.data")
    folders = sorted(p.name for p in root.iterdir() if p.is_dir() and p.joinpath("profile.toml").is_file())
    assert list(available_languages()) == folders and {"fr", "es"} <= set(folders)
    defaults = [c for c in folders if load_language(c).setting("language", "default")]
    assert defaults == [default_language()] == ["fr"]


@pytest.mark.parametrize("code", available_languages())
def test_every_profile_is_complete(code):
    lang = load_language(code)
    assert lang.setting("language", "code") == code and lang.name[:1].isupper()
    assert lang.setting("words", "function") and lang.setting("numbers", "decimal-separator")
    assert isinstance(lang.setting("punctuation", "foreign"), dict)
    assert lang.table(lang.table_name("words")).get("words"), "a words table"
    assert lang.table("exonyms") and lang.table("loanwords")


def test_rule_messages_name_the_source_language():
    text = "They met in Bruselas and Varsovie."
    es = {f.text: f.message for f in check_document(Document.from_text(text), CheckOptions(source_lang="es"))}
    fr = {f.text: f.message for f in check_document(Document.from_text(text), CheckOptions(source_lang="fr"))}
    assert es["Bruselas"].startswith("Spanish form") and "Varsovie" not in es
    assert fr["Varsovie"].startswith("French form") and "Bruselas" not in fr
