"""`invite-lint serve`: `check` through the warm server gives exactly what it gives
in-process (output bytes and exit code), and the server stops when asked or when idle."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from invite_lint.warm import client
from invite_lint.warm.server import Runner

DEFAULT_FR = "Bonjour Karine, Paul Martin aimerait rejoindre votre réseau.\n"
SMS_FR = "Bjr Karine, g vu votre expo au parc, bravo  ! Comment choisissez-vous vos couleurs ?\n"
PERSONAL_EN = ("Hi Sam,\n\nI watched your PyCon talk on type hints; the part on gradual typing in a legacy "
               "codebase was what my team needed. How did you get buy-in from the others?\n\nBest,\nAna\n")


def cli(*args: str, env: dict[str, str], cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "invite_lint", *args], env=env, cwd=cwd, input=stdin,
                          capture_output=True, timeout=180)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("warm")
    env = {**os.environ, "INVITE_LINT_SOCKET": str(folder / "s.sock"), "INVITE_LINT_DAEMON": ""}
    env.pop("NO_COLOR", None)
    started = cli("serve", "--detach", "--idle", "300", env=env, cwd=folder)
    assert started.returncode == 0, started.stderr
    yield env
    cli("serve", "--stop", env=env, cwd=folder)


def requests_served(env: dict[str, str]) -> int:
    state = client.status(Path(env["INVITE_LINT_SOCKET"]))
    assert state is not None
    return int(state["requests"])  # type: ignore[call-overload]


CASES = [
    ("text", ["check", "default.txt"], None),
    ("json", ["check", "--format", "json", "default.txt", "personal.md"], None),
    ("stdin", ["check", "--lang", "fr", "-"], SMS_FR.encode()),
    ("colour", ["check", "--color", "always", "sms.txt"], None),
    ("github", ["check", "--format", "github", "--ignore", "no-question", "sms.txt"], None),
    ("missing file", ["check", "nope.txt"], None),
    ("usage error", ["check", "--channel", "fax", "default.txt"], None),
    ("config in cwd", ["check", "sub/default.txt"], None),
    ("diff", ["check", "--diff", "sms.txt"], None),
]


@pytest.mark.parametrize("name, args, stdin", CASES, ids=[c[0] for c in CASES])
def test_same_bytes_and_exit_code_as_in_process(server: dict[str, str], tmp_path: Path, name: str,
                                                args: list[str], stdin: bytes | None) -> None:
    (tmp_path / "default.txt").write_text(DEFAULT_FR, encoding="utf-8")
    (tmp_path / "sms.txt").write_text(SMS_FR, encoding="utf-8")
    (tmp_path / "personal.md").write_text(f"---\nto: Sam\nlang: en\n---\n{PERSONAL_EN}", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "default.txt").write_text(DEFAULT_FR, encoding="utf-8")
    (tmp_path / "sub" / ".invite-lint.yaml").write_text("ignore: [too-short]\nfail-on: error\n", encoding="utf-8")
    before = requests_served(server)
    warm = cli(*args, env=server, cwd=tmp_path, stdin=stdin)
    assert requests_served(server) == before + 1, "the server did not answer"
    cold = cli(*args, "--no-daemon", env=server, cwd=tmp_path, stdin=stdin)
    assert (warm.returncode, warm.stdout, warm.stderr) == (cold.returncode, cold.stdout, cold.stderr)
    assert warm.returncode in (0, 1, 2) and (warm.stdout or warm.stderr)
    if name == "json":
        assert json.loads(warm.stdout)["summary"]["files"] == 2


def test_fix_through_the_server_writes_the_same_file(server: dict[str, str], tmp_path: Path) -> None:
    for folder in ("warm", "cold"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "sms.txt").write_text(SMS_FR, encoding="utf-8")
    warm = cli("check", "--fix", "sms.txt", env=server, cwd=tmp_path / "warm")
    cold = cli("check", "--fix", "--no-daemon", "sms.txt", env=server, cwd=tmp_path / "cold")
    assert warm.returncode == cold.returncode
    fixed = (tmp_path / "warm" / "sms.txt").read_text(encoding="utf-8")
    assert fixed == (tmp_path / "cold" / "sms.txt").read_text(encoding="utf-8") != SMS_FR


def test_no_colour_setting_of_the_client_is_honoured(server: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text(DEFAULT_FR, encoding="utf-8")
    coloured = cli("check", "--color", "auto", "d.txt", env=server, cwd=tmp_path)
    assert b"\x1b[" not in coloured.stdout  # the client's stdout is a pipe, not a terminal
    forced = cli("check", "--color", "always", "d.txt", env=server, cwd=tmp_path)
    assert b"\x1b[" in forced.stdout
    plain = cli("check", "--color", "auto", "d.txt", env={**server, "NO_COLOR": "1"}, cwd=tmp_path)
    assert b"\x1b[" not in plain.stdout


def test_idle_server_stops_and_removes_its_socket(tmp_path: Path) -> None:
    env = {**os.environ, "INVITE_LINT_SOCKET": str(tmp_path / "idle.sock")}
    started = cli("serve", "--detach", "--idle", "1", env=env, cwd=tmp_path)
    assert started.returncode == 0, started.stderr
    assert (tmp_path / "idle.sock").exists()
    deadline = time.monotonic() + 30
    while (tmp_path / "idle.sock").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not (tmp_path / "idle.sock").exists()
    # with no server, check runs in-process
    (tmp_path / "d.txt").write_text(DEFAULT_FR, encoding="utf-8")
    assert cli("check", "d.txt", env=env, cwd=tmp_path).returncode == 1
    assert cli("serve", "--status", env=env, cwd=tmp_path).returncode == 1


def test_a_server_of_another_build_is_not_used() -> None:
    runner = Runner(lambda argv: None)
    answer = runner.run({"build": "not-this-one", "argv": ["check"], "cwd": "/"})
    assert answer["status"] == "other-build" and runner.requests == 0


def test_page_server_also_answers_check_and_stops_on_request(tmp_path: Path) -> None:
    import socket as sockets
    import urllib.request

    with sockets.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "INVITE_LINT_SOCKET": str(tmp_path / "web.sock"), "INVITE_LINT_DAEMON": ""}
    server = subprocess.Popen([sys.executable, "-m", "invite_lint", "serve", "--http", f"127.0.0.1:{port}"],
                              env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 180
        while not (tmp_path / "web.sock").exists() and time.monotonic() < deadline:
            assert server.poll() is None
            time.sleep(0.2)
        (tmp_path / "d.txt").write_text(DEFAULT_FR, encoding="utf-8")
        assert cli("check", "d.txt", env=env, cwd=tmp_path).returncode == 1
        assert requests_served(env) == 1  # answered by the page's process
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=10) as answer:
            assert json.loads(answer.read())["status"] == "ok"
        assert cli("serve", "--stop", env=env, cwd=tmp_path).returncode == 0
        assert server.wait(timeout=30) == 0  # the web server stopped too
    finally:
        if server.poll() is None:
            server.kill()
