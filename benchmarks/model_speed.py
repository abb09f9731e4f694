"""Model stage speed on a 1,000-word article: time and peak memory after the first load.

Targets (issue 3): at most 3 s and 1.5 GB on 2 cores once the cache exists. Run pinned to
two cores, e.g. ``taskset -c 0,1 python benchmarks/model_speed.py``; the result is written
to ``benchmarks/results/model_speed-<date>.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def article(words: int = 1000) -> str:
    """About ``words`` words of the seed MT articles, the artifact-rich FT one first (whole paragraphs)."""
    paragraphs = []
    for path in sorted((ROOT / "corpus" / "samples").glob("*.txt"), reverse=True):
        paragraphs += [p for p in path.read_text(encoding="utf-8").splitlines() if p.strip()]
    out, count, i = [], 0, 0
    while count < words:
        p = paragraphs[i % len(paragraphs)]
        out.append(p)
        count += len(p.split())
        i += 1
    return "\n".join(out) + "\n"


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", default=None)
    parser.add_argument("--note", default="", help="machine notes to record")
    args = parser.parse_args(argv)

    from mtcheck.correct import load_models
    from mtcheck.document import Document
    from mtcheck.io import Source
    from mtcheck.pipeline import CheckOptions, Models, check_document, check_file

    started = time.perf_counter()
    lm, guard, warnings = load_models()
    load_s = time.perf_counter() - started
    if lm is None:
        print("model unavailable: " + "; ".join(warnings), file=sys.stderr)
        return 1
    text = article()
    doc = Document.from_text(text, "bench-1000.txt")
    findings = check_document(doc, CheckOptions())
    runs = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        checked = check_file(Source("bench-1000.txt", text), CheckOptions(), models=Models(lm, guard), correct=True)
        found, result = checked.report.findings, checked.correction
        runs.append(time.perf_counter() - t)
    record = {
        "benchmark": "check_file with the model: rules, model stage (fluency detection + candidate ranking + meaning guard), on one article",
        "date": dt.date.today().isoformat(),
        "words": doc.word_count,
        "rule_findings": len(findings),
        "findings_with_fluency": len(found),
        "corrections_applied": len(result.applied),
        "load_seconds_from_cache": round(load_s, 2),
        "load_note": "torch import included; the language model and the meaning guard, read from the cache",
        "model_stage_seconds": [round(r, 2) for r in runs],
        "model_stage_seconds_best": round(min(runs), 2),
        "model_stage_seconds_median": round(statistics.median(runs), 2),
        "first_call_seconds": round(runs[0], 2),
        "peak_rss_mib": round(peak_rss_mb(), 0),
        "targets": {"seconds": 3.0, "peak_gb": 1.5},
        "machine": {
            "cpus_available": len(os.sched_getaffinity(0)),
            "torch_threads": __import__("torch").get_num_threads(),
            "processor": platform.processor() or platform.machine(),
            "python": platform.python_version(),
            "load_average_at_start": os.getloadavg(),
            "note": args.note,
        },
    }
    out = Path(args.out or ROOT / "benchmarks" / "results" / f"model_speed-{record['date']}.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(record, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
