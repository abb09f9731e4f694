"""``mtcheck scan PATH…``: report translation artifacts, score articles and gate CI."""

from __future__ import annotations

import os
import sys
import time
from enum import Enum
from typing import TextIO

import click

from mtcheck.baseline import write_baseline
from mtcheck.cli import CONTEXT_SETTINGS
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


def choices(enum: type[Enum]) -> list[str]:
    """The values of a string enum, as click choices."""
    return [member.value for member in enum]


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


@click.command("scan", context_settings=CONTEXT_SETTINGS)
@click.argument("paths", nargs=-1, help="Article files or directories; globs; '-' reads stdin.")
@click.option("--format", "-f", "output_format", default="text", help=f"Output format: {', '.join(RENDERERS)}.")
@click.option("--output", "-o", help="Write the report to this file instead of stdout.")
@click.option("--config", help="Configuration file (default: found from the scanned files).")
@click.option("--source-lang", "-s", help="Source language of the translation (default: fr).")
@click.option("--select", multiple=True, help="Only rules whose code starts with this.")
@click.option("--ignore", multiple=True, help="Skip rules whose code starts with this.")
@click.option("--extend-select", multiple=True, help="Add rules to the configured selection.")
@click.option("--fail-on", type=click.Choice(choices(FailOn)),
              help="Fail the gate on findings of this severity or worse (default: error).")
@click.option("--min-score", type=click.FloatRange(0, 100), help="Fail a file scoring below this (0-100).")
@click.option("--max-findings-per-1k", type=click.FloatRange(min=0), help="Fail a file with more findings per 1,000 words.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when the gate fails.")
@click.option("--baseline", help="Report only findings not recorded in this baseline.")
@click.option("--write-baseline", "write_baseline_to", help="Record the current findings in this baseline file.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, help="Check files in this many processes (0: one per CPU).")
@click.option("--stdin-filename", help="Name stdin's article (for output and configuration).")
@click.option("--encoding", help="Input encoding (default UTF-8).")
@click.option("--color", type=click.Choice(choices(ColorMode)), default=ColorMode.auto.value, help="Colour the text output.")
@click.option("--engine", type=click.Choice(choices(Engine)), default=Engine.local.value,
              help="Where to check: here, or on a Dask cluster.")
@click.option("--scheduler", help="Dask scheduler address for --engine dask (tcp://HOST:PORT).")
@click.option("--model", is_flag=True, help="Also flag words the local model finds very unlikely (fluency, L001).")
@click.option("--source", "source_file", help="The source-language original of the (one) article: enables the S rules.")
def scan(
    paths: tuple[str, ...], output_format: str, output: str | None, config: str | None, source_lang: str | None,
    select: tuple[str, ...], ignore: tuple[str, ...], extend_select: tuple[str, ...], fail_on: str | None,
    min_score: float | None, max_findings_per_1k: float | None, exit_zero: bool, baseline: str | None,
    write_baseline_to: str | None, jobs: int, stdin_filename: str | None, encoding: str | None, color: str,
    engine: str, scheduler: str | None, model: bool, source_file: str | None = None,
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
        fail_on=fail_on,
        min_score=min_score,
        max_findings_per_1k=max_findings_per_1k,
        encoding=encoding,
        baseline=None if write_baseline_to else baseline,
        stdin_filename=stdin_filename,
        jobs=jobs,
        engine=engine,
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
        raise click.exceptions.Exit(2 if report.errors else 0)
    if report.errors:
        raise click.exceptions.Exit(2)
    raise click.exceptions.Exit(0 if exit_zero or run_passed(report) else 1)
