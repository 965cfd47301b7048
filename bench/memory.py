"""Peak memory of `invite-lint batch` as the input grows: it should stay flat.

    python bench/memory.py [--sizes 10000,100000,1000000] [--rules regex-metric|all] [--jobs 1]

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--rules", choices=["regex-metric", "all"], default="regex-metric")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
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
