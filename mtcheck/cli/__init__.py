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
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

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
"""Context settings shared by the app and every command."""

TYPER_SETTINGS: dict[str, Any] = {
    "add_completion": False,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
    "context_settings": CONTEXT_SETTINGS,
}
"""Plain help text (no rich markup: rich is never imported) and no rich tracebacks; errors
are turned into one line by :func:`main`."""


class _Group(TyperGroup):
    """Lists commands in registration order, each with its whole summary line (click truncates)."""

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = [(name, inspect.cleandoc(command.help or "").split("\n\n")[0].replace("\n", " "))
                for name, command in self.commands.items() if not command.hidden]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _show_version(value: bool) -> None:
    if value:
        from mtcheck import __version__

        print(f"mtcheck {__version__}")
        raise typer.Exit(0)


def _root(
    version: Annotated[bool, typer.Option("--version", is_eager=True, callback=_show_version,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Find and fix translation artifacts in machine-translated English news."""


def build_typer(names: list[str] | None = None) -> typer.Typer:
    """The Typer app with the named commands (all of them by default; ``[]``: none)."""
    application = typer.Typer(name="mtcheck", help=HELP, no_args_is_help=True, cls=_Group, **TYPER_SETTINGS)
    application.callback()(_root)
    for name in COMMANDS if names is None else names:
        module, function = COMMANDS[name]
        application.command(name, context_settings=CONTEXT_SETTINGS)(getattr(importlib.import_module(module), function))
    return application


def build_app(names: list[str] | None = None) -> Any:
    """The click command (a typer group) with the named commands, for click's ``CliRunner``."""
    return typer.main.get_command(build_typer(names))


def __getattr__(name: str) -> Any:
    if name == "app":
        return build_app()
    raise AttributeError(name)


def _is_a(exc: BaseException, class_name: str) -> bool:
    """Whether ``exc`` is a click exception of this name (typer vendors its own click)."""
    return any(c.__name__ == class_name for c in type(exc).__mro__)


def _names_for(args: list[str]) -> list[str] | None:
    """The commands to build for ``args``: the invoked one only, none for ``--version``, else all."""
    first = next((a for a in args if not a.startswith("-")), None)
    if first in COMMANDS:
        return [first]
    if first is None and "--version" in args and not {"-h", "--help"} & set(args):
        return []
    return None


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the command, turning every error into one line and exit status 2."""
    args = list(sys.argv[1:] if argv is None else argv)
    code: Any = 0
    try:
        command = build_app(_names_for(args))
        with command.make_context("mtcheck", args) as ctx:
            code = command.invoke(ctx)
        _flush_stdout()
    except MtcheckError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        _interrupted()
    except Exception as exc:  # noqa: BLE001 - the user gets one line, never a traceback
        if _is_a(exc, "Exit"):
            _flush_stdout()
            code = exc.exit_code  # type: ignore[attr-defined]
        else:
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
    if _is_a(exc, "NoArgsIsHelpError") and ctx is not None:
        print(ctx.get_help(), file=sys.stderr)
        sys.exit(2)
    if _is_a(exc, "UsageError"):
        hint = f" (see 'mtcheck {ctx.info_name} --help')" if ctx and ctx.info_name != "mtcheck" else ""
        _fail(f"{exc.format_message()}{hint}")  # type: ignore[attr-defined]
    if _is_a(exc, "Abort"):
        _interrupted()
    if _is_a(exc, "ClickException"):
        _fail(exc.format_message())  # type: ignore[attr-defined]
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
