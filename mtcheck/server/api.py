"""Request validation for the HTTP API: typed requests or a one-line error with its status."""

from __future__ import annotations

import json
from typing import Any

from mtcheck.server.service import CheckRequest


class ApiError(Exception):
    """A client error: HTTP status and a one-line message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def parse_json(body: bytes) -> dict[str, Any]:
    """The request body as a JSON object (400 when it is not one)."""
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise ApiError(400, "request body is not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise ApiError(400, f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    if not isinstance(data, dict):
        raise ApiError(422, "the request body must be a JSON object")
    return data


_FIELDS = {"text": True, "source": False, "source_lang": False, "path": False}


def check_request(data: dict[str, Any]) -> CheckRequest:
    """A :class:`CheckRequest` from a JSON object (422 for a missing, unknown or mistyped field)."""
    unknown = sorted(set(data) - set(_FIELDS) - {"title"})
    if unknown:
        raise ApiError(422, f"unknown field {unknown[0]!r} (expected text, source, source_lang, path)")
    values: dict[str, str | None] = {}
    for name, required in _FIELDS.items():
        value = data.get(name)
        if value is None:
            if required:
                raise ApiError(422, f"missing field {name!r}")
            values[name] = None
        elif not isinstance(value, str):
            raise ApiError(422, f"field {name!r} must be a string, not {type(value).__name__}")
        else:
            values[name] = value
    lang = values["source_lang"]
    if lang is not None:
        from mtcheck.lang import UnknownLanguageError, load_language

        try:
            load_language(lang)
        except UnknownLanguageError as exc:
            raise ApiError(422, str(exc)) from None
    return CheckRequest(text=values["text"] or "", source=values["source"], source_lang=lang, path=values["path"])


def decision_request(data: dict[str, Any]) -> tuple[str, str | None]:
    """``(decision, replacement)`` from a review decision object."""
    decision = data.get("decision")
    if decision not in ("accept", "reject", "edit", "pending"):
        raise ApiError(422, "field 'decision' must be one of accept, reject, edit, pending")
    replacement = data.get("replacement")
    if replacement is not None and not isinstance(replacement, str):
        raise ApiError(422, "field 'replacement' must be a string")
    if decision == "edit" and replacement is None:
        raise ApiError(422, "an 'edit' decision needs a 'replacement'")
    return decision, replacement


OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "mtcheck", "description": "Check and fix machine-translated English news."},
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "schemas": {
            "CheckRequest": {
                "type": "object",
                "required": ["text"],
                "additionalProperties": False,
                "properties": {
                    "text": {"type": "string", "description": "The English article."},
                    "source": {"type": "string", "description": "The source-language original (optional)."},
                    "source_lang": {"type": "string", "description": "Source language code, e.g. fr."},
                    "path": {"type": "string", "description": "A file path: configuration is found from it."},
                },
            },
            "Suggestion": {"type": "object", "properties": {"replacement": {"type": "string"}, "confidence": {"type": "number"}}},
            "Finding": {
                "type": "object",
                "properties": {
                    "code": {"type": "string"}, "rule": {"type": "string"}, "category": {"type": "string"},
                    "severity": {"type": "string", "enum": ["error", "warning", "info"]},
                    "start": {"type": "integer", "description": "Code-point offset."}, "end": {"type": "integer"},
                    "line": {"type": "integer"}, "column": {"type": "integer"}, "text": {"type": "string"},
                    "message": {"type": "string"},
                    "suggestions": {"type": "array", "items": {"$ref": "#/components/schemas/Suggestion"}},
                },
            },
            "FileReport": {
                "type": "object",
                "description": "Exactly one file entry of `mtcheck scan --format json`.",
                "properties": {
                    "path": {"type": "string"}, "words": {"type": "integer"}, "score": {"type": "number"},
                    "passed": {"type": "boolean"},
                    "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
                },
            },
            "Error": {"type": "object", "properties": {"error": {"type": "string"}}},
        },
    },
    "paths": {
        "/v1/health": {"get": {"summary": "Version and whether the model is loaded", "responses": {"200": {"description": "OK"}}}},
        "/v1/check": {"post": {
            "summary": "Check an article",
            "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CheckRequest"}}}},
            "responses": {
                "200": {"description": "The findings", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FileReport"}}}},
                "400": {"description": "Malformed JSON"}, "401": {"description": "Missing or wrong bearer token"},
                "413": {"description": "Body over the limit"}, "422": {"description": "Missing or mistyped field"},
                "504": {"description": "The check took longer than the request timeout"},
            },
        }},
        "/v1/fix": {"post": {
            "summary": "Correct an article: the corrected text, applied and proposed edits",
            "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CheckRequest"}}}},
            "responses": {"200": {"description": "Corrected text and edits"}},
        }},
        "/v1/reviews": {
            "get": {"summary": "List stored reviews", "responses": {"200": {"description": "Reviews"}}},
            "post": {"summary": "Check an article and store it as a review", "responses": {"201": {"description": "The review"}}},
        },
        "/v1/reviews/{id}": {"get": {"summary": "A review with its findings and decisions", "responses": {"200": {"description": "The review"}}}},
        "/v1/reviews/{id}/decisions/{index}": {"put": {"summary": "Accept, reject or edit one finding", "responses": {"200": {"description": "The review"}}}},
        "/v1/reviews/{id}/export": {"get": {"summary": "Decisions as glossary entries and a CI baseline", "responses": {"200": {"description": "Export"}}}},
    },
}
"""The OpenAPI description served at ``/openapi.json``."""
