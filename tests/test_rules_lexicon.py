"""The F001 false-friend and K001 calque rules on real sentences, clean news text and the CLI."""

from __future__ import annotations

import pathlib

import pytest
from click.testing import CliRunner

from mtcheck.cli import app
from mtcheck.document import Document
from mtcheck.lang.patterns import PatternError, compile_pattern, expand_suggestion
from mtcheck.pipeline import check_document
from mtcheck.rules.lexicon import RULES, Calque, FalseFriend

SEED = pathlib.Path(__file__).resolve().parents[1] / "corpus" / "samples"
SHARED_SEED = pathlib.Path("/work/shared/seeds/000_5823010210da3e46.txt")


def _find(text):
    return check_document(Document.from_text(text), rules=RULES)


def _spans(text):
    return [(f.code, f.text, f.best.replacement if f.best else None) for f in _find(text)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Several ministers assisted to the ceremony on Monday.", [("F001", "assisted to", "attended")]),
        ("Actually, the company employs 300 people.", [("F001", "Actually", "Currently")]),
        (
            "Dmitry Trenin, research teacher at the Moscow Higher School of Economy, said.",
            [("F001", "research teacher", "research professor"), ("F001", "Economy", "Economics")],
        ),
        ("“It's a chance,” said a former high Russian official.", [("F001", "high", "senior")]),
        ("The ruble has reinforced 5% compared to the dollar.",
         [("F001", "reinforced", "strengthened"), ("K001", "compared to", "against")]),
        ("Trump seems determined to retreat the commitment of the United States to NATO.",
         [("F001", "retreat", "withdraw")]),
        ("Moscow expects the West to raise all the sanctions imposed since 2014.", [("F001", "raise", "lift")]),
        ("He worked with Western countries for isolate Russia.", [("K001", "for", "to")]),
        ("The law will enter in vigour on 1 January.", [("K001", "enter in vigour", "come into force")]),
        ("Mister Macron met the unions.", [("K001", "Mister", "Mr")]),
        ("The ministry did not wish to comment.", [("K001", "did not wish to comment", "declined to comment")]),
        ("More than 2,000 people participated to the march.", [("K001", "participated to", "took part in")]),
    ],
)
def test_real_sentences_exact_spans(text, expected):
    assert _spans(text) == expected


def test_findings_cite_the_french_source_and_carry_confidence():
    (f,) = _find("Thousands assisted to the funeral.")
    assert f.category == "false-friend" and f.code == "F001"
    assert "‘assister à’" in f.message
    assert f.suggestions[0].confidence == pytest.approx(0.9)
    assert f.start == len("Thousands ") and f.end == len("Thousands assisted to")


def test_offsets_are_document_offsets_across_sentences():
    text = "Prices rose. The decree will enter into vigour soon."
    (f,) = _find(text)
    assert text[f.start : f.end] == f.text == "enter into vigour"


CLEAN_NEWS = """\
“Actually, I disagree,” she said, shaking her head.
Paramedics assisted the victims before the fire brigade arrived.
More than 5,000 people participated in the march, which eventually reached the square.
The bill eventually passed after a night of debate, an important step for the government.
The library reopened on Monday after a two-year renovation.
She attended the ceremony with her husband and later took part in a debate.
The minister declined to comment on the report.
The new rules come into force in January, Mr Macron said.
A senior Russian official said the talks had been constructive.
The ruble strengthened 5% against the dollar on Thursday.
Troops retreated to the border as the sanctions were lifted.
The company has employed 300 people for two years.
Officials raised concerns about the sanctions regime.
High-ranking officers attended the funeral.
He has lived in London since 2019 and actually prefers it to Paris.
She was assisted to her feet by two officers.
The eventual winner will face the champion in June.
Police are investigating the cause of the fire.
The demonstration turned violent when police used tear gas.
The prime minister is sensitive to criticism on the issue.
"""


def test_clean_news_has_no_findings():
    assert _find(CLEAN_NEWS) == ()


@pytest.mark.skipif(not SHARED_SEED.exists(), reason="shared seed not available")
def test_seed_article_hits_are_the_known_ones():
    texts = {f.text for f in _find(SHARED_SEED.read_text(encoding="utf-8"))}
    assert {"research teacher", "high", "High", "raise", "retreat", "reinforced", "for"} <= texts


def test_rules_command_explains_f001():
    result = CliRunner().invoke(app, ["rules", "F001"])
    assert result.exit_code == 0
    assert "false-friend" in result.output and "assisted to the ceremony" in result.output


def test_rule_classes_are_registered():
    from mtcheck.rules import ALL_RULES

    codes = {r.code for r in ALL_RULES}
    assert {FalseFriend.code, Calque.code} <= codes


@pytest.mark.parametrize(
    "pattern,text,span,suggestion,expected",
    [
        ("[assist{ed|s|ing|} to] @det", "He assists to the", "assists to", "attend{1}", "attends"),
        ("^ [Actually] ,", "Actually, yes", "Actually", "Currently", "Currently"),
        ("[Mister] <NAME>", "Mister Dupont", "Mister", "Mr {1}", "Mr Dupont"),
        ("[{took|take} ({a|the})? decision]", "took a decision", "took a decision",
         "{1:took=made|take=make} a decision", "made a decision"),
        ("[it's] !{over}", "it’s fine", "it’s", "it is", "it is"),
    ],
)
def test_pattern_language(pattern, text, span, suggestion, expected):
    compiled = compile_pattern(pattern, classes={"det": ["the", "a"]})
    (m,) = compiled.search_all(text)
    start, end = compiled.span(m)
    assert text[start:end] == span
    assert expand_suggestion(suggestion, m) == expected


def test_pattern_language_boundaries_and_anchors():
    assert not compile_pattern("assist").search_all("assistance")
    assert not compile_pattern("^ actually").search_all("“Actually, no")
    assert not compile_pattern("[Mister] <NAME>").search_all("mister nobody")
    assert compile_pattern("word", case_sensitive=True).search_all("Word") == []
    assert not compile_pattern("!{was} [assisted] to").search_all("she was assisted to her feet")


@pytest.mark.parametrize("bad", ["", "[a", "a ]", "a ^", "{x|", "(a [b])?", "@nope", "{a|}"])
def test_malformed_patterns_raise(bad):
    with pytest.raises(PatternError):
        compile_pattern(bad)


CORPUS_DOCS = pathlib.Path(__file__).resolve().parents[1] / "corpus" / "docs"


@pytest.mark.skipif(not CORPUS_DOCS.is_dir(), reason="annotated corpus not merged yet")
def test_clean_corpus_documents_have_no_lexicon_findings():
    import json

    clean = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(CORPUS_DOCS.glob("*.json"))]
    clean = [d for d in clean if d.get("kind") == "clean"]
    for doc in clean:
        assert _find(doc["mt"]) == (), doc.get("id")
