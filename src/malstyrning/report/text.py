"""The follow-up report as plain text for terminals: indented, wrapped, symbols for colour.

>>> from malstyrning import examples, evaluate
>>> from malstyrning.report.followup import follow_up
>>> evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
>>> text = dumps(follow_up(evaluation, locale="sv"), width=100)
>>> print(text.splitlines()[0])
UPPFÖLJNING AV MÅLUPPFYLLELSE
>>> print(next(line for line in text.splitlines() if "Minskad läkemedels" in line))
      ● grön  Minskad läkemedelspåverkan på miljön med avseende på antibiotika och diklofenak
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from malstyrning.i18n import LocaleLike, translate
from malstyrning.report.followup import (
    NOT_ASSESSED,
    Breakdown,
    BreakdownRow,
    FollowUp,
    Heading,
    Row,
    SummaryRow,
    SummaryTable,
)

__all__ = ["dump", "dumps", "summary_dumps"]


def _wrap(text: str, width: int, indent: str, *, first: str | None = None) -> list[str]:
    return textwrap.wrap(
        text,
        width=width,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_on_hyphens=False,
    ) or [(indent if first is None else first).rstrip()]


def _new(report: FollowUp, *, new: bool) -> str:
    return f" [{report.labels['report.new']}]" if new else ""


def _row(report: FollowUp, row: Row, width: int) -> list[str]:
    labels = report.labels
    indent = "  " * (row.depth + 1)
    status = row.status.text
    lines = _wrap(
        f"{row.title}{_new(report, new=row.new)}",
        width,
        indent + " " * (len(status) + 2),
        first=f"{indent}{status}  ",
    )
    inner = indent + "    "
    if row.targets:
        lines.append(f"{inner}{labels['report.column.target']}:")
        for line in row.targets:
            outcome = f" ({line.outcome})" if line.outcome else ""
            trend = f" {line.trend.text}" if line.trend else ""
            lines += _wrap(
                f"{line.text}{outcome}{trend}{_new(report, new=line.new)}",
                width,
                inner + "    ",
                first=f"{inner}  {line.status.symbol} ",
            )
    if row.trends:
        symbols = " ".join(
            f"{trend.symbol} {trend.label}" + (f" ({trend.by})" if trend.by else "")
            for trend in row.trends
        )
        lines.append(f"{inner}{labels['report.column.trend']}: {symbols}")
    if row.comments and (len(row.comments) > 1 or row.comments[0].source):
        lines.append(f"{inner}{labels['report.column.comment']}:")
        for comment in row.comments:
            lines += _wrap(comment.attributed, width, inner + "    ", first=inner + "  ")
    elif row.comment:
        label = f"{labels['report.column.comment']}: "
        lines += _wrap(row.comment, width, inner + "  ", first=inner + label)
    return lines


def _heading(report: FollowUp, heading: Heading, width: int) -> list[str]:
    indent = "  " * heading.depth
    if heading.is_owner:
        return _wrap(heading.title.upper(), width, indent + "  ", first=indent)
    status = f"  [{heading.status.text}]" if heading.status is not None else ""
    if heading.trend is not None:
        status += f" {heading.trend.text}"
    return _wrap(
        f"{heading.level}: {heading.title}{_new(report, new=heading.new)}{status}",
        width,
        indent + "  ",
        first=indent,
    )


def summary_dumps(table: SummaryTable, *, locale: LocaleLike) -> str:
    """A summary table as aligned plain text: goal areas by status, with totals.

    >>> from malstyrning import examples, evaluate
    >>> from malstyrning.report.followup import summary_table
    >>> evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
    >>> text = summary_dumps(summary_table(evaluation, locale="en"), locale="en")
    >>> text.splitlines()[-1].split()
    ['Total', '6', '2', '4', '22', '34']
    """
    return "\n".join(_summary(table, translate("report.total", locale=locale))) + "\n"


def _summary(table: SummaryTable, total_label: str, width: int = 100) -> list[str]:
    headers = [table.area_level, *(column.cell.text for column in table.columns), total_label]

    def numbers(row: SummaryRow) -> list[str]:
        counts = {**row.counts, NOT_ASSESSED: row.not_assessed}
        return [str(counts.get(column.key, 0)) for column in table.columns] + [str(row.total)]

    body = [[row.title, *numbers(row)] for row in table.rows]
    body.append([total_label, *numbers(table.total)])
    widths = [max(len(line[i]) for line in [headers, *body]) for i in range(len(headers))]
    # The goal-area column gives way so that the table fits; the numbers never do.
    room = width - sum(widths[1:]) - 2 * (len(widths) - 1)
    widths[0] = max(min(widths[0], 50, room), 12)

    def render(cells: list[str]) -> str:
        title = cells[0] if len(cells[0]) <= widths[0] else cells[0][: widths[0] - 1] + "…"
        rest = [cell.rjust(widths[i + 1]) for i, cell in enumerate(cells[1:])]
        return "  ".join([title.ljust(widths[0]), *rest]).rstrip()

    rule = "-" * (sum(widths) + 2 * (len(widths) - 1))
    lines = [table.caption, "", render(headers), rule]
    lines += [render(cells) for cells in body[:-1]]
    lines += [rule, render(body[-1])]
    return lines


def _breakdown(table: Breakdown, total_label: str, width: int) -> list[str]:
    # One block per group: the group's statuses as columns, a total, the combined status.
    out = ["", table.heading, "=" * len(table.heading)]
    if table.activities:
        out += [*_wrap(table.activities, width, ""), ""]
    out += [table.caption]
    for position, group in enumerate(table.groups):
        headers = [
            table.area_level,
            *(column.cell.text for column in group.columns),
            total_label,
            table.status_label,
        ]

        def cells(row: BreakdownRow, index: int = position) -> list[str]:
            counts = row.cells[index]
            status = row.status.text if row.status is not None else ""
            return [row.title, *map(str, counts), str(sum(counts)), status]

        body = [cells(row) for row in table.rows] + [cells(table.total)]
        widths = [max(len(line[i]) for line in [headers, *body]) for i in range(len(headers))]
        room = width - sum(widths[1:]) - 2 * (len(widths) - 1)
        widths[0] = max(min(widths[0], 50, room), 12)

        rule = "-" * (sum(widths) + 2 * (len(widths) - 1))
        out += ["", group.label, _aligned(headers, widths), rule]
        out += [_aligned(line, widths) for line in body[:-1]]
        out += [rule, _aligned(body[-1], widths)]
    return out


def _aligned(line: list[str], widths: list[int]) -> str:
    # A title (shortened to fit), numbers to the right, and a last column of text.
    title = line[0] if len(line[0]) <= widths[0] else line[0][: widths[0] - 1] + "…"
    numbers = [cell.rjust(widths[i + 1]) for i, cell in enumerate(line[1:-1])]
    return "  ".join([title.ljust(widths[0]), *numbers, line[-1]]).rstrip()


def _activities(report: FollowUp, width: int) -> list[str]:
    label = report.labels["kind.activity"]
    out = ["", label, "=" * len(label)]
    for line in report.activities:
        comment = f": {line.comment}" if line.comment else ""
        out += _wrap(
            f"{line.area} > {line.goal} > {line.title}{comment}",
            width,
            "    ",
            first=f"  {line.status.text}  ",
        )
    return out


def dumps(report: FollowUp, *, width: int = 100) -> str:
    """The report as plain text, wrapped at ``width`` columns."""
    labels = report.labels
    out = [report.title.upper(), *_wrap(report.heading, width, ""), ""]
    out.append(f"{labels['report.scale_heading']}:")
    legend_width = max(len(status.text) for status, _ in report.legend)
    for status, meaning in report.legend:
        out += _wrap(
            meaning,
            width,
            " " * (legend_width + 4),
            first=f"  {status.text.ljust(legend_width)}  ",
        )
    if report.has_new:
        out.append(f"  [{labels['report.new']}]  {labels['report.new_legend']}")
    for area in report.areas:
        heading = f"{area.level}: {area.title}{_new(report, new=area.new)}  [{area.status.text}]"
        if area.trend is not None:
            heading += f" {area.trend.text}"
        out += ["", *_wrap(heading, width, "  ", first=""), "=" * min(len(heading), width)]
        for item in area.items:
            if isinstance(item, Row):
                out += _row(report, item, width)
            else:
                out += _heading(report, item, width)
    out += ["", labels["report.summary_heading"], "=" * len(labels["report.summary_heading"])]
    out += [*_wrap(report.summary_sentence, width, ""), ""]
    out += _summary(report.summary, labels["report.total"], width)
    if report.breakdown is not None:
        out += _breakdown(report.breakdown, labels["report.total"], width)
    if report.activities:
        out += _activities(report, width)
    return "\n".join(out) + "\n"


def dump(report: FollowUp, path: str | Path, *, width: int = 100) -> None:
    """Write the report as a UTF-8 text file."""
    Path(path).write_text(dumps(report, width=width), encoding="utf-8")
