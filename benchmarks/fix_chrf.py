"""chrF of ``mtcheck fix`` against the hand-corrected references, per corpus document.

For every corpus document (dev and test; the calibration only ever saw dev) this records
chrF (sacrebleu) of the MT text, of the rules-only correction (``--no-model``) and of the
model-ranked correction, and whether any clean document was changed. Writes
``benchmarks/results/fix_chrf-<date>.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mtcheck.correct import load_models  # noqa: E402
from mtcheck.corpus import load_corpus  # noqa: E402
from mtcheck.io import Source  # noqa: E402
from mtcheck.lang import available_languages  # noqa: E402
from mtcheck.pipeline import CheckOptions, Models, check_file  # noqa: E402


def chrf(hyp: str, ref: str) -> float:
    """Document-level chrF."""
    from sacrebleu.metrics import CHRF

    return round(CHRF().sentence_score(hyp, [ref]).score, 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT / "corpus"))
    parser.add_argument("--out", default=None)
    args = parser.parse_args(argv)
    lm, guard, warnings = load_models()
    if lm is None:
        print("model unavailable: " + "; ".join(warnings), file=sys.stderr)
        return 1
    rows = []
    started = time.perf_counter()
    for d in load_corpus(args.corpus):
        lang = d.source_lang if d.source_lang in available_languages() else "fr"
        options = CheckOptions(source_lang=lang)
        rules_text = check_file(Source(d.id, d.mt), options, correct=True).correction.text
        checked = check_file(Source(d.id, d.mt), options, models=Models(lm, guard), correct=True)
        found, result = checked.report.findings, checked.correction
        rows.append({
            "id": d.id, "split": d.split, "kind": d.kind, "findings": len(found),
            "chrf_mt": chrf(d.mt, d.reference), "chrf_rules_only": chrf(rules_text, d.reference),
            "chrf_model": chrf(result.text, d.reference), "applied_model": len(result.applied),
            "changed_model": result.text != d.mt, "changed_rules_only": rules_text != d.mt,
        })
    artifact = [r for r in rows if r["kind"] == "artifact"]
    clean = [r for r in rows if r["kind"] == "clean"]
    record = {
        "benchmark": "chrF of corrected text vs hand-corrected reference (sacrebleu CHRF, document level)",
        "date": dt.date.today().isoformat(),
        "seconds": round(time.perf_counter() - started, 1),
        "artifact_docs": len(artifact),
        "artifact_docs_raised_by_model": sum(r["chrf_model"] > r["chrf_mt"] for r in artifact),
        "artifact_docs_lowered_by_model": sum(r["chrf_model"] < r["chrf_mt"] for r in artifact),
        "clean_docs": len(clean),
        "clean_docs_changed_by_model": sum(r["changed_model"] for r in clean),
        "clean_docs_changed_by_rules_only": sum(r["changed_rules_only"] for r in clean),
        "mean_chrf_gain_model": round(sum(r["chrf_model"] - r["chrf_mt"] for r in artifact) / max(1, len(artifact)), 2),
        "mean_chrf_gain_rules_only": round(sum(r["chrf_rules_only"] - r["chrf_mt"] for r in artifact) / max(1, len(artifact)), 2),
        "documents": rows,
    }
    out = Path(args.out or ROOT / "benchmarks" / "results" / f"fix_chrf-{record['date']}.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in record.items() if k != "documents"}, indent=2))
    for r in rows:
        print(f"{r['id']:45} {r['split']:4} {r['kind']:8} mt {r['chrf_mt']:6} rules {r['chrf_rules_only']:6} model {r['chrf_model']:6}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
