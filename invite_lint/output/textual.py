"""Human-readable output: `file:line:col`, severity, rule id, message, the offending text
underlined in its line, the suggestion; then score and verdict per file."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from ..model import Finding, Report, Severity, Verdict
from ..text.positions import LineIndex
from ..text.printable import printable
from .base import Context, OpenStream, Rendered, Stream, StreamingFormat, Style, plain

if TYPE_CHECKING:
    from ..documents.results import DraftResult
    from ..errors import InputError

__all__ = ["FORMATTER", "Style", "TextFormatter", "excerpt", "format_report", "plain", "plural"]
MAX_LINE_WIDTH = 100  # output to a file or a pipe
MIN_LINE_WIDTH = 20
_SEVERITY_COLOUR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
_VERDICT_COLOUR = {Verdict.READY: "green", Verdict.NEEDS_WORK: "yellow", Verdict.REWRITE: "red"}


def plural(count: int, word: str, many: str | None = None) -> str:
    """"1 rule", "2 rules": counts the user reads agree with their word."""
    return f"{count:,} {word if count == 1 else many or word + 's'}"


def char_width(char: str) -> int:
    if unicodedata.combining(char) or char in "\u200b\u200d\ufe0f":
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _width(text: str) -> int:
    return sum(char_width(c) for c in text)


def excerpt(line: str, start: int, end: int, offset: int = 0, length: int | None = None,
            max_width: int = MAX_LINE_WIDTH) -> tuple[str, str]:
    """The line (cropped around the span to `max_width` display cells if longer) and a
    caret line under the span.

    Columns count display cells, so the carets line up under wide characters and emoji, and
    neither line wraps on a terminal of that width. `line` may be a window of the real line
    that starts at column `offset` of a line of `length` characters: the work per finding
    stays bounded however long the line.
    """
    length = len(line) + offset if length is None else length
    end = max(min(end, length), start + 1)
    max_width = max(MIN_LINE_WIDTH, max_width)
    long_line = length > 4 * MAX_LINE_WIDTH or (length > max_width and _width(line) > max_width)
    prefix = ""
    if long_line:
        context = min(30, max_width // 3)  # cells kept before the span
        local = start - offset
        left, seen = local, 0
        while left > 0 and seen + char_width(line[left - 1]) <= context:
            left -= 1
            seen += char_width(line[left])
        prefix = "…" if left + offset > 0 else ""
        budget = max_width - len(prefix) - 1  # one cell for a closing "…"
        right, seen = left, 0
        while right < len(line) and seen + char_width(line[right]) <= budget:
            seen += char_width(line[right])
            right += 1
        line = prefix + line[left:right] + ("…" if right + offset < length else "")
        start, end = local - left + len(prefix), min(end - offset, right) - left + len(prefix)
    else:
        start, end = start - offset, end - offset
    line = line.replace("\t", " ")
    carets = " " * _width(line[:start]) + "^" * max(1, _width(line[start:end]))
    return line, carets


def format_finding(path: str, finding: Finding, index: LineIndex, style: Style = plain,
                   width: int = MAX_LINE_WIDTH) -> str:
    """`width`: the terminal's; the excerpt and its carets fit in it, gutter included."""
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
        gutter = str(finding.line)
        shown, carets = excerpt(window, finding.column - 1, end_col - 1, left, length, width - len(gutter) - 4)
        pad = " " * len(gutter)
        more = f" (+{plural(finding.end_line - finding.line, 'more line')})" if finding.end_line > finding.line else ""
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
           f" — {tally or 'no findings'} [{lang}, {report.channel}, {describe_kind(report)}]"


def describe_kind(report: Report) -> str:
    """'thank_you (detected) by "merci encore pour"', 'first_contact (given)'."""
    kind = report.kind
    cue = f' by "{kind.cue}"' if kind.source == "detected" and kind.cue else ""
    return f"{kind.kind} ({kind.source}){cue}"


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


def format_report(path: str, report: Report, style: Style = plain, width: int = MAX_LINE_WIDTH) -> str:
    index = LineIndex(report.text)
    blocks = [format_finding(path, f, index, style, width) for f in report.findings]
    for note in report.notes:
        blocks.append(f"{printable(path)}: note: {note}")
    for skipped in report.skipped:
        blocks.append(f"{printable(path)}: skipped {skipped.rule_id}: {skipped.reason}")
    specifics = format_specifics(path, report, style)
    if specifics:
        blocks.append(specifics)
    blocks.append(format_summary(path, report, style))
    return "\n".join(blocks)


class TextStream(OpenStream):
    def __init__(self, context: Context) -> None:
        self.context = context

    def add(self, result: DraftResult) -> Rendered:
        text = format_report(result.display, result.report, self.context.style, width=self.context.width)
        return Rendered(text + "\n\n", coloured=self.context.colour)

    def error(self, error: InputError) -> Rendered:
        return Rendered("", f"invite-lint: error: {printable(str(error))}\n")


class TextFormatter(StreamingFormat):
    """`--format text`: each file's report then a blank line; input errors on stderr."""

    name = "text"
    help = "for people"

    def stream(self, context: Context) -> Stream:
        return TextStream(context)


FORMATTER = TextFormatter()
