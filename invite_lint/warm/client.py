"""Hand a command to the running server, or say there is none. Standard library only."""

from __future__ import annotations

import base64
import fcntl
import io
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from .protocol import build_id, is_our_socket, receive, send, sidecar, socket_path

START_TIMEOUT = 120.0  # seconds for a new server to load the model and listen
ANSWER_TIMEOUT = 600.0  # seconds to wait for a check's answer (a 1 MiB worst case takes ~1 min)
MAX_STDIN = 1024 * 1024  # the drafts' limit (drafts.MAX_DRAFT_BYTES; not imported: standard library only)


def connect(path: Path) -> socket.socket | None:
    if not is_our_socket(path):  # never talk to (or later remove) what is not our socket
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
    if path.exists() and not is_our_socket(path):
        return None  # `serve` says why in one line; a check runs in-process
    # No truncation, no link followed: the lock may exist, and must not become a way to
    # empty or reach another file.
    fd = os.open(sidecar(path, ".lock"), os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    with os.fdopen(fd, "r+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the others wait here, then find it running
        sock = _compatible(connect(path), path)
        if sock is not None:
            return sock
        command = [sys.executable, "-m", "invite_lint", "serve", "--socket", str(path)]
        if idle is not None:
            command += ["--idle", str(idle)]
        log_fd = os.open(sidecar(path, ".log"), os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        log = os.fdopen(log_fd, "ab")
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                   start_new_session=True, close_fds=True)
        log.close()
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            # A server listening is not enough: it must be this build (one of another build
            # that did not stop would answer every check with "run it yourself").
            state = _state(connect(path))
            if state is not None and state.get("build") == build_id():
                return connect(path)
            if process.poll() is not None:
                return None  # it failed, or found another server there that did not stop
            time.sleep(0.05)
    return None


def _state(sock: socket.socket | None) -> dict[str, object] | None:
    """The status of the server behind `sock` (closed after), None if it does not answer."""
    if sock is None:
        return None
    try:
        with sock:
            sock.settimeout(10)
            send(sock, {"status": True})
            return receive(sock)
    except (OSError, ValueError):
        return None


def _compatible(sock: socket.socket | None, path: Path) -> socket.socket | None:
    """`sock` if the server behind it is this build; a server of another build (the code was
    edited or upgraded) is asked to stop, and None returned so that a new one can start."""
    state = _state(sock)
    if state is None:
        return None
    if state.get("build") == build_id():
        return connect(path)
    stop(path)
    deadline = time.monotonic() + 10
    while is_our_socket(path) and time.monotonic() < deadline:
        time.sleep(0.05)
    return None


def _read_stdin() -> bytes | None:
    """Standard input, at most the draft limit (the rest is not read: no 300 MB in memory).
    None when it is larger: the caller says so."""
    data = sys.stdin.buffer.read(MAX_STDIN + 1)
    return None if len(data) > MAX_STDIN else data


def forward(argv: list[str], start: bool = False) -> int | None:
    """Run `invite-lint ARGV` in the server; its output is written here and its exit code
    returned. None when no (compatible) server runs and `start` is false: run in-process."""
    try:
        path = socket_path()
        sock = start_server(path) if start else connect(path)
    except OSError:
        return None
    if sock is None:
        return None
    stdin = _read_stdin() if "-" in argv[1:] else None
    if "-" in argv[1:] and stdin is None:
        sock.close()
        sys.stderr.write(f"invite-lint: error: <stdin>: too large to be a message "
                         f"(over the limit of {MAX_STDIN / 1_048_576:.1f} MiB)\n")
        return 2
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
            sock.settimeout(ANSWER_TIMEOUT)
            send(sock, request)
            response = receive(sock)
    except (OSError, ValueError) as exc:
        if stdin is not None:  # stdin is spent: the in-process run could not read it again
            why = "did not answer in time" if isinstance(exc, TimeoutError) else "stopped during the request"
            sys.stderr.write(f"invite-lint: error: the server {why}\n")
            return 2
        return None
    if response.get("status") == "refused":
        sys.stderr.write(f"invite-lint: error: {response.get('error', 'the server refused the request')}\n")
        return 2
    if response.get("status") == "other-build":
        # A server of this installation from before its code changed: it would never be
        # used again; stop it now rather than let it idle for 15 minutes, and say so.
        stop(path)
        sys.stderr.write("invite-lint: note: the running server was another build of invite-lint (its code "
                         "changed since it started): stopped it; this check ran in-process "
                         "(`invite-lint serve --detach` starts this build's)\n")
        if stdin is not None:  # spent on the request: the in-process run reads it from here
            sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
        return None
    if response.get("status") != "ok":
        return None
    try:
        sys.stdout.buffer.write(base64.b64decode(response["stdout"]))
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (`| head`): SIGPIPE's shell status, quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return BROKEN_PIPE
    sys.stderr.buffer.write(base64.b64decode(response["stderr"]))
    sys.stderr.flush()
    return int(response["exit"])


BROKEN_PIPE = 128 + 13  # as the command line's own (cli.common.EXIT_BROKEN_PIPE)


def stop(path: Path | None = None) -> bool:
    """Ask the server to stop; False if none was running."""
    sock = connect(path or socket_path())
    if sock is None:
        return False
    with sock:
        try:
            sock.settimeout(10)  # a server that accepts no more must not hang `serve --stop`
            send(sock, {"stop": True})
            receive(sock)
        except (OSError, ValueError):
            pass
    return True


def status(path: Path | None = None) -> dict[str, object] | None:
    return _state(connect(path or socket_path()))


def _environment() -> dict[str, str]:
    """The client's environment, with its terminal's width: the server fits excerpts to it."""
    env = dict(os.environ)
    if "COLUMNS" not in env and sys.stdout.isatty():
        try:
            env["COLUMNS"] = str(os.get_terminal_size(sys.stdout.fileno()).columns)
        except OSError:
            pass
    return env
