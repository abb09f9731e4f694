"""Write a canonical JSON of every finding on the corpus, the seeds and the real MT data.

Used to prove that performance work changes no finding: run it before and after a change
and compare the outputs byte for byte::

    PYTHONPATH=$PWD python benchmarks/findings_snapshot.py /tmp/before.json
    ...change...
    PYTHONPATH=$PWD python benchmarks/findings_snapshot.py /tmp/after.json
    cmp /tmp/before.json /tmp/after.json

The real data (``/work/shared/data/realdata-public.jsonl`` by default, or ``--realdata``)
is read at run time only; none of its text is stored in the repository.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from mtcheck.document import Document
from mtcheck.pipeline import check_document

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REALDATA = Path("/work/shared/data/realdata-public.jsonl")


def _inputs(realdata: Path) -> list[tuple[str, str]]:
    items: list[tuple[str, str]] = []
    for path in sorted((ROOT / "corpus" / "docs").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for field in ("mt", "reference"):
            if data.get(field):
                items.append((f"corpus/{path.stem}/{field}", data[field]))
    for path in sorted((ROOT / "corpus" / "samples").glob("*.txt")):
        items.append((f"samples/{path.name}", path.read_text(encoding="utf-8")))
    if realdata.is_file():
        for line in realdata.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                items.append((f"realdata/{row['id']}", row["mt"]))
    return items


def _finding_dict(f) -> dict:
    d = dataclasses.asdict(f)
    return {k: (v.name if hasattr(v, "name") and not isinstance(v, str) else v) for k, v in d.items()}


def snapshot(realdata: Path = DEFAULT_REALDATA) -> dict[str, list[dict]]:
    """Findings per input id, each finding as a plain dict."""
    out: dict[str, list[dict]] = {}
    for key, text in _inputs(realdata):
        doc = Document.from_text(text, key)
        out[key] = [_finding_dict(f) for f in check_document(doc)]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--realdata", type=Path, default=DEFAULT_REALDATA)
    args = parser.parse_args(argv)
    snap = snapshot(args.realdata)
    text = json.dumps(snap, ensure_ascii=False, sort_keys=True, indent=1, default=str)
    args.output.write_text(text + "\n", encoding="utf-8")
    total = sum(len(v) for v in snap.values())
    print(f"{len(snap)} inputs, {total} findings -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
