"""A session: the library's verbs over draft files, as `check`, `batch`, `coach`, the web app
and the warm server run them.

    from invite_lint import Session, LintOptions
    session = Session()                              # configuration found from each draft upwards
    run = session.lint(drafts)                       # drafts grouped by their configuration
    for outcome in session.fix(drafts, run.results, write=True):   # safe fixes, written atomically
        print(outcome.diff())

Drafts are grouped by the configuration that applies to them (one Linter per configuration,
Linter.shared: the spaCy model itself is loaded once per process whatever the number of
Linters). Nothing here prints or exits."""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .api import Linter, PathLike, check_channel, check_kind, check_lang
from .config import Config, config_folder, find_config, load_config
from .documents import Unit, parse
from .documents.formats import HTML_COMMENT
from .documents.results import DraftResult
from .drafts import Draft, write_draft
from .engine.fixes import apply_fixes
from .errors import InputError
from .kinds import Rule
from .model import MAX_MESSAGE_CHARS, Recipient

Override = str | bool | Sequence[str] | None  # a configuration value given over the files (lists of ids, paths)
MAX_FIX_ROUNDS = 5  # a fix can reveal another (two spaces, then the space before ":")
STDIN = "<stdin>"


@dataclass(frozen=True)
class LintOptions:
    """What the caller says of every draft (a draft's own front matter or columns win)."""

    lang: str | None = None
    channel: str | None = None
    recipient: Recipient | None = None
    template: bool = False
    fields: Mapping[str, str] = field(default_factory=dict)
    kind: str | None = None


@dataclass(frozen=True)
class LintRun:
    results: list[DraftResult]  # in the order of the drafts
    errors: list[InputError]  # files or rows that could not be read
    configs: dict[str, Config]  # by draft path: the configuration each draft was linted with


@dataclass(frozen=True)
class FixOutcome:
    """The safe fixes of one draft. `stopped`: a round found more to fix than the one
    before (a rule's fix re-creates what it fixes): the last good text is kept."""

    draft: Draft
    text: str
    stopped: bool = False
    written: bool = False

    @property
    def changed(self) -> bool:
        return self.text != self.draft.text

    def diff(self) -> str:
        return "".join(difflib.unified_diff(
            self.draft.text.splitlines(keepends=True), self.text.splitlines(keepends=True),
            fromfile=f"a/{self.draft.path}", tofile=f"b/{self.draft.path}"))


class Session:
    """Configuration per folder (or one explicit file), command-line overrides over it, and
    the Linter for each configuration."""

    def __init__(self, overrides: Mapping[str, Override] | None = None, config_file: PathLike | None = None) -> None:
        """`overrides`: configuration keys (config.KEYS) the caller sets over every file."""
        self.overrides: dict[str, Override] = {**(overrides or {})}
        for key, check in (("lang", check_lang), ("channel", check_channel)):
            value = self.overrides.get(key)
            if value is not None:
                self.overrides[key] = check(str(value))
        # One Config object per configuration: drafts are grouped (and compared) by it.
        self.explicit = load_config(Path(config_file)).with_overrides(self.overrides) if config_file else None
        self._configs: dict[Path | None, Config] = {}
        self._by_folder: dict[Path, Config] = {}

    def config(self, path: PathLike) -> Config:
        """The configuration for a draft ("-" or "<stdin>": the current folder's)."""
        if self.explicit is not None:
            return self.explicit
        folder = config_folder("-" if str(path) == STDIN else str(path))
        if folder not in self._by_folder:
            base = load_config(find_config(folder))
            self._by_folder[folder] = self._configs.setdefault(base.path, base.with_overrides(self.overrides))
        return self._by_folder[folder]

    @staticmethod
    def linter(config: Config) -> Linter:
        return Linter.shared(**config.linter_options())  # cached per process by its options

    def default_linter(self) -> Linter:
        """The Linter of no configuration file (with this session's overrides): what a
        server that lints texts, not files, uses."""
        return self.linter(load_config(None).with_overrides(self.overrides))

    def linter_for(self, path: PathLike, per_file: bool = False) -> Linter:
        """The Linter for a draft's configuration. `per_file`: with the configuration's
        per-file ignores for this draft folded in (a command that lints one draft's text
        rather than the file, as the coach does)."""
        config = self.config(path)
        linter = self.linter(config)
        if not per_file or str(path) in ("-", STDIN):
            return linter
        active = {r.id for r in linter.rules}
        extra = [i for i in config.ignored_for(str(path)) if i in active]
        if not extra:
            return linter
        options = config.linter_options()
        return Linter.shared(**{**options, "ignore": [*options["ignore"], *extra]})

    def lint(self, drafts: Sequence[Draft], options: LintOptions = LintOptions()) -> LintRun:
        """Lint drafts already read, each with its configuration; drafts of one configuration
        are linted together (near-identical drafts are found among them)."""
        groups: dict[int, list[Draft]] = defaultdict(list)
        configs: dict[int, Config] = {}
        for draft in drafts:
            config = self.config(draft.path)
            configs.setdefault(id(config), config)
            groups[id(config)].append(draft)
        results: list[DraftResult] = []
        errors: list[InputError] = []
        by_path: dict[str, Config] = {}
        kind = check_kind(options.kind)
        for key, members in groups.items():
            config = configs[key]
            ignored: dict[str, Iterable[str]] = {d.path: config.ignored_for(d.path) for d in members if d.path != STDIN}
            found, problems = self.linter(config).lint_documents(
                members, check_lang(options.lang), options.channel, options.recipient,
                options.template or config["template"], dict(options.fields), ignored, kind)
            results += found
            errors += problems
            by_path.update({d.path: config for d in members})
        order = {d.path: i for i, d in enumerate(drafts)}
        results.sort(key=lambda r: order.get(r.path, 0))
        return LintRun(results, errors, by_path)

    def rules(self, configs: Iterable[Config]) -> list[Rule]:
        """The rules that ran under these configurations (a SARIF log describes them)."""
        seen: dict[tuple[str, str], Rule] = {}
        for config in {id(c): c for c in configs}.values():
            for rule in self.linter(config).rules:
                seen.setdefault((rule.id, str(rule.spec.source)), rule)
        return list(seen.values())

    def fix(self, drafts: Sequence[Draft], results: Sequence[DraftResult], options: LintOptions = LintOptions(),
            write: bool = False) -> list[FixOutcome]:
        """Apply the rules' safe fixes to the drafts that can take them, round after round
        (each round lints the new text again), at most MAX_FIX_ROUNDS. `write`: write each
        changed file back, atomically, in its encoding and line endings (standard input is
        never written: the caller prints the text)."""
        outcomes: list[FixOutcome] = []
        by_path = {d.path: d for d in drafts}
        for result in results:
            draft = by_path.get(result.path)
            if draft is None or not result.unit.writable or result.positions != "file":
                continue
            text, stopped = draft.text, False
            findings = result.report.findings
            previous: int | None = None
            for _ in range(MAX_FIX_ROUNDS):
                new_text, applied = apply_fixes(text, findings)
                if not applied:
                    break
                # A round must leave less to fix (fixes that re-create their match slip past the
                # check at load, e.g. two rules feeding each other): else stop, keep the last text.
                if previous is not None and applied > previous or len(new_text) > MAX_MESSAGE_CHARS:
                    stopped = True
                    break
                text, previous = new_text, applied
                again = self.lint([Draft(text, draft.path, draft.encoding, draft.newline)], options)
                findings = again.results[0].report.findings
            written = False
            if write and text != draft.text and draft.path != STDIN:
                write_draft(draft, text)
                written = True
            if text != draft.text or stopped:
                outcomes.append(FixOutcome(draft, text, stopped, written))
        return outcomes


def single_message(draft: Draft) -> Unit:
    """The one message of a draft (the coach works on one): an InputError otherwise."""
    units, errors = parse(draft)
    if errors:
        raise errors[0]
    if len(units) != 1:
        raise InputError(draft.path, "the coach works on one message: use a .txt, .md or .eml draft")
    return units[0]


def spliced(draft: Draft, unit: Unit, new_text: str) -> str:
    """The file with its message replaced: front matter and suppression comments are kept."""
    segments = [s for s in unit.source_map.segments if s.length]
    start = segments[0].file_start if segments else len(draft.text)
    end = segments[-1].file_start + segments[-1].length if segments else len(draft.text)
    comments = "".join(m.group() + "\n" for m in HTML_COMMENT.finditer(draft.text, start, end))
    lead = unit.text[: len(unit.text) - len(unit.text.lstrip())]
    trail = unit.text[len(unit.text.rstrip()):]
    return draft.text[:start] + lead + comments + new_text.strip() + trail + draft.text[end:]


def replace_message(draft: Draft, unit: Unit, new_text: str) -> None:
    """Write the draft with its message replaced (atomically), as `coach --rewrite --write`."""
    if not unit.writable:
        raise InputError(draft.path, "this kind of draft cannot be rewritten in place; the diff above shows "
                                     "the new text")
    write_draft(draft, spliced(draft, unit, new_text))
