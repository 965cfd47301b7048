"""The command line: a thin shell over invite_lint.api (click)."""

from __future__ import annotations

import click

from .. import __version__
from .batch_cmd import batch_command
from .check import check
from .coach import coach_command
from .config_cmd import config_command
from .evaluate import evaluate
from .lsp_cmd import lsp_command
from .rules import rules
from .serve import serve_command


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="invite-lint")
def main() -> None:
    """invite-lint: a linter and coach for networking invitations (LinkedIn notes, InMails, e-mails).

    Run `invite-lint check DRAFT` before you press send.
    """


main.add_command(check)
main.add_command(rules)
main.add_command(evaluate)
main.add_command(coach_command)
main.add_command(config_command)
main.add_command(batch_command)
main.add_command(serve_command)
main.add_command(lsp_command)
