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
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import TypeAlias

import attrs

from malstyrning._frozen import FrozenMap, freeze
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
    SeriesTarget,
    TargetLevel,
    Trajectory,
)
from malstyrning.scales import (
    ACTIVITY_STATUS,
    PACE,
    TREND,
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


# -- roll-up policies -----------------------------------------------------------------------


@attrs.frozen
class Worst:
    """The combined status is the worst child's: one red goal makes the area red."""

    key = "worst"

    def combine(self, ranks: list[int], scale: Scale) -> int:
        """The rank of the combined status."""
        return max(ranks)


@attrs.frozen
class Majority:
    """The most common child status; a tie goes to the worse level."""

    key = "majority"

    def combine(self, ranks: list[int], scale: Scale) -> int:
        """The rank of the combined status."""
        counts = collections.Counter(ranks)
        top = max(counts.values())
        return max(rank for rank, count in counts.items() if count == top)


@attrs.frozen
class MeanOfRanks:
    """The mean of the children's ranks, rounded; exactly half-way goes to the worse level."""

    key = "mean_of_ranks"

    def combine(self, ranks: list[int], scale: Scale) -> int:
        """The rank of the combined status."""
        mean = Decimal(sum(ranks)) / len(ranks)
        return int(mean.to_integral_value(rounding=decimal.ROUND_HALF_UP))


@attrs.frozen
class ShareThresholds:
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


RollupPolicy: TypeAlias = Worst | Majority | MeanOfRanks | ShareThresholds
"""A named way to combine children's statuses."""

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


def _trend(series: Series, period: Period, value: Decimal, direction: Direction) -> Trend | None:
    earlier = series.before(period)
    if not earlier:
        return None
    previous = earlier[-1]
    assert isinstance(previous.value, Decimal)
    margin = direction.margin(value, previous.value)
    status = "improving" if margin > 0 else "worsening" if margin < 0 else "unchanged"
    return Trend(status=status, previous_period=previous.period, previous_value=previous.value)


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


def _growth(start: Decimal, end: Decimal, years: Decimal, method: PaceMethod) -> Decimal:
    if method is PaceMethod.COMPOUND:
        return (end / start) ** (1 / years) - 1
    return (end - start) / years


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
    current = series.get(period)
    earlier = series.before(period)

    def unable(reason: NotAssessedReason) -> Pace:
        outcome = NotAssessed(reason, "")
        return Pace(
            status=None,
            target=target,
            current=current,
            not_assessed=outcome,
            explanation=Message.of("explain.pace_unable", target=target.period),
        )

    if current is None or not isinstance(current.value, Decimal) or not earlier:
        return unable(
            NotAssessedReason.NO_DATA
            if current is None or current.value is None
            else NotAssessedReason.NO_BASELINE
        )
    baseline = earlier[0]
    assert isinstance(baseline.value, Decimal)
    now, start = current.value, baseline.value
    common: dict[str, object] = {"target": target, "baseline": baseline, "current": current}
    level_params: dict[str, object] = {
        "value": Quantity(now, unit),
        "target": Quantity(target.value, unit),
        "target_period": target.period,
    }
    if direction.margin(now, target.value) >= 0:
        return Pace(
            status="achieved",
            **common,  # type: ignore[arg-type]
            explanation=Message.of("explain.pace_achieved", **level_params),
        )
    if direction.margin(start, target.value) >= 0:
        # The baseline already met the target, and the outcome has fallen below it.
        return Pace(
            status="deterioration",
            **common,  # type: ignore[arg-type]
            explanation=Message.of("explain.pace_fell_below", **level_params),
        )
    method = (
        PaceMethod.COMPOUND if start > 0 and now > 0 and target.value > 0 else PaceMethod.LINEAR
    )
    observed = _growth(start, now, Decimal(repr(baseline.period.years_until(period))), method)
    required = _growth(
        start, target.value, Decimal(repr(baseline.period.years_until(target.period))), method
    )
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
        **common,  # type: ignore[arg-type]
        explanation=Message.of(
            "explain.pace",
            status=_Level(PACE, status),
            ratio=Quantity((ratio * 100).quantize(Decimal(1)), "%"),
            baseline_period=baseline.period,
            **level_params,
        ),
    )


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

    def _repr_html_(self) -> str:
        # Jupyter's rich display; the report package imports this module, hence the late import.
        from malstyrning.report.notebook import assessment_html  # noqa: PLC0415

        return assessment_html(self)


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


def _pace_target(rule: Rule | None, main: str) -> tuple[str, Trajectory] | None:
    if isinstance(rule, Trajectory):
        return main, rule
    if isinstance(rule, SeriesTarget) and isinstance(rule.rule, Trajectory):
        return rule.series, rule.rule
    return None


def _comment(node: Node, period: Period) -> str:
    return " ".join(comment.text for comment in node.comments if comment.period == period)


def _unassessed(node: Node, period: Period, comment: str, outcome: NotAssessed) -> Assessment:
    return Assessment(
        node_id=node.id,
        kind=node.kind,
        period=period,
        status=None,
        not_assessed=outcome,
        comment=comment,
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


def _assess_indicator(node: Indicator, period: Period, scale: Scale) -> Assessment:
    main = node.main_series
    measurement = main.get(period)
    comment = _joined_comment(node, period, measurement.comment if measurement else "")
    trend = None
    if measurement is not None and isinstance(measurement.value, Decimal):
        trend = _trend(main, period, measurement.value, node.direction)
    pace = None
    paced = _pace_target(node.target, main.key)
    if paced is not None:
        series = node.series_named(paced[0]) or main
        upcoming = paced[1].next_level(period)
        if upcoming is not None:
            pace = judge_pace(series, period, upcoming, node.direction, paced[1].unit or node.unit)
    if node.target is None:
        assessment = _unassessed(
            node, period, comment, NotAssessed(NotAssessedReason.NO_TARGET, "")
        )
        value = measurement.value if measurement is not None else None
        return attrs.evolve(assessment, value=value, trend=trend, pace=pace)
    context = RuleContext(
        period=period,
        series=main.key,
        direction=node.direction,
        unit=node.unit,
        lookup=_lookup(node),
        labels={series.key: series.label for series in node.series},
    )
    result = node.target.judge(context)
    value = result.value
    if value is None and measurement is not None:
        value = measurement.value
    assessment = _from_result(node, period, scale, result, rule=node.target, comment=comment)
    return attrs.evolve(assessment, value=value, trend=trend, pace=pace)


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
    reading = ACTIVITY_STATUS.equivalent(report.status, scale)
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


def _assess_goal(
    node: Goal,
    period: Period,
    scale: Scale,
    policy: RollupPolicy,
    done: dict[str, Assessment],
) -> Assessment:
    children = [done[child.id] for child in node.children]
    ranks = [scale.rank(child.status) for child in children if child.status is not None]
    counts = collections.Counter(child.status or "not_assessed" for child in children)
    ordered = {key: counts[key] for key in (*scale.keys, "not_assessed") if counts[key]}
    unassessed = attrs.evolve(
        _unassessed(
            node,
            period,
            _comment(node, period),
            NotAssessed(
                NotAssessedReason.NO_ASSESSED_CHILDREN if children else NotAssessedReason.NO_TARGET,
                "",
            ),
        ),
        counts=ordered,
    )
    if not ranks:
        return unassessed
    status = scale.levels[_rolled_up(policy, ranks, scale)].key
    return _with_status(
        unassessed,
        status,
        Message.of(
            "explain.rollup",
            policy=_Policy(policy.key),
            status=_Level(scale, status),
            assessed=len(ranks),
            total=len(children),
            counts=tuple(_Count(scale, key, count) for key, count in ordered.items()),
        ),
    )


@attrs.frozen
class _Policy:
    key: str

    def render(self, *, locale: LocaleLike) -> str:
        return Message.of(f"rollup.{self.key}").render(locale=locale)


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

    def _repr_html_(self) -> str:
        # Jupyter's rich display; the report package imports this module, hence the late import.
        from malstyrning.report.notebook import evaluation_html  # noqa: PLC0415

        return evaluation_html(self)

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
        plan = plan.as_of(period.end)
    version = plan.version
    scale = plan.scale
    done: dict[str, Assessment] = {}

    def visit(node: Node) -> None:
        if isinstance(node, Goal):
            for child in node.children:
                visit(child)
            assessment = _assess_goal(node, period, scale, rollup, done)
        elif isinstance(node, Indicator):
            assessment = _assess_indicator(node, period, scale)
        elif isinstance(node, YesNoMeasure):
            assessment = _assess_yes_no(node, period, scale)
        else:
            assessment = _assess_reported(node, period, scale)
        done[node.id] = _judged(assessment, node, period, scale)
        if version != 1:
            done[node.id] = attrs.evolve(done[node.id], version=version)

    for goal in plan.goals:
        visit(goal)
    ordered = {node.id: done[node.id] for node in plan.walk()}
    return Evaluation(plan=plan, period=period, policy=rollup, assessments=ordered)


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
