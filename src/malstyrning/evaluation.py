"""Evaluation: a status for every node of a plan in one period, each with its explanation.

:func:`evaluate` judges every leaf by its rule, adds the trend against the previous report
and, where the plan states a later target level, the pace towards it; it applies manual
judgements, then rolls the children of each goal up into a combined status by a named
policy. "Not assessed" is never a colour: it is counted apart, with its reason.

>>> from malstyrning import examples
>>> evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period=Period("2019-T1"))
>>> evaluation["antibiotika"].status, str(evaluation["antibiotika"].value)
('green', '245')
>>> evaluation["antibiotika"].explain(locale="en")
'Outcome 245 rec/TIN, target less than 250 rec/TIN: met.'
"""

from __future__ import annotations

import collections
import decimal
import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, TypeAlias

import attrs

from malstyrning import _display, revisions
from malstyrning._frozen import EMPTY, FrozenMap, freeze
from malstyrning._gc import paused_collector
from malstyrning.errors import InvalidScale, MalstyrningError, UnknownLevel
from malstyrning.i18n import LocaleLike, Message, format_period
from malstyrning.model import (
    Activity,
    Aggregation,
    Assignment,
    Goal,
    Indicator,
    Judgement,
    Measurement,
    Node,
    Plan,
    Report,
    Series,
    TrendBasis,
    YesNoMeasure,
)
from malstyrning.pace import (
    Pace,
    assess_pace,
    combine_paces,
    pace_targets,
    root_power,
    years_between,
)
from malstyrning.pace import judge as _judge_one_pace
from malstyrning.pace_method import DEFAULT_PACE_METHOD, RATIO_THRESHOLDS, PaceMethod
from malstyrning.periods import Period
from malstyrning.rollup import (
    ROLLUP_POLICIES,
    Majority,
    MeanOfRanks,
    RollupPolicy,
    ShareThresholds,
    Worst,
    check_policy,
    parse_policy,
)
from malstyrning.rollup import rolled_up as _rolled_up
from malstyrning.rules import (
    Direction,
    Lookup,
    Observation,
    Rule,
    RuleContext,
    RuleResult,
    TargetLevel,
)
from malstyrning.rules._base import judged as _judge_number
from malstyrning.rules._base import missing as _missing
from malstyrning.rules._base import need_number as _need_number
from malstyrning.rules._base import verdict as _verdict
from malstyrning.scales import (
    ACTIVITY_STATUS,
    TREND,
    Achievement,
    NotAssessed,
    NotAssessedReason,
    Scale,
)

__all__ = [
    "NOT_ASSESSED",
    "ROLLUP_POLICIES",
    "Assessment",
    "Evaluation",
    "Majority",
    "MeanOfRanks",
    "Pace",
    "RollupPolicy",
    "ShareThresholds",
    "Summary",
    "SummaryGroup",
    "SummaryLine",
    "SummaryTable",
    "Trend",
    "Worst",
    "default_period",
    "evaluate",
    "judge_pace",
]


# Enum members are looked up through the enum's metaclass, and enums hash in Python: the
# evaluator's hot path keeps its own names for them and compares by identity.
_HIGHER, _LOWER = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER
_NO_DATA = NotAssessedReason.NO_DATA
_CANCELLED = NotAssessedReason.CANCELLED
_NO_TARGET = NotAssessed(NotAssessedReason.NO_TARGET, "")


# -- roll-up policies -----------------------------------------------------------------------
#
# The policies live in malstyrning.rollup, below the model, because a plan states its own;
# they are named here too, where evaluate() takes them.


def _policy(rollup: RollupPolicy | str) -> RollupPolicy:
    """A policy object from ``evaluate``'s ``rollup`` (a key or ``share:green=0.75,...``)."""
    return parse_policy(rollup) if isinstance(rollup, str) else rollup


# -- trend and pace ---------------------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class Trend:
    """Better, unchanged or worse (a level of :data:`TREND`), derived or judged by a person.

    A derived trend compares the outcome with an earlier one (``previous_period``,
    ``previous_value``); a judged trend is a person's :class:`Judgement` on the trend scale
    (``judgement``, with :attr:`judged_by`), and keeps the derived comparison where there is
    one.

    >>> trend = Trend(status="improving", judgement=Judgement(
    ...     period=Period("2019-T1"), scale="trend", status="improving", by="Regionstyrelsen"))
    >>> trend.symbol, trend.derived, trend.judged_by, trend.marker
    ('↑', False, 'Regionstyrelsen', '↑ (Regionstyrelsen)')
    """

    status: str
    previous_period: Period | None = None
    previous_value: Decimal | None = None
    judgement: Judgement | None = None

    def __repr__(self) -> str:
        # A derived trend reads as it always has; a judged one adds who judged it.
        judged = "" if self.judgement is None else f", judgement={self.judgement!r}"
        return (
            f"Trend(status={self.status!r}, previous_period={self.previous_period!r}, "
            f"previous_value={self.previous_value!r}{judged})"
        )

    @property
    def level(self) -> str:
        """The trend's level key (``improving``, ``unchanged``, ``worsening``, ``no_trend``)."""
        return self.status

    @property
    def symbol(self) -> str:
        """↑, →, ↓ or □ (no trend given)."""
        return TREND.level(self.status).symbol

    @property
    def derived(self) -> bool:
        """Whether the rules derived the trend from outcomes (False: a person judged it)."""
        return self.judgement is None

    @property
    def judged_by(self) -> str | None:
        """Who judged the trend, or None for a derived one."""
        return None if self.judgement is None else self.judgement.by

    @property
    def marker(self) -> str:
        """The symbol, with who judged it for a judged trend: ``↑ (Regionstyrelsen)``."""
        return self.symbol if self.judgement is None else f"{self.symbol} ({self.judgement.by})"


def _trend(previous: Measurement, value: Decimal, direction: Direction) -> Trend:
    # ``previous`` is the earlier outcome the plan's trend basis names.
    before = previous.value
    assert isinstance(before, Decimal)
    margin = value - before if direction is _HIGHER else before - value
    status = "improving" if margin > 0 else "worsening" if margin < 0 else "unchanged"
    return Trend(status=status, previous_period=previous.period, previous_value=before)


def _compared(
    series: Series, period: Period, earlier: list[Measurement], basis: TrendBasis | None
) -> Measurement | None:
    """The outcome a derived trend compares with, by the plan's basis."""
    if basis is TrendBasis.YEAR_BEFORE:
        year_before = _year_before(period)
        if year_before is None:
            return None
        found = series.get(year_before)
        return found if found is not None and isinstance(found.value, Decimal) else None
    return earlier[-1] if earlier else None


def _year_before(period: Period) -> Period | None:
    """The same period a year earlier, or None where there is none (29 February, year 1)."""
    start, end = period.start, period.end
    if end.month == 2 and end.day == 29:  # a leap February's last day: the 28th before it
        end = end.replace(day=28)
    try:
        return Period(start.replace(year=start.year - 1), end.replace(year=end.year - 1))
    except ValueError:
        return None


# -- outcomes of shorter periods ----------------------------------------------------------------


def _within(series: Series, period: Period, how: Aggregation, node_id: str) -> Measurement | None:
    """The outcome of shorter periods inside ``period`` that answers for it, as ``how`` says.

    The measurement returned carries the last period used, which the explanation names.
    """
    inside = [
        m
        for m in series.measurements
        if isinstance(m.value, Decimal) and m.period != period and m.period in period
    ]
    if not inside:
        return None
    inside.sort(key=lambda m: (m.period.end, -m.period.days))
    last = inside[-1]
    if how is Aggregation.LATEST:
        return last
    # Sorted by end, any overlap shows between neighbours.
    for first, second in itertools.pairwise(inside):
        if first.period.overlaps(second.period):
            raise MalstyrningError(
                f"indicator {node_id!r}, series {series.key!r}: outcomes {first.period} and "
                f"{second.period} overlap, so their {how.value} for {period} would count some "
                f"days twice; keep outcomes of one kind of period (months or quarters) in "
                "the series"
            )
    values = [m.value for m in inside if isinstance(m.value, Decimal)]
    total = sum(values, Decimal(0))
    value = total if how is Aggregation.SUM else total / len(values)
    return Measurement(period=last.period, value=value)


def _outcome(
    series: Series, period: Period, how: Aggregation | None, node_id: str
) -> Measurement | None:
    """The outcome of exactly ``period``, else (if the indicator says how) of shorter ones."""
    exact = series.get(period)
    if exact is not None or how is None:
        return exact
    return _within(series, period, how, node_id)


@attrs.frozen
class _AsOf:
    """The period the number of a finer outcome is from ("per juli 2017")."""

    period: Period

    def render(self, *, locale: LocaleLike) -> str:
        return format_period(self.period, locale=locale, style="as_of")


ON_TRACK = RATIO_THRESHOLDS.high
ACCELERATION_NEEDED = RATIO_THRESHOLDS.medium
_years = years_between
_root_power = root_power


def judge_pace(
    series: Series,
    period: Period,
    target: TargetLevel | None,
    direction: Direction,
    unit: str | None = None,
    *,
    method: PaceMethod = DEFAULT_PACE_METHOD,
) -> Pace:
    """Judge the pace of ``series`` at ``period`` towards ``target`` (growth-ratio method).

    The published progress method (:mod:`malstyrning.pace`), with the options of
    ``method``; ``target`` None judges the growth alone. Every case gives a status or a
    not-assessed reason: nothing raises.

    >>> from malstyrning.model import Series, Measurement
    >>> s = Series(key="total", measurements=(
    ...     Measurement(period=Period("2019"), value=Decimal("13.9")),
    ...     Measurement(period=Period("2020"), value=Decimal("11.3"))))
    >>> pace = judge_pace(s, Period("2020"), TargetLevel(Period("2022"), Decimal("8.0")),
    ...                   Direction.LOWER_IS_BETTER)
    >>> pace.status, round(pace.ratio, 2), pace.score.quantize(Decimal("0.01"))
    ('on_track', Decimal('1.11'), Decimal('3.66'))
    """
    return assess_pace(series, period, target, direction, unit, method=method)


# -- assessments ------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Assessment:
    """The assessment of one node in one period.

    Attributes:
        status: the level key on the plan's scale (``green``), or None when not assessed.
        not_assessed: why there is no status, or None when there is one.
        derived_status: the status the rules gave, before any manual judgement.
        value: the outcome judged (for indicators, the judged series' value).
        target: the target value in force (stated, interpolated or derived from a baseline).
        gap: how far the value is better (positive) or worse (negative) than the target.
        rule: the rule used.
        trend: better / unchanged / worse than the previous report, where there is one.
        pace: progress towards a later target level, where the plan states one.
        judgement: the manual judgement of the status applied, if any.
        judgements: every judgement in force for the period, one per scale (status, trend,
            forecast ...); :meth:`judged` picks one. A judged trend is also in ``trend``.
        owner: the committee or board that answers for the node: its own, else the nearest
            goal's above it.
        counts: for goals, how many children had each status (and ``not_assessed``).
        version: the version of the plan the node was assessed against: 1 for the plan as
            first decided, more after revisions (the version in force in the period).
        own_status: for activities (and assignments reported in an activity's words), the
            status on their own scale (:data:`~malstyrning.scales.ACTIVITY_STATUS`: done,
            ongoing, planned ...) as reported; ``status`` is only its reading on the plan's
            scale, for roll-ups and reports that ask for colours. None for other nodes and
            for unreported activities.
    """

    node_id: str
    kind: str
    period: Period
    status: str | None
    not_assessed: NotAssessed | None = None
    derived_status: str | None = None
    value: Decimal | bool | None = None
    target: Decimal | bool | None = None
    gap: Decimal | None = None
    rule: Rule | None = None
    result: RuleResult | None = attrs.field(default=None, repr=False)
    trend: Trend | None = None
    pace: Pace | None = None
    judgement: Judgement | None = None
    judgements: tuple[Judgement, ...] = ()
    owner: str | None = None
    counts: FrozenMap[str, int] = attrs.field(factory=FrozenMap, converter=freeze)
    comment: str = ""
    version: int = 1
    own_status: str | None = None
    explanation: Message

    @property
    def assessed(self) -> bool:
        """Whether the node has a status."""
        return self.status is not None

    def judged(self, scale: str) -> Judgement | None:
        """The judgement on the scale with this key in force for the period, if any.

        The judgements here always name their scale: one a document left without a scale
        is on the plan's, and says so.
        """
        for judgement in self.judgements:
            if judgement.scale == scale:
                return judgement
        return None

    @property
    def forecast(self) -> str | None:
        """The judged forecast (a level of ``goal_forecast``), if a person gave one."""
        judgement = self.judged("goal_forecast")
        return None if judgement is None else judgement.status

    def explain(self, *, locale: LocaleLike) -> str:
        """The explanation as a sentence in ``locale``."""
        return self.explanation.render(locale=locale)

    def _repr_html_(self) -> str | None:
        # Jupyter's rich display: the report layer registers the renderer (see _display).
        return _display.html(self)


# -- assessments built when read -------------------------------------------------------------

_Rolled: TypeAlias = tuple[str | None, int, int, dict[str, int], RollupPolicy]
"""A goal's roll-up: status, children assessed, children counted, counts, policy."""

_Pending: TypeAlias = tuple[Node, Any, str | None]
"""What a node's assessment is built from: the node, its pace method (an indicator) or its
roll-up (a goal), and its owner."""

_IN_FULL = object()
"""The fast verdict's answer where a node must be assessed in full to be judged."""


class _LazyAssessments(FrozenMap[str, Assessment]):
    """The assessments of an evaluation, each built the first time it is read.

    The pass judges every node and keeps its status; the assessment (explanation, trend,
    pace, comment, owner) is built when it is read, once, and kept. Equality, hashing,
    ``repr`` and pickling read every assessment, and behave as a :class:`FrozenMap` of
    them: a pickled evaluation arrives with its assessments built.
    """

    __slots__ = ("_build", "_own", "_statuses")

    def __init__(
        self,
        data: dict[str, Any],
        build: Callable[[_Pending], Assessment],
        statuses: dict[str, str | None],
        own: dict[str, str],
    ) -> None:
        # The pass's own dict, in the plan's order: built assessments replace their
        # tuples in place, which keeps the order.
        self._data = data
        self._hash = None
        self._build = build
        self._statuses = statuses
        self._own = own

    def __getitem__(self, key: str) -> Assessment:
        data: dict[str, Any] = self._data
        found = data[key]
        if found.__class__ is tuple:
            found = data[key] = self._build(found)
        return found  # type: ignore[no-any-return]

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def status(self, node_id: str, *, own: bool = False) -> str | None:
        """A node's status (or own status) without building its assessment."""
        if own:
            return self._own.get(node_id)
        return self._statuses[node_id]

    def built(self) -> dict[str, Assessment]:
        """Every assessment, built (the pass's dict, now holding only assessments)."""
        data: dict[str, Any] = self._data
        pending = [key for key, value in data.items() if value.__class__ is tuple]
        if pending:
            with paused_collector():
                for key in pending:
                    self[key]
        return data

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _LazyAssessments):
            return self.built() == other.built()
        if isinstance(other, Mapping):
            return self.built() == (other._data if isinstance(other, FrozenMap) else dict(other))
        return NotImplemented

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self.built().items()))
        return self._hash

    def __repr__(self) -> str:
        return f"FrozenMap({self.built()!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenMap, (dict(self.built()),))


def _not_assessed(outcome: NotAssessed) -> Message:
    return Message.of(
        "explain.not_assessed",
        reason=outcome.reason,
        detail=f" ({outcome.detail})" if outcome.detail else "",
    )


def _observation(measurement: Measurement | None, period: Period) -> Observation:
    """A measurement's value, or why there is none."""
    if measurement is None:
        return NotAssessed(NotAssessedReason.NO_DATA, period.format())
    if measurement.value is None:
        return NotAssessed(measurement.missing or NotAssessedReason.NO_DATA, measurement.comment)
    return measurement.value


def _lookup(indicator: Indicator) -> Lookup:
    how = indicator.aggregation

    def lookup(series_key: str, period: Period) -> Observation:
        series = indicator.series_named(series_key)
        found = None if series is None else _outcome(series, period, how, indicator.id)
        return _observation(found, period)

    return lookup


def _comment(node: Node, period: Period) -> str:
    return " ".join(comment.text for comment in node.comments if comment.period == period)


def _unassessed(
    node: Node,
    period: Period,
    comment: str,
    outcome: NotAssessed,
    *,
    value: Decimal | bool | None = None,
    trend: Trend | None = None,
    pace: Pace | None = None,
    counts: Mapping[str, int] = EMPTY,
    version: int = 1,
) -> Assessment:
    return Assessment(
        node_id=node.id,
        kind=node.kind,
        period=period,
        status=None,
        not_assessed=outcome,
        value=value,
        trend=trend,
        pace=pace,
        counts=counts,
        comment=comment,
        version=version,
        explanation=_not_assessed(outcome),
    )


def _with_status(assessment: Assessment, status: str, explanation: Message) -> Assessment:
    return attrs.evolve(
        assessment,
        status=status,
        derived_status=status,
        not_assessed=None,
        explanation=explanation,
    )


def _joined_comment(node: Node, period: Period, extra: str) -> str:
    return " ".join(filter(None, [_comment(node, period), extra]))


def _indicator_comment(node: Indicator, period: Period, measurement: Measurement | None) -> str:
    """The outcome's comment, after the node's comments for the period if it has any."""
    said = "" if measurement is None else measurement.comment
    return _joined_comment(node, period, said) if node.comments else said


def _set_owner(assessment: Assessment, owner: str) -> None:
    # The assessment was built a moment ago and no one else holds it yet: setting its owner in
    # place spares a second construction (attrs.evolve) for every node of the plan.
    object.__setattr__(assessment, "owner", owner)


class _Pass:
    """One evaluation: the period, the scale and the roll-up policy, and what it has done.

    Everything kept here lives for one call of :func:`evaluate` only. Threshold and
    trajectory rules, the common ones, are judged here without a rule context: the rules'
    own verdict and explanation for the number, without a lookup closure and a labels dict
    per indicator.
    """

    def __init__(
        self,
        period: Period,
        scale: Scale,
        policy: RollupPolicy,
        version: int,
        plan: Plan,
        *,
        eager: bool,
    ) -> None:
        self.period = period
        # The pace method in force: the plan's, then the nearest goal level's (see visit).
        self.pace_method = plan.pace or DEFAULT_PACE_METHOD
        self.level_paces = {lv.key: lv.pace for lv in plan.levels if lv.pace is not None}
        self.scale = scale
        self.policy = policy
        # The plan's roll-up choices (see evaluate): a policy per level, whether activities
        # count, and the goals each activity serves besides its own.
        self.level_policies: Mapping[str, RollupPolicy] = EMPTY
        self.with_activities = plan.rollup_activities
        self.served: dict[str, list[Activity]] = {}
        self.version = version
        # In the plan's order: a goal takes its place before its children are assessed. A
        # plain indicator or goal is kept as what its assessment is built from (a tuple, see
        # build); everything else is assessed in the pass.
        self.done: dict[str, Assessment | _Pending | None] = {}
        # Every node's status (and an activity's own status) once the pass has judged it: a
        # goal's roll-up reads these, never its children's assessments.
        self.status_of: dict[str, str | None] = {}
        self.own_of: dict[str, str] = {}
        self.statuses: list[str | None] = [None] * len(Achievement)  # by Achievement.rank
        # The same by the verdict's identity: enum members hash in Python, ranks by property.
        self.by_verdict: dict[int, str] = {}
        self.ranks = {level.key: rank for rank, level in enumerate(scale.levels)}
        self.tally_keys = (*scale.keys, "not_assessed")
        self.results: dict[tuple[int, str], RuleResult] = {}
        self.spans: dict[tuple[Period, Period], Decimal] = {}
        self.trend_basis = plan.trend_basis
        # The owner in force: the nearest goal's above the node being visited (see visit).
        self.owner: str | None = None
        # Every assessment built in the pass (evaluate's lazy=False), none kept for later.
        self.eager = eager

    def visit(self, node: Node) -> None:
        done = self.done
        if isinstance(node, Indicator):
            # Only an indicator assessed in the pass comes here: one with judgements, every one
            # with lazy=False, one the quick verdict cannot judge (see the goal's loop below).
            assessment = self.indicator(node, self.pace_method)
        elif isinstance(node, Goal):
            done[node.id] = None
            outer, outer_owner = self.pace_method, self.owner
            self.pace_method = self.level_paces.get(node.level, outer)
            self.owner = owner = node.owner or outer_owner
            method = self.pace_method
            visit, fast, status_of = self.visit, self.indicator_status, self.status_of
            eager, indicator = self.eager, self.indicator
            for child in node.children:
                # visit's first case, inline: most children are plain indicators.
                if child.__class__ is Indicator and not child.judgements:
                    if eager:
                        assessment = indicator(child, method)
                        child_owner = child.owner or owner
                        if child_owner is not None:
                            _set_owner(assessment, child_owner)
                        done[child.id] = assessment
                        status_of[child.id] = assessment.status
                        continue
                    status = fast(child)
                    if status is not _IN_FULL:
                        done[child.id] = (child, child.pace or method, child.owner or owner)
                        status_of[child.id] = status  # type: ignore[assignment]
                        continue
                visit(child)
            self.pace_method, self.owner = outer, outer_owner
            rolled = self.rollup(node)
            if not (node.judgements or self.eager):
                done[node.id] = (node, rolled, node.owner or self.owner)
                self.status_of[node.id] = rolled[0]
                return
            assessment = self.goal(node, rolled)
        else:
            if isinstance(node, YesNoMeasure):
                assessment = _assess_yes_no(node, self.period, self.scale)
            else:
                assessment = _assess_reported(node, self.period, self.scale)
            if self.version != 1:
                assessment = attrs.evolve(assessment, version=self.version)
        if node.judgements:
            assessment = _judged(assessment, node, self.period, self.scale)
        owner = node.owner or self.owner
        if owner is not None:
            _set_owner(assessment, owner)
        done[node.id] = assessment
        self.status_of[node.id] = assessment.status
        if assessment.own_status is not None:
            self.own_of[node.id] = assessment.own_status

    def build(self, pending: _Pending) -> Assessment:
        """The assessment of a node the pass judged and kept for later, as the pass would give it.

        Reads only what the pass left unchanged (the period, the scale, the policies, the
        caches), so it may run at any time, and more than once, with the same result.
        """
        node, context, owner = pending
        if isinstance(node, Indicator):
            assert isinstance(context, PaceMethod)
            assessment = self.indicator(node, context)
        else:
            assert isinstance(node, Goal)
            assessment = self.goal(node, context)
        if owner is not None:
            _set_owner(assessment, owner)
        return assessment

    def indicator_status(self, node: Indicator) -> object:
        """The status :meth:`indicator` gives, for one fixed number on the main series.

        :data:`_IN_FULL` where the node needs the full assessment to be judged: finer
        outcomes, a rule that reads other series or periods, an outcome that is not a number
        (which raises there). The verdict is the one ``judged`` gives for the same numbers.
        """
        period = self.period
        series = node.series
        # One series is the main one whichever way Indicator.main_series looks for it.
        main = series[0] if len(series) == 1 else node.main_series
        measurement = main.get(period)
        if measurement is None and node.aggregation is not None:
            return _IN_FULL
        rule = node.target
        if rule is None:
            return None
        if rule.series_judged is not None:
            return _IN_FULL
        demand = rule.demand(period, node.direction)
        if demand is None:
            return _IN_FULL
        if demand.not_due_before is not None:
            return None
        bounds = demand.bounds  # Demand.plain, which is known here not to be due later
        if len(bounds) != 1 or bounds[0].anchor is not None:
            return _IN_FULL
        if measurement is None:
            return None
        value = measurement.value
        if value is None:
            return None
        if value.__class__ is not Decimal:
            return _IN_FULL
        plain = bounds[0]
        target = plain.target
        margin = plain.direction.margin(value, target)
        achievement = _verdict(
            margin, inclusive=plain.inclusive, tolerance=plain.tolerance, target=target
        )
        status = self.by_verdict.get(id(achievement))  # pragma: no mutate (a cache: speed only)
        return self.status(achievement) if status is None else status

    def status(self, achievement: Achievement) -> str:
        """The scale's level for a verdict (the scale raises if it maps none)."""
        rank = achievement.rank
        status = self.statuses[rank]
        if status is None:
            status = self.statuses[rank] = self.scale.level_for(achievement).key
            self.by_verdict[id(achievement)] = status  # pragma: no mutate (a cache: speed only)
        return status

    def years(self, start: Period, end: Period) -> Decimal:
        """The years between two periods, once per pair of periods."""
        # By value: a plan's target levels hold periods of their own, equal but not shared.
        key = (start, end)
        span = self.spans.get(key)  # pragma: no mutate (a cache: speed only)
        if span is None:
            span = self.spans[key] = _years(start, end)
        return span

    def pace(
        self,
        node: Indicator,
        rule: Rule | None,
        method: PaceMethod,
        measurement: Measurement | None,
        earlier: list[Measurement],
    ) -> Pace | None:
        """The pace of an indicator by ``method``: one series, or the mean of several."""
        period = self.period
        targets = pace_targets(rule, period, node.direction, method)
        if not targets:
            return None
        main = node.main_series
        paces = []
        for aim in targets:
            # Without a number now, the pace is not judged and earlier ones do not matter.
            if aim.series is None:
                series, now, before = main, measurement, earlier
            else:
                series = node.series_named(aim.series) or main
                now, before = series.get(period), series.before(period)
            paces.append(
                _judge_one_pace(
                    now,
                    before,
                    period,
                    aim.target,
                    direction=node.direction,
                    unit=aim.unit or node.unit,
                    method=method,
                    series=series.key,
                    years=self.years,
                )
            )
        return combine_paces(paces, method)

    def unassessed(self, reason: NotAssessedReason, detail: str) -> RuleResult:
        """A rule's result without a verdict: one object for all nodes with the same reason."""
        key = (id(reason), detail)  # members are singletons, and hash in Python
        result = self.results.get(key)
        if result is None:
            result = self.results[key] = _missing(NotAssessed(reason, detail))
        return result

    def missing(self, measurement: Measurement | None, rule: Rule) -> RuleResult:
        """The rule's result for an outcome that is not a number (a yes/no answer raises)."""
        if measurement is None:
            return self.unassessed(_NO_DATA, self.period.format())
        if measurement.value is None:
            return self.unassessed(measurement.missing or _NO_DATA, measurement.comment)
        _need_number(measurement.value, rule)
        raise AssertionError(f"not a number: {measurement.value!r}")  # pragma: no cover

    def indicator(self, node: Indicator, pace_method: PaceMethod) -> Assessment:
        period = self.period
        main = node.main_series
        measurement = main.get(period)
        finer = None
        if measurement is None and node.aggregation is not None:
            # Outcomes of shorter periods answer for this one, as the indicator says.
            finer = _within(main, period, node.aggregation, node.id)
        found = measurement if finer is None else finer
        value = None if found is None else found.value
        comment = _indicator_comment(node, period, found)
        earlier: list[Measurement] = []
        trend = None
        if isinstance(value, Decimal):
            earlier = main.before(period)
            basis = self.trend_basis
            compared = (
                (earlier[-1] if earlier else None)
                if basis is None
                else _compared(main, period, earlier, basis)
            )
            if compared is not None:
                trend = _trend(compared, value, node.direction)
        rule = node.target
        method = node.pace or pace_method
        pace = self.pace(node, rule, method, measurement, earlier)
        if rule is None:
            return _unassessed(
                node,
                period,
                comment,
                _NO_TARGET,
                value=value,
                trend=trend,
                pace=pace,
                version=self.version,
            )
        # The rule's numeric description: one fixed number on the main series is judged here
        # directly; everything else asks the rule.
        demand = rule.demand(period, node.direction) if rule.series_judged is None else None
        plain = demand.plain if demand is not None else None
        if demand is not None and demand.not_due_before is not None:
            result = self.unassessed(NotAssessedReason.NOT_YET_DUE, demand.not_due_before.format())
        elif plain is not None:
            assert demand is not None
            if isinstance(value, Decimal):
                result = _judge_number(
                    rule,
                    value=value,
                    target=plain.target,
                    direction=plain.direction,
                    inclusive=plain.inclusive,
                    tolerance=plain.tolerance,
                    unit=rule.unit or node.unit,
                    show_target=demand.shows_target,
                )
            else:
                result = self.missing(measurement, rule)
        else:
            result = rule.judge(
                RuleContext(
                    period=period,
                    series=main.key,
                    direction=node.direction,
                    unit=node.unit,
                    lookup=_lookup(node),
                    labels={series.key: series.label for series in node.series},
                )
            )
        outcome = result.outcome
        if isinstance(outcome, Achievement):
            status, not_assessed = self.status(outcome), None
        else:
            status, not_assessed = None, outcome
        judged = result.value
        return Assessment(
            node_id=node.id,
            kind=node.kind,
            period=period,
            status=status,
            derived_status=status,
            not_assessed=not_assessed,
            value=judged if judged is not None else value,
            target=result.target,
            gap=result.gap,
            rule=rule,
            result=result,
            trend=trend,
            pace=pace,
            counts=EMPTY,
            comment=comment,
            version=self.version,
            explanation=(
                result.explanation
                if finer is None
                else Message.of(
                    "explain.as_of", explanation=result.explanation, period=_AsOf(finer.period)
                )
            ),
        )

    def linked(self, activity: Activity) -> Assessment:
        """An activity's assessment for a goal it serves, wherever it sits in the tree."""
        found = self.done.get(activity.id)  # pragma: no mutate (reuse: speed only)
        if isinstance(found, Assessment):  # activities are always assessed in the pass
            return found
        assessment = _assess_reported(activity, self.period, self.scale)
        if activity.judgements:
            assessment = _judged(assessment, activity, self.period, self.scale)
        return assessment

    def rollup(self, node: Goal) -> _Rolled:
        """A goal's status from its children's (None: none assessed), with what it counted."""
        status_of, ranks_of = self.status_of, self.ranks
        ranks: list[int] = []
        tally = dict.fromkeys(self.tally_keys, 0)
        # Activities are counted by their own status; in the goal's only by the plan's choice.
        skip_activities = not self.with_activities
        counted = 0
        statuses: list[str | None] = [
            status_of[child.id]
            for child in node.children
            if not (skip_activities and child.__class__ is Activity)
        ]
        if not skip_activities and node.id in self.served:
            statuses.extend(self.linked(activity).status for activity in self.served[node.id])
        for status in statuses:
            counted += 1
            if status is None:
                tally["not_assessed"] += 1
                continue
            rank = ranks_of.get(status)  # pragma: no mutate (scale.rank below gives the same)
            if rank is None:
                rank = self.scale.rank(status)  # raises: not a level of the scale
            ranks.append(rank)
            tally[status] += 1
        counts = {key: count for key, count in tally.items() if count}
        if not ranks:
            return None, 0, counted, counts, self.policy
        scale, policy = self.scale, self.level_policies.get(node.level, self.policy)
        status = scale.levels[_rolled_up(policy, ranks, scale)].key
        return status, len(ranks), counted, counts, policy

    def goal(self, node: Goal, rolled: _Rolled) -> Assessment:
        """A goal's assessment from its roll-up (see :meth:`rollup`)."""
        status, assessed, counted, counts, policy = rolled
        children = node.children
        comment = _comment(node, self.period) if node.comments else ""
        if status is None:
            outcome = NotAssessed(
                NotAssessedReason.NO_ASSESSED_CHILDREN if children else NotAssessedReason.NO_TARGET,
                "",
            )
            return _unassessed(
                node, self.period, comment, outcome, counts=counts, version=self.version
            )
        scale = self.scale
        return Assessment(
            node_id=node.id,
            kind=node.kind,
            period=self.period,
            status=status,
            derived_status=status,
            counts=counts,
            comment=comment,
            version=self.version,
            explanation=Message.of(
                "explain.rollup",
                policy=policy,
                status=_Level(scale, status),
                assessed=assessed,
                total=counted,
                counts=tuple(_Count(scale, key, count) for key, count in counts.items()),
            ),
        )


def _from_result(
    node: Node, period: Period, scale: Scale, result: RuleResult, *, rule: Rule, comment: str
) -> Assessment:
    achievement = result.achievement
    status = scale.level_for(achievement).key if achievement is not None else None
    return Assessment(
        node_id=node.id,
        kind=node.kind,
        period=period,
        status=status,
        derived_status=status,
        not_assessed=result.not_assessed,
        value=result.value,
        target=result.target,
        gap=result.gap,
        rule=rule,
        result=result,
        comment=comment,
        explanation=result.explanation,
    )


def _assess_yes_no(node: YesNoMeasure, period: Period, scale: Scale) -> Assessment:
    by_period = {m.period: m for m in node.measurements}

    def lookup(_: str, wanted: Period) -> Observation:
        return _observation(by_period.get(wanted), wanted)

    result = node.target.judge(RuleContext(period=period, lookup=lookup))
    measurement = by_period.get(period)
    comment = _joined_comment(node, period, measurement.comment if measurement else "")
    return _from_result(node, period, scale, result, rule=node.target, comment=comment)


def _report_for(reports: tuple[Report, ...], period: Period) -> Report | None:
    exact = [report for report in reports if report.period == period]
    if exact:
        return exact[-1]
    inside = [report for report in reports if report.period in period]
    return inside[-1] if inside else None


def _assess_reported(node: Assignment | Activity, period: Period, scale: Scale) -> Assessment:
    report = _report_for(node.reports, period)
    comment = _joined_comment(node, period, report.comment if report else "")
    if report is None or report.status is None:
        reason = NotAssessedReason.NO_DATA if report is None else NotAssessedReason.NOT_JUDGED
        return _unassessed(node, period, comment, NotAssessed(reason, ""))
    if isinstance(node, Assignment) and report.status in scale:
        return _with_status(
            _unassessed(node, period, comment, NotAssessed(NotAssessedReason.NOT_JUDGED, "")),
            report.status,
            Message.of("explain.reported", status=_Level(scale, report.status)),
        )
    # The node keeps its own status; the plan's colour is only how that status reads.
    reading = scale.reading(report.status, of=ACTIVITY_STATUS)
    cancelled = attrs.evolve(
        _unassessed(node, period, comment, NotAssessed(NotAssessedReason.CANCELLED, "")),
        own_status=report.status,
    )
    if reading is None:
        return cancelled
    key = "explain.activity" if isinstance(node, Activity) else "explain.reported"
    return _with_status(
        cancelled, reading, Message.of(key, status=_Level(ACTIVITY_STATUS, report.status))
    )


@attrs.frozen
class _Level:
    """A level key rendered with its scale's label."""

    scale: Scale
    key: str

    def render(self, *, locale: LocaleLike) -> str:
        return self.scale.label(self.key, locale=locale)


def _judged(assessment: Assessment, node: Node, period: Period, scale: Scale) -> Assessment:
    # The last judgement of the period on each scale is in force; each names its scale.
    latest: dict[str, Judgement] = {}
    for judgement in node.judgements:
        if judgement.period == period:
            key = judgement.scale or scale.key
            latest.pop(key, None)  # keeps the dict in the order the judgements were last given
            latest[key] = judgement if judgement.scale else attrs.evolve(judgement, scale=key)
    if not latest:
        return assessment
    changes: dict[str, object] = {"judgements": tuple(latest.values())}
    trend = latest.get(TREND.key)  # on a plan reporting on trends, the status is one too
    if trend is not None:
        derived_trend = assessment.trend
        changes["trend"] = Trend(
            status=trend.status,
            previous_period=derived_trend.previous_period if derived_trend else None,
            previous_value=derived_trend.previous_value if derived_trend else None,
            judgement=trend,
        )
    own = latest.get(scale.key)
    shown: Scale = scale
    status = None if own is None else own.status
    if own is None and isinstance(node, Activity) and ACTIVITY_STATUS.key in latest:
        own = latest[ACTIVITY_STATUS.key]
        shown, status = ACTIVITY_STATUS, scale.reading(own.status, of=ACTIVITY_STATUS)
    if own is not None:
        derived: object = (
            _Level(scale, assessment.derived_status)
            if assessment.derived_status is not None
            else Message.of("status.not_assessed")
        )
        changes.update(
            status=status,
            # A status with no reading on the plan's scale (cancelled) leaves the node unrated.
            not_assessed=None if status is not None else NotAssessed(_CANCELLED, ""),
            judgement=own,
            explanation=Message.of(
                "explain.judgement",
                status=_Level(shown, own.status),
                by=own.by,
                # Without a reason, who judged stands alone: "(Regionstyrelsen)", not ": -".
                reason=f": {own.reason}" if own.reason else "",
                derived=derived,
                derived_explanation=assessment.explanation,
            ),
        )
    return attrs.evolve(assessment, **changes)  # type: ignore[arg-type]


@attrs.frozen
class _Count:
    scale: Scale
    key: str
    count: int

    def render(self, *, locale: LocaleLike) -> str:
        label = (
            Message.of("status.not_assessed").render(locale=locale)
            if self.key == "not_assessed"
            else self.scale.label(self.key, locale=locale)
        )
        return f"{self.count} {label}"


# -- the evaluation ------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Summary:
    """How many nodes have each status, with not assessed counted apart.

    Activities are counted on their own scale (done, ongoing, planned ...), every other
    kind on the plan's; ``scale`` says which.

    >>> from malstyrning import examples
    >>> evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period=Period("2019-T1"))
    >>> summary = evaluation.summary(kind="indicator")
    >>> summary.total == summary.assessed + summary.not_assessed
    True
    """

    counts: FrozenMap[str, int] = attrs.field(converter=freeze)
    not_assessed: int
    scale: Scale | None = attrs.field(default=None, repr=False)

    @property
    def assessed(self) -> int:
        """How many nodes have a status."""
        return sum(self.counts.values())

    @property
    def total(self) -> int:
        """How many nodes were counted."""
        return self.assessed + self.not_assessed

    def share(self, key: str) -> Decimal:
        """The percentage (0-100, one decimal) of counted nodes with status ``key``.

        ``not_assessed`` gives the share not assessed; an empty summary gives 0.
        """
        count = self.not_assessed if key == NOT_ASSESSED else self.counts.get(key, 0)
        return _percent(count, self.total)


NOT_ASSESSED = "not_assessed"
"""The key under which summaries count nodes without a status (never a level of a scale)."""

_SUMMED_KINDS = ("indicator", "yes_no", "assignment", "activity")


def _percent(count: int, total: int) -> Decimal:
    if not total:
        return Decimal(0)
    return (Decimal(100 * count) / total).quantize(Decimal("0.1"), decimal.ROUND_HALF_UP)


@attrs.frozen(kw_only=True)
class SummaryGroup:
    """A group of columns of a :class:`SummaryTable`: one kind of node, or one goal level.

    ``key`` is a node kind (``indicator``, ``yes_no``, ``assignment``, ``activity``,
    ``goal``) or a key of the plan's levels (the goals of that level). Activities are
    counted on their own scale, everything else on the plan's: ``statuses`` are the
    scale's level keys, best first, then ``not_assessed``.
    """

    key: str
    scale: Scale
    is_level: bool = False

    @property
    def statuses(self) -> tuple[str, ...]:
        """The columns of the group: the scale's levels, then not assessed."""
        return (*self.scale.keys, NOT_ASSESSED)


def _frozen_cells(value: Mapping[str, Mapping[str, int]]) -> FrozenMap[str, FrozenMap[str, int]]:
    return FrozenMap({key: freeze(inner) for key, inner in value.items()})


@attrs.frozen(kw_only=True)
class SummaryLine:
    """One row of a :class:`SummaryTable`: a goal area's counts per group and status.

    ``cells`` maps each group key to the count of every status of the group (not assessed
    included, as ``not_assessed``). ``status`` is the area's combined status on the plan's
    scale (None when not assessed, and for the totals row).
    """

    node_id: str | None
    title: str
    status: str | None
    cells: FrozenMap[str, FrozenMap[str, int]] = attrs.field(converter=_frozen_cells)

    def count(self, group: str, status: str) -> int:
        """The count in one cell (0 for a status the group does not have)."""
        return self.cells[group].get(status, 0)

    def total(self, group: str | None = None) -> int:
        """The row's total for one group, or over every group."""
        if group is None:
            return sum(sum(counts.values()) for counts in self.cells.values())
        return sum(self.cells[group].values())

    def share(self, group: str, status: str) -> Decimal:
        """The cell as a percentage (0-100, one decimal) of the row's total for the group."""
        return _percent(self.count(group, status), self.total(group))


@attrs.frozen(kw_only=True)
class SummaryTable:
    """Counts per goal area (rows) × kind or level (groups) × status (columns), with totals.

    The table follow-ups print: per goal area the key figures and the assignments by colour,
    a total per area and the area's combined status, then the activities by their own
    status. Every value is a key or a number; labels are the reader's (see
    ``Plan.kind_label``, ``Plan.level_label`` and ``Scale.label``). ``total`` sums the rows
    column by column, so every total is the sum of its cells.

    >>> from malstyrning import examples
    >>> evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
    >>> table = evaluation.summary_table(kinds=("indicator", "assignment"))
    >>> [group.key for group in table.groups], table.areas
    (['indicator', 'assignment'], 'strategy')
    >>> row = table.rows[0]
    >>> dict(row.cells["indicator"]), row.total("indicator"), row.status
    ({'green': 2, 'yellow': 0, 'red': 1, 'not_assessed': 3}, 6, 'red')
    >>> table.total.total() == sum(row.total() for row in table.rows)
    True
    """

    areas: str | None
    groups: tuple[SummaryGroup, ...]
    rows: tuple[SummaryLine, ...]
    total: SummaryLine
    activities: Summary

    def group(self, key: str) -> SummaryGroup:
        """The group with this key.

        Raises:
            KeyError: the table has no such group.
        """
        for group in self.groups:
            if group.key == key:
                return group
        raise KeyError(key)


@attrs.frozen(kw_only=True, repr=False)
class Evaluation:
    """Every node's assessment for one period, in the plan's order."""

    plan: Plan
    period: Period
    policy: RollupPolicy
    assessments: FrozenMap[str, Assessment] = attrs.field(converter=freeze)

    def __getitem__(self, node_id: str) -> Assessment:
        self.plan[node_id]  # an unknown id raises with suggestions
        return self.assessments[node_id]

    def __iter__(self) -> Iterator[Assessment]:
        return iter(self.assessments.values())

    def __len__(self) -> int:
        return len(self.assessments)

    @property
    def statuses(self) -> FrozenMap[str, str | None]:
        """Every node's status (None: not assessed), by id in the plan's order.

        Read without building the nodes' assessments (explanations, trend, pace), which
        :func:`evaluate` leaves until they are read: what dashboards and counts need.

        >>> from malstyrning import examples
        >>> evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
        >>> evaluation.statuses["antibiotika"], evaluation.statuses["samhalle"]
        ('green', 'red')
        """
        assessments = self.assessments
        if isinstance(assessments, _LazyAssessments):
            return FrozenMap({key: assessments.status(key) for key in assessments})
        return FrozenMap({key: a.status for key, a in assessments.items()})

    def _status(self, node_id: str, *, own: bool = False) -> str | None:
        """One node's status (or an activity's own status), built or not."""
        assessments = self.assessments
        if isinstance(assessments, _LazyAssessments):
            return assessments.status(node_id, own=own)
        assessment = assessments[node_id]
        return assessment.own_status if own else assessment.status

    @property
    def version(self) -> int:
        """The version of the plan assessed: the one in force in the period."""
        return self.plan.version

    @property
    def outside_validity(self) -> bool:
        """Whether the period lies (wholly or partly) outside the plan's validity.

        Such a period is still evaluated: years before a plan are its baseline, for pace.

        >>> from malstyrning import examples
        >>> evaluate(examples.load("vasternorrland-2022"), period="2020").outside_validity
        True
        """
        return not self.plan.validity.contains(self.period)

    @property
    def anything_assessed(self) -> bool:
        """Whether anything at all was assessed: a status, a trend, a judgement or a pace.

        >>> from malstyrning import examples
        >>> evaluate(examples.load("jamtland-harjedalen-2019"), period="2030").anything_assessed
        False
        """
        return any(
            a.status is not None
            or a.own_status is not None
            or a.trend is not None
            or a.judgements
            or (a.pace is not None and a.pace.status is not None)
            for a in self.assessments.values()
        )

    def summary(
        self, *, under: str | None = None, level: str | None = None, kind: str | None = None
    ) -> Summary:
        """Count statuses of the nodes under ``under`` (default: the whole plan).

        Count goals of one ``level`` (a key of the plan's levels) or nodes of one ``kind``
        (``indicator``, ``assignment`` ...); by default the goals of the plan's last level
        ("16 yellow, 4 red, 2 green, 2 not assessed"). Activities are counted by their own
        status (``kind="activity"``: done, ongoing, planned, delayed, cancelled).

        >>> from malstyrning import examples
        >>> evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
        >>> summary = evaluation.summary(kind="assignment")
        >>> dict(summary.counts), summary.not_assessed
        ({'green': 0, 'yellow': 0, 'red': 0}, 16)
        """
        if level is None and kind is None:
            level = self.plan.levels[-1].key if self.plan.levels else None
        nodes = self.plan.walk() if under is None else _descendants(self.plan[under])
        own = kind == "activity"
        counts: collections.Counter[str] = collections.Counter()
        missing = 0
        for node in nodes:
            if kind is not None and node.kind != kind:
                continue
            if level is not None and not (isinstance(node, Goal) and node.level == level):
                continue
            status = self._status(node.id, own=own)
            if status is None:
                missing += 1
            else:
                counts[status] += 1
        scale = ACTIVITY_STATUS if own else self.plan.scale
        ordered = {key: counts[key] for key in scale.keys}
        return Summary(counts=ordered, not_assessed=missing, scale=scale)

    def activities(self, node_id: str | None = None) -> tuple[Assessment, ...]:
        """The assessments of the activities under a node or serving it (all by default).

        An activity serves the goal it sits under (and every goal above it) and the nodes
        its ``serves`` names; each is listed once, in the plan's order. The detail table
        behind a count of activities.

        >>> from malstyrning import examples
        >>> evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
        >>> evaluation.activities("samhalle")
        ()
        """
        plan = self.plan
        if node_id is None:
            found = [node for node in plan.walk() if isinstance(node, Activity)]
        else:
            below = {node.id for node in _descendants(plan[node_id])}
            found = [
                node
                for node in plan.walk()
                if isinstance(node, Activity)
                and (node.id in below or any(target in below for target in node.serves))
            ]
        return tuple(self.assessments[node.id] for node in found)

    def summary_table(
        self, *, kinds: Sequence[str] | None = None, areas: str | None = None
    ) -> SummaryTable:
        """Count per goal area × kind (or level) × status, with totals, as follow-ups print.

        Args:
            kinds: the column groups, each a node kind (``indicator``, ``yes_no``,
                ``assignment``, ``activity``, ``goal``) or a key of the plan's levels; by
                default every kind of leaf the plan has. Activities are counted by their
                own status.
            areas: the level whose goals are the rows (default: the plan's first level).

        Raises:
            UnknownLevel: a kind or level the plan does not have, or a name that is both.

        >>> from malstyrning import examples
        >>> evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
        >>> table = evaluation.summary_table(kinds=["indicator"], areas="strategic_goal")
        >>> len(table.rows), table.total.total("indicator")
        (15, 34)
        """
        plan = self.plan
        level_keys = [level.key for level in plan.levels]
        present = {node.kind for node in plan.walk()}
        if kinds is None:
            kinds = [kind for kind in _SUMMED_KINDS if kind in present]
        groups: list[SummaryGroup] = []
        for key in kinds:
            is_kind = key in (*_SUMMED_KINDS, "goal")
            if is_kind == (key in level_keys):
                raise UnknownLevel(
                    f"plan {plan.id!r}: {key!r} is both a kind of node and one of its levels; "
                    "rename the level to count it"
                    if is_kind
                    else UnknownLevel.for_plan(
                        plan.id, level_keys, key, (*_SUMMED_KINDS, "goal")
                    ).message
                )
            own = key == "activity"
            scale = ACTIVITY_STATUS if own else plan.scale
            groups.append(SummaryGroup(key=key, scale=scale, is_level=not is_kind))
        if areas is not None and areas not in level_keys:
            raise UnknownLevel.for_plan(plan.id, level_keys, areas, ())
        area_level = areas if areas is not None else (level_keys[0] if level_keys else None)
        rows = [
            self._summary_line(node, groups)
            for node in plan.walk()
            if isinstance(node, Goal) and node.level == area_level
        ]
        totals = {
            group.key: {
                status: sum(row.count(group.key, status) for row in rows)
                for status in group.statuses
            }
            for group in groups
        }
        total = SummaryLine(node_id=None, title="", status=None, cells=totals)
        return SummaryTable(
            areas=area_level,
            groups=tuple(groups),
            rows=tuple(rows),
            total=total,
            activities=self.summary(kind="activity"),
        )

    def _summary_line(self, area: Goal, groups: list[SummaryGroup]) -> SummaryLine:
        cells: dict[str, dict[str, int]] = {
            group.key: dict.fromkeys(group.statuses, 0) for group in groups
        }
        for node in _descendants(area):
            if node is area:
                continue
            for group in groups:
                if group.is_level:
                    if not (isinstance(node, Goal) and node.level == group.key):
                        continue
                elif node.kind != group.key:
                    continue
                status = self._status(node.id, own=group.key == "activity")
                cells[group.key][NOT_ASSESSED if status is None else status] += 1
        return SummaryLine(
            node_id=area.id,
            title=area.title,
            status=self._status(area.id),
            cells=cells,
        )

    def _repr_html_(self) -> str | None:
        # Jupyter's rich display: the report layer registers the renderer (see _display).
        return _display.html(self)

    def __repr__(self) -> str:
        summary = self.summary(kind="indicator")
        return (
            f"Evaluation(plan={self.plan.id!r}, period={self.period!r}, "
            f"nodes={len(self)}, indicators={dict(summary.counts)}, "
            f"not_assessed={summary.not_assessed})"
        )


def _descendants(node: Node) -> Iterator[Node]:
    yield node
    if isinstance(node, Goal):
        for child in node.children:
            yield from _descendants(child)


def evaluate(
    plan: Plan,
    *,
    period: Period | str,
    rollup: RollupPolicy | str | None = None,
    lazy: bool = True,
) -> Evaluation:
    """Assess every node of ``plan`` for ``period``.

    Every status is judged at once (a goal's needs its children's); an indicator's or a
    goal's assessment, with its explanation, trend and pace, is built when it is first read
    (``lazy=False``: all of them now). Either way the evaluation is the same: equal,
    pickled and shown alike, with the same assessments. :attr:`Evaluation.statuses` and
    the summaries build none.

    Args:
        plan: the plan with its follow-up data.
        period: the period to assess (a :class:`Period` or its text, ``"2019-T1"``).
        rollup: how goals combine their children, for every level: ``"worst"``,
            ``"majority"``, ``"mean_of_ranks"``, ``"share:green=0.75,yellow=0.5"`` or a
            policy object such as :class:`ShareThresholds`. By default the plan's own
            policies (``PlanLevel.rollup``, then ``Plan.rollup``), else the worst child's.
        lazy: build each assessment when it is first read (the default), or every one now.

    Returns:
        An :class:`Evaluation` with one :class:`Assessment` per node.

    Raises:
        InvalidScale: the rollup policy is unknown, or names levels not on the plan's scale.
    """
    if isinstance(period, str):
        period = Period.parse(period)
    given = None if rollup is None else _policy(rollup)
    if given is not None:
        problem = check_policy(given, plan.scale, "the roll-up policy")
        if problem:
            raise InvalidScale(problem)
    if plan.history:
        # A revised plan is judged as it stood in the period: struck nodes leave from the
        # date their revision takes effect, and nodes added later are not yet in it.
        plan = revisions.as_of(plan, period.end)
    policy = given or plan.rollup or ROLLUP_POLICIES["worst"]
    run = _Pass(period, plan.scale, policy, plan.version, plan, eager=not lazy)
    if given is None:
        run.level_policies = {lv.key: lv.rollup for lv in plan.levels if lv.rollup is not None}
    if plan.rollup_activities:
        for node in plan.walk():
            if isinstance(node, Activity) and node.serves:
                parent = plan.parent(node.id)
                for target in node.serves:
                    if isinstance(plan.get(target), Goal) and (
                        parent is None or parent.id != target
                    ):
                        run.served.setdefault(target, []).append(node)
    # An evaluation allocates some fifteen objects per indicator and makes no cycles.
    with paused_collector():
        for goal in plan.goals:
            run.visit(goal)
        assessments = _LazyAssessments(run.done, run.build, run.status_of, run.own_of)
        return Evaluation(plan=plan, period=period, policy=policy, assessments=assessments)


def default_period(plan: Plan) -> Period:
    """The period to assess when none is given.

    That is the plan's reporting period, else its latest outcome or report; the clock is
    never read.

    Raises:
        MalstyrningError: the plan has neither.
    """
    if plan.reporting_period is not None:
        return plan.reporting_period
    periods: set[Period] = set()
    for node in plan.walk():
        if isinstance(node, Indicator):
            for series in node.series:
                periods.update(m.period for m in series.measurements if m.value is not None)
        elif isinstance(node, YesNoMeasure):
            periods.update(m.period for m in node.measurements if m.value is not None)
        elif isinstance(node, Assignment | Activity):
            periods.update(report.period for report in node.reports)
    if not periods:
        raise MalstyrningError(
            f"plan {plan.id!r} has no reporting period and no outcomes; name the period to "
            "assess (e.g. --period 2019-T1)"
        )
    return max(periods, key=lambda period: (period.end, -period.days))
