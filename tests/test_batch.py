"""`invite-lint batch` and invite_lint.batch: streaming, ordered, resumable, and bad rows that
are reported without stopping the others."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from invite_lint import Linter, Message
from invite_lint.batch import Row, done_ids, lint_rows, read_rows, result_record
from invite_lint.cli import main
from invite_lint.evaluation.corpus import load_corpus

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def texts() -> list[str]:
    entries = load_corpus(ROOT / "corpus" / "fr") + load_corpus(ROOT / "corpus" / "en")
    return [e.text for e in entries]


def endless_rows(texts: list[str]) -> Iterator[Row]:
    """Rows without end: a batch that read its input eagerly would never return."""
    for number in itertools.count(1):
        yield Row(number, f"<gen>:{number}", f"m{number}", Message(texts[number % len(texts)]))


def records(path: Path) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_lint_rows_streams_and_keeps_order(linter: Linter, texts: list[str]) -> None:
    results = list(itertools.islice(lint_rows(endless_rows(texts), linter), 150))
    assert [r.row.number for r in results] == list(range(1, 151))
    expected = [linter.lint(texts[n % len(texts)]) for n in range(1, 151)]
    assert [r.report for r in results] == expected


def test_two_worker_processes_give_the_same_results_in_order(linter: Linter, texts: list[str]) -> None:
    one = list(itertools.islice(lint_rows(endless_rows(texts), linter, jobs=1, chunk_rows=16), 200))
    two = list(itertools.islice(lint_rows(endless_rows(texts), linter, jobs=2, chunk_rows=16), 200))
    assert [r.row.id for r in two] == [f"m{n}" for n in range(1, 201)]
    assert [r.report for r in two] == [r.report for r in one]


def write_rows(path: Path, rows: list[object]) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows),
                    encoding="utf-8")
    return path


def test_malformed_rows_are_named_and_the_others_go_on(tmp_path: Path) -> None:
    source = write_rows(tmp_path / "in.jsonl", [
        {"id": "a", "text": "Bonjour Karine, Paul Martin aimerait rejoindre votre réseau."},
        "{not json",
        {"id": "c", "body": "Hello Sam, I read your post on type hints. How did you convince your team?"},
        {"id": "d", "msg": "no text column"},
        {"id": "e", "text": "Bonjour", "channel": "fax"},
        {"id": "f", "text": "Hi Sam, loved your PyCon talk on typing. How do you teach it?", "lang": "en"},
    ])
    out = tmp_path / "out.jsonl"
    result = run("batch", str(source), "-o", str(out))
    assert result.exit_code == 2
    lines = records(out)
    assert [r["id"] for r in lines] == ["a", "2", "c", "d", "e", "f"]
    assert lines[0]["verdict"] == "rewrite" and "default-invitation-text" in {f["rule"] for f in lines[0]["findings"]}
    assert "malformed JSON" in lines[1]["error"] and lines[1]["where"].endswith("in.jsonl:2")
    assert "no text column" in lines[3]["error"]
    assert "channel must be one of" in lines[4]["error"]
    assert lines[5]["lang"] == "en" and lines[5]["lang_source"] == "given"
    assert f"{source}:2: " in result.stderr and f"{source}:4: " in result.stderr
    assert "Traceback" not in result.output

    strict = run("batch", str(source), "-o", str(tmp_path / "strict.jsonl"), "--strict")
    assert strict.exit_code == 2
    assert [r["id"] for r in records(tmp_path / "strict.jsonl")] == ["a", "2"]
    assert "--strict" in strict.stderr


def test_resume_skips_done_ids_and_repairs_a_cut_line(tmp_path: Path, texts: list[str]) -> None:
    source = write_rows(tmp_path / "in.jsonl", [{"id": f"r{i}", "text": t} for i, t in enumerate(texts[:30])])
    full = tmp_path / "full.jsonl"
    assert run("batch", str(source), "-o", str(full), "--exit-zero").exit_code == 0
    done = full.read_text(encoding="utf-8").splitlines(keepends=True)
    partial = tmp_path / "partial.jsonl"
    partial.write_text("".join(done[:12]) + done[12][:25], encoding="utf-8")  # a crash mid-line
    assert done_ids(partial) == {f"r{i}" for i in range(12)}
    assert partial.read_text(encoding="utf-8") == "".join(done[:12])  # the cut line is gone
    partial.write_text("".join(done[:12]) + done[12][:25], encoding="utf-8")
    resumed = run("batch", str(source), "-o", str(partial), "--resume", "--exit-zero")
    assert resumed.exit_code == 0
    assert "12 already done" in resumed.stderr
    assert partial.read_text(encoding="utf-8") == full.read_text(encoding="utf-8")
    assert run("batch", str(source), "--resume").exit_code == 2  # nothing to resume into


def test_csv_rows_with_a_badly_encoded_row(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(
        "id,name,text\n"
        "1,Karine,\"Bonjour Karine, Paul Martin aimerait rejoindre votre réseau.\"\n".encode()
        + b"2,Zoe,\"Bonjour Zo\xe9, je voudrais rejoindre votre r\xe9seau.\"\n"
        + "3,Sam,\"Hi Sam, I loved your talk on typing. How do you teach it?\"\n".encode())
    out = tmp_path / "out.jsonl"
    result = run("batch", str(source), "-o", str(out))
    assert result.exit_code == 2
    lines = records(out)
    assert [r["id"] for r in lines] == ["1", "2", "3"]
    assert lines[1]["error"] == "row 2 is not UTF-8 text" and lines[1]["where"].endswith("in.csv:3")
    assert lines[2]["verdict"] in ("ready", "needs-work", "rewrite")
    missing = tmp_path / "nohead.csv"
    missing.write_text("a,b\n1,2\n", encoding="utf-8")
    bad = run("batch", str(missing))
    assert bad.exit_code == 2 and "nohead.csv" in bad.stderr and "text column" in bad.stderr


def test_progress_bar_on_request_and_not_by_default(tmp_path: Path, texts: list[str]) -> None:
    source = write_rows(tmp_path / "in.jsonl", [{"text": t} for t in texts[:5]])
    quiet = run("batch", str(source), "--exit-zero")
    assert "linting" not in quiet.stderr  # not a terminal
    shown = run("batch", str(source), "--exit-zero", "--progress", "-o", str(tmp_path / "o.jsonl"))
    assert "linting" in shown.stderr and "rows/s" in shown.stderr


def test_unknown_input_is_one_line(tmp_path: Path) -> None:
    text_file = tmp_path / "draft.txt"
    text_file.write_text("Bonjour", encoding="utf-8")
    result = run("batch", str(text_file))
    assert result.exit_code == 2 and "draft.txt" in result.stderr and ".jsonl" in result.stderr
    assert run("batch", str(tmp_path / "nope.jsonl")).exit_code == 2


def test_read_rows_is_lazy(tmp_path: Path) -> None:
    source = write_rows(tmp_path / "in.jsonl", [{"id": "a", "text": "x"}, "{broken"])
    rows = read_rows(source)
    first = next(rows)  # the broken row is not read yet
    assert first.id == "a" and first.error is None
    assert next(rows).error is not None


def test_result_record_leaves_the_text_out(linter: Linter) -> None:
    row = Row(1, "f:1", "a", Message("Bonjour Karine, Paul Martin aimerait rejoindre votre réseau."))
    record = result_record(next(lint_rows([row], linter)))
    assert record["id"] == "a" and record["row"] == 1 and "text" not in record
    assert record["verdict"] == "rewrite"


@pytest.mark.parametrize("fmt", ["jsonl", "text", "github", "json", "sarif"])
def test_batch_writes_every_output_format(tmp_path: Path, fmt: str) -> None:
    """The output interface is batch's too: any --format, a bad row reported in it and on stderr."""
    source = write_rows(tmp_path / "in.jsonl", [
        {"id": "a", "text": "Bonjour, je souhaite rejoindre votre réseau."}, "{broken",
        {"id": "c", "text": "Hello, I'd like to add you to my professional network."}])
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(main, ["batch", str(source), "-o", str(out), "--format", fmt, "--no-progress"])
    assert result.exit_code == 2, result.output  # an unreadable row
    assert f"invite-lint: error: {source}:2: row 2: malformed JSON" in result.stderr
    text = out.read_text(encoding="utf-8")
    if fmt == "jsonl":
        assert [(r["id"], r["row"], "error" in r) for r in records(out)] == [("a", 1, False), ("2", 2, True),
                                                                             ("c", 3, False)]
        assert records(out)[0] == result_record(next(lint_rows(read_rows(source), Linter())))
    elif fmt == "text":
        assert text.count("verdict rewrite") == 2 and f"{source} (row 3, id c):1:" in text
    elif fmt == "github":
        assert all(line.startswith("::") for line in text.splitlines())
        assert f"::error file={source},line=2::row 2: malformed JSON" in text
    elif fmt == "json":
        document = json.loads(text)
        assert [f["label"] for f in document["files"]] == ["row 1, id a", "row 3, id c"]
        assert document["errors"][0]["message"].startswith("row 2: malformed JSON")
    else:
        from test_formats import sarif_validator

        log = json.loads(text)
        sarif_validator().validate(log)
        assert log["runs"][0]["invocations"][0]["executionSuccessful"] is False
        where = log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["locations"][0]
        assert where["physicalLocation"]["region"] == {"startLine": 2}
        assert where["physicalLocation"]["artifactLocation"]["uri"].endswith("/in.jsonl")
        assert {r["ruleId"] for r in log["runs"][0]["results"]} >= {"missing-recipient-name"}


def test_batch_resumes_only_its_json_lines(tmp_path: Path) -> None:
    source = write_rows(tmp_path / "in.jsonl", [{"id": "a", "text": "Bonjour"}])
    result = CliRunner().invoke(main, ["batch", str(source), "-o", str(tmp_path / "o.txt"), "--format", "text",
                                       "--resume"])
    assert result.exit_code == 2
    assert result.stderr.strip() == ("invite-lint: error: --resume reads the JSON lines of --output: it cannot "
                                     "resume --format text")


def test_a_reader_that_goes_away_ends_the_run_quietly(tmp_path: Path) -> None:
    """`batch ... | head`: no 'internal error: BrokenPipeError', as Unix tools do."""
    import subprocess
    import sys

    source = write_rows(tmp_path / "in.jsonl", [{"id": str(n), "text": "Bonjour, je souhaite rejoindre votre réseau."}
                                                for n in range(300)])
    command = [sys.executable, "-m", "invite_lint", "batch", str(source), "--format", "text", "--no-progress"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**__import__("os").environ, "INVITE_LINT_DAEMON": "0"})
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()  # as `head -1` does
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141  # SIGPIPE's shell status, not "findings"
    assert b"(row 1, id 0):1:1" in first and "Error" not in stderr and "internal error" not in stderr


def test_resume_leaves_a_file_that_is_not_its_output_alone(tmp_path: Path) -> None:
    """A SARIF log (or any report) where --resume looks for JSON lines is refused, not cut."""
    source = write_rows(tmp_path / "in.jsonl", [{"id": "a", "text": "Bonjour, je souhaite rejoindre votre réseau."}])
    out = tmp_path / "r.sarif"
    assert run("batch", str(source), "-o", str(out), "--format", "sarif").exit_code == 1
    before = out.read_bytes()
    result = CliRunner().invoke(main, ["batch", str(source), "-o", str(out), "--resume"])
    assert result.exit_code == 2 and f"{out}:1: not a line of batch JSON output" in result.stderr
    assert out.read_bytes() == before
    cut = tmp_path / "cut.jsonl"  # a crash in the middle of a line: that line goes, the row is linted again
    assert run("batch", str(source), "-o", str(cut)).exit_code == 1
    whole = cut.read_bytes()
    cut.write_bytes(whole[:-20])
    assert run("batch", str(source), "-o", str(cut), "--resume").exit_code == 1
    assert cut.read_bytes() == whole


def test_resume_compares_ids_as_they_are_written(tmp_path: Path) -> None:
    """An id holding a lone surrogate is written escaped; resuming finds it done, not 'another input'."""
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "\\ud800x", "text": "Bonjour Karine, merci pour votre article sur la paie."}\n'
                      '{"id": "b", "text": "Hello, I would like to add you to my network."}\n', encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert run("batch", str(source), "-o", str(out)).exit_code == 1
    whole = out.read_text(encoding="utf-8")
    out.write_text(whole.splitlines(keepends=True)[0], encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(source), "-o", str(out), "--resume"])
    assert result.exit_code == 1, result.stderr
    assert out.read_text(encoding="utf-8") == whole and "1 already done" in result.stderr


def test_batch_and_check_label_rows_alike(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,text\n1,\"Bonjour, je souhaite rejoindre votre réseau.\"\n", encoding="utf-8")
    bare = tmp_path / "bare.csv"
    bare.write_text("text\n\"Bonjour, je souhaite rejoindre votre réseau.\"\n", encoding="utf-8")
    for path, label in ((source, "row 1, id 1"), (bare, "row 1")):
        checked = json.loads(run("check", str(path), "--format", "json").stdout)["files"][0]["label"]
        batched = json.loads(run("batch", str(path), "--format", "json").stdout)["files"][0]["label"]
        assert checked == batched == label
