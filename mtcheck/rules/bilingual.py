"""Source-aware rules (S): compare the English target with its French source.

Each rule needs the ``source`` layer (:class:`mtcheck.source.SourceContext`): the source
text and the sentence alignment. Examples are ``(source, target)`` pairs. The rules live in
``bilingual_text`` (S001, S005), ``bilingual_values`` (S002, S003, S007) and
``bilingual_meaning`` (S004, S006); this module registers them in code order.
"""

from __future__ import annotations

from mtcheck.rules.base import Rule
from mtcheck.rules.bilingual_meaning import SourceGlossaryTerm, SourceNegationMismatch
from mtcheck.rules.bilingual_text import SourceOmission, SourceUntranslated
from mtcheck.rules.bilingual_values import SourceNameMismatch, SourceNumberMismatch, SourcePlaceholderMismatch

__all__ = [
    "RULES", "SourceGlossaryTerm", "SourceNameMismatch", "SourceNegationMismatch", "SourceNumberMismatch",
    "SourceOmission", "SourcePlaceholderMismatch", "SourceUntranslated",
]

RULES: tuple[Rule, ...] = (
    SourceOmission(),
    SourceNumberMismatch(),
    SourceNameMismatch(),
    SourceNegationMismatch(),
    SourceUntranslated(),
    SourceGlossaryTerm(),
    SourcePlaceholderMismatch(),
)
