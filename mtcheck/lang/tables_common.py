"""Shared plumbing of the knowledge tables: locating, reading and caching a table, field checks."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from mtcheck.lang.cache import cached

DATA_PACKAGE = "mtcheck.data"


class TableError(ValueError):
    """A knowledge table entry that does not follow its table's format."""


def _file(lang: str, filename: str):
    return resources.files(DATA_PACKAGE).joinpath(lang, filename)


def _read_toml(lang: str, name: str) -> dict[str, Any]:
    path = _file(lang, f"{name}.toml")
    if not path.is_file():
        return {}
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _cached_table(lang: str, filename: str, build, code: tuple[Path, ...] = ()):
    """``build()`` through the language-data cache, keyed by the table file and the table code."""
    path = _file(lang, filename)
    return cached(f"tables-{lang}-{filename}", (path, Path(__file__), *code), build)


def _as_tuple(value: object, key: str, entry_id: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise TableError(f"entry {entry_id!r}: {key} must be a string or a list of strings")


def _check_fields(raw: dict, required: tuple[str, ...], optional: tuple[str, ...], entry_id: str) -> None:
    missing = [k for k in required if k not in raw]
    if missing:
        raise TableError(f"entry {entry_id!r}: missing {', '.join(missing)}")
    unknown = set(raw) - set(required) - set(optional)
    if unknown:
        raise TableError(f"entry {entry_id!r}: unknown keys {', '.join(sorted(unknown))}")
