"""The typer command line: help, --version, one-line usage errors, exit statuses, lazy command imports,
no pydantic or rich on a normal run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
import pytest
from typer.core import TyperGroup

from mtcheck import __version__
from mtcheck.cli import COMMANDS, app, build_app, main
from mtcheck.cli.scan import SCAN_FORMATS

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "corpus" / "samples" / "ft-putin-trump.txt"


def _main(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def test_app_is_a_typer_group_with_every_command_in_registration_order():
    assert isinstance(app, TyperGroup)
    assert list(app.list_commands(app.context_class(app))) == list(COMMANDS)


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
    out = " ".join(out.split())
    assert "Arguments:" in out and "'-' reads stdin." in out
    assert "[default: text]" in out and "<auto|always|never>" in out and "[0<=x<=100]" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["scan", str(SAMPLE), "--fail-on", "bogus"], "Invalid value for '--fail-on': 'bogus' is not one of"),
        (["scan", str(SAMPLE), "--min-score", "200"], "Invalid value for '--min-score'"),
        (["scan", str(SAMPLE), "--bogus"], "No such option: --bogus"),
        (["fix"], "Missing argument 'PATHS'."),
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


def test_version_prints_the_version_and_exits_0(capsys):
    assert _main(capsys, "--version") == (0, f"mtcheck {__version__}\n", "")
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output == f"mtcheck {__version__}\n"


def test_version_imports_no_command_module():
    probe = (
        "import sys\nfrom mtcheck.cli import main\ntry:\n    main(['--version'])\nexcept SystemExit as e:\n"
        "    print(e.code, sorted(m for m in sys.modules if m.startswith('mtcheck.cli.')))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}, check=True)
    assert done.stdout.splitlines() == [f"mtcheck {__version__}", "0 []"]


@pytest.mark.parametrize(("fmt", "instead"), [("corrections", "mtcheck diff -f markdown"), ("diff", "mtcheck diff -f diff")])
def test_scan_does_not_offer_the_corrections_formats(capsys, fmt, instead):
    """scan never corrects: the corrections formats are diff's, and scan says so in one line."""
    code, out, err = _main(capsys, "scan", str(SAMPLE), "-f", fmt)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("mtcheck: error: scan does not correct") and instead in err
    assert fmt not in SCAN_FORMATS
    _, help_text, _ = _main(capsys, "scan", "--help")
    assert ", ".join(SCAN_FORMATS) in " ".join(help_text.split())
    assert "corrections" not in help_text


def test_every_scan_format_renders(capsys):
    for fmt in SCAN_FORMATS:
        code, out, err = _main(capsys, "scan", str(SAMPLE), "-f", fmt, "--exit-zero")
        assert code == 0 and out and "error" not in err, fmt


def test_comma_lists_are_accepted_like_repeated_options(capsys):
    _, repeated, _ = _main(capsys, "scan", str(SAMPLE), "-f", "jsonl", "--select", "T", "--select", "C", "--exit-zero")
    _, comma, _ = _main(capsys, "scan", str(SAMPLE), "-f", "jsonl", "--select", "T,C", "--exit-zero")
    assert comma == repeated


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["scan", str(SAMPLE), "-j", "x"], "Invalid value for '--jobs' / '-j': 'x' is not a valid integer."),
        (["scan", str(SAMPLE), "-j", "-1"], "-1 is not in the range x>=0."),
        (["scan", str(SAMPLE), "--min-score", "-1"], "-1.0 is not in the range 0<=x<=100."),
        (["scan", str(SAMPLE), "--color", "pink"], "'pink' is not one of 'auto', 'always', 'never'."),
        (["serve", "--port", "70000"], "70000 is not in the range 0<=x<=65535."),
        (["fix", str(SAMPLE), "--min-confidence", "2"], "2.0 is not in the range 0.0<=x<=1.0."),
    ],
)
def test_values_are_checked_with_clicks_messages(capsys, args, message):
    code, out, err = _main(capsys, *args)
    assert code == 2 and out == "" and message in err and err.count("\n") == 1


def test_a_typed_scan_imports_neither_pydantic_nor_rich():
    """typer converts values through pydantic and formats help with rich: mtcheck does neither."""
    probe = (
        "import sys\nfrom mtcheck.cli import main\n"
        "for args in (sys.argv[1:], ['scan', '-h'], ['--help'], ['rules', 'T001']):\n"
        "    try:\n        main(args)\n    except SystemExit:\n        pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'pydantic_core', 'rich'}), file=sys.stderr)"
    )
    args = ["scan", str(SAMPLE), "-f", "json", "--select", "T,N", "--fail-on", "warning", "--min-score", "10",
            "--max-findings-per-1k", "50", "--color", "never", "--engine", "local", "-j", "1", "--exit-zero"]
    done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "MTCHECK_NO_SYNTAX": "1"})
    assert done.stderr.strip().splitlines()[-1] == "[]", done.stderr
