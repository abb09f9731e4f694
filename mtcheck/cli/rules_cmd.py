"""``mtcheck rules [CODE]``: list the rules, or explain one."""

from __future__ import annotations

import inspect

import typer

from mtcheck.errors import UsageError
from mtcheck.rules import ALL_RULES, rule_by_code


def rules(code: str = typer.Argument(None, help="A rule code or name to explain.")) -> None:
    """List every rule, or explain one rule with its examples."""
    if code is None:
        for r in ALL_RULES:
            typer.echo(f"{r.code}  {r.name:<32} {r.category:<19} {r.severity.value:<8} {r.summary()}")
        return
    rule = rule_by_code(code)
    if rule is None:
        raise UsageError(f"no rule {code!r}; run 'mtcheck rules' for the list")
    typer.echo(f"{rule.code} {rule.name}  ({rule.category}, default severity {rule.severity.value})\n")
    typer.echo(inspect.cleandoc(type(rule).__doc__ or ""))
    typer.echo("\nFlagged:")
    for ex in rule.bad:
        typer.echo(f"  ✗ {ex}")
    typer.echo("Not flagged:")
    for ex in rule.good:
        typer.echo(f"  ✓ {ex}")
