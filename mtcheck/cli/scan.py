"""``mtcheck scan FILE…``: report translation artifacts."""

from __future__ import annotations

import os
import sys
import time
from enum import Enum

import typer

from mtcheck import __version__
from mtcheck.errors import UsageError
from mtcheck.findings import Report, Severity
from mtcheck.lang import UnknownLanguageError
from mtcheck.pipeline import CheckOptions
from mtcheck.render import RENDERERS, render


class ColorMode(str, Enum):
    """When to colour terminal output."""

    auto = "auto"
    always = "always"
    never = "never"


def use_color(mode: ColorMode, stream=sys.stdout) -> bool:
    """Colour when asked, or on a terminal unless ``NO_COLOR`` is set."""
    if mode is ColorMode.always:
        return True
    if mode is ColorMode.never or os.environ.get("NO_COLOR"):
        return False
    return stream.isatty()


def scan(
    paths: list[str] = typer.Argument(..., help="Article files; '-' reads stdin."),
    output_format: str = typer.Option("text", "--format", "-f", help="Output format."),
    source_lang: str = typer.Option("fr", "--source-lang", "-s", help="Source language of the translation."),
    select: list[str] = typer.Option([], "--select", help="Only rules whose code starts with this."),
    ignore: list[str] = typer.Option([], "--ignore", help="Skip rules whose code starts with this."),
    encoding: str = typer.Option(None, "--encoding", help="Input encoding (default UTF-8)."),
    color: ColorMode = typer.Option(ColorMode.auto, "--color", help="Colour the text output."),
    engine: str = typer.Option("local", "--engine", help="Where to check: local, or dask (a Dask cluster)."),
    scheduler: str = typer.Option(None, "--scheduler", help="Dask scheduler address for --engine dask."),
) -> None:
    """Scan articles for translation artifacts. Exit 1 if any error-severity finding."""
    if output_format not in RENDERERS:
        raise UsageError(f"unknown format {output_format!r} (choose from {', '.join(RENDERERS)})")
    options = CheckOptions(source_lang=source_lang, select=tuple(select), ignore=tuple(ignore))
    started = time.perf_counter()
    try:
        # issue 6 (robust): large files are checked block by block; --engine dask runs on a cluster
        if engine == "dask":
            from mtcheck.distributed import check_paths_distributed

            files = tuple(check_paths_distributed(paths, options, scheduler, encoding))
        elif engine == "local":
            from mtcheck.stream import check_path

            files = tuple(check_path(p, options, encoding) for p in paths)
        else:
            raise UsageError(f"unknown engine {engine!r} (choose from local, dask)")
    except UnknownLanguageError as exc:
        raise UsageError(str(exc)) from None
    report = Report(files=files, version=__version__, source_lang=source_lang,
                    elapsed=time.perf_counter() - started)
    sys.stdout.write(render(report, output_format, color=use_color(color)))
    failed = any(f.severity is Severity.ERROR for fr in files for f in fr.findings)
    raise typer.Exit(1 if failed else 0)
