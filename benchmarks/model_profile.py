"""Where the model stage's time goes on the 1,000-word benchmark article.

Loads the models once, runs ``fix`` (``check_file(..., models=..., correct=True)``) once to
warm up, then once more with counters: forward passes of each model (calls, tokens, row
shapes), wall and CPU seconds per phase (sentence states, token scores, L001, candidate
ranking, meaning guard, ``next_words``), and optionally a cProfile listing.
Run: ``PYTHONPATH=. MTCHECK_THREADS=1 python benchmarks/model_profile.py [--cprofile 25]``
(prints JSON; nothing is written: this is a diagnostic, not a recorded benchmark).
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import functools
import io
import json
import pstats
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WALL: dict[str, float] = collections.defaultdict(float)
CPU: dict[str, float] = collections.defaultdict(float)
CALLS: dict[str, int] = collections.Counter()
TOKENS: dict[str, int] = collections.Counter()
SHAPES: dict[str, list[Any]] = collections.defaultdict(list)


def timed(owner: Any, name: str, label: str) -> None:
    """Wrap ``owner.name`` to add its wall and CPU time under ``label``."""
    original = getattr(owner, name)

    @functools.wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        w, c = time.perf_counter(), time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            WALL[label] += time.perf_counter() - w
            CPU[label] += time.process_time() - c
            CALLS[label] += 1

    setattr(owner, name, wrapper)


def counted_run(owner: Any, label: str) -> None:
    """Count ``Llama.run``/``Bert.encode`` calls with their token counts and shapes."""
    original = owner.run if hasattr(owner, "run") else owner.encode
    name = "run" if hasattr(owner, "run") else "encode"

    @functools.wraps(original)
    def wrapper(self: Any, ids: Any, *args: Any, **kwargs: Any) -> Any:
        TOKENS[label] += int(ids.numel())
        past = (args[2] if len(args) > 2 else kwargs.get("past")) if name == "run" else None
        SHAPES[label].append(tuple(ids.shape) + ((int(past[0].shape[2]),) if past is not None else ()))
        return original(self, ids, *args, **kwargs)

    setattr(owner, name, wrapper)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cprofile", type=int, default=0, help="print the top N functions by cumulative time")
    parser.add_argument("--words", type=int, default=1000)
    args = parser.parse_args(argv)

    from benchmarks.model_speed import article
    from mtcheck import candidates, ranking, scoring
    from mtcheck.correct import load_models
    from mtcheck.io import Source
    from mtcheck.model import bert, llama, smollm
    from mtcheck.model.embed import MiniLMGuard
    from mtcheck.model.runtime import current_policy
    from mtcheck.pipeline import CheckOptions, Models, check_file
    from mtcheck.rules import fluency

    lm, guard, warnings = load_models()
    if lm is None:
        raise SystemExit("model unavailable: " + "; ".join(warnings))
    models = Models(lm, guard)
    source = Source("bench.txt", article(args.words))
    options = CheckOptions()
    check_file(source, options, models=models, correct=True)  # warm-up (first-call costs)
    guard._cache.clear() if guard is not None else None

    timed(smollm.SmolLM, "text_states", "lm.text_states")
    timed(smollm.SmolLM, "state_token_scores", "lm.state_token_scores")
    timed(smollm.SmolLM, "suffix_logprobs", "lm.suffix_logprobs")
    timed(smollm.SmolLM, "_continue", "lm._continue")
    timed(smollm.SmolLM, "extend_states", "lm.extend_states")
    timed(smollm.SmolLM, "_run_after", "lm._run_after")
    timed(smollm.SmolLM, "_state_logprobs", "lm._state_logprobs")
    timed(smollm.SmolLM, "next_words", "lm.next_words")
    timed(smollm.SmolLM, "_head_scores", "lm._head_scores")
    timed(MiniLMGuard, "similarities", "guard.similarities")
    timed(scoring, "score_section", "score_section")
    timed(fluency.UnlikelyWord, "check", "L001.check")
    timed(ranking.Corrector, "evaluate", "Corrector.evaluate")
    timed(ranking.Corrector, "plan", "Corrector.plan")
    timed(candidates, "gather_candidates", "gather_candidates")
    counted_run(llama.Llama, "llama.run")
    counted_run(bert.Bert, "bert.encode")
    timed(llama.Llama, "run", "llama.run")
    timed(bert.Bert, "encode", "bert.encode")

    profiler = cProfile.Profile() if args.cprofile else None
    w, c = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    result = check_file(source, options, models=models, correct=True)
    if profiler:
        profiler.disable()
    total_wall, total_cpu = time.perf_counter() - w, time.process_time() - c
    policy = current_policy()
    out = {
        "words": result.document.word_count if result.document else None,
        "findings": len(result.report.findings),
        "corrections": len(result.correction.corrections) if result.correction else None,
        "threads": policy.describe() if policy else None,
        "fix_wall_seconds": round(total_wall, 2),
        "fix_cpu_seconds": round(total_cpu, 2),
        "phases": {k: {"calls": CALLS[k], "wall": round(WALL[k], 2), "cpu": round(CPU[k], 2)} for k in sorted(WALL)},
        "forward_tokens": dict(TOKENS),
        "forward_shapes": {k: v[:40] for k, v in SHAPES.items()},
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    print(json.dumps(out, indent=1))
    if profiler:
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(args.cprofile)
        print(text.getvalue(), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
