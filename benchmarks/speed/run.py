"""Speed benchmark: mtcheck (rules only) side by side with harper-py on the same texts.

Usage (from the repository root):

    python benchmarks/speed/run.py            # full: 1,000,000-word archive, 50 MiB file
    python benchmarks/speed/run.py --quick    # 100,000 words, 10 MiB file: about a minute

Measures, in one run: words per second on the corpus and on a generated archive (built
deterministically from the corpus paragraphs with ``--seed``), throughput at 1/4, 1/2 and
all of the archive (linearity), cold start of ``python -m mtcheck scan`` (median of N),
peak RSS of a whole-archive scan and of a streamed large file, and scaling with the number
of worker processes. Writes ``benchmarks/results/speed-<date>[-quick].json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from mtcheck import __version__  # noqa: E402
from mtcheck.document import Document  # noqa: E402
from mtcheck.pipeline import CheckOptions, check_text  # noqa: E402
from mtcheck.rules import ALL_RULES  # noqa: E402

WORD_RE = re.compile(r"[^\W_]+")


def corpus_texts() -> list[tuple[str, str]]:
    """(name, text) of every corpus article: samples, and the annotated corpus's MT side."""
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((REPO / "corpus" / "samples").glob("*.txt"))]
    for path in sorted((REPO / "corpus" / "docs").glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("mt"):
            texts.append((path.name, doc["mt"]))
    return texts


def build_archive(texts: list[str], words: int, seed: int) -> list[str]:
    """Articles of 8-30 corpus paragraphs drawn with ``seed`` until ``words`` words."""
    paragraphs = [p.strip() for t in texts for p in re.split(r"\n\s*\n|\n", t) if p.strip()]
    rng = random.Random(seed)
    archive, total = [], 0
    while total < words:
        article = "\n\n".join(rng.choice(paragraphs) for _ in range(rng.randint(8, 30)))
        archive.append(article)
        total += Document.from_text(article).word_count
    return archive


def count_words(texts: list[str]) -> int:
    """Words as mtcheck counts them (word tokens)."""
    return sum(Document.from_text(t).word_count for t in texts)


def timed(fn, *args) -> float:
    started = time.perf_counter()
    fn(*args)
    return time.perf_counter() - started


def best_of(repeats: int, fn, *args) -> float:
    return min(timed(fn, *args) for _ in range(repeats))


def mtcheck_scan(texts: list[str]) -> None:
    options = CheckOptions()
    for t in texts:
        check_text(t, "<bench>", options)


_LINTER = None


def harper_scan(texts: list[str]) -> None:
    global _LINTER
    import harper

    if _LINTER is None:
        _LINTER = harper.Linter()
    for t in texts:
        _LINTER.lint(t, language="plaintext")


def _scan_chunk(texts: list[str]) -> int:
    mtcheck_scan(texts)
    return len(texts)


def scan_with_processes(texts: list[str], jobs: int) -> float:
    """Wall time to scan ``texts`` over ``jobs`` worker processes (pool start-up included)."""
    chunks = [texts[i::jobs * 8] for i in range(jobs * 8)]
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        assert sum(pool.map(_scan_chunk, chunks)) == len(texts)
    return time.perf_counter() - started


def scan_cli_has_jobs() -> bool:
    from mtcheck.cli.scan import scan

    import inspect

    return "jobs" in inspect.signature(scan).parameters


def run_cli(args: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of one ``python -m mtcheck`` run."""
    script = (
        "import resource, sys, runpy\n"
        "sys.argv = ['mtcheck', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('mtcheck', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')]\n"
        "rss = int(hwm[0].split()[1]) if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "sys.stderr.write('\\nRSS %d\\n' % rss)\n"
    )
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, env=env)
    wall = time.perf_counter() - started
    rss = int(re.findall(r"RSS (\d+)", done.stderr)[-1])
    return wall, rss


def cold_start(sample: Path, env: dict[str, str], runs: int) -> dict[str, float]:
    mt = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mtcheck", "scan", "--color", "never", str(sample)],
                       capture_output=True, env=env)
        mt.append(time.perf_counter() - started)
    probe = f"import harper; harper.Linter().lint(open({str(sample)!r}).read(), language='plaintext')"
    hp = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", probe], capture_output=True, env=env)
        hp.append(time.perf_counter() - started)
    bare = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], capture_output=True, env=env)
        bare.append(time.perf_counter() - started)
    return {
        "mtcheck_scan_median_s": round(statistics.median(mt), 3),
        "harper_import_linter_lint_median_s": round(statistics.median(hp), 3),
        "bare_python_median_s": round(statistics.median(bare), 3),
        "runs": runs,
    }


def machine_notes() -> dict[str, object]:
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                                text=True).stdout.strip()
    except OSError:
        commit = ""
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "affinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "mtcheck": __version__,
        "mtcheck_commit": commit,
        "rules": len(ALL_RULES),
        "harper_py": metadata.version("harper-py"),
        "dask": _version("dask"),
    }


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 words and a 10 MiB file")
    parser.add_argument("--words", type=int, help="archive size in words (default 1,000,000; quick 100,000)")
    parser.add_argument("--large-mib", type=int, help="size of the streamed large file (default 50; quick 10)")
    parser.add_argument("--seed", type=int, default=20240611)
    parser.add_argument("--jobs", default="1,2", help="worker counts to measure, comma-separated")
    parser.add_argument("--cold-runs", type=int, default=7)
    parser.add_argument("--out", type=Path, help="output JSON (default benchmarks/results/speed-<date>.json)")
    args = parser.parse_args()
    words = args.words or (100_000 if args.quick else 1_000_000)
    large_mib = args.large_mib or (10 if args.quick else 50)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result: dict[str, object] = {"date": dt.date.today().isoformat(), "quick": args.quick,
                                 "machine": machine_notes(), "seed": args.seed}

    corpus = corpus_texts()
    texts = [t for _, t in corpus]
    corpus_words = count_words(texts)
    repeats = max(3, 200_000 // max(corpus_words, 1))
    mt_t = best_of(3, mtcheck_scan, texts * repeats)
    harper_scan(texts[:1])
    hp_t = best_of(3, harper_scan, texts * repeats)
    result["corpus"] = {
        "documents": [name for name, _ in corpus],
        "words": corpus_words,
        "passes": repeats,
        "mtcheck_rules_only_words_per_s": round(corpus_words * repeats / mt_t),
        "harper_words_per_s": round(corpus_words * repeats / hp_t),
    }
    print("corpus", result["corpus"], flush=True)

    archive = build_archive(texts, words, args.seed)
    archive_words = count_words(archive)
    scaling = []
    for fraction in (0.25, 0.5, 1.0):
        part = archive[: max(1, int(len(archive) * fraction))]
        part_words = archive_words if fraction == 1.0 else count_words(part)
        mt_t = timed(mtcheck_scan, part)
        hp_t = timed(harper_scan, part)
        scaling.append({
            "fraction": fraction, "documents": len(part), "words": part_words,
            "mtcheck_s": round(mt_t, 3), "mtcheck_words_per_s": round(part_words / mt_t),
            "harper_s": round(hp_t, 3), "harper_words_per_s": round(part_words / hp_t),
        })
        print("archive", scaling[-1], flush=True)
    result["archive"] = {"documents": len(archive), "words": archive_words, "scaling": scaling}

    jobs = [int(j) for j in args.jobs.split(",")]
    runs = []
    for j in jobs:
        wall = scan_with_processes(archive, j)
        runs.append({"jobs": j, "wall_s": round(wall, 3), "words_per_s": round(archive_words / wall)})
        print("jobs", runs[-1], flush=True)
    base = runs[0]["wall_s"]
    for r in runs:
        r["speedup"] = round(base / r["wall_s"], 2)
    result["jobs"] = {
        "method": "ProcessPoolExecutor over check_text (scan --jobs %s)"
        % ("exists: same pipeline" if scan_cli_has_jobs() else "not in this build"),
        "runs": runs,
    }

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = []
        for i, article in enumerate(archive):
            path = folder / f"doc-{i:05d}.txt"
            path.write_text(article, encoding="utf-8")
            paths.append(str(path))
        wall, rss = run_cli(["scan", "--format", "json", *paths], env)
        result["cli_archive"] = {"files": len(paths), "wall_s": round(wall, 3),
                                 "words_per_s": round(archive_words / wall), "peak_rss_mib": round(rss / 1024, 1)}
        print("cli archive", result["cli_archive"], flush=True)

        large = folder / "large.txt"
        with open(large, "w", encoding="utf-8") as handle:
            i = 0
            while handle.tell() < large_mib * 2**20:
                handle.write(archive[i % len(archive)] + "\n\n")
                i += 1
        size = large.stat().st_size
        large_words = sum(len(WORD_RE.findall(archive[k % len(archive)])) for k in range(i))
        wall, rss = run_cli(["scan", "--format", "text", "--color", "never", str(large)], env)
        result["large_file"] = {"mib": round(size / 2**20, 1), "approx_words": large_words, "wall_s": round(wall, 3),
                                "words_per_s": round(large_words / wall), "peak_rss_mib": round(rss / 1024, 1)}
        print("large file", result["large_file"], flush=True)

        sample = REPO / "corpus" / "samples" / "ft-putin-trump.txt"
        result["cold_start"] = cold_start(sample, env, args.cold_runs)
        print("cold start", result["cold_start"], flush=True)

    result["with_model"] = None
    result["notes"] = [
        "Rules only: words/s count mtcheck word tokens; both tools lint the same strings, harper-py in plaintext mode, one Linter reused.",
        "with_model is measured by benchmarks/model_speed.py (model stage on a 1,000-word article) and by mtcheck bench --model (words/s over the corpus); see benchmarks/results/.",
        "The machine is shared: timings are best-of-3 (corpus) or single runs (archive); compare ratios, not absolutes.",
    ]
    out = args.out or REPO / "benchmarks" / "results" / f"speed-{result['date']}{'-quick' if args.quick else ''}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print("wrote", out)


if __name__ == "__main__":
    main()
