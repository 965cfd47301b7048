"""Findings the tool itself reports, not a rule pack: they are in the catalogue all the
same (`invite-lint rules list/show`, the README), so that every id a report can hold is
explained."""

from __future__ import annotations

from dataclasses import dataclass

EMPTY_MESSAGE = "empty-message"
UNUSED_SUPPRESSION = "unused-suppression"


@dataclass(frozen=True)
class ToolFinding:
    id: str
    severity: str  # as shown in the catalogue: "error", or "warning/info" when it depends
    description: str
    rationale: str
    when: str  # what reports it, and with which severity


TOOL_FINDINGS: tuple[ToolFinding, ...] = (
    ToolFinding(
        EMPTY_MESSAGE, "error",
        "The message is empty: there is nothing to send.",
        "An empty draft is not an input error for the library (a form field may be empty); its report says "
        "what to write, and no rule runs on it.",
        "Any empty message (a file with a front matter only, an empty row, an empty request). Verdict: rewrite."),
    ToolFinding(
        UNUSED_SUPPRESSION, "warning/info",
        "A suppression (`<!-- invite-lint: disable=... -->`, or `ignore:` in the front matter) that suppresses nothing.",
        "A suppression that names no known rule is a typo: the finding it meant to hide still shows, or a "
        "later one is hidden without anyone noticing. One that suppresses nothing today hides the next "
        "real finding of that rule.",
        "A warning when the id is no rule of the catalogue; info when the rule did not fire on the draft, or "
        "is already off for it (configuration, --ignore/--select, per-file ignores): true, but harmless."),
)

TOOL_FINDING_IDS = frozenset(f.id for f in TOOL_FINDINGS)


def markdown_table() -> str:
    lines = ["| id | severity | reported when |", "|---|---|---|"]
    for finding in TOOL_FINDINGS:
        lines.append(f"| `{finding.id}` | {finding.severity} | {finding.description} {finding.when} |")
    return "\n".join(lines)


def detail(finding: ToolFinding) -> str:
    return "\n".join([
        f"{finding.id}  (reported by invite-lint itself, not a rule pack; {finding.severity})",
        f"  {finding.description}",
        f"  Why: {finding.rationale}",
        f"  When: {finding.when}",
    ])
