"""The follow-up report: the table a committee reads, built once and rendered in any format.

:func:`follow_up` turns an :class:`~malstyrning.evaluation.Evaluation` into a
:class:`FollowUp`: per goal area and the levels under it, each row goal (the plan's last
level) with its owner, target values or assignments, a status, trend arrows and the comment,
then a summary of counts per goal area and status. Every text is rendered for one locale when
the report is built, so the HTML, Markdown, XLSX and text outputs hold the same rows.

>>> from malstyrning import examples, evaluate
>>> evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
>>> report = follow_up(evaluation, locale="en")
>>> report.areas[0].title
'Strategi för länets utveckling (samhälle)'
>>> row = next(row for row in report.rows() if row.node_id == "lakemedelspaverkan-miljo")
>>> row.owner, row.status.key, row.targets[0].text
('Hälso- och sjukvårdsnämnden', 'green', 'Antibiotika: less than 250 rec/TIN')
>>> report.summary.total.counts["green"], report.summary.total.not_assessed
(6, 22)
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from decimal import Decimal

import attrs

from malstyrning._frozen import FrozenMap, freeze
from malstyrning.errors import UnknownLevel, UnknownNode
from malstyrning.evaluation import Assessment, Evaluation, SummaryLine
from malstyrning.i18n import LocaleLike, Quantity, format_period, format_quantity, translate
from malstyrning.model import (
    KINDS,
    Activity,
    Assignment,
    Goal,
    Indicator,
    Node,
    Plan,
    Series,
    YesNoMeasure,
)
from malstyrning.periods import Period
from malstyrning.rules import Bound, Rule, iter_rules
from malstyrning.scales import ACTIVITY_STATUS, GOAL_FORECAST, TREND, Scale
from malstyrning.target_text import describe

__all__ = [
    "ACTIVITY_COUNTS",
    "MAX_ACTIVITY_LINES",
    "NOT_ASSESSED",
    "ActivityLine",
    "Area",
    "Breakdown",
    "BreakdownGroup",
    "BreakdownRow",
    "ChartPoint",
    "CommentLine",
    "FollowUp",
    "Heading",
    "IndicatorChart",
    "Row",
    "StatusCell",
    "SummaryColumn",
    "SummaryRow",
    "SummaryTable",
    "TargetLine",
    "TrendCell",
    "activity_details",
    "breakdown",
    "compared_values",
    "follow_up",
    "indicator_chart",
]

NOT_ASSESSED = "not_assessed"
"""The status key used for "not assessed" in reports and counts; never a level of a scale."""

_NOT_ASSESSED_COLOUR = "#9e9e9e"
_NOT_ASSESSED_SYMBOL = "–"


@attrs.frozen(kw_only=True)
class StatusCell:
    """A status as shown: level key (or ``not_assessed``), label, colour and symbol.

    The symbol makes the status readable in black and white.
    """

    key: str
    label: str
    colour: str
    symbol: str
    reason: str = ""
    by: str = ""
    forecast: str = ""

    @property
    def assessed(self) -> bool:
        """Whether this is a level of the scale rather than "not assessed"."""
        return self.key != NOT_ASSESSED

    @property
    def named(self) -> str:
        """The label, with who judged the status and a judged forecast where there are.

        ``gul (Regionstyrelsen), ◐ prognos: osäker (HSN)``; the label alone if derived.
        """
        named = f"{self.label} ({self.by})" if self.by else self.label
        return f"{named}, {self.forecast}" if self.forecast else named

    @property
    def text(self) -> str:
        """Symbol and label (and who judged it), e.g. ``● grön``."""
        return f"{self.symbol} {self.named}"


@attrs.frozen(kw_only=True)
class TrendCell:
    """A trend arrow with its label (``↑`` better), and who judged it when a person did."""

    key: str
    symbol: str
    label: str
    by: str = ""

    @property
    def text(self) -> str:
        """The arrow, with who judged it if a person did: ``↑ (Regionstyrelsen)``."""
        return f"{self.symbol} ({self.by})" if self.by else self.symbol


def _period_order(key: str) -> tuple[object, object]:
    period = Period(key)
    return period.start, period.end


@attrs.frozen(kw_only=True)
class ChartPoint:
    """One point of an indicator's chart: a period (key and name), a value and its text."""

    period: str
    label: str
    value: Decimal
    text: str


@attrs.frozen(kw_only=True)
class IndicatorChart:
    """An indicator's outcomes against its target levels, for a small chart.

    ``outcomes`` and ``targets`` are in time order; ``judged`` is the key of the period the
    report judges (marked on the chart), ``judged_label`` its name.
    """

    node_id: str
    title: str
    unit: str | None
    outcomes: tuple[ChartPoint, ...]
    targets: tuple[ChartPoint, ...]
    judged: str
    judged_label: str
    outcome_label: str
    target_label: str
    judged_caption: str

    def periods(self) -> list[tuple[str, str]]:
        """Every period on the chart's axis (key, name), in time order."""
        seen = {point.period: point.label for point in (*self.outcomes, *self.targets)}
        seen.setdefault(self.judged, self.judged_label)
        return sorted(seen.items(), key=lambda item: _period_order(item[0]))


@attrs.frozen(kw_only=True)
class CommentLine:
    """One comment in a row, with what it speaks for (empty: the row's goal itself)."""

    source: str
    text: str

    @property
    def attributed(self) -> str:
        """The comment with its source: ``Antibiotika (utfall): Utfall 190430``."""
        return f"{self.source}: {self.text}" if self.source else self.text


@attrs.frozen(kw_only=True)
class TargetLine:
    """One line of the "target value / assignment" column: an indicator, measure or task."""

    node_id: str
    kind: str
    text: str
    outcome: str
    status: StatusCell
    trend: TrendCell | None = None
    new: bool = False
    chart: IndicatorChart | None = None


@attrs.frozen(kw_only=True)
class Row:
    """One row of the table: a goal of the plan's last level (a result goal, in seed 000)."""

    node_id: str
    title: str
    level: str
    owner: str | None
    status: StatusCell
    targets: tuple[TargetLine, ...]
    trends: tuple[TrendCell, ...]
    comment: str
    depth: int
    new: bool = False
    comments: tuple[CommentLine, ...] = ()


@attrs.frozen(kw_only=True)
class Heading:
    """A heading inside an area's table: a goal of an inner level, or an owner."""

    node_id: str | None
    level: str
    title: str
    depth: int
    status: StatusCell | None = None
    new: bool = False
    trend: TrendCell | None = None

    @property
    def is_owner(self) -> bool:
        """Whether the heading names the committee or board that owns the rows below it."""
        return self.node_id is None


@attrs.frozen(kw_only=True)
class Area:
    """A goal area (the plan's first level) with its headings and rows in order."""

    node_id: str
    title: str
    level: str
    status: StatusCell
    items: tuple[Heading | Row, ...]
    new: bool = False
    trend: TrendCell | None = None

    def rows(self) -> Iterator[Row]:
        """The rows of this area, in order."""
        return (item for item in self.items if isinstance(item, Row))


@attrs.frozen(kw_only=True)
class SummaryColumn:
    """A column of the summary table: a level of the scale, or not assessed."""

    key: str
    label: str
    colour: str
    symbol: str

    @property
    def cell(self) -> StatusCell:
        """The column's status as a cell (for badges and legends)."""
        return StatusCell(key=self.key, label=self.label, colour=self.colour, symbol=self.symbol)


@attrs.frozen(kw_only=True)
class SummaryRow:
    """Counts per status for one goal area (or the whole plan)."""

    node_id: str | None
    title: str
    counts: FrozenMap[str, int] = attrs.field(converter=freeze)
    not_assessed: int

    @property
    def assessed(self) -> int:
        """How many counted nodes have a status."""
        return sum(self.counts.values())

    @property
    def total(self) -> int:
        """How many nodes were counted."""
        return self.assessed + self.not_assessed


@attrs.frozen(kw_only=True)
class SummaryTable:
    """Counts of one level's nodes per goal area (rows) and status (columns), with totals."""

    level: str
    by: str
    area_level: str
    caption: str
    columns: tuple[SummaryColumn, ...]
    rows: tuple[SummaryRow, ...]
    total: SummaryRow


@attrs.frozen(kw_only=True)
class BreakdownGroup:
    """A group of columns of the breakdown: one kind of node (or level), its statuses.

    ``chart`` holds the group's counts per area as a :class:`SummaryTable`, for its chart.
    """

    key: str
    label: str
    columns: tuple[SummaryColumn, ...]
    chart: SummaryTable


@attrs.frozen(kw_only=True)
class BreakdownRow:
    """A goal area's counts per group and status, its total and its combined status."""

    node_id: str | None
    title: str
    cells: tuple[tuple[int, ...], ...]
    total: int
    status: StatusCell | None = None


@attrs.frozen(kw_only=True)
class Breakdown:
    """The table follow-ups print: per goal area each kind by status, total, combined status.

    Then the activities, counted by their own status: ``activities`` is the activity line
    ("Aktiviteter: 731, varav 58 genomförda, ..."), empty when the plan has none;
    ``activity_counts`` the same counts, each with its status.
    """

    heading: str
    caption: str
    area_level: str
    groups: tuple[BreakdownGroup, ...]
    rows: tuple[BreakdownRow, ...]
    total: BreakdownRow
    status_label: str
    activities: str
    activity_counts: tuple[tuple[StatusCell, int], ...]
    activity_chart: SummaryTable | None = None


@attrs.frozen(kw_only=True)
class FollowUp:
    """A follow-up report rendered for one locale; the outputs only lay it out.

    Attributes:
        labels: the fixed texts of the layout (column headings, legend, captions), by
            catalogue key, in the report's locale.
        legend: the scale's levels with what each means for a goal, then not assessed.
    """

    locale: str
    plan_id: str
    title: str
    heading: str
    period: str
    period_key: str
    row_level: str
    labels: FrozenMap[str, str] = attrs.field(converter=freeze)
    legend: tuple[tuple[StatusCell, str], ...]
    areas: tuple[Area, ...]
    summary: SummaryTable
    summary_sentence: str
    breakdown: Breakdown | None = None
    activities: tuple[ActivityLine, ...] = ()

    def rows(self) -> Iterator[Row]:
        """Every row of every area, in order."""
        for area in self.areas:
            yield from area.rows()

    @property
    def has_new(self) -> bool:
        """Whether anything in the report is marked new (the legend then explains the mark)."""
        return any(
            area.new
            or any(
                item.new or (isinstance(item, Row) and any(line.new for line in item.targets))
                for item in area.items
            )
            for area in self.areas
        )


_LABEL_KEYS = (
    "report.document_title",
    "report.scale_heading",
    "report.summary_heading",
    "report.total",
    "report.new",
    "report.new_legend",
    "report.sheet",
    "report.column.target",
    "report.column.trend",
    "report.column.comment",
    "report.column.new",
    "status.not_assessed",
)


def status_cell(assessment: Assessment | None, scale: Scale, *, locale: LocaleLike) -> StatusCell:
    """The status of an assessment as shown in reports (``not_assessed`` when it has none).

    >>> from malstyrning import TRAFFIC_LIGHT
    >>> status_cell(None, TRAFFIC_LIGHT, locale="en").text
    '– not assessed'
    """
    if assessment is None or assessment.status is None:
        reason = ""
        if assessment is not None and assessment.not_assessed is not None:
            reason = translate(
                f"NotAssessedReason.{assessment.not_assessed.reason.value}", locale=locale
            )
        cell = not_assessed_cell(locale=locale, reason=reason)
    else:
        cell = level_cell(scale, assessment.status, locale=locale)
    return _judged_cell(cell, assessment, locale=locale)


def _judged_cell(
    cell: StatusCell, assessment: Assessment | None, *, locale: LocaleLike
) -> StatusCell:
    # A person's judgement of the status, and a judged forecast, say who judged them.
    if assessment is None:
        return cell
    by = assessment.judgement.by if assessment.judgement is not None else ""
    forecast = ""
    judged = assessment.judged(GOAL_FORECAST.key)
    if judged is not None and judged.status in GOAL_FORECAST:
        level = GOAL_FORECAST.level(judged.status)
        name = translate(
            "report.detail.forecast",
            locale=locale,
            level=GOAL_FORECAST.label(level.key, locale=locale),
        )
        forecast = f"{level.symbol} {name} ({judged.by})"
    if not by and not forecast:
        return cell
    return attrs.evolve(cell, by=by, forecast=forecast)


def level_cell(scale: Scale, key: str, *, locale: LocaleLike) -> StatusCell:
    """A level of ``scale`` as shown in reports: label, colour and a symbol for print.

    >>> from malstyrning import TRAFFIC_LIGHT
    >>> level_cell(TRAFFIC_LIGHT, "green", locale="sv").text
    '● grön'
    """
    level = scale.level(key)
    return StatusCell(
        key=level.key,
        label=scale.label(level.key, locale=locale),
        colour=level.colour,
        symbol=level.symbol or level.key[:1].upper(),
    )


def not_assessed_cell(*, locale: LocaleLike, reason: str = "") -> StatusCell:
    """The cell for "not assessed": grey, with a dash, and its reason when known."""
    return StatusCell(
        key=NOT_ASSESSED,
        label=translate("status.not_assessed", locale=locale),
        colour=_NOT_ASSESSED_COLOUR,
        symbol=_NOT_ASSESSED_SYMBOL,
        reason=reason,
    )


def _trend_cell(assessment: Assessment, *, locale: LocaleLike) -> TrendCell | None:
    trend = assessment.trend
    if trend is None:
        return None
    key = trend.status
    if key is None or key not in TREND:
        return None
    by = trend.judged_by or ""
    return TrendCell(
        key=key, symbol=TREND.level(key).symbol, label=TREND.label(key, locale=locale), by=by
    )


def _series_for(node: Indicator, rule: Rule, key: str | None) -> Series | None:
    if key is not None:
        return node.series_named(key)
    if rule.series_judged is not None:
        return node.series_named(rule.series_judged)
    return node.main_series


def _anchored(node: Indicator, rule: Rule, bound: Bound, period: Period) -> Decimal | None:
    """The value a bound's anchor reads (a baseline or a reference series), if known."""
    anchor = bound.anchor
    if anchor is None or (anchor.series is None and anchor.period is None):
        return None  # an anchor on the value judged itself compares with nothing else
    series = _series_for(node, rule, anchor.series)
    measurement = series.get(anchor.period or period) if series is not None else None
    if measurement is not None and isinstance(measurement.value, Decimal):
        return measurement.value
    return anchor.fallback


def compared_values(node: Indicator, period: Period) -> list[tuple[Period, str | None, Decimal]]:
    """What the indicator's change and reference targets compare with in ``period``.

    Each item is the period and series read (None: the series judged) and its value: the
    2016 outcome of "lower than 2016", the national value of "better than the country".
    Targets without such a comparison give none.

    >>> from malstyrning import examples
    >>> plan = examples.load("jamtland-harjedalen-2019")
    >>> compared_values(plan["anvandarkonton"], Period("2019-T1"))
    [(Period('2018'), None, Decimal('42000'))]
    """
    if node.target is None:
        return []
    found: list[tuple[Period, str | None, Decimal]] = []
    for rule in iter_rules(node.target):
        demand = rule.demand(period, node.direction)
        if demand is None:
            continue
        for bound in demand.bounds:
            anchor = bound.anchor
            value = _anchored(node, rule, bound, period)
            if anchor is None or value is None:
                continue
            item = (anchor.period or period, anchor.series, value)
            if item not in found:
                found.append(item)
    return found


def _target_at(node: Indicator, period: Period) -> Decimal | None:
    """The target the main series is judged against in ``period``, if one number says it."""
    if node.target is None:
        return None
    main = node.main_series.key
    for rule in iter_rules(node.target):
        if rule.series_judged not in (None, main):
            continue
        demand = rule.demand(period, node.direction)
        if demand is None or not demand.bounds:
            continue
        if demand.not_due_before is not None and period.start < demand.not_due_before.start:
            return None
        bound = demand.bounds[0]
        if bound.anchor is None:
            return bound.target
        anchor_value = _anchored(node, rule, bound, period)
        return bound.anchor.target(anchor_value) if anchor_value is not None else None
    return None


def indicator_chart(
    plan: Plan, node_id: str, period: Period | str, *, locale: LocaleLike
) -> IndicatorChart | None:
    """The data of an indicator's chart: its outcomes and target levels, the period marked.

    The outcomes are those of the indicator's main series; the targets are what its rule
    demands in each period shown and at each stated target level. None when the node is not
    an indicator or has no outcome that is a number.

    >>> from malstyrning import examples
    >>> plan = examples.load("vasternorrland-2022")
    >>> chart = indicator_chart(plan, "tillganglighet-primarvard", "2020", locale="sv")
    >>> [(point.period, str(point.value)) for point in chart.outcomes], chart.judged
    ([('2019', '84')], '2020')
    >>> [(point.label, str(point.value)) for point in chart.targets]
    [('2022', '85'), ('2024', '87')]
    """
    node = plan[node_id]
    period = period if isinstance(period, Period) else Period(period)
    if not isinstance(node, Indicator):
        return None
    series = node.main_series
    outcomes = tuple(
        ChartPoint(
            period=m.period.format(),
            label=format_period(m.period, locale=locale),
            value=m.value,
            text=format_quantity(m.value, node.unit, locale=locale),
        )
        for m in series.measurements
        if isinstance(m.value, Decimal) and m.period.start <= period.end
    )
    if not outcomes:
        return None
    periods = {Period(point.period) for point in outcomes} | {period}
    if node.target is not None:
        for rule in iter_rules(node.target):
            paced = rule.pace_target()
            if paced is not None and paced[0] in (None, series.key):
                periods |= {level.period for level in paced[1].levels}
    targets = []
    for each in sorted(periods, key=lambda p: (p.start, p.end)):
        # Outcomes before the plan are its baselines: no target applied to them.
        if each.start < plan.validity.start and each != period:
            continue
        value = _target_at(node, each)
        if value is not None:
            targets.append(
                ChartPoint(
                    period=each.format(),
                    label=format_period(each, locale=locale),
                    value=value,
                    text=format_quantity(value, node.unit, locale=locale),
                )
            )
    judged_label = format_period(period, locale=locale)
    return IndicatorChart(
        node_id=node.id,
        title=_plain(node.title),
        unit=node.unit,
        outcomes=outcomes,
        targets=tuple(targets),
        judged=period.format(),
        judged_label=judged_label,
        outcome_label=translate("report.chart.outcome", locale=locale),
        target_label=translate("report.chart.target", locale=locale),
        judged_caption=translate("report.chart.judged", locale=locale, period=judged_label),
    )


def _plain(text: str) -> str:
    # Plans keep the line breaks of the PDF they came from; a table cell reflows them.
    return " ".join(text.split())


def _target_line(
    plan: Plan, node: Node, assessment: Assessment, *, locale: LocaleLike, new: bool
) -> TargetLine:
    title = _plain(node.title)
    outcome = ""
    chart = None
    if isinstance(node, Indicator):
        rule = describe(node.target, locale=locale) if node.target is not None else ""
        compared = compared_values(node, assessment.period)
        if rule and compared:
            rule = translate(
                "report.detail.compared",
                locale=locale,
                rule=rule,
                values=_compared_text(node, compared, locale=locale),
            )
        chart = indicator_chart(plan, node.id, assessment.period, locale=locale)
        text = translate(
            "report.indicator_line" if rule else "report.indicator_no_rule",
            locale=locale,
            title=title,
            rule=rule,
        )
        value = assessment.value
        if isinstance(value, Decimal):
            outcome = translate(
                "report.outcome",
                locale=locale,
                value=format_quantity(value, node.unit, locale=locale),
            )
    elif isinstance(node, YesNoMeasure):
        text = translate("report.yes_no_line", locale=locale, title=title)
        if isinstance(assessment.value, bool):
            outcome = translate(
                "report.outcome",
                locale=locale,
                value=translate("answer.yes" if assessment.value else "answer.no", locale=locale),
            )
    elif isinstance(node, Assignment):
        text = translate("report.assignment_line", locale=locale, title=title)
    elif isinstance(node, Activity):
        text = translate("report.activity_line", locale=locale, title=title)
    else:
        text = translate(
            "report.heading_line",
            locale=locale,
            level=_level(plan, node, locale=locale),
            title=title,
        )
    status = status_cell(assessment, plan.scale, locale=locale)
    if isinstance(node, Activity) and assessment.own_status is not None:
        # An activity shows its own status (ongoing, delayed ...), not its colour.
        status = _judged_cell(
            level_cell(ACTIVITY_STATUS, assessment.own_status, locale=locale),
            assessment,
            locale=locale,
        )
    return TargetLine(
        node_id=node.id,
        kind=node.kind,
        text=text,
        outcome=outcome,
        status=status,
        trend=_trend_cell(assessment, locale=locale),
        new=new,
        chart=chart,
    )


def _compared_text(
    node: Indicator, compared: list[tuple[Period, str | None, Decimal]], *, locale: LocaleLike
) -> str:
    if len(compared) == 1:
        return format_quantity(compared[0][2], node.unit, locale=locale)
    parts = []
    for period, series_key, value in compared:
        series = node.series_named(series_key) if series_key else None
        name = (series.label or series.key) if series else format_period(period, locale=locale)
        parts.append(f"{name}: {format_quantity(value, node.unit, locale=locale)}")
    return translate("list.separator", locale=locale).join(parts)


def _level(plan: Plan, node: Node, *, locale: LocaleLike) -> str:
    if isinstance(node, Goal):
        return plan.level_label(node.level, locale=locale)
    return ""


_SOURCE_WIDTH = 60


def _source_title(node: Node) -> str:
    title = _plain(node.title)
    if len(title) <= _SOURCE_WIDTH:
        return title
    return title[: _SOURCE_WIDTH - 1].rstrip() + "…"


def _own_comment(node: Node, period: Period) -> str:
    return " ".join(comment.text for comment in node.comments if comment.period == period)


def _comments(
    plan: Plan, evaluation: Evaluation, node: Node, *, locale: LocaleLike
) -> tuple[CommentLine, ...]:
    # The seed's comment column speaks for the whole row: the goal's own words, then those
    # reported on its indicators and assignments, each once, each saying whose it is.
    found: list[tuple[Node, str, bool]] = []
    for each in _subtree(node):
        said = _plain(evaluation[each.id].comment)
        if not said:
            continue
        own = _plain(_own_comment(each, evaluation.period))
        # An outcome's or a report's words follow the node's own in the assessment.
        rest = _plain(said[len(own) :]) if own and said.startswith(own) else said
        if own and rest != said:
            found.append((each, own, False))
        if rest:
            found.append((each, rest, not isinstance(each, Goal)))
    lines: list[CommentLine] = []
    seen: set[str] = set()
    for each, text, reported in found:
        if text in seen:
            continue
        seen.add(text)
        if each is node:
            source = ""
        elif reported and isinstance(each, Indicator | YesNoMeasure):
            source = translate("report.comment.outcome", locale=locale, title=_source_title(each))
        else:
            source = _source_title(each)
        lines.append(CommentLine(source=source, text=text))
    if len(lines) > 1 and not lines[0].source:
        # Once several speak, the goal's own words are attributed too.
        name = _level(plan, node, locale=locale) or plan.kind_label(node.kind, locale=locale)
        lines[0] = CommentLine(source=name, text=lines[0].text)
    return tuple(lines)


def _subtree(node: Node) -> Iterator[Node]:
    yield node
    if isinstance(node, Goal):
        for child in node.children:
            yield from _subtree(child)


def _leaves(node: Node) -> Iterator[Node]:
    if isinstance(node, Goal):
        for child in node.children:
            yield from _leaves(child)
    else:
        yield node


def _is_row(plan: Plan, node: Node) -> bool:
    if not isinstance(node, Goal):
        return True
    last = plan.levels[-1].key if plan.levels else None
    return node.level == last or not any(isinstance(child, Goal) for child in node.children)


MAX_ACTIVITY_LINES = 10
"""A row lists at most this many activities; more are counted by status in one line."""

ACTIVITY_COUNTS = "activity_counts"
"""The ``kind`` of the target line that counts a row's activities by their own status."""


def _activity_counts_line(
    plan: Plan,
    evaluation: Evaluation,
    node: Node,
    activities: list[Activity],
    *,
    locale: LocaleLike,
) -> TargetLine:
    counts: dict[str, int] = dict.fromkeys(ACTIVITY_STATUS.keys, 0)
    unreported = 0
    for activity in activities:
        own = evaluation[activity.id].own_status
        if own is None:
            unreported += 1
        else:
            counts[own] += 1
    parts = [
        f"{count} {ACTIVITY_STATUS.label(key, locale=locale)}"
        for key, count in counts.items()
        if count
    ]
    if unreported:
        parts.append(f"{unreported} {translate('status.not_assessed', locale=locale)}")
    return TargetLine(
        node_id=node.id,
        kind=ACTIVITY_COUNTS,
        text=translate(
            "report.breakdown.activities",
            locale=locale,
            kind=plan.kind_label("activity", locale=locale),
            total=len(activities),
            counts=translate("list.separator", locale=locale).join(parts),
        ),
        outcome="",
        status=StatusCell(
            key=ACTIVITY_COUNTS,
            label=plan.kind_label("activity", locale=locale),
            colour="#eeeeee",
            symbol="Σ",
        ),
    )


@attrs.frozen(kw_only=True)
class ActivityLine:
    """One activity in the report's detail table: where it is, its own status, its comment."""

    node_id: str
    area: str
    goal: str
    title: str
    status: StatusCell
    comment: str


def activity_details(evaluation: Evaluation, *, locale: LocaleLike) -> tuple[ActivityLine, ...]:
    """Every activity of rows too long to list them, for the report's detail table.

    >>> from malstyrning import examples, evaluate
    >>> activity_details(evaluate(examples.load("jamtland-harjedalen-2019"),
    ...                           period="2019-T1"), locale="sv")
    ()
    """
    plan = evaluation.plan
    found: list[ActivityLine] = []
    in_rows: set[str] = set()
    for goal in plan.walk():
        # The rows are the goals _items makes rows of: the first row goal on each path.
        if not isinstance(goal, Goal) or goal.id in in_rows or not _is_row(plan, goal):
            continue
        in_rows.update(node.id for node in _subtree(goal))
        activities = [leaf for leaf in _leaves(goal) if isinstance(leaf, Activity)]
        if len(activities) <= MAX_ACTIVITY_LINES:
            continue
        area = plan.ancestors(goal.id)[0] if plan.depth(goal.id) else goal
        for activity in activities:
            assessment = evaluation[activity.id]
            status = (
                level_cell(ACTIVITY_STATUS, assessment.own_status, locale=locale)
                if assessment.own_status is not None
                else status_cell(None, plan.scale, locale=locale)
            )
            found.append(
                ActivityLine(
                    node_id=activity.id,
                    area=_plain(area.title),
                    goal=_plain(goal.title),
                    title=_plain(activity.title),
                    status=status,
                    comment=_plain(assessment.comment),
                )
            )
    return tuple(found)


def _row(
    plan: Plan, evaluation: Evaluation, node: Node, *, locale: LocaleLike, new: Collection[str]
) -> Row:
    assessment = evaluation[node.id]
    # A leaf standing where the plan's last level would be is its own target line.
    leaves = list(_leaves(node))
    activities = [leaf for leaf in leaves if isinstance(leaf, Activity)]
    if len(activities) > MAX_ACTIVITY_LINES:
        # Hundreds of activities in one cell cannot be read: one line of counts stands for
        # them, and the report's detail table lists them.
        leaves = [leaf for leaf in leaves if not isinstance(leaf, Activity)]
    lines = tuple(
        _target_line(plan, leaf, evaluation[leaf.id], locale=locale, new=leaf.id in new)
        for leaf in leaves
    )
    if len(activities) > MAX_ACTIVITY_LINES:
        lines += (_activity_counts_line(plan, evaluation, node, activities, locale=locale),)
    own_trend = _trend_cell(assessment, locale=locale)
    trends = tuple(line.trend for line in lines if line.trend is not None)
    comments = _comments(plan, evaluation, node, locale=locale)
    return Row(
        node_id=node.id,
        title=_plain(node.title),
        level=_level(plan, node, locale=locale) or plan.kind_label(node.kind, locale=locale),
        owner=getattr(node, "owner", None),
        status=status_cell(assessment, plan.scale, locale=locale),
        targets=lines,
        trends=(own_trend,) if own_trend is not None else trends,
        comment=" ".join(line.attributed for line in comments),
        depth=plan.depth(node.id),
        new=node.id in new,
        comments=comments,
    )


def _items(
    plan: Plan,
    evaluation: Evaluation,
    goal: Goal,
    *,
    locale: LocaleLike,
    new: Collection[str],
) -> Iterator[Heading | Row]:
    owner: str | None = None
    for child in goal.children:
        if _is_row(plan, child):
            row = _row(plan, evaluation, child, locale=locale, new=new)
            if row.owner is not None and row.owner != owner:
                # Seed 000 names the committee above the result goals it owns.
                yield Heading(node_id=None, level="", title=row.owner, depth=row.depth)
            owner = row.owner
            yield row
            continue
        assert isinstance(child, Goal)
        owner = None
        yield Heading(
            node_id=child.id,
            level=plan.level_label(child.level, locale=locale),
            title=_plain(child.title),
            depth=plan.depth(child.id),
            status=status_cell(evaluation[child.id], plan.scale, locale=locale),
            new=child.id in new,
            trend=_trend_cell(evaluation[child.id], locale=locale),
        )
        yield from _items(plan, evaluation, child, locale=locale, new=new)


def _count_level(
    plan: Plan, by: str | None, *, locale: LocaleLike
) -> tuple[str | None, str | None, str]:
    """The level key or node kind to count, and its name for people."""
    if by is None:
        if not plan.levels:
            return None, "goal", plan.kind_label("goal", locale=locale)
        return plan.levels[-1].key, None, plan.levels[-1].name(locale=locale)
    for level in plan.levels:
        if level.key == by:
            return level.key, None, level.name(locale=locale)
    if by in _KINDS:
        return None, by, plan.kind_label(by, locale=locale)
    raise UnknownLevel.for_plan(plan.id, (level.key for level in plan.levels), by, _KINDS)


_KINDS = ("goal", "indicator", "yes_no", "assignment", "activity")


def summary_table(
    evaluation: Evaluation, *, locale: LocaleLike, by: str | None = None
) -> SummaryTable:
    """Counts of ``by``'s nodes (default: the plan's last level) per goal area and status.

    Not assessed is a column of its own; the totals row counts the whole plan.

    Raises:
        UnknownLevel: ``by`` is not one of the plan's level keys.

    >>> from malstyrning import examples, evaluate
    >>> evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
    >>> table = summary_table(evaluation, locale="sv")
    >>> table.rows[0].title, dict(table.rows[0].counts), table.rows[0].not_assessed
    ('Strategi för länets utveckling (samhälle)', {'green': 2, 'yellow': 0, 'red': 1}, 5)
    >>> table.total.assessed + table.total.not_assessed == table.total.total
    True
    """
    plan = evaluation.plan
    scale = plan.scale
    level, kind, level_label = _count_level(plan, by, locale=locale)
    area_level = plan.levels[0].name(locale=locale) if plan.levels else ""
    rows = []
    for goal in plan.goals:
        summary = evaluation.summary(under=goal.id, level=level, kind=kind)
        rows.append(
            SummaryRow(
                node_id=goal.id,
                title=_plain(goal.title),
                counts=dict(summary.counts),
                not_assessed=summary.not_assessed,
            )
        )
    whole = evaluation.summary(level=level, kind=kind)
    total = SummaryRow(
        node_id=None,
        title=translate("report.total", locale=locale),
        counts=dict(whole.counts),
        not_assessed=whole.not_assessed,
    )
    columns = tuple(
        SummaryColumn(
            key=lv.key,
            label=scale.label(lv.key, locale=locale),
            colour=lv.colour,
            symbol=lv.symbol or lv.key[:1].upper(),
        )
        for lv in scale.levels
    )
    na = not_assessed_cell(locale=locale)
    columns += (
        SummaryColumn(key=NOT_ASSESSED, label=na.label, colour=na.colour, symbol=na.symbol),
    )
    return SummaryTable(
        level=level_label,
        by=level or kind or "",
        area_level=area_level,
        caption=translate(
            "report.summary_caption",
            locale=locale,
            level=level_label,
            area=area_level,
            period=format_period(evaluation.period, locale=locale, style="as_of"),
        ),
        columns=columns,
        rows=tuple(rows),
        total=total,
    )


def format_share(count: int, total: int, *, locale: LocaleLike) -> str:
    """``count`` with its share of ``total`` in the locale's percent format: ``6 (18 %)``.

    >>> format_share(6, 34, locale="sv"), format_share(6, 34, locale="en")
    ('6 (18\\xa0%)', '6 (18%)')
    """
    share = (Decimal(100 * count) / Decimal(total)).quantize(Decimal(1)) if total else Decimal(0)
    return translate("report.share", locale=locale, count=count, share=Quantity(share, "%"))


def follow_up(
    evaluation: Evaluation,
    *,
    locale: LocaleLike,
    new: Collection[str] = (),
    by: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> FollowUp:
    """Build the follow-up report of an evaluation, with every text in ``locale``.

    Args:
        evaluation: the evaluation to report.
        locale: the language of labels, status names, rules and numbers (``sv``, ``en``,
            ``nb``); the plan's own texts stay as written.
        new: ids of nodes to mark as new since the previous follow-up; every output shows
            the marker. Nothing is inferred: :func:`malstyrning.report.new_since` gives the
            ids a plan has that an earlier version lacked (e.g. the version
            ``malstyrning.revisions.as_of`` returns). By default nothing is marked.
        by: the level key whose goals the summary counts (default: the plan's last level).
        progress: called with each goal area's id once it is built (for progress bars).

    Returns:
        A :class:`FollowUp`, ready for :mod:`~malstyrning.report.html`,
        :mod:`~malstyrning.report.markdown`, :mod:`~malstyrning.report.text` or
        :mod:`~malstyrning.report.xlsx`.

    Raises:
        UnknownLevel: ``by`` is not one of the plan's levels.

    >>> from malstyrning import examples, evaluate
    >>> evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
    >>> report = follow_up(evaluation, locale="sv", new={"sip"})
    >>> report.period, report.row_level, report.labels["report.column.target"]
    ('per april 2019', 'Resultatmål', 'Målvärde / uppdrag')
    >>> [line.text for row in report.rows() for line in row.targets if line.new]
    ['Antalet SIP ska vara fler än 345 mars-december 2019: mer än 345 antal']
    """
    plan = evaluation.plan
    new = frozenset(new)
    unknown = sorted(node_id for node_id in new if node_id not in plan)
    if unknown:
        # A marker on a node that is not there would silently vanish from the report.
        raise UnknownNode(
            f"cannot mark {', '.join(map(repr, unknown))} as new: plan {plan.id!r} has no "
            "such node; pass ids of the plan's nodes in new="
        )
    summary = summary_table(evaluation, locale=locale, by=by)
    period = format_period(evaluation.period, locale=locale, style="as_of")
    areas = []
    for goal in plan.goals:
        if _is_row(plan, goal):
            items: tuple[Heading | Row, ...] = (
                _row(plan, evaluation, goal, locale=locale, new=new),
            )
        else:
            items = tuple(_items(plan, evaluation, goal, locale=locale, new=new))
        areas.append(
            Area(
                node_id=goal.id,
                title=_plain(goal.title),
                level=plan.level_label(goal.level, locale=locale),
                status=status_cell(evaluation[goal.id], plan.scale, locale=locale),
                items=items,
                new=goal.id in new,
                trend=_trend_cell(evaluation[goal.id], locale=locale),
            )
        )
        if progress is not None:
            progress(goal.id)
    labels = {key: translate(key, locale=locale) for key in _LABEL_KEYS}
    # The plan's words for the kinds (headings of the activity table, among others).
    labels.update({f"kind.{kind}": plan.kind_label(kind, locale=locale) for kind in KINDS})
    labels["report.column.status"] = translate("report.column.status", locale=locale, period=period)
    labels["report.chart_pie"] = translate("report.chart_pie", locale=locale, level=summary.level)
    labels["report.chart_bars"] = translate(
        "report.chart_bars", locale=locale, area=summary.area_level
    )
    scale = plan.scale
    legend = tuple(
        (level_cell(scale, lv.key, locale=locale), _description(scale, lv.key, locale))
        for lv in scale.levels
    )
    legend += (
        (not_assessed_cell(locale=locale), translate("report.not_assessed_legend", locale=locale)),
    )
    counts = translate("list.separator", locale=locale).join(
        f"{summary.total.counts.get(column.key, 0)} {column.label}"
        for column in summary.columns
        if column.key != NOT_ASSESSED
    )
    return FollowUp(
        locale=str(locale),
        plan_id=plan.id,
        title=labels["report.document_title"],
        heading=translate(
            "report.heading",
            locale=locale,
            organisation=plan.organisation,
            title=plan.title,
            period=period,
        ),
        period=period,
        period_key=evaluation.period.format(),
        row_level=plan.levels[-1].name(locale=locale) if plan.levels else "",
        labels=labels,
        legend=legend,
        areas=tuple(areas),
        summary=summary,
        summary_sentence=translate(
            "report.summary",
            locale=locale,
            level=summary.level,
            counts=counts,
            not_assessed=summary.total.not_assessed,
            period=period,
        ),
        breakdown=breakdown(evaluation, locale=locale),
        activities=activity_details(evaluation, locale=locale),
    )


def _columns(scale: Scale, *, locale: LocaleLike) -> tuple[SummaryColumn, ...]:
    columns = tuple(
        SummaryColumn(
            key=lv.key,
            label=scale.label(lv.key, locale=locale),
            colour=lv.colour,
            symbol=lv.symbol or lv.key[:1].upper(),
        )
        for lv in scale.levels
    )
    na = not_assessed_cell(locale=locale)
    return (
        *columns,
        SummaryColumn(key=NOT_ASSESSED, label=na.label, colour=na.colour, symbol=na.symbol),
    )


def breakdown(evaluation: Evaluation, *, locale: LocaleLike) -> Breakdown | None:
    """The follow-up's summary table: per goal area, kinds by status, totals, combined status.

    Built from :meth:`Evaluation.summary_table` (every kind of leaf the plan has), with the
    plan's words for kinds and levels; None for a plan without levels or leaves.

    >>> from malstyrning import examples, evaluate
    >>> evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
    >>> table = breakdown(evaluation, locale="en")
    >>> [group.label for group in table.groups], table.rows[0].cells[0], table.rows[0].total
    (['Target values', 'Assignments'], (2, 0, 1, 3), 12)
    >>> table.rows[0].status.key, table.total.total
    ('red', 50)
    """
    plan = evaluation.plan
    if not plan.levels:
        return None
    table = evaluation.summary_table()
    if not table.groups:
        return None
    period = format_period(evaluation.period, locale=locale, style="as_of")
    area_level = plan.level_label(table.areas, locale=locale) if table.areas else ""
    groups = []
    for group in table.groups:
        label = (
            plan.level_label(group.key, locale=locale)
            if group.is_level
            else plan.kind_label(group.key, locale=locale)
        )
        columns = _columns(group.scale, locale=locale)
        if group.key == "activity":
            # Six statuses and not assessed: only those some activity has are shown.
            columns = tuple(c for c in columns if table.total.count(group.key, c.key))

        def summary_row(line: SummaryLine, title: str, key: str = group.key) -> SummaryRow:
            counts = line.cells[key]
            return SummaryRow(
                node_id=line.node_id,
                title=title,
                counts={k: v for k, v in counts.items() if k != NOT_ASSESSED},
                not_assessed=counts.get(NOT_ASSESSED, 0),
            )

        chart = SummaryTable(
            level=label,
            by=group.key,
            area_level=area_level,
            caption=label,
            columns=columns,
            rows=tuple(summary_row(line, _plain(line.title)) for line in table.rows),
            total=summary_row(table.total, translate("report.total", locale=locale)),
        )
        groups.append(BreakdownGroup(key=group.key, label=label, columns=columns, chart=chart))

    def row(line: SummaryLine, title: str) -> BreakdownRow:
        cells = tuple(
            tuple(line.count(group.key, column.key) for column in each.columns)
            for group, each in zip(table.groups, groups, strict=True)
        )
        return BreakdownRow(
            node_id=line.node_id,
            title=title,
            cells=cells,
            total=line.total(),
            status=(
                status_cell(evaluation[line.node_id], plan.scale, locale=locale)
                if line.node_id is not None
                else None
            ),
        )

    activities = table.activities
    activity_counts: tuple[tuple[StatusCell, int], ...] = ()
    sentence = ""
    activity_chart = None
    if activities.total:
        scale = activities.scale or plan.scale
        activity_counts = tuple(
            (level_cell(scale, key, locale=locale), count)
            for key, count in activities.counts.items()
            if count
        )
        if activities.not_assessed:
            activity_counts += ((not_assessed_cell(locale=locale), activities.not_assessed),)
        sentence = translate(
            "report.breakdown.activities",
            locale=locale,
            kind=plan.kind_label("activity", locale=locale),
            total=activities.total,
            counts=translate("list.separator", locale=locale).join(
                f"{count} {cell.label}" for cell, count in activity_counts
            ),
        )
        total_row = SummaryRow(
            node_id=None,
            title=translate("report.total", locale=locale),
            counts=dict(activities.counts),
            not_assessed=activities.not_assessed,
        )
        activity_chart = SummaryTable(
            level=plan.kind_label("activity", locale=locale),
            by="activity",
            area_level=area_level,
            caption=sentence,
            columns=_columns(scale, locale=locale),
            rows=(),
            total=total_row,
        )
    return Breakdown(
        heading=translate("report.breakdown.heading", locale=locale, area=area_level),
        caption=translate(
            "report.breakdown.caption",
            locale=locale,
            kinds=translate("list.separator", locale=locale).join(g.label for g in groups),
            area=area_level,
            period=period,
        ),
        area_level=area_level,
        groups=tuple(groups),
        rows=tuple(row(line, _plain(line.title)) for line in table.rows),
        total=row(table.total, translate("report.total", locale=locale)),
        status_label=translate("report.breakdown.status", locale=locale),
        activities=sentence,
        activity_counts=activity_counts,
        activity_chart=activity_chart,
    )


def _description(scale: Scale, key: str, locale: LocaleLike) -> str:
    # Custom scales may not say what a level means for a goal; the legend then shows the name.
    try:
        return scale.describe_level(key, locale=locale, of="goal")
    except LookupError:
        return ""
