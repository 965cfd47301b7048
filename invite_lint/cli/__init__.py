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


# What `invite-lint --help` says of each command (the first paragraph of its docstring), so
# that --help imports none of them; tests/test_speed_paths.py checks they are the docstrings.
SUMMARIES = {
    "batch": "Lint a JSONL or CSV file of messages (any size), writing one JSON line per row, in order.",
    "check": "Lint networking-message drafts before you send them.",
    "coach": "Suggest openers for one recipient, in the spirit of the painter in the park: what of theirs you saw, "
             "why it struck you, and an open question about their work.",
    "config": "Print the configuration that applies to FILE (default: the current folder): each setting, its value, "
              "and where it comes from (default, a configuration file, or the draft's own front matter).",
    "eval": "Lint a labelled corpus (YAML, see corpus/README.md) and measure how well generic invitations are told "
            "from personal ones: verdict confusion per language and channel, precision / recall / F1 of generic "
            "detection, per-rule precision and recall, language detection accuracy, draft similarity, and the worst "
            "disagreements.",
    "lsp": "The language server: findings, fixes and openers inside your editor (docs/editors.md).",
    "rules": "Show the rule catalogue, or test a rule pack's examples.",
    "serve": "Keep the model loaded so that `invite-lint check` answers in a tenth of a second, and with --http or "
             "--open, serve the web page and the HTTP API (/v1/lint, /v1/coach, /v1/rules, /health, /openapi.json) "
             "from the same process and model.",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """click's own listing, from SUMMARIES: listing a command does not import it."""
        names = [n for n in self.list_commands(ctx) if n in SUMMARIES or self.get_command(ctx, n) is not None]
        if not names:
            return
        limit = formatter.width - 6 - max(len(n) for n in names)
        rows = []
        for name in names:
            if name in SUMMARIES:
                rows.append((name, click.Command(name, help=SUMMARIES[name]).get_short_help_str(limit)))
            else:
                command = self.get_command(ctx, name)
                if command is not None and not command.hidden:
                    rows.append((name, command.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

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
