"""The terminal format: ``file:line:col  CODE  message``, the span in context, the fix."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from mtcheck.findings import CATEGORIES, FileReport, Finding, Report
from mtcheck.gate import GateCheck, GateFailure
from mtcheck.render.escape import terminal_safe
from mtcheck.score import run_score

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
_LONG_SPAN = 120


def _style(text: str, style: str, color: bool) -> str:
    return f"{_STYLES[style]}{text}{_STYLES['reset']}" if color else text


def _visible(text: str) -> str:
    return terminal_safe(text.replace("\r", "␍").replace("\n", "⏎").replace("\t", " "))


def _context(report: FileReport, f: Finding, color: bool) -> str:
    text = report.text
    left_start = max(0, f.start - _CONTEXT)
    right_end = min(len(text), f.end + _CONTEXT)
    left = _visible(text[left_start : f.start])
    right = _visible(text[f.end : right_end])
    span = _visible(f.text) if f.text else "‸"
    if len(span) > _LONG_SPAN:
        span = f"{span[:_LONG_SPAN // 2]} … {span[-_LONG_SPAN // 4:]} ({len(f.text)} characters)"
    left = ("…" if left_start > 0 else "") + left.split("⏎")[-1]
    right = right.split("⏎")[0] + ("…" if right_end < len(text) else "")
    return f"{left}{_style(span, 'span', color)}{right}"


def render_finding(report: FileReport, f: Finding, color: bool = False) -> str:
    """One finding as two or three lines of terminal text."""
    line, col = report.line_col(f.start)
    head = (
        f"{_style(f'{_visible(report.path)}:{line}:{col}', 'path', color)}  "
        f"{_style(f.severity.value, f.severity.value, color)}  "
        f"{f.code} {_style(f'[{f.category}]', 'dim', color)}  {_visible(f.message)}"
    )
    lines = [head, f"    {_context(report, f, color)}"]
    if f.suggestions:
        shown = ", ".join(
            f"“{_visible(s.replacement)}”" if s.replacement else "(delete)" for s in f.suggestions[:3]
        )
        lines.append(f"    {_style('→ ' + shown, 'fix', color)}")
    return "\n".join(lines)


def render_file_line(report: FileReport, color: bool = False) -> str:
    """One file's result line: words, findings, score and gate outcome (when known)."""
    n = len(report.findings)
    line = f"{_visible(report.path)}: {report.words} words, {n} finding{'s' * (n != 1)}"
    if report.score is not None:
        line += f", score {report.score:.1f}"
    if report.passed is not None:
        line += ", " + (_style("passed", "fix", color) if report.passed else _style("failed", "error", color))
        if report.gate_failures:
            line += f" ({_why(report)})"
    return line


def render_gate_failure(failure: GateFailure) -> str:
    """Why a file failed the gate, in words: which threshold, which value."""
    if failure.check is GateCheck.FAIL_ON:
        n = int(failure.value)
        return f"{n} finding{'s' * (n != 1)} at or above {failure.threshold.value} (fail-on = {failure.threshold.value})"
    if failure.check is GateCheck.MIN_SCORE:
        return f"score {failure.value:.1f} below min-score {failure.threshold:g}"
    return f"{failure.value:.1f} findings per 1,000 words above max-findings-per-1k {failure.threshold:g}"


def render_summary(report: Report, color: bool = False) -> str:
    """The run summary: files, words, findings by severity and category, score, time, gate."""
    total: Counter[str] = Counter(f.severity.value for fr in report.files for f in fr.findings)
    by_category: Counter[str] = Counter(f.category for fr in report.files for f in fr.findings)
    words = sum(fr.words for fr in report.files)
    n = sum(total.values())
    summary = (
        f"{len(report.files)} file{'s' * (len(report.files) != 1)}, {words} words: "
        f"{n} finding{'s' * (n != 1)}"
    )
    if n:
        summary += " (" + ", ".join(f"{total[s]} {s}" for s in ("error", "warning", "info") if total[s]) + ")"
    summary = _style(summary, "path", color) if n else summary
    scored = any(fr.score is not None for fr in report.files)
    if by_category and scored:
        order = {c: i for i, c in enumerate(CATEGORIES)}
        cats = sorted(by_category, key=lambda c: (order.get(c, len(order)), c))
        summary += "\n  by category: " + ", ".join(f"{c} {by_category[c]}" for c in cats)
    if scored:
        summary += f"\n  score {run_score(report):.1f}"
        if report.elapsed:
            summary += f" · {report.elapsed:.2f} s"
        if any(fr.passed is not None for fr in report.files):
            failed = sum(1 for fr in report.files if fr.passed is False)
            summary += " · gate " + (
                _style(f"failed ({failed} file{'s' * (failed != 1)})", "error", color)
                if failed else _style("passed", "fix", color)
            )
            if len(report.files) == 1 and report.files[0].gate_failures:
                summary += f"\n  gate failed: {_why(report.files[0])}"
    return summary


def _why(report: FileReport) -> str:
    return "; ".join(render_gate_failure(g) for g in report.gate_failures)


def render(report: Report, color: bool = False, **_: object) -> str:
    """The whole report for a terminal; ``color`` adds ANSI styles."""
    return "".join(render_chunks(report, color))


def render_chunks(report: Report, color: bool = False, **_: object) -> Iterator[str]:
    """The text of :func:`render`, one finding at a time."""
    for fr in report.files:
        for f in fr.findings:
            yield render_finding(fr, f, color) + "\n"
        if fr.score is not None and len(report.files) > 1:
            yield render_file_line(fr, color) + "\n"
    yield render_summary(report, color) + "\n"
