"""The rule catalogue, generated from the packs (never hand-copied)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from ..kinds import Rule


def rule_summary(rule: Rule) -> dict[str, Any]:
    spec = rule.spec
    return {
        "id": spec.id,
        "kind": spec.kind,
        "severity": spec.severity.value,
        "languages": sorted(spec.languages),
        "channels": sorted(spec.channels),
        "message_kinds": list(spec.message_kinds),  # ["any"], or the message kinds it applies to
        "scope": spec.scope,
        "description": spec.description,
        "rationale": spec.rationale,
        "message": spec.message,
        "suggestion": spec.suggestion,
        "needs": sorted(rule.needs),
        "fixable": spec.fix is not None,
        "link": spec.link,
        "source": str(spec.source),
        "examples": {"flag": [e.text for e in spec.flag_examples], "pass": [e.text for e in spec.pass_examples]},
    }


def markdown_table(rules: Sequence[Rule]) -> str:
    """One row per rule id; languages that share an id are merged in one row."""
    by_id: dict[str, list[Rule]] = defaultdict(list)
    for rule in rules:
        by_id[rule.id].append(rule)
    lines = ["| id | languages | severity | kind | message kinds | fix | flags |", "|---|---|---|---|---|---|---|"]
    for rule_id in sorted(by_id):
        group = by_id[rule_id]
        langs = ", ".join(sorted({lang for r in group for lang in r.spec.languages}))
        severities = "/".join(sorted({r.spec.severity.value for r in group}))
        kinds = "/".join(sorted({r.spec.kind for r in group}))
        description = next((r.spec.description for r in group if "en" in r.spec.languages), group[0].spec.description)
        fixable = "yes" if any(r.spec.fix for r in group) else ""
        messages = message_kinds(group[0])
        lines.append(f"| `{rule_id}` | {langs} | {severities} | {kinds} | {messages} | {fixable} | "
                     f"{description.replace('|', '/')} |")
    return "\n".join(lines)


def message_kinds(rule: Rule) -> str:
    """"all", or the message kinds the rule applies to ("follow_up_after_meeting, thank_you")."""
    kinds = rule.spec.message_kinds
    return "all" if "any" in kinds else ", ".join(kinds)


def rule_detail(rule: Rule) -> str:
    spec = rule.spec
    lines = [
        f"{spec.id}  ({spec.kind}, {spec.severity.value}; languages: {', '.join(sorted(spec.languages))}; "
        f"channels: {', '.join(sorted(spec.channels))}; message kinds: {message_kinds(rule)}; scope: {spec.scope})",
        f"  {spec.description}",
        f"  Why: {spec.rationale}",
        f"  Message: {spec.message}",
        f"  Suggestion: {spec.suggestion}",
    ]
    if rule.needs:
        lines.append(f"  Needs: {', '.join(sorted(rule.needs))}")
    if spec.link:
        lines.append(f"  Docs: {spec.link}")
    lines.append("  Flags:")
    lines += [f"    - {e.text}" for e in spec.flag_examples]
    lines.append("  Passes:")
    lines += [f"    - {e.text}" for e in spec.pass_examples]
    lines.append(f"  Defined in {spec.source}")
    return "\n".join(lines)


def markdown_reference(rules: Sequence[Rule]) -> str:
    """The full reference (docs/rules.md): one section per rule id, every language variant."""
    by_id: dict[str, list[Rule]] = defaultdict(list)
    for rule in rules:
        by_id[rule.id].append(rule)
    out = [
        "# Rule reference",
        "",
        "Generated from the built-in packs by `invite-lint rules list --format reference`; do not edit by hand.",
        "",
        markdown_table(rules),
    ]
    for rule_id in sorted(by_id):
        out += ["", f"## {rule_id}", ""]
        for rule in sorted(by_id[rule_id], key=lambda r: sorted(r.spec.languages)):
            spec = rule.spec
            langs = ", ".join(sorted(spec.languages))
            channels = ", ".join(sorted(spec.channels))
            out += [
                f"**{langs}** · {spec.kind} · {spec.severity.value} · channels: {channels} · "
                f"message kinds: {message_kinds(rule)} · scope: {spec.scope}"
                + (f" · needs: {', '.join(sorted(rule.needs))}" if rule.needs else "")
                + (" · fixable (`--fix`)" if spec.fix else ""),
                "",
                f"{spec.description}",
                "",
                f"*Why:* {spec.rationale}",
                "",
                f"*Message:* {spec.message_for(next(iter(sorted(spec.languages))))}  ",
                f"*Suggestion:* {spec.suggestion_for(next(iter(sorted(spec.languages))))}",
                "",
                "Flagged:",
                "",
                *[f"- {e.text!r}" for e in spec.flag_examples],
                "",
                "Passes:",
                "",
                *[f"- {e.text!r}" for e in spec.pass_examples],
                "",
                f"Defined in `{spec.source.path}`.",
                "",
            ]
    return "\n".join(out).rstrip() + "\n"
