"""``mtcheck bench [PATH…]``: measure detection, correction and speed on the annotated corpus."""

from __future__ import annotations

import sys
from enum import Enum

import click

from mtcheck.cli import CONTEXT_SETTINGS
from mtcheck.cli.scan import ColorMode, choices, use_color
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


def bench_check_options(config: str | None, source_lang: str | None, select: tuple[str, ...],
                        ignore: tuple[str, ...], extend_select: tuple[str, ...]) -> CheckOptions:
    """The check options of a bench run: ``--config`` (if any) with the flags laid over it, as ``scan`` does."""
    from pathlib import Path

    from mtcheck.config import Config, load_config
    from mtcheck.scan_settings import ScanOptions, apply_overrides

    base = load_config(Path(config)) if config else Config()
    flags = ScanOptions(source_lang=source_lang, select=tuple(select) or None, ignore=tuple(ignore) or None,
                        extend_select=tuple(extend_select))
    return apply_overrides(base, flags).check_options()


@click.command("bench", context_settings=CONTEXT_SETTINGS)
@click.argument("paths", nargs=-1, help="Corpus roots, folders of docs/*.json or JSON files [default: corpus/].")
@click.option("--split", type=click.Choice(choices(Split)), default=Split.all.value, help="Corpus split to score.")
@click.option("--format", "-f", "output_format", type=click.Choice(choices(BenchFormat)), default=BenchFormat.text.value,
              help="Output format.")
@click.option("--output", "-o", help="Write the report to this file (atomically).")
@click.option("--model/--no-model", default=False, help="Also run the model-ranked corrector.")
@click.option("--match", type=click.Choice(choices(Match)), default=Match.overlap.value,
              help="Headline span matching (both are reported).")
@click.option("--realdata", multiple=True, help="Extra real-data JSONL file, read at run time.")
@click.option("--config", help="Configuration file whose selection, severities and glossary apply (per-file ignores do not: corpus texts have no paths).")
@click.option("--source-lang", "-s", help="Source language the rules assume [default: fr].")
@click.option("--select", multiple=True, help="Only rules whose code starts with this.")
@click.option("--ignore", multiple=True, help="Skip rules whose code starts with this.")
@click.option("--extend-select", multiple=True, help="Add rules to the configured selection.")
@click.option("--min-confidence", type=float,
              help="Apply fixes at least this confident [default: as fix: 0.5, calibrated with the model].")
@click.option("--resamples", default=1000, help="Paired bootstrap resamples.")
@click.option("--seed", default=12345, help="Seed of the bootstrap resampling.")
@click.option("--color", type=click.Choice(choices(ColorMode)), default=ColorMode.auto.value, help="Colour the text output.")
@click.option("--bilingual", "bilingual_dir",
              help="Score the source-aware rules (S) on this bilingual corpus (corpus/bilingual) as JSON.")
def bench(
    paths: tuple[str, ...], split: str, output_format: str, output: str | None, model: bool, match: str,
    realdata: tuple[str, ...], config: str | None, source_lang: str | None, select: tuple[str, ...],
    ignore: tuple[str, ...], extend_select: tuple[str, ...], min_confidence: float | None, resamples: int, seed: int, color: str,
    bilingual_dir: str | None = None,
) -> None:
    """Score scan and fix against the hand-annotated corpus: P/R/F1, BLEU/chrF/TER, words/s."""
    if bilingual_dir:
        from mtcheck.bench.bilingual import main as bench_bilingual

        args = [bilingual_dir, *(["--lig", realdata[0]] if realdata else []), *(["-o", output] if output else [])]
        raise click.exceptions.Exit(bench_bilingual(args + (["--split", split] if split in ("dev", "test") else [])))
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
