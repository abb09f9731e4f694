"""Benchmark metrics on small hand-built cases with known answers."""

import pytest

from mtcheck.bench.metrics import (
    Edit,
    Span,
    detection_totals,
    edit_correct,
    edit_scores,
    match_document,
    overlaps,
    per_thousand,
    prf,
)
from mtcheck.bench.scores import aligned_segments, paired_bootstrap


def test_prf_from_counts():
    s = prf(predicted=4, correct_predicted=3, gold=6, found_gold=2)
    assert s.precision == pytest.approx(0.75)
    assert s.recall == pytest.approx(1 / 3)
    assert s.f == pytest.approx(2 * 0.75 * (1 / 3) / (0.75 + 1 / 3))


def test_prf_undefined_and_zero():
    assert prf(0, 0, 5, 0).precision is None
    assert prf(0, 0, 5, 0).f is None
    assert prf(3, 0, 0, 0).recall is None
    assert prf(3, 0, 4, 0).f == 0.0


def test_f_half_weights_precision():
    s = prf(predicted=10, correct_predicted=8, gold=20, found_gold=5, beta=0.5)
    p, r = 0.8, 0.25
    assert s.f == pytest.approx(1.25 * p * r / (0.25 * p + r))
    assert s.f > prf(10, 8, 20, 5).f  # precision above recall: F0.5 > F1


def test_overlap_of_spans_and_insertion_points():
    assert overlaps(0, 5, 4, 8)
    assert not overlaps(0, 5, 5, 8)  # adjacent spans share no character
    assert overlaps(5, 5, 0, 5)  # an insertion point touching a span
    assert overlaps(3, 3, 3, 3)
    assert not overlaps(3, 3, 4, 4)


def test_exact_versus_overlap_matching():
    gold = [Span(10, 17, "untranslated"), Span(30, 31, "typography"), Span(50, 55, "casing")]
    pred = [
        Span(10, 17, "untranslated", "U001"),  # exact hit
        Span(29, 31, "typography", "T001"),  # overlapping, not exact
        Span(50, 55, "fluency", "L001"),  # exact span, wrong category
        Span(70, 75, "calque", "K001"),  # false alarm
    ]
    exact = detection_totals([match_document(gold, pred, "exact")])
    assert (exact.overall.correct_predicted, exact.overall.found_gold) == (2, 2)
    assert exact.overall.precision == pytest.approx(0.5)
    assert exact.overall.recall == pytest.approx(2 / 3)
    assert exact.typed.correct_predicted == 1

    overlap = detection_totals([match_document(gold, pred, "overlap")])
    assert overlap.overall.precision == pytest.approx(0.75)
    assert overlap.overall.recall == pytest.approx(1.0)
    assert overlap.typed.found_gold == 2

    cats = {c.category: c.score for c in overlap.categories}
    assert cats["casing"].recall == 1.0  # found, though labelled fluency
    assert cats["fluency"].precision == 1.0
    assert cats["calque"].precision == 0.0 and cats["calque"].gold == 0
    rules = {r.code: r for r in overlap.rules}
    assert rules["K001"].correct == 0 and rules["T001"].correct == 1


def test_totals_sum_over_documents():
    a = match_document([Span(0, 3, "casing")], [Span(0, 3, "casing")], "exact")
    b = match_document([Span(0, 3, "casing")], [Span(5, 8, "casing")], "exact")
    t = detection_totals([a, b])
    assert t.overall.precision == 0.5 and t.overall.recall == 0.5


def test_false_alarms_per_thousand_words():
    assert per_thousand(3, 1500) == pytest.approx(2.0)
    assert per_thousand(0, 0) is None


def test_edit_exact_needs_same_span_and_text():
    text = "They met Poutine on mardi."
    gold = Edit(9, 16, "Putin")
    assert edit_correct(text, Edit(9, 16, "Putin"), gold, "exact")
    assert edit_correct(text, Edit(9, 16, " Putin "), gold, "exact")  # white space normalised
    assert not edit_correct(text, Edit(9, 16, "Poutin"), gold, "exact")
    assert not edit_correct(text, Edit(8, 16, " Putin"), gold, "exact")


def test_edit_overlap_compares_the_local_result():
    text = "a three -year plan"
    gold = Edit(2, 13, "three-year")
    assert edit_correct(text, Edit(7, 8, ""), gold, "overlap")  # delete only the space
    assert not edit_correct(text, Edit(7, 8, ""), gold, "exact")
    assert not edit_correct(text, Edit(8, 9, ""), gold, "overlap")  # deletes the hyphen instead
    assert not edit_correct(text, Edit(14, 18, "scheme"), gold, "overlap")  # elsewhere


def test_edit_scores_f_half():
    text = "Poutine and Pékin met mardi."
    gold = [Edit(0, 7, "Putin"), Edit(12, 17, "Beijing"), Edit(22, 27, "Tuesday")]
    applied = [Edit(0, 7, "Putin"), Edit(12, 17, "Pekin")]
    s = edit_scores([(text, gold, applied)], "exact")
    assert (s.predicted, s.correct_predicted, s.gold, s.found_gold) == (2, 1, 3, 1)
    assert s.beta == 0.5
    assert s.f == pytest.approx(1.25 * 0.5 * (1 / 3) / (0.25 * 0.5 + 1 / 3))


def test_aligned_segments_follow_artifacts_and_edits():
    text = "Tags: x\nPoutine spoke.\nHe left ."
    gold = [Edit(0, 8, ""), Edit(8, 15, "Putin"), Edit(30, 31, "")]
    applied = [Edit(8, 15, "Putin")]
    segs = aligned_segments(text, gold, applied)
    assert segs == [
        ("Tags: x", "Tags: x", ""),  # a deleted metadata line is its own segment
        ("Poutine spoke.", "Putin spoke.", "Putin spoke."),
        ("He left .", "He left .", "He left."),
    ]


def test_aligned_segments_never_cut_inside_a_span():
    text = "Read also:\nmore\nBody ."
    gold = [Edit(0, 16, "")]
    applied = [Edit(5, 12, "x")]
    segs = aligned_segments(text, gold, applied)
    assert segs == [("Read also:\nmore", "Read xore", ""), ("Body .", "Body .", "Body .")]


def test_aligned_segments_cut_at_every_free_line_break():
    text = "One.\nTwo.\nThree."
    assert [s[0] for s in aligned_segments(text, [], [])] == ["One.", "Two.", "Three."]


def _segments(n):
    refs = [f"The minister said on Tuesday that the plan number {i} would pass." for i in range(n)]
    bad = [r.replace("Tuesday", "mardi").replace("minister", "ministre") for r in refs]
    return refs, bad


def test_bootstrap_is_deterministic():
    refs, bad = _segments(30)
    fixed = refs[:10] + bad[10:]
    a = paired_bootstrap("chrF", bad, fixed, refs, resamples=200, seed=7)
    b = paired_bootstrap("chrF", bad, fixed, refs, resamples=200, seed=7)
    assert a == b
    assert "nrefs:1" in a.signature and "version:" in a.signature


def test_bootstrap_clear_gain_is_significant():
    refs, bad = _segments(40)
    s = paired_bootstrap("chrF", bad, refs, refs, resamples=500, seed=1)
    assert s.fixed == pytest.approx(100.0)
    assert s.delta > 5
    assert s.p_value < 0.01
    assert s.ci_low > 0


def test_bootstrap_mixed_change_is_not_significant():
    refs, bad = _segments(40)
    # one segment improved, one made worse by the same kind of change: no real difference
    inputs = list(bad)
    fixed = list(bad)
    fixed[0] = refs[0]
    fixed[1] = bad[1].replace("would pass", "would fail to pass at all")
    s = paired_bootstrap("chrF", inputs, fixed, refs, resamples=500, seed=1)
    assert abs(s.delta) < 2
    assert s.p_value > 0.05
    assert s.ci_low < 0 < s.ci_high


def test_bootstrap_no_change_gives_p_one():
    refs, bad = _segments(5)
    s = paired_bootstrap("TER", bad, bad, refs, resamples=50)
    assert s.delta == 0 and s.p_value == 1.0
