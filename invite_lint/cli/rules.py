"""`invite-lint rules list | show | test`: the rule catalogue and pack self-tests."""

from __future__ import annotations

import json
import sys

import click

from ..api import Linter, load_rules
from ..coaching.examples import run_template_examples
from ..coaching.suggest import Coach
from ..engine.selftest import Outcome, run_cue_examples, run_examples
from ..engine.tool_findings import TOOL_FINDINGS, ToolFinding
from ..engine.tool_findings import detail as tool_detail
from ..kinds import Rule
from ..output.catalogue import markdown_reference, markdown_table, message_kinds, rule_detail, rule_summary
from .common import (EXIT_FINDINGS, colour_option, handle_errors, no_plugins_option, plural, rules_option, styler,
                     use_colour)


@click.group()
def rules() -> None:
    """Show the rule catalogue, or test a rule pack's examples."""


def _sorted(rules_: list[Rule]) -> list[Rule]:
    return sorted(rules_, key=lambda r: (r.id, sorted(r.spec.languages)))


def tool_summary(finding: ToolFinding) -> dict[str, object]:
    """A tool finding with the keys of a rule's summary (kind "tool")."""
    return {"id": finding.id, "kind": "tool", "severity": finding.severity.split("/")[0], "languages": ["any"],
            "channels": ["any"], "scope": "message", "description": finding.description,
            "rationale": finding.rationale, "message": finding.when, "suggestion": "", "needs": [],
            "fixable": False, "link": None, "source": "invite-lint", "examples": {"flag": [], "pass": []}}


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
        tool = [tool_summary(f) for f in TOOL_FINDINGS]
        click.echo(json.dumps([rule_summary(r) for r in found] + tool, ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        click.echo(markdown_table(found))
    elif fmt == "reference":
        click.echo(markdown_reference(found), nl=False)
    else:
        for r in found:
            langs = ",".join(sorted(r.spec.languages))
            fixable = "[*]" if r.spec.fix else "   "
            kinds = "" if "any" in r.spec.message_kinds else f" [kinds: {message_kinds(r)}]"
            click.echo(f"{r.id:28} {langs:6} {r.spec.severity.value:8} {r.spec.kind:8} {fixable} {r.spec.description}"
                       f"{kinds}")
        for f in TOOL_FINDINGS:  # reported by invite-lint itself
            click.echo(f"{f.id:28} {'any':6} {f.severity.split('/')[0]:8} {'tool':8}     {f.description}")


@rules.command("show")
@click.argument("rule_id")
@rules_option
@no_plugins_option
@handle_errors
def show_rule(rule_id: str, rule_paths: tuple[str, ...], no_plugins: bool) -> None:
    """Everything about one rule: rationale, message, suggestion, examples, source."""
    found = [r for r in _sorted(load_rules(rule_paths, plugins=not no_plugins)) if r.id == rule_id]
    tool = [f for f in TOOL_FINDINGS if f.id == rule_id]
    if not found and tool:
        click.echo(tool_detail(tool[0]))
        return
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
    pass examples must not; a kind cue's detect examples must come out as its kind, its
    other examples as another. Exit 1 if any example fails."""
    coloured = use_colour(colour)
    style = styler(coloured)
    linter = Linter(paths, builtin=False, plugins=False)
    results = run_examples(list(linter.rules))
    coach = Coach(linter)
    template_results = run_template_examples(coach)
    cue_results = run_cue_examples(linter.packs.cues)
    outcomes: list[Outcome] = [*results, *template_results, *cue_results]
    failed = [r for r in outcomes if not r.ok]
    for result in outcomes:
        if not result.ok:
            click.echo(f"{style('FAIL', fg='red', bold=True)} {result.describe()}", color=coloured)
        elif verbose:
            click.echo(f"{style('ok', fg='green')}   {result.describe()}", color=coloured)
    total = len(results) + len(template_results) + len(cue_results)
    click.echo(f"{total - len(failed)} passed, {len(failed)} failed "
               f"({plural(len(linter.rules), 'rule')}, {plural(len(coach.templates), 'template')}, "
               f"{plural(len(linter.packs.cues), 'kind cue')})")
    if failed:
        sys.exit(EXIT_FINDINGS)

