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
import enum
import math
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import ClassVar, Protocol, runtime_checkable

import attrs

from malstyrning import _display, revisions
from malstyrning._frozen import EMPTY, FrozenMap, freeze
from malstyrning._gc import paused_collector
from malstyrning.errors import InvalidScale, MalstyrningError
from malstyrning.i18n import LocaleLike, Message, Quantity
from malstyrning.model import (
    Activity,
    Assignment,
    Goal,
    Indicator,
    Judgement,
    Measurement,
    Node,
    Plan,
    Report,
    Series,
    YesNoMeasure,
)
from malstyrning.periods import Period
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
from malstyrning.scales import (
    ACTIVITY_STATUS,
    PACE,
    TREND,
    Achievement,
    NotAssessed,
    NotAssessedReason,
    Scale,
)

__all__ = [
    "Assessment",
    "Evaluation",
    "Majority",
    "MeanOfRanks",
    "Pace",
    "RollupPolicy",
    "ShareThresholds",
    "Summary",
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
_NO_TARGET = NotAssessed(NotAssessedReason.NO_TARGET, "")


# -- roll-up policies -----------------------------------------------------------------------


@runtime_checkable
class RollupPolicy(Protocol):
    """A way to combine children's statuses into their goal's, and its name for people.

    Any object with these two methods is a policy: :func:`evaluate` takes it as ``rollup=``,
    and the goals' explanations name it with its own :meth:`render`, so that a policy
    defined outside this library needs no catalogue entry.

    >>> import attrs
    >>> @attrs.frozen
    ... class Best:
    ...     def combine(self, ranks: list[int], scale: Scale) -> int:
    ...         return min(ranks)
    ...     def render(self, *, locale: LocaleLike) -> str:
    ...         return "the best part decides"
    >>> from malstyrning import examples
    >>> evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1",
    ...                       rollup=Best())
    >>> "the best part decides" in evaluation["patient"].explanation.render(locale="en")
    True
    """

    def combine(self, ranks: list[int], scale: Scale) -> int:
        """The rank of the combined status, given the children's ranks (0 is the best)."""

    def render(self, *, locale: LocaleLike) -> str:
        """The policy's name in ``locale``, as the goals' explanations show it."""


class _CataloguePolicy:
    """The policies this library ships name themselves from the catalogues."""

    __slots__ = ()
    key: ClassVar[str]

    def render(self, *, locale: LocaleLike) -> str:
        """The policy's name in ``locale`` (catalogue key ``rollup.<key>``)."""
        return Message.of(f"rollup.{self.key}").render(locale=locale)


@attrs.frozen
class Worst(_CataloguePolicy):
    """The combined status is the worst child's: one red goal makes the area red."""

    key = "worst"

    def combine(self, ranks: list[int], scale: Scale) -> int:
        """The rank of the combined status."""
        return max(ranks)


@attrs.frozen
class Majority(_CataloguePolicy):
    """The most common child status; a tie goes to the worse level."""

    key = "majority"

    def combine(self, ranks: list[int], scale: Scale) -> int:
        """The rank of the combined status."""
        counts = collections.Counter(ranks)
        top = max(counts.values())
        return max(rank for rank, count in counts.items() if count == top)


@attrs.frozen
class MeanOfRanks(_CataloguePolicy):
    """The mean of the children's ranks, rounded; exactly half-way goes to the worse level."""

    key = "mean_of_ranks"

    def combine(self, ranks: list[int], scale: Scale) -> int:
        """The rank of the combined status."""
        mean = Decimal(sum(ranks)) / len(ranks)
        return int(mean.to_integral_value(rounding=decimal.ROUND_HALF_UP))


@attrs.frozen
class ShareThresholds(_CataloguePolicy):
    """A level is reached when enough children are at that level or better.

    ``minimum_shares`` maps level keys to the share (0-1) of children that must be at that
    level or better; the best level reached wins, and the worst child's level applies if
    none is. E.g. ``{"green": 0.75, "yellow": 0.5}``: green when three in four are green.

    >>> from malstyrning.scales import TRAFFIC_LIGHT
    >>> ShareThresholds({"green": Decimal("0.75")}).combine([0, 0, 0, 2], TRAFFIC_LIGHT)
    0
    """

    minimum_shares: FrozenMap[str, Decimal] = attrs.field(converter=freeze)
    key = "share"

    def combine(self, ranks: list[int], scale: Scale) -> int:
        """The rank of the combined status."""
        total = len(ranks)
        for key, share in sorted(self.minimum_shares.items(), key=lambda kv: scale.rank(kv[0])):
            rank = scale.rank(key)
            if Decimal(sum(1 for r in ranks if r <= rank)) / total >= Decimal(share):
                return rank
        return max(ranks)


ROLLUP_POLICIES: Mapping[str, RollupPolicy] = FrozenMap(
    {"worst": Worst(), "majority": Majority(), "mean_of_ranks": MeanOfRanks()}
)


def _rolled_up(policy: RollupPolicy, ranks: list[int], scale: Scale) -> int:
    # Whatever the policy, the result stays between the best and the worst child.
    return min(max(policy.combine(ranks, scale), min(ranks)), max(ranks))


# -- trend and pace ---------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Trend:
    """Better, unchanged or worse than the previous report (a level of :data:`TREND`)."""

    status: str
    previous_period: Period
    previous_value: Decimal

    @property
    def symbol(self) -> str:
        """↑, → or ↓."""
        return TREND.level(self.status).symbol


def _trend(previous: Measurement, value: Decimal, direction: Direction) -> Trend:
    # ``previous`` is the last earlier outcome of the same period kind (Series.before).
    before = previous.value
    assert isinstance(before, Decimal)
    margin = value - before if direction is _HIGHER else before - value
    status = "improving" if margin > 0 else "worsening" if margin < 0 else "unchanged"
    return Trend(status=status, previous_period=previous.period, previous_value=before)


class PaceMethod(enum.Enum):
    """How growth was measured: compound annual growth, or linear where values are not positive."""

    COMPOUND = "compound"
    LINEAR = "linear"


@attrs.frozen(kw_only=True)
class Pace:
    """Whether an outcome is on track to reach a later target level.

    The growth-ratio method of Eurostat's SDG monitoring and Open SDG: the ratio of the
    observed compound annual growth (baseline to now) to the growth required to reach the
    target level on time. ``achieved`` when the target is already met; ``on_track`` at a
    ratio of 95 % or more; ``acceleration_needed`` from 60 %; ``limited_progress`` from 0;
    ``deterioration`` below 0. Fewer than two data points give ``status=None`` with a reason.
    """

    status: str | None
    target: TargetLevel
    baseline: Measurement | None = None
    current: Measurement | None = None
    observed_growth: Decimal | None = None
    required_growth: Decimal | None = None
    ratio: Decimal | None = None
    method: PaceMethod = PaceMethod.COMPOUND
    not_assessed: NotAssessed | None = None
    explanation: Message


ON_TRACK = Decimal("0.95")
ACCELERATION_NEEDED = Decimal("0.6")


def _years(start: Period, end: Period) -> Decimal:
    return Decimal(repr(start.years_until(end)))


def _growth(start: Decimal, end: Decimal, years: Decimal, method: PaceMethod) -> Decimal:
    if method is PaceMethod.COMPOUND:
        return _root_power(end / start, 1 / years, years) - 1
    return (end - start) / years


# Digits beyond the context's precision that a root is worked out in, and how close (in
# powers of ten below the context's last digit) a root may lie to half-way between two
# results before Decimal's own power is asked instead.
_GUARD_DIGITS = 20
_BAND_DIGITS = 10
_LN10 = math.log(10)
_EXACT = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
# For each precision and root, 1 / root as the context rounds it, and what that rounding
# added (a constant of the arithmetic, kept for all evaluations).
_ROUNDINGS: dict[tuple[int, int], tuple[Decimal, float]] = {}


def _integer_root(number: int, root: int, guess: float) -> int:
    """The integer part of ``number ** (1 / root)``, by Newton's steps from above ``guess``."""
    if root == 2:
        return math.isqrt(number)
    current = int(guess * (1 + 1e-9)) + 1  # a float is good to 15 digits: this is above
    while True:
        following = ((root - 1) * current + number // current ** (root - 1)) // root
        if following >= current:
            return current
        current = following


def _root_power(base: Decimal, exponent: Decimal, years: Decimal) -> Decimal:
    """``base ** exponent`` exactly as Decimal gives it, where ``exponent`` is ``1 / years``.

    Decimal computes a fractional power as exp(y ln x) some twenty digits beyond the
    context's precision, rounded once: 50 µs, which was most of an evaluation's time. For
    whole years the power is the ``years``-th root times exp(d ln x), d being what rounding
    ``1 / years`` to the context added; the root is worked out in integers to twenty more
    digits than the context keeps. It is rounded to the context only where every number
    within 10**-(prec + 10) of it rounds the same way, so that Decimal's own result, closer
    than that to the exact power, is the same number with the same digits. Otherwise, and
    in any unusual context, Decimal's power is used.
    """
    context = decimal.getcontext()
    precision = context.prec
    root = int(years)
    if (
        root != years
        or not 2 <= root <= 64
        or not base.is_finite()
        or base <= 0
        or base == 1
        or not -60 <= base.adjusted() <= 60
        or precision > 200  # a float holds the scaled root's size, up to 10**308
        or context.rounding != decimal.ROUND_HALF_EVEN
        or context.Emax < 1000
        or context.Emin > -1000
        or context.traps[decimal.Inexact]
        or context.traps[decimal.Rounded]
    ):
        return base**exponent
    # 1 / years rounded to the context is 1 / root + d, and x**(1/root + d) is the root
    # times exp(d ln x). As d is below 10**-prec, d ln x in floats is good to far more
    # digits than are kept, and so is expm1 of it.
    rounding = _ROUNDINGS.get((precision, root))
    if rounding is None or rounding[0] != exponent:
        top, bottom = exponent.as_integer_ratio()
        rounding = _ROUNDINGS[precision, root] = (exponent, (top * root - bottom) / (bottom * root))
    # The root of base * 10**(root * shift) has between working + 1 and working + 2 digits.
    # With at most prec digits in base (a quotient in the context) that number is a whole
    # one; with more, what int() drops is far below the digits kept.
    shift = precision + _GUARD_DIGITS - base.adjusted() // root
    scaled = int(base.scaleb(root * shift, _EXACT))
    logarithm = math.log(scaled) - root * shift * _LN10
    value = _integer_root(scaled, root, math.exp(logarithm / root) * 10.0**shift)
    value += round(value * math.expm1(logarithm * rounding[1]))
    dropped = len(str(value)) - precision
    unit = 10**dropped
    kept, rest = divmod(value, unit)
    half = unit // 2
    if abs(rest - half) <= unit // 10**_BAND_DIGITS:
        return base**exponent
    if rest > half:
        kept += 1
        if kept == 10**precision:
            kept, dropped = kept // 10, dropped + 1
    return Decimal(kept).scaleb(dropped - shift)


def judge_pace(
    series: Series,
    period: Period,
    target: TargetLevel,
    direction: Direction,
    unit: str | None = None,
) -> Pace:
    """Judge the pace of ``series`` at ``period`` towards ``target`` (growth-ratio method).

    The baseline is the earliest outcome of the same period kind before ``period``.

    >>> from malstyrning.model import Series, Measurement
    >>> s = Series(key="total", measurements=(
    ...     Measurement(period=Period("2019"), value=Decimal("13.9")),
    ...     Measurement(period=Period("2020"), value=Decimal("11.3"))))
    >>> pace = judge_pace(s, Period("2020"), TargetLevel(Period("2022"), Decimal("8.0")),
    ...                   Direction.LOWER_IS_BETTER)
    >>> pace.status, round(pace.ratio, 2)
    ('on_track', Decimal('1.11'))
    """
    return _judge_pace(
        series.get(period), series.before(period), period, target, direction=direction, unit=unit
    )


def _judge_pace(
    current: Measurement | None,
    earlier: list[Measurement],
    period: Period,
    target: TargetLevel,
    *,
    direction: Direction,
    unit: str | None,
    years: Callable[[Period, Period], Decimal] = _years,
) -> Pace:
    # judge_pace with the series' lookups done: the evaluator has them already for the trend.
    if current is None or not isinstance(current.value, Decimal) or not earlier:
        reason = (
            NotAssessedReason.NO_DATA
            if current is None or current.value is None
            else NotAssessedReason.NO_BASELINE
        )
        return Pace(
            status=None,
            target=target,
            current=current,
            not_assessed=NotAssessed(reason, ""),
            explanation=Message("explain.pace_unable", FrozenMap({"target": target.period})),
        )
    baseline = earlier[0]
    assert isinstance(baseline.value, Decimal)
    now, start, goal = current.value, baseline.value, target.value
    higher = direction is _HIGHER
    if (now - goal if higher else goal - now) >= 0:
        status = "achieved"
    elif (start - goal if higher else goal - start) >= 0:
        # The baseline already met the target, and the outcome has fallen below it.
        status = "deterioration"
    else:
        status = None
    if status is not None:
        return Pace(
            status=status,
            target=target,
            baseline=baseline,
            current=current,
            explanation=Message(
                "explain.pace_achieved" if status == "achieved" else "explain.pace_fell_below",
                FrozenMap(
                    {
                        "value": Quantity(now, unit),
                        "target": Quantity(goal, unit),
                        "target_period": target.period,
                    }
                ),
            ),
        )
    method = PaceMethod.COMPOUND if start > 0 and now > 0 and goal > 0 else PaceMethod.LINEAR
    observed = _growth(start, now, years(baseline.period, period), method)
    required = _growth(start, goal, years(baseline.period, target.period), method)
    ratio = observed / required
    if ratio >= ON_TRACK:
        status = "on_track"
    elif ratio >= ACCELERATION_NEEDED:
        status = "acceleration_needed"
    elif ratio >= 0:
        status = "limited_progress"
    else:
        status = "deterioration"
    return Pace(
        status=status,
        observed_growth=observed,
        required_growth=required,
        ratio=ratio,
        method=method,
        target=target,
        baseline=baseline,
        current=current,
        explanation=Message(
            "explain.pace",
            FrozenMap(
                {
                    "status": _Level(PACE, status),
                    "ratio": Quantity((ratio * 100).quantize(_ONE), "%"),
                    "baseline_period": baseline.period,
                    "value": Quantity(now, unit),
                    "target": Quantity(goal, unit),
                    "target_period": target.period,
                }
            ),
        ),
    )


_ONE = Decimal(1)


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
        judgement: the manual judgement applied, if any.
        counts: for goals, how many children had each status (and ``not_assessed``).
        version: the version of the plan the node was assessed against: 1 for the plan as
            first decided, more after revisions (the version in force in the period).
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
    counts: FrozenMap[str, int] = attrs.field(factory=FrozenMap, converter=freeze)
    comment: str = ""
    version: int = 1
    explanation: Message

    @property
    def assessed(self) -> bool:
        """Whether the node has a status."""
        return self.status is not None

    def explain(self, *, locale: LocaleLike) -> str:
        """The explanation as a sentence in ``locale``."""
        return self.explanation.render(locale=locale)

    def _repr_html_(self) -> str | None:
        # Jupyter's rich display: the report layer registers the renderer (see _display).
        return _display.html(self)


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
    def lookup(series_key: str, period: Period) -> Observation:
        series = indicator.series_named(series_key)
        return _observation(series.get(period) if series is not None else None, period)

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


class _Pass:
    """One evaluation: the period, the scale and the roll-up policy, and what it has done.

    Everything kept here lives for one call of :func:`evaluate` only. Threshold and
    trajectory rules, the common ones, are judged here without a rule context: the rules'
    own verdict and explanation for the number, without a lookup closure and a labels dict
    per indicator.
    """

    def __init__(self, period: Period, scale: Scale, policy: RollupPolicy, version: int) -> None:
        self.period = period
        self.scale = scale
        self.policy = policy
        self.version = version
        # In the plan's order: a goal takes its place before its children are assessed.
        self.done: dict[str, Assessment | None] = {}
        self.statuses: list[str | None] = [None] * len(Achievement)  # by Achievement.rank
        self.ranks = {level.key: rank for rank, level in enumerate(scale.levels)}
        self.tally_keys = (*scale.keys, "not_assessed")
        self.results: dict[tuple[int, str], RuleResult] = {}
        self.spans: dict[tuple[int, int], Decimal] = {}

    def visit(self, node: Node) -> None:
        done = self.done
        if isinstance(node, Indicator):
            assessment = self.indicator(node)
        elif isinstance(node, Goal):
            done[node.id] = None
            for child in node.children:
                self.visit(child)
            assessment = self.goal(node)
        else:
            if isinstance(node, YesNoMeasure):
                assessment = _assess_yes_no(node, self.period, self.scale)
            else:
                assessment = _assess_reported(node, self.period, self.scale)
            if self.version != 1:
                assessment = attrs.evolve(assessment, version=self.version)
        if node.judgements:
            assessment = _judged(assessment, node, self.period, self.scale)
        done[node.id] = assessment

    def status(self, achievement: Achievement) -> str:
        """The scale's level for a verdict (the scale raises if it maps none)."""
        rank = achievement.rank
        status = self.statuses[rank]
        if status is None:
            status = self.statuses[rank] = self.scale.level_for(achievement).key
        return status

    def years(self, start: Period, end: Period) -> Decimal:
        """The years between two periods, once per pair (periods are shared, parsed once)."""
        key = (id(start), id(end))
        span = self.spans.get(key)
        if span is None:
            span = self.spans[key] = _years(start, end)
        return span

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

    def indicator(self, node: Indicator) -> Assessment:
        period = self.period
        main = node.main_series
        measurement = main.get(period)
        value = None if measurement is None else measurement.value
        comment = _indicator_comment(node, period, measurement)
        earlier: list[Measurement] = []
        trend = None
        if isinstance(value, Decimal):
            earlier = main.before(period)
            if earlier:
                trend = _trend(earlier[-1], value, node.direction)
        rule = node.target
        if rule is None:
            return _unassessed(
                node,
                period,
                comment,
                _NO_TARGET,
                value=value,
                trend=trend,
                version=self.version,
            )
        pace = None
        paced = rule.pace_target()
        if paced is not None:
            trajectory = paced[1]
            upcoming = trajectory.next_level(period)
            if upcoming is not None:
                # Without a number now, the pace is not judged and earlier ones do not matter.
                if paced[0] is None:
                    series, now, before = main, measurement, earlier
                else:
                    series = node.series_named(paced[0]) or main
                    now, before = series.get(period), series.before(period)
                pace = _judge_pace(
                    now,
                    before,
                    period,
                    upcoming,
                    direction=node.direction,
                    unit=trajectory.unit or node.unit,
                    years=self.years,
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
            explanation=result.explanation,
        )

    def goal(self, node: Goal) -> Assessment:
        done, ranks_of = self.done, self.ranks
        ranks: list[int] = []
        tally = dict.fromkeys(self.tally_keys, 0)
        children = node.children
        for child in children:
            assessment = done[child.id]
            assert assessment is not None
            status = assessment.status
            if status is None:
                tally["not_assessed"] += 1
                continue
            rank = ranks_of.get(status)
            if rank is None:
                rank = self.scale.rank(status)  # raises: not a level of the scale
            ranks.append(rank)
            tally[status] += 1
        counts = {key: count for key, count in tally.items() if count}
        comment = _comment(node, self.period) if node.comments else ""
        if not ranks:
            outcome = NotAssessed(
                NotAssessedReason.NO_ASSESSED_CHILDREN if children else NotAssessedReason.NO_TARGET,
                "",
            )
            return _unassessed(
                node, self.period, comment, outcome, counts=counts, version=self.version
            )
        scale, policy = self.scale, self.policy
        status = scale.levels[_rolled_up(policy, ranks, scale)].key
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
                assessed=len(ranks),
                total=len(children),
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
    if isinstance(node, Assignment):
        return _with_status(
            _unassessed(node, period, comment, NotAssessed(NotAssessedReason.NOT_JUDGED, "")),
            report.status,
            Message.of("explain.reported", status=_Level(scale, report.status)),
        )
    reading = scale.reading(report.status, of=ACTIVITY_STATUS)
    cancelled = _unassessed(node, period, comment, NotAssessed(NotAssessedReason.CANCELLED, ""))
    if reading is None:
        return cancelled
    return _with_status(
        cancelled,
        reading,
        Message.of("explain.activity", status=_Level(ACTIVITY_STATUS, report.status)),
    )


@attrs.frozen
class _Level:
    """A level key rendered with its scale's label."""

    scale: Scale
    key: str

    def render(self, *, locale: LocaleLike) -> str:
        return self.scale.label(self.key, locale=locale)


def _judged(assessment: Assessment, node: Node, period: Period, scale: Scale) -> Assessment:
    judgements = [j for j in node.judgements if j.period == period]
    if not judgements:
        return assessment
    judgement = judgements[-1]
    derived: object = (
        _Level(scale, assessment.derived_status)
        if assessment.derived_status is not None
        else Message.of("status.not_assessed")
    )
    return attrs.evolve(
        assessment,
        status=judgement.status,
        not_assessed=None,
        judgement=judgement,
        explanation=Message.of(
            "explain.judgement",
            status=_Level(scale, judgement.status),
            by=judgement.by,
            reason=judgement.reason or "-",
            derived=derived,
            derived_explanation=assessment.explanation,
        ),
    )


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

    >>> from malstyrning import examples
    >>> evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period=Period("2019-T1"))
    >>> summary = evaluation.summary(kind="indicator")
    >>> summary.total == summary.assessed + summary.not_assessed
    True
    """

    counts: FrozenMap[str, int] = attrs.field(converter=freeze)
    not_assessed: int

    @property
    def assessed(self) -> int:
        """How many nodes have a status."""
        return sum(self.counts.values())

    @property
    def total(self) -> int:
        """How many nodes were counted."""
        return self.assessed + self.not_assessed


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
    def version(self) -> int:
        """The version of the plan assessed: the one in force in the period."""
        return self.plan.version

    def summary(
        self, *, under: str | None = None, level: str | None = None, kind: str | None = None
    ) -> Summary:
        """Count statuses of the nodes under ``under`` (default: the whole plan).

        Count goals of one ``level`` (a key of the plan's levels) or nodes of one ``kind``
        (``indicator``, ``assignment`` ...); by default the goals of the plan's last level
        ("16 yellow, 4 red, 2 green, 2 not assessed").
        """
        if level is None and kind is None:
            level = self.plan.levels[-1].key if self.plan.levels else None
        nodes = self.plan.walk() if under is None else _descendants(self.plan[under])
        counts: collections.Counter[str] = collections.Counter()
        missing = 0
        for node in nodes:
            if kind is not None and node.kind != kind:
                continue
            if level is not None and not (isinstance(node, Goal) and node.level == level):
                continue
            status = self.assessments[node.id].status
            if status is None:
                missing += 1
            else:
                counts[status] += 1
        ordered = {key: counts[key] for key in self.plan.scale.keys}
        return Summary(counts=ordered, not_assessed=missing)

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
    plan: Plan, *, period: Period | str, rollup: RollupPolicy | str = "worst"
) -> Evaluation:
    """Assess every node of ``plan`` for ``period``.

    Args:
        plan: the plan with its follow-up data.
        period: the period to assess (a :class:`Period` or its text, ``"2019-T1"``).
        rollup: how goals combine their children: ``"worst"`` (default), ``"majority"``,
            ``"mean_of_ranks"`` or a policy object such as :class:`ShareThresholds`.

    Returns:
        An :class:`Evaluation` with one :class:`Assessment` per node.

    Raises:
        InvalidScale: the rollup policy is unknown, or names levels not on the plan's scale.
    """
    if isinstance(period, str):
        period = Period.parse(period)
    if isinstance(rollup, str):
        try:
            rollup = ROLLUP_POLICIES[rollup]
        except KeyError:
            raise InvalidScale(
                f"unknown roll-up policy {rollup!r}; use one of {', '.join(ROLLUP_POLICIES)}"
            ) from None
    if plan.history:
        # A revised plan is judged as it stood in the period: struck nodes leave from the
        # date their revision takes effect, and nodes added later are not yet in it.
        plan = revisions.as_of(plan, period.end)
    run = _Pass(period, plan.scale, rollup, plan.version)
    # An evaluation allocates some fifteen objects per indicator and makes no cycles.
    with paused_collector():
        for goal in plan.goals:
            run.visit(goal)
        return Evaluation(plan=plan, period=period, policy=rollup, assessments=run.done)


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
