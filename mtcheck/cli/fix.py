"""``mtcheck fix PATH… -o OUT | --output-dir DIR | --in-place``: write the corrected articles."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from mtcheck.scan_settings import ScanOptions

Paths = Annotated[list[str], typer.Argument(metavar="PATHS", show_default=False,
                                            help="Article files, directories or globs; '-' reads stdin.")]
Strings = Optional[list[str]]

# The options fix and diff share with scan: configuration, selection, language.
Config = Annotated[Optional[str], typer.Option("--config", help="Configuration file (default: found from the files).")]
SourceLang = Annotated[Optional[str], typer.Option("--source-lang", "-s", help="Source language of the translation (default: fr).")]
Select = Annotated[Strings, typer.Option("--select", help="Only rules whose code starts with this.", metavar="CODES", show_default=False)]
Ignore = Annotated[Strings, typer.Option("--ignore", help="Skip rules whose code starts with this.", metavar="CODES", show_default=False)]
ExtendSelect = Annotated[Strings, typer.Option("--extend-select", help="Add rules to the configured selection.", metavar="CODES", show_default=False)]
StdinFilename = Annotated[Optional[str], typer.Option("--stdin-filename", help="Name stdin's article (for output and configuration).")]
Encoding = Annotated[Optional[str], typer.Option("--encoding", help="Input encoding (default UTF-8).")]
MinConfidence = Annotated[Optional[float], typer.Option("--min-confidence", min=0.0, max=1.0,
                                                        help="Apply only corrections at least this confident (default: calibrated).")]
NoModel = Annotated[bool, typer.Option("--no-model", help="Rule fixes only; never load the language model.")]
SourceFile = Annotated[Optional[str], typer.Option(
    "--source", help="The source-language original of the (one) article: the source-aware rules run too.")]


def scan_options(config: str | None, source_lang: str | None, select: list[str] | None, ignore: list[str] | None,
                 extend_select: list[str] | None, stdin_filename: str | None, encoding: str | None) -> ScanOptions:
    """The shared options as the :class:`ScanOptions` ``scan`` would build."""
    return ScanOptions(config=config, source_lang=source_lang, select=tuple(select or ()) or None,
                       ignore=tuple(ignore or ()) or None, extend_select=tuple(extend_select or ()),
                       encoding=encoding, stdin_filename=stdin_filename)


def warn(warnings: list[str]) -> None:
    """Print warnings to stderr, one line each (each once)."""
    for w in dict.fromkeys(warnings):
        print(f"mtcheck: warning: {w}", file=sys.stderr)


def fix(
    paths: Paths,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Where to write the corrected text of one article ('-' for stdout).")] = None,
    output_dir: Annotated[Optional[str], typer.Option("--output-dir", help="Write each corrected article here, keeping the inputs' layout.")] = None,
    in_place: Annotated[bool, typer.Option("--in-place", help="Overwrite the input files (atomically).")] = False,
    config: Config = None,
    source_lang: SourceLang = None,
    select: Select = None,
    ignore: Ignore = None,
    extend_select: ExtendSelect = None,
    stdin_filename: StdinFilename = None,
    encoding: Encoding = None,
    min_confidence: MinConfidence = None,
    no_model: NoModel = False,
    source_file: SourceFile = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary.")] = False,
) -> None:
    """Correct articles: apply confident fixes and write the results (never an input unless --in-place).

    Fixes respect the configuration, selection, glossary and inline directives exactly as
    scan reports; deletions of more than a small share of an article are only proposed.
    """
    from mtcheck.fixing import StreamedFile, fix_files, input_files, load_models_for_fix, output_targets, summary_lines
    from mtcheck.io import write_text

    options = scan_options(config, source_lang, select, ignore, extend_select, stdin_filename, encoding)
    files = input_files(paths, options)
    targets = output_targets(files, output, output_dir, in_place)
    warnings: list[str] = []
    models = load_models_for_fix(not no_model, warnings, files)
    warn(warnings)
    to_stdout = "-" in targets
    for fixed, target in zip(fix_files(files, options, models, min_confidence, source_file), targets):
        if target != "-" and output_dir:
            from pathlib import Path

            Path(target).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(fixed, StreamedFile):
            from mtcheck.stream_fix import fix_large_file

            summary = fix_large_file(fixed.path, target, fixed.options, min_confidence, encoding)
            warn(summary.warnings)
            lines = summary.lines()
        else:
            warn(list(fixed.warnings))
            write_text(target, fixed.result.text, like=fixed.source)
            lines = summary_lines(fixed)
        if not quiet:
            print("\n".join(lines), file=sys.stderr if to_stdout else sys.stdout)
