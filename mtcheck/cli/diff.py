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
    from mtcheck.findings import Report
    from mtcheck.fixing import fix_files, input_files, load_models_for_fix
    from mtcheck.io import check_outputs, write_text
    from mtcheck.render import render

    fmt = output_format or (_FORMATS.get(output.rsplit(".", 1)[-1].lower(), "html") if output and "." in output else "html")
    fmt = _FORMATS.get(fmt, fmt)
    if fmt not in ("html", "corrections", "diff"):
        raise UsageError(f"unknown format {output_format!r} (choose from html, markdown, diff)")
    options = scan_options(config, source_lang, select, ignore, extend_select, stdin_filename, encoding)
    files = input_files(paths, options)
    if output:
        check_outputs([output], files)
    warnings: list[str] = []
    models = load_models_for_fix(not no_model, warnings)
    reports = []
    for fixed in fix_files(files, options, models, min_confidence, source_file):
        warnings += fixed.warnings
        reports.append(fixed.report)
    warn(warnings)
    from mtcheck.lang import default_language

    lang = source_lang or default_language()
    page = render(Report(files=tuple(reports), version=__version__, source_lang=lang, warnings=tuple(dict.fromkeys(warnings))), fmt)
    if output and output != "-":
        write_text(output, page)
        applied = sum(1 for fr in reports for c in fr.corrections if c.applied)
        print(f"wrote {output}: {sum(len(fr.findings) for fr in reports)} findings, {applied} corrections applied")
    else:
        write_text("-", page)
