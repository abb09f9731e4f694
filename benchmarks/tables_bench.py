"""Knowledge-table rules (K100-K102, X001-X003, F001): false alarms on clean English, detection on the corpus.

* False alarms: /work/shared/data/clean-en-wiki.txt (or --clean FILE), grouped 40 lines a
  document, every knowledge rule run on each; findings per rule and per 1,000 words.
* Detection: the annotated corpus split (--split dev|test): an artifact counts as found when a
  knowledge finding overlaps it; a finding is a true positive when it overlaps an artifact.

Writes JSON to --out (benchmarks/results/tables-<date>.json), merging with what is there so
the dev and test runs land in one file.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections import Counter, defaultdict
from pathlib import Path

from mtcheck.corpus import load_corpus
from mtcheck.document import Document
from mtcheck.lang import load_language
from mtcheck.rules.base import RuleContext
from mtcheck.rules.knowledge import RULES as KNOWLEDGE_RULES
from mtcheck.rules.lexicon import FalseFriend

RULES = (*KNOWLEDGE_RULES, FalseFriend())
"""The knowledge rules and the false-friend rule, whose table this work grew."""

ROOT = Path(__file__).resolve().parent.parent


def _findings(text: str, ctx: RuleContext):
    doc = Document.from_text(text)
    for rule in RULES:
        yield from rule.check(doc, ctx)


def false_alarms(path: Path, ctx: RuleContext, group: int = 40) -> dict:
    lines = path.read_text(encoding="utf-8").splitlines()
    per_rule: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    words = 0
    for i in range(0, len(lines), group):
        text = "\n".join(lines[i : i + group])
        words += len(text.split())
        for f in _findings(text, ctx):
            per_rule[f.code] += 1
            if len(examples[f.code]) < 12:
                examples[f.code].append(f.text + " || " + text[max(0, f.start - 50) : f.end + 50].replace("\n", " "))
    return {
        "file": str(path),
        "lines": len(lines),
        "words": words,
        "documents": (len(lines) + group - 1) // group,
        "findings_per_rule": dict(sorted(per_rule.items())),
        "per_1000_words": {c: round(n * 1000 / words, 4) for c, n in sorted(per_rule.items())},
        "total_per_1000_words": round(sum(per_rule.values()) * 1000 / words, 4),
        "examples": dict(examples),
    }


def detection(split: str, ctx: RuleContext) -> dict:
    docs = [d for d in load_corpus(str(ROOT / "corpus")) if d.split == split and d.kind == "artifact"]
    per_rule_tp: Counter[str] = Counter()
    per_rule_fp: Counter[str] = Counter()
    found_by_cat: Counter[str] = Counter()
    total_by_cat: Counter[str] = Counter()
    fps = []
    for d in docs:
        findings = list(_findings(d.mt, ctx))
        for a in d.artifacts:
            total_by_cat[a.category] += 1
            if any(f.start < a.end and a.start < f.end for f in findings):
                found_by_cat[a.category] += 1
        for f in findings:
            if any(f.start < a.end and a.start < f.end for a in d.artifacts):
                per_rule_tp[f.code] += 1
            else:
                per_rule_fp[f.code] += 1
                fps.append(f"{d.id}: {f.code} {f.text!r}")
    tp, fp = sum(per_rule_tp.values()), sum(per_rule_fp.values())
    return {
        "split": split,
        "documents": [d.id for d in docs],
        "artifacts": sum(total_by_cat.values()),
        "artifacts_found_by_category": {c: f"{found_by_cat[c]}/{n}" for c, n in sorted(total_by_cat.items())},
        "artifacts_found": sum(found_by_cat.values()),
        "findings_true_positive_per_rule": dict(sorted(per_rule_tp.items())),
        "findings_false_positive_per_rule": dict(sorted(per_rule_fp.items())),
        "precision": round(tp / (tp + fp), 3) if tp + fp else None,
        "false_positives": fps,
    }


def pipeline_gain(split: str) -> dict:
    """Artifacts the whole rule set finds on ``split`` with and without the knowledge rules."""
    from mtcheck.pipeline import check_document
    from mtcheck.rules import ALL_RULES

    knowledge = {r.code for r in KNOWLEDGE_RULES}
    without = [r for r in ALL_RULES if r.code not in knowledge]
    docs = [d for d in load_corpus(str(ROOT / "corpus")) if d.split == split and d.kind == "artifact"]
    out = {}
    for label, rules in (("all_rules", list(ALL_RULES)), ("without_knowledge_rules", without)):
        found = tp = fp = 0
        for d in docs:
            findings = check_document(Document.from_text(d.mt), rules=rules)
            found += sum(any(f.start < a.end and a.start < f.end for f in findings) for a in d.artifacts)
            for f in findings:
                if any(f.start < a.end and a.start < f.end for a in d.artifacts):
                    tp += 1
                else:
                    fp += 1
        out[label] = {"artifacts_found": found, "artifacts": sum(len(d.artifacts) for d in docs),
                      "findings_true": tp, "findings_false": fp}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clean", default="/work/shared/data/clean-en-wiki.txt")
    parser.add_argument("--split", choices=("dev", "test"), action="append", default=[])
    parser.add_argument("--no-clean", action="store_true")
    parser.add_argument("--pipeline", action="store_true", help="also compare the whole rule set with and without the knowledge rules")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "tables-2026-11-30.json"))
    args = parser.parse_args()
    ctx = RuleContext(lang=load_language("fr"))
    out_path = Path(args.out)
    result = json.loads(out_path.read_text()) if out_path.exists() else {}
    result["rules"] = [f"{r.code} {r.name}" for r in RULES]
    result["load_before"] = os.getloadavg()
    if not args.no_clean:
        t = time.perf_counter()
        result["false_alarms"] = false_alarms(Path(args.clean), ctx)
        result["false_alarms"]["seconds"] = round(time.perf_counter() - t, 1)
    for split in args.split:
        result[f"detection_{split}"] = detection(split, ctx)
        if args.pipeline:
            result[f"pipeline_{split}"] = pipeline_gain(split)
    result["load_after"] = os.getloadavg()
    out_path.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if k != "false_alarms"} | {"false_alarms": {k: v for k, v in result.get("false_alarms", {}).items() if k != "examples"}}, ensure_ascii=False, indent=1)[:3000])


if __name__ == "__main__":
    main()
