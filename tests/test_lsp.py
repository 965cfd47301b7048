"""`invite-lint lsp` end to end: a real client (pytest-lsp) talks to the server over stdio."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the lsp extra is part of the test extras")  # never skipped in CI: installed
import pytest_lsp  # noqa: E402
from lsprotocol import types as lsp  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features  # noqa: E402

from invite_lint.lsp.positions import UTF8, UTF16, UTF32, PositionMap, units  # noqa: E402

SERVER = [sys.executable, "-m", "invite_lint", "lsp"]
DRAFT = "Bonjour 😀 Éloïse, Paul Martin aimerait rejoindre votre réseau. slt\n"
TIMEOUT = 90  # the first lint waits for the model to load on a busy CI machine


def recording_client() -> LanguageClient:
    """pytest-lsp's client, also keeping every publishDiagnostics in order (with its version)."""
    client = LanguageClient()
    client.published = []  # type: ignore[attr-defined]

    def publish(ls: LanguageClient, params: lsp.PublishDiagnosticsParams) -> None:
        ls.diagnostics[params.uri] = params.diagnostics
        ls.published.append(params)  # type: ignore[attr-defined]

    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish})
    return client


CONFIG = ClientServerConfig(server_command=SERVER, client_factory=recording_client)


async def published(client: LanguageClient, uri: str, version: int | None) -> list[lsp.Diagnostic]:
    """Wait for the diagnostics of this version of the document."""
    async def wait() -> list[lsp.Diagnostic]:
        while True:
            for params in reversed(client.published):  # type: ignore[attr-defined]
                if params.uri == uri and params.version == version:
                    return list(params.diagnostics)
            await asyncio.sleep(0.02)
    return await asyncio.wait_for(wait(), TIMEOUT)


def utf16_range(text: str, needle: str) -> lsp.Range:
    """Where `needle` is in `text`, computed independently of the server: UTF-16 code units."""
    start = text.index(needle)
    line = text.count("\n", 0, start)
    line_start = text.rfind("\n", 0, start) + 1
    begin = len(text[line_start:start].encode("utf-16-le")) // 2
    end = begin + len(needle.encode("utf-16-le")) // 2
    return lsp.Range(lsp.Position(line, begin), lsp.Position(line, end))


def apply_edits(text: str, edits: list[lsp.TextEdit], encoding: str = UTF16) -> str:
    positions = PositionMap(text, encoding)
    spans = sorted(((positions.offset(e.range.start.line, e.range.start.character),
                     positions.offset(e.range.end.line, e.range.end.character), e.new_text) for e in edits),
                   reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def by_code(diagnostics: list[lsp.Diagnostic]) -> dict[str, lsp.Diagnostic]:
    return {str(d.code): d for d in diagnostics}


def capabilities(encodings: list[str] | None = None) -> lsp.ClientCapabilities:
    """Neovim's capabilities, offering these position encodings (None: not saying, so UTF-16)."""
    caps = pytest_lsp.client_capabilities("neovim")
    caps.general = lsp.GeneralClientCapabilities(position_encodings=encodings)
    return caps


@pytest_lsp.fixture(config=CONFIG)
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(lsp.InitializeParams(capabilities=capabilities(),
                                                             initialization_options={"debounce": 0.05}))
    yield
    await lsp_client.shutdown_session()


def check_json(path: Path) -> list[tuple[str, int, int]]:
    out = subprocess.run([sys.executable, "-m", "invite_lint", "check", "--no-daemon", "--format", "json", str(path)],
                         capture_output=True, text=True, check=False)
    return sorted((f["rule"], f["start"], f["end"]) for r in json.loads(out.stdout)["files"] for f in r["findings"])


@pytest.mark.asyncio
async def test_open_change_fix_and_coach_end_to_end(client: LanguageClient, tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    uri = draft.as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "text", 1, DRAFT)))
    first = await published(client, uri, 1)
    found = by_code(first)

    # The same findings as `check` on the same file, at exactly the flagged text (UTF-16 units:
    # the emoji before them counts two, the accented letters one each).
    positions = PositionMap(DRAFT, UTF16)
    as_offsets = sorted((str(d.code), positions.offset(d.range.start.line, d.range.start.character),
                         positions.offset(d.range.end.line, d.range.end.character)) for d in first)
    assert as_offsets == check_json(draft)
    assert found["default-invitation-text"].range == utf16_range(DRAFT, "aimerait rejoindre votre réseau")
    assert found["sms-language"].range == utf16_range(DRAFT, "slt")
    assert found["sms-language"].range.start.character == 64  # 63 characters before it, the emoji two units
    sms = found["sms-language"]
    assert sms.severity in (lsp.DiagnosticSeverity.Warning, lsp.DiagnosticSeverity.Information,
                            lsp.DiagnosticSeverity.Error)
    assert found["default-invitation-text"].severity == lsp.DiagnosticSeverity.Error
    assert sms.source == "invite-lint"
    assert sms.code_description is not None and sms.code_description.href.endswith("#sms-language")
    assert "→" in sms.message and "salut" in sms.message  # the suggestion and the safe fix

    # Hover on the flagged span: the rule's rationale and a text that passes.
    hover = await client.text_document_hover_async(lsp.HoverParams(lsp.TextDocumentIdentifier(uri),
                                                                   found["default-invitation-text"].range.start))
    assert hover is not None and "*Why:*" in hover.contents.value and "*Passes" in hover.contents.value

    # Score and verdict: an inlay hint after the first line, and a document symbol.
    hints = await client.text_document_inlay_hint_async(lsp.InlayHintParams(
        lsp.TextDocumentIdentifier(uri), lsp.Range(lsp.Position(0, 0), lsp.Position(2, 0))))
    assert hints and "score 0, rewrite" in str(hints[0].label)
    assert hints[0].position == lsp.Position(0, len(DRAFT.rstrip("\n").encode("utf-16-le")) // 2)
    symbols = await client.text_document_document_symbol_async(
        lsp.DocumentSymbolParams(lsp.TextDocumentIdentifier(uri)))
    assert symbols and "score 0, rewrite" in (symbols[0].detail or "")

    # A change: the server lints the new version, and only publishes for it.
    text2 = DRAFT.replace("Éloïse", "Éloïse  ")
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(version=2, uri=uri), [lsp.TextDocumentContentChangeWholeDocument(text2)]))
    second = by_code(await published(client, uri, 2))
    assert "double-space" in second

    # Code actions on the SMS abbreviation: its fix, all fixes, a suppression, the coach's openers.
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        lsp.TextDocumentIdentifier(uri), second["sms-language"].range,
        lsp.CodeActionContext(diagnostics=[second["sms-language"]])))
    titles = [a.title for a in actions]
    fix = next(a for a in actions if a.title.startswith("Fix sms-language"))
    fix_all = next(a for a in actions if a.kind == lsp.CodeActionKind.SourceFixAll)
    suppress = next(a for a in actions if a.title == "Suppress sms-language in this draft")
    openers = [a for a in actions if a.title.startswith("Insert opener")]
    assert 1 <= len(openers) <= 3, titles

    def edits_of(action: lsp.CodeAction) -> list[lsp.TextEdit]:
        change = action.edit.document_changes[0]
        assert change.text_document.version == 2  # edits are for the version they were computed on
        return list(change.edits)

    assert apply_edits(text2, edits_of(fix)) == text2.replace("slt", "salut")
    assert apply_edits(text2, edits_of(fix_all)) == text2.replace("  ", " ").replace("slt", "salut")
    suppressed = apply_edits(text2, edits_of(suppress))
    assert suppressed.endswith("<!-- invite-lint: disable=sms-language -->\n")
    assert apply_edits(text2, edits_of(openers[0])).endswith(text2)

    # Apply the fix as an editor would, send it, see the diagnostics updated.
    text3 = apply_edits(text2, edits_of(fix))
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(version=3, uri=uri), [lsp.TextDocumentContentChangeWholeDocument(text3)]))
    third = by_code(await published(client, uri, 3))
    assert "sms-language" not in third and "double-space" in third

    # An incremental change (what editors send): remove the doubled space.
    where = utf16_range(text3, "Éloïse  ")
    where.start.character = where.end.character - 2
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(version=4, uri=uri), [lsp.TextDocumentContentChangePartial(where, "")]))
    fourth = by_code(await published(client, uri, 4))
    assert "double-space" not in fourth and "default-invitation-text" in fourth

    # Closing the document clears its diagnostics.
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(uri)))
    await published(client, uri, None)
    assert list(client.diagnostics[uri]) == []


@pytest_lsp.fixture(config=CONFIG)
async def utf8_client(lsp_client: LanguageClient, tmp_path: Path):
    result = await lsp_client.initialize_session(lsp.InitializeParams(
        capabilities=capabilities(["utf-8", "utf-16"]),
        initialization_options={"ignore": ["no-question"], "debounce": 0}))
    lsp_client.init_result = result  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_utf8_settings_and_project_configuration(utf8_client: LanguageClient, tmp_path: Path) -> None:
    client = utf8_client
    assert client.init_result.capabilities.position_encoding == UTF8  # type: ignore[attr-defined]
    folder = tmp_path / "drafts"
    folder.mkdir()
    # (an `ignore:` here would be replaced by the client's `ignore`, as `check --ignore` replaces it)
    (folder / ".invite-lint.yaml").write_text("per-file-ignores:\n  'note.md': [too-short]\n", encoding="utf-8")
    draft = folder / "note.md"
    text = "---\nto: Éloïse Durand\n---\n" + DRAFT
    draft.write_text(text, encoding="utf-8")
    uri = draft.as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "markdown", 1, text)))
    found = by_code(await published(client, uri, 1))
    assert "no-question" not in found  # initializationOptions
    assert "too-short" not in found  # the folder's configuration file, as `check` reads it
    line = DRAFT.encode("utf-8")
    start = line.index("slt".encode())
    assert found["sms-language"].range == lsp.Range(lsp.Position(3, start), lsp.Position(3, start + 3))

    # Saving lints again (the same version: published once more).
    before = sum(1 for p in client.published if p.uri == uri)  # type: ignore[attr-defined]
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(lsp.TextDocumentIdentifier(uri)))
    await asyncio.wait_for(_until(lambda: sum(1 for p in client.published if p.uri == uri) > before),  # type: ignore[attr-defined]
                           TIMEOUT)

    # An e-mail: the findings of `check` on the .eml file, positions in the file (UTF-8 here).
    mail = folder / "outreach.eml"
    mail_text = ("From: Julien <julien@example.org>\nTo: Claire Dubois <claire@example.org>\n"
                 "Subject: Une idée\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
                 "Content-Transfer-Encoding: 8bit\n\nBonjour 🚀,\n\nJe souhaiterais rejoindre votre réseau.\n\nJulien\n")
    mail.write_text(mail_text, encoding="utf-8")
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        lsp.TextDocumentItem(mail.as_uri(), "mail", 1, mail_text)))
    in_mail = await published(client, mail.as_uri(), 1)
    positions = PositionMap(mail_text, UTF8)
    assert sorted((str(d.code), positions.offset(d.range.start.line, d.range.start.character),
                   positions.offset(d.range.end.line, d.range.end.character)) for d in in_mail
                  if d.code != "no-question") == [f for f in check_json(mail) if f[0] != "no-question"]
    assert in_mail

    # The settings change: select only one rule; then a bad setting is refused with a message.
    client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(
        {"invite-lint": {"select": ["sms-language"], "ignore": []}}))
    await asyncio.wait_for(_until(lambda: {str(d.code) for d in client.diagnostics.get(uri, [])} == {"sms-language"}),
                           TIMEOUT)
    client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams({"channel": "pigeon"}))
    await asyncio.wait_for(_until(lambda: any("channel" in m.message for m in client.messages)), TIMEOUT)


async def _until(condition) -> None:  # type: ignore[no-untyped-def]
    while not condition():
        await asyncio.sleep(0.02)


def test_positions_in_every_encoding() -> None:
    text = "é😀a\r\nb😀\rc"
    for encoding, expected in ((UTF16, [(0, 0), (0, 1), (0, 3), (0, 4), (0, 4), (1, 0), (1, 1), (1, 3), (2, 0)]),
                               (UTF8, [(0, 0), (0, 2), (0, 6), (0, 7), (0, 7), (1, 0), (1, 1), (1, 5), (2, 0)]),
                               (UTF32, [(0, 0), (0, 1), (0, 2), (0, 3), (0, 3), (1, 0), (1, 1), (1, 2), (2, 0)])):
        positions = PositionMap(text, encoding)
        offsets = [0, 1, 2, 3, 4, 5, 6, 7, 8]
        assert [positions.position(o) for o in offsets] == expected, encoding
        # back again (the "\r\n" pair has no position of its own between its two characters)
        assert [positions.offset(*p) for p in expected] == [0, 1, 2, 3, 3, 5, 6, 7, 8], encoding
    assert units("😀", UTF16) == 2 and units("😀", UTF8) == 4 and units("😀", UTF32) == 1
    assert PositionMap("ab\ncd").offset(0, 99) == 2  # past the end of a line: its end


def test_a_draft_with_a_byte_order_mark_gets_checks_findings_at_the_editors_offsets(tmp_path: Path) -> None:
    from invite_lint.api import Linter
    from invite_lint.lsp.analysis import analyse
    from invite_lint.lsp.settings import Settings

    draft = tmp_path / "bom.txt"
    text = "\ufeff" + DRAFT
    draft.write_bytes(text.encode("utf-8"))  # `check` reads it as utf-8-sig: the mark is not text
    results, errors = Linter.shared().lint_paths([draft])
    assert not errors
    expected = sorted((f.rule_id, f.start + 1, f.end + 1) for f in results[0].report.findings)
    analysis = analyse(text, 1, draft, "text", Settings())
    assert analysis.result is not None
    assert sorted((f.rule_id, f.start, f.end) for f in analysis.result.report.findings) == expected


def test_settings_from_a_client() -> None:
    from invite_lint.errors import UsageError
    from invite_lint.lsp.settings import Settings

    settings = Settings().with_values({"invite-lint": {"select": "sms-,default-", "ignore": ["too-short"],
                                                       "channel": "email", "lang": "auto", "failOn": "error",
                                                       "debounce": 0.3, "languageIds": ["mail"]}})
    assert settings.select == ("sms-", "default-") and settings.ignore == ("too-short",)
    assert (settings.channel, settings.lang, settings.fail_on, settings.debounce) == ("email", None, "error", 0.3)
    assert settings.language_ids == ("mail",)
    assert settings.overrides() == {"select": ["sms-", "default-"], "ignore": ["too-short"], "channel": "email",
                                    "lang": None, "fail-on": "error"}
    assert Settings().with_values(None) == Settings()
    for bad in ({"channel": "pigeon"}, {"lang": "french"}, {"fail-on": "fatal"}, {"debounce": -1},
                {"select": [1]}, {"coach": "yes"}):
        with pytest.raises(UsageError):
            Settings().with_values(bad)


def test_fail_on_decides_what_the_score_hint_calls_failing(tmp_path: Path) -> None:
    from invite_lint.lsp import features
    from invite_lint.lsp.analysis import analyse
    from invite_lint.lsp.settings import Settings

    draft = tmp_path / "note.txt"
    text = "Bonjour Claire, votre article sur la logistique urbaine m'a appris beaucoup : comment mesurez-vous " \
           "les livraisons à vélo ? Julien  Moreau\n"
    for fail_on, fails in (("info", True), ("error", False)):
        analysis = analyse(text, 1, draft, "text", Settings(fail_on=fail_on))
        label = features.summary(analysis) or ""
        worst = max(f.severity.rank for f in analysis.result.report.findings)  # type: ignore[union-attr]
        assert worst < 3  # no error in this draft, at least the double space (info)
        assert ("check fails" in label) is fails and ("check passes" in label) is (not fails), label
