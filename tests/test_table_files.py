"""Rows and cells from CSV, XLSX and data frames (malstyrning._tables_io), and back.

Pins what the raw readers give the outcome and Kolada readers: the header and the rows as
the source numbers them, the place of every cell (``row 5, column 'value' (cell C5)``), the
delimiter found from the header, the exact message of every file that cannot be read, and
what the writers put in each cell.
"""

from __future__ import annotations

import random
import re
import sys
import zipfile
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from _workbooks import workbook as shared_workbook
from malstyrning._tables_io import (
    NO_CACHED_VALUE,
    RawRow,
    RawTable,
    read_csv,
    read_csv_text,
    read_frame,
    read_xlsx,
    to_frame,
    write_csv,
    write_xlsx,
)
from malstyrning.errors import DocumentError, MalstyrningError, MissingDependency, Problem

MAY = datetime(2022, 5, 1)  # noqa: DTZ001 (a spreadsheet's dates have no zone)


def problems(call, *args, **kwargs) -> tuple[str, list[tuple[str, str]]]:
    """The first line of the error and its problems as (place, message)."""
    with pytest.raises(DocumentError) as caught:
        call(*args, **kwargs)
    error = caught.value
    return str(error).splitlines()[0], [(p.path, p.message) for p in error.problems]


def workbook(path: Path, rows: list[list[object]], *, title: str = "Blad1") -> Path:
    return shared_workbook(path, rows, title=title)


# -- places -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "letters"),
    [(0, "A"), (1, "B"), (25, "Z"), (26, "AA"), (27, "AB"), (51, "AZ"), (52, "BA"),
     (701, "ZZ"), (702, "AAA"), (16383, "XFD")],
)  # fmt: skip
def test_a_spreadsheet_cell_is_named_by_its_column_letters(column: int, letters: str) -> None:
    table = RawTable(
        source="s.xlsx",
        columns=tuple(f"c{i}" for i in range(column + 1)),
        rows=(RawRow(number=7, cells=(None,) * (column + 1)),),
        spreadsheet=True,
    )
    assert table.locate(0, column) == f"row 7, column 'c{column}' (cell {letters}7)"
    assert table.locate_row(0) == "row 7"


def test_a_csv_cell_is_named_by_row_and_column_only() -> None:
    table = read_csv_text("a,b\n\n1,2\n3,4\n")
    assert table.locate(1, 1) == "row 4, column 'b'"
    assert table.locate_row(0) == "row 3"
    assert table.spreadsheet is False


# -- CSV --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "delimiter"),
    [("a,b,c", ","), ("a;b;c", ";"), ("a\tb\tc", "\t"), ("a;b,c;d", ";"), ("a,b;c", ","),
     ("a;b\tc", ";"), ("a\tb\tc;d", "\t"), ("a,b\tc", ","), ("abc", ",")],
)  # fmt: skip
def test_the_delimiter_is_the_commonest_mark_of_the_header(header: str, delimiter: str) -> None:
    # Only the header line counts: the rest of the file may hold any marks.
    text = f"{header}\nrest;of;the;file\t\t\t\t\t\n"
    assert read_csv_text(text, keep_problems=True).columns == tuple(header.split(delimiter))


def test_a_given_delimiter_overrides_the_header() -> None:
    table = read_csv_text("a;b,c\n1;2,3\n", delimiter=",")
    assert table.columns == ("a;b", "c")
    assert table.rows[0].cells == ("1;2", "3")


def test_the_byte_order_mark_excel_writes_is_not_part_of_the_header() -> None:
    table = read_csv_text("\ufeffindicator;value\nx;1\n")
    assert table.columns == ("indicator", "value")


def test_header_names_are_trimmed_and_trailing_blank_columns_dropped() -> None:
    table = read_csv_text(" a , b ,, \n1,2\n3\n", source="s.csv")
    assert table.columns == ("a", "b")
    assert table.source == "s.csv"
    # Short rows are padded with None; blank cells past the header are no problem.
    assert [row.cells for row in table.rows] == [("1", "2"), ("3", None)]
    assert [row.number for row in table.rows] == [2, 3]
    assert table.rows[0].formats is None


def test_blank_rows_are_left_out_but_counted() -> None:
    table = read_csv_text("\n , \na,b\n\n1,2\n , \n3,4\n")
    assert [row.number for row in table.rows] == [5, 7]


def test_an_empty_table_asks_for_a_header() -> None:
    for text in ("", "\n\n", " , \n"):
        assert problems(read_csv_text, text, source="tom.csv") == (
            "tom.csv could not be read as a table: 1 problem",
            [("row 1", "the table is empty: expected a header row")],
        )
        assert problems(read_csv_text, text, source="tom.csv", keep_problems=True)[1] == [
            ("row 1", "the table is empty: expected a header row")
        ]


@pytest.mark.parametrize(
    ("row", "message"),
    [("1,2,3", "3 cells but the header names 2 columns (extra: '3')"),
     ("1,2,3,4,5", "5 cells but the header names 2 columns (extra: '3', '4', '5')"),
     ("1,2,3,4,5,6", "6 cells but the header names 2 columns (extra: '3', '4', '5' and 1 more)"),
     ("1,2,3,,5,6,7", "7 cells but the header names 2 columns (extra: '3', '5', '6' and 1 more)")],
)  # fmt: skip
def test_cells_beyond_the_header_are_named(row: str, message: str) -> None:
    suffix = "; remove them or name their column"
    assert problems(read_csv_text, f"a,b\n{row}\n", source="w.csv") == (
        "w.csv could not be read as a table: 1 problem",
        [("row 2", message + suffix)],
    )
    kept = read_csv_text(f"a,b\n{row}\n1,2\n", keep_problems=True)
    assert kept.problems == ((2, Problem("row 2", message + suffix)),)
    assert [r.number for r in kept.rows] == [3]
    # Blank cells beyond the header are nothing to name.
    assert read_csv_text("a,b\n1,2,, \n").rows[0].cells == ("1", "2")


def test_a_broken_quote_names_the_record_and_the_line() -> None:
    text = 'a,b\n1,2\n"x' + "y" * 200_000 + "\n"
    assert problems(read_csv_text, text, source="big.csv") == (
        "big.csv could not be read as CSV: 1 problem",
        [
            (
                "row 3 (line 3 of the file)",
                (
                    "field larger than field limit (131072); check the quotes: a cell that "
                    "starts with '\"' must end with one"
                ),
            )
        ],
    )


def test_a_file_that_is_not_utf8_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("a,b\nx,mäts\n".encode("latin-1"))
    assert problems(read_csv, path) == (
        "latin.csv could not be read as CSV: 1 problem",
        [("byte 7", "not UTF-8 text; save the file as 'CSV UTF-8' (Excel) or convert it")],
    )


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "absent.csv"
    with pytest.raises(MalstyrningError) as caught:
        read_csv(path)
    assert str(caught.value) == f"cannot read {path}: No such file or directory"


def test_a_csv_file_is_read_with_its_options(tmp_path: Path) -> None:
    path = tmp_path / "utfall.csv"
    path.write_text("\ufeffa;b|c\n1;2|3\n4,5\n", encoding="utf-8")
    table = read_csv(path, delimiter="|")
    assert table.source == "utfall.csv"
    assert table.columns == ("a;b", "c")
    assert read_csv(path).columns == ("a", "b|c")
    path.write_text("a;b\n1;2;3\n", encoding="utf-8")
    assert read_csv(path, keep_problems=True).problems[0][0] == 2
    assert problems(read_csv, path)[0] == "utfall.csv could not be read as a table: 1 problem"


def test_csv_is_written_with_numbers_as_written() -> None:
    text = write_csv(
        ["a", "b", "c"],
        [["x", Decimal("1E-7"), None], ["y;z", Decimal("4.10"), "1,5"]],
        delimiter=";",
    )
    assert text == 'a;b;c\nx;0.0000001;\n"y;z";4.10;1,5\n'


# -- XLSX -------------------------------------------------------------------------------------


def test_a_worksheet_is_read_as_saved_with_its_formats(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["indicator", "period", "value", None])
    sheet.append(["x", "2022", 0.079])
    sheet["C2"].number_format = "0.0%"
    sheet.append([None, None, None])
    sheet.append(["y", 2022, True])
    second = book.create_sheet("Andra")
    second.append(["a"])
    second.append([MAY])
    path = tmp_path / "utfall.xlsx"
    book.save(path)
    table = read_xlsx(path)
    assert table.source == "utfall.xlsx"
    assert table.spreadsheet is True
    assert table.columns == ("indicator", "period", "value")
    assert [row.number for row in table.rows] == [2, 4]
    assert table.rows[0].cells == ("x", "2022", 0.079)
    assert table.rows[0].formats == ("General", "General", "0.0%")
    assert table.rows[1].cells == ("y", 2022, True)
    assert table.locate(1, 2) == "row 4, column 'value' (cell C4)"
    other = read_xlsx(path, sheet="Andra")
    assert other.source == "utfall.xlsx (sheet 'Andra')"
    assert other.rows[0].cells == (MAY,)


def test_a_short_row_is_padded_to_the_header(tmp_path: Path) -> None:
    path = workbook(tmp_path / "kort.xlsx", [["a", "b", "c"], ["x"], [None, None, 3]])
    table = read_xlsx(path)
    assert [row.cells for row in table.rows] == [("x", None, None), (None, None, 3)]
    assert table.rows[0].formats == ("General", "General", "General")


def test_cells_beyond_the_header_of_a_sheet_are_named(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "bred.xlsx",
        [["a", "b"], [1, 2, 3], [1, 2, None, None, None, 6], [1, 2, 3, 4, 5, 6, 7, 8]],
    )
    heading, found = problems(read_xlsx, path)
    assert heading == "bred.xlsx could not be read as a table: 3 problems"
    suffix = "; remove them or name their column"
    assert found == [
        ("row 2", "3 cells but the header names 2 columns (extra: '3')" + suffix),
        ("row 3", "6 cells but the header names 2 columns (extra: '(cells up to column 6)')"
         + suffix),
        ("row 4", "6 cells but the header names 2 columns (extra: '3', '4', '5' and 1 more)"
         + suffix),
    ]  # fmt: skip


def test_a_header_wider_than_the_limit_is_refused(tmp_path: Path) -> None:
    from malstyrning._tables_io import MAX_COLUMNS

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.cell(row=2, column=1, value="a")
    sheet.cell(row=2, column=MAX_COLUMNS + 1, value="far")
    path = tmp_path / "vid.xlsx"
    book.save(path)
    assert problems(read_xlsx, path) == (
        "vid.xlsx could not be read as a table: 1 problem",
        [
            (
                "row 2",
                f"the header reaches column {MAX_COLUMNS + 1}; tables have at most 1024 columns",
            )
        ],
    )
    book = openpyxl.Workbook()
    book.active.cell(row=1, column=1, value="a")
    book.active.cell(row=1, column=MAX_COLUMNS, value="edge")
    book.save(path)
    assert len(read_xlsx(path).columns) == MAX_COLUMNS


def test_a_formula_without_a_saved_value_is_marked(tmp_path: Path) -> None:
    path = workbook(tmp_path / "formel.xlsx", [["a", "b"], ["=1+2", 5]])
    table = read_xlsx(path)
    assert table.rows[0].cells == (NO_CACHED_VALUE, 5)
    assert repr(NO_CACHED_VALUE) == "<formula without a saved value>"


def test_a_missing_sheet_names_the_sheets(tmp_path: Path) -> None:
    path = workbook(tmp_path / "blad.xlsx", [["a"], [1]], title="Utfall")
    assert problems(read_xlsx, path, sheet="Blad1") == (
        "blad.xlsx could not be read as XLSX: 1 problem",
        [("", "no sheet 'Blad1' (sheets: 'Utfall')")],
    )


def test_a_file_that_is_no_workbook_is_named(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"not a workbook")
    assert problems(read_xlsx, path) == (
        "fake.xlsx could not be read as XLSX: 1 problem",
        [("", "not an XLSX workbook (BadZipFile: 'File is not a zip file')")],
    )
    absent = tmp_path / "absent.xlsx"
    with pytest.raises(MalstyrningError) as caught:
        read_xlsx(absent)
    assert str(caught.value) == f"cannot read {absent}: No such file or directory"


def test_a_small_part_is_never_a_zip_bomb(tmp_path: Path) -> None:
    # Below 16 MiB any expansion is accepted (a blank sheet compresses a thousand times):
    # openpyxl then reads the file, and names what is wrong with it.
    path = tmp_path / "tät.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<a/>" + b" " * (4 * 1024 * 1024))
    heading, found = problems(read_xlsx, path)
    assert heading == "tät.xlsx could not be read as XLSX: 1 problem"
    assert found[0][0] == ""
    assert found[0][1].startswith("not an XLSX workbook (KeyError: ")


def test_xlsx_is_written_as_a_spreadsheet_shows_it(tmp_path: Path) -> None:
    path = tmp_path / "ut.xlsx"
    long = Decimal("1.23456789012345678")
    write_xlsx(
        ["indicator", "period", "value"],
        [["x", "2019", Decimal("4.10")], ["=1+1", None, Decimal("245")], ["y", "2020", long],
         ["z", "2021", Decimal("-0.5")]],
        path,
        sheet="utfall",
    )  # fmt: skip
    book = openpyxl.load_workbook(path)
    sheet = book["utfall"]
    assert book.sheetnames == ["utfall"]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == ["indicator", "period", "value"]
    assert (sheet["B2"].value, sheet["B2"].data_type, sheet["B2"].number_format) == (
        "2019",
        "s",
        "@",
    )
    assert (sheet["C2"].value, sheet["C2"].number_format) == (4.1, "0.00")
    assert (sheet["A3"].value, sheet["A3"].data_type) == ("=1+1", "s")
    assert sheet["B3"].value is None
    assert (sheet["C3"].value, sheet["C3"].number_format) == (245, "0")
    assert (sheet["C4"].value, sheet["C4"].number_format) == (format(long, "f"), "@")
    assert (sheet["C5"].value, sheet["C5"].number_format) == (-0.5, "0.0")
    back = read_xlsx(path)
    assert back.rows[2].cells[2] == "1.23456789012345678"


def test_text_xlsx_cannot_hold_is_named(tmp_path: Path) -> None:
    with pytest.raises(MalstyrningError) as caught:
        write_xlsx(["id", "comment"], [["x", "bell\x07"]], tmp_path / "ut.xlsx", sheet="s")
    message = str(caught.value)
    assert message.startswith("cannot write 'bell\\x07' to XLSX, row 2, column 'comment': ")
    assert message.endswith("; remove the control characters or write CSV")


# -- data frames ------------------------------------------------------------------------------


def test_a_frame_is_read_with_rows_counted_from_zero() -> None:
    frame = pd.DataFrame(
        {"a": ["x", None, "z", " "], "b": [1.5, float("nan"), None, None], 3: [1, 2, 3, 4]}
    )
    table = read_frame(frame)
    assert table.source == "<pandas data frame>"
    assert table.columns == ("a", "b", "3")
    assert [row.number for row in table.rows] == [0, 1, 2, 3]
    assert table.rows[0].cells == ("x", 1.5, 1)
    assert table.rows[1].cells == (None, None, 2)
    assert table.spreadsheet is False
    assert read_frame(frame, source="frame").source == "frame"
    blank = read_frame(pd.DataFrame({"a": [None, "x", " "], "b": [None, None, None]}))
    assert [row.number for row in blank.rows] == [1]


def test_what_is_no_frame_is_named() -> None:
    with pytest.raises(MalstyrningError) as caught:
        read_frame([1, 2])
    assert str(caught.value) == "expected a data frame (pandas, polars, ...) (got list)"


def test_frames_are_written_with_exact_numbers_and_text() -> None:
    frame = to_frame(
        ["id", "value", "empty", "note"],
        [["x", Decimal("4.10"), None, None], ["y", None, None, None]],
        backend="pandas",
        numeric=["value", "empty"],
    )
    assert list(frame.columns) == ["id", "value", "empty", "note"]
    assert frame["value"].tolist()[0] == Decimal("4.10")
    assert str(frame["empty"].dtype) == "float64"
    assert str(frame["note"].dtype) in {"string", "str", "object"}
    assert str(frame["id"].dtype) in {"string", "str", "object"}
    assert frame["note"].isna().all()


def test_a_frame_library_that_is_not_installed_is_named() -> None:
    with pytest.raises(MissingDependency) as caught:
        to_frame(["a"], [["x"]], backend="modin", numeric=[])
    assert str(caught.value) == (
        "the data frame library 'modin' is not installed: pip install \"malstyrning[modin]\""
    )


def test_xlsx_numbers_are_written_in_fixed_notation(tmp_path: Path) -> None:
    path = tmp_path / "tal.xlsx"
    rows = [["a", Decimal("1E+3")], ["b", Decimal("1.234567890123456789E+20")],
            ["c", Decimal("1.234567890123456789E-5")]]  # fmt: skip
    write_xlsx(["id", "value"], rows, path, sheet="s")
    sheet = openpyxl.load_workbook(path)["s"]
    assert (sheet["B2"].value, sheet["B2"].number_format) == (1000, "0")
    assert (sheet["B3"].value, sheet["B3"].number_format) == ("123456789012345678900", "@")
    assert (sheet["B4"].value, sheet["B4"].number_format) == ("0.00001234567890123456789", "@")


# -- files as other programs write them ---------------------------------------------------------


def _rewritten(path: Path, change: dict[str, bytes | None], add: dict[str, bytes]) -> Path:
    """The workbook at ``path`` with parts replaced (by name), and parts added."""
    parts: dict[str, bytes] = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            parts[name] = archive.read(name)
    parts.update({name: data for name, data in change.items() if data is not None})
    parts.update(add)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def excel_like(path: Path, rows: list[list[str]]) -> Path:
    """A workbook whose text is in a shared-strings part, as Excel and LibreOffice save it.

    openpyxl writes text inline in each cell; Excel writes every text once, in
    ``xl/sharedStrings.xml``, and each cell holds its index there.
    """
    workbook(path, rows)
    strings: list[str] = []
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        types = archive.read("[Content_Types].xml").decode()
        relations = archive.read("xl/_rels/workbook.xml.rels").decode()
    for text in dict.fromkeys(cell for row in rows for cell in row):
        sheet = sheet.replace(
            f't="inlineStr"><is><t>{text}</t></is>', f't="s"><v>{len(strings)}</v>'
        )
        strings.append(text)
    shared = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f"<si><t>{text}</t></si>" for text in strings)
        + "</sst>"
    )
    types = types.replace(
        "</Types>",
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    relations = relations.replace(
        "</Relationships>",
        '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/sharedStrings" Target="sharedStrings.xml" Id="rId99"/></Relationships>',
    )
    assert 't="inlineStr"' not in sheet
    return _rewritten(
        path,
        {
            "xl/worksheets/sheet1.xml": sheet.encode(),
            "[Content_Types].xml": types.encode(),
            "xl/_rels/workbook.xml.rels": relations.encode(),
        },
        {"xl/sharedStrings.xml": shared.encode()},
    )


def test_text_in_shared_strings_is_read_as_excel_saves_it(tmp_path: Path) -> None:
    path = excel_like(tmp_path / "excel.xlsx", [["indicator", "period"], ["antibiotika", "2019"]])
    table = read_xlsx(path)
    assert table.columns == ("indicator", "period")
    assert table.rows[0].cells == ("antibiotika", "2019")


def test_dates_follow_the_workbooks_own_calendar(tmp_path: Path) -> None:
    # A workbook may count days from 1904 (old Mac Excel) and state it: its dates are the
    # same dates, and durations stay durations, whichever calendar it counts from.
    book = openpyxl.Workbook()
    book.epoch = CALENDAR_MAC_1904
    book.active.append(["period", "time"])
    book.active.append([MAY, timedelta(hours=30)])
    book.active["B2"].number_format = "[h]:mm:ss"
    path = tmp_path / "mac.xlsx"
    book.save(path)
    table = read_xlsx(path)
    assert table.rows[0].cells == (MAY, timedelta(hours=30))
    assert table.rows[0].formats == ("yyyy-mm-dd h:mm:ss", "[h]:mm:ss")


def test_a_cell_with_an_empty_number_format_is_general(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["a", "b"])
    book.active.append([5, 6])
    book.active["A2"].number_format = ""
    path = tmp_path / "tom-format.xlsx"
    book.save(path)
    assert read_xlsx(path).rows[0].formats == ("General", "General")


def test_a_sheet_whose_xml_breaks_off_is_named(tmp_path: Path) -> None:
    path = workbook(tmp_path / "trasig.xlsx", [["a", "b"], [1, 2]])
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    _rewritten(path, {"xl/worksheets/sheet1.xml": sheet[: sheet.index(b"</sheetData>")]}, {})
    for sheet_name, title in ((None, "trasig.xlsx"), ("Blad1", "trasig.xlsx (sheet 'Blad1')")):
        heading, found = problems(read_xlsx, path, sheet=sheet_name)
        assert heading == f"{title} could not be read as XLSX: 1 problem"
        assert len(found) == 1
        assert found[0][0] == ""
        assert re.fullmatch(r"ParseError: 'no element found: line 1, column \d+'", found[0][1])


def test_a_missing_sheet_names_every_sheet_there_is(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Utfall"
    book.create_sheet("Mål")
    book.create_sheet("Källor")
    path = tmp_path / "blad.xlsx"
    book.save(path)
    assert problems(read_xlsx, path, sheet="Blad1") == (
        "blad.xlsx could not be read as XLSX: 1 problem",
        [("", "no sheet 'Blad1' (sheets: 'Utfall', 'Mål', 'Källor')")],
    )


def test_a_gap_in_a_sheets_header_is_a_blank_column_name(tmp_path: Path) -> None:
    path = workbook(tmp_path / "lucka.xlsx", [["a", None, "c"], [1, 2, 3]])
    table = read_xlsx(path)
    assert table.columns == ("a", "", "c")
    assert table.rows[0].cells == (1, 2, 3)


def test_one_trailing_blank_header_cell_is_dropped() -> None:
    assert read_csv_text("a,b,\n1,2\n").columns == ("a", "b")
    assert read_csv_text("a,b, , ,\n1,2\n").columns == ("a", "b")


# -- limits of parts ----------------------------------------------------------------------------

MIB = 1024 * 1024


def _with_part(path: Path, name: str, data: bytes, compression: int) -> Path:
    workbook(path, [["a"], [1]])
    with zipfile.ZipFile(path, "a", compression) as archive:
        archive.writestr(name, data)
    return path


def test_a_part_of_exactly_sixteen_mib_is_read(tmp_path: Path) -> None:
    # Sixteen MiB of blanks compress a thousand times: the limit, not over it.
    path = _with_part(tmp_path / "gräns.xlsx", "pad.bin", b" " * (16 * MIB), zipfile.ZIP_DEFLATED)
    assert read_xlsx(path).rows[0].cells == (1,)


def test_a_large_part_that_hardly_compresses_is_read(tmp_path: Path) -> None:
    # Over sixteen MiB but stored as it is (one time its size): no zip bomb.
    data = random.Random(20).randbytes(17 * MIB)
    path = _with_part(tmp_path / "stor.xlsx", "media/bild.bin", data, zipfile.ZIP_STORED)
    assert read_xlsx(path).rows[0].cells == (1,)


def test_a_zip_bomb_is_named_with_its_sizes_and_the_remedy(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (16 * MIB + 1))
        packed = archive.getinfo("xl/worksheets/sheet1.xml").compress_size
    assert problems(read_xlsx, path) == (
        "bomb.xlsx could not be read as XLSX: 1 problem",
        [
            (
                "part 'xl/worksheets/sheet1.xml'",
                (
                    f"unpacks from {packed} to {16 * MIB + 1} bytes, more than 200 times its "
                    "size: not a spreadsheet as Excel or LibreOffice save one; save it again, "
                    "or export it as CSV"
                ),
            )
        ],
    )


# -- CSV records and line breaks ------------------------------------------------------------------


def test_text_without_a_source_is_named_csv() -> None:
    assert problems(read_csv_text, "") == (
        "<csv> could not be read as a table: 1 problem",
        [("row 1", "the table is empty: expected a header row")],
    )
    assert read_csv_text("a\n1\n").source == "<csv>"


def test_a_broken_first_record_is_row_one() -> None:
    text = '"a' + "y" * 200_000 + "\n"
    heading, found = problems(read_csv_text, text, source="big.csv")
    assert heading == "big.csv could not be read as CSV: 1 problem"
    assert found[0][0] == "row 1 (line 1 of the file)"


def test_line_breaks_inside_a_cell_are_kept_as_written() -> None:
    # Excel writes CRLF between records and keeps a cell's own line breaks in quotes.
    table = read_csv_text('a,b\r\n"x\r\ny",1\r\n"p\rq",2\r\n')
    assert [row.cells for row in table.rows] == [("x\r\ny", "1"), ("p\rq", "2")]
    assert [row.number for row in table.rows] == [2, 3]
    assert write_csv(["c"], [["x\r\ny"]], delimiter=",") == 'c\n"x\r\ny"\n'


# -- missing extras -------------------------------------------------------------------------------


def test_xlsx_without_openpyxl_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    message = 'reading and writing XLSX needs openpyxl: pip install "malstyrning[excel]"'
    with pytest.raises(MissingDependency) as caught:
        read_xlsx(tmp_path / "a.xlsx")
    assert str(caught.value) == message
    with pytest.raises(MissingDependency) as caught:
        write_xlsx(["a"], [], tmp_path / "a.xlsx", sheet="s")
    assert str(caught.value) == message


def test_frames_without_narwhals_name_the_extras(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "narwhals.stable.v2", None)
    message = (
        'data frames need narwhals: pip install "malstyrning[pandas]" or "malstyrning[polars]"'
    )
    with pytest.raises(MissingDependency) as caught:
        read_frame(pd.DataFrame({"a": [1]}))
    assert str(caught.value) == message
    with pytest.raises(MissingDependency) as caught:
        to_frame(["a"], [], backend="pandas", numeric=[])
    assert str(caught.value) == message


def test_a_frame_library_narwhals_does_not_know_is_named() -> None:
    with pytest.raises(MalstyrningError) as caught:
        to_frame(["a"], [["x"]], backend="nosuchframes", numeric=[])
    assert str(caught.value).startswith(
        "cannot build a 'nosuchframes' data frame: Unsupported backend: 'nosuchframes'."
    )


def test_a_csv_file_raises_its_row_problems_unless_asked_to_keep_them(tmp_path: Path) -> None:
    path = tmp_path / "rader.csv"
    path.write_text("a,b\n1,2,3\n4,5\n", encoding="utf-8")
    extra = "3 cells but the header names 2 columns (extra: '3'); remove them or name their column"
    assert problems(read_csv, path) == (
        "rader.csv could not be read as a table: 1 problem",
        [("row 2", extra)],
    )
    table = read_csv(path, keep_problems=True)
    assert [row.cells for row in table.rows] == [("4", "5")]
    assert [(number, problem.message) for number, problem in table.problems] == [(2, extra)]


def test_a_lazy_query_is_no_frame() -> None:
    # A lazy table (a DuckDB relation, a polars LazyFrame) holds no rows until collected:
    # it is named, never read half-way. Its own connection, closed here: nothing of DuckDB
    # outlives the test (mutation runs fork after the tests have run once).
    duckdb = pytest.importorskip("duckdb")
    connection = duckdb.connect()
    try:
        relation = connection.sql("select 1 as a")
        with pytest.raises(MalstyrningError) as caught:
            read_frame(relation)
    finally:
        connection.close()
    assert str(caught.value) == (
        "expected a data frame (pandas, polars, ...) (got DuckDBPyRelation)"
    )


def test_a_cell_with_a_lone_carriage_return_is_quoted_and_read_back_whole() -> None:
    rows = [["a\rb", Decimal("1.5"), None], ["plain", Decimal(2), "c"]]
    text = write_csv(["comment", "value", "note"], rows, delimiter=";")
    assert text == 'comment;value;note\n"a\rb";"1.5";""\nplain;2;c\n'
    table = read_csv_text(text, source="t.csv", delimiter=";")
    assert [list(row.cells) for row in table.rows] == [["a\rb", "1.5", ""], ["plain", "2", "c"]]
