"""Tune the corrector's margin, prior weight, right context and fluency thresholds on the dev split.

Only ``split == "dev"`` documents are read. For each right-context length tried, each
document goes through the model stage once (:func:`mtcheck.pipeline.model_stage`, what ``fix`` runs);
the grid search then replays the (cheap) decisions. The objective is the total chrF gain
(sacrebleu) over dev artifact documents, subject to: no clean document changed, and no
artifact document made worse. Ties go to the stricter setting. Writes
``mtcheck/model/data/calibration.json`` (and prints the per-document figures). Re-run after rules
change: ``PYTHONPATH=. python benchmarks/calibrate.py``.

Since session 5 the corrector applies confident rule fixes without the model and lets the model
decide only the types ``choice_margins`` opens (``benchmarks/calibrate_choice.py``): the margin,
prior weight and temperature tuned here only set the confidences reports show for scored
candidates; the right context and guard threshold still apply to every scored decision.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mtcheck.correct import CALIBRATION_PATH, Calibration, decide, load_models  # noqa: E402
from mtcheck.corpus import load_corpus  # noqa: E402
from mtcheck.document import Document  # noqa: E402
from mtcheck.lang import available_languages, load_language  # noqa: E402
from mtcheck.pipeline import CheckOptions, Models, check_document, model_context, model_stage  # noqa: E402
from mtcheck.rules.fluency import UnlikelyWord  # noqa: E402


def chrf(hyp: str, ref: str) -> float:
    """Sentence-level chrF of a whole document."""
    from sacrebleu.metrics import CHRF

    return CHRF().sentence_score(hyp, [ref]).score


def fluency_thresholds(lm, texts: list[str], base: Calibration) -> Calibration:
    """Thresholds strictly below every word of the clean texts (dev references and clean docs)."""
    rule = UnlikelyWord(base)
    worst_pmi = 0.0
    for text in texts:
        doc = Document.from_text(text)
        for sentence, tokens in model_context(doc, Models(lm, None, base), [rule]).scored():
            for w, logprob, pmi, _alts in rule.word_scores(sentence, tokens, base):
                if logprob <= base.fluency_logprob:
                    worst_pmi = min(worst_pmi, pmi)
    return replace(base, fluency_pmi=round(min(-6.0, worst_pmi - 1.0), 2))


def _grid_point(evaluated: list, trial: Calibration) -> tuple:
    """``(key, trial, gain, worse, clean_changed)`` of one setting; a larger key is better
    (no clean document changed, fewer artifact documents worse, more chrF gain, then the
    stricter meaning guard, the stricter margin and the lighter prior)."""
    gain, worse, clean_changed = 0.0, 0, 0
    for d, doc, scored, before, _n in evaluated:
        text = decide(doc, scored, trial, trial.min_confidence).text
        if d.kind == "clean":
            clean_changed += text != d.mt
            continue
        delta = chrf(text, d.reference) - before
        gain += delta
        worse += delta < 0
    key = (clean_changed == 0, -worse, round(gain, 3), trial.guard_threshold, trial.margin, -trial.prior_weight)
    return key, trial, gain, worse, clean_changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT / "corpus"))
    parser.add_argument("--out", default=str(CALIBRATION_PATH))
    parser.add_argument("--right-context", default="25,30,35,40,160",
                        help="right-context lengths (characters) to try, comma-separated")
    parser.add_argument("--tolerance", type=float, default=0.25,
                        help="chrF points (summed over dev documents) a shorter, faster right context may lose")
    args = parser.parse_args(argv)

    docs = [d for d in load_corpus(args.corpus) if d.split == "dev"]
    if not docs:
        print("no dev documents", file=sys.stderr)
        return 1
    lm, guard, warnings = load_models()
    if lm is None:
        print("model unavailable: " + "; ".join(warnings), file=sys.stderr)
        return 1
    base = replace(Calibration.load(Path(args.out)), fluency_pmi=Calibration().fluency_pmi)
    clean_texts = [d.reference for d in docs] + [d.mt for d in docs if d.kind == "clean"]
    base = fluency_thresholds(lm, clean_texts, base)
    tried = []
    for right in sorted(int(x) for x in args.right_context.split(",")):
        cal = replace(base, right_context_chars=right)
        started = time.perf_counter()
        evaluated = []
        for d in docs:
            doc = Document.from_text(d.mt, d.id)
            source_lang = d.source_lang if d.source_lang in available_languages() else "fr"
            options = CheckOptions(source_lang=source_lang)
            findings = check_document(doc, options)
            found, scored = model_stage(doc, findings, options, load_language(source_lang), Models(lm, guard, cal))
            evaluated.append((d, doc, scored, chrf(d.mt, d.reference), len(found) - len(findings)))
        scoring_s = time.perf_counter() - started
        best = max((_grid_point(evaluated, replace(cal, margin=m, prior_weight=w, guard_threshold=g))
                    for m, w, g in itertools.product([0.0, 0.5, 1.0, 2.0, 3.0, 4.0], [0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0],
                                                     [0.6, 0.7, 0.75, 0.8, 0.85])),
                   key=lambda point: point[0])
        tried.append((best, evaluated, scoring_s))
    # the model stage's cost grows with the right context: take the shortest one within
    # --tolerance of the best gain (differences that small are noise on a few documents)
    top = max(tried, key=lambda t: t[0][0][:3])[0]
    usable = [t for t in tried if t[0][0][:2] == top[0][:2] and t[0][2] >= top[2] - args.tolerance]
    (key, chosen, gain, worse, clean_changed), evaluated, scoring_s = min(usable, key=lambda t: t[0][1].right_context_chars)
    per_doc = []
    for d, doc, scored, before, n_fluency in evaluated:
        result = decide(doc, scored, chosen, chosen.min_confidence)
        per_doc.append({
            "id": d.id, "kind": d.kind, "chrf_before": round(before, 2),
            "chrf_after": round(chrf(result.text, d.reference), 2),
            "applied": len(result.applied), "fluency_findings": n_fluency, "changed": result.text != d.mt,
        })
    notes = {
        "tuned_on": "corpus dev split only",
        "documents": len(docs),
        "total_chrf_gain": round(gain, 2),
        "artifact_docs_worse": worse,
        "clean_docs_changed": clean_changed,
        "scoring_seconds": round(scoring_s, 1),
        "right_context_tolerance": args.tolerance,
        "right_context_tried": [
            {"right_context_chars": t[0][1].right_context_chars, "chrf_gain": round(t[0][2], 2),
             "artifact_docs_worse": t[0][3], "clean_docs_changed": t[0][4], "margin": t[0][1].margin,
             "prior_weight": t[0][1].prior_weight, "guard_threshold": t[0][1].guard_threshold,
             "scoring_seconds": round(t[2], 1)}
            for t in tried
        ],
        "per_document": per_doc,
    }
    chosen = replace(chosen, notes=notes)
    Path(args.out).write_text(chosen.to_json(), encoding="utf-8")
    print(json.dumps({k: v for k, v in json.loads(chosen.to_json()).items()}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
