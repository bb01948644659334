"""Tables in and out: outcome tables, assessment tables and Kolada-shaped exports.

polars is imported only by the tests that use it, each with "polars" in its id: mutation
runs leave them out (``-k "not polars"``), as polars' thread pool deadlocks in forked workers.
"""

import csv
import io
import subprocess
import sys
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import attrs
import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import malstyrning
from malstyrning import (
    DocumentError,
    Goal,
    Indicator,
    MalstyrningError,
    NotAssessedReason,
    Period,
    Plan,
    YesNoMeasure,
    examples,
    tables,
    testing,
)
from malstyrning.tables import KoladaIndicator, KoladaMapping, OutcomeRow

ROOT = Path(__file__).resolve().parent.parent
WIDE = Period("2000-01-01/2040-12-31")
HIRED = "inhyrd-personal-kostnadsandel"


def stripped(plan: Plan) -> Plan:
    """The plan without any outcome: what a table is read into."""

    def bare(node):
        if isinstance(node, Goal):
            return attrs.evolve(node, children=tuple(bare(child) for child in node.children))
        if isinstance(node, Indicator):
            series = tuple(attrs.evolve(s, measurements=()) for s in node.series)
            return attrs.evolve(node, series=series)
        if isinstance(node, YesNoMeasure):
            return attrs.evolve(node, measurements=())
        return node

    return attrs.evolve(plan, goals=tuple(bare(goal) for goal in plan.goals))


def polars() -> ModuleType:
    """polars, imported by the tests that use it (see the module's docstring)."""
    import polars as pl

    return pl


def problems_of(call, *args, **kwargs) -> str:
    with pytest.raises(DocumentError) as caught:
        call(*args, **kwargs)
    return str(caught.value)


@pytest.fixture
def plan() -> Plan:
    return examples.load("vasternorrland-2022")


@pytest.fixture
def jamtland() -> Plan:
    return examples.load("jamtland-harjedalen-2019")


# -- round trips ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", examples.names())
def test_csv_round_trip_of_every_example(name: str) -> None:
    plan = examples.load(name)
    text = tables.outcomes_to_csv(plan)
    back = tables.outcomes_from_csv(text, stripped(plan), within=WIDE)
    assert back == plan
    assert tables.outcomes_to_csv(back) == text
    # Nothing lost in the document either: decimals as written, comments, reasons.
    assert malstyrning.dumps(back) == malstyrning.dumps(plan)


@pytest.mark.parametrize("name", examples.names())
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_file_round_trip_of_every_example(name: str, suffix: str, tmp_path: Path) -> None:
    plan = examples.load(name)
    path = tmp_path / f"outcomes{suffix}"
    tables.write_outcomes(plan, path)
    back = tables.read_outcomes(path, stripped(plan), within=WIDE)
    assert malstyrning.dumps(back) == malstyrning.dumps(plan)
    again = tmp_path / f"again{suffix}"
    tables.write_outcomes(back, again)
    assert tables.read_outcomes(again, stripped(plan), within=WIDE) == back


@pytest.mark.parametrize("name", examples.names())
@pytest.mark.parametrize("backend", ["pandas", "polars"])
def test_frame_round_trip_of_every_example(name: str, backend: str) -> None:
    plan = examples.load(name)
    frame = tables.outcomes_to_frame(plan, backend=backend)
    assert list(frame.columns) == list(tables.OUTCOME_COLUMNS)
    back = tables.outcomes_from_frame(frame, stripped(plan), within=WIDE)
    assert back == plan
    assert tables.outcomes_to_frame(back, backend=backend).equals(frame)


def test_frames_hold_exact_decimals(jamtland: Plan) -> None:
    pandas_frame = tables.outcomes_to_frame(jamtland)
    assert isinstance(pandas_frame, pd.DataFrame)
    values = [v for v in pandas_frame["value"] if v is not None]
    assert all(isinstance(v, Decimal) for v in values)


def test_polars_frames_hold_exact_decimals(jamtland: Plan) -> None:
    pl = polars()
    polars_frame = tables.outcomes_to_frame(jamtland, backend="polars")
    assert isinstance(polars_frame, pl.DataFrame)
    assert isinstance(polars_frame.schema["value"], pl.Decimal)


comments = st.text(
    st.characters(blacklist_categories=["Cs", "Cc"]) | st.sampled_from(["\n", ";", ",", '"']),
    max_size=12,
)


@st.composite
def commented_plans(draw: st.DrawFn) -> Plan:
    """Generated plans whose outcomes carry comments with quotes, delimiters and newlines."""
    plan = draw(testing.plans())

    def commented(node):
        if isinstance(node, Goal):
            return attrs.evolve(node, children=tuple(commented(c) for c in node.children))
        if isinstance(node, Indicator):
            series = tuple(
                attrs.evolve(
                    s,
                    measurements=tuple(
                        attrs.evolve(m, comment=draw(comments)) for m in s.measurements
                    ),
                )
                for s in node.series
            )
            return attrs.evolve(node, series=series)
        if isinstance(node, YesNoMeasure):
            measurements = tuple(attrs.evolve(m, comment=draw(comments)) for m in node.measurements)
            return attrs.evolve(node, measurements=measurements)
        return node

    return attrs.evolve(plan, goals=tuple(commented(goal) for goal in plan.goals))


@given(commented_plans(), st.sampled_from([",", ";", "\t"]))
def test_generated_outcome_tables_round_trip_through_csv(plan: Plan, delimiter: str) -> None:
    text = tables.outcomes_to_csv(plan, delimiter=delimiter)
    back = tables.outcomes_from_csv(text, stripped(plan), within=WIDE)
    assert back == plan
    assert tables.outcomes_to_csv(back, delimiter=delimiter) == text
    assert len(list(csv.reader(io.StringIO(text), delimiter=delimiter))) == 1 + len(
        tables.outcomes_to_rows(plan)
    )


@pytest.mark.parametrize("backend", ["pandas", "polars"])
@given(plan=testing.plans())
def test_generated_outcome_tables_round_trip_through_frames(plan: Plan, backend: str) -> None:
    frame = tables.outcomes_to_frame(plan, backend=backend)
    assert tables.outcomes_from_frame(frame, stripped(plan), within=WIDE) == plan


@settings(max_examples=10)
@given(plan=testing.plans())
def test_generated_outcome_tables_round_trip_through_xlsx(plan: Plan) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "outcomes.xlsx"
        tables.write_outcomes(plan, path)
        assert tables.read_outcomes(path, stripped(plan), within=WIDE) == plan


@given(testing.plans())
def test_merge_outcome_rows_round_trip(plan: Plan) -> None:
    rows = tables.outcomes_to_rows(plan)
    assert tables.merge_outcomes(stripped(plan), rows, within=WIDE) == plan


# -- reading: what is accepted ----------------------------------------------------------------


def test_reading_gives_a_new_plan_and_leaves_the_old_one(plan: Plan) -> None:
    before = malstyrning.dumps(plan)
    later = tables.outcomes_from_csv(f"indicator,period,value\n{HIRED},2022,7.9\n", plan)
    assert later is not plan
    assert malstyrning.dumps(plan) == before
    assert later[HIRED].main_series.get(Period("2022")).value == Decimal("7.9")


def test_swedish_number_text_and_semicolons(plan: Plan) -> None:
    text = (
        "indicator;series;period;value\n"
        "kostnad-per-drg-poang;total;2022;71\u00a0250\n"
        "kostnad-per-drg-poang;riket;2022;67 010\n"
        f"{HIRED};;2022;5,0 %\n"
        f"{HIRED};;2023;−3,2\n"
    )
    later = tables.outcomes_from_csv(text, plan)
    cost = later["kostnad-per-drg-poang"]
    assert cost.series_named("total").get(Period("2022")).value == Decimal(71250)
    assert cost.series_named("riket").get(Period("2022")).value == Decimal(67010)
    five = later[HIRED].main_series.get(Period("2022")).value
    assert five.as_tuple() == Decimal("5.0").as_tuple()
    assert later[HIRED].main_series.get(Period("2023")).value == Decimal("-3.2")


def test_a_known_decimal_mark(plan: Plan) -> None:
    text = f"indicator,period,value\n{HIRED},2022,7.125\n"
    assert "ambiguous number '7.125'" in problems_of(tables.outcomes_from_csv, text, plan)
    later = tables.outcomes_from_csv(text, plan, decimal=".")
    assert later[HIRED].main_series.get(Period("2022")).value == Decimal("7.125")
    with pytest.raises(MalstyrningError, match="decimal must be"):
        tables.outcomes_from_csv(text, plan, decimal=";")


def test_yes_no_answers_in_words(plan: Plan) -> None:
    text = (
        "indicator,series,period,value\n"
        "vardforlopp-implementering,,2022,Ja\n"
        "handlingsplan-patientsakerhet,,2022,nej\n"
        "hallbarhetsplan,,2022,1\n"
    )
    later = tables.outcomes_from_csv(text, plan)
    answers = [
        later[i].measurements[0].value
        for i in ("vardforlopp-implementering", "handlingsplan-patientsakerhet", "hallbarhetsplan")
    ]
    assert answers == [True, False, True]


def test_missing_values_keep_their_reason(plan: Plan) -> None:
    text = (
        "indicator,period,value,missing,comment\n"
        f"{HIRED},2022,,measured_later,Mäts i augusti\n"
        f"{HIRED},2023,,,Kommentar utan värde\n"
    )
    series = tables.outcomes_from_csv(text, plan)[HIRED].main_series
    assert series.get(Period("2022")).missing is NotAssessedReason.MEASURED_LATER
    assert series.get(Period("2022")).comment == "Mäts i augusti"
    assert series.get(Period("2023")).value is None
    assert series.get(Period("2023")).comment == "Kommentar utan värde"


def test_identical_duplicates_say_it_once(plan: Plan) -> None:
    text = f"indicator,period,value\n{HIRED},2022,7.9\n{HIRED},2022,7.90\n"
    later = tables.outcomes_from_csv(text, plan)
    assert later[HIRED].main_series.get(Period("2022")).value == Decimal("7.9")


def test_outcomes_the_plan_has(plan: Plan) -> None:
    # Baselines before the plan's validity need a wider window.
    same = f"indicator,period,value\n{HIRED},2019,13.9\n"
    assert "outside the plan's validity" in problems_of(tables.outcomes_from_csv, same, plan)
    window = Period("2019-01-01/2024-12-31")
    assert tables.outcomes_from_csv(same, plan, within=window) == plan
    other = f"indicator,period,value\n{HIRED},2019,14.2\n"
    message = problems_of(tables.outcomes_from_csv, other, plan, within=window)
    assert "already has another outcome" in message
    assert "replace=True" in message
    replaced = tables.outcomes_from_csv(other, plan, within=window, replace=True)
    assert replaced[HIRED].main_series.get(Period("2019")).value == Decimal("14.2")


def test_no_comment_column_keeps_the_plans_comment(jamtland: Plan) -> None:
    kept = tables.outcomes_from_csv("indicator,period,value\nantibiotika,2019-T1,245\n", jamtland)
    assert kept == jamtland
    with_column = "indicator,period,value,comment\nantibiotika,2019-T1,245,\n"
    assert "already has another outcome" in problems_of(
        tables.outcomes_from_csv, with_column, jamtland
    )


def test_blank_rows_and_header_spelling(plan: Plan) -> None:
    text = f"\n Indicator , PERIOD ,Value\n\n{HIRED},2022,7.9\n,,\n"
    later = tables.outcomes_from_csv(text, plan)
    assert later[HIRED].main_series.get(Period("2022")).value == Decimal("7.9")


# -- reading: errors name the file, the row and the column ------------------------------------

BAD_ROWS = [
    ("antibiotiks,2019-T1,1", "unknown indicator 'antibiotiks'; did you mean 'antibiotika'?",
     "row 2, column 'indicator'"),
    ("samhalle,2019-T1,1", "'samhalle' is a goal", "row 2, column 'indicator'"),
    ("antibiotika,2019-T4,1", "unknown period '2019-T4'", "row 2, column 'period'"),
    ("antibiotika,2020,1", "outside the plan's validity 2019", "row 2, column 'period'"),
    ("antibiotika,2019-T2,\"4,1O\"", "expected a number", "row 2, column 'value'"),
    ("antibiotika,2019-T2,\"1.234,5\"", "ambiguous number", "row 2, column 'value'"),
    ("antibiotika,2019-T2,NaN", "expected a number", "row 2, column 'value'"),
    ("antibiotika,2019-T2,ja", "expected a number", "row 2, column 'value'"),
    ("antibiotika,2019-T2,", "no value and no reason", "row 2, column 'value'"),
    (",2019-T2,1", "a indicator is required", "row 2, column 'indicator'"),
    ("antibiotika,,1", "a period is required", "row 2, column 'period'"),
]  # fmt: skip


@pytest.mark.parametrize(("row", "message", "place"), BAD_ROWS)
def test_bad_rows(jamtland: Plan, row: str, message: str, place: str) -> None:
    error = problems_of(
        tables.outcomes_from_csv, f"indicator,period,value\n{row}\n", jamtland, source="t.csv"
    )
    assert error.startswith("t.csv could not be read as outcomes")
    assert message in error
    assert place in error
    assert "Traceback" not in error


def test_every_problem_in_one_error(jamtland: Plan) -> None:
    text = (
        "indicator,series,period,value,missing\n"
        "sjukfranvaro,kvinnor,2019-T2,5,\n"
        "sjukfranvaro,total,2019-T2,5,later\n"
        "sjukfranvaro,total,2019-T2,5,no_data\n"
        "sjukfranvaro,total,2019-T3,5,\n"
        "sjukfranvaro,total,2019-T3,6,\n"
    )
    with pytest.raises(DocumentError) as caught:
        tables.outcomes_from_csv(text, jamtland, source="t.csv")
    error = caught.value
    assert len(error.problems) == 4
    message = str(error)
    assert (
        "unknown series 'kvinnor' of indicator 'sjukfranvaro' (series: total, men, women) @ row 2"
        in (message)
    )
    assert "unknown missing-value reason 'later'" in message
    assert "both a value" in message
    assert "a second, different outcome" in message
    assert "row 5, column 'value' gives value 5" in message
    assert "@ row 6, column 'value'" in message


def test_yes_no_measures_have_no_series(plan: Plan) -> None:
    text = "indicator,series,period,value\nhallbarhetsplan,total,2022,ja\n"
    assert "has no series" in problems_of(tables.outcomes_from_csv, text, plan)
    text = "indicator,series,period,value\nhallbarhetsplan,,2022,kanske\n"
    assert "expected a yes/no answer" in problems_of(tables.outcomes_from_csv, text, plan)


def test_bad_headers(plan: Plan) -> None:
    assert "unknown column 'värde'" in problems_of(
        tables.outcomes_from_csv, f"indicator,period,värde\n{HIRED},2022,1\n", plan
    )
    assert "missing column(s) 'value'" in problems_of(
        tables.outcomes_from_csv, f"indicator,period\n{HIRED},2022\n", plan
    )
    assert "appears twice" in problems_of(
        tables.outcomes_from_csv, f"indicator,period,value,value\n{HIRED},2022,1,1\n", plan
    )
    assert "expected a header row" in problems_of(tables.outcomes_from_csv, "\n\n", plan)
    assert "the header names 3 columns" in problems_of(
        tables.outcomes_from_csv, f"indicator,period,value\n{HIRED},2022,1,extra\n", plan
    )


def test_unreadable_files(plan: Plan, tmp_path: Path) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes("indicator,period,value,comment\nx,2022,1,mäts\n".encode("latin-1"))
    assert "save the file as 'CSV UTF-8'" in problems_of(tables.read_outcomes, latin, plan)
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"not a workbook")
    assert "fake.xlsx could not be read as XLSX" in problems_of(tables.read_outcomes, fake, plan)
    with pytest.raises(MalstyrningError, match=r"unknown table format '\.ods'"):
        tables.read_outcomes(tmp_path / "outcomes.ods", plan)
    with pytest.raises(MalstyrningError, match="cannot read"):
        tables.read_outcomes(tmp_path / "absent.csv", plan)


# -- XLSX as analysts keep it -----------------------------------------------------------------


def test_xlsx_cells_as_people_see_them(plan: Plan, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Utfall"
    sheet.append(["indicator", "series", "period", "value"])
    sheet.append([HIRED, "total", "2022", 0.079])
    sheet["D2"].number_format = "0.0%"
    sheet.append(["kostnad-per-drg-poang", "total", 2022, "71\u202f250"])
    sheet.append(["hme-totalindex", "total", "2022", 85.0])
    sheet["D4"].number_format = "0.00"
    path = tmp_path / "utfall.xlsx"
    workbook.save(path)
    later = tables.read_outcomes(path, plan, sheet="Utfall")
    assert later[HIRED].main_series.get(Period("2022")).value.as_tuple() == (
        Decimal("7.9").as_tuple()
    )
    assert later["kostnad-per-drg-poang"].main_series.get(Period("2022")).value == 71250
    index = later["hme-totalindex"].main_series.get(Period("2022")).value
    assert index.as_tuple() == Decimal("85.00").as_tuple()
    assert "no sheet 'Blad1'" in problems_of(tables.read_outcomes, path, plan, sheet="Blad1")


def test_xlsx_errors_name_the_cell(plan: Plan, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["indicator", "period", "value"])
    sheet.append([HIRED, date(2022, 5, 1), "sju"])
    path = tmp_path / "utfall.xlsx"
    workbook.save(path)
    message = problems_of(tables.read_outcomes, path, plan)
    assert message.startswith("utfall.xlsx could not be read as outcomes")
    assert "got the date 2022-05-01" in message
    assert "row 2, column 'period' (cell B2)" in message
    assert "row 2, column 'value' (cell C2)" in message


def test_polars_frame_errors_count_rows_from_zero(plan: Plan) -> None:
    frame = polars().DataFrame({"indicator": [HIRED, HIRED], "period": ["2022", "2023"],
                                "value": [7.9, float("nan")]})  # fmt: skip
    message = problems_of(tables.outcomes_from_frame, frame, plan)
    assert "<polars data frame> could not be read" in message
    assert "expected a finite number (got nan) @ row 1, column 'value'" in message


def test_frame_errors_count_rows_from_zero(plan: Plan) -> None:
    frame = pd.DataFrame({"indicator": [HIRED, HIRED], "period": ["2022", "2023"],
                          "value": [7.9, float("nan")]})  # fmt: skip
    # pandas has no other null than NaN in a float column: there it is a blank cell.
    message = problems_of(tables.outcomes_from_frame, frame, plan)
    assert "<pandas data frame> could not be read" in message
    assert "no value and no reason it is missing" in message
    assert message.endswith("@ row 1, column 'value'")
    with pytest.raises(MalstyrningError, match="expected a data frame"):
        tables.outcomes_from_frame([1, 2], plan)


# -- merging rows from Python -----------------------------------------------------------------


def test_merge_outcomes_names_the_row(plan: Plan) -> None:
    rows = [
        OutcomeRow(indicator=HIRED, period=Period("2022"), value=Decimal("7.9")),
        OutcomeRow(indicator=HIRED, series="kvinnor", period=Period("2022"), value=1),
    ]
    message = problems_of(tables.merge_outcomes, plan, rows)
    assert "unknown series 'kvinnor'" in message
    assert "@ rows[1].series" in message
    with pytest.raises(MalstyrningError, match="both a value"):
        OutcomeRow(
            indicator=HIRED,
            period=Period("2022"),
            value=Decimal(1),
            missing=NotAssessedReason.NO_DATA,
        )


# -- assessments ------------------------------------------------------------------------------


def test_assessments_as_csv(jamtland: Plan) -> None:
    evaluation = malstyrning.evaluate(jamtland, period="2019-T1")
    text = tables.assessments_to_csv(evaluation, locale="en")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == tables.ASSESSMENT_COLUMNS
    assert len(rows) == len(evaluation)
    antibiotics = next(row for row in rows if row["id"] == "antibiotika")
    assert antibiotics["status"] == "green"
    assert (antibiotics["value"], antibiotics["target"], antibiotics["gap"]) == ("245", "250", "5")
    assert antibiotics["unit"] == "rec/TIN"
    assert antibiotics["explanation"] == "Outcome 245 rec/TIN, target less than 250 rec/TIN: met."
    swedish = tables.assessments_to_csv(evaluation, locale="sv")
    assert "Utfall 245 rec/TIN, mål mindre än 250 rec/TIN: uppnått." in swedish
    assert {row["status"] for row in rows} <= {"green", "yellow", "red", "not_assessed"}


def test_assessments_with_pace_and_trend(plan: Plan) -> None:
    evaluation = malstyrning.evaluate(plan, period="2020")
    row = next(r for r in tables.assessments_to_rows(evaluation, locale="en") if r["id"] == HIRED)
    assert row["pace"] == "on_track"
    assert row["trend"] == "improving"


@pytest.mark.parametrize("backend", ["pandas", "polars"])
def test_assessments_as_frames(jamtland: Plan, backend: str) -> None:
    evaluation = malstyrning.evaluate(jamtland, period="2019-T1")
    frame = tables.assessments_to_frame(evaluation, locale="sv", backend=backend)
    assert list(frame.columns) == list(tables.ASSESSMENT_COLUMNS)
    assert len(frame) == len(evaluation)


def test_assessments_as_a_pandas_frame_by_default_with_exact_numbers(jamtland: Plan) -> None:
    evaluation = malstyrning.evaluate(jamtland, period="2019-T1")
    frame = tables.assessments_to_frame(evaluation, locale="sv")
    assert isinstance(frame, pd.DataFrame)
    row = frame[frame["id"] == "antibiotika"].iloc[0]
    assert (row["value"], row["target"], row["gap"]) == (Decimal(245), Decimal(250), Decimal(5))
    assert all(isinstance(row[c], Decimal) for c in ("value", "target", "gap"))


def test_assessments_as_a_csv_file_with_commas_by_default(jamtland: Plan, tmp_path: Path) -> None:
    evaluation = malstyrning.evaluate(jamtland, period="2019-T1")
    path = tmp_path / "bedomning.csv"
    tables.write_assessments(evaluation, path, locale="sv")
    assert path.read_text(encoding="utf-8") == tables.assessments_to_csv(evaluation, locale="sv")
    assert path.read_text(encoding="utf-8").splitlines()[0] == ",".join(tables.ASSESSMENT_COLUMNS)
    tables.write_assessments(evaluation, path, locale="sv", delimiter=";")
    assert path.read_text(encoding="utf-8").splitlines()[0] == ";".join(tables.ASSESSMENT_COLUMNS)


def test_assessments_as_xlsx(jamtland: Plan, tmp_path: Path) -> None:
    evaluation = malstyrning.evaluate(jamtland, period="2019-T1")
    path = tmp_path / "bedomning.xlsx"
    tables.write_assessments(evaluation, path, locale="sv")
    sheet = openpyxl.load_workbook(path).active
    assert sheet.title == "assessments"
    header = [cell.value for cell in sheet[1]]
    assert tuple(header) == tables.ASSESSMENT_COLUMNS
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["antibiotika"][5:9] == ("green", 245, 250, 5)


# -- Kolada -----------------------------------------------------------------------------------

KOLADA = """kpi,municipality,period,gender,value,count
N00001,2281,2022,T,7.9,1
N00001,2281,2023,T,,0
N00002,2281,2022,T,84,1
N00002,2281,2022,K,85,1
N00002,2281,2022,M,83,1
"""


@pytest.fixture
def gendered(plan: Plan) -> Plan:
    """The plan with the HME index split by sex, as Kolada reports it."""
    node = plan["hme-totalindex"]
    series = (*node.series, attrs.evolve(node.series[0], key="women", measurements=()),
              attrs.evolve(node.series[0], key="men", measurements=()))  # fmt: skip
    goal = plan.parent(node.id)
    children = tuple(attrs.evolve(node, series=series) if c.id == node.id else c
                     for c in goal.children)  # fmt: skip
    area = plan.parent(goal.id)
    goals = tuple(
        attrs.evolve(a, children=tuple(
            attrs.evolve(g, children=children) if g.id == goal.id else g for g in a.children))
        if a.id == area.id else a
        for a in plan.goals
    )  # fmt: skip
    return attrs.evolve(plan, goals=goals)


MAPPING = KoladaMapping.of({("N00001", "2281"): HIRED, ("N00002", "2281"): "hme-totalindex"})


def test_kolada_import(gendered: Plan, tmp_path: Path) -> None:
    path = tmp_path / "kolada.csv"
    path.write_text(KOLADA, encoding="utf-8")
    later = tables.read_kolada(path, gendered, MAPPING)
    hired = later[HIRED].main_series
    assert hired.get(Period("2022")).value == Decimal("7.9")
    # A null value is an outcome missing for a reason, not a dropped row.
    assert hired.get(Period("2023")).missing is NotAssessedReason.NO_DATA
    index = later["hme-totalindex"]
    assert [index.series_named(k).get(Period("2022")).value for k in ("total", "women", "men")] == [
        84,
        85,
        83,
    ]


@pytest.mark.parametrize("backend", ["pandas", "polars"])
def test_kolada_frames(gendered: Plan, backend: str) -> None:
    frame = pd.read_csv(io.StringIO(KOLADA), dtype={"municipality": str})
    if backend == "polars":
        frame = polars().from_pandas(frame)
    later = tables.kolada_from_frame(frame, gendered, MAPPING)
    assert later["hme-totalindex"].series_named("women").get(Period("2022")).value == 85


def test_kolada_number_ids_keep_their_zeros(plan: Plan) -> None:
    mapping = KoladaMapping.of({("N00001", "0180"): HIRED})
    frame = pd.DataFrame({"kpi": ["N00001"], "municipality": [180], "period": [2022],
                          "gender": ["T"], "value": [7.9]})  # fmt: skip
    later = tables.kolada_from_frame(frame, plan, mapping)
    assert later[HIRED].main_series.get(Period("2022")).value == Decimal("7.9")


def test_kolada_errors(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "kolada.csv"
    path.write_text(KOLADA + "N00009,2281,2022,T,1,1\nN00001,2281,2024,X,1,1.5\n")
    message = problems_of(tables.read_kolada, path, plan, MAPPING)
    assert message.startswith("kolada.csv could not be read as a Kolada export")
    # The plan's HME index has no series for women and men.
    assert "unknown series 'women' of indicator 'hme-totalindex' (series: total) @ row 5, " in (
        message
    )
    assert "@ row 6, column 'gender'" in message
    assert "KPI 'N00009' for municipality '2281' is not in the mapping" in message
    assert "@ row 7, column 'kpi'" in message
    assert "expected a count, a whole number of at least 0 (got '1.5') @ row 8, column 'count'" in (
        message
    )
    # Leaving out what the mapping does not name is a choice the caller makes.
    path.write_text(KOLADA + "N00009,2281,2022,T,1,1\n", encoding="utf-8")
    only_total = KoladaMapping.of(
        {("N00001", "2281"): HIRED, ("N00002", "2281"): "hme-totalindex"}, genders={"T": "total"}
    )
    later = tables.read_kolada(path, plan, only_total, ignore_unmapped=True)
    assert later["hme-totalindex"].main_series.get(Period("2022")).value == 84


def test_kolada_mapping() -> None:
    with pytest.raises(MalstyrningError, match="mapped onto both"):
        KoladaMapping(indicators=[
            KoladaIndicator(kpi="N1", municipality="2281", indicator="a"),
            KoladaIndicator(kpi="N1", municipality="2281", indicator="b"),
        ])  # fmt: skip
    document = {
        "indicators": [{"kpi": "N1", "municipality": "2281", "indicator": "a"}],
        "genders": {"T": "total"},
        "missing": "measured_later",
    }
    mapping = KoladaMapping.from_document(document)
    assert mapping.indicator_for("N1", "2281") == "a"
    assert mapping.missing is NotAssessedReason.MEASURED_LATER
    with pytest.raises(DocumentError, match=r"\$\.indicators\[0\]"):
        KoladaMapping.from_document({"indicators": [{"kpi": "N1"}]})


# -- the notebook-style example ---------------------------------------------------------------


def test_the_notebook_style_example_runs(tmp_path: Path) -> None:
    script = ROOT / "examples" / "outcomes_from_spreadsheets.py"
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    csv_rows = list(csv.DictReader((tmp_path / "assessments-2023.csv").open(encoding="utf-8")))
    plan = examples.load("vasternorrland-2022")
    assert len(csv_rows) == len(plan)
    assert {row["period"] for row in csv_rows} == {"2023"}
    by_id = {row["id"]: row for row in csv_rows}
    # 7,1 % from a percentage cell in the workbook; 2022's 9,2 % from the CSV gives the trend.
    assert by_id[HIRED]["value"] == "7.1"
    assert by_id[HIRED]["trend"] == "improving"
    assert by_id["kostnad-per-drg-poang"]["value"] == "71980"
    assert by_id["hme-totalindex"]["status"] == "not_assessed"
    assert by_id["handlingsplan-patientsakerhet"]["status"] == "green"
    assert by_id[HIRED]["explanation"].startswith("Utfall 7,1")
    sheet = openpyxl.load_workbook(tmp_path / "assessments-2023.xlsx").active
    xlsx_rows = list(sheet.iter_rows(values_only=True))
    assert tuple(xlsx_rows[0]) == tables.ASSESSMENT_COLUMNS
    assert [row[0] for row in xlsx_rows[1:]] == [row["id"] for row in csv_rows]
