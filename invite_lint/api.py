"""The public API: load rules once, lint messages many times.

    from invite_lint import Linter, lint
    report = lint("Bonjour, Paul Martin aimerait rejoindre votre réseau.")
    linter = Linter(ignore=["missing-sign-off"])      # rules and model loaded once
    reports = linter.lint_many(["...", "..."])       # batched through nlp.pipe

Nothing here prints or exits; user errors are InviteLintError subclasses.
"""

from __future__ import annotations

import dataclasses
import os
import threading
import uuid
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Any, TypedDict

from typing_extensions import Unpack  # typing.Unpack is 3.11+; we support 3.10

from .documents import Unit, parse
from .documents.results import DraftResult, positions_of, settle
from .documents.templating import render
from .drafts import Draft, read_draft
from .engine import Engine
from .engine.tool_findings import TOOL_FINDING_IDS
from .errors import InputError, InviteLintError, UsageError
from .kinds import Rule
from .lang import DEFAULT_LANG
from .model import (
    CHANNELS,
    DEFAULT_CHANNEL,
    LANGUAGE_CODE,
    MESSAGE_KINDS,
    KindGuess,
    Message,
    Recipient,
    Report,
    Severity,
)
from .packs.discovery import (
    PackSource,
    builtin_source,
    entry_point_sources,
    path_source,
)
from .packs.loader import LoadedPacks, load_sources
from .text.language import detect

PathLike = str | os.PathLike[str]


def pack_sources(rules: Iterable[PathLike] = (), *, builtin: bool = True, plugins: bool = True) -> list[PackSource]:
    """The built-in packs, installed plugin packs and the given paths, in that order."""
    sources: list[PackSource] = []
    if builtin:
        sources.append(builtin_source())
    if plugins:
        sources.extend(entry_point_sources())
    sources.extend(path_source(os.fspath(p)) for p in rules)
    return sources


def load_packs(rules: Iterable[PathLike] = (), *, builtin: bool = True, plugins: bool = True) -> LoadedPacks:
    """Read the built-in packs, installed plugin packs and the given paths."""
    return load_sources(pack_sources(rules, builtin=builtin, plugins=plugins))


def _matches(rule_id: str, selector: str) -> bool:
    return rule_id == selector or rule_id.startswith(selector)


def select_rules(rules: Sequence[Rule], select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
    """Keep the rules whose id (or id prefix) is selected and not ignored."""
    select, ignore = list(select), list(ignore)
    ids = {r.id for r in rules}
    for option, selectors in (("select", select), ("ignore", ignore)):
        for s in selectors:
            if not any(_matches(i, s) for i in ids):
                raise UsageError(f"--{option} '{s}' matches no rule id (see 'invite-lint rules list')")
    chosen = [r for r in rules if not select or any(_matches(r.id, s) for s in select)]
    return [r for r in chosen if not any(_matches(r.id, s) for s in ignore)]


def adjust_rules(rules: Sequence[Rule], severity: Mapping[str, str],
                 thresholds: Mapping[str, Mapping[str, float]]) -> list[Rule]:
    """Rules with the configuration's severities and thresholds (by rule id, any language)."""
    ids = {r.id for r in rules}
    for option, mapping in (("severity", severity), ("thresholds", thresholds)):
        for rule_id in mapping:
            if rule_id not in ids:
                raise UsageError(f"{option}: '{rule_id}' matches no rule id (see 'invite-lint rules list')")
    out = []
    for rule in rules:
        if rule.id in severity:
            rule = dataclasses.replace(rule, spec=dataclasses.replace(rule.spec, severity=Severity(severity[rule.id])))
        if rule.id in thresholds:
            limited = rule.check.with_limits(thresholds[rule.id])
            if limited is None:
                raise UsageError(f"thresholds: '{rule.id}' is a {rule.spec.kind} rule; only metric rules have thresholds")
            rule = dataclasses.replace(rule, check=limited)
        out.append(rule)
    return out


def load_rules(rules: Iterable[PathLike] = (), *, builtin: bool = True, plugins: bool = True,
               select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
    """The rules a Linter with the same arguments would run."""
    return select_rules(load_packs(rules, builtin=builtin, plugins=plugins).rules, select, ignore)


def check_lang(lang: str | None) -> str | None:
    if lang is None or lang == "auto":
        return None
    if not LANGUAGE_CODE.match(lang):
        raise UsageError(f"unknown language '{lang}' (use a two-letter code such as fr or en, or auto)")
    return lang


def check_channel(channel: str | None) -> str | None:
    if channel is not None and channel not in CHANNELS:
        raise UsageError(f"unknown channel '{channel}' (use {', '.join(CHANNELS)})")
    return channel


def check_kind(kind: str | None) -> str | None:
    """A message kind as users give it: one of MESSAGE_KINDS, or None / "auto" to detect."""
    if kind is None or kind == "auto":
        return None
    if kind not in MESSAGE_KINDS:
        raise UsageError(f"unknown message kind '{kind}' (use {', '.join(MESSAGE_KINDS)}, or auto)")
    return kind


class LinterOptions(TypedDict, total=False):
    """The keyword arguments of `Linter(...)`, for `Linter.shared(...)`."""

    builtin: bool
    plugins: bool
    select: Iterable[str]
    ignore: Iterable[str]
    default_lang: str
    default_channel: str
    severity: Mapping[str, str] | None
    thresholds: Mapping[str, Mapping[str, float]] | None


class Linter:
    """Loads rule packs once (the spaCy model on first use) and lints any number of messages.

    Safe to share between threads; cheap to pickle (a worker process reloads the model once).
    """

    def __init__(
        self,
        rules: Iterable[PathLike] = (),
        *,
        builtin: bool = True,
        plugins: bool = True,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        default_lang: str = DEFAULT_LANG,
        default_channel: str = DEFAULT_CHANNEL,
        severity: Mapping[str, str] | None = None,
        thresholds: Mapping[str, Mapping[str, float]] | None = None,
    ) -> None:
        packs = load_packs(rules, builtin=builtin, plugins=plugins)
        self.packs = packs
        adjusted = adjust_rules(packs.rules, severity or {}, thresholds or {})
        self.rules: tuple[Rule, ...] = tuple(select_rules(adjusted, select, ignore))
        self.engine = Engine(self.rules, default_lang=check_lang(default_lang) or DEFAULT_LANG,
                             default_channel=check_channel(default_channel) or DEFAULT_CHANNEL,
                             cues=packs.cues)
        # Same token for every pickled copy: a worker process keeps the first copy it gets
        # (integrations.dask), with its compiled matchers, instead of rebuilding them per task.
        self.token = uuid.uuid4().hex

    @classmethod
    def shared(cls, rules: Iterable[PathLike] = (), **options: Unpack[LinterOptions]) -> Linter:
        """A Linter for these arguments, built once per process while its rule files do not
        change (a warm server reuses it across requests). Same arguments as the constructor."""
        paths = tuple(str(r) for r in rules)
        key = repr((paths, sorted(options.items(), key=lambda item: item[0])))
        fingerprint = _packs_fingerprint(paths, bool(options.get("builtin", True)), bool(options.get("plugins", True)))
        with _SHARED_LOCK:
            cached = _SHARED.get(key)
            if cached is not None and cached[0] == fingerprint:
                _SHARED.move_to_end(key)
                return cached[1]
        linter = cls(paths, **options)
        with _SHARED_LOCK:
            _SHARED[key] = (fingerprint, linter)
            while len(_SHARED) > MAX_SHARED_LINTERS:
                _SHARED.popitem(last=False)
        return linter

    def warm_up(self, langs: Iterable[str] = (DEFAULT_LANG,)) -> None:
        """Load the pipelines (and the language profiles) now rather than on the first message."""
        for lang in langs:
            self.engine.pipeline(lang)
        detect("Bonjour, je vous écris au sujet de votre article. Hello, I read your article.")

    def lint(self, text: str, lang: str | None = None, channel: str | None = None,
             recipient: Recipient | None = None, kind: str | None = None) -> Report:
        """Lint one message. `lang` None or "auto" detects it; `channel` None infers it;
        `kind` (one of MESSAGE_KINDS) None or "auto" detects it."""
        message = Message(text, check_lang(lang), check_channel(channel), recipient, check_kind(kind))
        return next(self.engine.run([message]))

    def detect_kind(self, text: str, lang: str | None = None, channel: str | None = None) -> KindGuess:
        """What kind of message `text` is (model.MESSAGE_KINDS), from the packs' kind cues:
        `KindGuess(kind, "detected", cue, ...)`, or `first_contact` / "default" when no cue
        matches. Runs the language's pipeline, not the rules."""
        message = Message(text, check_lang(lang), check_channel(channel))
        return next(self.engine.detect_kinds([message]))

    def iter_lint(self, messages: Iterable[str | Message], lang: str | None = None,
                  channel: str | None = None, kind: str | None = None) -> Iterator[Report]:
        """Lint a stream of messages lazily, in order, in batches through nlp.pipe.
        Memory stays flat; drafts are not compared with each other (see `lint_many`).
        `kind` applies to messages that do not give their own (None: detect)."""
        return self.engine.run(self._messages(messages, lang, channel, kind))

    @staticmethod
    def _messages(messages: Iterable[str | Message], lang: str | None, channel: str | None,
                  kind: str | None = None) -> Iterator[Message]:
        # checked now, not at the first message
        lang, channel, kind = check_lang(lang), check_channel(channel), check_kind(kind)

        def normalised() -> Iterator[Message]:
            for m in messages:
                if isinstance(m, str):
                    yield Message(m, lang, channel, kind=kind)
                else:
                    yield dataclasses.replace(m, lang=check_lang(m.lang) or lang,
                                              channel=check_channel(m.channel) or channel,
                                              kind=check_kind(m.kind) or kind)

        return normalised()

    def lint_many(self, messages: Iterable[str | Message], lang: str | None = None,
                  channel: str | None = None, kind: str | None = None) -> list[Report]:
        """Lint many messages at once (faster than one by one), then compare them with each
        other: near-identical drafts are flagged as a mass mailing (`near-duplicate-draft`).

        `iter_lint` streams instead and does not compare drafts."""
        return self.engine.run_all(self._messages(messages, lang, channel, kind))

    def lint_units(self, units: Sequence[Unit], file_texts: dict[str, str], lang: str | None = None,
                   channel: str | None = None, recipient: Recipient | None = None,
                   ignored: Mapping[str, Iterable[str]] | None = None, kind: str | None = None) -> list[DraftResult]:
        """Lint the messages of draft files together (near-identical drafts are found), then
        apply each draft's suppressions and report positions in the file; each report is
        scored once, after all that. `kind` is the message kind for units whose file does not
        say (None: detect)."""
        kind = check_kind(kind)
        messages = [Message(u.text, u.lang or lang, u.channel or channel, _merge(recipient, u.recipient),
                            u.kind or kind) for u in units]
        known = {r.id for r in self.packs.rules} | TOOL_FINDING_IDS  # the whole catalogue
        active = {r.id for r in self.rules}

        def settled(i: int, report: Report) -> Report:
            unit = units[i]
            return settle(unit, report, file_texts[unit.path], known, (ignored or {}).get(unit.path, ()), active)

        reports = self.engine.run_all(self._messages(messages, None, None), settle=settled)
        return [DraftResult(u, r, positions_of(u)) for u, r in zip(units, reports)]

    def lint_paths(self, paths: Iterable[PathLike], lang: str | None = None, channel: str | None = None,
                   recipient: Recipient | None = None, template: bool = False,
                   fields: dict[str, str] | None = None,
                   ignored: Mapping[str, Iterable[str]] | None = None,
                   kind: str | None = None) -> tuple[list[DraftResult], list[InputError]]:
        """Read and lint draft files of any format (text, Markdown with front matter, .eml,
        JSONL, CSV). Returns the results and the files (or rows) that could not be read."""
        drafts, errors = [], []
        for path in paths:
            try:
                drafts.append(read_draft(os.fspath(path)))
            except InputError as exc:
                errors.append(exc)
        results, more = self.lint_documents(drafts, lang, channel, recipient, template, fields, ignored, kind)
        return results, errors + more

    def lint_documents(self, drafts: Sequence[Draft], lang: str | None = None, channel: str | None = None,
                       recipient: Recipient | None = None, template: bool = False,
                       fields: dict[str, str] | None = None,
                       ignored: Mapping[str, Iterable[str]] | None = None,
                       kind: str | None = None) -> tuple[list[DraftResult], list[InputError]]:
        """Lint drafts already read (see lint_paths)."""
        units: list[Unit] = []
        texts: dict[str, str] = {}
        errors: list[InputError] = []
        for draft in drafts:
            try:
                found, row_errors = parse(draft, template)
            except InputError as exc:
                errors.append(exc)
                continue
            if not found and not row_errors:
                errors.append(InputError(draft.path, "no message in this file"))
            for unit in found:
                if not unit.text.strip():
                    errors.append(InputError(unit.display, "empty message (nothing to lint)"))
                else:
                    units.append(render(unit, fields, template or None))
            texts[draft.path] = draft.text
            errors += row_errors
        return self.lint_units(units, texts, lang, channel, recipient, ignored, kind), errors

    def lint_file(self, path: PathLike, lang: str | None = None, channel: str | None = None,
                  recipient: Recipient | None = None, kind: str | None = None) -> Report:
        """Read a draft file (never modified) and lint its message, positions in the file.
        Raises InputError if it cannot be read; for files of many messages use lint_paths."""
        results, errors = self.lint_paths([path], lang, channel, recipient, kind=kind)
        if errors:
            raise errors[0]
        return results[0].report


MAX_SHARED_LINTERS = 8
_SHARED: OrderedDict[str, tuple[tuple[Any, ...], Linter]] = OrderedDict()
_SHARED_LOCK = threading.Lock()


def _packs_fingerprint(rules: Sequence[str], builtin: bool, plugins: bool) -> tuple[Any, ...]:
    """Each pack file with its size and modification time: a changed pack means new rules."""
    try:
        sources = pack_sources(rules, builtin=builtin, plugins=plugins)
        return tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for s in sources for f in s.files)
    except (OSError, InviteLintError):
        return (object(),)  # never equal: the constructor will report the problem


def _merge(base: Recipient | None, specific: Recipient | None) -> Recipient | None:
    """What the draft says about its recipient, completed by what the caller says."""
    if base is None or specific is None:
        return specific or base
    return Recipient(**{**base.to_dict(), **specific.to_dict()})


@lru_cache(maxsize=1)
def _default_linter() -> Linter:
    return Linter()


def lint(text: str, lang: str | None = None, channel: str | None = None,
         recipient: Recipient | None = None, kind: str | None = None) -> Report:
    """Lint one message with the built-in and installed packs (loaded once per process)."""
    return _default_linter().lint(text, lang, channel, recipient, kind)


def detect_kind(text: str, lang: str | None = None, channel: str | None = None) -> KindGuess:
    """The kind of one message (see Linter.detect_kind), with the built-in and installed packs."""
    return _default_linter().detect_kind(text, lang, channel)
