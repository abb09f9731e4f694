"""Load benchmark of ``mtcheck serve``: requests per second and p95 latency for 1,000-word articles.

Starts the real server on a loopback port (rules only, or with ``--model``), sends a bounded
number of requests from a fixed number of client threads, and writes a JSON result.

    python benchmarks/server_load.py [--requests 200] [--concurrency 8] [--model] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests._live_server import call, live_server  # noqa: E402


def article(words: int = 1000) -> str:
    """About ``words`` words of corpus text (the seed articles, repeated)."""
    text = " ".join((ROOT / "corpus/samples").joinpath(name).read_text(encoding="utf-8")
                    for name in ("ft-putin-trump.txt", "euronews-putin-ruse.txt"))
    return " ".join(text.split()[:words])


def run(endpoint: str, requests: int, concurrency: int, extra: list[str]) -> dict:
    body = {"text": article()}
    with tempfile.TemporaryDirectory() as tmp, live_server(Path(tmp), *extra) as base:
        call(base, "POST", endpoint, body)  # warm-up (loads the model when asked)
        latencies: list[float] = []

        def one(_: int) -> int:
            started = time.perf_counter()
            status, _ = call(base, "POST", endpoint, body)
            latencies.append(time.perf_counter() - started)
            return status

        started = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            statuses = list(pool.map(one, range(requests)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "endpoint": endpoint, "requests": requests, "concurrency": concurrency, "server_args": extra,
        "ok": sum(s == 200 for s in statuses), "seconds": round(elapsed, 2),
        "requests_per_second": round(requests / elapsed, 2),
        "p50_ms": round(1000 * statistics.median(latencies), 1),
        "p95_ms": round(1000 * latencies[int(0.95 * (len(latencies) - 1))], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--model", action="store_true", help="also /v1/fix with the language model")
    parser.add_argument("--model-requests", type=int, default=20, help="requests of the model run")
    parser.add_argument("--only-model", action="store_true", help="only the model run")
    parser.add_argument("--out", default=str(ROOT / "benchmarks/results" / f"server-load-{time.strftime('%Y-%m-%d')}.json"))
    args = parser.parse_args()
    results = [] if args.only_model else [run("/v1/check", args.requests, args.concurrency, []),
                                          run("/v1/fix", max(20, args.requests // 4), args.concurrency, [])]
    if args.model or args.only_model:
        results.append(run("/v1/fix", args.model_requests, 4, ["--model"]))
    record = {"date": time.strftime("%Y-%m-%d"), "machine": f"{os.cpu_count()} cores",
              "load_before": os.getloadavg(), "article_words": 1000, "results": results}
    Path(args.out).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(record, indent=2))


if __name__ == "__main__":
    main()
