"""What the specificity evidence costs, as ratios measured in one run (one warm process).

    python bench/evidence.py [--messages 2000]

Over the same corpus messages, per language:
- the model's components the rules load (tok2vec, morphologizer, lemmatizer for French),
  and what French NER would add (the step does not ask for it: it changed no figure);
- the evidence step alone (on Docs already made) against the model's time;
- the whole lint (`iter_lint`) with and without the evidence step's cost.
Prints a Markdown table; bench/RESULTS.md quotes a run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from invite_lint import Linter  # noqa: E402
from invite_lint.evaluation.corpus import load_corpus  # noqa: E402
from invite_lint.text.analysis import Analysis  # noqa: E402
from invite_lint.text.evidence.finder import Finder  # noqa: E402
from invite_lint.text.pipeline import FOLD_COMPONENT, get_pipeline  # noqa: E402


def timed(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    """The median of `repeat` runs, in seconds."""
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=2000)
    args = parser.parse_args()
    linter = Linter(plugins=False)
    print(f"| lang | messages | model (ms/msg) | with NER | evidence step / model | lint total (ms/msg) "
          "| evidence / lint |")
    print("|---|---|---|---|---|---|---|")
    for lang in ("fr", "en"):
        base = [e.text for e in load_corpus(ROOT / "corpus") if e.lang == lang]
        texts = (base * (args.messages // len(base) + 1))[: args.messages]
        n = len(texts)
        list(linter.iter_lint(texts, lang=lang))  # warm every cache
        pipeline = linter.engine.pipeline(lang)
        nlp = pipeline.nlp
        with nlp.select_pipes(disable=[FOLD_COMPONENT]):
            full = before = timed(lambda: list(nlp.pipe(texts)))
        # what NER would add, had the step asked for it (a second pipeline with it)
        with_ner = get_pipeline(lang, linter.engine.needs_for(lang) | {"ner"})
        has_ner = "ner" in with_ner.nlp.pipe_names
        if has_ner:
            with with_ner.nlp.select_pipes(disable=[FOLD_COMPONENT]):
                ner_time = timed(lambda: list(with_ner.nlp.pipe(texts)))
        docs = list(nlp.pipe(texts))

        def evidence() -> None:
            for text, doc in zip(texts, docs):
                Finder(Analysis(text, doc, nlp, lang, "linkedin_note")).run()

        step = timed(evidence)
        whole = timed(lambda: list(linter.iter_lint(texts, lang=lang)))
        ner = f"{ner_time / before:.2f}x (not loaded)" if has_ner else "no model (blank pipeline)"
        print(f"| {lang} | {n} | {before / n * 1e3:.2f} | {ner} | {step / full:.2f} | {whole / n * 1e3:.2f} "
              f"| {step / whole:.2f} |")


if __name__ == "__main__":
    main()
