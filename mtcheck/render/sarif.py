"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.

One run; the rules that produced findings are listed under ``tool.driver.rules`` with their
descriptions; severities map to levels (error → error, warning → warning, info → note).
Regions give 1-based lines and columns counted in Unicode code points (``columnKind`` says
so); ``endColumn`` is one past the last character, as SARIF requires.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any

from mtcheck.baseline import fingerprint
from mtcheck.findings import FileReport, Finding, Report, Severity
from mtcheck.rules import rule_by_code

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/mtcheck/mtcheck"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    return PurePath(path).as_posix() if not path.startswith("<") else path.strip("<>")


def _rule_descriptor(f: Finding) -> dict[str, Any]:
    rule = rule_by_code(f.code)
    doc = (type(rule).__doc__ or "").strip() if rule is not None else ""
    summary = doc.splitlines()[0] if doc else f.rule.replace("-", " ")
    full = " ".join(doc.split()) if doc else summary
    default = rule.severity if rule is not None else f.severity
    return {
        "id": f.code,
        "name": f.rule,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": full},
        "defaultConfiguration": {"level": LEVELS[default]},
        "properties": {"category": f.category, "tags": ["translation", f.category]},
    }


def _result(f: Finding, fr: FileReport, rule_index: int) -> dict[str, Any]:
    line, col = fr.line_col(f.start)
    end_line, end_col = fr.line_col(f.end)
    region: dict[str, Any] = {
        "startLine": line,
        "startColumn": col,
        "endLine": end_line,
        "endColumn": end_col,
        "charOffset": f.start,
        "charLength": f.end - f.start,
        "snippet": {"text": f.text},
    }
    result: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": _uri(fr.path), "uriBaseId": "%SRCROOT%"},
                "region": region,
            }
        }],
        "partialFingerprints": {"mtcheck/v1": fingerprint(_uri(fr.path), fr.text, f)},
    }
    unit = fr.unit_at(f.start)
    if unit:
        result["locations"][0]["logicalLocations"] = [{"name": unit, "kind": "element"}]
    if f.source_start is not None and fr.bilingual is not None:
        source = fr.bilingual.source_text[f.source_start : f.source_end]
        result["properties"] = {"sourceText": source}
    if f.suggestions:
        best = f.best
        result["fixes"] = [{
            "description": {"text": f"Replace with “{best.replacement}”" if best.replacement else "Delete"},
            "artifactChanges": [{
                "artifactLocation": {"uri": _uri(fr.path), "uriBaseId": "%SRCROOT%"},
                "replacements": [{
                    "deletedRegion": {k: region[k] for k in ("startLine", "startColumn", "endLine", "endColumn")},
                    "insertedContent": {"text": best.replacement},
                }],
            }],
        }]
    return result


def sarif_dict(report: Report) -> dict[str, Any]:
    """The report as a SARIF 2.1.0 log object."""
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    results = []
    for fr in report.files:
        for f in fr.findings:
            if f.code not in index:
                index[f.code] = len(rules)
                rules.append(_rule_descriptor(f))
            results.append(_result(f, fr, index[f.code]))
    order = sorted(range(len(rules)), key=lambda i: rules[i]["id"])
    remap = {old: new for new, old in enumerate(order)}
    rules = [rules[i] for i in order]
    for r in results:
        r["ruleIndex"] = remap[r["ruleIndex"]]
    artifacts = [
        {"location": {"uri": _uri(fr.path), "uriBaseId": "%SRCROOT%"}, "length": len(fr.text),
         "properties": {"words": fr.words, **({"score": fr.score} if fr.score is not None else {}),
                        **({"passed": fr.passed} if fr.passed is not None else {})}}
        for fr in report.files
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": "mtcheck",
                "version": report.version,
                "semanticVersion": report.version,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "results": results,
        }],
    }


def render(report: Report, **_: object) -> str:
    """The report as SARIF 2.1.0 JSON."""
    return json.dumps(sarif_dict(report), ensure_ascii=False, indent=2) + "\n"
