"""The HTTP API and the page: `pip install "invite-lint[web]"`, then `invite-lint serve --open`.

    POST /v1/lint    {"text": ..., "lang"?, "channel"?, "kind"?, "recipient"?}  -> check --format json
    POST /v1/coach   {"text": ..., "lang"?, "channel"?, "kind"?, "recipient"?}  -> coach --format json
    GET  /v1/rules                                                      -> rules list --format json
    GET  /v1/kinds                                                      -> the message kinds
    GET  /health
    GET  /openapi.json, GET /  (the page; no external resource, so it works offline)

One Linter and one Coach serve every request; linting takes a lock, so concurrent requests
share the loaded model safely. Bodies over `max_body` bytes get 413, malformed JSON 400.
"""

from __future__ import annotations

import asyncio
import copy
import json
import threading
from collections.abc import Mapping
from importlib import resources
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .._version import __version__
from ..api import Linter
from ..coaching import Coach
from ..drafts import Draft
from ..errors import InviteLintError
from ..model import CHANNELS, MESSAGE_KINDS, Recipient
from ..output import registry
from ..output.base import Context
from ..output.catalogue import rule_summary
from ..session import Session

MAX_BODY = 100_000  # bytes
MAX_TEXT = 20_000  # characters: far beyond any invitation, and a bound on the work per request
STATIC = resources.files("invite_lint.web") / "static"
Channel = Literal["linkedin_note", "inmail", "email"]
Kind = Literal["auto", "first_contact", "follow_up_after_meeting", "thank_you", "informational_interview", "job_search",
               "referral_request", "reconnect", "prospecting"]


class RecipientIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str | None = Field(None, max_length=200, description="The recipient's name.")
    about: str | None = Field(None, max_length=500, description="What of theirs you saw or read.")
    interest: str | None = Field(None, max_length=500, description="A shared interest or value.")
    met: str | None = Field(None, max_length=500, description="Where you met, or a mutual contact.")
    ask: str | None = Field(None, max_length=200, description="What you hope for: a coffee, a call.")
    company: str | None = Field(None, max_length=200, description="Where they work now.")
    gender: Literal["f", "m"] | None = Field(None, description="For the greeting's agreement (Chère / Cher).")
    previous_companies: str | None = Field(None, max_length=500,
                                           description="Where they no longer work, separated by ';' or ','.")
    detail: str | None = Field(None, max_length=500, description="What struck you in it (\"les couleurs\").")
    discussed: str | None = Field(None, max_length=500, description="What you talked about when you met.")


class MessageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(..., max_length=MAX_TEXT, description="The draft (a subject line first for an e-mail).")
    lang: Literal["fr", "en", "auto"] | None = Field(None, description="Default: detected.")
    channel: Channel | None = Field(None, description="Default: email if it starts with a subject line, "
                                                      "else linkedin_note.")
    kind: Kind | None = Field(None, description="What the message is for (default: detected from the text).")
    recipient: RecipientIn | None = None

    def kind_or_none(self) -> str | None:
        return None if self.kind in (None, "auto") else self.kind

    def recipient_or_none(self) -> Recipient | None:
        values = self.recipient.model_dump(exclude_none=True) if self.recipient else {}
        return Recipient.from_dict({k: v for k, v in values.items() if v.strip()})

    def lang_or_none(self) -> str | None:
        return None if self.lang in (None, "auto") else self.lang


class BodyLimit:
    """413 for a body over the limit, whether or not it announces its length. The body is
    read here first (it is small by definition), then handed to the application."""

    def __init__(self, app: ASGIApp, limit: int, allowed_hosts: frozenset[str] | None = None) -> None:
        self.app = app
        self.limit = limit
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await _too_large(self.limit, send)
            return
        refused = _foreign(scope, self.allowed_hosts)
        if refused:
            await _error(403, refused, send)
            return
        chunks: list[bytes] = []
        size = 0
        deadline = asyncio.get_running_loop().time() + BODY_TIMEOUT
        while True:
            try:  # a client sending its body byte by byte must not hold a connection for ever
                message = await asyncio.wait_for(receive(), max(0.0, deadline - asyncio.get_running_loop().time()))
            except asyncio.TimeoutError:
                await _error(408, f"request body not received within {BODY_TIMEOUT:g} s", send)
                return
            if message["type"] != "http.request":  # the client went away
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await _too_large(self.limit, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # after the body: wait for the disconnect, as the server would

        await self.app(scope, replay, send)


LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
BODY_TIMEOUT = 10.0  # seconds to receive a request's body


def _host_name(value: str) -> str:
    """`Host` or an origin's host, without port and brackets: "[::1]:8757" -> "::1"."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def _foreign(scope: Scope, allowed: frozenset[str] | None) -> str | None:
    """Why a request is refused, or None. A web page on another site can make the browser
    send requests to 127.0.0.1 (and, by DNS rebinding, under its own host name): the API
    answers only requests addressed to an allowed host, from no origin or its own."""
    if allowed is None:
        return None
    headers = {k.lower(): v for k, v in scope.get("headers") or []}
    host = headers.get(b"host", b"").decode("latin-1")
    if _host_name(host) not in allowed:
        return f"host '{host}' is not served here (allowed: {', '.join(sorted(allowed))})"
    origin = headers.get(b"origin")
    if origin is not None:
        text = origin.decode("latin-1")
        scheme, _, rest = text.partition("://")
        if scheme not in ("http", "https") or rest.lower() != host.lower():
            return f"origin '{text}' is not this page's; cross-site requests are refused"
    return None


async def _error(status: int, problem: str, send: Send) -> None:
    body = json.dumps({"error": problem}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


async def _too_large(limit: int, send: Send) -> None:
    body = json.dumps({"error": f"request body over {limit:,} bytes"}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def channel_limits(linter: Linter) -> dict[str, int]:
    """Characters allowed per channel, read from the rule that enforces them."""
    for rule in linter.rules:
        most = rule.check.limits().get("max")
        if rule.id == "too-long-for-channel" and isinstance(most, Mapping):
            return {k: int(v) for k, v in most.items() if k in CHANNELS}
    return {"linkedin_note": 300}


def _report_schema() -> tuple[dict[str, Any], dict[str, Any]]:
    """The JSON output schema, with its definitions moved where OpenAPI looks for them."""
    schema = json.loads((resources.files("invite_lint") / "schema" / "report.schema.json").read_text("utf-8"))
    definitions = schema.pop("$defs", {})
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    text = json.dumps([schema, definitions]).replace('"#/$defs/', '"#/components/schemas/Report_')
    schema, definitions = json.loads(text)
    return schema, {f"Report_{k}": v for k, v in definitions.items()}


def create_app(linter: Linter | None = None, coach: Coach | None = None, max_body: int = MAX_BODY,
               lock: threading.Lock | None = None, allowed_hosts: frozenset[str] | None = None) -> ASGIApp:
    """The API and page. `lock` is shared with whatever else lints in this process (the warm
    server's command runner): spaCy pipelines and our caches serve one request at a time.
    `allowed_hosts`: the host names requests may be addressed to (`serve --http` gives the
    loopback names and the address it listens on); None accepts any (tests, embedding)."""
    linter = linter or Session().default_linter()
    coach = coach or Coach(linter)
    lock = lock or threading.Lock()
    app = FastAPI(title="invite-lint", version=__version__, docs_url=None, redoc_url=None,
                  description="Lint networking invitations and get personalised openers.")
    report_schema, report_definitions = _report_schema()

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            where = next((e.get("ctx", {}).get("error", "") for e in errors if e.get("type") == "json_invalid"), "")
            return JSONResponse({"error": f"malformed JSON: {where}".rstrip(": ")}, status_code=400)
        details = [{"field": ".".join(str(p) for p in e.get("loc", ()) if p != "body"), "problem": e.get("msg")}
                   for e in errors]
        return JSONResponse({"error": "invalid request", "details": details}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        # FastAPI's own errors (a body that is not UTF-8, JSON nested too deep) in our shape
        problem = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        return JSONResponse({"error": problem}, status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(InviteLintError)
    async def user_error(request: Request, exc: InviteLintError) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=400)

    @app.get("/health")
    def health() -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "rules": len(linter.rules)}

    @app.get("/v1/rules")
    def rules() -> list[dict[str, Any]]:
        return [rule_summary(r) for r in linter.rules]

    @app.get("/v1/kinds")
    def kinds() -> dict[str, Any]:
        return {"kinds": list(MESSAGE_KINDS)}

    @app.get("/v1/channels")
    def channels() -> dict[str, Any]:
        return {"channels": list(CHANNELS), "limits": channel_limits(linter)}

    @app.post("/v1/lint", responses={200: {"description": "The report, as `check --format json`",
                                           "content": {"application/json": {"schema": report_schema}}}})
    def lint(message: MessageIn) -> Response:
        draft = Draft(message.text, "<request>", "utf-8", "\r\n" if "\r\n" in message.text else "\n")
        with lock:
            results, errors = linter.lint_documents([draft], message.lang_or_none(), message.channel,
                                                    message.recipient_or_none(), kind=message.kind_or_none())
        rendered = registry.get("json").render(results, errors, Context(__version__, linter.rules))
        return Response(rendered.out, media_type="application/json")

    @app.post("/v1/coach")
    def coach_endpoint(message: MessageIn) -> list[dict[str, Any]]:
        with lock:
            suggestions = coach.suggest(message.text, message.recipient_or_none(), message.lang_or_none(),
                                        message.channel, kind=message.kind_or_none())
        return [s.to_dict() for s in suggestions]

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(str(STATIC / "index.html"), media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            from fastapi.openapi.utils import get_openapi

            document = get_openapi(title=app.title, version=app.version, description=app.description,
                                   routes=app.routes)
            document.setdefault("components", {}).setdefault("schemas", {}).update(copy.deepcopy(report_definitions))
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return BodyLimit(app, max_body, allowed_hosts)
