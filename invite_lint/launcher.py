"""The `invite-lint` command: hand `check` to a running server, else run the CLI here.

Imports nothing heavy before it knows which: when a server runs, a check costs the start of
Python and a socket round trip instead of loading spaCy and its model."""

from __future__ import annotations

import os
import sys

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


if __name__ == "__main__":
    main()
