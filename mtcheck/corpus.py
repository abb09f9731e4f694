"""The hand-annotated mtcheck corpus: parsing, validation, loading and building.

The source of truth is ``corpus/annotated/<id>.txt``: a small header followed by the
machine-translated (MT) article with every translation artifact marked inline as
``[[original=>fix|category]]`` or ``[[original=>fix|category|note]]``.  The built form,
``corpus/docs/<id>.json``, stores the bare MT text, the corrected reference and the
artifacts as code-point offsets into the MT text.  See ``corpus/README.md`` for the format.

Command line (stdlib only)::

    python -m mtcheck.corpus build corpus/   # regenerate docs/*.json and splits.json
    python -m mtcheck.corpus check corpus/   # validate, and verify the built files are current

This module has no third-party dependencies and never prints except from the command line
entry point.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from mtcheck.findings import CATEGORY_DEFINITIONS

__all__ = [
    "CATEGORIES",
    "HEADER_KEYS",
    "KINDS",
    "SPLITS",
    "Artifact",
    "CorpusDocument",
    "RealSegment",
    "apply_artifacts",
    "build_corpus",
    "check_corpus",
    "document_from_dict",
    "document_to_dict",
    "load_corpus",
    "load_realdata",
    "main",
    "parse_annotated",
    "render_annotated",
    "render_document_json",
    "validate",
]

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


# --------------------------------------------------------------------------- parsing


def _split_header(text: str) -> tuple[dict[str, str], str, int]:
    """Split an annotated file into its header dict, its body and the body's first line number."""
    fields: dict[str, str] = {}
    pos = 0
    line_no = 0
    while True:
        line_no += 1
        nl = text.find("\n", pos)
        if nl < 0:
            raise ValueError(f"line {line_no}: header not terminated by a blank line")
        line = text[pos:nl]
        pos = nl + 1
        if line == "":
            break
        m = _HEADER_RE.match(line)
        if not m:
            raise ValueError(f"line {line_no}: malformed header line {line!r} (expected '# key: value')")
        key, value = m.group(1), m.group(2).strip()
        if key not in HEADER_KEYS:
            raise ValueError(f"line {line_no}: unknown header key {key!r}")
        if key in fields:
            raise ValueError(f"line {line_no}: duplicate header key {key!r}")
        fields[key] = value
    missing = [k for k in HEADER_KEYS if k not in fields]
    if missing:
        raise ValueError(f"header lacks {', '.join(missing)}")
    return fields, text[pos:], line_no + 1


def _split_unescaped(chars: Sequence[tuple[str, bool]], sep: str) -> int:
    """Index of the first unescaped occurrence of ``sep`` in ``chars``, or -1."""
    n = len(sep)
    for i in range(len(chars) - n + 1):
        if all(chars[i + j] == (sep[j], False) for j in range(n)):
            return i
    return -1


def _join(chars: Iterable[tuple[str, bool]]) -> str:
    return "".join(c for c, _ in chars)


def _parse_body(body: str, first_line: int = 1) -> tuple[str, str, tuple[Artifact, ...]]:
    mt: list[str] = []
    ref: list[str] = []
    mt_len = 0
    artifacts: list[Artifact] = []
    i = 0
    n = len(body)

    def where(pos: int) -> str:
        return f"line {first_line + body.count(chr(10), 0, pos)}"

    while i < n:
        c = body[i]
        if c == _ESC:
            if i + 1 >= n:
                raise ValueError(f"{where(i)}: dangling escape at end of text")
            mt.append(body[i + 1])
            ref.append(body[i + 1])
            mt_len += 1
            i += 2
            continue
        if body.startswith(_OPEN, i):
            start_pos = i
            i += len(_OPEN)
            chars: list[tuple[str, bool]] = []
            closed = False
            while i < n:
                if body[i] == _ESC:
                    if i + 1 >= n:
                        break
                    chars.append((body[i + 1], True))
                    i += 2
                    continue
                if body.startswith(_CLOSE, i):
                    i += len(_CLOSE)
                    closed = True
                    break
                if body.startswith(_OPEN, i):
                    raise ValueError(f"{where(i)}: '[[' inside markup opened at {where(start_pos)} (escape it as \\[)")
                chars.append((body[i], False))
                i += 1
            if not closed:
                raise ValueError(f"{where(start_pos)}: markup not closed by ']]'")
            k = _split_unescaped(chars, _ARROW)
            if k < 0:
                raise ValueError(f"{where(start_pos)}: markup lacks '=>'")
            original = _join(chars[:k])
            rest = list(chars[k + len(_ARROW) :])
            parts: list[str] = []
            for _ in range(2):
                j = _split_unescaped(rest, _SEP)
                if j < 0:
                    break
                parts.append(_join(rest[:j]))
                rest = rest[j + 1 :]
            parts.append(_join(rest))
            if len(parts) < 2:
                raise ValueError(f"{where(start_pos)}: markup lacks '|category'")
            fix, category = parts[0], parts[1].strip()
            note = parts[2].strip() if len(parts) > 2 and parts[2].strip() else None
            if original == "" and fix == "":
                raise ValueError(f"{where(start_pos)}: markup with empty original and empty fix")
            artifacts.append(Artifact(mt_len, mt_len + len(original), category, fix, note))
            mt.append(original)
            ref.append(fix)
            mt_len += len(original)
            continue
        mt.append(c)
        ref.append(c)
        mt_len += 1
        i += 1
    return "".join(mt), "".join(ref), tuple(artifacts)


def parse_annotated(text: str) -> CorpusDocument:
    """Parse the text of an annotated file (header, blank line, marked-up body).

    Raises ValueError with a line number on a syntax error. Semantic problems (unknown
    category, bad split...) are left to :func:`validate`.
    """
    fields, body, first_line = _split_header(text)
    mt, reference, artifacts = _parse_body(body, first_line)
    return CorpusDocument(mt=mt, reference=reference, artifacts=artifacts, **fields)


def _escape_markup_part(text: str) -> str:
    out = text.replace(_ESC, _ESC + _ESC)
    for ch in "[]|=":
        out = out.replace(ch, _ESC + ch)
    return out


def render_annotated(doc: CorpusDocument) -> str:
    """Render a document back into annotated-file text (inverse of :func:`parse_annotated`)."""
    head = "".join(f"# {k}: {getattr(doc, k)}\n" for k in HEADER_KEYS)
    out: list[str] = []
    pos = 0
    for a in sorted(doc.artifacts, key=lambda a: (a.start, a.end)):
        out.append(_escape_all(doc.mt[pos : a.start]))
        note = f"|{_escape_markup_part(a.note)}" if a.note else ""
        out.append(
            f"[[{_escape_markup_part(doc.mt[a.start:a.end])}=>{_escape_markup_part(a.fix)}|{a.category}{note}]]"
        )
        pos = a.end
    out.append(_escape_all(doc.mt[pos:]))
    return head + "\n" + "".join(out)


def _escape_all(text: str) -> str:
    return text.replace(_ESC, _ESC + _ESC).replace("[", _ESC + "[")


# --------------------------------------------------------------------------- applying / validating


def apply_artifacts(mt: str, artifacts: Iterable[Artifact]) -> str:
    """Apply every artifact's fix to ``mt`` (right to left) and return the corrected text.

    Raises ValueError when an artifact is out of range or two artifacts overlap.
    """
    arts = sorted(artifacts, key=lambda a: (a.start, a.end))
    prev_end = -1
    prev_start = -1
    for a in arts:
        if not (0 <= a.start <= a.end <= len(mt)):
            raise ValueError(f"artifact {a.start}-{a.end} out of range 0-{len(mt)}")
        if a.start < prev_end or (a.start == a.end == prev_start == prev_end):
            raise ValueError(f"artifact {a.start}-{a.end} overlaps the previous one")
        prev_start, prev_end = a.start, a.end
    out = mt
    for a in reversed(arts):
        out = out[: a.start] + a.fix + out[a.end :]
    return out


def validate(doc: CorpusDocument) -> list[str]:
    """Return a list of problems with ``doc`` (empty when it is valid).

    Checks the id, split, kind and other header fields, artifact offsets (in range,
    sorted, non-overlapping), categories, that applying the artifacts to ``mt`` gives
    ``reference`` exactly, and that clean documents have no artifacts and mt == reference.
    """
    errors: list[str] = []
    p = f"{doc.id or '<no id>'}: "
    if not isinstance(doc.id, str) or not _ID_RE.match(doc.id):
        errors.append(f"{p}bad id {doc.id!r}")
    if doc.split not in SPLITS:
        errors.append(f"{p}split {doc.split!r} not in {SPLITS}")
    if doc.kind not in KINDS:
        errors.append(f"{p}kind {doc.kind!r} not in {KINDS}")
    for key in ("source_lang", "title", "topic", "provenance"):
        if not isinstance(getattr(doc, key), str) or not getattr(doc, key).strip():
            errors.append(f"{p}empty {key}")
    if not isinstance(doc.mt, str) or not isinstance(doc.reference, str):
        errors.append(f"{p}mt and reference must be strings")
        return errors
    prev: Artifact | None = None
    structural_ok = True
    for i, a in enumerate(doc.artifacts):
        q = f"{p}artifact {i} ({a.start}-{a.end}): "
        if not isinstance(a.start, int) or not isinstance(a.end, int) or isinstance(a.start, bool):
            errors.append(q + "offsets must be integers")
            structural_ok = False
            continue
        if not (0 <= a.start <= a.end <= len(doc.mt)):
            errors.append(q + f"offsets out of range 0-{len(doc.mt)}")
            structural_ok = False
        if a.category not in CATEGORIES:
            errors.append(q + f"unknown category {a.category!r}")
        if not isinstance(a.fix, str):
            errors.append(q + "fix must be a string")
            structural_ok = False
        elif a.start == a.end and a.fix == "":
            errors.append(q + "empty original and empty fix")
        elif doc.mt[a.start : a.end] == a.fix:
            errors.append(q + "fix equals the original")
        if a.note is not None and not isinstance(a.note, str):
            errors.append(q + "note must be a string or null")
        if prev is not None:
            if (a.start, a.end) < (prev.start, prev.end):
                errors.append(q + "artifacts not sorted by start")
                structural_ok = False
            elif a.start < prev.end or (a.start == a.end == prev.start == prev.end):
                errors.append(q + f"overlaps artifact {i - 1} ({prev.start}-{prev.end})")
                structural_ok = False
        prev = a
    if structural_ok:
        try:
            fixed = apply_artifacts(doc.mt, doc.artifacts)
        except ValueError as exc:  # pragma: no cover - guarded by the checks above
            errors.append(f"{p}{exc}")
        else:
            if fixed != doc.reference:
                at = next((k for k, (x, y) in enumerate(zip(fixed, doc.reference)) if x != y), min(len(fixed), len(doc.reference)))
                errors.append(
                    f"{p}applying the artifacts does not give the reference "
                    f"(first difference at {at}: {fixed[at:at + 30]!r} vs {doc.reference[at:at + 30]!r})"
                )
    if doc.kind == "clean":
        if doc.artifacts:
            errors.append(f"{p}clean document has {len(doc.artifacts)} artifacts")
        if doc.mt != doc.reference:
            errors.append(f"{p}clean document has mt != reference")
    elif doc.kind == "artifact" and not doc.artifacts:
        errors.append(f"{p}artifact document has no artifacts")
    return errors


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


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


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


# --------------------------------------------------------------------------- building


def _parse_annotated_dir(root: Path) -> tuple[list[CorpusDocument], list[str]]:
    docs: list[CorpusDocument] = []
    errors: list[str] = []
    for f in sorted((root / "annotated").glob("*.txt")):
        try:
            doc = parse_annotated(_read_text(f))
        except ValueError as exc:
            errors.append(f"{f.name}: {exc}")
            continue
        if doc.id != f.stem:
            errors.append(f"{f.name}: header id {doc.id!r} does not match the file name")
        errors.extend(validate(doc))
        docs.append(doc)
    if not docs and not errors:
        errors.append(f"{root}: no annotated/*.txt files")
    return sorted(docs, key=lambda d: d.id), errors


def _splits_json(docs: Sequence[CorpusDocument]) -> str:
    splits = {s: [d.id for d in docs if d.split == s] for s in SPLITS}
    return json.dumps(splits, ensure_ascii=False, indent=1) + "\n"


def build_corpus(root: str | os.PathLike) -> list[CorpusDocument]:
    """Regenerate ``root/docs/*.json`` and ``root/splits.json`` from ``root/annotated/*.txt``.

    Every document is validated first; on any error nothing is written and ValueError is
    raised with all the problems. Stale docs/*.json without an annotated file are removed.
    Returns the built documents sorted by id.
    """
    root = Path(root)
    docs, errors = _parse_annotated_dir(root)
    if errors:
        raise ValueError("corpus has errors:\n" + "\n".join(errors))
    docs_dir = root / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    wanted = {f"{d.id}.json" for d in docs}
    for old in docs_dir.glob("*.json"):
        if old.name not in wanted:
            old.unlink()
    for d in docs:
        target = docs_dir / f"{d.id}.json"
        text = render_document_json(d)
        if not target.exists() or _read_text(target) != text:
            _write_atomic(target, text)
    splits = root / "splits.json"
    text = _splits_json(docs)
    if not splits.exists() or _read_text(splits) != text:
        _write_atomic(splits, text)
    return docs


def check_corpus(root: str | os.PathLike) -> list[str]:
    """Validate the annotated files and check that docs/*.json and splits.json are current.

    Returns a list of problems (empty when the corpus is consistent). Writes nothing.
    """
    root = Path(root)
    docs, errors = _parse_annotated_dir(root)
    docs_dir = root / "docs"
    on_disk = {f.name for f in docs_dir.glob("*.json")} if docs_dir.is_dir() else set()
    for d in docs:
        name = f"{d.id}.json"
        if name not in on_disk:
            errors.append(f"docs/{name} missing (run build)")
        elif _read_text(docs_dir / name) != render_document_json(d):
            errors.append(f"docs/{name} is out of date (run build)")
    for name in sorted(on_disk - {f"{d.id}.json" for d in docs}):
        errors.append(f"docs/{name} has no annotated source")
    splits = root / "splits.json"
    if not splits.exists():
        errors.append("splits.json missing (run build)")
    elif _read_text(splits) != _splits_json(docs):
        errors.append("splits.json disagrees with the headers (run build)")
    return errors


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry: ``build ROOT`` or ``check ROOT``; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2 or args[0] not in ("build", "check"):
        sys.stderr.write("usage: python -m mtcheck.corpus {build|check} CORPUS_ROOT\n")
        return 2
    cmd, root = args
    if cmd == "build":
        try:
            docs = build_corpus(root)
        except ValueError as exc:
            sys.stderr.write(f"{exc}\n")
            return 1
        n = sum(len(d.artifacts) for d in docs)
        sys.stderr.write(f"built {len(docs)} documents, {n} artifacts\n")
        return 0
    errors = check_corpus(root)
    for e in errors:
        sys.stderr.write(e + "\n")
    if errors:
        return 1
    sys.stderr.write("corpus OK\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
