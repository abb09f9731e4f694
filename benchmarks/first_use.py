"""One-time costs a fresh ``mtcheck`` process pays on first use of two optional helpers.

Each figure is the median over ``--runs`` fresh processes (imports done beforehand, so only
the first call is timed):

* ``first_spelling_s``: the first :func:`mtcheck.candidates.spelling_candidates` call (the
  SymSpell dictionary of frequent English words, built or loaded from the data cache);
* ``first_langdetect_s``: the first language identification of a sentence by the
  untranslated-sentence rule (langdetect's 55 language profiles, loaded or from the cache);
* ``next_spelling_s`` / ``next_langdetect_s``: the second call, for comparison.

Run from the repository root: ``PYTHONPATH=$PWD python benchmarks/first_use.py [--out FILE]``.
The cache follows ``MTCHECK_CACHE_DIR`` / ``MTCHECK_NO_DATA_CACHE`` as in normal use; run
once beforehand to time a warm cache.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_IN_PROCESS = r"""
import json, time
from mtcheck.candidates import spelling_candidates
from mtcheck.findings import Finding, Severity
from mtcheck.rules import untranslated

def finding(word):
    return Finding("U002", "french-word", "untranslated", Severity.ERROR, 0, len(word), word, "")

t0 = time.perf_counter(); first = spelling_candidates(finding("gouvernment"))
t1 = time.perf_counter(); spelling_candidates(finding("negociations"))
t2 = time.perf_counter(); lang = untranslated._langdetect("Les négociations reprendront la semaine prochaine à Genève.")
t3 = time.perf_counter(); untranslated._langdetect("Le ministre a annoncé une réforme des retraites mardi.")
t4 = time.perf_counter()
print(json.dumps({"first_spelling_s": t1 - t0, "next_spelling_s": t2 - t1,
                  "first_langdetect_s": t3 - t2, "next_langdetect_s": t4 - t3,
                  "spelling": [s.replacement for s in first], "lang": lang}))
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def measure(runs: int) -> list[dict]:
    """The timings of ``runs`` fresh processes."""
    out = []
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, "-c", _IN_PROCESS], cwd=ROOT, env=_env(), capture_output=True, text=True, check=True
        )
        out.append(json.loads(result.stdout))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--out", type=Path, help="also write the JSON result here")
    parser.add_argument("--note", default="", help="free-text machine notes to record")
    args = parser.parse_args(argv)
    rows = measure(args.runs)
    keys = ("first_spelling_s", "next_spelling_s", "first_langdetect_s", "next_langdetect_s")
    result: dict = {"date": date.today().isoformat(), "runs": args.runs}
    for key in keys:
        values = [r[key] for r in rows]
        result[key] = round(statistics.median(values), 4)
        result[key[: -len("_s")] + "_best_s"] = round(min(values), 4)
    result["spelling_example"] = rows[0]["spelling"]
    result["langdetect_example"] = rows[0]["lang"]
    result["machine"] = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "note": args.note,
    }
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
