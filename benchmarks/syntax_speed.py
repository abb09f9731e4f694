"""Speed of ``scan`` with the syntax layer, beside the same scan without it and beside harper-py.

On the corpus articles (samples and the annotated corpus's MT side, as benchmarks/speed/run.py
uses), in one process after a warm-up (spaCy loaded, language data cached):

* ``rules_no_syntax``: every rule except those that need the parse (``MTCHECK_NO_SYNTAX``);
* ``rules_with_syntax``: every rule, the syntax layer on (parses only prefiltered sentences);
* ``syntax_parse_all``: parsing every sentence (what a layer without prefilters would cost);
* ``harper``: harper-py (plaintext) on the same strings, when installed.

Also the share of sentences the prefilters sent to the parser, and spaCy's load time in a
fresh process. Writes ``benchmarks/results/syntax-speed-<date>.json``. Record ``uptime``:
the machine is shared.

Run from the repository root: ``PYTHONPATH=$PWD python benchmarks/syntax_speed.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks" / "speed"))


def _best(repeats: int, fn) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / f"syntax-speed-{date.today()}.json")
    args = parser.parse_args(argv)

    from run import corpus_texts  # benchmarks/speed/run.py

    from mtcheck import syntax
    from mtcheck.document import Document
    from mtcheck.pipeline import CheckOptions, check_document, selected_rules
    from mtcheck.syntax import SyntaxLayer

    texts = [t for _, t in corpus_texts()]
    docs = [Document.from_text(t) for t in texts]
    words = sum(d.word_count for d in docs)
    sentences = sum(len(d.sentences) for d in docs)
    all_rules = selected_rules(CheckOptions())
    plain_rules = tuple(r for r in all_rules if "syntax" not in r.needs)

    def scan(rules):
        for d in docs:
            check_document(Document.from_text(d.text, d.path), rules=rules)

    scan(all_rules)  # warm-up: spaCy, language data
    with_syntax = _best(args.repeats, lambda: scan(all_rules))
    os.environ["MTCHECK_NO_SYNTAX"] = "1"
    no_syntax = _best(args.repeats, lambda: scan(plain_rules))
    del os.environ["MTCHECK_NO_SYNTAX"]

    parsed = 0
    for d in docs:
        layer = SyntaxLayer.for_document(d, all_rules)
        for r in all_rules:
            if "syntax" in r.needs:
                list(layer.sentences(getattr(r, "syntax_prefilter", None)))
        parsed += layer.parsed_count
    parse_all = _best(1, lambda: [list(SyntaxLayer.for_document(d).sentences()) for d in docs])

    result = {
        "date": str(date.today()),
        "texts": len(texts),
        "words": words,
        "sentences": sentences,
        "syntax_available": syntax.available(),
        "sentences_parsed_with_prefilters": parsed,
        "share_parsed": round(parsed / max(sentences, 1), 3),
        "rules_with_syntax_words_per_s": round(words / with_syntax),
        "rules_no_syntax_words_per_s": round(words / no_syntax),
        "syntax_parse_all_words_per_s": round(words / parse_all),
        "ms_per_1k_words": {
            "rules_with_syntax": round(1000 * with_syntax * 1000 / words, 1),
            "rules_no_syntax": round(1000 * no_syntax * 1000 / words, 1),
            "syntax_parse_all": round(1000 * parse_all * 1000 / words, 1),
        },
    }
    try:
        from run import harper_scan

        harper_scan(texts[:1])
        harper = _best(args.repeats, lambda: harper_scan(texts))
        result["harper_words_per_s"] = round(words / harper)
        result["ms_per_1k_words"]["harper"] = round(1000 * harper * 1000 / words, 1)
    except ImportError:
        result["harper_words_per_s"] = None
    load = subprocess.run(
        [sys.executable, "-c", "import time; t=time.perf_counter(); from mtcheck.syntax import engine; "
         "engine.load_pipeline(); print(time.perf_counter()-t)"],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True,
    )
    result["spacy_import_and_load_s"] = round(float(load.stdout.strip()), 2)
    result["machine"] = {"platform": platform.platform(), "cpus": os.cpu_count(), "load": os.getloadavg()}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
