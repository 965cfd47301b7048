"""Run rules over messages: pick the language and channel, analyse each message once, run
every applicable rule on its scope, and build the report."""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from typing import Any

from ..kinds import Check, Hit, Rule
from .. import lang as languages
from ..lang.compiled import words as language_words
from ..kinds.bank import Bank, walk
from ..errors import InputError
from ..kinds.cues import KindCue, cue_needs, detect_kind
from ..model import (
    CHANNELS,
    DEFAULT_CHANNEL,
    DEFAULT_KIND,
    MAX_MESSAGE_CHARS,
    MESSAGE_KINDS,
    Finding,
    KindGuess,
    Message,
    Report,
    Severity,
    SkippedRule,
    Verdict,
)
from ..text.analysis import Analysis
from ..text.evidence import report_specifics
from ..text.language import detect
from ..text.pipeline import FEATURES, Pipeline, available_model, get_pipeline, memory_zone
from ..text.positions import LineIndex
from .fixes import compute_fix
from .scoring import score_and_verdict
from .tool_findings import EMPTY_MESSAGE

_PLACEHOLDER = re.compile(r"\{(value|limit|match|count|expected)\}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def checked_message(message: Message, number: int = 1) -> Message:
    """A message the pipeline can take: lone surrogates (not Unicode text: a str made from
    bad UTF-16 or JSON "\\ud800") become U+FFFD, one character each so positions hold; a
    message over the limit is an InputError (the caller's, before any work)."""
    text = message.text
    if len(text) > MAX_MESSAGE_CHARS:
        raise InputError(f"<message {number}>", f"too long to be a message ({len(text):,} characters; "
                                                f"the limit is {MAX_MESSAGE_CHARS:,})")
    if not text.isascii() and _SURROGATE.search(text):
        return dataclasses.replace(message, text=_SURROGATE.sub("\ufffd", text))
    return message


@dataclass(frozen=True)
class _Prepared:
    message: Message
    lang: str
    lang_source: str
    confidence: float | None
    channel: str
    notes: tuple[str, ...]


def infer_channel(text: str, default: str = DEFAULT_CHANNEL) -> str:
    """An e-mail when the draft starts with a subject line, else the default channel."""
    return "email" if language_words().subject_label.match(text) else default


def _format_number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


class Engine:
    """Holds compiled rules; pipelines come from the process-wide cache in text.pipeline."""

    def __init__(self, rules: Sequence[Rule], default_lang: str = languages.DEFAULT_LANG, default_channel: str = DEFAULT_CHANNEL,
                 batch_size: int = 64, cues: Sequence[KindCue] = ()) -> None:
        self.rules = tuple(rules)
        self.cues = tuple(cues)  # message-kind detection
        self.default_lang = default_lang
        self.default_channel = default_channel
        self.batch_size = batch_size
        self._banks: dict[str, Bank] = {}
        self._compiled_for: set[tuple[str, int]] = set()

    def _compile_all(self, lang: str, pipeline: Pipeline) -> None:
        """Build every matcher this language's rules use, before the first memory zone:
        what is built inside one (the matchers' labels in the StringStore) would be freed."""
        key = (lang, id(pipeline.nlp))
        if key in self._compiled_for:
            return
        bank = self.bank(lang, pipeline)
        bank._compiled.get(pipeline.nlp)
        # the rules, and the kind cues (their phrase and pattern matchers too)
        nodes: list[Rule | KindCue] = [r for r in self.rules_for_language(lang) if not pipeline.missing(r.needs)]
        nodes += [c for c in self.cues if c.applies_to(lang) and not pipeline.missing(c.needs)]
        for node in nodes:
            for check in walk(node):
                if isinstance(check, Check):
                    check.precompile(pipeline.nlp)
        self._compiled_for.add(key)

    def bank(self, lang: str, pipeline: Pipeline) -> Bank:
        """One combined matcher for the rules that run on this language's pipeline."""
        if lang not in self._banks:
            runnable: list[Rule | KindCue] = [r for r in self.rules_for_language(lang) if not pipeline.missing(r.needs)]
            runnable += [c for c in self.cues if c.applies_to(lang) and not pipeline.missing(c.needs)]
            self._banks[lang] = Bank(check for node in runnable for check in walk(node))
        return self._banks[lang]

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_banks"] = {}  # rebuilt, with its matchers, in the process that unpickles
        state["_compiled_for"] = set()
        return state

    # -- what to load ---------------------------------------------------------------
    def rules_for_language(self, lang: str) -> list[Rule]:
        return [r for r in self.rules if "any" in r.spec.languages or lang in r.spec.languages]

    def needs_for(self, lang: str) -> frozenset[str]:
        needs = frozenset().union(*(r.needs for r in self.rules_for_language(lang)), cue_needs(self.cues, lang))
        return needs & frozenset(FEATURES)

    def pipeline(self, lang: str) -> Pipeline:
        return get_pipeline(lang, self.needs_for(lang))

    def missing_model_note(self, lang: str) -> str | None:
        needs = self.needs_for(lang)
        if needs and available_model(lang) is None and languages.get(lang) is not None:
            return (f"no statistical model for '{lang}' is installed: rules that need "
                    f"{', '.join(sorted(needs))} were skipped")
        return None

    # -- running --------------------------------------------------------------------
    def _prepare(self, message: Message) -> _Prepared:
        notes: list[str] = []
        if message.lang:
            lang, source, confidence = message.lang, "given", None
        else:
            guess = detect(message.text)
            if guess.lang == "und":
                lang, source, confidence = self.default_lang, "default", None
            else:
                lang, source, confidence = guess.lang, "detected", guess.confidence
        if languages.get(lang) is None and not any(lang in r.spec.languages for r in self.rules):
            notes.append(f"language '{lang}' is not supported (supported: {', '.join(languages.codes())}); "
                         "only language-neutral rules ran")
        channel = message.channel or infer_channel(message.text, self.default_channel)
        if channel not in CHANNELS:
            raise ValueError(f"unknown channel '{channel}' (use {', '.join(CHANNELS)})")
        if message.kind is not None and message.kind not in MESSAGE_KINDS:
            raise ValueError(f"unknown message kind '{message.kind}' (use {', '.join(MESSAGE_KINDS)})")
        return _Prepared(message, lang, source, confidence, channel, tuple(notes))

    @property
    def batch_rules(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.check.batch)

    def run_all(self, messages: Iterable[Message],
                settle: Callable[[int, Report], Report] | None = None) -> list[Report]:
        """Lint messages, then compare them with each other (cross-draft rules such as
        near-identical drafts). Holds every report until the end, unlike `run`.

        Each report is scored once, last: after the cross-draft findings and after
        `settle(i, report)`, which may drop, add or move findings (a draft file's
        suppressions and per-file ignores, documents.results.settle)."""
        reports = list(self._run(messages, score=False))
        for rule in self.batch_rules:
            idx = [i for i, r in enumerate(reports)
                   if rule.spec.applies_to(r.lang, r.channel, r.kind.kind) and EMPTY_MESSAGE not in r.rule_ids]
            hits = rule.check.find_batch([reports[i].text for i in idx])
            for i, found in zip(idx, hits):
                if found:
                    index = LineIndex(reports[i].text)
                    extra = [_finding(rule, h, reports[i].text, index, reports[i].lang) for h in found]
                    reports[i] = _with_findings(reports[i], extra)
        if settle is not None:
            reports = [settle(i, r) for i, r in enumerate(reports)]
        return [scored(r) for r in reports]

    def run(self, messages: Iterable[Message]) -> Iterator[Report]:
        """Lint messages in order, in batches through nlp.pipe (one pass per language)."""
        return self._run(messages, score=True)

    def _run(self, messages: Iterable[Message], score: bool) -> Iterator[Report]:
        batch: list[Message] = []
        for number, message in enumerate(messages, start=1):
            batch.append(checked_message(message, number))
            if len(batch) >= self.batch_size:
                yield from self._run_batch(batch, score)
                batch = []
        if batch:
            yield from self._run_batch(batch, score)

    def _run_batch(self, messages: list[Message], score: bool = True) -> list[Report]:
        reports: list[Report | None] = [None] * len(messages)
        by_lang: dict[str, list[tuple[int, _Prepared]]] = defaultdict(list)
        for i, message in enumerate(messages):
            if not message.text.strip():
                reports[i] = _empty_report(message, self.default_lang)
                continue
            prepared = self._prepare(message)
            by_lang[prepared.lang].append((i, prepared))
        for lang, items in by_lang.items():
            pipeline = self.pipeline(lang)
            rules = self.rules_for_language(lang)
            texts = [p.message.text for _, p in items]
            self._compile_all(lang, pipeline)
            # The words of these messages are forgotten after them (spaCy's memory zone):
            # a server or a batch of millions of rows stays flat. Reports hold no Doc.
            with memory_zone(pipeline.nlp):
                # nlp.pipe's batching costs more than it saves on a single message
                docs = [pipeline.nlp(texts[0])] if len(texts) == 1 else pipeline.nlp.pipe(texts)
                for (i, prepared), doc in zip(items, docs):
                    report = self._report(prepared, pipeline, rules, doc)
                    reports[i] = scored(report) if score else report
        return [r for r in reports if r is not None]

    def _report(self, prepared: _Prepared, pipeline: Pipeline, rules: list[Rule], doc) -> Report:
        """The message's findings, not yet scored (see `scored`)."""
        message = prepared.message
        analysis = Analysis(message.text, doc, pipeline.nlp, prepared.lang, prepared.channel, message.recipient,
                            self.bank(prepared.lang, pipeline))
        index = LineIndex(message.text)
        findings: list[Finding] = []
        skipped: list[SkippedRule] = []
        kind = self.kind_of(message, analysis, pipeline)
        for rule in rules:
            if not rule.spec.applies_to(prepared.lang, prepared.channel, kind.kind):
                continue
            missing = pipeline.missing(rule.needs)
            if missing:
                skipped.append(SkippedRule(rule.id, f"needs {', '.join(sorted(missing))}, which no installed "
                                           f"'{prepared.lang}' model provides"))
                continue
            for hit in run_rule(rule, analysis):
                findings.append(_finding(rule, hit, message.text, index, prepared.lang))
        findings.sort(key=lambda f: (f.start, f.end, f.rule_id))
        notes = list(prepared.notes)
        if skipped and (note := self.missing_model_note(prepared.lang)):
            notes.append(note)
        return Report(
            text=message.text,
            lang=prepared.lang,
            lang_source=prepared.lang_source,
            channel=prepared.channel,
            findings=tuple(findings),
            score=UNSCORED,
            verdict=Verdict.REWRITE,  # set with the score, by `scored`
            skipped=tuple(skipped),
            notes=tuple(notes),
            lang_confidence=prepared.confidence,
            kind=kind,
            specifics=report_specifics(analysis),
        )

    def kind_of(self, message: Message, analysis: Analysis, pipeline: Pipeline) -> KindGuess:
        """The kind given with the message, else the one its language's cues detect."""
        if message.kind:
            return KindGuess(message.kind, "given")
        cues = [c for c in self.cues if c.applies_to(analysis.lang) and not pipeline.missing(c.needs)]
        return detect_kind(cues, analysis)

    def detect_kinds(self, messages: Iterable[Message]) -> Iterator[KindGuess]:
        """Each message's kind (given, or detected from its text) without running the rules."""
        for message in messages:
            if message.kind:
                yield KindGuess(message.kind, "given")
                continue
            if not message.text.strip():
                yield KindGuess(DEFAULT_KIND, "default")
                continue
            prepared = self._prepare(message)
            pipeline = self.pipeline(prepared.lang)
            analysis = Analysis(message.text, pipeline.nlp(message.text), pipeline.nlp, prepared.lang,
                                prepared.channel, message.recipient, self.bank(prepared.lang, pipeline))
            yield self.kind_of(message, analysis, pipeline)


UNSCORED = -1  # a report between the engine's passes: its findings may still change


def scored(report: Report) -> Report:
    """The report with its score and verdict: the one scoring of a report, once its findings
    are final (cross-draft rules, suppressions, per-file ignores applied). A report already
    scored (the empty message's, built scored) is returned as it is."""
    if report.score != UNSCORED:
        return report
    score, verdict = score_and_verdict(report.findings)
    return dataclasses.replace(report, score=score, verdict=verdict)


def _with_findings(report: Report, extra: list[Finding]) -> Report:
    findings = sorted((*report.findings, *extra), key=lambda f: (f.start, f.end, f.rule_id))
    return dataclasses.replace(report, findings=tuple(findings))


def run_rule(rule: Rule, analysis: Analysis) -> list[Hit]:
    """The hits of one rule on one analysed message (empty when an `unless` matcher matches)."""
    span = analysis.scope(rule.spec.scope)
    hits = rule.check.find(analysis, span)
    if hits and any(m.find(analysis, span) for m in rule.unless):
        return []
    unique = {(h.start, h.end): h for h in hits}
    return [unique[k] for k in sorted(unique)]


def _finding(rule: Rule, hit: Hit, text: str, index: LineIndex, lang: str) -> Finding:
    line, column = index.position(hit.start)
    end_line, end_column = index.position(hit.end)
    matched = text[hit.start : hit.end]
    values = {"value": _format_number(hit.value), "limit": _format_number(hit.limit),
              "match": matched.strip() or matched,  # quoted in the message: « : », not «  : »
              "count": _format_number(hit.count), "expected": hit.expected or ""}
    message = _PLACEHOLDER.sub(lambda m: values[m.group(1)], rule.spec.message_for(lang))
    fix = compute_fix(rule.spec.fix, matched) if rule.spec.fix else None
    return Finding(
        rule_id=rule.id,
        severity=rule.spec.severity,
        message=message,
        suggestion=rule.spec.suggestion_for(lang),
        start=hit.start,
        end=hit.end,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        text=matched,
        link=rule.spec.link,
        fix=fix,
    )


def _empty_report(message: Message, default_lang: str) -> Report:
    length = len(message.text)
    end_line, end_column = LineIndex(message.text).position(length)
    finding = Finding(EMPTY_MESSAGE, Severity.ERROR, "The message is empty: there is nothing to send.",
                      "Write a few words for this person: what of theirs you saw, and one question.",
                      0, length, 1, 1, end_line, end_column, message.text)
    kind = KindGuess(message.kind, "given") if message.kind else KindGuess(DEFAULT_KIND, "default")
    return Report(message.text, message.lang or default_lang, "given" if message.lang else "default",
                  message.channel or DEFAULT_CHANNEL, (finding,), 0, Verdict.REWRITE, kind=kind)
