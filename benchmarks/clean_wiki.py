"""False alarms on clean English: findings per 1,000 words on clean Wikipedia sentences, by rule.

``/work/shared/data/clean-en-wiki.txt`` (or ``--corpus``) holds clean English Wikipedia
sentences (CC0), one a line. They are grouped ``--group`` lines (default 40) per synthetic
article, as an article is what mtcheck checks, and scanned with every registered rule (the
syntax layer on when spaCy is installed).

**Split (issue 12, against overfitting).** Article ``k`` holds corpus lines ``40k+1 … 40k+40``
(1-based). Articles with an even ``k`` form the **dev** half, odd ``k`` the **test** half, so
each half is scanned exactly as in the whole run (same neighbours, same documents). Rules are
changed from dev-half findings only; the test half is read for the reviewed list below and
measured, never tuned on. ``--split dev|test|all`` scans one half or both.

**Reviewed real errors.** Some findings are genuine errors in the Wikipedia text (a typo, a
French-speaker calque). ``benchmarks/data/clean-wiki-reviewed.tsv`` lists those verified by
hand (corpus line, rule code, flagged text, verdict ``real-error``, reason). A finding matching
a row (same line, code and flagged text) counts as a reviewed real error; every other finding is
a false alarm. The goal (issue 12) is ≤ 0.3 false alarms per 1,000 words.

Run from the repository root:
``PYTHONPATH=$PWD python benchmarks/clean_wiki.py [--split dev] [--out benchmarks/results/clean-wiki-<date>-dev.json]``
"""

from __future__ import annotations

import argparse
import csv
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
REVIEWED = ROOT / "benchmarks" / "data" / "clean-wiki-reviewed.tsv"
HALVES = ("dev", "test")


def half_of(article: int) -> str:
    """The half an article (0-based index of its ``--group`` lines) belongs to."""
    return HALVES[article % 2]


def load_reviewed(path: Path) -> dict[tuple[int, str, str], str]:
    """``(line, code, flagged text) -> reason`` for the rows with verdict ``real-error``."""
    if not path.exists():
        return {}
    reviewed: dict[tuple[int, str, str], str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if not row or row[0].startswith("#") or row[0] == "line":
                continue
            line, code, text, verdict, reason = row[:5]
            if verdict == "real-error":
                reviewed[(int(line), code, text)] = reason
    return reviewed


def summary(findings: list[dict[str, object]], words: int) -> dict[str, object]:
    """Counts and rates for one half (or the whole): all findings, reviewed real errors, false alarms."""
    false = [f for f in findings if not f["real_error"]]
    by_rule = Counter(str(f["code"]) for f in false)
    return {
        "words": words,
        "findings": len(findings),
        "reviewed_real_errors": len(findings) - len(false),
        "false_alarms": len(false),
        "findings_per_1k_words": round(1000 * len(findings) / max(words, 1), 3),
        "false_alarms_per_1k_words": round(1000 * len(false) / max(words, 1), 3),
        "false_alarms_by_rule": dict(by_rule.most_common()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--group", type=int, default=40, help="lines per synthetic article")
    parser.add_argument("--limit", type=int, default=0, help="only the first N lines (0 = all)")
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--select", default="", help="comma-separated rule selectors (default: every rule)")
    parser.add_argument("--reviewed", type=Path, default=REVIEWED)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    out = args.out or ROOT / "benchmarks" / "results" / f"clean-wiki-{date.today()}-{args.split}.json"

    sys.path.insert(0, str(ROOT))
    from mtcheck import syntax
    from mtcheck.pipeline import CheckOptions, check_text

    options = CheckOptions(select=tuple(s for s in args.select.split(",") if s))
    reviewed = load_reviewed(args.reviewed)
    lines = [line.strip() for line in args.corpus.read_text(encoding="utf-8").splitlines()]
    if args.limit:
        lines = lines[: args.limit]
    findings: list[dict[str, object]] = []
    words = dict.fromkeys(HALVES, 0)
    load_before = os.getloadavg()
    started = time.perf_counter()
    for k in range(0, len(lines), args.group):
        half = half_of(k // args.group)
        if args.split not in ("all", half):
            continue
        text = "\n".join(lines[k : k + args.group]) + "\n"
        report = check_text(text, f"clean-wiki-{k // args.group:04d}", options)
        words[half] += report.words
        for f in report.findings:
            line_no = k + 1 + text.count("\n", 0, f.start)
            reason = reviewed.get((line_no, f.code, f.text))
            findings.append(
                {
                    "line": line_no,
                    "half": half,
                    "code": f.code,
                    "text": f.text,
                    "message": f.message,
                    "real_error": reason is not None,
                    "sentence": lines[line_no - 1][:300],
                }
            )
    elapsed = time.perf_counter() - started
    halves = [h for h in HALVES if args.split in ("all", h)]
    result: dict[str, object] = {
        "date": str(date.today()),
        "corpus": str(args.corpus),
        "lines": len(lines),
        "group": args.group,
        "split": args.split,
        "select": args.select,
        "split_rule": "article k = lines 40k+1..40k+40; even k: dev, odd k: test",
        "syntax_layer": syntax.available(),
        "reviewed_list": str(args.reviewed.relative_to(ROOT)) if args.reviewed.is_relative_to(ROOT) else str(args.reviewed),
        "halves": {h: summary([f for f in findings if f["half"] == h], words[h]) for h in halves},
        "whole": summary(findings, sum(words.values())),
        "findings": findings,
        "seconds": round(elapsed, 1),
        "machine": {
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_before": load_before,
            "load_after": os.getloadavg(),
        },
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    for name, part in [*((h, result["halves"][h]) for h in halves), ("whole", result["whole"])]:
        assert isinstance(part, dict)
        print(
            f"{name}: {part['findings']} findings in {part['words']} words, {part['reviewed_real_errors']} reviewed real"
            f" errors, {part['false_alarms']} false alarms = {part['false_alarms_per_1k_words']}/1k"
        )
        print("   " + ", ".join(f"{c} {n}" for c, n in part["false_alarms_by_rule"].items()))
    print(f"({elapsed:.0f} s, load {load_before[0]:.2f} -> {os.getloadavg()[0]:.2f}) -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
