"""A draft file, parsed: one or more messages (units), each with what the file says about
it (recipient, channel, language, template mode, suppressions) and where it lies in the file."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Recipient
from .sourcemap import SourceMap


@dataclass(frozen=True)
class Suppression:
    """`<!-- invite-lint: disable=rule-id -->` or front matter `ignore: [rule-id]`."""

    rule_id: str
    start: int  # where the suppression is written, in file offsets
    end: int


@dataclass(frozen=True)
class Unit:
    path: str
    text: str  # the message as it is linted
    source_map: SourceMap
    label: str | None = None  # "row 3" for a file of many messages
    row: int | None = None  # its row number (1-based, data rows only) in a file of many messages
    row_id: str | None = None  # that row's `id` column, else its number
    line: int | None = None  # that row's first line in the file (where a report in the message's positions points)
    recipient: Recipient | None = None
    channel: str | None = None
    lang: str | None = None
    kind: str | None = None  # the message kind the file says (front matter `kind:`, a `kind` column)
    template: bool = False
    suppressions: tuple[Suppression, ...] = ()
    writable: bool = True  # fixes can be written back into the file
    notes: tuple[str, ...] = ()
    fields: dict[str, str] = field(default_factory=dict)  # front matter `fields:` for template mode

    @property
    def display(self) -> str:
        return f"{self.path} ({self.label})" if self.label else self.path
