"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request."""

from __future__ import annotations

from ..model import Finding, Severity
from ..text.printable import printable

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
