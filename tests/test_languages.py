"""A language is a folder (invite_lint/lang/<code>/language.yaml): adding one touches no
code. Proved with a small third language registered from a temporary folder."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from invite_lint import Linter, lang
from invite_lint.errors import InviteLintError
from invite_lint.text.language import detect
from invite_lint.text.parts import split_parts

ITALIAN = """\
code: it
name: italiano
models: []            # no statistical model: spaCy's blank Italian pipeline
detection:
  match: folded
  elision: true       # "l'articolo" also counts as "l"
  function_words: >-
    il lo la i gli le un una di da in con su per tra che e non sono sei ho hai ha mi ti ci
    vi si mio mia tuo tua suo sua come stai grazie ciao buongiorno salve molto anche l
  distinctive: il gli di che sono ho hai grazie buongiorno tuo tua molto anche
parts:
  greetings: [ciao, buongiorno, salve, gentile]
  sign_offs: [cordiali saluti, a presto, un saluto, grazie mille]
  titles: [dottore, dottoressa, signora, signore]
"""

TEXT = ("Buongiorno Marco,\n\nho letto il tuo articolo sulla ceramica di Faenza e mi è piaciuto molto. "
        "Come scegli gli smalti?\n\nCordiali saluti")


@pytest.fixture
def italian(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "it"
    folder.mkdir()
    (folder / "language.yaml").write_text(ITALIAN, encoding="utf-8")
    pack = tmp_path / "rules-it.yaml"
    pack.write_text("""\
rules:
  - id: it-generic-add
    kind: phrase
    description: The platform's default line.
    rationale: It says nothing of why you write.
    severity: error
    languages: [it]
    channels: [any]
    message: "Default line: {match}."
    suggestion: "Say what of theirs you saw, and ask about it."
    phrases: [vorrei aggiungerti alla mia rete]
    examples:
      flag: ["Ciao Marco, vorrei aggiungerti alla mia rete.", "Buongiorno, vorrei aggiungerti alla mia rete!"]
      pass: ["Ciao Marco, come scegli gli smalti?", "Buongiorno Anna, ho letto il tuo articolo sui mosaici."]
""", encoding="utf-8")
    lang.register(folder)
    try:
        yield pack
    finally:
        lang.unregister("it")


def test_built_in_languages_are_folders() -> None:
    assert lang.codes()[:2] == ("fr", "en")
    french = lang.get("fr")
    assert french is not None and french.models[0] == "fr_core_news_sm"
    assert "bonjour" in french.parts.greetings and "cordialement" in french.parts.sign_offs
    assert french.evidence_words["possessive"] >= {"votre", "vos"}


def test_a_third_language_from_a_folder_detects_splits_and_lints(italian: Path) -> None:
    assert lang.codes() == ("fr", "en", "it")
    guess = detect(TEXT)
    assert guess.lang == "it" and guess.method in ("function-words", "stop-words"), guess
    assert detect("Ciao Marco, come stai?").lang == "it"  # a short text: the vote of its function words
    parts = split_parts(TEXT)
    assert TEXT[parts.greeting[0]:parts.greeting[1]].startswith("Buongiorno Marco")
    assert TEXT[parts.sign_off[0]:parts.sign_off[1]] == "Cordiali saluti"
    salve = "Salve Marco, come scegli gli smalti?"
    assert salve[slice(*split_parts(salve).greeting)] == "Salve Marco,"
    linter = Linter([italian], builtin=False, plugins=False)
    report = linter.lint("Ciao Marco, vorrei aggiungerti alla mia rete.")
    assert report.lang == "it" and [f.rule_id for f in report.findings] == ["it-generic-add"]
    assert linter.lint(TEXT).findings == () and not any("not supported" in n for n in linter.lint(TEXT).notes)


def test_without_the_folder_the_language_is_unknown_again(italian: Path) -> None:
    lang.unregister("it")
    assert "it" not in lang.codes()
    salve = "Salve Marco, come scegli gli smalti?"
    assert split_parts(salve).greeting == (0, 0)  # "Salve" is no greeting any more
    report = Linter(plugins=False).lint(TEXT, lang="it")
    assert any("language 'it' is not supported" in n for n in report.notes)


@pytest.mark.parametrize(("text", "where", "why"), [
    ("code: ITA\ndetection: {function_words: a b}\n", ":1", "two-letter"),
    ("code: it\n", ":1", "function_words"),
    ("code: it\ndetection: {function_words: a, colour: x}\n", ":2", "unknown key 'colour'"),
    ("code: it\ndetection: {function_words: a}\nparts: {gendered: {x: [il]}}\n", ":3", "keyed by gender"),
    ("code: it\ndetection: {function_words: a}\nevidence: {accented: [nope]}\n", ":3", "unknown word set"),
    ("code: it\ndetection: {function_words: !!python/object:os.system x}\n", "", "YAML"),
])
def test_a_bad_language_file_is_one_clear_error(tmp_path: Path, text: str, where: str, why: str) -> None:
    (tmp_path / "language.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InviteLintError) as caught:  # InputError, or the YAML loader's RulePackError
        lang.register(tmp_path)
    message = str(caught.value)
    assert "language.yaml" + where in message and why in message, message
    assert "it" not in lang.codes()


def test_no_code_outside_the_language_folders_names_a_language(repo: Path) -> None:
    """No `if lang == "fr"` outside invite_lint/lang/: a language is what its folder says."""
    named = re.compile(r"""(==|!=)\s*["'](fr|en)["']|["'](fr|en)["']\s*(==|!=)|\bin \(["'](fr|en)["']""")
    offenders = [f"{p.relative_to(repo)}:{n}" for p in (repo / "invite_lint").rglob("*.py")
                 if "lang" not in p.relative_to(repo / "invite_lint").parts[:1]
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if named.search(line)]
    assert offenders == []
