"""Batch evaluation: target rules judged column-wise over a long table of outcomes.

An analyst with a national table (290 municipalities × hundreds of KPIs × years × women /
men / total) should not loop over Python objects. :func:`evaluate_frame` takes a long table
with one outcome per row (unit, indicator, series, period, value) and the rules per
indicator, and adds the columns ``status``, ``reason``, ``target``, ``gap``, ``trend`` and
``pace``. The rules are expressed once, as `narwhals <https://narwhals-dev.github.io>`_
expressions, so the same code runs eagerly on pandas, polars and pyarrow and lazily on
DuckDB and Dask; the result has the input's type (a lazy frame stays lazy).

Every row is judged as the scalar evaluator (:func:`malstyrning.evaluate`) judges an
indicator's series in that row's period, with exactly its statuses: values and targets are
compared as scaled integers, never as floats (see :class:`BatchColumns` and ``places``).

>>> import polars as pl
>>> from decimal import Decimal
>>> from malstyrning.rules import Comparison, Threshold, Tolerance
>>> outcomes = pl.DataFrame({
...     "unit": ["0180", "0180", "1480"],
...     "indicator": ["N1", "N1", "N1"],
...     "series": ["T", "T", "T"],
...     "period": ["2022", "2023", "2023"],
...     "value": [4.2, 4.09, None],
... })
>>> rule = Threshold(comparison=Comparison.AT_LEAST, value=Decimal("4.10"),
...                  tolerance=Tolerance(Decimal("0.01")))
>>> result = evaluate_frame(outcomes, {"N1": rule})
>>> for row in result.sort("unit", "period").select("period", "status", "reason", "trend").rows():
...     print(row)
('2022', 'green', None, None)
('2023', 'yellow', None, 'worsening')
('2023', 'not_assessed', 'no_data', None)
"""

from __future__ import annotations

from typing import TypeVar

from malstyrning._batch_rules import OUTPUT_COLUMNS, BatchColumns, RulesLike, specs_by_indicator
from malstyrning.errors import BatchInputError, UnsupportedRule
from malstyrning.model import TrendBasis
from malstyrning.scales import TRAFFIC_LIGHT, Achievement, Scale

__all__ = [
    "OUTPUT_COLUMNS",
    "BatchColumns",
    "BatchInputError",
    "RulesLike",
    "UnsupportedRule",
    "evaluate_frame",
]

FrameT = TypeVar("FrameT")


def evaluate_frame(
    outcomes: FrameT,
    rules: RulesLike,
    *,
    columns: BatchColumns | None = None,
    scale: Scale = TRAFFIC_LIGHT,
    places: int = 4,
    trend: bool = True,
    pace: bool = True,
) -> FrameT:
    """Judge every row of a long outcome table by its indicator's rule, column-wise.

    Args:
        outcomes: a pandas, polars or pyarrow table, or a DuckDB relation, a Dask or polars
            lazy frame (anything narwhals reads), one row per unit, indicator, series and
            period.
        rules: a :class:`~malstyrning.model.Plan` (its indicators and yes/no measures) or a
            mapping from indicator id to a rule, an ``Indicator`` or a ``YesNoMeasure``.
            Maintain and trajectories follow the indicator's direction, so give those as
            indicators. Rows of indicators without a rule are ``not_assessed``/``no_target``.
        columns: the table's column names (:class:`BatchColumns`).
        scale: the scale whose level keys ``status`` holds (default the traffic light).
        places: the decimals values are compared at. Values and targets become integers
            scaled by ``10**places`` (targets with more decimals are compared exactly all
            the same), so a value on a threshold is judged as the scalar evaluator judges
            it, never as a float rounding error would. Values with more decimals are
            rounded to ``places`` first.
        trend: add ``trend`` (improving / unchanged / worsening against the previous
            valued period of the same kind).
        pace: add ``pace`` (the growth-ratio status towards a trajectory's next level).

    Returns:
        The table, of the input's type, with ``status`` (a level key or ``not_assessed``),
        ``reason`` (why not assessed, else null), ``target`` and ``gap`` (floats, for
        display), ``trend`` and ``pace``. On polars ``status`` is an ``Enum`` of the
        scale's levels in rank order and ``reason`` a ``Categorical`` (a byte or four a
        row instead of a text's sixteen); pandas tables are judged by polars where it is
        installed, and ``status`` and ``reason`` come back as pandas categoricals;
        elsewhere both are text. Row order is kept on pandas only.

    Raises:
        UnsupportedRule: a rule without a numeric description (``Rule.demand``), an
            indicator whose shorter periods answer for longer ones (``aggregation``), or a
            plan whose trend compares with a year earlier; the message names the indicator
            and the rule. Per-series targets, reference series, bands and nested composites
            are judged (docs/batch.md).
        BatchInputError: a column is missing (the series column, where rules name series),
            a period unreadable, or values too large for exact comparison at ``places``.
    """
    from malstyrning import _batch  # noqa: PLC0415 - `import malstyrning` never loads narwhals

    if not 0 <= places <= 9:
        raise BatchInputError(f"places must be between 0 and 9 (got {places})")
    for achievement in Achievement:
        scale.level_for(achievement)  # a scale that cannot judge rules fails here
    if trend and getattr(rules, "trend_basis", None) is TrendBasis.YEAR_BEFORE:
        raise UnsupportedRule(
            "the plan's trend compares with the same period a year earlier, and batch "
            "evaluation compares with the previous period of the same kind; pass "
            "trend=False, or evaluate the plan with malstyrning.evaluate"
        )
    result: FrameT = _batch.evaluate(
        outcomes,
        specs_by_indicator(rules),
        columns=columns or BatchColumns(),
        scale=scale,
        places=places,
        trend=trend,
        pace=pace,
    )
    return result
