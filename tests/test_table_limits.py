"""Tables read as people see them, within bounds: units, percent cells, formulas, limits.

Each test is a case from issue 15 (bad input never hangs, crashes or changes silently) and
checks the place its message names: the file, the row, the column and the cell.
"""

from __future__ import annotations

import tracemalloc
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from _workbooks import workbook
from malstyrning import examples, tables
from malstyrning._numbers import parse_number, plain_number
from malstyrning._tables_io import read_csv_text, read_xlsx
from malstyrning.errors import (
    MAX_LISTED_PROBLEMS,
    DocumentError,
    InvalidNumber,
    InvalidPeriod,
    MalstyrningError,
)
from malstyrning.model import Plan
from malstyrning.periods import Period

KR = "kostnad-per-drg-poang"  # unit kr
PERCENT = "inhyrd-personal-kostnadsandel"  # unit %


@pytest.fixture
def plan() -> Plan:
    return examples.load("vasternorrland-2022")


def message_of(call, *args, **kwargs) -> str:
    with pytest.raises(DocumentError) as raised:
        call(*args, **kwargs)
    return str(raised.value)


# -- units ------------------------------------------------------------------------------------


def test_a_percentage_on_a_kr_indicator_is_an_error_naming_the_cell(plan: Plan) -> None:
    text = f'indicator,period,value\n{KR},2022,"5 %"\n'
    message = message_of(tables.outcomes_from_csv, text, plan, source="utfall.csv")
    assert message.startswith("utfall.csv could not be read as outcomes")
    assert (
        f"'5 %' is a percentage, but indicator {KR!r} is measured in 'kr'; give the value in "
        "kr (without %), or correct the indicator's unit @ row 2, column 'value'"
    ) in message


def test_a_percentage_on_a_percent_indicator_is_read(plan: Plan) -> None:
    later = tables.outcomes_from_csv(f'indicator,period,value\n{PERCENT},2022,"5,6 %"\n', plan)
    assert later[PERCENT].main_series.get(Period("2022")).value == Decimal("5.6")


def test_a_percent_formatted_xlsx_cell_on_a_kr_indicator_is_an_error(
    plan: Plan, tmp_path: Path
) -> None:
    path = workbook(
        tmp_path / "utfall.xlsx",
        [["indicator", "period", "value"], [KR, "2022", 0.05]],
        {"C2": "0%"},
    )
    message = message_of(tables.read_outcomes, path, plan)
    assert "the cell is formatted as a percentage ('0%')" in message
    assert f"indicator {KR!r} is measured in 'kr'" in message
    assert "format the cell as a number" in message
    assert "@ row 2, column 'value' (cell C2)" in message


def test_a_percent_cell_is_read_as_shown_not_as_binary_noise(plan: Plan, tmp_path: Path) -> None:
    # 0.056 computed in a spreadsheet is 0.05599999999999999; it shows 5,6 %.
    path = workbook(
        tmp_path / "utfall.xlsx",
        [["indicator", "period", "value"], [PERCENT, "2022", 0.05599999999999999]],
        {"C2": "0.0%"},
    )
    later = tables.read_outcomes(path, plan)
    assert later[PERCENT].main_series.get(Period("2022")).value == Decimal("5.6")


# -- formulas and dimensions ------------------------------------------------------------------


def test_a_formula_without_a_saved_value_is_an_error_naming_the_cell(
    plan: Plan, tmp_path: Path
) -> None:
    # openpyxl writes formulas without the value a spreadsheet would have calculated.
    path = workbook(
        tmp_path / "formel.xlsx",
        [["indicator", "period", "value"], [PERCENT, "2022", "=1+2"], [PERCENT, "2023", 7]],
    )
    message = message_of(tables.read_outcomes, path, plan)
    assert message.startswith("formel.xlsx could not be read as outcomes")
    assert "a formula without a saved value" in message
    assert "@ row 2, column 'value' (cell C2)" in message
    assert "1 problem" in message  # not also "no value" for the same cell


def _far_row_workbook(path: Path) -> Path:
    """A few kilobytes declaring the whole sheet, A1:XFD1048576, with one far cell."""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<dimension ref="A1:XFD1048576"/><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>indicator</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>period</t></is></c>'
        '<c r="C1" t="inlineStr"><is><t>value</t></is></c></row>'
        f'<row r="2"><c r="A2" t="inlineStr"><is><t>{PERCENT}</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>2022</t></is></c><c r="C2"><v>7</v></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
        "</sheetData></worksheet>"
    )
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="utfall" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": sheet,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def test_a_declared_huge_dimension_is_not_trusted(plan: Plan, tmp_path: Path) -> None:
    path = _far_row_workbook(tmp_path / "stor.xlsx")
    assert path.stat().st_size < 5000
    tracemalloc.start()
    try:
        message = message_of(tables.read_outcomes, path, plan)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 50 * 1024 * 1024
    # The far cell is a row with more cells than the header names; row 2 is still read.
    assert "1 problem" in message
    assert "@ row 1048576" in message
    assert "(cells up to column 16384)" in message


def test_a_zip_bomb_part_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<a/>" + b" " * (40 * 1024 * 1024))
    message = message_of(read_xlsx, path)
    assert "bomb.xlsx could not be read as XLSX" in message
    assert "@ part 'xl/worksheets/sheet1.xml'" in message
    assert "more than 200 times its size" in message


# -- rows -------------------------------------------------------------------------------------


def test_csv_rows_count_records_not_lines(plan: Plan) -> None:
    text = (
        "indicator,period,value,comment\n"
        f'{PERCENT},2022,"7,9 %","en kommentar\növer\ntre rader"\n'
        f"{PERCENT},2023,sju,\n"
    )
    message = message_of(tables.outcomes_from_csv, text, plan, source="u.csv")
    # The bad value is on the spreadsheet's row 3, though on line 5 of the file.
    assert "@ row 3, column 'value'" in message


def test_one_bad_row_never_hides_the_others(plan: Plan) -> None:
    text = (
        "indicator,period,value\n"
        f"{PERCENT},2022,7,extra\n"  # more cells than columns: the table's problem
        f"{PERCENT},2023,sju\n"  # a bad value: the outcome's problem
        f"{PERCENT},2030,7\n"  # outside the plan: the merge's problem
    )
    message = message_of(tables.outcomes_from_csv, text, plan, source="u.csv")
    assert "3 problems" in message
    lines = message.splitlines()[1:]
    assert lines[0].endswith("@ row 2")
    assert "extra: 'extra'" in lines[0]
    assert lines[1].endswith("@ row 3, column 'value'")
    assert lines[2].endswith("@ row 4, column 'period'")


def test_many_bad_rows_give_a_short_message(plan: Plan) -> None:
    # A million rows gave a 103 MB message; the bound does not depend on the count (the
    # issue's million takes a while on a shared CI machine, so a hundred thousand here).
    rows = 100_000
    text = "indicator,period,value\n" + "nope,2022,1\n" * rows
    message = message_of(tables.outcomes_from_csv, text, plan, source="m.csv")
    assert len(message) < 3_000
    assert message.startswith(f"m.csv could not be read as outcomes of plan {plan.id!r}: {rows} ")
    assert f"... and {rows - MAX_LISTED_PROBLEMS} more" in message
    lines = message.splitlines()
    assert lines[1] == "  - unknown indicator 'nope' @ row 2, column 'indicator'"
    assert lines[MAX_LISTED_PROBLEMS].endswith(
        f"@ row {MAX_LISTED_PROBLEMS + 1}, column 'indicator'"
    )


def test_long_bad_values_are_shortened(plan: Plan) -> None:
    text = f"indicator,period,value\n{PERCENT},2022,{'9' * 50}x{'9' * 100_000}\n"
    message = message_of(tables.outcomes_from_csv, text, plan)
    assert len(message) < 1000
    assert "(100051 characters)) @ row 2, column 'value'" in message


# -- number and period text -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("1_000", "'1_000'"),
        ("٥", "'٥'"),
        ("５", "'５'"),
        ("1\u20280", "'1\\u20280'"),
    ],
)
def test_number_text_in_other_scripts_is_refused(text: str, named: str) -> None:
    with pytest.raises(InvalidNumber) as raised:
        parse_number(text)
    assert f"(got {named})" in str(raised.value)


def test_table_number_text_in_other_digits_names_the_cell(plan: Plan) -> None:
    text = f"indicator,period,value\n{PERCENT},2022,７\n{PERCENT},2023,1_000\n"
    message = message_of(tables.outcomes_from_csv, text, plan)
    assert "(got '７') @ row 2, column 'value'" in message
    assert "(got '1_000') @ row 3, column 'value'" in message


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("1_000", "without '_' between digits"),
        ("٥", "ARABIC-INDIC DIGIT FIVE"),
        ("５", "FULLWIDTH DIGIT FIVE"),
        ("5,7", "with a point for decimals, such as '5.7'"),
        (" 5.7", "without blanks around it"),
    ],
)
def test_plain_number_text_is_ascii_only(text: str, why: str) -> None:
    with pytest.raises(InvalidNumber) as raised:
        plain_number(text)
    assert why in str(raised.value)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("２０１９", "FULLWIDTH DIGIT TWO (U+FF12) at position 1"),
        ("٢٠١٩", "ARABIC-INDIC DIGIT TWO (U+0662) at position 1"),
        ("2019\u2028", "LINE SEPARATOR (U+2028) at position 5"),
        ("2019-T1\n", "line break or control character (U+000A) at position 8"),
    ],
)
def test_periods_are_not_cleaned_of_foreign_digits_or_line_breaks(text: str, why: str) -> None:
    with pytest.raises(InvalidPeriod) as raised:
        Period.parse(text)
    assert str(raised.value).startswith(f"unknown period {text!r}: it holds")
    assert why in str(raised.value)


def test_a_table_period_in_full_width_digits_names_the_cell(plan: Plan) -> None:
    text = f"indicator,period,value\n{PERCENT},２０２２,7\n"
    message = message_of(tables.outcomes_from_csv, text, plan)
    assert "FULLWIDTH DIGIT TWO" in message
    assert "@ row 2, column 'period'" in message


def test_the_raw_reader_still_raises_row_problems_by_default() -> None:
    # Other readers (plan sheets) rely on it; the outcome readers keep them instead.
    with pytest.raises(DocumentError, match="@ row 2"):
        read_csv_text("a,b\n1,2,3\n")
    assert read_csv_text("a,b\n1,2,3\n4,5\n", keep_problems=True).rows[0].number == 3


def test_conversion_factors_must_be_positive() -> None:
    from malstyrning.model import ChangeIndicator

    for factor in (-10, 0):
        with pytest.raises(MalstyrningError, match="conversion must be a finite factor greater"):
            ChangeIndicator(id="i", unit="‰", conversion=factor)
    assert ChangeIndicator(id="i", unit="‰", conversion=10).conversion == Decimal(10)
