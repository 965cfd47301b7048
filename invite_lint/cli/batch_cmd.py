"""`invite-lint batch`: lint a JSONL or CSV file of any size, one message per row."""

from __future__ import annotations

import dataclasses
import sys
import time
from collections import Counter
from pathlib import Path
from typing import IO, Any

import click

from .. import __version__
from ..api import check_kind, check_lang
from ..batch import Row, done_rows, lint_rows, output_part, read_rows, row_format
from ..errors import RowError, UsageError
from ..model import CHANNELS, Severity
from ..output import registry
from ..output.base import Context, Rendered
from ..text.printable import printable
from .common import (EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, colour_option, fails, handle_errors, kind_option,
                     options_session, plural, rule_selection_options, styler, terminal_width, use_colour)


def count_rows(path: Path, kind: str) -> int:
    """About how many rows the file holds (non-blank lines), for the progress bar's ETA."""
    lines = 0
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            lines += block.count(b"\n")
    return max(lines - (1 if kind == "csv" else 0), 1)


class Progress:
    """click's progress bar, on stderr, only on a terminal; shows rows, rate and ETA."""

    def __init__(self, enabled: bool, total: int) -> None:
        self.enabled = enabled
        self.started = time.monotonic()
        self.rows = 0
        self._bar: Any = None
        if enabled:
            self._bar = click.progressbar(length=total, label="linting", file=sys.stderr, show_eta=True,
                                          show_percent=True, item_show_func=self._describe)
            self._bar.__enter__()

    def _describe(self, _: Any) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        return f"{plural(self.rows, 'row')}, {self.rows / elapsed:,.0f}/s"

    def advance(self) -> None:
        self.rows += 1
        if self._bar is not None:
            self._bar.update(1, current_item=self.rows)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


@click.command("batch")
@click.argument("input_path", metavar="INPUT", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the results here (default: standard output).")
@click.option("--format", "fmt", type=click.Choice(registry.names()), default="jsonl", show_default=True,
              help="jsonl: one JSON line per row, as it comes (what --resume reads); text, github: row by row; "
                   "json, sarif: one document at the end (memory grows with the rows).")
@click.option("--input-format", type=click.Choice(["jsonl", "csv"]), help="Default: from the file name.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes; each loads the model once.")
@click.option("--resume", is_flag=True, help="Skip the rows already in --output (by row number, their ids checked), and append.")
@click.option("--strict", is_flag=True, help="Stop at the first malformed row (default: report it and go on).")
@click.option("--lang", default=None, help="Language of rows without a lang column: fr, en or auto (default).")
@click.option("--channel", type=click.Choice(CHANNELS), default=None, help="Channel of rows without a channel column.")
@kind_option("Message kind of rows without a kind column")
@rule_selection_options
@click.option("--exit-zero", is_flag=True, help="Exit 0 even with findings (still 2 for unreadable rows).")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Use this configuration file.")
@colour_option
@handle_errors
def batch_command(input_path: Path, output: Path | None, input_format: str | None, jobs: int, resume: bool,
                  strict: bool, lang: str | None, channel: str | None, rule_paths: tuple[str, ...],
                  no_plugins: bool | None, select: tuple[str, ...], ignore: tuple[str, ...], fail_on: str | None,
                  exit_zero: bool, progress: bool | None, config_file: str | None, message_kind: str | None,
                  fmt: str, colour: str) -> None:
    """Lint a JSONL or CSV file of messages (any size), writing one JSON line per row, in order.

    Columns: text (or message, body), and optionally id, lang, channel, name (or to), about,
    interest, met, ask, company, gender, previous_companies, kind. Memory stays flat however long the file; --jobs spreads the
    work over processes. A malformed row is reported (on stderr and as an "error" line) and
    the others go on, unless --strict. Rows are not compared with each other here: use
    `check` on the file for near-duplicate drafts. --format text, github, json or sarif
    write the same results in that format instead.

    Exit status: 0 no finding at or above --fail-on, 1 findings, 2 unreadable rows or input,
    141 the reader of the output went away.
    """
    kind = row_format(input_path, input_format)
    if resume and output is None:
        raise UsageError("--resume needs --output (the file to resume)")
    if resume and fmt != "jsonl":
        raise UsageError(f"--resume reads the JSON lines of --output: it cannot resume --format {fmt}")
    # the configuration is found as `check` finds it, the command line over the files
    session = options_session(select, ignore, rule_paths, no_plugins, fail_on, lang, channel, config_file)
    config = session.config(input_path)
    linter, fail_level = session.linter(config), str(config["fail-on"])
    skip = done_rows(output) if resume and output is not None else {}
    rows = read_rows(input_path, kind, done=skip, output=str(output))
    default_lang = check_lang(lang) if lang not in (None, "auto") else None
    given_kind = check_kind(message_kind)

    def defaults(row: Row) -> Row:
        """Rows that say nothing of their language or channel take the command line's."""
        if row.message is None or (row.message.lang and row.message.channel and row.message.kind):
            return row
        message = dataclasses.replace(row.message, lang=row.message.lang or default_lang,
                                      channel=row.message.channel or channel, kind=row.message.kind or given_kind)
        return dataclasses.replace(row, message=message)

    show = progress if progress is not None else sys.stderr.isatty()
    bar = Progress(show, count_rows(input_path, kind) - len(skip) if show else 0)
    sink: IO[str] = open(output, "a" if resume else "w", encoding="utf-8") if output else sys.stdout
    coloured = fmt == "text" and use_colour(colour, sink)  # "always" colours a file too
    context = Context(__version__, linter.rules if fmt == "sarif" else (), styler(coloured), terminal_width(),
                      coloured, input_path=str(input_path))
    stream = registry.get(fmt).stream(context)
    verdicts: Counter[str] = Counter()
    errors = failing = 0
    started = time.monotonic()

    def write(rendered: Rendered) -> None:
        if rendered.out:
            sink.write(rendered.out)

    try:
        for result in lint_rows((defaults(r) for r in rows), linter, jobs=jobs):
            part = output_part(result, input_path)
            bar.advance()
            if isinstance(part, RowError):
                errors += 1
                write(stream.error(part))
                click.echo(f"invite-lint: error: {printable(str(part))}", err=True)  # every format: on stderr
                if strict:
                    break
                continue
            write(stream.add(part))
            assert result.report is not None
            verdicts[result.report.verdict.value] += 1
            failing += fails(result.report, Severity(fail_level))
        write(stream.close())
    finally:
        bar.close()
        if sink is not sys.stdout:
            sink.close()
        else:
            sink.flush()
    _summary(verdicts, errors, len(skip), time.monotonic() - started, strict and errors > 0)
    if errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_OK)


def _summary(verdicts: Counter[str], errors: int, skipped: int, seconds: float, stopped: bool) -> None:
    linted = sum(verdicts.values())
    parts = ", ".join(f"{verdicts[v]:,} {v}" for v in ("ready", "needs-work", "rewrite") if verdicts[v])
    line = f"invite-lint: {plural(linted, 'row')} linted" + (f" ({parts})" if parts else "")
    if errors:
        line += f", {errors:,} unreadable"
    if skipped:
        line += f", {skipped:,} already done (--resume)"
    rate = linted / seconds if seconds > 0 else 0.0
    line += f" in {seconds:.1f} s ({plural(round(rate), 'row')}/s)"
    if stopped:
        line += "; stopped at the first unreadable row (--strict)"
    click.echo(line, err=True)
