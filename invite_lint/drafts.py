"""Reading draft files: decode what people really have on disk, refuse what is not a message.

French drafts are often saved in cp1252 (Windows) or latin-1 by older editors: a file that
is not UTF-8 is decoded as cp1252 and the report says so. A draft is only ever read here.
"""

from __future__ import annotations

import codecs
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .errors import InputError

MAX_DRAFT_BYTES = 1024 * 1024  # a networking message is a few hundred characters; 1 MiB is generous
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class Draft:
    text: str
    path: str  # as shown to the user ("<stdin>" for standard input)
    encoding: str  # the encoding it was decoded with, to write it back the same way
    newline: str  # the line ending it uses ("\n", "\r\n" or "\r")

    @property
    def decode_note(self) -> str | None:
        if self.encoding in ("utf-8", "utf-8-sig", "ascii"):
            return None
        return f"decoded as {self.encoding} (the file is not UTF-8)"


def _newline(text: str) -> str:
    crlf, lf, cr = text.count("\r\n"), text.count("\n"), text.count("\r")
    if crlf and crlf >= lf - crlf:
        return "\r\n"
    if cr > crlf and not lf:
        return "\r"
    return "\n"


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return bool(sample) and controls / len(sample) > 0.1


def decode_draft(data: bytes, path: str, max_bytes: int = MAX_DRAFT_BYTES) -> Draft:
    if len(data) > max_bytes:
        raise _too_large(path, len(data), max_bytes)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise InputError(path, f"starts with a {encoding} byte-order mark but is not valid {encoding}") from None
            return Draft(text, path, encoding, _newline(text))
    if _looks_binary(data):
        raise InputError(path, "binary file, not a text draft")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, encoding = data.decode("latin-1"), "latin-1"
    return Draft(text, path, encoding, _newline(text))


def _too_large(path: str, size: int | None, max_bytes: int) -> InputError:
    limit = f"{max_bytes / 1_048_576:.1f} MiB"
    if size is None:
        return InputError(path, f"too large to be a message (over the limit of {limit})")
    return InputError(path, f"too large to be a message ({size / 1_048_576:.1f} MiB; the limit is {limit})")


def read_limited(stream: BinaryIO, path: str, max_bytes: int = MAX_DRAFT_BYTES) -> bytes:
    """At most `max_bytes` from a stream (standard input, a FIFO): more is an InputError,
    found after reading max_bytes + 1, not after reading all of it into memory."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_large(path, None, max_bytes)
    return data


def read_stdin(max_bytes: int = MAX_DRAFT_BYTES) -> Draft:
    return decode_draft(read_limited(sys.stdin.buffer, "<stdin>", max_bytes), "<stdin>", max_bytes)


def read_draft(path: str | Path, max_bytes: int = MAX_DRAFT_BYTES) -> Draft:
    """Read one draft file. Every problem is an InputError naming the file."""
    p = Path(path)
    shown = str(path)
    if p.is_dir():
        raise InputError(shown, "is a folder, not a draft (give the files, or a glob)")
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise _too_large(shown, size, max_bytes)
        with open(p, "rb") as handle:  # a FIFO has no size: read at most the limit
            data = read_limited(handle, shown, max_bytes)
    except FileNotFoundError:
        raise InputError(shown, "no such file") from None
    except PermissionError:
        raise InputError(shown, "permission denied") from None
    except OSError as exc:
        raise InputError(shown, f"cannot read: {exc.strerror or exc}") from None
    return decode_draft(data, shown, max_bytes)


TEMP_MARK = ".invite-lint-fix."  # in our temporary files' names: `.d.txt.invite-lint-fix.<random>.tmp`
STALE_TEMP_SECONDS = 600  # a temporary file of ours this old was left by a killed run
_LINE_END = re.compile(r"\r\n|\r|\n")


def _lines(text: str) -> list[tuple[str, str]]:
    """(content, ending) per line; the last line's ending may be ""."""
    out, pos = [], 0
    for match in _LINE_END.finditer(text):
        out.append((text[pos:match.start()], match.group()))
        pos = match.end()
    if pos < len(text) or not out:
        out.append((text[pos:], ""))
    return out


def with_line_endings(original: str, text: str, newline: str) -> str:
    """`text` with the line endings of `original`, line by line (a draft with mixed endings
    keeps each one); when the fixes changed the number of lines, the draft's main ending."""
    old, new = _lines(original), _lines(text)
    if len(old) == len(new):
        return "".join(content + (ending if ending or not new_end else new_end)
                       for (_, ending), (content, new_end) in zip(old, new))
    body = text.replace("\r\n", "\n").replace("\r", "\n")
    return body.replace("\n", newline) if newline != "\n" else body


def _remove_stale_temps(folder: Path, name: str) -> None:
    import time

    now = time.time()
    for stale in folder.glob(f".{glob_escape(name)}{TEMP_MARK}*.tmp"):
        try:
            if now - stale.lstat().st_mtime > STALE_TEMP_SECONDS and stale.is_file() and not stale.is_symlink():
                stale.unlink()
        except OSError:
            pass


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def write_draft(draft: Draft, text: str) -> None:
    """Replace a draft file's text atomically, in its own encoding and line endings.

    The new text goes to a temporary file in the same folder, which then replaces the draft
    in one rename: an interrupted write leaves the draft as it was, never half-written.
    A symbolic link is followed (its target is fixed, the link stays); the file keeps its
    mode and owner. A file with other hard links or without write permission is refused:
    a rename would split the links, or write what its owner made read-only."""
    import os
    import tempfile

    if draft.path == "<stdin>":
        raise InputError(draft.path, "cannot write back to standard input")
    body = with_line_endings(draft.text, text, draft.newline)
    try:
        data = body.encode(draft.encoding)
    except UnicodeEncodeError as exc:
        raise InputError(draft.path, f"the new text has {exc.object[exc.start:exc.end]!r}, which {draft.encoding} "
                                     "cannot store; the draft was left unchanged") from None
    target = Path(os.path.realpath(draft.path))
    folder = target.parent
    try:
        info = target.stat()
        if info.st_nlink > 1:
            raise InputError(draft.path, f"has {info.st_nlink} hard links; --fix would split them, so it was "
                                         "left unchanged (fix a copy, or use --diff)")
        if not info.st_mode & 0o200:
            raise InputError(draft.path, "is read-only; it was left unchanged")
        _remove_stale_temps(folder, target.name)
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}{TEMP_MARK}", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            if (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid()):
                try:
                    os.chown(temp, info.st_uid, info.st_gid)
                except PermissionError:
                    raise InputError(draft.path, "belongs to another user; replacing it would make it yours, "
                                                 "so it was left unchanged") from None
            os.chmod(temp, info.st_mode & 0o7777)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise InputError(draft.path, f"cannot write: {exc.strerror or exc}") from None
