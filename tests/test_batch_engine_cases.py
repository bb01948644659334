"""Hand-picked cases of the batch column engine (``malstyrning._batch``), each settling one of
its decisions that the broad batch suites pass over.

Composites whose verdict hangs on a missing part, the pace method's base periods and targets
(a per-series trajectory, a Maintain level by the method's target period), Dask's history
aggregation, and pandas tables judged in parts. Batch verdicts are compared with the scalar
evaluator's and with the values written out. Found by mutation testing (mutation/batch.toml);
docs/testing.md says which mutants stay alive and why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal as D
from typing import ClassVar, NamedTuple, cast
from unittest import mock

import attrs
import dask.dataframe as dd
import duckdb
import narwhals as nw
import pandas as pd
import polars as pl
import pytest

from malstyrning import (
    Goal,
    Indicator,
    Measurement,
    Period,
    Plan,
    PlanLevel,
    Series,
    _batch,
    evaluate,
)
from malstyrning.batch import evaluate_frame
from malstyrning.errors import BatchInputError
from malstyrning.i18n import Message
from malstyrning.pace_method import BaseChoice, NonPositive, PaceMethod, PaceThresholds
from malstyrning.rules import (
    Bound,
    Change,
    Comparison,
    Composite,
    CompositeMode,
    Demand,
    Direction,
    Maintain,
    RelativeToReference,
    Rule,
    SeriesTarget,
    TargetLevel,
    Threshold,
    Tolerance,
    Trajectory,
    YesNo,
)
from malstyrning.scales import TRAFFIC_LIGHT

# Dask support is moving to a separate narwhals package; the warning says so on every call.
pytestmark = pytest.mark.filterwarnings("ignore:Dask support is moving:FutureWarning")

HIGHER = Direction.HIGHER_IS_BETTER
# A change from 2010, a year no table here has: the part is not judged ("no_baseline").
NO_BASELINE = Change(baseline=Period("2010"), direction=HIGHER)
# Towards 121 by 2022 (110 by 2019 on the way), from values that grow too slowly.
TRAJECTORY = Trajectory(
    levels=(TargetLevel(Period("2019"), D(110)), TargetLevel(Period("2022"), D(121)))
)
VALUES: dict[str, str | None] = {"2016": "100", "2018": "104", "2020": "109", "2021": "112"}

Verdict = tuple[str, str | None, str | None]  # status, reason, pace


def at_least(value: str, tolerance: str | None = None) -> Threshold:
    return Threshold(
        comparison=Comparison.AT_LEAST,
        value=D(value),
        tolerance=None if tolerance is None else Tolerance(D(tolerance)),
    )


def indicator(
    node_id: str,
    rule: Rule,
    series: Mapping[str, Mapping[str, str | None]],
    *,
    pace: PaceMethod | None = None,
) -> Indicator:
    """An indicator (higher is better) with the given outcomes, series by series."""
    return Indicator(
        id=node_id,
        title="Indikator",
        direction=HIGHER,
        target=rule,
        pace=pace,
        series=tuple(
            Series(
                key=key,
                measurements=tuple(
                    Measurement(period=Period(p), value=None if v is None else D(v))
                    for p, v in values.items()
                ),
            )
            for key, values in series.items()
        ),
    )


def plan_of(*children: Indicator) -> Plan:
    return Plan(
        id="p",
        title="Plan",
        organisation="Region Test",
        validity=Period("2019"),
        levels=(PlanLevel(key="goal", label="Mål"),),
        goals=(Goal(id="g", title="Mål", level="goal", children=children),),
    )


def outcomes(plan: Plan) -> pl.DataFrame:
    """Every series' outcomes of the plan's indicators, one row each."""
    rows = [
        {
            "indicator": node.id,
            "series": series.key,
            "period": m.period.format(),
            "value": None if m.value is None else float(m.value),
        }
        for node in plan.walk()
        if isinstance(node, Indicator)
        for series in node.series
        for m in series.measurements
    ]
    schema = {"indicator": pl.String, "series": pl.String, "period": pl.String, "value": pl.Float64}
    return pl.DataFrame(rows, schema=schema)


def judged(plan: Plan) -> dict[tuple[str, str, str], Verdict]:
    """Batch verdicts of every series' outcomes, by (indicator, series, period)."""
    result = evaluate_frame(outcomes(plan), plan)
    return {
        (row["indicator"], row["series"], row["period"]): (
            str(row["status"]),
            row["reason"],
            row["pace"],
        )
        for row in result.to_dicts()
    }


def scalar(plan: Plan, node_id: str, period: str) -> Verdict:
    """The scalar evaluator's verdict on the indicator's main series."""
    assessment = evaluate(plan, period=period)[node_id]
    reason = assessment.not_assessed.reason.value if assessment.not_assessed else None
    pace = assessment.pace.status if assessment.pace else None
    return (assessment.status or "not_assessed", reason, pace)


def paces(plan: Plan, node_id: str, series: str = "total") -> dict[str, str | None]:
    """The batch pace of one series of an indicator, period by period."""
    return {
        period: verdict[2]
        for (node, key, period), verdict in sorted(judged(plan).items())
        if node == node_id and key == series
    }


def scalar_paces(plan: Plan, node_id: str) -> dict[str, str | None]:
    """The scalar evaluator's pace in each period of the indicator's main series."""
    node = plan[node_id]
    assert isinstance(node, Indicator)
    periods = [m.period.format() for m in node.main_series.measurements]
    return {period: scalar(plan, node_id, period)[2] for period in periods}


# -- composites: judged only where the missing parts cannot change the verdict ------------------


def test_all_of_a_near_part_and_a_missing_part_is_partial_data() -> None:
    # Near (9 of at least 10, 2 below allowed) and a part not judged: the whole is near or
    # not met depending on the missing part, so not assessed.
    plan = plan_of(
        indicator(
            "i", Composite(rules=(at_least("10", "2"), NO_BASELINE)), {"total": {"2020": "9"}}
        )
    )
    expected = ("not_assessed", "partial_data", None)
    assert judged(plan)[("i", "total", "2020")] == expected == scalar(plan, "i", "2020")


def test_any_of_a_failed_part_and_a_missing_part_is_partial_data() -> None:
    # A part judged (not met) and one missing: the reason is partial_data, not the missing
    # part's own reason, which is for a composite none of whose parts is known.
    rule = Composite(rules=(at_least("100"), NO_BASELINE), mode=CompositeMode.ANY)
    plan = plan_of(indicator("i", rule, {"total": {"2020": "9"}}))
    expected = ("not_assessed", "partial_data", None)
    assert judged(plan)[("i", "total", "2020")] == expected == scalar(plan, "i", "2020")


def test_nested_composite_takes_its_reason_from_its_own_parts() -> None:
    # Items 0 and 1 count towards the root in "flat" and towards the inner composite in
    # "nested", so which node an item counts towards is a column, not a constant. The root
    # of "nested" has none of its own parts known: its reason is that of its first part
    # (the inner composite's partial_data), not of item 1, a part of the inner composite.
    flat = Composite(rules=(at_least("1"), at_least("2"), at_least("3"), at_least("4")))
    inner = Composite(rules=(at_least("100"), NO_BASELINE), mode=CompositeMode.ANY)
    nested = Composite(rules=(inner, Change(baseline=Period("2011"), direction=HIGHER)))
    plan = plan_of(
        indicator("flat", flat, {"total": {"2020": "9"}}),
        indicator("nested", nested, {"total": {"2020": "9"}}),
    )
    verdicts = judged(plan)
    assert verdicts[("flat", "total", "2020")] == ("green", None, None)
    expected = ("not_assessed", "partial_data", None)
    assert verdicts[("nested", "total", "2020")] == expected == scalar(plan, "nested", "2020")


# -- pace: the target, and the base period the method names --------------------------------------


SLOW = {
    "2016": None,
    "2018": "acceleration_needed",
    "2020": "acceleration_needed",
    "2021": "acceleration_needed",
}


def test_pace_towards_a_maintain_level_by_the_methods_target_period() -> None:
    # Maintain has no level of its own in time; the method's target_period gives it one,
    # in the indicator's direction.
    method = PaceMethod(target_period=Period("2022"))
    plan = plan_of(indicator("i", Maintain(level=D(121)), {"total": VALUES}, pace=method))
    assert paces(plan, "i") == scalar_paces(plan, "i") == SLOW


def test_pace_towards_a_per_series_target_on_that_series_rows_only() -> None:
    # The scalar evaluator judges the indicator's pace on the women's series; a batch row
    # judges its own series, so the other series' rows have no pace.
    rule = SeriesTarget(series="women", rule=TRAJECTORY)
    plan = plan_of(indicator("i", rule, {"total": VALUES, "women": VALUES, "men": VALUES}))
    assert paces(plan, "i", "women") == scalar_paces(plan, "i") == SLOW
    for series in ("total", "men"):
        assert set(paces(plan, "i", series).values()) == {None}, series


def test_no_pace_from_a_fixed_base_period_the_table_lacks() -> None:
    # 2017 is not in the table: the later 2018 must not stand in for it.
    method = PaceMethod(base=BaseChoice.FIXED, base_period=Period("2017"))
    plan = plan_of(indicator("i", TRAJECTORY, {"total": VALUES}, pace=method))
    assert paces(plan, "i") == scalar_paces(plan, "i") == dict.fromkeys(VALUES)


def test_no_pace_from_a_fixed_base_period_without_a_value() -> None:
    # 2018 is in the table but has no value: the next valued period (2020) must not stand
    # in for it, as it does for a "first from" base.
    method = PaceMethod(base=BaseChoice.FIXED, base_period=Period("2018"))
    plan = plan_of(indicator("i", TRAJECTORY, {"total": {**VALUES, "2018": None}}, pace=method))
    assert paces(plan, "i") == scalar_paces(plan, "i") == dict.fromkeys(VALUES)


def test_first_from_base_is_the_stated_period_itself_when_it_has_a_value() -> None:
    # From 2018, the fourth year of the table: no pace before 2019, and from 2019 on pace
    # from 2018 (a base of 2019, or of an earlier year, gives other statuses).
    years: dict[str, str | None] = {
        "2015": "98",
        "2016": "100",
        "2017": "101",
        "2018": "104",
        "2019": "107",
        "2020": "109",
        "2021": "112",
    }
    method = PaceMethod(base=BaseChoice.FIRST_FROM, base_period=Period("2018"))
    plan = plan_of(indicator("i", TRAJECTORY, {"total": years}, pace=method))
    assert (
        paces(plan, "i")
        == scalar_paces(plan, "i")
        == {
            **dict.fromkeys(("2015", "2016", "2017", "2018")),
            **dict.fromkeys(("2019", "2020", "2021"), "acceleration_needed"),
        }
    )


def test_no_pace_from_a_first_from_base_after_every_period() -> None:
    method = PaceMethod(base=BaseChoice.FIRST_FROM, base_period=Period("2030"))
    plan = plan_of(indicator("i", TRAJECTORY, {"total": VALUES}, pace=method))
    assert paces(plan, "i") == scalar_paces(plan, "i") == dict.fromkeys(VALUES)


# -- Dask: the history aggregation --------------------------------------------------------------


def test_dask_history_sums_period_bits_per_group() -> None:
    # Four group keys and four partitions: Dask aggregates by shuffling (see _history).
    # Categorical keys: only the groups present, not every combination of categories.
    group = ["unit", "series", "indicator", "_b_kind"]
    valued = [
        ("u1", "T", "a", "year", 0),
        ("u1", "T", "a", "year", 2),
        ("u1", "T", "a", "quarter", 1),
        ("u2", "T", "a", "year", 1),
        ("u2", "K", "b", "year", 0),
        ("u2", "K", "b", "year", 1),
        ("u2", "K", "b", "year", 3),
        ("u3", "T", "b", "year", 2),
    ]
    table = pl.DataFrame(
        [(*keys, 2**index, index) for *keys, index in valued],
        schema=[*group, "_b_bit", "_b_ix"],
        orient="row",
    ).with_columns(pl.col("unit", "series", "indicator").cast(pl.Categorical))
    # dask has no type annotations
    native = dd.from_pandas(table.to_pandas(), npartitions=4)  # type: ignore[no-untyped-call]
    assert native.npartitions == 4
    history = _batch._history(nw.from_native(native), group).to_native().compute()
    rows = sorted(
        (*(str(row[key]) for key in group), int(row["_b_mask"]), int(row["_b_first"]))
        for row in history.to_dict("records")
    )
    assert rows == [
        ("u1", "T", "a", "quarter", 2, 1),
        ("u1", "T", "a", "year", 5, 0),
        ("u2", "K", "b", "year", 11, 0),
        ("u2", "T", "a", "year", 2, 1),
        ("u3", "T", "b", "year", 4, 2),
    ]


# -- pandas in parts ---------------------------------------------------------------------


def test_pandas_parts_of_a_sorted_table_are_views() -> None:
    # The first indicator has a single row: the runs still tell the indicators apart.
    table = pd.DataFrame({"indicator": ["a", "b", "b", "c", "c", "c", "d"]})
    with mock.patch.object(_batch, "_PANDAS_PART_ROWS", 2):
        assert _batch._indicator_parts(table, "indicator") == [
            slice(0, 3),
            slice(3, 6),
            slice(6, 7),
        ]


def test_pandas_trend_without_any_missing_value() -> None:
    # No row has a reason: the reason column stays empty, and trend is still filled in.
    rule = Threshold(comparison=Comparison.AT_LEAST, value=D(4))
    table = pd.DataFrame({"indicator": ["a", "a"], "period": ["2019", "2020"], "value": [5.0, 3.0]})
    plan_rule = Indicator(
        id="a",
        title="A",
        direction=Direction.HIGHER_IS_BETTER,
        target=rule,
        series=(Series(key="total", measurements=(Measurement(period=Period("2019")),)),),
    )
    result = evaluate_frame(table, {"a": plan_rule}, trend=True)
    assert result["reason"].isna().all()
    assert result["trend"].tolist()[1] == "worsening"
    assert result["status"].tolist() == ["green", "red"]


def test_pandas_reasons_beyond_a_byte_of_codes_are_kept() -> None:
    # Codes start as one byte a row; the 128th reason widens them.
    reasons = [f"r{i}" for i in range(300)]
    table = pd.DataFrame(
        {
            "indicator": ["a"] * 150 + ["b"] * 150,
            "period": ["2019"] * 300,
            "value": [None] * 300,
            "missing": reasons,
        }
    ).sample(frac=1, random_state=3)
    rule = Threshold(comparison=Comparison.AT_LEAST, value=D(4))
    with mock.patch.object(_batch, "_PANDAS_PART_ROWS", 100):
        result = evaluate_frame(table, {"a": rule, "b": rule})
    assert result["reason"].astype(str).tolist() == table["missing"].tolist()
    assert sorted(result["reason"].cat.categories) == sorted(reasons)
    assert list(result.index) == list(table.index)


# -- pace, case by case ---


LOWER = Direction.LOWER_IS_BETTER
# The linear rule for values not all positive; judged on growth where there is no target.
LINEAR = PaceMethod(non_positive=NonPositive.LINEAR)
GROWTH = PaceMethod(
    without_target=True,
    non_positive=NonPositive.LINEAR,
    growth_thresholds=PaceThresholds(high="0.5", medium="0.15", low="0"),
)
NO_TARGET = Threshold(comparison=Comparison.AT_MOST, value=D(1000))


def towards(value: str, by: str = "2022") -> Trajectory:
    """A single target level: ``value`` by ``by``."""
    return Trajectory(levels=(TargetLevel(Period(by), D(value)),))


class PaceCase(NamedTuple):
    """An indicator's outcomes (the first is the base) and the pace of the last one."""

    name: str
    rule: Rule
    values: dict[str, str | None]
    pace: str | None
    direction: Direction = HIGHER
    method: PaceMethod | None = None


# The published rule's edges: values on the cut, a base that met the target, zero counted as
# 0.001, opposite signs, spans shorter than a year. The linear rule's: which values count as
# positive (the smallest scaled value, 0.0001 at four places, is one; zero is not).
PACE_CASES = [
    PaceCase("reaches_the_target", towards("121"), {"2016": "100", "2020": "121"}, "achieved"),
    PaceCase(
        "grows_too_slowly", towards("121"), {"2016": "100", "2020": "102"}, "limited_progress"
    ),
    # No growth is a ratio of exactly 0, the lowest cut: limited progress, not deterioration.
    PaceCase("stands_still", towards("121"), {"2016": "100", "2020": "100"}, "limited_progress"),
    PaceCase(
        "reaches_a_lower_target", towards("80"), {"2016": "100", "2020": "80"}, "achieved", LOWER
    ),
    # The base met the target: no growth is required, the fall is deterioration.
    PaceCase("base_on_the_target", towards("121"), {"2016": "121", "2020": "118"}, "deterioration"),
    # The target's period is the base's (the last level has passed): not after the base.
    PaceCase("target_at_the_base", towards("121", "2016"), {"2016": "100", "2020": "110"}, None),
    # A quarter observed, three quarters required: the years are fractions, not one.
    PaceCase(
        "quarters",
        towards("110", "2020-Q4"),
        {"2020-Q1": "100", "2020-Q2": "103"},
        "acceleration_needed",
    ),
    # Zero counts as 0.001: the target here, the base below.
    PaceCase(
        "zero_target",
        towards("0"),
        {"2016": "0.01", "2020": "0.0032"},
        "acceleration_needed",
        LOWER,
    ),
    PaceCase("zero_base", towards("0.01"), {"2016": "0", "2020": "0.004"}, "acceleration_needed"),
    # A zero base counted as 0.001 is already on a target of 0.001: no growth to measure.
    PaceCase("zero_base_on_its_stand_in", towards("0.001"), {"2016": "0", "2020": "0.0005"}, None),
    # Signs: a base below one and a negative outcome disagree; zero agrees with either sign.
    PaceCase("small_base_negative_now", towards("2"), {"2016": "0.5", "2020": "-0.5"}, None),
    PaceCase("positive_base_zero_now", towards("10"), {"2016": "5", "2020": "0"}, "deterioration"),
    PaceCase(
        "negative_base_zero_now",
        towards("-150"),
        {"2016": "-100", "2020": "0"},
        "deterioration",
        LOWER,
    ),
    PaceCase(
        "negative_base_small_now", towards("-150"), {"2016": "-100", "2020": "0.5"}, None, LOWER
    ),
    # A target below one has the base's sign; a negative one has not.
    PaceCase("small_target", towards("0.8"), {"2016": "0.2", "2020": "0.4"}, "acceleration_needed"),
    PaceCase("negative_target", towards("-5"), {"2016": "10", "2020": "5"}, None, LOWER),
    # Negative values: growth away from zero is improvement when lower is better.
    PaceCase(
        "negative_values",
        towards("-150"),
        {"2016": "-100", "2020": "-120"},
        "acceleration_needed",
        LOWER,
    ),
    # The linear rule: compound growth where base, outcome and target are all positive.
    PaceCase(
        "linear_rule_all_positive",
        towards("200"),
        {"2016": "100", "2020": "160"},
        "on_track",
        method=LINEAR,
    ),
    PaceCase(
        "linear_rule_smallest_base",
        towards("0.0004"),
        {"2016": "0.0001", "2020": "0.0002"},
        "acceleration_needed",
        method=LINEAR,
    ),
    PaceCase(
        "linear_rule_small_target",
        towards("0.8"),
        {"2016": "0.2", "2020": "0.4"},
        "acceleration_needed",
        method=LINEAR,
    ),
    PaceCase(
        "linear_rule_zero_base",
        towards("0.01"),
        {"2016": "0", "2020": "0.005"},
        "acceleration_needed",
        method=LINEAR,
    ),
    # Ratios of exactly 0.95 and 0.6 (1.5 a year of 2.5, 4.75 of 5): a cut counts as reached.
    PaceCase(
        "linear_rule_on_the_high_cut",
        towards("20", "2020"),
        {"2016": "0", "2018": "9.5"},
        "on_track",
        method=LINEAR,
    ),
    PaceCase(
        "linear_rule_on_the_medium_cut",
        towards("10", "2020"),
        {"2016": "0", "2018": "3"},
        "acceleration_needed",
        method=LINEAR,
    ),
    PaceCase(
        "linear_rule_base_beyond_the_target",
        towards("10"),
        {"2016": "20", "2020": "-5"},
        "deterioration",
        method=LINEAR,
    ),
    PaceCase(
        "linear_rule_zero_target",
        towards("0"),
        {"2016": "100", "2020": "50"},
        "acceleration_needed",
        LOWER,
        LINEAR,
    ),
    # Growth alone: compound down to the smallest value; linear to zero or below, relative to
    # the base (none from a zero base).
    PaceCase(
        "growth_to_the_smallest_value",
        NO_TARGET,
        {"2016": "0.0002", "2020": "0.0001"},
        "acceleration_needed",
        LOWER,
        GROWTH,
    ),
    PaceCase(
        "growth_from_the_smallest_value",
        NO_TARGET,
        {"2016": "0.0001", "2020": "-0.0002"},
        "on_track",
        LOWER,
        GROWTH,
    ),
    PaceCase("growth_from_zero", NO_TARGET, {"2016": "0", "2020": "0.5"}, None, LOWER, GROWTH),
    PaceCase(
        "growth_to_zero",
        NO_TARGET,
        {"2016": "10", "2020": "0"},
        "acceleration_needed",
        LOWER,
        GROWTH,
    ),
]


def test_pace_case_by_case_equals_scalar() -> None:
    # A per-series target beside the others: the others' rows keep their pace.
    per_series = indicator(
        "per_series",
        SeriesTarget(series="women", rule=towards("121")),
        {"total": {"2016": "100", "2020": "110"}, "women": {"2016": "100", "2020": "121"}},
    )
    plan = plan_of(
        *(
            attrs.evolve(
                indicator(case.name, case.rule, {"total": case.values}, pace=case.method),
                direction=case.direction,
            )
            for case in PACE_CASES
        ),
        per_series,
    )
    verdicts = judged(plan)
    last = {case.name: Period(list(case.values)[-1]).format() for case in PACE_CASES}
    batch = {name: verdicts[(name, "total", period)][2] for name, period in last.items()}
    assert batch == {name: scalar(plan, name, period)[2] for name, period in last.items()}
    assert batch == {case.name: case.pace for case in PACE_CASES}
    assert verdicts[("per_series", "women", "2020")][2] == scalar(plan, "per_series", "2020")[2]
    assert verdicts[("per_series", "women", "2020")][2] == "achieved"
    assert verdicts[("per_series", "total", "2020")][2] is None


# -- the root item, the rule table's items and the integer bound --------------------------


def test_a_composite_of_one_part_is_judged_by_that_part() -> None:
    # The composite's node is item 1 in every row: the root is the constant 1.
    rule = Composite(rules=(at_least("10"),))
    plan = plan_of(indicator("i", rule, {"total": {"2019": "12", "2020": "9"}}))
    verdicts = judged(plan)
    assert verdicts[("i", "total", "2019")] == ("green", None, None) == scalar(plan, "i", "2019")
    assert verdicts[("i", "total", "2020")] == ("red", None, None) == scalar(plan, "i", "2020")


def test_a_composite_takes_the_reason_of_its_first_part_not_its_last() -> None:
    # Neither part is judged in 2020: the first has no baseline, the second is not yet due.
    later = Trajectory(levels=(TargetLevel(Period("2030"), D(121)),))
    plan = plan_of(indicator("i", Composite(rules=(NO_BASELINE, later)), {"total": {"2020": "9"}}))
    expected = ("not_assessed", "no_baseline", None)
    assert judged(plan)[("i", "total", "2020")] == expected == scalar(plan, "i", "2020")


@attrs.frozen
class _BandThenFloor(Rule):
    """Between 5 and 10 up to 2019, at least 7 in 2020, not yet due later: a leaf that
    demands two bounds in the period the batch engine reads its items in (2000), and fewer
    in others."""

    tag: ClassVar[str] = "test_band_then_floor"

    def demand(self, period: Period, direction: Direction | None) -> Demand:
        del direction
        if period.start.year <= 2019:
            return Demand(
                bounds=(Bound(direction=HIGHER, target=D(5)), Bound(direction=LOWER, target=D(10)))
            )
        if period.start.year == 2020:
            return Demand(bounds=(Bound(direction=HIGHER, target=D(7)),))
        return Demand(not_due_before=Period("2030"))

    def describe(self) -> Message:
        return Message.of("rule.yes_no", expected=True)


def test_a_band_leaf_with_fewer_bounds_in_a_period_is_judged_by_those_it_has() -> None:
    plan = plan_of(
        indicator("i", _BandThenFloor(), {"total": {"2019": "12", "2020": "8", "2021": "8"}})
    )
    verdicts = judged(plan)
    expected = {
        "2019": ("red", None, None),
        "2020": ("green", None, None),
        "2021": ("not_assessed", "not_yet_due", None),
    }
    assert {p: verdicts[("i", "total", p)] for p in expected} == expected
    assert {p: scalar(plan, "i", p) for p in expected} == expected


def test_a_rule_s_integers_are_refused_exactly_from_two_to_the_62() -> None:
    # Up 4.8 % from 2018, at no decimals: the margin's largest magnitude is 2048 times the
    # largest value rounded up plus one, 2**62 (refused) for 2**51 - 1, just below for
    # 2**51 - 2.
    rule = Change(baseline=Period("2018"), direction=HIGHER, by=D("4.8"), relative=True)

    def table(largest: int) -> pl.DataFrame:
        return pl.DataFrame(
            {"indicator": ["i", "i"], "period": ["2018", "2019"], "value": [1.0, float(largest)]}
        )

    fine = evaluate_frame(table(2**51 - 2), {"i": rule}, places=0)
    statuses = dict(zip(fine["period"], fine["status"].cast(pl.String), strict=True))
    assert statuses == {"2018": "red", "2019": "green"}
    with pytest.raises(BatchInputError) as raised:
        evaluate_frame(table(2**51 - 1), {"i": rule}, places=0)
    assert str(raised.value) == (
        "indicator 'i': values up to 2251799813685247.0 at 0 decimals do not fit 64-bit exact "
        "arithmetic for its rule; pass a smaller places= to evaluate_frame"
    )


# -- trend alone, pace alone ---------------------------------------------------------------


def by_row(result: pl.DataFrame | pd.DataFrame) -> dict[tuple[str, str, str], tuple[object, ...]]:
    """A result's added columns (as text or numbers, None where empty) by indicator, series
    and period (polars returns the rows in another order)."""
    frame = pl.from_pandas(result) if isinstance(result, pd.DataFrame) else result
    texts = [pl.col(name).cast(pl.String) for name in ("status", "reason", "trend", "pace")]
    frame = frame.with_columns(*texts, pl.col("target", "gap").fill_nan(None))
    return {
        (row["indicator"], row["series"], row["period"]): (
            row["status"],
            row["reason"],
            row["trend"],
            row["pace"],
            row["target"],
            row["gap"],
        )
        for row in frame.to_dicts()
    }


def test_trend_alone_and_pace_alone_read_the_earlier_periods() -> None:
    plan = plan_of(indicator("i", TRAJECTORY, {"total": VALUES}))
    trend = by_row(evaluate_frame(outcomes(plan), plan, trend=True, pace=False))
    assert {key[2]: row[2:4] for key, row in trend.items()} == {
        "2016": (None, None),
        **dict.fromkeys(("2018", "2020", "2021"), ("improving", None)),
    }
    pace = by_row(evaluate_frame(outcomes(plan), plan, trend=False, pace=True))
    assert {key[2]: row[2] for key, row in pace.items()} == dict.fromkeys(VALUES)
    assert {key[2]: row[3] for key, row in pace.items()} == SLOW == scalar_paces(plan, "i")


def test_pandas_in_parts_judges_each_series_apart_as_polars_does() -> None:
    # Two series of one indicator: trend and pace compare a series with its own earlier
    # periods, and a per-series target reads the other series, so the parts take the
    # series column whenever one of them is asked for (and only trend or only pace is).
    women = {"2016": "100", "2018": "99", "2020": "121", "2021": "120"}
    paced = plan_of(indicator("i", TRAJECTORY, {"total": VALUES, "women": women}))
    per_series = plan_of(
        indicator(
            "w",
            SeriesTarget(series="women", rule=at_least("110")),
            {"total": VALUES, "women": women},
        )
    )
    for plan, trend, pace in (
        (paced, True, False),
        (paced, False, True),
        (per_series, False, False),
    ):
        table = outcomes(plan)
        expected = by_row(evaluate_frame(table, plan, trend=trend, pace=pace))
        got = by_row(evaluate_frame(table.to_pandas(), plan, trend=trend, pace=pace))
        assert got == expected, (trend, pace)
    assert expected[("w", "total", "2018")][:2] == ("red", None)
    assert expected[("w", "women", "2020")][:2] == ("green", None)


# -- pandas parts put back in place ----------------------------------------------------------


def test_pandas_part_rows_returned_out_of_order_are_put_back_in_place() -> None:
    # The query may return a part's rows in runs (a join's chunks in another order): three
    # runs of consecutive rows and a row alone, the first run not at row 0, two runs two rows
    # apart. The part's reasons come as an Enum of other categories than those known: they
    # are added in the order they first appear.
    rows = [6, 7, 8, 0, 1, 2, 4, 5, 3]
    labels = _batch._status_labels(TRAFFIC_LIGHT)
    reasons = {4: "no_data", 7: "measured_later", 8: "no_data"}
    part = pl.DataFrame(
        {
            "_b_row": rows,
            "target": [float(row) for row in rows],
            "gap": [-float(row) for row in rows],
            "status": pl.Series([labels[row % 4] for row in rows], dtype=pl.Enum(labels)),
            "reason": pl.Series(
                [reasons.get(row) for row in rows],
                dtype=pl.Enum(["no_data", "measured_later"]),
            ),
            "trend": ["improving" if row % 2 else None for row in rows],
            "pace": [None] * len(rows),
        },
        schema_overrides={"pace": pl.String},
    ).with_columns(pl.col("_b_row").cast(pl.UInt32))
    added = _batch._AddedColumns(len(rows), {"status": labels, **_batch._PANDAS_CATEGORIES})
    added.put(slice(0, len(rows)), part)
    result = added.onto(pd.DataFrame({"indicator": ["i"] * len(rows)}))
    assert result["target"].tolist() == [float(row) for row in range(9)]
    assert result["gap"].tolist() == [-float(row) for row in range(9)]
    assert result["status"].astype(str).tolist() == [labels[row % 4] for row in range(9)]
    assert result["reason"].astype(object).where(result["reason"].notna(), None).tolist() == [
        reasons.get(row) for row in range(9)
    ]
    assert list(result["reason"].cat.categories) == ["measured_later", "no_data"]
    assert result["trend"].astype(object).where(result["trend"].notna(), None).tolist() == [
        "improving" if row % 2 else None for row in range(9)
    ]


# -- What mutation testing showed unchecked in the query (fourth round) ----------------------

# "At least 5 % below the national figure" (riket).
NEAR_RIKET = RelativeToReference(reference="riket", comparison=Comparison.AT_LEAST, margin=D(-5))
# Up by at least 2 from 2018.
UP_BY_TWO = Change(baseline=Period("2018"), direction=HIGHER, by=D(2))

Shown = tuple[str, str | None, float | None, float | None]  # status, reason, target, gap


def scalar_shown(plan: Plan, node_id: str, period: str) -> Shown:
    """The scalar evaluator's status, reason, target and gap (as floats) of the indicator."""
    assessment = evaluate(plan, period=period)[node_id]
    reason = assessment.not_assessed.reason.value if assessment.not_assessed else None
    target = assessment.target
    assert target is None or isinstance(target, D)
    return (
        assessment.status or "not_assessed",
        reason,
        None if target is None else float(target),
        None if assessment.gap is None else float(assessment.gap),
    )


def shown(result: pl.DataFrame) -> dict[tuple[str, str, str], Shown]:
    """A polars result's status, reason, target and gap by indicator, series and period."""
    return {key: cast("Shown", (*row[:2], *row[4:])) for key, row in by_row(result).items()}


def test_duckdb_relation_joins_rules_that_differ_between_indicators() -> None:
    # Two thresholds: the rule columns are joined, built as a pyarrow table in DuckDB's own
    # lazy backend.
    values: dict[str, str | None] = {"2019": "15", "2020": "25"}
    plan = plan_of(
        indicator("a", at_least("10"), {"total": values}),
        indicator("b", at_least("20"), {"total": values}),
    )
    relation = duckdb.from_arrow(outcomes(plan).to_arrow())
    result = evaluate_frame(relation, plan, trend=False, pace=False)
    assert isinstance(result, duckdb.DuckDBPyRelation)
    rows = {
        (row["indicator"], row["period"]): (row["status"], row["reason"], row["target"], row["gap"])
        for row in result.to_arrow_table().to_pylist()
    }
    assert rows == {
        ("a", "2019"): ("green", None, 10.0, 5.0),
        ("a", "2020"): ("green", None, 10.0, 15.0),
        ("b", "2019"): ("red", None, 20.0, -5.0),
        ("b", "2020"): ("green", None, 20.0, 5.0),
    }
    assert rows == {(node, p): scalar_shown(plan, node, p) for node, p in rows}


def test_categorical_keys_are_judged_as_their_text() -> None:
    # The rule table's keys are text; the outcomes' categorical indicator and Enum period
    # are joined with them as the same values. A change names a baseline period: the join is
    # on both keys.
    values: dict[str, str | None] = {"2019": "108", "2020": "112"}
    up_by_five = Change(baseline=Period("2019"), direction=HIGHER, by=D(5))
    plan = plan_of(
        indicator("a", up_by_five, {"total": values}),
        indicator("b", at_least("110"), {"total": values}),
    )
    text = outcomes(plan)
    categorical = text.with_columns(
        pl.col("indicator").cast(pl.Categorical), pl.col("period").cast(pl.Enum(["2019", "2020"]))
    )
    expected = shown(evaluate_frame(text, plan))
    assert shown(evaluate_frame(categorical, plan)) == expected
    assert {(node, p): row[0] for (node, _, p), row in expected.items()} == {
        ("a", "2019"): "red",
        ("a", "2020"): "red",
        ("b", "2019"): "red",
        ("b", "2020"): "green",
    }
    assert expected == {key: scalar_shown(plan, key[0], key[2]) for key in expected}


# The women's series is judged in every row of the indicator: up by 2 from 2018 (100 to 103:
# met). The men's and the total series, measured from their own 2018, would not be.
BY_SERIES: dict[str, dict[str, str | None]] = {
    "total": {"2018": "80", "2020": "95"},
    "women": {"2018": "100", "2020": "103"},
    "men": {"2018": "102", "2020": "99"},
}


def test_a_change_on_a_named_series_is_measured_from_that_series_baseline() -> None:
    plan = plan_of(indicator("w", SeriesTarget(series="women", rule=UP_BY_TWO), BY_SERIES))
    got = shown(evaluate_frame(outcomes(plan), plan))
    assert got == {
        ("w", series, p): expected
        for series in BY_SERIES
        for p, expected in (
            ("2018", ("red", None, 102.0, -2.0)),
            ("2020", ("green", None, 102.0, 1.0)),
        )
    }
    assert got == {key: scalar_shown(plan, key[0], key[2]) for key in got}


def test_a_change_on_a_named_series_beside_a_change_on_the_rows_own() -> None:
    # Slot 0 judges the women's series in w's rows and the row's own in c's: c's baseline
    # is its own series' 2018.
    plan = plan_of(
        indicator("w", SeriesTarget(series="women", rule=UP_BY_TWO), BY_SERIES),
        indicator("c", UP_BY_TWO, {"total": {"2018": "50", "2020": "53"}}),
    )
    got = shown(evaluate_frame(outcomes(plan), plan))
    assert got[("c", "total", "2020")] == ("green", None, 52.0, 1.0)
    assert {key: got[key] for key in got if key[1] != "total" and key[2] == "2020"} == {
        ("w", "women", "2020"): ("green", None, 102.0, 1.0),
        ("w", "men", "2020"): ("green", None, 102.0, 1.0),
    }
    assert got == {key: scalar_shown(plan, key[0], key[2]) for key in got}


def test_a_reference_rule_reads_the_reference_series() -> None:
    # At least 95 % of riket: 96 of 100 is met, 90 of 100 is not (95 % of itself would be).
    plan = plan_of(
        indicator(
            "r",
            NEAR_RIKET,
            {"total": {"2019": "96", "2020": "90"}, "riket": {"2019": "100", "2020": "100"}},
        )
    )
    got = shown(evaluate_frame(outcomes(plan), plan))
    assert {key[2]: row for key, row in got.items() if key[1] == "total"} == {
        "2019": ("green", None, 95.0, 1.0),
        "2020": ("red", None, 95.0, -5.0),
    }
    assert {p: scalar_shown(plan, "r", p) for p in ("2019", "2020")} == {
        p: got[("r", "total", p)] for p in ("2019", "2020")
    }


def test_a_slot_anchored_on_a_baseline_in_one_indicator_and_a_reference_in_another() -> None:
    # Slot 0 is a change from 2018 in c, a change from 2010 (not in the table) in n, and
    # relative to riket in r: each row takes its own indicator's anchor.
    plan = plan_of(
        indicator("c", UP_BY_TWO, {"total": {"2018": "50", "2020": "53"}}),
        indicator("n", NO_BASELINE, {"total": {"2018": "50", "2020": "53"}}),
        indicator(
            "r",
            NEAR_RIKET,
            {"total": {"2018": "96", "2020": "90"}, "riket": {"2018": "100", "2020": "100"}},
        ),
    )
    got = shown(evaluate_frame(outcomes(plan), plan))
    assert {(key[0], key[2]): row for key, row in got.items() if key[1] == "total"} == {
        ("c", "2018"): ("red", None, 52.0, -2.0),
        ("c", "2020"): ("green", None, 52.0, 1.0),
        ("n", "2018"): ("not_assessed", "no_baseline", None, None),
        ("n", "2020"): ("not_assessed", "no_baseline", None, None),
        ("r", "2018"): ("green", None, 95.0, 1.0),
        ("r", "2020"): ("red", None, 95.0, -5.0),
    }
    total = {key: row for key, row in got.items() if key[1] == "total"}
    assert total == {key: scalar_shown(plan, key[0], key[2]) for key in total}


def test_target_and_gap_of_yes_no_rules_are_empty_float_columns() -> None:
    table = pl.DataFrame({"indicator": ["q", "q"], "period": ["2019", "2020"], "value": [1.0, 0.0]})
    result = evaluate_frame(table, {"q": YesNo()})
    statuses = dict(zip(result["period"], result["status"].cast(pl.String), strict=True))
    assert statuses == {"2019": "green", "2020": "red"}
    assert result.schema["target"] == pl.Float64
    assert result.schema["gap"] == pl.Float64
    assert result["target"].null_count() == result["gap"].null_count() == 2
    arrow = evaluate_frame(table.to_arrow(), {"q": YesNo()})
    assert str(arrow.schema.field("target").type) == "double"
    assert str(arrow.schema.field("gap").type) == "double"
    assert arrow.column("target").null_count == arrow.column("gap").null_count == 2


def trends(plan: Plan, places: int = 4) -> dict[tuple[str, str], str | None]:
    """The batch trend by indicator and period (trend only, no pace)."""
    result = evaluate_frame(outcomes(plan), plan, places=places, trend=True, pace=False)
    return {(key[0], key[2]): cast("str | None", row[2]) for key, row in by_row(result).items()}


def scalar_trends(plan: Plan, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str | None]:
    """The scalar evaluator's trend of each (indicator, period)."""
    found = {}
    for node_id, period in keys:
        trend = evaluate(plan, period=period)[node_id].trend
        found[(node_id, period)] = None if trend is None else trend.status
    return found


def test_trend_alone_over_two_periods_and_over_one() -> None:
    two = plan_of(
        indicator("up", TRAJECTORY, {"total": {"2020": "109", "2021": "112"}}),
        indicator("down", TRAJECTORY, {"total": {"2020": "112", "2021": "109"}}),
    )
    got = trends(two)
    assert got == {
        ("up", "2020"): None,
        ("up", "2021"): "improving",
        ("down", "2020"): None,
        ("down", "2021"): "worsening",
    }
    assert got == scalar_trends(two, got)
    one = plan_of(indicator("i", TRAJECTORY, {"total": {"2021": "112"}}))
    assert trends(one) == {("i", "2021"): None} == scalar_trends(one, [("i", "2021")])


def test_trend_of_a_change_by_one_unit_of_the_last_decimal_place() -> None:
    rule = at_least("1")
    plan = plan_of(
        indicator("up", rule, {"total": {"2019": "1.00", "2020": "1.01"}}),
        indicator("down", rule, {"total": {"2019": "1.01", "2020": "1.00"}}),
        indicator("same", rule, {"total": {"2019": "1.01", "2020": "1.01"}}),
    )
    got = {key: trend for key, trend in trends(plan, places=2).items() if key[1] == "2020"}
    assert got == {
        ("up", "2020"): "improving",
        ("down", "2020"): "worsening",
        ("same", "2020"): "unchanged",
    }
    assert got == scalar_trends(plan, got)


def test_pace_from_a_first_from_base_in_the_last_period_but_one() -> None:
    # 2019 to 2022 (indexes 0 to 3), the base from 2021 (index 2): pace in 2022 only.
    method = PaceMethod(base=BaseChoice.FIRST_FROM, base_period=Period("2021"))
    years: dict[str, str | None] = {"2019": "105", "2020": "108", "2021": "112", "2022": "115"}
    plan = plan_of(indicator("i", towards("130", "2024"), {"total": years}, pace=method))
    assert (
        paces(plan, "i")
        == scalar_paces(plan, "i")
        == {**dict.fromkeys(("2019", "2020", "2021")), "2022": "limited_progress"}
    )
