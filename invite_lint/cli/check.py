"""`invite-lint check`: lint drafts (files, folders, or - for stdin)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import __version__
from ..api import Linter
from ..drafts import Draft, decode_draft, read_draft
from ..errors import InputError
from ..model import CHANNELS, Recipient, Report, Severity
from ..output import machine, textual
from .common import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    colour_option,
    handle_errors,
    no_plugins_option,
    rules_option,
    split_ids,
    styler,
    use_colour,
)

DRAFT_SUFFIXES = (".txt", ".md", ".markdown", ".eml", ".text")


def expand(paths: tuple[str, ...]) -> list[str]:
    """Files as given; folders become the drafts inside them (.txt, .md, .eml), sorted."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if p != "-" and path.is_dir():
            found = sorted(str(f) for f in path.rglob("*") if f.suffix.lower() in DRAFT_SUFFIXES and f.is_file())
            if not found:
                raise InputError(p, f"folder holds no drafts ({', '.join(DRAFT_SUFFIXES)})")
            out.extend(found)
        else:
            out.append(p)
    return out


def read_drafts(paths: list[str]) -> tuple[list[Draft], list[tuple[str, str]]]:
    """Every readable, non-empty draft; one (path, problem) per draft that is not."""
    drafts: list[Draft] = []
    errors: list[tuple[str, str]] = []
    for path in paths:
        try:
            draft = decode_draft(sys.stdin.buffer.read(), "<stdin>") if path == "-" else read_draft(path)
            if not draft.text.strip():
                raise InputError(draft.path, "empty message (nothing to lint)")
            drafts.append(draft)
        except InputError as exc:
            errors.append((exc.path, exc.problem))
    return drafts, errors


def fails(report: Report, fail_on: Severity) -> bool:
    return any(f.severity.rank >= fail_on.rank for f in report.findings)


@click.command()
@click.argument("files", nargs=-1, required=True, metavar="FILES...|-")
@click.option("--lang", default="auto", show_default=True, help="Language of the drafts: fr, en, or auto to detect.")
@click.option("--channel", type=click.Choice(CHANNELS), default=None,
              help="Where the message goes (default: email if it starts with a subject line, else linkedin_note).")
@click.option("--to", "to_name", metavar="NAME", help="The recipient's name (checked against the message).")
@rules_option
@no_plugins_option
@click.option("--select", multiple=True, metavar="IDS", help="Only these rule ids or id prefixes (comma-separated, repeatable).")
@click.option("--ignore", multiple=True, metavar="IDS", help="Skip these rule ids or id prefixes (comma-separated, repeatable).")
@click.option("--fail-on", type=click.Choice([s.value for s in Severity]), default="warning", show_default=True,
              help="Exit 1 when a finding has this severity or worse.")
@click.option("--exit-zero", is_flag=True, help="Coaching mode: report, but always exit 0 (unless an input is unreadable).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@colour_option
@handle_errors
def check(files: tuple[str, ...], lang: str, channel: str | None, to_name: str | None, rule_paths: tuple[str, ...],
          no_plugins: bool, select: tuple[str, ...], ignore: tuple[str, ...], fail_on: str, exit_zero: bool,
          fmt: str, colour: str) -> None:
    """Lint networking-message drafts before you send them.

    Exit status: 0 nothing at or above --fail-on, 1 findings, 2 an input or usage error.
    """
    linter = Linter(rule_paths, plugins=not no_plugins, select=split_ids(select), ignore=split_ids(ignore))
    recipient = Recipient(name=to_name) if to_name else None
    coloured = use_colour(colour)
    style = styler(coloured)
    drafts, errors = read_drafts(expand(files))
    for path, problem in errors:
        if fmt == "text":
            click.echo(f"invite-lint: error: {path}: {problem}", err=True)
    # Linted together: drafts that are copies of one another are found (near-duplicate-draft).
    reports = linter.lint_drafts(drafts, lang, channel, recipient)
    results = [(d.path, r) for d, r in zip(drafts, reports)]
    if fmt == "text":
        for path, report in results:
            click.echo(textual.format_report(path, report, style), color=coloured)
            click.echo()
    if fmt == "json":
        click.echo(machine.dumps(machine.document(results, errors, __version__)))
    if errors:
        sys.exit(EXIT_ERROR)
    threshold = Severity(fail_on)
    if not exit_zero and any(fails(r, threshold) for _, r in results):
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)
