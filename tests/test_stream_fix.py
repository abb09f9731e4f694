"""``fix`` and ``diff`` on files over the streaming threshold: corrected block by block.

The threshold and block size are lowered so that a few-KB file is streamed in several blocks.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtcheck import stream
from mtcheck.cli import app, main
from mtcheck.correct import MAX_DELETED_SHARE, MIN_DELETED_WORDS
from mtcheck.stream_fix import iter_block_fixes

ROOT = Path(__file__).resolve().parents[1]
WHOLE_DOCUMENT_RULES = ("--ignore", "M004", "--ignore", "C003")
"""Rules that compare the whole document (repeated paragraphs, title casing consistency):
block by block they see one block, a documented difference (docs/scale.md)."""


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def run_main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """The real entry point (errors as one line, exit 2): status and stderr."""
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    return exit_info.value.code, capsys.readouterr().err


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream, "STREAM_THRESHOLD_BYTES", 1000)
    monkeypatch.setattr(stream, "BLOCK_CHARS", 3000)


def corpus_text() -> str:
    names = json.loads((ROOT / "corpus" / "splits.json").read_text())["dev"]
    return "\n\n".join((ROOT / "corpus" / "annotated" / f"{n}.txt").read_text(encoding="utf-8") for n in names)


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """The dev articles concatenated, and their whole-file fix (threshold as shipped)."""
    folder = tmp_path_factory.mktemp("corpus")
    src = folder / "all.txt"
    src.write_text(corpus_text(), encoding="utf-8")
    out = folder / "whole.txt"
    result = run("fix", str(src), "-o", str(out), "--no-model", *WHOLE_DOCUMENT_RULES)
    assert result.exit_code == 0, result.output
    return src, out.read_bytes()


def test_streamed_fix_equals_the_whole_file_fix(corpus_file, small_blocks, tmp_path: Path) -> None:
    src, whole = corpus_file
    assert src.stat().st_size > 10 * stream.BLOCK_CHARS
    out = tmp_path / "streamed.txt"
    result = run("fix", str(src), "-o", str(out), "--no-model", *WHOLE_DOCUMENT_RULES)
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == whole
    assert out.read_bytes() != src.read_bytes()
    assert re.match(rf"{re.escape(str(src))}: \d+ changes applied, \d+ proposed only, \d+ findings", result.output)


def test_streamed_diff_applies_to_the_streamed_fix(corpus_file, small_blocks, tmp_path: Path) -> None:
    src, whole = corpus_file
    result = run("diff", str(src), "-f", "diff", "--no-model", *WHOLE_DOCUMENT_RULES)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"--- a/{src}\n+++ b/{src}\n")
    assert result.output.count("--- a/") == 1
    assert apply_patch(src.read_text(encoding="utf-8"), result.output) == whole.decode("utf-8")


def apply_patch(original: str, patch: str) -> str:
    """A minimal unified-diff applier (one file), checking every context and removed line."""
    old = original.splitlines(keepends=True)
    out: list[str] = []
    at = 0
    lines = patch.splitlines(keepends=True)[2:]
    i = 0
    while i < len(lines):
        m = re.match(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@", lines[i])
        assert m, lines[i]
        start, count = int(m.group(1)), int(m.group(2) or 1)
        first = start - 1 if count else start
        out += old[at:first]
        at = first
        i += 1
        while i < len(lines) and not lines[i].startswith("@@"):
            tag, body = lines[i][0], lines[i][1:]
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            if nxt.startswith("\\ No newline"):
                body = body[:-1]
                i += 1
            if tag in " -":
                assert old[at] == body, (old[at], body)
                at += 1
            if tag in " +":
                out.append(body)
            i += 1
    return "".join(out + old[at:])


def test_streamed_markdown_and_html_diff_cover_every_block(corpus_file, small_blocks, tmp_path: Path) -> None:
    src, _ = corpus_file
    blocks = list(iter_block_fixes(str(src), block_chars=3000))
    applied = sum(1 for b in blocks for c in b.corrections if c.applied)
    md = tmp_path / "r.md"
    result = run("diff", str(src), "-o", str(md), "--no-model")
    assert result.exit_code == 0, result.output
    text = md.read_text(encoding="utf-8")
    assert text.startswith("## mtcheck corrections")
    assert sum(int(n) for n in re.findall(r": (\d+) applied, \d+ proposed", text)) == applied
    page = tmp_path / "r.html"
    assert run("diff", str(src), "-o", str(page), "--no-model").exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert html.count("<section class=file") == len(blocks)
    assert f"{sum(len(b.findings) for b in blocks)} findings" in html


def test_suppression_spanning_a_block_boundary(small_blocks, tmp_path: Path) -> None:
    filler = "The minister said the budget would pass on Tuesday.\n\n" * 40
    text = ("<!-- mtcheck: disable T001 -->\n\n" + filler + "He said: « non ».\n\n"
            + "<!-- mtcheck: enable T001 -->\n\n" + filler + "She said: « oui ».\n\n"
            + filler + "<!-- mtcheck: disable-next-line T001 -->\n" + "They said: « peut-être ».\n")
    src = tmp_path / "big.txt"
    src.write_text(text, encoding="utf-8")
    blocks = list(iter_block_fixes(str(src), block_chars=1000))
    assert len(blocks) > 5
    first = next(b for b in blocks if "« non »" in b.text)
    assert "disable T001" not in first.text  # the directive is blocks before
    out = tmp_path / "out.txt"
    result = run("fix", str(src), "-o", str(out), "--no-model")
    assert result.exit_code == 0, result.output
    fixed = out.read_text(encoding="utf-8")
    assert "« non »" in fixed and "« oui »" not in fixed and "“oui”" in fixed
    assert "« peut-être »" in fixed


def test_disable_next_line_on_a_block_s_last_line(small_blocks, tmp_path: Path) -> None:
    filler = "The minister said the budget would pass on Tuesday.\n" * 18
    head = filler + "<!-- mtcheck: disable-next-line T001 -->\n"
    text = head + "They said: « peut-être ».\n" + filler
    src = tmp_path / "big.txt"
    src.write_text(text, encoding="utf-8")
    blocks = list(iter_block_fixes(str(src), block_chars=len(head) + 20))
    assert blocks[0].text == head  # the directive ends the first block, its target starts the next
    assert blocks[1].text.startswith("They said")
    assert not any(f.code == "T001" for b in blocks for f in b.findings)


@pytest.mark.parametrize("encoding, newline", [("utf-8-sig", "\r\n"), ("utf-16", "\n"), ("cp1252", "\r")])
def test_encoding_bom_and_line_endings_kept(small_blocks, tmp_path: Path, encoding: str, newline: str) -> None:
    body = "".join(f"Paragraph {i}: he said « non » to the minister.\n\n" for i in range(60))
    src = tmp_path / "big.txt"
    src.write_bytes(body.replace("\n", newline).encode(encoding))
    out = tmp_path / "out.txt"
    args = ["--encoding", encoding] if encoding == "cp1252" else []
    result = run("fix", str(src), "-o", str(out), "--no-model", *args)
    assert result.exit_code == 0, result.output
    expected = body.replace("« non »", "“non”").replace("\n", newline).encode(encoding)
    assert out.read_bytes() == expected
    assert result.output.startswith(f"{src}: 120 changes applied")  # two quotes each


def test_in_place_keeps_mode_and_output_equal_to_input_is_refused(small_blocks, tmp_path: Path, capsys) -> None:
    src = tmp_path / "big.txt"
    src.write_text("He said « non ».\n\n" * 200, encoding="utf-8")
    before = src.read_bytes()
    code, err = run_main(capsys, "fix", str(src), "-o", str(src), "--no-model")
    assert code == 2 and "refusing to overwrite" in err and len(err.splitlines()) == 1
    assert src.read_bytes() == before
    src.chmod(0o640)
    assert run("fix", str(src), "--in-place", "--no-model").exit_code == 0
    assert src.read_text(encoding="utf-8") == "He said “non”.\n\n" * 200
    assert src.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["big.txt"]


def test_undecodable_part_way_leaves_the_target_untouched(small_blocks, tmp_path: Path, capsys) -> None:
    src = tmp_path / "big.txt"
    src.write_bytes(("He said « non ».\n\n" * 2000).encode("utf-8") + b"\xff\xfe bad\n")
    out = tmp_path / "out.txt"
    out.write_text("keep me", encoding="utf-8")
    code, err = run_main(capsys, "fix", str(src), "-o", str(out), "--no-model")
    assert code == 2 and "not valid UTF-8 (byte 40000)" in err and len(err.splitlines()) == 1
    assert out.read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.txt", "out.txt"]


def test_deletion_cap_holds_for_the_whole_file(small_blocks, tmp_path: Path) -> None:
    # every paragraph carries a duplicated sentence that R rules would delete
    para = "The minister spoke. The minister spoke. Prices rose sharply in March after the vote.\n\n"
    src = tmp_path / "big.txt"
    src.write_text(para * 150, encoding="utf-8")
    blocks = list(iter_block_fixes(str(src), block_chars=800))
    words = sum(b.words for b in blocks)
    from mtcheck.correct import DeletionBudget

    cost = DeletionBudget(0).cost
    spent = [sum(cost(c.finding, c.replacement) for c in b.corrections if c.applied) for b in blocks]
    held = sum(c.status.value == "too large" or c.status.name == "TOO_LARGE" for b in blocks for c in b.corrections)
    assert sum(spent) <= max(MIN_DELETED_WORDS, int(words * MAX_DELETED_SHARE))
    running_words = running_spent = 0
    for b, s in zip(blocks, spent):
        running_words += b.words
        running_spent += s
        assert running_spent <= max(MIN_DELETED_WORDS, int(running_words * MAX_DELETED_SHARE))
    assert sum(spent) > 0 and held > 0


def test_model_is_skipped_for_a_streamed_file_with_a_warning(small_blocks, tmp_path: Path, monkeypatch) -> None:
    import mtcheck.runner

    def no_load(*_a, **_k):  # the model must not even be loaded for a streamed file
        raise AssertionError("model loaded")

    monkeypatch.setattr(mtcheck.runner, "load_model_stage", no_load)
    monkeypatch.setattr("mtcheck.fixing.load_model_stage", no_load)
    src = tmp_path / "big.txt"
    src.write_text("He said « non ».\n\n" * 200, encoding="utf-8")
    result = run("fix", str(src), "-o", str(tmp_path / "o.txt"))
    assert result.exit_code == 0, result.output
    assert "model stage is skipped" in result.output


def test_diff_of_blocks_cut_inside_lines_still_applies(small_blocks, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(stream, "BLOCK_CHARS", 300)
    line = " ".join(f"Word{i} said « non » here." for i in range(20))  # about 500 characters, no break
    text = "".join(f"{line} {n}\n" for n in range(12))
    src = tmp_path / "long.txt"
    src.write_text(text, encoding="utf-8")
    blocks = list(iter_block_fixes(str(src), block_chars=300))
    assert any(not b.text.endswith("\n") for b in blocks[:-1])  # some blocks end inside a line
    out = tmp_path / "fixed.txt"
    assert run("fix", str(src), "-o", str(out), "--no-model").exit_code == 0
    result = run("diff", str(src), "-f", "diff", "--no-model")
    assert result.exit_code == 0, result.output
    assert apply_patch(text, result.output) == out.read_text(encoding="utf-8") != text


def test_output_dir_with_small_and_large_files(small_blocks, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    small = tmp_path / "in" / "small.txt"
    small.write_text("He said « non ».\n", encoding="utf-8")
    large = tmp_path / "in" / "large.txt"
    large.write_text("He said « non ».\n\n" * 200, encoding="utf-8")
    result = run("fix", str(small), str(large), "--output-dir", str(tmp_path / "out"), "--no-model")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "small.txt").read_text(encoding="utf-8") == "He said “non”.\n"
    assert (tmp_path / "out" / "large.txt").read_text(encoding="utf-8") == "He said “non”.\n\n" * 200
    assert f"{small}: 2 changes applied" in result.output and f"{large}: 400 changes applied" in result.output


def test_a_zero_width_no_break_space_at_a_block_start_is_kept(small_blocks, tmp_path: Path, monkeypatch) -> None:
    text = "He said « non ».\n\n" * 100 + "\ufeffShe said « oui ».\n\n" + "He said « non ».\n\n" * 100
    src = tmp_path / "big.txt"
    src.write_text(text, encoding="utf-8")
    cut = text.index("\ufeff")
    monkey_blocks = list(iter_block_fixes(str(src), block_chars=cut + 10))
    assert any(b.text == "\ufeff" for b in monkey_blocks)
    monkeypatch.setattr(stream, "BLOCK_CHARS", cut + 10)
    out = tmp_path / "out.txt"
    assert run("fix", str(src), "-o", str(out), "--no-model").exit_code == 0
    assert out.read_text(encoding="utf-8") == text.replace("« non »", "“non”").replace("« oui »", "“oui”")


def test_a_malformed_directive_in_a_later_block_names_its_file_line(small_blocks, tmp_path: Path) -> None:
    text = "The minister spoke on Tuesday.\n\n" * 100 + "<!-- mtcheck: frobnicate -->\n"
    src = tmp_path / "big.txt"
    src.write_text(text, encoding="utf-8")
    blocks = list(iter_block_fixes(str(src), block_chars=1000))
    assert len(blocks) > 2
    warnings = [w for b in blocks for w in b.warnings]
    assert warnings == [f"{src}:201: unknown mtcheck directive 'frobnicate'"]


def test_diff_of_stdin_names_the_stdin_filename() -> None:
    result = CliRunner().invoke(app, ["diff", "-", "-f", "diff", "--no-model", "--stdin-filename", "news/a.txt"],
                                input="He said « non ».\n")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("--- a/news/a.txt\n+++ b/news/a.txt\n@@ -1 +1 @@\n-He said « non ».\n+He said “non”.\n")
