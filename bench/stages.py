"""Where a message's time goes, stage by stage, with the full rule set (one warm process).

    python bench/stages.py [--messages 2000]

Each stage is timed alone over the same French corpus messages: the model's components
(the floor), our folding component, language detection, splitting into parts, the matcher
bank, every other rule, and the whole `iter_lint`. Used to decide what to optimise next;
docs/performance.md quotes a run.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from invite_lint import Linter  # noqa: E402
from invite_lint.engine import runner  # noqa: E402
from invite_lint.evaluation.corpus import load_corpus  # noqa: E402
from invite_lint.text.analysis import Analysis  # noqa: E402
from invite_lint.text.language import detect  # noqa: E402
from invite_lint.text.parts import split_parts  # noqa: E402
from invite_lint.text.pipeline import FOLD_COMPONENT, fold_norms  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=2000)
    args = parser.parse_args()
    base = [e.text for e in load_corpus(ROOT / "corpus") if e.lang == "fr"]
    texts = (base * (args.messages // len(base) + 1))[: args.messages]
    linter = Linter(plugins=False)
    list(linter.iter_lint(texts))  # warm every cache
    pipeline = linter.engine.pipeline("fr")
    nlp = pipeline.nlp
    bank = linter.engine.bank("fr", pipeline)
    n = len(texts)

    def per_message(fn: object) -> float:
        started = time.perf_counter()
        fn()  # type: ignore[operator]
        return (time.perf_counter() - started) / n * 1e3

    rows: list[tuple[str, float]] = []
    with nlp.select_pipes(disable=[FOLD_COMPONENT]):
        rows.append(("model components (nlp.pipe): the floor", per_message(lambda: list(nlp.pipe(texts)))))
    docs = [nlp.make_doc(t) for t in texts]
    rows.append(("folding NORM/LEMMA (our component)", per_message(lambda: [fold_norms(d) for d in docs])))
    rows.append(("language detection", per_message(lambda: [detect(t) for t in texts])))
    rows.append(("splitting into parts", per_message(lambda: [split_parts(t) for t in texts])))
    docs = list(nlp.pipe(texts))
    analyses = [Analysis(d.text, d, nlp, "fr", "linkedin_note", None, bank) for d in docs]
    rows.append(("matcher bank (every pattern and phrase)", per_message(lambda: [bank._run(a) for a in analyses])))
    cost: Counter[str] = Counter()
    original = runner.run_rule

    def timed(rule, analysis):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            return original(rule, analysis)
        finally:
            cost[rule.id] += time.perf_counter() - started

    runner.run_rule = timed
    try:
        total = per_message(lambda: list(linter.iter_lint(texts, lang="fr")))
    finally:
        runner.run_rule = original
    rules_total = sum(cost.values()) / n * 1e3
    rows.append(("all rules, bank included (timed inside iter_lint)", rules_total))
    rows.append(("iter_lint, language given (whole)", total))
    rows.append(("iter_lint, language detected (whole)", per_message(lambda: list(linter.iter_lint(texts)))))
    print(f"{n} French messages, ms per message\n")
    print("| stage | ms |\n|---|---:|")
    for name, value in rows:
        print(f"| {name} | {value:.3f} |")
    print("\nCostliest rules (ms per message, bank work counted in the first rule that asks):")
    for rule_id, seconds in cost.most_common(6):
        print(f"- {rule_id}: {seconds / n * 1e3:.3f}")


if __name__ == "__main__":
    main()
