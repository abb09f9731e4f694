"""Corrections as a unified diff or as Markdown, for pull-request comments."""

from __future__ import annotations

import difflib

from mtcheck.findings import FileReport, Report


def unified_diff(report: FileReport, context: int = 1) -> str:
    """The corrected text against the original as a unified diff (empty when unchanged)."""
    if report.corrected_text is None or report.corrected_text == report.text:
        return ""
    lines = difflib.unified_diff(
        report.text.splitlines(keepends=True),
        report.corrected_text.splitlines(keepends=True),
        fromfile=f"a/{report.path}",
        tofile=f"b/{report.path}",
        n=context,
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def _cell(text: str) -> str:
    shown = text.replace("\n", "⏎").replace("|", "\\|").replace("`", "ˋ")
    return f"`{shown}`" if shown.strip() else "(empty)"


def markdown(report: Report) -> str:
    """A Markdown summary: one table of corrections per file, then the diff in a fenced block."""
    out = [MARKDOWN_HEAD]
    for fr in report.files:
        out.append(file_markdown(fr, unified_diff(fr)))
    return "".join(out)


MARKDOWN_HEAD = "## mtcheck corrections\n\n"
"""The first lines of the Markdown rendering."""


def file_markdown(fr: FileReport, diff: str) -> str:
    """One file's part of :func:`markdown`: its table of corrections and ``diff`` (its unified diff)."""
    applied = [c for c in fr.corrections if c.applied]
    proposed = [c for c in fr.corrections if not c.applied]
    out = [f"### `{fr.path}`: {len(applied)} applied, {len(proposed)} proposed", ""]
    if fr.corrections:
        out += ["| line | rule | original | correction | confidence | applied |", "|---|---|---|---|---|---|"]
        for c in fr.corrections:
            line, _col = fr.line_col(c.finding.start)
            out.append(
                f"| {line} | {c.finding.code} {c.finding.category} | {_cell(c.finding.text)} | "
                f"{_cell(c.replacement)} | {c.confidence:.2f} | {'yes' if c.applied else 'no'} |"
            )
        out.append("")
    if diff:
        out += ["<details><summary>diff</summary>", "", "```diff", diff.rstrip("\n"), "```", "", "</details>", ""]
    return "\n".join(out) + "\n"


def render_diff(report: Report, **_: object) -> str:
    """Every file's unified diff, concatenated."""
    return "".join(unified_diff(fr) for fr in report.files)


def render_markdown(report: Report, **_: object) -> str:
    """The Markdown rendering (see :func:`markdown`)."""
    return markdown(report)
