"""The `invite-lint` command: hand `check` to a running server, else run the CLI here.

Imports nothing heavy before it knows which: when a server runs, a check costs the start of
Python and a socket round trip instead of loading spaCy and its model."""

from __future__ import annotations

import atexit
import os
import sys
from typing import NoReturn

_ON = ("1", "true", "yes", "on")
_OFF = ("0", "false", "no", "off")


def daemon_choice(argv: list[str]) -> bool | None:
    """True: use the server, starting it if needed; False: never; None: use it if it runs."""
    if "--no-daemon" in argv:
        return False
    if "--daemon" in argv:
        return True
    value = os.environ.get("INVITE_LINT_DAEMON", "").strip().lower()
    return True if value in _ON else False if value in _OFF else None


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else list(argv)
    if args in (["lsp"], ["lsp", "--stdio"]):
        # What editors run: start the language server before click and the CLI's imports
        # (which load spaCy), so `initialize` is answered at once; the model loads behind it.
        try:
            from .lsp.server import serve
        except ImportError:
            pass  # the lsp extra is missing: the CLI says so, in one line
        else:
            serve(on_orphan=lambda: os._exit(0))  # the editor died: nothing left to say to it
            return
    if args[:1] == ["check"] and os.name == "posix":
        choice = daemon_choice(args)
        if choice is not False:
            try:
                from .warm.client import forward
            except ImportError:  # a platform without Unix sockets
                forward = None  # type: ignore[assignment]
            code = forward(args, start=bool(choice)) if forward is not None else None
            if code is not None:
                sys.exit(code)
    from .cli import main as cli_main

    cli_main(args, prog_name="invite-lint")



def run() -> NoReturn:
    """The console script (`invite-lint`, `python -m invite_lint`): `main`, then `end_now`."""
    try:
        main()
    except SystemExit as exc:
        end_now(exc.code)
    end_now(0)


def end_now(code: object) -> NoReturn:
    """End the process once its work is done and its output written. Python's own shutdown
    then frees the model's millions of objects one by one: about 0.5 s, a quarter of a cold
    `check` on the test machine (bench/RESULTS.md), for memory the system takes back anyway.
    The exit handlers still run (multiprocessing's, temporary files'); with another thread
    still alive (a server's), Python's normal shutdown waits for it instead."""
    import threading

    if threading.active_count() > 1:
        raise SystemExit(code)
    status = code if isinstance(code, int) else 0 if code is None else 1
    if isinstance(code, str):  # as Python prints a text exit code
        sys.stderr.write(code + "\n")
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that went away, a closed stream
            status = status or 1
    atexit._run_exitfuncs()
    os._exit(status)


if __name__ == "__main__":
    run()
