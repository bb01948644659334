"""A national KPI table, Kolada-shaped and generated, evaluated with polars and with Dask.

290 municipalities × KPIs × years × T/K/M (total, women, men): one outcome per row, as
Kolada's API gives them. Nothing is downloaded; the values are random but the shape is real.
The same rules run on polars (eager, one machine) and on Dask (lazy, a cluster), and give the
same statuses.

    python examples/national_kolada.py              # 290 × 4 KPIs × 5 years × 3 ≈ 17 400 rows
    python examples/national_kolada.py --kpis 200 --years 10   # ≈ 1.7 million rows
    python examples/national_kolada.py --partitions 32         # Dask partitions (default 8)
"""

from __future__ import annotations

import argparse
import warnings
from decimal import Decimal

import dask.dataframe as dd
import numpy as np
import polars as pl

from malstyrning import Indicator, Period
from malstyrning.batch import BatchColumns, evaluate_frame
from malstyrning.rules import (
    Change,
    Comparison,
    Direction,
    TargetLevel,
    Threshold,
    Tolerance,
    Trajectory,
)

MUNICIPALITIES = 290
SERIES = ("T", "K", "M")
COLUMNS = BatchColumns(unit="municipality", indicator="kpi", series="gender", period="period")


def national_table(*, kpis: int = 4, years: int = 5, seed: int = 2024) -> pl.DataFrame:
    """One row per municipality, KPI, gender and year; about 3 % of the values missing."""
    random = np.random.default_rng(seed)
    first = 2024 - years + 1
    grid = pl.DataFrame(
        {"municipality": [f"{1000 + 4 * i:04d}" for i in range(MUNICIPALITIES)]}
    ).join(pl.DataFrame({"kpi": [f"N{k:05d}" for k in range(kpis)]}), how="cross")
    grid = grid.join(pl.DataFrame({"gender": SERIES}), how="cross")
    grid = grid.join(pl.DataFrame({"period": [str(y) for y in range(first, 2025)]}), how="cross")
    values = np.round(random.normal(60, 15, grid.height), 1)
    missing = random.random(grid.height) < 0.03
    return grid.with_columns(value=pl.Series(np.where(missing, np.nan, values), nan_to_null=True))


def rules(kpis: int) -> dict[str, Indicator]:
    """A mix of the rule kinds plans use: thresholds, changes and trajectories."""
    made: dict[str, Indicator] = {}
    for k in range(kpis):
        kpi = f"N{k:05d}"
        direction = Direction.HIGHER_IS_BETTER if k % 2 == 0 else Direction.LOWER_IS_BETTER
        target: Threshold | Change | Trajectory
        if k % 3 == 0:
            comparison = Comparison.AT_LEAST if k % 2 == 0 else Comparison.AT_MOST
            target = Threshold(
                comparison=comparison, value=Decimal("60.0"), tolerance=Tolerance(Decimal(5))
            )
        elif k % 3 == 1:
            target = Change(baseline=Period("2020"), direction=direction)
        else:
            target = Trajectory(
                levels=(
                    TargetLevel(Period("2022"), Decimal(60)),
                    TargetLevel(Period("2026"), Decimal(70)),
                )
            )
        made[kpi] = Indicator(id=kpi, title=kpi, direction=direction, target=target)
    return made


def main(argv: list[str] | None = None) -> dict[str, int]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kpis", type=int, default=4)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--partitions", type=int, default=8, help="Dask partitions")
    arguments = parser.parse_args(argv)
    table = national_table(kpis=arguments.kpis, years=arguments.years)
    plan_rules = rules(arguments.kpis)

    on_polars = evaluate_frame(table, plan_rules, columns=COLUMNS)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # narwhals: Dask support moving
        partitioned = dd.from_pandas(table.to_pandas(), npartitions=arguments.partitions)
        lazy = evaluate_frame(partitioned, plan_rules, columns=COLUMNS)
        on_dask = pl.from_pandas(lazy.compute())  # nothing runs until here

    keys = ["municipality", "kpi", "gender", "period"]
    left = on_polars.sort(keys).select(*keys, "status", "reason")
    right = on_dask.sort(keys).select(*keys, "status", "reason")
    assert left.equals(right), "polars and Dask disagree"
    latest = on_polars.filter(pl.col("period") == "2024", pl.col("gender") == "T")
    counts = dict(latest.group_by("status").len().sort("status").iter_rows())
    print(f"{table.height} rows; 2024, totals per status: {counts}")
    return counts


if __name__ == "__main__":
    main()
