"""The rule registry. Registration is explicit: each family module exports ``RULES``.

To add a rule, write it in its family module with a new code (never reuse a retired
one) and add it to that module's ``RULES`` tuple.
"""

from __future__ import annotations

from mtcheck.rules import (
    bilingual,
    casing,
    consistency,
    fluency,
    grammar,
    interference_ages,
    interference_articles,
    interference_order,
    interference_phrases,
    interference_pronoun,
    interference_time,
    interference_titles,
    interference_valency,
    interference_verbs,
    judged,
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
    *fluency.RULES,
    *judged.RULES,
    *bilingual.RULES,
    *grammar.RULES,
    *interference_valency.RULES,
    *interference_verbs.RULES,
    *interference_time.RULES,
    *interference_ages.RULES,
    *interference_articles.RULES,
    *interference_titles.RULES,
    *interference_phrases.RULES,
    *interference_pronoun.RULES,
    *interference_order.RULES,
)
"""Every registered rule, in code order of their families."""


def rule_by_code(code: str) -> Rule | None:
    """The rule with this exact code (case-insensitive), kebab-case name or former name, if any."""
    key = code.strip().lower()
    return next((r for r in ALL_RULES if key in (r.code.lower(), r.name, *r.aliases)), None)


__all__ = ["ALL_RULES", "Glossary", "Rule", "RuleContext", "rule_by_code"]
