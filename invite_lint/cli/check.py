"""`invite-lint check`: lint drafts (files, folders, or - for stdin), optionally fix them."""

from __future__ import annotations

import difflib
import functools
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import click

from .. import __version__
from ..api import Linter, check_channel, check_kind, check_lang
from ..config import Config, config_folder, find_config, load_config
from ..documents.results import DraftResult
from ..drafts import Draft, write_draft
from ..engine.fixes import apply_fixes
from ..text.printable import printable
from ..errors import InputError
from ..model import CHANNELS, MAX_MESSAGE_CHARS, Recipient, Severity
from ..output import github, machine, statistics, textual
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
    rule_selection_options,
    split_ids,
    styler,
    terminal_width,
    use_colour,
)

DRAFT_SUFFIXES = (".txt", ".md", ".markdown", ".eml", ".text", ".jsonl", ".ndjson", ".csv")
MAX_FIX_ROUNDS = 5  # a fix can reveal another (two spaces, then the space before ":")


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


class Session:
    """Drafts grouped by the configuration that applies to them; one Linter per configuration
    (Linter.shared; the spaCy model itself is loaded once per process whatever the number of
    Linters)."""

    @classmethod
    def from_options(cls, select: tuple[str, ...], ignore: tuple[str, ...], rule_paths: tuple[str, ...],
                     no_plugins: bool | None, fail_on: str | None, lang: str | None, channel: str | None,
                     config_file: str | None, template: bool | None = None) -> Session:
        """The session for the options `check` and `batch` share (command line over files)."""
        overrides = {"select": split_ids(select), "ignore": split_ids(ignore), "rules": list(rule_paths),
                     "plugins": False if no_plugins else None, "fail-on": fail_on, "template": template,
                     "lang": check_lang(lang),
                     "channel": check_channel(channel)}
        return cls(overrides, config_file)

    def __init__(self, overrides: dict[str, Any], config_file: str | None) -> None:
        self.overrides = overrides
        # One Config object per configuration: drafts are grouped (and compared) by it.
        self.explicit = load_config(Path(config_file)).with_overrides(overrides) if config_file else None
        self._configs: dict[Path | None, Config] = {}
        self._by_folder: dict[Path, Config] = {}

    def config(self, path: str) -> Config:
        if self.explicit is not None:
            return self.explicit
        folder = config_folder(path)
        if folder not in self._by_folder:
            base = load_config(find_config(folder))
            self._by_folder[folder] = self._configs.setdefault(base.path, base.with_overrides(self.overrides))
        return self._by_folder[folder]

    @staticmethod
    def linter(config: Config) -> Linter:
        return Linter.shared(**config.linter_options())  # cached per process by its options


def _read_all(paths: list[str]) -> tuple[list[Draft], list[InputError]]:
    drafts, errors = [], []
    for path in paths:
        try:
            drafts.append(read_input(path))
        except InputError as exc:
            errors.append(exc)
    return drafts, errors


def _lint(session: Session, drafts: list[Draft], lang: str | None, channel: str | None, recipient: Recipient | None,
          template: bool, fields: dict[str, str],
          kind: str | None = None) -> tuple[list[DraftResult], list[InputError], dict[str, Config]]:
    groups: dict[int, list[Draft]] = defaultdict(list)
    configs: dict[int, Config] = {}
    for draft in drafts:
        config = session.config(draft.path if draft.path != "<stdin>" else "-")
        configs.setdefault(id(config), config)
        groups[id(config)].append(draft)
    results: list[DraftResult] = []
    errors: list[InputError] = []
    by_path: dict[str, Config] = {}
    for key, members in groups.items():
        config = configs[key]
        ignored = {d.path: config.ignored_for(d.path) for d in members if d.path != "<stdin>"}
        found, problems = session.linter(config).lint_documents(
            members, lang, channel, recipient, template or config["template"], fields, ignored, kind)
        results += found
        errors += problems
        by_path.update({d.path: config for d in members})
    order = {d.path: i for i, d in enumerate(drafts)}
    results.sort(key=lambda r: order.get(r.path, 0))
    return results, errors, by_path


def _fix(drafts: list[Draft], results: list[DraftResult], write: bool, show_diff: bool,
         lint_again: Any) -> dict[str, str]:
    """Apply rules' safe fixes to the drafts that can take them; returns path -> fixed text."""
    fixed: dict[str, str] = {}
    by_path = {d.path: d for d in drafts}
    for result in results:
        draft = by_path.get(result.path)
        if draft is None or not result.unit.writable or result.positions != "file":
            continue  # standard input is fixed too: `--fix -` prints the fixed text, `--diff -` the diff
        text = draft.text
        findings = result.report.findings
        previous = None
        for _ in range(MAX_FIX_ROUNDS):
            new_text, applied = apply_fixes(text, findings)
            if not applied:
                break
            # A round must leave less to fix (fixes that re-create their match slip past the
            # check at load, e.g. two rules feeding each other): else stop, keep the last text.
            if previous is not None and applied > previous or len(new_text) > MAX_MESSAGE_CHARS:
                click.echo(f"invite-lint: warning: {printable(draft.path)}: fixes stopped after a round that found more to "
                           "fix (a rule's fix re-creates what it fixes)", err=True)
                break
            text, previous = new_text, applied
            findings = lint_again(draft, text).report.findings
        if text != draft.text:
            fixed[draft.path] = text
            if show_diff:
                click.echo("".join(difflib.unified_diff(
                    draft.text.splitlines(keepends=True), text.splitlines(keepends=True),
                    fromfile=f"a/{draft.path}", tofile=f"b/{draft.path}")), nl=False)
            if write and draft.path != "<stdin>":
                write_draft(draft, text)
    return fixed


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
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True)
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

    Exit status: 0 nothing at or above --fail-on, 1 findings, 2 an input or usage error.
    """
    # `--fix -`, as black and ruff do: the fixed text on standard output, the report on stderr.
    fix_stdin = fix and not show_diff and "-" in files
    if fix_stdin and len(files) > 1:
        raise click.UsageError("--fix with - reads one draft from standard input and prints it fixed: "
                               "give no other file")
    session = Session.from_options(select, ignore, rule_paths, no_plugins, fail_on, lang, channel, config_file,
                                   template=template)
    recipient = Recipient(name=to_name) if to_name else None
    field_values = parse_fields(fields)
    drafts, errors = _read_all(expand(files))
    # every lint of this run (the first, and those after fixes) with the same options
    lint_these = functools.partial(_lint, session, lang=check_lang(lang), channel=channel, recipient=recipient,
                                   template=bool(template), fields=field_values, kind=check_kind(message_kind))
    results, problems, configs = lint_these(drafts)
    errors += problems

    if fix or show_diff:
        def lint_again(draft: Draft, text: str) -> DraftResult:
            found, _, _ = lint_these([Draft(text, draft.path, draft.encoding, draft.newline)])
            return found[0]

        fixed = _fix(drafts, results, write=fix and not show_diff, show_diff=show_diff, lint_again=lint_again)
        if fix_stdin:
            click.echo("".join(fixed.get(d.path, d.text) for d in drafts), nl=False)
        if fix and not show_diff and fixed:
            fixed_drafts = [Draft(fixed.get(d.path, d.text), d.path, d.encoding, d.newline) for d in drafts]
            results, _, configs = lint_these(fixed_drafts)
            if fmt == "text":
                click.echo(f"fixed {plural(len(fixed), 'draft')}: {printable(', '.join(sorted(fixed)))}", err=True)

    _output(results, errors, fmt, colour, to_stderr=fix_stdin)
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


def _output(results: list[DraftResult], errors: list[InputError], fmt: str, colour: str,
            to_stderr: bool = False) -> None:
    """The report on standard output (on stderr when stdout carries the fixed text)."""
    if fmt == "json":
        click.echo(machine.dumps(machine.document(results, [(e.path, e.problem) for e in errors], __version__)),
                   err=to_stderr)
        return
    if fmt == "github":
        for error in errors:
            click.echo(github.error_annotation(error.path, error.problem), err=to_stderr)
        for result in results:
            click.echo(github.kind_annotation(result.path, result.report))
            for finding in result.report.findings:
                click.echo(github.annotation(result.path, finding), err=to_stderr)
        return
    coloured = use_colour(colour, sys.stderr if to_stderr else None)
    style = styler(coloured)
    for error in errors:
        click.echo(f"invite-lint: error: {printable(str(error))}", err=True)
    for result in results:
        click.echo(textual.format_report(result.display, result.report, style, width=terminal_width()),
                   color=coloured, err=to_stderr)
        click.echo(err=to_stderr)

