"""Plans built in code, for notebooks and tests: goals nested as the plan nests them.

A :class:`PlanBuilder` collects goals and leaves and returns a frozen
:class:`~malstyrning.model.Plan` from :meth:`~PlanBuilder.build`. Nothing in it needs an id
or a level: ids are made from the titles and a goal's level is the plan's level at its
depth, exactly as for a document that leaves them out (the builder writes a document and
loads it with :func:`malstyrning.io.from_document`, so both follow one set of defaults and
one set of checks). Give ``id=`` or ``level=`` where a plan must fix them.

Each :meth:`~PlanBuilder.goal` returns the goal's own builder, which is also a context
manager, so that the code is indented as the plan is:

>>> plan = PlanBuilder("Region X", validity="2022-2024", levels=["Målområde", "Mål"])
>>> with plan.goal("Trygg och tillgänglig vård") as area:
...     with area.goal("Kortare väntetider") as goal:
...         goal.indicator("Besök inom 90 dagar", unit="%", target="Minst 80 %",
...                        outcomes={"2022": 76})
...         goal.assignment("Inför digitala besök", owner="Hälso- och sjukvårdsnämnden")
>>> built = plan.build()
>>> [(node.id, getattr(node, "level", None)) for node in built.walk()]
... # doctest: +NORMALIZE_WHITESPACE
[('trygg-och-tillganglig-vard', 'malomrade'), ('kortare-vantetider', 'mal'),
 ('besok-inom-90-dagar', None), ('infor-digitala-besok', None)]

Mistakes are reported with the builder calls that made them:

>>> with plan.goal("Hållbar ekonomi") as area:
...     area.indicator("Resultat", target="minst 30 äpplen")
>>> plan.build()  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
malstyrning.errors.InvalidPlan: the plan PlanBuilder('Region X') builds is not valid: 1 problem
  - cannot read the target 'minst 30 äpplen': ...
    @ PlanBuilder('Region X').goal('Hållbar ekonomi').indicator('Resultat').target
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from types import TracebackType
from typing import Any, Self

import attrs

from malstyrning._converter import shared_converter
from malstyrning._ids import allocate
from malstyrning._numbers import cell_number
from malstyrning.errors import InvalidPlan, MalstyrningError, Problem
from malstyrning.io import FORMAT_VERSION, from_document
from malstyrning.model import Plan, PlanLevel, Series
from malstyrning.periods import Period
from malstyrning.rules import Direction, Rule
from malstyrning.scales import NotAssessedReason, Scale

__all__ = ["GoalBuilder", "Outcome", "PlanBuilder"]

Number = int | float | Decimal | str
"""A value as the builder takes it: a number, or its text ("4,85", "64 734")."""

_YEARS = re.compile(r"(\d{4})\s*[-–]\s*(\d{4})")


def _reason(value: object) -> NotAssessedReason | None:
    if value is None or isinstance(value, NotAssessedReason):
        return value
    try:
        return NotAssessedReason(value)
    except ValueError:
        known = ", ".join(repr(reason.value) for reason in NotAssessedReason)
        raise InvalidPlan(
            f"unknown reason an outcome is missing {value!r} (expected one of {known})"
        ) from None


@attrs.frozen(kw_only=True)
class Outcome:
    """An outcome with a comment, or the reason it is missing, for ``outcomes=``.

    A plain number in ``outcomes`` is an outcome without a comment.

    Args:
        value: the outcome, or None when it is missing.
        missing: why it is missing (``"measured_later"``, ``"no_data"`` ...: a
            :class:`~malstyrning.scales.NotAssessedReason` or its value).
        comment: what the follow-up says about it.

    >>> Outcome(missing="measured_later", comment="Mäts i augusti").missing
    <NotAssessedReason.MEASURED_LATER: 'measured_later'>
    >>> Outcome(value=84, missing="no_data")
    Traceback (most recent call last):
    ...
    malstyrning.errors.InvalidPlan: an outcome has a value (84) or a reason ... (no_data), not both
    """

    value: Number | bool | None = None
    missing: NotAssessedReason | None = attrs.field(default=None, converter=_reason)
    comment: str = attrs.field(default="", validator=attrs.validators.instance_of(str))

    def __attrs_post_init__(self) -> None:
        if self.value is not None and self.missing is not None:
            raise InvalidPlan(
                f"an outcome has a value ({self.value}) or a reason it is missing "
                f"({self.missing.value}), not both"
            )
        if self.value is None and self.missing is None:
            raise InvalidPlan("an outcome needs a value or a reason it is missing")


def _short(title: str) -> str:
    return repr(title if len(title) <= 40 else title[:39] + "…")


class _Call:
    """A builder call as errors name it: ``PlanBuilder('Region X').goal('Vård')``."""

    __slots__ = ("label",)

    def __init__(self, label: str) -> None:
        self.label = label

    def fail(self, field: str, message: str) -> InvalidPlan:
        return InvalidPlan.from_problems(
            f"{self.label} is not valid", [Problem(f"{self.label}.{field}", message)]
        )


def _period(call: _Call, field: str, value: object) -> str:
    try:
        if isinstance(value, Period):
            return value.format()
        if isinstance(value, int) and not isinstance(value, bool):
            return Period.year(value).format()
        if isinstance(value, str):
            return Period.parse(value).format()
    except MalstyrningError as error:
        raise call.fail(field, error.message) from None
    raise call.fail(field, f"expected a period such as '2022' or '2022-T1' (got {value!r})")


def _number(call: _Call, field: str, value: object) -> Decimal:
    try:
        return cell_number(value)
    except MalstyrningError as error:
        raise call.fail(field, error.message) from None


def _measurement(call: _Call, field: str, period: str, value: object) -> dict[str, Any]:
    if isinstance(value, Outcome):
        entry: dict[str, Any] = {"period": period}
        if value.missing is not None:
            entry["missing"] = value.missing.value
        elif isinstance(value.value, bool):
            entry["value"] = value.value
        else:
            entry["value"] = _number(call, field, value.value)
        if value.comment:
            entry["comment"] = value.comment
        return entry
    if isinstance(value, bool):
        return {"period": period, "value": value}
    if value is None:
        raise call.fail(
            field,
            "no value: give Outcome(missing=...) with the reason, or leave the period out",
        )
    return {"period": period, "value": _number(call, field, value)}


def _levels(call: _Call, values: Mapping[Any, Any]) -> list[dict[str, Any]]:
    if not isinstance(values, Mapping):
        raise call.fail("target_levels", f"expected a mapping of period to value (got {values!r})")
    levels = []
    for key, value in values.items():
        field = f"target_levels[{key!r}]"
        levels.append({"period": _period(call, field, key), "value": _number(call, field, value)})
    return levels


def _measurements(call: _Call, name: str, values: Mapping[Any, Any] | None) -> list[dict[str, Any]]:
    if values is None:
        return []
    if not isinstance(values, Mapping):
        raise call.fail(name, f"expected a mapping of period to value (got {values!r})")
    entries = []
    for key, value in values.items():
        field = f"{name}[{key!r}]"
        entries.append(_measurement(call, field, _period(call, field, key), value))
    return entries


class _Node:
    """A leaf as a document entry, with the call that made it."""

    __slots__ = ("call", "entry")

    def __init__(self, call: _Call, entry: dict[str, Any]) -> None:
        self.call = call
        self.entry = entry


class GoalBuilder:
    """The builder of one goal: add sub-goals and leaves; use it in a ``with`` block or not.

    Made by :meth:`PlanBuilder.goal` and :meth:`GoalBuilder.goal`, never directly.
    """

    def __init__(self, call: _Call, entry: dict[str, Any]) -> None:
        self._call = call
        self._entry = entry
        self._children: list[GoalBuilder | _Node] = []

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        return None

    def __repr__(self) -> str:
        return f"<GoalBuilder {self._call.label} with {len(self._children)} children>"

    def goal(
        self,
        title: str,
        *,
        id: str | None = None,  # noqa: A002 - the field's name in plans and documents
        level: str | None = None,
        owner: str | None = None,
        description: str = "",
    ) -> GoalBuilder:
        """Add a sub-goal and return its builder.

        Args:
            title: the goal's wording.
            id: its id; made from the title when left out.
            level: the key or label of one of the plan's levels; the plan's level at the
                goal's depth when left out.
            owner: the committee or board that owns it.
            description: the text under the goal in the plan.
        """
        child = _goal(
            self._call, title, node_id=id, level=level, owner=owner, description=description
        )
        self._children.append(child)
        return child

    def indicator(
        self,
        title: str,
        *,
        id: str | None = None,  # noqa: A002 - the field's name in plans and documents
        unit: str | None = None,
        direction: Direction | str | None = None,
        target: str | Rule | None = None,
        target_levels: Mapping[Any, Number] | None = None,
        outcomes: Mapping[Any, Number | bool | Outcome] | None = None,
        series: Iterable[Series] = (),
        source: str | None = None,
        owner: str | None = None,
        description: str = "",
    ) -> None:
        """Add an indicator to the goal.

        Args:
            title: the indicator's wording.
            id: its id; made from the title when left out.
            unit: ``"%"``, ``"antal"``, ``"kr"`` ... (the plan's ``units`` name others).
            direction: ``"higher_is_better"`` (the default) or ``"lower_is_better"``.
            target: the target as the plan writes it (``"Minst 30 %"``, read in the plan's
                language) or a rule from :mod:`malstyrning.rules`.
            target_levels: target levels per period (``{"2022": 85, "2024": 87}``), a
                trajectory; give this or ``target``, not both.
            outcomes: outcomes of the main series per period: numbers (or their text,
                ``"4,85"``) or :class:`Outcome` values with a comment or a missing reason.
            series: further series (women, men, a reference such as the national average).
            source: where the figures come from.
            owner: who answers for it, where not the goal's owner (inherited otherwise).
            description: the text under the indicator in the plan.
        """
        call = _Call(f"{self._call.label}.indicator({_short(title)})")
        entry: dict[str, Any] = {"kind": "indicator", "title": title}
        _put(entry, id=id, unit=unit, source=source, owner=owner, description=description)
        if direction is not None:
            try:
                entry["direction"] = Direction(direction).value
            except ValueError:
                known = ", ".join(repr(member.value) for member in Direction)
                raise call.fail(
                    "direction", f"expected one of {known} (got {direction!r})"
                ) from None
        if target is not None and target_levels is not None:
            raise call.fail("target", "give target or target_levels, not both")
        if isinstance(target, Rule):
            entry["target"] = shared_converter().unstructure(target, Rule)
        elif isinstance(target, str):
            entry["target_text"] = target
        elif target is not None:
            raise call.fail("target", f"expected a text or a rule (got {target!r})")
        if target_levels is not None:
            entry["target"] = {"type": "trajectory", "levels": _levels(call, target_levels)}
        measured = _measurements(call, "outcomes", outcomes)
        extra = [shared_converter().unstructure(one, Series) for one in series]
        if measured or extra:
            entry["series"] = [{"key": "total", "measurements": measured}, *extra]
            if not measured:
                del entry["series"][0]["measurements"]
        self._children.append(_Node(call, entry))

    def yes_no(
        self,
        title: str,
        *,
        id: str | None = None,  # noqa: A002 - the field's name in plans and documents
        expected: bool = True,
        answers: Mapping[Any, bool | Outcome] | None = None,
        source: str | None = None,
        owner: str | None = None,
        description: str = "",
    ) -> None:
        """Add a yes/no measure: ``answers`` per period, ``expected`` the answer aimed at."""
        call = _Call(f"{self._call.label}.yes_no({_short(title)})")
        entry: dict[str, Any] = {"kind": "yes_no", "title": title}
        _put(entry, id=id, source=source, owner=owner, description=description)
        if expected is not True:
            entry["expected"] = expected
        if measured := _measurements(call, "answers", answers):
            entry["measurements"] = measured
        self._children.append(_Node(call, entry))

    def assignment(
        self,
        title: str,
        *,
        id: str | None = None,  # noqa: A002 - the field's name in plans and documents
        owner: str | None = None,
        reports: Mapping[Any, str] | None = None,
        description: str = "",
    ) -> None:
        """Add an assignment ("uppdrag"); ``reports`` gives its status per period."""
        self._reported("assignment", title, id, owner=owner, reports=reports, text=description)

    def activity(
        self,
        title: str,
        *,
        id: str | None = None,  # noqa: A002 - the field's name in plans and documents
        owner: str | None = None,
        reports: Mapping[Any, str] | None = None,
        serves: Iterable[str] = (),
        description: str = "",
    ) -> None:
        """Add an activity; ``reports`` gives its status (``done``, ``ongoing`` ...) per period.

        ``serves`` names, by id, the other goals, key figures or assignments it serves.
        """
        self._reported(
            "activity", title, id, owner=owner, reports=reports, text=description, serves=serves
        )

    def _reported(
        self,
        kind: str,
        title: str,
        node_id: str | None,
        *,
        owner: str | None,
        reports: Mapping[Any, str] | None,
        text: str,
        serves: Iterable[str] = (),
    ) -> None:
        call = _Call(f"{self._call.label}.{kind}({_short(title)})")
        entry: dict[str, Any] = {"kind": kind, "title": title}
        _put(entry, id=node_id, owner=owner, description=text)
        if served := list(serves):
            entry["serves"] = served
        if reports is not None:
            if not isinstance(reports, Mapping):
                raise call.fail(
                    "reports", f"expected a mapping of period to status (got {reports!r})"
                )
            entry["reports"] = [
                {"period": _period(call, f"reports[{key!r}]", key), "status": status}
                for key, status in reports.items()
            ]
        self._children.append(_Node(call, entry))

    def _document(self, path: str, calls: dict[str, _Call]) -> dict[str, Any]:
        calls[path] = self._call
        entry = dict(self._entry)
        children = []
        for index, child in enumerate(self._children):
            where = f"{path}.children[{index}]"
            if isinstance(child, GoalBuilder):
                children.append({"kind": "goal", **child._document(where, calls)})
            else:
                calls[where] = child.call
                children.append(child.entry)
        if children:
            entry["children"] = children
        return entry


def _put(entry: dict[str, Any], **fields: str | None) -> None:
    # Fields left at their defaults stay out of the document, as dump leaves them out.
    entry.update({name: value for name, value in fields.items() if value})


def _goal(
    parent: _Call,
    title: str,
    *,
    node_id: str | None,
    level: str | None,
    owner: str | None,
    description: str,
) -> GoalBuilder:
    call = _Call(f"{parent.label}.goal({_short(title)})")
    entry: dict[str, Any] = {"title": title}
    _put(entry, id=node_id, level=level, owner=owner, description=description)
    return GoalBuilder(call, entry)


class PlanBuilder:
    """Build a plan in code; :meth:`build` returns the frozen :class:`~malstyrning.model.Plan`.

    Args:
        organisation: the region, municipality or committee whose plan it is.
        validity: the period the plan covers: a :class:`~malstyrning.periods.Period`, its
            text (``"2022-01-01/2024-12-31"``, ``"2022"``) or a span of years
            (``"2022-2024"``, ``"2022–2024"``: the first of January to the last of December).
        levels: the plan's levels, outermost first: labels (``["Målområde", "Mål"]``, keys
            made from them as ids are), a mapping of key to label, or
            :class:`~malstyrning.model.PlanLevel` values.
        title: the plan's title; the organisation's name when left out.
        id: the plan's id; made from the title when left out.
        vision: the vision the plan serves, if stated.
        description: the text under the plan's title.
        units: units the plan uses beyond the built-in ones.
        language: the language of the plan's texts; target texts are read in it.
        scale: the scale statuses are reported on (a built-in scale's key or a scale).
        reporting_period: the follow-up period, if the plan is a follow-up.

    >>> PlanBuilder("Region X", validity="2022–2024", levels={"area": "Målområde"})
    <PlanBuilder PlanBuilder('Region X') with 0 goals>
    """

    def __init__(
        self,
        organisation: str,
        *,
        validity: Period | str | int,
        levels: Sequence[str | PlanLevel] | Mapping[str, str],
        title: str | None = None,
        id: str | None = None,  # noqa: A002 - the field's name in plans and documents
        vision: str | None = None,
        description: str = "",
        units: Iterable[str] = (),
        language: str | None = None,
        scale: Scale | str | None = None,
        reporting_period: Period | str | None = None,
    ) -> None:
        self._call = _Call(f"PlanBuilder({_short(organisation)})")
        self._goals: list[GoalBuilder] = []
        self._levels = self._level_entries(levels)
        entry: dict[str, Any] = {
            "title": organisation if title is None else title,
            "organisation": organisation,
            "validity": self._validity(validity),
            "levels": self._levels,
        }
        _put(entry, id=id, vision=vision, description=description, language=language)
        if units:
            entry["units"] = list(units)
        if isinstance(scale, Scale):
            entry["scale"] = shared_converter().unstructure(scale, Scale)
        elif scale is not None:
            entry["scale"] = scale
        if reporting_period is not None:
            entry["reporting_period"] = _period(self._call, "reporting_period", reporting_period)
        self._entry = entry

    def __repr__(self) -> str:
        return f"<PlanBuilder {self._call.label} with {len(self._goals)} goals>"

    def _validity(self, validity: Period | str | int) -> str:
        if isinstance(validity, str) and (years := _YEARS.fullmatch(validity.strip())):
            try:
                first, last = int(years[1]), int(years[2])
                return Period(date(first, 1, 1), date(last, 12, 31)).format()
            except (ValueError, MalstyrningError) as error:
                raise self._call.fail(
                    "validity", f"{validity!r} is no span of years: {error}"
                ) from None
        return _period(self._call, "validity", validity)

    def _level_entries(
        self, levels: Sequence[str | PlanLevel] | Mapping[str, str]
    ) -> list[dict[str, str]]:
        if isinstance(levels, Mapping):
            return [{"key": key, "label": label} for key, label in levels.items()]
        if isinstance(levels, str) or not isinstance(levels, Sequence):
            raise self._call.fail("levels", f"expected a list of level names (got {levels!r})")
        labels = [level for level in levels if isinstance(level, str)]
        made = iter(allocate(labels, [lv.key for lv in levels if isinstance(lv, PlanLevel)]))
        entries = []
        for level in levels:
            if isinstance(level, PlanLevel):
                entries.append({"key": level.key, "label": level.label})
            elif isinstance(level, str):
                entries.append({"key": next(made), "label": level})
            else:
                raise self._call.fail("levels", f"expected a level name (got {level!r})")
        return entries

    def goal(
        self,
        title: str,
        *,
        id: str | None = None,  # noqa: A002 - the field's name in plans and documents
        level: str | None = None,
        owner: str | None = None,
        description: str = "",
    ) -> GoalBuilder:
        """Add a top-level goal and return its builder (see :meth:`GoalBuilder.goal`)."""
        child = _goal(
            self._call, title, node_id=id, level=level, owner=owner, description=description
        )
        self._goals.append(child)
        return child

    def document(self) -> dict[str, Any]:
        """The plan as a document, ids and levels left out where the calls left them out.

        >>> builder = PlanBuilder("Region X", validity=2023, levels=["Mål"])
        >>> builder.goal("Nöjda invånare").yes_no("Enkät genomförd", answers={2023: True})
        >>> builder.document()["goals"][0]["children"][0]["measurements"]
        [{'period': '2023', 'value': True}]
        """
        return self._document({})

    def _document(self, calls: dict[str, _Call]) -> dict[str, Any]:
        calls["$"] = self._call
        goals = [
            goal._document(f"$.goals[{index}]", calls) for index, goal in enumerate(self._goals)
        ]
        keys = {level["key"] for level in self._levels}
        by_label = {level["label"]: level["key"] for level in self._levels}
        _resolve_levels(goals, keys, by_label)
        return {"format_version": FORMAT_VERSION, **self._entry, "goals": goals}

    def build(self) -> Plan:
        """The plan, frozen; ids and levels made where the calls left them out.

        Raises:
            InvalidPlan: listing every problem, each at the builder call that made it.
        """
        calls: dict[str, _Call] = {}
        document = self._document(calls)
        try:
            return from_document(document, source=self._call.label)
        except InvalidPlan as error:
            problems = [_at_call(problem, calls) for problem in error.problems]
            raise InvalidPlan.from_problems(
                f"the plan {self._call.label} builds is not valid", problems
            ) from None


def _resolve_levels(
    goals: list[dict[str, Any]], keys: set[str], by_label: Mapping[str, str]
) -> None:
    # A goal may name its level by label ("Mål") as well as by key.
    stack = list(goals)
    while stack:
        entry = stack.pop()
        level = entry.get("level")
        if isinstance(level, str) and level not in keys and level in by_label:
            entry["level"] = by_label[level]
        stack.extend(child for child in entry.get("children", ()) if child.get("kind") == "goal")


_FIELDS = {".target_text": ".target"}


def _at_call(problem: Problem, calls: Mapping[str, _Call]) -> Problem:
    """The problem at the builder call whose node the document path points into."""
    path = problem.path
    best = ""
    for prefix in calls:
        if (
            len(prefix) > len(best)
            and path.startswith(prefix)
            and path[len(prefix) : len(prefix) + 1] in ("", ".", "[")
        ):
            best = prefix
    if not best:
        return problem
    rest = path[len(best) :]
    return Problem(calls[best].label + _FIELDS.get(rest, rest), problem.message)
