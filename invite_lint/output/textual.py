"""Human-readable output: `file:line:col`, severity, rule id, message, the offending text
underlined in its line, the suggestion; then score and verdict per file."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from ..model import Finding, Report, Severity, Verdict
from ..text.positions import LineIndex

Style = Callable[..., str]
MAX_LINE_WIDTH = 100
_SEVERITY_COLOUR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
_VERDICT_COLOUR = {Verdict.READY: "green", Verdict.NEEDS_WORK: "yellow", Verdict.REWRITE: "red"}


def plain(text: str, **_: object) -> str:
    return text


def char_width(char: str) -> int:
    if unicodedata.combining(char) or char in "\u200b\u200d\ufe0f":
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _width(text: str) -> int:
    return sum(char_width(c) for c in text)


def excerpt(line: str, start: int, end: int) -> tuple[str, str]:
    """The line (cropped around the span if long) and a caret line under the span.

    Columns count display cells, so the carets line up under wide characters and emoji.
    """
    line = line.replace("\t", " ")
    end = max(min(end, len(line)), start + 1)
    prefix = ""
    if _width(line) > MAX_LINE_WIDTH:
        left = max(0, start - 30)
        right = min(len(line), left + MAX_LINE_WIDTH - 2)
        prefix = "…" if left > 0 else ""
        line = prefix + line[left:right] + ("…" if right < len(line) else "")
        start, end = start - left + len(prefix), min(end, right) - left + len(prefix)
    carets = " " * _width(line[:start]) + "^" * max(1, _width(line[start:end]))
    return line, carets


def format_finding(path: str, finding: Finding, index: LineIndex, style: Style = plain) -> str:
    severity = style(finding.severity.value, fg=_SEVERITY_COLOUR[finding.severity], bold=True)
    head = f"{style(f'{path}:{finding.line}:{finding.column}', bold=True)}: {severity} " \
           f"{style(finding.rule_id, fg='cyan')}  {finding.message}"
    lines = [head]
    if index.line_count >= finding.line and finding.end > finding.start:
        text = index.line_text(finding.line)
        end_col = finding.end_column if finding.end_line == finding.line else len(text) + 1
        shown, carets = excerpt(text, finding.column - 1, end_col - 1)
        gutter = str(finding.line)
        pad = " " * len(gutter)
        more = f" (+{finding.end_line - finding.line} more lines)" if finding.end_line > finding.line else ""
        lines.append(f" {gutter} | {shown}")
        lines.append(f" {pad} | {style(carets, fg=_SEVERITY_COLOUR[finding.severity], bold=True)}{more}")
    if finding.suggestion:
        lines.append(f"   = {style('suggestion', bold=True)}: {finding.suggestion}")
    return "\n".join(lines)


def format_summary(path: str, report: Report, style: Style = plain) -> str:
    verdict = style(report.verdict.value, fg=_VERDICT_COLOUR[report.verdict], bold=True)
    counts = {s: sum(1 for f in report.findings if f.severity == s) for s in Severity}
    # The score and the verdict count rules, not occurrences (three SMS abbreviations are one
    # habit): say so where the two differ, so that "3 errors" and the verdict agree for a reader.
    rules = {s: len({f.rule_id for f in report.findings if f.severity == s}) for s in Severity}
    tally = ", ".join(
        f"{n} {s.value}{'s' if n != 1 else ''}" + (f" ({rules[s]} rule{'s' if rules[s] != 1 else ''})"
                                                  if rules[s] != n else "")
        for s, n in sorted(counts.items(), key=lambda x: -x[0].rank) if n)
    lang = f"{report.lang}{'' if report.lang_source != 'detected' else ' (detected)'}"
    return f"{style(path, bold=True)}: score {report.score}/100, verdict {verdict}" \
           f" — {tally or 'no findings'} [{lang}, {report.channel}]"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    half = (limit - 3) // 2
    return f"{text[:half]} … {text[-half:]}"


def format_specifics(path: str, report: Report, style: Style = plain) -> str | None:
    """What makes the message personal, so that a `ready` verdict says why."""
    if not report.specifics:
        return None
    items = ", ".join(f"'{_short(s.text)}' ({s.kind})" for s in report.specifics)
    return f"{style(path, bold=True)}: {style('specific', fg='green')}: {items}"


def format_report(path: str, report: Report, style: Style = plain) -> str:
    index = LineIndex(report.text)
    blocks = [format_finding(path, f, index, style) for f in report.findings]
    for note in report.notes:
        blocks.append(f"{path}: note: {note}")
    for skipped in report.skipped:
        blocks.append(f"{path}: skipped {skipped.rule_id}: {skipped.reason}")
    specifics = format_specifics(path, report, style)
    if specifics:
        blocks.append(specifics)
    blocks.append(format_summary(path, report, style))
    return "\n".join(blocks)
