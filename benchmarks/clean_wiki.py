"""False alarms on clean English: findings per 1,000 words on clean Wikipedia sentences, by rule.

``/work/shared/data/clean-en-wiki.txt`` (or ``--corpus``) holds clean English Wikipedia
sentences (CC0), one a line. They are grouped ``--group`` lines (default 40) per synthetic
article, as an article is what mtcheck checks, and scanned with every registered rule (the
syntax layer on when spaCy is installed). Every finding on this text is a false alarm.

Run from the repository root:
``PYTHONPATH=$PWD python benchmarks/clean_wiki.py [--out benchmarks/results/clean-wiki-2026-11-30.json]``
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = Path("/work/shared/data/clean-en-wiki.txt")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--group", type=int, default=40, help="lines per synthetic article")
    parser.add_argument("--limit", type=int, default=0, help="only the first N lines (0 = all)")
    parser.add_argument("--examples", type=int, default=5, help="examples kept per rule")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / f"clean-wiki-{date.today()}.json")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    from mtcheck import syntax
    from mtcheck.pipeline import check_text

    lines = [line.strip() for line in args.corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.limit:
        lines = lines[: args.limit]
    by_rule: Counter[str] = Counter()
    examples: dict[str, list[dict[str, str]]] = {}
    words = 0
    started = time.perf_counter()
    for k in range(0, len(lines), args.group):
        text = "\n".join(lines[k : k + args.group]) + "\n"
        report = check_text(text, f"clean-wiki-{k // args.group:04d}")
        words += report.words
        for f in report.findings:
            by_rule[f.code] += 1
            kept = examples.setdefault(f.code, [])
            if len(kept) < args.examples:
                line_start = text.rfind("\n", 0, f.start) + 1
                line_end = text.find("\n", f.end)
                kept.append({"text": f.text, "line": text[line_start:line_end][:300], "message": f.message})
    elapsed = time.perf_counter() - started
    total = sum(by_rule.values())
    result = {
        "date": str(date.today()),
        "corpus": str(args.corpus),
        "lines": len(lines),
        "group": args.group,
        "words": words,
        "syntax_layer": syntax.available(),
        "false_alarms": total,
        "per_1k_words": round(1000 * total / max(words, 1), 3),
        "by_rule": {
            code: {"count": n, "per_1k_words": round(1000 * n / max(words, 1), 3)}
            for code, n in by_rule.most_common()
        },
        "examples": examples,
        "seconds": round(elapsed, 1),
        "machine": {"platform": platform.platform(), "cpus": os.cpu_count(), "load": os.getloadavg()},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{total} false alarms in {words} words: {result['per_1k_words']}/1k ({elapsed:.0f} s)")
    for code, n in by_rule.most_common():
        print(f"  {code}: {n} ({1000 * n / max(words, 1):.3f}/1k)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
