"""`invite-lint coach`: personalised openers, and rewrites of a draft."""

from __future__ import annotations

import sys

import click

from ..coaching import Coach, Suggestion, rewrite
from ..coaching.languages import LanguageTable
from ..coaching.records import rewrite_record, suggestions_record
from ..coaching.wording import length, say
from ..coaching.wording import source as said_source
from ..documents import Unit
from ..drafts import Draft
from ..model import CHANNELS, MESSAGE_KINDS, Recipient
from ..output.machine import dumps
from ..session import replace_message, single_message
from .common import (colour_option, handle_errors, no_plugins_option, options_session, read_input, rules_option,
                     styler, use_colour)



PROMPTS = LanguageTable("prompts")  # what --interactive asks, per language (lang/<code>/coach.yaml)


def on_tty() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _read(path: str | None) -> tuple[Draft | None, Unit | None]:
    """The draft and its (single) message, with what its front matter says of the recipient."""
    if path is None:
        return None, None
    draft = read_input(path)
    return draft, single_message(draft)


def _ask_missing(recipient: Recipient, lang: str) -> Recipient:
    values = recipient.to_dict()
    for fact, prompt in (PROMPTS.get(lang) or PROMPTS["en"]).items():
        if values.get(fact):
            continue
        required = fact in ("name", "about")
        answer = click.prompt(prompt, default="" if not required else None, show_default=False)
        if answer.strip():
            values[fact] = answer.strip()
    return Recipient.from_dict(values) or Recipient()


def _print_suggestions(suggestions: list[Suggestion], style, lang: str) -> None:
    if not suggestions:
        click.echo(say("none", lang))
        return
    first = suggestions[0]
    lang = first.lang
    if not first.complete:
        click.echo(say("starting-point", lang) + "\n")
        click.echo(f"    {first.text}\n")
        click.echo(say("answer" if on_tty() else "answer-no-terminal", lang))
        for question in first.questions:
            click.echo(f"  - {question}")
    else:
        register = f", {first.register}" if first.register != "-" else ""
        kind = say("kind", lang, kind=first.kind, source=said_source(first.kind_source, lang))
        where = f"{lang}, {first.channel}{register}, {kind}"
        click.echo(style(say("suggested", lang, where=where), bold=True) + "\n")
        for s in suggestions:
            click.echo(f" {s.rank}. {s.text}")
            facts = ", ".join(f"{f} ({said_source(s.fact_sources.get(f, 'given'), lang)})" for f in s.facts_used)
            template = s.template + (f"/{s.question}" if s.question else "")
            score, verdict = (s.report.score, s.report.verdict.value) if s.report else ("-", "-")
            click.echo(style("    " + say("opener-line", lang, template=template, facts=facts, score=score,
                                          verdict=verdict, length=length(len(s.text), lang)), dim=True))
            click.echo()
    for note in first.notes:
        click.echo(say("note", lang, note=note))


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
@click.option("--kind", type=click.Choice(MESSAGE_KINDS), default=None,
              help="The kind of message (default: detected from the draft, else first_contact).")
@click.option("--channel", type=click.Choice(CHANNELS), default=None)
@click.option("--lang", default="auto", show_default=True, help="fr, en, or auto (from the draft and the facts).")
@click.option("--rewrite", "do_rewrite", is_flag=True, help="Rewrite DRAFT: keep its good sentences, replace the "
              "generic ones, add what is missing; prints a unified diff.")
@click.option("--write", is_flag=True, help="With --rewrite: write the new text to DRAFT (atomically).")
@click.option("--interactive", is_flag=True, help="Ask for the missing facts at the terminal (on a TTY).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="Use this configuration file (default: found from the draft upwards, as `check` finds it).")
@rules_option
@no_plugins_option
@colour_option
@handle_errors
def coach_command(drafts: tuple[str, ...], name: str | None, about: str | None, interest: str | None, met: str | None,
                  ask: str | None, detail: str | None, discussed: str | None, kind: str | None, channel: str | None,
                  lang: str, do_rewrite: bool, write: bool, interactive: bool, fmt: str, rule_paths: tuple[str, ...],
                  no_plugins: bool, colour: str, config_file: str | None = None) -> None:
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
                          no_plugins, colour, config_file)
        return
    draft = drafts[0] if drafts else None
    if do_rewrite and (draft is None or draft == "-") and write:
        raise click.UsageError("--rewrite --write needs a draft file")
    source, unit = _read(draft)
    text = unit.text if unit else ""
    # The configuration applies as in `check` (select/ignore, severities, thresholds, the default
    # language and channel, the draft's per-file ignores); one Linter per configuration per process.
    session = options_session(rule_paths=rule_paths, no_plugins=no_plugins, config_file=config_file)
    coach = Coach(session.linter_for(draft or "-", per_file=True))
    given = Recipient(name=name, about=about, interest=interest, met=met, ask=ask, detail=detail,
                      discussed=discussed).to_dict()
    from_file = unit.recipient.to_dict() if unit and unit.recipient else {}
    recipient = Recipient(**{**from_file, **given})  # the command line wins over the front matter
    channel = channel or (unit.channel if unit else None)
    kind = kind or (getattr(unit, "kind", None) if unit else None)  # front matter `kind:`
    lang_option = None if lang == "auto" else lang
    if interactive and not on_tty():
        raise click.UsageError("--interactive asks at a terminal, and standard input or output is not one: "
                               "give the facts as options (--name, --about, --interest, --met, --ask)")
    if interactive:
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
            click.echo(dumps(rewrite_record(result, source.path, written=write)))
        else:
            lang_said = result.after.lang
            click.echo(result.diff(source.path) or say("no-change", lang_said), nl=False)
            click.echo("\n" + say("scores", lang_said, path=source.path, before=result.before.score,
                                   before_verdict=result.before.verdict.value, after=result.after.score,
                                   after_verdict=result.after.verdict.value))
            for change in result.changes:
                click.echo(f"  - {change}")
        if write and result.changed:
            assert unit is not None  # a source has its unit
            replace_message(source, unit, result.text)
            if fmt == "text":
                click.echo(say("wrote", result.after.lang, path=source.path))
        elif not write and fmt == "text" and result.changed:
            click.echo(say("dry-run", result.after.lang))
        return
    suggestions = coach.suggest(text, recipient, lang_option, channel, kind=kind)
    if fmt == "json":
        click.echo(dumps(suggestions_record(suggestions)))
    else:
        _print_suggestions(suggestions, style, lang_option or coach._lang(text, recipient, None))


def coach_for_one(path: str, name: str | None, about: str | None, interest: str | None, met: str | None,
                  ask: str | None, detail: str | None, discussed: str | None, kind: str | None, channel: str | None,
                  lang: str, fmt: str, rule_paths: tuple[str, ...], no_plugins: bool, colour: str,
                  config_file: str | None = None) -> None:
    coach_command.callback(drafts=(path,), name=name, about=about, interest=interest, met=met,  # type: ignore[misc]
                           ask=ask, detail=detail, discussed=discussed, kind=kind, channel=channel, lang=lang,
                           do_rewrite=False, write=False, interactive=False, fmt=fmt, rule_paths=rule_paths,
                           no_plugins=no_plugins, colour=colour, config_file=config_file)
