"""One document linted as `check` lints the same file: its folder's configuration file, the
client's settings over it (as command-line options), its front matter and suppressions,
through the library's `Linter.lint_documents`. Nothing here knows about LSP."""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Iterable
from typing import Any

from ..api import Linter
from ..config import Config, config_folder, find_config, load_config
from ..documents.results import DraftResult
from ..drafts import decode_draft
from ..errors import InputError, InviteLintError
from .settings import SUFFIX_FOR_LANGUAGE, Settings


@dataclass(frozen=True)
class Analysis:
    """What the server knows of one version of a document."""

    text: str
    version: int | None
    result: DraftResult | None  # None when the document could not be read as a draft
    errors: tuple[InputError, ...]  # its problems (bad front matter...), as `check` reports them
    config: Config | None
    linter: Linter | None
    problem: str | None = None  # a configuration or settings error: nothing was linted

    @property
    def file_positions(self) -> bool:
        return self.result is not None and self.result.positions == "file"


RECHECK_SECONDS = 5.0  # how stale the rule packs may be (edited outside the editor) before a look


class Linters:
    """`Linter.shared` for each configuration, asked again at most every RECHECK_SECONDS:
    it checks every pack file and the installed plugins (about 50 ms, far more than linting
    a note), which a keystroke should not pay. Saving a configuration file, or new settings,
    forgets them at once."""

    def __init__(self) -> None:
        self._known: dict[str, tuple[float, Linter]] = {}

    def get(self, options: dict[str, Any]) -> Linter:
        key = repr(sorted(options.items()))
        now = time.monotonic()
        known = self._known.get(key)
        if known is not None and now - known[0] < RECHECK_SECONDS:
            return known[1]
        linter = Linter.shared(**options)
        self._known[key] = (now, linter)
        return linter

    def forget(self) -> None:
        self._known.clear()


LINTERS = Linters()


def draft_path(path: Path | None, language_id: str | None) -> str:
    """The path the draft is read under: its own, with the extension its language id means
    when it has none (so an untitled Markdown buffer gets front matter, an e-mail its headers)."""
    suffix = SUFFIX_FOR_LANGUAGE.get((language_id or "").lower(), ".txt")
    if path is None:
        return str(Path.cwd() / f"untitled{suffix}")
    return str(path) if path.suffix else str(path) + suffix


def configuration(path: Path | None, settings: Settings) -> Config:
    """The configuration `check` would use for this file, with the client's settings over it."""
    folder = config_folder(path if path is not None else "-")
    return load_config(find_config(folder)).with_overrides(settings.overrides())


def analyse(text: str, version: int | None, path: Path | None, language_id: str | None,
            settings: Settings) -> Analysis:
    """Lint one document's text. Never raises for what the user wrote or configured."""
    try:
        config = configuration(path, settings)
        linter = LINTERS.get(config.linter_options())
    except InviteLintError as exc:
        return Analysis(text, version, None, (), None, None, problem=str(exc))
    shown = draft_path(path, language_id)
    try:  # as `check` reads a file: too large, binary... are one-line errors naming it
        draft = decode_draft(text.encode("utf-8", "surrogatepass"), shown)
    except InputError as exc:
        return Analysis(text, version, None, (exc,), config, linter)
    if draft.text != text:  # a byte-order mark, which `check` drops: a space keeps the editor's offsets
        draft = dataclasses.replace(draft, text=" " + draft.text)
    ignored: dict[str, Iterable[str]] = {shown: config.ignored_for(shown)} if path is not None else {}
    try:
        results, errors = linter.lint_documents([draft], settings.lang, settings.channel,
                                                template=bool(config["template"]), ignored=ignored)
    except InviteLintError as exc:
        return Analysis(text, version, None, (), config, linter, problem=str(exc))
    except Exception as exc:  # a bug of ours (as `check` reports it): shown on the document, the server goes on
        return Analysis(text, version, None, (), config, linter,
                        problem=f"internal error: {type(exc).__name__}: {str(exc)[:300]}")
    return Analysis(text, version, results[0] if results else None, tuple(errors), config, linter)
