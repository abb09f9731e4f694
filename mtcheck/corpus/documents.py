"""The corpus's data types and their stored forms: constants, documents, artifacts, real-data
segments, the ``docs/*.json`` layout and loading."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from mtcheck.findings import CATEGORY_DEFINITIONS

#: The artifact categories, with a one-line definition each (the one list, in mtcheck.findings).
CATEGORIES: dict[str, str] = CATEGORY_DEFINITIONS

#: Allowed values of the ``split`` header.
SPLITS: tuple[str, ...] = ("dev", "test")

#: Allowed values of the ``kind`` header.
KINDS: tuple[str, ...] = ("artifact", "clean")

#: Header keys of an annotated file, all required, in their canonical order.
HEADER_KEYS: tuple[str, ...] = ("id", "split", "kind", "source_lang", "title", "topic", "provenance")

_OPEN = "[["
_CLOSE = "]]"
_ARROW = "=>"
_SEP = "|"
_ESC = "\\"
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_HEADER_RE = re.compile(r"^# ([a-z_]+): ?(.*)$")


@dataclass(frozen=True)
class Artifact:
    """One annotated translation artifact.

    ``start``/``end`` are Unicode code-point offsets into the document's MT text; the
    span ``mt[start:end]`` is the original (empty for an insertion) and ``fix`` is what an
    editor would publish in its place (empty for a deletion).
    """

    start: int
    end: int
    category: str
    fix: str
    note: str | None = None


@dataclass(frozen=True)
class CorpusDocument:
    """One corpus document: the MT text, its corrected reference and its artifacts."""

    id: str
    split: str
    kind: str
    source_lang: str
    title: str
    topic: str
    provenance: str
    mt: str
    reference: str
    artifacts: tuple[Artifact, ...] = ()

    def original(self, artifact: Artifact) -> str:
        """Return the MT text covered by ``artifact``."""
        return self.mt[artifact.start : artifact.end]


@dataclass(frozen=True)
class RealSegment:
    """One segment of third-party real MT data with error spans.

    ``spans`` holds ``(start, end, severity, category)`` tuples with code-point offsets into
    ``mt`` (target-side spans only); ``severity`` may be None and ``post_edit`` may be None.
    """

    id: str
    dataset: str
    source_lang: str
    mt: str
    post_edit: str | None
    spans: tuple[tuple[int, int, str | None, str | None], ...] = ()


# --------------------------------------------------------------------------- JSON


def document_to_dict(doc: CorpusDocument) -> dict:
    """Return the JSON-ready dict of ``doc`` (the docs/*.json layout)."""
    return {
        "id": doc.id,
        "split": doc.split,
        "kind": doc.kind,
        "source_lang": doc.source_lang,
        "title": doc.title,
        "topic": doc.topic,
        "provenance": doc.provenance,
        "mt": doc.mt,
        "reference": doc.reference,
        "artifacts": [
            {"start": a.start, "end": a.end, "category": a.category, "fix": a.fix, "note": a.note}
            for a in doc.artifacts
        ],
    }


def document_from_dict(data: dict) -> CorpusDocument:
    """Build a :class:`CorpusDocument` from a docs/*.json dict."""
    arts = tuple(
        Artifact(int(a["start"]), int(a["end"]), a["category"], a["fix"], a.get("note")) for a in data.get("artifacts", [])
    )
    return CorpusDocument(
        id=data["id"],
        split=data["split"],
        kind=data["kind"],
        source_lang=data["source_lang"],
        title=data["title"],
        topic=data["topic"],
        provenance=data["provenance"],
        mt=data["mt"],
        reference=data["reference"],
        artifacts=arts,
    )


def render_document_json(doc: CorpusDocument) -> str:
    """Serialise ``doc`` exactly as the build writes it (UTF-8 text, indent 1, final newline)."""
    return json.dumps(document_to_dict(doc), ensure_ascii=False, indent=1) + "\n"


def _read_text(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


# --------------------------------------------------------------------------- loading


def load_corpus(path: str | os.PathLike) -> list[CorpusDocument]:
    """Load built documents, sorted by id.

    ``path`` may be a corpus root (its ``docs/*.json`` are read), a directory of JSON
    documents, or a single JSON file.
    """
    p = Path(path)
    if p.is_file():
        files = [p]
    elif (p / "docs").is_dir():
        files = sorted((p / "docs").glob("*.json"))
    elif p.is_dir():
        files = sorted(p.glob("*.json"))
    else:
        raise FileNotFoundError(f"no corpus at {p}")
    docs = [document_from_dict(json.loads(_read_text(f))) for f in files]
    return sorted(docs, key=lambda d: d.id)


def load_realdata(path: str | os.PathLike) -> list[RealSegment]:
    """Load third-party real MT segments from a JSONL file (corpus/realdata/realdata.jsonl).

    Only target-side spans are kept (source-side spans index the source text, not ``mt``).
    """
    out: list[RealSegment] = []
    for line in _read_text(Path(path)).splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        spans = tuple(
            (int(s["start"]), int(s["end"]), s.get("severity"), s.get("category"))
            for s in row.get("spans") or ()
            if s.get("side", "target") == "target"
        )
        out.append(
            RealSegment(
                id=str(row["id"]),
                dataset=row["dataset"],
                source_lang=row.get("source_lang") or "",
                mt=row["mt"],
                post_edit=row.get("post_edit"),
                spans=spans,
            )
        )
    return out
