"""``mtcheck serve``: the HTTP API and the review page (Starlette on uvicorn)."""

from __future__ import annotations

import os

import click

from mtcheck.cli import CONTEXT_SETTINGS
from mtcheck.errors import UsageError


@click.command("serve", context_settings=CONTEXT_SETTINGS)
@click.option("--host", default="127.0.0.1", help="Address to bind (loopback by default).")
@click.option("--port", default=8000, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--token", envvar="MTCHECK_TOKEN", show_envvar=True,
              help="Require 'Authorization: Bearer TOKEN' on the API.")
@click.option("--max-body", default=2 * 1024 * 1024, type=click.IntRange(1), help="Largest request body in bytes.")
@click.option("--timeout", default=60.0, type=click.FloatRange(0.1, 3600), help="Seconds a request may take.")
@click.option("--db", help="SQLite file for reviews (default: the user data dir).")
@click.option("--config", help="Configuration file (default: found from the working directory).")
@click.option("--model/--no-model", default=False, help="Load the language model for /v1/fix.")
@click.option("--source-lang", "-s", help="Default source language.")
def serve(host: str, port: int, token: str | None, max_body: int, timeout: float, db: str | None,
          config: str | None, model: bool, source_lang: str | None) -> None:
    """Serve the HTTP API (/v1/check, /v1/fix) and the review page at /."""
    try:
        import uvicorn
    except ImportError:
        raise UsageError("the server needs its extra: pip install 'mtcheck[server]'") from None
    from mtcheck.server.app import ServerSettings, create_app

    if host not in ("127.0.0.1", "localhost", "::1") and not token:
        click.echo("mtcheck: warning: serving beyond loopback without --token", err=True)
    settings = ServerSettings(token=token or None, max_body=max_body, timeout=timeout, db=db, config=config,
                              model=model, source_lang=source_lang)
    app = create_app(settings)
    app.state.service.warm_up()
    click.echo(f"mtcheck serve: http://{host}:{port}/ (API under /v1, OpenAPI at /openapi.json)", err=True)
    uvicorn.run(app, host=host, port=port, log_level=os.environ.get("MTCHECK_LOG_LEVEL", "warning"))
