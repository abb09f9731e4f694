"""The rule registry. Registration is explicit: each family module exports ``RULES``.

To add a rule, write it in its family module with a new code (never reuse a retired
one) and add it to that module's ``RULES`` tuple.
"""

from __future__ import annotations

from mtcheck.rules import (
    casing,
    consistency,
    knowledge,
    lexicon,
    metadata,
    numbers,
    pronoun,
    repetition,
    typography,
    untranslated,
)
from mtcheck.rules.base import Glossary, Rule, RuleContext

ALL_RULES: tuple[Rule, ...] = (
    *typography.RULES,
    *numbers.RULES,
    *casing.RULES,
    *untranslated.RULES,
    *consistency.RULES,
    *lexicon.RULES,
    *knowledge.RULES,
    *pronoun.RULES,
    *repetition.RULES,
    *metadata.RULES,
)
"""Every registered rule, in code order of their families."""


def rule_by_code(code: str) -> Rule | None:
    """The rule with this exact code (case-insensitive) or kebab-case name, if any."""
    key = code.strip().lower()
    return next((r for r in ALL_RULES if key in (r.code.lower(), r.name)), None)


__all__ = ["ALL_RULES", "Glossary", "Rule", "RuleContext", "rule_by_code"]
