"""`invite-lint rules list | show | test`: the rule catalogue and pack self-tests."""

from __future__ import annotations

import json
import sys

import click

from ..api import Linter, load_rules
from ..coaching.examples import run_template_examples
from ..coaching.suggest import Coach
from ..engine.selftest import run_examples
from ..kinds import Rule
from ..output.catalogue import markdown_reference, markdown_table, rule_detail, rule_summary
from .common import EXIT_FINDINGS, colour_option, handle_errors, no_plugins_option, rules_option, styler, use_colour


@click.group()
def rules() -> None:
    """Show the rule catalogue, or test a rule pack's examples."""


def _sorted(rules_: list[Rule]) -> list[Rule]:
    return sorted(rules_, key=lambda r: (r.id, sorted(r.spec.languages)))


@rules.command("list")
@rules_option
@no_plugins_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown", "reference"]), default="text",
              show_default=True, help="markdown: a table; reference: the full Markdown reference (docs/rules.md).")
@handle_errors
def list_rules(rule_paths: tuple[str, ...], no_plugins: bool, fmt: str) -> None:
    """List every rule: id, languages, severity, kind and what it flags."""
    found = _sorted(load_rules(rule_paths, plugins=not no_plugins))
    if fmt == "json":
        click.echo(json.dumps([rule_summary(r) for r in found], ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        click.echo(markdown_table(found))
    elif fmt == "reference":
        click.echo(markdown_reference(found), nl=False)
    else:
        for r in found:
            langs = ",".join(sorted(r.spec.languages))
            fixable = "[*]" if r.spec.fix else "   "
            click.echo(f"{r.id:28} {langs:6} {r.spec.severity.value:8} {r.spec.kind:8} {fixable} {r.spec.description}")


@rules.command("show")
@click.argument("rule_id")
@rules_option
@no_plugins_option
@handle_errors
def show_rule(rule_id: str, rule_paths: tuple[str, ...], no_plugins: bool) -> None:
    """Everything about one rule: rationale, message, suggestion, examples, source."""
    found = [r for r in _sorted(load_rules(rule_paths, plugins=not no_plugins)) if r.id == rule_id]
    if not found:
        raise click.UsageError(f"no rule with id '{rule_id}' (see 'invite-lint rules list')")
    click.echo("\n\n".join(rule_detail(r) for r in found))


@rules.command("test")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--verbose", "-v", is_flag=True, help="Also list the examples that behave as expected.")
@colour_option
@handle_errors
def test_rules(paths: tuple[str, ...], verbose: bool, colour: str) -> None:
    """Run the examples of the rules in PATHS: flag examples must trigger their rule,
    pass examples must not. Exit 1 if any example fails."""
    coloured = use_colour(colour)
    style = styler(coloured)
    linter = Linter(paths, builtin=False, plugins=False)
    results = run_examples(list(linter.rules))
    coach = Coach(linter)
    template_results = run_template_examples(coach)
    failed = [r for r in results if not r.ok] + [r for r in template_results if not r.ok]
    for result in [*results, *template_results]:
        if not result.ok:
            click.echo(f"{style('FAIL', fg='red', bold=True)} {result.describe()}", color=coloured)
        elif verbose:
            click.echo(f"{style('ok', fg='green')}   {result.describe()}", color=coloured)
    total = len(results) + len(template_results)
    click.echo(f"{total - len(failed)} passed, {len(failed)} failed "
               f"({len(linter.rules)} rules, {len(coach.templates)} templates)")
    if failed:
        sys.exit(EXIT_FINDINGS)

