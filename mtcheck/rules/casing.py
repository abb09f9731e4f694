"""Casing rules (family C): proper nouns in lower case, common words capitalised mid-sentence."""

from __future__ import annotations

from mtcheck.rules.base import Rule

RULES: tuple[Rule, ...] = ()
