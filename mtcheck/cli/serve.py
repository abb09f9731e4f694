"""``mtcheck serve``: the HTTP API and the review page (Starlette on uvicorn)."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Optional

import typer

from mtcheck.errors import UsageError


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to bind (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[Optional[str], typer.Option("--token", envvar="MTCHECK_TOKEN", show_envvar=True,
                                                 help="Require 'Authorization: Bearer TOKEN' on the API.")] = None,
    max_body: Annotated[int, typer.Option("--max-body", min=1, help="Largest request body in bytes.")] = 2 * 1024 * 1024,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, max=3600, help="Seconds a request may take.")] = 60.0,
    db: Annotated[Optional[str], typer.Option("--db", help="SQLite file for reviews (default: the user data dir).")] = None,
    config: Annotated[Optional[str], typer.Option("--config", help="Configuration file (default: found from the working directory).")] = None,
    model: Annotated[bool, typer.Option("--model/--no-model", help="Load the language model for /v1/fix.")] = False,
    source_lang: Annotated[Optional[str], typer.Option("--source-lang", "-s", help="Default source language.")] = None,
) -> None:
    """Serve the HTTP API (/v1/check, /v1/fix) and the review page at /."""
    try:
        import uvicorn
    except ImportError:
        raise UsageError("the server needs its extra: pip install 'mtcheck[server]'") from None
    from mtcheck.server.app import ServerSettings, create_app

    if host not in ("127.0.0.1", "localhost", "::1") and not token:
        print("mtcheck: warning: serving beyond loopback without --token", file=sys.stderr)
    settings = ServerSettings(token=token or None, max_body=max_body, timeout=timeout, db=db, config=config,
                              model=model, source_lang=source_lang)
    app = create_app(settings)
    app.state.service.warm_up()
    print(f"mtcheck serve: http://{host}:{port}/ (API under /v1, OpenAPI at /openapi.json)", file=sys.stderr, flush=True)
    uvicorn.run(app, host=host, port=port, log_level=os.environ.get("MTCHECK_LOG_LEVEL", "warning"))
