"""Batch evaluation on real clusters: dask.distributed worker processes, and PySpark.

Each fixture starts its cluster once per module and prints how long that took, past
pytest's capture: the start-up, not the few hundred rows, is what these tests cost. The
rows are judged as the scalar evaluator judges them.

PySpark needs a Java runtime: ``.ci/run`` installs Debian's ``default-jre-headless`` where
``java`` is missing. The Spark test is skipped only where no ``java`` can be found, and says
so.
"""

from __future__ import annotations

import os
import shutil
import time
import warnings
from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import pytest

from malstyrning import Period, Plan
from malstyrning.batch import evaluate_frame
from test_batch import check_period, hard_plan, places_of, table_of

pytestmark = pytest.mark.filterwarnings("ignore:Dask support is moving:FutureWarning")

PERIODS = [Period("2019"), Period("2020"), Period("2021")]
UNITS = tuple(f"u{n}" for n in range(4))  # 4 units × 66 indicators × 3 years ≈ 800 rows


def _plan_and_table() -> tuple[Plan, pa.Table]:
    plan = hard_plan()
    return plan, table_of(plan, PERIODS, units=UNITS)


def _check(plan: Plan, table: pa.Table, rows: list[dict[str, Any]]) -> None:
    assert len(rows) == table.num_rows  # every row judged, none lost or repeated
    for period in PERIODS:
        check_period(plan, period, [r for r in rows if r["unit"] == UNITS[0]])
        check_period(plan, period, [r for r in rows if r["unit"] == UNITS[-1]])


def _report(request: pytest.FixtureRequest, line: str) -> None:
    # Past pytest's capture: the start-up shows in every run, not only with -s.
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print(f"\n{line}")  # noqa: T201 - the report is the point


@pytest.fixture(scope="module")
def dask_client(request: pytest.FixtureRequest) -> Iterator[Any]:
    distributed = pytest.importorskip("distributed")
    started = time.perf_counter()
    with (
        distributed.LocalCluster(
            processes=True,
            n_workers=2,
            threads_per_worker=1,
            dashboard_address=None,
            memory_limit="1GiB",
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        took = time.perf_counter() - started
        _report(request, f"dask.distributed: 2 worker processes up in {took:.1f} s")
        yield client


def test_batch_on_a_distributed_dask_cluster(dask_client: Any) -> None:
    import dask.dataframe as dd

    plan, table = _plan_and_table()
    frame = dd.from_pandas(table.to_pandas(), npartitions=4)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        lazy = evaluate_frame(frame, plan, places=places_of(plan))
        # The client is the default scheduler: the graph runs in the worker processes.
        future = dask_client.compute(lazy)
        result = future.result()
    # Two workers, each a process of its own.
    pids = set(dask_client.run(os.getpid).values())
    assert len(pids) == 2
    assert os.getpid() not in pids
    rows = result.astype(object).where(result.notna(), None).to_dict("records")
    _check(plan, table, rows)


@pytest.fixture(scope="module")
def spark(request: pytest.FixtureRequest) -> Iterator[Any]:
    if shutil.which("java") is None:
        pytest.skip("no Java runtime on this machine (.ci/run installs default-jre-headless)")
    sql = pytest.importorskip("pyspark.sql")
    started = time.perf_counter()
    session = (
        sql.SparkSession.builder.master("local[2]")
        .appName("malstyrning-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    _report(request, f"PySpark: local session up in {time.perf_counter() - started:.1f} s")
    yield session
    session.stop()


def test_batch_on_pyspark(spark: Any) -> None:
    plan, table = _plan_and_table()
    frame = spark.createDataFrame(table.to_pandas())
    result = evaluate_frame(frame, plan, places=places_of(plan))
    rows = [row.asDict() for row in result.collect()]
    _check(plan, table, rows)
