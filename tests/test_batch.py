"""Batch evaluation gives exactly the scalar evaluator's statuses, on every backend."""

from __future__ import annotations

import warnings
from decimal import Decimal as D
from typing import Any
from unittest import mock

import attrs
import dask.dataframe as dd
import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given, reject, settings
from hypothesis import strategies as st

from _plans import BAND_VALUES, BAND_YEARS, band, band_plan
from malstyrning import (
    Goal,
    Indicator,
    Measurement,
    Period,
    Plan,
    PlanLevel,
    Series,
    YesNoMeasure,
    _batch,
    evaluate,
)
from malstyrning.batch import BatchColumns, BatchInputError, UnsupportedRule, evaluate_frame
from malstyrning.pace import Pace
from malstyrning.pace_method import (
    GROWTH_THRESHOLDS,
    RATIO_THRESHOLDS,
    BaseChoice,
    NonPositive,
    PaceMethod,
    PaceThresholds,
)
from malstyrning.rules import (
    Change,
    Comparison,
    Composite,
    Direction,
    Maintain,
    RelativeToReference,
    SeriesTarget,
    TargetLevel,
    Threshold,
    Tolerance,
    Trajectory,
    YesNo,
    rule_direction,
)
from malstyrning.testing import (
    SIMPLE_RULES,
    directions,
    indicators,
    plans,
    target_rules,
    yes_no_measures,
)

# Dask support is moving to a separate narwhals package; the warning says so on every call.
pytestmark = pytest.mark.filterwarnings("ignore:Dask support is moving:FutureWarning")

# Dask aggregates by shuffling from a few partitions on (see test_dask_many_partitions).
DASK_PARTITIONS = 4

SCHEMA = pa.schema(
    [
        ("unit", pa.string()),
        ("indicator", pa.string()),
        ("series", pa.string()),
        ("period", pa.string()),
        ("value", pa.float64()),
        ("missing", pa.string()),
    ]
)


def to_backend(table: pa.Table, backend: str) -> Any:
    if backend == "pyarrow":
        return table
    if backend == "polars":
        return pl.from_arrow(table)
    if backend == "pandas":
        return table.to_pandas()
    if backend == "pandas_shuffled":  # an indicator's rows apart from each other
        return table.to_pandas().sample(frac=1, random_state=7)
    if backend == "pandas_sorted":  # each indicator's rows together, the index out of order
        return table.to_pandas().sort_values("indicator", kind="stable")
    if backend == "duckdb":
        return duckdb.from_arrow(table)
    if backend == "dask":
        return dd.from_pandas(table.to_pandas(), npartitions=DASK_PARTITIONS)
    raise AssertionError(backend)


def to_rows(result: Any) -> list[dict[str, Any]]:
    if isinstance(result, pa.Table):
        return result.to_pylist()
    if isinstance(result, pl.DataFrame):
        return result.to_dicts()
    if isinstance(result, duckdb.DuckDBPyRelation):
        return result.to_arrow_table().to_pylist()
    if isinstance(result, dd.DataFrame):
        result = result.compute()
    frame = result.astype(object).where(result.notna(), None)
    return frame.to_dict("records")


BACKENDS = ["pandas", "polars", "pyarrow", "duckdb", "dask"]


def _row(unit: str, node: str, series: str, measurement: Measurement) -> dict[str, Any]:
    value = measurement.value
    return {
        "unit": unit,
        "indicator": node,
        "series": series,
        "period": measurement.period.format(),
        "value": None if value is None else float(value),  # yes / no as 1.0 / 0.0
        "missing": measurement.missing.value if measurement.missing else None,
    }


def table_of(plan: Plan, wanted: list[Period], units: tuple[str, ...] = ("u1", "u2")) -> pa.Table:
    """Every indicator's outcomes, with an empty row where the period has none."""
    rows = []
    for unit in units:
        for node in plan.walk():
            if isinstance(node, Indicator):
                key, measurements = node.main_series.key, node.main_series.measurements
            elif isinstance(node, YesNoMeasure):
                key, measurements = "total", node.measurements
            else:
                continue
            rows += [_row(unit, node.id, key, m) for m in measurements]
            for period in wanted:
                if not any(m.period == period for m in measurements):
                    rows.append(_row(unit, node.id, key, Measurement(period=period)))
    return pa.Table.from_pylist(rows, schema=SCHEMA)


def places_of(plan: Plan) -> int:
    """The decimals the plan's outcomes are written with (at least the default 4)."""
    places = 4
    for node in plan.walk():
        for measurement in getattr(node, "measurements", ()) or [
            m for series in getattr(node, "series", ()) for m in series.measurements
        ]:
            if isinstance(measurement.value, D):
                exponent = measurement.value.as_tuple().exponent
                places = max(places, -exponent if isinstance(exponent, int) else 0)
    return places


def near_boundary(pace: Pace) -> bool:
    # Pace is a float computation (fractional powers); exactly on a cut-off (95 %, 60 % or
    # 0 by default, the method's own otherwise) it may round either way. Statuses are
    # exact; pace is exact away from the cut-offs.
    method = pace.pace_method
    thresholds = method.thresholds if pace.target is not None else method.growth_thresholds
    edges = (thresholds.high, thresholds.medium, thresholds.low)
    return pace.ratio is not None and any(
        abs(pace.ratio - edge) < D("1e-9") * max(1, abs(edge)) for edge in edges
    )


def check_equivalent(
    plan: Plan, periods: list[Period], backend: str, *, history: bool = True
) -> None:
    """Batch and scalar agree; ``history=False`` asks for neither trend nor pace."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        native = to_backend(table_of(plan, periods), backend)
        judged = evaluate_frame(native, plan, places=places_of(plan), trend=history, pace=history)
        result = to_rows(judged)
    for period in periods:
        check_period(plan, period, result, history=history)


def check_period(
    plan: Plan, period: Period, result: list[dict[str, Any]], *, history: bool = True
) -> None:
    scalar = evaluate(plan, period=period)
    rows = {
        (row["unit"], row["indicator"]): row for row in result if row["period"] == period.format()
    }
    for (_, node_id), row in sorted(rows.items()):
        expected = scalar[node_id]
        reason = expected.not_assessed.reason.value if expected.not_assessed else None
        assert (row["status"], row["reason"]) == (expected.status or "not_assessed", reason), (
            plan[node_id],
            row,
        )
        if expected.gap is not None and expected.status is not None:
            assert row["gap"] == pytest.approx(float(expected.gap), abs=1e-6)
            assert row["target"] == pytest.approx(float(expected.target), abs=1e-6)
        if not history:
            assert row["trend"] is None and row["pace"] is None
            continue
        assert row["trend"] == (expected.trend.status if expected.trend else None)
        pace = expected.pace
        if pace is not None and not near_boundary(pace):
            assert row["pace"] == pace.status, (pace, row)
        elif pace is None:
            assert row["pace"] is None


PLANS = plans(
    max_goals=2,
    max_depth=2,
    max_leaves=3,
    leaves=st.one_of(
        directions().flatmap(
            lambda direction: indicators(
                directions=st.just(direction),
                rules=st.none()
                | target_rules(directions=st.just(direction), types=SIMPLE_RULES)
                # Per-series, reference and nested rules: tests/test_batch_every_rule.py.
                | target_rules(directions=st.just(direction), types=(*SIMPLE_RULES, Composite)),
            )
        ),
        yes_no_measures(),
    ),
)


# history=False takes another path: no trend or pace, and the rules joined on the indicator
# alone when no rule needs the period.
@pytest.mark.parametrize("backend", ["pandas", "polars", "pyarrow", "duckdb"])
@settings(max_examples=15)
@given(plan=PLANS, year=st.integers(2010, 2026), history=st.booleans())
def test_batch_equals_scalar(backend: str, plan: Plan, year: int, history: bool) -> None:
    check_equivalent(plan, [Period.year(year), Period.year(year - 1)], backend, history=history)


@st.composite
def pace_methods(draw: st.DrawFn) -> PaceMethod:
    """Every option of the pace method, with base periods in and around the data's years."""
    base = draw(st.sampled_from(BaseChoice))
    return PaceMethod(
        base=base,
        base_period=None
        if base is BaseChoice.EARLIEST
        else Period.year(draw(st.integers(2008, 2026))),
        thresholds=draw(
            st.sampled_from(
                [RATIO_THRESHOLDS, PaceThresholds(high="1.1", medium="0.4", low="-0.2")]
            )
        ),
        growth_thresholds=draw(
            st.sampled_from(
                [GROWTH_THRESHOLDS, PaceThresholds(high="0.03", medium="0", low="-0.01")]
            )
        ),
        non_positive=draw(st.sampled_from(NonPositive)),
        without_target=draw(st.booleans()),
        target_period=draw(st.none() | st.integers(2008, 2030).map(Period.year)),
    )


_PACE_VALUES = st.one_of(
    st.sampled_from([D(0), D(1), D(-1), D("0.001")]),
    st.decimals(min_value=-500, max_value=500, places=2),
)


@st.composite
def paced_indicators(draw: st.DrawFn, index: int) -> Indicator:
    """Trajectories, thresholds or no target over values of either sign, zero included."""
    direction = draw(directions())
    years = sorted(draw(st.sets(st.integers(2010, 2024), min_size=1, max_size=6)))
    measurements = tuple(
        Measurement(period=Period.year(year), value=draw(st.none() | _PACE_VALUES))
        for year in years
    )
    levels = sorted(draw(st.sets(st.integers(2008, 2030), min_size=1, max_size=3)))
    rule = draw(
        st.sampled_from(
            [
                Trajectory(
                    levels=tuple(TargetLevel(Period.year(y), draw(_PACE_VALUES)) for y in levels)
                ),
                Threshold(comparison=Comparison.AT_LEAST, value=draw(_PACE_VALUES)),
                None,
            ]
        )
    )
    if isinstance(rule, Threshold) and direction is Direction.LOWER_IS_BETTER:
        rule = Threshold(comparison=Comparison.AT_MOST, value=rule.value)
    return Indicator(
        id=f"i{index}",
        title="I",
        direction=direction,
        target=rule,
        series=(Series(key="total", measurements=measurements),),
        pace=draw(st.none() | pace_methods()),
    )


@settings(max_examples=40)
@given(
    leaves=st.lists(st.integers(0, 0), min_size=1, max_size=4).flatmap(
        lambda ones: st.tuples(*[paced_indicators(i) for i in range(len(ones))])
    ),
    method=pace_methods(),
    level_method=st.none() | pace_methods(),
    year=st.integers(2011, 2026),
)
def test_batch_pace_equals_scalar_for_every_method_option(
    leaves: tuple[Indicator, ...], method: PaceMethod, level_method: PaceMethod | None, year: int
) -> None:
    plan = Plan(
        id="p",
        title="P",
        organisation="O",
        validity=Period("2019"),
        levels=(PlanLevel(key="goal", label="Mål", pace=level_method),),
        goals=(Goal(id="g", title="G", level="goal", children=leaves),),
        pace=method,
    )
    try:
        check_equivalent(plan, [Period.year(year), Period.year(year - 1)], "polars")
    except BatchInputError:
        # Not about pace: a trajectory of zero levels (and nothing else) is refused by the
        # batch's integer encoding, with or without pace.
        reject()


@pytest.mark.parametrize(
    "method",
    [
        PaceMethod(),
        PaceMethod(non_positive=NonPositive.LINEAR),
        PaceMethod(base=BaseChoice.FIXED, base_period=Period("2018")),
        PaceMethod(base=BaseChoice.FIRST_FROM, base_period=Period("2017")),
        PaceMethod(without_target=True),
        PaceMethod(without_target=True, non_positive=NonPositive.LINEAR),
        PaceMethod(target_period=Period("2024")),
        PaceMethod(thresholds=PaceThresholds(high="1.2", medium="0.3", low="-0.5")),
    ],
    ids=lambda method: repr(method)[:60],
)
def test_batch_pace_equals_scalar_on_hand_picked_series(method: PaceMethod) -> None:
    series = [
        {"2016": 100, "2018": 104, "2020": 109, "2021": 112},  # towards 121 by 2022
        {"2016": 0, "2018": "0.002", "2020": "0.004", "2021": "0.003"},  # a zero base
        {"2016": -100, "2018": -95, "2020": -90, "2021": -85},  # negative values
        {"2016": 5, "2018": -1, "2020": 2, "2021": 3},  # mixed signs
        {"2016": 130, "2018": 125, "2020": 119, "2021": 118},  # above the target, falling
    ]
    rules = [
        Trajectory(levels=(TargetLevel(Period("2019"), 110), TargetLevel(Period("2022"), 121))),
        Threshold(comparison=Comparison.AT_LEAST, value=120),
        None,
    ]
    leaves = [
        indicator(rule, values, id=f"i{n}-{k}")
        for n, values in enumerate(series)
        for k, rule in enumerate(rules)
    ] + [
        indicator(rules[0], values, id=f"down{n}", direction=Direction.LOWER_IS_BETTER)
        for n, values in enumerate(series)
    ]
    plan = Plan(
        id="p",
        title="P",
        organisation="O",
        validity=Period("2019"),
        levels=(PlanLevel(key="goal", label="Mål"),),
        goals=(Goal(id="g", title="G", level="goal", children=tuple(leaves)),),
        pace=method,
    )
    periods = [Period(year) for year in ("2018", "2020", "2021", "2023")]
    rows = to_rows(evaluate_frame(table_of(plan, periods), plan))
    check_period_all(plan, periods, rows)


def check_period_all(plan: Plan, periods: list[Period], rows: list[dict[str, Any]]) -> None:
    judged = 0
    for period in periods:
        check_period(plan, period, rows)
        judged += sum(
            1 for row in rows if row["period"] == period.format() and row["pace"] is not None
        )
    assert judged > 0


# Dask builds and optimises a task graph per call (seconds each): fewer examples there.
@settings(max_examples=2)
@given(plan=PLANS, year=st.integers(2010, 2026), history=st.booleans())
def test_batch_equals_scalar_on_dask(plan: Plan, year: int, history: bool) -> None:
    check_equivalent(plan, [Period.year(year), Period.year(year - 1)], "dask", history=history)


# -- the hard cases, by hand -------------------------------------------------------------


def indicator(rule: Any, values: dict[str, Any], **fields: Any) -> Indicator:
    measurements = tuple(
        Measurement(period=Period(p), value=None if v is None else D(str(v)))
        for p, v in values.items()
    )
    return Indicator(
        id=fields.pop("id", "i"),
        title="Indikator",
        target=rule,
        series=(Series(key="total", measurements=measurements),),
        **fields,
    )


CASES = [
    # On the threshold: 4.10 meets "at least 4,10" (a float comparison of 4.1 - 4.10 may not).
    Threshold(comparison=Comparison.AT_LEAST, value=D("4.10")),
    # 0.3 against 0.1 + 0.2: floats disagree, decimals do not.
    Threshold(comparison=Comparison.AT_MOST, value=D("0.3")),
    # Exactly on the edge of a tolerance band (4.09 with 0.01 below 4.10).
    Threshold(comparison=Comparison.AT_LEAST, value=D("4.10"), tolerance=Tolerance(D("0.01"))),
    # A relative band: 2 % of 250 is 5, so 255 is near "less than 250".
    Threshold(
        comparison=Comparison.LESS_THAN, value=D("250"), tolerance=Tolerance(D(2), relative=True)
    ),
    # A target with more decimals than the values are compared at.
    Threshold(comparison=Comparison.MORE_THAN, value=D("4.100001")),
    Change(baseline=Period("2018"), direction=Direction.LOWER_IS_BETTER, by=D(10), relative=True),
    Change(baseline=Period("2018"), direction=Direction.HIGHER_IS_BETTER),
    # Bands around a change: relative (2 % of the target, which moves with the baseline) and
    # absolute.
    Change(
        baseline=Period("2018"),
        direction=Direction.HIGHER_IS_BETTER,
        by=D(5),
        relative=True,
        tolerance=Tolerance(D(2), relative=True),
    ),
    Change(
        baseline=Period("2018"),
        direction=Direction.LOWER_IS_BETTER,
        by=D("0.4"),
        tolerance=Tolerance(D("0.05")),
    ),
    Change(
        baseline=Period("2015"),
        direction=Direction.HIGHER_IS_BETTER,
        by=D(0),
        baseline_value=D("4.1"),
    ),
    Maintain(level=D("5"), tolerance=Tolerance(D("0.5"))),
    Trajectory(
        levels=(TargetLevel(Period("2019"), D("4.0")), TargetLevel(Period("2021"), D("4.3")))
    ),
    Composite(
        rules=(
            Threshold(comparison=Comparison.AT_LEAST, value=D(4)),
            Change(baseline=Period("2017"), direction=Direction.HIGHER_IS_BETTER),
        )
    ),
]
VALUES = [
    {"2018": "4.5", "2019": "4.10", "2020": "4.09", "2021": "0.3"},
    {"2018": "0.1", "2019": "0.3", "2020": None, "2021": "4.1"},
    {"2018": "4.05", "2019": "4.5", "2020": "4.100001", "2021": "4.09"},
]


def hard_plan(rules: list[Any] = CASES) -> Plan:
    """One indicator per rule, outcome series and direction the rule allows."""

    children = []
    for rule in rules:
        for values in VALUES:
            for direction in Direction:
                stated = rule_direction(rule.rules[0] if isinstance(rule, Composite) else rule)
                if stated is not None and stated is not direction:
                    continue
                children.append(
                    indicator(rule, values, direction=direction, id=f"i{len(children)}")
                )
    return Plan(
        id="p",
        title="Plan",
        organisation="Region Test",
        validity=Period("2019"),
        levels=(PlanLevel(key="goal", label="Mål"),),
        goals=(Goal(id="g", title="Mål", level="goal", children=tuple(children)),),
    )


@pytest.mark.parametrize("history", [True, False], ids=["history", "no_history"])
@pytest.mark.parametrize("backend", BACKENDS)
def test_hard_cases(backend: str, history: bool) -> None:
    periods = [Period("2019"), Period("2020"), Period("2021")]
    if backend == "dask":
        native = to_backend(table_of(hard_plan(), periods), backend)
        assert native.npartitions == DASK_PARTITIONS
    check_equivalent(hard_plan(), periods, backend, history=history)


# pandas goes to polars in parts of whole indicators (about a million rows each): here a few
# rows each, the table sorted by indicator (parts are views) or shuffled (parts are gathered).
# (The sorted table's id is "pandas": the mutation selection names it so.)
@pytest.mark.parametrize(
    "backend", ["pandas_sorted", "pandas_shuffled"], ids=["pandas", "pandas_shuffled"]
)
def test_hard_cases_on_pandas_in_parts(backend: str) -> None:
    periods = [Period("2019"), Period("2020"), Period("2021")]
    table = to_backend(table_of(hard_plan(), periods), backend)
    with mock.patch.object(_batch, "_PANDAS_PART_ROWS", 150):  # 360 rows, 45 indicators
        parts = _batch._indicator_parts(table, "indicator")
        assert len(parts) == 3
        assert all(isinstance(part, slice) for part in parts) == (backend == "pandas_sorted")
        check_equivalent(hard_plan(), periods, backend, history=True)


@pytest.mark.parametrize("categorical", [False, True], ids=["text", "categorical"])
def test_pandas_parts_hold_whole_indicators(categorical: bool) -> None:
    indicators = ["a", "a", "a", "b", "c", "c", "d", "d", "d", "d", "e"]
    table = pd.DataFrame({"indicator": indicators})
    if categorical:
        table["indicator"] = table["indicator"].astype("category")
    with mock.patch.object(_batch, "_PANDAS_PART_ROWS", 3):
        parts = _batch._indicator_parts(table, "indicator")
        # Each part ends at the first indicator boundary at or after 3, 6, 9 rows.
        assert parts == [slice(0, 3), slice(3, 6), slice(6, 10), slice(10, 11)]
        shuffled = table.iloc[[6, 0, 10, 3, 7, 1, 4, 8, 2, 5, 9]].reset_index(drop=True)
        gathered = _batch._indicator_parts(shuffled, "indicator")
    rows = [list(part) for part in gathered]
    held = [set(shuffled["indicator"].iloc[r].astype(str)) for r in rows]
    assert len(held) == 4
    assert sum(map(len, held)) == 5  # each indicator in one part only
    assert all(r == sorted(r) for r in rows)  # within a part the table's order
    assert {1, 5, 8} <= set(next(r for r in rows if 1 in r))  # the three rows of "a"
    assert sorted(r for part in rows for r in part) == list(range(11))
    with mock.patch.object(_batch, "_PANDAS_PART_ROWS", 11):
        assert _batch._indicator_parts(table, "indicator") == [slice(0, 11)]
        assert _batch._indicator_parts(shuffled, "indicator") == [slice(0, 11)]  # one part
    with mock.patch.object(_batch, "_PANDAS_PART_ROWS", 10):
        assert _batch._indicator_parts(table, "indicator") == [slice(0, 10), slice(10, 11)]
    with mock.patch.object(_batch, "_PANDAS_PART_ROWS", 1):  # every indicator a part
        assert len(_batch._indicator_parts(table, "indicator")) == 5
        singles = _batch._indicator_parts(shuffled, "indicator")
        assert sorted(len(part) for part in singles) == [1, 1, 2, 3, 4]
        assert all(shuffled["indicator"].iloc[part].nunique() == 1 for part in singles)


def test_pandas_in_parts_gets_every_reason_category_once() -> None:
    rule = Threshold(comparison=Comparison.AT_LEAST, value=D(4))
    table = pd.DataFrame(
        {
            "indicator": ["a", "a", "b", "b", "c"],
            "period": ["2019", "2020", "2019", "2020", "2019"],
            "value": [5.0, None, None, 3.0, None],
            "missing": [None, "x", "..", None, "x"],
        }
    )
    with mock.patch.object(_batch, "_PANDAS_PART_ROWS", 2):
        result = evaluate_frame(table, {"a": rule, "b": rule, "c": rule})
    assert result["status"].astype(str).tolist() == [
        "green",
        "not_assessed",
        "not_assessed",
        "red",
        "not_assessed",
    ]
    assert list(result["reason"].cat.categories) == ["x", ".."]
    assert result["reason"].tolist()[1:3] == ["x", ".."]
    assert result["reason"].tolist()[4] == "x"


# Without trend, pace, trajectories and changes the rules are joined on the indicator alone
# (one row per indicator, the same thresholds in every period), and yes/no measures too.
@pytest.mark.parametrize("backend", BACKENDS)
def test_rules_without_periods(backend: str) -> None:
    fixed = [rule for rule in CASES if not isinstance(rule, Change | Trajectory | Composite)]
    answers = (("2019", True), ("2020", False), ("2021", None))
    questions = tuple(
        YesNoMeasure(
            id=f"q{expected}",
            title="Fråga",
            expected=expected,
            measurements=tuple(Measurement(period=Period(p), value=v) for p, v in answers),
        )
        for expected in (True, False)
    )
    plan = hard_plan(fixed)
    goal = attrs.evolve(plan.goals[0], children=(*plan.goals[0].children, *questions))
    plan = attrs.evolve(plan, goals=(goal,))
    check_equivalent(plan, [Period("2019"), Period("2020"), Period("2021")], backend, history=False)


@pytest.mark.parametrize("backend", BACKENDS)
def test_status_keys_of_another_scale(backend: str) -> None:
    from malstyrning.scales import GOAL_FORECAST, Achievement

    rule = Threshold(comparison=Comparison.AT_LEAST, value=D(4), tolerance=Tolerance(D(1)))
    values = {"2019": 5.0, "2020": 3.5, "2021": 1.0, "2022": None}
    table = pa.Table.from_pylist(
        [{"indicator": "i", "period": p, "value": v} for p, v in values.items()]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        result = to_rows(
            evaluate_frame(to_backend(table, backend), {"i": rule}, scale=GOAL_FORECAST)
        )
    keys = [GOAL_FORECAST.level_for(a).key for a in Achievement]
    statuses = {row["period"]: row["status"] for row in result}
    assert statuses == {"2019": keys[0], "2020": keys[1], "2021": keys[2], "2022": "not_assessed"}


@pytest.mark.parametrize("partitions", [4, 16])
def test_dask_many_partitions(partitions: int) -> None:
    # With 4 group keys (unit, series, indicator and the period kind: years and quarters
    # here), Dask aggregates trend and pace by shuffling from 4 partitions on, and a named
    # aggregation joined afterwards failed there with "KeyError: [...] not in index".
    rule = Threshold(comparison=Comparison.AT_LEAST, value=D(2))
    rows = [
        {"unit": f"u{u}", "indicator": "i", "series": "T", "period": p, "value": float(v)}
        for u in range(20)
        for v, p in enumerate(("2019", "2020", "2021", "2020-Q1", "2020-Q2", "2020-Q3"))
    ]
    native = dd.from_pandas(pd.DataFrame(rows), npartitions=partitions)
    assert native.npartitions == partitions
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        result = to_rows(evaluate_frame(native, {"i": rule}))
    expected = to_rows(evaluate_frame(pl.DataFrame(rows), {"i": rule}))

    def judged(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return sorted(tuple(row[c] for c in ("unit", "period", "status", "trend")) for row in rows)

    assert judged(result) == judged(expected)
    assert {row["trend"] for row in result} == {None, "improving"}


def test_float_value_on_threshold_is_met() -> None:
    frame = pl.DataFrame({"indicator": ["i"], "period": ["2019"], "value": [0.1 + 0.2]})
    rule = Threshold(comparison=Comparison.AT_MOST, value=D("0.3"))
    # 0.1 + 0.2 is 0.30000000000000004: at four decimals it is 0.3, which meets "at most 0,3".
    assert evaluate_frame(frame, {"i": rule})["status"].to_list() == ["green"]


def test_missing_reason_column_and_no_rule() -> None:
    frame = pd.DataFrame(
        {
            "kpi": ["a", "a", "b"],
            "year": [2019, 2020, 2020],
            "v": [None, 3.0, 1.0],
            "why": ["measured_later", None, None],
        }
    )
    columns = BatchColumns(indicator="kpi", period="year", value="v", missing="why")
    rule = Threshold(comparison=Comparison.AT_LEAST, value=D(2))
    result = evaluate_frame(frame, {"a": rule}, columns=columns).sort_values(["kpi", "year"])
    assert result["status"].tolist() == ["not_assessed", "green", "not_assessed"]
    assert result["reason"].tolist()[0] == "measured_later"
    assert result["reason"].tolist()[2] == "no_target"


def test_lazy_stays_lazy() -> None:
    frame = pl.LazyFrame({"indicator": ["i"], "period": ["2019"], "value": [1.0]})
    rule = Threshold(comparison=Comparison.AT_LEAST, value=D(2))
    result = evaluate_frame(frame, {"i": rule})
    assert isinstance(result, pl.LazyFrame)
    assert result.collect()["status"].to_list() == ["red"]


def test_yes_no() -> None:
    frame = pl.DataFrame(
        {
            "indicator": ["q", "q", "q"],
            "period": ["2019", "2020", "2021"],
            "value": [1.0, 0.0, None],
        }
    )
    result = evaluate_frame(frame, {"q": YesNo()}).sort("period")
    assert result["status"].to_list() == ["green", "red", "not_assessed"]
    assert result["trend"].to_list() == [None, None, None]


@pytest.mark.parametrize(
    "rule",
    [
        SeriesTarget(series="women", rule=Threshold(comparison=Comparison.AT_LEAST, value=D(1))),
        RelativeToReference(reference="riket", comparison=Comparison.AT_MOST),
    ],
    ids=str,
)
def test_rules_that_read_other_series_need_a_series_column(rule: Any) -> None:
    frame = pl.DataFrame({"indicator": ["N07"], "period": ["2019"], "value": [1.0]})
    with pytest.raises(BatchInputError, match=r"read the series '\w+'.*no series column"):
        evaluate_frame(frame, {"N07": rule})


def test_maintain_needs_a_direction() -> None:
    frame = pl.DataFrame({"indicator": ["m"], "period": ["2019"], "value": [1.0]})
    with pytest.raises(UnsupportedRule, match="direction"):
        evaluate_frame(frame, {"m": Maintain(level=D(1))})


def test_bad_input_is_named() -> None:
    frame = pl.DataFrame({"indicator": ["i"], "year": ["2019"], "value": [1.0]})
    rule = Threshold(comparison=Comparison.AT_LEAST, value=D(2))
    with pytest.raises(BatchInputError, match=r"no period column 'period'.*'year'"):
        evaluate_frame(frame, {"i": rule})
    bad = frame.rename({"year": "period"}).with_columns(period=pl.lit("2019-T4"))
    with pytest.raises(BatchInputError, match="'2019-T4' is not a period"):
        evaluate_frame(bad, {"i": rule})
    huge = frame.rename({"year": "period"}).with_columns(value=pl.lit(1e15))
    with pytest.raises(BatchInputError, match="places"):
        evaluate_frame(huge, {"i": rule})


# -- the band rule (rules/band.py), which batch evaluation knows from its demand alone ----------


@pytest.mark.parametrize("engine", ["polars", "pandas"])
def test_batch_judges_a_band_as_the_scalar_evaluator(engine: str) -> None:
    rule = band(tolerance=Tolerance(D(1)))
    plan = band_plan(rule)
    frame = pl.DataFrame(
        {
            "unit": ["x"] * len(BAND_YEARS),
            "indicator": ["andel"] * len(BAND_YEARS),
            "series": ["T"] * len(BAND_YEARS),
            "period": list(BAND_YEARS),
            "value": [float(value) for value in BAND_VALUES],
        }
    )
    table = frame if engine == "polars" else frame.to_pandas()
    result = evaluate_frame(table, plan, trend=False, pace=False)
    rows = (
        result.sort("period").to_dicts()
        if engine == "polars"
        else pd.DataFrame(result).sort_values("period").to_dict("records")
    )
    for row in rows:
        assessment = evaluate(plan, period=row["period"])["andel"]
        assert str(row["status"]) == assessment.status, row
        assert row["target"] == float(assessment.target), row
        assert row["gap"] == float(assessment.gap), row


def test_band_inside_a_composite_is_judged_in_batch() -> None:
    rule = Composite(rules=(band(), band(low=D(80))))
    plan = band_plan(rule)
    frame = pl.DataFrame(
        {
            "unit": ["x"] * len(BAND_YEARS),
            "indicator": ["andel"] * len(BAND_YEARS),
            "series": ["T"] * len(BAND_YEARS),
            "period": list(BAND_YEARS),
            "value": [float(value) for value in BAND_VALUES],
        }
    )
    result = evaluate_frame(frame, plan, trend=False, pace=False)
    for row in result.to_dicts():
        assessment = evaluate(plan, period=row["period"])["andel"]
        assert str(row["status"]) == (assessment.status or "not_assessed"), row
