"""Size -> time and peak memory of ``mtcheck fix --no-model`` (issue 11: it must be linear).

Builds inputs of the given sizes from the seed articles (each copy's paragraphs numbered so
that no paragraph repeats exactly), runs the real CLI in a subprocess per size and records wall
time, peak resident memory (``ru_maxrss`` of the child), corrections applied and the machine
load. Usage::

    python benchmarks/fix_size.py --sizes 1,10 --out benchmarks/results/fix-size-2026-11-30.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [Path("/work/shared/seeds"), ROOT / "corpus" / "samples"]


def seed_text() -> str:
    for folder in SEEDS:
        files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
        if files:
            # the seeds end in an "Enrichment Data" block (metadata that M003 flags as a whole)
            return "\n".join(f.read_text(encoding="utf-8").split("Enrichment Data")[0] for f in files)
    raise SystemExit("no seed articles found")


def build(size_bytes: int) -> str:
    """Seed paragraphs repeated to ``size_bytes`` of UTF-8, each copy numbered."""
    paragraphs = [p for p in seed_text().splitlines() if p.strip()]
    out: list[str] = []
    total = 0
    copy = 0
    while total < size_bytes:
        copy += 1
        for p in paragraphs:
            piece = f"{p} (copy {copy})\n\n"
            out.append(piece)
            total += len(piece.encode("utf-8"))
            if total >= size_bytes:
                break
    return "".join(out)


def run(size_mb: float, folder: Path) -> dict:
    src = folder / f"in-{size_mb}mb.txt"
    dst = folder / f"out-{size_mb}mb.txt"
    src.write_text(build(int(size_mb * 2**20)), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    code = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run([sys.executable, '-m', 'mtcheck', 'fix', sys.argv[1], '-o', sys.argv[2], '--no-model'],"
        " capture_output=True, text=True)\n"
        "e = time.perf_counter() - t\n"
        "print(p.returncode, e, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "sys.stderr.write(p.stderr)\n"
        "print(p.stdout.splitlines()[0] if p.stdout else '')\n"
    )
    load_before = os.getloadavg()[0]
    proc = subprocess.run([sys.executable, "-c", code, str(src), str(dst)], capture_output=True, text=True, env=env)
    first, summary = (proc.stdout.splitlines() + ["", ""])[:2]
    rc, seconds, maxrss_kb = first.split()
    if int(rc) != 0:
        raise SystemExit(f"fix failed at {size_mb} MB: {proc.stderr}")
    return {
        "size_mib": size_mb,
        "input_bytes": src.stat().st_size,
        "seconds": round(float(seconds), 2),
        "peak_rss_mib": round(int(maxrss_kb) / 1024, 1),
        "summary": summary,
        "load_1min_before": round(load_before, 2),
        "load_1min_after": round(os.getloadavg()[0], 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10", help="sizes in MiB, comma-separated")
    parser.add_argument("--out", help="write the results here (JSON)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        rows = [run(float(s), Path(tmp)) for s in args.sizes.split(",")]
    result = {
        "benchmark": "fix --no-model size scaling (issue 11)",
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "uptime": subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()},
        "rows": rows,
    }
    if len(rows) >= 2 and rows[0]["seconds"] > 0:
        result["time_ratio"] = round(rows[-1]["seconds"] / rows[0]["seconds"], 2)
        result["size_ratio"] = round(rows[-1]["input_bytes"] / rows[0]["input_bytes"], 2)
    text = json.dumps(result, indent=2) + "\n"
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
