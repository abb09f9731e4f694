"""``mtcheck rules [CODE]``: list the rules, or explain one."""

from __future__ import annotations

import inspect

import click

from mtcheck.cli import CONTEXT_SETTINGS
from mtcheck.errors import UsageError
from mtcheck.rules import ALL_RULES, rule_by_code


@click.command("rules", context_settings=CONTEXT_SETTINGS)
@click.argument("code", required=False, help="A rule code, name or former name to explain.")
def rules(code: str | None) -> None:
    """List every rule, or explain one rule with its examples."""
    if code is None:
        for r in ALL_RULES:
            click.echo(f"{r.code}  {r.name:<32} {r.category:<19} {r.severity.value:<8} {r.summary()}")
        return
    rule = rule_by_code(code)
    if rule is None:
        raise UsageError(f"no rule {code!r}; run 'mtcheck rules' for the list")
    formerly = f"; formerly {', '.join(rule.aliases)}" if rule.aliases else ""
    click.echo(f"{rule.code} {rule.name}  ({rule.category}, default severity {rule.severity.value}{formerly})\n")
    click.echo(inspect.cleandoc(type(rule).__doc__ or ""))
    show = lambda ex: f"{ex[0]}  →  {ex[1]}" if isinstance(ex, tuple) else ex  # noqa: E731 (source, target) pairs
    click.echo("\nFlagged:")
    for ex in rule.bad:
        click.echo(f"  ✗ {show(ex)}")
    click.echo("Not flagged:")
    for ex in rule.good:
        click.echo(f"  ✓ {show(ex)}")
