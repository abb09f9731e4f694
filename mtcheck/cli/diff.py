"""``mtcheck diff PATH… -o report.html``: the annotated report of findings and corrections."""

from __future__ import annotations
from typing import Annotated, Optional

import typer

from mtcheck import __version__
from mtcheck.cli.fix import (Config, Encoding, ExtendSelect, Ignore, MinConfidence, NoModel, Paths, Select, SourceFile,
                             SourceLang, StdinFilename, scan_options, warn)
from mtcheck.errors import UsageError

_FORMATS = {"html": "html", "md": "corrections", "markdown": "corrections", "corrections": "corrections",
            "diff": "diff", "patch": "diff"}


def diff(
    paths: Paths,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Where to write the report ('-' or absent: stdout).")] = None,
    output_format: Annotated[Optional[str], typer.Option(
        "--format", "-f", help="html, markdown or diff (default: from -o's extension, else html).")] = None,
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
) -> None:
    """Write an annotated report: original and corrected text side by side (HTML), Markdown or a diff."""
    from mtcheck.fixing import input_files, load_models_for_fix
    from mtcheck.io import check_outputs, write_chunks
    from mtcheck.render.diff_stream import Tally, diff_chunks

    fmt = output_format or (_FORMATS.get(output.rsplit(".", 1)[-1].lower(), "html") if output and "." in output else "html")
    fmt = _FORMATS.get(fmt, fmt)
    if fmt not in ("html", "corrections", "diff"):
        raise UsageError(f"unknown format {output_format!r} (choose from html, markdown, diff)")
    options = scan_options(config, source_lang, select, ignore, extend_select, stdin_filename, encoding)
    files = input_files(paths, options)
    if output:
        check_outputs([output], files)
    warnings: list[str] = []
    models = load_models_for_fix(not no_model, warnings, files)
    warn(warnings)
    tally = Tally()
    chunks = diff_chunks(_reports(files, options, models, min_confidence, source_file, encoding, tally.warnings),
                         fmt, tally, __version__, warnings)
    write_chunks(output or "-", chunks)
    warn(tally.warnings)
    if output and output != "-":
        print(f"wrote {output}: {tally.findings} findings, {tally.applied} corrections applied")


def _reports(files, options, models, min_confidence, source_file, encoding, warnings):  # noqa: ANN001, ANN202
    """Each file's path and reports: an article's one report, a large file's blocks as they are
    corrected; the articles' warnings go to ``warnings`` (the blocks carry theirs)."""
    from mtcheck.fixing import StreamedFile, fix_files
    from mtcheck.stream_fix import iter_block_fixes

    for fixed in fix_files(files, options, models, min_confidence, source_file):
        if isinstance(fixed, StreamedFile):
            yield fixed.path, iter_block_fixes(fixed.path, fixed.options, min_confidence, encoding)
        else:
            warnings.extend(fixed.warnings)
            yield fixed.report.path, (fixed.report,)
