"""Renderers: each turns a :class:`~mtcheck.findings.Report` into text for one format.

Renderers only read reports; detection never imports this package.
"""

from __future__ import annotations

from collections.abc import Callable

from mtcheck.findings import Report
from mtcheck.render import corrections, html, json_format, text_format

Renderer = Callable[..., str]

RENDERERS: dict[str, Renderer] = {
    "text": text_format.render,
    "json": json_format.render,
    "html": html.render,
    "markdown": corrections.render_markdown,
    "diff": corrections.render_diff,
}
"""Format name -> ``render(report, **options) -> str``."""


def render(report: Report, fmt: str, **options: object) -> str:
    """Render ``report`` in format ``fmt``."""
    return RENDERERS[fmt](report, **options)
