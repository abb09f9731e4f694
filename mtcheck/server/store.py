"""Reviews kept in SQLite: the article, its findings and the editor's decision on each.

One file (by default under the user's data directory) holds every review, so an editor can
reopen one later; each call opens its own connection, so threads never share one.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import uuid
from contextlib import closing
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS reviews (
    id TEXT PRIMARY KEY,
    created REAL NOT NULL,
    title TEXT NOT NULL,
    path TEXT NOT NULL,
    source_lang TEXT,
    text TEXT NOT NULL,
    source TEXT,
    report TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS decisions (
    review_id TEXT NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    finding INTEGER NOT NULL,
    decision TEXT NOT NULL,
    replacement TEXT,
    updated REAL NOT NULL,
    PRIMARY KEY (review_id, finding)
);
"""


def default_db_path() -> Path:
    """``$XDG_DATA_HOME/mtcheck/reviews.sqlite`` (``~/.local/share`` when unset)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "mtcheck" / "reviews.sqlite"


class ReviewStore:
    """Reviews and decisions in one SQLite file."""

    def __init__(self, path: str | os.PathLike[str] | None = None):
        self.path = Path(path) if path else default_db_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as db, db:
            db.executescript(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        db.execute("PRAGMA foreign_keys = ON")
        return db

    def create(self, report: dict[str, Any], text: str, source: str | None, source_lang: str | None, title: str) -> str:
        """Store a new review of ``text`` with its report (one file entry); returns its id."""
        review_id = uuid.uuid4().hex[:16]
        with closing(self._connect()) as db, db:
            db.execute(
                "INSERT INTO reviews VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (review_id, time.time(), title, report.get("path", "<text>"), source_lang, text, source, json.dumps(report)),
            )
        return review_id

    def list(self) -> list[dict[str, Any]]:
        """Every review, newest first: id, title, created, finding and decision counts."""
        with closing(self._connect()) as db:
            rows = db.execute(
                "SELECT r.id, r.title, r.created, r.report, "
                "(SELECT COUNT(*) FROM decisions d WHERE d.review_id = r.id AND d.decision != 'pending') "
                "FROM reviews r ORDER BY r.created DESC"
            ).fetchall()
        return [
            {"id": i, "title": t, "created": c, "findings": len(json.loads(rep)["findings"]), "decided": n}
            for i, t, c, rep, n in rows
        ]

    def get(self, review_id: str) -> dict[str, Any] | None:
        """A review with its text, report and decisions (``None`` when unknown)."""
        with closing(self._connect()) as db:
            row = db.execute(
                "SELECT id, created, title, path, source_lang, text, source, report FROM reviews WHERE id = ?", (review_id,)
            ).fetchone()
            if row is None:
                return None
            decisions = db.execute(
                "SELECT finding, decision, replacement FROM decisions WHERE review_id = ? ORDER BY finding", (review_id,)
            ).fetchall()
        rid, created, title, path, lang, text, source, report = row
        return {
            "id": rid, "created": created, "title": title, "path": path, "source_lang": lang,
            "text": text, "source": source, "report": json.loads(report),
            "decisions": {str(i): {"decision": d, "replacement": r} for i, d, r in decisions},
        }

    def decide(self, review_id: str, finding: int, decision: str, replacement: str | None) -> None:
        """Record the editor's decision on finding number ``finding`` of a review."""
        with closing(self._connect()) as db, db:
            db.execute(
                "INSERT INTO decisions VALUES (?, ?, ?, ?, ?) ON CONFLICT(review_id, finding) "
                "DO UPDATE SET decision = excluded.decision, replacement = excluded.replacement, updated = excluded.updated",
                (review_id, finding, decision, replacement, time.time()),
            )
