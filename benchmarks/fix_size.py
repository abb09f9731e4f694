"""Size -> time and peak memory of ``mtcheck fix --no-model`` and ``mtcheck diff`` (issue 11:
time linear in size, peak memory at most 4 x the input plus a constant).

Builds inputs of the given sizes from the seed articles (each copy's paragraphs numbered so
that no paragraph repeats exactly), runs the real CLI in a subprocess per size and command and
records wall time, peak resident memory (``ru_maxrss`` of the child), the first summary line
and the machine load. A 20 kB run of each command (read whole, below the streaming threshold)
gives the constant; ``peak_over_input`` is (peak - constant) / input. Usage::

    python benchmarks/fix_size.py --sizes 1,10,60 --commands fix,diff,diff-html,diff-markdown \
        --out benchmarks/results/fix-size-2026-11-30-streamed.json
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


COMMANDS = {
    "fix": ["fix", "{src}", "-o", "{dst}.txt", "--no-model"],
    "diff": ["diff", "{src}", "-f", "diff", "-o", "{dst}.diff", "--no-model"],
    "diff-html": ["diff", "{src}", "-f", "html", "-o", "{dst}.html", "--no-model"],
    "diff-markdown": ["diff", "{src}", "-f", "markdown", "-o", "{dst}.md", "--no-model"],
}


def run(size_mb: float, folder: Path, command: str = "fix", select: str = "") -> dict:
    src = folder / f"in-{size_mb}mb.txt"
    dst = folder / f"out-{size_mb}mb-{command}"
    if not src.exists():
        src.write_text(build(int(size_mb * 2**20)), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    args = [a.format(src=src, dst=dst) for a in COMMANDS[command]]
    args += [x for code in filter(None, select.split(",")) for x in ("--select", code)]
    code = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        f"p = subprocess.run([sys.executable, '-m', 'mtcheck', *{args!r}],"
        " capture_output=True, text=True)\n"
        "e = time.perf_counter() - t\n"
        "print(p.returncode, e, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "sys.stderr.write(p.stderr)\n"
        "print(p.stdout.splitlines()[0] if p.stdout else '')\n"
    )
    load_before = os.getloadavg()[0]
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    first, summary = (proc.stdout.splitlines() + ["", ""])[:2]
    rc, seconds, maxrss_kb = first.split()
    if int(rc) != 0:
        raise SystemExit(f"{command} failed at {size_mb} MB: {proc.stderr}")
    for out in folder.glob(f"{dst.name}.*"):
        out.unlink()
    return {
        "command": command,
        "select": select or "all rules",
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
    parser.add_argument("--commands", default="fix,diff", help=f"comma-separated, from {', '.join(COMMANDS)}")
    parser.add_argument("--select", default="", help="rule prefixes (e.g. T,N,R): a faster series for large sizes")
    parser.add_argument("--out", help="write the results here (JSON; rows are added to an existing file)")
    args = parser.parse_args(argv)
    out = Path(args.out) if args.out else None
    result = json.loads(out.read_text()) if out and out.exists() else {
        "benchmark": "fix --no-model and diff size scaling (issue 11)",
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "constant": {}, "rows": [],
    }
    commands = args.commands.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        key = {c: c + (f" select {args.select}" if args.select else "") for c in commands}
        for command in commands:
            if key[command] not in result["constant"]:
                result["constant"][key[command]] = run(20 / 1024, Path(tmp), command, args.select)
        for s in args.sizes.split(","):
            for command in commands:
                row = run(float(s), Path(tmp), command, args.select)
                const = result["constant"][key[command]]["peak_rss_mib"]
                row["peak_over_input"] = round((row["peak_rss_mib"] - const) * 2**20 / row["input_bytes"], 2)
                row["uptime_after"] = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
                result["rows"].append(row)
                print(json.dumps(row), file=sys.stderr, flush=True)
                if out:
                    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    text = json.dumps(result, indent=2) + "\n"
    if out:
        out.write_text(text, encoding="utf-8")
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
