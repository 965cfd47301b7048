"""`invite-lint eval` as text: the tables a person reads."""

from __future__ import annotations

from collections import Counter

from ..output.textual import plural
from .scoring import Evaluation, similarity_summary

VERDICTS = ("ready", "needs-work", "rewrite")


def _f(value: float | None) -> str:
    return "   n/a" if value is None else f"{value:6.3f}"


def render(result: Evaluation, source: str, threshold: float | None, worst: int = 10,
           failures: list[str] | None = None) -> str:
    labels = Counter(e.label or "kind only" for e in result.entries)
    out = [f"invite-lint eval: {plural(len(result.entries), 'message')} from {source} "
           f"({', '.join(f'{n} {label}' for label, n in sorted(labels.items()))})", ""]

    out.append("Generic detection (flagged = needs-work or rewrite; borderline not counted)")
    out.append(f"  {'lang':5} {'TP':>4} {'FP':>4} {'FN':>4} {'TN':>4}  {'precision':>9} {'recall':>7} {'F1':>7}")
    for lang, c in sorted(result.detection.items()):
        out.append(f"  {lang:5} {c.tp:4} {c.fp:4} {c.fn:4} {c.tn:4}     {_f(c.precision)} {_f(c.recall)} {_f(c.f1)}")
    out.append("")

    out.append("Verdicts by language, channel and label")
    out.append(f"  {'lang':5} {'channel':14} {'label':11} " + " ".join(f"{v:>10}" for v in VERDICTS))
    for (lang, channel), by_label in sorted(result.confusion.items()):
        for label, verdicts in sorted(by_label.items()):
            out.append(f"  {lang:5} {channel:14} {label:11} " + " ".join(f"{verdicts.get(v, 0):10}" for v in VERDICTS))
    out.append("")

    out.append("Rules against expect / forbid (FP: fired where forbidden, or a warning/error on a personal message)")
    out.append(f"  {'rule':28} {'lang':5} {'expected':>8} {'TP':>4} {'FP':>4} {'FN':>4} {'unjudged':>8}  "
               f"{'precision':>9} {'recall':>7}")
    for (rule, lang), rc in sorted(result.rules.items()):
        out.append(f"  {rule:28} {lang:5} {rc.expected:8} {rc.tp:4} {rc.fp:4} {rc.fn:4} {rc.unjudged:8}     "
                   f"{_f(rc.precision)} {_f(rc.recall)}")
    out.append("")

    out.append("Language detection (accuracy on all messages, and on messages of 5 words or more)")
    for lang, lc in sorted(result.languages.items()):
        wrong = {k: v for k, v in lc.detected_as.items() if k != lang}
        out.append(f"  {lang:5} {lc.total:4} messages  accuracy {_f(lc.accuracy)}   5+ words: {lc.long_total:4}  "
                   f"accuracy {_f(lc.long_accuracy)}" + (f"   misread as {wrong}" if wrong else ""))
    out.append("")

    if result.kinds:
        out.append("Message-kind detection (entries labelled with a kind; detected kind against the label)")
        for lang, k in sorted(result.kinds.items()):
            out.append(f"  {lang:5} {k.total:4} messages  accuracy {_f(k.accuracy)}")
            for kind, (total, correct) in k.per_kind().items():
                wrong = {d: n for d, n in k.confusion[kind].most_common() if d != kind}
                out.append(f"        {kind:24} {correct:3}/{total:<3}" + (f"  taken for {wrong}" if wrong else ""))
        out.append("")

    summary = similarity_summary(result.nearest, threshold)
    out.append("Near-identical drafts: similarity (%) of each message to its nearest other, names and merge fields masked")
    line = "  " + "  ".join(f"{k} {v}" for k, v in summary.items() if k.startswith("p") or k == "max")
    if threshold is not None:
        line += f"   threshold {summary['threshold']}: {plural(int(summary['at_or_above_threshold']), 'message')} at or above"
    out.append(line)
    out.append("")

    out.append(f"Worst disagreements (generic judged ready, personal judged needs-work/rewrite), {worst} at most")
    if not result.disagreements:
        out.append("  none")
    for i, d in enumerate(result.disagreements[:worst], 1):
        rules = ", ".join(sorted(d.report.rule_ids)) or "no findings"
        out.append(f"  {i}. {d.entry.id} ({d.entry.label}, judged {d.report.verdict.value}, score {d.report.score}; "
                   f"{rules}) {d.entry.source}")
        text = " ".join(d.entry.text.split())
        out.append(f"     {text[:160]}{'…' if len(text) > 160 else ''}")
    if failures is not None:
        out.append("")
        out.append("Thresholds: " + ("all met" if not failures else "NOT MET"))
        out += [f"  - {f}" for f in failures]
    return "\n".join(out)
