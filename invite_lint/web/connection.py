"""A deadline for a request's headers, which uvicorn does not have (issue 11, item 17).

uvicorn closes a connection that sends nothing (its keep-alive timeout), but any byte
resets that timer: a client sending its headers one byte a second holds a connection for
as long as it likes, and 64 of them (the concurrency limit) make every other request a 503.
Here each request's headers must be complete within HEADER_TIMEOUT seconds of the
connection (or of the previous response, on a kept-alive connection); else the client gets
408 and the connection is closed. The body has its own deadline (web.app.BODY_TIMEOUT).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT = 10.0  # seconds for a request line and its headers
KEEP_ALIVE = 5.0  # seconds an idle kept-alive connection stays open
MAX_CONNECTIONS = 64  # served at once; past it, 503


class HeaderDeadlineProtocol(H11Protocol):
    """uvicorn's h11 protocol with a timer from the connection (or the previous response)
    to the end of the next request's headers."""

    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def handle_events(self) -> None:
        super().handle_events()
        if self.conn.their_state is not h11.IDLE:  # a whole request line and headers arrived
            self._disarm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and self.conn.their_state is h11.IDLE:
            self._arm()  # kept alive: the next request's headers have the same deadline

    def _arm(self) -> None:
        self._disarm()
        self._header_timer = self.loop.call_later(HEADER_TIMEOUT, self._headers_too_slow)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
            return
        if self.cycle is not None and not self.cycle.response_complete:
            return  # a response is being written: its request had its headers in time
        body = json.dumps({"error": f"request headers not received within {HEADER_TIMEOUT:g} s"}).encode()
        # h11 will not write a response to a request it has not seen: written as bytes
        self.transport.write(b"HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\n"
                             b"connection: close\r\ncontent-length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
        self.transport.close()



def server_config(app: Callable[..., Awaitable[None]], host: str, port: int) -> uvicorn.Config:
    """How `serve --http` runs the API: headers within HEADER_TIMEOUT, the body within
    web.app.BODY_TIMEOUT, idle kept-alive connections closed after KEEP_ALIVE seconds, at
    most MAX_CONNECTIONS at once."""
    return uvicorn.Config(app, host=host, port=port, log_level="warning", timeout_keep_alive=int(KEEP_ALIVE),
                          limit_concurrency=MAX_CONNECTIONS, http=HeaderDeadlineProtocol)
