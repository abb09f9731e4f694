"""The model stage's speed-ups must not change what it decides (issue 13): passes run on
several workers, sentence states cut after the last token a rule reads, and the real
pipeline with one or two workers."""

import os

import pytest

from mtcheck.model import runtime

pytestmark = pytest.mark.model

os.environ.setdefault("HF_HUB_OFFLINE", "1")

SENTENCES = [
    "The minister assisted to the meeting in Bruxelles on Tuesday, the ministry said.",
    "Prices rose by 5.4% in March, the statistics office said, after a cold winter.",
    "The government of Prime Minister Claire Vautrin survived mardi evening a motion of no confidence.",
    "Short one.",
    "On Monday the minister attended the meeting of the European council in Brussels, then flew home.",
]


@pytest.fixture(scope="module")
def models():
    from mtcheck.correct import load_models

    lm, guard, warnings = load_models(timeout=600)
    if lm is None:
        pytest.fail("real model unavailable: " + "; ".join(warnings))
    return lm, guard


@pytest.fixture()
def two_workers(monkeypatch):
    """Run passes two at once, whatever policy this process chose."""
    monkeypatch.setattr(runtime, "_APPLIED", [runtime.ThreadPolicy(2, 2, None, "test", "PASSIVE", "packs")])
    monkeypatch.setattr(runtime, "_POOL", [])
    yield
    if runtime._POOL:
        runtime._POOL[0].shutdown()


@pytest.fixture()
def one_worker(monkeypatch):
    monkeypatch.setattr(runtime, "_APPLIED", [runtime.ThreadPolicy(1, 2, None, "test", "PASSIVE", "packs")])


def _scores(lm):
    return [[(t.start, t.end, t.logprob) for t in ts] for ts in lm.token_scores(SENTENCES * 6)]


def test_two_workers_score_like_one(models, monkeypatch):
    lm, _ = models
    monkeypatch.setattr(runtime, "_APPLIED", [runtime.ThreadPolicy(1, 2, None, "test", "PASSIVE", "packs")])
    alone = _scores(lm)
    monkeypatch.setattr(runtime, "_APPLIED", [runtime.ThreadPolicy(2, 2, None, "test", "PASSIVE", "packs")])
    monkeypatch.setattr(runtime, "_POOL", [])
    assert len(lm._pack([40] * 30)) >= 4  # the work really is cut into several passes
    together = _scores(lm)
    runtime._POOL[0].shutdown()
    assert [[s[:2] for s in row] for row in together] == [[s[:2] for s in row] for row in alone]
    assert [s[2] for row in together for s in row] == pytest.approx([s[2] for row in alone for s in row], abs=1e-4)


def test_variants_score_alike_on_one_or_two_workers(models, monkeypatch, one_worker):
    lm, _ = models
    prefix = "On Tuesday the minister"
    groups = [(prefix, [" assisted to the meeting in Brussels.", " attended the meeting in Brussels.", " went to the meeting."])] * 12
    alone = lm.suffix_logprobs(groups)
    monkeypatch.setattr(runtime, "_APPLIED", [runtime.ThreadPolicy(2, 2, None, "test", "PASSIVE", "packs")])
    monkeypatch.setattr(runtime, "_POOL", [])
    together = lm.suffix_logprobs(groups)
    runtime._POOL[0].shutdown()
    assert [x for g in together for x in g] == pytest.approx([x for g in alone for x in g], abs=1e-4)


def test_a_cut_state_scores_its_tokens_like_the_whole_sentence(models, one_worker):
    lm, _ = models
    text = SENTENCES[0]
    read = [(4, 12), (13, 21)]  # "minister", "assisted"
    whole, cut = lm.text_states([text, text], [None, 21])
    assert len(cut.ids) < len(whole.ids) and cut.ids == whole.ids[: len(cut.ids)]
    assert whole.text == text and text.startswith(cut.text) and cut.text.endswith("assisted")
    full = [(t.start, t.end, t.logprob) for t in lm.state_token_scores([whole], [read])[0]]
    short = [(t.start, t.end, t.logprob) for t in lm.state_token_scores([cut], [read])[0]]
    assert [s[:2] for s in short] == [s[:2] for s in full] and len(full) >= 2
    assert [s[2] for s in short] == pytest.approx([s[2] for s in full], abs=1e-4)
    # variants continue a cut state exactly as they continue the whole one
    prefix, variants = "The minister", [" assisted to the meeting in Bruxelles", " attended the meeting in Bruxelles"]
    (from_whole,) = lm.suffix_logprobs([(prefix, variants, whole)])
    (from_cut,) = lm.suffix_logprobs([(prefix, variants, cut)])
    assert from_cut == pytest.approx(from_whole, abs=1e-3)


def test_reading_nothing_runs_only_the_start_token(models, one_worker):
    lm, _ = models
    (state,) = lm.text_states([SENTENCES[1]], [0])
    assert state.ids == (lm.bos_id,) and state.text == ""


def test_fix_decides_the_same_with_one_or_two_workers(models, monkeypatch):
    from mtcheck.io import Source
    from mtcheck.pipeline import CheckOptions, Models, check_file

    lm, guard = models
    text = "\n".join(SENTENCES * 3) + "\n"
    runs = []
    for n in (1, 2):
        monkeypatch.setattr(runtime, "_APPLIED", [runtime.ThreadPolicy(n, 2, None, "test", "PASSIVE", "packs")])
        monkeypatch.setattr(runtime, "_POOL", [])
        result = check_file(Source("a.txt", text), CheckOptions(), models=Models(lm, guard), correct=True)
        runs.append((
            result.report.corrected_text,
            [(f.code, f.start, f.end) for f in result.report.findings],
            [(c.finding.start, c.replacement, c.status, round(c.confidence, 3)) for c in result.correction.corrections],
        ))
        if runtime._POOL:
            runtime._POOL[0].shutdown()
    assert runs[0] == runs[1]
    assert runs[0][2], "the article must give the corrector something to decide"
