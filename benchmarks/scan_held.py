"""What a streamed ``scan`` keeps for the report of one large file: the text, the line-start
table and the findings, in bytes (``sys.getsizeof``, each shared object counted once; for a
:class:`~mtcheck.findings.FindingTable`, its arrays and distinct kinds).

``check_large_file`` must keep them for the renderers (context, line numbers), so they set the
scan's marginal memory per input byte whatever the output format. Usage::

    PYTHONPATH=$PWD python benchmarks/scan_held.py [--mb 1] [--out benchmarks/results/scan-held-DATE.json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from array import array
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from size_scaling import build_input  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="input size in MB (10^6 bytes)")
    parser.add_argument("--out")
    args = parser.parse_args()
    from mtcheck.findings import FindingTable
    from mtcheck.io import Source
    from mtcheck.pipeline import CheckOptions, check_file

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "archive.txt")
        build_input(path, int(args.mb * 10**6))
        before = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
        start = time.perf_counter()
        report = check_file(Source(str(path), "", streamed=True), CheckOptions()).report
        seconds = time.perf_counter() - start
        size = path.stat().st_size
    seen: set[int] = set()

    def sizeof(obj: object) -> int:
        if id(obj) in seen:
            return 0
        seen.add(id(obj))
        return sys.getsizeof(obj)

    text = sizeof(report.text)
    lines = sizeof(report.line_starts)
    if not isinstance(report.line_starts, array):
        lines += sum(sizeof(x) for x in report.line_starts)
    found = sizeof(report.findings)
    if isinstance(report.findings, FindingTable):  # what the table holds, not findings rebuilt on reading
        table = report.findings
        found += sum(sizeof(a) for a in (table._starts, table._ends, table._kinds, table._kind_list, table._texts))
        found += sum(sizeof(t) for t in table._texts.values())
        for kind in table._kind_list:
            found += sizeof(kind) + sum(sizeof(x) for x in kind)
            found += sum(sizeof(s) + sizeof(s.replacement) for s in kind[5])
    else:
        for f in report.findings:
            found += sizeof(f) + sizeof(f.text) + sizeof(f.message) + sizeof(f.start) + sizeof(f.end)
            found += sizeof(f.suggestions) + sum(sizeof(s) + sizeof(s.replacement) for s in f.suggestions)
    result = {
        "benchmark": "bytes a streamed scan keeps for one file's report (issue 11)",
        "input_bytes": size, "characters": len(report.text), "findings": len(report.findings),
        "text_bytes": text, "line_starts_bytes": lines, "findings_bytes": found,
        "bytes_per_finding": round(found / max(1, len(report.findings))),
        "held_over_input": round((text + lines + found) / size, 2),
        "syntax_layer": os.environ.get("MTCHECK_NO_SYNTAX") != "1",
        "check_seconds": round(seconds, 1),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "uptime_before": before,
        "uptime_after": subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip(),
    }
    text_out = json.dumps(result, indent=2) + "\n"
    if args.out:
        Path(args.out).write_text(text_out, encoding="utf-8")
    sys.stdout.write(text_out)


if __name__ == "__main__":
    main()
