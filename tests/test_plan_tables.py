"""Plans from sheets and back: layouts, headers, cells, errors, round trips, revisions."""

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs
import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from malstyrning import (
    DocumentError,
    Goal,
    Indicator,
    MalstyrningError,
    NotAssessedReason,
    Period,
    evaluate,
    examples,
    testing,
)
from malstyrning.model import Assignment, Series, YesNoMeasure
from malstyrning.plan_tables import (
    plan_table_from_csv,
    plan_table_from_frame,
    plan_table_rows,
    plan_table_to_csv,
    read_plan_table,
    revision_from_table,
    write_plan_table,
)
from malstyrning.revisions import apply

FIXTURE = Path(__file__).parent / "fixtures" / "vasternorrland-2022.csv"
META = {
    "id": "vasternorrland-2022",
    "title": "Hälso- och sjukvårdsnämndens verksamhetsplan 2022–2024",
    "organisation": "Region Västernorrland",
    "validity": "2022-01-01/2024-12-31",
}
PLAN = {"title": "Plan", "organisation": "Region X", "validity": "2022"}
COMPARED = ("kind", "status", "not_assessed", "value", "target", "gap", "trend", "pace", "comment")


def _fixture_rows():
    with FIXTURE.open(encoding="utf-8", newline="") as file:
        return list(csv.reader(file, delimiter=";"))


def _as_sheet_cell(text):
    # A spreadsheet holds whole numbers as numbers; everything else as typed.
    if text.isdigit():
        return int(text)
    return text or None


def _xlsx(rows, path, *, sheet="Mål och indikatorer"):
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for row in rows:
        worksheet.append([_as_sheet_cell(cell) for cell in row])
    workbook.save(path)
    return path


def _assert_evaluates_like_the_example(plan):
    expected = evaluate(examples.load("vasternorrland-2022"), period="2020")
    found = evaluate(plan, period="2020")
    assert [a.node_id for a in found] == [a.node_id for a in expected]
    for ours, theirs in zip(found, expected, strict=True):
        for field in COMPARED:
            assert getattr(ours, field) == getattr(theirs, field), (ours.node_id, field)


# -- the Västernorrland plan, as its tables are laid out --------------------------------------


def test_the_vasternorrland_sheet_evaluates_like_the_embedded_example():
    plan = read_plan_table(FIXTURE, **META)
    _assert_evaluates_like_the_example(plan)
    example = examples.load("vasternorrland-2022")
    assert [node.id for node in plan.walk()] == [node.id for node in example.walk()]
    assert plan.get("vardforlopp-implementering").kind == "yes_no"  # "(Ja/Nej)" in its title
    assert plan.get("inhyrd-personal-kostnadsandel").main_series.measurements[0].value == Decimal(
        "13.9"
    )


def test_the_vasternorrland_workbook_evaluates_like_the_embedded_example(tmp_path):
    path = _xlsx(_fixture_rows(), tmp_path / "plan.xlsx")
    _assert_evaluates_like_the_example(read_plan_table(path, **META))
    _assert_evaluates_like_the_example(read_plan_table(path, sheet="Mål och indikatorer", **META))


def test_the_vasternorrland_data_frame_evaluates_like_the_embedded_example():
    header, *rows = _fixture_rows()
    frame = pd.DataFrame([[cell or None for cell in row] for row in rows], columns=header)
    _assert_evaluates_like_the_example(plan_table_from_frame(frame, **META))


def test_the_vasternorrland_sheet_writes_back_to_the_same_plan(tmp_path):
    plan = read_plan_table(FIXTURE, **META)
    for name in ("plan.csv", "plan.xlsx"):
        write_plan_table(plan, tmp_path / name)
        assert read_plan_table(tmp_path / name, base=plan) == plan


# -- round trips ------------------------------------------------------------------------------

_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=12
)
_LEAVES = (
    testing.indicators(units=st.just(None), series_keys=st.just(("total",)))
    | testing.yes_no_measures()
    | testing.assignments()
    | testing.activities()
)


@st.composite
def _within_the_layout(draw, plans):
    """A generated plan as a sheet can hold it: leaves before sub-goals, no series labels,
    and texts (descriptions, owners, sources) drawn too."""
    plan = draw(plans)

    def text():
        return draw(_TEXT.filter(lambda value: value.strip() == value))

    def fit(node):
        if isinstance(node, Goal):
            children = [fit(child) for child in node.children]
            leaves = [child for child in children if not isinstance(child, Goal)]
            goals = [child for child in children if isinstance(child, Goal)]
            return attrs.evolve(
                node, children=(*leaves, *goals), description=text(), owner=text() or None
            )
        if isinstance(node, Indicator):
            series = tuple(attrs.evolve(s, label="") for s in node.series)
            return attrs.evolve(node, series=series, source=text() or None, description=text())
        if isinstance(node, YesNoMeasure):
            return attrs.evolve(node, source=text() or None)
        return attrs.evolve(node, owner=text() or None)

    return attrs.evolve(plan, goals=tuple(fit(goal) for goal in plan.goals))


@given(
    _within_the_layout(testing.plans(leaves=_LEAVES, max_depth=3)),
    st.sampled_from(["csv", "xlsx"]),
    st.sampled_from(["levels", "parents"]),
)
def test_a_plan_written_as_a_sheet_reads_back_the_same(tmp_path_factory, plan, suffix, layout):
    path = tmp_path_factory.mktemp("sheets") / f"plan.{suffix}"
    write_plan_table(plan, path, layout=layout)
    assert read_plan_table(path, base=plan) == plan


def test_a_sheet_in_english_reads_back_the_same():
    plan = read_plan_table(FIXTURE, **META)
    text = plan_table_to_csv(plan, locale="en")
    assert text.splitlines()[0].startswith("Målområde,Mål,Indicator,id,Kind,Unit,Direction")
    assert plan_table_from_csv(text, base=plan) == plan


def test_what_a_sheet_cannot_hold_is_refused_with_every_place():
    plan = examples.load("jamtland-harjedalen-2019")
    with pytest.raises(MalstyrningError) as caught:
        plan_table_rows(plan)
    message = str(caught.value)
    assert "cannot be written as a sheet" in message
    assert len(caught.value.problems) > 1
    assert all(
        problem.path.startswith("plan 'jamtland-harjedalen-2019' >")
        for problem in caught.value.problems
    )


def test_a_leaf_after_a_sub_goal_needs_the_parent_layout():
    plan = plan_table_from_csv("Mål;Delmål;Indikator;id\nA;;;a\n;B;;b\n", **PLAN)
    leaf = Indicator(id="late", title="Sen", series=(Series(key="total"),))
    goal = attrs.evolve(plan.goals[0], children=(*plan.goals[0].children, leaf))
    later = attrs.evolve(plan, goals=(goal,))
    with pytest.raises(MalstyrningError, match="layout='parents'"):
        plan_table_rows(later)
    assert plan_table_from_csv(plan_table_to_csv(later, layout="parents"), base=later) == later


# -- layouts, headers and kinds ---------------------------------------------------------------


def test_a_row_may_start_goals_at_several_levels():
    text = "Målområde;Mål;Indikator;Utfall 2021\nVård;Nära vård;Väntetid;45\n;;Besök;12\n"
    plan = plan_table_from_csv(text, **PLAN)
    assert [(node.kind, node.title) for node in plan.walk()] == [
        ("goal", "Vård"),
        ("goal", "Nära vård"),
        ("indicator", "Väntetid"),
        ("indicator", "Besök"),
    ]
    assert [level.label for level in plan.levels] == ["Målområde", "Mål"]


def test_headers_are_read_in_every_language_without_case_or_accents():
    text = (
        "PERSPEKTIV;Indicator;ENHET;Riktning;retning;UTFALL 2019;2019-T1;malniva 2022;"
        "Målvärde 2024;Målverdi 2023\n"
        "Ekonomi;Kostnad;kr;lägre är bättre;;100;25;90;80;85\n"
    )
    with pytest.raises(DocumentError, match="same field as column 'Riktning'"):
        plan_table_from_csv(text, **PLAN)
    plan = plan_table_from_csv(text.replace("retning", "Källa"), **PLAN)
    indicator = plan.get("kostnad")
    assert [str(m.period) for m in indicator.main_series.measurements] == ["2019-T1", "2019"]
    assert [(str(level.period), level.value) for level in indicator.target.levels] == [
        ("2022", Decimal(90)),
        ("2023", Decimal(85)),
        ("2024", Decimal(80)),
    ]


def test_directions_read_in_every_language():
    for word, direction in [
        ("Högre är bättre", "higher_is_better"),
        ("↓", "lower_is_better"),
        ("lower is better", "lower_is_better"),
        ("Lavere er bedre", "lower_is_better"),
    ]:
        text = f"Mål;Indikator;Riktning\nA;B;{word}\n"
        assert plan_table_from_csv(text, **PLAN).get("b").direction.value == direction


def test_a_mapping_names_columns_the_catalogues_do_not():
    text = "Område;Nyckeltal;Mätvärde 2021;Mål 2024;Not\nA;Väntetid;40;30;x\n"
    plan = plan_table_from_csv(
        text,
        columns={"Mätvärde 2021": "outcome 2021", "Mål 2024": "target_level 2024", "Not": "ignore"},
        **PLAN,
    )
    indicator = plan.get("vantetid")
    assert indicator.main_series.measurements[0].value == Decimal(40)
    assert str(indicator.target) == "30 in 2024"
    with pytest.raises(DocumentError, match="mapped to 'outcomes'"):
        plan_table_from_csv(text, columns={"Not": "outcomes"}, **PLAN)


def test_kinds_come_from_a_kind_column_or_what_the_row_carries():
    text = (
        "Mål;Uppdrag;Typ;Utfall 2022-T1\n"
        "A;;;\n"
        ";Ta fram en plan;;grön\n"
        ";Rutin finns;ja/nej-mått;ja\n"
        ";Svar finns;Indikator;\n"
    )
    plan = plan_table_from_csv(text, **PLAN)
    assignment = plan.get("ta-fram-en-plan")
    assert isinstance(assignment, Assignment)
    assert assignment.reports[0].status == "green"
    assert plan.get("rutin-finns").measurements[0].value is True
    assert plan.get("svar-finns").kind == "indicator"
    answered = plan_table_from_csv("Mål;Indikator;Utfall 2022\nA;Finns det?;Nej\n", **PLAN)
    assert answered.get("finns-det").kind == "yes_no"


def test_a_sheet_with_parents_reads_as_the_same_tree():
    text = (
        "id;parent;Titel;Enhet;Utfall 2022\n"
        "i1;g2;Väntetid;dagar;40\n"
        "g1;;Vård;;\n"
        "g2;g1;Nära vård;;\n"
    )
    plan = plan_table_from_csv(text, levels=["Målområde", "Mål"], **PLAN)
    assert [(node.id, node.kind) for node in plan.walk()] == [
        ("g1", "goal"),
        ("g2", "goal"),
        ("i1", "indicator"),
    ]
    assert plan.get("g2").level == "mal"
    with pytest.raises(DocumentError, match="no level columns"):
        plan_table_from_csv(text, **PLAN)


def test_target_text_is_read_as_documents_read_it():
    text = "Mål;Indikator;Enhet;Målvärde\nA;Andel;%;Minst 30 %\n"
    indicator = plan_table_from_csv(text, **PLAN).get("andel")
    assert str(indicator.target) == ">= 30 %"
    assert indicator.target_text == "Minst 30 %"


def test_missing_outcomes_keep_their_reason_in_any_language():
    text = (
        "Mål;Indikator;Utfall 2021;Utfall 2022\n"
        "A;B;too early to measure;måles ved en senere oppfølging\n"
    )
    measurements = plan_table_from_csv(text, **PLAN).get("b").main_series.measurements
    assert [m.missing for m in measurements] == [
        NotAssessedReason.TOO_EARLY,
        NotAssessedReason.MEASURED_LATER,
    ]


# -- errors -----------------------------------------------------------------------------------


def test_every_bad_cell_is_named_with_file_sheet_row_and_column(tmp_path):
    rows = [
        ["Målområde", "Mål", "Indikator", "id", "Typ", "Riktning", "Målvärde", "Utfall 2019"],
        ["Vård", "", "", "vard", "", "", "", ""],
        ["", "", "Väntetid", "", "", "bättre", "", "45"],
        ["", "", "Besök", "vard", "", "", "Minst", "fyrtio"],
        ["", "", "Plan (Ja/Nej)", "", "", "", "", "kanske"],
        ["", "", "Något", "", "fisk", "", "", ""],
        ["", "", "", "", "", "", "", "77"],
    ]
    path = _xlsx(rows, tmp_path / "plan.xlsx", sheet="Blad1")
    with pytest.raises(DocumentError) as caught:
        read_plan_table(path, **PLAN)
    message = str(caught.value)
    assert message.startswith("plan.xlsx (sheet 'Blad1') could not be read as a plan: 7 problems")
    for place in [
        "row 3, column 'Riktning' (cell F3)",
        "duplicate id 'vard' (first at row 2) @ row 4, column 'id' (cell D4)",
        "row 4, column 'Målvärde' (cell G4)",
        "row 4, column 'Utfall 2019' (cell H4)",
        "row 5, column 'Utfall 2019' (cell H5)",
        "row 6, column 'Typ' (cell E6)",
        "row 7",
    ]:
        assert place in message


def test_problems_the_plan_checks_find_are_placed_in_the_sheet():
    text = "Mål;Indikator;id;Enhet;Målvärde\nA;;a;;\n;B;b;dygn;\n;C;b;;\n;D;d;;Minst 5 över riket\n"
    base = plan_table_from_csv("Mål;id\nA;a\n", **PLAN)
    with pytest.raises(DocumentError) as caught:
        plan_table_from_csv(text, base=base, source="plan.csv")
    message = str(caught.value)
    assert "unknown unit 'dygn'" in message or "dygn" in message
    assert "@ row 3, column 'Enhet'" in message
    assert "duplicate id 'b' (first at row 3) @ row 4, column 'id'" in message
    assert "series 'riket'" in message and "@ row 5, column 'Målvärde'" in message


def test_unknown_columns_and_missing_goals_are_named():
    with pytest.raises(DocumentError, match="unknown column 'Enhetz'"):
        plan_table_from_csv("Mål;Indikator;Enhet;Enhetz\nA;B;;\n", **PLAN)
    with pytest.raises(DocumentError, match="no goal above it in column 'Mål'"):
        plan_table_from_csv("Mål;Delmål;Indikator\n;A;\n", **PLAN)
    with pytest.raises(MalstyrningError, match="organisation, validity"):
        plan_table_from_csv("Mål;Indikator\nA;B\n", title="P")


# -- revisions --------------------------------------------------------------------------------


def test_a_sheet_against_a_plan_gives_the_revision_that_adds_rewords_strikes_and_moves(tmp_path):
    before = plan_table_from_csv(
        "Mål;Indikator;id\nA;;a\n;Väntetid;vantetid\n;Besök;besok\nB;;b\n;Kö;ko\n", **PLAN
    )
    after = "Mål;Indikator;id\nA;;a\n;Väntetid i dagar;vantetid\n;Kö;ko\nB;;b\n;Nytt;nytt\n"
    sheet = tmp_path / "after.csv"
    sheet.write_text(after, encoding="utf-8")
    revision = revision_from_table(before, sheet, decided_by="HSN", decided="2022-05-01")
    assert sorted(op.op for op in revision.operations) == ["add", "move", "reformulate", "strike"]
    assert revision.body == "HSN" and revision.decided == date(2022, 5, 1)
    assert apply(before, revision).goals == read_plan_table(sheet, base=before).goals
    with pytest.raises(MalstyrningError, match="changes nothing"):
        revision_from_table(before, _same(before, tmp_path), decided_by="H", decided="2022-05-01")


def _same(plan, folder):
    path = folder / "same.csv"
    path.write_text(plan_table_to_csv(plan), encoding="utf-8")
    return path


def test_outcomes_and_periods_keep_their_order():
    plan = plan_table_from_csv("Mål;Indikator;Utfall 2020;Utfall 2019\nA;B;2;1\n", **PLAN)
    periods = [m.period for m in plan.get("b").main_series.measurements]
    assert periods == [Period("2019"), Period("2020")]


def test_a_workbook_keeps_what_its_cells_show(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Mål", "Indikator", "Enhet", "T1 2019", "Målnivå 2022"])
    sheet.append(["Personal", None, None, None, None])
    sheet.append([None, "Andel inhyrd", "%", 0.139, 8])
    sheet["D3"].number_format = "0.0%"
    workbook.save(tmp_path / "plan.xlsx")
    indicator = read_plan_table(tmp_path / "plan.xlsx", **PLAN).get("andel-inhyrd")
    measurement = indicator.main_series.measurements[0]
    assert (measurement.period, measurement.value) == (Period("2019-T1"), Decimal("13.9"))


def test_a_dangling_parent_is_named_at_its_row():
    text = "id;parent;Titel\ng1;;Vård\ni1;g9;Väntetid\n"
    with pytest.raises(DocumentError) as caught:
        plan_table_from_csv(text, levels=["Mål"], source="plan.csv", **PLAN)
    assert "no node with id 'g9' (dangling reference) @ row 3, column 'parent'" in str(caught.value)


def test_the_leaf_column_ends_the_level_columns():
    with pytest.raises(DocumentError, match="unknown column 'Mål 2022'"):
        plan_table_from_csv("Målområde;Mål;Indikator;Mål 2022\nA;;;\n", **PLAN)
