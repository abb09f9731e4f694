"""Streamed rendering: every large format comes piece by piece, equal to the whole."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from mtcheck.render import render, render_chunks
from mtcheck.render.escape import json_dumps
from mtcheck.render.json_format import report_dict
from test_formats import golden_report


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl"])
def test_chunks_join_to_the_rendered_text_one_finding_at_a_time(fmt: str) -> None:
    report = golden_report()
    chunks = list(render_chunks(report, fmt))
    assert "".join(chunks) == render(report, fmt)
    assert len(chunks) >= sum(len(fr.findings) for fr in report.files)


def test_streamed_json_is_exactly_the_pretty_printed_dict() -> None:
    report = golden_report()
    variants = [report, replace(report, files=()),
                replace(report, files=tuple(replace(fr, findings=(), score=None, passed=None) for fr in report.files))]
    for variant in variants:
        text = render(variant, "json")
        assert text == json_dumps(report_dict(variant), indent=2) + "\n"
        json.loads(text)


def test_markdown_comes_in_one_piece() -> None:
    report = golden_report()
    assert list(render_chunks(report, "markdown")) == [render(report, "markdown")]


@pytest.mark.parametrize("fmt", ["sarif", "html", "junit", "github"])
def test_large_formats_stream_too(fmt: str) -> None:
    report = golden_report()
    for variant in (report, replace(report, files=()), replace(report, files=report.files[:1])):
        chunks = list(render_chunks(variant, fmt))
        assert "".join(chunks) == render(variant, fmt)
    assert len(list(render_chunks(report, fmt))) >= 3
