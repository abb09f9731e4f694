"""User lexicon files: false friends, calques and exonyms of the user's own, named in the
configuration (``extend-lexicon = ["my.toml"]``, paths relative to the configuration file).

Each file has the format of one data file (``data/<lang>/false_friends.toml``,
``calques.toml`` or ``exonyms.toml``) plus one top-level key, ``table``, naming the table it
extends. Every entry is validated when the configuration is read; a problem is one line naming
the file. Entries join the built-in ones of whatever source language is checked.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from mtcheck.lang.patterns import LexiconEntry, PatternError, build_entry

LEXICON_TABLES = ("false_friends", "calques")
"""Tables of ``[[entry]]`` lexicon entries (rules F001 and K001)."""
NAME_TABLES = ("exonyms",)
"""Tables of names by kind (rule U001)."""
EXONYM_KINDS = ("person", "place", "org", "term")


class ExtensionError(ValueError):
    """A user lexicon file that cannot be read or does not follow the data format."""


@dataclass(frozen=True)
class Extension:
    """One validated user lexicon file: which table it extends, and its content."""

    path: str
    table: str
    entries: tuple[LexiconEntry, ...] = ()
    names: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    """For an exonyms file: ``(kind, ((source form, English form), …))`` per kind."""


def load_extension(path: str | os.PathLike[str]) -> Extension:
    """Read and validate one user lexicon file (cached by path, size and modification time)."""
    p = Path(path)
    try:
        stat = p.stat()
    except OSError as exc:
        raise ExtensionError(f"{p}: cannot read lexicon file ({exc.strerror or exc})") from None
    return _load(str(p), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=32)
def _load(path: str, _size: int, _mtime: int) -> Extension:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ExtensionError(f"{path}: cannot read lexicon file ({exc.strerror or exc})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ExtensionError(f"{path}: lexicon file is not UTF-8 (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ExtensionError(f"{path}: invalid TOML: {exc}") from None
    table = data.pop("table", None)
    known = (*LEXICON_TABLES, *NAME_TABLES)
    if table not in known:
        raise ExtensionError(f"{path}: needs a top-level table = one of {', '.join(known)} (found {table!r})")
    if table in LEXICON_TABLES:
        unknown = sorted(set(data) - {"entry", "classes"})
        if unknown:
            raise ExtensionError(f"{path}: unknown key {unknown[0]!r} (a lexicon file has [classes] and [[entry]])")
        if not isinstance(data.get("entry", []), list) or not data.get("entry"):
            raise ExtensionError(f"{path}: no [[entry]] in lexicon file")
        if not all(isinstance(e, Mapping) for e in data["entry"]):
            raise ExtensionError(f"{path}: every entry must be an [[entry]] table")
        entries = _entries(path, data)
        for entry in entries:
            _check_examples(path, entry)
        return Extension(path, table, entries=entries)
    return Extension(path, table, names=_names(path, data))


def _entries(path: str, data: dict[str, Any]) -> tuple[LexiconEntry, ...]:
    """Build every entry, naming the entry in any error; ids must be unique in the file."""
    classes = data.get("classes", {})
    if not isinstance(classes, Mapping):
        raise ExtensionError(f"{path}: [classes] must be a table of word lists")
    entries: list[LexiconEntry] = []
    for raw in data["entry"]:
        name = repr(str(raw.get("id", "?")))
        try:
            entry = build_entry(raw, classes)
        except PatternError as exc:
            text = str(exc)
            raise ExtensionError(f"{path}: {text if name in text else f'entry {name}: {text}'}") from None
        except Exception as exc:  # noqa: BLE001 - a malformed value of any type is the file's problem
            raise ExtensionError(f"{path}: entry {name}: invalid value ({exc})") from None
        if any(e.id == entry.id for e in entries):
            raise ExtensionError(f"{path}: duplicate entry id {entry.id!r}")
        entries.append(entry)
    return tuple(entries)


def _check_examples(path: str, entry: LexiconEntry) -> None:
    """An entry's own examples must behave, as the built-in entries' tests demand."""
    for bad, expect in zip(entry.bad, entry.expect):
        if not entry.matches(bad):
            raise ExtensionError(f"{path}: entry {entry.id!r}: pattern does not match its bad example {bad!r}")
        if entry.apply_first(bad) != expect:
            raise ExtensionError(f"{path}: entry {entry.id!r}: fixing {bad!r} gives {entry.apply_first(bad)!r}, not the expected {expect!r}")
    for good in entry.good:
        if entry.matches(good):
            raise ExtensionError(f"{path}: entry {entry.id!r}: pattern matches its good example {good!r}")


def _names(path: str, data: dict[str, Any]) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    unknown = sorted(set(data) - set(EXONYM_KINDS))
    if unknown:
        raise ExtensionError(f"{path}: unknown section {unknown[0]!r} (exonym sections: {', '.join(EXONYM_KINDS)})")
    out = []
    for kind in EXONYM_KINDS:
        section = data.get(kind, {})
        if not isinstance(section, dict):
            raise ExtensionError(f"{path}: [{kind}] must be a table of source form = English form")
        for source, english in section.items():
            if not isinstance(english, str) or not english.strip() or not source.strip() or source == english:
                raise ExtensionError(f"{path}: [{kind}] {source!r} must map to a different, non-empty English form")
        out.append((kind, tuple(section.items())))
    if not any(pairs for _, pairs in out):
        raise ExtensionError(f"{path}: no names in exonyms file")
    return tuple(out)


def merged_names(base: dict[str, Any], extensions: tuple[Extension, ...]) -> dict[str, Any]:
    """An exonyms table with the names of ``extensions`` added (the user's form wins)."""
    merged = {k: dict(v) if isinstance(v, dict) else v for k, v in base.items()}
    for ext in extensions:
        for kind, pairs in ext.names:
            merged.setdefault(kind, {}).update(pairs)
    return merged
