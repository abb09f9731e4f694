"""``mtcheck lsp``: the language server over stdio, for editors."""

from __future__ import annotations

import click

from mtcheck.cli import CONTEXT_SETTINGS
from mtcheck.errors import UsageError


@click.command("lsp", context_settings=CONTEXT_SETTINGS)
@click.option("--config", help="Configuration file (default: found from each document's folder).")
@click.option("--source-lang", "-s", help="Source language of the translations.")
def lsp(config: str | None, source_lang: str | None) -> None:
    """Run the language server over stdio (diagnostics and quick fixes in your editor)."""
    try:
        from mtcheck.lsp.server import build_server
    except ImportError:
        raise UsageError("the language server needs its extra: pip install 'mtcheck[server]'") from None
    from mtcheck.runner import ScanOptions

    build_server(ScanOptions(config=config, source_lang=source_lang)).start_io()
