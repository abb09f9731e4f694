"""Cold-start and steady-state timing of ``mtcheck scan`` (issue 6 target: cold scan <= 0.5 s).

Measures, on one article (default ``corpus/samples/ft-putin-trump.txt``):

* ``cli_wall_s``: wall time of ``python -m mtcheck scan FILE --format json`` in a fresh
  process (median of ``--runs``, default 7);
* ``import_s``: importing ``mtcheck.pipeline`` in a fresh process;
* ``first_check_s`` / ``steady_check_s``: the first ``check_text`` in a fresh process (data
  loading included) and the median of later calls; ``words_per_s`` is the steady throughput;
* ``cli_cpu_s``: user + system CPU time of the same CLI runs (median): on a shared machine it
  moves far less with the load than the wall time does.

The load average (``os.getloadavg``) before and after, and the switches that change what is
measured (``MTCHECK_NO_SYNTAX``: no syntax layer; ``MTCHECK_NO_PARSE_CACHE``: every sentence
parsed afresh, as for an article seen for the first time), are recorded with the result.

Run from the repository root: ``PYTHONPATH=$PWD python benchmarks/cold_start.py [--out FILE]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_SAMPLE = ROOT / "corpus" / "samples" / "ft-putin-trump.txt"

_IN_PROCESS = r"""
import json, statistics, sys, time
t0 = time.perf_counter()
from mtcheck.pipeline import check_text
t1 = time.perf_counter()
text = open(sys.argv[1], encoding="utf-8").read()
t2 = time.perf_counter()
report = check_text(text)
t3 = time.perf_counter()
steady = []
for _ in range(int(sys.argv[2])):
    s = time.perf_counter(); check_text(text); steady.append(time.perf_counter() - s)
print(json.dumps({"import_s": t1 - t0, "first_check_s": t3 - t2,
                  "steady_check_s": statistics.median(steady), "words": report.words,
                  "findings": len(report.findings)}))
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def cli_wall(sample: Path, runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU (user + system) times of ``python -m mtcheck scan SAMPLE --format json`` in fresh processes."""
    times, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "mtcheck", "scan", str(sample), "--format", "json"],
            cwd=ROOT, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
        )
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return times, cpu


def in_process(sample: Path, runs: int, steady_runs: int) -> list[dict]:
    """Import / first-call / steady-state timings, each from a fresh process."""
    out = []
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, "-c", _IN_PROCESS, str(sample), str(steady_runs)],
            cwd=ROOT, env=_env(), capture_output=True, text=True, check=True,
        )
        out.append(json.loads(result.stdout))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sample", nargs="?", type=Path, default=DEFAULT_SAMPLE)
    parser.add_argument("--words", type=int, default=None,
                        help="scan an article of about N words made from the samples (benchmarks/model_speed.py) instead")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--steady-runs", type=int, default=10)
    parser.add_argument("--out", type=Path, help="also write the JSON result here")
    parser.add_argument("--note", default="", help="free-text machine notes to record")
    args = parser.parse_args(argv)
    if args.words:
        import tempfile

        from benchmarks.model_speed import article

        made = Path(tempfile.mkdtemp()) / f"article-{args.words}-words.txt"
        made.write_text(article(args.words), encoding="utf-8")
        args.sample = made
    load_before = os.getloadavg()
    walls, cpu = cli_wall(args.sample, args.runs)
    inner = in_process(args.sample, args.runs, args.steady_runs)
    med = {k: statistics.median(r[k] for r in inner) for k in ("import_s", "first_check_s", "steady_check_s")}
    words = inner[0]["words"]
    result = {
        "date": date.today().isoformat(),
        "sample": str(args.sample.relative_to(ROOT) if args.sample.is_relative_to(ROOT) else args.sample),
        "words": words,
        "findings": inner[0]["findings"],
        "runs": args.runs,
        "cli_wall_s": round(statistics.median(walls), 4),
        "cli_wall_all_s": [round(t, 4) for t in walls],
        "import_s": round(med["import_s"], 4),
        "first_check_s": round(med["first_check_s"], 4),
        "steady_check_s": round(med["steady_check_s"], 4),
        "steady_words_per_s": round(words / med["steady_check_s"]),
        "cli_cpu_s": round(statistics.median(cpu), 4),
        "cli_cpu_all_s": [round(t, 4) for t in cpu],
        "switches": {k: os.environ.get(k, "") for k in ("MTCHECK_NO_SYNTAX", "MTCHECK_NO_PARSE_CACHE", "MTCHECK_CACHE_DIR")},
        "load_average": {"before": [round(x, 2) for x in load_before], "after": [round(x, 2) for x in os.getloadavg()]},
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "note": args.note,
        },
    }
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
