"""The documentation says what the code does: the catalogue is generated from the packs,
and the README's example rule pack passes its own examples."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from invite_lint import load_rules
from invite_lint.cli import main
from invite_lint.output.catalogue import markdown_reference, markdown_table

REGENERATE = "regenerate with: python tools/regen_docs.py"


def test_readme_catalogue_is_generated_from_the_packs(repo: Path) -> None:
    readme = (repo / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- catalogue:start -->\n(.*?)\n<!-- catalogue:end -->", readme, re.S)
    assert block, "README lost its catalogue markers"
    assert block.group(1) == markdown_table(load_rules(plugins=False)), REGENERATE


def test_rule_reference_is_generated_from_the_packs(repo: Path) -> None:
    expected = markdown_reference(load_rules(plugins=False))
    assert (repo / "docs" / "rules.md").read_text(encoding="utf-8") == expected, REGENERATE


def test_readme_example_pack_passes_its_examples(repo: Path, tmp_path: Path) -> None:
    readme = (repo / "README.md").read_text(encoding="utf-8")
    yaml_block = next(b for b in re.findall(r"```yaml\n(.*?)```", readme, re.S) if "vague-coffee-request" in b)
    pack = tmp_path / "readme-pack.yaml"
    pack.write_text(yaml_block, encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "test", str(pack)])
    assert result.exit_code == 0, result.output
    assert "4 passed, 0 failed" in result.output


def test_quick_start_sample_exists(repo: Path) -> None:
    readme = (repo / "README.md").read_text(encoding="utf-8")
    first = re.search(r"```sh\n(.*?)\n", readme).group(1)  # type: ignore[union-attr]
    sample = first.split()[-1]
    assert first.split("check ")[1].split() == ["--exit-zero", sample]
    assert (repo / sample).is_file()


def test_readme_coach_examples_are_what_the_coach_says() -> None:
    from invite_lint import Recipient, coach

    fr = coach("Bonjour Karine, Paul Martin aimerait rejoindre votre réseau.",
               recipient=Recipient(name="Karine Martin", about="votre article sur le bien-être au travail",
                                   interest="la prévention des risques psychosociaux"))
    assert fr[0].template == "fr-interet-commun" and fr[0].facts_used == ("about", "interest", "name")
    assert fr[0].text.replace("\u00a0", " ").endswith("Pourquoi avez-vous choisi d'écrire sur le bien-être ?")
    en = coach("Hi Sam, I'd like to add you to my professional network on LinkedIn.",
               recipient=Recipient(name="Sam Lee", about="his talk at PyCon on type hints", ask="a 15-minute call"),
               channel="email")
    assert [(s.template, s.question) for s in en[:2]] == [("en-seen-question", "en-q-talk"),
                                                         ("en-seen-question", "en-q-any-topic")]
    assert en[0].text == ("Hi Sam, I watched your talk at PyCon on type hints. If you're open to it, we could "
                          "continue over a 15-minute call. How did you decide what to cover on type hints?")