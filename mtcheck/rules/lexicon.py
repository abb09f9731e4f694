"""Lexicon rules (families F and K): false friends and calques, driven by per-language data."""

from __future__ import annotations

from mtcheck.rules.base import Rule

RULES: tuple[Rule, ...] = ()
