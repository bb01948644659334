"""Workbooks written for the tables' tests: rows as given, cell formats and a sheet name."""

from pathlib import Path

import openpyxl


def workbook(
    path: Path,
    rows: list[list[object]],
    formats: dict[str, str] | None = None,
    *,
    title: str | None = None,
) -> Path:
    """An .xlsx file at ``path`` holding ``rows``; ``formats`` maps cells to number formats."""
    book = openpyxl.Workbook()
    sheet = book.active
    if title is not None:
        sheet.title = title
    for row in rows:
        sheet.append(row)
    for cell, number_format in (formats or {}).items():
        sheet[cell].number_format = number_format
    book.save(path)
    return path
