"""Building and checking the corpus: ``corpus/annotated/*.txt`` -> ``docs/*.json`` and
``splits.json`` (written atomically with :func:`mtcheck.io.write_atomic`), and the command line."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from mtcheck.corpus.annotated import parse_annotated, validate
from mtcheck.corpus.documents import SPLITS, CorpusDocument, _read_text, render_document_json
from mtcheck.io import write_atomic

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
            write_atomic(target, text)
    splits = root / "splits.json"
    text = _splits_json(docs)
    if not splits.exists() or _read_text(splits) != text:
        write_atomic(splits, text)
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
