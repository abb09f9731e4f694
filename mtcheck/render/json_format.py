"""The JSON format that other tools read (shape fixed by the scan issue)."""

from __future__ import annotations

import json
from typing import Any

from mtcheck.findings import FileReport, Finding, Report


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
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2) + "\n"
