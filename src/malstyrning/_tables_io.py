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
import zipfile
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from malstyrning.errors import DocumentError, MalstyrningError, MissingDependency, Problem, shorten

__all__ = [
    "MAX_COLUMNS",
    "MAX_EXPANSION",
    "NO_CACHED_VALUE",
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
    """A table as read: where from, its header, its data rows (blank rows left out).

    ``problems`` holds rows that could not be read as rows of the table (more cells than the
    header names, a formula without a saved value), each with its row number, when the reader
    was asked to keep them (``keep_problems=True``) rather than raise: the caller then reports
    them with the problems of the other rows, so that one bad row never hides the rest.
    """

    source: str
    columns: tuple[str, ...]
    rows: tuple[RawRow, ...]
    spreadsheet: bool = False
    problems: tuple[tuple[int, Problem], ...] = ()

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


MAX_COLUMNS = 1024
"""The widest table read: a header reaching further is an error, not gigabytes of blanks."""


class FormulaWithoutValue:
    """A formula cell the spreadsheet saved no value for (never calculated, or by a tool)."""

    def __repr__(self) -> str:
        return "<formula without a saved value>"


NO_CACHED_VALUE = FormulaWithoutValue()
"""The cell value :func:`read_xlsx` gives a formula without a saved value."""


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _table(
    source: str,
    lines: Iterator[tuple[int, Sequence[object], Sequence[str] | None]],
    *,
    spreadsheet: bool,
    keep_problems: bool,
) -> RawTable:
    header: tuple[str, ...] | None = None
    rows: list[RawRow] = []
    problems: list[tuple[int, Problem]] = []
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
            shown = ", ".join(shorten(str(cell)) for cell in extra[:3])
            more = f" and {len(extra) - 3} more" if len(extra) > 3 else ""
            problems.append(
                (
                    number,
                    Problem(
                        f"row {number}",
                        f"{len(cells)} cells but the header names {len(header)} columns "
                        f"(extra: {shown}{more}); remove them or name their column",
                    ),
                )
            )
            continue
        padded = tuple(cells[: len(header)]) + (None,) * (len(header) - len(cells))
        fitted = None if formats is None else tuple(formats[: len(header)])
        rows.append(RawRow(number=number, cells=padded, formats=fitted))
    if header is None:
        problems.append((1, Problem("row 1", "the table is empty: expected a header row")))
    if problems and (header is None or not keep_problems):
        raise DocumentError.from_problems(
            f"{source} could not be read as a table", [problem for _, problem in problems]
        )
    assert header is not None
    return RawTable(
        source=source,
        columns=header,
        rows=tuple(rows),
        spreadsheet=spreadsheet,
        problems=tuple(problems),
    )


# -- CSV --------------------------------------------------------------------------------------


def _delimiter(text: str) -> str:
    # Swedish spreadsheets write ";" because "," marks decimals; decide by the header line.
    first = text.split("\n", 1)[0]
    counts = {mark: first.count(mark) for mark in (",", ";", "\t")}
    best = max(counts, key=lambda mark: counts[mark])
    return best if counts[best] else ","


def _records(
    reader: Any, source: str
) -> Iterator[tuple[int, Sequence[object], Sequence[str] | None]]:
    # Rows are numbered by record, as a spreadsheet opening the file numbers them: a quoted
    # cell with line breaks is one row, however many lines of the file it spans.
    number = 0
    try:
        for number, row in enumerate(reader, start=1):
            yield number, row, None
    except csv.Error as error:
        raise DocumentError.from_problems(
            f"{source} could not be read as CSV",
            [
                Problem(
                    f"row {number + 1} (line {reader.line_num} of the file)",
                    f"{error}; check the quotes: a cell that starts with '\"' must end with one",
                )
            ],
        ) from None


def read_csv_text(
    text: str,
    *,
    source: str = "<csv>",
    delimiter: str | None = None,
    keep_problems: bool = False,
) -> RawTable:
    """A CSV table from text; the delimiter (``,``, ``;`` or tab) is found from the header.

    Rows are numbered as a spreadsheet shows them (the header is row 1), counting records,
    not lines: a quoted cell with line breaks does not shift the rows after it.

    >>> read_csv_text('a,b\\n"two\\nlines",1\\nx,2\\n').rows[1].number
    3
    """
    text = text.removeprefix("\ufeff")  # the byte-order mark Excel writes
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or _delimiter(text))
    return _table(source, _records(reader, source), spreadsheet=False, keep_problems=keep_problems)


def read_csv(
    path: str | os.PathLike[str], *, delimiter: str | None = None, keep_problems: bool = False
) -> RawTable:
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
    return read_csv_text(text, source=file.name, delimiter=delimiter, keep_problems=keep_problems)


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
    # The writer quotes a cell holding "\n" but not one holding a lone "\r", which every
    # reader takes for a line break: such a row is written with every cell quoted.
    quoted = csv.writer(buffer, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(columns)
    for row in rows:
        cells = [_csv_cell(value) for value in row]
        if any("\r" in cell for cell in cells):
            quoted.writerow(cells)
        else:
            writer.writerow(cells)
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


MAX_EXPANSION = 200
"""How many times its compressed size a part of an XLSX file may unpack to.

Spreadsheet XML compresses 5 to 50 times; a part that unpacks to more than this many times
its size (and to more than :data:`_SMALL_PART` bytes) is a zip bomb, refused before reading.
"""

_SMALL_PART = 16 * 1024 * 1024


def _check_expansion(file: Path) -> None:
    try:
        with zipfile.ZipFile(file) as archive:
            parts = archive.infolist()
    except (OSError, zipfile.BadZipFile):
        return  # openpyxl names what is wrong with the file
    for part in parts:
        if part.file_size > max(_SMALL_PART, MAX_EXPANSION * max(part.compress_size, 1)):
            raise DocumentError.from_problems(
                f"{file.name} could not be read as XLSX",
                [
                    Problem(
                        f"part {shorten(part.filename)}",
                        f"unpacks from {part.compress_size} to {part.file_size} bytes, more "
                        f"than {MAX_EXPANSION} times its size: not a spreadsheet as Excel or "
                        "LibreOffice save one; save it again, or export it as CSV",
                    )
                ],
            )


def _sparse_rows(worksheet: Any, workbook: Any) -> Iterator[tuple[int, list[dict[str, Any]]]]:
    """The rows a sheet holds, as its XML states them: present cells only.

    openpyxl's ``iter_rows`` pads every row to the declared dimension and yields every row up
    to the last, so a few kilobytes declaring ``A1:XFD1048576`` with one far cell would make
    billions of empty cells. This reads the sheet's own rows and cells, whatever it declares.
    """
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser  # noqa: PLC0415

    class Parser(WorkSheetParser):
        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell: dict[str, Any] = super().parse_cell(element)
            if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                cell["value"] = NO_CACHED_VALUE
            return cell

    with worksheet._get_source() as source:
        parser = Parser(
            source,
            worksheet._shared_strings,
            data_only=True,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        yield from parser.parse()


def _xlsx_lines(
    worksheet: Any, workbook: Any, source: str
) -> Iterator[tuple[int, Sequence[object], Sequence[str] | None]]:
    from openpyxl.cell.read_only import ReadOnlyCell  # noqa: PLC0415

    width: int | None = None
    for number, cells in _sparse_rows(worksheet, workbook):
        present = [cell for cell in cells if not _blank(cell["value"])]
        if not present:
            continue
        last = max(cell["column"] for cell in present)
        if width is None:  # the header: every later row is read to its width
            if last > MAX_COLUMNS:
                raise DocumentError.from_problems(
                    f"{source} could not be read as a table",
                    [
                        Problem(
                            f"row {number}",
                            f"the header reaches column {last}; tables have at most "
                            f"{MAX_COLUMNS} columns",
                        )
                    ],
                )
            width = last
        row_width = min(max(last, width), width + 3)  # a few extra cells name the problem
        values: list[object] = [None] * row_width
        formats = ["General"] * row_width
        for cell in present:
            column = cell["column"]
            if column <= row_width:
                values[column - 1] = cell["value"]
                formats[column - 1] = ReadOnlyCell(worksheet, **cell).number_format or "General"
        if last > row_width:  # a row with extra cells is a problem: its formats go unread
            values.append(f"(cells up to column {last})")
        yield number, values, formats


def read_xlsx(
    path: str | os.PathLike[str], *, sheet: str | None = None, keep_problems: bool = False
) -> RawTable:
    """A worksheet (the first one, or ``sheet``): cell values as saved, with number formats.

    Streamed row by row, whatever dimension the file declares. A formula cell without a
    saved value is :data:`NO_CACHED_VALUE` (the reader names the cell); a part that unpacks
    to more than :data:`MAX_EXPANSION` times its size is refused.
    """
    openpyxl = _openpyxl()
    file = Path(path)
    _check_expansion(file)
    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except OSError as error:
        raise MalstyrningError(f"cannot read {file}: {error.strerror or error}") from None
    except Exception as error:  # openpyxl raises zipfile, KeyError and XML errors alike
        raise DocumentError.from_problems(
            f"{file.name} could not be read as XLSX",
            [Problem("", f"not an XLSX workbook ({type(error).__name__}: {shorten(str(error))})")],
        ) from None
    title = file.name if sheet is None else f"{file.name} (sheet {sheet!r})"
    try:
        names = list(workbook.sheetnames)
        if sheet is not None and sheet not in names:
            raise DocumentError.from_problems(
                f"{file.name} could not be read as XLSX",
                [Problem("", f"no sheet {sheet!r} (sheets: {', '.join(map(repr, names))})")],
            )
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        try:
            return _table(
                title,
                _xlsx_lines(worksheet, workbook, title),
                spreadsheet=True,
                keep_problems=keep_problems,
            )
        except MalstyrningError:
            raise
        except Exception as error:  # the sheet's XML, read as it streams
            raise DocumentError.from_problems(
                f"{title} could not be read as XLSX",
                [Problem("", f"{type(error).__name__}: {shorten(str(error))}")],
            ) from None
    finally:
        workbook.close()


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
