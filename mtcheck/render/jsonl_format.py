"""JSON Lines: one JSON object per line, for streaming tools and ``jq``.

Each finding is a line ``{"type": "finding", "path": …, <the JSON format's finding fields>}``;
after a file's findings comes ``{"type": "file", "path", "words", "findings", "score",
"passed"}``; the last line is ``{"type": "summary", "version", "files", "words", "findings",
"score", "passed"}``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mtcheck.findings import Report
from mtcheck.gate import run_passed
from mtcheck.render.escape import json_dumps
from mtcheck.render.json_format import finding_dict
from mtcheck.score import run_score


def _line(obj: dict[str, Any]) -> str:
    return json_dumps(obj, separators=(",", ":"))


def render(report: Report, **_: object) -> str:
    """The report as JSON Lines."""
    return "".join(render_chunks(report))


def render_chunks(report: Report, **_: object) -> Iterator[str]:
    """The JSON Lines of :func:`render`, one line at a time (never the whole report at once)."""
    for fr in report.files:
        for f in fr.findings:
            yield _line({"type": "finding", "path": fr.path, **finding_dict(f, fr)}) + "\n"
        file_obj: dict[str, Any] = {"type": "file", "path": fr.path, "words": fr.words, "findings": len(fr.findings)}
        if fr.score is not None:
            file_obj["score"] = fr.score
        if fr.passed is not None:
            file_obj["passed"] = fr.passed
        yield _line(file_obj) + "\n"
    yield _line({
        "type": "summary",
        "version": report.version,
        "files": len(report.files),
        "words": sum(fr.words for fr in report.files),
        "findings": sum(len(fr.findings) for fr in report.files),
        "score": run_score(report),
        "passed": run_passed(report),
    }) + "\n"
