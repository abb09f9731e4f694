"""A cache of parsed language data, so that a fresh ``mtcheck`` process starts quickly.

Parsing the TOML tables, the frequency table and building the lexicons costs more than
checking an article, and every ``mtcheck scan`` is a new process. :func:`cached` keeps each
loaded object in ``<cache root>/langdata/<name>.pickle`` together with a key: a hash of the
contents of the files it was built from (data files and the code that parses them), the
Python version and the cache format. An entry whose key differs is rebuilt and replaced.

The cache is an optimisation only: a missing, stale, corrupted or unreadable entry is rebuilt
from the data files, and an unwritable cache directory means no caching, never an error.
Entries are written atomically (a temporary file renamed over the old one). The cache holds
pickles, so it must be as private as the user's other cache files: ``MTCHECK_CACHE_DIR``
should not point at a directory that others can write to. Set ``MTCHECK_NO_DATA_CACHE=1`` to
bypass it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from mtcheck.io import cache_root

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

FORMAT = 1
"""Bumped whenever the layout of cached objects changes in a way the source hashes do not show."""

SUBDIR = "langdata"

T = TypeVar("T")


def cache_path(name: str) -> Path:
    """The file that holds the cache entry ``name``."""
    return cache_root() / SUBDIR / f"{name}.pickle"


def source_key(name: str, sources: Sequence[Traversable | Path]) -> str:
    """A hash of everything a cached object depends on: its sources' contents, Python, the format."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{FORMAT}\0{sys.version_info[:3]}\0{name}\0".encode())
    for source in sources:
        data = source.read_bytes()
        digest.update(f"{source.name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def enabled() -> bool:
    """False when ``MTCHECK_NO_DATA_CACHE`` is set: every object is built afresh."""
    return not os.environ.get("MTCHECK_NO_DATA_CACHE")


def cached(name: str, sources: Sequence[Traversable | Path], build: Callable[[], T]) -> T:
    """``build()``, or its result from an earlier process when none of ``sources`` has changed.

    ``sources`` must list every file the result depends on (data and parsing code); ``name``
    must be unique per cached object.
    """
    if not enabled():
        return build()
    try:
        key = source_key(name, sources)
        path = cache_path(name)
    except (OSError, RuntimeError):
        return build()
    try:
        with open(path, "rb") as handle:
            stored_key, value = pickle.load(handle)
        if stored_key == key:
            return value
    except Exception:  # noqa: BLE001 - any unreadable or corrupted entry is simply rebuilt
        pass
    value = build()
    _store(path, (key, value))
    return value


def _store(path: Path, entry: tuple[str, object]) -> None:
    """Write ``entry`` to ``path`` atomically; give up silently when that is impossible."""
    import tempfile  # only when writing: it costs start-up time on every cache hit

    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "wb") as out:
            pickle.dump(entry, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        temporary = None
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        pass
    finally:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass
