"""What the coach says around its openers, in the draft's language: slots for what is
missing, the questions to answer, and the notes on facts it could not use. The texts are
each language folder's `coach.yaml` (invite_lint/lang/<code>/)."""

from __future__ import annotations

from .languages import LanguageTable, LanguageText

SLOT_TEXT = LanguageTable("slots")
QUESTIONS = LanguageTable("questions")
NOTES = LanguageTable("notes")
FACT_NAMES = LanguageTable("fact_names")
QUESTION_SLOT = LanguageText("question_slot")
