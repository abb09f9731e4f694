"""Model stage on a loaded machine: 1,000 words, idle and beside one competing CPU-bound
process, for 1 and 2 torch threads (busy-waiting and passive) and mtcheck's own policy.

Each configuration runs in a fresh process (the OpenMP runtime reads its wait policy once, at
``import torch``): load the models from the cache (the CRC-32 check of the cache is timed on
its own), then run the model stage ``--repeat`` times. The competing process
(``python -c "while True: pass"``) is started by this script and killed at the end.
Targets (issue 13): model stage ≤ 3 s idle and ≤ 6 s loaded, peak memory ≤ 1.5 GB.
``fix_cpu_seconds`` is the CPU time of the whole ``fix`` (all threads): the work done, which
a loaded machine inflates far less than the wall time.
Run: ``PYTHONPATH=. python benchmarks/model_load.py``; writes
``benchmarks/results/model_load-<date>.json``. The machine's load average before and after
is recorded: on a shared machine "idle" means "no competing process of ours".
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CONFIGS = {
    "1 thread": {"MTCHECK_THREADS": "1"},
    "2 threads busy-wait (torch default: torch splits ops)": {"MTCHECK_THREADS": "2", "MTCHECK_SPLIT": "ops", "OMP_WAIT_POLICY": "ACTIVE", "GOMP_SPINCOUNT": "30000000000", "KMP_BLOCKTIME": "200"},
    "2 threads passive wait (torch splits ops)": {"MTCHECK_THREADS": "2", "MTCHECK_SPLIT": "ops"},
    "ops policy (auto: free cores; torch splits ops)": {"MTCHECK_THREADS": "auto", "MTCHECK_SPLIT": "ops"},
    "2 passes at once (packs: 1 torch thread each)": {"MTCHECK_THREADS": "2", "MTCHECK_SPLIT": "packs"},
    "mtcheck policy (auto)": {"MTCHECK_THREADS": "auto"},
}
"""Configurations compared; the first names were recorded before ``MTCHECK_SPLIT`` existed
(then torch always split each operation)."""


def worker(repeat: int) -> dict:
    """Load the models and time the model stage; runs inside the configured process."""
    from benchmarks.model_speed import article
    from mtcheck.correct import load_models
    from mtcheck.io import Source
    from mtcheck.model.loader import loaded_info
    from mtcheck.model.runtime import current_policy
    from mtcheck.pipeline import CheckOptions, Models, check_file

    started = time.perf_counter()
    lm, guard, warnings = load_models()
    load_s = time.perf_counter() - started
    if lm is None:
        raise SystemExit("model unavailable: " + "; ".join(warnings))
    info = loaded_info()
    models = Models(lm, guard)
    source = Source("bench-1000.txt", article())
    options = CheckOptions()
    check_file(source, options)  # rules and (if installed) syntax warmed outside the timing
    t = time.perf_counter()
    check_file(source, options, correct=True)
    rules_s = time.perf_counter() - t
    runs, cpu = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        result = check_file(source, options, models=models, correct=True)
        runs.append(round(time.perf_counter() - t, 2))
        cpu.append(round(time.process_time() - c, 2))
    doc_words = result.document.word_count if result.document is not None else None
    policy = current_policy()
    return {
        "words": doc_words,
        "load_seconds": round(load_s, 2),
        "cache_check_seconds": round(info.check.seconds, 3) if info and info.check else None,
        "load_source": info.source if info else None,
        "fix_seconds": runs,
        "rules_only_fix_seconds": round(rules_s, 2),
        "model_stage_seconds": [round(r - rules_s, 2) for r in runs],
        "median": round(statistics.median(runs) - rules_s, 2),
        "fix_cpu_seconds": cpu,
        "loadavg_after": os.getloadavg()[0],
        "threads": policy.threads if policy else None,
        "policy": policy.describe() if policy else None,
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def run_config(env_extra: dict[str, str], repeat: int, timeout: float) -> dict:
    """One configuration in a fresh process (given up after ``timeout`` seconds)."""
    env = {k: v for k, v in os.environ.items() if k not in ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "KMP_BLOCKTIME", "MTCHECK_THREADS", "MTCHECK_SPLIT")}
    env.update(env_extra, PYTHONPATH=str(ROOT))
    env.setdefault("MTCHECK_MODEL_TIMEOUT", "1200")
    try:
        proc = subprocess.run([sys.executable, __file__, "--worker", "--repeat", str(repeat)],
                              capture_output=True, text=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"gave up after {timeout:g} s"}
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def uptime() -> str:
    """The ``uptime`` line."""
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", default=None)
    parser.add_argument("--note", default="")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per configuration")
    parser.add_argument("--configs", default=",".join(CONFIGS), help="comma-separated configuration names")
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.repeat)))
        return 0

    names = [n.strip() for n in args.configs.split(",") if n.strip()]
    unknown = [n for n in names if n not in CONFIGS]
    if unknown:
        parser.error(f"unknown configuration {unknown[0]!r} (choose from {', '.join(CONFIGS)})")
    out = Path(args.out or ROOT / "benchmarks" / "results" / f"model_load-{dt.date.today().isoformat()}.json")
    record: dict = {
        "benchmark": "model stage (fluency detection + candidate ranking + meaning guard) on 1,000 words, idle and with one competing CPU-bound process",
        "date": dt.date.today().isoformat(),
        "targets": {"idle_seconds": 3.0, "loaded_seconds": 6.0, "peak_gb": 1.5},
        "machine": {
            "cpus_available": len(os.sched_getaffinity(0)),
            "processor": platform.processor() or platform.machine(),
            "python": platform.python_version(),
            "uptime_before": uptime(),
            "note": args.note,
        },
        "idle": {},
        "loaded": {},
    }
    for name in names:
        record["idle"][name] = run_config(CONFIGS[name], args.repeat, args.timeout)
        print("idle", name, record["idle"][name], file=sys.stderr)
        save(out, record)
    hog = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(1.0)
        for name in names:
            record["loaded"][name] = run_config(CONFIGS[name], args.repeat, args.timeout)
            print("loaded", name, record["loaded"][name], file=sys.stderr)
            save(out, record)
    finally:
        hog.kill()
        hog.wait()
    record["machine"]["uptime_after"] = uptime()
    save(out, record)
    print(json.dumps(record, indent=2))
    return 0


def save(out: Path, record: dict) -> None:
    """Write the record so far (a cut-off run still leaves its finished configurations)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
