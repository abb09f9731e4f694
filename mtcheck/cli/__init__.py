"""The ``mtcheck`` command line. Each command lives in its own module, listed in :data:`COMMANDS`.

Only the invoked command's module is imported, so ``mtcheck scan`` never pays for the
benchmark, the model or the HTML report code.
"""

from __future__ import annotations

import errno
import importlib
import inspect
import os
import sys

import click

from mtcheck.errors import MtcheckError

COMMANDS: dict[str, tuple[str, str]] = {
    "scan": ("mtcheck.cli.scan", "scan"),
    "rules": ("mtcheck.cli.rules_cmd", "rules"),
    "fix": ("mtcheck.cli.fix", "fix"),
    "diff": ("mtcheck.cli.diff", "diff"),
    "bench": ("mtcheck.cli.bench", "bench"),
    "doctor": ("mtcheck.cli.doctor", "doctor"),
    "serve": ("mtcheck.cli.serve", "serve"),
    "lsp": ("mtcheck.cli.lsp", "lsp"),
}
"""Command name -> (module, function). Registration is explicit: add new commands here."""

HELP = "Find and fix translation artifacts in machine-translated English news."

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "show_default": True}
"""Click context settings shared by the group and every command."""


class _Group(click.Group):
    """Lists commands in registration order, each with its whole summary line (click sorts and truncates)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, inspect.cleandoc(command.help or "").split("\n\n")[0].replace("\n", " "))
                for name, command in self.commands.items() if not command.hidden]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def build_app(names: list[str] | None = None) -> click.Group:
    """A click group with the named commands (all of them by default)."""
    application = _Group(name="mtcheck", help=HELP, no_args_is_help=True, context_settings=CONTEXT_SETTINGS)
    for name in names or COMMANDS:
        module, function = COMMANDS[name]
        application.add_command(getattr(importlib.import_module(module), function), name)
    return application


def __getattr__(name: str) -> click.Group:
    if name == "app":
        return build_app()
    raise AttributeError(name)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the command, turning every error into one line and exit status 2."""
    args = list(sys.argv[1:] if argv is None else argv)
    first = next((a for a in args if not a.startswith("-")), None)
    try:
        application = build_app([first] if first in COMMANDS else None)
        code = application.main(args=args, prog_name="mtcheck", standalone_mode=False)
        _flush_stdout()
    except click.exceptions.Exit as exc:
        _flush_stdout()
        code = exc.exit_code
    except MtcheckError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        _interrupted()
    except Exception as exc:  # noqa: BLE001 - the user gets one line, never a traceback
        _handle_cli_exception(exc)
    sys.exit(code or 0)


def _flush_stdout() -> None:
    """Flush stdout now, so a full disk or a closed pipe is one line here, not a shutdown traceback."""
    if sys.stdout is None:
        return
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
        _fail("standard output was closed before the report was written (broken pipe)")
    except (OSError, ValueError) as exc:
        _quiet_stdout()
        _fail(f"cannot write to standard output ({getattr(exc, 'strerror', None) or exc})")


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _os_error_message(exc: OSError) -> str:
    """One line for an operating-system error that escaped: the path and what went wrong."""
    where = f"{exc.filename}: " if exc.filename else ""
    if exc.errno == errno.ELOOP:
        return f"{where}symbolic link loop"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"{where}permission denied"
    return f"{where}{exc.strerror or exc}"


def _handle_cli_exception(exc: Exception) -> None:
    if isinstance(exc, BrokenPipeError):
        _quiet_stdout()
        _fail("standard output was closed before the report was written (broken pipe)")
    if isinstance(exc, OSError):
        _fail(_os_error_message(exc))
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click.exceptions.NoArgsIsHelpError) and ctx is not None:
        print(ctx.get_help(), file=sys.stderr)
        sys.exit(2)
    if isinstance(exc, click.UsageError):
        hint = f" (see 'mtcheck {ctx.info_name} --help')" if ctx and ctx.info_name != "mtcheck" else ""
        _fail(f"{exc.format_message()}{hint}")
    if isinstance(exc, click.Abort):
        _interrupted()
    if isinstance(exc, click.ClickException):
        _fail(exc.format_message())
    if os.environ.get("MTCHECK_DEBUG"):
        raise exc
    _fail(f"internal error: {type(exc).__name__}: {exc} (set MTCHECK_DEBUG=1 for details)")


def _interrupted() -> None:
    print("mtcheck: interrupted", file=sys.stderr)
    sys.exit(130)


def _fail(message: str) -> None:
    if sys.stderr is not None:
        try:
            print(f"mtcheck: error: {message}", file=sys.stderr)
        except (OSError, ValueError):
            pass
    sys.exit(2)
