"""``mtcheck bench [PATH…]``: measure detection, correction and speed on the annotated corpus."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated, Optional

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


def bench_check_options(config: str | None, source_lang: str | None, select: list[str] | tuple[str, ...] | None,
                        ignore: list[str] | tuple[str, ...] | None,
                        extend_select: list[str] | tuple[str, ...] | None) -> CheckOptions:
    """The check options of a bench run: ``--config`` (if any) with the flags laid over it, as ``scan`` does."""
    from pathlib import Path

    from mtcheck.config import Config, load_config
    from mtcheck.scan_settings import ScanOptions, apply_overrides

    base = load_config(Path(config)) if config else Config()
    flags = ScanOptions(source_lang=source_lang, select=tuple(select or ()) or None, ignore=tuple(ignore or ()) or None,
                        extend_select=tuple(extend_select or ()))
    return apply_overrides(base, flags).check_options()


_Strings = Optional[list[str]]


def bench(
    paths: Annotated[_Strings, typer.Argument(help="Corpus roots, folders of docs/*.json or JSON files [default: corpus/].", metavar="PATHS",
                                              show_default=False)] = None,
    split: Annotated[Split, typer.Option("--split", help="Corpus split to score.")] = Split.all,
    output_format: Annotated[BenchFormat, typer.Option("--format", "-f", help="Output format.")] = BenchFormat.text,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write the report to this file (atomically).")] = None,
    model: Annotated[bool, typer.Option("--model/--no-model", help="Also run the model-ranked corrector.")] = False,
    match: Annotated[Match, typer.Option("--match", help="Headline span matching (both are reported).")] = Match.overlap,
    realdata: Annotated[_Strings, typer.Option("--realdata", help="Extra real-data JSONL file, read at run time.", metavar="FILE", show_default=False)] = None,
    config: Annotated[Optional[str], typer.Option("--config", help="Configuration file whose selection, severities and glossary apply (per-file ignores do not: corpus texts have no paths).")] = None,
    source_lang: Annotated[Optional[str], typer.Option("--source-lang", "-s", help="Source language the rules assume [default: fr].")] = None,
    select: Annotated[_Strings, typer.Option("--select", help="Only rules whose code starts with this.", metavar="CODES", show_default=False)] = None,
    ignore: Annotated[_Strings, typer.Option("--ignore", help="Skip rules whose code starts with this.", metavar="CODES", show_default=False)] = None,
    extend_select: Annotated[_Strings, typer.Option("--extend-select", help="Add rules to the configured selection.", metavar="CODES", show_default=False)] = None,
    min_confidence: Annotated[Optional[float], typer.Option(
        "--min-confidence", help="Apply fixes at least this confident [default: as fix: 0.5, calibrated with the model].")] = None,
    resamples: Annotated[int, typer.Option("--resamples", help="Paired bootstrap resamples.")] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the bootstrap resampling.")] = 12345,
    color: Annotated[ColorMode, typer.Option("--color", help="Colour the text output.")] = ColorMode.auto,
    bilingual_dir: Annotated[Optional[str], typer.Option(
        "--bilingual", help="Score the source-aware rules (S) on this bilingual corpus (corpus/bilingual) as JSON.")] = None,
) -> None:
    """Score scan and fix against the hand-annotated corpus: P/R/F1, BLEU/chrF/TER, words/s."""
    split, output_format, match = Split(split).value, BenchFormat(output_format), Match(match).value
    realdata = list(realdata or ())
    if bilingual_dir:
        from mtcheck.bench.bilingual import main as bench_bilingual

        args = [bilingual_dir, *(["--lig", realdata[0]] if realdata else []), *(["-o", output] if output else [])]
        raise typer.Exit(bench_bilingual(args + (["--split", split] if split in ("dev", "test") else [])))
    from mtcheck.bench import BenchOptions, run_bench
    from mtcheck.render import bench_html, bench_json, bench_text

    if resamples < 1:
        raise UsageError("--resamples must be at least 1")
    options = BenchOptions(
        split=split,
        check=bench_check_options(config, source_lang, select, ignore, extend_select),
        min_confidence=min_confidence,
        model=model,
        headline_match=match,
        realdata=tuple(realdata),
        resamples=resamples,
        seed=seed,
    )
    try:
        report = run_bench(paths or ["corpus"], options)
    except UnknownLanguageError as exc:
        raise UsageError(str(exc)) from None
    if output_format == BenchFormat.json:
        text = bench_json.render(report)
    elif output_format == BenchFormat.html:
        text = bench_html.render(report)
    else:
        text = bench_text.render(report, color=output is None and use_color(ColorMode(color)))
    if output:
        write_atomic(output, text)
    else:
        sys.stdout.write(text)
