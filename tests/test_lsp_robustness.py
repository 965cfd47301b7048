"""The language server under abuse, over raw stdio: malformed messages, unknown methods, a
1 MiB document, a storm of changes, a closed document, a client that dies."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls", reason="the lsp extra is part of the test extras")

SERVER = [sys.executable, "-m", "invite_lint", "lsp"]
WAIT = 120.0  # seconds: a liveness bound on a busy CI machine, not a speed measurement


class RawClient:
    """Frames JSON-RPC by hand, so it can also send what no well-behaved client would."""

    def __init__(self, tmp_path: Path) -> None:
        self.process = subprocess.Popen(SERVER, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=open(tmp_path / "server.log", "wb"), cwd=tmp_path)
        self.inbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self.seen: list[dict[str, Any]] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert length is not None
            self.inbox.put(json.loads(stream.read(length)))

    def raw(self, body: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def send(self, method: str, params: Any = None, id: int | None = None) -> None:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        if id is not None:
            message["id"] = id
        self.raw(json.dumps(message).encode())

    def wait(self, predicate: Any, timeout: float = WAIT) -> dict[str, Any]:
        for message in self.seen:
            if predicate(message):
                return message
        deadline = time.monotonic() + timeout
        while True:
            message = self.inbox.get(timeout=max(0.01, deadline - time.monotonic()))
            self.seen.append(message)
            if predicate(message):
                return message

    def response(self, id: int) -> dict[str, Any]:
        return self.wait(lambda m: m.get("id") == id and "method" not in m)

    def diagnostics(self, uri: str, version: int | None) -> dict[str, Any]:
        return self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                         and m["params"]["uri"] == uri and m["params"].get("version") == version)

    def initialize(self, pid: int | None = None) -> dict[str, Any]:
        self.send("initialize", {"processId": pid if pid is not None else os.getpid(), "rootUri": None,
                                 "capabilities": {}, "initializationOptions": {"debounce": 0.05}}, id=1)
        result = self.response(1)
        self.send("initialized", {})
        return result


@pytest.fixture
def raw(tmp_path: Path):  # type: ignore[no-untyped-def]
    client = RawClient(tmp_path)
    yield client
    if client.process.poll() is None:
        client.process.kill()
        client.process.wait()


def test_bad_messages_big_document_storm_and_close(raw: RawClient, tmp_path: Path) -> None:
    assert "capabilities" in raw.initialize()["result"]

    raw.raw(b'{"jsonrpc": "2.0", "id": 2, "method": ')  # malformed JSON
    raw.send("invite-lint/no-such-method", {}, id=3)
    assert raw.response(3)["error"]["code"] == -32601  # MethodNotFound, and still serving
    raw.send("textDocument/hover", {"nonsense": True}, id=4)
    assert "error" in raw.response(4)

    # A 1 MiB document: linted (or refused, as `check` refuses a larger file), never a hang.
    big = tmp_path / "big.txt"
    text = ("Bonjour Karine, votre article sur la logistique urbaine m'a appris beaucoup. " * 14000)[:1024 * 1024]
    uri_big = big.as_uri()
    raw.send("textDocument/didOpen", {"textDocument": {"uri": uri_big, "languageId": "text", "version": 1,
                                                       "text": text}})
    # the server answers requests while it lints (the work is on its worker thread)
    raw.send("textDocument/hover", {"textDocument": {"uri": uri_big}, "position": {"line": 0, "character": 0}}, id=5)
    raw.diagnostics(uri_big, 1)
    assert "result" in raw.response(5)
    raw.send("textDocument/didClose", {"textDocument": {"uri": uri_big}})

    # A storm: 500 changes in about a second. Only the last version is linted and published.
    note = tmp_path / "note.txt"
    uri = note.as_uri()
    base = "Bonjour Karine, Paul Martin aimerait rejoindre votre réseau."
    raw.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "text", "version": 1, "text": base}})
    raw.diagnostics(uri, 1)
    for version in range(2, 502):
        raw.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                            "contentChanges": [{"text": base + " x" * version}]})
        time.sleep(0.002)
    last = raw.diagnostics(uri, 501)
    assert last["params"]["diagnostics"]
    versions = [m["params"].get("version") for m in raw.seen
                if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri]
    assert versions == sorted(versions)  # never an older version after a newer one
    assert len(versions) < 50  # debounced: not one lint per keystroke

    # Closing: diagnostics cleared, and nothing published for it afterwards.
    raw.send("textDocument/didClose", {"textDocument": {"uri": uri}})
    raw.diagnostics(uri, None)
    raw.send("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}, id=6)
    assert raw.response(6)["result"] is None

    raw.send("shutdown", None, id=7)
    assert raw.response(7)["result"] is None
    raw.send("exit")
    assert raw.process.wait(timeout=WAIT) == 0


def test_a_client_that_dies(tmp_path: Path) -> None:
    # Its pipe closes: the server exits by itself.
    client = RawClient(tmp_path)
    client.initialize()
    assert client.process.stdin is not None
    client.process.stdin.close()
    assert client.process.wait(timeout=WAIT) is not None

    # The editor's process is gone but the pipe stays open (a grandchild holds it): the
    # server notices the parent pid is gone and exits.
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    orphan = RawClient(tmp_path)
    orphan.initialize(pid=gone.pid)
    assert orphan.process.wait(timeout=WAIT) == 0
    assert orphan.process.stdin is not None and not orphan.process.stdin.closed


def test_tcp_is_for_loopback_only_and_works(tmp_path: Path) -> None:
    refused = subprocess.run([*SERVER, "--tcp", "0.0.0.0:2087"], capture_output=True, text=True, timeout=WAIT)
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1 and "loopback" in refused.stderr
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([*SERVER, "--tcp", f"127.0.0.1:{port}"], stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + WAIT
        while True:
            try:
                connection = socket.create_connection(("127.0.0.1", port), timeout=5)
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None
                time.sleep(0.2)
        with connection:
            body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                               "params": {"processId": None, "rootUri": None, "capabilities": {}}}).encode()
            connection.sendall(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            connection.settimeout(WAIT)
            received = b""
            while b"capabilities" not in received:
                chunk = connection.recv(65536)
                assert chunk
                received += chunk
        assert b'"serverInfo"' in received or b"capabilities" in received
    finally:
        server.kill()
        server.wait()


def test_utf32_positions_when_the_client_offers_them(raw: RawClient, tmp_path: Path) -> None:
    raw.send("initialize", {"processId": os.getpid(), "rootUri": None, "initializationOptions": {"debounce": 0},
                            "capabilities": {"general": {"positionEncodings": ["utf-32", "utf-16"]}}}, id=1)
    assert raw.response(1)["result"]["capabilities"]["positionEncoding"] == "utf-32"
    raw.send("initialized", {})
    text = "Bonjour 😀 Éloïse, Paul Martin aimerait rejoindre votre réseau. slt\n"
    uri = (tmp_path / "draft.txt").as_uri()
    raw.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "text", "version": 1, "text": text}})
    found = {d["code"]: d["range"] for d in raw.diagnostics(uri, 1)["params"]["diagnostics"]}
    start = text.index("slt")  # code points: the emoji counts one
    assert found["sms-language"] == {"start": {"line": 0, "character": start}, "end": {"line": 0, "character": start + 3}}
