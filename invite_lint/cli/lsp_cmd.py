"""`invite-lint lsp`: the language server (stdio, or loopback TCP for debugging)."""

from __future__ import annotations

import ipaddress
import os
import socket

import click

from ..errors import UsageError
from .common import handle_errors


def loopback_address(value: str) -> tuple[str, int]:
    """HOST:PORT where HOST is a loopback address: the server has no authentication."""
    host, _, port = value.rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise UsageError(f"--tcp '{value}': expected HOST:PORT, e.g. 127.0.0.1:2087")
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, int(port), proto=socket.IPPROTO_TCP)}
    except socket.gaierror:
        raise UsageError(f"--tcp '{value}': unknown host '{host}'") from None
    if not addresses or not all(ipaddress.ip_address(str(a).split("%")[0]).is_loopback for a in addresses):
        raise UsageError(f"--tcp '{value}': only a loopback address (127.0.0.1, ::1, localhost) is allowed; "
                         "the server has no authentication")
    return host, int(port)


@click.command("lsp")
@click.option("--stdio", is_flag=True, help="Talk over standard input and output (the default).")
@click.option("--tcp", "tcp", metavar="HOST:PORT", help="Listen on a loopback TCP port instead (for debugging).")
@handle_errors
def lsp_command(stdio: bool, tcp: str | None) -> None:
    """The language server: findings, fixes and openers inside your editor (docs/editors.md).

    Needs the lsp extra: pip install "invite-lint[lsp]".
    """
    if stdio and tcp:
        raise UsageError("give --stdio or --tcp, not both")
    address = loopback_address(tcp) if tcp else None
    try:
        from ..lsp.server import serve
    except ImportError as exc:
        raise UsageError(f"the language server needs the lsp extra ({exc.name} is missing): "
                         'pip install "invite-lint[lsp]"') from None
    serve(address, on_orphan=lambda: os._exit(0))  # the editor died: nothing left to say to it
