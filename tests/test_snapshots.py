"""The refactor snapshot: CLI outputs on the embedded examples and evaluations of 300 stored
generated plans are byte-identical to the recorded ones (tests/snapshots/record.py).

A deliberate change of output is recorded again with ``python tests/snapshots/record.py`` and
named in the changelog.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import pytest

HERE = Path(__file__).parent / "snapshots"


def _recorder() -> object:
    spec = importlib.util.spec_from_file_location("snapshot_record", HERE / "record.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def recorded() -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = json.loads(
        gzip.decompress((HERE / "snapshot.json.gz").read_bytes())
    )
    return data


def test_cli_outputs_on_the_examples_are_unchanged(
    recorded: dict[str, dict[str, object]],
) -> None:
    now = _recorder().record_cli()  # type: ignore[attr-defined]
    assert sorted(now) == sorted(recorded["cli"])
    for name, entry in recorded["cli"].items():
        assert now[name] == entry, name


def test_evaluations_of_generated_plans_are_unchanged(
    recorded: dict[str, dict[str, object]],
) -> None:
    now = _recorder().record_plans()  # type: ignore[attr-defined]
    assert len(now) == 300
    for name, lines in recorded["plans"].items():
        assert now[name] == lines, name
