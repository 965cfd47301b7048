"""`invite-lint coach`: personalised openers, and rewrites of a draft."""

from __future__ import annotations

import json
import sys

import click

from ..api import Linter
from ..coaching import Coach, Suggestion, rewrite
from ..coaching.templates import KINDS
from ..documents import Unit, parse
from ..documents.formats import HTML_COMMENT
from ..drafts import Draft, write_draft
from ..errors import InputError
from ..model import CHANNELS, Recipient
from .common import colour_option, handle_errors, no_plugins_option, read_input, rules_option, styler, use_colour

FACT_PROMPTS = {
    "name": ("Their first name", "Son prénom"),
    "about": ("What of theirs did you read or see (e.g. your talk at PyCon on type hints)",
              "Qu'avez-vous lu ou vu de son travail (ex. : votre article sur le bien-être au travail)"),
    "interest": ("A shared interest (optional)", "Un intérêt commun (facultatif)"),
    "met": ("Where you met, or who sent you (optional)", "Où vous vous êtes croisés, ou qui vous envoie (facultatif)"),
    "ask": ("A light next step, e.g. a coffee (optional)", "Une suite légère, ex. : un café (facultatif)"),
    "detail": ("What struck you in it, e.g. the colours (optional)",
               "Ce qui vous a frappé dedans, ex. : les couleurs (facultatif)"),
}
# The coach's own words, in the draft's language.
TEXTS = {
    "en": {"none": "No opener passed the linter's own checks: give a more precise --about (what exactly, and where), "
                   "or a --detail.",
           "slots": "Nothing is invented: here is a starting point, with [slots] for what only you know.",
           "answer": "Answer these, then run again (or add --interactive):",
           "header": "Suggested openers ({details}):", "template": "template", "facts": "facts", "score": "score",
           "characters": "characters", "note": "note", "kind": "kind", "no-change": "(no change)",
           "dry-run": "(dry run: add --write to save it)", "wrote": "wrote {path}"},
    "fr": {"none": "Aucune accroche ne passe les règles du linter : précisez --about (quoi exactement, et où), ou "
                   "ajoutez --detail.",
           "slots": "Rien n'est inventé : voici une base, avec des [cases] pour ce que vous seul savez.",
           "answer": "Répondez à ces questions, puis relancez (ou ajoutez --interactive) :",
           "header": "Accroches proposées ({details}) :", "template": "modèle", "facts": "faits", "score": "score",
           "characters": "caractères", "note": "remarque", "kind": "type", "no-change": "(aucun changement)",
           "dry-run": "(essai à blanc : ajoutez --write pour l'enregistrer)", "wrote": "{path} enregistré"},
}
SOURCES = {"fr": {"given": "donné", "draft": "brouillon", "detected": "détecté", "default": "par défaut"}}


def on_tty() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _read(path: str | None) -> tuple[Draft | None, Unit | None]:
    """The draft and its (single) message, with what its front matter says of the recipient."""
    if path is None:
        return None, None
    draft = read_input(path)
    units, errors = parse(draft)
    if errors:
        raise errors[0]
    if len(units) != 1:
        raise InputError(draft.path, "the coach works on one message: use a .txt, .md or .eml draft")
    return draft, units[0]


def _spliced(draft: Draft, unit: Unit, new_text: str) -> str:
    """The file with its message replaced: front matter and suppression comments are kept."""
    segments = [s for s in unit.source_map.segments if s.length]
    start = segments[0].file_start if segments else len(draft.text)
    end = segments[-1].file_start + segments[-1].length if segments else len(draft.text)
    comments = "".join(m.group() + "\n" for m in HTML_COMMENT.finditer(draft.text, start, end))
    lead = unit.text[: len(unit.text) - len(unit.text.lstrip())]
    trail = unit.text[len(unit.text.rstrip()):]
    return draft.text[:start] + lead + comments + new_text.strip() + trail + draft.text[end:]


def _ask_missing(recipient: Recipient, lang: str) -> Recipient:
    french = lang == "fr"
    values = recipient.to_dict()
    for fact, (en, fr) in FACT_PROMPTS.items():
        if values.get(fact):
            continue
        required = fact in ("name", "about")
        answer = click.prompt(fr if french else en, default="" if not required else None, show_default=False)
        if answer.strip():
            values[fact] = answer.strip()
    return Recipient.from_dict(values) or Recipient()


def _print_suggestions(suggestions: list[Suggestion], style, lang: str) -> None:  # type: ignore[no-untyped-def]
    words = TEXTS.get(suggestions[0].lang if suggestions else lang, TEXTS["en"])
    colon = "\u00a0:" if words is TEXTS["fr"] else ":"
    source = SOURCES.get(suggestions[0].lang if suggestions else lang, {})
    if not suggestions:
        click.echo(words["none"])
        return
    first = suggestions[0]
    kind = f"{words['kind']} {first.kind} ({source.get(first.kind_source, first.kind_source)})"
    if not first.complete:
        click.echo(words["slots"] + "\n")
        click.echo(f"    {first.text}\n")
        click.echo(words["answer"])
        for question in first.questions:
            click.echo(f"  - {question}")
    else:
        register = f", {first.register}" if first.register != "-" else ""
        details = f"{first.lang}, {first.channel}{register}, {kind}"
        click.echo(style(words["header"].format(details=details), bold=True) + "\n")
        for s in suggestions:
            click.echo(f" {s.rank}. {s.text}")
            facts = ", ".join(f"{f} ({source.get(s.fact_sources.get(f, 'given'), s.fact_sources.get(f, 'given'))})"
                              for f in s.facts_used)
            verdict = f"{words['score']} {s.report.score}, {s.report.verdict.value}" if s.report else ""
            template = s.template + (f"/{s.question}" if s.question else "")
            click.echo(style(f"    {words['template']} {template} · {words['facts']}{colon} {facts} · {verdict} · "
                             f"{len(s.text)} {words['characters']}", dim=True))
            click.echo()
    for note in first.notes:
        click.echo(f"{words['note']}{colon} {note}")


@click.command("coach")
@click.argument("drafts", nargs=-1, metavar="[DRAFT...|-]")
@click.option("--name", help="The recipient's name.")
@click.option("--about", help="What of theirs you saw or read: \"votre article sur ...\", \"your talk at ... on ...\".")
@click.option("--interest", help="A shared interest or value.")
@click.option("--met", help="Where you met, or the mutual contact who sent you.")
@click.option("--ask", help="A light next step you hope for: \"un café\", \"a 15-minute call\" (never a job).")
@click.option("--detail", help="What struck you in it: \"les couleurs\", \"the part on deleting stale flags\" "
              "(quoted and asked about); for a thank-you, what their help changed (\"I rewrote my CV\").")
@click.option("--discussed", help="What you talked about when you met (a follow-up starts from it).")
@click.option("--kind", type=click.Choice(KINDS), default=None,
              help="The kind of message (default: detected from the draft, else first_contact).")
@click.option("--channel", type=click.Choice(CHANNELS), default=None)
@click.option("--lang", default="auto", show_default=True, help="fr, en, or auto (from the draft and the facts).")
@click.option("--rewrite", "do_rewrite", is_flag=True, help="Rewrite DRAFT: keep its good sentences, replace the "
              "generic ones, add what is missing; prints a unified diff.")
@click.option("--write", is_flag=True, help="With --rewrite: write the new text to DRAFT (atomically).")
@click.option("--interactive", is_flag=True, help="Ask for the missing facts at the terminal (on a TTY).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@rules_option
@no_plugins_option
@colour_option
@handle_errors
def coach_command(drafts: tuple[str, ...], name: str | None, about: str | None, interest: str | None, met: str | None,
                  ask: str | None, detail: str | None, discussed: str | None, kind: str | None, channel: str | None,
                  lang: str, do_rewrite: bool, write: bool, interactive: bool, fmt: str, rule_paths: tuple[str, ...],
                  no_plugins: bool, colour: str) -> None:
    """Suggest openers for one recipient, in the spirit of the painter in the park: what of
    theirs you saw, why it struck you, and an open question about their work.

    Facts come from the options and from DRAFT itself; nothing is invented: what is missing
    becomes a visible [slot] and a question."""
    if write and not do_rewrite:
        raise click.UsageError("--write goes with --rewrite")
    if len(drafts) > 1:
        if do_rewrite:
            raise click.UsageError("--rewrite takes one draft at a time")
        for path in drafts:  # several drafts (the pre-commit hook): openers for each, facts from each
            click.echo(f"== {path}")
            coach_for_one(path, name, about, interest, met, ask, detail, discussed, kind, channel, lang, fmt, rule_paths,
                          no_plugins, colour)
        return
    draft = drafts[0] if drafts else None
    if do_rewrite and (draft is None or draft == "-") and write:
        raise click.UsageError("--rewrite --write needs a draft file")
    source, unit = _read(draft)
    text = unit.text if unit else ""
    coach = Coach(Linter.shared(rule_paths, plugins=not no_plugins))  # one per process, whatever the drafts
    given = Recipient(name=name, about=about, interest=interest, met=met, ask=ask, detail=detail,
                      discussed=discussed).to_dict()
    from_file = unit.recipient.to_dict() if unit and unit.recipient else {}
    recipient = Recipient(**{**from_file, **given})  # the command line wins over the front matter
    channel = channel or (unit.channel if unit else None)
    kind = kind or (getattr(unit, "kind", None) if unit else None)  # front matter `kind:`
    lang_option = None if lang == "auto" else lang
    if interactive and on_tty():
        facts_lang = coach._lang(text, recipient, lang_option)
        facts = coach.facts(text, recipient, facts_lang)
        if not (facts.name and facts.about):
            recipient = _ask_missing(Recipient(**{**recipient.to_dict(), "name": facts.name, "about": facts.about}),
                                     facts_lang)
    style = styler(use_colour(colour))
    if do_rewrite:
        if source is None:
            raise click.UsageError("--rewrite needs a DRAFT (a file, or - for standard input)")
        result = rewrite(coach, text, recipient, lang_option, channel, kind=kind)
        if fmt == "json":
            click.echo(json.dumps({"text": result.text, "diff": result.diff(source.path), "changes": list(result.changes),
                                   "before": {"score": result.before.score, "verdict": result.before.verdict.value},
                                   "after": {"score": result.after.score, "verdict": result.after.verdict.value},
                                   "written": bool(write and result.changed)}, ensure_ascii=False, indent=2))
        else:
            words = TEXTS.get(result.after.lang, TEXTS["en"])
            click.echo(result.diff(source.path) or words["no-change"], nl=False)
            click.echo(f"\n{source.path}: score {result.before.score} ({result.before.verdict.value}) -> "
                       f"{result.after.score} ({result.after.verdict.value})")
            for change in result.changes:
                click.echo(f"  - {change}")
        if write and result.changed:
            if unit is None or not unit.writable:
                raise InputError(source.path, "this kind of draft cannot be rewritten in place; the diff above shows "
                                              "the new text")
            write_draft(source, _spliced(source, unit, result.text))
            if fmt == "text":
                click.echo(TEXTS.get(result.after.lang, TEXTS["en"])["wrote"].format(path=source.path))
        elif not write and fmt == "text" and result.changed:
            click.echo(TEXTS.get(result.after.lang, TEXTS["en"])["dry-run"])
        return
    suggestions = coach.suggest(text, recipient, lang_option, channel, kind=kind)
    if fmt == "json":
        click.echo(json.dumps([s.to_dict() for s in suggestions], ensure_ascii=False, indent=2))
    else:
        _print_suggestions(suggestions, style, lang_option or coach._lang(text, recipient, None))


def coach_for_one(path: str, name: str | None, about: str | None, interest: str | None, met: str | None,
                  ask: str | None, detail: str | None, discussed: str | None, kind: str | None, channel: str | None,
                  lang: str, fmt: str, rule_paths: tuple[str, ...], no_plugins: bool, colour: str) -> None:
    coach_command.callback(drafts=(path,), name=name, about=about, interest=interest, met=met,  # type: ignore[misc]
                           ask=ask, detail=detail, discussed=discussed, kind=kind, channel=channel, lang=lang,
                           do_rewrite=False, write=False, interactive=False, fmt=fmt, rule_paths=rule_paths,
                           no_plugins=no_plugins, colour=colour)
