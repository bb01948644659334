"""Every rule kind in the registry, batch-evaluated on every engine, as the scalar evaluator.

Per-series targets, targets relative to a reference series, nested composites and bands are
judged column-wise (a self-join of the series within each unit, indicator and period); a
row is judged as the scalar evaluator judges its indicator with that row's series as the
main one. The plans here have a gender split and a reference series, and one indicator per
registered rule kind, so a kind added to the registry is covered without a change here.
"""

from __future__ import annotations

import warnings
from typing import Any
from unittest import mock

import attrs
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from malstyrning import (
    Goal,
    Indicator,
    Measurement,
    Period,
    Plan,
    PlanLevel,
    YesNoMeasure,
    _batch,
    evaluate,
)
from malstyrning.batch import BatchInputError, evaluate_frame
from malstyrning.pace import pace_targets
from malstyrning.pace_method import DEFAULT_PACE_METHOD
from malstyrning.rules import (
    Comparison,
    Composite,
    CompositeMode,
    Direction,
    RelativeToReference,
    Rule,
    SeriesTarget,
    YesNo,
    registry,
)
from malstyrning.testing import RULE_KINDS, indicators, target_rules, yes_no_measures
from test_batch import BACKENDS, SCHEMA, near_boundary, places_of, to_backend, to_rows

pytestmark = pytest.mark.filterwarnings("ignore:Dask support is moving:FutureWarning")

SERIES = ("total", "women", "men", "riket")
NAMED = ("women", "men")
REFERENCES = ("riket",)


def rules_with(kind: type[Rule], direction: Direction) -> st.SearchStrategy[Rule]:
    """Rules that contain ``kind``: alone, in a composite, under a series, or nested deeper."""

    def drawn(types: tuple[type, ...]) -> st.SearchStrategy[Rule]:
        return target_rules(
            directions=st.just(direction), types=types, series=NAMED, references=REFERENCES
        )

    base = drawn((kind,))
    other = drawn(RULE_KINDS)

    @st.composite
    def wrapped(draw: st.DrawFn) -> Rule:
        rule = draw(base)
        for _ in range(draw(st.integers(0, 2))):
            if draw(st.booleans()):
                rule = SeriesTarget(series=draw(st.sampled_from(NAMED)), rule=rule)
                continue
            parts = [rule, *draw(st.lists(other, max_size=2))]
            parts = draw(st.permutations(parts))
            mode = draw(st.sampled_from(list(CompositeMode)))
            k = draw(st.integers(1, len(parts))) if mode is CompositeMode.AT_LEAST else None
            rule = Composite(rules=tuple(parts), mode=mode, k=k)
        return rule

    return wrapped()


@st.composite
def every_rule_plans(draw: st.DrawFn) -> Plan:
    """A plan with one indicator per registered rule kind, series total/women/men/riket."""
    children: list[Indicator | YesNoMeasure] = []
    for tag, kind in sorted(registry().items()):
        if kind is YesNo:  # judges yes/no answers: the rule of yes/no measures
            children.append(attrs.evolve(draw(yes_no_measures()), id=tag))
            continue
        direction = draw(st.sampled_from(Direction))
        indicator = draw(
            indicators(
                ids=st.just(tag),
                directions=st.just(direction),
                rules=rules_with(kind, direction),
                series_keys=st.just(SERIES),
                min_size=1,
                max_size=4,
                periods=st.sampled_from([Period.year(y) for y in range(2018, 2024)]),
            )
        )
        children.append(indicator)
    return Plan(
        id="p",
        title="Plan",
        organisation="Region Test",
        validity=Period("2023"),
        levels=(PlanLevel(key="goal", label="Mål"),),
        goals=(Goal(id="g", title="Mål", level="goal", children=tuple(children)),),
    )


def _row(unit: str, node: str, series: str, measurement: Measurement) -> dict[str, Any]:
    value = measurement.value
    return {
        "unit": unit,
        "indicator": node,
        "series": series,
        "period": measurement.period.format(),
        "value": None if value is None else float(value),
        "missing": measurement.missing.value if measurement.missing else None,
    }


def table_of(plan: Plan, wanted: list[Period], units: tuple[str, ...] = ("u1", "u2")) -> pa.Table:
    """Every series' outcomes; the main series has a row in every wanted period."""
    rows = []
    for unit in units:
        for node in plan.walk():
            if isinstance(node, YesNoMeasure):
                rows += [_row(unit, node.id, "total", m) for m in node.measurements]
                rows += [
                    _row(unit, node.id, "total", Measurement(period=period))
                    for period in wanted
                    if not any(m.period == period for m in node.measurements)
                ]
                continue
            if not isinstance(node, Indicator):
                continue
            for series in node.series:
                rows += [_row(unit, node.id, series.key, m) for m in series.measurements]
            main = node.main_series
            for period in wanted:
                if main.get(period) is None:
                    rows.append(_row(unit, node.id, main.key, Measurement(period=period)))
    return pa.Table.from_pylist(rows, schema=SCHEMA)


def check_every_rule(plan: Plan, periods: list[Period], backend: str, *, history: bool) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        native = to_backend(table_of(plan, periods), backend)
        judged = evaluate_frame(native, plan, places=places_of(plan), trend=history, pace=history)
        result = to_rows(judged)
    rows = {(r["unit"], r["indicator"], r["series"], r["period"]): r for r in result}
    for period in periods:
        scalar = evaluate(plan, period=period)
        for node in plan.walk():
            if not isinstance(node, Indicator | YesNoMeasure):
                continue
            expected = scalar[node.id]
            main = node.main_series.key if isinstance(node, Indicator) else "total"
            for unit in ("u1", "u2"):
                row = rows[unit, node.id, main, period.format()]
                reason = expected.not_assessed.reason.value if expected.not_assessed else None
                assert (str(row["status"]), row["reason"]) == (
                    expected.status or "not_assessed",
                    reason,
                ), (str(node.target), row)
                if expected.gap is not None and expected.status is not None:
                    assert row["gap"] == pytest.approx(float(expected.gap), abs=1e-6)
                    assert row["target"] == pytest.approx(float(expected.target), abs=1e-6)
                if not history or not isinstance(node, Indicator):
                    continue
                assert row["trend"] == (expected.trend.status if expected.trend else None)
                aims = pace_targets(node.target, period, node.direction, DEFAULT_PACE_METHOD)
                pace = expected.pace
                if len(aims) != 1 or (pace is not None and near_boundary(pace)):
                    continue  # several series' paces: their mean is no row's (docs/batch.md)
                key = aims[0].series or node.main_series.key
                paced = rows.get((unit, node.id, key, period.format()))
                if paced is not None and node.series_named(key) is not None:
                    assert paced["pace"] == (pace.status if pace else None), (pace, paced)


def test_every_registered_kind_has_a_strategy() -> None:
    # A new rule kind must be drawable (testing.RULE_KINDS) for the property below to judge it.
    assert set(registry().values()) <= {*RULE_KINDS, YesNo}


@pytest.mark.parametrize("backend", [b for b in BACKENDS if b != "dask"])
@settings(max_examples=8, deadline=None)
@given(plan=every_rule_plans(), year=st.integers(2020, 2023), history=st.booleans())
def test_every_rule_kind_equals_scalar(backend: str, plan: Plan, year: int, history: bool) -> None:
    check_every_rule(plan, [Period.year(year), Period.year(year - 1)], backend, history=history)


# pandas in parts of whole indicators (a few rows each here), sorted or shuffled.
@settings(max_examples=8, deadline=None)
@given(
    plan=every_rule_plans(),
    year=st.integers(2020, 2023),
    history=st.booleans(),
    backend=st.sampled_from(["pandas", "pandas_shuffled"]),
)
def test_every_rule_kind_equals_scalar_on_pandas_in_parts(
    plan: Plan, year: int, history: bool, backend: str
) -> None:
    with mock.patch.object(_batch, "_PANDAS_PART_ROWS", 7):
        check_every_rule(plan, [Period.year(year), Period.year(year - 1)], backend, history=history)


# Dask builds a task graph per example (some 15 s each here): a few examples.
@settings(max_examples=2, deadline=None)
@given(plan=every_rule_plans(), year=st.integers(2020, 2023), history=st.booleans())
def test_every_rule_kind_equals_scalar_on_dask(plan: Plan, year: int, history: bool) -> None:
    check_every_rule(plan, [Period.year(year), Period.year(year - 1)], "dask", history=history)


def test_series_rules_need_the_series_column() -> None:
    frame = pl.DataFrame({"indicator": ["N07"], "period": ["2019"], "value": [1.0]})
    reference = RelativeToReference(reference="riket", comparison=Comparison.AT_MOST)
    with pytest.raises(BatchInputError, match=r"series 'riket'.*no series column 'series'"):
        evaluate_frame(frame, {"N07": reference})
