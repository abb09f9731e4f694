"""Entity-consistency rules (family E): one entity spelled two ways in one article."""

from __future__ import annotations

from mtcheck.rules.base import Rule

RULES: tuple[Rule, ...] = ()
