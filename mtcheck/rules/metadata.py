"""Metadata-leak rules (family M): tags, slugs, enrichment blocks and duplicated paragraphs in the body."""

from __future__ import annotations

from mtcheck.rules.base import Rule

RULES: tuple[Rule, ...] = ()
