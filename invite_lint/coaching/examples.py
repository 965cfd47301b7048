"""Template examples: each must produce exactly its text (`invite-lint rules test`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..lang import DEFAULT_LANG
from .suggest import Coach
from .templates import Template


@dataclass(frozen=True)
class TemplateExampleResult:
    template: Template
    expected: str
    got: str | None

    @property
    def ok(self) -> bool:
        return self.got == self.expected

    def describe(self) -> str:
        if self.ok:
            return f"template '{self.template.id}': {self.expected!r}"
        return (f"{self.template.source}: template '{self.template.id}': expected {self.expected!r}, "
                f"got {self.got!r}")


def run_template_examples(coach: Coach, templates: Sequence[Template] | None = None) -> list[TemplateExampleResult]:
    """Each template example must produce exactly its text (typography aside: no-break
    spaces compare as spaces)."""
    results = []
    for template in templates if templates is not None else coach.templates:
        lang = next((lang for lang in template.languages if lang != "any"), DEFAULT_LANG)
        for example in template.examples:
            draft = example.draft or ("Salut, tu vas bien ?" if example.register == "tu" else "")
            found, *_ = coach.candidates(draft, example.recipient, lang, example.channel, templates=[template],
                                         kind=example.kind)
            got = next((c.text for c in found if c.template.id == template.id), None)
            results.append(TemplateExampleResult(template, example.text,
                                                 got.replace("\u00a0", " ") if got is not None else None))
    return results
