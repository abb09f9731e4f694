"""``mtcheck scan PATH…``: report translation artifacts, score articles and gate CI."""

from __future__ import annotations

import os
import sys
import time
from enum import Enum
from typing import Annotated, Optional, TextIO

import typer

from mtcheck.baseline import write_baseline
from mtcheck.errors import UsageError
from mtcheck.gate import run_passed
from mtcheck.discover import check_named_paths, expand_paths
from mtcheck.io import check_outputs, write_chunks
from mtcheck.render import RENDERERS, render_chunks
from mtcheck.runner import ScanOptions, run_config, run_scan


class Engine(str, Enum):
    """Where files are checked."""

    local = "local"
    dask = "dask"


class ColorMode(str, Enum):
    """When to colour terminal output."""

    auto = "auto"
    always = "always"
    never = "never"


class FailOn(str, Enum):
    """The lowest severity that fails the gate (``never``: only score/rate thresholds)."""

    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def use_color(mode: ColorMode, stream: TextIO | None = None) -> bool:
    """Colour when asked, or on a terminal unless ``NO_COLOR`` is set."""
    if mode is ColorMode.always:
        return True
    if mode is ColorMode.never or os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    return stream is not None and stream.isatty()


class ProgressBar:
    """A one-line progress bar on a terminal's stderr, drawn only once a run takes a while."""

    def __init__(self, stream: TextIO | None = None, delay: float = 0.5, width: int = 30):
        self.stream = stream = stream or sys.stderr
        self.enabled = stream is not None and stream.isatty()
        self.delay = delay
        self.width = width
        self.started = time.perf_counter()
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < 2 or time.perf_counter() - self.started < self.delay:
            return
        filled = self.width * done // total
        bar = "█" * filled + "·" * (self.width - filled)
        self.stream.write(f"\r{bar} {done}/{total} files")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        """Erase the bar."""
        if self.drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()


SCAN_FORMATS = tuple(fmt for fmt in RENDERERS if fmt not in ("corrections", "diff"))
"""The report formats of ``scan``. The corrections formats are ``diff``'s: scan never corrects."""

_Strings = Optional[list[str]]


def scan(
    paths: Annotated[_Strings, typer.Argument(help="Article files or directories; globs; '-' reads stdin.", metavar="PATHS",
                                              show_default=False)] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help=f"Output format: {', '.join(SCAN_FORMATS)}.")] = "text",
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write the report to this file instead of stdout.")] = None,
    config: Annotated[Optional[str], typer.Option("--config", help="Configuration file (default: found from the scanned files).")] = None,
    source_lang: Annotated[Optional[str], typer.Option("--source-lang", "-s", help="Source language of the translation (default: fr).")] = None,
    select: Annotated[_Strings, typer.Option("--select", help="Only rules whose code starts with this.", metavar="CODES", show_default=False)] = None,
    ignore: Annotated[_Strings, typer.Option("--ignore", help="Skip rules whose code starts with this.", metavar="CODES", show_default=False)] = None,
    extend_select: Annotated[_Strings, typer.Option("--extend-select", help="Add rules to the configured selection.", metavar="CODES", show_default=False)] = None,
    fail_on: Annotated[Optional[FailOn], typer.Option("--fail-on", help="Fail the gate on findings of this severity or worse (default: error).")] = None,
    min_score: Annotated[Optional[float], typer.Option("--min-score", min=0, max=100, help="Fail a file scoring below this (0-100).")] = None,
    max_findings_per_1k: Annotated[Optional[float], typer.Option("--max-findings-per-1k", min=0, help="Fail a file with more findings per 1,000 words.")] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when the gate fails.")] = False,
    baseline: Annotated[Optional[str], typer.Option("--baseline", help="Report only findings not recorded in this baseline.")] = None,
    write_baseline_to: Annotated[Optional[str], typer.Option("--write-baseline", help="Record the current findings in this baseline file.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Check files in this many processes (0: one per CPU).")] = 1,
    stdin_filename: Annotated[Optional[str], typer.Option("--stdin-filename", help="Name stdin's article (for output and configuration).")] = None,
    encoding: Annotated[Optional[str], typer.Option("--encoding", help="Input encoding (default UTF-8).")] = None,
    color: Annotated[ColorMode, typer.Option("--color", help="Colour the text output.")] = ColorMode.auto,
    engine: Annotated[Engine, typer.Option("--engine", help="Where to check: here, or on a Dask cluster.")] = Engine.local,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Dask scheduler address for --engine dask (tcp://HOST:PORT).")] = None,
    model: Annotated[bool, typer.Option("--model", help="Also flag words the local model finds very unlikely (fluency, L001).")] = False,
    source_file: Annotated[Optional[str], typer.Option("--source", help="The source-language original of the (one) article: enables the S rules.")] = None,
) -> None:
    """Scan articles for translation artifacts, score them and apply the CI gate.

    Exit status: 0 gate passed, 1 gate failed, 2 usage or input error.
    """
    if output_format in ("corrections", "diff"):
        raise UsageError(f"scan does not correct: for format {output_format!r} run 'mtcheck diff -f "
                         f"{'markdown' if output_format == 'corrections' else 'diff'}' on the same files")
    if output_format not in SCAN_FORMATS:
        raise UsageError(f"unknown format {output_format!r} (choose from {', '.join(SCAN_FORMATS)})")
    if not paths:
        raise UsageError("no paths given (name files or directories, or '-' for stdin)")
    options = ScanOptions(
        config=config,
        source_lang=source_lang,
        select=tuple(select or ()) or None,
        ignore=tuple(ignore or ()) or None,
        extend_select=tuple(extend_select or ()),
        fail_on=fail_on.value if fail_on is not None else None,
        min_score=min_score,
        max_findings_per_1k=max_findings_per_1k,
        encoding=encoding,
        baseline=None if write_baseline_to else baseline,
        stdin_filename=stdin_filename,
        jobs=jobs,
        engine=Engine(engine).value,
        scheduler=scheduler,
        model=model,
        extra={"source": source_file} if source_file else {},
    )
    check_named_paths(paths)
    if output or write_baseline_to:
        cfg = run_config(paths, options)
        inputs = expand_paths(paths, cfg.include, cfg.exclude)
        check_outputs([output, write_baseline_to], [*inputs, *(p for p in (config, baseline) if p)])
    bar = ProgressBar()
    try:
        report = run_scan(paths, options, progress=bar)
    finally:
        bar.close()
    for warning in report.warnings:
        print(f"mtcheck: warning: {warning}", file=sys.stderr)
    for error in report.errors:
        print(f"mtcheck: error: {error}", file=sys.stderr)
    chunks = render_chunks(report, output_format, color=output is None and use_color(ColorMode(color)))
    write_chunks(output or "-", chunks)
    if write_baseline_to:
        n = write_baseline(report, write_baseline_to)
        print(f"mtcheck: recorded {n} finding{'s' * (n != 1)} in {write_baseline_to}", file=sys.stderr)
        raise typer.Exit(2 if report.errors else 0)
    if report.errors:
        raise typer.Exit(2)
    raise typer.Exit(0 if exit_zero or run_passed(report) else 1)
