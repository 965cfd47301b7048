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

import dataclasses
import json
import multiprocessing
import os
import pickle
from collections import deque
from collections.abc import Container, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .api import Linter
from .documents.formats import (csv_rows, malformed_json, nested_too_deeply, not_an_object, row_label,
                                row_message)
from .documents.model import Unit
from .documents.results import DraftResult
from .documents.sourcemap import Segment, SourceMap
from .engine.runner import checked_message
from .errors import InputError, InviteLintError, RowError
from .output.jsonlines import error_record, record
from .text.printable import printable
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
    id_given: bool = False  # the id is the row's `id` column (else its number stands in)


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
            raise InputError(where, not_an_object(number))
        found = row_message(data, number, where)  # checks the row's lang and channel
        message = checked_message(Message(found.text, found.lang, found.channel, found.recipient, found.kind),
                                  number)
    except InviteLintError as exc:
        problem = exc.problem if isinstance(exc, InputError) else str(exc)
        fallback = data.get("id") if isinstance(data, dict) and data.get("id") not in (None, "") else number
        return Row(number, where, str(fallback), None, problem)
    return Row(number, where, found.id if found.id is not None else str(number), message, id_given=found.id is not None)


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
                yield Row(number, where, str(number), None, malformed_json(number, exc))
                continue
            except RecursionError:  # [[[[... nested deeper than Python's stack
                yield Row(number, where, str(number), None, nested_too_deeply(number))
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


def read_rows(path: PathLike, fmt: str | None = None, skip: Container[str] = (),
              done: Mapping[int, str] | None = None, output: PathLike = "output") -> Iterator[Row]:
    """The rows of a JSONL or CSV file, one at a time. Raises InputError when the file itself
    cannot be read. To resume a run, rows whose id is in `skip` are left out, or (what the
    command line uses) the rows whose number is in `done` ({row number: id}, see
    `done_rows`): each one's id must be the one recorded, or this is not the same input
    and an InputError says so. By position, duplicate or missing ids lose nothing."""
    kind = row_format(path, fmt)
    if not Path(path).is_file():
        raise InputError(str(path), "no such file")
    rows = _jsonl_rows(path) if kind == "jsonl" else _csv_rows(path)
    if done is None:
        return (row for row in rows if row.id not in skip)
    return _not_done(rows, done, str(output))


def _not_done(rows: Iterable[Row], done: Mapping[int, str], output: str) -> Iterator[Row]:
    for row in rows:
        recorded = done.get(row.number)
        if recorded is None:
            yield row
        elif recorded != printable(row.id):  # ids are written with one escaping (output.jsonlines)
            raise InputError(output, f"its row {row.number} has id '{recorded}' but the input's row {row.number} "
                                     f"({row.where}) has id '{row.id}': not the output of this input, not resumed")


def _chunks(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    chunk: list[Row] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _lint_chunk(linter: Linter, chunk: list[Row]) -> list[Report | str | None]:
    """A report per row (None for a row that could not be read). If the chunk fails as a
    whole, its rows are linted one by one, and a row that still fails gets its error (a
    string) instead of ending the whole run."""
    messages = [row.message for row in chunk if row.message is not None]
    try:
        reports = iter(list(linter.iter_lint(messages)))
        return [next(reports) if row.message is not None else None for row in chunk]
    except Exception:
        return [_lint_one(linter, row.message) if row.message is not None else None for row in chunk]


def _lint_one(linter: Linter, message: Message) -> Report | str:
    try:
        return next(linter.iter_lint([message]))
    except InviteLintError as exc:
        return exc.problem if isinstance(exc, InputError) else str(exc)
    except Exception as exc:  # a bug, reported on its row
        return f"internal error: {type(exc).__name__}: {exc}"


def _result(row: Row, report: Report | str | None) -> RowResult:
    if isinstance(report, str):
        return RowResult(dataclasses.replace(row, message=None, error=report), None)
    return RowResult(row, report)


# -- worker processes -------------------------------------------------------------------
_worker_linter: Linter | None = None


def _die_with_parent(parent: int) -> None:
    """A worker whose parent is killed (SIGKILL: no cleanup runs there) must not live on,
    holding a model in memory: Linux kills it with its parent (PR_SET_PDEATHSIG); elsewhere
    a thread watches the parent's pid."""
    import signal
    import threading
    import time

    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(1, int(signal.SIGKILL), 0, 0, 0) == 0:  # PR_SET_PDEATHSIG
            if os.getppid() != parent:  # the parent died before the call
                _orphaned()
            return
    except (OSError, AttributeError):
        pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        _orphaned()

    threading.Thread(target=watch, daemon=True).start()


def _orphaned() -> None:
    """End this worker process as the kernel would with PR_SET_PDEATHSIG (only ever called
    in a worker of ours, never in the caller's process)."""
    import signal

    os.kill(os.getpid(), signal.SIGKILL)


def _start_worker(pickled: bytes, parent: int | None = None) -> None:
    global _worker_linter
    if parent is not None:
        _die_with_parent(parent)
    _worker_linter = pickle.loads(pickled)  # rules come compiled; the model loads on first use


def _worker_chunk(chunk: list[Row]) -> list[Report | str | None]:
    assert _worker_linter is not None, "worker started without a linter"
    return _lint_chunk(_worker_linter, chunk)


def lint_rows(rows: Iterable[Row], linter: Linter, jobs: int = 1, chunk_rows: int = CHUNK_ROWS) -> Iterator[RowResult]:
    """Lint rows in input order. With jobs > 1, that many worker processes each load the
    model once; `rows` is read only as fast as the workers go."""
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    if jobs == 1:
        for chunk in _chunks(rows, chunk_rows):
            yield from (_result(row, report) for row, report in zip(chunk, _lint_chunk(linter, chunk)))
        return
    context = multiprocessing.get_context("spawn")  # no inherited threads or locks; same on every OS
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker,
                             initargs=(pickle.dumps(linter), os.getpid())) as pool:
        pending: deque[tuple[list[Row], Future[list[Report | str | None]]]] = deque()
        chunks = _chunks(rows, chunk_rows)
        for chunk in chunks:
            pending.append((chunk, pool.submit(_worker_chunk, chunk)))
            if len(pending) >= jobs * IN_FLIGHT_PER_JOB:
                done, future = pending.popleft()
                yield from (_result(row, report) for row, report in zip(done, future.result()))
        while pending:
            done, future = pending.popleft()
            yield from (_result(row, report) for row, report in zip(done, future.result()))


def output_part(result: RowResult, path: PathLike) -> DraftResult | RowError:
    """A row's result as the output formats take it (output.base.Stream): a DraftResult
    whose positions are those of the message, or the row's RowError."""
    row = result.row
    if result.report is None:
        return RowError(row.where, result.error or "unreadable row", row.number, row.id)
    text = result.report.text
    line = row.where.rpartition(":")[2]
    unit = Unit(str(path), text, SourceMap([Segment(0, 0, len(text))], len(text), exact=False),
                label=row_label(row.number, row.id if row.id_given else None), row=row.number, row_id=row.id,
                line=int(line) if line.isdigit() else None, writable=False)
    return DraftResult(unit, result.report, "message")


def result_record(result: RowResult) -> dict[str, Any]:
    """One line of batch output (`--format jsonl`): the row's id and number, then the report
    (as in `check --format json`, without the message text) or the row's error."""
    part = output_part(result, "")
    return error_record(part, False) if isinstance(part, RowError) else record(part, False)


def done_ids(output: PathLike) -> set[str]:
    """Ids already in a batch output file (to resume). A last line cut short by a crash is
    removed from the file, so that the row is linted again."""
    return set(done_rows(output).values())


def done_rows(output: PathLike) -> dict[int, str]:
    """{row number: id} of the records already in a batch output file (to resume). A last
    line cut short by a crash is removed from the file, so that the row is linted again."""
    path = Path(output)
    if not path.exists():
        return {}
    ids: dict[int, str] = {}
    keep = 0
    with open(path, "rb") as stream:
        for line_number, raw in enumerate(stream, start=1):
            try:
                record = json.loads(raw)
            except (ValueError, RecursionError):
                record = None
            if raw.endswith(b"\n") and not (isinstance(record, dict) and "id" in record
                                             and isinstance(record.get("row"), int)):
                # a whole line that is not one of ours: another file (a SARIF log, a text
                # report), which cutting would destroy; only a last line cut short is removed
                raise InputError(f"{output}:{line_number}", "not a line of batch JSON output ({\"id\", \"row\", ...}): "
                                                            "not resumed, and left as it is")
            if not raw.endswith(b"\n"):
                break
            assert isinstance(record, dict)
            ids[record["row"]] = str(record["id"])
            keep += len(raw)
    if keep != path.stat().st_size:
        with open(path, "r+b") as stream:
            stream.truncate(keep)
    return ids
