"""The worked example runs at a small size, and polars and Dask agree inside it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

pytestmark = pytest.mark.filterwarnings("ignore:Dask support is moving:FutureWarning")

EXAMPLE = Path(__file__).parent.parent / "examples" / "national_kolada.py"


def test_national_kolada_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("national_kolada", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    # 8 Dask partitions: enough for Dask to aggregate trend and pace by shuffling.
    counts = module.main(["--kpis", "3", "--years", "4", "--partitions", "8"])
    # 290 municipalities × 3 KPIs in 2024 (totals only), each green, yellow, red or not.
    assert sum(counts.values()) == 290 * 3
    assert set(counts) <= {"green", "yellow", "red", "not_assessed"}
    assert "rows; 2024" in capsys.readouterr().out
