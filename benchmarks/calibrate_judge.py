"""Calibrate rule L002's per-edit-type margins on the corpus dev split (and measure the test split).

For every prose sentence of the chosen documents, the proposers' candidates that the pipeline
would score (not overlapping a finding of the rules) get their gain log P(rewrite) − log P(original)
from the real model (cached on disk, so a re-run costs nothing). A candidate is a true positive
when it overlaps an annotated artifact of an artifact document; every candidate in a clean
document or a clean-Wikipedia sentence is a false alarm.

``--split dev`` (tuning): each edit type's margin is the midpoint between the highest-scoring
negative it must exclude (or 0: the model must prefer the rewrite) and the lowest positive above
it, at the lowest threshold that gives
precision >= 0.95 on dev artifacts, no candidate above it in dev clean documents nor in the
dev half of the clean-Wikipedia file (even-numbered lines), and at least one true positive;
an edit type without such a threshold is disabled (``null``). Writes ``judge_margins`` into the
calibration with ``--write``.

``--split test`` (measure once): counts, with the stored margins, the findings above margin on
the test documents and the odd-numbered Wikipedia lines.

    PYTHONPATH=$PWD python benchmarks/calibrate_judge.py --split dev --write \
        --out benchmarks/results/judge-calibration-<date>.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mtcheck.corpus import load_corpus  # noqa: E402
from mtcheck.document import Document  # noqa: E402
from mtcheck.judge import proposers, tables  # noqa: E402
from mtcheck.judge.score import variants  # noqa: E402
from mtcheck.lang import load_language  # noqa: E402
from mtcheck.pipeline import CheckOptions, check_document  # noqa: E402
from mtcheck.rules.judged import JudgedRewrite  # noqa: E402
from mtcheck.scoring import CALIBRATION_PATH, Calibration  # noqa: E402
from mtcheck.syntax import SyntaxLayer  # noqa: E402

WIKI = Path("/work/shared/data/clean-en-wiki.txt")
CACHE = Path(os.environ.get("MTCHECK_JUDGE_CACHE", Path.home() / ".cache" / "mtcheck-judge" / "gains.json"))
PRECISION = 0.95
FLOOR = 0.0
"""A margin is never below this: the judge flags only rewrites the model prefers."""
WIKI_CHUNK = 200


def _key(sentence_text: str, lo: int, hi: int, replacement: str) -> str:
    return hashlib.sha1(f"{sentence_text}\x00{lo}\x00{hi}\x00{replacement}".encode()).hexdigest()[:20]


def documents(split: str, wiki_lines: int | None) -> list[tuple[str, str, Document, list[tuple[int, int]]]]:
    """``(id, kind, document, artifact spans)``: the split's corpus documents and the clean-wiki
    half of the split in chunks (even lines for dev, odd for test)."""
    out = []
    for d in load_corpus(ROOT / "corpus"):
        if d.split == split:
            out.append((d.id, d.kind, Document.from_text(d.mt, d.id), [(a.start, a.end) for a in d.artifacts]))
    lines = WIKI.read_text(encoding="utf-8").splitlines()
    half = [line for n, line in enumerate(lines) if n % 2 == (0 if split == "dev" else 1) and line.strip()]
    if wiki_lines:
        half = half[:wiki_lines]
    for i in range(0, len(half), WIKI_CHUNK):
        text = "\n".join(half[i : i + WIKI_CHUNK]) + "\n"
        out.append((f"wiki-{split}-{i // WIKI_CHUNK:03d}", "wiki", Document.from_text(text, f"wiki-{i}"), []))
    return out


def candidates(docs, lang) -> list[dict]:
    """Every candidate the rule would score (not overlapping a rule finding), with its label."""
    rule = JudgedRewrite()
    data = {"referents": tables.referents(lang), "false-friend": tables.false_friend_matchers(lang)}
    rows = []
    for doc_id, kind, doc, spans in docs:
        findings = check_document(doc, CheckOptions())
        layer = SyntaxLayer(doc)
        for sentence in doc.sentences:
            if not rule.reads(sentence):
                continue
            parsed = layer.parse(sentence)
            for r in proposers.propose(parsed, proposers.EDIT_TYPES, data):
                if any(f.start < r.end and r.start < f.end for f in findings):
                    continue
                hit = any(a < r.end and r.start < b for a, b in spans)
                rows.append({
                    "doc": doc_id, "kind": kind, "type": r.kind, "sentence": sentence, "rewrite": r,
                    "positive": kind == "artifact" and hit, "original": doc.text[r.start : r.end],
                })
    return rows


def score(rows: list[dict], batch: int = 48) -> None:
    """Fill each row's ``gain`` (from the disk cache, else the model, then cached)."""
    cache = json.loads(CACHE.read_text()) if CACHE.is_file() else {}
    todo = []
    for row in rows:
        s, r = row["sentence"], row["rewrite"]
        row["key"] = _key(s.text, r.start - s.start, r.end - s.start, r.replacement)
        if row["key"] in cache:
            row["gain"] = cache[row["key"]]
        else:
            todo.append(row)
    if todo:
        from mtcheck.correct import load_models

        lm, _, warnings = load_models(timeout=600, guard=False)
        if lm is None:
            raise SystemExit("model unavailable: " + "; ".join(warnings))
        for i in range(0, len(todo), batch):
            part = todo[i : i + batch]
            by_doc: dict[tuple[str, int], int] = {}
            texts = []
            for row in part:
                k = (row["doc"], row["sentence"].start)
                if k not in by_doc:
                    by_doc[k] = len(texts)
                    texts.append(row["sentence"].text)
            states = lm.text_states(texts)
            groups = []
            for row in part:
                prefix, old, new = variants(row["sentence"], row["rewrite"])
                groups.append((prefix, [old, new], states[by_doc[(row["doc"], row["sentence"].start)]]))
            gains = [b - a for a, b in lm.suffix_logprobs(groups)]
            for row, gain in zip(part, gains):
                row["gain"] = cache[row["key"]] = round(gain, 4)
            print(f"scored {min(i + batch, len(todo))}/{len(todo)}", file=sys.stderr, flush=True)
            CACHE.parent.mkdir(parents=True, exist_ok=True)
            CACHE.write_text(json.dumps(cache))


def choose_margin(rows: list[dict]) -> tuple[float | None, dict]:
    """The lowest margin meeting the precision and clean-text targets with a true positive."""
    for t in [FLOOR, *sorted({row["gain"] for row in rows if row["gain"] > FLOOR})]:
        above = [row for row in rows if row["gain"] > t]
        tp = sum(row["positive"] for row in above)
        fp_art = sum(1 for row in above if row["kind"] == "artifact" and not row["positive"])
        clean = sum(1 for row in above if row["kind"] != "artifact")
        if tp and clean == 0 and tp / (tp + fp_art) >= PRECISION:
            lowest = min(row["gain"] for row in above)
            return round((t + lowest) / 2, 3), {"tp": tp, "fp_artifact": fp_art, "threshold_excluded_top": t}
    return None, {}


def summarise(rows: list[dict], margins: dict) -> dict:
    """Per edit type: candidates, positives, findings above the margin by kind of text."""
    out = {}
    for kind in proposers.EDIT_TYPES:
        mine = [row for row in rows if row["type"] == kind]
        m = margins.get(kind)
        above = [row for row in mine if m is not None and row["gain"] > m]
        out[kind] = {
            "margin": m,
            "candidates": len(mine),
            "positives": sum(row["positive"] for row in mine),
            "above_margin": {
                "artifact_true": sum(row["positive"] for row in above),
                "artifact_false": sum(1 for row in above if row["kind"] == "artifact" and not row["positive"]),
                "clean_docs": sum(1 for row in above if row["kind"] == "clean"),
                "wiki": sum(1 for row in above if row["kind"] == "wiki"),
            },
            "examples_above": [f"{row['doc']}: {row['original']!r} -> {row['rewrite'].replacement!r} ({row['gain']:+.2f})" for row in above][:12],
            "top_negatives": [
                f"{row['doc']}: {row['original']!r} -> {row['rewrite'].replacement!r} ({row['gain']:+.2f})"
                for row in sorted((r for r in mine if not r["positive"]), key=lambda r: -r["gain"])[:5]
            ],
            "positives_gains": sorted(
                (f"{row['doc']}: {row['original']!r} -> {row['rewrite'].replacement!r} ({row['gain']:+.2f})" for row in mine if row["positive"]),
            )[:12],
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "test"), default="dev")
    ap.add_argument("--wiki-lines", type=int, default=None, help="use only the first N lines of the wiki half")
    ap.add_argument("--write", action="store_true", help="write the dev margins into the calibration")
    ap.add_argument("--out", default=None, help="JSON record of the run")
    args = ap.parse_args(argv)
    started = time.time()
    lang = load_language("fr")
    docs = documents(args.split, args.wiki_lines)
    rows = candidates(docs, lang)
    words = sum(d.word_count for _, _, d, _ in docs)
    wiki_words = sum(d.word_count for _, k, d, _ in docs if k == "wiki")
    proposed = time.time() - started
    wiki_candidates = sum(r["kind"] == "wiki" for r in rows)
    cal = Calibration.load()
    if args.split == "test":  # only the edit types the calibration turns on are ever scored
        rows = [row for row in rows if cal.judge_margins.get(row["type"]) is not None]
        score(rows)
    else:
        # Adding negatives can only raise a margin or disable the type, so a type without a
        # margin on the corpus documents alone is off whatever the wiki scores: skip scoring those.
        corpus_rows = [row for row in rows if row["kind"] != "wiki"]
        score(corpus_rows)
        hopeless = {k for k in proposers.EDIT_TYPES if choose_margin([r for r in corpus_rows if r["type"] == k])[0] is None}
        wiki_rows = [row for row in rows if row["kind"] == "wiki" and row["type"] not in hopeless]
        score(wiki_rows)
        rows = corpus_rows + wiki_rows
    if args.split == "dev":
        margins, how = {}, {}
        for kind in proposers.EDIT_TYPES:
            margins[kind], how[kind] = choose_margin([row for row in rows if row["type"] == kind])
            if kind in hopeless:
                how[kind] = {"disabled": "no margin on the corpus dev documents alone (wiki candidates not scored)"}
    else:
        margins, how = dict(cal.judge_margins), {}
    record = {
        "split": args.split,
        "documents": len(docs),
        "words": words,
        "wiki_words": wiki_words,
        "wiki_candidates_per_1000_words": round(1000 * wiki_candidates / max(wiki_words, 1), 1),
        "candidates": len(rows),
        "margins": margins,
        "choice": how,
        "per_type": summarise(rows, margins),
        "seconds_proposing": round(proposed, 1),
        "seconds_total": round(time.time() - started, 1),
        "load_average": os.getloadavg(),
        "criteria": f"precision >= {PRECISION} on {args.split} artifacts, 0 in clean docs and wiki {'even' if args.split == 'dev' else 'odd'} lines",
    }
    text = json.dumps(record, indent=1, ensure_ascii=False)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    if args.write and args.split == "dev":
        notes = dict(cal.notes, judge={k: v for k, v in record.items() if k in ("words", "candidates", "criteria", "choice")})
        CALIBRATION_PATH.write_text(replace(cal, judge_margins=margins, notes=notes).to_json(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
