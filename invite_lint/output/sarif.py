"""SARIF 2.1.0 (OASIS): what GitHub code scanning and many editors read.

One run; tool.driver lists the rules that ran (and the tool's own findings), each result
points at its rule by id and index. Positions: lines and columns count Unicode code points,
1-based, the end column exclusive, as SARIF's `unicodeCodePoints` column kind says; charOffset
and charLength count code points too. A report whose positions are those of its message, not
of the file (a row of a CSV or JSONL file), has no region: its row is named in the message.
tests/test_formats.py validates the output against the official schema."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ..engine.tool_findings import TOOL_FINDINGS
from ..errors import RowError
from ..model import Finding, Severity
from ..text.printable import printable
from .base import Context, DocumentFormat, Rendered

if TYPE_CHECKING:
    from ..documents.results import DraftResult
    from ..errors import InputError
    from ..kinds import Rule

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
VERSION = "2.1.0"
INFORMATION_URI = "https://pypi.org/project/invite-lint/"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_TOOL_LEVEL = {"error": "error", "warning/info": "warning"}


def artifact_uri(path: str) -> str:
    """A URI reference for a draft: relative to the current folder when under it (what code
    scanning resolves against the checkout), else an absolute file URI."""
    if path in ("<stdin>", "-"):
        return "stdin"
    target = Path(path)
    try:
        relative = target.resolve().relative_to(Path.cwd().resolve())
        return quote(relative.as_posix(), errors="surrogateescape")
    except ValueError:
        return target.resolve().as_uri() if target.is_absolute() or target.exists() else quote(path)


def _descriptors(rules: Sequence[Rule]) -> list[dict[str, Any]]:
    """One descriptor per rule id (languages that share an id are one rule, described in
    English when it has an English variant), then the tool's own findings."""
    by_id: dict[str, list[Rule]] = {}
    for rule in rules:
        by_id.setdefault(rule.id, []).append(rule)
    out = []
    for rule_id in sorted(by_id):
        group = by_id[rule_id]
        spec = next((r.spec for r in group if "en" in r.spec.languages), group[0].spec)
        descriptor: dict[str, Any] = {
            "id": rule_id,
            "name": "".join(part.capitalize() for part in rule_id.split("-")),
            "shortDescription": {"text": spec.description},
            "fullDescription": {"text": spec.rationale},
            "help": {"text": spec.suggestion_for(sorted(spec.languages)[0])},
            "defaultConfiguration": {"level": LEVEL[max((r.spec.severity for r in group), key=lambda s: s.rank)]},
            "properties": {"kind": spec.kind, "languages": sorted({lang for r in group for lang in r.spec.languages}),
                           "fixable": any(r.spec.fix for r in group)},
        }
        if spec.link:
            descriptor["helpUri"] = spec.link
        out.append(descriptor)
    for tool in TOOL_FINDINGS:
        if tool.id not in by_id:
            out.append({"id": tool.id, "name": "".join(p.capitalize() for p in tool.id.split("-")),
                        "shortDescription": {"text": tool.description}, "fullDescription": {"text": tool.rationale},
                        "defaultConfiguration": {"level": _TOOL_LEVEL.get(tool.severity, "warning")},
                        "properties": {"kind": "tool"}})
    return out


def _region(finding: Finding) -> dict[str, Any]:
    return {"startLine": finding.line, "startColumn": finding.column, "endLine": finding.end_line,
            "endColumn": finding.end_column, "charOffset": finding.start, "charLength": finding.end - finding.start}


def _result(result: DraftResult, finding: Finding, index: dict[str, int],
            rules: list[dict[str, Any]]) -> dict[str, Any]:
    if finding.rule_id not in index:  # a rule not given in the context (a report from elsewhere)
        index[finding.rule_id] = len(rules)
        rules.append({"id": finding.rule_id, "shortDescription": {"text": finding.rule_id}})
    text = finding.message + (f" {finding.suggestion}" if finding.suggestion else "")
    in_file = result.positions == "file"
    if not in_file and result.unit.label:
        text = f"{result.unit.label}: {text}"
    location: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(result.path)}}
    if in_file:
        location["region"] = _region(finding)
    elif result.unit.line:  # a row of a file of many messages: its line (the finding's is in the message)
        location["region"] = {"startLine": result.unit.line}
    entry: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "ruleIndex": index[finding.rule_id],
        "level": LEVEL[finding.severity],
        "message": {"text": printable(text)},
        "locations": [{"physicalLocation": location}],
    }
    if not in_file:
        entry["properties"] = {"label": result.unit.label, "messageRegion": _region(finding)}
    if in_file and finding.fix is not None and finding.fix != finding.text:
        replacement = {"deletedRegion": {"charOffset": finding.start, "charLength": finding.end - finding.start},
                       "insertedContent": {"text": finding.fix}}
        entry["fixes"] = [{"description": {"text": f"Replace with '{finding.fix}'"},
                           "artifactChanges": [{"artifactLocation": {"uri": artifact_uri(result.path)},
                                                "replacements": [replacement]}]}]
    return entry


def _error_location(error: InputError) -> dict[str, Any]:
    if isinstance(error, RowError) and error.line is not None:  # a row of a batch: its file and line
        return {"artifactLocation": {"uri": artifact_uri(error.file)}, "region": {"startLine": error.line}}
    return {"artifactLocation": {"uri": artifact_uri(error.path)}}


def log(results: Sequence[DraftResult], errors: Sequence[InputError], context: Context) -> dict[str, Any]:
    """The SARIF log (a dict ready for json.dumps)."""
    rules = _descriptors(context.rules)
    index = {r["id"]: i for i, r in enumerate(rules)}
    sarif_results = [_result(r, f, index, rules) for r in results for f in r.report.findings]
    artifacts: dict[str, dict[str, Any]] = {}
    for r in results:
        entry = artifacts.setdefault(r.path, {"location": {"uri": artifact_uri(r.path)}, "properties": {"reports": []}})
        report = r.report
        entry["properties"]["reports"].append({
            "label": r.unit.label, "score": report.score, "verdict": report.verdict.value, "lang": report.lang,
            "channel": report.channel, "kind": report.kind.kind, "kindSource": report.kind.source})
    notifications = [{"level": "error", "message": {"text": printable(e.problem)},
                      "locations": [{"physicalLocation": _error_location(e)}]} for e in errors]
    return {
        "$schema": SCHEMA_URI,
        "version": VERSION,
        "runs": [{
            "tool": {"driver": {"name": "invite-lint", "version": context.tool_version,
                                "informationUri": INFORMATION_URI, "rules": rules}},
            "invocations": [{"executionSuccessful": not errors, "toolExecutionNotifications": notifications}],
            "artifacts": list(artifacts.values()),
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }],
    }


class SarifFormatter(DocumentFormat):
    """`--format sarif`: one SARIF 2.1.0 log."""

    name = "sarif"
    help = "SARIF 2.1.0"

    def render(self, results: Sequence[DraftResult], errors: Sequence[InputError], context: Context) -> Rendered:
        return Rendered(json.dumps(log(results, errors, context), ensure_ascii=False, indent=2) + "\n")


FORMATTER = SarifFormatter()
