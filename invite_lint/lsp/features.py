"""An Analysis as LSP answers: diagnostics, code actions, hover, inlay hints, symbols.

Pure functions of (analysis, request): the server decides when to call them."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from lsprotocol import types as lsp

from ..coaching import Coach, Suggestion
from ..documents.formats import SUPPRESSION
from ..engine.fixes import apply_fixes
from ..kinds import Rule
from ..model import Finding, Severity
from .analysis import Analysis
from .positions import PositionMap

SOURCE = "invite-lint"
INPUT_ERROR = "input-error"
MAX_FIX_ROUNDS = 5  # as `check --fix`: a fix can reveal another
SEVERITY = {Severity.ERROR: lsp.DiagnosticSeverity.Error, Severity.WARNING: lsp.DiagnosticSeverity.Warning,
            Severity.INFO: lsp.DiagnosticSeverity.Information}
_WHERE_LINE = re.compile(r":(\d+)$")


def _range(positions: PositionMap, start: int, end: int) -> lsp.Range:
    line, character = positions.position(start)
    end_line, end_character = positions.position(end)
    return lsp.Range(lsp.Position(line, character), lsp.Position(end_line, end_character))


def findings(analysis: Analysis) -> tuple[Finding, ...]:
    return analysis.result.report.findings if analysis.result is not None else ()


def finding_range(analysis: Analysis, finding: Finding, positions: PositionMap) -> lsp.Range:
    if analysis.file_positions:
        return _range(positions, finding.start, finding.end)
    # Positions in a decoded e-mail body (quoted-printable, base64): not offsets in this file.
    # Where the flagged text appears as it is after the headers, point there; else at the top.
    body = analysis.text.find("\n\n")
    at = analysis.text.find(finding.text, max(body, 0)) if finding.text else -1
    return _range(positions, at, at + len(finding.text)) if at >= 0 else _range(positions, 0, 0)


def diagnostic_message(finding: Finding) -> str:
    text = finding.message
    if finding.suggestion:
        text += f"\n→ {finding.suggestion}"
    if finding.fix is not None and finding.fix != finding.text:
        text += f"\n(safe fix: {finding.text!r} → {finding.fix!r})"
    return text


def diagnostics(analysis: Analysis, encoding: str, docs_url: Callable[[str, str | None], str]) -> list[lsp.Diagnostic]:
    positions = PositionMap(analysis.text, encoding)
    out: list[lsp.Diagnostic] = []
    if analysis.problem:
        out.append(lsp.Diagnostic(_range(positions, 0, 0), f"invite-lint: {analysis.problem}",
                                  lsp.DiagnosticSeverity.Error, code="configuration", source=SOURCE))
    for error in analysis.errors:
        found = _WHERE_LINE.search(error.path)
        line = int(found.group(1)) - 1 if found else 0
        start = positions.offset(line, 0)
        end = positions.offset(line, 1 << 30)
        out.append(lsp.Diagnostic(_range(positions, start, end), error.problem, lsp.DiagnosticSeverity.Error,
                                  code=INPUT_ERROR, source=SOURCE))
    for index, finding in enumerate(findings(analysis)):
        tags = [lsp.DiagnosticTag.Unnecessary] if finding.rule_id == "unused-suppression" else None
        out.append(lsp.Diagnostic(
            finding_range(analysis, finding, positions), diagnostic_message(finding), SEVERITY[finding.severity],
            code=finding.rule_id, code_description=lsp.CodeDescription(href=docs_url(finding.rule_id, finding.link)),
            source=SOURCE, tags=tags, data={"index": index, "version": analysis.version}))
    return out


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    def key(p: lsp.Position) -> tuple[int, int]:
        return p.line, p.character
    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def _edit(uri: str, version: int | None, edits: list[lsp.TextEdit]) -> lsp.WorkspaceEdit:
    return lsp.WorkspaceEdit(document_changes=[lsp.TextDocumentEdit(
        lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version), edits)])


def changed_region(old: str, new: str) -> tuple[int, int, str]:
    """The smallest (start, end, replacement) that turns `old` into `new`."""
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old, end_new = end_old - 1, end_new - 1
    return start, end_old, new[start:end_new]


def fixed_text(analysis: Analysis, lint_again: Callable[[str], Analysis]) -> str:
    """The text with every safe fix applied, as `check --fix` does (a fix can reveal another)."""
    text, current = analysis.text, analysis
    for _ in range(MAX_FIX_ROUNDS):
        text, applied = apply_fixes(text, findings(current))
        if not applied:
            break
        current = lint_again(text)
        if not current.file_positions:
            break
    return text


def _suppression_edit(analysis: Analysis, rule_id: str, positions: PositionMap) -> lsp.TextEdit:
    """Add the rule to the draft's suppression comment, or write one at the end of the draft."""
    existing = list(SUPPRESSION.finditer(analysis.text))
    if existing:
        at = existing[-1].end(1)
        return lsp.TextEdit(_range(positions, at, at), f", {rule_id}")
    text = analysis.text
    at = len(text)
    lead = "" if not text or text.endswith("\n") else "\n"
    return lsp.TextEdit(_range(positions, at, at), f"{lead}<!-- invite-lint: disable={rule_id} -->\n")


def message_start(analysis: Analysis) -> int:
    """Where the message begins in the file (after front matter and headers)."""
    if analysis.result is None:
        return 0
    segments = [s for s in analysis.result.unit.source_map.segments if s.length]
    start = segments[0].file_start if segments else 0
    return start if analysis.file_positions else 0


def code_actions(analysis: Analysis, uri: str, encoding: str, request: lsp.Range,
                 lint_again: Callable[[str], Analysis],
                 openers: Callable[[Analysis], Sequence[Suggestion]] | None) -> list[lsp.CodeAction]:
    if analysis.result is None or not analysis.file_positions:
        return []
    positions = PositionMap(analysis.text, encoding)
    version = analysis.version
    actions: list[lsp.CodeAction] = []
    here = [(f, finding_range(analysis, f, positions)) for f in findings(analysis)]
    here = [(f, r) for f, r in here if _overlaps(r, request)]
    writable = analysis.result.unit.writable
    for finding, where in here:
        if finding.fix is not None and finding.fix != finding.text:
            actions.append(lsp.CodeAction(
                f"Fix {finding.rule_id}: {finding.text!r} → {finding.fix!r}", lsp.CodeActionKind.QuickFix,
                edit=_edit(uri, version, [lsp.TextEdit(where, finding.fix)]), is_preferred=True))
    if any(f.fix is not None and f.fix != f.text for f in findings(analysis)):
        new = fixed_text(analysis, lint_again)
        if new != analysis.text:
            start, end, replacement = changed_region(analysis.text, new)
            actions.append(lsp.CodeAction(
                "Apply all safe fixes (invite-lint)", lsp.CodeActionKind.SourceFixAll,
                edit=_edit(uri, version, [lsp.TextEdit(_range(positions, start, end), replacement)])))
    if writable:
        for rule_id in sorted({f.rule_id for f, _ in here if f.rule_id != "unused-suppression"}):
            actions.append(lsp.CodeAction(
                f"Suppress {rule_id} in this draft", lsp.CodeActionKind.QuickFix,
                edit=_edit(uri, version, [_suppression_edit(analysis, rule_id, positions)])))
        if openers is not None:
            at = message_start(analysis)
            for suggestion in openers(analysis):
                label = suggestion.text if len(suggestion.text) <= 70 else suggestion.text[:69] + "…"
                slots = "" if suggestion.complete else " (fill in the [slots])"
                actions.append(lsp.CodeAction(
                    f"Insert opener {suggestion.rank}{slots}: {label}", lsp.CodeActionKind.RefactorRewrite,
                    edit=_edit(uri, version, [lsp.TextEdit(_range(positions, at, at), suggestion.text.strip() + "\n\n")])))
    return actions


def openers_for(coach: Coach, analysis: Analysis) -> list[Suggestion]:
    """The coach's top three openers for this draft, with its front matter's facts."""
    if analysis.result is None:
        return []
    unit, report = analysis.result.unit, analysis.result.report
    return coach.suggest(unit.text, unit.recipient, report.lang, report.channel)


def rule_for(rules: Sequence[Rule], rule_id: str, lang: str) -> Rule | None:
    candidates = [r for r in rules if r.id == rule_id]
    for rule in candidates:
        if lang in rule.spec.languages:
            return rule
    return candidates[0] if candidates else None


def hover(analysis: Analysis, encoding: str, at: lsp.Position) -> lsp.Hover | None:
    if analysis.result is None or analysis.linter is None:
        return None
    positions = PositionMap(analysis.text, encoding)
    point = lsp.Range(at, at)
    lang = analysis.result.report.lang
    parts: list[str] = []
    first: lsp.Range | None = None
    for finding in findings(analysis):
        where = finding_range(analysis, finding, positions)
        if not _overlaps(where, point):
            continue
        first = first or where
        rule = rule_for(analysis.linter.rules, finding.rule_id, lang)
        lines = [f"**{finding.rule_id}** ({finding.severity.value}): {finding.message}", ""]
        if rule is not None:
            lines += [f"*Why:* {rule.spec.rationale}", ""]
        lines += [f"*Suggestion:* {finding.suggestion}"]
        if rule is not None:
            passes = [e for e in rule.spec.pass_examples if e.lang in (None, lang)] or list(rule.spec.pass_examples)
            if passes:
                lines += ["", "*Passes, for example:*", "", f"> {passes[0].text}"]
        parts.append("\n".join(lines))
    if not parts:
        return None
    return lsp.Hover(lsp.MarkupContent(lsp.MarkupKind.Markdown, "\n\n---\n\n".join(parts)), first)


def summary(analysis: Analysis) -> str | None:
    """"score 55, needs-work" (and whether `check` would fail on it)."""
    if analysis.result is None:
        return None
    report = analysis.result.report
    text = f"score {report.score}, {report.verdict.value}"
    if analysis.config is not None:
        fail_on = Severity(analysis.config["fail-on"])
        failing = sum(1 for f in report.findings if f.severity.rank >= fail_on.rank)
        text += f" — check fails ({failing} at {fail_on.value} or worse)" if failing else " — check passes"
    return text


def inlay_hints(analysis: Analysis, encoding: str) -> list[lsp.InlayHint]:
    label = summary(analysis)
    if label is None:
        return []
    positions = PositionMap(analysis.text, encoding)
    line, _ = positions.position(message_start(analysis))
    end = positions.offset(line, 1 << 30)
    _, character = positions.position(end)
    return [lsp.InlayHint(lsp.Position(line, character), f"  {label}", padding_left=True)]


def symbols(analysis: Analysis, encoding: str, name: str) -> list[lsp.DocumentSymbol]:
    label = summary(analysis)
    if label is None:
        return []
    positions = PositionMap(analysis.text, encoding)
    whole = _range(positions, 0, len(analysis.text))
    start = message_start(analysis)
    first_line = _range(positions, start, positions.offset(positions.position(start)[0], 1 << 30))
    children = [lsp.DocumentSymbol(f.rule_id, lsp.SymbolKind.Key, finding_range(analysis, f, positions),
                                   finding_range(analysis, f, positions), detail=f.severity.value)
                for f in findings(analysis)]
    return [lsp.DocumentSymbol(Path(name).name or "draft", lsp.SymbolKind.File, whole, first_line,
                               detail=label, children=children)]

