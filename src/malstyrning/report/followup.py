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
from malstyrning.evaluation import Assessment, Evaluation
from malstyrning.i18n import LocaleLike, Quantity, format_period, format_quantity, translate
from malstyrning.model import Activity, Assignment, Goal, Indicator, Node, Plan, YesNoMeasure
from malstyrning.scales import TREND, Scale
from malstyrning.target_text import describe

__all__ = [
    "NOT_ASSESSED",
    "Area",
    "FollowUp",
    "Heading",
    "Row",
    "StatusCell",
    "SummaryColumn",
    "SummaryRow",
    "SummaryTable",
    "TargetLine",
    "TrendCell",
    "follow_up",
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

    @property
    def assessed(self) -> bool:
        """Whether this is a level of the scale rather than "not assessed"."""
        return self.key != NOT_ASSESSED

    @property
    def text(self) -> str:
        """Symbol and label, e.g. ``● grön``."""
        return f"{self.symbol} {self.label}"


@attrs.frozen(kw_only=True)
class TrendCell:
    """A trend arrow with its label (``↑`` better)."""

    key: str
    symbol: str
    label: str


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


@attrs.frozen(kw_only=True)
class Heading:
    """A heading inside an area's table: a goal of an inner level, or an owner."""

    node_id: str | None
    level: str
    title: str
    depth: int
    status: StatusCell | None = None
    new: bool = False

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
        return not_assessed_cell(locale=locale, reason=reason)
    return level_cell(scale, assessment.status, locale=locale)


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
    if assessment.trend is None:
        return None
    key = assessment.trend.status
    return TrendCell(key=key, symbol=TREND.level(key).symbol, label=TREND.label(key, locale=locale))


def _plain(text: str) -> str:
    # Plans keep the line breaks of the PDF they came from; a table cell reflows them.
    return " ".join(text.split())


def _target_line(
    plan: Plan, node: Node, assessment: Assessment, *, locale: LocaleLike, new: bool
) -> TargetLine:
    title = _plain(node.title)
    outcome = ""
    if isinstance(node, Indicator):
        rule = describe(node.target, locale=locale) if node.target is not None else ""
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
            "report.heading_line", locale=locale, level=_level(plan, node), title=title
        )
    return TargetLine(
        node_id=node.id,
        kind=node.kind,
        text=text,
        outcome=outcome,
        status=status_cell(assessment, plan.scale, locale=locale),
        trend=_trend_cell(assessment, locale=locale),
        new=new,
    )


def _level(plan: Plan, node: Node) -> str:
    if isinstance(node, Goal):
        return plan.level_label(node.level)
    return ""


def _comment(plan: Plan, evaluation: Evaluation, node: Node) -> str:
    # The seed's comment column speaks for the whole row: the goal's own words, then those
    # reported on its indicators and assignments, each once.
    parts: list[str] = []
    for each in _subtree(node):
        text = _plain(evaluation[each.id].comment)
        if text and text not in parts:
            parts.append(text)
    return " ".join(parts)


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


def _row(
    plan: Plan, evaluation: Evaluation, node: Node, *, locale: LocaleLike, new: Collection[str]
) -> Row:
    assessment = evaluation[node.id]
    # A leaf standing where the plan's last level would be is its own target line.
    lines = tuple(
        _target_line(plan, leaf, evaluation[leaf.id], locale=locale, new=leaf.id in new)
        for leaf in _leaves(node)
    )
    own_trend = _trend_cell(assessment, locale=locale)
    trends = tuple(line.trend for line in lines if line.trend is not None)
    return Row(
        node_id=node.id,
        title=_plain(node.title),
        level=_level(plan, node) or translate(f"kind.{node.kind}", locale=locale),
        owner=getattr(node, "owner", None),
        status=status_cell(assessment, plan.scale, locale=locale),
        targets=lines,
        trends=(own_trend,) if own_trend is not None else trends,
        comment=_comment(plan, evaluation, node),
        depth=plan.depth(node.id),
        new=node.id in new,
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
            level=plan.level_label(child.level),
            title=_plain(child.title),
            depth=plan.depth(child.id),
            status=status_cell(evaluation[child.id], plan.scale, locale=locale),
            new=child.id in new,
        )
        yield from _items(plan, evaluation, child, locale=locale, new=new)


def _count_level(
    plan: Plan, by: str | None, *, locale: LocaleLike
) -> tuple[str | None, str | None, str]:
    """The level key or node kind to count, and its name for people."""
    if by is None:
        if not plan.levels:
            return None, "goal", translate("kind.goal", locale=locale)
        return plan.levels[-1].key, None, plan.levels[-1].label
    for level in plan.levels:
        if level.key == by:
            return level.key, None, level.label
    if by in _KINDS:
        return None, by, translate(f"kind.{by}", locale=locale)
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
    area_level = plan.levels[0].label if plan.levels else ""
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
                level=plan.level_label(goal.level),
                status=status_cell(evaluation[goal.id], plan.scale, locale=locale),
                items=items,
                new=goal.id in new,
            )
        )
        if progress is not None:
            progress(goal.id)
    labels = {key: translate(key, locale=locale) for key in _LABEL_KEYS}
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
        row_level=plan.levels[-1].label if plan.levels else "",
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
    )


def _description(scale: Scale, key: str, locale: LocaleLike) -> str:
    # Custom scales may not say what a level means for a goal; the legend then shows the name.
    try:
        return scale.describe_level(key, locale=locale, of="goal")
    except LookupError:
        return ""
