"""Lint with Apache Spark, partition by partition: `pip install "invite-lint[spark]"` (and a
Java runtime, as Spark needs: Debian's openjdk-17-jre-headless).

    from pyspark.sql import SparkSession
    from invite_lint import Linter
    from invite_lint.integrations.spark import lint_dataframe, lint_rdd

    spark = SparkSession.builder.getOrCreate()
    linter = Linter(ignore=["missing-sign-off"])
    linted = lint_dataframe(spark.read.parquet("s3://bucket/messages/"), linter, text="body")
    linted.select("id", "verdict", "score", "rules").write.parquet("s3://bucket/linted/")
    reports = lint_rdd(spark.sparkContext.parallelize(texts, 8), linter).collect()   # dicts

The Linter is broadcast (pickled once, its rules compiled); each executor's Python worker
loads the spaCy model on its first partition and keeps it with the first copy of the Linter
it received (Spark reuses its Python workers by default), so later partitions pay neither.
A partition streams through `Linter.iter_lint` in chunks: executor memory does not grow with
the partition. Results are those of `Linter.iter_lint` on the same messages in one process
(tests/test_spark.py runs both on a local[2] session): messages are not compared with each
other (no `near-duplicate-draft`, which needs them all in one place).
"""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..api import Linter
from ..model import Message
from .partition import lint_partition

if TYPE_CHECKING:  # only for type checkers: pyspark is an optional extra
    import pyspark
    import pyspark.sql

# The columns lint_dataframe adds (the Dask integration's): name -> Spark SQL type.
REPORT_COLUMNS = {"verdict": "string", "score": "int", "lang": "string", "channel": "string",
                  "rules": "string", "findings": "string"}
CHUNK = 256  # messages linted together within a partition (iter_lint pipes them in batches)


def _chunks(items: Iterable[Any]) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, CHUNK)):
        yield chunk


def _lint_items(broadcast: Any, lang: str | None, channel: str | None,
                items: Iterable[str | Message | dict[str, Any]]) -> Iterator[dict[str, Any]]:
    linter = broadcast.value
    for chunk in _chunks(items):
        # a pyspark Row is a tuple: hand lint_partition the dict of its columns
        plain = [item.asDict() if hasattr(item, "asDict") else item for item in chunk]
        yield from lint_partition(plain, linter, lang, channel)


def lint_rdd(rdd: pyspark.RDD[Any], linter: Linter | None = None, lang: str | None = None,
             channel: str | None = None) -> pyspark.RDD[dict[str, Any]]:
    """An RDD of report dicts (the `--format json` report fields), in the order of `rdd`,
    whose items are texts, Messages, or dicts / Rows with the columns of a batch row
    (text, lang, channel, name, about...)."""
    broadcast = rdd.context.broadcast(linter or Linter())
    return rdd.mapPartitions(functools.partial(_lint_items, broadcast, lang, channel), preservesPartitioning=True)


def report_columns(report: dict[str, Any]) -> tuple[Any, ...]:
    """The values of REPORT_COLUMNS for one report dict."""
    return (report["verdict"], int(report["score"]), report["lang"], report["channel"],
            ",".join(sorted({f["rule"] for f in report["findings"]})),
            json.dumps(report["findings"], ensure_ascii=False))


def _frame_partition(broadcast: Any, text: str, lang: str | None, channel: str | None,
                     rows: Iterable[Any]) -> Iterator[tuple[Any, ...]]:
    linter = broadcast.value
    for chunk in _chunks(rows):
        reports = lint_partition([str(row[text]) for row in chunk], linter, lang, channel)
        for row, report in zip(chunk, reports):
            yield (*row, *report_columns(report))


def lint_dataframe(frame: pyspark.sql.DataFrame, linter: Linter | None = None, text: str = "text",
                   lang: str | None = None, channel: str | None = None) -> pyspark.sql.DataFrame:
    """`frame` with the columns verdict, score, lang, channel, rules (the rule ids that fired,
    comma-separated) and findings (JSON) added, for `frame[text]`, rows in the same order.
    A column of `frame` with one of those names is an error (rename it first)."""
    from pyspark.sql.types import IntegerType, StringType, StructField, StructType

    clash = sorted(set(frame.columns) & set(REPORT_COLUMNS))
    if clash:
        raise ValueError(f"the dataframe already has column(s) {', '.join(clash)}: rename them first")
    if text not in frame.columns:
        raise ValueError(f"no column '{text}' in the dataframe (columns: {', '.join(frame.columns)})")
    added = [StructField(name, IntegerType() if kind == "int" else StringType()) for name, kind in REPORT_COLUMNS.items()]
    out = StructType([*frame.schema.fields, *added])
    broadcast = frame.sparkSession.sparkContext.broadcast(linter or Linter())
    rows = frame.rdd.mapPartitions(functools.partial(_frame_partition, broadcast, text, lang, channel),
                                   preservesPartitioning=True)
    return frame.sparkSession.createDataFrame(rows, out)
