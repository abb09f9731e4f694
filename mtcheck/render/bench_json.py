"""The benchmark report as JSON (schema ``mtcheck-bench/1``)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from mtcheck.bench.report import BenchReport

SCHEMA = "mtcheck-bench/1"


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    return value


def bench_dict(report: BenchReport) -> dict[str, Any]:
    """The report as a JSON-ready dict, floats rounded to 6 places."""
    return {"schema": SCHEMA, **_rounded(asdict(report))}


def render(report: BenchReport, **_: object) -> str:
    """The report as indented JSON with a final newline."""
    return json.dumps(bench_dict(report), ensure_ascii=False, indent=2) + "\n"
