"""Batch runs: directories, globs, stdin, --jobs across processes, progress bar, run summary."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from mtcheck.cli import main
from mtcheck.cli.scan import ProgressBar
from mtcheck.discover import expand_paths, glob_match
from mtcheck.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "corpus" / "samples"
SEED_TEXT = (SAMPLES / "ft-putin-trump.txt").read_text(encoding="utf-8")
OTHER_TEXT = (SAMPLES / "euronews-putin-ruse.txt").read_text(encoding="utf-8")


def scan(capsys, *args: str, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8"))))
    with pytest.raises(SystemExit) as exit_info:
        main(["scan", *args])
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a.txt").write_text(SEED_TEXT, encoding="utf-8")
    (tmp_path / "sub" / "b.md").write_text(OTHER_TEXT, encoding="utf-8")
    (tmp_path / "sub" / "deeper" / "c.txt").write_text(SEED_TEXT, encoding="utf-8")
    (tmp_path / "sub" / "notes.rst").write_text(SEED_TEXT, encoding="utf-8")
    (tmp_path / ".hidden" / "d.txt").write_text(SEED_TEXT, encoding="utf-8")
    return tmp_path


def rel(paths, root):
    return [Path(p).relative_to(root).as_posix() for p in paths]


def test_directories_are_walked_for_txt_and_md(tree):
    assert rel(expand_paths([str(tree)]), tree) == ["a.txt", "sub/b.md", "sub/deeper/c.txt"]


def test_named_files_are_kept_whatever_their_extension(tree):
    assert rel(expand_paths([str(tree / "sub" / "notes.rst"), str(tree / "a.txt"), str(tree)]), tree) == [
        "sub/notes.rst", "a.txt", "sub/b.md", "sub/deeper/c.txt"]


def test_globs(tree):
    assert rel(expand_paths([str(tree / "**" / "*.txt")]), tree) == ["a.txt", "sub/deeper/c.txt"]
    assert glob_match("sub/**/*.txt", "sub/deeper/c.txt") and glob_match("sub/**/*.txt", "sub/x.txt")
    assert glob_match("*.md", "sub/b.md") and not glob_match("sub/*.txt", "sub/deeper/c.txt")
    with pytest.raises(InputError):
        expand_paths([str(tree / "*.docx")])


def test_include_and_exclude_from_config(tree, capsys):
    (tree / ".mtcheck.toml").write_text('include = ["*.txt", "*.rst"]\nexclude = ["sub/deeper/**"]\n', encoding="utf-8")
    code, out, _ = scan(capsys, str(tree), "--format", "json", "--select", "T001")
    assert rel([f["path"] for f in json.loads(out)["files"]], tree) == ["a.txt", "sub/notes.rst"]


def test_directory_scan_reports_each_file(tree, capsys):
    code, out, _ = scan(capsys, str(tree), "--format", "json", "--select", "T001", "--select", "R001")
    files = {Path(f["path"]).name: f for f in json.loads(out)["files"]}
    assert {("T001", 5, 416), ("R001", 29, 259)} <= {(f["code"], f["line"], f["column"]) for f in files["c.txt"]["findings"]}
    assert files["c.txt"]["passed"] is False and code == 1


def test_stdin(capsys, monkeypatch):
    code, out, _ = scan(capsys, "-", "--format", "json", "--select", "R001", stdin=SEED_TEXT, monkeypatch=monkeypatch)
    data = json.loads(out)["files"][0]
    assert data["path"] == "<stdin>"
    assert ("R001", 29, 259, " in arms") in {(f["code"], f["line"], f["column"], f["text"]) for f in data["findings"]}
    assert code == 1


def test_stdin_filename_names_the_article_and_finds_its_config(tmp_path, capsys, monkeypatch):
    (tmp_path / ".mtcheck.toml").write_text('select = ["T001"]\n', encoding="utf-8")
    name = str(tmp_path / "draft.md")
    code, out, _ = scan(capsys, "-", "--stdin-filename", name, "--format", "json", stdin=SEED_TEXT, monkeypatch=monkeypatch)
    data = json.loads(out)["files"][0]
    assert data["path"] == name and {f["code"] for f in data["findings"]} == {"T001"}


def test_jobs_give_the_same_report_in_input_order(tree, capsys):
    _, one, _ = scan(capsys, str(tree), "--format", "json")
    _, two, _ = scan(capsys, str(tree), "--format", "json", "--jobs", "2")
    assert one == two
    assert [Path(f["path"]).name for f in json.loads(two)["files"]] == ["a.txt", "b.md", "c.txt"]


def test_run_summary(tree, capsys):
    code, out, _ = scan(capsys, str(tree), "--select", "T001", "--select", "R001", "--color", "never")
    lines = out.splitlines()
    summary = "\n".join(lines[-3:])
    assert lines[-3].startswith("3 files, ") and " words: " in lines[-3]
    assert "by category: typography " in summary and "repetition 2" in summary
    assert "score " in summary and " s · gate failed (2 files)" in summary
    assert any(l.endswith(", score 100.0, passed") and "b.md" in l for l in lines)


def test_empty_directory_and_missing_path_are_input_errors(tmp_path, capsys):
    code, _, err = scan(capsys, str(tmp_path))
    assert code == 2 and "no article files" in err
    code, _, err = scan(capsys, str(tmp_path / "nope"))
    assert code == 2 and "no such file" in err


class _Terminal(io.StringIO):
    def __init__(self, tty: bool):
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_progress_bar_only_on_a_terminal():
    term = _Terminal(True)
    bar = ProgressBar(term, delay=0)
    for i in range(1, 11):
        bar(i, 10)
    bar.close()
    assert "10/10 files" in term.getvalue() and term.getvalue().endswith("\r\x1b[2K")
    pipe = _Terminal(False)
    bar = ProgressBar(pipe, delay=0)
    bar(5, 10)
    bar.close()
    assert pipe.getvalue() == ""


def test_no_progress_output_when_stderr_is_not_a_terminal(tree, capsys):
    _, _, err = scan(capsys, str(tree), "--select", "T001")
    assert err == ""
