"""The follow-up report as Markdown (CommonMark with GitHub tables).

Headings follow the plan's levels, each owner is a bold line, and each run of rows is a
table. Status is symbol and name ("● grön"), so it reads without colour. Plan text is
escaped, so a "<250" or a "|" in a title cannot break the page.

>>> from malstyrning import examples, evaluate
>>> from malstyrning.report.followup import follow_up
>>> evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
>>> text = dumps(follow_up(evaluation, locale="en"))
>>> print(text.splitlines()[0])
# Follow-up of goal attainment
>>> "| Minskad läkemedelspåverkan på miljön med avseende på antibiotika och diklofenak |" in text
True
"""

from __future__ import annotations

import re
from pathlib import Path

from malstyrning.report.followup import (
    NOT_ASSESSED,
    Breakdown,
    BreakdownRow,
    FollowUp,
    Heading,
    Row,
    SummaryRow,
)

__all__ = ["dump", "dumps", "escape"]

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")


def escape(text: str) -> str:
    r"""Plan text made literal in Markdown: special characters get a backslash.

    >>> escape("<250 rec/TIN | *alla*")
    '\\<250 rec/TIN \\| \\*alla\\*'
    """
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _new(report: FollowUp, *, new: bool) -> str:
    return f" **[{escape(report.labels['report.new'])}]**" if new else ""


def _row(report: FollowUp, row: Row) -> str:
    lines = []
    for line in row.targets:
        outcome = f" _({escape(line.outcome)})_" if line.outcome else ""
        trend = f" {escape(line.trend.text)}" if line.trend else ""
        lines.append(
            f"{line.status.symbol} {escape(line.text)}{outcome}{trend}{_new(report, new=line.new)}"
        )
    comment = (
        "<br>".join(
            f"**{escape(line.source)}:** {escape(line.text)}" if line.source else escape(line.text)
            for line in row.comments
        )
        if row.comments
        else escape(row.comment)
    )
    cells = [
        escape(row.title) + _new(report, new=row.new),
        "<br>".join(lines),
        f"{row.status.symbol} {escape(row.status.named)}",
        " ".join(escape(trend.text) for trend in row.trends),
        comment,
    ]
    return "| " + " | ".join(cells) + " |"


def _table_head(report: FollowUp) -> list[str]:
    labels = report.labels
    names = [
        report.row_level,
        labels["report.column.target"],
        labels["report.column.status"],
        labels["report.column.trend"],
        labels["report.column.comment"],
    ]
    return ["| " + " | ".join(escape(name) for name in names) + " |", "|---|---|---|---|---|"]


def _summary(report: FollowUp) -> list[str]:
    table = report.summary
    total_label = escape(report.labels["report.total"])
    head = [escape(table.area_level)]
    head += [f"{column.symbol} {escape(column.label)}" for column in table.columns]
    head.append(total_label)

    def cells(title: str, row: SummaryRow) -> str:
        counts = {**row.counts, NOT_ASSESSED: row.not_assessed}
        numbers = [str(counts.get(column.key, 0)) for column in table.columns]
        return "| " + " | ".join([title, *numbers, str(row.total)]) + " |"

    lines = [
        f"_{escape(table.caption)}_",
        "",
        "| " + " | ".join(head) + " |",
        "|---|" + "---:|" * (len(table.columns) + 1),
    ]
    lines += [cells(escape(row.title), row) for row in table.rows]
    lines.append(cells(f"**{total_label}**", table.total))
    return lines


def _breakdown(report: FollowUp, table: Breakdown) -> list[str]:
    total_label = escape(report.labels["report.total"])
    head = [escape(table.area_level)]
    for group in table.groups:
        head += [
            f"{escape(group.label)}: {column.symbol} {escape(column.label)}"
            for column in group.columns
        ]
        head.append(f"{escape(group.label)}: {total_label}")
    head.append(escape(table.status_label))

    def cells(title: str, row: BreakdownRow) -> str:
        numbers = []
        for counts in row.cells:
            numbers += [str(count) for count in counts] + [str(sum(counts))]
        status = f"{row.status.symbol} {escape(row.status.label)}" if row.status else ""
        return "| " + " | ".join([title, *numbers, status]) + " |"

    lines = ["", f"## {escape(table.heading)}", ""]
    if table.activities:
        lines += [escape(table.activities), ""]
    lines += [
        f"_{escape(table.caption)}_",
        "",
        "| " + " | ".join(head) + " |",
        "|---|" + "---:|" * (len(head) - 2) + "---|",
    ]
    lines += [cells(escape(row.title), row) for row in table.rows]
    lines.append(cells(f"**{escape(table.total.title)}**", table.total))
    return lines


def _activities(report: FollowUp) -> list[str]:
    labels = report.labels
    area = report.breakdown.area_level if report.breakdown is not None else ""
    names = [
        area,
        report.row_level,
        labels["kind.activity"],
        labels["report.column.status"],
        labels["report.column.comment"],
    ]
    lines = ["", f"## {escape(labels['kind.activity'])}", ""]
    lines += ["| " + " | ".join(escape(name) for name in names) + " |", "|---|---|---|---|---|"]
    lines += [
        f"| {escape(line.area)} | {escape(line.goal)} | {escape(line.title)} | "
        f"{line.status.symbol} {escape(line.status.named)} | {escape(line.comment)} |"
        for line in report.activities
    ]
    return lines


def dumps(report: FollowUp) -> str:
    """The report as a Markdown document."""
    labels = report.labels
    out = [f"# {escape(report.title)}", "", f"**{escape(report.heading)}**", ""]
    out += [f"{escape(labels['report.scale_heading'])}:", ""]
    for status, meaning in report.legend:
        text = f"- {status.symbol} **{escape(status.label)}**"
        out.append(f"{text}: {escape(meaning)}" if meaning else text)
    if report.has_new:
        out.append(f"- **[{escape(labels['report.new'])}]**: {escape(labels['report.new_legend'])}")
    for area in report.areas:
        title = f"{escape(area.level)}: {escape(area.title)}{_new(report, new=area.new)}"
        trend = f" {escape(area.trend.text)}" if area.trend is not None else ""
        out += ["", f"## {title} ({area.status.symbol} {escape(area.status.named)}){trend}"]
        in_table = False
        for item in area.items:
            if isinstance(item, Row):
                if not in_table:
                    out += ["", *_table_head(report)]
                    in_table = True
                out.append(_row(report, item))
                continue
            in_table = False
            out.append("")
            out.append(_heading(report, item))
    out += ["", f"## {escape(labels['report.summary_heading'])}", ""]
    out += [escape(report.summary_sentence), ""]
    out += _summary(report)
    if report.breakdown is not None:
        out += _breakdown(report, report.breakdown)
    if report.activities:
        out += _activities(report)
    return "\n".join(out) + "\n"


def _heading(report: FollowUp, heading: Heading) -> str:
    if heading.is_owner:
        return f"**{escape(heading.title)}**"
    marks = "#" * min(2 + heading.depth, 6)
    status = (
        f" ({heading.status.symbol} {escape(heading.status.named)})"
        if heading.status is not None
        else ""
    )
    if heading.trend is not None:
        status += f" {escape(heading.trend.text)}"
    return (
        f"{marks} {escape(heading.level)}: {escape(heading.title)}"
        f"{_new(report, new=heading.new)}{status}"
    )


def dump(report: FollowUp, path: str | Path) -> None:
    """Write the report as a Markdown file (UTF-8)."""
    Path(path).write_text(dumps(report), encoding="utf-8")
