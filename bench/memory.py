"""Peak memory of `invite-lint batch` as the input grows: it should stay flat.

    python bench/memory.py [--sizes 10000,100000,1000000] [--rules regex-metric|all] [--jobs 1]
    python bench/memory.py --soak 6000

    python bench/memory.py --soak-http 6000
    python bench/memory.py --soak-batch 200000 [--rules all]

--soak: a long-running process (what the warm server and the web API are) lints that many
messages one by one, every one made of words never seen before; resident memory and the
size of spaCy's StringStore are printed every --every messages. Flat is the target:
new words are forgotten after their message (spaCy's memory zone), issue 11.
--soak-http: the same through `invite-lint serve --http` (a subprocess): each message is
posted to /v1/lint and /v1/coach (what the page does), and the server's resident memory
is read from /proc every --every messages.
--soak-batch: `invite-lint batch` on that many rows of new words; its resident memory is
sampled as the rows are written (rows done read from the output file).

Each size is a JSONL file of corpus messages repeated to that many rows; the batch command
runs on it in a subprocess whose peak resident memory (process tree) is polled. With the
full rule set a million messages take over an hour on two cores, so the default is the
regex-and-metric configuration (tokenizer only) for the large sizes; --rules all measures
the full pipeline (use smaller sizes).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import INVITE_LINT, light_rule_ids, run_measured  # noqa: E402

from invite_lint import Linter  # noqa: E402
from invite_lint.evaluation.corpus import load_corpus  # noqa: E402


def new_words_message(i: int) -> str:
    """A French-looking message whose words (but the first few) no message before had."""
    syllables = ["ra", "po", "mi", "lu", "ké", "zo", "tan", "bri", "vé", "ness", "dor", "qui"]
    words = []
    for j in range(30):
        n = i * 31 + j
        word = "".join(syllables[(n >> (3 * k)) % len(syllables)] for k in range(4)) + str(n)
        words.append(word)
    return "Bonjour Claire, " + " ".join(words) + ". Comment avez-vous commencé ?"


def rss_mib() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def soak(messages: int, every: int) -> None:
    linter = Linter(plugins=False)
    nlp = linter.engine.pipeline("fr").nlp
    linter.lint("Bonjour Claire, une question ?", lang="fr")
    # lexeme slots: len(vocab), which counts the slots a memory zone cleared until the table
    # is rebuilt (text/compaction.py); without the rebuild it grows with every new word
    print("| messages | RSS | StringStore | lexeme slots |\n|---:|---:|---:|---:|")
    print(f"| 0 | {rss_mib():.0f} MiB | {len(nlp.vocab.strings):,} | {len(nlp.vocab):,} |", flush=True)
    started = time.monotonic()
    for i in range(1, messages + 1):
        linter.lint(new_words_message(i), lang="fr")
        if i % every == 0:
            print(f"| {i:,} | {rss_mib():.0f} MiB | {len(nlp.vocab.strings):,} | {len(nlp.vocab):,} |", flush=True)
    print(f"\n{messages:,} messages in {time.monotonic() - started:.0f} s")


def process_rss_mib(pid: int) -> float:
    """Resident memory of a process and its children (the batch workers), from /proc."""
    total = 0
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            with open(f"/proc/{current}/status") as status:
                total += next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
            with open(f"/proc/{current}/task/{current}/children") as children:
                pids += [int(c) for c in children.read().split()]
        except (OSError, StopIteration):
            continue
    return total / 1024


def soak_http(messages: int, every: int) -> None:
    """`serve --http` in a subprocess; each message of new words to /v1/lint and /v1/coach."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "INVITE_LINT_SOCKET": str(Path(folder) / "s.sock")}
        server = subprocess.Popen([*INVITE_LINT, "serve", "--http", f"127.0.0.1:{port}"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 300
            connection = None
            while time.monotonic() < deadline:
                try:
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                    connection.request("GET", "/health")
                    connection.getresponse().read()
                    break
                except OSError:
                    time.sleep(0.2)
            assert connection is not None

            def post(path: str, text: str) -> None:
                nonlocal connection
                body = json.dumps({"text": text, "recipient": {"name": "Claire"}})
                for _ in range(2):  # the server closes an idle kept-alive connection after 5 s
                    try:
                        connection.request("POST", path, body, {"content-type": "application/json"})
                        response = connection.getresponse()
                        response.read()
                        assert response.status == 200, response.status
                        return
                    except (http.client.HTTPException, OSError):
                        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                raise RuntimeError(f"{path}: no answer")

            post("/v1/lint", "Bonjour Claire, une question ?")
            post("/v1/coach", "Bonjour Claire, une question ?")
            print("| messages | server RSS | seconds |\n|---:|---:|---:|")
            started = time.monotonic()
            print(f"| 0 | {process_rss_mib(server.pid):.0f} MiB | 0 |", flush=True)
            for i in range(1, messages + 1):
                text = new_words_message(i)
                post("/v1/lint", text)
                post("/v1/coach", text)
                if i % every == 0:
                    print(f"| {i:,} | {process_rss_mib(server.pid):.0f} MiB | {time.monotonic() - started:.0f} |",
                          flush=True)
        finally:
            server.terminate()
            server.wait(60)


def soak_batch(rows: int, every: int, select: list[str]) -> None:
    """`invite-lint batch` on `rows` messages of new words; RSS sampled as rows are written."""
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "in.jsonl", Path(folder) / "out.jsonl"
        with open(source, "w", encoding="utf-8") as out:
            for i in range(rows):
                out.write(json.dumps({"id": i, "text": new_words_message(i)}, ensure_ascii=False) + "\n")
        command = [*INVITE_LINT, "batch", str(source), "-o", str(target), "--exit-zero", "--no-progress",
                   "--no-plugins", "--jobs", "1"]
        if select:
            command += ["--select", ",".join(select)]
        started = time.monotonic()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        print("| rows written | RSS (peak since the previous row) | seconds |\n|---:|---:|---:|", flush=True)
        done, peak, next_row, offset = 0, 0.0, every, 0
        while process.poll() is None:
            peak = max(peak, process_rss_mib(process.pid))
            if target.exists():
                with open(target, "rb") as written:
                    written.seek(offset)
                    chunk = written.read()
                    done += chunk.count(b"\n")
                    offset += len(chunk)
            if done >= next_row:
                print(f"| {done:,} | {peak:.0f} MiB | {time.monotonic() - started:.0f} |", flush=True)
                peak, next_row = 0.0, next_row + every
            time.sleep(0.2)
        print(f"| {rows:,} (exit {process.returncode}) | {peak:.0f} MiB | {time.monotonic() - started:.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--soak", type=int, default=0, help="messages of new words through one process")
    parser.add_argument("--soak-http", type=int, default=0, help="messages of new words through serve --http")
    parser.add_argument("--soak-batch", type=int, default=0, help="rows of new words through batch")
    parser.add_argument("--every", type=int, default=0, help="print a row every this many messages")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--rules", choices=["regex-metric", "all"], default="regex-metric")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    if args.soak:
        soak(args.soak, args.every or 1000)
        return
    if args.soak_http:
        soak_http(args.soak_http, args.every or 1000)
        return
    if args.soak_batch:
        select = light_rule_ids(Linter(plugins=False)) if args.rules == "regex-metric" else []
        soak_batch(args.soak_batch, args.every or max(1, args.soak_batch // 10), select)
        return
    texts = [e.text for e in load_corpus(ROOT / "corpus")]
    select: list[str] = []
    if args.rules == "regex-metric":
        select = light_rule_ids(Linter(plugins=False))
    print("| rows | wall | rows/s | peak RSS |\n|---:|---:|---:|---:|", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        for size in (int(s) for s in args.sizes.split(",")):
            source = Path(folder) / f"in-{size}.jsonl"
            with open(source, "w", encoding="utf-8") as out:
                for i in range(size):
                    out.write(json.dumps({"id": i, "text": texts[i % len(texts)]}, ensure_ascii=False) + "\n")
            command = [*INVITE_LINT, "batch", str(source), "-o", str(Path(folder) / "out.jsonl"), "--exit-zero",
                       "--no-progress", "--no-plugins", "--jobs", str(args.jobs)]
            if select:
                command += ["--select", ",".join(select)]
            wall, peak = run_measured(command)
            print(f"| {size:,} | {wall:.0f} s | {size / wall:,.0f} | {peak / 2**20:.0f} MiB |", flush=True)
            source.unlink()


if __name__ == "__main__":
    main()
