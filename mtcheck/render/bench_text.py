"""The benchmark report as terminal tables."""

from __future__ import annotations

from mtcheck.bench.report import BenchReport, Prf

_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def pct(value: float | None) -> str:
    """A fraction as a percentage with one decimal, or an en dash when undefined."""
    return "–" if value is None else f"{100 * value:.1f}"


def num(value: float | None, digits: int = 2) -> str:
    """A number with ``digits`` decimals, or an en dash when undefined."""
    return "–" if value is None else f"{value:.{digits}f}"


def _head(text: str, color: bool) -> str:
    return f"{_BOLD}{text}{_RESET}" if color else text


def _prf_cells(p: Prf) -> str:
    return f"{pct(p.precision):>6} {pct(p.recall):>6} {pct(p.f):>6}"


def _table(rows: list[list[str]], align: str) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for r in rows:
        cells = [c.ljust(w) if a == "l" else c.rjust(w) for c, w, a in zip(r, widths, align)]
        out.append("  ".join(cells).rstrip())
    return out


def render(report: BenchReport, color: bool = False, **_: object) -> str:
    """The whole benchmark as plain-text tables (``color`` bolds the headings)."""
    r = report
    lines = [
        _head(f"mtcheck bench {r.version}: {', '.join(r.corpus)} (split {r.split})", color),
        f"{r.documents} documents ({r.artifact_documents} with artifacts, {r.clean_documents} clean), "
        f"{r.words:,} words, {r.artifacts} artifacts; {len(r.rules)} rules; source language {r.source_lang}",
        "",
        _head("Detection (P / R / F1, %)", color),
    ]
    exact, overlap = r.detection_for("exact"), r.detection_for("overlap")
    rows = [["", "exact P", "R", "F1", "overlap P", "R", "F1", "findings", "artifacts"]]

    def add(label: str, a: Prf, b: Prf) -> None:
        rows.append([label, pct(a.precision), pct(a.recall), pct(a.f), pct(b.precision), pct(b.recall), pct(b.f),
                     str(b.predicted), str(b.gold)])

    add("overall", exact.overall, overlap.overall)
    add("same category", exact.typed, overlap.typed)
    for ce, co in zip(exact.categories, overlap.categories):
        if co.score.predicted or co.score.gold:
            add(f"  {ce.category}", ce.score, co.score)
    for oe, oo in zip(exact.origins, overlap.origins):
        if oo.score.predicted:
            add(f"{oe.origin} findings alone", oe.score, oo.score)
    lines += _table(rows, "lrrrrrrrr")
    if overlap.rules:
        lines.append("per rule (overlap): " + ", ".join(
            f"{x.code} {x.correct}/{x.findings}" for x in overlap.rules))
    if r.model_detection:
        me, mo = (next(d for d in r.model_detection if d.match == k) for k in ("exact", "overlap"))
        lines += ["", _head("Detection with the model stage (P / R / F1, %)", color)]
        rows = [rows[0]]
        add("overall", me.overall, mo.overall)
        for oe, oo in zip(me.origins, mo.origins):
            if oo.score.predicted:
                add(f"{oe.origin} findings alone", oe.score, oo.score)
        lines += _table(rows, "lrrrrrrrr")
    c = r.clean
    lines += [
        "",
        _head("False alarms on clean documents", color),
        f"{c.findings} findings in {c.documents} clean documents, {c.words:,} words: "
        f"{num(c.per_1k_words)} per 1,000 words"
        + (" (" + ", ".join(f"{code} {n}" for code, n in c.by_rule) + ")" if c.by_rule else ""),
    ]
    for corr in r.correction:
        lines += ["", _head(f"Correction, {corr.variant} ({corr.segments} segments, paired bootstrap "
                            f"{corr.bootstrap_resamples}×, seed {corr.bootstrap_seed})", color)]
        rows = [["metric", "input", "fixed", "Δ", "95% CI of Δ", "p"]]
        for s in corr.metrics:
            name = s.metric + (" (lower is better)" if s.metric == "TER" else "")
            rows.append([name, f"{s.input:.2f}", f"{s.fixed:.2f}", f"{s.delta:+.2f}",
                         f"[{s.ci_low:+.2f}, {s.ci_high:+.2f}]", f"{s.p_value:.3f}"])
        lines += _table(rows, "lrrrrr")
        e, o = corr.edits_exact, corr.edits_overlap
        lines.append(
            f"edits: {corr.applied} applied of {corr.proposed} proposed; "
            f"exact P {pct(e.precision)} R {pct(e.recall)} F0.5 {pct(e.f)}; "
            f"overlap P {pct(o.precision)} R {pct(o.recall)} F0.5 {pct(o.f)}"
        )
    lines += ["", _head("Speed (detection + correction)", color)]
    for s in r.speed:
        lines.append(f"{s.variant}: {num(s.words_per_second, 0)} words/s ({s.words:,} words in {s.seconds:.3f} s)")
    if r.realdata:
        lines += ["", _head("Real data (sanity / false-alarm track; finding correct if it overlaps an annotated span)", color)]
        rows = [["dataset", "rows", "words", "findings", "in spans", "P", "per 1k w", "chrF mt", "chrF fix", "Δ"]]
        for d in r.realdata:
            rows.append([d.dataset, str(d.rows), f"{d.words:,}", str(d.findings), str(d.findings_in_spans),
                         pct(d.precision), num(d.findings_per_1k_words), num(d.chrf_mt), num(d.chrf_fixed),
                         "–" if d.chrf_delta is None else f"{d.chrf_delta:+.2f}"])
        lines += _table(rows, "lrrrrrrrrr")
        lines += [f"  {d.dataset}: {d.label}" for d in r.realdata]
    if r.correction:
        lines += ["", _head("Signatures", color)]
        lines += [f"{s.metric}: {s.signature}" for s in r.correction[0].metrics]
    if r.notes:
        lines += [""] + [f"note: {n}" for n in r.notes]
    return "\n".join(lines) + "\n"
