"""The coach evaluation: openers for many recipient contexts, measured.

    from invite_lint.coaching.evaluation import load_contexts, evaluate_coach
    result = evaluate_coach(coach, load_contexts("bench/coach_contexts/fr.yaml", "fr"))
    print(result.table())

Each entry of a contexts file (one person: name, about, detail, interest, met, discussed,
help, changed, past) becomes one context per kind of message. For each context the coach's openers
are measured:

- **ready**: the coach offers a complete opener and the linter judges it `ready`, judged as
  the context's kind (a context with no opener counts as a failure);
- **a slot and a question when a needed fact is missing**: a context that lacks a fact its
  kind needs (a referral request without whom or which role) must get a [slot] and a
  question instead of an opener; such contexts are not counted under "ready";
- **name + specific in the question**: the opener greets the person by name, and its closing
  question holds a content word of the specific (what of theirs was seen, the detail, what
  was discussed, the help, the shared past);
- **no repeated phrase**: no phrase of 5+ words from the facts appears twice;
- **no invented judgement**: every evaluative word comes from the user's facts;
- **fits the channel**: within the channel's length;
- **differs across recipients**: no other context got the same first opener;
- **typography**: French no-break spaces before ? ! : ; and inside « », elisions and
  contractions (de + le, que + il); English a/an and no doubled word.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..model import Recipient
from ..packs.yamlio import load_file
from ..text.folding import fold
from .grammar import GRAMMARS
from .judgement import invented_judgements
from .subject import content_words
from .suggest import CHANNEL_LIMITS, COLD_NEEDS, KIND_NEEDS, Coach, Suggestion

ENTRY_KEYS = ("name", "about", "detail", "interest", "met", "discussed", "help", "changed", "past")
MEASURES = ("ready", "asks_missing", "name_and_specific", "no_repeat", "no_invented_judgement", "fits_channel",
            "differs", "typography")
LABELS = {
    "ready": "ready by our linter",
    "asks_missing": "a slot and a question when the kind needs a fact not given",
    "name_and_specific": "name, and the specific in the question",
    "no_repeat": "no 5+-word phrase of the facts twice",
    "no_invented_judgement": "no invented judgement",
    "fits_channel": "fits the channel",
    "differs": "differs across recipients",
    "typography": "typography and elision",
}
TARGETS = {m: (1.0 if m == "no_invented_judgement" else 0.95) for m in MEASURES}


@dataclass(frozen=True)
class Context:
    id: str
    lang: str
    kind: str
    channel: str
    recipient: Recipient
    specific: tuple[str, ...]  # the facts the closing question should be about


def _variants(entry: dict[str, str], index: int) -> list[tuple[str, str, dict[str, str | None], tuple[str, ...]]]:
    """(kind, channel, recipient fields, the specific's fact names) for one person."""
    e = entry
    return [
        ("first_contact", "linkedin_note", {"name": e["name"], "about": e["about"]}, ("about",)),
        ("first_contact", "inmail", {"name": e["name"], "about": e["about"], "detail": e.get("detail")},
         ("about", "detail")),
        ("first_contact", "email", {"name": e["name"], "about": e["about"], "interest": e.get("interest")}, ("about",)),
        ("referral_request" if index % 2 else "first_contact", "linkedin_note",
         {"name": e["name"], "about": e["about"], "detail": e.get("detail"), "met": e.get("met")},
         ("about", "detail")),
        ("follow_up_after_meeting", "linkedin_note", {"name": e["name"], "met": e.get("met"),
                                                      "discussed": e.get("discussed")}, ("discussed", "met")),
        ("thank_you", "inmail", {"name": e["name"], "about": e.get("help"), "detail": e.get("changed"),
                                 "met": e.get("met") if index % 2 else None}, ("about", "detail")),
        ("informational_interview", "linkedin_note", {"name": e["name"], "about": e["about"],
                                                      "interest": e.get("interest")}, ("about",)),
        ("reconnect", "linkedin_note", {"name": e["name"], "met": e.get("past"),
                                        "about": e["about"] if index % 2 else None}, ("met", "about")),
    ]


def load_contexts(path: str | Path, lang: str) -> list[Context]:
    data = load_file(Path(path), str(path))
    if not isinstance(data, list):
        raise InputError(str(path), "a contexts file is a list of people (name, about, ...)")
    contexts = []
    for i, entry in enumerate(data):
        if not isinstance(entry, dict) or not entry.get("name") or not entry.get("about"):
            raise InputError(f"{path}: entry {i + 1}", "each entry needs at least 'name' and 'about'")
        unknown = [k for k in entry if k not in ENTRY_KEYS]
        if unknown:
            raise InputError(f"{path}: entry {i + 1}", f"unknown key '{unknown[0]}' (keys: {', '.join(ENTRY_KEYS)})")
        values = {k: str(v) for k, v in entry.items()}
        for j, (kind, channel, fields, specific) in enumerate(_variants(values, i)):
            recipient = Recipient(**{k: v for k, v in fields.items() if v})
            contexts.append(Context(f"{lang}-{i + 1}-{j + 1}", lang, kind, channel, recipient,
                                    tuple(f for f in specific if getattr(recipient, f))))
    return contexts


def _question(text: str) -> str:
    """The questions: the sentences that end with a question mark (an informational interview
    asks about the work, then for 20 minutes)."""
    sentences = re.split(r"(?<=[.!?])\s+", text)
    return " ".join(s for s in sentences if s.rstrip().endswith("?"))


def _words(text: str) -> list[str]:
    return [fold(w) for w in re.findall(r"[\w'’-]+", text)]


def repeats(text: str, facts: Sequence[str], n: int = 5) -> list[str]:
    """Phrases of n+ words from the facts that the text says twice or more."""
    words = _words(text)
    grams = Counter(tuple(words[i:i + n]) for i in range(len(words) - n + 1))
    out = []
    for fact in facts:
        fw = _words(fact)
        for i in range(len(fw) - n + 1):
            gram = tuple(fw[i:i + n])
            if grams.get(gram, 0) >= 2:
                out.append(" ".join(gram))
    return out


def typography_problems(text: str, lang: str) -> list[str]:
    problems = GRAMMARS[lang].typography_problems(text) if lang in GRAMMARS else []
    if re.search(r"\b(\w+) \1\b", text, re.I):
        problems.append("a doubled word")
    if "  " in text or text != text.strip():
        problems.append("stray spaces")
    return problems


@dataclass
class OpenerResult:
    context: Context
    suggestion: Suggestion | None
    failed: list[str] = field(default_factory=list)


@dataclass
class CoachEvaluation:
    lang: str
    contexts: int = 0
    openers: int = 0
    passed: Counter[str] = field(default_factory=Counter)
    counted: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # (measure, context id, text)
    templates_filled: int = 0
    templates_ready: int = 0

    def share(self, measure: str) -> float:
        return self.passed[measure] / self.counted[measure] if self.counted[measure] else 0.0

    def meets_targets(self) -> list[str]:
        return [f"{self.lang}: {LABELS[m]} {self.share(m):.1%} < {TARGETS[m]:.0%}" for m in MEASURES
                if self.share(m) < TARGETS[m]]

    def to_dict(self) -> dict[str, object]:
        return {"lang": self.lang, "contexts": self.contexts, "openers": self.openers,
                "measures": {m: round(self.share(m), 4) for m in MEASURES},
                "templates_filled": self.templates_filled, "templates_ready": self.templates_ready,
                "failures": [{"measure": m, "context": c, "text": t} for m, c, t in self.failures]}


def _record(result: CoachEvaluation, measure: str, ok: bool, context: Context, text: str) -> None:
    result.counted[measure] += 1
    result.passed[measure] += ok
    if not ok:
        result.failures.append((measure, context.id, text))


def evaluate_coach(coach: Coach, contexts: Sequence[Context]) -> CoachEvaluation:
    lang = contexts[0].lang if contexts else "?"
    result = CoachEvaluation(lang)
    firsts: Counter[str] = Counter()
    first_of: dict[str, str] = {}
    for context in contexts:
        result.contexts += 1
        found = coach.candidates("", context.recipient, context.lang, context.channel, kind=context.kind)
        reports = list(coach.linter.iter_lint([_message(c.text, found) for c in found.candidates]))
        result.templates_filled += len(reports)
        result.templates_ready += sum(1 for r in reports if r.verdict.value == "ready")
        missing = [f for f in KIND_NEEDS.get(context.kind, COLD_NEEDS) if not getattr(context.recipient, f)]
        if missing:
            # nothing is invented: a missing fact the kind needs (a referral's whom or which role)
            # must come back as a [slot] and a question, not as an opener
            offered = coach.rank(found, reports=reports)
            _record(result, "asks_missing", bool(offered) and not offered[0].complete and bool(offered[0].questions),
                    context, offered[0].text if offered else "(nothing)")
            continue
        suggestions = [s for s in coach.rank(found, reports=reports) if s.complete]
        _record(result, "ready", bool(suggestions) and suggestions[0].ready, context,
                suggestions[0].text if suggestions else "(no opener)")
        if not suggestions:
            continue
        first_of[context.id] = suggestions[0].text
        firsts[suggestions[0].text] += 1
        facts = [v for v in context.recipient.to_dict().values()]
        first_name = (context.recipient.name or "").split()[0]
        specific_words = set().union(*(content_words(getattr(context.recipient, f) or "", context.lang)
                                       for f in context.specific))
        for s in suggestions:
            result.openers += 1
            question = _question(s.text)
            _record(result, "name_and_specific",
                    first_name in s.text and bool(content_words(question, context.lang) & specific_words),
                    context, s.text)
            _record(result, "no_repeat", not repeats(s.text, facts), context, s.text)
            _record(result, "no_invented_judgement", not invented_judgements(s.text, facts, context.lang), context,
                    s.text)
            _record(result, "fits_channel", len(s.text) <= CHANNEL_LIMITS[context.channel], context, s.text)
            _record(result, "typography", not typography_problems(s.text, context.lang), context, s.text)
    for context_id, text in first_of.items():
        context = next(c for c in contexts if c.id == context_id)
        _record(result, "differs", firsts[text] == 1, context, text)
    return result


def _message(text: str, found):
    from .suggest import candidate_message

    return candidate_message(text, found.lang, found.channel, found.facts, found.kind)


def table(results: Sequence[CoachEvaluation]) -> str:
    """A Markdown table: one column per language."""
    head = "| measure | " + " | ".join(f"{r.lang} ({r.contexts} contexts, {r.openers} openers)" for r in results) + \
        " | target |\n|---|" + "---|" * len(results) + "---|\n"
    rows = [f"| {LABELS[m]} | " + " | ".join(f"{r.share(m):.1%}" for r in results) + f" | {TARGETS[m]:.0%} |"
            for m in MEASURES]
    filled = "| filled templates ready, before the coach's choice | " + " | ".join(
        f"{r.templates_ready / r.templates_filled:.1%} of {r.templates_filled}" if r.templates_filled else "-"
        for r in results) + " | - |"
    return head + "\n".join(rows) + "\n" + filled + "\n"
