"""Meta-tests: every registered rule is well declared and its examples behave."""

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


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_bad_examples_are_flagged(rule):
    if rule.needs:
        pytest.skip(f"{rule.code} needs {sorted(rule.needs)}: its examples run where that layer exists (tests marked model)")
    for example in rule.bad:
        found = check_document(Document.from_text(example), _options(rule), rules=[rule])
        assert found, f"{rule.code} misses its bad example: {example!r}"
        for f in found:
            assert example[f.start : f.end] == f.text


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_good_examples_are_clean(rule):
    for example in rule.good:
        found = check_document(Document.from_text(example), _options(rule), rules=[rule])
        assert not found, f"{rule.code} flags its good example: {example!r} -> {found}"
