"""Hand a command to the running server, or say there is none. Standard library only."""

from __future__ import annotations

import base64
import fcntl
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from .protocol import build_id, receive, send, socket_path

START_TIMEOUT = 120.0  # seconds for a new server to load the model and listen


def connect(path: Path) -> socket.socket | None:
    if not path.exists():
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(str(path))
    except OSError:
        sock.close()
        return None
    return sock


def start_server(path: Path, idle: float | None = None) -> socket.socket | None:
    """Start a server in the background (one, even if several hooks ask at once) and wait
    until it listens. None if it could not start."""
    lock_path = path.with_suffix(".lock")
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the others wait here, then find it running
        sock = connect(path)
        if sock is not None:
            return sock
        command = [sys.executable, "-m", "invite_lint", "serve", "--socket", str(path)]
        if idle is not None:
            command += ["--idle", str(idle)]
        log = open(path.with_suffix(".log"), "ab")
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                   start_new_session=True, close_fds=True)
        log.close()
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            sock = connect(path)
            if sock is not None:
                return sock
            if process.poll() is not None:
                return None
            time.sleep(0.05)
    return None


def forward(argv: list[str], start: bool = False) -> int | None:
    """Run `invite-lint ARGV` in the server; its output is written here and its exit code
    returned. None when no (compatible) server runs and `start` is false: run in-process."""
    try:
        path = socket_path()
        sock = connect(path) or (start_server(path) if start else None)
    except OSError:
        return None
    if sock is None:
        return None
    stdin = sys.stdin.buffer.read() if "-" in argv[1:] else None
    request = {
        "build": build_id(),
        "argv": argv,
        "cwd": os.getcwd(),
        "env": _environment(),
        "stdin": base64.b64encode(stdin).decode() if stdin is not None else None,
        "tty": {"stdout": sys.stdout.isatty(), "stderr": sys.stderr.isatty()},
    }
    try:
        with sock:
            send(sock, request)
            response = receive(sock)
    except (OSError, ValueError):
        if stdin is not None:  # stdin is spent: the in-process run could not read it again
            sys.stderr.write("invite-lint: error: the server stopped during the request\n")
            return 2
        return None
    if response.get("status") != "ok":
        return None  # another build of invite-lint: run in-process
    sys.stdout.buffer.write(base64.b64decode(response["stdout"]))
    sys.stdout.flush()
    sys.stderr.buffer.write(base64.b64decode(response["stderr"]))
    sys.stderr.flush()
    return int(response["exit"])


def stop(path: Path | None = None) -> bool:
    """Ask the server to stop; False if none was running."""
    sock = connect(path or socket_path())
    if sock is None:
        return False
    with sock:
        send(sock, {"stop": True})
        try:
            receive(sock)
        except (OSError, ValueError):
            pass
    return True


def status(path: Path | None = None) -> dict[str, object] | None:
    sock = connect(path or socket_path())
    if sock is None:
        return None
    with sock:
        send(sock, {"status": True})
        return receive(sock)


def _environment() -> dict[str, str]:
    """The client's environment, with its terminal's width: the server fits excerpts to it."""
    env = dict(os.environ)
    if "COLUMNS" not in env and sys.stdout.isatty():
        try:
            env["COLUMNS"] = str(os.get_terminal_size(sys.stdout.fileno()).columns)
        except OSError:
            pass
    return env
