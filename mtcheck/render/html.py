"""The HTML report: one self-contained page (inline CSS and script, no network).

Original and corrected text side by side, line by line (each line of the original beside
its corrected form, so the two columns never drift apart), every finding highlighted by
category with a plain-language tooltip (what is wrong, what to use instead with quote marks
and spaces named, where the finding comes from and how sure it is), a summary of counts by
category and severity, and a filter by category.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import zip_longest

from mtcheck.findings import CATEGORIES, Correction, CorrectionStatus, FileReport, Finding, Report
from mtcheck.render.escape import xml_safe
from mtcheck.render.explain import describe_change, explain

_STATUS_TEXT = {
    CorrectionStatus.APPLIED: "applied",
    CorrectionStatus.BELOW_THRESHOLD: "not applied: not confident enough",
    CorrectionStatus.OVERLAPS: "not applied: overlaps a correction already made",
    CorrectionStatus.BLOCKED_BY_GUARD: "not applied: it would change the sentence's meaning",
    CorrectionStatus.PROPOSAL_ONLY: "proposed only: a word change needs the meaning guard",
    CorrectionStatus.SUPPRESSED: "not applied: the text is protected (glossary or inline directive)",
    CorrectionStatus.TOO_LARGE: "proposed only: it would delete too much of the article",
}

_COLOURS = {
    "typography": "#f6c177",
    "number-format": "#9ccfd8",
    "casing": "#c4a7e7",
    "untranslated": "#eb6f92",
    "entity-consistency": "#f5a97f",
    "false-friend": "#ed8796",
    "calque": "#a6da95",
    "pronoun": "#8aadf4",
    "repetition": "#eed49f",
    "metadata-leak": "#b7bdf8",
    "fluency": "#cad3f5",
    "omission": "#f38ba8",
    "mistranslation": "#fab387",
    "untranslated-sentence": "#e78284",
    "terminology": "#94e2d5",
}

_GREY = "#ddd"

_CSS = """
body{font:15px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1e1e2e;background:#fafafa}
header{padding:12px 20px;background:#1e1e2e;color:#fff}
header h1{font-size:18px;margin:0}
main{padding:12px 20px}
.summary{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0 14px}
.chip{border-radius:12px;padding:2px 10px;font-size:13px;border:1px solid #0002;cursor:pointer;user-select:none}
.chip.off{opacity:.35;text-decoration:line-through}
.sev{font-size:13px;padding:2px 8px;border-radius:10px;background:#eee}
.file{margin-bottom:28px}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:0 16px;background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 14px}
.cols>h3{margin:0 0 6px;font-size:13px;text-transform:uppercase;color:#666}
.cols>.ln{white-space:pre-wrap;overflow-wrap:anywhere;border-top:1px dotted #eee}
mark.f{border-radius:3px;padding:0 1px;position:relative;cursor:help}
mark.f.hidden{background:none!important;outline:none}
mark.f.error{outline:1.5px solid #d20f39}
mark.f .tip{display:none;position:absolute;left:0;top:1.6em;z-index:10;min-width:260px;max-width:420px;background:#1e1e2e;
 color:#fff;padding:6px 8px;border-radius:5px;font-size:12.5px;white-space:normal;line-height:1.35}
mark.f:hover>.tip{display:block}
ins.c{background:#a6e3a1;text-decoration:none;border-radius:3px}
del.c{color:#d20f39}
table{border-collapse:collapse;width:100%;margin-top:10px;font-size:13px}
td,th{border-bottom:1px solid #e5e5e5;padding:3px 6px;text-align:left;vertical-align:top}
tr.hidden{display:none}
table.aligned td{width:50%;white-space:pre-wrap}
table.aligned tr.flagged td{background:#fff4e5}
.muted{color:#777}
"""

_JS = """
(function(){
  var off = {};
  function apply(){
    document.querySelectorAll('[data-cat]').forEach(function(el){
      if(el.classList.contains('chip')) return;
      el.classList.toggle('hidden', !!off[el.getAttribute('data-cat')]);
    });
    document.querySelectorAll('.chip').forEach(function(ch){
      ch.classList.toggle('off', !!off[ch.getAttribute('data-cat')]);
    });
  }
  document.querySelectorAll('.chip').forEach(function(ch){
    ch.addEventListener('click', function(){
      var c = ch.getAttribute('data-cat'); off[c] = !off[c]; apply();
    });
  });
  apply();
  document.body.setAttribute('data-ready', String(document.querySelectorAll('mark.f').length));
})();
"""


def _e(text: str) -> str:
    return html.escape(xml_safe(text), quote=True)


def _tip(f: Finding, report: FileReport, correction: Correction | None) -> str:
    line, col = report.line_col(f.start)
    ex = explain(f)
    parts = [f"<b>{_e(f.code)}</b> {_e(f.rule)} · {_e(f.category)} · {_e(f.severity.value)} · {line}:{col}",
             f"<br>{_e(ex.what)}."]
    if correction is not None:
        parts.append(f"<br>Use instead: {_e(describe_change(f.text, correction.replacement))}.")
        parts.append(f"<br><i>{_e(_STATUS_TEXT.get(correction.status, correction.status.value))}</i>")
        others = [c for c in correction.candidates[1:4] if c.replacement != correction.replacement]
        if others:
            shown = "; ".join(_e(describe_change(f.text, c.replacement)) for c in others)
            parts.append(f"<br><span class=muted>other candidates: {shown}</span>")
    else:
        parts.append(f"<br>{_e(ex.instead)}.")
    origin = {"rule": "a rule", "table": "the language tables", "model": "the language model",
              "source": "the comparison with the source"}[ex.origin.value]
    parts.append(f"<br><span class=muted>Found by {origin} ({_e(ex.certainty)})</span>")
    return f"<span class=tip>{''.join(parts)}</span>"


def _by_start(findings: Sequence[Finding]) -> Iterator[tuple[int, Finding]]:
    """``(index, finding)`` in order of start (stable): the stored order when it is already
    sorted, as every checked file's is, so nothing is held; otherwise sorted indices."""
    previous = -1
    for f in findings:
        if f.start < previous:
            order = sorted(range(len(findings)), key=lambda i: findings[i].start)
            return ((i, findings[i]) for i in order)
        previous = f.start
    return enumerate(findings)


def _highlight(report: FileReport, corrections: dict[int, Correction], breaks: Sequence[int] = ()) -> Iterator[str | None]:
    """The original text with nested ``<mark>`` elements for every finding; ``None`` at each
    offset of ``breaks`` (the start of a new row).

    One sweep over the cut points (every finding's start and end, every row start), reading
    the findings in order of start: those covering a segment are kept in an active list
    (added as their start is reached, dropped once ended), so the work is linear in the text
    and the findings, times the nesting depth, and only the active findings are held. Each
    segment carries its own marks, so a row break never cuts an element.
    """
    text = report.text
    n = len(text)
    rows = sorted(set(breaks) - {0})
    row = 0
    pending = _by_start(report.findings)
    upcoming = next(pending, None)
    active: list[tuple[int, Finding]] = []
    lo = 0
    while lo < n:
        while row < len(rows) and rows[row] < lo:
            row += 1
        if row < len(rows) and rows[row] == lo:
            yield None
        empties = []
        while upcoming is not None and upcoming[1].start <= lo:
            (empties if upcoming[1].start == upcoming[1].end else active).append(upcoming)
            upcoming = next(pending, None)
        for i, f in empties:
            yield _mark(report, f, i, corrections, "‸", first=True)
        active = [(i, f) for i, f in active if f.end > lo]
        hi = n
        if upcoming is not None:
            hi = min(hi, upcoming[1].start)
        if active:
            hi = min(hi, min(f.end for _, f in active))
        if row < len(rows) and rows[row] == lo:
            row += 1
        if row < len(rows):
            hi = min(hi, rows[row])
        segment = _e(text[lo:hi])
        for i, f in reversed(sorted(active, key=lambda a: (a[1].start, -a[1].end))):
            segment = _mark(report, f, i, corrections, segment, first=(lo == f.start), raw=True)
        yield segment
        lo = hi
    while upcoming is not None:
        if upcoming[1].start == upcoming[1].end == n:
            yield _mark(report, upcoming[1], upcoming[0], corrections, "‸", first=True)
        upcoming = next(pending, None)


def _mark(report: FileReport, f: Finding, index: int, corrections: dict[int, Correction], inner: str,
          first: bool, raw: bool = False) -> str:
    body = inner if raw else _e(inner)
    tip = _tip(f, report, corrections.get(index)) if first else ""
    colour = _COLOURS.get(f.category, "#ddd")
    return (f'<mark class="f {f.severity.value}" data-cat="{_e(f.category)}" data-code="{_e(f.code)}" '
            f'data-finding="{index}" style="background:{colour}" title="{_e(f.code)}: {_e(f.message)}">{body}{tip}</mark>')


def _corrected(report: FileReport, breaks: Sequence[int] = ()) -> Iterator[str | None]:
    """The corrected text rebuilt from the applied corrections, changes shown as ``<ins>``;
    ``None`` where a row of the original starts (a row inside a changed span stays empty)."""
    applied = sorted((c for c in report.corrections if c.applied), key=lambda c: c.finding.start)
    text = report.text
    rows = sorted(b for b in set(breaks) if b > 0)
    state = {"pos": 0, "row": 0}

    def plain_to(end: int) -> Iterator[str | None]:
        while state["row"] < len(rows) and rows[state["row"]] <= end:
            at = rows[state["row"]]
            if at >= state["pos"]:
                yield _e(text[state["pos"] : at])
                state["pos"] = at
            yield None
            state["row"] += 1
        if end > state["pos"]:
            yield _e(text[state["pos"] : end])
            state["pos"] = end

    for c in applied:
        f = c.finding
        yield from plain_to(f.start)
        if c.replacement:
            yield (f'<ins class=c data-cat="{_e(f.category)}" title="was: {_e(f.text)} ({_e(f.code)}, {c.confidence:.2f})">'
                   f"{_e(c.replacement)}</ins>")
        else:
            yield f'<del class=c data-cat="{_e(f.category)}" title="deleted ({_e(f.code)})">{_e(f.text)}</del>'
        state["pos"] = max(state["pos"], f.end)
    yield from plain_to(len(text))


def _rows(pieces: Iterator[str | None]) -> Iterator[str]:
    """The pieces joined row by row (``None`` ends a row)."""
    row: list[str] = []
    for piece in pieces:
        if piece is None:
            yield "".join(row)
            row = []
        else:
            row.append(piece)
    yield "".join(row)


def _line_starts(text: str) -> list[int]:
    return [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n" and i + 1 < len(text)]


def _match_corrections(report: FileReport) -> dict[int, Correction]:
    by_key = {(c.finding.start, c.finding.end, c.finding.code): c for c in report.corrections}
    if not by_key:
        return {}
    return {i: by_key[k] for i, f in enumerate(report.findings) if (k := (f.start, f.end, f.code)) in by_key}


def file_section(report: FileReport, number: int) -> Iterator[str]:
    """One file's section: original and corrected side by side, then the table of findings."""
    corrections = _match_corrections(report)
    applied = sum(1 for c in report.corrections if c.applied)
    yield (f'<section class=file id="file-{number}"><h2>{_e(report.path)}</h2>'
           f"<p class=muted>{report.words} words · {len(report.findings)} findings · {applied} corrections applied</p>"
           "<div class=cols><h3>Original</h3><h3>Corrected</h3>")
    if report.corrected_text is not None:
        breaks = _line_starts(report.text)
        for left, right in zip_longest(_rows(_highlight(report, corrections, breaks)), _rows(_corrected(report, breaks)), fillvalue=""):
            yield f"<div class=ln>{left}</div><div class=ln>{right}</div>"
    else:
        yield "<div class=ln>"
        yield from (piece for piece in _highlight(report, corrections) if piece is not None)
        yield "</div><div class=ln><span class=muted>(no corrections computed: run mtcheck diff)</span></div>"
    yield ("</div><table><thead><tr><th>at</th><th>code</th><th>category</th><th>severity</th><th>text</th>"
           "<th>message</th><th>correction</th></tr></thead><tbody>")
    for i, f in enumerate(report.findings):
        line, col = report.line_col(f.start)
        c = corrections.get(i)
        fix = ""
        if c is not None:
            fix = _e(describe_change(f.text, c.replacement)) + (" ✔" if c.applied else f" <span class=muted>({_e(_STATUS_TEXT.get(c.status, c.status.value))})</span>")
        yield (f'<tr data-cat="{_e(f.category)}"><td>{line}:{col}</td><td>{_e(f.code)}</td><td>{_e(f.category)}</td>'
               f"<td>{_e(f.severity.value)}</td><td>{_e(f.text)}</td><td>{_e(f.message)}</td><td>{fix}</td></tr>")
    yield f"</tbody></table>{_aligned(report)}</section>"


def _aligned(report: FileReport) -> str:
    """With a source: the aligned source and target sentences side by side."""
    view = report.bilingual
    if view is None or not view.pairs:
        return ""
    rows = []
    for s0, s1, t0, t1 in view.pairs:
        hits = [f for f in report.findings if f.source_start == s0 and s1 > s0 or (t1 > t0 and f.start < t1 and t0 < f.end)]
        codes = " ".join(sorted({f.code for f in hits}))
        cls = "flagged" if hits else ""
        rows.append(
            f'<tr class="{cls}" title="{_e(codes)}"><td lang=fr>{_e(view.source_text[s0:s1])}</td>'
            f"<td lang=en>{_e(report.text[t0:t1])}</td></tr>"
        )
    name = _e(view.source_path or "source")
    return (f"<h3>Source and translation, aligned</h3><table class=aligned><thead><tr><th>{name}</th>"
            f"<th>{_e(report.path)}</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def render(report: Report, **_: object) -> str:
    """The whole report as one self-contained HTML page."""
    return "".join(render_chunks(report))


def render_chunks(report: Report, **_: object) -> Iterator[str]:
    """The page of :func:`render` piece by piece (a segment of text at a time)."""
    by_cat: Counter[str] = Counter(f.category for fr in report.files for f in fr.findings)
    by_sev: Counter[str] = Counter(f.severity.value for fr in report.files for f in fr.findings)
    yield page_head(len(report.files), by_cat, by_sev, report.version, report.warnings)
    for i, fr in enumerate(report.files):
        yield from file_section(fr, i)
    yield page_foot(by_cat, by_sev)


def page_head(files: int, by_cat: Counter[str], by_sev: Counter[str], version: str, warnings: Sequence[str]) -> str:
    """The page up to the first file's section: title, counts by severity and category, warnings."""
    chips = "".join(
        f'<span class=chip data-cat="{c}" style="background:{_COLOURS.get(c, _GREY)}" title="click to hide or show">{c} {by_cat[c]}</span>'
        for c in CATEGORIES if by_cat[c]
    )
    sev = "".join(f"<span class=sev>{s} {by_sev[s]}</span>" for s in ("error", "warning", "info") if by_sev[s])
    total = sum(by_cat.values())
    shown = "".join(f"<p class=muted>warning: {_e(w)}</p>" for w in warnings)
    return (
        "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>"
        "<meta name=viewport content='width=device-width, initial-scale=1'>"
        f"<title>mtcheck report</title><style>{_CSS}</style></head><body>"
        f"<header><h1>mtcheck report</h1><div>{files} file(s) · {total} findings · mtcheck {_e(version)}</div></header>"
        f"<main><div class=summary>{sev}{chips}</div>{shown}"
    )


def page_foot(by_cat: Counter[str], by_sev: Counter[str]) -> str:
    """The end of the page: the machine-readable summary and the script."""
    data = json.dumps({"findings": sum(by_cat.values()), "by_category": dict(by_cat), "by_severity": dict(by_sev)})
    return (f"<script type='application/json' id=mtcheck-summary>{data.replace('</', '<' + chr(92) + '/')}</script>"
            f"<script>{_JS}</script></main></body></html>\n")
