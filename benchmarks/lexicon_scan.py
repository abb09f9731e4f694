"""Time the F/K lexicon rules on the seed articles and list their hits on real MT segments.

Usage: python benchmarks/lexicon_scan.py [realdata.jsonl]
Prints compile time, per-article scan time, and for each real-data hit the segment id, the
flagged text and (where a post-edit exists) whether the post-edit kept the flagged words.
Segment text is printed only to the terminal, never stored.
"""

from __future__ import annotations

import json
import pathlib
import sys
import time

from mtcheck.document import Document
from mtcheck.lang import load_language
from mtcheck.pipeline import check_document
from mtcheck.rules.lexicon import RULES, lexicon_for

SEEDS = pathlib.Path("/work/shared/seeds")


def main() -> None:
    lang = load_language("fr")
    t0 = time.perf_counter()
    sizes = {t: len(lexicon_for(lang, t)) for t in ("false_friends", "calques")}
    print(f"compiled {sizes} in {(time.perf_counter() - t0) * 1000:.1f} ms")
    for path in sorted(SEEDS.glob("*.txt")):
        doc = Document.from_text(path.read_text(encoding="utf-8"), str(path))
        t0 = time.perf_counter()
        for _ in range(20):
            found = check_document(doc, rules=RULES)
        ms = (time.perf_counter() - t0) * 1000 / 20
        print(f"{path.name}: {len(doc.sentences)} sentences, {len(found)} findings, {ms:.2f} ms")
        for f in found:
            print(f"   {f.code} {f.text!r} -> {f.best.replacement if f.best else None}")
    if len(sys.argv) > 1:
        rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
        t0 = time.perf_counter()
        hits = 0
        for row in rows:
            for f in check_document(Document.from_text(row["mt"]), rules=RULES):
                hits += 1
                pe = row.get("post_edit")
                kept = None if not pe else (f.text.lower() in pe.lower())
                print(f"{row['id']} {row['dataset'][:10]} {f.code} {f.text!r} kept_in_pe={kept}")
                print(f"    MT: {row['mt']}")
                if pe:
                    print(f"    PE: {pe}")
        print(f"{hits} hits in {len(rows)} segments, {time.perf_counter() - t0:.2f} s")


if __name__ == "__main__":
    main()
