"""Peak memory of `invite-lint batch` as the input grows: it should stay flat.

    python bench/memory.py [--sizes 10000,100000,1000000] [--rules regex-metric|all] [--jobs 1]
    python bench/memory.py --soak 6000

--soak: a long-running process (what the warm server and the web API are) lints that many
messages one by one, every one made of words never seen before; resident memory and the
size of spaCy's StringStore are printed every thousand messages. Flat is the target:
new words are forgotten after their message (spaCy's memory zone), issue 11.

Each size is a JSONL file of corpus messages repeated to that many rows; the batch command
runs on it in a subprocess whose peak resident memory (process tree) is polled. With the
full rule set a million messages take over an hour on two cores, so the default is the
regex-and-metric configuration (tokenizer only) for the large sizes; --rules all measures
the full pipeline (use smaller sizes).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
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


def soak(messages: int) -> None:
    linter = Linter(plugins=False)
    nlp = linter.engine.pipeline("fr").nlp
    linter.lint("Bonjour Claire, une question ?", lang="fr")
    print("| messages | RSS | StringStore |\n|---:|---:|---:|")
    print(f"| 0 | {rss_mib():.0f} MiB | {len(nlp.vocab.strings):,} |", flush=True)
    for i in range(1, messages + 1):
        linter.lint(new_words_message(i), lang="fr")
        if i % 1000 == 0:
            print(f"| {i:,} | {rss_mib():.0f} MiB | {len(nlp.vocab.strings):,} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--soak", type=int, default=0, help="messages of new words through one process")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--rules", choices=["regex-metric", "all"], default="regex-metric")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    if args.soak:
        soak(args.soak)
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
