"""The follow-up report as one self-contained, printable HTML page.

No script, no external file: styles and the status charts (SVG) are inline, so the page can
be mailed, archived or printed as it is. Every status shows its colour *and* its symbol and
name, so the page reads in black and white. All plan text is escaped.

>>> from malstyrning import examples, evaluate
>>> from malstyrning.report.followup import follow_up
>>> evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
>>> page = dumps(follow_up(evaluation, locale="sv"))
>>> page.startswith("<!DOCTYPE html>"), '<html lang="sv">' in page
(True, True)
>>> '<tr class="row" data-node="antibiotika"' in page  # an indicator is a line, not a row
False
>>> 'data-node="lakemedelspaverkan-miljo" data-status="green"' in page
True
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from malstyrning.report.followup import (
    NOT_ASSESSED,
    Area,
    Breakdown,
    BreakdownRow,
    FollowUp,
    Heading,
    Row,
    StatusCell,
    SummaryRow,
    SummaryTable,
    TargetLine,
    TrendCell,
)
from malstyrning.report.svg import bar_chart, indicator_chart, ink, pie_chart

__all__ = ["dump", "dumps"]

_STYLE = """
:root { color-scheme: light; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; box-sizing: border-box; }
body { font-family: system-ui, "Segoe UI", Arial, sans-serif; font-size: 11pt; color: #111;
       margin: 2em auto; max-width: 75em; padding: 0 1em; line-height: 1.35; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
p.heading { font-size: 1.1em; margin-top: 0; }
h2 { font-size: 1.25em; margin: 1.6em 0 0.4em; border-bottom: 2px solid #333; }
.level { font-weight: normal; color: #444; }
table { border-collapse: collapse; width: 100%; margin: 0.4em 0 1em; }
th, td { border: 1px solid #999; padding: 0.3em 0.45em; vertical-align: top; text-align: left; }
thead th { background: #e8e8e8; }
tr.heading th { background: #f3f3f3; font-size: 1.02em; }
tr.owner th { font-weight: 600; font-variant: small-caps; background: #fafafa; }
td.goal { width: 24%; } td.targets { width: 30%; } td.status { width: 11%; white-space: nowrap; }
td.trend { width: 5%; text-align: center; font-size: 1.2em; } td.comment { width: 30%; }
td.targets ul { margin: 0; padding-left: 0; list-style: none; }
td.targets li { margin-bottom: 0.3em; }
.outcome { color: #333; font-style: italic; }
.badge { display: inline-block; padding: 0.05em 0.45em; border-radius: 0.7em;
         border: 1px solid #555; white-space: nowrap; font-weight: 600; }
.mark { display: inline-block; min-width: 1.2em; text-align: center; border-radius: 0.6em;
        border: 1px solid #555; }
.new { border: 1px solid #1565c0; color: #0d47a1; padding: 0 0.3em; border-radius: 0.3em;
       font-size: 0.85em; font-weight: 600; margin-left: 0.3em; }
table.legend td { border: none; padding: 0.15em 0.6em 0.15em 0; }
table.summary { width: auto; } table.summary td { text-align: right; min-width: 4em; }
table.summary th[scope="row"] { font-weight: normal; }
table.summary tfoot th, table.summary tfoot td { font-weight: 700; border-top: 2px solid #333; }
figure.charts { display: flex; flex-wrap: wrap; gap: 2em; margin: 1em 0; }
figure.charts figure { margin: 0; } figcaption { font-weight: 600; margin-bottom: 0.3em; }
figure.indicator { margin: 0.2em 0 0.4em; } figure.indicator svg { max-width: 100%; height: auto; }
.by { font-size: 0.8em; color: #333; }
td.comment p { margin: 0 0 0.3em; }
.source { font-weight: 600; }
@media print {
  body { margin: 0; max-width: none; font-size: 9pt; }
  section.area { break-before: auto; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
}
"""


def _e(text: str) -> str:
    return escape(text, quote=True)


def _badge(status: StatusCell) -> str:
    title = f' title="{_e(status.reason)}"' if status.reason else ""
    return (
        f'<span class="badge status-{_e(status.key)}" '
        f'style="background:{status.colour};color:{ink(status.colour)}"{title}>'
        f"{_e(status.symbol)} {_e(status.named)}</span>"
    )


def _mark(status: StatusCell) -> str:
    return (
        f'<span class="mark status-{_e(status.key)}" title="{_e(status.named)}" '
        f'style="background:{status.colour};color:{ink(status.colour)}">'
        f"{_e(status.symbol)}</span>"
    )


def _new(report: FollowUp, *, new: bool) -> str:
    if not new:
        return ""
    return (
        f' <span class="new" title="{_e(report.labels["report.new_legend"])}">'
        f"{_e(report.labels['report.new'])}</span>"
    )


def _trend(trend: TrendCell) -> str:
    # A judged arrow names who judged it, as the follow-ups print it.
    by = f' <span class="by">({_e(trend.by)})</span>' if trend.by else ""
    return (
        f'<span class="trend" data-trend="{_e(trend.key)}" title="{_e(trend.label)}">'
        f"{_e(trend.symbol)}{by}</span>"
    )


def _line(report: FollowUp, line: TargetLine) -> str:
    outcome = f' <span class="outcome">({_e(line.outcome)})</span>' if line.outcome else ""
    trend = f" {_trend(line.trend)}" if line.trend else ""
    chart = (
        f'<figure class="indicator">{indicator_chart(line.chart)}</figure>'
        if line.chart is not None
        else ""
    )
    return (
        f'<li data-node="{_e(line.node_id)}" data-status="{_e(line.status.key)}">'
        f"{_mark(line.status)} {_e(line.text)}{outcome}{trend}{_new(report, new=line.new)}"
        f"{chart}</li>"
    )


def _comment(row: Row) -> str:
    if not row.comments:
        return _e(row.comment)
    return "".join(
        f'<p><span class="source">{_e(line.source)}:</span> {_e(line.text)}</p>'
        if line.source
        else f"<p>{_e(line.text)}</p>"
        for line in row.comments
    )


def _row(report: FollowUp, row: Row) -> str:
    targets = "".join(_line(report, line) for line in row.targets)
    trends = " ".join(_trend(trend) for trend in row.trends)
    return (
        f'<tr class="row" data-node="{_e(row.node_id)}" data-status="{_e(row.status.key)}">'
        f'<td class="goal">{_e(row.title)}{_new(report, new=row.new)}</td>'
        f'<td class="targets"><ul>{targets}</ul></td>'
        f'<td class="status">{_badge(row.status)}</td>'
        f'<td class="trend">{trends}</td>'
        f'<td class="comment">{_comment(row)}</td></tr>'
    )


def _heading(report: FollowUp, heading: Heading) -> str:
    if heading.is_owner:
        return f'<tr class="owner"><th colspan="5" scope="rowgroup">{_e(heading.title)}</th></tr>'
    status = f" {_badge(heading.status)}" if heading.status is not None else ""
    if heading.trend is not None:
        status += f" {_trend(heading.trend)}"
    key = heading.status.key if heading.status is not None else NOT_ASSESSED
    return (
        f'<tr class="heading depth-{heading.depth}" data-node="{_e(heading.node_id or "")}" '
        f'data-status="{_e(key)}"><th colspan="5" scope="rowgroup">'
        f'<span class="level">{_e(heading.level)}:</span> {_e(heading.title)}'
        f"{_new(report, new=heading.new)}{status}</th></tr>"
    )


def _area(report: FollowUp, area: Area) -> str:
    labels = report.labels
    head = "".join(
        f'<th scope="col">{_e(text)}</th>'
        for text in (
            report.row_level,
            labels["report.column.target"],
            labels["report.column.status"],
            labels["report.column.trend"],
            labels["report.column.comment"],
        )
    )
    body = "".join(
        _row(report, item) if isinstance(item, Row) else _heading(report, item)
        for item in area.items
    )
    return (
        f'<section class="area" id="area-{_e(area.node_id)}" data-node="{_e(area.node_id)}" '
        f'data-status="{_e(area.status.key)}">'
        f'<h2><span class="level">{_e(area.level)}:</span> {_e(area.title)}'
        f"{_new(report, new=area.new)} {_badge(area.status)}"
        f"{f' {_trend(area.trend)}' if area.trend is not None else ''}</h2>"
        f'<table class="follow-up"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
        "</section>"
    )


def _summary(report: FollowUp, table: SummaryTable) -> str:
    total_label = report.labels["report.total"]
    head = "".join(
        f'<th scope="col" data-status="{_e(column.key)}">'
        f"{_mark(column.cell)} {_e(column.label)}</th>"
        for column in table.columns
    )

    def cells(row_counts: dict[str, int], total: int) -> str:
        return (
            "".join(
                f'<td data-status="{_e(column.key)}">{row_counts.get(column.key, 0)}</td>'
                for column in table.columns
            )
            + f"<td>{total}</td>"
        )

    def counts(row: SummaryRow) -> dict[str, int]:
        return {**row.counts, NOT_ASSESSED: row.not_assessed}

    body = "".join(
        f'<tr data-node="{_e(row.node_id or "")}"><th scope="row">{_e(row.title)}</th>'
        f"{cells(counts(row), row.total)}</tr>"
        for row in table.rows
    )
    total = table.total
    foot = f'<tr><th scope="row">{_e(total_label)}</th>{cells(counts(total), total.total)}</tr>'
    return (
        f'<table class="summary"><caption>{_e(table.caption)}</caption>'
        f'<thead><tr><th scope="col">{_e(table.area_level)}</th>{head}'
        f'<th scope="col">{_e(total_label)}</th></tr></thead>'
        f"<tbody>{body}</tbody><tfoot>{foot}</tfoot></table>"
    )


def _breakdown(report: FollowUp, table: Breakdown) -> str:
    total_label = report.labels["report.total"]
    top = "".join(
        f'<th scope="colgroup" colspan="{len(group.columns) + 1}" data-group="{_e(group.key)}">'
        f"{_e(group.label)}</th>"
        for group in table.groups
    )
    second = "".join(
        "".join(
            f'<th scope="col" data-status="{_e(column.key)}">{_mark(column.cell)} '
            f"{_e(column.label)}</th>"
            for column in group.columns
        )
        + f'<th scope="col">{_e(total_label)}</th>'
        for group in table.groups
    )

    def cells(row: BreakdownRow) -> str:
        out = []
        for group, counts in zip(table.groups, row.cells, strict=True):
            out += [
                f'<td data-group="{_e(group.key)}" data-status="{_e(column.key)}">{count}</td>'
                for column, count in zip(group.columns, counts, strict=True)
            ]
            out.append(f'<td data-group="{_e(group.key)}" class="total">{sum(counts)}</td>')
        status = _badge(row.status) if row.status is not None else ""
        return "".join(out) + f'<td class="status">{status}</td>'

    body = "".join(
        f'<tr data-node="{_e(row.node_id or "")}"><th scope="row">{_e(row.title)}</th>'
        f"{cells(row)}</tr>"
        for row in table.rows
    )
    foot = f'<tr><th scope="row">{_e(table.total.title)}</th>{cells(table.total)}</tr>'
    charts = "".join(
        f"<figure><figcaption>{_e(group.label)}</figcaption>"
        f"{bar_chart(group.chart, locale=report.locale, title=group.label)}</figure>"
        for group in table.groups
    )
    if table.activity_chart is not None:
        title = table.activity_chart.level
        charts += (
            f"<figure><figcaption>{_e(title)}</figcaption>"
            f"{pie_chart(table.activity_chart, locale=report.locale, title=title)}</figure>"
        )
    activities = f'<p class="activities">{_e(table.activities)}</p>' if table.activities else ""
    return (
        f'<section class="breakdown" id="breakdown"><h2>{_e(table.heading)}</h2>{activities}'
        f'<table class="summary breakdown"><caption>{_e(table.caption)}</caption>'
        f'<thead><tr><th scope="col" rowspan="2">{_e(table.area_level)}</th>{top}'
        f'<th scope="col" rowspan="2">{_e(table.status_label)}</th></tr>'
        f"<tr>{second}</tr></thead><tbody>{body}</tbody><tfoot>{foot}</tfoot></table>"
        f'<figure class="charts">{charts}</figure></section>'
    )


def _activities(report: FollowUp) -> str:
    if not report.activities:
        return ""
    labels = report.labels
    breakdown = report.breakdown
    head = "".join(
        f'<th scope="col">{_e(text)}</th>'
        for text in (
            breakdown.area_level if breakdown is not None else "",
            report.row_level,
            labels["kind.activity"],
            labels["report.column.status"],
            labels["report.column.comment"],
        )
    )
    body = "".join(
        f'<tr data-node="{_e(line.node_id)}" data-status="{_e(line.status.key)}">'
        f"<td>{_e(line.area)}</td><td>{_e(line.goal)}</td><td>{_e(line.title)}</td>"
        f'<td class="status">{_badge(line.status)}</td><td>{_e(line.comment)}</td></tr>'
        for line in report.activities
    )
    return (
        f'<section class="activities" id="activities"><h2>{_e(labels["kind.activity"])}</h2>'
        f"<details><summary>{_e(labels['kind.activity'])}: {len(report.activities)}</summary>"
        f'<table class="activities"><thead><tr>{head}</tr></thead><tbody>{body}</tbody>'
        "</table></details></section>"
    )


def dumps(report: FollowUp) -> str:
    """The report as an HTML document (a string), in the report's locale."""
    labels = report.labels
    legend_rows = "".join(
        f"<tr><td>{_badge(status)}</td><td>{_e(text)}</td></tr>" for status, text in report.legend
    )
    if report.has_new:
        legend_rows += (
            f'<tr><td><span class="new">{_e(labels["report.new"])}</span></td>'
            f"<td>{_e(labels['report.new_legend'])}</td></tr>"
        )
    areas = "".join(_area(report, area) for area in report.areas)
    summary = report.summary
    pie = pie_chart(summary, locale=report.locale, title=report.labels["report.chart_pie"])
    bars = bar_chart(summary, locale=report.locale, title=report.labels["report.chart_bars"])
    language = report.locale.replace("_", "-").split("-")[0]
    breakdown = _breakdown(report, report.breakdown) if report.breakdown is not None else ""
    breakdown += _activities(report)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_e(language)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="malstyrning">'
        f"<title>{_e(report.title)}: {_e(report.heading)}</title>"
        f"<style>{_STYLE}</style></head><body>"
        f'<header><h1>{_e(report.title)}</h1><p class="heading">{_e(report.heading)}</p>'
        f'<p class="scale-heading">{_e(labels["report.scale_heading"])}:</p>'
        f'<table class="legend"><tbody>{legend_rows}</tbody></table></header>'
        f"<main>{areas}"
        f'<section class="summary" id="summary"><h2>{_e(labels["report.summary_heading"])}</h2>'
        f'<p class="summary-sentence">{_e(report.summary_sentence)}</p>'
        f"{_summary(report, summary)}"
        f'<figure class="charts">{pie}{bars}</figure></section>{breakdown}</main>'
        "</body></html>\n"
    )


def dump(report: FollowUp, path: str | Path) -> None:
    """Write the report as an HTML file (UTF-8)."""
    Path(path).write_text(dumps(report), encoding="utf-8")
