"""The ``mtcheck`` command line. Each command lives in its own module and is registered here."""

from __future__ import annotations

import os
import sys

import typer

from mtcheck.errors import MtcheckError

app = typer.Typer(
    name="mtcheck",
    help="Find and fix translation artifacts in machine-translated English news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _register() -> None:
    from mtcheck.cli import bench, diff, doctor, fix, rules_cmd, scan

    app.command("scan")(scan.scan)
    app.command("rules")(rules_cmd.rules)
    app.command("bench")(bench.bench)
    app.command("fix")(fix.fix)
    app.command("diff")(diff.diff)
    app.command("doctor")(doctor.doctor)


_register()


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app, turning known errors into one line and exit status 2."""
    try:
        app(args=argv, prog_name="mtcheck")
    except MtcheckError as exc:
        print(f"mtcheck: error: {exc}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("mtcheck: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the user gets one line, never a traceback
        if os.environ.get("MTCHECK_DEBUG"):
            raise
        print(f"mtcheck: internal error: {type(exc).__name__}: {exc} (set MTCHECK_DEBUG=1 for details)", file=sys.stderr)
        sys.exit(2)
