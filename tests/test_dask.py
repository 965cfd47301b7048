"""The Dask integration on a real dask.distributed cluster of two worker processes: the
results are those of one process, and each worker loads the model once."""

from __future__ import annotations

from pathlib import Path

import dask.bag as db
import dask.dataframe as dd
import pandas as pd
import pytest
from dask.distributed import Client, LocalCluster

from invite_lint import Linter
from invite_lint.evaluation.corpus import load_corpus
from invite_lint.integrations import dask as integration

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def texts() -> list[str]:
    entries = load_corpus(ROOT / "corpus" / "fr") + load_corpus(ROOT / "corpus" / "en")
    return [e.text for e in entries]


def _linters_in_worker() -> int:
    from invite_lint.integrations import dask as loaded

    return len(loaded._worker_linters)


def _models_in_worker() -> int:
    from invite_lint.text import pipeline

    return len({id(p.nlp) for p in pipeline._cache.values() if p.model})


def test_two_worker_cluster_gives_the_single_process_results(linter: Linter, texts: list[str]) -> None:
    expected = [r.to_dict() for r in linter.iter_lint(texts)]
    frame = pd.DataFrame({"id": range(len(texts)), "text": texts})
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        got = integration.lint_bag(db.from_sequence(texts, npartitions=8), linter).compute()
        linted = integration.lint_dataframe(dd.from_pandas(frame, npartitions=6), linter).compute()
        per_worker_linters = client.run(_linters_in_worker)
        per_worker_models = client.run(_models_in_worker)
    assert len(per_worker_linters) == 2
    assert got == expected
    # every worker did work, kept one Linter (14 partitions between them) and one French model
    assert sorted(per_worker_linters.values()) == [1, 1]
    assert sorted(per_worker_models.values()) == [1, 1]
    assert list(linted["verdict"]) == [r["verdict"] for r in expected]
    assert list(linted["score"]) == [r["score"] for r in expected]
    assert list(linted.index) == list(frame.index)
    assert linted["rules"].iloc[0] == ",".join(sorted({f["rule"] for f in expected[0]["findings"]}))


def test_partition_accepts_rows_with_recipient(linter: Linter) -> None:
    rows = [{"text": "Hello Sam, I loved your talk on typing. How do you teach it?", "name": "Sam", "lang": "en"},
            "Bonjour Karine, Paul Martin aimerait rejoindre votre réseau."]
    reports = integration.lint_partition(rows, linter)
    assert reports[0]["lang"] == "en" and reports[0]["lang_source"] == "given"
    assert reports[1]["verdict"] == "rewrite"
