"""Batch evaluation refuses what it cannot judge exactly, and says where, in so many words.

Pins every refusal of :func:`malstyrning.batch.evaluate_frame`: the option checks (``places``,
the plan's trend basis), the rules it is given (their type, aggregation, rules without a
numeric description or direction, baseline values finer than ``places``), the table (missing
columns, empty indicators and periods, unreadable or non-calendar periods, too many periods for
trend and pace, values too large for exact integers) — each with its exact message naming the
column, the value or the indicator — and the edges just inside every limit.
"""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import polars as pl
import pyarrow as pa
import pytest

from malstyrning import (
    Goal,
    Indicator,
    Measurement,
    Period,
    Plan,
    PlanLevel,
    Series,
)
from malstyrning.batch import BatchColumns, BatchInputError, UnsupportedRule, evaluate_frame
from malstyrning.model import Aggregation, TrendBasis
from malstyrning.rules import (
    Change,
    Comparison,
    Direction,
    Maintain,
    RelativeToReference,
    SeriesTarget,
    TargetLevel,
    Threshold,
    Tolerance,
    Trajectory,
)

AT_LEAST_2 = Threshold(comparison=Comparison.AT_LEAST, value=D(2))


def frame(**columns: list[Any]) -> pl.DataFrame:
    """A one-indicator table: indicator ``i``, period 2019, value 1 unless given."""
    rows = len(next(iter(columns.values()))) if columns else 1
    data: dict[str, list[Any]] = {
        "indicator": ["i"] * rows,
        "period": ["2019"] * rows,
        "value": [1.0] * rows,
    }
    return pl.DataFrame(data | columns)


def plan_of(indicator: Indicator, **fields: Any) -> Plan:
    return Plan(
        id="p",
        title="Plan",
        organisation="Region Test",
        validity=Period("2019"),
        levels=(PlanLevel(key="goal", label="Mål"),),
        goals=(Goal(id="g", title="Mål", level="goal", children=(indicator,)),),
        **fields,
    )


def indicator(**fields: Any) -> Indicator:
    return Indicator(
        id=fields.pop("id", "i"),
        title="Indikator",
        direction=fields.pop("direction", Direction.HIGHER_IS_BETTER),
        target=fields.pop("target", AT_LEAST_2),
        series=(Series(key="total", measurements=(Measurement(period=Period("2019")),)),),
        **fields,
    )


# -- options -----------------------------------------------------------------------------------


@pytest.mark.parametrize("places", [-1, 10])
def test_places_outside_zero_to_nine_is_refused_naming_the_value(places: int) -> None:
    with pytest.raises(BatchInputError) as raised:
        evaluate_frame(frame(), {"i": AT_LEAST_2}, places=places)
    assert str(raised.value) == f"places must be between 0 and 9 (got {places})"


@pytest.mark.parametrize(
    ("places", "value", "status"), [(0, 1.6, "green"), (9, 1.999999999, "red")]
)
def test_places_zero_and_nine_are_accepted_and_round_values(
    places: int, value: float, status: str
) -> None:
    # 1.6 at no decimals is 2 (meets "at least 2"); 1.999999999 at nine stays below 2.
    result = evaluate_frame(frame(value=[value]), {"i": AT_LEAST_2}, places=places)
    assert result["status"].cast(pl.String).to_list() == [status]


def test_a_plan_comparing_with_a_year_earlier_needs_trend_off() -> None:
    plan = plan_of(indicator(), trend_basis=TrendBasis.YEAR_BEFORE)
    with pytest.raises(UnsupportedRule) as raised:
        evaluate_frame(frame(), plan)
    assert str(raised.value) == (
        "the plan's trend compares with the same period a year earlier, and batch "
        "evaluation compares with the previous period of the same kind; pass "
        "trend=False, or evaluate the plan with malstyrning.evaluate"
    )
    result = evaluate_frame(frame(value=[3.0]), plan, trend=False)
    assert result["status"].cast(pl.String).to_list() == ["green"]


def test_a_plan_comparing_with_the_previous_report_is_judged_with_trend() -> None:
    plan = plan_of(indicator(), trend_basis=TrendBasis.PREVIOUS)
    table = frame(period=["2018", "2019"], value=[1.0, 3.0])
    result = evaluate_frame(table, plan).sort("period")
    assert result["trend"].to_list() == [None, "improving"]


# -- the rules -----------------------------------------------------------------------------


def test_rules_of_another_type_are_refused_naming_the_type() -> None:
    with pytest.raises(BatchInputError) as raised:
        evaluate_frame(frame(), [AT_LEAST_2])  # type: ignore[arg-type]
    assert str(raised.value) == (
        "rules must be a Plan or a mapping of indicator ids to rules or indicators (got list)"
    )


def test_a_mapping_entry_of_another_type_is_refused_naming_the_key() -> None:
    with pytest.raises(BatchInputError) as raised:
        evaluate_frame(frame(), {"i": 3})  # type: ignore[dict-item]
    assert str(raised.value) == (
        "rules['i'] must be a rule, an Indicator or a YesNoMeasure (got int)"
    )


@pytest.mark.parametrize("where", ["plan", "mapping"])
def test_an_indicator_with_aggregation_is_refused_naming_it(where: str) -> None:
    aggregated = indicator(id="sjuk", aggregation=Aggregation.LATEST)
    rules: Any = plan_of(aggregated) if where == "plan" else {"sjuk": aggregated}
    with pytest.raises(UnsupportedRule) as raised:
        evaluate_frame(frame(indicator=["sjuk"]), rules)
    assert str(raised.value) == (
        "indicator 'sjuk': outcomes of shorter periods answer for longer ones "
        "(aggregation 'latest'), which batch evaluation cannot do; evaluate this "
        "indicator with malstyrning.evaluate instead"
    )


@pytest.mark.parametrize(
    "rule",
    [
        Maintain(level=D(1)),
        Trajectory(levels=(TargetLevel(Period("2019"), D(1)), TargetLevel(Period("2021"), D(2)))),
    ],
    ids=["maintain", "trajectory"],
)
def test_a_bare_rule_that_follows_a_direction_is_refused_naming_indicator_and_rule(
    rule: Any,
) -> None:
    with pytest.raises(UnsupportedRule) as raised:
        evaluate_frame(frame(indicator=["m"]), {"m": rule})
    assert str(raised.value) == (
        f"indicator 'm': rule {type(rule).__name__} ({rule}) cannot be judged in batch: it "
        "follows the indicator's direction, which a bare rule does not give; pass an "
        "Indicator (with direction=) instead of the rule; evaluate this indicator with "
        "malstyrning.evaluate instead"
    )


def test_the_same_rule_in_an_indicator_is_judged_by_its_direction() -> None:
    rules = {"m": indicator(target=Maintain(level=D(1)), direction=Direction.LOWER_IS_BETTER)}
    table = frame(indicator=["m", "m"], period=["2019", "2020"], value=[0.5, 1.5])
    result = evaluate_frame(table, rules).sort("period")
    assert result["status"].cast(pl.String).to_list() == ["green", "red"]


def test_a_baseline_value_finer_than_places_is_refused_naming_it() -> None:
    rule = Change(
        baseline=Period("2015"), direction=Direction.HIGHER_IS_BETTER, baseline_value=D("4.12345")
    )
    with pytest.raises(BatchInputError) as raised:
        evaluate_frame(frame(), {"i": rule})
    assert str(raised.value) == (
        "the baseline value 4.12345 has more than 4 decimals; pass a larger places= to "
        "evaluate_frame"
    )
    # At five decimals it is exact, and stands in for the missing 2015 outcome.
    result = evaluate_frame(frame(value=[4.12346]), {"i": rule}, places=5)
    assert result["status"].cast(pl.String).to_list() == ["green"]


# -- the table -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "renamed"), [("indicator", "kpi"), ("period", "year"), ("value", "v")]
)
def test_a_missing_column_is_named_with_the_columns_present(role: str, renamed: str) -> None:
    table = frame().rename({role: renamed})
    with pytest.raises(BatchInputError) as raised:
        evaluate_frame(table, {"i": AT_LEAST_2})
    present = ", ".join(repr(name) for name in table.columns)
    assert str(raised.value) == (
        f"the outcome table has no {role} column {role!r} (columns: {present}); name it "
        f"with columns=BatchColumns({role}=...)"
    )
    columns = BatchColumns(**{role: renamed})
    judged = evaluate_frame(table, {"i": AT_LEAST_2}, columns=columns)
    assert judged["status"].cast(pl.String).to_list() == ["red"]


def test_empty_indicator_values_are_refused() -> None:
    table = frame(indicator=["i", None], value=[1.0, 2.0])
    with pytest.raises(BatchInputError) as raised:
        evaluate_frame(table, {"i": AT_LEAST_2})
    assert str(raised.value) == "column 'indicator' has empty values; every row needs one"


def test_empty_periods_are_refused_naming_the_column() -> None:
    table = frame(period=["2019", None]).rename({"period": "år"})
    with pytest.raises(BatchInputError) as raised:
        evaluate_frame(table, {"i": AT_LEAST_2}, columns=BatchColumns(period="år"))
    assert str(raised.value) == "column 'år' has empty periods; every row needs one"


def test_an_unreadable_period_is_named_with_the_reader_s_reason() -> None:
    with pytest.raises(BatchInputError) as raised:
        evaluate_frame(frame(period=["2019-T4"]), {"i": AT_LEAST_2})
    assert str(raised.value).startswith(
        "column 'period': '2019-T4' is not a period (unknown period '2019-T4': a year has "
        "tertials T1-T3"
    )


def test_a_period_that_is_no_calendar_period_is_refused() -> None:
    with pytest.raises(BatchInputError) as raised:
        evaluate_frame(frame(period=["2019-01-05/2019-02-10"]), {"i": AT_LEAST_2})
    assert str(raised.value) == (
        "column 'period': '2019-01-05/2019-02-10' is not a period (batch evaluation needs "
        "calendar periods: years, halves, tertials, quarters or months)"
    )


def test_a_calendar_range_and_integer_years_are_read_as_periods() -> None:
    table = pl.DataFrame({"indicator": ["i", "i"], "period": [2019, 2020], "value": [3.0, 1.0]})
    result = evaluate_frame(table, {"i": AT_LEAST_2}).sort("period")
    assert result["status"].cast(pl.String).to_list() == ["green", "red"]
    assert result["trend"].to_list() == [None, "worsening"]
    half = frame(period=["2019-01-01/2019-06-30"], value=[3.0])
    assert evaluate_frame(half, {"i": AT_LEAST_2})["status"].cast(pl.String).to_list() == ["green"]


def months(count: int) -> pl.DataFrame:
    periods = [f"{2000 + n // 12}-{n % 12 + 1:02d}" for n in range(count)]
    return frame(period=periods, value=[float(n) for n in range(count)])


def test_more_than_62_periods_of_a_kind_need_trend_and_pace_off() -> None:
    with pytest.raises(BatchInputError) as raised:
        evaluate_frame(months(63), {"i": AT_LEAST_2})
    assert str(raised.value) == (
        "the table has 63 periods of kind month; trend and pace compare at most 62: pass "
        "trend=False, pace=False"
    )
    judged = evaluate_frame(months(63), {"i": AT_LEAST_2}, trend=False, pace=False)
    assert judged["status"].cast(pl.String).to_list() == ["red"] * 2 + ["green"] * 61


def test_62_periods_of_a_kind_get_a_trend_each() -> None:
    judged = evaluate_frame(months(62), {"i": AT_LEAST_2}).sort("period")
    assert judged["trend"].to_list() == [None] + ["improving"] * 61


def test_values_too_large_for_exact_floats_are_refused_at_the_edge() -> None:
    # Scaled and rounded up, plus one: below 2**52 every integer is exact in a float.
    edge = float(2**52 - 2)
    ok = evaluate_frame(frame(value=[edge]), {"i": AT_LEAST_2}, places=0)
    assert ok["status"].cast(pl.String).to_list() == ["green"]
    with pytest.raises(BatchInputError) as raised:
        evaluate_frame(frame(value=[edge + 1]), {"i": AT_LEAST_2}, places=0)
    assert str(raised.value) == (
        "values up to 4503599627370495.0 cannot be scaled to 0 decimals exactly; pass a "
        "smaller places= to evaluate_frame"
    )


def test_negative_values_count_by_their_magnitude() -> None:
    with pytest.raises(BatchInputError, match=r"values up to 4503599627370495\.0 cannot"):
        evaluate_frame(frame(value=[-float(2**52 - 1)]), {"i": AT_LEAST_2}, places=0)


def test_values_too_large_for_a_rule_s_integers_name_the_indicator() -> None:
    # A tolerance of 0.0000001 multiplies margins by 10**7: 10**11 at 4 decimals overflows.
    rule = Threshold(
        comparison=Comparison.AT_LEAST, value=D(2), tolerance=Tolerance(D("0.0000001"))
    )
    with pytest.raises(BatchInputError) as raised:
        evaluate_frame(frame(indicator=["kpi"], value=[1e11]), {"kpi": rule})
    assert str(raised.value) == (
        "indicator 'kpi': values up to 100000000000.0 at 4 decimals do not fit 64-bit exact "
        "arithmetic for its rule; pass a smaller places= to evaluate_frame"
    )
    fine = evaluate_frame(frame(indicator=["kpi"], value=[1e11]), {"kpi": rule}, places=0)
    assert fine["status"].cast(pl.String).to_list() == ["green"]


@pytest.mark.parametrize(
    ("rules", "named"),
    [
        (
            {"i": SeriesTarget(series="women", rule=AT_LEAST_2)},
            "'women'",
        ),
        (
            {
                "i": SeriesTarget(series="women", rule=AT_LEAST_2),
                "j": RelativeToReference(reference="riket", comparison=Comparison.AT_MOST),
                "k": SeriesTarget(series="men", rule=AT_LEAST_2),
                # Not in the table: its series is not asked for.
                "absent": SeriesTarget(series="flickor", rule=AT_LEAST_2),
            },
            "'men', 'riket', 'women'",
        ),
    ],
    ids=["one", "sorted"],
)
def test_rules_reading_other_series_name_them_and_the_series_column(rules: Any, named: str) -> None:
    table = pa.table({"indicator": ["i", "j", "k"], "period": ["2019"] * 3, "value": [1.0] * 3})
    with pytest.raises(BatchInputError) as raised:
        evaluate_frame(table, rules, columns=BatchColumns(series="kön"))
    assert str(raised.value) == (
        f"the rules read the series {named}, but the table has no series column 'kön'; "
        "name it with BatchColumns(series=...)"
    )


def test_series_rules_of_indicators_absent_from_the_table_need_no_series_column() -> None:
    rules = {
        "i": AT_LEAST_2,
        "absent": SeriesTarget(series="women", rule=AT_LEAST_2),
    }
    table = pa.table({"indicator": ["i"], "period": ["2019"], "value": [3.0]})
    assert evaluate_frame(table, rules).column("status").to_pylist() == ["green"]
