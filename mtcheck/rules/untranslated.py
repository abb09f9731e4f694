"""Untranslated rules (family U): French words, exonyms, sentences or quotes left in French."""

from __future__ import annotations

from mtcheck.rules.base import Rule

RULES: tuple[Rule, ...] = ()
