"""GitHub Actions workflow commands: one annotation per finding on the pull request's lines.

``::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=CODE rule-name::message``;
``info`` findings become ``notice``. Values are escaped as the Actions runner expects:
``%``, CR and LF everywhere, and ``:`` and ``,`` in properties.
"""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.findings import FileReport, Finding, Report, Severity
from mtcheck.render.escape import terminal_safe

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message (control characters and undecodable bytes shown as ``\\xNN``)."""
    return terminal_safe(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """Escape a command property's value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(fr: FileReport, f: Finding) -> str:
    """The workflow command for one finding."""
    line, col = fr.line_col(f.start)
    end_line, end_col = fr.line_col(f.end)
    props = {
        "file": fr.path,
        "line": line,
        "col": col,
        "endLine": end_line,
        "endColumn": end_col,
        "title": f"{f.code} {f.rule}",
    }
    message = f.message
    if f.best is not None:
        message += f" (suggestion: “{f.best.replacement}”)" if f.best.replacement else " (suggestion: delete)"
    prop_text = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
    return f"::{COMMANDS[f.severity]} {prop_text}::{escape_data(message)}"


def render(report: Report, **_: object) -> str:
    """One annotation line per finding."""
    return "".join(render_chunks(report))


def render_chunks(report: Report, **_: object) -> Iterator[str]:
    """The annotation lines of :func:`render`, one at a time."""
    for fr in report.files:
        for f in fr.findings:
            yield annotation(fr, f) + "\n"
