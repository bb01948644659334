"""What :func:`malstyrning.batch.evaluate_frame` hands back, engine by engine.

Pins the output a user reads: the added columns, their order and types (polars ``Enum`` and
``Categorical``, pandas categoricals, text elsewhere), the input's columns kept and
same-named ones replaced, pandas' row order and index, an empty table, the ``target`` and
``gap`` of a threshold and of a band, and the ``trend`` column: against the previous valued
period of the same unit, indicator, series and period kind, by the indicator's direction.
"""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import attrs
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

from _plans import band
from malstyrning import Indicator, Measurement, Period, Series
from malstyrning.batch import OUTPUT_COLUMNS, evaluate_frame
from malstyrning.errors import BatchInputError
from malstyrning.rules import (
    Change,
    Comparison,
    Composite,
    Direction,
    Threshold,
    Tolerance,
    YesNo,
)

NEAR = Threshold(comparison=Comparison.AT_LEAST, value=D("4.10"), tolerance=Tolerance(D("0.01")))
LEVELS = ["green", "yellow", "red", "not_assessed"]


def outcomes() -> dict[str, list[Any]]:
    """Three periods out of order: near (yellow), met (green) and missing."""
    return {
        "indicator": ["i", "i", "i"],
        "period": ["2021", "2019", "2020"],
        "value": [4.09, 4.2, None],
    }


# -- columns and types ----------------------------------------------------------------------


def test_polars_gets_enum_status_in_rank_order_and_categorical_reason() -> None:
    result = evaluate_frame(pl.DataFrame(outcomes()), {"i": NEAR})
    assert result.columns == ["indicator", "period", "value", *OUTPUT_COLUMNS]
    assert result.schema["status"] == pl.Enum(LEVELS)
    assert result.schema["reason"] == pl.Categorical
    assert result.schema["target"] == pl.Float64
    assert result.schema["gap"] == pl.Float64
    rows = result.sort("period").select(*OUTPUT_COLUMNS).rows()
    assert rows == [
        ("green", None, 4.1, pytest.approx(0.1), None, None),
        ("not_assessed", "no_data", None, None, None, None),
        ("yellow", None, 4.1, pytest.approx(-0.01), "worsening", None),
    ]


def test_polars_status_sorts_by_rank() -> None:
    result = evaluate_frame(pl.DataFrame(outcomes()), {"i": NEAR}).sort("status")
    assert result["status"].cast(pl.String).to_list() == ["green", "yellow", "not_assessed"]


def test_pyarrow_gets_text_columns() -> None:
    result = evaluate_frame(pa.table(outcomes()), {"i": NEAR})
    assert result.column_names == ["indicator", "period", "value", *OUTPUT_COLUMNS]
    assert result.schema.field("status").type == pa.string()
    assert result.schema.field("reason").type == pa.string()
    rows = sorted(result.to_pylist(), key=lambda row: row["period"])
    assert [(row["status"], row["reason"], row["trend"]) for row in rows] == [
        ("green", None, None),
        ("not_assessed", "no_data", None),
        ("yellow", None, "worsening"),
    ]


def test_pyarrow_large_string_keys_join_the_rule_table() -> None:
    # polars' to_arrow() gives large_string columns; the rule table is joined on the
    # indicator (thresholds that differ) and on the period (a trajectory).
    from malstyrning.rules import TargetLevel, Trajectory

    rising = Trajectory(
        levels=(TargetLevel(Period("2019"), D(2)), TargetLevel(Period("2021"), D(4)))
    )
    rising = Indicator(
        id="k",
        title="K",
        direction=Direction.HIGHER_IS_BETTER,
        target=Trajectory(
            levels=(TargetLevel(Period("2019"), D(2)), TargetLevel(Period("2021"), D(4)))
        ),
        series=(Series(key="total", measurements=(Measurement(period=Period("2019")),)),),
    )
    rules = {"i": NEAR, "j": Threshold(comparison=Comparison.AT_LEAST, value=D(4)), "k": rising}
    frame = pl.DataFrame(
        {
            "indicator": ["i", "j", "k", "k", "k"],
            "period": ["2019", "2019", "2019", "2020", "2021"],
            "value": [4.2, 3.0, 2.0, 2.5, 3.5],
        }
    ).to_arrow()
    assert frame.schema.field("indicator").type == pa.large_string()
    for trend in (False, True):
        rows = evaluate_frame(frame, rules, trend=trend).to_pylist()
        found = {(r["indicator"], r["period"]): (r["status"], r["target"]) for r in rows}
        assert found == {
            ("i", "2019"): ("green", 4.1),
            ("j", "2019"): ("red", 4.0),
            ("k", "2019"): ("green", 2.0),
            ("k", "2020"): ("red", 3.0),
            ("k", "2021"): ("red", 4.0),
        }


def test_pandas_keeps_row_order_index_and_replaces_same_named_columns() -> None:
    table = pd.DataFrame(outcomes() | {"status": ["x", "y", "z"]}, index=[10, 5, 7])
    result = evaluate_frame(table, {"i": NEAR})
    assert list(result.index) == [10, 5, 7]
    assert list(result.columns) == ["indicator", "period", "value", *OUTPUT_COLUMNS]
    assert isinstance(result["status"].dtype, pd.CategoricalDtype)
    assert isinstance(result["reason"].dtype, pd.CategoricalDtype)
    assert result["status"].astype(str).tolist() == ["yellow", "green", "not_assessed"]
    assert result["reason"].tolist()[2] == "no_data"
    assert result["trend"].tolist()[0] == "worsening"
    assert result["target"].tolist()[:2] == [4.1, 4.1]
    # The caller's table is left as it was.
    assert table["status"].tolist() == ["x", "y", "z"]
    assert list(table.columns) == ["indicator", "period", "value", "status"]


def test_pandas_gets_categorical_trend_and_pace_with_every_level() -> None:
    result = evaluate_frame(pd.DataFrame(outcomes()), {"i": NEAR}, pace=True)
    for name in ("status", "reason", "trend", "pace"):
        assert isinstance(result[name].dtype, pd.CategoricalDtype), name
    assert list(result["status"].cat.categories) == LEVELS
    # The levels of the trend and pace scales, in rank order, present or not.
    assert list(result["trend"].cat.categories) == [
        "improving",
        "unchanged",
        "worsening",
        "no_trend",
    ]
    assert list(result["pace"].cat.categories) == [
        "achieved",
        "on_track",
        "acceleration_needed",
        "limited_progress",
        "deterioration",
    ]
    assert list(result["reason"].cat.categories) == ["no_data"]
    assert result["trend"].tolist()[0] == "worsening"
    assert result["pace"].isna().all()  # a threshold has no target date: no pace
    assert result["target"].dtype == result["gap"].dtype == "float64"


def test_pandas_with_a_column_the_rules_do_not_read_is_judged_by_polars() -> None:
    # Only the columns the rules read go to polars: mixed objects elsewhere do not matter.
    table = pd.DataFrame(outcomes() | {"mixed": [1, "a", None]})
    result = evaluate_frame(table, {"i": NEAR})
    assert list(result.columns) == ["indicator", "period", "value", "mixed", *OUTPUT_COLUMNS]
    assert isinstance(result["status"].dtype, pd.CategoricalDtype)
    assert result["status"].tolist() == ["yellow", "green", "not_assessed"]
    assert result["mixed"].tolist() == [1, "a", None]


def test_pandas_with_a_column_polars_cannot_read_is_judged_by_pandas() -> None:
    table = pd.DataFrame(outcomes() | {"missing": [1, "a", None]})
    result = evaluate_frame(table, {"i": NEAR})
    assert list(result.columns) == ["indicator", "period", "value", "missing", *OUTPUT_COLUMNS]
    assert not isinstance(result["status"].dtype, pd.CategoricalDtype)
    assert result["status"].tolist() == ["yellow", "green", "not_assessed"]
    assert result["reason"].isna().tolist() == [True, True, False]
    assert result["reason"].tolist()[2] == "no_data"
    assert result["missing"].tolist() == [1, "a", None]


@pytest.mark.parametrize("engine", ["polars", "lazy", "pyarrow", "pandas"])
def test_an_empty_table_gets_empty_output_columns(engine: str) -> None:
    schema = {"indicator": pl.String, "period": pl.String, "value": pl.Float64}
    empty = pl.DataFrame(schema=schema)
    native: Any = {
        "polars": empty,
        "lazy": empty.lazy(),
        "pyarrow": empty.to_arrow(),
        "pandas": empty.to_pandas(),
    }[engine]
    result = evaluate_frame(native, {"i": NEAR})
    if engine == "lazy":
        assert isinstance(result, pl.LazyFrame)
        result = result.collect()
    frame = pl.from_pandas(result) if engine == "pandas" else pl.DataFrame(result)
    assert frame.columns == ["indicator", "period", "value", *OUTPUT_COLUMNS]
    assert frame.height == 0
    if engine != "pandas":
        assert [frame.schema[name] for name in OUTPUT_COLUMNS] == [
            pl.String,
            pl.String,
            pl.Float64,
            pl.Float64,
            pl.String,
            pl.String,
        ]


# -- target and gap ------------------------------------------------------------------------


def test_target_and_gap_of_a_lower_is_better_threshold() -> None:
    rule = Threshold(comparison=Comparison.AT_MOST, value=D("2.5"))
    table = pl.DataFrame(
        {"indicator": ["i", "i"], "period": ["2019", "2020"], "value": [2.0, 3.25]}
    )
    result = evaluate_frame(table, {"i": rule}).sort("period")
    assert result.select("status", "target", "gap").rows() == [
        ("green", 2.5, 0.5),
        ("red", 2.5, -0.75),
    ]


def test_a_target_with_more_decimals_than_places_is_shown_exactly() -> None:
    rule = Threshold(comparison=Comparison.MORE_THAN, value=D("4.100001"))
    table = pl.DataFrame({"indicator": ["i"], "period": ["2019"], "value": [4.1]})
    result = evaluate_frame(table, {"i": rule})
    assert result.select("status", "target").row(0) == ("red", pytest.approx(4.100001))
    assert result["gap"][0] == pytest.approx(-0.000001)


@pytest.mark.parametrize(
    ("value", "target", "gap"),
    [(50.0, 40.0, 10.0), (58.0, 60.0, 2.0), (42.0, 40.0, 2.0), (65.0, 60.0, -5.0)],
)
def test_a_band_shows_the_nearer_bound(value: float, target: float, gap: float) -> None:
    table = pl.DataFrame({"indicator": ["i"], "period": ["2019"], "value": [value]})
    result = evaluate_frame(table, {"i": band(low=D(40), high=D(60))}, trend=False, pace=False)
    assert result.select("target", "gap").row(0) == (target, gap)


def test_a_composite_shows_no_target_or_gap() -> None:
    rule = Composite(rules=(NEAR, Threshold(comparison=Comparison.AT_MOST, value=D(9))))
    table = pl.DataFrame({"indicator": ["i"], "period": ["2019"], "value": [5.0]})
    result = evaluate_frame(table, {"i": rule})
    assert result.select("status", "target", "gap").row(0) == ("green", None, None)


def test_yes_no_rows_show_no_target_gap_or_trend() -> None:
    table = pl.DataFrame(
        {"indicator": ["q"] * 3, "period": ["2019", "2020", "2021"], "value": [0.0, 1.0, 2.0]}
    )
    result = evaluate_frame(table, {"q": YesNo()}).sort("period")
    assert result.select("status", "target", "gap", "trend").rows() == [
        ("red", None, None, None),
        ("green", None, None, None),
        ("green", None, None, None),
    ]
    no = evaluate_frame(table, {"q": YesNo(expected=False)}).sort("period")
    assert no["status"].cast(pl.String).to_list() == ["green", "red", "red"]


# -- trend --------------------------------------------------------------------------------------


def trend_of(rows: list[dict[str, Any]], rules: Any, **options: Any) -> list[tuple[Any, ...]]:
    result = evaluate_frame(pl.DataFrame(rows), rules, **options)
    keys = [name for name in ("unit", "series", "indicator", "period") if name in result.columns]
    return result.sort(keys).select(*keys, "trend").rows()


def test_trend_follows_the_indicator_s_direction() -> None:
    values = {"2018": 3.0, "2019": 2.0, "2020": 2.0, "2021": 2.5}
    rows = [
        {"indicator": ind, "period": p, "value": v}
        for ind in ("up", "down")
        for p, v in values.items()
    ]

    def measured(key: str, direction: Direction) -> Indicator:
        return Indicator(
            id=key,
            title="I",
            direction=direction,
            target=NEAR,
            series=(Series(key="total", measurements=(Measurement(period=Period("2019")),)),),
        )

    rules = {
        "up": measured("up", Direction.HIGHER_IS_BETTER),
        "down": measured("down", Direction.LOWER_IS_BETTER),
    }
    assert trend_of(rows, rules) == [
        ("down", "2018", None),
        ("down", "2019", "improving"),
        ("down", "2020", "unchanged"),
        ("down", "2021", "worsening"),
        ("up", "2018", None),
        ("up", "2019", "worsening"),
        ("up", "2020", "unchanged"),
        ("up", "2021", "improving"),
    ]


def test_trend_skips_missing_values_and_stays_within_a_period_kind() -> None:
    rows = [
        {"indicator": "i", "period": p, "value": v}
        for p, v in [
            ("2017", 1.0),
            ("2018", None),
            ("2019", 0.5),
            ("2019-Q1", 9.0),
            ("2019-Q2", 8.0),
            ("2020", 0.5),
        ]
    ]
    assert trend_of(rows, {"i": NEAR}) == [
        ("i", "2017", None),
        ("i", "2018", None),
        ("i", "2019", "worsening"),
        ("i", "2019-Q1", None),
        ("i", "2019-Q2", "worsening"),
        ("i", "2020", "unchanged"),
    ]


def test_trend_stays_within_a_unit_and_a_series() -> None:
    rows = [
        {"unit": u, "series": s, "indicator": "i", "period": p, "value": v}
        for u, s, p, v in [
            ("a", "T", "2019", 1.0),
            ("a", "T", "2020", 2.0),
            ("a", "K", "2020", 0.5),
            ("b", "T", "2020", 9.0),
            ("b", "T", "2021", 3.0),
        ]
    ]
    assert trend_of(rows, {"i": NEAR}) == [
        ("a", "K", "i", "2020", None),
        ("a", "T", "i", "2019", None),
        ("a", "T", "i", "2020", "improving"),
        ("b", "T", "i", "2020", None),
        ("b", "T", "i", "2021", "worsening"),
    ]


def test_no_trend_or_pace_columns_filled_when_not_asked() -> None:
    rows = [{"indicator": "i", "period": p, "value": v} for p, v in [("2019", 1.0), ("2020", 5.0)]]
    result = evaluate_frame(pl.DataFrame(rows), {"i": NEAR}, trend=False, pace=False)
    assert result.columns[-6:] == list(OUTPUT_COLUMNS)
    assert result["trend"].to_list() == [None, None]
    assert result["pace"].to_list() == [None, None]
    assert sorted(result["status"].cast(pl.String).to_list()) == ["green", "red"]


def test_a_bare_rule_of_no_stated_direction_has_no_trend() -> None:
    rows = [{"indicator": "i", "period": p, "value": v} for p, v in [("2019", 1.0), ("2020", 5.0)]]
    mixed = Composite(
        rules=(NEAR, Threshold(comparison=Comparison.AT_MOST, value=D(9))),
    )
    assert trend_of(rows, {"i": mixed}) == [("i", "2019", None), ("i", "2020", None)]
    assert trend_of(rows, {"i": NEAR}) == [("i", "2019", None), ("i", "2020", "improving")]


# -- what mutation testing showed unchecked -----------------------------------------------------


@pytest.mark.parametrize("engine", ["polars", "pyarrow"])
def test_trend_and_pace_not_asked_for_are_empty_text_columns(engine: str) -> None:
    rows = {"indicator": ["i", "i"], "period": ["2019", "2020"], "value": [1.0, 5.0]}
    native: Any = pl.DataFrame(rows) if engine == "polars" else pa.table(rows)
    result = pl.DataFrame(evaluate_frame(native, {"i": NEAR}, trend=False, pace=False))
    assert [result.schema[name] for name in ("trend", "pace")] == [pl.String, pl.String]
    assert result.select("trend", "pace").rows() == [(None, None), (None, None)]


@pytest.mark.parametrize("engine", ["polars", "pyarrow"])
def test_a_table_of_indicators_without_rules_has_no_target(engine: str) -> None:
    rows = {"indicator": ["x", "x"], "period": ["2019", "2020"], "value": [1.0, None]}
    native: Any = pl.DataFrame(rows) if engine == "polars" else pa.table(rows)
    result = pl.DataFrame(evaluate_frame(native, {"i": NEAR})).sort("period")
    assert result.select(*OUTPUT_COLUMNS).rows() == [
        ("not_assessed", "no_target", None, None, None, None),
        ("not_assessed", "no_target", None, None, None, None),
    ]


def test_values_too_large_for_the_places_are_refused() -> None:
    # 10**12 times 10**4 is past the 2**52 a float holds exactly.
    table = pl.DataFrame({"indicator": ["i"], "period": ["2019"], "value": [1e12]})
    rule = Threshold(comparison=Comparison.AT_LEAST, value=D(4))
    with pytest.raises(BatchInputError, match=r"values up to 1000000000000\.0 cannot be scaled"):
        evaluate_frame(table, {"i": rule})
    assert evaluate_frame(table, {"i": rule}, places=2)["status"].to_list() == ["green"]


def test_a_stated_baseline_value_of_zero_is_the_baseline() -> None:
    # No 2018 row: the plan's baseline value 0 stands in, so 5 is exactly the target.
    rule = Change(baseline=Period("2018"), direction=Direction.HIGHER_IS_BETTER, by=D(5))
    rule = attrs.evolve(rule, baseline_value=D(0))
    table = pl.DataFrame({"indicator": ["i"], "period": ["2020"], "value": [5.0]})
    result = evaluate_frame(table, {"i": rule})
    assert result.select("status", "reason", "target", "gap").row(0) == ("green", None, 5.0, 0.0)


def test_a_relative_tolerance_on_a_change_is_a_share_of_the_target() -> None:
    # 10 % up on 100 asks for 110; a 5 % band of 110 reaches down to 104.5.
    rule = Change(
        baseline=Period("2018"),
        direction=Direction.HIGHER_IS_BETTER,
        by=D(10),
        relative=True,
        tolerance=Tolerance(D(5), relative=True),
    )
    table = pl.DataFrame(
        {
            "indicator": ["i"] * 4,
            "period": ["2018", "2019", "2020", "2021"],
            "value": [100.0, 104.0, 104.5, 110.0],
        }
    )
    result = evaluate_frame(table, {"i": rule}, trend=False, pace=False).sort("period")
    assert result.select("status", "target").rows() == [
        ("red", 110.0),  # the baseline period against itself
        ("red", 110.0),
        ("yellow", 110.0),
        ("green", 110.0),
    ]
