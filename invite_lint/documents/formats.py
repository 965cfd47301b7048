"""Reading the draft formats people keep: plain text, Markdown with YAML front matter,
e-mails (.eml), and files of many messages (JSONL, CSV)."""

from __future__ import annotations

import csv
import dataclasses
import email
import io
import json
import re
from collections.abc import Iterable, Iterator
from email import policy
from email.message import EmailMessage
from html.parser import HTMLParser
from typing import Any

from ..drafts import Draft
from ..errors import InputError, RowError, RulePackError
from ..model import CHANNELS, LANGUAGE_CODE, MESSAGE_KINDS, Recipient
from ..packs.yamlio import loads
from .model import Suppression, Unit
from .sourcemap import MessageBuilder, Segment, SourceMap

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
SUPPRESSION = re.compile(r"<!--\s*invite-lint:\s*disable=([^>]*?)\s*-->", re.I)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
RECIPIENT_KEYS = ("about", "interest", "met", "ask", "company", "gender", "previous_companies", "detail", "discussed")
FRONT_MATTER_KEYS = ("to", "channel", "lang", "kind", "template", "fields", "ignore", *RECIPIENT_KEYS)
GENDERS = ("f", "m")
TEXT_COLUMNS = ("text", "message", "body")
_QUOTE_INTRO = re.compile(
    r"^(On .{3,200} wrote:|Le .{3,200} a écrit\s?:|-{2,}\s*Original Message\s*-{2,}|-{2,}\s*Message d'origine\s*-{2,}|"
    r"De\s?: .+|From: .+)\s*$", re.I)


def _field_error(path: str, problem: str, line: int | None) -> InputError:
    return InputError(f"{path}:{line}" if line else path, problem)


def _strings(value: Any, key: str, path: str, line: int | None) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise _field_error(path, f"front matter '{key}' must be a list of rule ids", line)
    return tuple(i.strip() for i in items if i.strip())


def _front_matter(draft: Draft) -> tuple[dict[str, Any], int]:
    """The front matter's values, and where the message starts."""
    match = FRONT_MATTER.match(draft.text)
    if not match:
        return {}, 0
    try:
        data = loads(match.group(1) or "", draft.path)
    except RulePackError as exc:
        line = (exc.line or 0) + 1
        raise _field_error(draft.path, f"front matter: {exc.problem}", line) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise _field_error(draft.path, "front matter must be a mapping (to: ..., channel: ...)", 2)
    return data, match.end()


def _comment_free(builder: MessageBuilder, start: int, end: int) -> list[Suppression]:
    """Take file_text[start:end] without its HTML comments; return the suppressions found."""
    text = builder.file_text
    suppressions = []
    position = start
    for comment in HTML_COMMENT.finditer(text, start, end):
        builder.take(position, comment.start())
        position = comment.end()
        found = SUPPRESSION.fullmatch(comment.group())
        if found:
            ids_at = comment.start() + found.start(1)
            for rule in re.finditer(r"[^\s,]+", found.group(1)):
                suppressions.append(Suppression(rule.group(), ids_at + rule.start(), ids_at + rule.end()))
    builder.take(position, end)
    return suppressions


def parse_text(draft: Draft, template: bool = False) -> list[Unit]:
    """Plain text and Markdown: an optional YAML front matter, then the message.
    HTML comments are not part of the message; `<!-- invite-lint: disable=id -->` suppresses."""
    data, body_start = _front_matter(draft)
    line_of = getattr(data, "line_of", lambda key: None)
    builder = MessageBuilder(draft.text)
    suppressions = _comment_free(builder, body_start, len(draft.text))
    for rule_id in _strings(data.get("ignore", []), "ignore", draft.path, (line_of("ignore") or 0) + 1):
        start = draft.text.find(rule_id, 0, body_start) if body_start else 0
        suppressions.append(Suppression(rule_id, max(start, 0), max(start, 0) + len(rule_id)))
    channel = data.get("channel")
    if channel is not None and channel not in CHANNELS:
        raise _field_error(draft.path, f"front matter 'channel' must be one of {', '.join(CHANNELS)}",
                           (line_of("channel") or 0) + 1)
    lang = data.get("lang")
    if lang is not None and not (isinstance(lang, str) and re.fullmatch(r"[a-z]{2}|auto", lang)):
        raise _field_error(draft.path, "front matter 'lang' must be a two-letter code such as fr or en",
                           (line_of("lang") or 0) + 1)
    fields = data.get("fields", {})
    if not isinstance(fields, dict) or not all(isinstance(v, (str, int, float)) for v in fields.values()):
        raise _field_error(draft.path, "front matter 'fields' must map field names to values",
                           (line_of("fields") or 0) + 1)
    is_template = data.get("template", template)
    if not isinstance(is_template, bool):
        raise _field_error(draft.path, "front matter 'template' must be true or false", (line_of("template") or 0) + 1)
    kind = data.get("kind")
    if kind is not None and kind != "auto" and kind not in MESSAGE_KINDS:
        raise _field_error(draft.path, f"front matter 'kind' must be one of {', '.join(MESSAGE_KINDS)} (or auto)",
                           (line_of("kind") or 0) + 1)
    gender = data.get("gender")
    if gender is not None and gender not in GENDERS:
        raise _field_error(draft.path, "front matter 'gender' must be f or m", (line_of("gender") or 0) + 1)
    values = {k: data[k] for k in RECIPIENT_KEYS if data.get(k) is not None}
    if data.get("to") is not None:
        values["name"] = str(data["to"])
    text, source_map = builder.build()
    return [Unit(draft.path, text, source_map, recipient=Recipient.from_dict(values), channel=channel,
                 lang=None if lang in (None, "auto") else lang, kind=None if kind in (None, "auto") else kind,
                 template=is_template,
                 suppressions=tuple(suppressions), fields={str(k): str(v) for k, v in fields.items()})]


class _HTMLText(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("br", "p", "div", "li", "tr"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _new_text(body: str) -> str:
    """The new part of an e-mail body: no quoted reply ("> ...", "On ... wrote:" and what
    follows), no signature (from the "-- " line)."""
    kept: list[str] = []
    for line in body.splitlines():
        if line.rstrip() == "--" or line == "-- ":
            break
        if _QUOTE_INTRO.match(line.strip()) and kept:
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line)
    return "\n".join(kept).strip("\n")


def parse_email(draft: Draft) -> list[Unit]:
    """An RFC 5322 message: its subject and the new text of its body, decoded with the
    standard library (MIME parts, charsets, transfer encodings)."""
    message = email.message_from_bytes(draft.text.encode(draft.encoding, "replace"), policy=policy.default)
    if not isinstance(message, EmailMessage):
        raise InputError(draft.path, "not an e-mail message")
    subject = str(message.get("subject", "") or "").strip()
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        raise InputError(draft.path, "e-mail has no text part to lint")
    content = part.get_content()
    if part.get_content_type() == "text/html":
        parser = _HTMLText()
        parser.feed(content)
        content = "".join(parser.parts)
    body = _new_text(content.replace("\r\n", "\n"))
    text = f"Subject: {subject}\n\n{body}" if subject else body
    # Where the pieces are in the file: exact when the subject and each body line appear as
    # they are (7bit / 8bit bodies); otherwise positions refer to the decoded message.
    segments: list[Segment] = []
    raw = draft.text
    exact = True
    cursor = 0
    if subject:
        header = re.search(r"^Subject:[ \t]*", raw, re.M | re.I)
        at = raw.find(subject, header.end()) if header else -1
        if at >= 0:
            segments.append(Segment(len("Subject: "), at, len(subject)))
            cursor = at + len(subject)
        else:
            exact = False
    blank = re.search(r"\r?\n\r?\n", raw)
    cursor = max(cursor, blank.end() if blank else 0)
    message_offset = len(text) - len(body)
    for line in body.split("\n"):
        if line:
            at = raw.find(line, cursor)
            if at < 0:
                exact = False
                segments.append(Segment(message_offset, cursor, 0))
            else:
                segments.append(Segment(message_offset, at, len(line)))
                cursor = at + len(line)
        message_offset += len(line) + 1
    notes = () if exact else ("positions refer to the decoded message (the body is encoded in the file)",)
    to = message.get("to")
    name = to.addresses[0].display_name if to is not None and getattr(to, "addresses", None) else None
    return [Unit(draft.path, text, SourceMap(segments, len(raw), exact), channel="email",
                 recipient=Recipient(name=name) if name else None, writable=False, notes=notes)]


@dataclasses.dataclass(frozen=True)
class RowMessage:
    """What one JSONL or CSV row says: the message and what is known of its recipient."""

    text: str
    recipient: Recipient | None
    channel: str | None
    lang: str | None
    id: str | None
    kind: str | None = None


def row_message(row: dict[str, Any], number: int, where: str) -> RowMessage:
    """Read a row's columns (text/message/body, id, lang, channel, name/to, about, interest,
    met, ask, company). Raises InputError naming `where` for a row that cannot be linted."""
    text_key = next((k for k in TEXT_COLUMNS if isinstance(row.get(k), str)), None)
    if text_key is None:
        raise InputError(where, f"row {number} has no text column ({', '.join(TEXT_COLUMNS)})")
    values = {k: row[k] for k in (*RECIPIENT_KEYS, "name") if row.get(k) not in (None, "")}
    if row.get("to") and "name" not in values:
        values["name"] = str(row["to"])
    channel = row.get("channel") or None
    if channel is not None and channel not in CHANNELS:
        raise InputError(where, f"row {number}: channel must be one of {', '.join(CHANNELS)}")
    lang = row.get("lang") or None
    if lang == "auto":
        lang = None
    elif lang is not None and not (isinstance(lang, str) and LANGUAGE_CODE.match(lang)):
        raise InputError(where, f"row {number}: lang must be a language code such as fr or en, or auto")
    kind = row.get("kind") or None
    if kind == "auto":
        kind = None
    elif kind is not None and kind not in MESSAGE_KINDS:
        raise InputError(where, f"row {number}: kind must be one of {', '.join(MESSAGE_KINDS)}, or auto")
    if values.get("gender") not in (None, *GENDERS):
        raise InputError(where, f"row {number}: gender must be f or m")
    row_id = str(row["id"]) if row.get("id") not in (None, "") else None
    return RowMessage(str(row[text_key]), Recipient.from_dict(values), channel, lang, row_id, kind)


def row_label(number: int, row_id: str | None) -> str:
    """"row 3", or "row 3, id a1" when the row has an id column: the same in every command."""
    return f"row {number}" + (f", id {row_id}" if row_id is not None else "")


def row_error(where: str, problem: str, number: int, row: Any = None) -> RowError:
    """A row that cannot be read: its file and line (`where`), number and id."""
    given = row.get("id") if isinstance(row, dict) else None
    return RowError(where, problem, number, str(given) if given not in (None, "") else str(number))


def _row_unit(draft: Draft, row: dict[str, Any], number: int, line_start: int, where: str) -> Unit:
    found = row_message(row, number, where)
    source_map = SourceMap([Segment(0, line_start, 0)], len(draft.text), exact=False)
    return Unit(draft.path, found.text, source_map, label=row_label(number, found.id), recipient=found.recipient,
                channel=found.channel, lang=found.lang, kind=found.kind, writable=False, row=number,
                row_id=found.id if found.id is not None else str(number), line=int(where.rpartition(":")[2]))


def malformed_json(number: int, exc: Exception) -> str:
    """A JSONL row that is not JSON: the same words in `check` and `batch`."""
    return f"row {number}: malformed JSON ({exc})"


def not_an_object(number: int) -> str:
    return f"row {number} is not a JSON object"


def nested_too_deeply(number: int) -> str:
    return f"row {number}: JSON nested too deeply"


def parse_jsonl(draft: Draft) -> tuple[list[Unit], list[InputError]]:
    units: list[Unit] = []
    errors: list[InputError] = []
    offset = 0
    number = 0  # rows are counted as `batch` counts them: blank lines are not rows
    for line_number, line in enumerate(draft.text.splitlines(keepends=True), start=1):
        start, offset = offset, offset + len(line)
        if not line.strip():
            continue
        number += 1
        where = f"{draft.path}:{line_number}"
        try:
            row = json.loads(line)
        except ValueError as exc:
            errors.append(row_error(where, malformed_json(number, exc), number))
            continue
        except RecursionError:  # [[[[... nested deeper than Python's stack
            errors.append(row_error(where, nested_too_deeply(number), number))
            continue
        try:
            if not isinstance(row, dict):
                raise InputError(where, not_an_object(number))
            units.append(_row_unit(draft, row, number, start, where))
        except InputError as exc:
            errors.append(row_error(where, exc.problem, number, row))
    return units, errors


CSV_FIELD_LIMIT = 64 * 1024 * 1024


def csv_rows(lines: Iterable[str], path: str) -> Iterator[tuple[int, int, dict[str, Any], bool]]:
    """The data rows of a CSV file, read as they come: (row number, first line, columns by
    lower-cased name, whether it has more fields than the header). InputError, naming the
    file (and line), for a header without a text column or a malformed file."""
    # A field may be as long as a message (the csv module's default stops at 128 KiB); a
    # longer one is that row's error ("too long"), further on. issue 11
    csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_LIMIT))
    reader = csv.DictReader(lines)
    if reader.fieldnames is None or not set(TEXT_COLUMNS) & {f.strip().lower() for f in reader.fieldnames}:
        raise InputError(path, f"CSV needs a header with a text column ({', '.join(TEXT_COLUMNS)})")
    previous_line = reader.line_num
    try:
        for number, record in enumerate(reader, start=1):
            first_line = previous_line + 1
            previous_line = reader.line_num
            yield number, first_line, {(k or "").strip().lower(): v for k, v in record.items()}, None in record
    except csv.Error as exc:
        raise InputError(f"{path}:{reader.line_num}", f"malformed CSV: {exc}") from None


def parse_csv(draft: Draft) -> tuple[list[Unit], list[InputError]]:
    units: list[Unit] = []
    errors: list[InputError] = []
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", draft.text)]
    for number, first_line, clean, _ in csv_rows(io.StringIO(draft.text, newline=""), draft.path):
        where = f"{draft.path}:{first_line}"
        try:
            start = line_starts[min(first_line - 1, len(line_starts) - 1)]
            units.append(_row_unit(draft, clean, number, start, where))
        except InputError as exc:
            errors.append(row_error(where, exc.problem, number, clean))
    return units, errors


def parse(draft: Draft, template: bool = False) -> tuple[list[Unit], list[InputError]]:
    """The messages of one draft file, and the rows that could not be read (files of many
    messages go on after a bad row)."""
    suffix = draft.path.rsplit(".", 1)[-1].lower() if "." in draft.path else ""
    errors: list[InputError]
    if suffix == "eml":
        units, errors = parse_email(draft), []
    elif suffix in ("jsonl", "ndjson"):
        units, errors = parse_jsonl(draft)
    elif suffix == "csv":
        units, errors = parse_csv(draft)
    else:
        units, errors = parse_text(draft, template), []
    if draft.decode_note:
        units = [dataclasses.replace(u, notes=(*u.notes, draft.decode_note)) for u in units]
    return units, errors
