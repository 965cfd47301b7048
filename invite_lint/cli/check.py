"""`invite-lint check`: lint drafts (files, folders, or - for stdin), optionally fix them."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import __version__
from ..api import check_kind, check_lang
from ..documents.results import DraftResult
from ..drafts import Draft
from ..text.printable import printable
from ..errors import InputError
from ..model import CHANNELS, Recipient, Severity
from ..output import machine, registry, statistics
from ..output.base import Context
from ..session import MAX_FIX_ROUNDS, LintOptions, Session
from .common import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    colour_option,
    fails,
    read_input,
    handle_errors,
    plural,
    kind_option,
    options_session,
    rule_selection_options,
    styler,
    terminal_width,
    use_colour,
)

__all__ = ["MAX_FIX_ROUNDS", "Session", "check", "expand", "parse_fields"]  # Session: now invite_lint.session

DRAFT_SUFFIXES = (".txt", ".md", ".markdown", ".eml", ".text", ".jsonl", ".ndjson", ".csv")


def expand(paths: tuple[str, ...]) -> list[str]:
    """Files as given; folders become the drafts inside them, sorted."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if p != "-" and path.is_dir():
            found = sorted(str(f) for f in path.rglob("*") if f.suffix.lower() in DRAFT_SUFFIXES and f.is_file()
                           and not any(part.startswith(".") for part in f.relative_to(path).parts))
            if not found:
                raise InputError(p, f"folder holds no drafts ({', '.join(DRAFT_SUFFIXES)})")
            out.extend(found)
        else:
            out.append(p)
    return out


def parse_fields(values: tuple[str, ...]) -> dict[str, str]:
    """--fields first_name=Karine,company=Acme (repeatable)."""
    fields: dict[str, str] = {}
    for value in values:
        for pair in value.split(","):
            if not pair.strip():
                continue
            if "=" not in pair:
                raise click.BadParameter(f"'{pair}' is not name=value", param_hint="--fields")
            name, field_value = pair.split("=", 1)
            fields[name.strip()] = field_value.strip()
    return fields


def _read_all(paths: list[str]) -> tuple[list[Draft], list[InputError]]:
    drafts, errors = [], []
    for path in paths:
        try:
            drafts.append(read_input(path))
        except InputError as exc:
            errors.append(exc)
    return drafts, errors


@click.command()
@click.argument("files", nargs=-1, required=True, metavar="FILES...|-")
@click.option("--lang", default=None, help="Language of the drafts: fr, en, or auto to detect (default: auto).")
@click.option("--channel", type=click.Choice(CHANNELS), default=None,
              help="Where the message goes (default: email if it starts with a subject line, else linkedin_note).")
@click.option("--to", "to_name", metavar="NAME", help="The recipient's name (checked against the message).")
@kind_option("What the drafts are (unless a draft says, with front matter kind: or a kind column)")
@rule_selection_options
@click.option("--exit-zero", is_flag=True, help="Coaching mode: report, but always exit 0 (unless an input is unreadable).")
@click.option("--template", is_flag=True, default=None,
              help="Drafts are outreach-tool templates: merge fields ({{first_name}}, {company}...) are values.")
@click.option("--fields", multiple=True, metavar="NAME=VALUE,...", help="Fill merge fields, then lint the result.")
@click.option("--fix", is_flag=True, help="Apply the rules' safe fixes (SMS abbreviations, spacing) to the files.")
@click.option("--diff", "show_diff", is_flag=True, help="Show the safe fixes as a diff, without writing.")
@click.option("--statistics", "statistics_flag", is_flag=True, help="Also print how often each rule fired.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Use this configuration file.")
@click.option("--format", "fmt", type=click.Choice(registry.names()), default="text", show_default=True,
              help="text for people; json (docs/json-output.md); jsonl (a JSON line per message); github (Actions "
                   "annotations); sarif (SARIF 2.1.0, for code scanning).")
@click.option("--daemon/--no-daemon", default=None, expose_value=False,  # read by launcher.py, before click
              help="Run in the warm server (`invite-lint serve`), starting it if needed / never. "
                   "Default: use it when it runs (INVITE_LINT_DAEMON=1 or 0 sets the default).")
@colour_option
@handle_errors
def check(files: tuple[str, ...], lang: str | None, channel: str | None, to_name: str | None,
          rule_paths: tuple[str, ...], no_plugins: bool | None, select: tuple[str, ...], ignore: tuple[str, ...],
          fail_on: str | None, exit_zero: bool, template: bool | None, fields: tuple[str, ...], fix: bool,
          show_diff: bool, statistics_flag: bool, config_file: str | None, fmt: str,
          colour: str, message_kind: str | None) -> None:
    """Lint networking-message drafts before you send them.

    Drafts: .txt, .md (with YAML front matter), .eml, .jsonl and .csv (one message per row).
    Settings come from [tool.invite-lint] in pyproject.toml or .invite-lint.yaml, found from
    each draft upwards; options given here win.

    Exit status: 0 nothing at or above --fail-on, 1 findings, 2 an input or usage error,
    141 the reader of the output went away.
    """
    # `--fix -`, as black and ruff do: the fixed text on standard output, the report on stderr.
    fix_stdin = fix and not show_diff and "-" in files
    if fix_stdin and len(files) > 1:
        raise click.UsageError("--fix with - reads one draft from standard input and prints it fixed: "
                               "give no other file")
    session = options_session(select, ignore, rule_paths, no_plugins, fail_on, lang, channel, config_file,
                              template=template)
    recipient = Recipient(name=to_name) if to_name else None
    options = LintOptions(lang=check_lang(lang), channel=channel, recipient=recipient, template=bool(template),
                          fields=parse_fields(fields), kind=check_kind(message_kind))
    drafts, errors = _read_all(expand(files))
    run = session.lint(drafts, options)  # every lint of this run (the first, and those after fixes) with these options
    results, configs = run.results, run.configs
    errors += run.errors

    if fix or show_diff:
        outcomes = session.fix(drafts, results, options, write=fix and not show_diff)
        for outcome in outcomes:
            if outcome.stopped:
                click.echo(f"invite-lint: warning: {printable(outcome.draft.path)}: fixes stopped after a round that "
                           "found more to fix (a rule's fix re-creates what it fixes)", err=True)
            if show_diff and outcome.changed:
                click.echo(outcome.diff(), nl=False)
        fixed = {o.draft.path: o.text for o in outcomes if o.changed}
        if fix_stdin:
            click.echo("".join(fixed.get(d.path, d.text) for d in drafts), nl=False)
        if fix and not show_diff and fixed:
            fixed_drafts = [Draft(fixed.get(d.path, d.text), d.path, d.encoding, d.newline) for d in drafts]
            again = session.lint(fixed_drafts, options)
            results, configs = again.results, again.configs
            if fmt == "text":
                click.echo(f"fixed {plural(len(fixed), 'draft')}: {printable(', '.join(sorted(fixed)))}", err=True)

    _output(session, results, errors, fmt, colour, to_stderr=fix_stdin)
    if statistics_flag:
        rows = statistics.counts(r.report for r in results)
        if fmt == "json":
            click.echo(machine.dumps({"statistics": [{"rule": r, "count": n, "fixable": f} for r, n, f in rows]}),
                       err=fix_stdin)
        else:
            click.echo(statistics.render(rows), err=fix_stdin)
    if errors:
        sys.exit(EXIT_ERROR)
    failing = any(fails(r.report, Severity(configs[r.path]["fail-on"])) for r in results)
    sys.exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_OK)


def _output(session: Session, results: list[DraftResult], errors: list[InputError], fmt: str, colour: str,
            to_stderr: bool = False) -> None:
    """The report on standard output (on stderr when stdout carries the fixed text)."""
    coloured = fmt == "text" and use_colour(colour, sys.stderr if to_stderr else None)
    rules = session.rules(session.config(r.path) for r in results) if fmt == "sarif" else []
    context = Context(__version__, rules, styler(coloured), terminal_width(), coloured)
    rendered = registry.get(fmt).render(results, errors, context)
    if rendered.err:
        click.echo(rendered.err, nl=False, err=True)
    if rendered.out:
        click.echo(rendered.out, nl=False, color=rendered.coloured, err=to_stderr)
