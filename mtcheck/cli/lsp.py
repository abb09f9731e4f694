"""``mtcheck lsp``: the language server over stdio, for editors."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from mtcheck.errors import UsageError


def lsp(
    config: Annotated[Optional[str], typer.Option("--config", help="Configuration file (default: found from each document's folder).")] = None,
    source_lang: Annotated[Optional[str], typer.Option("--source-lang", "-s", help="Source language of the translations.")] = None,
) -> None:
    """Run the language server over stdio (diagnostics and quick fixes in your editor)."""
    try:
        from mtcheck.lsp.server import build_server
    except ImportError:
        raise UsageError("the language server needs its extra: pip install 'mtcheck[server]'") from None
    from mtcheck.runner import ScanOptions

    build_server(ScanOptions(config=config, source_lang=source_lang)).start_io()
