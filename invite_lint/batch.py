"""Lint files of any size, one message per row (JSONL or CSV), in constant memory.

    from invite_lint import Linter
    from invite_lint.batch import read_rows, lint_rows, result_record

    for result in lint_rows(read_rows("messages.jsonl"), Linter(), jobs=2):
        print(result_record(result))

Rows are read one at a time and results come back in input order, whatever the number of
worker processes; at most a few chunks are in flight, so memory does not grow with the file.
A row that cannot be read (bad JSON, no text column, unknown channel) becomes a result with
an error, and the others go on. Cross-message rules (`near-duplicate-draft`) need every
message at once and do not run here: `Linter.lint_many` runs them.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
from collections import deque
from collections.abc import Container, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .api import Linter
from .documents.formats import csv_rows, row_message
from .errors import InputError, InviteLintError
from .model import Message, Report

PathLike = str | os.PathLike[str]
ROW_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
CHUNK_ROWS = 64  # rows per task: one nlp.pipe batch, and little to lose on a crash
IN_FLIGHT_PER_JOB = 3  # chunks queued per worker: enough to keep it busy, bounded memory


@dataclass(frozen=True)
class Row:
    number: int  # 1-based, counting data rows (not the CSV header, not blank lines)
    where: str  # path:line, for error messages
    id: str  # the row's `id` column, else its number
    message: Message | None  # None when the row could not be read
    error: str | None = None


@dataclass(frozen=True)
class RowResult:
    row: Row
    report: Report | None  # None when the row could not be read

    @property
    def error(self) -> str | None:
        return self.row.error


def row_format(path: PathLike, fmt: str | None = None) -> str:
    if fmt is not None:
        if fmt not in ("jsonl", "csv"):
            raise InputError(str(path), f"unknown format '{fmt}' (use jsonl or csv)")
        return fmt
    found = ROW_FORMATS.get(Path(path).suffix.lower())
    if found is None:
        raise InputError(str(path), "not a file of rows: name it .jsonl, .ndjson or .csv, or give --input-format")
    return found


def _row(number: int, where: str, data: Any) -> Row:
    try:
        if not isinstance(data, dict):
            raise InputError(where, f"row {number} is not a JSON object")
        found = row_message(data, number, where)  # checks the row's lang and channel
        message = Message(found.text, found.lang, found.channel, found.recipient, found.kind)
    except InviteLintError as exc:
        problem = exc.problem if isinstance(exc, InputError) else str(exc)
        fallback = data.get("id") if isinstance(data, dict) and data.get("id") not in (None, "") else number
        return Row(number, where, str(fallback), None, problem)
    return Row(number, where, found.id if found.id is not None else str(number), message)


def _jsonl_rows(path: PathLike) -> Iterator[Row]:
    number = 0
    with open(path, "rb") as stream:
        for line_number, raw in enumerate(stream, start=1):
            if line_number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            number += 1
            where = f"{path}:{line_number}"
            try:
                data = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError:
                yield Row(number, where, str(number), None, f"row {number} is not UTF-8 text")
                continue
            except ValueError as exc:
                yield Row(number, where, str(number), None, f"row {number}: malformed JSON ({exc})")
                continue
            yield _row(number, where, data)


def _csv_rows(path: PathLike) -> Iterator[Row]:
    # surrogateescape: a badly encoded row is reported as such instead of ending the file
    with open(path, encoding="utf-8-sig", errors="surrogateescape", newline="") as stream:
        for number, first_line, clean, extra_fields in csv_rows(stream, str(path)):
            where = f"{path}:{first_line}"
            if any(isinstance(v, str) and _has_surrogates(v) for v in clean.values()):
                yield Row(number, where, str(number), None, f"row {number} is not UTF-8 text")
            elif extra_fields:
                yield Row(number, where, str(number), None, f"row {number} has more fields than the header")
            else:
                yield _row(number, where, clean)


def _has_surrogates(value: str) -> bool:
    return any("\udc80" <= c <= "\udcff" for c in value)


def read_rows(path: PathLike, fmt: str | None = None, skip: Container[str] = ()) -> Iterator[Row]:
    """The rows of a JSONL or CSV file, one at a time; rows whose id is in `skip` are left out
    (to resume a run). Raises InputError when the file itself cannot be read."""
    kind = row_format(path, fmt)
    if not Path(path).is_file():
        raise InputError(str(path), "no such file")
    rows = _jsonl_rows(path) if kind == "jsonl" else _csv_rows(path)
    return (row for row in rows if row.id not in skip)


def _chunks(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    chunk: list[Row] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _lint_chunk(linter: Linter, chunk: list[Row]) -> list[Report | None]:
    messages = [row.message for row in chunk if row.message is not None]
    reports = iter(list(linter.iter_lint(messages)))
    return [next(reports) if row.message is not None else None for row in chunk]


# -- worker processes -------------------------------------------------------------------
_worker_linter: Linter | None = None


def _start_worker(pickled: bytes) -> None:
    global _worker_linter
    _worker_linter = pickle.loads(pickled)  # rules come compiled; the model loads on first use


def _worker_chunk(chunk: list[Row]) -> list[Report | None]:
    assert _worker_linter is not None, "worker started without a linter"
    return _lint_chunk(_worker_linter, chunk)


def lint_rows(rows: Iterable[Row], linter: Linter, jobs: int = 1, chunk_rows: int = CHUNK_ROWS) -> Iterator[RowResult]:
    """Lint rows in input order. With jobs > 1, that many worker processes each load the
    model once; `rows` is read only as fast as the workers go."""
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    if jobs == 1:
        for chunk in _chunks(rows, chunk_rows):
            yield from (RowResult(row, report) for row, report in zip(chunk, _lint_chunk(linter, chunk)))
        return
    context = multiprocessing.get_context("spawn")  # no inherited threads or locks; same on every OS
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker,
                             initargs=(pickle.dumps(linter),)) as pool:
        pending: deque[tuple[list[Row], Future[list[Report | None]]]] = deque()
        chunks = _chunks(rows, chunk_rows)
        for chunk in chunks:
            pending.append((chunk, pool.submit(_worker_chunk, chunk)))
            if len(pending) >= jobs * IN_FLIGHT_PER_JOB:
                done, future = pending.popleft()
                yield from (RowResult(row, report) for row, report in zip(done, future.result()))
        while pending:
            done, future = pending.popleft()
            yield from (RowResult(row, report) for row, report in zip(done, future.result()))


def result_record(result: RowResult) -> dict[str, Any]:
    """One line of batch output: the row's id and number, then the report (as in
    `check --format json`, without the message text) or the row's error."""
    record: dict[str, Any] = {"id": result.row.id, "row": result.row.number}
    if result.report is None:
        record["error"] = result.error
        record["where"] = result.row.where
        return record
    record.update(result.report.to_dict())
    return record


def done_ids(output: PathLike) -> set[str]:
    """Ids already in a batch output file (to resume). A last line cut short by a crash is
    removed from the file, so that the row is linted again."""
    path = Path(output)
    if not path.exists():
        return set()
    ids: set[str] = set()
    keep = 0
    with open(path, "rb") as stream:
        for raw in stream:
            try:
                record = json.loads(raw)
            except ValueError:
                break
            if not raw.endswith(b"\n") or not isinstance(record, dict) or "id" not in record:
                break
            ids.add(str(record["id"]))
            keep += len(raw)
    if keep != path.stat().st_size:
        with open(path, "r+b") as stream:
            stream.truncate(keep)
    return ids
