"""``mtcheck fix PATH… -o OUT | --output-dir DIR | --in-place``: write the corrected articles."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

from mtcheck.cli import CONTEXT_SETTINGS
from mtcheck.scan_settings import ScanOptions


def selection_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options ``fix`` and ``diff`` share with ``scan``: configuration, selection, language."""
    for decorator in reversed((
        click.option("--config", help="Configuration file (default: found from the files)."),
        click.option("--source-lang", "-s", help="Source language of the translation (default: fr)."),
        click.option("--select", multiple=True, help="Only rules whose code starts with this."),
        click.option("--ignore", multiple=True, help="Skip rules whose code starts with this."),
        click.option("--extend-select", multiple=True, help="Add rules to the configured selection."),
        click.option("--stdin-filename", help="Name stdin's article (for output and configuration)."),
        click.option("--encoding", help="Input encoding (default UTF-8)."),
        click.option("--min-confidence", type=click.FloatRange(0.0, 1.0),
                     help="Apply only corrections at least this confident (default: calibrated)."),
        click.option("--no-model", is_flag=True, help="Rule fixes only; never load the language model."),
        click.option("--source", "source_file",
                     help="The source-language original of the (one) article: the source-aware rules run too."),
    )):
        command = decorator(command)
    return command


def scan_options(config: str | None, source_lang: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
                 extend_select: tuple[str, ...], stdin_filename: str | None, encoding: str | None) -> ScanOptions:
    """The shared options as the :class:`ScanOptions` ``scan`` would build."""
    return ScanOptions(config=config, source_lang=source_lang, select=tuple(select) or None,
                       ignore=tuple(ignore) or None, extend_select=tuple(extend_select),
                       encoding=encoding, stdin_filename=stdin_filename)


def warn(warnings: list[str]) -> None:
    """Print warnings to stderr, one line each (each once)."""
    for w in dict.fromkeys(warnings):
        print(f"mtcheck: warning: {w}", file=sys.stderr)


@click.command("fix", context_settings=CONTEXT_SETTINGS)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...", help="Article files, directories or globs; '-' reads stdin.")
@click.option("--output", "-o", help="Where to write the corrected text of one article ('-' for stdout).")
@click.option("--output-dir", help="Write each corrected article here, keeping the inputs' layout.")
@click.option("--in-place", is_flag=True, help="Overwrite the input files (atomically).")
@selection_options
@click.option("--quiet", "-q", is_flag=True, help="No summary.")
def fix(
    paths: tuple[str, ...], output: str | None, output_dir: str | None, in_place: bool, config: str | None,
    source_lang: str | None, select: tuple[str, ...], ignore: tuple[str, ...], extend_select: tuple[str, ...],
    stdin_filename: str | None, encoding: str | None, min_confidence: float | None, no_model: bool,
    source_file: str | None, quiet: bool,
) -> None:
    """Correct articles: apply confident fixes and write the results (never an input unless --in-place).

    Fixes respect the configuration, selection, glossary and inline directives exactly as
    scan reports; deletions of more than a small share of an article are only proposed.
    """
    from mtcheck.fixing import fix_files, input_files, load_models_for_fix, output_targets, summary_lines
    from mtcheck.io import write_text

    options = scan_options(config, source_lang, select, ignore, extend_select, stdin_filename, encoding)
    files = input_files(paths, options)
    targets = output_targets(files, output, output_dir, in_place)
    warnings: list[str] = []
    models = load_models_for_fix(not no_model, warnings)
    warn(warnings)
    to_stdout = "-" in targets
    for fixed, target in zip(fix_files(files, options, models, min_confidence, source_file), targets):
        warn(list(fixed.warnings))
        if target != "-" and output_dir:
            from pathlib import Path

            Path(target).parent.mkdir(parents=True, exist_ok=True)
        write_text(target, fixed.result.text, like=fixed.source)
        if not quiet:
            print("\n".join(summary_lines(fixed)), file=sys.stderr if to_stdout else sys.stdout)
