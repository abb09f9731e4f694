"""The terminal format: ``file:line:col  CODE  message``, the span in context, the fix."""

from __future__ import annotations

from collections import Counter

from mtcheck.findings import FileReport, Finding, Report

_STYLES = {
    "error": "\x1b[1;31m",
    "warning": "\x1b[1;33m",
    "info": "\x1b[1;36m",
    "path": "\x1b[1m",
    "dim": "\x1b[2m",
    "span": "\x1b[4;35m",
    "fix": "\x1b[32m",
    "reset": "\x1b[0m",
}
_CONTEXT = 40


def _style(text: str, style: str, color: bool) -> str:
    return f"{_STYLES[style]}{text}{_STYLES['reset']}" if color else text


def _visible(text: str) -> str:
    return text.replace("\r", "␍").replace("\n", "⏎").replace("\t", " ")


def _context(report: FileReport, f: Finding, color: bool) -> str:
    text = report.text
    left_start = max(0, f.start - _CONTEXT)
    right_end = min(len(text), f.end + _CONTEXT)
    left = _visible(text[left_start : f.start])
    right = _visible(text[f.end : right_end])
    span = _visible(f.text) if f.text else "‸"
    left = ("…" if left_start > 0 else "") + left.split("⏎")[-1]
    right = right.split("⏎")[0] + ("…" if right_end < len(text) else "")
    return f"{left}{_style(span, 'span', color)}{right}"


def render_finding(report: FileReport, f: Finding, color: bool = False) -> str:
    """One finding as two or three lines of terminal text."""
    line, col = report.line_col(f.start)
    head = (
        f"{_style(f'{report.path}:{line}:{col}', 'path', color)}  "
        f"{_style(f.severity.value, f.severity.value, color)}  "
        f"{f.code} {_style(f'[{f.category}]', 'dim', color)}  {f.message}"
    )
    lines = [head, f"    {_context(report, f, color)}"]
    if f.suggestions:
        shown = ", ".join(
            f"“{s.replacement}”" if s.replacement else "(delete)" for s in f.suggestions[:3]
        )
        lines.append(f"    {_style('→ ' + shown, 'fix', color)}")
    return "\n".join(lines)


def render(report: Report, color: bool = False, **_: object) -> str:
    """The whole report for a terminal; ``color`` adds ANSI styles."""
    out: list[str] = []
    total: Counter[str] = Counter()
    for fr in report.files:
        for f in fr.findings:
            out.append(render_finding(fr, f, color))
            total[f.severity.value] += 1
    words = sum(fr.words for fr in report.files)
    n = sum(total.values())
    summary = (
        f"{len(report.files)} file{'s' * (len(report.files) != 1)}, {words} words: "
        f"{n} finding{'s' * (n != 1)}"
    )
    if n:
        summary += " (" + ", ".join(f"{total[s]} {s}" for s in ("error", "warning", "info") if total[s]) + ")"
    out.append(_style(summary, "path", color) if out else summary)
    return "\n".join(out) + "\n"
