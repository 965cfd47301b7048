"""`invite-lint serve --http/--open`: the web API and page (uvicorn), with the socket server
for `check` in a thread of the same process, sharing one model and one lock."""

from __future__ import annotations

import threading
import time
import urllib.request
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..errors import UsageError
from ..warm.server import start_background, stop_background, stop_on_sigterm


def parse_address(value: str) -> tuple[str, int]:
    host, _, port = value.rpartition(":")
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise UsageError(f"--http '{value}': expected [HOST:]PORT, e.g. 127.0.0.1:8757")
    return host or "127.0.0.1", int(port)


def _open_when_up(url: str) -> None:
    for _ in range(600):
        try:
            with urllib.request.urlopen(url + "health", timeout=1):
                break
        except OSError:
            time.sleep(0.1)
    open_in_browser(url)


def open_in_browser(url: str) -> bool:
    """Open the page; on a machine with no browser, say so (the URL was printed already)."""
    try:
        opened = webbrowser.open(url)
    except webbrowser.Error:
        opened = False
    if not opened:
        click.echo(f"invite-lint: no web browser found to open the page: open {url} in one", err=True)
    return opened


def serve_http(address: str, socket_path: Path, run_cli: Callable[[list[str]], Any],
               warm_up: Callable[[], None], open_page: bool, allow_hosts: tuple[str, ...] = ()) -> None:
    host, port = parse_address(address)
    try:
        import uvicorn

        from ..web.app import LOOPBACK, create_app
        from ..web.connection import server_config
    except ImportError as exc:
        raise UsageError(f"the web page needs the 'web' extra: pip install \"invite-lint[web]\" ({exc})") from None
    warm_up()
    lock = threading.Lock()
    # Requests must be addressed to this server by a name it knows (no DNS rebinding) and
    # come from its own page or no page; --allow-host adds names (a LAN name, a proxy's).
    allowed = LOOPBACK | {host.strip("[]").lower()} | {h.lower() for h in allow_hosts}
    app = create_app(lock=lock, allowed_hosts=None if "*" in allow_hosts else frozenset(allowed))
    server = uvicorn.Server(server_config(app, host, port))  # with deadlines for slow clients

    def stop() -> None:
        server.should_exit = True

    socket_server = start_background(socket_path, run_cli, lock, on_stop=stop)
    url = f"http://{host}:{port}/"
    click.echo(f"invite-lint: page and API on {url}" + (f"; checks on {socket_path}" if socket_server else ""), err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"invite-lint: warning: listening on {host}: other machines can reach the API", err=True)
    if open_page:
        threading.Thread(target=_open_when_up, args=(url,), daemon=True).start()
    stop_on_sigterm()  # uvicorn handles SIGTERM, then raises it again: then ours removes the socket
    try:
        server.run()
    finally:
        if socket_server is not None:
            from .serve import exit_abandoning_requests

            stop_background(socket_server, on_abandoned=exit_abandoning_requests)
