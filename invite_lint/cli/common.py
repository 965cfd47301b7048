"""What the CLI commands share: error handling (exit 2, one line), colour, option parsing."""

from __future__ import annotations

import functools
import os
import sys
import traceback
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..drafts import Draft, read_draft, read_stdin
from ..errors import InviteLintError, RulePackErrors
from ..model import Report, Severity
from ..output import textual
from ..output.textual import plural  # noqa: F401  (re-exported for the commands)
from ..text.printable import printable

if TYPE_CHECKING:
    from ..session import Session

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_BROKEN_PIPE = 128 + 13  # as a shell reports a command ended by SIGPIPE


def fail(message: str) -> None:
    """Print one error line to stderr and exit 2."""
    click.echo(f"invite-lint: error: {printable(message)}", err=True)
    sys.exit(EXIT_ERROR)


def handle_errors(fn: F) -> F:
    """Turn user errors into one line and exit code 2; never show a traceback for them."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except RulePackErrors as exc:  # all of them, one line each, as a compiler does
            for error in exc.errors:
                click.echo(f"invite-lint: error: {error}", err=True)
            fail(f"{len(exc.errors)} errors in the rule packs")
        except InviteLintError as exc:
            fail(str(exc))
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("invite-lint: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:
            # the reader went away (`| head`): stop quietly with SIGPIPE's shell status, as Unix
            # tools do (not 1: pipefail must tell it from findings); stdout points at
            # /dev/null so that the flush at exit does not complain again
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_BROKEN_PIPE)
        except Exception as exc:  # a bug: say so in one line; the traceback on request
            if os.environ.get("INVITE_LINT_DEBUG"):
                traceback.print_exc()
            fail(f"internal error: {type(exc).__name__}: {exc} (set INVITE_LINT_DEBUG=1 for the traceback)")

    return wrapper  # type: ignore[return-value]


def use_colour(choice: str, stream: Any = None) -> bool:
    """Colour only on a terminal, never when NO_COLOR is set (https://no-color.org)."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def styler(colour: bool) -> Callable[..., str]:
    return click.style if colour else textual.plain


def read_input(path: str) -> Draft:
    """A draft file, or standard input for "-"."""
    return read_stdin() if path == "-" else read_draft(path)


def fails(report: Report, fail_on: Severity) -> bool:
    """Whether a report has a finding at or above the --fail-on severity (exit status 1)."""
    return any(f.severity.rank >= fail_on.rank for f in report.findings)


def split_ids(values: Iterable[str]) -> list[str]:
    """--ignore a,b --ignore c -> [a, b, c]"""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def options_session(select: Iterable[str] = (), ignore: Iterable[str] = (), rule_paths: Iterable[str] = (),
                    no_plugins: bool | None = None, fail_on: str | None = None, lang: str | None = None,
                    channel: str | None = None, config_file: str | None = None,
                    template: bool | None = None) -> Session:
    """The library's Session for the options `check`, `batch` and `coach` share (the command
    line over the configuration files)."""
    from ..session import Session  # the library, loaded when a command runs

    overrides = {"select": split_ids(select), "ignore": split_ids(ignore), "rules": list(rule_paths),
                 "plugins": False if no_plugins else None, "fail-on": fail_on, "template": template,
                 "lang": lang, "channel": channel}
    return Session(overrides, config_file)


colour_option = click.option(
    "--color", "--colour", "colour", type=click.Choice(["auto", "always", "never"]), default="auto",
    show_default=True, help="Colour the output (auto: only on a terminal, and not when NO_COLOR is set).",
)
rules_option = click.option(
    "--rules", "rule_paths", multiple=True, type=click.Path(), metavar="PATH",
    help="An extra rule pack (a YAML file or a folder of them). Repeatable.",
)
no_plugins_option = click.option(
    "--no-plugins", is_flag=True, help="Do not load packs from installed packages (entry points).",
)


def rule_selection_options(fn: F) -> F:
    """--rules, --no-plugins, --select, --ignore, --fail-on: the same for every command
    that lints (check, batch), so that a setting means the same thing in both."""
    from ..model import Severity

    for option in reversed([
        rules_option,
        click.option("--no-plugins", is_flag=True, default=None, help="Do not load packs from installed packages."),
        click.option("--select", multiple=True, metavar="IDS",
                     help="Only these rule ids or id prefixes (comma-separated, repeatable)."),
        click.option("--ignore", multiple=True, metavar="IDS",
                     help="Skip these rule ids or id prefixes (comma-separated, repeatable)."),
        click.option("--fail-on", type=click.Choice([s.value for s in Severity]), default=None,
                     help="Exit 1 when a finding has this severity or worse (default: warning)."),
    ]):
        fn = option(fn)
    return fn


def terminal_width(stream: Any = None) -> int:
    """The width to fit excerpts and carets in: COLUMNS, else the terminal's, else 100
    (output to a file or a pipe). The warm-server client passes its COLUMNS along."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    stream = stream or sys.stdout
    try:
        if stream.isatty():
            return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):
        pass
    return textual.MAX_LINE_WIDTH


def kind_option(help_text: str = "Message kind") -> Callable[[F], F]:
    """--kind: the message kind (model.MESSAGE_KINDS), or auto to detect it. Shared by the
    commands that judge messages (check, batch; coach may use it too)."""
    from ..model import MESSAGE_KINDS

    return click.option("--kind", "message_kind", type=click.Choice(["auto", *MESSAGE_KINDS]), default=None,
                        help=f"{help_text}: {', '.join(MESSAGE_KINDS)}, or auto to detect it (default).")
