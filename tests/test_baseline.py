"""Baselines: accepted findings stay quiet when lines move; new ones are reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtcheck.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED_TEXT = (ROOT / "corpus" / "samples" / "ft-putin-trump.txt").read_text(encoding="utf-8")
SELECT = ["--select", "T001", "--select", "R001"]


def scan(capsys, *args: str) -> tuple[int, list[dict], str]:
    with pytest.raises(SystemExit) as exit_info:
        main(["scan", "--format", "json", *SELECT, *args])
    out, err = capsys.readouterr()
    return exit_info.value.code, (json.loads(out)["files"] if out.strip() else []), err


@pytest.fixture
def baselined(tmp_path, capsys):
    article = tmp_path / "article.txt"
    article.write_text(SEED_TEXT, encoding="utf-8")
    baseline = tmp_path / "mtcheck-baseline.json"
    code, files, err = scan(capsys, str(article), "--write-baseline", str(baseline))
    assert code == 0 and "recorded" in err
    assert files[0]["findings"], "the seed has findings to record"
    return article, baseline, len(files[0]["findings"])


def test_written_baseline_records_findings_with_context(baselined):
    _, baseline, n = baselined
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert data["tool"] == "mtcheck" and len(data["findings"]) == n
    entry = next(e for e in data["findings"] if e["code"] == "R001")
    assert entry["path"] == "article.txt" and entry["text"] == " in arms"
    assert "supply in arms[ in arms] in Ukraine" in entry["context"]


def test_baseline_silences_recorded_findings(baselined, capsys):
    article, baseline, _ = baselined
    code, files, _ = scan(capsys, str(article), "--baseline", str(baseline))
    assert files[0]["findings"] == [] and files[0]["score"] == 100.0 and code == 0


def test_recorded_findings_survive_moved_lines_and_new_ones_are_reported(baselined, capsys):
    article, baseline, _ = baselined
    lines = SEED_TEXT.split("\n")
    new_paragraph = "The minister said the the talks would resume on Monday."
    moved = [new_paragraph, "", *lines[20:], *lines[:20]]
    text = "\n".join(moved)
    article.write_text(text, encoding="utf-8")
    code, files, _ = scan(capsys, str(article), "--baseline", str(baseline))
    findings = files[0]["findings"]
    assert [(f["code"], f["line"], f["text"]) for f in findings] == [("R001", 1, " the")]
    assert text[findings[0]["start"] : findings[0]["end"]] == " the"
    assert code == 1


def test_duplicates_are_counted(baselined, capsys):
    article, baseline, _ = baselined
    lines = SEED_TEXT.split("\n")
    article.write_text("\n".join([*lines, lines[28]]), encoding="utf-8")
    code, files, _ = scan(capsys, str(article), "--baseline", str(baseline))
    assert [(f["code"], f["line"]) for f in files[0]["findings"]] == [("R001", len(lines) + 1)]


def test_edited_context_makes_a_finding_new(baselined, capsys):
    article, baseline, _ = baselined
    article.write_text(SEED_TEXT.replace("maintain the supply in arms in arms", "keep the supply in arms in arms"), encoding="utf-8")
    _, files, _ = scan(capsys, str(article), "--baseline", str(baseline))
    assert [f["code"] for f in files[0]["findings"]] == ["R001"]


def test_baseline_works_from_another_directory(baselined, capsys, monkeypatch, tmp_path):
    article, baseline, _ = baselined
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, files, _ = scan(capsys, "../article.txt", "--baseline", str(baseline))
    assert files[0]["findings"] == [] and code == 0


@pytest.mark.parametrize("content", ["not json", '{"tool": "other", "findings": []}', '{"tool": "mtcheck", "version": 1, "findings": [{}]}'])
def test_bad_baseline_is_an_input_error(baselined, capsys, content):
    article, baseline, _ = baselined
    baseline.write_text(content, encoding="utf-8")
    code, _, err = scan(capsys, str(article), "--baseline", str(baseline))
    assert code == 2 and "baseline" in err


def test_missing_baseline_is_an_input_error(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(SEED_TEXT, encoding="utf-8")
    code, _, err = scan(capsys, str(article), "--baseline", str(tmp_path / "none.json"))
    assert code == 2 and "not found" in err
