"""Rewriting a draft: keep the user's own good sentences, replace the generic ones, add
what is missing (a greeting with the name, something specific, a question, a sign-off)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from ..model import Recipient, Report
from ..text.parts import split_parts
from .suggest import Coach, Suggestion

# Sentences these rules flag are replaced, not kept.
REPLACED = frozenset({"default-invitation-text", "empty-flattery", "contact-collecting", "bare-connect-request",
                      "stock-opener", "apologetic-opener", "mass-mailing"})
GREETING = {"fr": "Bonjour {name},", "en": "Hi {name},"}
SIGN_OFF = {"fr": {"vous": "Bien à vous,", "tu": "À bientôt,"}, "en": {"-": "Best wishes,"}}
NO_NAME = {"fr": "[son prénom]", "en": "[their first name]"}


@dataclass(frozen=True)
class Rewrite:
    original: str
    text: str
    before: Report
    after: Report
    suggestion: Suggestion | None
    changes: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def diff(self, path: str = "draft") -> str:
        return "".join(difflib.unified_diff(
            _ensure_newline(self.original).splitlines(keepends=True), _ensure_newline(self.text).splitlines(keepends=True),
            fromfile=f"a/{path}", tofile=f"b/{path}"))


def _ensure_newline(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


def _opener_parts(suggestion: Suggestion, lang: str) -> tuple[str, str]:
    """The opener without its greeting, split into what it says and its closing question."""
    text = suggestion.text
    greeting = split_parts(text).greeting
    body = text[greeting[1]:].strip()
    sentences = split_parts(body).sentences
    if not sentences:
        return body, ""
    last = body[sentences[-1][0]:sentences[-1][1]]
    head = body[:sentences[-1][0]].strip()
    return head, last if "?" in last else ""


def rewrite(coach: Coach, text: str, recipient: Recipient | None = None, lang: str | None = None,
            channel: str | None = None) -> Rewrite:
    before = coach.linter.lint(text, lang, channel, recipient)
    lang, channel = before.lang if before.lang in ("fr", "en") else "fr", before.channel
    suggestions = coach.suggest(text, recipient, lang, channel)
    best = suggestions[0] if suggestions else None
    facts = coach.facts(text, recipient, lang)
    parts = split_parts(text)
    changes: list[str] = []

    flagged = [(f.start, f.end) for f in before.findings if f.rule_id in REPLACED]
    body_sentences = [s for s in parts.sentences if s[0] >= parts.body[0] and s[1] <= parts.body[1]]
    kept = [text[s:e] for s, e in body_sentences if not any(s < fe and fs < e for fs, fe in flagged)]
    dropped = len(body_sentences) - len(kept)
    if dropped:
        changes.append(f"replaced {dropped} generic sentence(s) ({', '.join(sorted(before.rule_ids & REPLACED))})")

    greeting_text = text[parts.greeting[0]:parts.greeting[1]].strip()
    name = facts.first_name
    if not greeting_text or {"generic-greeting", "mass-mailing", "missing-recipient-name"} & before.rule_ids:
        greeting_text = GREETING[lang].format(name=name or NO_NAME[lang])
        changes.append("greeted the person by name" if name else "added a greeting (with a slot for the name)")

    body = list(kept)
    if best is not None:
        head, question = _opener_parts(best, lang)
        if "no-specific-reference" in before.rule_ids or not body:
            body.insert(0, head)
            changes.append("added what of theirs struck you" if best.complete
                           else "added a slot for what of theirs you saw")
        if "no-question" in before.rule_ids or (question and not any("?" in s for s in body)):
            body.append(question)
            changes.append("ended on an open question about their work")

    sign_off = text[parts.sign_off[0]:parts.sign_off[1]].strip()
    if not sign_off and channel in ("email", "inmail"):
        register = best.register if best else ("vous" if lang == "fr" else "-")
        sign_off = SIGN_OFF[lang].get(register, next(iter(SIGN_OFF[lang].values())))
        changes.append("added a sign-off")

    subject = text[parts.subject[0]:parts.subject[1]] if parts.subject else None
    body_text = " ".join(s.strip() for s in body if s.strip())
    multiline = "\n" in text.strip()
    if multiline:  # the body starts its own paragraph
        body_text = body_text[:1].upper() + body_text[1:]
    if multiline:
        blocks = [f"{'Objet' if lang == 'fr' else 'Subject'} : {subject}".replace(" : ", ": " if lang == "en" else " : ")]\
            if subject else []
        blocks += [greeting_text, body_text] + ([sign_off] if sign_off else [])
        new_text = "\n\n".join(blocks)
    else:
        new_text = " ".join(x for x in (greeting_text, body_text, sign_off) if x)
    if subject:
        original_subject_line = text[: text.index(subject) + len(subject)]
        new_text = new_text.replace(new_text.split("\n\n", 1)[0], original_subject_line.strip(), 1)
    if text.endswith(("\n", "\r")):
        new_text += "\n"
    after = coach.linter.lint(new_text, lang, channel, recipient)
    return Rewrite(text, new_text, before, after, best, tuple(changes))
