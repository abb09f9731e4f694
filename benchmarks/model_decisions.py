"""Does a model-stage change keep its decisions? Snapshot ``fix`` with the model on the corpus
dev split, then compare two snapshots.

``snapshot OUT`` runs ``check_file(..., models=..., correct=True)`` on every dev article and
writes, per article: the corrected text, the findings (code and span), the applied
corrections, and every candidate's raw evidence (log-probability gain and guard
similarity). ``compare A B`` says whether the corrected texts, findings and corrections are
identical and how far the raw scores moved (float noise is a few 1e-4 nats).
Run: ``PYTHONPATH=. python benchmarks/model_decisions.py snapshot /tmp/after.json`` then
``python benchmarks/model_decisions.py compare /tmp/before.json /tmp/after.json``.
Dev split only (never the test split).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def snapshot(out: Path) -> None:
    """Write the decisions of ``fix`` with the model on every dev article to ``out``."""
    from mtcheck import ranking
    from mtcheck.correct import load_models
    from mtcheck.io import Source
    from mtcheck.pipeline import CheckOptions, Models, check_file

    seen: list = []
    evaluate = ranking.Corrector.evaluate

    def recording(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        got = evaluate(self, *args, **kwargs)
        seen.extend(got)
        return got

    ranking.Corrector.evaluate = recording  # type: ignore[method-assign]
    lm, guard, warnings = load_models()
    if lm is None:
        raise SystemExit("model unavailable: " + "; ".join(warnings))
    models = Models(lm, guard)
    splits = json.loads((ROOT / "corpus" / "splits.json").read_text(encoding="utf-8"))
    record: dict = {}
    started = time.process_time()
    for doc_id in splits["dev"]:
        doc = json.loads((ROOT / "corpus" / "docs" / f"{doc_id}.json").read_text(encoding="utf-8"))
        seen.clear()
        result = check_file(Source(f"{doc_id}.txt", doc["mt"]), CheckOptions(), models=models, correct=True)
        record[doc_id] = {
            "corrected": result.report.corrected_text,
            "findings": [[f.code, f.start, f.end] for f in result.report.findings],
            "corrections": [[c.finding.start, c.finding.end, c.replacement, c.status.name] for c in (result.correction.corrections if result.correction else ())],
            "scores": [
                [s.finding.code, s.finding.start, [c.replacement for c in s.candidates], s.deltas, s.similarities]
                for s in seen
            ],
        }
        print(doc_id, len(record[doc_id]["findings"]), "findings", file=sys.stderr)
    record["_cpu_seconds"] = round(time.process_time() - started, 1)
    out.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")


def compare(a_path: Path, b_path: Path) -> int:
    """Print the differences between two snapshots; exit 1 when a decision differs."""
    a = json.loads(a_path.read_text(encoding="utf-8"))
    b = json.loads(b_path.read_text(encoding="utf-8"))
    differ = 0
    worst_delta = worst_sim = 0.0
    for doc_id in sorted(k for k in a if not k.startswith("_")):
        x, y = a[doc_id], b.get(doc_id)
        if y is None:
            print(f"{doc_id}: missing from {b_path}")
            differ += 1
            continue
        for key in ("corrected", "findings", "corrections"):
            if x[key] != y[key]:
                print(f"{doc_id}: {key} differ")
                differ += 1
        xs = {(s[0], s[1]): s for s in x["scores"]}
        for s in y["scores"]:
            t = xs.get((s[0], s[1]))
            if t is None or t[2] != s[2]:
                print(f"{doc_id}: candidates of {s[0]} at {s[1]} differ")
                continue
            for u, v in zip(t[3] or [], s[3] or []):
                worst_delta = max(worst_delta, abs(u - v))
            for u, v in zip(t[4], s[4]):
                if u is not None and v is not None:
                    worst_sim = max(worst_sim, abs(u - v))
    print(f"decisions differ in {differ} place(s); largest change of a candidate's gain: {worst_delta:.2e} nats; "
          f"of a guard similarity: {worst_sim:.2e}; CPU seconds {a.get('_cpu_seconds')} -> {b.get('_cpu_seconds')}")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("snapshot").add_argument("out", type=Path)
    cmp = sub.add_parser("compare")
    cmp.add_argument("before", type=Path)
    cmp.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "snapshot":
        snapshot(args.out)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    raise SystemExit(main())
