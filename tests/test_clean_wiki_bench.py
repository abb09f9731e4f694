"""The clean-Wikipedia false-alarm benchmark: halves, corpus lines, reviewed real errors."""

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _bench():
    spec = importlib.util.spec_from_file_location("clean_wiki", ROOT / "benchmarks" / "clean_wiki.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_halves_lines_and_reviewed_errors(tmp_path):
    corpus = tmp_path / "clean.txt"
    corpus.write_text(
        "The river rises in the hills.\n"
        "He met the the minister in the morning.\n"  # article 0 (dev), line 2
        "The bridge was opened in 1990.\n"
        "She sold the the house in the spring.\n",  # article 1 (test), line 4
        encoding="utf-8",
    )
    reviewed = tmp_path / "reviewed.tsv"
    reviewed.write_text("line\tcode\ttext\tverdict\treason\n4\tR001\t the\treal-error\ttypo\n", encoding="utf-8")
    out = tmp_path / "out.json"
    bench = _bench()
    assert bench.main(["--corpus", str(corpus), "--group", "2", "--reviewed", str(reviewed), "--out", str(out), "--select", "R"]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    found = {(f["line"], f["half"], f["code"], f["real_error"]) for f in result["findings"]}
    assert found == {(2, "dev", "R001", False), (4, "test", "R001", True)}
    assert result["halves"]["dev"]["false_alarms"] == 1 and result["halves"]["test"]["false_alarms"] == 0
    assert result["whole"]["findings"] == 2 and result["whole"]["reviewed_real_errors"] == 1


def test_split_scans_one_half_only(tmp_path):
    corpus = tmp_path / "clean.txt"
    corpus.write_text("He met the the minister.\nShe sold the the house.\n", encoding="utf-8")
    out = tmp_path / "out.json"
    _bench().main(["--corpus", str(corpus), "--group", "1", "--split", "test", "--out", str(out), "--select", "R"])
    result = json.loads(out.read_text(encoding="utf-8"))
    assert [f["line"] for f in result["findings"]] == [2] and list(result["halves"]) == ["test"]


def test_reviewed_list_rows_match_the_recorded_findings():
    # Every reviewed row names a finding of the recorded run (line, code and text as flagged).
    bench = _bench()
    reviewed = bench.load_reviewed(bench.REVIEWED)
    recorded = json.loads((ROOT / "benchmarks" / "results" / "clean-wiki-2026-11-30-before-all.json").read_text(encoding="utf-8"))
    keys = {(f["line"], f["code"], f["text"]) for f in recorded["findings"]}
    assert reviewed and set(reviewed) <= keys
