"""Text analysis: message parts, language detection, accent folding."""

from __future__ import annotations

import pytest

from invite_lint.text.folding import fold
from invite_lint.text.language import detect
from invite_lint.text.parts import split_parts


def part(text: str, name: str) -> str:
    start, end = split_parts(text).scope(name)
    return text[start:end]


@pytest.mark.parametrize(
    ("text", "greeting", "sign_off"),
    [
        ("Bonjour Karine, Paul Martin aimerait rejoindre votre réseau.", "Bonjour Karine,", ""),
        ("Madame, Monsieur,\nJe me permets de vous contacter.\nBien à vous", "Madame, Monsieur,", "Bien à vous"),
        ("Hi Sarah I loved your talk. How did you start? Thanks, Tom", "Hi Sarah", "Thanks, Tom"),
        ("Dear Dr. Smith,\nI saw your talk.\n\nBest regards,\nTom Baker\nData engineer", "Dear Dr. Smith,",
         "Best regards,\nTom Baker\nData engineer"),
        ("J'ai vu votre toile. Comment faites-vous ?", "", ""),
        ("Hello Marc! Ton post m'a plu. Tu utilises quoi ?\nJulie", "Hello Marc!", "Julie"),
    ],
)
def test_parts(text: str, greeting: str, sign_off: str) -> None:
    assert part(text, "greeting") == greeting
    assert part(text, "sign_off") == sign_off


def test_subject_and_body() -> None:
    text = "Objet : votre conférence\n\nBonjour Claire,\nMerci pour la conférence. Une question ?\n\nPaul"
    assert part(text, "subject") == "votre conférence"
    assert part(text, "body") == "Merci pour la conférence. Une question ?"
    assert part(text, "first_sentence") == "Merci pour la conférence."


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Bonjour Karine, Paul Martin aimerait rejoindre votre réseau.", "fr"),
        ("I'd like to add you to my professional network on LinkedIn.", "en"),
        ("Slt, on se voit ?", "fr"),
        ("Thanks, see you there!", "en"),
        ("Hola Marta, me encantó tu charla sobre diseño. ¿Cómo empezaste?", "es"),
        ("Guten Tag, ich möchte Sie gerne zu meinem Netzwerk hinzufügen.", "de"),
        ("", "und"),
        ("12345 !!!", "und"),
    ],
)
def test_language_detection(text: str, lang: str) -> None:
    assert detect(text).lang == lang


def test_detection_is_deterministic() -> None:
    text = "Hello Marc, j'ai vu ton post sur le DevOps, vraiment intéressant"
    assert len({detect(text) for _ in range(20)}) == 1


def test_fold_keeps_length() -> None:
    text = "Élodie À l’été ŒUVRE İstanbul ß ﬁ 😀"
    assert len(fold(text)) == len(text)
    assert fold("Réseau Élargi") == "reseau elargi"
