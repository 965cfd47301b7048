"""The language server: pygls over stdio (or loopback TCP for debugging).

Timing rules, so an editor never waits and never sees stale findings:
- the model loads in the background as the process starts: `initialize` answers at once;
- linting runs on one worker thread, in order; the event loop only reads and writes messages;
- a change schedules a lint after `debounce` seconds of quiet; opening and saving lint at once;
- each request to lint carries a generation: the worker skips any that a newer one replaced,
  so a storm of changes costs one lint, not hundreds;
- a result is published only if the document is still open at the version that was linted.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from typing import TYPE_CHECKING

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol

from .._version import __version__
from ..errors import InviteLintError
from .positions import UTF16
from .settings import Settings

if TYPE_CHECKING:  # spaCy and the rules load on the worker thread, after `initialize` has its answer
    from ..coaching import Coach, Suggestion
    from .analysis import Analysis

log = logging.getLogger("invite_lint.lsp")
CONFIG_NAMES = (".invite-lint.yaml", ".invite-lint.yml", "pyproject.toml")  # config.YAML_NAMES, and pyproject
PARENT_POLL_SECONDS = 5.0


def uri_path(uri: str) -> Path | None:
    parsed = urlparse(uri)
    return Path(unquote(parsed.path)) if parsed.scheme == "file" else None


class Protocol(LanguageServerProtocol):
    """pygls, answering a request whose params do not parse (it would log it and never answer,
    leaving the client waiting)."""

    def structure_message(self, data: Any) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if not (isinstance(data, dict) and "id" in data and "method" in data):
                raise
            self._send_response(data["id"], error=lsp.ResponseError(exc.code, f"{exc.message}: {data['method']}"))
            return _Answered()


class _Answered:
    jsonrpc = "answered"  # not "2.0": pygls drops it quietly


class InviteLintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("invite-lint", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental,
                         protocol_cls=Protocol)
        self.settings = Settings()
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="invite-lint-lint")
        self.open: dict[str, str | None] = {}  # uri -> language id, for the documents the client has open
        self.analyses: dict[str, Analysis] = {}
        self.generation: dict[str, int] = {}
        self.tasks: dict[str, asyncio.Task[None]] = {}
        self.coaches: dict[int, Coach] = {}
        self.openers_cache: dict[tuple[str, int | None], list[Suggestion]] = {}
        self.docs_base: str | None = None
        self.on_orphan: Any = self.shutdown  # the command line ends the process instead
        self.loaded = self.worker.submit(self._load)  # before `initialize` arrives

    # -- background work (on the worker thread) ----------------------------------------
    def _load(self) -> None:
        """Read the packs and load the spaCy pipelines once, now, rather than at the first lint."""
        try:
            from ..api import Linter
            from ..config import load_config
            from . import analysis, features  # noqa: F401  (imported here, off the event loop)

            linter = Linter.shared(**load_config(None).linter_options())
            linter.warm_up(("fr", "en"))
            self.docs_base = _rule_docs()
        except Exception:  # a broken installation shows up on the first lint, with its message
            log.exception("warm-up failed")

    def _analyse(self, uri: str, generation: int | None, text: str, version: int | None) -> Analysis | None:
        if generation is not None and self.generation.get(uri) != generation:
            return None  # a newer change replaced this one
        from .analysis import analyse

        return analyse(text, version, uri_path(uri), self.open.get(uri), self.settings)

    def docs_url(self, rule_id: str, link: str | None) -> str:
        if link:
            return link
        if self.docs_base is None:
            self.docs_base = _rule_docs()
        return f"{self.docs_base}#{rule_id}"

    def coach_for(self, analysis: Analysis) -> list[Suggestion]:
        if analysis.linter is None or not self.settings.coach:
            return []
        from ..coaching import Coach

        from . import features

        key = (analysis.text, analysis.version)
        if key not in self.openers_cache:
            coach = self.coaches.get(id(analysis.linter))
            if coach is None:
                coach = self.coaches[id(analysis.linter)] = Coach(analysis.linter)
            self.openers_cache.clear()  # one document's openers at a time is plenty
            self.openers_cache[key] = features.openers_for(coach, analysis)
        return self.openers_cache[key]

    # -- scheduling (on the event loop) --------------------------------------------------
    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or UTF16)

    def schedule(self, uri: str, delay: float) -> None:
        self.generation[uri] = generation = self.generation.get(uri, 0) + 1
        previous = self.tasks.pop(uri, None)
        if previous is not None and not previous.done():
            previous.cancel()
        self.tasks[uri] = asyncio.ensure_future(self._lint_later(uri, generation, delay))

    async def _lint_later(self, uri: str, generation: int, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        if uri not in self.open or self.generation.get(uri) != generation:
            return
        document = self.workspace.get_text_document(uri)
        text, version = document.source, document.version
        loop = asyncio.get_running_loop()
        try:
            analysis = await loop.run_in_executor(self.worker, self._analyse, uri, generation, text, version)
        except Exception as exc:  # a bug of ours: say it, keep serving
            log.exception("lint failed")
            self.window_show_message(lsp.ShowMessageParams(lsp.MessageType.Error, f"invite-lint: {exc}"))
            return
        self.publish(uri, analysis)

    def is_current(self, uri: str, version: int | None) -> bool:
        return uri in self.open and self.workspace.get_text_document(uri).version == version

    def publish(self, uri: str, analysis: Analysis | None) -> None:
        if analysis is None or not self.is_current(uri, analysis.version):
            return  # stale: a newer version is on its way (or the document was closed)
        self.analyses[uri] = analysis
        from . import features

        diagnostics = features.diagnostics(analysis, self.encoding, self.docs_url)
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=analysis.version))

    async def current(self, uri: str) -> Analysis | None:
        """The analysis of the document as it is now (linting it now if a lint is pending)."""
        if uri not in self.open:
            return None
        document = self.workspace.get_text_document(uri)
        known = self.analyses.get(uri)
        if known is not None and known.version == document.version and known.text == document.source:
            return known
        loop = asyncio.get_running_loop()
        analysis = await loop.run_in_executor(self.worker, self._analyse, uri, None, document.source,
                                              document.version)
        self.publish(uri, analysis)
        return analysis

    def run_in_worker(self, function: Any, *args: Any) -> asyncio.Future[Any]:
        return asyncio.get_running_loop().run_in_executor(self.worker, function, *args)

    def close(self, uri: str) -> None:
        self.open.pop(uri, None)
        self.analyses.pop(uri, None)
        self.generation[uri] = self.generation.get(uri, 0) + 1
        task = self.tasks.pop(uri, None)
        if task is not None and not task.done():
            task.cancel()
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def apply_settings(self, raw: Any) -> None:
        try:
            self.settings = self.settings.with_values(raw)
        except InviteLintError as exc:
            self.window_show_message(lsp.ShowMessageParams(lsp.MessageType.Error, f"invite-lint: settings: {exc}"))

    def relint_all(self) -> None:
        self.worker.submit(_forget_linters)  # in order with the lints (the worker owns the cache)
        for uri in list(self.open):
            self.schedule(uri, 0)


def _forget_linters() -> None:
    from .analysis import LINTERS

    LINTERS.forget()


def _rule_docs() -> str:
    """Where the rule reference is: docs/rules.md beside a checkout, else the same reference
    written once per version to the user's cache (it works offline, as the rest does)."""
    checkout = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
    if checkout.is_file():
        return checkout.as_uri()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "invite-lint"
    target = cache / f"rules-{__version__}.md"
    if not target.is_file():
        try:
            from ..api import Linter
            from ..config import load_config
            from ..output.catalogue import markdown_reference

            cache.mkdir(parents=True, exist_ok=True)
            linter = Linter.shared(**load_config(None).linter_options())
            temp = target.with_suffix(f".{os.getpid()}.tmp")
            temp.write_text(markdown_reference(linter.packs.rules) + "\n", encoding="utf-8")
            os.replace(temp, target)
        except OSError:
            pass
    return target.as_uri()


def _watch_parent(server: InviteLintServer, pid: int) -> None:
    """Exit when the editor that started us is gone (it may die without closing our stdin):
    `server.on_orphan`, which the command line sets to end the process."""
    def watch() -> None:
        while True:
            threading.Event().wait(PARENT_POLL_SECONDS)
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                log.warning("the client (pid %s) is gone: exiting", pid)
                server.on_orphan()
                return
            except PermissionError:
                pass  # exists, owned by someone else

    threading.Thread(target=watch, name="invite-lint-parent", daemon=True).start()


def build() -> InviteLintServer:
    server = InviteLintServer()

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: InviteLintServer, params: lsp.InitializeParams) -> None:
        ls.apply_settings(params.initialization_options)
        if params.process_id and params.process_id != os.getpid():
            _watch_parent(ls, params.process_id)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: InviteLintServer, params: lsp.DidOpenTextDocumentParams) -> None:
        document = params.text_document
        if _is_draft(ls, document.uri, document.language_id):
            ls.open[document.uri] = document.language_id
            ls.schedule(document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: InviteLintServer, params: lsp.DidChangeTextDocumentParams) -> None:
        if params.text_document.uri in ls.open:
            ls.schedule(params.text_document.uri, ls.settings.debounce)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: InviteLintServer, params: lsp.DidSaveTextDocumentParams) -> None:
        path = uri_path(params.text_document.uri)
        if path is not None and path.name in CONFIG_NAMES:
            ls.relint_all()  # the project's configuration changed
        elif params.text_document.uri in ls.open:
            ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: InviteLintServer, params: lsp.DidCloseTextDocumentParams) -> None:
        if params.text_document.uri in ls.open:
            ls.close(params.text_document.uri)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def did_change_configuration(ls: InviteLintServer, params: lsp.DidChangeConfigurationParams) -> None:
        ls.apply_settings(params.settings)
        ls.relint_all()

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(code_action_kinds=[
        lsp.CodeActionKind.QuickFix, lsp.CodeActionKind.SourceFixAll, lsp.CodeActionKind.RefactorRewrite]))
    async def code_action(ls: InviteLintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        uri = params.text_document.uri
        analysis = await ls.current(uri)
        if analysis is None:
            return None
        only = params.context.only

        from . import features
        from .analysis import analyse

        def compute() -> list[lsp.CodeAction]:
            def again(text: str) -> Analysis:
                return analyse(text, analysis.version, uri_path(uri), ls.open.get(uri), ls.settings)

            wants_openers = not only or any(str(k).startswith("refactor") for k in only)
            actions = features.code_actions(analysis, uri, ls.encoding, params.range, again,
                                            ls.coach_for if wants_openers else None)
            if only:
                actions = [a for a in actions if any(str(a.kind).startswith(str(k)) for k in only)]
            return actions

        actions = await ls.run_in_worker(compute)
        return actions if ls.is_current(uri, analysis.version) else None

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    async def hover(ls: InviteLintServer, params: lsp.HoverParams) -> lsp.Hover | None:
        from . import features

        analysis = await ls.current(params.text_document.uri)
        return features.hover(analysis, ls.encoding, params.position) if analysis is not None else None

    @server.feature(lsp.TEXT_DOCUMENT_INLAY_HINT)
    async def inlay_hint(ls: InviteLintServer, params: lsp.InlayHintParams) -> list[lsp.InlayHint] | None:
        from . import features

        analysis = await ls.current(params.text_document.uri)
        return features.inlay_hints(analysis, ls.encoding) if analysis is not None else None

    @server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    async def document_symbol(ls: InviteLintServer,
                              params: lsp.DocumentSymbolParams) -> Sequence[lsp.DocumentSymbol] | None:
        from . import features

        analysis = await ls.current(params.text_document.uri)
        if analysis is None:
            return None
        return features.symbols(analysis, ls.encoding, params.text_document.uri.rsplit("/", 1)[-1])

    return server


def _is_draft(ls: InviteLintServer, uri: str, language_id: str | None) -> bool:
    """A draft by its language id, else by its extension (both configurable)."""
    if (language_id or "").lower() in ls.settings.language_ids:
        return True
    path = uri_path(uri) or Path(urlparse(uri).path)
    return path.suffix.lower() in ls.settings.extensions


def serve(tcp: tuple[str, int] | None = None, on_orphan: Any = None) -> None:
    """Run the server until the client exits. `on_orphan`: what to do when the client's
    process is gone without a word (default: stop serving)."""
    server = build()
    if on_orphan is not None:
        server.on_orphan = on_orphan
    if tcp is None:
        server.start_io()
    else:
        server.start_tcp(*tcp)
