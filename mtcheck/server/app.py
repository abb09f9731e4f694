"""The Starlette application: the JSON API under ``/v1``, the review page at ``/``.

Every request is bounded (body size, time); a bad request gets a one-line JSON error and
never harms the server; an optional bearer token guards the API.
"""

from __future__ import annotations

import hmac
import importlib.resources
import logging
from dataclasses import dataclass
from typing import Any, Awaitable, Callable

import anyio
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mtcheck import __version__
from mtcheck.errors import MtcheckError
from mtcheck.server.api import OPENAPI, ApiError, check_request, decision_request, parse_json
from mtcheck.server.review import corrected_text, export
from mtcheck.server.service import CheckService
from mtcheck.server.store import ReviewStore

log = logging.getLogger("mtcheck.server")

DEFAULT_MAX_BODY = 2 * 1024 * 1024
DEFAULT_TIMEOUT = 60.0
_ASSETS = {"review.js": "text/javascript", "review.css": "text/css"}


@dataclass(frozen=True)
class ServerSettings:
    """How the server runs: limits, token, review database, configuration and model."""

    token: str | None = None
    max_body: int = DEFAULT_MAX_BODY
    timeout: float = DEFAULT_TIMEOUT
    db: str | None = None
    config: str | None = None
    model: bool = False
    source_lang: str | None = None
    max_workers: int = 4


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > limit:
                raise ApiError(413, f"request body over the limit of {limit} bytes")
        except ValueError:
            raise ApiError(400, "bad Content-Length header") from None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"request body over the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _asset(name: str) -> str:
    return importlib.resources.files("mtcheck.server").joinpath("assets", name).read_text(encoding="utf-8")


def create_app(settings: ServerSettings = ServerSettings(), service: CheckService | None = None) -> Starlette:
    """The application for ``settings`` (``service`` shares an already loaded checker)."""
    checker = service or CheckService(settings.config, settings.model, settings.source_lang)
    store = ReviewStore(settings.db)
    limiter = anyio.CapacityLimiter(settings.max_workers)

    async def run(fn: Callable[..., Any], *args: Any) -> Any:
        with anyio.fail_after(settings.timeout):
            return await anyio.to_thread.run_sync(fn, *args, limiter=limiter, abandon_on_cancel=True)

    def endpoint(handler: Callable[[Request], Awaitable[Response]], guarded: bool = True) -> Callable[[Request], Awaitable[Response]]:
        async def wrapped(request: Request) -> Response:
            if guarded and settings.token:
                given = request.headers.get("authorization", "")
                if not hmac.compare_digest(given.encode(), f"Bearer {settings.token}".encode()):
                    return _error(401, "missing or wrong bearer token")
            try:
                return await handler(request)
            except ApiError as exc:
                return _error(exc.status, exc.message)
            except TimeoutError:
                return _error(504, f"the request took longer than {settings.timeout:g} s")
            except MtcheckError as exc:
                return _error(422, str(exc))
            except Exception as exc:  # noqa: BLE001 - one bad request never takes the server down
                log.exception("internal error")
                return _error(500, f"internal error: {type(exc).__name__}")

        return wrapped

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": __version__, "model_loaded": checker.model_loaded,
                             "model_enabled": checker.use_model})

    async def check(request: Request) -> Response:
        req = check_request(parse_json(await _body(request, settings.max_body)))
        return JSONResponse(await run(checker.check, req))

    async def fix(request: Request) -> Response:
        req = check_request(parse_json(await _body(request, settings.max_body)))
        return JSONResponse(await run(checker.fix, req))

    async def reviews(request: Request) -> Response:
        if request.method == "GET":
            return JSONResponse({"reviews": await run(store.list)})
        data = parse_json(await _body(request, settings.max_body))
        title = data.pop("title", None)
        if title is not None and not isinstance(title, str):
            raise ApiError(422, "field 'title' must be a string")
        req = check_request(data)
        report = await run(checker.check, req)
        title = (title or req.text.strip().split("\n", 1)[0])[:120] or "Untitled"
        review_id = await run(store.create, report, req.text, req.source, req.source_lang, title)
        return JSONResponse(await run(_review_view, review_id), status_code=201)

    def _review_view(review_id: str) -> dict[str, Any]:
        review = store.get(review_id)
        if review is None:
            raise ApiError(404, f"no review {review_id!r}")
        from mtcheck.render.explain import explain
        from mtcheck.server.review import finding_from_json

        review["explanations"] = [explain(finding_from_json(f)).as_dict() for f in review["report"]["findings"]]
        review["corrected_text"] = corrected_text(review["text"], review["report"]["findings"], review["decisions"])
        return review

    async def review(request: Request) -> Response:
        return JSONResponse(await run(_review_view, request.path_params["id"]))

    async def decide(request: Request) -> Response:
        review_id, index = request.path_params["id"], request.path_params["index"]
        decision, replacement = decision_request(parse_json(await _body(request, settings.max_body)))
        current = await run(store.get, review_id)
        if current is None:
            raise ApiError(404, f"no review {review_id!r}")
        if not 0 <= index < len(current["report"]["findings"]):
            raise ApiError(404, f"review {review_id!r} has no finding {index}")
        await run(store.decide, review_id, index, decision, replacement)
        return JSONResponse(await run(_review_view, review_id))

    async def export_review(request: Request) -> Response:
        current = await run(store.get, request.path_params["id"])
        if current is None:
            raise ApiError(404, f"no review {request.path_params['id']!r}")
        return JSONResponse(export(current))

    async def openapi(request: Request) -> Response:
        return JSONResponse(OPENAPI | {"info": OPENAPI["info"] | {"version": __version__}})

    async def page(request: Request) -> Response:
        return Response(_asset("review.html"), media_type="text/html; charset=utf-8",
                        headers={"Content-Security-Policy": "default-src 'self'; style-src 'self'; script-src 'self'"})

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in _ASSETS:
            return _error(404, "not found")
        return Response(_asset(name), media_type=_ASSETS[name] + "; charset=utf-8")

    routes = [
        Route("/", endpoint(page, guarded=False)),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Route("/assets/{name}", endpoint(asset, guarded=False)),
        Route("/openapi.json", endpoint(openapi)),
        Route("/v1/health", endpoint(health)),
        Route("/v1/check", endpoint(check), methods=["POST"]),
        Route("/v1/fix", endpoint(fix), methods=["POST"]),
        Route("/v1/reviews", endpoint(reviews), methods=["GET", "POST"]),
        Route("/v1/reviews/{id}", endpoint(review)),
        Route("/v1/reviews/{id}/decisions/{index:int}", endpoint(decide), methods=["PUT"]),
        Route("/v1/reviews/{id}/export", endpoint(export_review)),
    ]

    async def not_found(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 404)
        return _error(status, "method not allowed" if status == 405 else "not found")

    app = Starlette(routes=routes, exception_handlers={404: not_found, 405: not_found})
    app.state.service = checker
    app.state.store = store
    return app
