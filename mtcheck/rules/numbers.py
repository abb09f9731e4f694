"""Number-format rules (family N): French number, time and date conventions left in English text."""

from __future__ import annotations

from mtcheck.rules.base import Rule

RULES: tuple[Rule, ...] = ()
