"""Calibrate the corrector's decision margins (``choice_margins``) on the corpus dev split.

The corrector (:func:`mtcheck.correct.decide`) never does worse than the rules: it applies a
rule's confident fix as ``fix --no-model`` does, and lets the model change a decision in two
places only, each with a margin per *decision type*:

* a finding category (``false-friend``, ``calque``, ``number-format`` …): the model may replace
  the rule's confident choice by another of the finding's candidates (a rule's other suggestion,
  a lexicon alternative) when that candidate's sentence scores higher than the rule choice's by
  more than the margin;
* ``proposal``: a finding the rules only propose (below the threshold, or without a suggestion)
  is corrected with the model's best candidate when it beats the original by the margin.

Every dev document goes once through the model stage (what ``fix`` runs) with every type open,
so each decision's gain (nats) is known. Each possible decision is labelled by what it does to
its line: chrF of the line with the decision against the line with the annotated fixes, minus
the same for the rules' decision (the rule's choice, or no change for a proposal); ``right``
when that rises by more than 0.5, ``wrong`` when it falls by more than 0.5, else ``neutral``
(the same wording, or as far from the reference). In a clean document any change is wrong.
A type's margin is the midpoint between the highest gain it must exclude (or 0) and the lowest
gain above it, at the lowest threshold where right / (right + wrong) >= 0.95 with at least one
right decision; a type without such a threshold stays off (``null``).

    PYTHONPATH=$PWD python benchmarks/calibrate_choice.py --out benchmarks/results/choice-calibration-<date>.json [--write]
    PYTHONPATH=$PWD python benchmarks/calibrate_choice.py --from benchmarks/results/choice-calibration-<date>.json --write
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

from mtcheck.admit import suppressions_of  # noqa: E402
from mtcheck.corpus import load_corpus  # noqa: E402
from mtcheck.document import Document  # noqa: E402
from mtcheck.findings import CATEGORY_DEFINITIONS  # noqa: E402
from mtcheck.lang import load_language  # noqa: E402
from mtcheck.pipeline import CheckOptions, Models, check_document, model_stage  # noqa: E402
from mtcheck.ranking import PROPOSAL  # noqa: E402
from mtcheck.scoring import CALIBRATION_PATH, Calibration  # noqa: E402

PRECISION = 0.95
CHRF_STEP = 0.5
"""A decision changes its line's chrF by more than this to count as right or wrong."""


def line_chrf(doc, start: int, end: int, replacement: str) -> float:
    """chrF of ``doc``'s line around ``[start, end)`` with ``replacement`` put there, against the
    same line with every annotated fix inside it applied (the line itself for a clean doc)."""
    from sacrebleu.metrics import CHRF

    text = doc.mt
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    ref = text[lo:hi]
    for a in sorted(doc.artifacts, key=lambda a: -a.start):
        if lo <= a.start and a.end <= hi:
            ref = ref[: a.start - lo] + a.fix + ref[a.end - lo :]
    return CHRF().sentence_score(text[lo:start] + replacement + text[end:hi], [ref]).score


def label(change: float) -> str:
    """``right``, ``wrong`` or ``neutral`` for a change in line chrF."""
    return "right" if change > CHRF_STEP else "wrong" if change < -CHRF_STEP else "neutral"


def open_calibration(cal: Calibration) -> Calibration:
    """``cal`` with every decision type open (margin far below any gain): everything is scored."""
    return replace(cal, choice_margins={**{c: -1e9 for c in CATEGORY_DEFINITIONS}, PROPOSAL: -1e9})


def events(docs, models: Models) -> list[dict]:
    """Every decision the model could make on ``docs``, with its gain and label: per finding with
    a confident rule fix, its best other candidate (by gain over the rule's choice); per finding
    the rules only propose, its best candidate (by gain over the original)."""
    from mtcheck.correct import rank

    lang = load_language("fr")
    out = []
    for d in docs:
        doc = Document.from_text(d.mt, d.id)
        sup = suppressions_of(doc.text, doc.path, doc.line_starts)
        findings = check_document(doc, CheckOptions(), suppressions=sup)
        _found, scored = model_stage(doc, findings, CheckOptions(), lang, models, rank=True, suppressions=sup)
        for s in scored or ():
            f = s.finding
            if s.deltas is None or any(c.source == "glossary" for c in s.candidates):
                continue
            rule = f.best
            if rule is not None and rule.confidence >= models.calibration.min_confidence:
                base = next((i for i, c in enumerate(s.candidates) if c.replacement == rule.replacement), None)
                options = [
                    (s.deltas[i] - s.deltas[base], i) for i, c in enumerate(s.candidates)
                    if base is not None and i != base and c.source in ("rule", "lexicon")
                    and not (s.similarities[i] is not None and s.similarities[i] < models.calibration.guard_threshold)
                ]
                if not options:
                    continue
                gain, i = max(options)
                kind, before = f.category, rule.replacement
            else:
                ranked = rank(s, models.calibration)
                usable = [c for c, _, hold in ranked if hold is None]
                if not usable:
                    continue
                i = next(n for n, c in enumerate(s.candidates) if c.replacement == usable[0].replacement)
                gain, kind, before = s.deltas[i], PROPOSAL, f.text
            after = s.candidates[i].replacement
            change = line_chrf(d, f.start, f.end, after) - line_chrf(d, f.start, f.end, before)
            out.append({
                "doc": d.id, "type": kind, "code": f.code, "text": f.text, "rule_choice": before, "candidate": after,
                "source": s.candidates[i].source, "gain": round(gain, 3), "chrf_change": round(change, 2),
                "label": "wrong" if d.kind == "clean" else label(change),
            })
    return out


def choose_margin(rows: list[dict]) -> tuple[float | None, dict]:
    """The lowest margin with precision >= :data:`PRECISION` and a right decision above it."""
    for t in [0.0, *sorted({r["gain"] for r in rows if r["gain"] > 0})]:
        above = [r for r in rows if r["gain"] > t]
        right = sum(r["label"] == "right" for r in above)
        wrong = sum(r["label"] == "wrong" for r in above)
        if right and right / (right + wrong) >= PRECISION:
            return round((t + min(r["gain"] for r in above)) / 2, 3), {
                "right": right, "wrong": wrong, "neutral": sum(r["label"] == "neutral" for r in above)}
    return None, {}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=None, help="JSON record of the run")
    ap.add_argument("--write", action="store_true", help="write the margins into the calibration")
    ap.add_argument("--from", dest="source", default=None, help="re-decide from a record's decisions (no model run)")
    args = ap.parse_args(argv)
    started = time.time()
    docs = [d for d in load_corpus(ROOT / "corpus") if d.split == "dev"]
    cal = Calibration.load()
    if args.source:
        rows = json.loads(Path(args.source).read_text(encoding="utf-8"))["decisions"]
    else:
        from mtcheck.bench.runner import load_bench_models

        models = load_bench_models()
        rows = events(docs, Models(models.lm, models.guard, open_calibration(cal)))
    types = sorted({*(r["type"] for r in rows), PROPOSAL})
    margins, how = {}, {}
    for kind in types:
        mine = [r for r in rows if r["type"] == kind]
        margins[kind], how[kind] = choose_margin(mine)
        how[kind] = {**how[kind], "decisions": len(mine), "right": sum(r["label"] == "right" for r in mine),
                     "wrong": sum(r["label"] == "wrong" for r in mine)}
    record = {
        "split": "dev",
        "documents": len(docs),
        "criteria": f"precision right/(right+wrong) >= {PRECISION} on dev decisions (line chrF change beyond ±{CHRF_STEP}), "
                    "at least one right; margin >= 0 (the model must prefer the candidate)",
        "margins": margins,
        "choice": how,
        "decisions": sorted(rows, key=lambda r: (r["type"], -r["gain"])),
        "seconds": round(time.time() - started, 1),
        "load_average": os.getloadavg(),
    }
    if args.source:
        previous = json.loads(Path(args.source).read_text(encoding="utf-8"))
        record.update(seconds=previous["seconds"], load_average=previous["load_average"])
    text = json.dumps(record, indent=1, ensure_ascii=False)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    if args.write:
        notes = dict(cal.notes, choice={k: record[k] for k in ("criteria", "choice")} | {"record": args.out})
        CALIBRATION_PATH.write_text(replace(cal, choice_margins=margins, notes=notes).to_json(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
