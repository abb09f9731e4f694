"""The benchmark report as one self-contained HTML page with inline SVG charts.

No script, no web font, no external resource: the page opens offline and in CI artifacts.
"""

from __future__ import annotations

from html import escape

from mtcheck.bench.report import BenchReport, Prf
from mtcheck.render.bench_text import num, pct

_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1100px;color:#1d232b;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d8dde3;padding-bottom:.2rem}
table{border-collapse:collapse;margin:.6rem 0}th,td{padding:.25rem .6rem;text-align:right;border-bottom:1px solid #eceff2}
th:first-child,td:first-child{text-align:left}th{background:#f4f6f8;font-weight:600}
.muted{color:#66707a}.sig{font-family:ui-monospace,monospace;font-size:.85rem}
.legend span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 1rem;vertical-align:middle}
svg text{font:12px system-ui,sans-serif;fill:#1d232b}
"""
_COLORS = ("#3b6fb6", "#e08a2e", "#4a9a5b", "#b54b4b")


def _h(text: object) -> str:
    return escape(str(text), quote=True)


def _bars(groups: list[tuple[str, list[float | None]]], series: list[str], max_value: float, unit: str = "") -> str:
    """A grouped horizontal bar chart: one group per row, one bar per series."""
    bar_h, gap, label_w, plot_w = 14, 10, 170, 560
    group_h = bar_h * len(series) + gap
    height = group_h * len(groups) + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + plot_w + 70}" height="{height}" role="img">']
    for tick in range(0, 5):
        x = label_w + plot_w * tick / 4
        parts.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height - 24}" stroke="#e3e7eb"/>')
        parts.append(f'<text x="{x:.1f}" y="{height - 8}" text-anchor="middle">{max_value * tick / 4:g}{unit}</text>')
    for gi, (label, values) in enumerate(groups):
        y0 = gi * group_h
        parts.append(f'<text x="{label_w - 8}" y="{y0 + group_h / 2 + 2:.1f}" text-anchor="end">{_h(label)}</text>')
        for si, value in enumerate(values):
            y = y0 + si * bar_h
            if value is None:
                parts.append(f'<text x="{label_w + 4}" y="{y + bar_h - 3}" class="muted">n/a</text>')
                continue
            w = plot_w * max(0.0, min(value, max_value)) / max_value if max_value else 0
            parts.append(
                f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h - 2}" fill="{_COLORS[si % len(_COLORS)]}">'
                f"<title>{_h(series[si])}: {value:.2f}{unit}</title></rect>"
            )
            parts.append(f'<text x="{label_w + w + 4:.1f}" y="{y + bar_h - 3}">{value:.1f}</text>')
    parts.append("</svg>")
    legend = "".join(f'<span style="background:{_COLORS[i % len(_COLORS)]}"></span>{_h(s)}' for i, s in enumerate(series))
    return f'<div class="legend">{legend}</div>' + "".join(parts)


def _pct100(value: float | None) -> float | None:
    return None if value is None else 100 * value


def _prf_row(label: str, a: Prf, b: Prf) -> str:
    cells = [pct(a.precision), pct(a.recall), pct(a.f), pct(b.precision), pct(b.recall), pct(b.f), b.predicted, b.gold]
    return f"<tr><td>{_h(label)}</td>" + "".join(f"<td>{_h(c)}</td>" for c in cells) + "</tr>"


def render(report: BenchReport, **_: object) -> str:
    """The whole benchmark as a standalone HTML document."""
    r = report
    exact, overlap = r.detection_for("exact"), r.detection_for("overlap")
    headline = r.detection_for(r.headline_match)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>mtcheck bench — {_h(r.split)} split</title><style>{_CSS}</style></head><body>",
        f"<h1>mtcheck bench {_h(r.version)}</h1>",
        f'<p>{_h(", ".join(r.corpus))}, split <b>{_h(r.split)}</b>: {r.documents} documents '
        f"({r.artifact_documents} with artifacts, {r.clean_documents} clean), {r.words:,} words, "
        f"{r.artifacts} artifacts; {len(r.rules)} rules ({_h(', '.join(r.rules))}). "
        f'<span class="muted">Run {_h(r.created)}; model: {"yes" if r.model else "no"}.</span></p>',
        "<h2>Detection</h2>",
        "<table><tr><th></th><th>exact P</th><th>R</th><th>F1</th><th>overlap P</th><th>R</th><th>F1</th>"
        "<th>findings</th><th>artifacts</th></tr>",
        _prf_row("overall", exact.overall, overlap.overall),
        _prf_row("same category", exact.typed, overlap.typed),
    ]
    for ce, co in zip(exact.categories, overlap.categories):
        if co.score.predicted or co.score.gold:
            out.append(_prf_row(ce.category, ce.score, co.score))
    for oe, oo in zip(exact.origins, overlap.origins):
        if oo.score.predicted:
            out.append(_prf_row(f"{oe.origin} findings alone", oe.score, oo.score))
    out.append("</table>")
    shown = [c for c in headline.categories if c.score.predicted or c.score.gold]
    out.append(f"<p class=muted>Per category, {_h(r.headline_match)} matching (%).</p>")
    out.append(
        _bars(
            [(c.category, [_pct100(c.score.precision), _pct100(c.score.recall)]) for c in shown],
            ["precision", "recall"],
            100,
        )
    )
    if headline.rules:
        out.append("<table><tr><th>rule</th><th>findings</th><th>on an artifact</th><th>precision</th></tr>")
        out += [
            f"<tr><td>{_h(x.code)}</td><td>{x.findings}</td><td>{x.correct}</td><td>{pct(x.precision)}</td></tr>"
            for x in headline.rules
        ]
        out.append("</table>")
    c = r.clean
    out += [
        "<h2>False alarms on clean documents</h2>",
        f"<p>{c.findings} findings in {c.documents} clean documents ({c.words:,} words): "
        f"<b>{num(c.per_1k_words)}</b> per 1,000 words"
        + (" — " + _h(", ".join(f"{code} {n}" for code, n in c.by_rule)) if c.by_rule else "")
        + ".</p>",
    ]
    for corr in r.correction:
        out.append(f"<h2>Correction: {_h(corr.variant)}</h2>")
        out.append(
            f"<p class=muted>{corr.segments} aligned segments; paired bootstrap, {corr.bootstrap_resamples} "
            f"resamples, seed {corr.bootstrap_seed}.</p>"
        )
        out.append("<table><tr><th>metric</th><th>input</th><th>fixed</th><th>Δ</th><th>95% CI of Δ</th><th>p</th></tr>")
        for s in corr.metrics:
            name = s.metric + (" (lower is better)" if s.metric == "TER" else "")
            out.append(
                f"<tr><td>{_h(name)}</td><td>{s.input:.2f}</td><td>{s.fixed:.2f}</td><td>{s.delta:+.2f}</td>"
                f"<td>[{s.ci_low:+.2f}, {s.ci_high:+.2f}]</td><td>{s.p_value:.3f}</td></tr>"
            )
        out.append("</table>")
        out.append(_bars([(s.metric, [s.input, s.fixed]) for s in corr.metrics], ["input", "fixed"], 100))
        e, o = corr.edits_exact, corr.edits_overlap
        out.append(
            f"<p>Edits: {corr.applied} applied of {corr.proposed} proposed. Exact: P {pct(e.precision)}, "
            f"R {pct(e.recall)}, F0.5 {pct(e.f)}. Overlap: P {pct(o.precision)}, R {pct(o.recall)}, "
            f"F0.5 {pct(o.f)}.</p>"
        )
        out.append("<p class=sig>" + "<br>".join(_h(f"{s.metric}: {s.signature}") for s in corr.metrics) + "</p>")
    out.append("<h2>Speed</h2><table><tr><th>variant</th><th>words/s</th><th>words</th><th>seconds</th></tr>")
    out += [
        f"<tr><td>{_h(s.variant)}</td><td>{num(s.words_per_second, 0)}</td><td>{s.words:,}</td><td>{s.seconds:.3f}</td></tr>"
        for s in r.speed
    ]
    out.append("</table>")
    if r.realdata:
        out.append("<h2>Real data (sanity / false-alarm track)</h2>")
        out.append(
            "<table><tr><th>dataset</th><th>rows</th><th>words</th><th>findings</th><th>in spans</th><th>P</th>"
            "<th>per 1k words</th><th>chrF mt</th><th>chrF fix</th><th>Δ</th></tr>"
        )
        for d in r.realdata:
            delta = "–" if d.chrf_delta is None else f"{d.chrf_delta:+.2f}"
            cells = [d.rows, f"{d.words:,}", d.findings, d.findings_in_spans, pct(d.precision),
                     num(d.findings_per_1k_words), num(d.chrf_mt), num(d.chrf_fixed), delta]
            out.append(f"<tr><td>{_h(d.dataset)}<br><span class=muted>{_h(d.label)}</span></td>"
                       + "".join(f"<td>{_h(x)}</td>" for x in cells) + "</tr>")
        out.append("</table>")
    if r.notes:
        out += [f"<p class=muted>{_h(n)}</p>" for n in r.notes]
    out.append("</body></html>")
    return "\n".join(out) + "\n"
