"""The coach: openers for one recipient, ranked, each linted by invite-lint itself."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..api import Linter, check_channel, check_lang
from ..errors import InputError
from ..model import DEFAULT_CHANNEL, DEFAULT_KIND, JSONValue, Message, Recipient, Report, Severity, Verdict
from ..text.language import detect
from ..text.pipeline import memory_zone
from .facts import DraftSpecific, Facts, draft_specifics, gather, uses_tu
from .grammar import GRAMMARS
from .render import DEFAULT_EMAIL_ASK, OPTIONAL, Slots, add_bounded_ask, add_next_step, add_referral_ask, fill, is_job_request, is_meeting, slot_values
from .templates import COLD_KINDS, FACTS, KINDS, Question, Template, build_questions, build_templates
from .languages import LanguageText
from .words import FACT_NAMES, NOTES, QUESTION_SLOT, QUESTIONS, SLOT_TEXT

REGISTER = LanguageText("default_register")

CHANNEL_LIMITS = {"linkedin_note": 300, "inmail": 1900, "email": 2000}
MAX_SUGGESTIONS = 3
# What a complete opener needs, per kind: the cold approaches start from their work, a
# follow-up and a reconnect from the meeting or the shared past, a thank-you from the help.
KIND_NEEDS = {"follow_up_after_meeting": ("name", "met", "discussed"), "reconnect": ("name", "met"),
              "thank_you": ("name", "about", "detail"),  # a thank-you says what the help changed (detail)
              "referral_request": ("name", "about", "ask")}  # whom to meet, or which role: only the user knows
COLD_NEEDS = ("name", "about")
# The questions asked when a fact is missing, per kind (the rest are optional).
KIND_ASKS = {"reconnect": ("about",)}
# The question that stands for a fact, when a kind asks it in its own words.
ASKED_FACT = {"changed": "detail", "introduction": "ask"}


@dataclass(frozen=True)
class Suggestion:
    """One opener: its text, the template that produced it and the facts it used."""

    text: str
    template: str
    facts_used: tuple[str, ...]  # "name", "about", "interest", "met", "ask", "detail", "discussed", ...
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
    kind: str = DEFAULT_KIND
    kind_source: str = "default"  # "given" | "detected" | "default"
    question: str | None = None  # the id of the closing question's form, when the template asks one

    @property
    def ready(self) -> bool:
        return self.report is not None and self.report.verdict is Verdict.READY

    def to_dict(self) -> dict[str, JSONValue]:
        return {
            "rank": self.rank,
            "text": self.text,
            "template": self.template,
            "question": self.question,
            "facts_used": [{"fact": f, "value": self.fact_values.get(f, ""), "source": self.fact_sources.get(f, "given")}
                           for f in self.facts_used],
            "complete": self.complete,
            "lang": self.lang,
            "channel": self.channel,
            "register": self.register,
            "kind": self.kind,
            "kind_source": self.kind_source,
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
    question: Question | None = None

    def order(self) -> tuple[int, int, int, int]:
        """Most facts used first, then the template's and the question's priority, then the shorter."""
        return (-len(self.used), -self.template.priority, -(self.question.priority if self.question else 0),
                len(self.text))


class Found(NamedTuple):
    """What `Coach.candidates` returns: the filled templates and what they were filled with."""

    candidates: list[Candidate]
    facts: Facts
    lang: str
    channel: str
    register: str
    notes: list[str]
    kind: str = DEFAULT_KIND
    kind_source: str = "default"
    # facts no template could take, or that made every opener too long: fact -> reason key
    why_not: dict[str, str] = {}


class Coach:
    """Suggests openers. Reuses a Linter (its packs provide the templates and check the result)."""

    def __init__(self, linter: Linter | None = None) -> None:
        self.linter = linter or Linter()
        self.templates = build_templates(self.linter.packs.templates)
        self.questions = build_questions(self.linter.packs.questions)

    # -- facts ---------------------------------------------------------------------
    def _lang(self, text: str, recipient: Recipient | None, lang: str | None) -> str:
        if lang:
            return lang
        sample = " ".join(filter(None, [text, recipient.about if recipient else None,
                                        recipient.detail if recipient else None,
                                        recipient.interest if recipient else None]))
        guess = detect(sample) if sample.strip() else None
        return guess.lang if guess and guess.lang in GRAMMARS else self.linter.engine.default_lang

    def _gender_of(self, lang: str):
        nlp = self.linter.engine.pipeline(lang).nlp

        def gender(word: str) -> str | None:
            if not word:
                return None
            with memory_zone(nlp):  # a new word is forgotten after (a long-running server stays flat)
                doc = nlp(GRAMMARS[lang].gender_probe(word))
                genders = doc[-1].morph.get("Gender", []) if len(doc) else []
                return str(genders[0]) if genders else None

        return gender

    def facts(self, text: str, recipient: Recipient | None, lang: str, draft: Report | None = None) -> Facts:
        """What the user gave, completed by the draft: its specifics as the linter's evidence
        step reports them (`Report.specifics`, when the linter has it), then those the coach
        finds itself."""
        nlp = self.linter.engine.pipeline(lang).nlp
        with memory_zone(nlp):  # the draft's words are forgotten after, as in Engine.run (issue 11)
            return self._facts(text, recipient, lang, nlp, draft)

    def _facts(self, text: str, recipient: Recipient | None, lang: str, nlp: Any,
               draft: Report | None) -> Facts:
        if not text.strip():
            return gather(text, recipient, lang, nlp, [])
        own = draft_specifics(text, lang, nlp)
        found: list[DraftSpecific] = []
        for specific in draft.specifics if draft is not None else ():
            # the coach's own span when the two overlap: it is cut for its slots ("ancienne de
            # l'INSA Lyon moi aussi" says who shares it; "80 million patients" stops at the noun)
            wider = next((o for o in own if o.kind == specific.kind
                          and (specific.text in o.text or o.text in specific.text)), None)
            found.append(wider or DraftSpecific(str(specific.kind), str(specific.text)))
        found += [o for o in own if o not in found]
        return gather(text, recipient, lang, nlp, found)

    def kind_of(self, text: str, kind: str | None, draft: Report | None = None) -> tuple[str, str]:
        """The message kind and where it came from: given; else detected from the draft, when
        the linter detects kinds (`Report.kind`); else the default."""
        if kind:
            if kind not in KINDS:
                raise InputError("<kind>", f"unknown kind '{kind}' (kinds: {', '.join(KINDS)})")
            return kind, "given"
        if draft is not None:
            return draft.kind.kind, draft.kind.source
        return DEFAULT_KIND, "default"

    def _draft_report(self, text: str, lang: str, channel: str | None, recipient: Recipient | None) -> Report | None:
        """The linter's report on the draft, when it tells the coach something (its kind, its
        specifics): one lint of the draft, only then."""
        if not text.strip():
            return None
        return self.linter.lint(text, lang, channel, recipient)

    # -- candidates ------------------------------------------------------------------
    def candidates(self, text: str = "", recipient: Recipient | None = None, lang: str | None = None,
                   channel: str | None = None, templates: Sequence[Template] | None = None,
                   kind: str | None = None) -> Found:
        """Every template (or those given) filled for this recipient (unranked, unlinted),
        with the facts, language, channel, register and notes they were filled with."""
        lang = self._lang(text, recipient, check_lang(lang))
        channel = check_channel(channel) or DEFAULT_CHANNEL
        draft = self._draft_report(text, lang, channel, recipient)
        kind, kind_source = self.kind_of(text, kind, draft)
        facts = self.facts(text, recipient, lang, draft)
        formal = REGISTER[lang]  # "vous" where the language has a familiar "tu" too, else "-"
        tu = formal == "vous" and uses_tu(" ".join(filter(None, [text, facts.about])))
        register = "tu" if tu else formal
        notes: list[str] = []
        texts = NOTES[lang]
        slots = slot_values(facts, lang, tu, self._gender_of(lang))
        job_ok = kind == "job_search"
        referral = kind == "referral_request"  # the ask is the introduction itself: kept as the user wrote it
        if facts.ask and is_job_request(facts.ask) and not job_ok and not referral:
            notes.append(texts["ask-job"].format(value=facts.ask))
        elif facts.ask and not is_meeting(facts.ask) and not (job_ok and is_job_request(facts.ask)) and not referral:
            notes.append(texts["ask-vague"].format(value=facts.ask))
        if (job_ok and facts.ask and is_job_request(facts.ask) or referral and facts.ask) and "ask" not in slots.values:
            slots.values["ask"], slots.used["ask"] = facts.ask, "ask"
        ask = slots.values.get("ask") or (DEFAULT_EMAIL_ASK[lang] if channel == "email" else None)
        limit = CHANNEL_LIMITS[channel]
        grammar = GRAMMARS[lang]
        out: list[Candidate] = []
        takers: set[str] = set()  # facts some applicable template or question could take
        too_long: set[str] = set()
        for template in self.templates if templates is None else templates:
            if not template.applies_to(lang, channel, kind if templates is None else None) \
                    or any(not facts.get(f) for f in template.requires):
                continue
            source = template.text_for(register)
            questions: list[Question | None] = [None]
            if template.has_question:
                questions = [q for q in self.questions if q.fits(lang, slots.work, kind)]
            for question in questions:
                values = dict(slots.values)
                used_extra: set[str] = set()
                if question is not None:
                    asked = fill(question.text_for(register), slots, grammar)
                    if asked is None:
                        continue
                    values["question"] = asked[0]
                    used_extra = asked[1]
                filled_slots = Slots(values, slots.used, slots.work)
                for variant in (source, _without_optional(source)):
                    filled = fill(variant, filled_slots, grammar)
                    if filled is None:
                        break
                    text_out, used = filled
                    used = used | used_extra
                    takers |= used
                    if referral and not template.asks_itself:
                        text_out = add_referral_ask(text_out, slots.values.get("ask"), lang, register)
                        used = used | {"ask"}
                    elif kind == "informational_interview" and not template.asks_itself:
                        # a short, bounded favour, after the question about their work
                        text_out = add_bounded_ask(text_out, slots.values.get("ask"), lang, register)
                        used = used | ({"ask"} if slots.values.get("ask") else set())
                    elif ask and not template.asks_itself:
                        with_step = add_next_step(text_out, ask, lang, register)
                        if len(with_step) <= limit:
                            text_out = with_step
                            used = used | ({"ask"} if slots.values.get("ask") else set())
                    if len(text_out) <= limit:
                        out.append(Candidate(template, text_out, frozenset(used), question))
                        break
                    too_long |= used
        why_not: dict[str, str] = {}
        for fact in FACTS:
            if fact == "name" or not facts.get(fact) or fact == "ask" and notes:
                continue
            if fact not in takers and not (fact == "ask" and ask):
                why_not[fact] = "no-template"
            elif fact in too_long and not any(fact in c.used for c in out):
                why_not[fact] = "too-long"
        out.sort(key=Candidate.order)
        return Found(out, facts, lang, channel, register, notes, kind, kind_source, why_not)

    # -- the verb ------------------------------------------------------------------
    def suggest(self, text: str = "", recipient: Recipient | None = None, lang: str | None = None,
                channel: str | None = None, limit: int = MAX_SUGGESTIONS, kind: str | None = None) -> list[Suggestion]:
        return self.rank(self.candidates(text, recipient, lang, channel, kind=kind), limit)

    def rank(self, found: Found, limit: int = MAX_SUGGESTIONS,
             reports: Sequence[Report] | None = None) -> list[Suggestion]:
        """The best of what `candidates` returned: openers that lint `ready` with no warning
        (`reports`, when the caller linted them already), most facts used first, one per
        template first; then a note for each fact no opener used, with the reason."""
        candidates, facts, lang, channel, register, notes, kind, kind_source, why_not = found
        notes = list(notes)
        needs = KIND_NEEDS.get(kind, COLD_NEEDS)
        missing = [f for f in needs if not facts.get(f)]
        if missing == ["about"] and (facts.shared or facts.figure) and candidates:
            missing = []  # the draft's shared past or figure is something specific to start from
        if missing:
            return [self._with_slots(found, missing, notes)]
        if reports is None:
            # one by one, not compared with each other: variants of one opener are not a mass mailing
            reports = list(self.linter.iter_lint([candidate_message(c.text, lang, channel, facts, kind)
                                                  for c in candidates]))
        scored = sorted(((c, r) for c, r in zip(candidates, reports) if offerable(r)), key=lambda cr: cr[0].order())
        chosen: list[tuple[Candidate, Report]] = []
        for one_per_template in (True, False):
            for candidate, report in scored:
                if len(chosen) >= limit:
                    break
                if any(candidate.text == c.text for c, _ in chosen):
                    continue
                if one_per_template and any(candidate.template.id == c.template.id for c, _ in chosen):
                    continue
                chosen.append((candidate, report))
        chosen.sort(key=lambda cr: cr[0].order())
        used_any = {f for c, _ in chosen for f in c.used}
        texts = NOTES[lang]
        for fact in FACTS:
            value = facts.get(fact)
            if fact == "name" or not value or fact in used_any or (fact == "ask" and any("ask" in n or "demande" in n
                                                                                         for n in notes)):
                continue
            reason = why_not.get(fact) or ("not-ready" if any(fact in c.used for c in candidates) else "no-template")
            notes.append(texts["unused"].format(fact=FACT_NAMES[lang].get(fact, fact), value=value,
                                                why=texts[reason].format(kind=kind, limit=CHANNEL_LIMITS[channel])))
        for what, value in facts.extra:
            if not any(value in c.text for c, _ in chosen):
                notes.append(texts["extra"].format(value=value, what=what))
        return [self._suggestion(c, r, found, notes, i + 1) for i, (c, r) in enumerate(chosen)]

    def _suggestion(self, candidate: Candidate, report: Report | None, found: Found, notes: Iterable[str],
                    rank: int) -> Suggestion:
        facts = found.facts
        used = sorted(candidate.used)
        return Suggestion(
            text=candidate.text, template=candidate.template.id,
            facts_used=tuple(used), rank=rank, complete=True,
            lang=found.lang, channel=found.channel, register=found.register, report=report, notes=tuple(notes),
            fact_values={f: str(facts.get(f)) for f in used},
            fact_sources={f: facts.sources.get(f, "given") for f in used},
            kind=found.kind, kind_source=found.kind_source,
            question=candidate.question.id if candidate.question else None,
        )

    def _with_slots(self, found: Found, missing: Sequence[str], notes: list[str]) -> Suggestion:
        """Nothing is invented: what is missing becomes a visible [slot] and a question."""
        facts, lang, channel, register, kind = found.facts, found.lang, found.channel, found.register, found.kind
        slot_text = SLOT_TEXT[lang]
        placeholder = dataclasses.replace(facts, name=facts.name or slot_text["name"],
                                          about=facts.about or "PLACEHOLDER", met=facts.met or "PLACEHOLDER")
        slots = slot_values(placeholder, lang, register == "tu", lambda _: None)
        if "about" in missing:
            slots.values.update(about=slot_text["about"], About=slot_text["about"], seen=GRAMMARS[lang].default_seen)
            for key in ("topic", "thing", "thistopic", "short", "action"):
                slots.values.pop(key, None)
        if "met" in missing or not facts.met:
            slots.values.update(met=slot_text["met"], metbare=slot_text["met"])
        if "name" in missing:
            slots.values["name"] = slot_text["name"]
        if kind == "thank_you" and not facts.detail:
            slots.values.update(detail=slot_text["changed"], thedetail=slot_text["changed"])
        if kind == "follow_up_after_meeting" and not facts.discussed:
            slots.values.update(discussed=slot_text["discussed"], thediscussed=slot_text["discussed"])
        needs = set(KIND_NEEDS.get(kind, COLD_NEEDS)) | {f for f in FACTS if facts.get(f)}
        pool = [t for t in self.templates if t.applies_to(lang, channel, kind) and set(t.requires) <= needs] or \
            [t for t in self.templates if t.applies_to(lang, channel) and set(t.requires) <= {"name", "about"}]
        text, template_id = "", pool[0].id if pool else ""
        # a clause ("que X a ...") follows only {seen}: else ("merci pour ...") it becomes the [slot]
        as_slot = Slots({**slots.values, "about": slot_text["about"], "About": slot_text["about"]}, slots.used,
                        slots.work)
        attempts = [Slots(slots.values, slots.used, slots.work, slots.clauses), as_slot] if slots.clauses \
            and "about" not in missing else [Slots(slots.values, slots.used, slots.work)]
        for attempt, template in ((a, t) for a in attempts for t in sorted(pool, key=lambda t: -t.priority)):
            question = {"question": QUESTION_SLOT[lang]} if template.has_question else {}
            filled = fill(template.text_for(register), Slots({**attempt.values, **question}, attempt.used,
                                                              attempt.work, attempt.clauses), GRAMMARS[lang])
            if filled:
                text, template_id = filled[0], template.id
                break
        if kind == "referral_request" and text:
            text = add_referral_ask(text, facts.ask or slot_text["introduction"], lang, register)
        report = self.linter.lint(text, lang, channel)
        asked = [("changed" if f == "detail" and kind == "thank_you" else
                  "introduction" if f == "ask" and kind == "referral_request" else f)
                 for f in (*missing, *KIND_ASKS.get(kind, ()),
                           *(("detail", "interest", "met") if kind in COLD_KINDS else ()))]
        questions = tuple(dict.fromkeys(QUESTIONS[lang][f] for f in asked if f in QUESTIONS[lang]
                                        and (f in missing or not facts.get(ASKED_FACT.get(f, f)))))
        used = sorted(f for f in FACTS if facts.get(f) and f not in missing and f in ("name", "about", "interest", "met",
                                                                                        "discussed", "detail"))
        return Suggestion(text=text, template=template_id, facts_used=tuple(used), rank=1,
                          complete=False, lang=lang, channel=channel, register=register, report=report,
                          questions=questions, notes=tuple(notes), fact_values={f: str(facts.get(f)) for f in used},
                          fact_sources={f: facts.sources.get(f, "given") for f in used}, kind=kind,
                          kind_source=found.kind_source)




def _without_optional(text: str) -> str:
    return OPTIONAL.sub("", text)


def offerable(report: Report) -> bool:
    """An opener is offered only if it lints `ready` with nothing above a tip."""
    return report.verdict is Verdict.READY and not any(f.severity.rank >= Severity.WARNING.rank
                                                       for f in report.findings)


def candidate_message(text: str, lang: str, channel: str, facts: Facts, kind: str | None = None) -> Message:
    """An opener as the linter sees it: to this person, in this language and channel, of the
    kind it was written for (a follow-up opener is judged as a follow-up)."""
    recipient = Recipient(name=facts.name) if facts.name else None
    return Message(text, lang, channel, recipient, kind=kind or DEFAULT_KIND)
