"""Property-based tests: findings are well formed, fixing never adds errors, output is stable."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtcheck.correct import correct_document
from mtcheck.document import Document
from mtcheck.findings import Finding, Severity
from mtcheck.pipeline import check_document, check_text, merge_findings

SAMPLES = Path(__file__).resolve().parents[1] / "corpus" / "samples"
FRAGMENTS = tuple(
    piece
    for path in sorted(SAMPLES.glob("*.txt"))
    for piece in re.split(r"(?<=[.!?»”])\s+", path.read_text(encoding="utf-8"))
    if piece.strip()
)
FRENCH_TYPOGRAPHY = ("« ", " »", "»»", " ;", " :", " !", " ?", ". . .", "three -year", "war, “said", "3,5 %")
ODD = ("🇫🇷", "👍🏽", "e\u0301", "Ю", "東京", "\u200d", "\ufeff", "\t", "\u00a0", "\u202f", "—", "’")
BREAKS = ("\n", "\r\n", "\r", "\n\n", "\r\n\r\n")
NUMBERS = ("1,5", "12 000", "2024", "3.5", "40 %", "n°3")

pieces = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.sampled_from(FRENCH_TYPOGRAPHY),
    st.sampled_from(ODD),
    st.sampled_from(BREAKS),
    st.sampled_from(NUMBERS),
    st.sampled_from(("in arms in arms", "the the", "Poutine", "kyiv", " ")),
    st.text(max_size=12),
)
texts = st.lists(pieces, max_size=25).map(" ".join)
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(texts)
def test_findings_lie_inside_the_text_and_text_is_the_slice(text):
    doc = Document.from_text(text)
    for f in check_document(doc):
        assert 0 <= f.start <= f.end <= len(doc.text)
        assert doc.text[f.start : f.end] == f.text
        doc.line_col(f.start)


@SETTINGS
@given(texts)
def test_no_two_findings_of_one_rule_overlap_and_order_is_sorted(text):
    findings = check_document(Document.from_text(text))
    assert list(findings) == sorted(findings, key=lambda f: (f.start, f.end, f.code))
    by_code: dict[str, list[Finding]] = {}
    for f in findings:
        by_code.setdefault(f.code, []).append(f)
    for same in by_code.values():
        for a, b in zip(same, same[1:]):
            assert not (a.start < b.end and b.start < a.end)
            assert a.start != b.start


@SETTINGS
@given(texts)
def test_fixing_then_scanning_never_adds_an_error(text):
    doc = Document.from_text(text)
    before = check_document(doc)
    fixed = correct_document(doc, before, min_confidence=0.5).text
    after = check_document(Document.from_text(fixed))
    errors_before = sum(f.severity is Severity.ERROR for f in before)
    errors_after = sum(f.severity is Severity.ERROR for f in after)
    assert errors_after <= errors_before, (fixed, after)


@SETTINGS
@given(texts)
def test_output_is_identical_across_runs(text):
    assert check_text(text) == check_text(text)


def _naive_merge(findings, specificity):
    from mtcheck.admit import _shadows

    ordered = sorted(findings, key=lambda f: (-specificity.get(f.code, 50), f.end - f.start, f.start, f.code))
    kept: list[Finding] = []
    for f in ordered:
        if not any(_shadows(k, f) for k in kept):
            kept.append(f)
    return tuple(sorted(kept, key=lambda f: (f.start, f.end, f.code)))


spans = st.tuples(st.sampled_from("ABC"), st.integers(0, 40), st.integers(0, 8))


@settings(max_examples=300, deadline=None)
@given(st.lists(spans, max_size=30), st.fixed_dictionaries({"A": st.integers(0, 99), "B": st.integers(0, 99)}))
def test_fast_merge_equals_the_plain_quadratic_merge(raw, specificity):
    findings = [
        Finding(code, code.lower(), "typography", Severity.WARNING, start, start + length, "", "")
        for code, start, length in raw
    ]
    assert merge_findings(findings, specificity) == _naive_merge(findings, specificity)
