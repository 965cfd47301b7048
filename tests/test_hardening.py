"""Issue 11: what an adversarial review found under bad input, faults and load. Each test
here failed before its fix. Time is never asserted: work is counted instead (RE2 calls, the
characters measured per finding), so the tests hold on a slow machine too."""

from __future__ import annotations

import re

import pytest

from invite_lint.output import textual
from invite_lint.text import saferegex
from invite_lint.text.saferegex import SafeRegex


# -- 1. linear time in the number of matches -------------------------------------------
class _Counting:
    """Wraps a compiled RE2 pattern and counts the characters it is handed to encode."""

    def __init__(self, compiled: object) -> None:
        self.compiled = compiled
        self.str_chars = 0
        self.calls = 0

    def search(self, text: str | bytes, pos: int = 0) -> object:
        self.calls += 1
        if isinstance(text, str):
            self.str_chars += len(text)  # google-re2 encodes a str whole on every call
        return self.compiled.search(text, pos)  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self.compiled, name)


@pytest.mark.parametrize("text", ["thx u pls " * 2000, "éà thx ù " * 2000])
def test_regex_matches_encode_the_text_once(text: str) -> None:
    regex = SafeRegex(r"thx|pls|u", whole_word=True)
    counting = _Counting(regex._compiled)  # type: ignore[attr-defined]
    object.__setattr__(regex, "_compiled", counting)
    spans = list(regex.finditer(text))
    expected = [m.span(1) for m in re.finditer(r"(?:^|[^\w])(thx|pls|u)(?=[^\w]|$)", text)]
    assert spans == expected
    assert counting.calls >= len(spans) > 1000
    assert counting.str_chars == 0  # the text is encoded once, by us, not per match


def test_sub_matches_python_semantics_on_accents() -> None:
    for pattern, text in [("é+", "aéé bé cé"), ("x*", "àbc"), ("", "ab"), ("(?P<match>c)d", "écdcd")]:
        assert SafeRegex(pattern, ignore_case=False).sub(text, "#") == re.subn(pattern, "#", text)


def test_text_format_measures_a_bounded_window_per_finding(linter, monkeypatch) -> None:
    text = "thx u pls " * 3000  # one line of 30,000 characters, thousands of findings
    report = linter.lint(text, lang="en")
    assert len(report.findings) > 1000
    measured = 0
    real = textual.char_width

    def counting(char: str) -> int:
        nonlocal measured
        measured += 1
        return real(char)

    monkeypatch.setattr(textual, "char_width", counting)
    out = textual.format_report("d.txt", report)
    assert measured < 1000 * len(report.findings)  # was the whole line, 30,000, per finding
    assert "…thx u pls" in out and all(len(line) < 130 for line in out.splitlines() if " | " in line)
