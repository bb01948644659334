"""The follow-up report as an Excel workbook (openpyxl), with status cells filled in colour.

The first sheet holds the follow-up table: the same rows as the HTML report, each status
cell filled with its level's colour and showing symbol and name (so it also prints in
black and white); the last column holds the node id, hidden, for tools that read the sheet
back. The second sheet holds the summary of counts per goal area and status.

Needs the optional package openpyxl (``pip install "malstyrning[excel]"``).

>>> import io, openpyxl
>>> from malstyrning import examples, evaluate
>>> from malstyrning.report.followup import follow_up
>>> evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
>>> book = openpyxl.load_workbook(io.BytesIO(dumps(follow_up(evaluation, locale="sv"))))
>>> book.sheetnames
['Uppföljning', 'Sammanställning', 'Sammanställning per Strategi']
>>> sheet = book["Uppföljning"]
>>> row = next(r for r in sheet.iter_rows() if r[ID_COLUMN - 1].value == "lakemedelspaverkan-miljo")
>>> row[STATUS_COLUMN - 1].value, row[STATUS_COLUMN - 1].fill.fgColor.rgb
('● grön', 'FF2E7D32')
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from malstyrning.report._optional import require
from malstyrning.report.followup import (
    NOT_ASSESSED,
    Breakdown,
    BreakdownRow,
    FollowUp,
    Heading,
    Row,
    StatusCell,
    SummaryRow,
)
from malstyrning.report.svg import ink

__all__ = ["ID_COLUMN", "STATUS_COLUMN", "dump", "dumps"]

STATUS_COLUMN = 3
"""The column (1-based) of the status in the follow-up sheet."""
ID_COLUMN = 6
"""The hidden column (1-based) with each row's node id."""

_WIDTHS = {"A": 48, "B": 60, "C": 18, "D": 8, "E": 70, "F": 24}
_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def _argb(colour: str) -> str:
    return "FF" + colour.lstrip("#").upper()


class _Styles:
    """The openpyxl style objects used, built once per workbook."""

    def __init__(self) -> None:
        styles = require("openpyxl.styles", extra="excel", what="The XLSX report")
        self.module = styles
        self.bold = styles.Font(bold=True)
        self.title = styles.Font(bold=True, size=14)
        self.area = styles.Font(bold=True, size=12)
        self.owner = styles.Font(bold=True, italic=True)
        self.wrap = styles.Alignment(wrap_text=True, vertical="top")
        self.header_fill = styles.PatternFill("solid", fgColor="FFE8E8E8")
        self.heading_fill = styles.PatternFill("solid", fgColor="FFF3F3F3")
        self.new = styles.Font(bold=True, color="FF0D47A1")

    def status(self, cell: Any, status: StatusCell) -> None:
        cell.value = status.text
        cell.fill = self.module.PatternFill("solid", fgColor=_argb(status.colour))
        cell.font = self.module.Font(bold=True, color=_argb(ink(status.colour)))
        cell.alignment = self.module.Alignment(vertical="top")


def _sheet_title(text: str) -> str:
    # Excel forbids some characters in sheet names and allows 31 characters.
    return _SHEET_NAME.sub(" ", text)[:31] or "Sheet"


def _new(report: FollowUp, *, new: bool) -> str:
    return f" [{report.labels['report.new']}]" if new else ""


def _follow_up_sheet(report: FollowUp, sheet: Any, styles: _Styles) -> None:
    labels = report.labels
    sheet.append([report.title])
    sheet.cell(row=sheet.max_row, column=1).font = styles.title
    sheet.append([report.heading])
    sheet.append([])
    sheet.append([labels["report.scale_heading"]])
    for status, meaning in report.legend:
        sheet.append([None, meaning])
        styles.status(sheet.cell(row=sheet.max_row, column=1), status)
    if report.has_new:
        sheet.append([f"[{labels['report.new']}]", labels["report.new_legend"]])
    header = [
        report.row_level,
        labels["report.column.target"],
        labels["report.column.status"],
        labels["report.column.trend"],
        labels["report.column.comment"],
        "id",
    ]
    for area in report.areas:
        sheet.append([])
        title = f"{area.level}: {area.title}{_new(report, new=area.new)}"
        trend = area.trend.text if area.trend is not None else None
        sheet.append([title, None, None, trend, None, area.node_id])
        sheet.cell(row=sheet.max_row, column=1).font = styles.area
        styles.status(sheet.cell(row=sheet.max_row, column=STATUS_COLUMN), area.status)
        sheet.append(header)
        for column in range(1, len(header) + 1):
            cell = sheet.cell(row=sheet.max_row, column=column)
            cell.font = styles.bold
            cell.fill = styles.header_fill
        for item in area.items:
            if isinstance(item, Row):
                _row(report, sheet, styles, item)
            else:
                _heading(report, sheet, styles, item)


def _heading(report: FollowUp, sheet: Any, styles: _Styles, heading: Heading) -> None:
    if heading.is_owner:
        sheet.append([heading.title])
        sheet.cell(row=sheet.max_row, column=1).font = styles.owner
        return
    trend = heading.trend.text if heading.trend is not None else None
    sheet.append(
        [f"{heading.level}: {heading.title}{_new(report, new=heading.new)}", None, None, trend]
        + [None] * (ID_COLUMN - 5)
        + [heading.node_id]
    )
    first = sheet.cell(row=sheet.max_row, column=1)
    first.font = styles.bold
    first.alignment = styles.wrap
    for column in (2, 4, 5):
        sheet.cell(row=sheet.max_row, column=column).fill = styles.heading_fill
    if heading.status is not None:
        styles.status(sheet.cell(row=sheet.max_row, column=STATUS_COLUMN), heading.status)


def _row(report: FollowUp, sheet: Any, styles: _Styles, row: Row) -> None:
    lines = []
    for line in row.targets:
        outcome = f" ({line.outcome})" if line.outcome else ""
        trend = f" {line.trend.text}" if line.trend else ""
        lines.append(
            f"{line.status.symbol} {line.text}{outcome}{trend}{_new(report, new=line.new)}"
        )
    sheet.append(
        [
            f"{row.title}{_new(report, new=row.new)}",
            "\n".join(lines),
            None,
            " ".join(trend.text for trend in row.trends),
            "\n".join(line.attributed for line in row.comments) or row.comment,
            row.node_id,
        ]
    )
    for column in (1, 2, 4, 5):
        sheet.cell(row=sheet.max_row, column=column).alignment = styles.wrap
    styles.status(sheet.cell(row=sheet.max_row, column=STATUS_COLUMN), row.status)


def _summary_sheet(report: FollowUp, sheet: Any, styles: _Styles) -> None:
    table = report.summary
    total_label = report.labels["report.total"]
    sheet.append([table.caption])
    sheet.cell(row=1, column=1).font = styles.title
    sheet.append([report.summary_sentence])
    sheet.append([])
    sheet.append([table.area_level, *(column.cell.text for column in table.columns), total_label])
    header_row = sheet.max_row
    sheet.cell(row=header_row, column=1).font = styles.bold
    sheet.cell(row=header_row, column=len(table.columns) + 2).font = styles.bold
    for position, column in enumerate(table.columns, start=2):
        styles.status(sheet.cell(row=header_row, column=position), column.cell)

    def values(row: SummaryRow) -> list[int]:
        counts = {**row.counts, NOT_ASSESSED: row.not_assessed}
        return [counts.get(column.key, 0) for column in table.columns] + [row.total]

    for row in table.rows:
        sheet.append([row.title, *values(row)])
    sheet.append([total_label, *values(table.total)])
    for position in range(1, len(table.columns) + 3):
        sheet.cell(row=sheet.max_row, column=position).font = styles.bold
    utils = require("openpyxl.utils", extra="excel", what="The XLSX report")
    sheet.column_dimensions["A"].width = 50
    for position in range(2, len(table.columns) + 3):
        sheet.column_dimensions[utils.get_column_letter(position)].width = 16


def _breakdown_sheet(report: FollowUp, table: Breakdown, sheet: Any, styles: _Styles) -> None:
    total_label = report.labels["report.total"]
    sheet.append([table.heading])
    sheet.cell(row=1, column=1).font = styles.title
    if table.activities:
        sheet.append([table.activities])
    sheet.append([table.caption])
    sheet.append([])
    groups_row: list[object] = [None]
    header: list[object] = [table.area_level]
    for group in table.groups:
        groups_row += [group.label] + [None] * len(group.columns)
        header += [column.cell.text for column in group.columns] + [total_label]
    header.append(table.status_label)
    sheet.append(groups_row)
    for position in range(1, len(groups_row) + 1):
        sheet.cell(row=sheet.max_row, column=position).font = styles.bold
    sheet.append(header)
    header_row = sheet.max_row
    column = 2
    for group in table.groups:
        for each in group.columns:
            styles.status(sheet.cell(row=header_row, column=column), each.cell)
            column += 1
        sheet.cell(row=header_row, column=column).font = styles.bold
        column += 1
    sheet.cell(row=header_row, column=1).font = styles.bold
    sheet.cell(row=header_row, column=column).font = styles.bold

    def append(row: BreakdownRow) -> None:
        values: list[object] = [row.title]
        for counts in row.cells:
            values += [*counts, sum(counts)]
        values.append(None)
        sheet.append(values)
        if row.status is not None:
            styles.status(sheet.cell(row=sheet.max_row, column=len(values)), row.status)

    for row in table.rows:
        append(row)
    append(table.total)
    for position in range(1, len(header) + 1):
        sheet.cell(row=sheet.max_row, column=position).font = styles.bold
    utils = require("openpyxl.utils", extra="excel", what="The XLSX report")
    sheet.column_dimensions["A"].width = 50
    for position in range(2, len(header) + 1):
        sheet.column_dimensions[utils.get_column_letter(position)].width = 14


def _activity_sheet(report: FollowUp, sheet: Any, styles: _Styles) -> None:
    labels = report.labels
    area = report.breakdown.area_level if report.breakdown is not None else ""
    sheet.append(
        [
            area,
            report.row_level,
            labels["kind.activity"],
            labels["report.column.status"],
            labels["report.column.comment"],
            "id",
        ]
    )
    for position in range(1, 7):
        sheet.cell(row=1, column=position).font = styles.bold
    for line in report.activities:
        sheet.append([line.area, line.goal, line.title, None, line.comment, line.node_id])
        styles.status(sheet.cell(row=sheet.max_row, column=4), line.status)
    for letter, width in {"A": 30, "B": 40, "C": 50, "D": 22, "E": 50, "F": 20}.items():
        sheet.column_dimensions[letter].width = width
    sheet.auto_filter.ref = sheet.dimensions


def dumps(report: FollowUp) -> bytes:
    """The report as the bytes of an ``.xlsx`` workbook.

    Raises:
        MissingDependency: openpyxl is not installed.
    """
    openpyxl = require("openpyxl", extra="excel", what="The XLSX report")
    styles = _Styles()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = _sheet_title(report.labels["report.sheet"])
    _follow_up_sheet(report, sheet, styles)
    for letter, width in _WIDTHS.items():
        sheet.column_dimensions[letter].width = width
    sheet.column_dimensions["F"].hidden = True
    sheet.print_options.gridLines = True
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    summary = book.create_sheet(_sheet_title(report.labels["report.summary_heading"]))
    _summary_sheet(report, summary, styles)
    if report.breakdown is not None:
        sheet = book.create_sheet(_sheet_title(report.breakdown.heading))
        _breakdown_sheet(report, report.breakdown, sheet, styles)
    if report.activities:
        sheet = book.create_sheet(_sheet_title(report.labels["kind.activity"]))
        _activity_sheet(report, sheet, styles)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def dump(report: FollowUp, path: str | Path) -> None:
    """Write the report as an ``.xlsx`` file.

    Raises:
        MissingDependency: openpyxl is not installed.
    """
    Path(path).write_bytes(dumps(report))
