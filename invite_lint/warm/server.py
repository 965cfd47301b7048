"""The server behind `invite-lint serve`: a Unix socket, one request at a time, stopped after
a while without requests.

A request is a command line. The server runs it with the same code as an in-process run —
the click command itself — in the client's working folder and environment, with the
client's standard input and its terminal or not, and sends back what it printed and its
exit code. That is how the results are the same as in-process, byte for byte; what the
server keeps between requests is only what is loaded (the spaCy model, compiled rules)."""

from __future__ import annotations

import base64
import contextlib
import io
import os
import socket
import socketserver
import stat
import struct
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import InviteLintError
from .protocol import build_id, is_our_socket, receive, send

DEFAULT_IDLE = 900.0  # seconds without a request before the server stops
READ_TIMEOUT = 30.0  # seconds for a client to send its request: a silent one does not hold a thread
# Seconds a stopping server waits for the checks in progress: as long as their clients wait
# for an answer (client.ANSWER_TIMEOUT; a 1 MiB worst-case draft takes about 90 s).
DRAIN_TIMEOUT = 600.0
# What the socket runs: `check` only (what the hook and the editor need). Other commands
# write files (`batch -o`, `coach --write`), start servers or browsers: they run in-process.
ALLOWED_COMMANDS = frozenset({"check"})


class _Output(io.TextIOWrapper):
    """A captured stream that answers isatty() as the client's own stream would."""

    def __init__(self, tty: bool) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8", errors="replace", newline=None, write_through=True)
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty

    def value(self) -> bytes:
        self.flush()
        return self.buffer.getvalue()  # type: ignore[attr-defined]  # a BytesIO under the wrapper


def _exit_code(exc: SystemExit) -> tuple[int, str]:
    if exc.code is None:
        return 0, ""
    if isinstance(exc.code, int):
        return exc.code, ""
    return 1, f"{exc.code}\n"


class Runner:
    """Runs command lines as if in the client's process. One at a time: the working folder,
    the environment and the standard streams belong to the whole process."""

    def __init__(self, run_cli: Callable[[list[str]], Any], lock: threading.Lock | None = None) -> None:
        self.run_cli = run_cli
        self.lock = lock or threading.Lock()  # shared with the web API when both run
        self.build = build_id()
        self.requests = 0

    def run(self, request: dict[str, Any]) -> dict[str, Any]:
        if request.get("build") != self.build:
            return {"status": "other-build", "build": self.build}
        argv = request.get("argv")
        if not isinstance(argv, list) or not argv or argv[0] not in ALLOWED_COMMANDS \
                or not all(isinstance(a, str) for a in argv) or not isinstance(request.get("cwd"), str):
            shown = argv[0] if isinstance(argv, list) and argv and isinstance(argv[0], str) else "?"
            return {"status": "refused",
                    "error": f"the server runs only {', '.join(sorted(ALLOWED_COMMANDS))}, not '{shown}'"}
        stdin = base64.b64decode(request["stdin"]) if request.get("stdin") is not None else b""
        tty = request.get("tty") or {}
        out, err = _Output(bool(tty.get("stdout"))), _Output(bool(tty.get("stderr")))
        with self.lock:
            self.requests += 1
            saved_env, saved_cwd = dict(os.environ), os.getcwd()
            saved_streams = sys.stdin, sys.stdout, sys.stderr
            try:
                os.environ.clear()
                os.environ.update({str(k): str(v) for k, v in (request.get("env") or {}).items()})
                os.chdir(request["cwd"])
                sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
                sys.stdout, sys.stderr = out, err
                try:
                    self.run_cli(list(argv))
                    code = 0
                except SystemExit as exc:
                    code, text = _exit_code(exc)
                    err.write(text)
            finally:
                sys.stdin, sys.stdout, sys.stderr = saved_streams
                os.chdir(saved_cwd)
                os.environ.clear()
                os.environ.update(saved_env)
        return {"status": "ok", "exit": code, "stdout": base64.b64encode(out.value()).decode(),
                "stderr": base64.b64encode(err.value()).decode()}


class _Handler(socketserver.BaseRequestHandler):
    server: WarmServer

    def handle(self) -> None:
        sock: socket.socket = self.request
        if not self.server.same_user(sock):
            return
        self._answer(sock)  # counted as in progress from its accept (WarmServer.process_request)

    def _answer(self, sock: socket.socket) -> None:
        try:
            sock.settimeout(READ_TIMEOUT)
            request = receive(sock)
            sock.settimeout(None)
        except (OSError, ValueError):
            return
        if request.get("build") not in (None, self.server.runner.build):
            # Another build's client (the code changed): not a use of this server, which
            # then idles out; `serve --detach` or `check --daemon` replace it at once.
            with contextlib.suppress(OSError):
                send(sock, {"status": "other-build", "build": self.server.runner.build})
            return
        self.server.touch()
        if request.get("stop"):
            send(sock, {"status": "stopping"})
            threading.Thread(target=self.server.stop, daemon=True).start()
            return
        if request.get("status"):
            send(sock, {"status": "ok", "pid": os.getpid(), "build": self.server.runner.build,
                        "requests": self.server.runner.requests, "idle_stop": self.server.idle,
                        "since_last": round(time.monotonic() - self.server.last_seen, 1)})
            return
        response = self.server.runner.run(request)
        self.server.touch()
        with contextlib.suppress(OSError):
            send(sock, response)


class WarmServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True

    def __init__(self, path: Path, runner: Runner, idle: float) -> None:
        self.path = path
        self.runner = runner
        self.idle = idle
        self.last_seen = time.monotonic()
        self.on_stop: Callable[[], None] | None = None
        self.active = 0
        self._active_lock = threading.Condition()
        super().__init__(str(path), _Handler)
        os.chmod(path, 0o600)
        info = os.lstat(path)
        self.identity = (info.st_dev, info.st_ino)  # the socket we made: the only file we remove

    def touch(self) -> None:
        self.last_seen = time.monotonic()

    # A connection counts as a request in progress from the moment it is accepted, before
    # its thread starts: counted in the thread instead, the idle watcher could see none in
    # the gap, stop the server, and the process exit under a thread inside spaCy (the abort
    # "terminate called without an active exception", issue 11).
    def process_request(self, request: Any, client_address: Any) -> None:
        with self._active_lock:
            self.active += 1
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._done()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._done()

    def _done(self) -> None:
        with self._active_lock:
            self.active -= 1
            self._active_lock.notify_all()

    def finish_pending(self) -> None:
        """After serving stopped: no new client can connect (the socket file goes first),
        and those already connected, waiting in the listen backlog, are still answered."""
        self.remove_socket()
        self.socket.setblocking(False)
        while True:
            try:
                request, address = self.socket.accept()
            except OSError:  # BlockingIOError: the backlog is empty
                break
            request.setblocking(True)
            self.process_request(request, address)

    def drain(self, timeout: float) -> bool:
        """Wait (at most `timeout`) for the requests in progress to finish; False if some
        still run."""
        deadline = time.monotonic() + timeout
        with self._active_lock:
            while self.active and time.monotonic() < deadline:
                self._active_lock.wait(max(0.0, deadline - time.monotonic()))
            return not self.active

    def remove_socket(self) -> None:
        """Remove the socket file if it is still the one this server made."""
        with contextlib.suppress(OSError):
            info = os.lstat(self.path)
            # a socket, and ours: an inode number alone may be reused by a new file
            if stat.S_ISSOCK(info.st_mode) and (info.st_dev, info.st_ino) == self.identity:
                os.unlink(self.path)

    def stop(self) -> None:
        """Stop serving; and whatever runs beside it in this process (the web API)."""
        self.shutdown()
        if self.on_stop is not None:
            self.on_stop()

    @staticmethod
    def same_user(sock: socket.socket) -> bool:
        """Only this user's processes may use the server (the folder is private too)."""
        option = getattr(socket, "SO_PEERCRED", None)
        if option is None:
            return True
        credentials = sock.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i"))
        _, uid, _ = struct.unpack("3i", credentials)
        return uid == os.getuid()

    def watch_idle(self) -> None:
        if self.idle == float("inf"):
            return
        while True:
            time.sleep(min(5.0, max(self.idle / 10, 0.05)))
            with self._active_lock:
                idle = not self.active and time.monotonic() - self.last_seen > self.idle
            if idle:  # a connection accepted meanwhile is served: see finish_pending
                self.shutdown()
                return


class NotASocketError(InviteLintError):
    """The socket path names something else (a file of the user's): it is never removed."""


def already_running(path: Path) -> bool:
    """Whether a server listens on `path`. A dead socket of ours is removed; anything else
    there (a regular file, a folder, a link, another user's socket) is left alone, refused."""
    if not os.path.lexists(path):
        return False
    if not is_our_socket(path):
        raise NotASocketError(f"{path} exists and is not a socket of this user; it was left as it is "
                              "(give --socket a new path)")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(str(path))
        return True
    except OSError:
        if is_our_socket(path):
            path.unlink(missing_ok=True)  # left by a server that died
        return False
    finally:
        sock.close()


def stop_on_sigterm(server: WarmServer | None = None) -> None:
    """SIGTERM (systemd, `kill`): with `server`, stop it as `serve --stop` does (the requests
    in progress are answered, then the socket is removed); without, end the process through
    `finally` blocks, so the socket is removed. By default it would die where it stands."""
    import signal

    def handler(signum: int, _frame: object) -> None:
        if server is not None:
            threading.Thread(target=server.shutdown, daemon=True).start()  # not from serve_forever's thread
            return
        raise SystemExit(128 + signum)

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, handler)


def start_background(path: Path, run_cli: Callable[[list[str]], Any], lock: threading.Lock,
                     on_stop: Callable[[], None] | None = None) -> WarmServer | None:
    """The socket server in a thread of this process (beside the web API), with no idle
    stop; `serve --stop` also calls `on_stop`. None if another server listens on `path`."""
    if already_running(path):
        return None
    server = WarmServer(path, Runner(run_cli, lock), float("inf"))
    server.on_stop = on_stop
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()
    return server


def stop_background(server: WarmServer, on_abandoned: Callable[[], None] | None = None) -> None:
    """Stop the background server once its requests are answered; `on_abandoned` if some
    still run after DRAIN_TIMEOUT (see `serve`)."""
    server.on_stop = None
    server.shutdown()
    server.finish_pending()
    finished = server.drain(DRAIN_TIMEOUT)
    server.server_close()
    if not finished and on_abandoned is not None:
        on_abandoned()


def serve(path: Path, run_cli: Callable[[list[str]], Any], warm_up: Callable[[], None],
          idle: float = DEFAULT_IDLE, ready: Callable[[], None] | None = None,
          on_abandoned: Callable[[], None] | None = None) -> bool:
    """Load what `warm_up` loads, then answer requests on `path` until stopped or idle.
    False if another server already listens there. `on_abandoned` is called if checks still
    run DRAIN_TIMEOUT after the stop: the process must then end without the interpreter's
    shutdown, which stops a thread inside spaCy's or RE2's native code in a way that aborts
    ("terminate called without an active exception"); the command line passes os._exit."""
    if already_running(path):
        return False
    warm_up()  # before listening: a client that connects finds the model loaded
    server = WarmServer(path, Runner(run_cli), idle)
    stop_on_sigterm(server)
    threading.Thread(target=server.watch_idle, daemon=True).start()
    finished = False
    try:
        if ready is not None:
            ready()
        server.serve_forever(poll_interval=0.2)
        server.finish_pending()
        finished = server.drain(DRAIN_TIMEOUT)  # a request in progress finishes before the process exits
    finally:
        server.server_close()
        server.remove_socket()
    if not finished and on_abandoned is not None:
        on_abandoned()
    return True
