"""Meta-tests: every registered rule is well declared and its examples behave.

A rule that needs the source layer gives ``(source, target)`` example pairs: the target is
checked with the source aligned beside it.
"""

from dataclasses import replace

import pytest

from mtcheck.document import Document
from mtcheck.pipeline import CheckOptions, check_document
from mtcheck.rules import ALL_RULES


def test_codes_and_names_are_unique():
    codes = [r.code for r in ALL_RULES]
    names = [r.name for r in ALL_RULES]
    assert len(codes) == len(set(codes))
    assert len(names) == len(set(names))


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_declaration(rule):
    assert type(rule).validate_declaration() == []


def _options(rule):
    """The examples' source language (a rule may declare ``examples_lang``; else the default)."""
    lang = getattr(rule, "examples_lang", None)
    return CheckOptions(source_lang=lang) if lang else CheckOptions()


def _check(rule, example):
    """Findings of ``rule`` on one example (a text, or a (source, target) pair for source rules)."""
    options = _options(rule)
    if "source" not in rule.needs:
        return example, check_document(Document.from_text(example), options, rules=[rule])
    from mtcheck.source import build_context

    assert isinstance(example, tuple) and len(example) == 2, f"{rule.code}: examples must be (source, target)"
    source, target = example
    doc = Document.from_text(target)
    terms = getattr(type(rule), "example_terms", ())
    if terms:
        options = replace(options, glossary=replace(options.glossary, terms=tuple(terms)))
    return target, check_document(doc, options, rules=[rule], source=build_context(source, doc))


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_bad_examples_are_flagged(rule):
    if "model" in rule.needs:
        pytest.skip(f"{rule.code} needs the model: its examples run in the tests marked model")
    for example in rule.bad:
        text, found = _check(rule, example)
        assert found, f"{rule.code} misses its bad example: {example!r}"
        for f in found:
            assert text[f.start : f.end] == f.text


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_good_examples_are_clean(rule):
    for example in rule.good:
        text, found = _check(rule, example)
        assert not found, f"{rule.code} flags its good example: {example!r} -> {found}"


@pytest.mark.parametrize("rule", [r for r in ALL_RULES if "source" in r.needs], ids=lambda r: r.code)
def test_source_rules_are_skipped_without_a_source(rule):
    for source, target in rule.bad:
        assert check_document(Document.from_text(target), rules=[rule]) == ()
