"""The JSON format that other tools read (shape fixed by the scan issue)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mtcheck.findings import FileReport, Finding, Report
from mtcheck.render.escape import json_dumps


def finding_dict(f: Finding, report: FileReport) -> dict[str, Any]:
    """One finding as the JSON object of the public format."""
    line, column = report.line_col(f.start)
    return {
        "code": f.code,
        "rule": f.rule,
        "category": f.category,
        "severity": f.severity.value,
        "start": f.start,
        "end": f.end,
        "line": line,
        "column": column,
        "text": f.text,
        "message": f.message,
        "suggestions": [
            {"replacement": s.replacement, "confidence": round(s.confidence, 4)}
            for s in f.suggestions
        ],
        **_source_fields(f, report),
    }


def _source_fields(f: Finding, report: FileReport) -> dict[str, Any]:
    """With a source: the bilingual unit id and the source span of the finding (optional keys)."""
    out: dict[str, Any] = {}
    unit = report.unit_at(f.start)
    if unit:
        out["unit"] = unit
    if f.source_start is not None and report.bilingual is not None:
        out["source"] = {
            "start": f.source_start,
            "end": f.source_end,
            "text": report.bilingual.source_text[f.source_start : f.source_end],
        }
    return out


def file_dict(report: FileReport) -> dict[str, Any]:
    """One file as the JSON object of the public format (score/passed when known)."""
    out: dict[str, Any] = {
        "path": report.path,
        "words": report.words,
        "findings": [finding_dict(f, report) for f in report.findings],
    }
    if report.score is not None:
        out["score"] = report.score
    if report.passed is not None:
        out["passed"] = report.passed
    if report.bilingual is not None:  # aligned [source_start, source_end, target_start, target_end]
        out["source"] = {"path": report.bilingual.source_path, "alignment": [list(p) for p in report.bilingual.pairs]}
    return out


def report_dict(report: Report) -> dict[str, Any]:
    """The whole report as the JSON object of the public format."""
    return {"version": report.version, "files": [file_dict(f) for f in report.files]}


def render(report: Report, **_: object) -> str:
    """The report as pretty-printed JSON (UTF-8, not ASCII-escaped)."""
    return "".join(render_chunks(report))


def _indented(obj: Any, depth: int) -> str:
    return json_dumps(obj, indent=2).replace("\n", "\n" + "  " * depth)


def render_chunks(report: Report, **_: object) -> Iterator[str]:
    """The same JSON as :func:`render`, produced piece by piece (one finding at a time), so
    that writing a report never holds it whole: memory stays that of the report itself."""
    yield f'{{\n  "version": {json_dumps(report.version)},\n  "files": ['
    for n, fr in enumerate(report.files):
        yield ("," if n else "") + f'\n    {{\n      "path": {json_dumps(fr.path)},\n      "words": {fr.words},\n      "findings": ['
        for k, f in enumerate(fr.findings):
            yield ("," if k else "") + "\n        " + _indented(finding_dict(f, fr), 4)
        yield "\n      ]" if fr.findings else "]"
        if fr.score is not None:
            yield f',\n      "score": {json_dumps(fr.score)}'
        if fr.passed is not None:
            yield f',\n      "passed": {json_dumps(fr.passed)}'
        if fr.bilingual is not None:
            source = {"path": fr.bilingual.source_path, "alignment": [list(p) for p in fr.bilingual.pairs]}
            yield f',\n      "source": {_indented(source, 3)}'
        yield "\n    }"
    yield "\n  ]\n}\n" if report.files else "]\n}\n"
