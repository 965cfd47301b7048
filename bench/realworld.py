"""Generic caught / personal passed on ../shared/realworld/messages.jsonl (see its README).

    python bench/realworld.py [path/to/messages.jsonl]

`too-long-for-channel` is left out: the verdict is recomputed without it. Prints one line
per language and, with --by-kind, how many messages each detected kind took.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from invite_lint import Linter
from invite_lint.engine.scoring import score_and_verdict
from invite_lint.model import CHANNELS, Message, Verdict

IGNORED = "too-long-for-channel"


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    path = Path(args[0]) if args else Path(__file__).resolve().parents[1].parent / "shared/realworld/messages.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    linter = Linter(plugins=False)
    messages = [Message(r["text"], r.get("lang"), r["channel"] if r.get("channel") in CHANNELS else None) for r in rows]
    reports = list(linter.iter_lint(messages))
    counts: Counter[tuple[str, str, str]] = Counter()
    kinds: Counter[tuple[str, str]] = Counter()
    for row, report in zip(rows, reports):
        _, verdict = score_and_verdict(f for f in report.findings if f.rule_id != IGNORED)
        counts[(row["lang"], row["label"], "ready" if verdict is Verdict.READY else "flagged")] += 1
        kinds[(row["lang"], str(getattr(report, "kind", "-")))] += 1
    for lang in ("fr", "en"):
        generic = counts[(lang, "generic", "flagged")], counts[(lang, "generic", "flagged")] + counts[(lang, "generic", "ready")]
        personal = counts[(lang, "personal", "ready")], counts[(lang, "personal", "ready")] + counts[(lang, "personal", "flagged")]
        print(f"{lang}: generic caught {generic[0]}/{generic[1]}, personal passed {personal[0]}/{personal[1]}")
    if "--by-kind" in argv:
        for (lang, kind), n in sorted(kinds.items()):
            print(f"  {lang} {kind}: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
