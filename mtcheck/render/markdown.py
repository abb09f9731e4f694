"""A Markdown summary for pull-request comments: verdict, per-file table, categories, details."""

from __future__ import annotations

import html
from collections import Counter

from mtcheck.findings import CATEGORIES, FileReport, Report
from mtcheck.gate import run_passed
from mtcheck.render.escape import terminal_safe
from mtcheck.score import run_score

MAX_LISTED = 50
"""Findings listed per file; the rest are counted."""


def _cell(text: str) -> str:
    """Plain text for a table cell or an HTML element: no raw HTML, pipes or line breaks."""
    text = html.escape(terminal_safe(text.replace("\n", " ").replace("\r", " ")), quote=False)
    return text.replace("\\", "\\\\").replace("|", "\\|")


def _code(text: str) -> str:
    shown = terminal_safe(text.replace("\n", "⏎").replace("\r", ""))
    if not shown:
        return "‸"
    fence = "``" if "`" in shown else "`"
    pad = " " if shown.startswith("`") or shown.endswith("`") or fence == "``" else ""
    return f"{fence}{pad}{shown}{pad}{fence}"


def _verdict(fr: FileReport) -> str:
    if fr.passed is None:
        return "–"
    return "✅ pass" if fr.passed else "❌ fail"


def render(report: Report, **_: object) -> str:
    """The report as a Markdown summary."""
    words = sum(fr.words for fr in report.files)
    count = sum(len(fr.findings) for fr in report.files)
    verdict = "✅ passed" if run_passed(report) else "❌ failed"
    out = [
        f"## mtcheck: {verdict}",
        "",
        f"**{len(report.files)}** file{'s' * (len(report.files) != 1)}, **{words}** words, "
        f"**{count}** finding{'s' * (count != 1)}, score **{run_score(report):.1f}**/100",
        "",
        "| File | Words | Score | Errors | Warnings | Info | Gate |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for fr in report.files:
        sev = Counter(f.severity.value for f in fr.findings)
        score = f"{fr.score:.1f}" if fr.score is not None else "–"
        out.append(
            f"| {_cell(fr.path)} | {fr.words} | {score} | {sev['error']} | {sev['warning']} | {sev['info']} | {_verdict(fr)} |"
        )
    by_category = Counter(f.category for fr in report.files for f in fr.findings)
    if by_category:
        order = {c: i for i, c in enumerate(CATEGORIES)}
        out += ["", "**By category:** " + ", ".join(
            f"{c} {by_category[c]}" for c in sorted(by_category, key=lambda c: (order.get(c, 99), c)))]
    for fr in report.files:
        if not fr.findings:
            continue
        out += ["", f"<details><summary>{_cell(fr.path)}: {len(fr.findings)} finding{'s' * (len(fr.findings) != 1)}</summary>", ""]
        for f in fr.findings[:MAX_LISTED]:
            line, col = fr.line_col(f.start)
            fix = ""
            if f.best is not None:
                fix = f" → {_code(f.best.replacement)}" if f.best.replacement else " → delete"
            out.append(f"- **{line}:{col}** `{f.code}` {f.severity.value}: {_cell(f.message)}: {_code(f.text)}{fix}")
        if len(fr.findings) > MAX_LISTED:
            out.append(f"- … and {len(fr.findings) - MAX_LISTED} more")
        out += ["", "</details>"]
    return "\n".join(out) + "\n"
