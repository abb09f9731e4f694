"""Renderers: each turns a :class:`~mtcheck.findings.Report` into text for one format.

Renderers only read reports; detection never imports this package.
"""

from __future__ import annotations

from collections.abc import Callable

from mtcheck.findings import Report
from mtcheck.render import (
    corrections,
    github,
    html,
    json_format,
    jsonl_format,
    junit,
    markdown,
    sarif,
    text_format,
)

Renderer = Callable[..., str]

RENDERERS: dict[str, Renderer] = {
    "text": text_format.render,
    "json": json_format.render,
    "jsonl": jsonl_format.render,
    "sarif": sarif.render,
    "github": github.render,
    "junit": junit.render,
    "markdown": markdown.render,
    "html": html.render,
    "corrections": corrections.render_markdown,
    "diff": corrections.render_diff,
}
"""Format name -> ``render(report, **options) -> str``."""


def render(report: Report, fmt: str, **options: object) -> str:
    """Render ``report`` in format ``fmt``."""
    return RENDERERS[fmt](report, **options)
