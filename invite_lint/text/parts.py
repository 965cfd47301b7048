"""Split a message into the parts rules can be scoped to: subject, greeting, body,
sign-off, first sentence; and into sentences.

Rule-based and the same for every language: the greetings, sign-offs, titles and subject
words of every language folder (invite_lint/lang/) are recognised together, since people
mix them. All spans are (start, end) character
offsets into the message text, end exclusive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lang.compiled import words as language_words
from .folding import fold

Span = tuple[int, int]

_SENTENCE_END = re.compile(r"[.!?…]+[\"»”)\]]*(?=\s|$)|\n\s*")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@dataclass(frozen=True)
class Parts:
    """Where each part of the message lies. Empty parts are (n, n) spans."""

    message: Span
    content: Span  # the message without its subject line
    subject: Span | None
    greeting: Span
    body: Span
    sign_off: Span
    first_sentence: Span
    sentences: tuple[Span, ...]

    def scope(self, name: str) -> Span:
        """The span of a named scope; a scope the message lacks is an empty span."""
        if name == "message":
            return self.message
        if name == "subject":
            return self.subject or (self.message[0], self.message[0])
        return getattr(self, name)


def _lines(text: str, start: int, end: int) -> list[Span]:
    """Non-blank lines in text[start:end], stripped of surrounding white space."""
    spans = []
    for m in re.finditer(r"[^\r\n]+", text[start:end]):
        s, e = m.start() + start, m.end() + start
        line = text[s:e]
        lead = len(line) - len(line.lstrip())
        trail = len(line) - len(line.rstrip())
        if e - trail > s + lead:
            spans.append((s + lead, e - trail))
    return spans


def _strip(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of text[start:end]: split after . ! ? … and at line breaks."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        if m.group().startswith(tuple(".")) and language_words().abbreviation_end.search(text[max(pos, m.start() - 5) : m.end()]):
            continue  # "M. Dupont", "Dr. Smith": not the end of a sentence
        s, e = _strip(text, pos, m.end())
        if e > s:
            spans.append((s, e))
        pos = m.end()
    s, e = _strip(text, pos, end)
    if e > s:
        spans.append((s, e))
    return spans


def _find_greeting(text: str, start: int, end: int) -> Span:
    lines = _lines(text, start, end)
    if not lines:
        return start, start
    ls, le = lines[0]
    g_start, g_end = ls, ls
    # "Madame, Monsieur," and "Hello, dear Anna," chain several greeting words.
    while True:
        nxt = _greeting_at(text, g_end, le)
        if nxt is None:
            break
        g_end = nxt
        while g_end < le and text[g_end] in " \t":
            g_end += 1
    if g_end == g_start:
        return ls, ls
    return g_start, g_end if not text[g_end - 1].isspace() else len(text[:g_end].rstrip())


def _greeting_at(text: str, ls: int, le: int) -> int | None:
    """End of the greeting that starts exactly at ls, or None."""
    folded = fold(text[ls:le])
    m = language_words().greeting.match(folded)
    if not m:
        return None
    g_end = ls + m.end()
    rest = text[g_end:le]
    # The greeting runs to the first comma / exclamation / colon / full stop (not after a
    # title such as "Dr."), if that comes within a few words; otherwise it takes the greeting
    # word and the capitalised words that follow it (a name).
    for p in re.finditer(r"[,!:;.\u2014]|\s-\s", rest):
        if p.group() == "." and language_words().abbreviation_end.search(text[g_end : g_end + p.end()]):
            continue
        words = _WORD.findall(rest[: p.start()])
        lower = [w for w in words if not w[0].isupper()]
        if len(words) <= 4 and len(lower) <= 2 and not {"I", "Je", "J"} & set(words):
            return g_end + p.end()
        break
    for w in _WORD.finditer(rest):
        if not w.group()[0].isupper() or w.group() in ("I", "J", "Je") or w.start() > 1 + (
            len(rest[: w.start()]) - len(rest[: w.start()].lstrip())
        ):
            break
        g_end = ls + m.end() + w.end()
        rest_after = text[g_end:le]
        if not rest_after[:1].isspace():
            break
        rest = text[ls + m.end() : le]
    return g_end


def _looks_like_name_line(line: str) -> bool:
    words = _WORD.findall(line)
    return 0 < len(words) <= 5 and line[:1].isupper() and not line.rstrip().endswith(("?", ".", ":"))


def _find_sign_off(text: str, start: int, end: int) -> Span:
    lines = _lines(text, start, end)
    if not lines:
        return end, end
    # An e-mail signature starts at the "-- " line.
    for ls, le in lines:
        if text[ls:le].strip() in ("--", "-- ", "—"):
            return ls, end
    tail = lines[-6:]
    for ls, le in reversed(tail):
        line = text[ls:le]
        if language_words().closing.match(fold(line)) and len(_WORD.findall(line)) <= 8 and (ls, le) != lines[0]:
            return ls, lines[-1][1]
    if len(lines) > 1:
        ls, le = lines[-1]
        if _looks_like_name_line(text[ls:le]):
            return ls, le
    # One-line message: a closing (and a name) after the last sentence.
    ls, le = lines[-1]
    sentences = split_sentences(text, ls, le)
    if len(sentences) > 1:
        ss, se = sentences[-1]
        last = text[ss:se]
        if language_words().closing.match(fold(last)) and len(_WORD.findall(last)) <= 6:
            return ss, se
        if len(_WORD.findall(last)) <= 2 and last[:1].isupper() and not last.endswith(("?", ".")):
            return ss, se
    return end, end


def split_parts(text: str) -> Parts:
    whole = _strip(text, 0, len(text))
    start, end = whole
    subject: Span | None = None
    lines = _lines(text, start, end)
    if lines:
        ls, le = lines[0]
        m = language_words().subject_line.fullmatch(text[ls:le])
        if m and len(lines) > 1:
            subject = (ls + m.start(1), le)
            start = lines[1][0]
    greeting = _find_greeting(text, start, end)
    body_start = greeting[1]
    sign_off = _find_sign_off(text, body_start, end)
    if sign_off[0] < body_start:
        sign_off = (end, end)
    body = _strip(text, body_start, sign_off[0])
    if body[0] >= body[1]:
        body = (body_start, body_start)
    sentences = tuple(split_sentences(text, whole[0], whole[1]))
    body_sentences = split_sentences(text, body[0], body[1])
    first = body_sentences[0] if body_sentences else (body[0], body[0])
    return Parts(
        message=whole,
        content=(start, end),
        subject=subject,
        greeting=greeting,
        body=body,
        sign_off=sign_off,
        first_sentence=first,
        sentences=sentences,
    )
