"""Per-series and reference targets judged on a cluster: dask.distributed, or Spark.

A Kolada-shaped table (municipalities × KPIs × years × T/K/M and the national figure as the
series "riket"), generated here, judged on a dask.distributed cluster of worker processes
or on PySpark, and checked against polars on this machine.

    python examples/batch_on_a_cluster.py                      # a local 2-process cluster
    python examples/batch_on_a_cluster.py --scheduler tcp://host:8786   # an existing one
    python examples/batch_on_a_cluster.py --spark              # a local SparkSession
    python examples/batch_on_a_cluster.py --spark --remote sc://host:15002  # Spark Connect
"""

from __future__ import annotations

import argparse
import warnings
from decimal import Decimal
from typing import Any

import numpy as np
import polars as pl

from malstyrning import Indicator
from malstyrning.batch import BatchColumns, evaluate_frame
from malstyrning.rules import (
    Comparison,
    Composite,
    CompositeMode,
    Direction,
    RelativeToReference,
    SeriesTarget,
    Threshold,
    Tolerance,
)

COLUMNS = BatchColumns(unit="municipality", indicator="kpi", series="gender", period="period")
KEYS = ["municipality", "kpi", "gender", "period"]


def national_table(*, municipalities: int = 50, kpis: int = 4, seed: int = 2024) -> pl.DataFrame:
    """One row per municipality, KPI, series (T, K, M, riket) and year 2020-2024."""
    random = np.random.default_rng(seed)
    grid = (
        pl.DataFrame({"municipality": [f"{1000 + 4 * i:04d}" for i in range(municipalities)]})
        .join(pl.DataFrame({"kpi": [f"N{k:05d}" for k in range(kpis)]}), how="cross")
        .join(pl.DataFrame({"gender": ["T", "K", "M", "riket"]}), how="cross")
        .join(pl.DataFrame({"period": [str(y) for y in range(2020, 2025)]}), how="cross")
    )
    values = np.round(random.normal(60, 15, grid.height), 1)
    missing = random.random(grid.height) < 0.03
    return grid.with_columns(value=pl.Series(np.where(missing, np.nan, values), nan_to_null=True))


def rules(kpis: int) -> dict[str, Indicator]:
    """Per-series targets ("Kvinnor 62, Män 58"), the national average, and both at once."""
    women = SeriesTarget(
        series="K", rule=Threshold(comparison=Comparison.AT_LEAST, value=Decimal(62))
    )
    men = SeriesTarget(
        series="M", rule=Threshold(comparison=Comparison.AT_LEAST, value=Decimal(58))
    )
    national = RelativeToReference(
        reference="riket",
        comparison=Comparison.AT_MOST,
        margin=Decimal("7.5"),
        tolerance=Tolerance(Decimal(1)),
    )
    kinds = [
        Composite(rules=(women, men)),
        national,
        Composite(rules=(national, Composite(rules=(women, men))), mode=CompositeMode.ANY),
        Threshold(comparison=Comparison.AT_LEAST, value=Decimal(60)),
    ]
    made = {}
    for k in range(kpis):
        kpi = f"N{k:05d}"
        target: Any = kinds[k % len(kinds)]
        direction = Direction.LOWER_IS_BETTER if target is national else Direction.HIGHER_IS_BETTER
        made[kpi] = Indicator(id=kpi, title=kpi, direction=direction, target=target)
    return made


def on_dask(table: pl.DataFrame, plan_rules: dict[str, Indicator], scheduler: str | None) -> Any:
    import dask.dataframe as dd  # noqa: PLC0415 - only this engine's run needs it
    from dask.distributed import Client, LocalCluster  # noqa: PLC0415

    cluster = None
    if scheduler is None:  # a cluster of our own: two worker processes on this machine
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True)
    with Client(scheduler or cluster) as client:
        print(f"dask.distributed: {len(client.scheduler_info()['workers'])} workers")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)  # narwhals: Dask support moving
            frame = dd.from_pandas(table.to_pandas(), npartitions=4)
            result = evaluate_frame(frame, plan_rules, columns=COLUMNS).compute()
    if cluster is not None:
        cluster.close()
    return pl.from_pandas(result)


def on_spark(table: pl.DataFrame, plan_rules: dict[str, Indicator], remote: str | None) -> Any:
    from pyspark.sql import SparkSession  # noqa: PLC0415 - only this engine's run needs it

    builder = SparkSession.builder
    builder = builder.remote(remote) if remote else builder.master("local[2]")
    spark = builder.appName("malstyrning").getOrCreate()
    frame = spark.createDataFrame(table.to_pandas())
    result = evaluate_frame(frame, plan_rules, columns=COLUMNS).toPandas()
    spark.stop()
    return pl.from_pandas(result)


def main(argv: list[str] | None = None) -> dict[str, int]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kpis", type=int, default=4)
    parser.add_argument("--municipalities", type=int, default=50)
    parser.add_argument("--scheduler", help="address of an existing dask scheduler")
    parser.add_argument("--spark", action="store_true", help="run on PySpark instead of Dask")
    parser.add_argument("--remote", help="a Spark Connect address (sc://host:15002)")
    arguments = parser.parse_args(argv)
    table = national_table(municipalities=arguments.municipalities, kpis=arguments.kpis)
    plan_rules = rules(arguments.kpis)

    here = evaluate_frame(table, plan_rules, columns=COLUMNS, trend=False, pace=False)
    if arguments.spark:
        there = on_spark(table, plan_rules, arguments.remote)
    else:
        there = on_dask(table, plan_rules, arguments.scheduler)
    left = here.with_columns(pl.col("status").cast(pl.String)).sort(KEYS).select(*KEYS, "status")
    right = there.sort(KEYS).select(*KEYS, pl.col("status").cast(pl.String))
    assert left.equals(right), "the cluster and polars disagree"
    latest = here.filter(pl.col("period") == "2024", pl.col("gender") == "T")
    counts = dict(latest.group_by(pl.col("status").cast(pl.String)).len().sort("status").rows())
    print(f"{table.height} rows on the cluster, as on polars; 2024, totals: {counts}")
    return counts


if __name__ == "__main__":
    main()
