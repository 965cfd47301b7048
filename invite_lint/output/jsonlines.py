"""JSON Lines output: one JSON object per message, written as it comes (`batch`'s default,
and `check --format jsonl` for piping into jq or a database).

A row of a file of many messages is `{"id", "row", ...report}`, a whole draft
`{"path", "positions", ...report}`; an input that cannot be read is `{"path", "error"}`, a row
`{"id", "row", "error", "where"}`. The report's fields are those of `--format json`'s files,
without the message text. In `batch`, whose rows all come from one input, rows do not repeat
its path; elsewhere they start with it."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..errors import RowError
from .base import Context, OpenStream, Rendered, Stream, StreamingFormat
from .machine import printable_data

if TYPE_CHECKING:
    from ..documents.results import DraftResult
    from ..errors import InputError


def line(record: dict[str, Any]) -> str:
    # one escaping for what is not UTF-8 (a file name's bytes): each line stays valid JSON
    return json.dumps(printable_data(record), ensure_ascii=False) + "\n"


def record(result: DraftResult, with_path: bool = True) -> dict[str, Any]:
    """The line of one report (`with_path=False`: a row of the one input of a batch)."""
    unit = result.unit
    if unit.row is None:
        return {"path": unit.path, "positions": result.positions, **result.report.to_dict()}
    head: dict[str, Any] = {"path": unit.path} if with_path else {}
    return {**head, "id": unit.row_id, "row": unit.row, **result.report.to_dict()}


def error_record(error: InputError, with_path: bool = True) -> dict[str, Any]:
    """The line of an input, or a row (RowError), that could not be read or linted."""
    if not isinstance(error, RowError):
        return {"path": error.path, "error": error.problem}
    head: dict[str, Any] = {"path": error.file} if with_path else {}
    return {**head, "id": error.row_id, "row": error.row, "error": error.problem, "where": error.path}


class JsonLinesStream(OpenStream):
    def __init__(self, context: Context) -> None:
        self.with_path = context.input_path is None

    def add(self, result: DraftResult) -> Rendered:
        return Rendered(line(record(result, self.with_path)))

    def error(self, error: InputError) -> Rendered:
        return Rendered(line(error_record(error, self.with_path)))

class JsonLinesFormatter(StreamingFormat):
    """`--format jsonl`: one JSON line per message (and per unreadable input)."""

    name = "jsonl"
    help = "JSON Lines, one object per message"

    def stream(self, context: Context) -> Stream:
        return JsonLinesStream(context)


FORMATTER = JsonLinesFormatter()
