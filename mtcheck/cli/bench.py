"""``mtcheck bench [PATH…]``: measure detection, correction and speed on the annotated corpus."""

from __future__ import annotations

import sys
from enum import Enum

import typer

from mtcheck.cli.scan import ColorMode, use_color
from mtcheck.errors import UsageError
from mtcheck.io import write_atomic
from mtcheck.lang import UnknownLanguageError
from mtcheck.pipeline import CheckOptions


class Split(str, Enum):
    """Which corpus split to score."""

    dev = "dev"
    test = "test"
    all = "all"


class BenchFormat(str, Enum):
    """Output format of the benchmark report."""

    text = "text"
    json = "json"
    html = "html"


class Match(str, Enum):
    """Span matching used for the headline detection figures (both are always reported)."""

    exact = "exact"
    overlap = "overlap"


def bench(
    paths: list[str] = typer.Argument(None, help="Corpus roots, folders of docs/*.json or JSON files [default: corpus/]."),
    split: Split = typer.Option(Split.all, "--split", help="Corpus split to score."),
    output_format: BenchFormat = typer.Option(BenchFormat.text, "--format", "-f", help="Output format."),
    output: str = typer.Option(None, "--output", "-o", help="Write the report to this file (atomically)."),
    model: bool = typer.Option(False, "--model/--no-model", help="Also run the model-ranked corrector."),
    match: Match = typer.Option(Match.overlap, "--match", help="Headline span matching (both are reported)."),
    realdata: list[str] = typer.Option([], "--realdata", help="Extra real-data JSONL file, read at run time."),
    source_lang: str = typer.Option("fr", "--source-lang", "-s", help="Source language the rules assume."),
    select: list[str] = typer.Option([], "--select", help="Only rules whose code starts with this."),
    ignore: list[str] = typer.Option([], "--ignore", help="Skip rules whose code starts with this."),
    min_confidence: float = typer.Option(
        None, "--min-confidence", help="Apply fixes at least this confident [default: as fix: 0.5, calibrated with the model]."
    ),
    resamples: int = typer.Option(1000, "--resamples", help="Paired bootstrap resamples."),
    seed: int = typer.Option(12345, "--seed", help="Seed of the bootstrap resampling."),
    color: ColorMode = typer.Option(ColorMode.auto, "--color", help="Colour the text output."),
) -> None:
    """Score scan and fix against the hand-annotated corpus: P/R/F1, BLEU/chrF/TER, words/s."""
    from mtcheck.bench import BenchOptions, run_bench
    from mtcheck.render import bench_html, bench_json, bench_text

    if resamples < 1:
        raise UsageError("--resamples must be at least 1")
    options = BenchOptions(
        split=split.value,
        check=CheckOptions(source_lang=source_lang, select=tuple(select), ignore=tuple(ignore)),
        min_confidence=min_confidence,
        model=model,
        headline_match=match.value,
        realdata=tuple(realdata),
        resamples=resamples,
        seed=seed,
    )
    try:
        report = run_bench(paths or ["corpus"], options)
    except UnknownLanguageError as exc:
        raise UsageError(str(exc)) from None
    if output_format is BenchFormat.json:
        text = bench_json.render(report)
    elif output_format is BenchFormat.html:
        text = bench_html.render(report)
    else:
        text = bench_text.render(report, color=output is None and use_color(color))
    if output:
        write_atomic(output, text)
    else:
        sys.stdout.write(text)
