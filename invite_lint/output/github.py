"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import InputError, RowError
from ..model import Finding, Report, Severity
from ..text.printable import printable
from .base import Context, OpenStream, Rendered, Stream, StreamingFormat

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


def row_annotation(result: DraftResult, finding: Finding) -> str:
    """A finding of one row of a file of many messages: its positions are in the message,
    not the file, so it points at the row's line and names the row."""
    where = f"file={_escape(result.path, True)}" + (f",line={result.unit.line}" if result.unit.line else "")
    title = _escape(f"{finding.rule_id} ({result.unit.label})" if result.unit.label else finding.rule_id, True)
    return f"::{LEVEL[finding.severity]} {where},title={title}::{_escape(finding.message + ' ' + finding.suggestion)}"


def error_annotation(error: InputError) -> str:
    if isinstance(error, RowError) and error.line is not None:  # a row of a batch: its file and line
        return f"::error file={_escape(error.file, True)},line={error.line}::{_escape(error.problem)}"
    return f"::error file={_escape(error.path, True)}::{_escape(error.problem)}"


def kind_annotation(path: str, report: Report, line: int | None = None, label: str | None = None) -> str:
    """A notice saying what kind of message the draft (or row) was judged as (it decides the rules)."""
    kind = report.kind
    cue = f' by "{kind.cue}"' if kind.source == "detected" and kind.cue else ""
    where = f"file={_escape(path, True)}" + (f",line={line}" if line else "")
    title = _escape(f"message kind ({label})" if label else "message kind", True)
    return f"::notice {where},title={title}::{_escape(f'{kind.kind} ({kind.source}){cue}')}"


def _lines(lines: list[str]) -> Rendered:
    return Rendered("".join(line + "\n" for line in lines))


class GithubStream(OpenStream):
    def add(self, result: DraftResult) -> Rendered:
        if result.positions == "message" and result.unit.row is not None:  # a row: its line, its label
            return _lines([kind_annotation(result.path, result.report, result.unit.line, result.unit.label)]
                          + [row_annotation(result, f) for f in result.report.findings])
        return _lines([kind_annotation(result.path, result.report)]
                      + [annotation(result.path, f) for f in result.report.findings])

    def error(self, error: InputError) -> Rendered:
        return _lines([error_annotation(error)])

class GithubFormatter(StreamingFormat):
    """`--format github`: input errors, then per file its kind (a notice) and its findings."""

    name = "github"
    help = "GitHub Actions annotations"

    def stream(self, context: Context) -> Stream:
        return GithubStream()


FORMATTER = GithubFormatter()
