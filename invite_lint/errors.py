"""Exceptions raised by invite-lint.

Every error a user can cause (a bad rule pack, a bad draft file, a bad option) is an
``InviteLintError`` whose ``str()`` is one self-sufficient line: the CLI prints it and
exits 2, a library caller can show it as it is.
"""

from __future__ import annotations


class InviteLintError(Exception):
    """Base class: a problem with the user's input, never a bug."""


class RulePackError(InviteLintError):
    """A rule pack (YAML) is invalid. Names the file, the rule id and the line."""

    def __init__(
        self, path: str, problem: str, *, line: int | None = None, rule_id: str | None = None
    ) -> None:
        self.path = path
        self.problem = problem
        self.line = line
        self.rule_id = rule_id
        where = path if line is None else f"{path}:{line}"
        who = f" rule '{rule_id}':" if rule_id else ""
        super().__init__(f"{where}:{who} {problem}")


class RulePackErrors(RulePackError):
    """Every error found in the rule packs loaded together, in the order of the files and
    their lines, as a compiler lists them; `errors` holds each one (file, rule, line). Its
    own message is the first error and how many more there are."""

    def __init__(self, errors: list[RulePackError]) -> None:
        self.errors = tuple(errors)
        first, more = self.errors[0], len(self.errors) - 1
        super().__init__(first.path, f"{first.problem} (and {more} more error{'s' if more != 1 else ''} in the rule "
                                     "packs)", line=first.line, rule_id=first.rule_id)


def raise_all(errors: list[RulePackError]) -> None:
    """Raise nothing, the one error, or all of them."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise RulePackErrors(errors)


class InputError(InviteLintError):
    """A draft cannot be read as a message (missing, binary, too large, undecodable...)."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class RowError(InputError):
    """One row of a file of many messages cannot be read or linted; the other rows go on.
    `path` is where the row is (file:line); `row` its number, `row_id` its id."""

    def __init__(self, path: str, problem: str, row: int, row_id: str) -> None:
        self.row = row
        self.row_id = row_id
        super().__init__(path, problem)

    @property
    def file(self) -> str:
        """The file the row is in (`path` without its line)."""
        return self.path.rpartition(":")[0] or self.path

    @property
    def line(self) -> int | None:
        tail = self.path.rpartition(":")[2]
        return int(tail) if tail.isdigit() else None


class UsageError(InviteLintError):
    """An option or argument has a value invite-lint cannot use (e.g. an unknown language)."""
