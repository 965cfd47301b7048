"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..model import Finding, Report, Severity
from ..text.printable import printable
from .base import Context, Rendered

if TYPE_CHECKING:
    from ..documents.results import DraftResult
    from ..errors import InputError

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


def error_annotation(path: str, problem: str) -> str:
    return f"::error file={_escape(path, True)}::{_escape(problem)}"


def kind_annotation(path: str, report: Report) -> str:
    """A notice saying what kind of message the draft was judged as (it decides the rules)."""
    kind = report.kind
    cue = f' by "{kind.cue}"' if kind.source == "detected" and kind.cue else ""
    return f"::notice file={_escape(path, True)},title=message kind::{_escape(f'{kind.kind} ({kind.source}){cue}')}"


class GithubFormatter:
    """`--format github`: input errors, then per file its kind (a notice) and its findings."""

    name = "github"
    help = "GitHub Actions annotations"

    def render(self, results: Sequence[DraftResult], errors: Sequence[InputError], context: Context) -> Rendered:
        lines = [error_annotation(e.path, e.problem) for e in errors]
        for result in results:
            lines.append(kind_annotation(result.path, result.report))
            lines += [annotation(result.path, f) for f in result.report.findings]
        return Rendered("".join(line + "\n" for line in lines))


FORMATTER = GithubFormatter()
