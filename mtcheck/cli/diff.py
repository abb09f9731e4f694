"""``mtcheck diff FILE -o report.html``: the annotated report of findings and corrections."""

from __future__ import annotations

import sys

import click

from mtcheck import __version__
from mtcheck.cli import CONTEXT_SETTINGS
from mtcheck.cli.fix import run_corrector, same_file, warn, write_output
from mtcheck.errors import UsageError
from mtcheck.findings import Report
from mtcheck.pipeline import file_report
from mtcheck.render import render

_FORMATS = {"html": "html", "md": "corrections", "markdown": "corrections", "corrections": "corrections",
            "diff": "diff", "patch": "diff"}


@click.command("diff", context_settings=CONTEXT_SETTINGS)
@click.argument("paths", nargs=-1, required=True, help="Article files; '-' reads stdin.")
@click.option("--output", "-o", help="Where to write the report ('-' or absent: stdout).")
@click.option("--format", "-f", "output_format",
              help="html, markdown or diff (default: from -o's extension, else html).")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), help="Threshold for applying a correction.")
@click.option("--no-model", is_flag=True, help="Rule fixes only; never load the language model.")
@click.option("--source-lang", "-s", default="fr", help="Source language of the translation.")
@click.option("--encoding", help="Input encoding (default UTF-8).")
@click.option("--source", "source_file", help="The source-language original (one article): shown beside the target.")
def diff(
    paths: tuple[str, ...], output: str | None, output_format: str | None, min_confidence: float | None,
    no_model: bool, source_lang: str, encoding: str | None, source_file: str | None = None,
) -> None:
    """Write an annotated report: original and corrected text side by side (HTML), Markdown or a diff."""
    fmt = output_format or (_FORMATS.get(output.rsplit(".", 1)[-1].lower(), "html") if output and "." in output else "html")
    fmt = _FORMATS.get(fmt, fmt)
    if fmt not in ("html", "corrections", "diff"):
        raise UsageError(f"unknown format {output_format!r} (choose from html, markdown, diff)")
    if output and output != "-" and any(p != "-" and same_file(p, output) for p in paths):
        raise UsageError(f"{output} is an input file; refusing to overwrite it")
    if source_file and len(paths) != 1:
        raise UsageError("--source names the original of one translation: give exactly one article")
    files, warnings = [], []
    for path in paths:
        doc, found, result, warns = run_corrector(path, source_lang, not no_model, min_confidence, encoding, source_file)
        warnings += [w for w in warns if w not in warnings]
        extra = {}
        if source_file:
            from mtcheck.source.check import read_source_context

            extra["bilingual"] = read_source_context(source_file, doc, source_lang, encoding)[1]
        files.append(file_report(doc, found, corrections=result.corrections, corrected_text=result.text, **extra))
    warn(warnings)
    page = render(Report(files=tuple(files), version=__version__, source_lang=source_lang, warnings=tuple(warnings)), fmt)
    if output and output != "-":
        write_output(output, page)
        applied = sum(1 for fr in files for c in fr.corrections if c.applied)
        print(f"wrote {output}: {sum(len(fr.findings) for fr in files)} findings, {applied} corrections applied")
    else:
        sys.stdout.write(page)
