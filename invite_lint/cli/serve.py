"""`invite-lint serve`: keep the model loaded for `check` (and, with --http, the web API)."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import click

from ..warm import client
from ..warm.protocol import build_id, is_our_socket, sidecar, socket_path
from ..warm.server import DEFAULT_IDLE, NotASocketError, serve
from .common import EXIT_ERROR, EXIT_OK, handle_errors, plural

DEFAULT_PORT = 8757


WARM_UP_DRAFTS = (
    "Bonjour Karine, Paul Martin aimerait rejoindre votre réseau.",
    "Hi Sam, I watched your talk on type hints. How did your team adopt them?",
)


def _warm_up() -> None:
    """Run `check` on a French and an English draft, as a client would (standard input):
    the models, the language profiles, the Linter the command line builds and its compiled
    matchers are then ready, and the first request is as fast as the next."""
    from . import main

    saved = sys.stdin, sys.stdout, sys.stderr
    with open(os.devnull, "w") as null:
        try:
            for draft in WARM_UP_DRAFTS:
                sys.stdin = io.TextIOWrapper(io.BytesIO(draft.encode("utf-8")), encoding="utf-8")
                sys.stdout = sys.stderr = null
                try:
                    main.main(["check", "-"], prog_name="invite-lint", standalone_mode=False)
                except SystemExit:  # check exits with its status: 1, findings
                    pass
        finally:
            sys.stdin, sys.stdout, sys.stderr = saved


def exit_abandoning_requests() -> None:
    """End the process at once, checks still running (their clients gave up on them): a
    normal exit would abort under their threads (see warm.server.serve)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(EXIT_OK)


def _run_cli(argv: list[str]) -> None:
    from . import main

    main.main(argv, prog_name="invite-lint", standalone_mode=True)


@click.command("serve")
@click.option("--socket", "socket_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Listen here (default: a private per-user socket for this installation).")
@click.option("--idle", type=float, default=DEFAULT_IDLE, show_default=True,
              help="Stop after this many seconds without a request.")
@click.option("--detach", is_flag=True, help="Start in the background and return once it listens.")
@click.option("--stop", "stop_flag", is_flag=True, help="Stop the running server.")
@click.option("--status", "status_flag", is_flag=True, help="Say whether a server runs (exit 1 if not).")
@click.option("--http", "http", metavar="[HOST:]PORT", default=None,
              help="Also serve the web page and HTTP API here (needs the `web` extra); host 127.0.0.1 by default.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="With --http: also answer requests addressed to this host name ('*': any). By default "
                   "only loopback names and the listening address, against DNS rebinding.")
@click.option("--open", "open_page", is_flag=True, help="Serve the page (on 127.0.0.1:8757 unless --http) and open it.")
@handle_errors
def serve_command(socket_file: Path | None, idle: float, detach: bool, stop_flag: bool, status_flag: bool,
                  http: str | None, open_page: bool, allow_hosts: tuple[str, ...] = ()) -> None:
    """Keep the model loaded so that `invite-lint check` answers in a tenth of a second,
    and with --http or --open, serve the web page and the HTTP API (/v1/lint, /v1/coach,
    /v1/rules, /health, /openapi.json) from the same process and model.

    While it runs, `check` hands its work to it (same code, same results, same exit code);
    `check --daemon` (or INVITE_LINT_DAEMON=1) starts it when it is not running, and
    `--no-daemon` (or INVITE_LINT_DAEMON=0) runs in-process. It listens on a Unix socket only
    this user can reach, and stops after --idle seconds without a request.
    """
    path = socket_file or socket_path()
    if stop_flag:
        stopped = client.stop(path)
        click.echo("stopped the server" if stopped else "no server was running", err=True)
        sys.exit(EXIT_OK)
    if status_flag:
        state = client.status(path)
        if state is None:
            click.echo(f"no server listens on {path}")
            sys.exit(1)
        other = "" if state.get("build") == build_id() else \
            " (another build of invite-lint: checks run in-process; `invite-lint serve --stop` stops it)"
        click.echo(f"server {state['pid']} listens on {path}: {plural(int(str(state['requests'])), 'request')}, "
                   f"idle {state['since_last']} s (stops after {state['idle_stop']} s){other}")
        sys.exit(EXIT_OK)
    if http or open_page:
        from .web_serve import serve_http

        serve_http(http or f"127.0.0.1:{DEFAULT_PORT}", path, _run_cli, _warm_up, open_page, allow_hosts)
        return
    if detach:
        if os.path.lexists(path) and not is_our_socket(path):
            raise NotASocketError(f"{path} exists and is not a socket of this user; it was left as it is "
                                  "(give --socket a new path)")
        sock = client.start_server(path, idle)
        if sock is None:
            running = client.status(path)
            if running is not None and running.get("build") != build_id():
                click.echo(f"invite-lint: error: a server of another build of invite-lint (pid {running.get('pid')}) "
                           f"listens on {path} and did not stop: stop it (kill {running.get('pid')}) or give "
                           "--socket another path", err=True)
            else:
                click.echo(f"invite-lint: error: the server did not start (see {sidecar(path, '.log')})", err=True)
            sys.exit(EXIT_ERROR)
        sock.close()
        click.echo(f"server listens on {path}", err=True)
        sys.exit(EXIT_OK)
    started = serve(path, _run_cli, _warm_up, idle,
                    ready=lambda: click.echo(f"invite-lint: listening on {path} (stops after {idle:g} s idle)", err=True),
                    on_abandoned=exit_abandoning_requests)
    if not started:
        state = client.status(path)
        if state is not None and state.get("build") != build_id():
            click.echo(f"invite-lint: error: a server of another build of invite-lint (pid {state.get('pid')}) "
                       f"listens on {path}: stop it first (`invite-lint serve --stop`)", err=True)
            sys.exit(EXIT_ERROR)
        click.echo(f"invite-lint: a server already listens on {path}", err=True)
        sys.exit(EXIT_OK)
