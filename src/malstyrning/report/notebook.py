"""Notebook views: a collapsible goal tree in HTML, and status charts as matplotlib figures.

Plans, nodes, assessments and evaluations show themselves in Jupyter through
``_repr_html_``, which calls the functions here in the default locale (Swedish); call them
directly for another locale. The HTML uses ``<details>`` for the tree, so it folds without
any script, and every status shows its colour, symbol and name. All plan text is escaped.

>>> from malstyrning import examples, evaluate
>>> evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
>>> tree = evaluation_html(evaluation, locale="en")
>>> tree.count("<details") == sum(1 for node in evaluation.plan.walk() if node.kind == "goal")
True
>>> "Outcome 245 rec/TIN, target less than 250 rec/TIN: met." in tree
True
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from decimal import Decimal
from html import escape
from typing import Any

from malstyrning import _display
from malstyrning.errors import MalstyrningError
from malstyrning.evaluation import Assessment, Evaluation
from malstyrning.i18n import DEFAULT_LOCALE, LocaleLike, format_period, format_quantity, translate
from malstyrning.model import Activity, Assignment, Goal, Indicator, Node, Plan, YesNoMeasure
from malstyrning.periods import Period
from malstyrning.report._optional import require
from malstyrning.report.followup import (
    NOT_ASSESSED,
    StatusCell,
    SummaryRow,
    indicator_chart,
    status_cell,
    summary_table,
)
from malstyrning.report.svg import ink
from malstyrning.scales import TRAFFIC_LIGHT, Scale

__all__ = [
    "assessment_html",
    "evaluation_html",
    "indicator_figure",
    "node_html",
    "plan_html",
    "status_figure",
]

_BOX = (
    '<div class="malstyrning" style="font-family:system-ui,Arial,sans-serif;'
    'line-height:1.4;font-size:0.95em">'
)
_MUTED = "color:#555"


def _e(text: str) -> str:
    return escape(" ".join(text.split()), quote=True)


def _badge(status: StatusCell) -> str:
    title = f' title="{_e(status.reason)}"' if status.reason else ""
    return (
        f'<span data-status="{_e(status.key)}"{title} style="display:inline-block;'
        f"padding:0 0.45em;border-radius:0.7em;border:1px solid #555;white-space:nowrap;"
        f'font-weight:600;background:{status.colour};color:{ink(status.colour)}">'
        f"{_e(status.symbol)} {_e(status.named)}</span>"
    )


def _level(plan: Plan | None, node: Node, locale: LocaleLike) -> str:
    if not isinstance(node, Goal):
        return ""
    if plan is not None:
        try:
            return plan.level_label(node.level, locale=locale)
        except LookupError:
            return node.level
    return node.level


def _kind(plan: Plan | None, node: Node, locale: LocaleLike) -> str:
    if plan is not None:
        return plan.kind_label(node.kind, locale=locale)
    return translate(f"kind.{node.kind}", locale=locale)


def _trend_text(assessment: Assessment, locale: LocaleLike) -> str:
    trend = assessment.trend
    if trend is None:
        return ""
    label = translate(f"scale.trend.{trend.status}", locale=locale)
    by = f" ({trend.judged_by})" if trend.judged_by else ""
    return f"{trend.symbol} {label}{by}"


# An outcome may be yes/no: the bool is data, not a flag.
def _quantity(value: Decimal | bool | None, unit: str | None, *, locale: LocaleLike) -> str:  # noqa: FBT001
    if value is None:
        return ""
    if isinstance(value, bool):
        return translate("answer.yes" if value else "answer.no", locale=locale)
    return format_quantity(value, unit, locale=locale)


def _tree(
    node: Node,
    *,
    plan: Plan | None,
    locale: LocaleLike,
    evaluation: Evaluation | None,
    open_depth: int,
    depth: int = 0,
) -> Iterator[str]:
    assessment = evaluation.assessments.get(node.id) if evaluation is not None else None
    badge = ""
    if evaluation is not None:
        badge = _badge(status_cell(assessment, evaluation.plan.scale, locale=locale)) + " "
    level = _level(plan, node, locale) or _kind(plan, node, locale)
    owner = getattr(node, "owner", None)
    owner_text = f' <span style="{_MUTED}">({_e(owner)})</span>' if owner else ""
    trend = ""
    if isinstance(node, Goal) and assessment is not None and assessment.trend is not None:
        # A goal's arrow (a judged one, on a success factor without numbers) by its title.
        trend = f' <span data-trend="{_e(assessment.trend.status)}">'
        trend += f"{_e(_trend_text(assessment, locale))}</span>"
    head = (
        f'{badge}<span style="{_MUTED}">{_e(level)}:</span> {_e(node.title)}{owner_text}'
        f'{trend} <code style="{_MUTED};font-size:0.8em">{_e(node.id)}</code>'
    )
    if isinstance(node, Goal):
        opened = " open" if depth < open_depth else ""
        yield f'<details{opened} data-node="{_e(node.id)}"><summary>{head}</summary>'
        yield '<div style="margin-left:1.4em">'
        for child in node.children:
            yield from _tree(
                child,
                plan=plan,
                locale=locale,
                evaluation=evaluation,
                open_depth=open_depth,
                depth=depth + 1,
            )
        yield "</div></details>"
        return
    detail = ""
    if assessment is not None:
        detail = _assessment_detail(node, assessment, locale=locale)
    yield f'<div data-node="{_e(node.id)}" style="margin:0.15em 0">{head}{detail}</div>'


def _assessment_detail(node: Node | None, assessment: Assessment, *, locale: LocaleLike) -> str:
    unit = node.unit if isinstance(node, Indicator) else None
    parts = []
    value = _quantity(assessment.value, unit, locale=locale)
    if value:
        parts.append(f"{_e(translate('table.value', locale=locale))}: {_e(value)}")
    target = _quantity(assessment.target, unit, locale=locale)
    if target:
        parts.append(f"{_e(translate('table.target', locale=locale))}: {_e(target)}")
    if assessment.trend is not None:
        parts.append(_e(_trend_text(assessment, locale)))
    lines = [" · ".join(parts)] if parts else []
    lines.append(_e(assessment.explain(locale=locale)))
    if assessment.pace is not None:
        lines.append(_e(assessment.pace.explanation.render(locale=locale)))
    if assessment.comment:
        lines.append(f"<i>{_e(assessment.comment)}</i>")
    body = "<br>".join(lines)
    return f'<div style="margin-left:1.6em;font-size:0.9em;{_MUTED}">{body}</div>'


def evaluation_html(
    evaluation: Evaluation, *, locale: LocaleLike = DEFAULT_LOCALE, open_depth: int = 1
) -> str:
    """An evaluation as a collapsible goal tree with coloured status, and a summary line.

    Args:
        evaluation: the evaluation to show.
        locale: language of labels, explanations and numbers.
        open_depth: how many levels of goals start unfolded.
    """
    plan = evaluation.plan
    table = summary_table(evaluation, locale=locale)
    total = {**table.total.counts, NOT_ASSESSED: table.total.not_assessed}
    counts = " ".join(
        f"{_badge(column.cell)} {total.get(column.key, 0)}" for column in table.columns
    )
    period = format_period(evaluation.period, locale=locale)
    parts = [
        _BOX,
        f"<div><b>{_e(plan.organisation)}: {_e(plan.title)}</b> · {_e(period)}</div>",
        f'<div style="margin:0.3em 0 0.6em">{_e(table.level)}: {counts}</div>',
    ]
    for goal in plan.goals:
        parts.extend(
            _tree(goal, plan=plan, locale=locale, evaluation=evaluation, open_depth=open_depth)
        )
    parts.append("</div>")
    return "".join(parts)


def plan_html(plan: Plan, *, locale: LocaleLike = DEFAULT_LOCALE, open_depth: int = 1) -> str:
    """A plan as a collapsible goal tree with its levels and validity.

    >>> from malstyrning import examples
    >>> html = plan_html(examples.load("vasternorrland-2022"), locale="sv")
    >>> "Giltighet" in html and "<details open" in html
    True
    """
    levels = " → ".join(level.name(locale=locale) for level in plan.levels)
    info = [
        f"{_e(translate('notebook.levels', locale=locale))}: {_e(levels)}",
        (
            f"{_e(translate('notebook.validity', locale=locale))}: "
            f"{_e(format_period(plan.validity, locale=locale))}"
        ),
        _e(translate("notebook.nodes", locale=locale, count=len(plan))),
    ]
    parts = [
        _BOX,
        f"<div><b>{_e(plan.organisation)}: {_e(plan.title)}</b></div>",
        f'<div style="{_MUTED};margin-bottom:0.5em">{" · ".join(info)}</div>',
    ]
    for goal in plan.goals:
        parts.extend(_tree(goal, plan=plan, locale=locale, evaluation=None, open_depth=open_depth))
    parts.append("</div>")
    return "".join(parts)


def node_html(
    node: object, *, locale: LocaleLike = DEFAULT_LOCALE, plan: Plan | None = None
) -> str:
    """A node (and, for a goal, the tree under it); with ``plan``, levels by their names.

    Raises:
        TypeError: ``node`` is not a node of a plan.

    >>> from malstyrning import examples
    >>> plan = examples.load("jamtland-harjedalen-2019")
    >>> "Antibiotika" in node_html(plan["lakemedelspaverkan-miljo"], locale="sv", plan=plan)
    True
    """
    if not isinstance(node, Goal | Indicator | YesNoMeasure | Assignment | Activity):
        raise TypeError(f"expected a goal, indicator, measure, assignment or activity: {node!r}")
    tree = _tree(node, plan=plan, locale=locale, evaluation=None, open_depth=1)
    return _BOX + "".join(tree) + "</div>"


def assessment_html(
    assessment: Assessment, *, locale: LocaleLike = DEFAULT_LOCALE, scale: Scale = TRAFFIC_LIGHT
) -> str:
    """One assessment: status, value and target, trend and the explanation.

    An assessment does not hold its plan, so its status is drawn on ``scale`` (by default
    the three colours); a status that is not on it is shown in grey with its key.

    >>> from malstyrning import examples, evaluate
    >>> evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
    >>> "grön" in assessment_html(evaluation["antibiotika"], locale="sv")
    True
    """
    if assessment.status is None or assessment.status in scale:
        status = status_cell(assessment, scale, locale=locale)
    else:
        status = StatusCell(
            key=assessment.status, label=assessment.status, colour="#9e9e9e", symbol="?"
        )
    head = (
        f'{_badge(status)} <code style="{_MUTED}">{_e(assessment.node_id)}</code>'
        f' <span style="{_MUTED}">{_e(format_period(assessment.period, locale=locale))}</span>'
    )
    return _BOX + head + _assessment_detail(None, assessment, locale=locale) + "</div>"


def status_figure(
    evaluation: Evaluation,
    *,
    locale: LocaleLike,
    by: str | None = None,
    kind: str = "pie",
) -> Any:
    """The status distribution as a matplotlib figure: a pie, or stacked bars per goal area.

    Colours are the scale's; each status also gets a hatch pattern and its symbol in the
    legend, so the chart reads in black and white. No global pyplot state is touched.

    Args:
        evaluation: the evaluation to chart.
        locale: language of labels and numbers.
        by: the level key (or node kind) to count; default the plan's last level.
        kind: ``"pie"`` (the whole plan) or ``"bar"`` (one stacked bar per goal area).

    Returns:
        A ``matplotlib.figure.Figure``.

    Raises:
        MissingDependency: matplotlib is not installed (``pip install "malstyrning[plot]"``).
        ValueError: ``kind`` is neither ``pie`` nor ``bar``.

    >>> from malstyrning import examples, evaluate
    >>> evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
    >>> figure = status_figure(evaluation, locale="sv")
    >>> len(figure.axes[0].patches)
    4
    """
    if kind not in ("pie", "bar"):
        raise ValueError(f"kind must be 'pie' or 'bar' (got {kind!r})")
    figure_module = require("matplotlib.figure", extra="plot", what="The status chart")
    table = summary_table(evaluation, locale=locale, by=by)
    hatches = ["", "//", "xx", "..", "\\\\", "++", "oo"]

    def count(row: SummaryRow, key: str) -> int:
        return row.not_assessed if key == NOT_ASSESSED else row.counts.get(key, 0)

    labels = [f"{column.symbol} {column.label}" for column in table.columns]
    colours = [column.colour for column in table.columns]
    if kind == "pie":
        figure = figure_module.Figure(figsize=(7, 4.5), layout="constrained")
        axes = figure.add_subplot()
        values = [count(table.total, column.key) for column in table.columns]
        shown = [i for i, value in enumerate(values) if value]
        wedges, _ = axes.pie(
            [values[i] for i in shown],
            colors=[colours[i] for i in shown],
            startangle=90,
            counterclock=False,
            wedgeprops={"edgecolor": "white", "linewidth": 1.5},
        )
        for wedge, i in zip(wedges, shown, strict=True):
            wedge.set_hatch(hatches[i % len(hatches)])
        axes.legend(
            wedges,
            [f"{labels[i]}: {values[i]}" for i in shown],
            loc="center left",
            bbox_to_anchor=(1, 0.5),
            frameon=False,
        )
        axes.set_title(translate("report.chart_pie", locale=locale, level=table.level))
        axes.set_aspect("equal")
        return figure
    figure = figure_module.Figure(figsize=(9, 0.6 * len(table.rows) + 1.8), layout="constrained")
    axes = figure.add_subplot()
    names = [row.title if len(row.title) <= 45 else row.title[:44] + "…" for row in table.rows]
    left = [0] * len(table.rows)
    for i, column in enumerate(table.columns):
        widths = [count(row, column.key) for row in table.rows]
        axes.barh(
            names,
            widths,
            left=left,
            color=column.colour,
            hatch=hatches[i % len(hatches)],
            edgecolor="white",
            label=labels[i],
        )
        left = [a + b for a, b in zip(left, widths, strict=True)]
    axes.invert_yaxis()
    axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=len(labels), frameon=False)
    axes.set_title(translate("report.chart_bars", locale=locale, area=table.area_level), pad=28)
    axes.set_xlabel(table.level)
    return figure


# The value types show themselves through _display (they may not import this layer); the
# package has _display import this module the first time a value is shown.
for _node_type in (Goal, Indicator, YesNoMeasure, Assignment, Activity):
    _display.register(_node_type, node_html)
_display.register(Plan, plan_html)
_display.register(Assessment, assessment_html)
_display.register(Evaluation, evaluation_html)


def indicator_figure(
    plan: Plan,
    node_id: str,
    *,
    period: Period | str | None = None,
    locale: LocaleLike = DEFAULT_LOCALE,
) -> Any:
    """An indicator's outcomes against its target levels as a matplotlib figure.

    Outcomes are a solid line with dots, target levels a dashed line with squares, and the
    period judged a shaded band with its outcome ringed, so the chart reads in black and
    white. No global pyplot state is touched.

    Args:
        plan: the plan the indicator is in.
        node_id: the indicator's id.
        period: the period judged (marked); default the plan's reporting period, else the
            indicator's latest outcome.
        locale: language of labels, periods and numbers.

    Returns:
        A ``matplotlib.figure.Figure``.

    Raises:
        UnknownNode: the plan has no node ``node_id``.
        MalstyrningError: the node is not an indicator, or has no outcome that is a number.
        MissingDependency: matplotlib is not installed (``pip install "malstyrning[plot]"``).

    >>> from malstyrning import examples
    >>> plan = examples.load("jamtland-harjedalen-2019")
    >>> figure = indicator_figure(plan, "vald-ovriga", locale="en")
    >>> axes = figure.axes[0]
    >>> [line.get_label() for line in axes.get_lines()]
    ['Outcome', 'Target level']
    >>> print(axes.get_title())
    I övriga verksamheter ska andelen patienter som får frågor om
    våldsutsatthet öka
    >>> [label.get_text() for label in axes.get_xticklabels()]
    ['tertial 1 2018', 'tertial 1 2019']
    """
    node = plan[node_id]
    if not isinstance(node, Indicator):
        raise MalstyrningError(
            f"{node_id!r} in plan {plan.id!r} is a {node.kind.replace('_', '/')}, not an "
            "indicator: only indicators have outcomes to chart"
        )
    if period is None:
        judged = plan.reporting_period or _latest_outcome(node)
    else:
        judged = period if isinstance(period, Period) else Period(period)
    chart = indicator_chart(plan, node_id, judged, locale=locale) if judged else None
    if chart is None:
        raise MalstyrningError(
            f"indicator {node_id!r} in plan {plan.id!r} has no outcome that is a number "
            f"up to {judged.format() if judged else 'any period'}: nothing to chart"
        )
    figure_module = require("matplotlib.figure", extra="plot", what="The indicator chart")
    periods = chart.periods()
    position = {key: index for index, (key, _) in enumerate(periods)}
    figure = figure_module.Figure(figsize=(6, 3.2), layout="constrained")
    axes = figure.add_subplot()
    axes.axvspan(
        position[chart.judged] - 0.35,
        position[chart.judged] + 0.35,
        facecolor="#fff3c4",
        hatch="..",
        edgecolor="#b08800",
        label=chart.judged_caption,
        zorder=0,
    )
    axes.plot(
        [position[point.period] for point in chart.outcomes],
        [float(point.value) for point in chart.outcomes],
        marker="o",
        color="#0d47a1",
        linewidth=2,
        label=chart.outcome_label,
    )
    if chart.targets:
        axes.plot(
            [position[point.period] for point in chart.targets],
            [float(point.value) for point in chart.targets],
            marker="s",
            markerfacecolor="white",
            linestyle="--",
            color="#424242",
            label=chart.target_label,
        )
    for point in chart.outcomes:
        if point.period == chart.judged:
            axes.annotate(
                point.text,
                (position[point.period], float(point.value)),
                textcoords="offset points",
                xytext=(0, 8),
                ha="center",
                fontweight="bold",
            )
    axes.set_xticks(range(len(periods)), [label for _, label in periods])
    if chart.unit:
        axes.set_ylabel(chart.unit)
    # Plan titles are sentences: two lines at most above a small chart.
    axes.set_title("\n".join(textwrap.wrap(chart.title, 70, max_lines=2, placeholder=" …")))
    axes.legend(loc="best", frameon=False, fontsize="small")
    return figure


def _latest_outcome(node: Indicator) -> Period | None:
    periods = [m.period for m in node.main_series.measurements if isinstance(m.value, Decimal)]
    return max(periods, key=lambda period: (period.end, -period.days)) if periods else None
