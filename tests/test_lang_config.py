"""Selection, configuration values, config-file edge cases, gate reasons and lexicon control,
each through the real command line (a subprocess): exit status and one-line messages."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from mtcheck.gate import Gate, GateCheck, GateFailure, apply_gate
from mtcheck.findings import FileReport, Finding, Severity
from mtcheck.rules import rule_by_code
from mtcheck.selection import parse

ROOT = Path(__file__).resolve().parents[1]
TEXT = (
    "Several ministers assisted to the ceremony in Varsovie.\n"
    "He added: « The fights will not stop. »\n"
)


def run(cwd: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "mtcheck", *args], cwd=cwd, capture_output=True, text=True,
        input=stdin, env=env, check=False,
    )


def one_line_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mtcheck: error: "), result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


def codes(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert result.returncode in (0, 1), result.stderr
    return [f["code"] for f in json.loads(result.stdout)["files"][0]["findings"]]


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


# --- selection -------------------------------------------------------------------------------

def test_selectors_accept_codes_prefixes_names_aliases_and_comma_lists():
    assert parse(["T,N", "source-exonym", "french-word", "all"], "x") == ("T", "N", "U001", "U002", "ALL")
    assert rule_by_code("french-exonym").code == "U001" and rule_by_code("french-guillemets").code == "T001"
    assert parse(["L"], "x") == ("L",)  # the model rule can be named although it runs only with the model


def test_select_comma_list_on_the_command_line(article):
    found = codes(run(article.parent, "scan", article.name, "-f", "json", "--select", "T,U"))
    assert set(found) == {"T001", "U001"}
    found = codes(run(article.parent, "scan", article.name, "-f", "json", "--select", "ALL", "--ignore", "french-exonym,T"))
    assert set(found) == {"F001"}


def test_select_comma_list_in_config(article):
    (article.parent / ".mtcheck.toml").write_text('select = "T,F"\nignore = ["guillemets"]\n', encoding="utf-8")
    assert set(codes(run(article.parent, "scan", article.name, "-f", "json"))) == {"F001"}


@pytest.mark.parametrize("flag, value, fragment", [
    ("--select", "Z", "no rule code starts with 'Z'"),
    ("--select", "T999", "no rule code starts with 'T999'"),
    ("--ignore", "frnch-exonym", "'frnch-exonym' is not a rule code"),
    ("--extend-select", "T,nope", "'nope' is not a rule code"),
    ("--select", "T,,N", "empty rule selector"),
])
def test_unknown_selector_in_flags_is_a_usage_error(article, flag, value, fragment):
    one_line_error(run(article.parent, "scan", article.name, flag, value), fragment)


@pytest.mark.parametrize("content, fragment", [
    ('select = ["T", "Q"]', "select: no rule code starts with 'Q'"),
    ('ignore = "french-exonm"', "ignore: 'french-exonm' is not a rule code"),
    ('[severity]\nnope = "info"', "[severity]"),
    ('[per-file-ignores]\n"*.txt" = ["X1"]', "per-file-ignores"),
])
def test_unknown_selector_in_config_is_a_usage_error(article, content, fragment):
    (article.parent / ".mtcheck.toml").write_text(content + "\n", encoding="utf-8")
    one_line_error(run(article.parent, "scan", article.name), ".mtcheck.toml", fragment)


def test_inline_directives_accept_names_and_aliases(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(
        "<!-- mtcheck: disable french-exonym, guillemets -->\n" + TEXT, encoding="utf-8"
    )
    assert codes(run(tmp_path, "scan", path.name, "-f", "json")) == ["F001"]


def test_unknown_code_in_inline_directive_is_a_usage_error(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text("Fine text.\n<!-- mtcheck: disable T001, Q -->\n", encoding="utf-8")
    one_line_error(run(tmp_path, "scan", path.name), "d.txt:2", "'Q'")


def test_rules_command_explains_a_former_name():
    result = run(ROOT, "rules", "french-exonym")
    assert result.returncode == 0 and result.stdout.startswith("U001 source-exonym") and "formerly french-exonym" in result.stdout


# --- configuration values ----------------------------------------------------------------------

@pytest.mark.parametrize("content, fragment", [
    ("[gate]\nmin-score = nan", "min-score must be a finite number from 0 to 100, not nan"),
    ("[gate]\nmin-score = inf", "min-score must be a finite number"),
    ("[gate]\nmin-score = 1e308", "min-score must be a finite number"),
    ("[gate]\nmin-score = 101", "min-score must be a finite number"),
    ("[gate]\nmin-score = -1", "min-score"),
    ('[gate]\nmin-score = "80"', "min-score must be a number"),
    ("[gate]\nmax-findings-per-1k = nan", "max-findings-per-1k must be a finite number"),
    ("[gate]\nmax-findings-per-1k = -0.5", "max-findings-per-1k"),
    ("[gate]\nmax-findings-per-1k = inf", "max-findings-per-1k"),
    ('[gate]\nfail-on = "fatal"', "fail-on must be one of"),
    ("[gate]\nfail-on = 3", "fail-on must be one of"),
    ('source-lang = "xx"', "source-lang must be one of"),
])
def test_config_values_are_range_checked(article, content, fragment):
    (article.parent / ".mtcheck.toml").write_text(content + "\n", encoding="utf-8")
    one_line_error(run(article.parent, "scan", article.name), fragment)


@pytest.mark.parametrize("flag, value", [
    ("--min-score", "nan"), ("--min-score", "inf"), ("--min-score", "1e308"),
    ("--max-findings-per-1k", "nan"), ("--max-findings-per-1k", "inf"),
])
def test_flag_thresholds_reject_non_finite_values(article, flag, value):
    result = run(article.parent, "scan", article.name, flag, value)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# --- issue 11: config file edge cases ----------------------------------------------------------

def test_tool_mtcheck_that_is_not_a_table(article):
    (article.parent / "pyproject.toml").write_text("[tool]\nmtcheck = 5\n", encoding="utf-8")
    one_line_error(run(article.parent, "scan", article.name), "[tool.mtcheck]", "must be a table")


def test_tool_that_is_not_a_table_is_no_mtcheck_config(article):
    (article.parent / "pyproject.toml").write_text('tool = "x"\n', encoding="utf-8")
    assert run(article.parent, "scan", article.name).returncode == 1  # defaults: errors fail the gate


def test_invalid_utf8_in_config(article):
    (article.parent / ".mtcheck.toml").write_bytes(b'select = ["T\xff"]\n')
    one_line_error(run(article.parent, "scan", article.name), "not valid UTF-8")


def test_invalid_utf8_in_explicit_pyproject_config(article):
    path = article.parent / "pyproject.toml"
    path.write_bytes(b'[tool.mtcheck]\nselect = ["\xfe"]\n')
    one_line_error(run(article.parent, "scan", article.name), "pyproject.toml", "not valid UTF-8")


def test_bom_in_config_is_accepted(article):
    (article.parent / ".mtcheck.toml").write_bytes('select = ["U"]\n'.encode("utf-8-sig"))
    assert set(codes(run(article.parent, "scan", article.name, "-f", "json"))) == {"U001"}


def test_bom_in_pyproject_is_accepted(article):
    (article.parent / "pyproject.toml").write_bytes('[tool.mtcheck]\nselect = ["T"]\n'.encode("utf-8-sig"))
    assert set(codes(run(article.parent, "scan", article.name, "-f", "json"))) == {"T001"}


@pytest.mark.parametrize("content", [b"[tool\nbroken = \n", b"name = \xff\xfe\n", b'[project]\nname = "x\n'])
def test_unrelated_broken_pyproject_in_a_parent_folder_is_skipped(tmp_path, content):
    (tmp_path / "pyproject.toml").write_bytes(content)
    sub = tmp_path / "articles"
    sub.mkdir()
    (sub / "a.txt").write_text(TEXT, encoding="utf-8")
    result = run(sub, "scan", "a.txt", "-f", "json")
    assert set(codes(result)) == {"F001", "T001", "U001"} and result.stderr == ""


def test_broken_pyproject_that_has_mtcheck_settings_is_reported(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.mtcheck]\nselect = ["T"\n', encoding="utf-8")
    sub = tmp_path / "articles"
    sub.mkdir()
    (sub / "a.txt").write_text(TEXT, encoding="utf-8")
    one_line_error(run(sub, "scan", "a.txt"), "pyproject.toml: invalid TOML")


# --- the gate says why -----------------------------------------------------------------------

def test_gate_result_is_typed():
    finding = Finding("U001", "source-exonym", "untranslated", Severity.ERROR, 0, 3, "abc", "m")
    report = apply_gate(FileReport("a.txt", "abc def", 100, (finding,)), Gate(min_score=99, max_findings_per_1k=5))
    assert report.passed is False
    assert report.gate_failures == (
        GateFailure(GateCheck.FAIL_ON, Severity.ERROR, 1),
        GateFailure(GateCheck.MIN_SCORE, 99.0, 50.0),
        GateFailure(GateCheck.MAX_FINDINGS_PER_1K, 5.0, 10.0),
    )
    assert apply_gate(FileReport("b.txt", "abc", 100, ()), Gate()).gate_failures == ()


def test_gate_prints_which_threshold_and_which_value(article):
    result = run(article.parent, "scan", article.name, "--min-score", "99", "--fail-on", "warning")
    assert result.returncode == 1
    line = next(l for l in result.stdout.splitlines() if l.strip().startswith("gate failed:"))
    assert re.search(r"\d+ findings at or above warning \(fail-on = warning\)", line)
    assert "below min-score 99" in line


def test_gate_reasons_per_file_in_a_multi_file_run(article):
    clean = article.parent / "b.txt"
    clean.write_text("A clean sentence.\n", encoding="utf-8")
    result = run(article.parent, "scan", article.name, clean.name, "--fail-on", "warning")
    lines = result.stdout.splitlines()
    assert any(l.startswith("a.txt:") and "failed (" in l and "(fail-on = warning)" in l for l in lines)
    assert any(l.startswith("b.txt:") and l.endswith("passed") for l in lines)


def test_gate_rate_reason(article):
    result = run(article.parent, "scan", article.name, "--fail-on", "never", "--max-findings-per-1k", "1")
    assert result.returncode == 1
    assert "findings per 1,000 words above max-findings-per-1k 1" in result.stdout


# --- lexicon control ---------------------------------------------------------------------------

def test_every_lexicon_finding_carries_its_entry_id(article):
    result = run(article.parent, "scan", article.name, "-f", "json")
    assert "[assist-to]" in result.stdout


def test_ignore_entries_in_config(article):
    (article.parent / ".mtcheck.toml").write_text('ignore-entries = ["assist-to", "exonym:varsovie"]\n', encoding="utf-8")
    assert codes(run(article.parent, "scan", article.name, "-f", "json")) == ["T001", "T001"]


def test_unknown_entry_id_is_a_usage_error(article):
    (article.parent / ".mtcheck.toml").write_text('ignore-entries = ["assist-too"]\n', encoding="utf-8")
    one_line_error(run(article.parent, "scan", article.name), "ignore-entries: no data entry 'assist-too'")


def test_inline_entry_directive(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(
        "<!-- mtcheck: disable entry:assist-to -->\n" + TEXT
        + "<!-- mtcheck: enable entry:assist-to -->\nThey assisted to the ceremony.\n",
        encoding="utf-8",
    )
    result = run(tmp_path, "scan", path.name, "-f", "json")
    found = [(f["code"], f["line"]) for f in json.loads(result.stdout)["files"][0]["findings"]]
    assert ("F001", 2) not in found and ("F001", 5) in found and ("U001", 2) in found


def test_inline_entry_directive_with_a_bad_id(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text("<!-- mtcheck: disable entry:bad/id -->\nText.\n", encoding="utf-8")
    one_line_error(run(tmp_path, "scan", path.name), "d.txt:1", "not an entry id")


USER_LEXICON = '''table = "false_friends"

[[entry]]
id = "my-deception"
source = "decepción"
note = "‘decepción’ means ‘disappointment’"
pattern = "[deception] {at|over|with} the {result|results|defeat}"
suggest = ["disappointment"]
confidence = 0.8
bad = ["There was deception at the result."]
expect = ["There was disappointment at the result."]
good = ["The fraud involved deception."]
'''


def _user_project(tmp_path, lexicon: str, names: str = 'table = "exonyms"\n[place]\n"Lutèce" = "Paris"\n'):
    (tmp_path / "lex").mkdir()
    (tmp_path / "lex" / "mine.toml").write_text(lexicon, encoding="utf-8")
    (tmp_path / "lex" / "names.toml").write_text(names, encoding="utf-8")
    (tmp_path / ".mtcheck.toml").write_text('extend-lexicon = ["lex/mine.toml", "lex/names.toml"]\n', encoding="utf-8")
    sub = tmp_path / "articles"
    sub.mkdir()
    (sub / "c.txt").write_text("Fans showed deception at the defeat in Lutèce.\n", encoding="utf-8")
    return sub


def test_user_lexicon_entries_are_found_relative_to_the_config(tmp_path):
    sub = _user_project(tmp_path, USER_LEXICON)
    result = run(sub, "scan", "c.txt", "-f", "json")
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert {(f["code"], f["text"]) for f in findings} == {("F001", "deception"), ("U001", "Lutèce")}
    assert any("[my-deception]" in f["message"] for f in findings)
    (tmp_path / ".mtcheck.toml").write_text(
        'extend-lexicon = ["lex/mine.toml", "lex/names.toml"]\nignore-entries = ["my-deception", "exonym:lutece"]\n',
        encoding="utf-8",
    )
    assert codes(run(sub, "scan", "c.txt", "-f", "json")) == []


@pytest.mark.parametrize("lexicon, fragment", [
    (USER_LEXICON.replace('table = "false_friends"\n', ""), "needs a top-level table"),
    (USER_LEXICON.replace("confidence = 0.8", "confidence = 2"), "confidence must be in (0, 1]"),
    (USER_LEXICON.replace("pattern = ", "patern = "), "missing pattern"),
    (USER_LEXICON.replace("[deception]", "[deception"), "my-deception"),
    (USER_LEXICON.replace("There was disappointment at the result.", "wrong"), "not the expected 'wrong'"),
    (USER_LEXICON.replace("The fraud involved deception.", "There was deception at the result."), "matches its good example"),
    (USER_LEXICON + "\n[[entry]]\nid = 'my-deception'\n", "my-deception"),
    ("table = \"calques\"\nentry = 5\n", "no [[entry]]"),
    ("table = \"false_friends\"\n[[entry\n", "invalid TOML"),
])
def test_user_lexicon_errors_are_one_line(tmp_path, lexicon, fragment):
    sub = _user_project(tmp_path, lexicon)
    one_line_error(run(sub, "scan", "c.txt"), "extend-lexicon", "mine.toml", fragment)


@pytest.mark.parametrize("names, fragment", [
    ('table = "exonyms"\n[planet]\n"Mars" = "Mars"\n', "unknown section 'planet'"),
    ('table = "exonyms"\n[place]\n"Lutèce" = 3\n', "must map to a different"),
    ('table = "exonyms"\n', "no names"),
])
def test_user_exonym_errors_are_one_line(tmp_path, names, fragment):
    sub = _user_project(tmp_path, USER_LEXICON, names)
    one_line_error(run(sub, "scan", "c.txt"), "names.toml", fragment)


def test_missing_user_lexicon_file(tmp_path, article):
    (article.parent / ".mtcheck.toml").write_text('extend-lexicon = ["nowhere.toml"]\n', encoding="utf-8")
    one_line_error(run(article.parent, "scan", article.name), "nowhere.toml", "cannot read lexicon file")


def test_docs_lexicon_example_is_a_valid_user_file(tmp_path):
    import re as _re

    from mtcheck.lang.extensions import load_extension

    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    (block,) = _re.findall(r'```toml title="lexicon/our-terms.toml"\n(.*?)```', text, _re.DOTALL)
    path = tmp_path / "our-terms.toml"
    path.write_text(block, encoding="utf-8")
    ext = load_extension(path)
    assert ext.table == "false_friends" and [e.id for e in ext.entries] == ["our-deception"]
