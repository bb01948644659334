"""The exception hierarchy: one root, each error combined with the built-in it resembles.

Every exception the package raises on purpose is defined here, so that one module lists
everything a caller may catch. Every message says what is wrong, where (a node id, a field, a
document path) and what was expected, so that a person can act on it without a traceback.

>>> from malstyrning import Period
>>> try:  # doctest: +ELLIPSIS
...     Period.parse("2019-T4")
... except InvalidPeriod as error:
...     print(error)
unknown period '2019-T4': a year has tertials T1-T3 (expected e.g. '2019', '2019-T1', ...)
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Self

import attrs

__all__ = [
    "MAX_LISTED_PROBLEMS",
    "AlreadyStruck",
    "BatchInputError",
    "DocumentError",
    "InvalidNumber",
    "InvalidOperation",
    "InvalidPaceMethod",
    "InvalidPeriod",
    "InvalidPlan",
    "InvalidScale",
    "InvalidTarget",
    "KoladaError",
    "MalstyrningError",
    "MissingDependency",
    "Problem",
    "RevisionOutOfOrder",
    "UnconvertedUnitChange",
    "UnknownExample",
    "UnknownLevel",
    "UnknownLocale",
    "UnknownNode",
    "UnreadableTarget",
    "UnsupportedRule",
    "WouldCreateCycle",
    "shorten",
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


MAX_LISTED_PROBLEMS = 20
"""The most problems one error message lists; the rest are counted ("... and 7 more")."""


def shorten(value: object, limit: int = 60) -> str:
    """The repr of a value for a message, cut in the middle when it is longer than ``limit``.

    Messages echo what they could not read; a value of a megabyte must not be echoed whole.

    >>> shorten("5,7 %")
    "'5,7 %'"
    >>> shorten("x" * 1000)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxx…xxxxxxxxxxxxxxxxxxxxxxxxxxxx' (1000 characters)"
    """
    text = value if isinstance(value, str) else None
    if text is not None and len(text) <= limit:
        return repr(text)
    whole = text if text is not None else repr(value)
    if text is None and len(whole) <= limit + 2:
        return whole
    half = max(limit // 2 - 2, 1)
    cut = repr(whole[:half] + "…" + whole[-half:])
    return f"{cut} ({len(whole)} characters)"


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
        return cls(f"unknown period {shorten(text)}{detail} ({cls.EXPECTED})")


class InvalidTarget(MalstyrningError, ValueError):
    """A target rule that cannot hold: a bad tolerance, k out of range, no levels."""


_SHOWN = 120  # characters of a target text an error shows around the unread part


class UnreadableTarget(InvalidTarget):
    """A target text that could not be read as a rule; points at the part it could not read.

    ``offset`` and ``length`` locate the unread part in ``text``; ``expected`` says what would
    have been readable there and ``suggestion`` is the nearest form the parser knows;
    ``candidates`` are the readings the parser considered where the text reads more than one
    way ("2016" as a baseline or as a value), or the nearest forms otherwise.
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
        candidates: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.text = text
        self.offset = offset
        self.length = length
        self.expected = expected
        self.suggestion = suggestion
        self.candidates = candidates

    @property
    def unread(self) -> str:
        """The part of the text that could not be read (empty at the end of the text)."""
        return self.text[self.offset : self.offset + self.length]

    @classmethod
    def at(
        cls,
        text: str,
        offset: int,
        length: int,
        *,
        expected: str,
        suggestion: str,
        candidates: tuple[str, ...] = (),
    ) -> UnreadableTarget:
        """Name the unread part, show it under a caret line, and suggest the nearest form.

        A long text is shown around the unread part only, so that the message stays short.
        """
        # At most _SHOWN characters of the text, centred on the unread part.
        first = max(0, min(offset - _SHOWN // 2, len(text) - _SHOWN))
        shown = text[first : first + _SHOWN]
        before = "…" if first else ""
        after = "…" if first + _SHOWN < len(text) else ""
        one_line = shown.replace("\r", " ").replace("\n", " ").replace("\t", " ")
        unread = text[offset : offset + min(length, _SHOWN)]
        where = f"{unread!r} at offset {offset}" if unread else f"the end (offset {offset})"
        quoted = repr(text) if not (before or after) else f"of {len(text)} characters"
        caret = " " * (offset - first + len(before)) + "^" * max(min(length, _SHOWN), 1)
        considered = f"\nreadings considered: {'; '.join(candidates)}" if candidates else ""
        message = (
            f"cannot read the target {quoted}: stuck at {where}; expected {expected}\n"
            f"  {before}{one_line}{after}\n  {caret}\n"
            f"nearest known form: {suggestion}{considered}"
        )
        return cls(
            message,
            text=text,
            offset=offset,
            length=length,
            expected=expected,
            suggestion=suggestion,
            candidates=candidates,
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # The location is keyword-only state: spell it out for pickling.
        state = {
            "text": self.text,
            "offset": self.offset,
            "length": self.length,
            "expected": self.expected,
            "suggestion": self.suggestion,
            "candidates": self.candidates,
        }
        return (_rebuild_unreadable, (self.message, state))


def _rebuild_unreadable(message: str, state: dict[str, Any]) -> UnreadableTarget:
    return UnreadableTarget(message, **state)


class InvalidScale(MalstyrningError, ValueError):
    """A scale or a status that is not on the scale in use."""


class InvalidPaceMethod(MalstyrningError, ValueError):
    """A pace method whose options contradict each other (cut-offs out of order, ...)."""


MAX_LINE = 1000
"""The longest problem line an error message shows; longer ones are cut in the middle."""


def _cut(line: str) -> str:
    if len(line) <= MAX_LINE:
        return line
    half = MAX_LINE // 2 - 20
    return f"{line[:half]} … ({len(line) - 2 * half} characters left out) … {line[-half:]}"


class InvalidPlan(MalstyrningError, ValueError):
    """A plan that breaks a structural rule; ``problems`` lists every breach with its place."""

    @classmethod
    def from_problems(cls, what: str, problems: list[Problem], *, more: int = 0) -> Self:
        """Build one error that lists the problems, one per line.

        The message lists at most :data:`MAX_LISTED_PROBLEMS` (a million bad rows must not
        make a message of a hundred megabytes), then how many more there are; ``problems``
        keeps every one given. ``more`` counts problems a caller found but did not keep.

        >>> error = InvalidPlan.from_problems("t.csv", [Problem(f"row {n}", "bad") for n in
        ...                                   range(2, 30)])
        >>> print(error.message.splitlines()[0], error.message.splitlines()[-1], sep="\\n")
        t.csv: 28 problems
          ... and 8 more
        """
        listed = problems[:MAX_LISTED_PROBLEMS]
        lines = "\n".join(_cut(f"  - {problem}") for problem in listed)
        unlisted = len(problems) - len(listed) + more
        if unlisted:
            lines += f"\n  ... and {unlisted} more"
        count = len(problems) + more
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


class UnknownLocale(MalstyrningError, LookupError):
    """A locale with no catalogue, or a catalogue without a key."""


class UnknownLevel(MalstyrningError, LookupError):
    """A summary was asked for a level the plan does not have."""

    @classmethod
    def for_plan(
        cls, plan_id: str, levels: Iterable[str], by: str, kinds: Iterable[str]
    ) -> UnknownLevel:
        """The error for ``by`` on the plan ``plan_id``, listing the levels and kinds it has.

        >>> print(UnknownLevel.for_plan("p", ["area"], "sector", ["goal"]))
        plan 'p' has no level 'sector'; count one of its levels (area) or a kind of node (goal)
        """
        listed = ", ".join(levels) or "none"
        return cls(
            f"plan {plan_id!r} has no level {by!r}; count one of its levels ({listed}) "
            f"or a kind of node ({', '.join(kinds)})"
        )


class InvalidNumber(MalstyrningError, ValueError):
    """A cell or text that is not a number, or that could be read as two different numbers."""

    @classmethod
    def unreadable(cls, text: str) -> InvalidNumber:
        """The text is not a number in any convention this library reads."""
        return cls(f"expected a number such as '64 734', '5,0 %' or '−3,2' (got {shorten(text)})")

    @classmethod
    def ambiguous(cls, text: str) -> InvalidNumber:
        """A comma or point that may mark decimals or group thousands."""
        return cls(
            f"ambiguous number {shorten(text)}: a comma or point here may mark decimals or group "
            "thousands; write one decimal mark and spaces between thousands (e.g. '1 234,5'), "
            "enter it as a number cell, or say which mark the file uses for decimals "
            "(decimal=',' or decimal='.')"
        )

    @classmethod
    def wrong_mark(cls, text: str, decimal: str) -> InvalidNumber:
        """A decimal mark other than the one the caller said the file uses."""
        return cls(
            f"expected a number with {decimal!r} for decimals and spaces between thousands "
            f"(got {shorten(text)})"
        )

    @classmethod
    def not_finite(cls, value: object) -> InvalidNumber:
        """NaN or an infinity, which no outcome can be."""
        return cls(f"expected a finite number (got {value})")


class InvalidOperation(MalstyrningError, ValueError):
    """An operation that cannot be applied to the plan it is given; the plan is unchanged."""


class AlreadyStruck(InvalidOperation):
    """The operation names a node that an earlier decision struck from the plan."""


class WouldCreateCycle(InvalidOperation):
    """Moving a goal under itself or one of its own descendants."""


class UnconvertedUnitChange(InvalidOperation):
    """A unit change on an indicator with outcomes, without a conversion for them."""


class RevisionOutOfOrder(InvalidOperation):
    """A revision in force before the latest revision already applied to the plan."""


class MissingDependency(MalstyrningError, ImportError):
    """An optional package needed for this output is not installed."""

    @classmethod
    def for_module(cls, module: str, extra: str, what: str) -> MissingDependency:
        """The error for ``module``, naming the extra that installs it.

        >>> print(MissingDependency.for_module("openpyxl", "xlsx", "Excel output"))
        ... # doctest: +ELLIPSIS
        Excel output needs the optional package 'openpyxl', ... pip install "malstyrning[xlsx]"
        """
        return cls(
            f"{what} needs the optional package {module!r}, which is not installed; "
            f'install it with: pip install "malstyrning[{extra}]"'
        )


class BatchInputError(MalstyrningError, ValueError):
    """A table or option that batch evaluation cannot use; names the column or value."""

    @classmethod
    def missing_column(cls, role: str, name: str, present: Iterable[str]) -> BatchInputError:
        """A required column is not in the table."""
        return cls(
            f"the outcome table has no {role} column {name!r} (columns: "
            f"{', '.join(map(repr, present))}); name it with "
            f"columns=BatchColumns({role}=...)"
        )

    @classmethod
    def unreadable_period(cls, column: str, value: object, why: str) -> BatchInputError:
        """A value of the period column is not a period."""
        return cls(f"column {column!r}: {value!r} is not a period ({why})")

    @classmethod
    def too_large(cls, indicator: str, places: int, largest: Decimal) -> BatchInputError:
        """Values too large to compare exactly in 64-bit integers at ``places`` decimals."""
        return cls(
            f"indicator {indicator!r}: values up to {largest} at {places} decimals do not fit "
            "64-bit exact arithmetic for its rule; pass a smaller places= to evaluate_frame"
        )


class KoladaError(MalstyrningError):
    """A Kolada request that failed or an answer not in the documented shape; names the URL.

    >>> print(KoladaError.for_request("https://api.kolada.se/v2/kpi", "HTTP 500",
    ...       "a JSON page"))  # doctest: +NORMALIZE_WHITESPACE
    GET https://api.kolada.se/v2/kpi failed: HTTP 500 (expected a JSON page)
    """

    @classmethod
    def for_request(cls, url: str, what: str, expected: str, hint: str = "") -> KoladaError:
        """The error for one request: the URL, what went wrong, what was expected, what to do."""
        return cls(
            f"GET {url} failed: {what} (expected {expected})" + (f"; {hint}" if hint else "")
        )


class UnsupportedRule(InvalidTarget):
    """A rule that batch evaluation cannot express column-wise; names the indicator and rule."""

    @classmethod
    def for_rule(cls, indicator: str, rule: object, why: str) -> UnsupportedRule:
        """Name the indicator, the rule and why it cannot be judged column-wise."""
        return cls(
            f"indicator {indicator!r}: rule {type(rule).__name__} ({rule}) cannot be judged "
            f"in batch: {why}; evaluate this indicator with malstyrning.evaluate instead"
        )
