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

from malstyrning.report.followup import NOT_ASSESSED, FollowUp, Heading, Row, SummaryRow

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
        trend = f" {line.trend.symbol}" if line.trend else ""
        lines.append(
            f"{line.status.symbol} {escape(line.text)}{outcome}{trend}{_new(report, new=line.new)}"
        )
    cells = [
        escape(row.title) + _new(report, new=row.new),
        "<br>".join(lines),
        f"{row.status.symbol} {escape(row.status.label)}",
        " ".join(trend.symbol for trend in row.trends),
        escape(row.comment),
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
        out += ["", f"## {title} ({area.status.symbol} {escape(area.status.label)})"]
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
    return "\n".join(out) + "\n"


def _heading(report: FollowUp, heading: Heading) -> str:
    if heading.is_owner:
        return f"**{escape(heading.title)}**"
    marks = "#" * min(2 + heading.depth, 6)
    status = (
        f" ({heading.status.symbol} {escape(heading.status.label)})"
        if heading.status is not None
        else ""
    )
    return (
        f"{marks} {escape(heading.level)}: {escape(heading.title)}"
        f"{_new(report, new=heading.new)}{status}"
    )


def dump(report: FollowUp, path: str | Path) -> None:
    """Write the report as a Markdown file (UTF-8)."""
    Path(path).write_text(dumps(report), encoding="utf-8")
