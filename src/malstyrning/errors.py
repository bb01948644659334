"""The exception hierarchy: one root, each error combined with the built-in it resembles.

Every message says what is wrong, where (a node id, a field, a document path) and what was
expected, so that a person can act on it without a traceback.

>>> from malstyrning import Period
>>> try:  # doctest: +ELLIPSIS
...     Period.parse("2019-T4")
... except InvalidPeriod as error:
...     print(error)
unknown period '2019-T4': a year has tertials T1-T3 (expected e.g. '2019', '2019-T1', ...)
"""

from __future__ import annotations

from typing import Any, Self

import attrs

__all__ = [
    "DocumentError",
    "InvalidPeriod",
    "InvalidPlan",
    "InvalidScale",
    "InvalidTarget",
    "MalstyrningError",
    "Problem",
    "UnknownExample",
    "UnknownNode",
    "UnreadableTarget",
]


@attrs.frozen
class Problem:
    """One thing wrong with an input, and where it is.

    ``path`` is a JSONPath-like location (``$.goals[3].children[0].unit``) for documents, or a
    node id path (``plan 'x' > goal 'g1' > indicator 'i2'``) for plans built in Python.

    >>> str(Problem("$.goals[0].id", "expected a string (got 12)"))
    'expected a string (got 12) @ $.goals[0].id'
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.message} @ {self.path}" if self.path else self.message


class MalstyrningError(Exception):
    """The root of every error this library raises on purpose."""

    def __init__(self, message: str, *, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only state is not in self.args, so pickling needs it spelled out.
        return (_rebuild, (type(self), self.message, self.problems))


def _rebuild(
    cls: type[MalstyrningError], message: str, problems: tuple[Problem, ...]
) -> MalstyrningError:
    error = cls.__new__(cls)
    MalstyrningError.__init__(error, message, problems=problems)
    return error


class InvalidPeriod(MalstyrningError, ValueError):
    """A period text or a pair of dates that is not a period this library knows."""

    EXPECTED = (
        "expected e.g. '2019', '2019-T1', 'T1 2019', '2019-H1', '2019-Q3', '2019-05' "
        "or '2019-03-01/2019-12-31'"
    )

    @classmethod
    def unreadable(cls, text: str, why: str = "") -> InvalidPeriod:
        """The text could not be read as a period."""
        detail = f": {why}" if why else ""
        return cls(f"unknown period {text!r}{detail} ({cls.EXPECTED})")


class InvalidTarget(MalstyrningError, ValueError):
    """A target rule that cannot hold: a bad tolerance, k out of range, no levels."""


class UnreadableTarget(InvalidTarget):
    """A target text that could not be read as a rule; points at the part it could not read.

    ``offset`` and ``length`` locate the unread part in ``text``; ``expected`` says what would
    have been readable there and ``suggestion`` is the nearest form the parser knows.
    """

    def __init__(
        self,
        message: str,
        *,
        text: str = "",
        offset: int = 0,
        length: int = 0,
        expected: str = "",
        suggestion: str = "",
    ) -> None:
        super().__init__(message)
        self.text = text
        self.offset = offset
        self.length = length
        self.expected = expected
        self.suggestion = suggestion

    @property
    def unread(self) -> str:
        """The part of the text that could not be read (empty at the end of the text)."""
        return self.text[self.offset : self.offset + self.length]

    @classmethod
    def at(
        cls, text: str, offset: int, length: int, *, expected: str, suggestion: str
    ) -> UnreadableTarget:
        """Name the unread part, show it under a caret line, and suggest the nearest form."""
        one_line = text.replace("\r", " ").replace("\n", " ").replace("\t", " ")
        unread = text[offset : offset + length]
        where = f"{unread!r} at offset {offset}" if unread else f"the end (offset {offset})"
        message = (
            f"cannot read the target {text!r}: stuck at {where}; expected {expected}\n"
            f"  {one_line}\n  {' ' * offset}{'^' * max(length, 1)}\n"
            f"nearest known form: {suggestion}"
        )
        return cls(
            message,
            text=text,
            offset=offset,
            length=length,
            expected=expected,
            suggestion=suggestion,
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # The location is keyword-only state: spell it out for pickling.
        state = {
            "text": self.text,
            "offset": self.offset,
            "length": self.length,
            "expected": self.expected,
            "suggestion": self.suggestion,
        }
        return (_rebuild_unreadable, (self.message, state))


def _rebuild_unreadable(message: str, state: dict[str, Any]) -> UnreadableTarget:
    return UnreadableTarget(message, **state)


class InvalidScale(MalstyrningError, ValueError):
    """A scale or a status that is not on the scale in use."""


class InvalidPlan(MalstyrningError, ValueError):
    """A plan that breaks a structural rule; ``problems`` lists every breach with its place."""

    @classmethod
    def from_problems(cls, what: str, problems: list[Problem]) -> Self:
        """Build one error that lists every problem, one per line."""
        lines = "\n".join(f"  - {problem}" for problem in problems)
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        return cls(f"{what}: {count} {noun}\n{lines}", problems=tuple(problems))


class DocumentError(InvalidPlan):
    """A document (file or text) that could not be read as a plan; lists every problem."""


class UnknownNode(MalstyrningError, KeyError):
    """A node id that is not in the plan."""

    def __str__(self) -> str:
        # KeyError would quote the message as a repr.
        return self.message

    @classmethod
    def for_id(cls, node_id: str, plan_id: str, suggestions: list[str]) -> UnknownNode:
        """Name the id, the plan and the closest ids that do exist."""
        hint = f"; did you mean {', '.join(map(repr, suggestions))}?" if suggestions else ""
        return cls(f"no node with id {node_id!r} in plan {plan_id!r}{hint}")


class UnknownExample(MalstyrningError, LookupError):
    """An example name that is not embedded in the package."""

    @classmethod
    def for_name(cls, name: str, known: list[str]) -> UnknownExample:
        """Name the example asked for and list those that exist."""
        return cls(f"no embedded example named {name!r}; known examples: {', '.join(known)}")
