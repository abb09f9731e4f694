"""``mtcheck fix FILE -o OUT``: write the corrected article."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from mtcheck.cli import CONTEXT_SETTINGS
from mtcheck.correct import CorrectionResult, correct_report, load_models
from mtcheck.document import Document
from mtcheck.errors import InputError, UsageError
from mtcheck.io import read_source, write_atomic
from mtcheck.lang import UnknownLanguageError
from mtcheck.pipeline import CheckOptions, check_document


def same_file(a: str, b: str) -> bool:
    """True when two paths name the same file (existing or not)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()


def output_target(path: str, output: str | None, in_place: bool) -> str | None:
    """Where to write: ``output``, or the input itself with ``--in-place``; refuse to clobber input."""
    if in_place:
        if path == "-":
            raise UsageError("--in-place needs a file, not stdin")
        if output and not same_file(path, output):
            raise UsageError("give either --in-place or -o, not both")
        return path
    if output and path != "-" and same_file(path, output):
        raise UsageError(f"{output} is the input file; pass --in-place to overwrite it")
    return output


def run_corrector(
    path: str, source_lang: str, use_model: bool, min_confidence: float | None, encoding: str | None = None,
    source_path: str | None = None,
) -> tuple[Document, tuple, CorrectionResult, list[str]]:
    """Read, check and correct one article; returns document, findings, result and warnings.

    ``source_path`` names the source-language original (``--source``): the S rules run too."""
    from mtcheck.source.formats import is_bilingual

    if is_bilingual(path):
        raise UsageError(f"{path}: fix and diff take plain-text articles; check XLIFF, PO and TMX files with scan")
    source = read_source(path, encoding)
    doc = Document.from_text(source.text, source.path)
    ctx = None
    if source_path:
        from mtcheck.source.check import read_source_context

        ctx = read_source_context(source_path, doc, source_lang, encoding)[0]
    try:
        findings = check_document(doc, CheckOptions(source_lang=source_lang), source=ctx)
    except UnknownLanguageError as exc:
        raise UsageError(str(exc)) from None
    lm, guard, warnings = load_models() if use_model else (None, None, [])
    found, result = correct_report(doc, findings, lm, guard, source_lang, min_confidence)
    return doc, found, result, warnings


def summary_lines(path: str, result: CorrectionResult, findings: tuple) -> list[str]:
    """A short human summary of what was changed."""
    applied = result.applied
    lines = [f"{path}: {len(applied)} change{'s' * (len(applied) != 1)} applied, "
             f"{len(result.corrections) - len(applied)} proposed only, {len(findings)} finding{'s' * (len(findings) != 1)}"]
    for c in applied[:20]:
        new = c.replacement or "(deleted)"
        lines.append(f"  {c.finding.code} “{c.finding.text}” → “{new}” ({c.confidence:.2f})")
    if len(applied) > 20:
        lines.append(f"  … and {len(applied) - 20} more")
    return lines


def write_output(target: str, text: str) -> None:
    """Write atomically, turning OS errors into one-line user errors."""
    try:
        write_atomic(target, text)
    except OSError as exc:
        raise InputError(f"{target}: cannot write ({exc.strerror or exc})") from None


def warn(warnings: list[str]) -> None:
    """Print model warnings to stderr, one line each."""
    for w in warnings:
        print(f"mtcheck: warning: {w}", file=sys.stderr)


@click.command("fix", context_settings=CONTEXT_SETTINGS)
@click.argument("path", help="Article file; '-' reads stdin.")
@click.option("--output", "-o", help="Where to write the corrected text ('-' for stdout).")
@click.option("--in-place", is_flag=True, help="Overwrite the input file (atomically).")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0),
              help="Apply only corrections at least this confident (default: calibrated).")
@click.option("--no-model", is_flag=True, help="Rule fixes only; never load the language model.")
@click.option("--source-lang", "-s", default="fr", help="Source language of the translation.")
@click.option("--encoding", help="Input encoding (default UTF-8).")
@click.option("--quiet", "-q", is_flag=True, help="No summary.")
@click.option("--source", "source_file", help="The source-language original: also run the S rules.")
def fix(
    path: str, output: str | None, in_place: bool, min_confidence: float | None, no_model: bool,
    source_lang: str, encoding: str | None, quiet: bool, source_file: str | None = None,
) -> None:
    """Correct an article: apply confident fixes and write the result (never the input unless --in-place)."""
    target = output_target(path, output, in_place)
    if target is None:
        raise UsageError("say where to write: -o OUT (or --in-place)")
    _doc, found, result, warnings = run_corrector(path, source_lang, not no_model, min_confidence, encoding, source_file)
    warn(warnings)
    if target == "-":
        sys.stdout.write(result.text)
    else:
        write_output(target, result.text)
    if not quiet:
        print("\n".join(summary_lines(path, result, found)), file=sys.stderr if target == "-" else sys.stdout)
