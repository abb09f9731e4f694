"""Rule selectors: what ``--select``/``--ignore``, the configuration and inline directives accept.

A selector is ``ALL``, a rule-code prefix that names at least one rule (``T``, ``T0``,
``T001``), a rule's kebab-case name (``source-exonym``) or a former name kept as an alias
(``french-exonym``). Flags and configuration values may list several, separated by commas
(``--select T,N``). Anything else is a usage error: a typo must not silently select nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from mtcheck.errors import UsageError

ALL = "ALL"
_PREFIX_RE = re.compile(r"^[A-Z]\d{0,3}$")
_SPLIT_RE = re.compile(r"[\s,]+")


@lru_cache(maxsize=1)
def known_rules() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """``(code, name, aliases)`` of every registered rule a selector may name (model, syntax
    and source rules included: they run only with their layer but can be selected and ignored)."""
    from mtcheck.rules import ALL_RULES

    return tuple((r.code, r.name, tuple(r.aliases)) for r in ALL_RULES)


def resolve(selector: str, where: str) -> str:
    """The code prefix (upper case, or ``ALL``) that ``selector`` stands for.

    Raises :class:`UsageError` naming ``where`` when it selects no rule.
    """
    text = selector.strip()
    upper = text.upper()
    if upper == ALL:
        return ALL
    rules = known_rules()
    if _PREFIX_RE.match(upper):
        if any(code.startswith(upper) for code, _, _ in rules):
            return upper
        raise UsageError(f"{where}: no rule code starts with {text!r} (run 'mtcheck rules' for the list)")
    key = text.lower()
    for code, name, aliases in rules:
        if key == name or key in aliases:
            return code
    raise UsageError(
        f"{where}: {text!r} is not a rule code (like T, T0 or T001) or rule name (run 'mtcheck rules')"
    )


def split(values: str | Iterable[str]) -> list[str]:
    """Selectors of one or several values, each possibly a comma- or space-separated list."""
    items = [values] if isinstance(values, str) else list(values)
    return [part for value in items for part in _SPLIT_RE.split(value.strip()) if part]


def parse(values: str | Iterable[str], where: str) -> tuple[str, ...]:
    """Resolve every selector of ``values`` (see :func:`split`), in order, without repeats."""
    items = [values] if isinstance(values, str) else list(values)
    if any(not piece.strip() for value in items for piece in value.split(",")):
        raise UsageError(f"{where}: empty rule selector in {', '.join(map(repr, items))}")
    parts = split(items)
    return tuple(dict.fromkeys(resolve(p, where) for p in parts))
