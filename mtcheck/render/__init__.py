"""Renderers: each turns a :class:`~mtcheck.findings.Report` into text for one format.

Renderers only read reports; detection never imports this package. Each format is a module
with a ``render(report, **options) -> str`` function, imported only when used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator

from mtcheck.findings import Report

Renderer = Callable[..., str]

RENDERERS: dict[str, str] = {
    "text": "mtcheck.render.text_format",
    "json": "mtcheck.render.json_format",
    "jsonl": "mtcheck.render.jsonl_format",
    "sarif": "mtcheck.render.sarif",
    "github": "mtcheck.render.github",
    "junit": "mtcheck.render.junit",
    "markdown": "mtcheck.render.markdown",
    "html": "mtcheck.render.html",
    "corrections": "mtcheck.render.corrections:render_markdown",
    "diff": "mtcheck.render.corrections:render_diff",
}
"""Format name -> ``module`` (its ``render``) or ``module:function``, each taking
``(report, **options)`` and returning the text."""


def renderer(fmt: str) -> Renderer:
    """The ``render`` function of format ``fmt``."""
    module, _, function = RENDERERS[fmt].partition(":")
    return getattr(importlib.import_module(module), function or "render")


def render(report: Report, fmt: str, **options: object) -> str:
    """Render ``report`` in format ``fmt``."""
    return renderer(fmt)(report, **options)


def render_chunks(report: Report, fmt: str, **options: object) -> Iterator[str]:
    """Render ``report`` in format ``fmt`` piece by piece: formats whose module has a
    ``render_chunks`` (all but markdown, whose summary is small, and the corrections formats)
    stream, the others give their text in one piece."""
    module, _, function = RENDERERS[fmt].partition(":")
    chunks = None if function else getattr(importlib.import_module(module), "render_chunks", None)
    if chunks is None:
        yield render(report, fmt, **options)
    else:
        yield from chunks(report, **options)
