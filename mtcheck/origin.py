"""Where a finding comes from: a hand-written rule, a language table, the model or the source.

Editors see it in the review page and reports; the benchmark scores detection per origin so that
the tables' and the model's share of what is found can be followed over time.
"""

from __future__ import annotations

from enum import Enum


class Origin(str, Enum):
    """Where a finding comes from, as shown to editors and scored by the benchmark."""

    RULE = "rule"
    TABLE = "table"
    MODEL = "model"
    SOURCE = "source"


TABLE_FAMILIES = frozenset("FKUXE")
"""Rule families that decide from the language tables (lexicons, exonyms, word lists)."""


def origin_of_code(code: str) -> Origin:
    """The origin of findings of the rule ``code``: its declared ``origin``, else what it needs
    (the model, the source text), else its family (:data:`TABLE_FAMILIES` read tables)."""
    from mtcheck.rules import rule_by_code

    rule = rule_by_code(code)
    declared = getattr(rule, "origin", None) if rule is not None else None
    if declared is not None:
        return declared
    needs = getattr(rule, "needs", frozenset()) if rule is not None else frozenset()
    if "model" in needs:
        return Origin.MODEL
    if "source" in needs:
        return Origin.SOURCE
    if code[:1] in TABLE_FAMILIES:
        return Origin.TABLE
    return Origin.RULE
