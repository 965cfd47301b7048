"""JSON output: one documented, versioned schema (docs/json-output.md,
invite_lint/schema/report.schema.json)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..documents.results import DraftResult
from ..errors import InputError
from ..model import Severity, Verdict
from ..text.printable import printable
from .base import Context, DocumentFormat, Rendered

SCHEMA_VERSION = 2  # 2: each file lists its specifics, and its message kind (kind, kind_source, kind_cue)


def report_entry(result: DraftResult) -> dict[str, Any]:
    return {"path": result.path, "label": result.unit.label, "positions": result.positions,
            **result.report.to_dict()}


def document(results: Sequence[DraftResult], errors: Sequence[tuple[str, str]], tool_version: str) -> dict[str, Any]:
    reports = [r.report for r in results]
    findings = [f for r in reports for f in r.findings]
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "invite-lint", "version": tool_version},
        "files": [report_entry(result) for result in results],
        "errors": [{"path": path, "message": message} for path, message in errors],
        "summary": {
            "files": len(results),
            "errors": len(errors),
            "findings": {s.value: sum(1 for f in findings if f.severity == s) for s in Severity},
            "verdicts": {v.value: sum(1 for r in reports if r.verdict == v) for v in Verdict},
        },
    }


def dumps(data: Any) -> str:
    # A lone surrogate (a file name that is not UTF-8) is written as the text "\\xff",
    # as the text output shows it: the document stays valid UTF-8 JSON.
    return json.dumps(printable_data(data), ensure_ascii=False, indent=2)


def printable_data(data: Any) -> Any:
    """`data` with every string (keys too) made printable (text.printable)."""
    if isinstance(data, str):
        return printable(data)
    if isinstance(data, dict):
        return {printable(str(k)): printable_data(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [printable_data(v) for v in data]
    return data


class JsonFormatter(DocumentFormat):
    """`--format json`: the versioned document (docs/json-output.md)."""

    name = "json"
    help = "one JSON document"

    def document(self, results: Sequence[DraftResult], errors: Sequence[InputError],
                 context: Context) -> dict[str, Any]:
        return document(results, [(e.path, e.problem) for e in errors], context.tool_version)

    def render(self, results: Sequence[DraftResult], errors: Sequence[InputError], context: Context) -> Rendered:
        return Rendered(dumps(self.document(results, errors, context)) + "\n")


FORMATTER = JsonFormatter()
