"""What a rule is: a small declared unit with a stable code, examples and a ``check`` method."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from mtcheck.document import Document, Sentence
from mtcheck.findings import CATEGORIES, Finding, Severity, Suggestion
from mtcheck.lang import LanguageData
from mtcheck.origin import Origin

if TYPE_CHECKING:
    from mtcheck.scoring import ModelContext

_CODE_RE = re.compile(r"^[A-Z]\d{3}$")
_NAME_RE = re.compile(r"^[a-z]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Glossary:
    """Terms never flagged, and preferred spellings of names (variant -> preferred)."""

    allow: frozenset[str] = frozenset()
    preferred: tuple[tuple[str, str], ...] = ()
    terms: tuple[tuple[str, str], ...] = ()
    """Source term -> required English term (checked only with a source, rule S006)."""

    def allows(self, text: str) -> bool:
        """True when ``text`` (case-insensitively) is a glossary term."""
        return text.casefold() in {t.casefold() for t in self.allow}


@dataclass(frozen=True)
class RuleContext:
    """What a rule may consult besides the document.

    ``lang`` and ``glossary`` are always there. The optional layers are ``None`` when absent:
    ``syntax`` (the parse of the document's sentences), ``model`` (the model stage's scored
    document) and ``source`` (the source-language original and its alignment). A rule that
    cannot work without one declares it in :attr:`Rule.needs`, and the pipeline skips it when
    the layer is missing.
    """

    lang: LanguageData
    glossary: Glossary = field(default_factory=Glossary)
    syntax: Any | None = None
    model: ModelContext | None = None
    source: Any | None = None
    taken: tuple[tuple[int, int], ...] = ()
    """Spans of the findings the other rules made (sorted), given to model rules: a model
    finding overlapping one is dropped, so a model rule need not score it."""


class Rule:
    """Base class of every rule.

    Subclasses declare ``code`` (family letter + three digits, never reused), ``name``
    (kebab-case), ``category`` (one of :data:`mtcheck.findings.CATEGORIES`), ``severity``,
    a docstring saying what and why, and ``bad`` / ``good`` example texts: each ``bad``
    example must produce a finding of this rule and each ``good`` one must not.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    bad: ClassVar[Sequence[str]] = ()
    good: ClassVar[Sequence[str]] = ()
    specificity: ClassVar[int] = 50
    """When findings of two rules overlap, the one with higher specificity is kept."""
    examples_lang: ClassVar[str | None] = None
    """The source language the ``bad``/``good`` examples are written for (``None``: the default)."""
    aliases: ClassVar[tuple[str, ...]] = ()
    """Former names of the rule, still accepted wherever a rule name is (selection, directives,
    ``mtcheck rules``)."""
    opt_in: ClassVar[bool] = False
    """Off unless a selector names it (its code, a code prefix or its name; ``ALL`` does not):
    for rules whose measured precision does not earn them a place in every run."""
    origin: ClassVar[Origin | None] = None
    """Where the rule's findings come from, when not implied by ``needs`` or its family
    (:func:`mtcheck.origin.origin_of_code`): e.g. a syntax rule that decides from a table."""
    needs: ClassVar[frozenset[str]] = frozenset()
    """Optional layers of :class:`RuleContext` the rule requires: ``"syntax"``, ``"model"``,
    ``"source"``. Without them the pipeline does not run the rule."""

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        """Yield this rule's findings in ``doc``."""
        raise NotImplementedError

    def model_spans(self, sentence: Sentence) -> Sequence[tuple[int, int]] | None:
        """For a rule that needs ``"model"``: the spans of ``sentence`` (relative to its start)
        whose token scores it reads, or ``None`` when it does not read the sentence. The model
        stage scores exactly these, once for every rule and the corrector."""
        return None

    @classmethod
    def summary(cls) -> str:
        """The first line of the rule's docstring."""
        return (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""

    @classmethod
    def validate_declaration(cls) -> list[str]:
        """Problems with the rule's declaration (empty when well formed)."""
        problems = []
        if not _CODE_RE.match(getattr(cls, "code", "")):
            problems.append(f"{cls.__name__}: code must be a letter and three digits")
        if not _NAME_RE.match(getattr(cls, "name", "")):
            problems.append(f"{cls.__name__}: name must be kebab-case")
        if getattr(cls, "category", None) not in CATEGORIES:
            problems.append(f"{cls.__name__}: unknown category {getattr(cls, 'category', None)!r}")
        if not (cls.__doc__ or "").strip():
            problems.append(f"{cls.__name__}: missing docstring")
        if not cls.bad or not cls.good:
            problems.append(f"{cls.__name__}: needs bad and good examples")
        return problems

    def finding(
        self,
        doc: Document,
        start: int,
        end: int,
        message: str,
        suggestions: Iterable[str | Suggestion] = (),
        confidence: float = 0.8,
        severity: Severity | None = None,
        entry: str = "",
    ) -> Finding:
        """Build a finding of this rule over ``doc.text[start:end]``."""
        suggs = tuple(
            s if isinstance(s, Suggestion) else Suggestion(s, confidence) for s in suggestions
        )
        return Finding(
            code=self.code,
            rule=self.name,
            category=self.category,
            severity=severity or self.severity,
            start=start,
            end=end,
            text=doc.text[start:end],
            message=message,
            suggestions=suggs,
            entry=entry,
        )


def match_case(template: str, replacement: str) -> str:
    """Give ``replacement`` the capitalisation pattern of ``template`` (Upper, UPPER or lower)."""
    if not replacement or not template:
        return replacement
    if template.isupper() and len(template) > 1:
        return replacement.upper()
    if template[0].isupper():
        return replacement[0].upper() + replacement[1:]
    return replacement

