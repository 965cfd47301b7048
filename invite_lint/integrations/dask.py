"""Lint with Dask, partition by partition: `pip install "invite-lint[dask]"`.

    import dask.bag as db
    from invite_lint import Linter
    from invite_lint.integrations.dask import lint_bag, lint_dataframe

    linter = Linter(ignore=["missing-sign-off"])
    reports = lint_bag(db.from_sequence(texts, npartitions=8), linter).compute()   # dicts
    frame = lint_dataframe(ddf, linter, text="body").compute()                   # + columns

The Linter travels pickled (its rules compiled, about half a megabyte); each worker process
loads the spaCy model on its first partition and keeps it, and keeps the Linter it first
received, so later partitions reuse its compiled matchers. Results are those of
`Linter.iter_lint` on the same messages: messages are not compared with each other (no
`near-duplicate-draft`, which needs them all in one place).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..api import Linter
from .partition import _worker_linters, lint_partition  # noqa: F401 - _worker_linters: what a worker kept

if TYPE_CHECKING:  # only for type checkers: dask is an optional extra
    import dask.bag
    import dask.dataframe
    import pandas

REPORT_COLUMNS = {"verdict": "object", "score": "int64", "lang": "object", "channel": "object",
                  "rules": "object", "findings": "object"}

def lint_bag(bag: dask.bag.Bag, linter: Linter | None = None, lang: str | None = None,
             channel: str | None = None) -> dask.bag.Bag:
    """A bag of report dicts, in the order of the input bag."""
    return bag.map_partitions(lint_partition, linter or Linter(), lang, channel)


def _frame_partition(frame: pandas.DataFrame, linter: Linter, text: str, lang: str | None,
                     channel: str | None) -> pandas.DataFrame:
    import pandas as pd

    reports = lint_partition([str(t) for t in frame[text]], linter, lang, channel)
    columns = {
        "verdict": [r["verdict"] for r in reports],
        "score": [r["score"] for r in reports],
        "lang": [r["lang"] for r in reports],
        "channel": [r["channel"] for r in reports],
        "rules": [",".join(sorted({f["rule"] for f in r["findings"]})) for r in reports],
        "findings": [json.dumps(r["findings"], ensure_ascii=False) for r in reports],
    }
    return pd.DataFrame(columns, index=frame.index).astype(REPORT_COLUMNS)


def lint_dataframe(frame: dask.dataframe.DataFrame, linter: Linter | None = None, text: str = "text",
                   lang: str | None = None, channel: str | None = None) -> dask.dataframe.DataFrame:
    """A dataframe with the same index and the columns verdict, score, lang, channel, rules
    (the rule ids that fired, comma-separated) and findings (JSON), for `frame[text]`."""
    import pandas as pd

    meta = pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in REPORT_COLUMNS.items()})
    return frame.map_partitions(_frame_partition, linter or Linter(), text, lang, channel, meta=meta)
