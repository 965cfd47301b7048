"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..errors import InputError, RowError
from ..model import Finding, Report, Severity
from ..text.printable import printable
from .base import Context, Rendered, Stream, streamed

if TYPE_CHECKING:
    from ..documents.results import DraftResult

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape(text: str, property_value: bool = False) -> str:
    text = printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def annotation(path: str, finding: Finding) -> str:
    props = (f"file={_escape(path, True)},line={finding.line},col={finding.column},endLine={finding.end_line},"
             f"endColumn={finding.end_column},title={_escape(finding.rule_id, True)}")
    return f"::{LEVEL[finding.severity]} {props}::{_escape(finding.message + ' ' + finding.suggestion)}"


def error_annotation(error: InputError) -> str:
    if isinstance(error, RowError) and error.line is not None:  # a row of a batch: its file and line
        return f"::error file={_escape(error.file, True)},line={error.line}::{_escape(error.problem)}"
    return f"::error file={_escape(error.path, True)}::{_escape(error.problem)}"


def kind_annotation(path: str, report: Report) -> str:
    """A notice saying what kind of message the draft was judged as (it decides the rules)."""
    kind = report.kind
    cue = f' by "{kind.cue}"' if kind.source == "detected" and kind.cue else ""
    return f"::notice file={_escape(path, True)},title=message kind::{_escape(f'{kind.kind} ({kind.source}){cue}')}"


def _lines(lines: list[str]) -> Rendered:
    return Rendered("".join(line + "\n" for line in lines))


class GithubStream:
    def add(self, result: DraftResult) -> Rendered:
        return _lines([kind_annotation(result.path, result.report)]
                      + [annotation(result.path, f) for f in result.report.findings])

    def error(self, error: InputError) -> Rendered:
        return _lines([error_annotation(error)])

    def close(self) -> Rendered:
        return Rendered("")


class GithubFormatter:
    """`--format github`: input errors, then per file its kind (a notice) and its findings."""

    name = "github"
    help = "GitHub Actions annotations"

    def render(self, results: Sequence[DraftResult], errors: Sequence[InputError], context: Context) -> Rendered:
        return streamed(self.stream(context), results, errors)

    def stream(self, context: Context) -> Stream:
        return GithubStream()


FORMATTER = GithubFormatter()
