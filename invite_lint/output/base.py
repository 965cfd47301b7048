"""What every output format provides (the Formatter protocol) and what it is given.

A format renders a list of file reports (documents.results.DraftResult: a path, a label for
a row of a file of many messages, and its Report) plus the inputs that could not be read.
It only builds strings: the command decides where they go. One module per format
(textual, machine, github, sarif); output.registry names them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:  # annotations only: naming the formats loads no engine (fast start-up)
    from ..documents.results import DraftResult
    from ..errors import InputError
    from ..kinds import Rule

Style = Callable[..., str]


def plain(text: str, **_: object) -> str:
    return text


@dataclass(frozen=True)
class Context:
    """What a format may need beyond the reports."""

    tool_version: str
    rules: Sequence[Rule] = ()  # the rules that ran (SARIF describes them in tool.driver)
    style: Style = plain  # colours for people (click.style on a terminal)
    width: int = 100  # the terminal's width, for text excerpts
    colour: bool = False


@dataclass(frozen=True)
class Rendered:
    """`out`: the report (standard output, or stderr when stdout carries a fixed text);
    `err`: lines for people only (the text format's input errors), always on stderr."""

    out: str
    err: str = ""
    coloured: bool = False


@runtime_checkable
class Formatter(Protocol):
    """One output format: its `--format` name, a one-line help, and how it renders."""

    name: str
    help: str

    def render(self, results: Sequence[DraftResult], errors: Sequence[InputError], context: Context) -> Rendered:
        ...


@dataclass(frozen=True)
class FormatterInfo:
    """A format of the registry: its name, help, and where it lives (imported on use)."""

    name: str
    help: str
    module: str
    attribute: str = "FORMATTER"
    aliases: tuple[str, ...] = field(default=())
