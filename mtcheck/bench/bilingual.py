"""Bench of the source-aware rules (S): the bilingual corpus and the public LIG rows.

``python -m mtcheck.bench.bilingual corpus/bilingual [--split dev] [--lig FILE] [-o OUT.json]``

* Artifact pairs: precision and recall (overlap matching) of the S rules against the
  annotated source-only errors, overall and per category.
* Clean pairs: S findings per 1,000 words (every one is a false alarm; goal ≤ 1).
* LIG rows (French source, MT, post-edit spans; evaluation only): how many post-edited spans
  the S findings overlap, and what share of the findings overlap one (precision). Only counts
  are reported, never text.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from mtcheck.bench.metrics import Span, detection_totals, match_document, overlaps, per_thousand
from mtcheck.config import load_config
from mtcheck.corpus import CorpusDocument, parse_annotated
from mtcheck.pipeline import CheckOptions
from mtcheck.source.check import check_pair

SOURCE_CATEGORIES = ("omission", "mistranslation", "untranslated-sentence", "terminology")


@dataclass(frozen=True)
class BilingualDoc:
    """One corpus pair: the annotated English document and its French source."""

    doc: CorpusDocument
    source: str


def load_bilingual(root: str | Path) -> list[BilingualDoc]:
    """Every ``<id>.txt`` of ``root`` with its ``<id>.fr.txt`` (sorted by id)."""
    root = Path(root)
    out = []
    for path in sorted(root.glob("*.txt")):
        if path.name.endswith(".fr.txt"):
            continue
        doc = parse_annotated(path.read_text(encoding="utf-8"))
        src = path.with_name(f"{doc.id}.{doc.source_lang}.txt")
        out.append(BilingualDoc(doc, src.read_text(encoding="utf-8")))
    return out


def source_options(root: str | Path) -> CheckOptions:
    """Only the S rules, with the corpus glossary (``glossary.toml``) when there is one."""
    options = CheckOptions(select=("S",))
    glossary = Path(root) / "glossary.toml"
    if glossary.is_file():
        options = replace(options, glossary=load_config(glossary).check_options().glossary)
    return options


def _predicted(findings) -> list[Span]:
    return [Span(f.start, f.end, f.category, f.code) for f in findings]


def bench_corpus(root: str | Path, splits: tuple[str, ...] = ("dev", "test")) -> dict:
    """Scores of the S rules on the bilingual corpus, per split."""
    options = source_options(root)
    docs = load_bilingual(root)
    out: dict = {}
    for split in splits:
        matches, clean_words, clean_findings, found, missed = [], 0, 0, [], []
        ref_words, ref_found = 0, []
        for b in (d for d in docs if d.doc.split == split):
            report = check_pair(b.doc.id, b.doc.mt, b.source, options)
            predicted = _predicted(report.findings)
            if b.doc.kind == "clean":
                clean_words += report.words
                clean_findings += len(predicted)
                found += [{"doc": b.doc.id, "code": s.code, "text": b.doc.mt[s.start:s.end][:60]} for s in predicted]
                continue
            # The reference side (every fix applied) is a correct translation: a clean pair too.
            ref = check_pair(b.doc.id, b.doc.reference, b.source, options)
            ref_words += ref.words
            ref_found += [{"doc": b.doc.id, "code": f.code, "text": f.text[:60]} for f in ref.findings]
            gold = [Span(a.start, a.end, a.category) for a in b.doc.artifacts if a.category in SOURCE_CATEGORIES]
            m = match_document(gold, predicted, "overlap")
            matches.append(m)
            missed += [
                {"doc": b.doc.id, "category": g.category, "text": b.doc.mt[g.start:g.end][:60]}
                for g, ok in zip(m.gold, m.gold_found) if not ok
            ]
            found += [
                {"doc": b.doc.id, "code": s.code, "text": b.doc.mt[s.start:s.end][:60]}
                for s, ok in zip(m.predicted, m.predicted_ok) if not ok
            ]
        totals = detection_totals(matches, SOURCE_CATEGORIES)
        out[split] = {
            "documents": len(matches),
            "overall": asdict(totals.overall),
            "categories": {c.category: asdict(c.score) for c in totals.categories},
            "rules": [asdict(r) for r in totals.rules],
            "clean_words": clean_words,
            "clean_findings": clean_findings,
            "clean_findings_per_1k": per_thousand(clean_findings, clean_words),
            "reference_words": ref_words,
            "reference_findings": len(ref_found),
            "clean_and_reference_findings_per_1k": per_thousand(clean_findings + len(ref_found), clean_words + ref_words),
            "false_alarms": found + ref_found,
            "missed": missed,
        }
    return out


def bench_lig(path: str | Path, options: CheckOptions) -> dict:
    """Overlap of S findings with the post-edited spans of the LIG French→English rows."""
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r.get("dataset", "").startswith("LIG") and r.get("source") and r.get("mt")]
    findings = correct = spans = spans_hit = words = 0
    by_code: dict[str, list[int]] = {}
    for r in rows:
        report = check_pair(r["id"], r["mt"], r["source"], options)
        words += report.words
        gold = [(s["start"], s["end"]) for s in r.get("spans", []) if s.get("side", "target") == "target"]
        spans += len(gold)
        spans_hit += sum(any(overlaps(g0, g1, f.start, f.end) for f in report.findings) for g0, g1 in gold)
        for f in report.findings:
            ok = any(overlaps(g0, g1, f.start, f.end) for g0, g1 in gold)
            findings += 1
            correct += ok
            tally = by_code.setdefault(f.code, [0, 0])
            tally[0] += 1
            tally[1] += ok
    return {
        "rows": len(rows),
        "words": words,
        "post_edited_spans": spans,
        "spans_overlapped": spans_hit,
        "span_recall": spans_hit / spans if spans else None,
        "findings": findings,
        "findings_on_a_post_edit": correct,
        "precision": correct / findings if findings else None,
        "by_rule": {code: {"findings": n, "on_post_edit": ok} for code, (n, ok) in sorted(by_code.items())},
    }


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: print (and optionally write) the bench results as JSON."""
    parser = argparse.ArgumentParser(prog="python -m mtcheck.bench.bilingual", description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default="corpus/bilingual")
    parser.add_argument("--split", action="append", choices=("dev", "test"), help="Split(s) to score (default both).")
    parser.add_argument("--lig", help="realdata JSONL with the LIG rows (evaluation only).")
    parser.add_argument("-o", "--output", help="Write the results JSON here.")
    parser.add_argument("--quiet", action="store_true", help="Omit the list of false alarms.")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    result: dict = {"corpus": bench_corpus(args.corpus, tuple(args.split or ("dev", "test")))}
    if args.lig:
        result["lig"] = bench_lig(args.lig, source_options(args.corpus))
    result["elapsed_s"] = round(time.perf_counter() - started, 2)
    result["python"] = platform.python_version()
    if args.quiet:
        for split in result["corpus"].values():
            split.pop("false_alarms", None)
            split.pop("missed", None)
    text = json.dumps(result, ensure_ascii=False, indent=1) + "\n"
    if args.output:
        from mtcheck.io import write_atomic

        write_atomic(args.output, text)
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
