"""Measuring detection quality on a labelled corpus (`invite-lint eval`)."""
