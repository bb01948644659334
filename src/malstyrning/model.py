"""The plan: a tree of goals whose leaves are indicators, yes/no measures, assignments, activities.

A :class:`Plan` names its own levels (strategy → strategic goal → result goal in one region,
goal area → goal in another) and holds a tree of :class:`Goal` nodes of any depth. Leaves are
:class:`Indicator` (numbers per series and period, with a target rule), :class:`YesNoMeasure`,
:class:`Assignment` (progress reports) and :class:`Activity` (status per period). Every node
has a stable id, unique in the plan; lookups by id take constant time.

>>> from decimal import Decimal
>>> from malstyrning.rules import Threshold, Comparison
>>> antibiotics = Indicator(
...     id="antibiotika", title="Antibiotika", unit="rec/TIN",
...     direction=Direction.LOWER_IS_BETTER,
...     target=Threshold(comparison=Comparison.LESS_THAN, value=Decimal(250), unit="rec/TIN"),
...     series=(Series(key="total", measurements=(
...         Measurement(period=Period("2019-T1"), value=Decimal(245)),)),),
... )
>>> plan = Plan(
...     id="demo", title="Verksamhetsplan 2019", organisation="Region Demo",
...     validity=Period("2019"),
...     levels=(PlanLevel(key="result_goal", label="Resultatmål"),),
...     goals=(Goal(id="g1", title="Minskad läkemedelspåverkan", level="result_goal",
...                 children=(antibiotics,)),),
... )
>>> plan["antibiotika"].unit, plan.parent("antibiotika").id, len(plan)
('rec/TIN', 'g1', 2)
"""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Callable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from datetime import date
from decimal import Decimal
from operator import attrgetter
from typing import Any, ClassVar, NamedTuple, TypeAlias

import attrs
import immutables

from malstyrning import _display
from malstyrning._bounds import number_problem
from malstyrning._frozen import EMPTY, FrozenMap, freeze_json
from malstyrning._numbers import plain_number
from malstyrning._units import BUILTIN_UNITS
from malstyrning.errors import (
    InvalidOperation,
    InvalidPlan,
    Problem,
    UnknownNode,
    UnreadableTarget,
    shorten,
)
from malstyrning.i18n import LocaleLike, Message, format_date, translate
from malstyrning.pace_method import PaceMethod
from malstyrning.periods import Period, check_period, coerce_period
from malstyrning.rollup import RollupPolicy, check_policy
from malstyrning.rules import (
    Direction,
    Rule,
    YesNo,
    iter_rules,
    rule_direction,
)
from malstyrning.scales import (
    ACTIVITY_STATUS,
    GOAL_FORECAST,
    TRAFFIC_LIGHT,
    TREND,
    Achievement,
    NotAssessedReason,
    Scale,
)
from malstyrning.target_text import TargetContext, parse_target

__all__ = [
    "BUILTIN_UNITS",
    "KINDS",
    "OPERATION_TAGS",
    "OPERATION_TYPES",
    "Activity",
    "Add",
    "AddSeries",
    "Aggregation",
    "Amend",
    "Assignment",
    "ChangeIndicator",
    "ChangeTarget",
    "Comment",
    "Goal",
    "HistoryEntry",
    "Indicator",
    "Judgement",
    "KoladaSource",
    "Leaf",
    "Measurement",
    "Move",
    "Node",
    "NodeEvent",
    "Operation",
    "Plan",
    "PlanLevel",
    "Reformulate",
    "RemoveSeries",
    "Replace",
    "Report",
    "Revision",
    "Series",
    "Strike",
    "TrendBasis",
    "YesNoMeasure",
]


_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]*")


def _type_error(attribute: attrs.Attribute[Any], expected: str, value: object) -> TypeError:
    # One plain message: attrs' own validators put the Attribute's repr into the error.
    return TypeError(
        f"{attribute.name} must be {expected} (got {shorten(value)}, {type(value).__name__})"
    )


def _names(types: type | tuple[type, ...]) -> str:
    return " or ".join(t.__name__ for t in (types if isinstance(types, tuple) else (types,)))


@attrs.frozen(repr=False)
class _InstanceOf:
    """An attrs validator: an instance of ``types``, refused in a plain message."""

    types: type | tuple[type, ...]

    def __call__(self, _: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, self.types):
            raise _type_error(attribute, f"a {_names(self.types)}", value)

    def __repr__(self) -> str:
        return f"<instance_of validator for {self.types!r}>"


_str = _InstanceOf(str)


def _to_optional_period(value: Any) -> Any:
    # As kind as documents: the text of a period, or a bare year (malstyrning.periods).
    return None if value is None else coerce_period(value)


@attrs.frozen(repr=False)
class _OptionalOf:
    """An attrs validator: None or an instance of ``types``, in one call.

    attrs' ``optional(instance_of(...))`` nests two calls; loading a plan runs this validator
    for every optional field of every node.
    """

    types: type | tuple[type, ...]

    def __call__(self, _: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None and not isinstance(value, self.types):
            raise _type_error(attribute, f"a {_names(self.types)} or None", value)

    def __repr__(self) -> str:
        return f"<optional instance_of validator for {self.types!r}>"


_optional_str = _OptionalOf(str)


def _check_id(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise InvalidPlan(
            f"{attribute.name} must be a stable id of letters, digits and . _ : - "
            f"starting with a letter or digit (got {value!r})"
        )


@attrs.frozen(repr=False)
class _TupleOf:
    """An attrs validator: a tuple whose items are all of ``types``.

    One call per field rather than attrs' nested ``deep_iterable`` (a call per item): plans
    hold hundreds of thousands of these fields, and loading one runs every validator.
    """

    types: tuple[type, ...]

    def __call__(self, _: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if type(value) is not tuple:
            raise _type_error(attribute, "a tuple", value)
        types = self.types
        for item in value:
            if not isinstance(item, types):
                raise _type_error(attribute, f"a tuple of {_names(types)}", item)

    def __repr__(self) -> str:
        return f"<tuple of {', '.join(t.__name__ for t in self.types)} validator>"


def _tuple_of(*types: type) -> Any:
    return _TupleOf(types)


def _to_value(value: Any) -> Any:
    if value is None or type(value) is Decimal:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        # The text a document may give ("5.7"), read by the documents' rule; else a plain error.
        return plain_number(value)
    return value


def _check_value(instance: Measurement, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, Decimal) and value.is_finite():
        # Built in Python as in a document: a number every later computation can do exactly.
        why = number_problem(value)
        if why is not None:
            raise InvalidPlan(f"a measurement's {attribute.name}: {why}")
        return
    # A measured value is plan data, not a target: the plan's error, in plain words.
    raise InvalidPlan(
        f"a measurement's {attribute.name} must be a finite number such as Decimal('4.1'), "
        f"yes/no (True or False) or None for a missing value (got {value!r})"
    )


def _as_tuple(items: Any) -> Any:
    # Typed as Any: mypy cannot infer a generic converter's element type per field.
    return tuple(items)


_PERIOD_ORDER = attrgetter("period.start", "period.end")


def _by_period(items: Any) -> Any:
    # Keep follow-up data in time order whatever order it was given in.
    items = tuple(items)
    if len(items) < 2:
        return items  # nothing to order; an item of the wrong type is the validator's to name
    return tuple(sorted(items, key=_PERIOD_ORDER))


@attrs.frozen(kw_only=True)
class Measurement:
    """An outcome for one period: a number (or yes/no), or the reason it is missing.

    >>> Measurement(period=Period("2019-T1"), missing=NotAssessedReason.MEASURED_LATER,
    ...             comment="Mäts i augusti 2019").value is None
    True
    """

    # Checked together in __attrs_post_init__ rather than by a validator per field: a plan
    # holds more measurements than anything else, and loading one makes them all.
    period: Period = attrs.field()
    value: Decimal | bool | None = attrs.field(default=None, converter=_to_value)
    missing: NotAssessedReason | None = attrs.field(default=None)
    comment: str = attrs.field(default="")

    def __attrs_post_init__(self) -> None:
        if self.period.__class__ is not Period:
            object.__setattr__(self, "period", coerce_period(self.period))
            check_period(self, _MEASUREMENT_FIELDS.period, self.period)
        value = self.value
        if value is not None and (
            value.__class__ is not Decimal
            or not value.is_finite()
            or number_problem(value) is not None
        ):
            _check_value(self, _MEASUREMENT_FIELDS.value, value)
        if self.missing is not None:
            _MEASUREMENT_MISSING(self, _MEASUREMENT_FIELDS.missing, self.missing)
        if self.comment.__class__ is not str:
            _str(self, _MEASUREMENT_FIELDS.comment, self.comment)
        if self.value is not None and self.missing is not None:
            raise InvalidPlan(
                f"a measurement for {self.period} has both a value ({self.value}) and a "
                f"reason it is missing ({self.missing.value}); give one of them"
            )


_MEASUREMENT_FIELDS = attrs.fields(Measurement)
_MEASUREMENT_MISSING = _OptionalOf(NotAssessedReason)


@attrs.frozen(kw_only=True)
class Series:
    """One series of an indicator: the total, women, men, an age group, or a reference.

    A reference series (``reference=True``, e.g. the national average "riket") is compared
    against, never judged itself.
    """

    key: str = attrs.field(validator=_check_id)
    label: str = attrs.field(default="", validator=_str)
    reference: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))
    measurements: tuple[Measurement, ...] = attrs.field(
        default=(), converter=_by_period, validator=_tuple_of(Measurement)
    )
    _by_period: dict[Period, Measurement] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_period", {m.period: m for m in self.measurements})

    def get(self, period: Period) -> Measurement | None:
        """The measurement for exactly this period, if any."""
        return self._by_period.get(period)

    def before(self, period: Period) -> list[Measurement]:
        """Measurements with a value, of the same period kind, that end before ``period``."""
        kind = period.kind
        return [
            m
            for m in self.measurements
            if m.value is not None and m.period.end < period.start and m.period.kind is kind
        ]


@attrs.frozen(kw_only=True)
class Judgement:
    """A person's assessment on one scale, with who, why and when; it overrides the derived one.

    ``scale`` names the scale judged on: the plan's scale when left out (the node's status),
    ``trend`` for an arrow (better, unchanged, worse, no trend given), ``goal_forecast`` for
    a forecast on goals and measures, ``activity_status`` on activities
    (:meth:`Plan.judgement_scales` says which a node can use). ``status`` is a level key of
    that scale.

    >>> judgement = Judgement(period=Period("2019-T1"), scale="trend", status="improving",
    ...                       by="Regionstyrelsen")
    >>> judgement.level, judgement.scale
    ('improving', 'trend')
    """

    period: Period = attrs.field(converter=coerce_period, validator=check_period)
    status: str = attrs.field(validator=_str)
    by: str = attrs.field(validator=_str)
    reason: str = attrs.field(default="", validator=_str)
    decided: date | None = attrs.field(default=None, validator=_OptionalOf(date))
    scale: str | None = attrs.field(default=None, validator=_optional_str)

    @property
    def level(self) -> str:
        """The level judged: a key of the judgement's scale."""
        return self.status


class TrendBasis(enum.Enum):
    """What a derived trend compares an outcome with (``Plan.trend_basis``)."""

    PREVIOUS = "previous"
    """The previous report of the same period kind (T2 with T1): the default."""
    YEAR_BEFORE = "year_before"
    """The same period a year earlier (2019-T2 with 2018-T2)."""


class Aggregation(enum.Enum):
    """How outcomes of shorter periods answer for a longer one (``Indicator.aggregation``).

    Only outcomes that lie inside the period assessed count: a longer period never answers
    for a shorter one, and an outcome of exactly the period always comes first.
    """

    LATEST = "latest"
    """The latest outcome within the period (levels and shares: a July figure for T2)."""
    SUM = "sum"
    """The sum of the outcomes within the period (counts)."""
    MEAN = "mean"
    """The mean of the outcomes within the period."""


@attrs.frozen(kw_only=True)
class Comment:
    """A comment on a node in one period's follow-up ("Kommentar")."""

    period: Period = attrs.field(converter=coerce_period, validator=check_period)
    text: str = attrs.field(validator=_str)


@attrs.frozen(kw_only=True)
class Report:
    """An assignment's progress report or an activity's status for a period.

    For assignments ``status`` is a level of the plan's scale (green: done); for activities a
    level of :data:`~malstyrning.scales.ACTIVITY_STATUS`. None means the report gives words
    but no status.
    """

    period: Period = attrs.field(converter=coerce_period, validator=check_period)
    status: str | None = attrs.field(default=None, validator=_optional_str)
    comment: str = attrs.field(default="", validator=_str)


_KOLADA_ID = re.compile(r"[A-Za-z0-9]+")


def _check_kolada_id(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    # Ids go into the request's path, where a comma or slash would change the query.
    if value is not None and (not isinstance(value, str) or not _KOLADA_ID.fullmatch(value)):
        raise InvalidPlan(
            f"{attribute.name} must be a Kolada id of letters and digits, such as "
            f"'N00945' or '2281' (got {value!r})"
        )


@attrs.frozen(kw_only=True)
class KoladaSource:
    """Where an indicator's outcomes are in Kolada: a KPI, for a municipality or region.

    ``municipality`` (Kolada's id: ``"2281"``, a region ``"0022"``) may be left out when the
    plan names one for all its indicators (``Plan.kolada_municipality``).

    >>> KoladaSource(kpi="N00945", municipality="2281")
    KoladaSource(kpi='N00945', municipality='2281')
    """

    kpi: str = attrs.field(validator=_check_kolada_id)
    municipality: str | None = attrs.field(default=None, validator=_check_kolada_id)


# Shared by every indicator that gives no series (series are immutable): a default built per
# indicator would also be built again on every dump, to see whether the field is the default.
_TOTAL_ONLY = (Series(key="total"),)


def _read_target_text(indicator: Indicator) -> Rule:
    """The rule an indicator's ``target_text`` states, read as a Swedish document reads it."""
    assert indicator.target_text is not None
    names = {series.key: series.key for series in indicator.series}
    names.update({series.label: series.key for series in indicator.series if series.label})
    context = TargetContext(direction=indicator.direction, unit=indicator.unit, series=names)
    try:
        return parse_target(indicator.target_text, context=context)
    except UnreadableTarget as error:
        raise UnreadableTarget(
            f"indicator {indicator.id!r}: target_text: {error}",
            text=error.text,
            offset=error.offset,
            length=error.length,
            expected=error.expected,
            suggestion=error.suggestion,
            candidates=error.candidates,
        ) from None


def _children_repr(children: tuple[object, ...]) -> str:
    return f"<{len(children)} nodes>"


@attrs.frozen(kw_only=True)
class Indicator:
    """A quantitative indicator ("indikator", "mätetal", "nyckeltal").

    Args:
        id: stable id, unique in the plan.
        title: the indicator's wording, as in the plan.
        unit: "%", "rec/TIN", "antal", "index", "kr" ... or None.
        direction: whether higher or lower values are better.
        target: the target rule, or None where the plan gives none ("inga måltal").
        series: the series with their measurements; one series ``total`` by default.
        primary_series: the series that stands for the indicator (trend, pace, value shown);
            by default ``total`` or the first series that is not a reference.
        target_text: the target as the plan writes it ("<250 rec/TIN"), kept for display.
            Given without ``target``, it is read into ``target`` here, in Swedish, with the
            indicator's direction, unit and series (documents read it in the plan's
            ``language``; see :func:`~malstyrning.target_text.parse_target`). A text that
            cannot be read raises :class:`~malstyrning.errors.UnreadableTarget`.
        kolada: the Kolada KPI (and municipality) the outcomes come from, if any; see
            :mod:`malstyrning.kolada`.
        pace: how pace is judged for this indicator, where it differs from its goal level's
            or the plan's (:class:`~malstyrning.pace_method.PaceMethod`); None: theirs.
        owner: the committee or board that answers for it; by default its goal's owner.
        aggregation: how outcomes of shorter periods answer for the period assessed
            (:class:`Aggregation`); by default only an outcome of exactly that period counts.
    """

    id: str = attrs.field(validator=_check_id)
    title: str = attrs.field(validator=_str)
    owner: str | None = attrs.field(default=None, validator=_optional_str)
    unit: str | None = attrs.field(default=None, validator=_optional_str)
    direction: Direction = attrs.field(
        default=Direction.HIGHER_IS_BETTER, validator=attrs.validators.instance_of(Direction)
    )
    target: Rule | None = attrs.field(default=None, validator=_OptionalOf((Rule,)))
    target_text: str | None = attrs.field(default=None, validator=_optional_str)
    series: tuple[Series, ...] = attrs.field(
        default=_TOTAL_ONLY, converter=_as_tuple, validator=_tuple_of(Series)
    )
    primary_series: str | None = attrs.field(default=None, validator=_optional_str)
    source: str | None = attrs.field(default=None, validator=_optional_str)
    pace: PaceMethod | None = attrs.field(default=None, validator=_OptionalOf((PaceMethod,)))
    aggregation: Aggregation | None = attrs.field(
        default=None, validator=_OptionalOf((Aggregation,))
    )
    description: str = attrs.field(default="", validator=_str)
    judgements: tuple[Judgement, ...] = attrs.field(
        default=(), converter=_by_period, validator=_tuple_of(Judgement)
    )
    comments: tuple[Comment, ...] = attrs.field(
        default=(), converter=_by_period, validator=_tuple_of(Comment)
    )
    extensions: FrozenMap[str, Any] = attrs.field(default=EMPTY, converter=freeze_json, repr=False)
    kolada: KoladaSource | None = attrs.field(
        default=None, validator=_OptionalOf(KoladaSource), repr=False
    )

    kind = "indicator"

    def __attrs_post_init__(self) -> None:
        if self.target is None and self.target_text is not None:
            # As strict as documents: a target given as text is read now, or refused.
            object.__setattr__(self, "target", _read_target_text(self))

    def _repr_html_(self) -> str | None:
        # Jupyter's rich display: the report layer registers the renderer (see _display).
        return _display.html(self)

    @property
    def main_series(self) -> Series:
        """The series that stands for the indicator."""
        if self.primary_series is not None:
            for series in self.series:
                if series.key == self.primary_series:
                    return series
        for series in self.series:
            if series.key == "total":
                return series
        for series in self.series:
            if not series.reference:
                return series
        return self.series[0]

    def series_named(self, key: str) -> Series | None:
        """The series with this key, if any."""
        return next((series for series in self.series if series.key == key), None)


@attrs.frozen(kw_only=True)
class YesNoMeasure:
    """A qualitative measure answered yes or no per period ("Mått – kvalitativt (Ja/Nej)")."""

    id: str = attrs.field(validator=_check_id)
    title: str = attrs.field(validator=_str)
    owner: str | None = attrs.field(default=None, validator=_optional_str)
    expected: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))
    measurements: tuple[Measurement, ...] = attrs.field(
        default=(), converter=_by_period, validator=_tuple_of(Measurement)
    )
    source: str | None = attrs.field(default=None, validator=_optional_str)
    description: str = attrs.field(default="", validator=_str)
    judgements: tuple[Judgement, ...] = attrs.field(
        default=(), converter=_by_period, validator=_tuple_of(Judgement)
    )
    comments: tuple[Comment, ...] = attrs.field(
        default=(), converter=_by_period, validator=_tuple_of(Comment)
    )
    extensions: FrozenMap[str, Any] = attrs.field(default=EMPTY, converter=freeze_json, repr=False)

    kind = "yes_no"

    def _repr_html_(self) -> str | None:
        # Jupyter's rich display: the report layer registers the renderer (see _display).
        return _display.html(self)

    @property
    def target(self) -> YesNo:
        """The implied rule: the expected answer."""
        return YesNo(expected=self.expected)


@attrs.frozen(kw_only=True)
class _Reported:
    """The fields of nodes judged by reports rather than by numbers."""

    id: str = attrs.field(validator=_check_id)
    title: str = attrs.field(validator=_str)
    owner: str | None = attrs.field(default=None, validator=_optional_str)
    reports: tuple[Report, ...] = attrs.field(
        default=(), converter=_by_period, validator=_tuple_of(Report)
    )
    description: str = attrs.field(default="", validator=_str)
    judgements: tuple[Judgement, ...] = attrs.field(
        default=(), converter=_by_period, validator=_tuple_of(Judgement)
    )
    comments: tuple[Comment, ...] = attrs.field(
        default=(), converter=_by_period, validator=_tuple_of(Comment)
    )
    extensions: FrozenMap[str, Any] = attrs.field(default=EMPTY, converter=freeze_json, repr=False)

    def _repr_html_(self) -> str | None:
        # Jupyter's rich display: the report layer registers the renderer (see _display).
        return _display.html(self)


@attrs.frozen(kw_only=True)
class Assignment(_Reported):
    """A task given by the committee ("uppdrag"), assessed on progress rather than a number.

    Each report's status is a level of the plan's scale (green: done) or, where the
    follow-up reports assignments as it does activities, a level of
    :data:`~malstyrning.scales.ACTIVITY_STATUS` (done, ongoing ...): the assignment keeps
    that status as its own and reads on the plan's colours as an activity's would.
    """

    kind = "assignment"


def _check_serves(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not tuple or not all(
        isinstance(item, str) and _ID.fullmatch(item) for item in value
    ):
        raise InvalidPlan(
            f"{attribute.name} must be a list of node ids (goals, indicators, yes/no measures "
            f"or assignments of the plan), such as ['antibiotika', 'uppdrag-1'] (got {value!r})"
        )
    if len(set(value)) < len(value):
        raise InvalidPlan(f"{attribute.name} names a node twice (got {value!r})")


@attrs.frozen(kw_only=True)
class Activity(_Reported):
    """An activity ("aktivitet") with a status per period: done, ongoing, planned, delayed.

    Each report's status is a level of :data:`~malstyrning.scales.ACTIVITY_STATUS`, the
    activity's own scale: evaluation keeps it (``Assessment.own_status``) and reads it on
    the plan's colours only for a roll-up or a report. ``serves`` names, by id, the other
    goals, key figures (indicators, yes/no measures) or assignments the activity serves
    besides the goal it sits under; the plan checks that they exist.

    >>> Activity(id="a1", title="Utbildning", serves=("antibiotika", "uppdrag-1")).serves
    ('antibiotika', 'uppdrag-1')
    """

    serves: tuple[str, ...] = attrs.field(default=(), converter=_as_tuple, validator=_check_serves)

    kind = "activity"


Leaf: TypeAlias = Indicator | YesNoMeasure | Assignment | Activity
"""A node with no children."""


@attrs.frozen(kw_only=True)
class Goal:
    """A goal at any level: goal area, strategy, strategic goal, result goal, success factor.

    Args:
        id: stable id, unique in the plan.
        title: the goal's wording, as in the plan.
        level: the key of one of the plan's levels (``strategy``, ``result_goal`` ...).
        owner: the committee or board that owns it ("Hälso- och sjukvårdsnämnden").
        children: sub-goals and leaves, in the plan's order.
    """

    id: str = attrs.field(validator=_check_id)
    title: str = attrs.field(validator=_str)
    level: str = attrs.field(validator=_str)
    owner: str | None = attrs.field(default=None, validator=_optional_str)
    description: str = attrs.field(default="", validator=_str)
    children: tuple[Node, ...] = attrs.field(default=(), converter=_as_tuple, repr=_children_repr)
    judgements: tuple[Judgement, ...] = attrs.field(
        default=(), converter=_by_period, validator=_tuple_of(Judgement)
    )
    comments: tuple[Comment, ...] = attrs.field(
        default=(), converter=_by_period, validator=_tuple_of(Comment)
    )
    extensions: FrozenMap[str, Any] = attrs.field(default=EMPTY, converter=freeze_json, repr=False)

    kind = "goal"

    def _repr_html_(self) -> str | None:
        # Jupyter's rich display: the report layer registers the renderer (see _display).
        return _display.html(self)


Node: TypeAlias = Goal | Indicator | YesNoMeasure | Assignment | Activity
"""Any node of a plan."""

NODE_TYPES: tuple[type[Node], ...] = (Goal, Indicator, YesNoMeasure, Assignment, Activity)


def _locale_codes(locale: LocaleLike) -> tuple[str, ...]:
    # "en_GB" (or a babel Locale) asks for "en_GB", then "en"; no babel needed for that.
    code = str(locale).replace("-", "_")
    language = code.split("_")[0]
    return (code,) if language == code else (code, language)


def _labels(value: Any) -> Any:
    # Typed as Any: the converter also receives what a document holds, checked just below.
    if isinstance(value, FrozenMap):
        return value
    return FrozenMap(value) if isinstance(value, Mapping) else value


def _check_labels(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, FrozenMap) or not all(
        isinstance(code, str) and code and isinstance(text, str) and text
        for code, text in value.items()
    ):
        raise InvalidPlan(
            f"{attribute.name} must map locale codes to texts, such as "
            f'{{"en": "Result goal", "nb": "Resultatmål"}} (got {value!r})'
        )


def _pick(labels: Mapping[str, str], locale: LocaleLike) -> str | None:
    for code in _locale_codes(locale):
        text = labels.get(code)
        if text is not None:
            return text
    return None


@attrs.frozen
class PlanLevel:
    """One of the plan's own level names: ``PlanLevel("strategy", "Strategi")``.

    ``label`` is the name in the plan's language; ``labels`` may name the level in other
    languages (by locale code), for reports in them.

    >>> level = PlanLevel("result_goal", "Resultatmål", labels={"en": "Result goal"})
    >>> level.name(locale="en"), level.name(locale="en_GB"), level.name(locale="nb")
    ('Result goal', 'Result goal', 'Resultatmål')
    """

    key: str = attrs.field(validator=_check_id)
    label: str = attrs.field(validator=_str)
    # How pace is judged for the goals of this level and what lies below them.
    pace: PaceMethod | None = attrs.field(
        default=None, kw_only=True, validator=_OptionalOf((PaceMethod,))
    )
    labels: FrozenMap[str, str] = attrs.field(
        default=EMPTY, kw_only=True, converter=_labels, validator=_check_labels
    )
    # How the goals of this level combine their children (else the plan's policy).
    rollup: RollupPolicy | None = attrs.field(
        default=None, kw_only=True, validator=_OptionalOf((RollupPolicy,))
    )

    def name(self, *, locale: LocaleLike | None = None) -> str:
        """The level's name in ``locale``, else in the plan's language (``label``)."""
        if locale is None or not self.labels:
            return self.label
        return _pick(self.labels, locale) or self.label


KINDS = ("goal", "indicator", "yes_no", "assignment", "activity")
"""The node kinds, as documents tag them (``"kind": "indicator"``)."""


def _kinds(value: Any) -> Any:
    # Typed as Any: the converter also receives what a document holds, checked just below.
    if isinstance(value, FrozenMap) and all(isinstance(v, FrozenMap) for v in value.values()):
        return value
    if not isinstance(value, Mapping):
        return value
    return FrozenMap({k: _labels(v) for k, v in value.items()})


def _check_kinds(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, FrozenMap):
        raise InvalidPlan(
            f"{attribute.name} must map node kinds to their names per locale, such as "
            f'{{"indicator": {{"sv": "Mätetal", "en": "Measures"}}}} (got {value!r})'
        )
    for kind, labels in value.items():
        if kind not in KINDS:
            raise InvalidPlan(
                f"{attribute.name} names an unknown node kind {kind!r} "
                f"(the kinds: {', '.join(KINDS)})"
            )
        _check_labels(None, attribute, labels)


_ID_OF = attrgetter("id")


class _Entry(NamedTuple):
    # Depth and path are derived from the parent chain when asked for: storing them would
    # make every insertion renumber the nodes after it, and a revision cost the plan's size.
    # A named tuple: one is made per node on every load, and it is cheaper than an attrs class.
    node: Node
    parent: str | None


@attrs.frozen(kw_only=True, repr=False)
class Plan:
    """A goal-management plan: its levels, its goal tree and the follow-up data in it.

    Args:
        id: stable id of the plan (``vasternorrland-2022``).
        title: the plan's title as decided.
        organisation: the region, municipality or committee whose plan it is.
        validity: the period the plan covers (``2022-01-01/2024-12-31``, or ``2019``).
        levels: the plan's own level names, outermost first.
        goals: the top-level goals.
        scale: the scale statuses are reported on (three colours by default).
        vision: the vision the plan serves, if stated.
        reporting_period: the follow-up period the document reports, if it is a follow-up.
        units: units the plan uses beyond the built-in ones (:data:`BUILTIN_UNITS`), so that
            a misspelt unit ("rec/TlN") is caught rather than taken for a new one.
        language: the locale code of the plan's own texts (``sv``, ``en``, ``nb`` or a
            registered catalogue's code): the language its target texts are read in, and the
            one the command line reports in when no ``--locale`` is given. Swedish if unstated.
        pace: how pace is judged (:class:`~malstyrning.pace_method.PaceMethod`); a level
            or an indicator may state its own, and the nearest wins. None: the built-in
            default, the published progress method.
        extensions: anything a tool wants to keep with the plan (also on every node): JSON
            values under this reserved key are carried through every load and dump untouched.
        history: the revisions applied to the plan, oldest first, each with what undoes it
            (see :mod:`malstyrning.revisions`); empty for a plan as first decided.
        kolada_municipality: the Kolada municipality or region id (``"0022"``) of indicators
            whose ``kolada`` names a KPI but no municipality.
        trend_basis: what a derived trend compares with (:class:`TrendBasis`): the previous
            report (by default) or the same period a year earlier.
        kinds: what the plan calls its node kinds, per locale code, as its headings and
            summaries print them (``{"indicator": {"sv": "Kortsiktiga nyckeltal",
            "en": "Short-term key figures"}}``); a kind it does not name keeps the
            catalogue's word (see :meth:`kind_label`).
        rollup: how goals combine their children's statuses (a
            :class:`~malstyrning.rollup.RollupPolicy`: worst, majority, mean of ranks or
            share thresholds); a level may state its own (``PlanLevel.rollup``). The worst
            child decides when neither does.
        rollup_activities: whether activities count in their goals' combined status (read
            on the plan's scale); by default they do not, and are counted by their own status.

    Raises:
        InvalidPlan: listing every breach: duplicate ids, unknown levels, statuses not on
            the scale, rules naming missing series, units or directions at odds with the
            indicator.
    """

    id: str = attrs.field(validator=_check_id)
    title: str = attrs.field(validator=_str)
    organisation: str = attrs.field(validator=_str)
    validity: Period = attrs.field(converter=coerce_period, validator=check_period)
    levels: tuple[PlanLevel, ...] = attrs.field(converter=_as_tuple, validator=_tuple_of(PlanLevel))
    goals: tuple[Goal, ...] = attrs.field(converter=_as_tuple, validator=_tuple_of(Goal))
    scale: Scale = attrs.field(default=TRAFFIC_LIGHT, validator=attrs.validators.instance_of(Scale))
    vision: str | None = attrs.field(default=None, validator=_optional_str)
    description: str = attrs.field(default="", validator=_str)
    reporting_period: Period | None = attrs.field(
        default=None, converter=_to_optional_period, validator=_OptionalOf(Period)
    )
    units: tuple[str, ...] = attrs.field(default=(), converter=_as_tuple, validator=_tuple_of(str))
    language: str | None = attrs.field(default=None, validator=_optional_str)
    pace: PaceMethod | None = attrs.field(default=None, validator=_OptionalOf((PaceMethod,)))
    trend_basis: TrendBasis | None = attrs.field(default=None, validator=_OptionalOf((TrendBasis,)))
    extensions: FrozenMap[str, Any] = attrs.field(default=EMPTY, converter=freeze_json, repr=False)
    history: tuple[HistoryEntry, ...] = attrs.field(
        default=(), converter=_as_tuple, validator=lambda _, __, value: _check_history(value)
    )
    kolada_municipality: str | None = attrs.field(default=None, validator=_check_kolada_id)
    kinds: FrozenMap[str, FrozenMap[str, str]] = attrs.field(
        default=EMPTY, converter=_kinds, validator=_check_kinds, repr=False
    )
    rollup: RollupPolicy | None = attrs.field(
        default=None, validator=_OptionalOf((RollupPolicy,)), repr=False
    )
    rollup_activities: bool = attrs.field(
        default=False, validator=attrs.validators.instance_of(bool), repr=False
    )
    # A persistent map (a hash array mapped trie): a revised plan shares all but the changed
    # entries with the plan it came from, so applying an operation costs the tree's depth.
    _index: immutables.Map[str, _Entry] = attrs.field(init=False, eq=False, repr=False, hash=False)
    # The activities that name further nodes they serve: checked again when nodes leave.
    _serving: frozenset[str] = attrs.field(
        init=False, eq=False, repr=False, hash=False, default=frozenset()
    )

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_index", _build_index(self))

    # -- lookups --------------------------------------------------------------------------

    def __getitem__(self, node_id: str) -> Node:
        try:
            return self._index[node_id].node
        except KeyError:
            raise UnknownNode.for_id(
                node_id, self.id, difflib.get_close_matches(node_id, self._index, n=3)
            ) from None

    def get(self, node_id: str) -> Node | None:
        """The node with this id, or None."""
        entry = self._index.get(node_id)
        return entry.node if entry else None

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._index

    def __len__(self) -> int:
        return len(self._index)

    def __iter__(self) -> Iterator[Node]:
        return self.walk()

    def walk(self) -> Iterator[Node]:
        """Every node, depth first in the plan's order (a goal before its children)."""
        stack: list[Node] = list(reversed(self.goals))
        while stack:
            node = stack.pop()
            yield node
            if isinstance(node, Goal):
                stack.extend(reversed(node.children))

    def parent(self, node_id: str) -> Goal | None:
        """The goal a node sits under, or None for a top-level goal."""
        self[node_id]  # raises UnknownNode with suggestions
        parent = self._index[node_id].parent
        return None if parent is None else self._index[parent].node  # type: ignore[return-value]

    def ancestors(self, node_id: str) -> list[Goal]:
        """The goals above a node, outermost first."""
        chain: list[Goal] = []
        parent = self.parent(node_id)
        while parent is not None:
            chain.append(parent)
            parent = self.parent(parent.id)
        return chain[::-1]

    def depth(self, node_id: str) -> int:
        """0 for a top-level goal, 1 for its children, and so on."""
        self[node_id]
        depth = 0
        parent = self._index[node_id].parent
        while parent is not None:
            depth += 1
            parent = self._index[parent].parent
        return depth

    def path_of(self, node_id: str) -> str:
        """The node's place in the document (``$.goals[0].children[2]``)."""
        self[node_id]
        steps: list[str] = []
        current: str | None = node_id
        while current is not None:
            parent = self._index[current].parent
            above = None if parent is None else self._index[parent].node
            siblings: tuple[Node, ...] = above.children if isinstance(above, Goal) else self.goals
            position = list(map(_ID_OF, siblings)).index(current)
            steps.append(f".goals[{position}]" if parent is None else f".children[{position}]")
            current = parent
        return "$" + "".join(reversed(steps))

    # -- versions (earlier ones are rebuilt by malstyrning.revisions) ----------------------

    @property
    def version(self) -> int:
        """1 for the plan as first decided, plus one for every revision applied since."""
        return len(self.history) + 1

    @classmethod
    def from_changes(
        cls,
        base: Plan,
        *,
        goals: tuple[Goal, ...],
        history: tuple[HistoryEntry, ...],
        placed: Mapping[str, tuple[Node, str | None]] | None = None,
        removed: AbstractSet[str] = frozenset(),
        changed: AbstractSet[str] = frozenset(),
    ) -> Plan:
        """``base`` with another goal tree and history, built from the changes alone.

        The constructor indexes and checks every node; a revision changes a few, so this
        constructor takes the changes and shares everything else with ``base``: its cost is
        that of the changes, not of the plan. ``placed`` gives every node whose object or
        parent goal changed, with the id of that parent (None at the top level), the goals
        rebuilt above a changed node included; ``removed`` the ids no longer in the tree; and
        ``changed`` the nodes whose own content is new, checked as the constructor checks
        them. The caller vouches that these describe ``goals``: :mod:`malstyrning.revisions`
        derives them as it applies operations.

        Raises:
            InvalidPlan: a changed node breaks a rule of the plan (an unknown level, unit
                or status ...), or the history is not in the order revisions take effect.

        >>> plan = Plan(id="p", title="Plan", organisation="Region", validity=Period("2020"),
        ...             levels=(PlanLevel("goal", "Mål"),),
        ...             goals=(Goal(id="g1", title="Mål 1", level="goal"),))
        >>> renamed = attrs.evolve(plan.goals[0], title="Nytt mål 1")
        >>> revised = Plan.from_changes(plan, goals=(renamed,), history=(),
        ...                             placed={"g1": (renamed, None)}, changed={"g1"})
        >>> revised["g1"].title, revised == attrs.evolve(plan, goals=(renamed,))
        ('Nytt mål 1', True)
        """
        _check_history(history)
        # Not through __init__, which would index and check the whole tree again.
        revised = cls.__new__(cls)
        for field in attrs.fields(cls):
            if field.init:
                object.__setattr__(revised, field.name, getattr(base, field.name))
        object.__setattr__(revised, "goals", goals)
        object.__setattr__(revised, "history", history)
        with base._index.mutate() as index:
            for node_id in removed:
                index.pop(node_id, None)
            for node_id, (node, parent) in (placed or {}).items():
                index[node_id] = _Entry(node, parent)
            object.__setattr__(revised, "_index", index.finish())
        problems: list[Problem] = []
        level_keys, units = _known_levels_and_units(base)
        for node_id in changed:
            found = revised.get(node_id)
            if found is not None:
                _check_content(
                    revised,
                    found,
                    revised.path_of(node_id),
                    level_keys=level_keys,
                    units=units,
                    problems=problems,
                )
        # An activity's links: its own when it changed, and every one when nodes left.
        serving = set(base._serving - removed)
        for node_id in changed:
            found = revised.get(node_id)
            if isinstance(found, Activity) and found.serves:
                serving.add(node_id)
            else:
                serving.discard(node_id)
        object.__setattr__(revised, "_serving", frozenset(serving))
        for node_id in sorted(serving if removed else serving & set(changed)):
            found = revised.get(node_id)
            if isinstance(found, Activity):
                path = revised.path_of(node_id)
                _check_serves_links(found, path, revised._index.get, problems)
        if problems:
            raise InvalidPlan.from_problems(f"plan {base.id!r} is not valid", problems)
        return revised

    def judgement_scales(self, node: Node) -> Mapping[str, Scale]:
        """The scales a person may judge ``node`` on, by key (see :class:`Judgement`).

        Every node takes the plan's scale (its status) and a trend; goals and measures a
        forecast; activities their own status.

        >>> plan = Plan(id="p", title="Plan", organisation="Region", validity=Period("2020"),
        ...             levels=(PlanLevel("goal", "Mål"),),
        ...             goals=(Goal(id="g1", title="Mål 1", level="goal"),))
        >>> list(plan.judgement_scales(plan["g1"]))
        ['traffic_light', 'trend', 'goal_forecast']
        """
        scales = {self.scale.key: self.scale, TREND.key: TREND}
        if isinstance(node, Activity):
            scales.setdefault(ACTIVITY_STATUS.key, ACTIVITY_STATUS)
        elif not isinstance(node, Assignment):
            scales.setdefault(GOAL_FORECAST.key, GOAL_FORECAST)
        return scales

    def level_label(self, key: str, *, locale: LocaleLike | None = None) -> str:
        """The plan's own name for a level key, in ``locale`` where the plan gives one.

        Without a name in ``locale`` (or without ``locale``) the name is the plan's own
        (:attr:`PlanLevel.label`, in the plan's language).
        """
        for level in self.levels:
            if level.key == key:
                return level.name(locale=locale)
        raise UnknownNode(f"plan {self.id!r} has no level {key!r}")

    def kind_label(self, kind: str, *, locale: LocaleLike) -> str:
        """What the plan calls a node kind in ``locale``: its own word, else the catalogue's.

        The plan's word in ``locale`` comes first, then its word in its own language
        (``language``, Swedish when unstated), then the catalogue's word for the kind.

        >>> plan = Plan(id="p", title="Plan", organisation="Region", validity=Period("2024"),
        ...             levels=(), goals=(),
        ...             kinds={"indicator": {"sv": "Kortsiktiga nyckeltal",
        ...                                  "en": "Short-term key figures"}})
        >>> plan.kind_label("indicator", locale="en"), plan.kind_label("indicator", locale="nb")
        ('Short-term key figures', 'Kortsiktiga nyckeltal')
        >>> plan.kind_label("assignment", locale="en")
        'assignment'
        """
        labels = self.kinds.get(kind)
        if labels:
            text = _pick(labels, locale) or _pick(labels, self.language or "sv")
            if text is not None:
                return text
        return translate(f"kind.{kind}", locale=locale)

    def _repr_html_(self) -> str | None:
        # Jupyter's rich display: the report layer registers the renderer (see _display).
        return _display.html(self)

    def __repr__(self) -> str:
        return (
            f"Plan(id={self.id!r}, title={self.title!r}, organisation={self.organisation!r}, "
            f"validity={self.validity!r}, nodes={len(self)})"
        )


def _build_index(plan: Plan) -> immutables.Map[str, _Entry]:
    index: dict[str, _Entry] = {}
    paths: dict[str, str] = {}
    problems: list[Problem] = []
    level_keys, units = _known_levels_and_units(plan)
    if len(level_keys) != len(plan.levels):
        problems.append(Problem("$.levels", "level keys must be unique"))

    serving: list[tuple[Activity, str]] = []

    def visit(node: Node, parent: str | None, path: str) -> None:
        if not isinstance(node, NODE_TYPES):
            problems.append(
                Problem(
                    path,
                    f"expected a goal, indicator, yes/no measure, assignment or "
                    f"activity (got {type(node).__name__})",
                )
            )
            return
        if node.id in index:
            problems.append(
                Problem(f"{path}.id", f"duplicate id {node.id!r} (first at {paths[node.id]})")
            )
        else:
            index[node.id] = _Entry(node, parent)
            paths[node.id] = path
        _check_content(plan, node, path, level_keys=level_keys, units=units, problems=problems)
        if isinstance(node, Goal):
            for position, child in enumerate(node.children):
                visit(child, node.id, f"{path}.children[{position}]")
        elif isinstance(node, Activity) and node.serves:
            serving.append((node, path))

    for position, goal in enumerate(plan.goals):
        visit(goal, None, f"$.goals[{position}]")
    # Links are checked once every node is known; only activities that name some are kept.
    for activity, path in serving:
        _check_serves_links(activity, path, index.get, problems)
    object.__setattr__(plan, "_serving", frozenset(activity.id for activity, _ in serving))
    _check_rollups(plan, problems)
    if problems:
        raise InvalidPlan.from_problems(f"plan {plan.id!r} is not valid", problems)
    return immutables.Map(index)


def _check_serves_links(
    node: Activity,
    path: str,
    find: Callable[[str], _Entry | None],
    problems: list[Problem],
) -> None:
    """Every node an activity serves exists and is a goal, a measure or an assignment."""
    for position, target in enumerate(node.serves):
        entry = find(target)
        where = f"{path}.serves[{position}]"
        if entry is None:
            problems.append(
                Problem(where, f"activity {node.id!r} serves {target!r}, which is not in the plan")
            )
        elif isinstance(entry.node, Activity):
            problems.append(
                Problem(
                    where,
                    f"activity {node.id!r} serves {target!r}, another activity; an activity "
                    "serves goals, key figures or assignments",
                )
            )


def _check_rollups(plan: Plan, problems: list[Problem]) -> None:
    """Share thresholds name levels of the plan's scale."""
    if plan.rollup is not None:
        found = check_policy(plan.rollup, plan.scale, "the plan's roll-up policy")
        if found:
            problems.append(Problem("$.rollup", found))
    for position, level in enumerate(plan.levels):
        if level.rollup is not None:
            found = check_policy(level.rollup, plan.scale, f"level {level.key!r}'s roll-up")
            if found:
                problems.append(Problem(f"$.levels[{position}].rollup", found))


def _known_levels_and_units(plan: Plan) -> tuple[set[str], AbstractSet[str]]:
    """The level keys and units a plan's nodes may use."""
    return {level.key for level in plan.levels}, BUILTIN_UNITS | set(plan.units)


def _check_content(
    plan: Plan,
    node: Node,
    path: str,
    *,
    level_keys: set[str],
    units: AbstractSet[str],
    problems: list[Problem],
) -> None:
    """What a plan checks of one node by itself (its ids and place are checked by the tree)."""
    _check_node(plan, node, path, level_keys=level_keys, units=units, problems=problems)
    _check_follow_up(plan, node, path, problems)


def _check_follow_up(plan: Plan, node: Node, path: str, problems: list[Problem]) -> None:
    # Outcomes may predate the plan (baselines) and target levels may lie beyond it, but a
    # follow-up (judgement, report, comment) is always about a period the plan covers.
    entries: list[tuple[str, tuple[Judgement | Comment | Report, ...]]] = []
    if node.judgements:
        entries.append(("judgements", node.judgements))
    if node.comments:
        entries.append(("comments", node.comments))
    if isinstance(node, Assignment | Activity) and node.reports:
        entries.append(("reports", node.reports))
    for name, items in entries:
        for position, item in enumerate(items):
            if not plan.validity.overlaps(item.period):
                problems.append(
                    Problem(
                        f"{path}.{name}[{position}].period",
                        f"period {item.period} is outside the plan's validity {plan.validity}",
                    )
                )


def _check_node(
    plan: Plan,
    node: Node,
    path: str,
    *,
    level_keys: set[str],
    units: AbstractSet[str],
    problems: list[Problem],
) -> None:
    scale = plan.scale
    if node.judgements:
        _check_judgements(plan, node, path, problems)
    if len(scale.achievements) < _VERDICTS and _judged_by_rule(node, scale):
        # Caught here, with the node's place: evaluating would fail on the first outcome.
        problems.append(
            Problem(
                f"{path}.target",
                f"the plan's scale {scale.key!r} does not say which level a rule verdict "
                f"lands on, so this {node.kind}'s target cannot be judged; report on a scale "
                "that does (traffic_light, goal_forecast, or one with achievements) or give "
                "the node no target and judge it by hand",
            )
        )
    if isinstance(node, Goal):
        if node.level not in level_keys:
            problems.append(
                Problem(
                    f"{path}.level",
                    f"unknown level {node.level!r} (the plan's levels: "
                    f"{', '.join(sorted(level_keys)) or 'none'})",
                )
            )
    elif isinstance(node, Indicator):
        _check_indicator(node, path, units, problems)
    elif isinstance(node, YesNoMeasure):
        for position, measurement in enumerate(node.measurements):
            if measurement.value is not None and not isinstance(measurement.value, bool):
                problems.append(
                    Problem(
                        f"{path}.measurements[{position}].value",
                        f"a yes/no measure takes true or false (got {measurement.value})",
                    )
                )
        _check_unique_periods(node.measurements, f"{path}.measurements", problems)
    else:
        report_scale = scale if isinstance(node, Assignment) else ACTIVITY_STATUS
        # An assignment reports on the plan's scale or, as some follow-ups do, in an
        # activity's words (done, ongoing ...), which it then keeps as its own status.
        also = ACTIVITY_STATUS if isinstance(node, Assignment) else None
        for position, report in enumerate(node.reports):
            status = report.status
            if (
                status is not None
                and status not in report_scale
                and (also is None or status not in also)
            ):
                expected = ", ".join(report_scale.keys)
                if also is not None:
                    expected += f"; or on scale {also.key!r}: {', '.join(also.keys)}"
                problems.append(
                    Problem(
                        f"{path}.reports[{position}].status",
                        f"unknown status {status!r} on scale {report_scale.key!r} "
                        f"(expected one of {expected})",
                    )
                )
        _check_unique_periods(node.reports, f"{path}.reports", problems)


_VERDICTS = len(Achievement)


def _judged_by_rule(node: Node, scale: Scale) -> bool:
    if isinstance(node, Indicator):
        return node.target is not None
    if isinstance(node, Activity):
        # Activity statuses read on the plan's scale through its achievements or equivalents.
        return any(r.status is not None for r in node.reports) and (
            ACTIVITY_STATUS.key not in scale.equivalents
        )
    return isinstance(node, YesNoMeasure)


def _check_judgements(plan: Plan, node: Node, path: str, problems: list[Problem]) -> None:
    usable = plan.judgement_scales(node)
    for position, judgement in enumerate(node.judgements):
        key = judgement.scale or plan.scale.key
        scale = usable.get(key)
        if scale is None:
            problems.append(
                Problem(
                    f"{path}.judgements[{position}].scale",
                    f"a {node.kind} cannot be judged on scale {key!r}; it can be judged on "
                    f"{', '.join(usable)}",
                )
            )
        elif judgement.status not in scale:
            problems.append(
                Problem(
                    f"{path}.judgements[{position}].status",
                    f"unknown status {judgement.status!r} on scale {scale.key!r} "
                    f"(expected one of {', '.join(scale.keys)})",
                )
            )


def _check_unique_periods(
    items: tuple[Measurement | Report, ...], path: str, problems: list[Problem]
) -> None:
    seen: set[Period] = set()
    for position, item in enumerate(items):
        if item.period in seen:
            problems.append(
                Problem(f"{path}[{position}].period", f"a second entry for period {item.period}")
            )
        seen.add(item.period)


def _check_indicator(
    node: Indicator, path: str, units: AbstractSet[str], problems: list[Problem]
) -> None:
    keys = [series.key for series in node.series]
    if not keys:
        problems.append(Problem(f"{path}.series", "an indicator needs at least one series"))
    repeated_keys = len(set(keys)) < len(keys)
    for position, series in enumerate(node.series):
        if repeated_keys and keys.index(series.key) != position:
            problems.append(
                Problem(f"{path}.series[{position}].key", f"duplicate series {series.key!r}")
            )
        measurements = series.measurements
        for m_position, measurement in enumerate(measurements):
            if measurement.value.__class__ is bool:
                problems.append(
                    Problem(
                        f"{path}.series[{position}].measurements[{m_position}].value",
                        "an indicator takes numbers; use a yes/no measure for Ja/Nej",
                    )
                )
        # The series keys its measurements by period: as many keys as measurements means
        # no period repeats, without hashing them all again.
        if len(series._by_period) < len(measurements):
            _check_unique_periods(measurements, f"{path}.series[{position}].measurements", problems)
    if node.primary_series is not None and node.primary_series not in keys:
        problems.append(
            Problem(
                f"{path}.primary_series",
                f"no series {node.primary_series!r} (series: {', '.join(keys)})",
            )
        )
    if node.unit is not None and node.unit not in units:
        problems.append(_unknown_unit(f"{path}.unit", node.unit))
    if node.target is None:
        return
    where = f"{path}.target"
    for rule in iter_rules(node.target):
        if not rule.numeric:
            problems.append(Problem(where, "a yes/no rule belongs on a yes/no measure"))
        named = rule.series_judged
        if named is not None and named not in keys:
            problems.append(
                Problem(
                    where,
                    f"the rule names series {named!r}, which the indicator "
                    f"does not have (series: {', '.join(keys)})",
                )
            )
        problems.extend(
            Problem(
                where,
                f"the rule compares with series {read!r}, which the "
                f"indicator does not have (series: {', '.join(keys)})",
            )
            for read in rule.series_read
            if read not in keys
        )
        unit = rule.unit
        if unit is not None:
            if unit not in units:
                problems.append(_unknown_unit(where, unit))
            if node.unit is not None and unit != node.unit:
                problems.append(
                    Problem(
                        where, f"the target is in {unit!r} but the indicator is in {node.unit!r}"
                    )
                )
        direction = rule_direction(rule)
        if direction is not None and direction is not node.direction:
            problems.append(
                Problem(
                    where,
                    f"the target rewards {direction.value.replace('_', ' ')} ({rule}) but the "
                    f"indicator says {node.direction.value.replace('_', ' ')}",
                )
            )


def _unknown_unit(path: str, unit: str) -> Problem:
    return Problem(
        path,
        f"unknown unit {unit!r}; use one of {', '.join(sorted(BUILTIN_UNITS))} or "
        "declare it in the plan's units",
    )


def _check_history(history: tuple[object, ...]) -> None:
    dates = []
    for position, entry in enumerate(history):
        if not isinstance(entry, HistoryEntry):
            raise InvalidPlan(
                f"history[{position}] must be a revision applied to the plan "
                f"(got {type(entry).__name__})"
            )
        dates.append(entry.revision.in_force)
        # A copied entry (the same revision with the same undo) would add a version that
        # never was. Only entries taking effect the same day can be equal: compare those.
        for earlier in range(position - 1, -1, -1):
            other = history[earlier]
            if not isinstance(other, HistoryEntry) or dates[earlier] != dates[position]:
                break
            if other == entry:
                why = (
                    f"revision {entry.revision.reference} is listed twice (first at "
                    f"$.history[{earlier}]); a revision is applied once: remove the copy"
                )
                raise InvalidPlan(
                    f"{why} @ $.history[{position}]",
                    problems=(Problem(f"$.history[{position}]", why),),
                )
    if dates != sorted(dates):
        raise InvalidPlan("the plan's history must list revisions in the order they take effect")


# -- history: the decisions a plan records --------------------------------------------------
#
# A plan's history holds the revisions applied to it and the operations that undo each, so
# these value types belong with the plan; malstyrning.revisions applies, diffs and reads them.


def _node(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, NODE_TYPES):
        raise InvalidOperation(
            f"{attribute.name} must be a goal, indicator, yes/no measure, assignment or "
            f"activity (got {type(value).__name__})"
        )


def _optional_rule(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, Rule):
        raise InvalidOperation(f"{attribute.name} must be a target rule or None (got {value!r})")


def _position(_: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and (type(value) is not int or value < 0):
        raise InvalidOperation(f"{attribute.name} must be a whole number >= 0 (got {value!r})")


def _label(node: Node | None, node_id: str) -> tuple[Message, str]:
    if node is None:
        return Message.of("revisions.node"), node_id
    return Message.of(f"kind.{node.kind}"), node.title


Lookup: TypeAlias = Callable[[str], Node | None]


@attrs.frozen(kw_only=True)
class Strike:
    """Strike a node from the plan ("stryks").

    ``cascade=True`` strikes everything under it too; ``cascade=False`` moves its children
    up into its place. The node stays in the plan's history.

    >>> Strike(id="sip-andel", cascade=True)
    Strike(id='sip-andel', cascade=True)
    """

    op: ClassVar[str] = "strike"
    id: str = attrs.field(validator=_str)
    cascade: bool = attrs.field(validator=attrs.validators.instance_of(bool))

    def describe(self, lookup: Lookup) -> Message:
        """The change as a sentence, naming the node as ``lookup`` finds it."""
        node = lookup(self.id)
        kind, title = _label(node, self.id)
        has_children = isinstance(node, Goal) and bool(node.children)
        key = "strike" if not has_children else "strike_cascade" if self.cascade else "strike_lift"
        return Message.of(f"revisions.{key}", kind=kind, title=title)


@attrs.frozen(kw_only=True)
class Reformulate:
    """New wording for a node: its title, its description, or both ("omformuleras").

    >>> Reformulate(id="g1", description="Inför 2021 ska det säkerställas ...").op
    'reformulate'
    """

    op: ClassVar[str] = "reformulate"
    id: str = attrs.field(validator=_str)
    title: str | None = attrs.field(default=None, validator=_optional_str)
    description: str | None = attrs.field(default=None, validator=_optional_str)

    def __attrs_post_init__(self) -> None:
        if self.title is None and self.description is None:
            raise InvalidOperation(
                f"reformulate {self.id!r} needs a new title, a new description or both"
            )

    def describe(self, lookup: Lookup) -> Message:
        """The change as a sentence."""
        kind, title = _label(lookup(self.id), self.id)
        changes = []
        if self.title is not None:
            changes.append(Message.of("revisions.new_title", text=self.title))
        if self.description is not None:
            changes.append(Message.of("revisions.new_description", text=self.description))
        return Message.of("revisions.reformulate", kind=kind, title=title, changes=tuple(changes))


@attrs.frozen(kw_only=True)
class ChangeTarget:
    """Change or replace an indicator's target rule; without one (None) the target is removed.

    >>> from malstyrning.rules import Comparison, Threshold
    >>> ChangeTarget(id="x", target=Threshold(comparison=Comparison.AT_LEAST, value=2000)).op
    'change_target'
    """

    op: ClassVar[str] = "change_target"
    id: str = attrs.field(validator=_str)
    target: Rule | None = attrs.field(default=None, validator=_optional_rule)

    def describe(self, lookup: Lookup) -> Message:
        """The change as a sentence."""
        kind, title = _label(lookup(self.id), self.id)
        if self.target is None:
            return Message.of("revisions.remove_target", kind=kind, title=title)
        return Message.of(
            "revisions.change_target", kind=kind, title=title, target=self.target.describe()
        )


@attrs.frozen(kw_only=True)
class Replace:
    """Replace a node by a new one that takes its place, keeping the lineage.

    The old node leaves the plan (it stays in history, "replaced by" the new one). A
    replaced goal hands the children it still has to the new goal, after the new goal's own.

    >>> Replace(id="old", by=Goal(id="new", title="Nytt mål", level="result_goal")).op
    'replace'
    """

    op: ClassVar[str] = "replace"
    id: str = attrs.field(validator=_str)
    by: Node = attrs.field(validator=_node)

    def describe(self, lookup: Lookup) -> Message:
        """The change as a sentence."""
        kind, title = _label(lookup(self.id), self.id)
        return Message.of(
            "revisions.replace",
            kind=kind,
            title=title,
            new_kind=Message.of(f"kind.{self.by.kind}"),
            new_title=self.by.title,
        )


@attrs.frozen(kw_only=True)
class Add:
    """Add a node (with everything under it) under a goal, or at the top when ``parent`` is None.

    ``position`` is its index among the parent's children; None appends it.

    >>> Add(parent="g1", node=Goal(id="g2", title="Mål", level="result_goal")).position is None
    True
    """

    op: ClassVar[str] = "add"
    node: Node = attrs.field(validator=_node)
    parent: str | None = attrs.field(default=None, validator=_optional_str)
    position: int | None = attrs.field(default=None, validator=_position)

    @property
    def id(self) -> str:
        """The id of the node added."""
        return self.node.id

    def describe(self, lookup: Lookup) -> Message:
        """The change as a sentence."""
        kind, title = _label(self.node, self.node.id)
        if self.parent is None:
            return Message.of("revisions.add_top", kind=kind, title=title)
        parent = _label(lookup(self.parent), self.parent)[1]
        return Message.of("revisions.add", kind=kind, title=title, parent=parent)


@attrs.frozen(kw_only=True)
class Move:
    """Move a node to another goal (or to the top level when ``parent`` is None).

    >>> Move(id="i1", parent="g2", position=0).position
    0
    """

    op: ClassVar[str] = "move"
    id: str = attrs.field(validator=_str)
    parent: str | None = attrs.field(default=None, validator=_optional_str)
    position: int | None = attrs.field(default=None, validator=_position)

    def describe(self, lookup: Lookup) -> Message:
        """The change as a sentence."""
        kind, title = _label(lookup(self.id), self.id)
        if self.parent is None:
            return Message.of("revisions.move_top", kind=kind, title=title)
        parent = _label(lookup(self.parent), self.parent)[1]
        return Message.of("revisions.move", kind=kind, title=title, parent=parent)


_CLEARABLE = frozenset({"unit", "source"})


def _check_clear(
    instance: ChangeIndicator, _: attrs.Attribute[Any], value: tuple[str, ...]
) -> None:
    unknown = set(value) - _CLEARABLE
    if unknown:
        raise InvalidOperation(
            f"change_indicator {instance.id!r} can clear only unit and source "
            f"(got {', '.join(sorted(unknown))})"
        )


_TUPLE_OF_STR = attrs.validators.deep_iterable(_str, attrs.validators.instance_of(tuple))


def _to_decimal(value: object) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return value


@attrs.frozen(kw_only=True)
class ChangeIndicator:
    """Change an indicator's unit, direction or source.

    A unit change on an indicator that already has outcomes needs ``conversion``: the
    factor every outcome is multiplied by (``10`` from % to ‰); the same revision must then
    give the target in the new unit (:class:`ChangeTarget`). ``clear`` names fields to empty
    (``unit``, ``source``).

    >>> ChangeIndicator(id="i1", unit="‰", conversion=10).conversion
    Decimal('10')
    """

    op: ClassVar[str] = "change_indicator"
    id: str = attrs.field(validator=_str)
    unit: str | None = attrs.field(default=None, validator=_optional_str)
    direction: Direction | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Direction))
    )
    source: str | None = attrs.field(default=None, validator=_optional_str)
    conversion: Decimal | None = attrs.field(
        default=None,
        converter=_to_decimal,
        validator=attrs.validators.optional(attrs.validators.instance_of(Decimal)),
    )
    clear: tuple[str, ...] = attrs.field(
        default=(), converter=_as_tuple, validator=[_TUPLE_OF_STR, _check_clear]
    )

    def __attrs_post_init__(self) -> None:
        if self.unit is None and self.direction is None and self.source is None and not self.clear:
            raise InvalidOperation(f"change_indicator {self.id!r} changes nothing")
        both = {name for name in self.clear if getattr(self, name) is not None}
        if both:
            raise InvalidOperation(
                f"change_indicator {self.id!r} both sets and clears {', '.join(sorted(both))}"
            )
        # A negative factor would flip the sign of every outcome, and with it every verdict.
        if self.conversion is not None and (
            not self.conversion.is_finite() or self.conversion <= 0
        ):
            raise InvalidOperation(
                f"change_indicator {self.id!r}: conversion must be a finite factor greater "
                f"than 0, such as 10 from % to ‰ (got {self.conversion})"
            )

    def describe(self, lookup: Lookup) -> Message:
        """The change as a sentence."""
        node = lookup(self.id)
        kind, title = _label(node, self.id)
        old_unit = node.unit if isinstance(node, Indicator) else None
        none = Message.of("revisions.none")
        changes: list[Message] = []
        if self.unit is not None or "unit" in self.clear:
            changes.append(
                Message.of("revisions.unit", old=old_unit or none, new=self.unit or none)
            )
        if self.conversion is not None:
            changes.append(Message.of("revisions.conversion", factor=self.conversion))
        if self.direction is not None:
            changes.append(Message.of(f"revisions.{self.direction.value}"))
        if self.source is not None or "source" in self.clear:
            changes.append(Message.of("revisions.source", new=self.source or none))
        return Message.of(
            "revisions.change_indicator", kind=kind, title=title, changes=tuple(changes)
        )


@attrs.frozen(kw_only=True)
class AddSeries:
    """Add a series (women, men, an age group, a reference) to an indicator.

    >>> AddSeries(id="i1", series=Series(key="women")).series.key
    'women'
    """

    op: ClassVar[str] = "add_series"
    id: str = attrs.field(validator=_str)
    series: Series = attrs.field(validator=attrs.validators.instance_of(Series))
    position: int | None = attrs.field(default=None, validator=_position)

    def describe(self, lookup: Lookup) -> Message:
        """The change as a sentence."""
        kind, title = _label(lookup(self.id), self.id)
        name = self.series.label or self.series.key
        return Message.of("revisions.add_series", kind=kind, title=title, series=name)


@attrs.frozen(kw_only=True)
class RemoveSeries:
    """Remove a series from an indicator.

    >>> RemoveSeries(id="i1", key="men").key
    'men'
    """

    op: ClassVar[str] = "remove_series"
    id: str = attrs.field(validator=_str)
    key: str = attrs.field(validator=_str)

    def describe(self, lookup: Lookup) -> Message:
        """The change as a sentence."""
        kind, title = _label(lookup(self.id), self.id)
        return Message.of("revisions.remove_series", kind=kind, title=title, series=self.key)


@attrs.frozen(kw_only=True)
class Amend:
    """An editorial correction: the node's own fields become those of ``node``.

    ``node`` has the same id and kind; a goal's children are kept (give ``node`` none). Use
    the specific operations for decided changes; :func:`diff` uses this one for what they
    do not cover (an owner, a level, follow-up data).

    >>> Amend(id="g1", node=Goal(id="g1", title="Mål", level="result_goal", owner="HSN")).op
    'amend'
    """

    op: ClassVar[str] = "amend"
    id: str = attrs.field(validator=_str)
    node: Node = attrs.field(validator=_node)

    def __attrs_post_init__(self) -> None:
        if self.node.id != self.id:
            raise InvalidOperation(
                f"amend {self.id!r}: the node given has id {self.node.id!r}; an amendment "
                "keeps the id (use replace for a new node)"
            )
        if isinstance(self.node, Goal) and self.node.children:
            raise InvalidOperation(
                f"amend {self.id!r} changes the goal's own fields and keeps its children; "
                "give the goal without children (use add, move and strike for them)"
            )

    def describe(self, lookup: Lookup) -> Message:
        """The change as a sentence."""
        kind, title = _label(lookup(self.id), self.id)
        return Message.of("revisions.amend", kind=kind, title=title)


Operation: TypeAlias = (
    Strike
    | Reformulate
    | ChangeTarget
    | Replace
    | Add
    | Move
    | ChangeIndicator
    | AddSeries
    | RemoveSeries
    | Amend
)
"""Any operation a revision can hold."""

OPERATION_TYPES: tuple[type[Operation], ...] = (
    Strike,
    Reformulate,
    ChangeTarget,
    Replace,
    Add,
    Move,
    ChangeIndicator,
    AddSeries,
    RemoveSeries,
    Amend,
)

OPERATION_TAGS: dict[type, str] = {cls: cls.op for cls in OPERATION_TYPES}
"""The ``op`` tag of each operation in documents."""


def _operations(_: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    if not value:
        raise InvalidOperation("a revision needs at least one operation")
    for position, item in enumerate(value):
        if not isinstance(item, OPERATION_TYPES):
            raise InvalidOperation(
                f"{attribute.name}[{position}] is not an operation (got {type(item).__name__})"
            )


@attrs.frozen(kw_only=True)
class Revision:
    """A decision that changes a plan: operations decided by a body on a date under a §.

    Args:
        body: who decided (``HSN``, ``Hälso- och sjukvårdsnämnden``).
        decided: the date of the decision.
        paragraph: the paragraph of the minutes (``§ 28``), if known.
        operations: the changes, applied in order.
        reason: why, in the decision's own words.
        effective: the date the changes take effect; the decision date if None.
        title: the matter's title.
        plan: the id of the plan it revises; checked when applied, if given.

    >>> from datetime import date
    >>> Revision(body="HSN", decided=date(2020, 4, 2), paragraph="§ 28",
    ...          operations=(Strike(id="x", cascade=True),)).reference
    'HSN 2020-04-02 § 28'
    """

    body: str = attrs.field(validator=_str)
    decided: date = attrs.field(validator=attrs.validators.instance_of(date))
    operations: tuple[Operation, ...] = attrs.field(converter=_as_tuple, validator=_operations)
    paragraph: str = attrs.field(default="", validator=_str)
    reason: str = attrs.field(default="", validator=_str)
    effective: date | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(date))
    )
    title: str = attrs.field(default="", validator=_str)
    plan: str | None = attrs.field(default=None, validator=_optional_str)
    extensions: FrozenMap[str, Any] = attrs.field(
        factory=FrozenMap, converter=freeze_json, repr=False
    )

    @property
    def reference(self) -> str:
        """How minutes cite the decision: ``HSN 2020-04-02 § 28``."""
        return " ".join(
            part for part in (self.body, self.decided.isoformat(), self.paragraph) if part
        )

    @property
    def in_force(self) -> date:
        """The date the changes take effect."""
        return self.effective or self.decided


@attrs.frozen(kw_only=True)
class HistoryEntry:
    """One revision applied to a plan, with the operations that undo it.

    ``undo`` turns the version after the revision back into the one before it; the plan
    keeps only its latest goal tree and these, so every earlier version can be rebuilt.
    """

    revision: Revision = attrs.field(validator=attrs.validators.instance_of(Revision))
    undo: tuple[Operation, ...] = attrs.field(default=(), converter=_as_tuple)


@attrs.frozen(kw_only=True)
class NodeEvent:
    """When and by which decision a node was added, changed, replaced or struck.

    ``change`` is ``added``, ``changed``, ``struck``, ``replaced`` (by ``other``) or
    ``replaces`` (``other``, the node it took the place of).
    """

    node_id: str
    change: str
    version: int
    revision: Revision
    operations: tuple[Operation, ...] = ()
    other: str | None = None

    @property
    def effective(self) -> date:
        """The date the change took effect."""
        return self.revision.in_force

    def describe(self) -> Message:
        """The event as a sentence ("struck by HSN 2020-06-10, in force from 10 June 2020")."""
        return Message.of(
            f"revisions.event.{self.change}",
            version=self.version,
            reference=self.revision.reference,
            effective=_Date(self.effective),
            other=self.other or "",
        )


@attrs.frozen
class _Date:
    value: date

    def render(self, *, locale: LocaleLike) -> str:
        return format_date(self.value, locale=locale)
