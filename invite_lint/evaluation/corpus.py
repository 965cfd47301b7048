"""The labelled corpus: YAML files of messages with their expected verdict and rules.

Format: corpus/README.md. Read with the same safe YAML loader as rule packs; any mistake
is one line naming the file, the entry id and the line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import RulePackError
from ..model import CHANNELS, MESSAGE_KINDS, Message, Recipient
from ..packs.discovery import PACK_SUFFIXES
from ..packs.yamlio import load_file

LABELS = ("generic", "personal", "borderline")
ENTRY_KEYS = ("id", "lang", "channel", "label", "kind", "text", "recipient", "expect", "forbid", "note")
RECIPIENT_KEYS = ("name", "about", "interest", "met", "ask", "company", "gender", "previous_companies")


class CorpusError(RulePackError):
    """A corpus file is invalid (same one-line shape as a rule pack error)."""


@dataclass(frozen=True)
class Entry:
    id: str
    lang: str
    channel: str
    label: str | None  # None: an entry labelled with its kind only (not counted in generic detection)
    text: str
    recipient: Recipient | None
    expect: frozenset[str]
    forbid: frozenset[str]
    note: str
    source: str
    kind: str | None = None  # the message kind (model.MESSAGE_KINDS): kind detection is measured on it

    def message(self) -> Message:
        """The message as a user would lint it: the language is detected."""
        return Message(self.text, None, self.channel, self.recipient)

    @property
    def words(self) -> int:
        return len(self.text.split())


def _entry(data: Any, path: str, line: int | None) -> Entry:
    if not isinstance(data, dict):
        raise CorpusError(path, "each entry must be a mapping", line=line)
    entry_id = data.get("id")
    line = getattr(data, "line", line)

    def fail(problem: str, key: str | None = None) -> CorpusError:
        at = data.line_of(key) if key and hasattr(data, "line_of") else line
        return CorpusError(path, problem, line=at, rule_id=None if not isinstance(entry_id, str) else f"entry {entry_id}")

    if not isinstance(entry_id, str) or not entry_id:
        raise fail("'id' must be a non-empty string", "id")
    for key in data:
        if key not in ENTRY_KEYS:
            raise fail(f"unknown key '{key}'", key)
    kind = data.get("kind")
    if kind is not None and kind not in MESSAGE_KINDS:
        raise fail(f"'kind' must be one of {', '.join(MESSAGE_KINDS)}", "kind")
    # An entry needs a label, or a kind (then it measures kind detection only).
    for key in ("lang", "channel", "text") + (("label",) if kind is None or "label" in data else ()):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise fail(f"'{key}' is required and must be a text", key)
    if "label" in data and data["label"] not in LABELS:
        raise fail(f"'label' must be one of {', '.join(LABELS)}", "label")
    if data["channel"] not in CHANNELS:
        raise fail(f"'channel' must be one of {', '.join(CHANNELS)}", "channel")
    rules = {}
    for key in ("expect", "forbid"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(f"'{key}' must be a list of rule ids", key)
        rules[key] = frozenset(value)
    if rules["expect"] & rules["forbid"]:
        raise fail(f"a rule cannot be both expected and forbidden: {sorted(rules['expect'] & rules['forbid'])}")
    recipient = data.get("recipient")
    if recipient is not None:
        if not isinstance(recipient, dict) or any(k not in RECIPIENT_KEYS for k in recipient):
            raise fail(f"'recipient' keys are {', '.join(RECIPIENT_KEYS)}", "recipient")
    note = data.get("note", "")
    return Entry(entry_id, data["lang"], data["channel"], data.get("label"), data["text"].strip("\n"),
                 Recipient.from_dict(recipient), rules["expect"], rules["forbid"], str(note or ""), path, kind)


def corpus_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.suffix in PACK_SUFFIXES and p.is_file())
        if files:
            return files
        raise CorpusError(str(path), "no corpus file here (no .yaml or .yml file)")
    raise CorpusError(str(path), "no such file or folder")


def load_corpus(path: str | Path) -> list[Entry]:
    """Every entry below `path`, in file order; ids must be unique across files."""
    entries: list[Entry] = []
    seen: dict[str, str] = {}
    for file in corpus_files(Path(path)):
        shown = str(file)
        data = load_file(file, shown)
        if data is None:
            continue
        if not isinstance(data, list):
            raise CorpusError(shown, "a corpus file is a list of entries")
        for i, item in enumerate(data):
            entry = _entry(item, shown, data.line_of(i) if hasattr(data, "line_of") else None)
            if entry.id in seen:
                raise CorpusError(shown, f"duplicate id (also in {seen[entry.id]})", line=getattr(item, "line", None),
                                  rule_id=f"entry {entry.id}")
            seen[entry.id] = shown
            entries.append(entry)
    return entries
