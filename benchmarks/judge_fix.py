"""`fix` with the model (and its judge, rule L002) against `fix --no-model` (and, with
``--without-l002``, against the model without L002), on one corpus split: paired-bootstrap
chrF, BLEU and TER between the configurations, per-article gains, edits applied and not applied
per decision path, L002's findings against the annotations, whether any clean article is
changed and (``--wiki``) whether the model changes any clean-Wikipedia chunk of the split's half.

    PYTHONPATH=$PWD python benchmarks/judge_fix.py --split test --wiki --out benchmarks/results/judge-fix-<date>.json

Segments are cut at line breaks outside every gold edit and every edit either configuration
applied, so both outputs of a pair are compared on the same segments.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mtcheck.bench.runner import check_corpus_document, load_bench_models  # noqa: E402
from mtcheck.bench.scores import _apply, paired_bootstrap  # noqa: E402
from mtcheck.corpus import load_corpus  # noqa: E402
from mtcheck.pipeline import CheckOptions  # noqa: E402

Edit = tuple[int, int, str]
WIKI = Path("/work/shared/data/clean-en-wiki.txt")


def _edits(result) -> list[Edit]:
    return [(c.finding.start, c.finding.end, c.replacement) for c in result.applied]


def segments(text: str, gold: list[Edit], a: list[Edit], b: list[Edit]) -> list[tuple[str, str, str]]:
    """``(a output, b output, reference)`` per segment (cuts outside every span of the three)."""
    from mtcheck.bench.metrics import Edit as E

    spans = [(s, e) for s, e, _ in (*gold, *a, *b)]
    cuts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n" and i + 1 < len(text) and not any(s < i + 1 < e for s, e in spans)]
    cuts.append(len(text))
    out = []
    for lo, hi in zip(cuts, cuts[1:]):
        def inside(edits):
            return [E(s, e, r) for s, e, r in edits if lo <= s < hi or (s == e == hi == len(text))]

        seg = tuple(_apply(text, lo, hi, inside(x)).strip() for x in (a, b, gold))
        if any(seg):
            out.append(seg)
    return out


def _decision_counts(result) -> dict[str, dict[str, int]]:
    """Corrections per decision path (:class:`mtcheck.correct.Decision`), applied or not."""
    out: dict[str, dict[str, int]] = {}
    for c, d in zip(result.corrections, result.decisions):
        row = out.setdefault(d.value, {"applied": 0, "not_applied": 0})
        row["applied" if c.applied else "not_applied"] += 1
    return out


def _model_edits(result) -> list[dict]:
    """The applied corrections the model decided (another candidate than the rule's, a proposal,
    or an L002 rewrite)."""
    from mtcheck.correct import Decision

    return [
        {"code": c.finding.code, "text": c.finding.text, "replacement": c.replacement, "decision": d.value}
        for c, d in zip(result.corrections, result.decisions)
        if c.applied and d in (Decision.MODEL_CHOICE, Decision.MODEL_PROPOSAL, Decision.MODEL_RULE)
    ]


def wiki_check(models, lines_per_chunk: int = 40, half: int = 1) -> dict:
    """Model edits on clean English: the clean-wiki lines of one half (odd lines: the test half)
    in chunks of ``lines_per_chunk``; every chunk where the rules find something that the model
    may decide differently (a category with a choice margin, or any finding when proposals are
    on) is corrected with the model, L002 off (its findings on this half are measured by
    ``calibrate_judge.py --split test``), and compared with the rules' correction."""
    from mtcheck.document import Document
    from mtcheck.pipeline import check_document
    from mtcheck.ranking import PROPOSAL

    lines = [line for n, line in enumerate(WIKI.read_text(encoding="utf-8").splitlines()) if n % 2 == half and line.strip()]
    margins = models.calibration.choice_margins
    open_types = {k for k, m in margins.items() if m is not None}
    chunks = ["\n".join(lines[i : i + lines_per_chunk]) + "\n" for i in range(0, len(lines), lines_per_chunk)]
    words = findings = asked = 0
    edits = []
    for n, text in enumerate(chunks):
        doc = Document.from_text(text, f"wiki-{n}")
        words += doc.word_count
        found = check_document(doc, CheckOptions())
        findings += len(found)
        if not any(f.category in open_types or PROPOSAL in open_types for f in found):
            continue
        asked += 1
        _d, _f, rules = check_corpus_document(text, f"wiki-{n}", CheckOptions(), None, None)
        _d, _f, model = check_corpus_document(text, f"wiki-{n}", CheckOptions(ignore=("L002",)), models, None)
        if model.text != rules.text:
            edits.append({"chunk": n, "model_edits": _model_edits(model)})
    return {"lines": len(lines), "chunks": len(chunks), "words": words, "rule_findings": findings,
            "chunks_run_with_model": asked, "chunks_changed_by_model": len(edits), "changes": edits}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "test"), default="test")
    ap.add_argument("--out", default=None)
    ap.add_argument("--without-l002", action="store_true", help="also run the model with L002 off (one more model run)")
    ap.add_argument("--wiki", action="store_true", help="also check the clean-wiki half of the split (see wiki_check)")
    args = ap.parse_args(argv)
    started = time.time()
    load_before = os.getloadavg()
    docs = [d for d in load_corpus(ROOT / "corpus") if d.split == args.split]
    models = load_bench_models()
    configs = {"rules": (CheckOptions(), None), "model": (CheckOptions(), models)}
    if args.without_l002:
        configs["model-without-L002"] = (CheckOptions(ignore=("L002",)), models)
    runs: dict[str, dict[str, tuple]] = {}
    seconds = {}
    for name, (options, m) in configs.items():
        runs[name] = {}
        t = time.time()
        for d in docs:
            _doc, findings, result = check_corpus_document(d.mt, d.id, options, m, None)
            runs[name][d.id] = (findings, result)
        seconds[name] = round(time.time() - t, 1)
    comparisons = [("rules", "model")] + ([("model-without-L002", "model"), ("rules", "model-without-L002")] if args.without_l002 else [])
    pairs = {}
    for base, system in comparisons:
        segs = []
        for d in docs:
            gold = [(a.start, a.end, a.fix) for a in d.artifacts]
            segs += segments(d.mt, gold, _edits(runs[base][d.id][1]), _edits(runs[system][d.id][1]))
        pairs[f"{system} vs {base}"] = {"segments": len(segs)}
        for metric in ("chrF", "BLEU", "TER"):
            score = paired_bootstrap(metric, [s[0] for s in segs], [s[1] for s in segs], [s[2] for s in segs])
            pairs[f"{system} vs {base}"][metric] = {
                "base": round(score.input, 3), "system": round(score.fixed, 3), "delta": round(score.delta, 3),
                "p": round(score.p_value, 4), "ci95": [round(score.ci_low, 3), round(score.ci_high, 3)],
            }
    per_article = []
    for d in docs:
        gold = [(a.start, a.end, a.fix) for a in d.artifacts]
        segs = segments(d.mt, gold, _edits(runs["rules"][d.id][1]), _edits(runs["model"][d.id][1]))
        score = paired_bootstrap("chrF", [s[0] for s in segs], [s[1] for s in segs], [s[2] for s in segs], resamples=1)
        result = runs["model"][d.id][1]
        per_article.append({
            "doc": d.id, "kind": d.kind, "chrF_rules": round(score.input, 3), "chrF_model": round(score.fixed, 3),
            "gain": round(score.delta, 3), "applied_rules": len(runs["rules"][d.id][1].applied),
            "applied_model": len(result.applied), "decisions": _decision_counts(result), "model_edits": _model_edits(result),
        })
    judge = []
    for d in docs:
        findings, result = runs["model"][d.id]
        applied = {(c.finding.start, c.finding.end) for c in result.applied}
        for f in findings:
            if f.code != "L002":
                continue
            hit = [a for a in d.artifacts if a.start < f.end and f.start < a.end]
            judge.append({
                "doc": d.id, "kind": d.kind, "edit_type": f.entry, "text": f.text,
                "replacement": f.suggestions[0].replacement if f.suggestions else None,
                "applied": (f.start, f.end) in applied, "overlaps_artifact": bool(hit),
                "artifact_fix": hit[0].fix if hit else None,
            })
    clean_changed = {name: [d.id for d in docs if d.kind == "clean" and runs[name][d.id][1].text != d.mt] for name in configs}
    totals: dict[str, dict[str, int]] = {}
    for d in docs:
        for k, v in _decision_counts(runs["model"][d.id][1]).items():
            row = totals.setdefault(k, {"applied": 0, "not_applied": 0})
            row["applied"] += v["applied"]
            row["not_applied"] += v["not_applied"]
    true = sum(j["overlaps_artifact"] for j in judge)
    record = {
        "split": args.split,
        "documents": len(docs),
        "paired_bootstrap": pairs,
        "per_article": per_article,
        "edits": {name: {"applied": sum(len(runs[name][d.id][1].applied) for d in docs),
                         "not_applied": sum(len(runs[name][d.id][1].corrections) - len(runs[name][d.id][1].applied) for d in docs)}
                  for name in configs},
        "model_decisions": totals,
        "l002_findings": len(judge),
        "l002_overlapping_artifacts": true,
        "l002_precision": round(true / len(judge), 3) if judge else None,
        "l002": judge,
        "clean_articles_changed": clean_changed,
        "judge_margins": dict(models.calibration.judge_margins),
        "choice_margins": dict(models.calibration.choice_margins),
        "seconds_per_config": seconds,
    }
    if args.wiki:
        t = time.time()
        record["clean_wiki"] = wiki_check(models, half=1 if args.split == "test" else 0)
        record["clean_wiki"]["seconds"] = round(time.time() - t, 1)
    record.update(seconds=round(time.time() - started, 1), load_average_before=load_before, load_average=os.getloadavg())
    text = json.dumps(record, indent=1, ensure_ascii=False)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
