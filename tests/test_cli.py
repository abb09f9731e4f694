"""The click command line: help, one-line usage errors, exit statuses, lazy command imports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
from click.testing import CliRunner
import pytest

from mtcheck.cli import COMMANDS, app, build_app, main

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "corpus" / "samples" / "ft-putin-trump.txt"


def _main(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def test_app_is_a_click_group_with_every_command_in_registration_order():
    assert isinstance(app, click.Group)
    assert list(app.list_commands(click.Context(app))) == list(COMMANDS)


def test_no_arguments_print_help_to_stderr_and_exit_2(capsys):
    code, out, err = _main(capsys)
    assert code == 2 and out == ""
    assert err.startswith("Usage: mtcheck [OPTIONS] COMMAND [ARGS]...")
    assert "Score scan and fix against the hand-annotated corpus: P/R/F1,\n" in err
    assert "BLEU/chrF/TER, words/s." in err


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_short_and_long_help(capsys, name):
    short = _main(capsys, name, "-h")
    long = _main(capsys, name, "--help")
    assert short == long
    code, out, _ = short
    assert code == 0 and out.startswith(f"Usage: mtcheck {name} [OPTIONS]")


def test_argument_help_and_defaults_are_shown(capsys):
    _, out, _ = _main(capsys, "scan", "--help")
    assert "Positional arguments:" in out and "'-' reads stdin." in out
    assert "[default: text]" in out and "[auto|always|never]" in out and "[0<=x<=100]" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["scan", str(SAMPLE), "--fail-on", "bogus"], "Invalid value for '--fail-on': 'bogus' is not one of"),
        (["scan", str(SAMPLE), "--min-score", "200"], "Invalid value for '--min-score'"),
        (["scan", str(SAMPLE), "--bogus"], "No such option '--bogus'"),
        (["fix"], "Missing argument 'PATH...'."),
        (["bench", "--split", "nope"], "Invalid value for '--split'"),
    ],
)
def test_usage_errors_are_one_line_with_a_hint(capsys, args, message):
    code, out, err = _main(capsys, *args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("mtcheck: error: ") and message in err
    assert err.rstrip().endswith(f"(see 'mtcheck {args[0]} --help')")


def test_unknown_command_is_one_line(capsys):
    assert _main(capsys, "bogus") == (2, "", "mtcheck: error: No such command 'bogus'.\n")


def test_scan_exit_status_follows_the_gate(capsys):
    assert _main(capsys, "scan", str(SAMPLE), "-f", "json")[0] == 1
    assert _main(capsys, "scan", str(SAMPLE), "-f", "json", "--exit-zero")[0] == 0
    assert _main(capsys, "scan", str(SAMPLE), "-f", "json", "--fail-on", "never")[0] == 0


def test_repeatable_options_reach_the_command(capsys):
    code, out, _ = _main(capsys, "scan", str(SAMPLE), "-f", "jsonl", "--select", "T", "--select", "C", "--exit-zero")
    codes = {json.loads(line)["code"][0] for line in out.splitlines() if json.loads(line)["type"] == "finding"}
    assert code == 0 and codes and codes <= {"T", "C"}


def test_build_app_imports_only_the_named_command():
    probe = (
        "import sys\nfrom mtcheck.cli import build_app\nbuild_app(['rules'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('mtcheck.cli.')))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}, check=True)
    assert done.stdout.strip() == "['mtcheck.cli.rules_cmd']"


def test_a_partial_app_still_runs_its_command():
    result = CliRunner().invoke(build_app(["rules"]), ["rules"])
    assert result.exit_code == 0 and "T001" in result.output
