"""``mtcheck rules [CODE]``: list the rules, or explain one."""

from __future__ import annotations

import inspect
from typing import Annotated, Optional

import typer

from mtcheck.errors import UsageError
from mtcheck.rules import ALL_RULES, rule_by_code


def rules(
    code: Annotated[Optional[str], typer.Argument(help="A rule code, name or former name to explain.", metavar="CODE",
                                                  show_default=False)] = None,
) -> None:
    """List every rule, or explain one rule with its examples."""
    if code is None:
        for r in ALL_RULES:
            print(f"{r.code}  {r.name:<32} {r.category:<19} {r.severity.value:<8} {r.summary()}")
        return
    rule = rule_by_code(code)
    if rule is None:
        raise UsageError(f"no rule {code!r}; run 'mtcheck rules' for the list")
    formerly = f"; formerly {', '.join(rule.aliases)}" if rule.aliases else ""
    opt_in = ", opt-in: runs only when selected" if rule.opt_in else ""
    print(f"{rule.code} {rule.name}  ({rule.category}, default severity {rule.severity.value}{formerly}{opt_in})\n")
    print(inspect.cleandoc(type(rule).__doc__ or ""))
    show = lambda ex: f"{ex[0]}  →  {ex[1]}" if isinstance(ex, tuple) else ex  # noqa: E731 (source, target) pairs
    print("\nFlagged:")
    for ex in rule.bad:
        print(f"  ✗ {show(ex)}")
    print("Not flagged:")
    for ex in rule.good:
        print(f"  ✓ {show(ex)}")
