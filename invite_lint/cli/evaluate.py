"""`invite-lint eval`: detection quality on a labelled corpus."""

from __future__ import annotations

import json
import sys

import click

from ..api import Linter
from ..evaluation.realworld import evaluate_realworld, load_realworld, render_realworld
from ..evaluation.render import render
from ..evaluation.runner import Gate, run_evaluation, similarity_threshold
from .common import EXIT_FINDINGS, handle_errors, no_plugins_option, rules_option, split_ids


@click.command("eval")
@click.argument("path", type=click.Path())
@rules_option
@no_plugins_option
@click.option("--ignore", multiple=True, metavar="IDS", help="Rule ids or prefixes to leave out.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--worst", type=int, default=10, show_default=True, help="How many disagreements to show.")
@click.option("--min-precision", type=float, help="Fail (exit 1) below this generic-detection precision, per language.")
@click.option("--min-recall", type=float, help="Fail below this generic-detection recall, per language.")
@click.option("--min-f1", type=float, help="Fail below this generic-detection F1, per language.")
@click.option("--min-rule-precision", type=float, help="Fail when a rule with enough expected firings is below this precision.")
@click.option("--rule-support", type=int, default=5, show_default=True,
              help="Expected firings a rule needs before --min-rule-precision applies to it.")
@click.option("--min-lang-accuracy", type=float, help="Fail below this language-detection accuracy (messages of 5+ words).")
@handle_errors
def evaluate(path: str, rule_paths: tuple[str, ...], no_plugins: bool, ignore: tuple[str, ...], fmt: str, worst: int,
             min_precision: float | None, min_recall: float | None, min_f1: float | None,
             min_rule_precision: float | None, rule_support: int, min_lang_accuracy: float | None) -> None:
    """Lint a labelled corpus (YAML, see corpus/README.md) and measure how well generic
    invitations are told from personal ones: verdict confusion per language and channel,
    precision / recall / F1 of generic detection, per-rule precision and recall, language
    detection accuracy, draft similarity, and the worst disagreements.

    A .jsonl file is a set of real messages (text, lang, channel, label): generic caught and
    personal passed per language and channel, balanced accuracy, borderline verdicts, and
    each miss with what decided it."""
    linter = Linter(rule_paths, plugins=not no_plugins, ignore=split_ids(ignore))
    if path.endswith(".jsonl"):
        real = evaluate_realworld(linter, load_realworld(path), path)
        if fmt == "json":
            click.echo(json.dumps(real.to_dict(), ensure_ascii=False, indent=2))
        else:
            click.echo(render_realworld(real))
        return
    result = run_evaluation(linter, path)
    gate = Gate(min_precision, min_recall, min_f1, min_rule_precision, rule_support, min_lang_accuracy)
    failures = gate.failures(result)
    threshold = similarity_threshold(linter)
    if fmt == "json":
        data = result.to_dict(threshold, worst)
        data["thresholds_failed"] = failures
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(render(result, path, threshold, worst, failures if any(
            v is not None for v in (min_precision, min_recall, min_f1, min_rule_precision, min_lang_accuracy)) else None))
    if failures:
        sys.exit(EXIT_FINDINGS)
