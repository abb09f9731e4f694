"""A persistent cache of sentence parses, so that re-checking an article needs no spaCy at all.

Importing and loading spaCy costs seconds, far more than checking an article; editors,
pre-commit hooks and ``fix`` after ``scan`` check the same sentences again and again. Parses
are stored in ``<cache root>/syntax/parses.sqlite3`` keyed by a hash of the model digest and
the sentence text, as token tuples relative to the sentence. The cache is an optimisation
only: an unreadable, locked or corrupted store means parsing again, never an error. Set
``MTCHECK_NO_PARSE_CACHE=1`` to bypass it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterable

from mtcheck.io import cache_root

FORMAT = 1
Row = tuple  # (i, rel_start, rel_end, text, lemma, pos, tag, dep, head, whitespace)


def enabled() -> bool:
    """False when ``MTCHECK_NO_PARSE_CACHE`` is set."""
    return not os.environ.get("MTCHECK_NO_PARSE_CACHE")


def key(model: str, text: str) -> str:
    """The cache key of one sentence parsed by one model."""
    return hashlib.blake2b(f"{FORMAT}\0{model}\0{text}".encode(), digest_size=16).hexdigest()


def _connect():
    import sqlite3

    path = cache_root() / "syntax" / "parses.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=2.0)
    db.execute("CREATE TABLE IF NOT EXISTS parse (k TEXT PRIMARY KEY, v BLOB)")
    return db


def load(keys: Iterable[str]) -> dict[str, tuple[Row, ...]]:
    """The stored parses among ``keys`` (empty on any trouble)."""
    wanted = list(keys)
    if not wanted or not enabled():
        return {}
    try:
        db = _connect()
        try:
            found: dict[str, tuple[Row, ...]] = {}
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                for k, v in db.execute(f"SELECT k, v FROM parse WHERE k IN ({marks})", chunk):
                    found[k] = pickle.loads(v)
            return found
        finally:
            db.close()
    except Exception:  # noqa: BLE001 - a broken cache is only a slower run
        return {}


def save(entries: dict[str, tuple[Row, ...]]) -> None:
    """Store parses (silently gives up when the cache cannot be written)."""
    if not entries or not enabled():
        return
    try:
        db = _connect()
        try:
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO parse (k, v) VALUES (?, ?)",
                    [(k, pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL)) for k, v in entries.items()],
                )
        finally:
            db.close()
    except Exception:  # noqa: BLE001
        pass
