"""Inline suppression directives in plain-text and Markdown articles (the seed article)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtcheck.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED_LINES = (ROOT / "corpus" / "samples" / "ft-putin-trump.txt").read_text(encoding="utf-8").split("\n")
# Line 5 (index 4) ends with " »»" (T001); line 29 (index 28) has "in arms in arms" (R001).
GUILLEMET_LINE, DOUBLED_LINE = 4, 28


def scan(capsys, path: Path, *args: str) -> tuple[int, dict, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(["scan", "--format", "json", "--select", "T001", "--select", "R001", str(path), *args])
    out, err = capsys.readouterr()
    return exit_info.value.code, json.loads(out)["files"][0], err


def write(tmp_path: Path, lines: list[str], name: str = "article.txt") -> tuple[Path, str]:
    text = "\n".join(lines)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path, text


def found(file_obj: dict, text: str) -> set[tuple[str, str]]:
    """(code, line text start) of each finding, checking spans still index the text."""
    out = set()
    for f in file_obj["findings"]:
        assert text[f["start"] : f["end"]] == f["text"]
        line_text = text.split("\n")[f["line"] - 1]
        out.add((f["code"], line_text[:30]))
    return out


def key(index: int, code: str) -> tuple[str, str]:
    return code, SEED_LINES[index][:30]


@pytest.mark.parametrize("name", ["article.txt", "article.md"])
def test_disable_enable_block(tmp_path, capsys, name):
    lines = list(SEED_LINES)
    lines.insert(GUILLEMET_LINE, "<!-- mtcheck: disable T001 -->")
    lines.insert(GUILLEMET_LINE + 2, "<!-- mtcheck: enable T001 -->")
    path, text = write(tmp_path, lines, name)
    code, data, _ = scan(capsys, path)
    got = found(data, text)
    assert key(GUILLEMET_LINE, "T001") not in got
    assert key(22, "T001") in got and key(DOUBLED_LINE, "R001") in got
    assert code == 1


def test_disable_without_codes_silences_everything_until_enable(tmp_path, capsys):
    lines = list(SEED_LINES)
    lines.insert(0, "<!-- mtcheck: disable -->")
    lines.insert(DOUBLED_LINE + 1, "<!-- mtcheck: enable -->")
    path, text = write(tmp_path, lines)
    code, data, _ = scan(capsys, path)
    got = found(data, text)
    # Every T001 of the seed lies before the enable; the doubled words come right after it.
    assert {c for c, _ in got} == {"R001"} and key(DOUBLED_LINE, "R001") in got
    assert code == 1


def test_disable_line_at_end_of_line_keeps_offsets(tmp_path, capsys):
    lines = list(SEED_LINES)
    lines[DOUBLED_LINE] += " <!-- mtcheck: disable-line R001 -->"
    path, text = write(tmp_path, lines)
    _, plain, _ = scan(capsys, write(tmp_path, SEED_LINES, "plain.txt")[0])
    code, data, _ = scan(capsys, path)
    assert key(DOUBLED_LINE, "R001") not in found(data, text)
    before = {(f["code"], f["start"], f["end"]) for f in plain["findings"] if f["code"] != "R001"}
    after = {(f["code"], f["start"], f["end"]) for f in data["findings"] if f["code"] != "R001"}
    assert before == after


def test_disable_next_line(tmp_path, capsys):
    lines = list(SEED_LINES)
    lines.insert(GUILLEMET_LINE, "<!-- mtcheck: disable-next-line T -->")
    path, text = write(tmp_path, lines, "article.md")
    _, data, _ = scan(capsys, path)
    got = found(data, text)
    assert key(GUILLEMET_LINE, "T001") not in got and key(22, "T001") in got


def test_the_directive_itself_is_never_flagged(tmp_path, capsys):
    # "R001 R001" inside the comment would be a doubled word; the directive is not prose.
    lines = list(SEED_LINES)
    lines.insert(0, "<!-- mtcheck: disable-next-line R001 R001 -->")
    path, text = write(tmp_path, lines)
    _, data, _ = scan(capsys, path)
    assert all(f["line"] != 1 for f in data["findings"])
    assert key(DOUBLED_LINE, "R001") in found(data, text)


def test_unknown_directive_warns_and_suppresses_nothing(tmp_path, capsys):
    lines = list(SEED_LINES)
    lines.insert(GUILLEMET_LINE, "<!-- mtcheck: disabel T001 -->")
    path, text = write(tmp_path, lines)
    code, data, err = scan(capsys, path)
    assert "unknown mtcheck directive" in err and f":{GUILLEMET_LINE + 1}:" in err
    assert key(GUILLEMET_LINE, "T001") in found(data, text) and code == 1


def test_suppressing_every_error_passes_the_gate(tmp_path, capsys):
    lines = ["<!-- mtcheck: disable T001, R001 -->", *SEED_LINES]
    path, _ = write(tmp_path, lines)
    code, data, _ = scan(capsys, path)
    assert data["findings"] == [] and data["passed"] is True and code == 0
