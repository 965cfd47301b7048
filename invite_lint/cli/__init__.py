"""The command line: a thin shell over invite_lint.api (click)."""

from __future__ import annotations

import importlib
from typing import Any

import click

from .. import __version__

# Each command is imported when it runs: `serve --status` or `--version` must not pay for
# spaCy, which `check` needs.
COMMANDS = {
    "check": "check:check",
    "rules": "rules:rules",
    "eval": "evaluate:evaluate",
    "coach": "coach:coach_command",
    "config": "config_cmd:config_command",
    "batch": "batch_cmd:batch_command",
    "serve": "serve:serve_command",
    "lsp": "lsp_cmd:lsp_command",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return super().get_command(ctx, cmd_name)
        module, attr = COMMANDS[cmd_name].split(":")
        command: Any = getattr(importlib.import_module(f"{__name__}.{module}"), attr)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="invite-lint")
def main() -> None:
    """invite-lint: a linter and coach for networking invitations (LinkedIn notes, InMails, e-mails).

    Run `invite-lint check DRAFT` before you press send.
    """
