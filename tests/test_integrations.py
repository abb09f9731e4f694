"""The shipped integration examples run as written: the pre-commit hook, the GitHub Actions
workflow, and the configuration examples of docs/ci.md."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from mtcheck.config import parse_config
from mtcheck.suppress import parse_directives

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parents[1]
SEED_TEXT = (ROOT / "corpus" / "samples" / "ft-putin-trump.txt").read_text(encoding="utf-8")
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}


def run_mtcheck(argv: list[str], cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    assert argv[0] == "mtcheck"
    return subprocess.run([sys.executable, "-m", "mtcheck", *argv[1:]], cwd=cwd, env=env or ENV,
                          capture_output=True, text=True, timeout=120)


def test_pre_commit_hook_runs_on_articles(tmp_path):
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "mtcheck")
    assert {"id", "name", "entry", "language"} <= set(hook)
    pattern = re.compile(hook["files"])
    assert pattern.search("news/a.txt") and pattern.search("b.md") and not pattern.search("setup.py")
    bad = tmp_path / "bad.txt"
    bad.write_text(SEED_TEXT, encoding="utf-8")
    good = tmp_path / "good.md"
    good.write_text("The minister said the talks would resume on Monday.\n", encoding="utf-8")
    entry = shlex.split(hook["entry"])
    failed = run_mtcheck([*entry, "--select", "T001", str(bad), str(good)], tmp_path)
    assert failed.returncode == 1 and "bad.txt:5:416" in failed.stdout
    passed = run_mtcheck([*entry, str(good)], tmp_path)
    assert passed.returncode == 0, passed.stderr


def test_github_workflow_uploads_sarif_and_gates(tmp_path):
    workflow = yaml.safe_load((ROOT / "examples" / "github-actions.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["mtcheck"]["steps"]
    assert workflow["permissions"]["security-events"] == "write"
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif"))
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "putin-trump.txt").write_text(SEED_TEXT, encoding="utf-8")
    (tmp_path / ".mtcheck.toml").write_text('select = ["T001", "R001"]\n', encoding="utf-8")
    summary = tmp_path / "summary.md"
    env = {**ENV, "GITHUB_STEP_SUMMARY": str(summary)}
    results = {}
    for step in steps:
        command = step.get("run", "")
        if not command.startswith("mtcheck scan"):
            continue
        redirect = command.split(">>")
        proc = run_mtcheck(shlex.split(redirect[0]), tmp_path, env)
        if len(redirect) > 1:
            summary.write_text(proc.stdout, encoding="utf-8")
        results[step["name"]] = proc
    sarif = json.loads((tmp_path / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["columnKind"] == "unicodeCodePoints"
    located = {(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in sarif["runs"][0]["results"]}
    assert ("T001", 5) in located and ("R001", 29) in located
    assert summary.read_text(encoding="utf-8").startswith("## mtcheck: ❌ failed")
    gate = results["Gate (annotations on the changed lines)"]
    assert gate.returncode == 1
    assert "::error file=articles/putin-trump.txt,line=29,col=259,endLine=29,endColumn=267,title=R001 doubled-words::" in gate.stdout
    assert all(p.returncode == 0 for name, p in results.items() if name != "Gate (annotations on the changed lines)")


def _code_blocks(lang: str) -> list[str]:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    return re.findall(rf"```{lang}\n(.*?)```", text, re.DOTALL)


def test_docs_configuration_examples_are_valid():
    blocks = _code_blocks("toml")
    assert len(blocks) >= 2
    for block in blocks:
        data = tomllib.loads(block)
        table = data.get("tool", {}).get("mtcheck", data)
        parse_config(table)
    full = parse_config(tomllib.loads(blocks[0]))
    assert full.gate.min_score == 80 and ("archive/**", ("T",)) in full.per_file_ignores


def test_docs_suppression_example_parses():
    (block,) = _code_blocks("markdown")
    sup = parse_directives(block, "doc.md", (0, *[m.end() for m in re.finditer("\n", block)]))
    assert sup.warnings == () and [d.action for d in sup.directives] == ["disable", "enable", "disable-line", "disable-next-line"]
