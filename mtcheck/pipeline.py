"""The one check every command runs: ``scan``, ``fix``, ``diff`` and ``bench`` are adapters
over :func:`check_file` (``serve`` and ``lsp`` are meant to be too).

For one article, :func:`check_file`:

1. runs every selected rule whose layers are present (:attr:`Rule.needs`);
2. passes every finding through :func:`mtcheck.admit.admit` (selection, per-file ignores,
   glossary, severity overrides, inline suppressions) and merges overlapping ones;
3. with a model (:class:`Models`), runs the model stage a section at a time: the language
   model reads each sentence a model rule asks for or that holds a finding once
   (:func:`mtcheck.scoring.score_section`), model rules (L001) read the result through
   ``RuleContext.model``, their findings pass the same :func:`admit`, and the corrector
   ranks candidates continuing from the same kept states;
4. optionally corrects (:mod:`mtcheck.correct`), never touching protected text.

What the command then does with the :class:`FileCheck` (render, gate, write the corrected
text, score against the corpus) is its own business.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from mtcheck.admit import Protection, admit, merge_findings, rule_enabled, suppressions_of, without_overlaps
from mtcheck.document import Document
from mtcheck.findings import FileReport, Finding, Severity
from mtcheck.lang import LanguageData, default_language, load_language
from mtcheck.markup import checkable_text
from mtcheck.rules import ALL_RULES, Glossary, Rule, RuleContext
from mtcheck.scoring import Calibration, LanguageModel, MeaningGuard, ModelContext

if TYPE_CHECKING:
    from mtcheck.config import Config
    from mtcheck.correct import CorrectionResult
    from mtcheck.io import Source
    from mtcheck.ranking import Corrector, Scored
    from mtcheck.suppress import Suppressions

__all__ = [
    "CheckOptions", "FileCheck", "Models", "check_document", "check_file", "check_text", "file_report",
    "merge_findings", "options_for", "rule_enabled", "selected_rules",
]


@dataclass(frozen=True)
class CheckOptions:
    """What to check and how: source language, rule selection, severities, glossary, and the
    per-file ignores that apply to this file."""

    source_lang: str = field(default_factory=default_language)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severity_overrides: tuple[tuple[str, Severity], ...] = ()
    glossary: Glossary = field(default_factory=Glossary)
    file_ignores: tuple[str, ...] = ()
    ignore_entries: frozenset[str] = frozenset()
    """Data entry ids whose findings are dropped (``ignore-entries``)."""
    extend_lexicon: tuple[str, ...] = ()
    """User lexicon files added to the language's tables (``extend-lexicon``)."""


@dataclass(frozen=True)
class Models:
    """A loaded model stage: the language model, the meaning guard (``None``: word
    substitutions are only proposed) and the calibration."""

    lm: LanguageModel
    guard: MeaningGuard | None = None
    calibration: Calibration = field(default_factory=Calibration.load)


@dataclass(frozen=True)
class FileCheck:
    """One article checked: its report (with corrections when asked), the correction result,
    and warnings (malformed inline directives)."""

    report: FileReport
    warnings: tuple[str, ...] = ()
    correction: CorrectionResult | None = None
    document: Document | None = None
    """The checked :class:`Document` (``None`` for a source checked block by block)."""


def options_for(config: Config, path: str) -> CheckOptions:
    """The :class:`CheckOptions` a configuration gives for the file at ``path``."""
    return replace(config.check_options(), file_ignores=config.file_ignores(path))


def selected_rules(options: CheckOptions, rules: Sequence[Rule] = ALL_RULES) -> tuple[Rule, ...]:
    """The rules that ``options`` turns on."""
    return tuple(r for r in rules if rule_enabled(r.code, options))


def _layers(ctx: RuleContext) -> frozenset[str]:
    return frozenset(name for name in ("syntax", "model", "source") if getattr(ctx, name) is not None)


def check_document(
    doc: Document,
    options: CheckOptions = CheckOptions(),
    rules: Sequence[Rule] | None = None,
    suppressions: Suppressions | None = None,
    source: object | None = None,
) -> tuple[Finding, ...]:
    """Run the selected rules whose layers are present over ``doc`` (no model here: see
    :func:`check_file`), admit their findings and return them merged and sorted.
    ``source`` is the source layer (a :class:`mtcheck.source.SourceContext`); without it the
    rules that need it are skipped.

    For Markdown and HTML (by ``doc.path``) the rules read only the prose (see
    :mod:`mtcheck.markup`); offsets and ``text`` stay those of ``doc``."""
    checked = checkable_text(doc.path, doc.text)
    view = doc if checked is doc.text else Document.from_text(checked, doc.path)
    lang = load_language(options.source_lang).extended(options.extend_lexicon)
    selected = selected_rules(options) if rules is None else tuple(rules)
    ctx = RuleContext(lang=lang, glossary=options.glossary, source=source, syntax=syntax_layer(view, selected))
    active = [r for r in selected if r.needs <= _layers(ctx)]
    raw = [f for rule in active for f in rule.check(view, ctx)]
    if view is not doc:
        raw = [replace(f, text=doc.text[f.start : f.end]) for f in raw]
    return merge_findings(admit(raw, options, suppressions), {r.code: r.specificity for r in active})



def syntax_layer(doc: Document, rules: Sequence[Rule]) -> object | None:
    """The syntax layer when a rule needs (or can use) it and spaCy is there (else None, after one warning)."""
    if not any("syntax" in r.needs | getattr(r, "optional_needs", frozenset()) for r in rules):
        return None
    from mtcheck import syntax

    return syntax.SyntaxLayer.for_document(doc, rules) if syntax.available() else syntax.warn_unavailable()


def check_file(
    source: Source,
    settings: CheckOptions | Config,
    *,
    models: Models | None = None,
    correct: bool = False,
    min_confidence: float | None = None,
    encoding: str | None = None,
    original: str | None = None,
    original_path: str | None = None,
) -> FileCheck:
    """Check one article as every command does (see the module docstring).

    ``settings`` is a :class:`CheckOptions` or a configuration (its per-file ignores are
    looked up for ``source.path``). ``models`` adds the model stage: model rules and
    model-ranked corrections. With ``correct`` the report carries the corrections and the
    corrected text (``min_confidence``: the threshold, default 0.5 without a model and the
    calibrated one with it). A source too large to hold (``streamed``) is checked block by
    block, without the model and without correcting (``fix`` and ``diff`` correct such a file
    block by block with :mod:`mtcheck.stream_fix`, never holding it whole). ``original`` is the source-language text
    the article translates (``original_path`` its file): the source-aware rules run too and
    the report carries the alignment.
    """
    options = settings if isinstance(settings, CheckOptions) else options_for(settings, source.path)
    lang = load_language(options.source_lang).extended(options.extend_lexicon)
    if source.streamed:
        from mtcheck import stream

        report = stream.check_large_file(source.path, options, encoding)
        sup = suppressions_of(report.text, report.path, report.line_starts)
        return FileCheck(replace(report, findings=stream.admitted(report, options, sup)), sup.warnings if sup else ())
    doc = Document.from_text(source.text, source.path)
    sup = suppressions_of(doc.text, doc.path, doc.line_starts)
    layer, extra = None, {}
    if original is not None:
        from mtcheck.source.check import source_layer

        layer, extra["bilingual"] = source_layer(original, doc, options.source_lang, original_path)
    findings = check_document(doc, options, suppressions=sup, source=layer)
    scored: list[Scored] | None = None
    if models is not None:
        findings, scored = model_stage(doc, findings, options, lang, models, rank=correct, suppressions=sup)
    if not correct:
        return FileCheck(file_report(doc, findings, **extra), sup.warnings if sup else (), None, doc)
    from mtcheck.correct import decide, rules_only

    protection = Protection(doc.text, options.glossary, sup)
    protected = protection if protection else None
    if models is None or scored is None:
        result = rules_only(doc, findings, 0.5 if min_confidence is None else min_confidence, protected)
    else:
        cal = models.calibration
        result = decide(doc, scored, cal, cal.min_confidence if min_confidence is None else min_confidence, protected)
    report = file_report(doc, findings, corrections=result.corrections, corrected_text=result.text, **extra)
    return FileCheck(report, sup.warnings if sup else (), result, doc)


def model_stage(
    doc: Document,
    findings: Sequence[Finding],
    options: CheckOptions,
    lang: LanguageData,
    models: Models,
    rank: bool = True,
    suppressions: Suppressions | None = None,
) -> tuple[tuple[Finding, ...], list[Scored] | None]:
    """Model findings added to ``findings`` and, with ``rank``, every finding's candidates
    scored; one section of the document at a time so that kept states stay bounded.

    Model findings pass :func:`admit` like any other and are dropped where another finding
    overlaps them (a rule's diagnosis is more specific than "unlikely").
    """
    from mtcheck.ranking import Corrector
    from mtcheck.scoring import model_sections, score_section

    sup = suppressions if suppressions is not None else suppressions_of(doc.text, doc.path, doc.line_starts)
    model_rules = [r for r in selected_rules(options) if "model" in r.needs and r.needs <= {"model", "syntax"}]
    syntax = syntax_layer(doc, [r for r in model_rules if "syntax" in r.needs])
    model_rules = [r for r in model_rules if "syntax" not in r.needs or syntax is not None]
    corrector = Corrector(models.lm, models.guard, models.calibration, lang) if rank else None
    ordered = _in_order(findings)
    found: list[Finding] = []
    scored: list[Scored] = []
    claimed: set[int] = set()
    specificity = {r.code: r.specificity for r in ALL_RULES}
    taken = tuple(sorted((f.start, f.end) for f in findings))
    for section in model_sections(doc):
        lo, hi = section[0].start, section[-1].end
        inside = [f for f in ordered if lo <= f.start < hi]
        reads: dict[int, list[tuple[int, int]]] = {}
        for rule in model_rules:
            for sentence in section:
                spans = rule.model_spans(sentence)
                if spans is not None:
                    reads.setdefault(sentence.start, []).extend(spans)
        holding = _held_extents(doc, inside, corrector) if corrector is not None else {}
        if not reads and not holding:
            found += inside
            if corrector is not None and inside:
                scored += corrector.evaluate(doc, inside)
            claimed.update(id(f) for f in inside)
            continue
        context = score_section(models.lm, models.calibration, section, reads, holding)
        ctx = RuleContext(lang=lang, glossary=options.glossary, model=context, syntax=syntax, taken=taken)
        extra = admit((f for rule in model_rules for f in rule.check(doc, ctx)), options, sup)
        extra = list(merge_findings(without_overlaps(extra, findings), specificity))
        section_found = _in_order((*inside, *extra))
        found += section_found
        claimed.update(id(f) for f in inside)
        if corrector is not None:
            scored += corrector.evaluate(doc, section_found, context.states)
    rest = [f for f in ordered if id(f) not in claimed]
    if rest:
        found += rest
        if corrector is not None:
            scored += corrector.evaluate(doc, rest)
    all_found = _in_order(found)
    if corrector is None:
        return all_found, None
    order = {id(f): i for i, f in enumerate(all_found)}
    scored.sort(key=lambda s: order[id(s.finding)])
    return all_found, scored


def _held_extents(doc: Document, findings: Sequence[Finding], corrector: Corrector) -> dict[int, int]:
    """For each sentence whose kept state the corrector will continue (a finding it may score
    has a window starting at the sentence's start), how many of its characters the windows reach."""
    extents: dict[int, int] = {}
    for f in findings:
        if not corrector.may_score(f):  # a finding the rules decide alone needs no state
            continue
        sentence = doc.sentence_at(f.start)
        window = corrector.window(doc, f) if sentence is not None else None
        if window is not None and window[0] == sentence.start:
            extents[sentence.start] = max(extents.get(sentence.start, 0), window[1] - sentence.start)
    return extents


def model_context(doc: Document, models: Models, rules: Sequence[Rule] = ALL_RULES) -> ModelContext:
    """The whole of ``doc`` scored for ``rules``' model rules in one go (for one-off use:
    examples, tests, calibration; :func:`check_file` works a section at a time)."""
    from mtcheck.scoring import score_section

    reads: dict[int, list[tuple[int, int]]] = {}
    for rule in rules:
        if "model" in rule.needs:
            for sentence in doc.sentences:
                spans = rule.model_spans(sentence)
                if spans is not None:
                    reads.setdefault(sentence.start, []).extend(spans)
    return score_section(models.lm, models.calibration, doc.sentences, reads)


def _in_order(findings: Sequence[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: (f.start, f.end, f.code)))


def check_text(
    text: str, path: str = "<text>", options: CheckOptions = CheckOptions(), source: str | None = None
) -> FileReport:
    """Check one article's text (rules only) and return its :class:`FileReport`; with ``source``
    (the source-language original) the source-aware rules run too."""
    from mtcheck.io import Source

    return check_file(Source(path, text), options, original=source).report


def file_report(doc: Document, findings: Sequence[Finding], **extra: object) -> FileReport:
    """A :class:`FileReport` for ``doc`` with ``findings`` (and optional extra fields)."""
    return FileReport(
        path=doc.path,
        text=doc.text,
        words=doc.word_count,
        findings=tuple(findings),
        line_starts=doc.line_starts,
        **extra,  # type: ignore[arg-type]
    )
