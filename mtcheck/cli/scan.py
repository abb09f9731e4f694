"""``mtcheck scan PATH…``: report translation artifacts, score articles and gate CI."""

from __future__ import annotations

import os
import sys
import time
from enum import Enum
from typing import TextIO

import typer

from mtcheck.baseline import write_baseline
from mtcheck.errors import UsageError
from mtcheck.gate import run_passed
from mtcheck.io import write_atomic
from mtcheck.render import RENDERERS, render
from mtcheck.runner import ScanOptions, run_scan


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
    return (stream or sys.stdout).isatty()


class ProgressBar:
    """A one-line progress bar on a terminal's stderr, drawn only once a run takes a while."""

    def __init__(self, stream: TextIO | None = None, delay: float = 0.5, width: int = 30):
        self.stream = stream = stream or sys.stderr
        self.enabled = stream.isatty()
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


def scan(
    paths: list[str] = typer.Argument(None, help="Article files or directories; globs; '-' reads stdin."),
    output_format: str = typer.Option("text", "--format", "-f", help=f"Output format: {', '.join(RENDERERS)}."),
    output: str = typer.Option(None, "--output", "-o", help="Write the report to this file instead of stdout."),
    config: str = typer.Option(None, "--config", help="Configuration file (default: found from the scanned files)."),
    source_lang: str = typer.Option(None, "--source-lang", "-s", help="Source language of the translation (default: fr)."),
    select: list[str] = typer.Option([], "--select", help="Only rules whose code starts with this."),
    ignore: list[str] = typer.Option([], "--ignore", help="Skip rules whose code starts with this."),
    extend_select: list[str] = typer.Option([], "--extend-select", help="Add rules to the configured selection."),
    fail_on: FailOn = typer.Option(None, "--fail-on", help="Fail the gate on findings of this severity or worse (default: error)."),
    min_score: float = typer.Option(None, "--min-score", min=0, max=100, help="Fail a file scoring below this (0-100)."),
    max_findings_per_1k: float = typer.Option(None, "--max-findings-per-1k", min=0, help="Fail a file with more findings per 1,000 words."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when the gate fails."),
    baseline: str = typer.Option(None, "--baseline", help="Report only findings not recorded in this baseline."),
    write_baseline_to: str = typer.Option(None, "--write-baseline", help="Record the current findings in this baseline file."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=0, help="Check files in this many processes (0: one per CPU)."),
    stdin_filename: str = typer.Option(None, "--stdin-filename", help="Name stdin's article (for output and configuration)."),
    encoding: str = typer.Option(None, "--encoding", help="Input encoding (default UTF-8)."),
    color: ColorMode = typer.Option(ColorMode.auto, "--color", help="Colour the text output."),
    engine: Engine = typer.Option(Engine.local, "--engine", help="Where to check: here, or on a Dask cluster."),
    scheduler: str = typer.Option(None, "--scheduler", help="Dask scheduler address for --engine dask (tcp://HOST:PORT)."),
    model: bool = typer.Option(False, "--model", help="Also flag words the local model finds very unlikely (fluency, L001)."),
) -> None:
    """Scan articles for translation artifacts, score them and apply the CI gate.

    Exit status: 0 gate passed, 1 gate failed, 2 usage or input error.
    """
    if output_format not in RENDERERS:
        raise UsageError(f"unknown format {output_format!r} (choose from {', '.join(RENDERERS)})")
    if not paths:
        raise UsageError("no paths given (name files or directories, or '-' for stdin)")
    options = ScanOptions(
        config=config,
        source_lang=source_lang,
        select=tuple(select) or None,
        ignore=tuple(ignore) or None,
        extend_select=tuple(extend_select),
        fail_on=fail_on.value if fail_on is not None else None,
        min_score=min_score,
        max_findings_per_1k=max_findings_per_1k,
        encoding=encoding,
        baseline=None if write_baseline_to else baseline,
        stdin_filename=stdin_filename,
        jobs=jobs,
        engine=engine.value,
        scheduler=scheduler,
        model=model,
    )
    bar = ProgressBar()
    try:
        report = run_scan(paths, options, progress=bar)
    finally:
        bar.close()
    for warning in report.warnings:
        print(f"mtcheck: warning: {warning}", file=sys.stderr)
    text = render(report, output_format, color=output is None and use_color(color))
    if output:
        write_atomic(output, text)
    else:
        sys.stdout.write(text)
    if write_baseline_to:
        n = write_baseline(report, write_baseline_to)
        print(f"mtcheck: recorded {n} finding{'s' * (n != 1)} in {write_baseline_to}", file=sys.stderr)
        raise typer.Exit(0)
    raise typer.Exit(0 if exit_zero or run_passed(report) else 1)
