"""What every output format provides (the Formatter protocol) and what it is given.

A format renders a list of file reports (documents.results.DraftResult: a path, a label for
a row of a file of many messages, and its Report) plus the inputs that could not be read,
all at once (`render`, what `check` and the web API use) or one at a time as they come
(`stream`, what `batch` uses on files of any size). It only builds strings: the command
decides where they go. One module per format (textual, machine, jsonlines, github, sarif);
output.registry names them."""

from __future__ import annotations

from abc import ABC, abstractmethod
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
    # batch: every result is a row of this one input file, so a row need not repeat its path
    input_path: str | None = None


@dataclass(frozen=True)
class Rendered:
    """`out`: the report (standard output, or stderr when stdout carries a fixed text);
    `err`: lines for people only (the text format's input errors), always on stderr."""

    out: str
    err: str = ""
    coloured: bool = False


@runtime_checkable
class Stream(Protocol):
    """A report being written as its parts come: what each result, each input error and the
    end add to the output. A format that needs everything at once buffers (Buffered)."""

    def add(self, result: DraftResult) -> Rendered:
        ...

    def error(self, error: InputError) -> Rendered:
        ...

    def close(self) -> Rendered:
        ...


@runtime_checkable
class Formatter(Protocol):
    """One output format: its `--format` name, a one-line help, how it renders a whole run,
    and how it writes one as it comes (the two give the same text for the same input)."""

    name: str
    help: str

    def render(self, results: Sequence[DraftResult], errors: Sequence[InputError], context: Context) -> Rendered:
        ...

    def stream(self, context: Context) -> Stream:
        ...


class Buffered:
    """The Stream of a format that is one document (JSON, SARIF): it keeps every part and
    renders them at the end, so its memory grows with the run (said in `batch --help`)."""

    def __init__(self, formatter: Formatter, context: Context) -> None:
        self.formatter, self.context = formatter, context
        self.results: list[DraftResult] = []
        self.errors: list[InputError] = []

    def add(self, result: DraftResult) -> Rendered:
        self.results.append(result)
        return NOTHING

    def error(self, error: InputError) -> Rendered:
        self.errors.append(error)
        return NOTHING

    def close(self) -> Rendered:
        return self.formatter.render(self.results, self.errors, self.context)


NOTHING = Rendered("")


class OpenStream:
    """A stream with nothing to add at the end (what most streaming formats are)."""

    def close(self) -> Rendered:
        return NOTHING


class StreamingFormat(ABC):
    """A format written as it comes (text, JSON Lines, GitHub): it implements `stream`, and
    renders a whole run through it (`streamed`), so the two give the same text."""

    name: str
    help: str

    @abstractmethod
    def stream(self, context: Context) -> Stream:
        ...

    def render(self, results: Sequence[DraftResult], errors: Sequence[InputError], context: Context) -> Rendered:
        return streamed(self.stream(context), results, errors)


class DocumentFormat(ABC):
    """A format that is one document (JSON, SARIF): it implements `render`; its stream keeps
    the parts until the end (Buffered)."""

    name: str
    help: str

    @abstractmethod
    def render(self, results: Sequence[DraftResult], errors: Sequence[InputError], context: Context) -> Rendered:
        ...

    def stream(self, context: Context) -> Stream:
        return Buffered(self, context)


def streamed(stream: Stream, results: Sequence[DraftResult], errors: Sequence[InputError]) -> Rendered:
    """A whole run rendered through a format's stream (input errors first, then the results
    in order): one code path for `render` and `stream` in the formats that can stream."""
    parts = [stream.error(e) for e in errors] + [stream.add(r) for r in results] + [stream.close()]
    return Rendered("".join(p.out for p in parts), "".join(p.err for p in parts), any(p.coloured for p in parts))


@dataclass(frozen=True)
class FormatterInfo:
    """A format of the registry: its name, help, and where it lives (imported on use)."""

    name: str
    help: str
    module: str
    attribute: str = "FORMATTER"
    aliases: tuple[str, ...] = field(default=())
