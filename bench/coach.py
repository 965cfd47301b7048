"""The coach evaluation: `python bench/coach.py [--json] [--failures N]`.

Openers for every recipient context of bench/coach_contexts/ (written by us, 192 per
language, and a held-out 64 per language written after the tuning), measured as docs/evaluation.md describes; prints a Markdown table, and the
failures. Exit 1 when a measure is below its target (100 % no invented judgement, 95 % for
the others), per language."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from invite_lint import Linter
from invite_lint.coaching import Coach
from invite_lint.coaching.evaluation import evaluate_coach, load_contexts, table

HERE = Path(__file__).resolve().parent / "coach_contexts"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--failures", type=int, default=10, help="failures to show per language")
    args = parser.parse_args()
    coach = Coach(Linter())
    started = time.perf_counter()
    results = [evaluate_coach(coach, load_contexts(HERE / f"{lang}.yaml", lang)) for lang in ("fr", "en")]
    # written after the tuning: reported apart, as the estimate of how the coach generalises
    holdout = [evaluate_coach(coach, load_contexts(HERE / f"holdout-{lang}.yaml", lang)) for lang in ("fr", "en")]
    elapsed = time.perf_counter() - started
    if args.json:
        print(json.dumps({"contexts": [r.to_dict() for r in results], "holdout": [r.to_dict() for r in holdout]},
                         ensure_ascii=False, indent=2))
    else:
        for title, group in (("contexts", results), ("holdout", holdout)):
            print(f"## {title}\n\n{table(group)}")
            for r in group:
                for measure, context, text in r.failures[: args.failures]:
                    print(f"  {r.lang} {measure} {context}: {text}")
            print()
        print(f"({sum(r.contexts for r in results + holdout)} contexts in {elapsed:.0f} s)")
    missed = [m for r in results for m in r.meets_targets()]
    for m in missed:
        print("below target:", m, file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
