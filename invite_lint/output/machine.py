"""JSON output: one documented, versioned schema (docs/json-output.md,
invite_lint/schema/report.schema.json)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..model import Report, Severity, Verdict

SCHEMA_VERSION = 1


def report_entry(path: str, report: Report) -> dict[str, Any]:
    return {"path": path, **report.to_dict()}


def document(results: Sequence[tuple[str, Report]], errors: Sequence[tuple[str, str]], tool_version: str) -> dict[str, Any]:
    findings = [f for _, r in results for f in r.findings]
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "invite-lint", "version": tool_version},
        "files": [report_entry(path, report) for path, report in results],
        "errors": [{"path": path, "message": message} for path, message in errors],
        "summary": {
            "files": len(results),
            "errors": len(errors),
            "findings": {s.value: sum(1 for f in findings if f.severity == s) for s in Severity},
            "verdicts": {v.value: sum(1 for _, r in results if r.verdict == v) for v in Verdict},
        },
    }


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
