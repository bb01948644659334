"""Kolada-shaped exports as tables.py reads them: every column, the mapping, the messages.

Pins how kpi, municipality (Kolada's four-digit ids, zeros kept), period, gender, value,
count and status are read from CSV text, files, frames and rows, what the outcome's comment
keeps of count and status, and the exact problem, with its place, of every row that does
not fit the mapping or the plan.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from malstyrning import DocumentError, MalstyrningError, NotAssessedReason, Period, examples, tables
from malstyrning.model import Goal, Indicator, KoladaSource, Plan, PlanLevel
from malstyrning.tables import KoladaIndicator, KoladaMapping

HIRED = "inhyrd-personal-kostnadsandel"  # unit %
KR = "kostnad-per-drg-poang"  # unit kr
MAPPING = KoladaMapping.of({("N1", "2281"): HIRED, ("N2", "0180"): KR})
ROW = {"kpi": "N1", "municipality": "2281", "period": "2022", "gender": "T", "value": Decimal(5)}
KOLADA = "<rows> could not be read as a Kolada export for plan 'vasternorrland-2022'"
MEAN = "Kolada: ovägt medelvärde av {} medlemmar"
UNMAPPED = "; map it, or pass ignore_unmapped=True to leave such rows out"
NOT_MAPPED = "KPI {!r} for municipality {!r} is not in the mapping" + UNMAPPED


@pytest.fixture(scope="module")
def plan() -> Plan:
    return examples.load("vasternorrland-2022")


def problems(call, *args, **kwargs) -> tuple[str, list[tuple[str, str]]]:
    """The first line of the error and its problems as (place, message)."""
    with pytest.raises(DocumentError) as caught:
        call(*args, **kwargs)
    error = caught.value
    return str(error).splitlines()[0], [(p.path, p.message) for p in error.problems]


def row_problems(plan: Plan, **changes: object) -> list[tuple[str, str]]:
    heading, found = problems(tables.kolada_from_rows, [{**ROW, **changes}], plan, MAPPING)
    assert heading == f"{KOLADA}: {len(found)} problem{'' if len(found) == 1 else 's'}"
    return found


def outcome(plan: Plan, node: str = HIRED, period: str = "2022") -> object:
    return plan[node].main_series.get(Period(period))


# -- each column ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "municipality", ["2281", " 2281 ", 2281, 2281.0, Decimal("2281"), Decimal("2281.00")]
)
def test_a_municipality_as_text_or_number(plan: Plan, municipality: object) -> None:
    later = tables.kolada_from_rows([{**ROW, "municipality": municipality}], plan, MAPPING)
    assert outcome(later).value == 5


@pytest.mark.parametrize("municipality", [180, 180.0, Decimal(180), "0180"])
def test_a_number_id_keeps_its_leading_zeros(plan: Plan, municipality: object) -> None:
    row = {**ROW, "kpi": "N2", "municipality": municipality, "value": Decimal(70000)}
    assert outcome(tables.kolada_from_rows([row], plan, MAPPING), KR).value == 70000


@pytest.mark.parametrize(
    ("municipality", "shown"), [(-1, "-1"), (22.5, "22.5"), (Decimal("-0.5"), "Decimal('-0.5')")]
)
def test_a_municipality_number_that_is_no_id_is_named(
    plan: Plan, municipality: object, shown: str
) -> None:
    assert row_problems(plan, municipality=municipality) == [
        ("row 1, column 'municipality'", f"expected a municipality id such as '2281' (got {shown})")
    ]


@pytest.mark.parametrize("gender", ["T", " t ", "t"])
def test_a_gender_code_is_read_without_case_or_spaces(plan: Plan, gender: str) -> None:
    later = tables.kolada_from_rows([{**ROW, "gender": gender}], plan, MAPPING)
    assert outcome(later).value == 5


@pytest.mark.parametrize("period", ["2022", 2022, 2022.0, Decimal("2022")])
def test_a_kolada_period_as_text_or_number(plan: Plan, period: object) -> None:
    later = tables.kolada_from_rows([{**ROW, "period": period}], plan, MAPPING)
    assert outcome(later).value == 5


def test_a_date_or_an_object_is_no_period(plan: Plan) -> None:
    assert row_problems(plan, period=date(2022, 1, 1)) == [
        ("row 1, column 'period'",
         ("expected a period text such as '2019', '2019-T1' or '2019-05' (got the date "
         "2022-01-01: format the column as text so the spreadsheet does not turn periods into "
         "dates)"))
    ]  # fmt: skip
    assert row_problems(plan, period=[2022]) == [
        ("row 1, column 'period'", "expected a period text such as '2019-T1' (got [2022])")
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [(Decimal("7.9"), "7.9"), ("7,9", "7.9"), ("5,0 %", "5.0"), (7, "7"), (7.9, "7.9")],
)
def test_a_kolada_value_in_every_form(plan: Plan, value: object, expected: str) -> None:
    later = tables.kolada_from_rows([{**ROW, "value": value}], plan, MAPPING)
    assert outcome(later).value.as_tuple() == Decimal(expected).as_tuple()


def test_a_kolada_value_that_is_no_number_is_named(plan: Plan) -> None:
    assert row_problems(plan, value=True) == [
        ("row 1, column 'value'", "expected a number (got true)")
    ]
    assert row_problems(plan, kpi="N2", municipality="0180", value="5 %") == [
        ("row 1, column 'value'",
         (f"'5 %' is a percentage, but indicator '{KR}' is measured in 'kr'; give the value in "
         "kr (without %), or correct the indicator's unit"))
    ]  # fmt: skip


@pytest.mark.parametrize(("count", "shown"), [(-1, "-1"), (1.5, "1.5"), ("2,5", "'2,5'")])
def test_a_count_must_be_a_whole_number(plan: Plan, count: object, shown: str) -> None:
    assert row_problems(plan, count=count) == [
        ("row 1, column 'count'", f"expected a count, a whole number of at least 0 (got {shown})")
    ]


def test_required_columns_are_named_and_optional_ones_may_be_blank(plan: Plan) -> None:
    text = "kpi,municipality,period,gender,value,count\nN1,,,,1,x\n,,2022,T,,\nN1,2281,2023,T,,\n"
    heading, found = problems(tables.kolada_from_csv, text, plan, MAPPING, source="k.csv")
    assert heading == (
        "k.csv could not be read as a Kolada export for plan 'vasternorrland-2022': 6 problems"
    )
    assert found == [
        ("row 2, column 'municipality'", "a municipality is required"),
        ("row 2, column 'period'", "a period is required"),
        ("row 2, column 'gender'", "a gender is required"),
        (
            "row 2, column 'count'",
            "expected a number such as '64 734', '5,0 %' or '−3,2' (got 'x')",
        ),
        ("row 3, column 'kpi'", "a kpi is required"),
        ("row 3, column 'municipality'", "a municipality is required"),
    ]


# -- count and status in the comment ----------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "comment"),
    [({}, ""), ({"count": 1}, ""), ({"count": "1"}, ""), ({"count": 3}, MEAN.format(3)),
     ({"count": 0}, MEAN.format(0)), ({"count": 2.0}, MEAN.format(2)),
     ({"status": "  "}, ""), ({"status": " Preliminär "}, "Kolada-status: Preliminär"),
     ({"count": 3, "status": "Preliminär"},
      "Kolada: ovägt medelvärde av 3 medlemmar; Kolada-status: Preliminär")],
)  # fmt: skip
def test_a_count_other_than_one_and_any_status_are_kept(
    plan: Plan, changes: dict[str, object], comment: str
) -> None:
    later = tables.kolada_from_rows([{**ROW, **changes}], plan, MAPPING)
    assert outcome(later).comment == comment


def test_a_null_value_is_missing_for_the_mappings_reason(plan: Plan) -> None:
    later = tables.kolada_from_rows([{**ROW, "value": None, "count": 0}], plan, MAPPING)
    assert (outcome(later).value, outcome(later).missing) == (None, NotAssessedReason.NO_DATA)
    assert outcome(later).comment == ""
    later = tables.kolada_from_rows([{**ROW, "value": None, "count": 2}], plan, MAPPING)
    assert outcome(later).comment == "Kolada: ovägt medelvärde av 2 medlemmar"
    too_early = attrs.evolve(MAPPING, missing=NotAssessedReason.TOO_EARLY)
    later = tables.kolada_from_rows([{**ROW, "value": None}], plan, too_early)
    assert outcome(later).missing is NotAssessedReason.TOO_EARLY


def test_the_comment_is_in_the_plans_language(plan: Plan) -> None:
    english = attrs.evolve(plan, language="en")
    row = {**ROW, "count": 3, "status": "x"}
    later = tables.kolada_from_rows([row], english, MAPPING)
    assert outcome(later).comment == "Kolada: unweighted mean of 3 members; Kolada status: x"


def test_without_a_comment_the_plans_comment_stays(plan: Plan) -> None:
    window = Period("2019-01-01/2024-12-31")
    row = {**ROW, "kpi": "N2", "municipality": "0180", "period": "2019", "value": 64734}
    assert tables.kolada_from_rows([row], plan, MAPPING, within=window) == plan


# -- the mapping ------------------------------------------------------------------------------


def test_rows_the_mapping_does_not_name_are_errors_or_left_out(plan: Plan) -> None:
    rows = [{**ROW, "kpi": "N9"}, {**ROW, "municipality": "0001"}, {**ROW, "gender": "X"}]
    heading, found = problems(tables.kolada_from_rows, rows, plan, MAPPING)
    assert heading == f"{KOLADA}: 3 problems"
    assert found == [
        ("row 1, column 'kpi'", NOT_MAPPED.format("N9", "2281")),
        ("row 2, column 'kpi'", NOT_MAPPED.format("N1", "0001")),
        ("row 3, column 'gender'",
         "gender 'X' is not in the mapping (mapped: T, K, M)" + UNMAPPED),
    ]  # fmt: skip
    later = tables.kolada_from_rows([*rows, ROW], plan, MAPPING, ignore_unmapped=True)
    assert outcome(later).value == 5
    assert tables.kolada_from_rows(rows, plan, MAPPING, ignore_unmapped=True) == plan


def test_a_series_the_indicator_lacks_is_named_at_the_gender(plan: Plan) -> None:
    assert row_problems(plan, gender="K") == [
        ("row 1, column 'gender'", f"unknown series 'women' of indicator '{HIRED}' (series: total)")
    ]


def test_the_mapping_checks_what_it_is_given() -> None:
    twice = (KoladaIndicator(kpi="N1", municipality="2281", indicator="a"),
             KoladaIndicator(kpi="N1", municipality="2281", indicator="b"))  # fmt: skip
    cases = [
        (lambda: KoladaMapping(indicators=twice),
         ("KPI 'N1' for municipality '2281' is mapped onto both 'a' and 'b'; map it onto one "
         "indicator")),
        (lambda: KoladaMapping(indicators=(), genders={"T": ""}),
         "genders maps Kolada codes onto series keys (got 'T': '')"),
        (lambda: KoladaMapping(indicators=(), genders={1: "x"}),
         "genders maps Kolada codes onto series keys (got 1: 'x')"),
        (lambda: KoladaMapping(indicators=(), genders={"T": 1}),
         "genders maps Kolada codes onto series keys (got 'T': 1)"),
        (lambda: KoladaIndicator(kpi=" ", municipality="1", indicator="a"),
         "kpi must be a non-empty text (got ' ')"),
        (lambda: KoladaIndicator(kpi="N1", municipality="", indicator="a"),
         "municipality must be a non-empty text (got '')"),
        (lambda: KoladaIndicator(kpi="N1", municipality="1", indicator=3),
         "indicator must be a non-empty text (got 3)"),
    ]  # fmt: skip
    for make, message in cases:
        with pytest.raises(MalstyrningError) as caught:
            make()
        assert str(caught.value) == message
    same = (twice[0], twice[0])
    assert KoladaMapping(indicators=same).indicator_for("N1", "2281") == "a"
    assert KoladaMapping(indicators=iter(same)).indicators == same
    mapping = KoladaMapping.of({("N1", "2281"): "a"}, genders={"T": "all"})
    assert (mapping.indicator_for("N1", "2281"), mapping.indicator_for("N1", "2282")) == ("a", None)
    assert dict(mapping.genders) == {"T": "all"}


def test_a_plan_states_its_mapping() -> None:
    hse = Indicator(id="hse", title="HSE", kolada=KoladaSource(kpi="N1"))
    own = Indicator(id="own", title="Own", kolada=KoladaSource(kpi="N2", municipality="2281"))
    plain = Indicator(id="plain", title="Plain")
    goal = Goal(id="g", title="Mål", level="goal", children=(hse, own, plain))
    base = Plan(id="p", title="Plan", organisation="Region", validity=Period("2022"),
                levels=(PlanLevel(key="goal", label="Mål"),), goals=(goal,))  # fmt: skip
    with pytest.raises(MalstyrningError) as caught:
        KoladaMapping.from_plan(base)
    assert str(caught.value) == (
        "plan 'p': indicator(s) 'hse' name a Kolada KPI but no municipality; give "
        "kolada.municipality on each, or the plan's kolada_municipality for all"
    )
    mapping = KoladaMapping.from_plan(attrs.evolve(base, kolada_municipality="0022"))
    assert mapping.indicators == (
        KoladaIndicator(kpi="N1", municipality="0022", indicator="hse"),
        KoladaIndicator(kpi="N2", municipality="2281", indicator="own"),
    )


def test_a_mapping_document_that_does_not_fit_is_listed() -> None:
    with pytest.raises(DocumentError) as caught:
        KoladaMapping.from_document({"indicators": [{"kpi": "N1"}]})
    assert str(caught.value).startswith("the Kolada mapping could not be read: ")


# -- headers, files and options ---------------------------------------------------------------


def test_kolada_headers_are_checked(plan: Plan) -> None:
    known = (
        "Kolada exports have the columns kpi, municipality, period, gender, value, count, status"
    )
    text = "kpi,municipality,period,extra\nN1,2281,2022,x\n"
    heading, found = problems(tables.kolada_from_csv, text, plan, MAPPING, source="k.csv")
    assert heading == (
        "k.csv could not be read as a Kolada export for plan 'vasternorrland-2022': 2 problems"
    )
    assert found == [
        ("row 1, column 4 'extra'", f"unknown column 'extra'; {known}"),
        ("header", "missing column(s) 'gender', 'value'"),
    ]


def test_kolada_options_reach_every_row(plan: Plan, tmp_path: Path) -> None:
    text = "kpi;municipality;period;gender;value\nN1;2281;2022;T;1,5\nN1;2281;2023;T;7\n"
    assert outcome(tables.kolada_from_csv(text, plan, MAPPING, decimal=",")).value == Decimal("1.5")
    assert problems(tables.kolada_from_csv, text, plan, MAPPING, decimal=".")[1] == [
        ("row 2, column 'value'",
         "expected a number with '.' for decimals and spaces between thousands (got '1,5')")
    ]  # fmt: skip
    with pytest.raises(MalstyrningError) as caught:
        tables.kolada_from_csv(text, plan, MAPPING, decimal=";")
    assert str(caught.value) == "decimal must be ',', '.' or None (got ';')"
    wide = tables.kolada_from_csv(
        text.replace("2023", "2025"), plan, MAPPING, within=Period("2022-01-01/2025-12-31")
    )
    assert outcome(wide, period="2025").value == 7
    path = tmp_path / "kolada.txt"
    path.write_text(text.replace(";", "|"), encoding="utf-8")
    from_file = tables.read_kolada(path, plan, MAPPING, delimiter="|", decimal=",")
    assert outcome(from_file).value == Decimal("1.5")
    assert problems(tables.read_kolada, path, plan, MAPPING, delimiter="|", decimal=".")[1][0][
        0
    ] == ("row 2, column 'value'")


def test_kolada_replaces_only_when_asked(plan: Plan) -> None:
    window = Period("2019")
    row = {**ROW, "period": "2019", "value": 1}
    assert row_problems(plan, period="2019", value=1) == [
        ("row 1, column 'period'",
         ("period 2019 is outside the plan's validity 2022-01-01/2024-12-31; pass within= a "
         "wider period to accept it (a baseline year, say)"))
    ]  # fmt: skip
    assert problems(tables.kolada_from_rows, [row], plan, MAPPING, within=window)[1] == [
        ("row 1, column 'value'",
         (f"the plan already has another outcome for '{HIRED}' series 'total' in 2019 (value "
         "13.9; this row: value 1); pass replace=True to replace it"))
    ]  # fmt: skip
    later = tables.kolada_from_rows([row], plan, MAPPING, within=window, replace=True)
    assert outcome(later, period="2019").value == 1


def test_kolada_rows_are_counted_from_one_with_their_source(plan: Plan) -> None:
    rows = [ROW, {**ROW, "kpi": "N9"}]
    heading, found = problems(tables.kolada_from_rows, rows, plan, MAPPING, source="api")
    assert (
        heading
        == "api could not be read as a Kolada export for plan 'vasternorrland-2022': 1 problem"
    )
    assert found[0][0] == "row 2, column 'kpi'"


def test_group_ids_and_the_whole_country_are_municipalities_too(plan: Plan) -> None:
    mapping = KoladaMapping.of({("N1", "G124026"): HIRED, ("N2", "0000"): KR})
    rows = [
        {**ROW, "municipality": "G124026"},
        {**ROW, "kpi": "N2", "municipality": 0, "value": 70000},
    ]
    later = tables.kolada_from_rows(rows, plan, mapping)
    assert (outcome(later).value, outcome(later, KR).value) == (5, 70000)
    assert problems(tables.kolada_from_rows, [{**ROW, "municipality": True}], plan, MAPPING)[1] == [
        ("row 1, column 'kpi'", NOT_MAPPED.format("N1", "true"))
    ]


def test_a_mapping_onto_what_the_plan_lacks_is_named_at_the_kpi(plan: Plan) -> None:
    mapping = KoladaMapping.of({("N1", "2281"): "nope", ("N2", "2281"): "mal-2-1-1"})
    rows = [ROW, {**ROW, "kpi": "N2"}]
    assert problems(tables.kolada_from_rows, rows, plan, mapping)[1] == [
        ("row 1, column 'kpi'", "unknown indicator 'nope'"),
        ("row 2, column 'kpi'",
         "'mal-2-1-1' is a goal; outcomes belong to indicators and yes/no measures"),
    ]  # fmt: skip


def test_every_indicator_without_a_municipality_is_named() -> None:
    first = Indicator(id="first", title="First", kolada=KoladaSource(kpi="N1"))
    placed = Indicator(id="placed", title="Placed", kolada=KoladaSource(kpi="N2", municipality="1"))
    second = Indicator(id="second", title="Second", kolada=KoladaSource(kpi="N3"))
    goal = Goal(id="g", title="Mål", level="goal", children=(first, placed, second))
    base = Plan(id="p", title="Plan", organisation="Region", validity=Period("2022"),
                levels=(PlanLevel(key="goal", label="Mål"),), goals=(goal,))  # fmt: skip
    with pytest.raises(MalstyrningError) as caught:
        KoladaMapping.from_plan(base)
    assert str(caught.value).startswith("plan 'p': indicator(s) 'first', 'second' name a Kolada")


def test_a_unit_conflict_never_hides_the_rows_after_it(plan: Plan) -> None:
    rows = [
        {**ROW, "kpi": "N2", "municipality": "0180", "value": "5 %"},
        {**ROW, "kpi": "N9"},
        {**ROW, "period": "2023", "value": Decimal(6)},
    ]
    found = problems(tables.kolada_from_rows, rows, plan, MAPPING)[1]
    assert [place for place, _ in found] == ["row 1, column 'value'", "row 2, column 'kpi'"]
    later = tables.kolada_from_rows(rows[2:], plan, MAPPING)
    assert outcome(later, period="2023").value == 6


def test_a_kolada_workbook_reads_its_number_cells_as_shown(plan: Plan, tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["kpi", "municipality", "period", "gender", "value", "count"])
    sheet.append(["N1", 2281, 2022, "T", 0.079, 1])
    sheet["E2"].number_format = "0.0%"
    sheet.append(["N2", 180, 2022, "T", 70000, 3])
    sheet["E3"].number_format = "0.00"
    path = tmp_path / "kolada.xlsx"
    book.save(path)
    later = tables.read_kolada(path, plan, MAPPING)
    assert outcome(later).value.as_tuple() == Decimal("7.9").as_tuple()
    assert outcome(later, KR).value.as_tuple() == Decimal("70000.00").as_tuple()
    assert outcome(later, KR).comment == MEAN.format(3)


def test_a_mapping_states_its_reason_for_missing_values() -> None:
    mapping = KoladaMapping.of({("N1", "2281"): HIRED}, missing=NotAssessedReason.TOO_EARLY)
    assert mapping.missing is NotAssessedReason.TOO_EARLY
    assert KoladaMapping.of({("N1", "2281"): HIRED}).missing is NotAssessedReason.NO_DATA


def test_a_kolada_row_without_a_note_keeps_the_plans_comment(plan: Plan) -> None:
    mapping = KoladaMapping.of({("N3", "2281"): "hse"})
    window = Period("2019-01-01/2024-12-31")
    row = {**ROW, "kpi": "N3", "period": "2020", "value": 83}
    assert tables.kolada_from_rows([row], plan, mapping, within=window) == plan
    noted = {**row, "count": 3}
    found = problems(tables.kolada_from_rows, [noted], plan, mapping, within=window)[1]
    assert found[0][1].startswith("the plan already has another outcome for 'hse'")
    later = tables.kolada_from_rows([noted], plan, mapping, within=window, replace=True)
    assert outcome(later, "hse", "2020").comment == MEAN.format(3)


def test_a_mapping_is_frozen_and_hashable() -> None:
    mapping = KoladaMapping.of({("N1", "2281"): HIRED}, genders={"T": "total"})
    assert hash(mapping) == hash(KoladaMapping.of({("N1", "2281"): HIRED}, genders={"T": "total"}))
    with pytest.raises(TypeError):
        mapping.genders["K"] = "women"  # type: ignore[index]


class _Unreadable(float):
    """A number cell whose value cannot be taken: its error names the cause, cut if long."""

    def __new__(cls, message: str) -> _Unreadable:
        made = super().__new__(cls, 1.0)
        made.message = message
        return made

    def __float__(self) -> float:
        raise ValueError(self.message)


@pytest.mark.parametrize(
    ("message", "shown"),
    [("", "ValueError"), ("x" * 300, "x" * 300),
     ("a" * 150 + "b" + "c" * 150, "a" * 150 + "…" + "c" * 150),
     ("".join(chr(65 + i % 26) for i in range(400)),
      "".join(chr(65 + i % 26) for i in range(150)) + "…"
      + "".join(chr(65 + i % 26) for i in range(250, 400)))],
)  # fmt: skip
def test_an_error_from_elsewhere_is_named_and_cut_to_300(
    plan: Plan, message: str, shown: str
) -> None:
    assert row_problems(plan, value=_Unreadable(message)) == [("row 1, column 'value'", shown)]
