"""``mtcheck fix``: writes the corrected text, never the input unless --in-place."""

import os
from pathlib import Path

from click.testing import CliRunner

from mtcheck.cli import app

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "samples" / "ft-putin-trump.txt"
CLEAN = "The minister attended the meeting in Brussels on Monday.\nPrices rose by 5.4% in March.\n"


def run(*args):
    return CliRunner().invoke(app, list(args))


def test_fix_writes_output_and_summary(tmp_path):
    out = tmp_path / "fixed.txt"
    result = run("fix", str(SEED), "-o", str(out), "--no-model")
    assert result.exit_code == 0, result.output
    original = SEED.read_text(encoding="utf-8")
    fixed = out.read_text(encoding="utf-8")
    assert fixed != original and "»»" in original and "»»" not in fixed
    assert "changes applied" in result.output and "→" in result.output
    assert SEED.read_text(encoding="utf-8") == original


def test_fix_leaves_a_clean_text_unchanged(tmp_path):
    src = tmp_path / "clean.txt"
    src.write_text(CLEAN, encoding="utf-8")
    out = tmp_path / "out.txt"
    assert run("fix", str(src), "-o", str(out), "--no-model").exit_code == 0
    assert out.read_bytes() == src.read_bytes()


def test_fix_refuses_to_overwrite_input(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("He said: « no ».\n", encoding="utf-8")
    result = run("fix", str(src), "-o", str(src), "--no-model")
    assert result.exit_code != 0
    assert src.read_text(encoding="utf-8") == "He said: « no ».\n"


def test_fix_needs_an_output(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("x\n", encoding="utf-8")
    assert run("fix", str(src), "--no-model").exit_code != 0


def test_fix_in_place_keeps_mode_and_leaves_no_temp_files(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("He said: « no ».\n", encoding="utf-8")
    os.chmod(src, 0o640)
    result = run("fix", str(src), "--in-place", "--no-model")
    assert result.exit_code == 0, result.output
    assert src.read_text(encoding="utf-8") == "He said: “no”.\n"
    assert (src.stat().st_mode & 0o777) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_min_confidence_one_changes_nothing(tmp_path):
    out = tmp_path / "o.txt"
    assert run("fix", str(SEED), "-o", str(out), "--no-model", "--min-confidence", "1").exit_code == 0
    assert out.read_text(encoding="utf-8") == SEED.read_text(encoding="utf-8")


def test_fix_to_stdout(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("He said: « no ».\n", encoding="utf-8")
    result = run("fix", str(src), "-o", "-", "--no-model", "--quiet")
    assert result.exit_code == 0 and result.stdout == "He said: “no”.\n"


def test_unwritable_output_is_a_one_line_error(tmp_path):
    from mtcheck.cli import main
    import pytest

    src = tmp_path / "a.txt"
    src.write_text("He said: « no ».\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["fix", str(src), "-o", str(tmp_path / "missing" / "o.txt"), "--no-model"])
    assert exc.value.code == 2
