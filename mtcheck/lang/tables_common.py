"""Shared plumbing of the knowledge tables: locating, reading and caching a table, field checks."""

from __future__ import annotations

import re

import tomllib
from importlib import resources
from pathlib import Path
from collections.abc import Callable
from typing import Any, TypeVar

from mtcheck.lang import regex_cache
from mtcheck.lang.cache import cached

T = TypeVar("T")

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


def build_entries(lang: str, name: str, build_entry: Callable[[dict[str, Any]], T]) -> tuple[T, ...]:
    """Every ``[[entry]]`` of the table ``name``, built by ``build_entry``; ids must be unique."""
    entries, seen = [], set()
    for raw in _read_toml(lang, name).get("entry", []):
        entry = build_entry(raw)
        if entry.id in seen:  # type: ignore[attr-defined]
            raise TableError(f"duplicate entry id {entry.id!r}")  # type: ignore[attr-defined]
        seen.add(entry.id)  # type: ignore[attr-defined]
        entries.append(entry)
    return tuple(entries)


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


class LazyPattern:
    """A regular expression compiled on first use, and pickled as its source.

    The tables hold hundreds of patterns; a rule's word prefilter means most are never used
    in a given article, and unpickling a compiled pattern compiles it again, so compiling
    them all at start-up cost most of a cold scan.
    """

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it was not yet)."""
        if self._compiled is None:
            self._compiled = regex_cache.compile(self.pattern, self.flags)
        return self._compiled

    def __getstate__(self) -> tuple[str, int]:
        return self.pattern, self.flags

    def __setstate__(self, state: tuple[str, int]) -> None:
        self.pattern, self.flags = state
        self._compiled = None

    def search(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201 - re.Pattern's signature
        """As :meth:`re.Pattern.search`."""
        return self.compiled().search(*args, **kwargs)

    def match(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        """As :meth:`re.Pattern.match`."""
        return self.compiled().match(*args, **kwargs)

    def fullmatch(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        """As :meth:`re.Pattern.fullmatch`."""
        return self.compiled().fullmatch(*args, **kwargs)

    def finditer(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        """As :meth:`re.Pattern.finditer`."""
        return self.compiled().finditer(*args, **kwargs)

    def findall(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        """As :meth:`re.Pattern.findall`."""
        return self.compiled().findall(*args, **kwargs)

    def sub(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        """As :meth:`re.Pattern.sub`."""
        return self.compiled().sub(*args, **kwargs)

