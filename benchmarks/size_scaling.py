"""Size -> time and peak memory of ``mtcheck scan`` for 1 MB, 10 MB and 60 MB articles, per format.

Usage: ``python benchmarks/size_scaling.py [--sizes 1,10,60] [--select T,N,R] [--formats text,json]
[--out benchmarks/results/size-DATE.json]``; ``MTCHECK_NO_SYNTAX=1`` runs without the syntax
layer (recorded as ``syntax: false`` and in the series' name).

The input is the project's own sample articles (corpus/samples/) repeated to the size, so it
holds real findings. For each size, in a fresh process:

1. **detect**: ``run_scan`` on the file (what every format shares), timed, with the process's
   peak resident memory (``ru_maxrss``) at the end; the report is then pickled to a
   temporary file.
2. **render**: for every format, a fresh process loads that report and writes the format to
   ``/dev/null`` through the CLI's own path (``render_chunks`` + ``write_chunks``), timed,
   with its peak resident memory.

A 10 kB scan gives the constant (interpreter, rules, language data). The CLI's peak for a
format is the larger of the two phases' peaks (the render process holds
the same report the CLI holds after detection), and its time is their sum; both are recorded,
with ``uptime`` before and after (the machine is shared). Targets (issue 11): peak memory at
most 4 x the input plus a constant, time linear in size.

Each run also records the *marginal* bytes per input byte from the next smaller size of the
same series, per format: ``(peak(b) - peak(a)) / (b - a)``, the slope the 4 x target is
about (the constant, which includes one block's ``Document`` above the streaming threshold,
cancels out).
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("text", "json", "jsonl", "sarif", "github", "junit", "markdown", "html")


def build_input(path: Path, size: int) -> None:
    """Write ``size`` bytes of the corpus ``dev`` articles (repeated, cut at a line end) to
    ``path``; articles with an "Enrichment Data:" block are left out (one such block would run
    to the end of the archive and shadow every other finding)."""
    names = json.loads((ROOT / "corpus" / "splits.json").read_text())["dev"]
    texts = [(ROOT / "corpus" / "annotated" / f"{n}.txt").read_text(encoding="utf-8") for n in names]
    parts = [t for t in texts if "Enrichment Data" not in t]
    unit = ("\n\n".join(parts) + "\n\n").encode("utf-8")
    with open(path, "wb") as handle:
        written = 0
        while written + len(unit) <= size:
            handle.write(unit)
            written += len(unit)
        rest = unit[: size - written]
        handle.write(rest[: rest.rfind(b"\n") + 1])


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def detect(path: str, report_path: str, select: str = "") -> None:
    """Phase 1 (child process): scan, report time and peak memory as JSON, pickle the report."""
    from mtcheck.runner import ScanOptions, run_scan

    start = time.perf_counter()
    report = run_scan([path], ScanOptions(select=tuple(select.split(",")) if select else None))
    elapsed = time.perf_counter() - start
    peak = _peak_mib()
    with open(report_path, "wb") as handle:
        pickle.dump(report, handle, protocol=pickle.HIGHEST_PROTOCOL)
    findings = sum(len(fr.findings) for fr in report.files)
    print(json.dumps({"seconds": round(elapsed, 2), "peak_mib": round(peak, 1), "findings": findings}))


def render_phase(report_path: str, fmt: str) -> None:
    """Phase 2 (child process): load the report, render ``fmt`` to /dev/null as the CLI does."""
    from mtcheck.io import write_chunks
    from mtcheck.render import render_chunks

    with open(report_path, "rb") as handle:
        report = pickle.load(handle)
    loaded = _peak_mib()
    start = time.perf_counter()
    write_chunks(os.devnull, render_chunks(report, fmt))
    elapsed = time.perf_counter() - start
    print(json.dumps({"seconds": round(elapsed, 2), "peak_mib": round(_peak_mib(), 1),
                      "report_loaded_mib": round(loaded, 1)}))


def tiled_report(report: object, times: int) -> object:
    """``report`` with its one file's text repeated ``times`` times and its findings shifted
    along (a :class:`~mtcheck.findings.FindingTable`, as a streamed scan keeps them)."""
    from dataclasses import replace
    from array import array

    from mtcheck.findings import FindingTableBuilder

    fr = report.files[0]
    text, found, lines = "", FindingTableBuilder(), array("q", [0])
    for _ in range(times):
        offset = len(text)
        text += fr.text
        for f in fr.findings:
            found.add(replace(f, start=f.start + offset, end=f.end + offset), True)
        lines.extend(offset + x for x in fr.line_starts[1:])
    tiled = replace(fr, text=text, words=fr.words * times, findings=found.table(text), line_starts=lines)
    return replace(report, files=(tiled,))


def render_tiled(report_path: str, fmt: str, times: str) -> None:
    """Phase 2 on a report ``times`` as large: the loaded report tiled (see :func:`tiled_report`)."""
    from mtcheck.io import write_chunks
    from mtcheck.render import render_chunks

    with open(report_path, "rb") as handle:
        report = tiled_report(pickle.load(handle), int(times))
    built = _peak_mib()
    start = time.perf_counter()
    write_chunks(os.devnull, render_chunks(report, fmt))
    elapsed = time.perf_counter() - start
    print(json.dumps({"seconds": round(elapsed, 2), "peak_mib": round(_peak_mib(), 1),
                      "report_built_mib": round(built, 1), "bytes": len(report.files[0].text.encode()),
                      "findings": len(report.files[0].findings)}))


def _child(*args: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, __file__, *args], env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,10,60", help="sizes in MB (10^6 bytes), comma-separated")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--select", default="", help="rule prefixes (e.g. T,N,R): a faster series for large sizes")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "size-2026-11-30-session5.json"))
    parser.add_argument("--tiles", type=int, default=0,
                        help="render only: a report of the first size, tiled this many times (see tiled_report)")
    parser.add_argument("--label", default="", help="added to the series' name (e.g. before)")
    args = parser.parse_args()
    syntax = os.environ.get("MTCHECK_NO_SYNTAX") != "1"
    suffix = (f" select {args.select}" if args.select else "") + ("" if syntax else " no syntax") + (
        f" {args.label}" if args.label else "")
    out_path = Path(args.out)
    results = json.loads(out_path.read_text()) if out_path.exists() else {"runs": {}}
    results["method"] = " ".join(__doc__.split("\n\n")[1:3]).replace("\n", " ")
    with tempfile.TemporaryDirectory() as tmp:
        tiny = Path(tmp, "tiny.txt")
        build_input(tiny, 10_000)
        _child("--detect", str(tiny), str(Path(tmp, "tiny.pickle")), args.select)  # warms the data cache
        results["constant" + suffix] = {
                               "detect_10kB": _child("--detect", str(tiny), str(Path(tmp, "tiny.pickle")), args.select),
                               "note": "peak of a 10 kB scan (second run, caches warm): interpreter, rules, data"}
        if args.tiles:
            mb = float(args.sizes) if "." in args.sizes else int(args.sizes)
            article = Path(tmp, "article.txt")
            build_input(article, int(mb * 10**6))
            pickled = str(Path(tmp, "report.pickle"))
            before = _uptime()
            det = _child("--detect", str(article), pickled, args.select)
            per_format = {fmt: _child("--render-tiled", pickled, fmt, str(args.tiles)) for fmt in args.formats.split(",")}
            for fmt, ren in per_format.items():
                ren["peak_minus_constant_over_input"] = round(
                    (ren["peak_mib"] - results["constant" + suffix]["detect_10kB"]["peak_mib"]) * 2**20 / ren["bytes"], 2)
            results.setdefault("tiled", {})[f"{mb}MB x {args.tiles}" + suffix] = {
                "note": ("render phase only: the report of a real scan of the smaller input, its text and "
                         "findings tiled to the larger size (the held report as a streamed scan keeps it); "
                         "detection of the larger size not run"),
                "detect_of_the_tile": det, "formats": per_format,
                "uptime_before": before, "uptime_after": _uptime(),
            }
            out_path.write_text(json.dumps(results, indent=2) + "\n")
            return
        for mb in (float(s) if "." in s else int(s) for s in args.sizes.split(",")):
            article = Path(tmp, f"article-{mb}MB.txt")
            build_input(article, int(mb * 10**6))
            pickled = str(Path(tmp, "report.pickle"))
            before = _uptime()
            det = _child("--detect", str(article), pickled, args.select)
            constant = results["constant" + suffix]["detect_10kB"]["peak_mib"]
            per_format = {}
            for fmt in args.formats.split(","):
                ren = _child("--render", pickled, fmt)
                per_format[fmt] = {
                    "render_seconds": ren["seconds"],
                    "render_peak_mib": ren["peak_mib"],
                    "total_seconds": round(det["seconds"] + ren["seconds"], 2),
                    "peak_mib": max(det["peak_mib"], ren["peak_mib"]),
                    "peak_minus_constant_over_input": round(
                        (max(det["peak_mib"], ren["peak_mib"]) - constant)
                        * 2**20 / (mb * 10**6), 2),
                }
                print(mb, fmt, per_format[fmt], file=sys.stderr, flush=True)
            smaller = [r for r in results["runs"].values()
                       if r.get("series") == suffix and r["bytes"] < article.stat().st_size]
            if smaller:
                prev = max(smaller, key=lambda r: r["bytes"])
                for fmt, entry in per_format.items():
                    if fmt in prev["formats"]:
                        entry["marginal_bytes_per_input_byte"] = round(
                            (entry["peak_mib"] - prev["formats"][fmt]["peak_mib"]) * 2**20
                            / (article.stat().st_size - prev["bytes"]), 2)
            results["runs"][f"{mb}MB" + suffix] = {
                "series": suffix,
                "select": args.select or "all rules",
                "syntax": syntax,
                "bytes": article.stat().st_size,
                "detect": det,
                "formats": per_format,
                "uptime_before": before,
                "uptime_after": _uptime(),
                "python": sys.version.split()[0],
            }
            out_path.write_text(json.dumps(results, indent=2) + "\n")
            print(f"{mb} MB: detect {det}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    if len(sys.argv) in (4, 5) and sys.argv[1] == "--detect":
        detect(*sys.argv[2:])
    elif len(sys.argv) == 4 and sys.argv[1] == "--render":
        render_phase(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 5 and sys.argv[1] == "--render-tiled":
        render_tiled(*sys.argv[2:])
    else:
        main()
