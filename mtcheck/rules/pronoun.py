"""Pronoun rules (family P): French grammatical gender carried onto countries and institutions."""

from __future__ import annotations

from mtcheck.rules.base import Rule

RULES: tuple[Rule, ...] = ()
