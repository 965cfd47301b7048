"""The Spark integration on a real local Spark session (local[2]: one JVM, two Python worker
processes): the results are those of one process, and each worker keeps one Linter and one
model. Needs a Java runtime; tests/conftest.py installs Debian's openjdk-17-jre-headless
when none is found (as for Chromium)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyspark.sql import SparkSession

from invite_lint import Linter
from invite_lint.evaluation.corpus import load_corpus
from invite_lint.integrations import spark as integration

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def texts() -> list[str]:
    entries = load_corpus(ROOT / "corpus" / "fr") + load_corpus(ROOT / "corpus" / "en")
    return [e.text for e in entries]


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    java = os.environ.get("INVITE_LINT_JAVA")
    if java and not os.environ.get("JAVA_HOME"):
        os.environ["JAVA_HOME"] = str(Path(java).resolve().parent.parent)
    os.environ["PYSPARK_PYTHON"] = os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (SparkSession.builder.master("local[2]").appName("invite-lint tests")
               .config("spark.ui.enabled", "false")
               .config("spark.python.worker.reuse", "true")
               .config("spark.driver.bindAddress", "127.0.0.1")
               .config("spark.sql.shuffle.partitions", "2")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_local_session_gives_the_single_process_results(spark: SparkSession, linter: Linter, texts: list[str]) -> None:
    expected = [r.to_dict() for r in linter.iter_lint(texts)]
    context = spark.sparkContext
    got = integration.lint_rdd(context.parallelize(texts, 8), linter).collect()
    assert got == expected

    some = texts[:300]  # the dataframe path, on fewer messages (the suite's time)
    frame = spark.createDataFrame(list(enumerate(some)), "id long, text string").repartition(6, "id")
    rows = sorted(integration.lint_dataframe(frame, linter).collect(), key=lambda row: row["id"])
    assert [row["id"] for row in rows] == list(range(len(some)))
    assert [row["text"] for row in rows] == some
    expected = expected[:len(some)]
    assert [row["verdict"] for row in rows] == [r["verdict"] for r in expected]
    assert [row["score"] for row in rows] == [r["score"] for r in expected]
    assert [json.loads(row["findings"]) for row in rows] == [r["findings"] for r in expected]
    assert rows[0]["rules"] == ",".join(sorted({f["rule"] for f in expected[0]["findings"]}))

    def what_the_worker_kept(_: object) -> Iterator[tuple[int, int, int]]:  # defined here: sent by value
        from invite_lint.integrations import partition
        from invite_lint.text import pipeline

        yield os.getpid(), len(partition._worker_linters), len({id(p.nlp) for p in pipeline._cache.values() if p.model})

    kept = context.parallelize(range(8), 8).mapPartitions(what_the_worker_kept).collect()
    workers = {pid: (linters, models) for pid, linters, models in kept}
    assert 1 <= len(workers) <= 2  # local[2]: two Python workers, reused
    assert set(workers.values()) <= {(1, 1), (0, 0)}  # one Linter, one French model each (or unused)
    assert (1, 1) in set(workers.values())


def test_rows_carry_their_own_language_and_recipient(spark: SparkSession, linter: Linter) -> None:
    rows = [{"text": "Hello Sam, I loved your talk on typing. How do you teach it?", "name": "Sam", "lang": "en"},
            {"text": "Bonjour Karine, Paul Martin aimerait rejoindre votre réseau."}]
    reports = integration.lint_rdd(spark.sparkContext.parallelize(rows, 2), linter).collect()
    assert reports[0]["lang"] == "en" and reports[0]["lang_source"] == "given"
    assert reports[1]["verdict"] == "rewrite"


def test_dataframe_refuses_a_clashing_column(spark: SparkSession, linter: Linter) -> None:
    frame = spark.createDataFrame([("x", "ok")], "text string, verdict string")
    with pytest.raises(ValueError, match="verdict"):
        integration.lint_dataframe(frame, linter)
    with pytest.raises(ValueError, match="no column 'body'"):
        integration.lint_dataframe(frame.drop("verdict"), linter, text="body")
