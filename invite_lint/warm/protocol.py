"""Where the server listens and how a request travels: length-prefixed JSON over a Unix
socket that only this user can reach. Standard library only."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import stat
import struct
import sys
import tempfile
from pathlib import Path
from typing import Any

from ..errors import InviteLintError

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


class NotPrivateError(InviteLintError, PermissionError):
    """The folder for the socket is not this user's alone (another user made it, or it is
    open to others): the server is not started there and the check runs in-process."""


def _candidates() -> list[Path]:
    """Folders another user cannot create first: $XDG_RUNTIME_DIR (the system makes it,
    private), then the user's cache folder under their home. The shared temp folder only
    when there is no home: anyone can create `/tmp/invite-lint-<uid>` before us, which is
    checked (and refused) below."""
    folders = []
    base = os.environ.get("XDG_RUNTIME_DIR")
    if base and os.path.isdir(base):
        folders.append(Path(base) / "invite-lint")
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if os.path.isabs(cache) and os.path.isdir(os.path.dirname(cache.rstrip("/")) or "/"):
        folders.append(Path(cache) / "invite-lint")
    folders.append(Path(tempfile.gettempdir()) / f"invite-lint-{os.getuid()}")
    return folders


def private_folder(folder: Path) -> Path:
    """Create `folder` (mode 0700) if needed and check it is this user's alone."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise NotPrivateError(f"{folder} is not private to this user (owner uid {info.st_uid}, "
                              f"mode {stat.S_IMODE(info.st_mode):o}): the server will not use it; "
                              "set XDG_RUNTIME_DIR or INVITE_LINT_SOCKET to a private place")
    return folder


def runtime_dir() -> Path:
    """A folder only this user can use, for the socket, its lock and its log."""
    folders = _candidates()
    for folder in folders[:-1]:
        try:
            return private_folder(folder)
        except NotPrivateError:
            raise
        except OSError:
            continue  # e.g. a read-only home: try the next one
    return private_folder(folders[-1])


def sidecar(path: Path, suffix: str) -> Path:
    """The lock or log file beside a socket: its name plus a suffix (never replacing the
    socket's own suffix, so `--socket notes.txt` cannot reach `notes.lock`)."""
    return path.with_name(path.name + suffix)


def is_our_socket(path: Path) -> bool:
    """Whether `path` is a Unix socket of this user (never follow a link here)."""
    try:
        info = path.lstat()
    except OSError:
        return False
    return stat.S_ISSOCK(info.st_mode) and info.st_uid == os.getuid()


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
