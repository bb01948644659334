"""Status charts as inline SVG: a pie of the distribution and a stacked bar per goal area.

The charts are small, hand-written SVG with no script, so that a report stays one printable
file. Every slice and segment carries the status symbol and count as text, and the legend
names each status, so the charts read in black and white too.

>>> from malstyrning import examples, evaluate
>>> from malstyrning.report.followup import summary_table
>>> table = summary_table(evaluate(examples.load("jamtland-harjedalen-2019"),
...                                period="2019-T1"), locale="sv")
>>> svg = pie_chart(table, locale="sv", title="Fördelning")
>>> svg.startswith("<svg") and svg.count("<path") + svg.count("<circle") >= 3
True
>>> "6 (18\\xa0%)" in svg
True
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from html import escape

from malstyrning.i18n import LocaleLike
from malstyrning.report.followup import (
    IndicatorChart,
    SummaryColumn,
    SummaryRow,
    SummaryTable,
    format_share,
)

__all__ = ["bar_chart", "indicator_chart", "ink", "pie_chart"]

_FONT = "font-family:system-ui,'Segoe UI',Arial,sans-serif"


def ink(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (WCAG relative luminance).

    >>> ink("#2e7d32"), ink("#f9a825")
    ('#ffffff', '#000000')
    """

    def channel(hex_pair: str) -> float:
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    # Contrast against white (1.05) versus against black (0.05): pick the larger.
    return "#000000" if (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) else "#ffffff"


def _open(kind: str, width: int, height: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {kind}" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" style="{_FONT}">'
    )


def _text(text: str) -> str:
    return escape(text, quote=True)


def _count(row: SummaryRow, column: SummaryColumn) -> int:
    if column.key == "not_assessed":
        return row.not_assessed
    return row.counts.get(column.key, 0)


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _slices(table: SummaryTable) -> Iterator[tuple[SummaryColumn, int]]:
    for column in table.columns:
        yield column, _count(table.total, column)


def pie_chart(table: SummaryTable, *, locale: LocaleLike, title: str, radius: int = 90) -> str:
    """A pie of the summary's totals per status, with a legend of counts and shares.

    Not assessed is a grey slice of its own. An empty summary gives an empty circle.
    """
    counts = list(_slices(table))
    total = sum(count for _, count in counts)
    centre = radius + 10
    legend_x = 2 * centre + 10
    height = max(2 * centre, 30 + 24 * len(counts))
    width = legend_x + 230
    parts = [_open("pie", width, height), f"<title>{_text(title)}</title>"]
    if total == 0:
        parts.append(
            f'<circle cx="{centre}" cy="{centre}" r="{radius}" fill="none" stroke="#9e9e9e"/>'
        )
    angle = -math.pi / 2  # start at twelve o'clock, as printed pies do
    for column, count in counts:
        if not count:
            continue
        share = count / total
        sweep = 2 * math.pi * share
        label = f"{column.label}: {format_share(count, total, locale=locale)}"
        attributes = (
            f'fill="{column.colour}" stroke="#ffffff" stroke-width="1.5" '
            f'data-status="{_text(column.key)}"'
        )
        if count == total:
            parts.append(
                f'<circle cx="{centre}" cy="{centre}" r="{radius}" {attributes}>'
                f"<title>{_text(label)}</title></circle>"
            )
        else:
            x1 = centre + radius * math.cos(angle)
            y1 = centre + radius * math.sin(angle)
            x2 = centre + radius * math.cos(angle + sweep)
            y2 = centre + radius * math.sin(angle + sweep)
            large = 1 if sweep > math.pi else 0
            parts.append(
                f'<path d="M{centre} {centre} L{_number(x1)} {_number(y1)} '
                f'A{radius} {radius} 0 {large} 1 {_number(x2)} {_number(y2)} Z" {attributes}>'
                f"<title>{_text(label)}</title></path>"
            )
        if share >= 0.05:
            middle = angle + sweep / 2
            x = centre + 0.62 * radius * math.cos(middle)
            y = centre + 0.62 * radius * math.sin(middle)
            parts.append(
                f'<text x="{_number(x)}" y="{_number(y)}" text-anchor="middle" '
                f'dominant-baseline="central" font-size="13" fill="{ink(column.colour)}">'
                f"{_text(column.symbol)} {count}</text>"
            )
        angle += sweep
    for position, (column, count) in enumerate(counts):
        y = 20 + 24 * position
        parts.append(
            f'<rect x="{legend_x}" y="{y - 8}" width="16" height="16" fill="{column.colour}" '
            f'stroke="#000000" stroke-width="0.5"/>'
            f'<text x="{legend_x + 24}" y="{y}" font-size="13" dominant-baseline="central">'
            f"{_text(column.symbol)} {_text(column.label)}: "
            f"{_text(format_share(count, total, locale=locale))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def bar_chart(table: SummaryTable, *, locale: LocaleLike, title: str, bar_width: int = 360) -> str:
    """One stacked bar per goal area: its counts per status, on a common scale.

    Bars share one scale (the largest area's count), so their lengths compare; each segment
    shows its symbol and count where there is room, and a tooltip always.
    """
    label_width = 270
    row_height = 28
    top = 8
    longest = max((row.total for row in table.rows), default=0) or 1
    height = top + row_height * len(table.rows) + 34
    width = label_width + bar_width + 50
    parts = [_open("bars", width, height), f"<title>{_text(title)}</title>"]
    for position, row in enumerate(table.rows):
        y = top + row_height * position
        parts.append(
            f'<text x="{label_width - 8}" y="{y + row_height / 2 - 2}" text-anchor="end" '
            f'dominant-baseline="central" font-size="12"><title>{_text(row.title)}</title>'
            f"{_text(_shorten(row.title, 40))}</text>"
        )
        x = float(label_width)
        for column in table.columns:
            count = _count(row, column)
            if not count:
                continue
            length = bar_width * count / longest
            tip = f"{row.title}: {column.label} {format_share(count, row.total, locale=locale)}"
            parts.append(
                f'<rect x="{_number(x)}" y="{y + 2}" width="{_number(length)}" '
                f'height="{row_height - 8}" fill="{column.colour}" stroke="#ffffff" '
                f'stroke-width="1" data-status="{_text(column.key)}">'
                f"<title>{_text(tip)}</title></rect>"
            )
            # The symbol and count where they fit, the count alone where only it does.
            text = f"{column.symbol} {count}" if length >= 30 else str(count)
            if length >= 12:
                parts.append(
                    f'<text x="{_number(x + length / 2)}" y="{y + row_height / 2 - 2}" '
                    f'text-anchor="middle" dominant-baseline="central" font-size="12" '
                    f'fill="{ink(column.colour)}">{_text(text)}</text>'
                )
            x += length
        parts.append(
            f'<text x="{_number(x + 6)}" y="{y + row_height / 2 - 2}" '
            f'dominant-baseline="central" font-size="12">{row.total}</text>'
        )
    legend_y = top + row_height * len(table.rows) + 16
    x = float(label_width)
    for column in table.columns:
        parts.append(
            f'<rect x="{_number(x)}" y="{legend_y - 7}" width="12" height="12" '
            f'fill="{column.colour}" stroke="#000000" stroke-width="0.5"/>'
            f'<text x="{_number(x + 16)}" y="{legend_y}" font-size="12" '
            f'dominant-baseline="central">{_text(column.symbol)} {_text(column.label)}</text>'
        )
        x += 44 + 7.5 * len(column.label)
    parts.append("</svg>")
    return "".join(parts)


_OUTCOME_COLOUR = "#0d47a1"
_TARGET_COLOUR = "#424242"
_JUDGED_COLOUR = "#fff3c4"


def indicator_chart(chart: IndicatorChart, *, width: int = 260, height: int = 120) -> str:
    """An indicator's outcomes (solid line, dots) against its target levels (dashed, squares).

    The period judged is a shaded band with its outcome ringed; every point has a tooltip
    with its period and value, and the legend names the lines, so the chart reads in black
    and white too.

    >>> from malstyrning import examples
    >>> from malstyrning.report.followup import indicator_chart as chart_data
    >>> plan = examples.load("vasternorrland-2022")
    >>> svg = indicator_chart(chart_data(plan, "tillganglighet-primarvard", "2020", locale="en"))
    >>> svg.startswith("<svg") and 'class="judged"' in svg and svg.count("<circle") == 1
    True
    """
    periods = [key for key, _ in chart.periods()]
    names = dict(chart.periods())
    values = [point.value for point in (*chart.outcomes, *chart.targets)]
    low, high = float(min(values)), float(max(values))
    if low == high:
        low, high = low - 1, high + 1
    margin = (high - low) * 0.1
    low, high = low - margin, high + margin
    axis = [(value, _axis_value(value, chart)) for value in (high - margin, low + margin)]
    if axis[0][1] == axis[1][1]:
        axis = [((high + low) / 2, axis[0][1])]  # one value: one label, beside it
    # Room on the left for the longest value on the axis (9-pixel text, about 5.5 a glyph).
    left = max(30, round(8 + 5.5 * max(len(label) for _, label in axis)))
    # Room on the right for half the last period's name, centred under its point.
    right, top, bottom = 36, 22, 26
    inner_width = width - left - right
    inner_height = height - top - bottom
    step = inner_width / max(len(periods) - 1, 1)

    def x_of(period: str) -> float:
        position = periods.index(period)
        return left + (step * position if len(periods) > 1 else inner_width / 2)

    def y_of(value: float) -> float:
        return top + inner_height * (high - value) / (high - low)

    parts = [
        _open("indicator", width, height),
        f"<title>{_text(chart.title)}</title>",
        f'<g data-node="{_text(chart.node_id)}">',
    ]
    band = max(step * 0.6, 16) if len(periods) > 1 else 36
    judged_x = x_of(chart.judged)
    parts.append(
        f'<rect class="judged" x="{_number(judged_x - band / 2)}" y="{top}" '
        f'width="{_number(band)}" height="{inner_height}" fill="{_JUDGED_COLOUR}" '
        f'stroke="#b08800" stroke-dasharray="2 2"><title>{_text(chart.judged_caption)}</title>'
        "</rect>"
    )
    parts.append(
        f'<line x1="{left}" y1="{top + inner_height}" x2="{width - right}" '
        f'y2="{top + inner_height}" stroke="#999999"/>'
    )
    for value, label in axis:
        parts.append(
            f'<text x="{left - 4}" y="{_number(y_of(value))}" text-anchor="end" '
            f'dominant-baseline="central" font-size="9">{_text(label)}</text>'
        )
    for period in periods:
        weight = ' font-weight="bold"' if period == chart.judged else ""
        parts.append(
            f'<text x="{_number(x_of(period))}" y="{height - 8}" text-anchor="middle" '
            f'font-size="9"{weight}>{_text(_shorten(names[period], 14))}</text>'
        )
    if chart.targets:
        points = " ".join(
            f"{_number(x_of(p.period))},{_number(y_of(float(p.value)))}" for p in chart.targets
        )
        parts.append(
            f'<polyline class="targets" points="{points}" fill="none" '
            f'stroke="{_TARGET_COLOUR}" stroke-width="1.5" stroke-dasharray="5 3"/>'
        )
        for point in chart.targets:
            x, y = x_of(point.period), y_of(float(point.value))
            parts.append(
                f'<rect class="target" x="{_number(x - 3.5)}" y="{_number(y - 3.5)}" '
                f'width="7" height="7" fill="#ffffff" stroke="{_TARGET_COLOUR}" '
                f'stroke-width="1.5"><title>{_text(chart.target_label)} {_text(point.label)}: '
                f"{_text(point.text)}</title></rect>"
            )
    if len(chart.outcomes) > 1:
        points = " ".join(
            f"{_number(x_of(p.period))},{_number(y_of(float(p.value)))}" for p in chart.outcomes
        )
        parts.append(
            f'<polyline class="outcomes" points="{points}" fill="none" '
            f'stroke="{_OUTCOME_COLOUR}" stroke-width="2"/>'
        )
    for point in chart.outcomes:
        x, y = x_of(point.period), y_of(float(point.value))
        judged = point.period == chart.judged
        size = 4.5 if judged else 3
        ring = ' stroke="#000000" stroke-width="1.5"' if judged else ""
        parts.append(
            f'<circle class="outcome" cx="{_number(x)}" cy="{_number(y)}" r="{size}" '
            f'fill="{_OUTCOME_COLOUR}"{ring}><title>{_text(chart.outcome_label)} '
            f"{_text(point.label)}: {_text(point.text)}</title></circle>"
        )
    legend = [(chart.outcome_label, f'stroke="{_OUTCOME_COLOUR}" stroke-width="2"')]
    if chart.targets:
        legend.append(
            (
                chart.target_label,
                f'stroke="{_TARGET_COLOUR}" stroke-width="1.5" stroke-dasharray="5 3"',
            )
        )
    x = float(left)
    for label, stroke in legend:
        parts.append(
            f'<line x1="{_number(x)}" y1="9" x2="{_number(x + 16)}" y2="9" {stroke}/>'
            f'<text x="{_number(x + 20)}" y="9" font-size="9" dominant-baseline="central">'
            f"{_text(label)}</text>"
        )
        x += 30 + 5.5 * len(label)
    parts.append("</g></svg>")
    return "".join(parts)


def _axis_value(value: float, chart: IndicatorChart) -> str:
    # The axis shows the extremes of the points, as their own texts give them.
    points = (*chart.outcomes, *chart.targets)
    nearest = min(points, key=lambda point: abs(float(point.value) - value))
    return nearest.text
