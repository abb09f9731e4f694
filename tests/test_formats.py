"""Every output format: golden files from a fixed hand-built report, plus structural checks
(SARIF against the 2.1.0 structure, JUnit through an XML parser, GitHub lines parsed back).

Regenerate the golden files with ``MTCHECK_REGEN_GOLDEN=1 pytest tests/test_formats.py``.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mtcheck.cli import main
from mtcheck.document import Document
from mtcheck.findings import FileReport, Finding, Report, Severity, Suggestion
from mtcheck.render import RENDERERS, render

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden"
SEED = ROOT / "corpus" / "samples" / "ft-putin-trump.txt"
REGEN = os.environ.get("MTCHECK_REGEN_GOLDEN") == "1"
EXTENSIONS = {"text": "txt", "json": "json", "jsonl": "jsonl", "sarif": "sarif",
              "github": "github.txt", "junit": "junit.xml", "markdown": "md"}

ARTICLE = (
    "🇺🇦 Kyiv, 3 March. Zelensky said: « We will not give up. »\n"
    "Western allies maintain the supply in arms in arms in Ukraine.\n"
    "A 50% rise | in spending was\nannounced.\n"
)


def _finding(text: str, code, rule, category, severity, needle, message, suggestions=(), occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    end = start + len(needle)
    return Finding(code, rule, category, Severity(severity), start, end, text[start:end], message,
                   tuple(Suggestion(r, c) for r, c in suggestions))


def golden_report() -> Report:
    """A fixed report (not live rule output) covering the awkward cases: a non-BMP emoji
    before findings (code-point columns), a span across a line break, a path with a comma
    and a colon, '%' and '|' in messages, an insertion-free deletion, a clean file."""
    doc = Document.from_text(ARTICLE, "news/kyiv: day 3, live.md")
    t = doc.text
    findings = (
        _finding(t, "T001", "french-guillemets", "typography", "error", "« ", "French guillemets in English text", [("“", 0.95)]),
        _finding(t, "T001", "french-guillemets", "typography", "error", " »", "French guillemets in English text", [("”", 0.95)]),
        _finding(t, "R001", "doubled-words", "repetition", "error", " in arms", "“in arms” is repeated", [("", 0.9)], occurrence=1),
        _finding(t, "L901", "test-fluency", "fluency", "warning", "was\nannounced", "Odd break | 50% of the time"),
        _finding(t, "C901", "test-casing", "casing", "info", "Western", "Capitalised common word?"),
    )
    findings = tuple(sorted(findings, key=lambda f: (f.start, f.end, f.code)))
    first = FileReport(doc.path, t, doc.word_count, findings, score=41.2, passed=False, line_starts=doc.line_starts)
    clean_doc = Document.from_text("A clean article.\n", "news/clean.txt")
    clean = FileReport(clean_doc.path, clean_doc.text, clean_doc.word_count, (), score=100.0, passed=True,
                       line_starts=clean_doc.line_starts)
    return Report(files=(first, clean), version="0.1.0", source_lang="fr", elapsed=0.25)


@pytest.mark.parametrize("fmt", list(EXTENSIONS))
def test_golden(fmt):
    out = render(golden_report(), fmt)
    path = GOLDEN / f"report.{EXTENSIONS[fmt]}"
    if REGEN:
        path.write_text(out, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run with MTCHECK_REGEN_GOLDEN=1"
    assert out == path.read_text(encoding="utf-8")


def test_every_registered_format_has_a_golden_file():
    assert set(EXTENSIONS) <= set(RENDERERS)


# --- JSON ------------------------------------------------------------------------------

FINDING_KEYS = {"code", "rule", "category", "severity", "start", "end", "line", "column", "text", "message", "suggestions"}


def test_json_keeps_the_public_shape_and_adds_score_and_passed():
    report = golden_report()
    data = json.loads(render(report, "json"))
    assert set(data) == {"version", "files"}
    for fr, out in zip(report.files, data["files"]):
        assert set(out) == {"path", "words", "findings", "score", "passed"}
        assert out["score"] == fr.score and out["passed"] == fr.passed
        for f in out["findings"]:
            assert set(f) == FINDING_KEYS
            assert fr.text[f["start"] : f["end"]] == f["text"]
            assert all(set(s) == {"replacement", "confidence"} for s in f["suggestions"])


def test_jsonl_lines_are_findings_then_file_then_summary():
    lines = [json.loads(line) for line in render(golden_report(), "jsonl").splitlines()]
    assert [line["type"] for line in lines] == ["finding"] * 5 + ["file", "file", "summary"]
    assert lines[0]["path"] == "news/kyiv: day 3, live.md" and FINDING_KEYS <= set(lines[0])
    assert lines[-1]["passed"] is False and lines[-1]["findings"] == 5


# --- SARIF -----------------------------------------------------------------------------

LEVELS = {"none", "note", "warning", "error"}


def validate_sarif(log: dict) -> None:
    """The required structure of a SARIF 2.1.0 log (after the OASIS schema's required
    properties and value constraints for the parts mtcheck writes)."""
    assert log["version"] == "2.1.0"
    assert isinstance(log["$schema"], str) and "sarif" in log["$schema"]
    assert isinstance(log["runs"], list) and log["runs"]
    for run in log["runs"]:
        driver = run["tool"]["driver"]
        assert isinstance(driver["name"], str) and driver["name"]
        assert run.get("columnKind") in {"utf16CodeUnits", "unicodeCodePoints"}
        ids = []
        for rule in driver.get("rules", []):
            assert isinstance(rule["id"], str)
            assert isinstance(rule["shortDescription"]["text"], str) and rule["shortDescription"]["text"]
            assert isinstance(rule["fullDescription"]["text"], str)
            assert rule["defaultConfiguration"]["level"] in LEVELS
            ids.append(rule["id"])
        assert len(ids) == len(set(ids))
        for result in run["results"]:
            assert isinstance(result["message"]["text"], str)
            assert result["level"] in LEVELS
            assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
            for loc in result["locations"]:
                phys = loc["physicalLocation"]
                assert isinstance(phys["artifactLocation"]["uri"], str)
                region = phys["region"]
                for key in ("startLine", "startColumn", "endLine", "endColumn"):
                    assert isinstance(region[key], int) and region[key] >= 1, key
                assert (region["endLine"], region["endColumn"]) >= (region["startLine"], region["startColumn"])
                assert region["charOffset"] >= 0 and region["charLength"] >= 0
            for fix in result.get("fixes", []):
                for change in fix["artifactChanges"]:
                    assert change["artifactLocation"]["uri"]
                    for rep in change["replacements"]:
                        assert rep["deletedRegion"]["startLine"] >= 1


def _region_text(text: str, region: dict) -> str:
    """Slice ``text`` by a SARIF region, counting columns in code points."""
    lines = text.splitlines(keepends=True)
    start = sum(len(l) for l in lines[: region["startLine"] - 1]) + region["startColumn"] - 1
    end = sum(len(l) for l in lines[: region["endLine"] - 1]) + region["endColumn"] - 1
    return text[start:end]


def test_sarif_structure_rules_levels_and_code_point_regions():
    report = golden_report()
    log = json.loads(render(report, "sarif"))
    validate_sarif(log)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert set(rules) == {"C901", "L901", "R001", "T001"}
    assert "guillemets" in rules["T001"]["shortDescription"]["text"]
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels == {"T001": "error", "R001": "error", "L901": "warning", "C901": "note"}
    text = report.files[0].text
    for result, f in zip(run["results"], report.files[0].findings):
        region = result["locations"][0]["physicalLocation"]["region"]
        assert _region_text(text, region) == f.text == region["snippet"]["text"]
    # The emoji flag is two code points (four UTF-16 units): the guillemet is at column 36.
    first = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert text.splitlines()[0][first["startColumn"] - 1] == "«"
    assert first["startColumn"] == text.index("«") + 1
    multi = next(r for r in run["results"] if r["ruleId"] == "L901")["locations"][0]["physicalLocation"]["region"]
    assert (multi["startLine"], multi["endLine"]) == (3, 4)


def test_sarif_from_a_live_scan_of_the_seed_article(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["scan", str(SEED), "--format", "sarif"])
    assert exit_info.value.code == 1
    log = json.loads(capsys.readouterr().out)
    validate_sarif(log)
    text = SEED.read_text(encoding="utf-8")
    spans = set()
    for result in log["runs"][0]["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        assert _region_text(text, region) == region["snippet"]["text"]
        spans.add((result["ruleId"], region["startLine"], region["startColumn"], region["snippet"]["text"]))
    assert ("T001", 5, 416, " »»") in spans
    assert ("R001", 29, 259, " in arms") in spans


# --- GitHub ----------------------------------------------------------------------------

_COMMAND_RE = re.compile(r"^::(?P<cmd>error|warning|notice) (?P<props>[^:]*)::(?P<msg>.*)$")


def _unescape(value: str) -> str:
    return (value.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":")
            .replace("%2C", ",").replace("%25", "%"))


def parse_github(output: str) -> list[dict]:
    """Parse workflow-command lines back into dictionaries, as the Actions runner does."""
    parsed = []
    for line in output.splitlines():
        m = _COMMAND_RE.match(line)
        assert m, line
        props = dict(p.split("=", 1) for p in m["props"].split(","))
        parsed.append({"command": m["cmd"], **{k: _unescape(v) for k, v in props.items()},
                       "message": _unescape(m["msg"])})
    return parsed


def test_github_annotations_parse_back_to_the_findings():
    report = golden_report()
    parsed = parse_github(render(report, "github"))
    fr = report.files[0]
    assert len(parsed) == len(fr.findings)
    for ann, f in zip(parsed, fr.findings):
        line, col = fr.line_col(f.start)
        end_line, end_col = fr.line_col(f.end)
        assert ann["file"] == "news/kyiv: day 3, live.md"
        assert (int(ann["line"]), int(ann["col"]), int(ann["endLine"]), int(ann["endColumn"])) == (line, col, end_line, end_col)
        assert ann["title"] == f"{f.code} {f.rule}"
        assert ann["message"].startswith(f.message)
        assert ann["command"] == {"error": "error", "warning": "warning", "info": "notice"}[f.severity.value]


# --- JUnit -----------------------------------------------------------------------------

def test_junit_parses_with_one_case_per_file():
    root = ET.fromstring(render(golden_report(), "junit"))
    assert root.tag == "testsuites"
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["news/kyiv: day 3, live.md", "news/clean.txt"]
    assert suite.get("tests") == "2" and suite.get("failures") == "1"
    failure = cases[0].find("failure")
    assert failure is not None and "score 41.2" in failure.get("message")
    assert "« " in failure.text and "R001" in failure.text
    assert cases[1].find("failure") is None


# --- Markdown --------------------------------------------------------------------------

def test_markdown_summary_has_verdict_table_and_escaped_cells():
    out = render(golden_report(), "markdown")
    assert out.startswith("## mtcheck: ❌ failed")
    rows = [l for l in out.splitlines() if l.startswith("| news/")]
    assert len(rows) == 2 and "| 41.2 |" in rows[0] and "✅ pass" in rows[1]
    assert "Odd break \\| 50% of the time" in out
    assert "**By category:** typography 2, casing 1, repetition 1, fluency 1" in out


def test_text_shows_file_scores_and_the_run_summary():
    out = render(golden_report(), "text")
    assert "news/kyiv: day 3, live.md: " in out and "score 41.2, failed" in out
    assert "by category: typography 2, casing 1, repetition 1, fluency 1" in out
    assert "0.25 s · gate failed (1 file)" in out
