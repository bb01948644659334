"""Cells of outcome tables as tables.py reads them, and the exact problem each one gives.

Pins the reading of every column (indicator, series, period, value, missing, comment) in
every form a CSV file, a workbook or a data frame holds it, and every message with its
place: the header, the row, the column and, in a workbook, the cell.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import attrs
import openpyxl
import pandas as pd
import pytest

from _workbooks import workbook
from malstyrning import DocumentError, MalstyrningError, NotAssessedReason, Period, examples, tables
from malstyrning.model import Indicator, Plan
from malstyrning.tables import OutcomeRow

HIRED = "inhyrd-personal-kostnadsandel"  # unit %
KR = "kostnad-per-drg-poang"  # unit kr, series total and riket
YES_NO = "hallbarhetsplan"
REASONS = (
    "no_data, too_early, measured_later, not_measurable, no_target, no_baseline, "
    "no_reference, not_yet_due, partial_data, not_judged, no_assessed_children, cancelled, "
    "target_not_after_base, opposite_signs"
)
OUTCOMES = "t.csv could not be read as outcomes of plan 'vasternorrland-2022'"


@pytest.fixture(scope="module")
def plan() -> Plan:
    return examples.load("vasternorrland-2022")


def problems(call, *args, **kwargs) -> tuple[str, list[tuple[str, str]]]:
    """The first line of the error and its problems as (place, message)."""
    with pytest.raises(DocumentError) as caught:
        call(*args, **kwargs)
    error = caught.value
    return str(error).splitlines()[0], [(p.path, p.message) for p in error.problems]


def csv_problems(text: str, plan: Plan, **kwargs: object) -> list[tuple[str, str]]:
    heading, found = problems(tables.outcomes_from_csv, text, plan, source="t.csv", **kwargs)
    count = len(found)
    assert heading == f"{OUTCOMES}: {count} problem{'' if count == 1 else 's'}"
    return found


def value_of(plan: Plan, node: str, period: str, series: str | None = None) -> object:
    found = plan[node]
    if isinstance(found, Indicator):
        chosen = found.main_series if series is None else found.series_named(series)
        return chosen.get(Period(period))
    return next(m for m in found.measurements if m.period == Period(period))


# -- the header -------------------------------------------------------------------------------


def test_unknown_blank_and_repeated_columns_are_named_with_their_position(plan: Plan) -> None:
    known = "outcome tables have the columns indicator, series, period, value, missing, comment"
    text = "indicator,period,värde,,Value,value\nx,2022,1,,2,3\n"
    assert csv_problems(text, plan) == [
        ("row 1, column 3 'värde'", f"unknown column 'värde'; {known}"),
        ("row 1, column 4", f"unknown column ''; {known}"),
        ("column 6 'value'", "the column 'value' appears twice"),
    ]


def test_the_header_row_is_named_where_it_is(plan: Plan) -> None:
    known = "outcome tables have the columns indicator, series, period, value, missing, comment"
    assert csv_problems("\n\nfoo,period\nx,2022\n", plan) == [
        ("row 3, column 1 'foo'", f"unknown column 'foo'; {known}"),
        ("header", "missing column(s) 'indicator', 'value'"),
    ]
    assert csv_problems("foo\n", plan) == [
        ("row 1, column 1 'foo'", f"unknown column 'foo'; {known}"),
        ("header", "missing column(s) 'indicator', 'period', 'value'"),
    ]


def test_header_names_are_read_without_case_or_spaces(plan: Plan) -> None:
    text = f" INDICATOR ;Series; Period;VALUE;Missing;Comment\n{HIRED};total;2022;7,9;;bra\n"
    measurement = value_of(tables.outcomes_from_csv(text, plan), HIRED, "2022")
    assert (measurement.value, measurement.comment) == (Decimal("7.9"), "bra")


# -- periods ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "period"),
    [("2022", "2022"), (" 2022 ", "2022"), ("2022-H1", "2022-H1"), ("2022-T1", "2022-T1"),
     ("T1 2022", "2022-T1"), ("2022-Q3", "2022-Q3"), ("2022-05", "2022-05"),
     ("2022-03-01/2022-12-31", "2022-03-01/2022-12-31"), (2022, "2022"), (2022.0, "2022"),
     (Decimal("2022"), "2022"), (Decimal("2022.00"), "2022")],
)  # fmt: skip
def test_a_period_cell_in_every_form(plan: Plan, cell: object, period: str) -> None:
    row = {"indicator": HIRED, "period": cell, "value": Decimal("7.5")}
    frame = pd.DataFrame([row], dtype=object)
    later = tables.outcomes_from_frame(frame, plan)
    assert value_of(later, HIRED, period).value == Decimal("7.5")


@pytest.mark.parametrize(
    "cell",
    [date(2022, 5, 1), datetime(2022, 5, 1, 13, 30)],  # noqa: DTZ001 (as a sheet holds it)
)
def test_a_period_the_spreadsheet_made_a_date_is_explained(
    plan: Plan, cell: object, tmp_path: Path
) -> None:
    path = workbook(tmp_path / "datum.xlsx", [["indicator", "period", "value"], [HIRED, cell, 7]])
    heading, found = problems(tables.read_outcomes, path, plan)
    assert (
        heading
        == "datum.xlsx could not be read as outcomes of plan 'vasternorrland-2022': 1 problem"
    )
    assert found == [
        (
            "row 2, column 'period' (cell B2)",
            (
                "expected a period text such as '2019', '2019-T1' or '2019-05' (got the date "
                "2022-05-01: format the column as text so the spreadsheet does not turn periods "
                "into dates)"
            ),
        )
    ]


@pytest.mark.parametrize(
    ("cell", "message"),
    [(2022.5, "expected a period text such as '2019-T1' (got 2022.5)"),
     (Decimal("2022.5"), "expected a period text such as '2019-T1' (got Decimal('2022.5'))"),
     ("2022-T4", ("unknown period '2022-T4': a year has tertials T1-T3 "
      "(expected e.g. '2019', '2019-T1', 'T1 2019', "
      "'2019-H1', '2019-Q3', '2019-05' or '2019-03-01/2019-12-31')"))],
)  # fmt: skip
def test_a_period_that_is_none_is_named(plan: Plan, cell: object, message: str) -> None:
    frame = pd.DataFrame([{"indicator": HIRED, "period": cell, "value": 7}], dtype=object)
    heading, found = problems(tables.outcomes_from_frame, frame, plan, source="f")
    assert heading == "f could not be read as outcomes of plan 'vasternorrland-2022': 1 problem"
    assert found == [("row 0, column 'period'", message)]


def test_periods_outside_the_window_are_named_with_the_window(plan: Plan) -> None:
    text = f"indicator,period,value\n{HIRED},2025,5\n"
    advice = "; pass within= a wider period to accept it (a baseline year, say)"
    assert csv_problems(text, plan) == [
        ("row 2, column 'period'",
         "period 2025 is outside the plan's validity 2022-01-01/2024-12-31" + advice)
    ]  # fmt: skip
    assert csv_problems(text, plan, within=Period("2022")) == [
        ("row 2, column 'period'", "period 2025 is outside the accepted periods 2022" + advice)
    ]
    later = tables.outcomes_from_csv(text, plan, within=Period("2025"))
    assert value_of(later, HIRED, "2025").value == 5


# -- values -----------------------------------------------------------------------------------


def test_values_must_be_there_or_have_a_reason(plan: Plan) -> None:
    text = f"indicator,period,value,missing\n{HIRED},2022,,\n{HIRED},2023, ,\n"
    message = (
        "no value and no reason it is missing; give a value, or a reason in column 'missing' "
        f"({REASONS})"
    )
    assert csv_problems(text, plan) == [
        ("row 2, column 'value'", message),
        ("row 3, column 'value'", message),
    ]


@pytest.mark.parametrize(
    ("cell", "reason"),
    [("no_data", NotAssessedReason.NO_DATA), (" Measured_Later ", NotAssessedReason.MEASURED_LATER),
     ("TOO_EARLY", NotAssessedReason.TOO_EARLY)],
)  # fmt: skip
def test_a_missing_reason_is_read_without_case_or_spaces(
    plan: Plan, cell: str, reason: NotAssessedReason
) -> None:
    text = f"indicator,period,value,missing\n{HIRED},2022,,{cell}\n"
    assert value_of(tables.outcomes_from_csv(text, plan), HIRED, "2022").missing is reason


def test_a_missing_reason_that_is_none_is_named(plan: Plan) -> None:
    text = f"indicator,period,value,missing\n{HIRED},2022,,later\n{HIRED},2023,1,no_data\n"
    assert csv_problems(text, plan) == [
        ("row 2, column 'missing'",
         f"unknown missing-value reason 'later' (expected one of {REASONS})"),
        ("row 3, column 'missing'",
         ("an outcome for 2023 has both a value (1) and a reason it is missing (no_data); give "
         "one of them")),
    ]  # fmt: skip


def test_a_percentage_contradicting_the_unit_is_named(plan: Plan, tmp_path: Path) -> None:
    text = f'indicator,period,value\n{HIRED},2022,"5 %"\n{KR},2022,"5 %"\n'
    assert csv_problems(text, plan) == [
        ("row 3, column 'value'",
         ("'5 %' is a percentage, but indicator 'kostnad-per-drg-poang' is measured in 'kr'; "
         "give the value in kr (without %), or correct the indicator's unit"))
    ]  # fmt: skip
    path = workbook(
        tmp_path / "kr.xlsx", [["indicator", "period", "value"], [KR, "2022", 0.05]], {"C2": "0%"}
    )
    assert problems(tables.read_outcomes, path, plan)[1] == [
        ("row 2, column 'value' (cell C2)",
         ("the cell is formatted as a percentage ('0%'), but indicator 'kostnad-per-drg-poang' "
         "is measured in 'kr'; give the value in kr (without %: format the cell as a number), "
         "or correct the indicator's unit"))
    ]  # fmt: skip


def _with_unit(plan: Plan, unit: str | None) -> Plan:
    node = plan[KR]
    goal = plan.parent(KR)
    area = plan.parent(goal.id)
    new_goal = attrs.evolve(
        goal,
        children=tuple(attrs.evolve(c, unit=unit) if c.id == KR else c for c in goal.children),
    )
    new_area = attrs.evolve(
        area, children=tuple(new_goal if c.id == goal.id else c for c in area.children)
    )
    assert node.unit == "kr"
    units = () if unit is None or unit in {"%", "kr", "index"} else (unit,)
    goals = tuple(new_area if g.id == area.id else g for g in plan.goals)
    return attrs.evolve(plan, goals=goals, units=units)


@pytest.mark.parametrize(
    "unit", [None, "%", "% av budget", "procent", " Procent ", "percent", "prosent",
             "procentenheter", "pp", "PP", "p.e."]
)  # fmt: skip
def test_a_percentage_is_read_where_the_unit_is_a_percentage(plan: Plan, unit: str | None) -> None:
    text = f'indicator,period,value\n{KR},2022,"5,5 %"\n'
    later = tables.outcomes_from_csv(text, _with_unit(plan, unit))
    assert value_of(later, KR, "2022").value == Decimal("5.5")


@pytest.mark.parametrize("unit", ["kr", "index", "procentandel", "p"])
def test_a_percentage_on_any_other_unit_is_refused(plan: Plan, unit: str) -> None:
    text = f'indicator,period,value\n{KR},2022,"5,5 %"\n'
    assert csv_problems(text, _with_unit(plan, unit))[0][1].startswith(
        f"'5,5 %' is a percentage, but indicator '{KR}' is measured in {unit!r}; give the value "
        f"in {unit} (without %)"
    )


def test_workbook_numbers_are_read_as_their_format_shows_them(plan: Plan, tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "tal.xlsx",
        [["indicator", "series", "period", "value"], [HIRED, "", "2022", 0.079],
         [KR, "riket", "2022", 67010], [KR, "total", "2022", "71 250,5"],
         [HIRED, None, "2023", 7]],
        {"D2": "0.0%", "D3": "0.00", "D5": "0.0"},
    )  # fmt: skip
    later = tables.read_outcomes(path, plan)
    assert value_of(later, HIRED, "2022").value.as_tuple() == Decimal("7.9").as_tuple()
    assert value_of(later, KR, "2022", "riket").value.as_tuple() == Decimal("67010.00").as_tuple()
    assert value_of(later, KR, "2022", "total").value == Decimal("71250.5")
    assert value_of(later, HIRED, "2023").value.as_tuple() == Decimal("7.0").as_tuple()
    assert problems(tables.read_outcomes, path, plan, decimal=".")[1] == [
        ("row 4, column 'value' (cell D4)",
         "expected a number with '.' for decimals and spaces between thousands (got '71 250,5')")
    ]  # fmt: skip


def test_a_yes_no_cell_in_a_workbook_is_no_number(plan: Plan, tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "bool.xlsx", [["indicator", "period", "value"], [HIRED, "2022", True]]
    )
    assert problems(tables.read_outcomes, path, plan)[1] == [
        ("row 2, column 'value' (cell C2)", "expected a number (got true)")
    ]


def test_a_known_decimal_mark_reads_the_text_of_every_row(plan: Plan) -> None:
    text = f"indicator;period;value\n{HIRED};2022;7,125\n{HIRED};2023;1 234\n"
    later = tables.outcomes_from_csv(text, plan, decimal=",")
    assert value_of(later, HIRED, "2022").value == Decimal("7.125")
    assert value_of(later, HIRED, "2023").value == Decimal("1234")
    for bad in (";", "", ",."):
        with pytest.raises(MalstyrningError) as caught:
            tables.outcomes_from_csv(text, plan, decimal=bad)
        assert str(caught.value) == f"decimal must be ',', '.' or None (got {bad!r})"


# -- yes/no answers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "answer"),
    [("ja", True), (" JA ", True), ("Yes", True), ("y", True), ("j", True), ("TRUE", True),
     ("1", True), ("nej", False), ("No", False), ("n", False), ("nei", False), ("false", False),
     ("0", False), (1, True), (0, False), (1.0, True), (0.0, False), (Decimal("1.00"), True),
     (Decimal("0E+2"), False), (True, True), (False, False)],
)  # fmt: skip
def test_a_yes_no_answer_in_every_form(plan: Plan, cell: object, answer: bool) -> None:
    frame = pd.DataFrame([{"indicator": YES_NO, "period": "2022", "value": cell}], dtype=object)
    assert value_of(tables.outcomes_from_frame(frame, plan), YES_NO, "2022").value is answer


@pytest.mark.parametrize(
    ("cell", "shown"),
    [("kanske", "'kanske'"), ("2", "'2'"), (2, "2"), (0.5, "0.5"),
     (Decimal("1.5"), "Decimal('1.5')"),
     ("ja!", "'ja!'")],
)  # fmt: skip
def test_a_yes_no_answer_that_is_none_is_named(plan: Plan, cell: object, shown: str) -> None:
    frame = pd.DataFrame([{"indicator": YES_NO, "period": "2022", "value": cell}], dtype=object)
    assert problems(tables.outcomes_from_frame, frame, plan)[1] == [
        ("row 0, column 'value'",
         f"expected a yes/no answer: ja/nej, yes/no, true/false or 1/0 (got {shown})")
    ]  # fmt: skip


def test_yes_no_measures_take_no_series_and_no_numbers(plan: Plan) -> None:
    text = f"indicator,series,period,value\n{YES_NO},total,2022,ja\n"
    assert csv_problems(text, plan) == [
        ("row 2, column 'series'",
         (f"'{YES_NO}' is a yes/no measure, which has no series (got 'total'); leave the "
         "series blank"))
    ]  # fmt: skip
    row = OutcomeRow(indicator=YES_NO, period=Period("2022"), value=Decimal(1))
    assert problems(tables.merge_outcomes, plan, [row])[1] == [
        ("rows[0].value", f"'{YES_NO}' is a yes/no measure: it takes yes or no")
    ]
    row = OutcomeRow(indicator=HIRED, period=Period("2022"), value=True)
    assert problems(tables.merge_outcomes, plan, [row])[1] == [
        ("rows[0].value", f"indicator '{HIRED}' takes numbers, not yes or no")
    ]


# -- indicators, series and comments ----------------------------------------------------------


def test_what_is_no_indicator_is_named(plan: Plan) -> None:
    jamtland = examples.load("jamtland-harjedalen-2019")
    text = (
        "indicator,period,value\nantibiotiks,2019-T1,1\nsamhalle,2019-T1,1\n"
        "jamlik-halsa,2019-T1,1\nqqq,2019-T1,1\n,2019-T1,1\nantibiotika,,1\n"
    )
    heading, found = problems(tables.outcomes_from_csv, text, jamtland, source="j.csv")
    assert (
        heading
        == "j.csv could not be read as outcomes of plan 'jamtland-harjedalen-2019': 6 problems"
    )
    tail = "; outcomes belong to indicators and yes/no measures"
    assert found == [
        ("row 2, column 'indicator'",
         "unknown indicator 'antibiotiks'; did you mean 'antibiotika'?"),
        ("row 3, column 'indicator'", "'samhalle' is a goal" + tail),
        ("row 4, column 'indicator'", "'jamlik-halsa' is an assignment" + tail),
        ("row 5, column 'indicator'", "unknown indicator 'qqq'"),
        ("row 6, column 'indicator'", "a indicator is required"),
        ("row 7, column 'period'", "a period is required"),
    ]  # fmt: skip


def test_close_ids_are_offered_up_to_three(plan: Plan) -> None:
    text = "indicator,period,value\nhme-delindex,2022,1\n"
    assert csv_problems(text, plan)[0][1] == (
        "unknown indicator 'hme-delindex'; did you mean 'hme-totalindex', "
        "'hme-delindex-styrning', 'hme-delindex-ledarskap'?"
    )


def test_series_are_named_or_the_main_one(plan: Plan) -> None:
    text = f"indicator,series,period,value\n{KR},,2022,1\n{KR}, riket ,2022,2\n{KR},Riket,2023,3\n"
    assert csv_problems(text, plan) == [
        ("row 4, column 'series'",
         f"unknown series 'Riket' of indicator '{KR}' (series: total, riket)")
    ]  # fmt: skip
    later = tables.outcomes_from_csv(text.rsplit("\n", 2)[0] + "\n", plan)
    assert value_of(later, KR, "2022").value == 1
    assert value_of(later, KR, "2022", "riket").value == 2


def test_number_cells_in_text_columns_read_as_their_digits(plan: Plan, tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "text.xlsx",
        [["indicator", "period", "value", "comment"], [HIRED, "2022", 7, 12.0],
         [HIRED, "2023", 7, 12.5], [HIRED, "2024", 7, "  kept  as  written "]],
    )  # fmt: skip
    later = tables.read_outcomes(path, plan)
    assert [value_of(later, HIRED, p).comment for p in ("2022", "2023", "2024")] == [
        "12",
        "12.5",
        "  kept  as  written ",
    ]


def test_a_yes_no_cell_as_an_indicator_id_reads_as_its_word(plan: Plan, tmp_path: Path) -> None:
    path = workbook(tmp_path / "id.xlsx", [["indicator", "period", "value"], [True, "2022", 7]])
    assert problems(tables.read_outcomes, path, plan)[1] == [
        ("row 2, column 'indicator' (cell A2)", "unknown indicator 'true'")
    ]


def test_formulas_are_named_once_per_cell_and_read_as_absent(plan: Plan, tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "f.xlsx",
        [["indicator", "period", "value", "comment"], [HIRED, "2022", "=1", "=A1"],
         [HIRED, "2023", 7, "=A1"]],
    )  # fmt: skip
    formula = (
        "a formula without a saved value (the file was written by a program that does not "
        "calculate); open it in Excel or LibreOffice and save it again, or paste the values"
    )
    assert problems(tables.read_outcomes, path, plan)[1] == [
        ("row 2, column 'value' (cell C2)", formula),
        ("row 2, column 'comment' (cell D2)", formula),
        ("row 3, column 'comment' (cell D3)", formula),
    ]


# -- duplicates and outcomes the plan has -----------------------------------------------------


def test_a_second_outcome_names_both_rows(plan: Plan) -> None:
    text = (
        f"indicator,period,value,missing,comment\n{HIRED},2022,5,,\n{HIRED},2022,6,,a\n"
        f"{YES_NO},2022,ja,,\n{YES_NO},2022,nej,,\n{YES_NO},2023,,no_data,\n"
        f"{YES_NO},2023,,too_early,\n{YES_NO},2024,,,x\n{YES_NO},2024,,,y\n"
        f"{HIRED},2022,5.0,,\n"
    )
    assert csv_problems(text, plan) == [
        ("row 3, column 'value'",
         (f"a second, different outcome for '{HIRED}' series 'total' in 2022 (value 6, comment "
         "'a'; row 2, column 'value' gives value 5)")),
        ("row 5, column 'value'",
         (f"a second, different outcome for '{YES_NO}' in 2022 (value false; row 4, column "
         "'value' gives value true)")),
        ("row 7, column 'value'",
         (f"a second, different outcome for '{YES_NO}' in 2023 (missing: too_early; row 6, "
         "column 'value' gives missing: no_data)")),
        ("row 9, column 'value'",
         (f"a second, different outcome for '{YES_NO}' in 2024 (no value, comment 'y'; row 8, "
         "column 'value' gives no value, comment 'x')")),
    ]  # fmt: skip


def test_an_outcome_the_plan_has_is_replaced_only_when_asked(plan: Plan) -> None:
    window = Period("2019-01-01/2024-12-31")
    text = f"indicator,period,value,comment\n{HIRED},2019,1E-7,x\n"
    with pytest.raises(DocumentError):
        tables.outcomes_from_csv(text, plan, within=window, decimal=".")
    text = f"indicator,period,value,comment\n{HIRED},2019,0.0000001,x\n"
    assert csv_problems(text, plan, within=window, decimal=".") == [
        ("row 2, column 'value'",
         (f"the plan already has another outcome for '{HIRED}' series 'total' in 2019 (value "
         "13.9; this row: value 0.0000001, comment 'x'); pass replace=True to replace it"))
    ]  # fmt: skip
    replaced = tables.outcomes_from_csv(text, plan, within=window, decimal=".", replace=True)
    assert value_of(replaced, HIRED, "2019").value == Decimal("1E-7")
    assert value_of(replaced, HIRED, "2020").value == Decimal("11.3")


def test_the_same_outcome_again_keeps_the_plan_unchanged(plan: Plan) -> None:
    window = Period("2019-01-01/2024-12-31")
    text = f'indicator,period,value\n{HIRED},2019,"13,9"\n{KR},2019,64734\n'
    assert tables.outcomes_from_csv(text, plan, within=window) == plan
    commented = f"indicator,period,value,comment\n{KR},2019,64734,ny\n"
    later = tables.outcomes_from_csv(commented, plan, within=window, replace=True)
    assert value_of(later, KR, "2019").comment == "ny"


def test_problems_come_in_row_order_whichever_check_finds_them(plan: Plan) -> None:
    text = f"indicator,period,value\n{HIRED},2030,1\n{HIRED},2022,x\nnope,2022,1\n{HIRED},2031,1\n"
    assert [place for place, _ in csv_problems(text, plan)] == [
        "row 2, column 'period'",
        "row 3, column 'value'",
        "row 4, column 'indicator'",
        "row 5, column 'period'",
    ]


def test_many_problems_list_the_first_rows_and_count_the_rest(plan: Plan) -> None:
    rows = "".join(f"{HIRED},2022,bad{n}\n" for n in range(25))
    rows += "".join(f"{HIRED},2030,{n}\n" for n in range(3))
    with pytest.raises(DocumentError) as caught:
        tables.outcomes_from_csv(
            "x,indicator,period,value\n" + rows.replace(HIRED, "," + HIRED), plan
        )
    lines = str(caught.value).splitlines()
    assert (
        lines[0] == "<csv> could not be read as outcomes of plan 'vasternorrland-2022': 1 problem"
    )
    with pytest.raises(DocumentError) as caught:
        tables.outcomes_from_csv("indicator,period,value\n" + rows, plan)
    error = caught.value
    lines = str(error).splitlines()
    assert (
        lines[0] == "<csv> could not be read as outcomes of plan 'vasternorrland-2022': 28 problems"
    )
    assert [p.path for p in error.problems] == [f"row {n}, column 'value'" for n in range(2, 22)]
    assert lines[-1] == "  ... and 8 more"


# -- files ------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".CSV", ".tsv", ".txt", ".xlsx", ".XLSX"])
def test_outcomes_go_out_and_back_by_the_file_extension(
    plan: Plan, suffix: str, tmp_path: Path
) -> None:
    path = tmp_path / f"utfall{suffix}"
    delimiter = "\t" if suffix == ".tsv" else ";"
    tables.write_outcomes(plan, path, delimiter=delimiter)
    if suffix.lower() == ".xlsx":
        assert openpyxl.load_workbook(path).sheetnames == ["outcomes"]
    else:
        assert path.read_text(encoding="utf-8").splitlines()[0] == delimiter.join(
            tables.OUTCOME_COLUMNS
        )
    bare = tables.outcomes_from_csv("indicator,period,value\n", plan)
    assert (
        tables.read_outcomes(path, bare, replace=True, within=Period("2000-01-01/2040-12-31"))
        == plan
    )


def test_unknown_file_kinds_and_sheets_in_csv_are_refused(plan: Plan, tmp_path: Path) -> None:
    for name, shown in (("utfall.ods", "'.ods'"), ("utfall", "'(no extension)'")):
        with pytest.raises(MalstyrningError) as caught:
            tables.read_outcomes(tmp_path / name, plan)
        assert str(caught.value) == f"unknown table format {shown} for {name}: use .csv or .xlsx"
        with pytest.raises(MalstyrningError) as caught:
            tables.write_outcomes(plan, tmp_path / name)
        assert str(caught.value) == f"unknown table format {shown} for {name}: use .csv or .xlsx"
    (tmp_path / "utfall.csv").write_text("indicator,period,value\n", encoding="utf-8")
    with pytest.raises(MalstyrningError) as caught:
        tables.read_outcomes(tmp_path / "utfall.csv", plan, sheet="Blad1")
    assert str(caught.value) == "utfall.csv is CSV, which has no sheets"


def test_a_bad_row_in_a_file_is_listed_with_the_others(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "rader.csv"
    path.write_text(
        f"indicator,period,value\n{HIRED},2022,1,extra\n{HIRED},2030,1\n", encoding="utf-8"
    )
    heading, found = problems(tables.read_outcomes, path, plan)
    assert (
        heading
        == "rader.csv could not be read as outcomes of plan 'vasternorrland-2022': 2 problems"
    )
    assert [place for place, _ in found] == ["row 2", "row 3, column 'period'"]
    path = tmp_path / "rader.xlsx"
    workbook(
        path, [["indicator", "period", "value"], [HIRED, "2022", 1, "extra"], [HIRED, "2030", 1]]
    )
    assert [place for place, _ in problems(tables.read_outcomes, path, plan)[1]] == [
        "row 2",
        "row 3, column 'period' (cell B3)",
    ]


# -- outcomes out -----------------------------------------------------------------------------


def test_yes_no_answers_are_written_as_one_and_zero(plan: Plan) -> None:
    text = f"indicator,period,value,comment\n{YES_NO},2022,ja,\n{YES_NO},2023,nej,x\n"
    later = tables.outcomes_from_csv(text, plan)
    lines = tables.outcomes_to_csv(later, delimiter=";").splitlines()
    assert f"{YES_NO};;2022;1;;" in lines
    assert f"{YES_NO};;2023;0;;x" in lines
    assert f"{HIRED};total;2019;13.9;;" in lines


def test_outcome_rows_check_what_they_hold() -> None:
    row = OutcomeRow(indicator="i", period="2022", value=7)
    assert row.value.as_tuple() == Decimal(7).as_tuple()
    assert OutcomeRow(indicator="i", period="2022", value="7.50").value.as_tuple() == (
        Decimal("7.50").as_tuple()
    )
    assert OutcomeRow(indicator="i", period="2022", value=0.1).value == Decimal("0.1")
    assert OutcomeRow(indicator="i", period="2022", value=True).value is True
    for bad in (Decimal("NaN"), [1]):
        with pytest.raises(MalstyrningError) as caught:
            OutcomeRow(indicator="i", period="2022", value=bad)
        assert str(caught.value) == (
            f"value must be a finite Decimal, true/false or None (got {bad!r})"
        )
    with pytest.raises(MalstyrningError) as caught:
        OutcomeRow(indicator="i", period="2022", value="5,7")
    assert str(caught.value).startswith("expected a number with a point for decimals")


def test_problems_found_late_for_early_rows_push_out_later_rows(plan: Plan) -> None:
    # Rows 2-4 read well and fail when merged; rows 5-29 fail when read, which comes first.
    rows = "".join(f"{HIRED},{2030 + n},1\n" for n in range(3))
    rows += "".join(f"{HIRED},2022,bad{n}\n" for n in range(25))
    with pytest.raises(DocumentError) as caught:
        tables.outcomes_from_csv("indicator,period,value\n" + rows, plan)
    error = caught.value
    places = [p.path for p in error.problems]
    assert places[:3] == [f"row {n}, column 'period'" for n in (2, 3, 4)]
    assert places[3:] == [f"row {n}, column 'value'" for n in range(5, 22)]
    assert str(error).splitlines()[-1] == "  ... and 8 more"


def test_a_problem_found_late_takes_its_place_among_the_listed_rows(plan: Plan) -> None:
    # Row 21 reads well and fails when merged, after rows 2-23 but 21 failed when read.
    rows = "".join(
        f"{HIRED},2030,1\n" if n == 21 else f"{HIRED},2022,bad{n}\n" for n in range(2, 24)
    )
    with pytest.raises(DocumentError) as caught:
        tables.outcomes_from_csv("indicator,period,value\n" + rows, plan)
    error = caught.value
    assert [p.path for p in error.problems] == [
        *(f"row {n}, column 'value'" for n in range(2, 21)),
        "row 21, column 'period'",
    ]
    assert str(error).splitlines()[-1] == "  ... and 2 more"


# -- more cases of the same checks ----------------------------------------------------------------


def test_a_workbook_with_macros_is_read_as_a_workbook(plan: Plan, tmp_path: Path) -> None:
    for name in ("utfall.xlsm", "UTFALL.XLSM"):
        path = workbook(tmp_path / name, [["indicator", "period", "value"], [HIRED, "2022", 7]])
        assert value_of(tables.read_outcomes(path, plan), HIRED, "2022").value == 7


def test_a_comment_of_blanks_is_kept_as_written(plan: Plan) -> None:
    later = tables.outcomes_from_csv(
        f'indicator,period,value,comment\n{HIRED},2022,7,"   "\n{HIRED},2023,8,\n', plan
    )
    assert value_of(later, HIRED, "2022").comment == "   "
    assert value_of(later, HIRED, "2023").comment == ""


def test_a_whole_float_in_a_frames_text_column_reads_as_its_digits(plan: Plan) -> None:
    frame = pd.DataFrame(
        {"indicator": [HIRED, HIRED], "period": ["2022", "2023"], "value": [7, 8],
         "comment": [12.0, 12.5]}
    )  # fmt: skip
    later = tables.outcomes_from_frame(frame, plan)
    assert [value_of(later, HIRED, p).comment for p in ("2022", "2023")] == ["12", "12.5"]


def test_every_row_that_would_replace_an_outcome_is_named(plan: Plan) -> None:
    window = Period("2019-01-01/2024-12-31")
    text = f"indicator,period,value\n{HIRED},2019,1\n{HIRED},2020,2\n{HIRED},2022,3\n"
    assert [place for place, _ in csv_problems(text, plan, within=window)] == [
        "row 2, column 'value'",
        "row 3, column 'value'",
    ]


def test_a_yes_no_answer_is_compared_with_the_plans_answer_for_its_own_period(
    plan: Plan,
) -> None:
    answered = tables.outcomes_from_csv(
        f"indicator,period,value\n{YES_NO},2022,ja\n{YES_NO},2023,nej\n", plan
    )
    again = f"indicator,period,value\n{YES_NO},2023,nej\n{YES_NO},2022,ja\n"
    assert tables.outcomes_from_csv(again, answered) == answered
    replacing = f"indicator,period,value\n{YES_NO},2023,ja\n"
    assert csv_problems(replacing, answered) == [
        (
            "row 2, column 'value'",
            (
                f"the plan already has another outcome for '{YES_NO}' in 2023 (value false; "
                "this row: value true); pass replace=True to replace it"
            ),
        )
    ]


def test_no_more_than_three_close_ids_are_offered(plan: Plan) -> None:
    # Five ids as close as each other to the unknown one: the three closest, no more.
    close = ("hme-index-a", "hme-index-b", "hme-index-c", "hme-index-d", "hme-index-e")
    goal = plan.goals[0]
    extra = tuple(attrs.evolve(plan[HIRED], id=node_id, kolada=None) for node_id in close)
    wider = attrs.evolve(
        plan, goals=(attrs.evolve(goal, children=goal.children + extra), *plan.goals[1:])
    )
    message = csv_problems("indicator,period,value\nhme-index,2022,1\n", wider)[0][1]
    assert message.startswith("unknown indicator 'hme-index'; did you mean ")
    assert message.count("'hme-index-") == 3
