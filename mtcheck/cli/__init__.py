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
from collections.abc import Callable
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

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


class _Command(TyperCommand):
    """A command whose help option converts its value without pydantic (see :class:`_PlainValue`)."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            _plain_coercion(option)
        return option


class _Group(TyperGroup):
    """Lists commands in registration order, each with its whole summary line (click truncates)."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            _plain_coercion(option)
        return option

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
        command = getattr(importlib.import_module(module), function)
        application.command(name, cls=_Command, context_settings=CONTEXT_SETTINGS)(command)
    return application


def build_app(names: list[str] | None = None) -> Any:
    """The click command (a typer group) with the named commands, for click's ``CliRunner``."""
    command = typer.main.get_command(build_typer(names))
    for cmd in [command, *getattr(command, "commands", {}).values()]:
        for param in cmd.params:
            _plain_coercion(param)
    return command


class _PlainValue:
    """Converts a command-line value of a plain type (str, int, float with bounds, a string
    enum, a list of those) as click does, with click's messages.

    Typer converts values through pydantic, whose import costs more than the whole rest of a
    cold ``scan``'s command line; every mtcheck parameter is of a plain type, so each gets
    this converter instead (see :func:`_plain_coercion`)."""

    def __init__(self, convert: Any) -> None:
        self.convert = convert

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        multi = param.multiple or param.nargs == -1
        if value is None:
            return () if multi else None
        if multi:
            return [self.convert(item, param, ctx) for item in value]
        return self.convert(value, param, ctx)


def _bad(message: str, param: Any, ctx: Any) -> Exception:
    return typer.BadParameter(message, ctx=ctx, param=param)


def _converter(annotation: Any, info: Any) -> Any:
    """A ``convert(value, param, ctx)`` for a plain annotation, or None (left to typer)."""
    from enum import Enum
    from typing import get_args, get_origin

    if get_origin(annotation) is list:
        (annotation,) = get_args(annotation)
    if annotation is str:
        return lambda value, param, ctx: value if isinstance(value, str) else str(value)
    if annotation is bool:

        def flag(value: Any, param: Any, ctx: Any) -> bool:
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in ("1", "true", "t", "yes", "y", "on"):
                return True
            if text in ("0", "false", "f", "no", "n", "off"):
                return False
            raise _bad(f"{value!r} is not a valid boolean.", param, ctx)

        return flag
    if annotation in (int, float):
        low, high = info.min, info.max
        kind = "integer" if annotation is int else "float"

        def number(value: Any, param: Any, ctx: Any) -> Any:
            try:
                number = annotation(value)
            except (TypeError, ValueError):
                raise _bad(f"{value!r} is not a valid {kind}.", param, ctx) from None
            if (low is not None and number < low) or (high is not None and number > high):
                bounds = f"{low}<=x<={high}" if low is not None and high is not None else (
                    f"x>={low}" if low is not None else f"x<={high}")
                raise _bad(f"{number} is not in the range {bounds}.", param, ctx)
            return number

        return number
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        members = {str(member.value): member for member in annotation}

        def choice(value: Any, param: Any, ctx: Any) -> Any:
            if isinstance(value, annotation):
                return value
            if str(value) not in members:
                shown = ", ".join(repr(v) for v in members)
                raise _bad(f"{value!r} is not one of {shown}.", param, ctx)
            return members[str(value)]

        return choice
    return None


def _plain_coercion(param: Any) -> None:
    """Give a typer parameter of a plain type the :class:`_PlainValue` converter (keeps
    typer's own, through pydantic, for anything else or if typer's internals change)."""
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or not hasattr(param, "_runtime_param"):
        return
    if descriptor.file_annotation is not None or getattr(descriptor.parameter_info, "parser", None) is not None:
        return
    convert = _converter(descriptor.annotation, descriptor.parameter_info)
    if convert is not None:
        param._runtime_param = _PlainValue(convert)


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


def main(argv: list[str] | None = None, loaded: Callable[[], None] | None = None) -> None:
    """Entry point: run the command, turning every error into one line and exit status 2.

    ``loaded`` is called once the command's modules are imported (see :func:`mtcheck.cli.entry.run`).
    """
    args = list(sys.argv[1:] if argv is None else argv)
    code: Any = 0
    try:
        command = build_app(_names_for(args))
        if loaded is not None:
            loaded()
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
