"""Human-readable output: `file:line:col`, severity, rule id, message, the offending text
underlined in its line, the suggestion; then score and verdict per file."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from ..model import Finding, Report, Severity, Verdict
from ..text.positions import LineIndex
from ..text.printable import printable

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


def excerpt(line: str, start: int, end: int, offset: int = 0, length: int | None = None) -> tuple[str, str]:
    """The line (cropped around the span if long) and a caret line under the span.

    Columns count display cells, so the carets line up under wide characters and emoji.
    `line` may be a window of the real line that starts at column `offset` of a line of
    `length` characters: the work per finding stays bounded however long the line.
    """
    length = len(line) + offset if length is None else length
    end = max(min(end, length), start + 1)
    long_line = length > 4 * MAX_LINE_WIDTH or (length > MAX_LINE_WIDTH and _width(line) > MAX_LINE_WIDTH)
    prefix = ""
    if long_line:
        left = max(0, start - 30)
        right = min(length, left + MAX_LINE_WIDTH - 2)
        prefix = "…" if left > 0 else ""
        line = prefix + line[left - offset:right - offset] + ("…" if right < length else "")
        start, end = start - left + len(prefix), min(end, right) - left + len(prefix)
    else:
        start, end = start - offset, end - offset
    line = line.replace("\t", " ")
    carets = " " * _width(line[:start]) + "^" * max(1, _width(line[start:end]))
    return line, carets


def format_finding(path: str, finding: Finding, index: LineIndex, style: Style = plain) -> str:
    path = printable(path)
    severity = style(finding.severity.value, fg=_SEVERITY_COLOUR[finding.severity], bold=True)
    head = f"{style(f'{path}:{finding.line}:{finding.column}', bold=True)}: {severity} " \
           f"{style(finding.rule_id, fg='cyan')}  {finding.message}"
    lines = [head]
    if index.line_count >= finding.line and finding.end > finding.start:
        left = max(0, finding.column - 1 - 30)
        window, length = index.line_window(finding.line, left, left + 4 * MAX_LINE_WIDTH + 1)
        if length <= 4 * MAX_LINE_WIDTH:  # short enough to measure whole
            window, left = index.line_text(finding.line), 0
        end_col = finding.end_column if finding.end_line == finding.line else length + 1
        shown, carets = excerpt(window, finding.column - 1, end_col - 1, left, length)
        gutter = str(finding.line)
        pad = " " * len(gutter)
        more = f" (+{finding.end_line - finding.line} more lines)" if finding.end_line > finding.line else ""
        lines.append(f" {gutter} | {shown}")
        lines.append(f" {pad} | {style(carets, fg=_SEVERITY_COLOUR[finding.severity], bold=True)}{more}")
    if finding.suggestion:
        lines.append(f"   = {style('suggestion', bold=True)}: {finding.suggestion}")
    return "\n".join(lines)


def format_summary(path: str, report: Report, style: Style = plain) -> str:
    path = printable(path)
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
    return f"{style(printable(path), bold=True)}: {style('specific', fg='green')}: {items}"


def format_report(path: str, report: Report, style: Style = plain) -> str:
    index = LineIndex(report.text)
    blocks = [format_finding(path, f, index, style) for f in report.findings]
    for note in report.notes:
        blocks.append(f"{printable(path)}: note: {note}")
    for skipped in report.skipped:
        blocks.append(f"{printable(path)}: skipped {skipped.rule_id}: {skipped.reason}")
    specifics = format_specifics(path, report, style)
    if specifics:
        blocks.append(specifics)
    blocks.append(format_summary(path, report, style))
    return "\n".join(blocks)
