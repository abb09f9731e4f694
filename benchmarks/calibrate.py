"""Tune the corrector's margin, prior weight and fluency thresholds on the corpus dev split.

Only ``split == "dev"`` documents are read. Each document is scored by the model once; the
grid search then replays the (cheap) decisions. The objective is the total chrF gain
(sacrebleu) over dev artifact documents, subject to: no clean document changed, and no
artifact document made worse. Ties go to the stricter setting. Writes
``models/calibration.json`` (and prints the per-document figures). Re-run after rules
change: ``PYTHONPATH=. python benchmarks/calibrate.py``.
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

from mtcheck.correct import CALIBRATION_PATH, Calibration, Corrector, decide, load_models  # noqa: E402
from mtcheck.corpus import load_corpus  # noqa: E402
from mtcheck.document import Document  # noqa: E402
from mtcheck.lang import available_languages, load_language  # noqa: E402
from mtcheck.pipeline import CheckOptions, check_document  # noqa: E402
from mtcheck.rules.base import RuleContext  # noqa: E402
from mtcheck.rules.fluency import UnlikelyWord, _is_prose, fluency_findings  # noqa: E402


def chrf(hyp: str, ref: str) -> float:
    """Sentence-level chrF of a whole document."""
    from sacrebleu.metrics import CHRF

    return CHRF().sentence_score(hyp, [ref]).score


def fluency_thresholds(lm, texts: list[str], base: Calibration) -> Calibration:
    """Thresholds strictly below every word of the clean texts (dev references and clean docs)."""
    from wordfreq import zipf_frequency

    rule = UnlikelyWord(lm, base)
    worst_pmi = 0.0
    for text in texts:
        doc = Document.from_text(text)
        sentences = [s for s in doc.sentences if len(s.words) >= 4 and _is_prose(s.text)]
        for sentence, tokens in zip(sentences, lm.token_scores([s.text for s in sentences], k=0)):
            for w, logprob, pmi, _alts in rule.word_scores(sentence, tokens):
                zipf = zipf_frequency(w.text, "en")
                if zipf < base.fluency_min_zipf or zipf >= base.fluency_max_zipf:
                    continue
                if logprob <= base.fluency_logprob:
                    worst_pmi = min(worst_pmi, pmi)
    return replace(base, fluency_pmi=round(min(-6.0, worst_pmi - 1.0), 2))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT / "corpus"))
    parser.add_argument("--out", default=str(CALIBRATION_PATH))
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
    cal = fluency_thresholds(lm, clean_texts, base)
    started = time.perf_counter()
    evaluated = []
    for d in docs:
        doc = Document.from_text(d.mt, d.id)
        source_lang = d.source_lang if d.source_lang in available_languages() else "fr"
        lang = load_language(source_lang)
        findings = check_document(doc, CheckOptions(source_lang=source_lang))
        extra = fluency_findings(doc, findings, RuleContext(lang=lang), lm, cal)
        scored = Corrector(lm, guard, cal, lang).evaluate(doc, tuple(findings) + extra)
        evaluated.append((d, doc, scored, chrf(d.mt, d.reference), len(extra)))
    scoring_s = time.perf_counter() - started

    grid = itertools.product([0.0, 0.5, 1.0, 2.0, 3.0, 4.0], [0.5, 1.0, 1.5, 2.0, 3.0, 4.0])
    best = None
    for margin, weight in grid:
        trial = replace(cal, margin=margin, prior_weight=weight)
        gain, worse, clean_changed = 0.0, 0, 0
        for d, doc, scored, before, _n in evaluated:
            text = decide(doc, scored, trial, trial.min_confidence).text
            if d.kind == "clean":
                clean_changed += text != d.mt
                continue
            delta = chrf(text, d.reference) - before
            gain += delta
            worse += delta < 0
        key = (clean_changed == 0, -worse, round(gain, 3), margin, -weight)
        if best is None or key > best[0]:
            best = (key, trial, gain, worse, clean_changed)
    _key, chosen, gain, worse, clean_changed = best
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
        "per_document": per_doc,
    }
    chosen = replace(chosen, notes=notes)
    Path(args.out).write_text(chosen.to_json(), encoding="utf-8")
    print(json.dumps({k: v for k, v in json.loads(chosen.to_json()).items()}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
