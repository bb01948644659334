"""Shared test set-up: Hypothesis profiles, and the order of tests in mutation runs.

``ci`` (the default) keeps the suite fast; ``dev`` digs deeper:
``HYPOTHESIS_PROFILE=dev python -m pytest``.
"""

import gc
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, settings

settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=1000, deadline=None, print_blob=True)
# Mutation testing (`make mutation`): the same examples on every run, so a mutant's verdict
# does not depend on luck, and no database carried over from another mutant. No shrinking:
# the first failing example already kills the mutant, and shrinking it on a busy machine
# turned kills into timeouts.
settings.register_profile(
    "mutation",
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
# The document fuzz suite (tests/test_fuzz_documents.py): mutated documents in CI, a few
# hundred per run; `MALSTYRNING_FUZZ=1` digs for thousands.
settings.register_profile(
    "fuzz_ci",
    max_examples=50,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "fuzz",
    max_examples=3000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """In a mutant's run (``make mutation``), the quickest tests first.

    mutmut stops a mutant's run at its first failing test (``-x``) and hands pytest the tests
    in no particular order: a mutant that a 0.01 s test kills waited for seconds of slower
    tests first. mutmut records each test's time in ``mutmut-stats.json``.
    """
    if not os.environ.get("MUTANT_UNDER_TEST"):
        return
    durations = _mutmut_durations()
    items.sort(key=lambda item: durations.get(item.nodeid, 0.0))


def pytest_collection_finish(session: pytest.Session) -> None:
    """In mutmut's fork server, freeze what collection loaded before the mutants fork off.

    The server imports the mutated modules once (``_batch.py``'s copy holds every mutant's
    version of every function: some 3 GB) and forks a process per mutant. A full collection
    in that process walked the whole inherited heap and so copied every page of it, seconds
    per mutant. Frozen objects are left out of collections (``gc.freeze()``, made for
    processes that fork without exec). Only in a collect-only run inside mutmut's process.
    """
    if session.config.option.collectonly and "mutmut" in sys.modules:
        gc.freeze()


def _mutmut_durations() -> dict[str, float]:
    stats = Path("mutmut-stats.json")
    if not stats.exists():
        return {}
    recorded: Any = json.loads(stats.read_text(encoding="utf-8")).get("duration_by_test", {})
    return {str(name): float(seconds) for name, seconds in recorded.items()}
