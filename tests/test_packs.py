"""Rule packs are data: safe YAML, precise errors (file, rule, line), no code execution."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from conftest import rule_yaml, write_pack
from invite_lint import Linter, RulePackError
from invite_lint.packs.yamlio import loads


def load(tmp_path: Path, text: str) -> Linter:
    return Linter([write_pack(tmp_path, text)], builtin=False, plugins=False)


def error_of(tmp_path: Path, text: str) -> RulePackError:
    with pytest.raises(RulePackError) as info:
        load(tmp_path, text)
    message = str(info.value)
    assert "\n" not in message
    assert "pack.yaml" in message
    return info.value


def test_bare_on_stays_a_string(tmp_path: Path) -> None:
    # PyYAML (YAML 1.1) would read `on` as True; a French pack must keep it as a word.
    linter = load(tmp_path, rule_yaml(body="  phrases: [on se connecte, on, yes, no, off]\n"))
    rule = linter.rules[0]
    assert rule.check.phrases == ["on se connecte", "on", "yes", "no", "off"]
    report = linter.lint("Salut Marc, on se connecte ?", lang="fr")
    assert [f.text for f in report.findings] == ["on se connecte"]


def test_true_false_are_still_booleans() -> None:
    assert loads("a: true\nb: False\nc: on\nd: yes\n") == {"a": True, "b": False, "c": "on", "d": "yes"}


def test_python_tags_cannot_run_code(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f"- !!python/object/apply:os.system ['touch {marker}']\n"
    err = error_of(tmp_path, text)
    assert "constructor" in err.problem
    assert not marker.exists()


def test_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    prev = "a"
    for name in "bcdefgh":
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 10) + "]")
        prev = name
    err = error_of(tmp_path, "\n".join(lines) + "\n")
    assert "aliases" in err.problem


def test_anchors_can_share_a_list(tmp_path: Path) -> None:
    text = rule_yaml("one", body="  phrases: &greet [bonjour à tous]\n") + rule_yaml("two", body="  phrases: *greet\n")
    linter = load(tmp_path, text)
    assert [r.check.phrases for r in linter.rules] == [["bonjour à tous"], ["bonjour à tous"]]


@pytest.mark.parametrize(
    ("body", "fragment", "line"),
    [
        ("  phrase: [x]\n", "unknown key 'phrase' (did you mean 'phrases'?)", 14),
        ("  phrases: 42\n", "'phrases' must be a list or a string, not int 42", 14),
        ("  phrases: []\n", "'phrases' must not be empty", 14),
        ("  phrases: [x]\n  attr: SHAPE\n", "'attr' must be one of NORM, LOWER, LEMMA", 15),
    ],
)
def test_phrase_errors_name_rule_and_line(tmp_path: Path, body: str, fragment: str, line: int) -> None:
    err = error_of(tmp_path, rule_yaml(body=body))
    assert err.rule_id == "my-rule"
    assert fragment in err.problem
    assert err.line == line
    assert f"pack.yaml:{line}: rule 'my-rule':" in str(err)


def test_bad_regex_is_refused_at_load(tmp_path: Path) -> None:
    err = error_of(tmp_path, rule_yaml(kind="regex", body="  regex: ['ok', '(unclosed']\n"))
    assert "invalid regex '(unclosed'" in err.problem
    assert err.line == 14


def test_backtracking_only_syntax_is_refused(tmp_path: Path) -> None:
    err = error_of(tmp_path, rule_yaml(kind="regex", body="  regex: '(?<=a)b'\n"))
    assert "RE2" in err.problem


def test_invalid_spacy_pattern_is_refused_at_load(tmp_path: Path) -> None:
    body = "  patterns:\n    - [{LOWER: votre}]\n    - [{LOWRE: votre}]\n"
    err = error_of(tmp_path, rule_yaml(kind="pattern", body=body))
    assert "invalid spaCy pattern 2" in err.problem
    assert err.line == 16


def lint_with_watchdog(linter: Linter, text: str):  # type: ignore[no-untyped-def]
    """Lint in a thread; a hang becomes a test failure instead of a stuck run.

    Not a timing test: the limit is two minutes for work RE2 does in milliseconds and a
    backtracking engine would not finish in a lifetime.
    """
    outcome: dict[str, object] = {}
    worker = threading.Thread(target=lambda: outcome.update(report=linter.lint(text, lang="fr")), daemon=True)
    worker.start()
    worker.join(timeout=120)
    assert not worker.is_alive(), "a regex hung on a crafted message"
    return outcome["report"]


def test_pattern_regex_runs_with_re2(tmp_path: Path) -> None:
    body = "  patterns:\n    - [{LOWER: {REGEX: '^(a+)+$'}}]\n"
    linter = load(tmp_path, rule_yaml(kind="pattern", body=body))
    report = lint_with_watchdog(linter, "a" * 50_000 + "b bonjour")  # one long token that almost matches
    assert "my-rule" not in report.rule_ids
    assert "my-rule" in linter.lint("aaa bonjour", lang="fr").rule_ids


def test_custom_extensions_are_refused(tmp_path: Path) -> None:
    err = error_of(tmp_path, rule_yaml(kind="pattern", body="  patterns:\n    - [{_: {evil: true}}]\n"))
    assert "custom extensions" in err.problem


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (rule_yaml(kind="magic"), "unknown kind 'magic'"),
        (rule_yaml(rule_id="Bad_Id"), "kebab-case"),
        (rule_yaml().replace("severity: warning", "severity: fatal"), "'severity' must be error, warning or info"),
        (rule_yaml().replace("languages: [fr]", "languages: [french]"), "'languages' has 'french'"),
        (rule_yaml().replace("channels: [any]", "channels: [sms]"), "'channels' has 'sms'"),
        (rule_yaml().replace('flag: ["a", "b"]', 'flag: ["a"]'), "at least 2 examples"),
        (rule_yaml().replace("  rationale: r\n", ""), "missing required key 'rationale'"),
        (rule_yaml(body="  phrases: [x]\n  scope: footer\n"), "unknown scope 'footer'"),
        (rule_yaml(kind="metric", body="  metric: vibes\n  max: 1\n"), "unknown metric 'vibes'"),
        (rule_yaml(kind="metric", body="  metric: words\n"), "needs a 'min' or a 'max'"),
        (rule_yaml(kind="metric", body="  metric: words\n  max: {sms: 3}\n"), "unknown channel 'sms'"),
        (rule_yaml(kind="require", body="  any: [{phrases: [x], regex: y}]\n"), "exactly one of"),
        (rule_yaml(kind="require", body="  any: [{all: [{regex: x}], within_sentences: -1}]\n"), "'within_sentences'"),
        (rule_yaml(kind="sameness", body="  threshold: 1.5\n"), "'threshold' must be between 0 and 1"),
        (rule_yaml(kind="sameness", body="  threshold: 0.9\n  min_others: 0\n"), "'min_others' must be 1 or more"),
        (rule_yaml(kind="metric", body="  metric: person_share\n  params: {self: [je], colour: red}\n  max: 1\n"),
         "takes no param 'colour'"),
        ("rules: 3\n", "a pack is a list of rules"),
        ("pack: {}\nrulez: []\n", "unknown top-level key 'rulez'"),
        ("- [unclosed\n", "invalid YAML"),
        ("a: 1\na: 2\n", "duplicate key 'a'"),
    ],
)
def test_invalid_rules_give_one_clear_line(tmp_path: Path, text: str, fragment: str) -> None:
    err = error_of(tmp_path, text)
    assert fragment in err.problem
    assert err.line is not None


def test_duplicate_ids_for_same_language(tmp_path: Path) -> None:
    err = error_of(tmp_path, rule_yaml("twin") + rule_yaml("twin"))
    assert err.rule_id == "twin" and "duplicate rule id" in err.problem and "pack.yaml:2" in err.problem


def test_same_id_in_two_languages_is_one_rule_id(tmp_path: Path) -> None:
    linter = load(tmp_path, rule_yaml("twin", lang="fr") + rule_yaml("twin", lang="en", body="  phrases: [hello]\n"))
    assert len(linter.rules) == 2
    only_fr = Linter([tmp_path / "pack.yaml"], builtin=False, plugins=False, ignore=["twin"])
    assert only_fr.rules == ()


def test_non_utf8_pack(tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_bytes(rule_yaml(body="  phrases: [café]\n").encode("latin-1"))
    with pytest.raises(RulePackError, match="not UTF-8"):
        Linter([path], builtin=False, plugins=False)


def test_missing_pack_path(tmp_path: Path) -> None:
    with pytest.raises(RulePackError, match="no such file or folder"):
        Linter([tmp_path / "nope.yaml"], builtin=False, plugins=False)


def test_regex_cannot_hang_the_linter(tmp_path: Path) -> None:
    """(a+)+$ backtracks exponentially in Python's re; RE2 runs it in linear time."""
    linter = load(tmp_path, rule_yaml(kind="regex", lang="any", body="  regex: '(a+)+$'\n"))
    assert type(linter.rules[0].check.regexes[0]).__name__ == "SafeRegex"
    report = lint_with_watchdog(linter, "Bonjour " + "a" * 100_000 + "!")
    assert "my-rule" not in report.rule_ids
    assert "my-rule" in linter.lint("Bonjour aaaa", lang="fr").rule_ids


def test_select_and_ignore_by_prefix(linter: Linter) -> None:
    from invite_lint import load_rules

    chosen = {r.id for r in load_rules(plugins=False, select=["too-"])}
    assert chosen == {"too-short", "too-long-for-channel"}
    ignored = {r.id for r in load_rules(plugins=False, ignore=["too-", "sms-language"])}
    assert not ignored & {"too-short", "too-long-for-channel", "sms-language"}
    assert "no-question" in ignored


def test_unknown_selector_is_a_usage_error() -> None:
    from invite_lint import UsageError, load_rules

    with pytest.raises(UsageError, match="matches no rule id"):
        load_rules(plugins=False, ignore=["no-such-rule"])
