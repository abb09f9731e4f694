"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.

One run; the rules that produced findings are listed under ``tool.driver.rules`` with their
descriptions; severities map to levels (error → error, warning → warning, info → note).
Regions give 1-based lines and columns counted in Unicode code points (``columnKind`` says
so); ``endColumn`` is one past the last character, as SARIF requires.
"""

from __future__ import annotations

from pathlib import PurePath
from collections.abc import Iterator
from typing import Any

from mtcheck.baseline import fingerprint
from mtcheck.findings import FileReport, Finding, Report, Severity
from mtcheck.render.escape import file_uri, json_dumps
from mtcheck.rules import rule_by_code

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/mtcheck/mtcheck"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _path_key(path: str) -> str:
    """The path as fingerprints hash it (unencoded, ``/``-separated: stable across versions)."""
    return PurePath(path).as_posix() if not path.startswith("<") else path.strip("<>")


def _uri(path: str) -> str:
    return file_uri(path.strip("<>") if path.startswith("<") else path)


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
        "partialFingerprints": {"mtcheck/v1": fingerprint(_path_key(fr.path), fr.text, f)},
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


def _rules(report: Report) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The descriptors of the rules that produced findings, sorted by id, and id -> index."""
    first: dict[str, Finding] = {}
    for fr in report.files:
        for f in fr.findings:
            first.setdefault(f.code, f)
    rules = [_rule_descriptor(first[code]) for code in sorted(first)]
    return rules, {r["id"]: i for i, r in enumerate(rules)}


def _run_shell(report: Report, rules: list[dict[str, Any]]) -> dict[str, Any]:
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
            "results": [],
        }],
    }


def sarif_dict(report: Report) -> dict[str, Any]:
    """The report as a SARIF 2.1.0 log object."""
    rules, index = _rules(report)
    log = _run_shell(report, rules)
    log["runs"][0]["results"] = [_result(f, fr, index[f.code]) for fr in report.files for f in fr.findings]
    return log


def render(report: Report, **_: object) -> str:
    """The report as SARIF 2.1.0 JSON."""
    return "".join(render_chunks(report))


def render_chunks(report: Report, **_: object) -> Iterator[str]:
    """The SARIF of :func:`render` piece by piece: the run's header, then one result at a time
    (the whole log is never built), exactly as ``json.dumps(sarif_dict(report), indent=2)``."""
    rules, index = _rules(report)
    shell = json_dumps(_run_shell(report, rules), indent=2)
    head, _, tail = shell.partition('"results": []')
    yield head + '"results": ['
    n = 0
    for fr in report.files:
        for f in fr.findings:
            body = json_dumps(_result(f, fr, index[f.code]), indent=2).replace("\n", "\n        ")
            yield ("," if n else "") + "\n        " + body
            n += 1
    yield ("\n      ]" if n else "]") + tail + "\n"
