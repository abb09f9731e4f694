"""What an editor's decisions mean: the corrected text, and exports for the glossary and CI.

A review's findings are those of one ``scan --format json`` file entry; each decision is
``accept`` (apply the best suggestion), ``edit`` (apply the editor's replacement),
``reject`` (the finding is wrong: leave the text) or ``pending``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from mtcheck.baseline import FORMAT_VERSION, context, fingerprint
from mtcheck.findings import Finding, Severity, Suggestion


def _replacement(finding: Mapping[str, Any], decision: Mapping[str, Any]) -> str | None:
    kind = decision.get("decision")
    if kind == "edit":
        return decision.get("replacement") or ""
    if kind == "accept":
        suggestions = finding.get("suggestions") or []
        if suggestions:
            return max(suggestions, key=lambda s: s["confidence"])["replacement"]
    return None


def corrected_text(text: str, findings: Sequence[Mapping[str, Any]], decisions: Mapping[str, Mapping[str, Any]]) -> str:
    """``text`` with every accepted or edited finding applied (an overlapping later one is skipped)."""
    edits: list[tuple[int, int, str]] = []
    taken = -1
    for i, f in sorted(enumerate(findings), key=lambda item: (item[1]["start"], item[1]["end"])):
        new = _replacement(f, decisions.get(str(i), {}))
        if new is None or f["start"] < taken:
            continue
        edits.append((f["start"], f["end"], new))
        taken = max(f["end"], f["start"] + 1) if f["start"] == f["end"] else f["end"]
    pieces, pos = [], 0
    for start, end, new in edits:
        pieces += [text[pos:start], new]
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def finding_from_json(data: Mapping[str, Any]) -> Finding:
    """A :class:`Finding` back from its ``scan --format json`` object."""
    return Finding(
        code=data["code"], rule=data["rule"], category=data["category"], severity=Severity(data["severity"]),
        start=data["start"], end=data["end"], text=data["text"], message=data["message"],
        suggestions=tuple(Suggestion(s["replacement"], s["confidence"]) for s in data.get("suggestions", ())),
    )


def export(review: Mapping[str, Any]) -> dict[str, Any]:
    """The review's decisions for reuse: rejected terms as glossary ``allow`` entries (TOML) and
    rejected findings as an mtcheck baseline (so CI stops reporting them)."""
    findings = review["report"]["findings"]
    decisions = review["decisions"]
    rejected = [f for i, f in enumerate(findings) if decisions.get(str(i), {}).get("decision") == "reject"]
    terms = sorted({f["text"].strip() for f in rejected if f["text"].strip() and len(f["text"]) <= 80})
    glossary = "[glossary]\nallow = [" + ", ".join(json.dumps(t, ensure_ascii=False) for t in terms) + "]\n"
    key = review.get("path") or "<text>"
    entries = []
    for data in rejected:
        f = finding_from_json(data)
        before, after = context(review["text"], f)
        entries.append({
            "path": key, "code": f.code, "hash": fingerprint(key, review["text"], f),
            "line": data.get("line"), "text": f.text, "context": f"{before}[{f.text}]{after}",
        })
    baseline = {"tool": "mtcheck", "version": FORMAT_VERSION, "findings": entries}
    return {"glossary_terms": terms, "glossary_toml": glossary, "baseline": baseline}
