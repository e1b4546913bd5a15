"""``mtcheck rules``: list the rules, or show one."""

from __future__ import annotations

import click

from mtcheck.cli import cli
from mtcheck.engines.rules import load_rules
from mtcheck.selection import matches_any


@cli.command("rules")
@click.argument("ids", nargs=-1)
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(), help="Extra rule packs.")
@click.option("--schema", is_flag=True, help="Print the JSON Schema of a rule file (for editors) and exit.")
def rules_command(ids, rule_paths, schema):
    """List rules (optionally only IDS or prefixes), with type, languages, category and severity."""
    if schema:
        import json

        from mtcheck.engines.rules.schema import rule_schema

        click.echo(json.dumps(rule_schema(), indent=2))
        return
    rules = load_rules(rule_paths)
    shown = [r for r in rules if not ids or matches_any(r.id, ids)]
    for r in sorted(shown, key=lambda r: r.id):
        langs = ",".join(sorted(r.languages)) if r.languages else "*"
        if r.source_languages:
            langs = ",".join(sorted(r.source_languages)) + "→" + langs
        click.echo(f"{r.id:<40} {r.TYPE:<13} {langs:<10} "
                   f"{r.severity.label:<8} {r.category}")
        if ids and len(shown) <= 3:
            click.echo(f"    {r.message}")
            if r.description:
                click.echo(f"    {r.description}")
            click.echo(f"    file: {r.path}")
    click.echo(f"{len(shown)} rules", err=True)
