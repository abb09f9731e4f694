"""The quality score and the CI gate: exit codes for every gate option, on the seed article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtcheck.cli import main
from mtcheck.findings import Finding, Severity
from mtcheck.score import quality_score

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "samples" / "ft-putin-trump.txt"


def scan(*args: str, capsys=None) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(["scan", *args])
    out, err = capsys.readouterr() if capsys else ("", "")
    return exit_info.value.code, out, err


def _f(severity: str) -> Finding:
    return Finding("X001", "x", "fluency", Severity(severity), 0, 1, "x", "m")


def test_score_formula():
    assert quality_score([], 500) == 100.0
    assert quality_score([_f("error")], 1000) == 95.0
    assert quality_score([_f("warning")], 1000) == 99.0
    assert quality_score([_f("info")], 2000) == 100.0
    assert quality_score([_f("error")] * 20, 1000) == 0.0
    assert quality_score([_f("error"), _f("warning"), _f("info")], 1340) == round(100 - 6000 / 1340, 1)
    assert quality_score([_f("warning")], 0) == 0.0


@pytest.fixture
def seed_t001_only(tmp_path):
    """The seed article, scanned with only T001 (its four »» are stable findings)."""
    article = tmp_path / "article.txt"
    article.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    return article


def _json(article, capsys, *args):
    code, out, _ = scan(str(article), "--select", "T001", "--format", "json", *args, capsys=capsys)
    return code, json.loads(out)["files"][0]


def test_default_gate_fails_on_error_findings(seed_t001_only, capsys):
    code, data = _json(seed_t001_only, capsys)
    assert code == 1 and data["passed"] is False
    assert [(f["code"], f["line"], f["column"]) for f in data["findings"]][0] == ("T001", 5, 416)
    n = len(data["findings"])
    assert data["score"] == round(max(0, 100 - 1000 * 5 * n / data["words"]), 1)


def test_default_gate_passes_a_clean_text(tmp_path, capsys):
    article = tmp_path / "fixed.txt"
    article.write_text(SEED.read_text(encoding="utf-8").replace(" »»", "”"), encoding="utf-8")
    code, data = _json(article, capsys)
    assert code == 0 and data["passed"] is True and data["findings"] == [] and data["score"] == 100.0


def _config(tmp_path, severity: str) -> str:
    cfg = tmp_path / "gate.toml"
    cfg.write_text(f'[severity]\nT001 = "{severity}"\n', encoding="utf-8")
    return str(cfg)


@pytest.mark.parametrize(
    ("severity", "fail_on", "expected"),
    [
        ("warning", "error", 0),
        ("warning", "warning", 1),
        ("warning", "info", 1),
        ("info", "warning", 0),
        ("info", "info", 1),
        ("error", "never", 0),
    ],
)
def test_fail_on(seed_t001_only, tmp_path, capsys, severity, fail_on, expected):
    code, data = _json(seed_t001_only, capsys, "--config", _config(tmp_path, severity), "--fail-on", fail_on)
    assert {f["severity"] for f in data["findings"]} == {severity}
    assert code == expected and data["passed"] is (expected == 0)


def test_min_score(seed_t001_only, capsys):
    _, data = _json(seed_t001_only, capsys, "--fail-on", "never")
    score = data["score"]
    assert 0 < score < 100
    assert _json(seed_t001_only, capsys, "--fail-on", "never", "--min-score", str(score - 1))[0] == 0
    assert _json(seed_t001_only, capsys, "--fail-on", "never", "--min-score", str(score))[0] == 0
    assert _json(seed_t001_only, capsys, "--fail-on", "never", "--min-score", str(score + 1))[0] == 1


def test_max_findings_per_1k(seed_t001_only, capsys):
    _, data = _json(seed_t001_only, capsys, "--fail-on", "never")
    rate = 1000 * len(data["findings"]) / data["words"]
    assert _json(seed_t001_only, capsys, "--fail-on", "never", "--max-findings-per-1k", f"{rate + 0.5}")[0] == 0
    assert _json(seed_t001_only, capsys, "--fail-on", "never", "--max-findings-per-1k", f"{rate - 0.5}")[0] == 1


def test_exit_zero_passes_a_failed_gate(seed_t001_only, capsys):
    code, data = _json(seed_t001_only, capsys, "--exit-zero", "--min-score", "100")
    assert code == 0 and data["passed"] is False


def test_gate_failure_reported_in_text_summary(seed_t001_only, capsys):
    code, out, _ = scan(str(seed_t001_only), "--select", "T001", "--color", "never", capsys=capsys)
    assert code == 1
    assert "gate failed (1 file)" in out


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "yaml"],
        ["--fail-on", "fatal"],
        ["--min-score", "101"],
        ["--jobs", "-1"],
        ["--select", "not-a-code"],
        ["--source-lang", "xx"],
        ["--config", "/nonexistent/mtcheck.toml"],
    ],
)
def test_usage_errors_exit_2(seed_t001_only, capsys, args):
    code, _, err = scan(str(seed_t001_only), *args, capsys=capsys)
    assert code == 2, err


def test_input_errors_exit_2(tmp_path, capsys):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x00")
    code, _, err = scan(str(binary), capsys=capsys)
    assert code == 2 and "binary" in err
    code, _, err = scan(str(tmp_path / "missing.txt"), capsys=capsys)
    assert code == 2 and "missing.txt" in err and "Traceback" not in err
