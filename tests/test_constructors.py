"""The Python constructors are as kind and as strict as documents (issue 15, item 7).

Text a document may give for a number or a period is accepted by the constructor too; text
it refuses is refused with the same library error, in a plain message (never attrs'
``Attribute(...)`` repr).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from malstyrning import loads
from malstyrning.errors import InvalidNumber, InvalidPeriod, InvalidPlan
from malstyrning.model import Comment, Goal, Indicator, Judgement, Measurement, Plan, PlanLevel
from malstyrning.periods import Period


def test_a_measurement_takes_number_text_as_a_document_does() -> None:
    measurement = Measurement(period=Period("2019"), value="5.7")
    assert measurement.value == Decimal("5.7")
    assert measurement == Measurement(period=Period("2019"), value=Decimal("5.7"))


def test_swedish_number_text_is_a_plain_number_error() -> None:
    with pytest.raises(InvalidNumber) as raised:
        Measurement(period=Period("2019"), value="5,7")
    message = str(raised.value)
    assert message.startswith("expected a number with a point for decimals, such as '5.7'")
    assert "(got '5,7')" in message
    assert "Attribute(" not in message


@pytest.mark.parametrize("text", ["1_000", "٥", "５", "NaN", "Infinity", "fem"])
def test_number_text_a_document_refuses_is_refused(text: str) -> None:
    with pytest.raises(InvalidNumber, match="expected a number"):
        Measurement(period=Period("2019"), value=text)


def test_the_constructor_and_the_document_agree_on_number_text() -> None:
    def document(value: str) -> str:
        return (
            '{"format_version": 1, "id": "p", "title": "P",'
            ' "organisation": "R", "validity": "2019", "levels": [{"key": "goal", "label":'
            ' "Mål"}], "goals": [{"id": "g", "title": "G", "level": "goal", "children": [{'
            '"kind": "indicator", "id": "i", "title": "I", "series": [{"key": "total",'
            f' "measurements": [{{"period": "2019", "value": "{value}"}}]}}]}}]}}]}}'
        )

    loaded = loads(document("5.7"), format="json")
    assert loaded["i"].main_series.get(Period("2019")).value == Decimal("5.7")
    with pytest.raises(InvalidPlan) as raised:
        loads(document("5,7"), format="json")
    assert "$.goals[0].children[0].series[0].measurements[0].value" in str(raised.value)


@pytest.mark.parametrize(("given", "expected"), [("2019-T1", "2019-T1"), (2019, "2019")])
def test_a_measurement_takes_a_period_as_text_or_a_year(given: object, expected: str) -> None:
    assert Measurement(period=given, value=1).period == Period(expected)  # type: ignore[arg-type]


def test_a_bad_period_text_is_an_invalid_period() -> None:
    with pytest.raises(InvalidPeriod) as raised:
        Measurement(period="2019-T4", value=1)  # type: ignore[arg-type]
    assert str(raised.value).startswith("unknown period '2019-T4': a year has tertials")


def test_a_period_of_the_wrong_type_is_a_plain_message() -> None:
    with pytest.raises(TypeError) as raised:
        Measurement(period=2019.5, value=1)  # type: ignore[arg-type]
    message = str(raised.value)
    assert message == (
        "period must be a Period or a period text such as '2019-T1' (got 2019.5, float)"
    )


@pytest.mark.parametrize(
    "build",
    [
        lambda period: Judgement(period=period, status="green", by="HSN"),
        lambda period: Comment(period=period, text="t"),
    ],
)
def test_other_period_fields_take_text(build) -> None:
    assert build("2019-T2").period == Period("2019-T2")


def test_a_plan_takes_its_validity_and_reporting_period_as_text() -> None:
    plan = Plan(
        id="p",
        title="P",
        organisation="R",
        validity="2022-01-01/2024-12-31",  # type: ignore[arg-type]
        reporting_period="2022",  # type: ignore[arg-type]
        levels=(PlanLevel(key="goal", label="Mål"),),
        goals=(Goal(id="g", title="G", level="goal"),),
    )
    assert plan.validity == Period(date(2022, 1, 1), date(2024, 12, 31))
    assert plan.reporting_period == Period("2022")


def test_wrong_types_elsewhere_name_the_field_plainly() -> None:
    with pytest.raises(TypeError) as raised:
        Indicator(id="i", title=5)  # type: ignore[arg-type]
    assert str(raised.value) == "title must be a str (got 5, int)"
    with pytest.raises(TypeError) as raised:
        Indicator(id="i", title="I", source=["x"])  # type: ignore[arg-type]
    assert str(raised.value) == "source must be a str or None (got ['x'], list)"


def test_rules_take_their_periods_as_text() -> None:
    from malstyrning.rules import Change, Direction

    rule = Change(baseline="2016", direction=Direction.LOWER_IS_BETTER)  # type: ignore[arg-type]
    assert rule.baseline == Period("2016")
    with pytest.raises(TypeError) as raised:
        Change(baseline=2016.0, direction=Direction.LOWER_IS_BETTER)  # type: ignore[arg-type]
    assert str(raised.value) == (
        "baseline must be a Period or a period text such as '2019-T1' (got 2016.0, float)"
    )


def test_an_outcome_row_is_as_kind_as_a_measurement() -> None:
    from malstyrning.tables import OutcomeRow

    row = OutcomeRow(indicator="i", period="2019-T1", value="5.7")  # type: ignore[arg-type]
    assert row.measurement() == Measurement(period=Period("2019-T1"), value=Decimal("5.7"))
    with pytest.raises(InvalidNumber, match=r"\(got '5,7'\)"):
        OutcomeRow(indicator="i", period=Period("2019"), value="5,7")


def test_numbers_built_in_python_keep_the_bounds_documents_keep():
    from decimal import Decimal

    from malstyrning import InvalidPlan, InvalidTarget, Measurement, Period
    from malstyrning.rules import Comparison, Threshold

    with pytest.raises(InvalidPlan, match=r"a measurement's value: the number '1E\+999999' is out"):
        Measurement(period=Period("2020"), value=Decimal("1E+999999"))
    with pytest.raises(InvalidPlan, match="at most 12 decimals"):
        Measurement(period=Period("2020"), value=Decimal("0.1234567890123"))
    with pytest.raises(InvalidTarget, match=r"Threshold.value: the number '1E\+40' is out"):
        Threshold(comparison=Comparison.AT_LEAST, value="1E+40")
    assert Measurement(period=Period("2020"), value=Decimal("999999999999999")).value
