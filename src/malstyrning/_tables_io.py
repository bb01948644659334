"""Rows and cells in and out of CSV, XLSX and data frames, with the place of every cell.

Private: :mod:`malstyrning.tables` gives these meaning. Readers return a :class:`RawTable`
whose cells keep what the source holds (text, numbers, booleans, dates, None) and can name
their place for an error message (``row 5, column 'value' (cell C5)``). Writers take column
names and rows of plain values (text, :class:`~decimal.Decimal`, None).

openpyxl and narwhals are imported when a function needs them, so that importing the library
never imports them (they come with the ``excel``, ``pandas`` and ``polars`` extras).

>>> table = read_csv_text("indicator,period,value\\nantibiotika,2019-T1,245\\n", source="x.csv")
>>> table.columns, table.rows[0].cells, table.locate(0, 2)
(('indicator', 'period', 'value'), ('antibiotika', '2019-T1', '245'), "row 2, column 'value'")
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from malstyrning.errors import DocumentError, MalstyrningError, MissingDependency, Problem

__all__ = [
    "RawRow",
    "RawTable",
    "read_csv",
    "read_csv_text",
    "read_frame",
    "read_xlsx",
    "to_frame",
    "write_csv",
    "write_xlsx",
]

Value = str | Decimal | None
"""What a writer takes for a cell: text, an exact number, or nothing."""


@attrs.frozen(kw_only=True)
class RawRow:
    """One data row: its number as the source counts rows, and its cells in column order."""

    number: int
    cells: tuple[object, ...]
    formats: tuple[str, ...] | None = None


@attrs.frozen(kw_only=True)
class RawTable:
    """A table as read: where from, its header, its data rows (blank rows left out)."""

    source: str
    columns: tuple[str, ...]
    rows: tuple[RawRow, ...]
    spreadsheet: bool = False

    def locate(self, row: int, column: int) -> str:
        """The place of one cell, for an error message."""
        number = self.rows[row].number
        place = f"row {number}, column {self.columns[column]!r}"
        if self.spreadsheet:
            place += f" (cell {_column_letter(column)}{number})"
        return place

    def locate_row(self, row: int) -> str:
        """The place of a whole row."""
        return f"row {self.rows[row].number}"


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _table(
    source: str,
    lines: Iterator[tuple[int, Sequence[object], Sequence[str] | None]],
    *,
    spreadsheet: bool,
) -> RawTable:
    header: tuple[str, ...] | None = None
    rows: list[RawRow] = []
    problems: list[Problem] = []
    for number, cells, formats in lines:
        if all(_blank(cell) for cell in cells):
            continue  # blank lines hold nothing; spreadsheets end in them
        if header is None:
            header = tuple("" if cell is None else str(cell).strip() for cell in cells)
            width = len(header)
            while width and not header[width - 1]:
                width -= 1
            header = header[:width]
            continue
        extra = [cell for cell in cells[len(header) :] if not _blank(cell)]
        if extra:
            problems.append(
                Problem(
                    f"row {number}",
                    f"{len(cells)} cells but the header names {len(header)} columns "
                    f"(extra: {', '.join(repr(str(cell)) for cell in extra)})",
                )
            )
            continue
        padded = tuple(cells[: len(header)]) + (None,) * (len(header) - len(cells))
        fitted = None if formats is None else tuple(formats[: len(header)])
        rows.append(RawRow(number=number, cells=padded, formats=fitted))
    if header is None:
        problems.append(Problem("row 1", "the table is empty: expected a header row"))
    if problems:
        raise DocumentError.from_problems(f"{source} could not be read as a table", problems)
    assert header is not None
    return RawTable(source=source, columns=header, rows=tuple(rows), spreadsheet=spreadsheet)


# -- CSV --------------------------------------------------------------------------------------


def _delimiter(text: str) -> str:
    # Swedish spreadsheets write ";" because "," marks decimals; decide by the header line.
    first = text.split("\n", 1)[0]
    counts = {mark: first.count(mark) for mark in (",", ";", "\t")}
    best = max(counts, key=lambda mark: counts[mark])
    return best if counts[best] else ","


def read_csv_text(text: str, *, source: str = "<csv>", delimiter: str | None = None) -> RawTable:
    """A CSV table from text; the delimiter (``,``, ``;`` or tab) is found from the header."""
    text = text.removeprefix("\ufeff")  # the byte-order mark Excel writes
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or _delimiter(text))
    try:
        lines = [(reader.line_num, row) for row in reader]
    except csv.Error as error:
        raise DocumentError.from_problems(
            f"{source} could not be read as CSV", [Problem(f"row {reader.line_num}", str(error))]
        ) from None
    # csv counts physical lines; a quoted cell with line breaks spans several.
    numbered = []
    previous_end = 0
    for end, row in lines:
        numbered.append((previous_end + 1, row, None))
        previous_end = end
    return _table(source, iter(numbered), spreadsheet=False)


def read_csv(path: str | os.PathLike[str], *, delimiter: str | None = None) -> RawTable:
    """A CSV file in UTF-8 (with or without Excel's byte-order mark)."""
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as error:
        raise MalstyrningError(f"cannot read {file}: {error.strerror or error}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DocumentError.from_problems(
            f"{file.name} could not be read as CSV",
            [
                Problem(
                    f"byte {error.start}",
                    "not UTF-8 text; save the file as 'CSV UTF-8' (Excel) or convert it",
                )
            ],
        ) from None
    return read_csv_text(text, source=file.name, delimiter=delimiter)


def _csv_cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        # Fixed notation: "0.0000001", never "1E-7", which no spreadsheet reads as written.
        return format(value, "f")
    return value


def write_csv(columns: Sequence[str], rows: Sequence[Sequence[Value]], *, delimiter: str) -> str:
    """The table as CSV text: a header, then one line per row, numbers as written."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_csv_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


# -- XLSX -------------------------------------------------------------------------------------


def _openpyxl() -> Any:
    try:
        # Imported when used: an optional extra that importing the library never needs.
        import openpyxl  # noqa: PLC0415
    except ImportError:
        raise MissingDependency(
            'reading and writing XLSX needs openpyxl: pip install "malstyrning[excel]"'
        ) from None
    return openpyxl


def read_xlsx(path: str | os.PathLike[str], *, sheet: str | None = None) -> RawTable:
    """A worksheet (the first one, or ``sheet``): cell values as saved, with number formats."""
    openpyxl = _openpyxl()
    file = Path(path)
    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except OSError as error:
        raise MalstyrningError(f"cannot read {file}: {error.strerror or error}") from None
    except Exception as error:  # openpyxl raises zipfile, KeyError and XML errors alike
        raise DocumentError.from_problems(
            f"{file.name} could not be read as XLSX",
            [Problem("", f"not an XLSX workbook ({type(error).__name__}: {error})")],
        ) from None
    try:
        names = list(workbook.sheetnames)
        if sheet is not None and sheet not in names:
            raise DocumentError.from_problems(
                f"{file.name} could not be read as XLSX",
                [Problem("", f"no sheet {sheet!r} (sheets: {', '.join(map(repr, names))})")],
            )
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        lines = [
            (
                number,
                [cell.value for cell in row],
                [getattr(cell, "number_format", None) or "General" for cell in row],
            )
            for number, row in enumerate(worksheet.iter_rows(), start=1)
        ]
    finally:
        workbook.close()
    title = file.name if sheet is None else f"{file.name} (sheet {sheet!r})"
    return _table(title, iter(lines), spreadsheet=True)


def _number_format(value: Decimal) -> str:
    exponent = value.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return "0." + "0" * decimals if decimals else "0"


def write_xlsx(
    columns: Sequence[str],
    rows: Sequence[Sequence[Value]],
    path: str | os.PathLike[str],
    *,
    sheet: str,
) -> None:
    """The table as a one-sheet workbook; numbers as number cells that show their decimals.

    A number that a spreadsheet's binary floating point cannot hold exactly (more than 15
    significant digits) is written as text, so that it reads back as written.
    """
    openpyxl = _openpyxl()
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    worksheet.append(list(columns))
    for row_number, row in enumerate(rows, start=2):
        for column_number, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = worksheet.cell(row=row_number, column=column_number)
            if isinstance(value, Decimal):
                if Decimal(repr(float(value))) == value:
                    cell.value = value
                    cell.number_format = _number_format(value)
                else:
                    cell.value = format(value, "f")
                    cell.number_format = "@"
            else:
                try:
                    cell.value = value
                except openpyxl.utils.exceptions.IllegalCharacterError as error:
                    raise MalstyrningError(
                        f"cannot write {value!r} to XLSX, row {row_number}, column "
                        f"{columns[column_number - 1]!r}: {error}; remove the control "
                        "characters or write CSV"
                    ) from None
                cell.data_type = "s"  # text stays text, even when it starts with "="
                cell.number_format = "@"  # "2019" is a period, not a number
    worksheet.freeze_panes = "A2"
    workbook.save(Path(path))


# -- data frames ------------------------------------------------------------------------------


def _narwhals() -> Any:
    try:
        # Imported when used, as openpyxl above.
        import narwhals.stable.v2 as nw  # noqa: PLC0415
    except ImportError:
        raise MissingDependency(
            'data frames need narwhals: pip install "malstyrning[pandas]" or "malstyrning[polars]"'
        ) from None
    return nw


def read_frame(frame: object, *, source: str | None = None) -> RawTable:
    """A pandas, polars or other eager data frame narwhals knows; rows counted from 0.

    Nulls are None whatever the library calls them (pandas' NaN in a float column is its
    null); a NaN that is a value (polars) stays, for the reader to reject.
    """
    nw = _narwhals()
    try:
        table = nw.from_native(frame, eager_only=True)
    except TypeError:
        raise MalstyrningError(
            f"expected a data frame (pandas, polars, ...) (got {type(frame).__name__})"
        ) from None
    name = source or f"<{nw.get_native_namespace(table).__name__} data frame>"
    columns = tuple(str(column) for column in table.columns)
    nulls = table.select(nw.all().is_null()).rows()
    rows = []
    for number, (row, mask) in enumerate(zip(table.rows(), nulls, strict=True)):
        cells = tuple(None if null else cell for cell, null in zip(row, mask, strict=True))
        if not all(_blank(cell) for cell in cells):
            rows.append(RawRow(number=number, cells=cells))
    return RawTable(source=name, columns=columns, rows=tuple(rows))


def _all_null(values: Sequence[Value]) -> bool:
    return all(value is None for value in values)


def to_frame(
    columns: Sequence[str],
    rows: Sequence[Sequence[Value]],
    *,
    backend: str,
    numeric: Sequence[str],
) -> Any:
    """A native data frame of ``backend`` (``"pandas"``, ``"polars"``, ...).

    Text columns are strings; the ``numeric`` columns hold exact decimals (pandas: Python
    :class:`~decimal.Decimal` objects; polars: its Decimal type, one scale per column).
    """
    nw = _narwhals()
    data: dict[str, list[Value]] = {
        name: [row[i] for row in rows] for i, name in enumerate(columns)
    }
    try:
        frame = nw.from_dict(data, backend=backend)
    except (ImportError, ModuleNotFoundError):
        raise MissingDependency(
            f"the data frame library {backend!r} is not installed: "
            f'pip install "malstyrning[{backend}]"'
        ) from None
    except ValueError as error:
        raise MalstyrningError(f"cannot build a {backend!r} data frame: {error}") from None
    casts = [
        nw.col(name).cast(nw.Float64() if name in numeric else nw.String())
        for name in columns
        if _all_null(data[name]) or name not in numeric
    ]
    if casts:
        frame = frame.with_columns(casts)
    return frame.to_native()
