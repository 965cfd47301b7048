"""Where the server listens and how a request travels: length-prefixed JSON over a Unix
socket that only this user can reach. Standard library only."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import struct
import sys
import tempfile
from pathlib import Path
from typing import Any

PROTOCOL = 1
MAX_FRAME = 64 * 1024 * 1024  # a request's stdin and a response's output, at most
_HEADER = struct.Struct("!Q")
PACKAGE_DIR = Path(__file__).resolve().parent.parent


def build_id() -> str:
    """Identifies this installation and its code: a server from another virtual environment,
    another version, or before an edit of the code (editable installs) is not used."""
    from .._version import __version__

    newest = 0
    for root, _, files in os.walk(PACKAGE_DIR):
        for name in files:
            if name.endswith(".py"):
                newest = max(newest, os.stat(os.path.join(root, name)).st_mtime_ns)
    key = f"{PROTOCOL}|{__version__}|{PACKAGE_DIR}|{sys.executable}|{newest}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def runtime_dir() -> Path:
    """A folder only this user can use: $XDG_RUNTIME_DIR, else one in the temp folder."""
    base = os.environ.get("XDG_RUNTIME_DIR")
    folder = Path(base) / "invite-lint" if base and os.path.isdir(base) else \
        Path(tempfile.gettempdir()) / f"invite-lint-{os.getuid()}"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = folder.stat()
    if info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise PermissionError(f"{folder} is not private to this user")
    return folder


def socket_path() -> Path:
    """The socket of this installation's server ($INVITE_LINT_SOCKET overrides it)."""
    override = os.environ.get("INVITE_LINT_SOCKET")
    if override:
        return Path(override)
    key = hashlib.sha256(f"{PACKAGE_DIR}|{sys.executable}".encode()).hexdigest()[:12]
    return runtime_dir() / f"{key}.sock"


def send(sock: socket.socket, message: dict[str, Any]) -> None:
    data = json.dumps(message).encode("utf-8")
    sock.sendall(_HEADER.pack(len(data)) + data)


def _read_exactly(sock: socket.socket, size: int) -> bytes:
    chunks = []
    while size:
        chunk = sock.recv(min(size, 1 << 20))
        if not chunk:
            raise ConnectionError("connection closed mid-message")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def receive(sock: socket.socket) -> dict[str, Any]:
    (size,) = _HEADER.unpack(_read_exactly(sock, _HEADER.size))
    if size > MAX_FRAME:
        raise ConnectionError(f"message too large ({size} bytes)")
    message = json.loads(_read_exactly(sock, size))
    if not isinstance(message, dict):
        raise ConnectionError("malformed message")
    return message
