"""What every scale-out integration does with one partition of messages (Dask, Spark):
lint it with the first copy of the Linter that reached this worker process, so that the
model is loaded and the matchers compiled once per process, whatever the partitions."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

from ..api import Linter
from ..documents.formats import row_message
from ..model import Message

_worker_linters: dict[str, Linter] = {}
_worker_lock = threading.Lock()


def _local(linter: Linter) -> Linter:
    """The first copy of this Linter that reached this worker process (compiled already)."""
    with _worker_lock:
        return _worker_linters.setdefault(linter.token, linter)


def _message(item: str | Message | dict[str, Any], lang: str | None, channel: str | None) -> Message:
    if isinstance(item, Message):
        return item
    if isinstance(item, str):
        return Message(item, lang, channel)
    row = row_message(item, 0, "<partition>")  # the columns of a JSONL or CSV row
    return Message(row.text, row.lang or lang, row.channel or channel, row.recipient, row.kind)


def lint_partition(items: Iterable[str | Message | dict[str, Any]], linter: Linter, lang: str | None = None,
                   channel: str | None = None) -> list[dict[str, Any]]:
    """Reports (as dicts, the `--format json` report fields) for one partition of messages:
    texts, Messages, or dicts with the columns of a batch row (text, lang, channel, name,
    about...)."""
    local = _local(linter)
    return [report.to_dict() for report in local.iter_lint([_message(i, lang, channel) for i in items])]
