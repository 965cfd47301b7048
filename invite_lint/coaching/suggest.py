"""The coach: openers for one recipient, ranked, each linted by invite-lint itself."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..api import Linter, check_channel, check_lang
from ..model import DEFAULT_CHANNEL, DEFAULT_KIND, Message, Recipient, Report, Severity, Verdict
from ..text.language import detect
from ..text.pipeline import memory_zone
from .facts import Facts, gather, uses_tu
from .grammar import GRAMMARS
from .render import DEFAULT_EMAIL_ASK, OPTIONAL, add_next_step, fill, is_job_request, is_meeting, slot_values
from .templates import Template, build_templates

CHANNEL_LIMITS = {"linkedin_note": 300, "inmail": 1900, "email": 2000}
MAX_SUGGESTIONS = 3
SLOT_TEXT = {
    "fr": {"name": "[son prénom]", "about": "[qu'avez-vous lu ou vu de son travail ?]"},
    "en": {"name": "[their first name]", "about": "[what of theirs did you read or see?]"},
}
QUESTIONS = {
    "fr": {
        "name": "Quel est le prénom de la personne ?",
        "about": "Qu'avez-vous lu, vu ou entendu de son travail (un article, une intervention, un projet) ?",
        "interest": "Qu'avez-vous en commun : un intérêt, une valeur ?",
        "met": "Où vous êtes-vous croisés, ou qui vous a parlé de cette personne ?",
    },
    "en": {
        "name": "What is the person's first name?",
        "about": "What of theirs did you read, see or hear (an article, a talk, a project)?",
        "interest": "What do you have in common: an interest, a value?",
        "met": "Where did you meet, or who told you about them?",
    },
}


@dataclass(frozen=True)
class Suggestion:
    """One opener: its text, the template that produced it and the facts it used."""

    text: str
    template: str
    facts_used: tuple[str, ...]  # "name", "about", "interest", "met", "ask"
    rank: int
    complete: bool  # False: it holds visible [slots] the user must fill in
    lang: str
    channel: str
    register: str  # "vous", "tu", or "-" for languages without registers
    report: Report | None = None
    questions: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    fact_values: dict[str, str] = field(default_factory=dict)
    fact_sources: dict[str, str] = field(default_factory=dict)  # "given" (by the user) or "draft"

    @property
    def ready(self) -> bool:
        return self.report is not None and self.report.verdict is Verdict.READY

    def to_dict(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "text": self.text,
            "template": self.template,
            "facts_used": [{"fact": f, "value": self.fact_values.get(f, ""), "source": self.fact_sources.get(f, "given")}
                           for f in self.facts_used],
            "complete": self.complete,
            "lang": self.lang,
            "channel": self.channel,
            "register": self.register,
            "verdict": self.report.verdict.value if self.report else None,
            "score": self.report.score if self.report else None,
            "questions": list(self.questions),
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class Candidate:
    template: Template
    text: str
    used: frozenset[str]


class Coach:
    """Suggests openers. Reuses a Linter (its packs provide the templates and check the result)."""

    def __init__(self, linter: Linter | None = None) -> None:
        self.linter = linter or Linter()
        self.templates = build_templates(self.linter.packs.templates)

    # -- facts ---------------------------------------------------------------------
    def _lang(self, text: str, recipient: Recipient | None, lang: str | None) -> str:
        if lang:
            return lang
        sample = " ".join(filter(None, [text, recipient.about if recipient else None,
                                        recipient.interest if recipient else None]))
        guess = detect(sample) if sample.strip() else None
        return guess.lang if guess and guess.lang in GRAMMARS else self.linter.engine.default_lang

    def _gender_of(self, lang: str):  # type: ignore[no-untyped-def]
        nlp = self.linter.engine.pipeline(lang).nlp

        def gender(word: str) -> str | None:
            if not word:
                return None
            with memory_zone(nlp):  # a new word is forgotten after (a long-running server stays flat)
                doc = nlp("le " + word if lang == "fr" else word)
                genders = doc[-1].morph.get("Gender") if len(doc) else []
                return str(genders[0]) if genders else None

        return gender

    def facts(self, text: str, recipient: Recipient | None, lang: str) -> Facts:
        nlp = self.linter.engine.pipeline(lang).nlp
        with memory_zone(nlp):  # the draft's words are forgotten after, as in Engine.run (issue 11)
            return gather(text, recipient, lang, nlp)

    # -- candidates ------------------------------------------------------------------
    def candidates(self, text: str = "", recipient: Recipient | None = None, lang: str | None = None,
                   channel: str | None = None, templates: Sequence[Template] | None = None,
                   ) -> tuple[list[Candidate], Facts, str, str, str, list[str]]:
        """Every template (or those given) filled for this recipient (unranked, unlinted),
        with the facts, language, channel, register and notes they were filled with."""
        lang = self._lang(text, recipient, check_lang(lang))
        channel = check_channel(channel) or DEFAULT_CHANNEL
        facts = self.facts(text, recipient, lang)
        tu = lang == "fr" and uses_tu(" ".join(filter(None, [text, facts.about])))
        register = "tu" if tu else ("vous" if lang == "fr" else "-")
        notes: list[str] = []
        slots = slot_values(facts, lang, tu, self._gender_of(lang))
        if facts.ask and is_job_request(facts.ask):
            notes.append(f"the ask '{facts.ask}' was left out: a first message asks about their work, not for a job"
                         " or a referral")
        elif facts.ask and not is_meeting(facts.ask):
            notes.append(f"the ask '{facts.ask}' was left out: give a light next step such as 'un café' or "
                         "'a 20-minute call'")
        ask = slots.values.get("ask") or (DEFAULT_EMAIL_ASK[lang] if channel == "email" else None)
        limit = CHANNEL_LIMITS[channel]
        out: list[Candidate] = []
        for template in self.templates if templates is None else templates:
            if not template.applies_to(lang, channel) or any(not facts.get(f) for f in template.requires):
                continue
            source = template.text_for(register)
            for variant in (source, _without_optional(source)):
                filled = fill(variant, slots, GRAMMARS[lang])
                if filled is None:
                    break
                text_out, used = filled
                if ask:
                    with_step = add_next_step(text_out, ask, lang)
                    if len(with_step) <= limit:
                        text_out = with_step
                        used = used | ({"ask"} if slots.values.get("ask") else set())
                if len(text_out) <= limit:
                    out.append(Candidate(template, text_out, frozenset(used)))
                    break
        return out, facts, lang, channel, register, notes

    # -- the verb ------------------------------------------------------------------
    def suggest(self, text: str = "", recipient: Recipient | None = None, lang: str | None = None,
                channel: str | None = None, limit: int = MAX_SUGGESTIONS) -> list[Suggestion]:
        return self.rank(self.candidates(text, recipient, lang, channel), limit)

    def rank(self, found: tuple[list[Candidate], Facts, str, str, str, list[str]], limit: int = MAX_SUGGESTIONS,
             reports: Sequence[Report] | None = None) -> list[Suggestion]:
        """The best of what `candidates` returned: openers that lint `ready` with no warning
        (`reports`, when the caller linted them already), most facts used first."""
        candidates, facts, lang, channel, register, notes = found
        missing = [f for f in ("name", "about") if not facts.get(f)]
        if missing:
            return [self._with_slots(facts, lang, channel, register, missing, notes)]
        if reports is None:
            # one by one, not compared with each other: variants of one opener are not a mass mailing
            reports = list(self.linter.iter_lint([candidate_message(c.text, lang, channel, facts) for c in candidates]))
        scored = [(c, r) for c, r in zip(candidates, reports) if offerable(r)]
        scored.sort(key=lambda cr: (-len(cr[0].used), -cr[0].template.priority, len(cr[0].text)))
        suggestions: list[Suggestion] = []
        seen_texts: set[str] = set()
        for candidate, report in scored:
            if candidate.text in seen_texts:
                continue
            seen_texts.add(candidate.text)
            suggestions.append(self._suggestion(candidate, report, facts, lang, channel, register, notes,
                                                len(suggestions) + 1))
            if len(suggestions) >= limit:
                break
        return suggestions

    def _suggestion(self, candidate: Candidate, report: Report | None, facts: Facts, lang: str, channel: str,
                    register: str, notes: Iterable[str], rank: int) -> Suggestion:
        used = sorted(candidate.used)
        return Suggestion(
            text=candidate.text, template=candidate.template.id,
            facts_used=tuple(used), rank=rank, complete=True,
            lang=lang, channel=channel, register=register, report=report, notes=tuple(notes),
            fact_values={f: str(facts.get(f)) for f in used},
            fact_sources={f: facts.sources.get(f, "given") for f in used},
        )

    def _with_slots(self, facts: Facts, lang: str, channel: str, register: str, missing: Sequence[str],
                    notes: list[str]) -> Suggestion:
        """Nothing is invented: what is missing becomes a visible [slot] and a question."""
        placeholder = Facts(name=facts.name or SLOT_TEXT[lang]["name"], about=facts.about or "PLACEHOLDER",
                            interest=facts.interest, met=facts.met, ask=facts.ask, sources=facts.sources)
        slots = slot_values(placeholder, lang, register == "tu", lambda _: None)
        if "about" in missing:
            slots.values.update(about=SLOT_TEXT[lang]["about"], About=SLOT_TEXT[lang]["about"],
                                seen=GRAMMARS[lang].default_seen)
            slots.values.pop("topic", None)
        if "name" in missing:
            slots.values["name"] = SLOT_TEXT[lang]["name"]
        template = max((t for t in self.templates if t.applies_to(lang, channel) and set(t.requires) <= {"name", "about"}),
                       key=lambda t: t.priority)
        filled = fill(template.text_for(register), slots, GRAMMARS[lang])
        text = filled[0] if filled else ""
        report = self.linter.lint(text, lang, channel, kind=DEFAULT_KIND)
        questions = tuple(QUESTIONS[lang][f] for f in (*missing, "interest", "met") if f in QUESTIONS[lang]
                          and (f in missing or not facts.get(f)))
        used = sorted(f for f in ("name", "about", "interest") if facts.get(f) and f not in missing)
        return Suggestion(text=text, template=template.id, facts_used=tuple(used), rank=1,
                          complete=False, lang=lang, channel=channel, register=register, report=report,
                          questions=questions, notes=tuple(notes), fact_values={f: str(facts.get(f)) for f in used},
                          fact_sources={f: facts.sources.get(f, "given") for f in used})


def _without_optional(text: str) -> str:
    return OPTIONAL.sub("", text)


def offerable(report: Report) -> bool:
    """An opener is offered only if it lints `ready` with nothing above a tip."""
    return report.verdict is Verdict.READY and not any(f.severity.rank >= Severity.WARNING.rank
                                                       for f in report.findings)


def candidate_message(text: str, lang: str, channel: str, facts: Facts) -> Message:
    """An opener as the linter sees it: to this person, in this language and channel. The
    openers are first contacts (an opener that mentions where you met is not a follow-up):
    they are judged as such until the coach follows the message kind (issue 15)."""
    return Message(text, lang, channel, Recipient(name=facts.name) if facts.name else None, kind=DEFAULT_KIND)


@dataclass(frozen=True)
class TemplateExampleResult:
    template: Template
    expected: str
    got: str | None

    @property
    def ok(self) -> bool:
        return self.got == self.expected

    def describe(self) -> str:
        if self.ok:
            return f"template '{self.template.id}': {self.expected!r}"
        return (f"{self.template.source}: template '{self.template.id}': expected {self.expected!r}, "
                f"got {self.got!r}")


def run_template_examples(coach: Coach, templates: Sequence[Template] | None = None) -> list[TemplateExampleResult]:
    """Each template example must produce exactly its text (typography aside: no-break
    spaces compare as spaces)."""
    results = []
    for template in templates if templates is not None else coach.templates:
        lang = next((lang for lang in template.languages if lang != "any"), "fr")
        for example in template.examples:
            draft = "Salut, tu vas bien ?" if example.register == "tu" else ""
            found, *_ = coach.candidates(draft, example.recipient, lang, example.channel, templates=[template])
            got = next((c.text for c in found if c.template.id == template.id), None)
            results.append(TemplateExampleResult(template, example.text,
                                                 got.replace("\u00a0", " ") if got is not None else None))
    return results
