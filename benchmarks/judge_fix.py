"""`fix` with the model (and its judge, rule L002) against `fix --no-model` and against the model
without L002, on one corpus split: paired-bootstrap chrF between the configurations, L002's
findings against the annotations, and whether any clean article is changed.

    PYTHONPATH=$PWD python benchmarks/judge_fix.py --split test --out benchmarks/results/judge-fix-<date>.json

Segments are cut at line breaks outside every gold edit and every edit either configuration
applied, so both outputs of a pair are compared on the same segments.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mtcheck.bench.runner import check_corpus_document, load_bench_models  # noqa: E402
from mtcheck.bench.scores import _apply, paired_bootstrap  # noqa: E402
from mtcheck.corpus import load_corpus  # noqa: E402
from mtcheck.pipeline import CheckOptions  # noqa: E402

Edit = tuple[int, int, str]


def _edits(result) -> list[Edit]:
    return [(c.finding.start, c.finding.end, c.replacement) for c in result.applied]


def segments(text: str, gold: list[Edit], a: list[Edit], b: list[Edit]) -> list[tuple[str, str, str]]:
    """``(a output, b output, reference)`` per segment (cuts outside every span of the three)."""
    from mtcheck.bench.metrics import Edit as E

    spans = [(s, e) for s, e, _ in (*gold, *a, *b)]
    cuts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n" and i + 1 < len(text) and not any(s < i + 1 < e for s, e in spans)]
    cuts.append(len(text))
    out = []
    for lo, hi in zip(cuts, cuts[1:]):
        def inside(edits):
            return [E(s, e, r) for s, e, r in edits if lo <= s < hi or (s == e == hi == len(text))]

        seg = tuple(_apply(text, lo, hi, inside(x)).strip() for x in (a, b, gold))
        if any(seg):
            out.append(seg)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "test"), default="test")
    ap.add_argument("--out", default=None)
    args = ap.parse_args(argv)
    started = time.time()
    docs = [d for d in load_corpus(ROOT / "corpus") if d.split == args.split]
    models = load_bench_models()
    configs = {
        "rules": (CheckOptions(), None),
        "model-without-L002": (CheckOptions(ignore=("L002",)), models),
        "model": (CheckOptions(), models),
    }
    runs: dict[str, dict[str, tuple]] = {}
    for name, (options, m) in configs.items():
        runs[name] = {}
        for d in docs:
            _doc, findings, result = check_corpus_document(d.mt, d.id, options, m, None)
            runs[name][d.id] = (findings, result)
    pairs = {}
    for base, system in (("rules", "model"), ("model-without-L002", "model"), ("rules", "model-without-L002")):
        segs = []
        for d in docs:
            gold = [(a.start, a.end, a.fix) for a in d.artifacts]
            segs += segments(d.mt, gold, _edits(runs[base][d.id][1]), _edits(runs[system][d.id][1]))
        score = paired_bootstrap("chrF", [s[0] for s in segs], [s[1] for s in segs], [s[2] for s in segs])
        pairs[f"{system} vs {base}"] = {
            "chrF_base": round(score.input, 3), "chrF_system": round(score.fixed, 3), "delta": round(score.delta, 3),
            "p": round(score.p_value, 4), "ci95": [round(score.ci_low, 3), round(score.ci_high, 3)], "segments": len(segs),
        }
    judge = []
    for d in docs:
        findings, result = runs["model"][d.id]
        applied = {(c.finding.start, c.finding.end) for c in result.applied}
        for f in findings:
            if f.code != "L002":
                continue
            hit = [a for a in d.artifacts if a.start < f.end and f.start < a.end]
            judge.append({
                "doc": d.id, "kind": d.kind, "edit_type": f.entry, "text": f.text,
                "replacement": f.suggestions[0].replacement if f.suggestions else None,
                "applied": (f.start, f.end) in applied, "overlaps_artifact": bool(hit),
                "artifact_fix": hit[0].fix if hit else None,
            })
    clean_changed = {name: [d.id for d in docs if d.kind == "clean" and runs[name][d.id][1].text != d.mt] for name in configs}
    true = sum(j["overlaps_artifact"] for j in judge)
    record = {
        "split": args.split,
        "documents": len(docs),
        "chrF_paired_bootstrap": pairs,
        "l002_findings": len(judge),
        "l002_overlapping_artifacts": true,
        "l002_precision": round(true / len(judge), 3) if judge else None,
        "l002": judge,
        "clean_articles_changed": clean_changed,
        "margins": dict(models.calibration.judge_margins),
        "seconds": round(time.time() - started, 1),
        "load_average": os.getloadavg(),
    }
    text = json.dumps(record, indent=1, ensure_ascii=False)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
