"""The benchmarks' shared entry point: ``python benchmarks/run.py [--quick] [--only NAME]``.

Prints one JSON object per line: ``name``, ``ratio`` (our throughput divided by the
reference's: higher is better), ``reference`` (what we compared with), the measured figures
and the machine. Every comparison runs side by side in the same process, on the same data,
so that the ratio does not depend on the machine. ``--quick`` uses smaller inputs and
finishes within a minute; the full run gives the figures the docs quote.

Benchmarks are not tests: nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from plans import generated_plan

import malstyrning

BENCHMARKS: dict[str, Callable[[bool], list[dict[str, Any]]]] = {}


def benchmark(name: str) -> Callable[[Callable[[bool], list[dict[str, Any]]]], Any]:
    """Register a benchmark function (it takes ``quick`` and returns result records)."""

    def register(function: Callable[[bool], list[dict[str, Any]]]) -> Any:
        BENCHMARKS[name] = function
        return function

    return register


def best_of(function: Callable[[], object], *, repeat: int) -> float:
    """The fastest of ``repeat`` runs, in seconds (the least disturbed by the machine)."""
    timings = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return min(timings)


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "malstyrning": malstyrning.__version__,
    }


# -- documents: JSON round trip -----------------------------------------------------------


@benchmark("json_roundtrip")
def json_roundtrip(quick: bool) -> list[dict[str, Any]]:
    """JSON dump + load of a generated plan, against msgspec and pydantic v2 models."""
    from equivalents import msgspec_roundtrip, pydantic_roundtrip

    sizes = (1_000, 10_000) if quick else (1_000, 100_000)
    repeat = 2 if quick else 3
    records = []
    per_indicator = {}
    for size in sizes:
        plan = generated_plan(indicators=size)
        text = malstyrning.dumps(plan)
        assert malstyrning.loads(text) == plan

        def ours(plan: Any = plan, text: str = text) -> None:
            malstyrning.loads(malstyrning.dumps(plan))

        ours_seconds = best_of(ours, repeat=repeat)
        per_indicator[size] = ours_seconds / size
        if size == sizes[-1]:
            data = text.encode()
            for reference, roundtrip in (
                ("msgspec", msgspec_roundtrip),
                ("pydantic", pydantic_roundtrip),
            ):
                reference_seconds = best_of(lambda rt=roundtrip, data=data: rt(data), repeat=repeat)
                records.append(
                    {
                        "name": f"json_roundtrip_vs_{reference}",
                        "ratio": round(reference_seconds / ours_seconds, 4),
                        "reference": f"{reference} on equivalent models, same JSON, same process",
                        "indicators": size,
                        "bytes": len(data),
                        "ours_seconds": round(ours_seconds, 4),
                        "reference_seconds": round(reference_seconds, 4),
                        "ours_indicators_per_second": round(size / ours_seconds),
                    }
                )
    small, large = sizes
    records.append(
        {
            "name": "json_roundtrip_scaling",
            "ratio": round(per_indicator[small] / per_indicator[large], 4),
            "reference": f"per-indicator cost at {small} indicators divided by that at {large}",
            f"seconds_per_indicator_at_{small}": per_indicator[small],
            f"seconds_per_indicator_at_{large}": per_indicator[large],
            "growth": round(per_indicator[large] / per_indicator[small], 4),
        }
    )
    return records


# -- revisions: one operation against a copy of the plan -----------------------------------


def _one_operation_revisions(plan: Any) -> dict[str, Any]:
    """One revision per kind of operation, each deep in the plan's last goal area."""
    from datetime import date
    from decimal import Decimal

    from malstyrning import Indicator
    from malstyrning.revisions import Add, ChangeTarget, Move, Reformulate, Revision, Strike
    from malstyrning.rules import Comparison, Threshold

    area = plan.goals[-1]
    goal, other = area.children[-1], area.children[0]
    indicator = goal.children[-1]
    target = Threshold(comparison=Comparison.AT_LEAST, value=Decimal("91.5"))
    if indicator.direction.value == "lower_is_better":
        target = Threshold(comparison=Comparison.AT_MOST, value=Decimal("41.5"))
    operations = {
        "change_target": ChangeTarget(id=indicator.id, target=target),
        "reformulate": Reformulate(id=goal.id, title="Ny lydelse av målet"),
        "add": Add(
            parent=goal.id,
            node=Indicator(id="ny-indikator", title="Ny indikator", unit="%"),
        ),
        "strike": Strike(id=indicator.id, cascade=False),
        "move": Move(id=indicator.id, parent=other.id),
    }
    return {
        kind: Revision(body="HSN", decided=date(2021, 3, 1), paragraph="§ 1", operations=(op,))
        for kind, op in operations.items()
    }


@benchmark("revision_apply_vs_copy")
def revision_apply_vs_copy(quick: bool) -> list[dict[str, Any]]:
    """Applying one operation (a revision) against copying the whole plan."""
    import copy

    import attrs

    from malstyrning.revisions import apply, as_of

    sizes = (1_000, 5_000) if quick else (1_000, 100_000)
    applied: dict[int, dict[str, float]] = {}
    records = []
    for size in sizes:
        plan = generated_plan(indicators=size)
        revisions = _one_operation_revisions(plan)
        for revision in revisions.values():
            revised = apply(plan, revision)
            # The result is a whole, valid plan: the same as one built from scratch.
            assert attrs.evolve(revised, goals=revised.goals) == revised
            assert as_of(revised, "2021-02-28") == plan
        applied[size] = {
            kind: best_of(lambda r=revision, p=plan: apply(p, r), repeat=20)
            for kind, revision in revisions.items()
        }
        if size != sizes[-1]:
            continue
        slowest = max(applied[size].values())
        copy_seconds = best_of(lambda p=plan: copy.deepcopy(p), repeat=1 if quick else 2)
        rebuild_seconds = best_of(lambda p=plan: attrs.evolve(p, goals=p.goals), repeat=3)
        records.append(
            {
                "name": "revision_apply_vs_copy",
                "ratio": round(copy_seconds / slowest, 1),
                "reference": "copy.deepcopy of the whole plan, against the slowest of five "
                "one-operation revisions (change_target, reformulate, add, strike, move)",
                "indicators": size,
                "nodes": len(plan),
                "depth": max(plan.depth(node.id) for node in plan.walk()) + 1,
                "apply_seconds": {kind: round(t, 7) for kind, t in applied[size].items()},
                "copy_seconds": round(copy_seconds, 4),
                "rebuild_seconds": round(rebuild_seconds, 4),
                "ratio_vs_rebuild": round(rebuild_seconds / slowest, 1),
            }
        )
    small, large = sizes
    growth = max(applied[large].values()) / max(applied[small].values())
    records.append(
        {
            "name": "revision_apply_scaling",
            "ratio": round(1 / growth, 4),
            "reference": f"slowest one-operation apply at {small} indicators divided by that "
            f"at {large} (1.0: the cost does not grow with the plan)",
            "growth": round(growth, 4),
            "size_growth": large // small,
        }
    )
    return records


# -- import time: the package against its own core dependencies ----------------------------

# The import names of the core dependencies in pyproject.toml (pyyaml is yaml, tomli-w tomli_w).
CORE_DEPENDENCIES = (
    "attrs",
    "cattrs",
    "babel",
    "click",
    "orjson",
    "yaml",
    "tomli_w",
    "tomli",
    "immutables",
)

_TIMED_IMPORT = (
    "import time; _start = time.perf_counter(); import {modules}; "
    "print(time.perf_counter() - _start)"
)


def _fresh_environment(cache: str) -> dict[str, str]:
    # Bytecode as an installed package has it: cached (in a private folder, so the checkout
    # stays clean), never compiled on every run as PYTHONDONTWRITEBYTECODE would make it.
    environment = {**os.environ, "PYTHONPYCACHEPREFIX": cache}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    return environment


def _import_seconds(modules: str, environment: dict[str, str]) -> float:
    """Seconds an ``import`` of ``modules`` takes in a fresh interpreter (startup excluded)."""
    command = [sys.executable, "-c", _TIMED_IMPORT.format(modules=modules)]
    done = subprocess.run(command, env=environment, capture_output=True, text=True, check=True)
    return float(done.stdout)


def _command_seconds(command: list[str], environment: dict[str, str]) -> float:
    """Wall-clock seconds of a whole command in a fresh process (startup included)."""
    start = time.perf_counter()
    subprocess.run(command, env=environment, capture_output=True, check=True)
    return time.perf_counter() - start


@benchmark("import_time")
def import_time(quick: bool) -> list[dict[str, Any]]:
    """``import malstyrning`` and two CLI calls, against importing the core dependencies."""
    repeat = 5 if quick else 15
    dependencies = ", ".join(CORE_DEPENDENCIES)
    cli = [sys.executable, "-m", "malstyrning"]
    with tempfile.TemporaryDirectory(prefix="malstyrning-pycache-") as cache:
        environment = _fresh_environment(cache)
        # One warm-up run of each writes the bytecode caches.
        _import_seconds(f"malstyrning, {dependencies}", environment)
        ours, reference, calls = [], [], {"help": [], "examples": []}
        baseline = []
        for _ in range(repeat):
            # Interleaved, so that both see the same machine load.
            ours.append(_import_seconds("malstyrning", environment))
            reference.append(_import_seconds(dependencies, environment))
            baseline.append(
                _command_seconds([sys.executable, "-c", f"import {dependencies}"], environment)
            )
            calls["help"].append(_command_seconds([*cli, "--help"], environment))
            calls["examples"].append(_command_seconds([*cli, "examples"], environment))
    ours_seconds, reference_seconds = min(ours), min(reference)
    records = [
        {
            "name": "import_time",
            "ratio": round(reference_seconds / ours_seconds, 4),
            "reference": f"importing the core dependencies ({dependencies}) in a fresh "
            "interpreter, interleaved with ours",
            "ours_seconds": round(ours_seconds, 4),
            "reference_seconds": round(reference_seconds, 4),
            "repeat": repeat,
        }
    ]
    baseline_seconds = min(baseline)
    for call, timings in calls.items():
        records.append(
            {
                "name": f"import_time_cli_{call}",
                "ratio": round(baseline_seconds / min(timings), 4),
                "reference": f"a fresh interpreter importing the core dependencies "
                f"({dependencies}), against `malstyrning {'--help' if call == 'help' else call}`, "
                "startup included",
                "ours_seconds": round(min(timings), 4),
                "reference_seconds": round(baseline_seconds, 4),
                "repeat": repeat,
            }
        )
    return records


# -- bad input: the worst time and memory over the broken corpus and the fuzz seeds -------


def _bad_input_seeds(size: int) -> dict[str, tuple[str, str]]:
    """Hostile documents of about ``size`` bytes each: (format, text) by name."""
    base = json.loads(malstyrning.dumps(malstyrning.examples.load("vasternorrland-2022")))
    level = base["levels"][0]["key"]
    half = size // 2
    bomb = ["format_version: 1", "a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    bomb += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 40)]
    nodes = [{"id": "n0", "title": "n0", "level": level}] + [
        {"kind": "goal", "id": f"n{i}", "title": f"n{i}", "level": level, "parent": f"n{i - 1}"}
        for i in range(1, size // 80)
    ]
    flat = {key: value for key, value in base.items() if key != "goals"}
    many = {**base, "goals": [{"id": i, "title": 1} for i in range(size // 25)]}
    target = malstyrning.dumps(malstyrning.examples.load("vasternorrland-2022"), format="yaml")
    return {
        "deep-lists-json": ("json", "[" * half + "]" * half),
        "deep-lists-yaml": ("yaml", "[" * half + "]" * half),
        "deep-lists-toml": ("toml", "a = " + "[" * half + "]" * half),
        "deep-objects-json": ("json", '{"a": ' * (size // 7) + "1" + "}" * (size // 7)),
        "alias-bomb-yaml": ("yaml", "\n".join(bomb) + "\n"),
        "long-number-json": (
            "json",
            json.dumps(base).replace('"title"', '"x": 1.' + "1" * size + ', "title"', 1),
        ),
        "long-int-json": (
            "json",
            json.dumps(base).replace('"title"', '"x": ' + "1" * size + ', "title"', 1),
        ),
        "long-text-json": ("json", json.dumps({**base, "title": "x" * size})),
        "flat-chain-json": ("json", json.dumps({**flat, "nodes": nodes})),
        "many-problems-json": ("json", json.dumps(many)),
        "repetitive-target-yaml": (
            "yaml",
            target.replace(
                "unit: ", f"target_text: '{'ska minska ' * (size // 11)}'\n      unit: ", 1
            ),
        ),
    }


@benchmark("bad_input_worst_case")
def bad_input_worst_case(quick: bool) -> list[dict[str, Any]]:
    """Each broken-corpus document and each fuzz seed loaded once: the worst time and memory.

    The budget (issue 15) is 2 s and 500 MB for any input up to 1 MB; ``ratio`` is the time
    budget divided by the worst time (above 1: within it). Memory is the peak of Python
    allocations (tracemalloc) while loading, measured in a second pass.
    """
    import tracemalloc

    from malstyrning.errors import MalstyrningError

    corpus = Path(__file__).parent.parent / "tests" / "broken" / "documents"
    inputs: list[tuple[str, str, str | bytes]] = [
        (path.name, path.suffix.lstrip("."), path.read_bytes()) for path in sorted(corpus.iterdir())
    ]
    # --quick keeps the whole corpus and every seed's shape, at a fiftieth of the size.
    size = 20_000 if quick else 1_000_000
    inputs += [(name, fmt, text) for name, (fmt, text) in _bad_input_seeds(size).items()]
    worst_time = ("", 0.0)
    worst_memory = ("", 0)
    escaped = []

    def attempt(name: str, fmt: str, text: str | bytes) -> None:
        try:
            malstyrning.loads(text, format=fmt, source=name)
        except MalstyrningError:
            pass
        except Exception as error:  # counted: none may escape
            escaped.append(f"{name}: {type(error).__name__}")

    for name, fmt, text in inputs:
        # Time and memory in separate passes: tracing allocations slows Python several-fold.
        gc.collect()
        started = time.perf_counter()
        attempt(name, fmt, text)
        seconds = time.perf_counter() - started
        gc.collect()
        tracemalloc.start()
        attempt(name, fmt, text)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        if seconds > worst_time[1]:
            worst_time = (name, seconds)
        if peak > worst_memory[1]:
            worst_memory = (name, peak)
    return [
        {
            "name": "bad_input_worst_case",
            "ratio": round(2.0 / worst_time[1], 4),
            "reference": "the budget of 2 s per input up to 1 MB (issue 15)",
            "inputs": len(inputs),
            "largest_seed_bytes": size,
            "worst_seconds": round(worst_time[1], 4),
            "worst_seconds_input": worst_time[0],
            "worst_megabytes": round(worst_memory[1] / 2**20, 1),
            "worst_megabytes_input": worst_memory[0],
            "foreign_exceptions": escaped,
        }
    ]


# -- documents: YAML and TOML round trips against JSON's -----------------------------------


def _format_roundtrip(fmt: str) -> Callable[[bool], list[dict[str, Any]]]:
    """A YAML or TOML round trip of a generated plan, against JSON's on the same plan."""

    def run(quick: bool) -> list[dict[str, Any]]:
        size = 1_000 if quick else 10_000
        repeat = 2 if quick else 3
        plan = generated_plan(indicators=size)
        text = malstyrning.dumps(plan, format=fmt)
        # Byte-stable: what is read back is the plan, and is written as the same text.
        again = malstyrning.loads(text, format=fmt)
        assert again == plan
        assert malstyrning.dumps(again, format=fmt) == text

        def roundtrip(kind: str) -> float:
            return best_of(
                lambda: malstyrning.loads(malstyrning.dumps(plan, format=kind), format=kind),
                repeat=repeat,
            )

        ours, reference = roundtrip(fmt), roundtrip("json")
        load = best_of(lambda: malstyrning.loads(text, format=fmt), repeat=repeat - 1)
        dump = best_of(lambda: malstyrning.dumps(plan, format=fmt), repeat=repeat - 1)
        return [
            {
                "name": f"{fmt}_roundtrip_vs_json",
                "ratio": round(reference / ours, 4),
                "reference": "malstyrning's own JSON round trip (dumps + loads) of the same "
                "plan, same process",
                "indicators": size,
                "bytes": len(text.encode()),
                "ours_seconds": round(ours, 4),
                "reference_seconds": round(reference, 4),
                "load_seconds": round(load, 4),
                "dump_seconds": round(dump, 4),
            }
        ]

    return run


for _fmt in ("yaml", "toml"):
    benchmark(f"{_fmt}_roundtrip_vs_json")(_format_roundtrip(_fmt))


# -- evaluation: every assessment built -------------------------------------------------------

# evaluate() at 100 000 indicators before statuses were judged apart from the assessments
# (issue 18): 31.6 µs per indicator, every assessment built (docs/performance.md).
SCALAR_FULL_BEFORE_SECONDS = 31.6e-6


@benchmark("scalar_full")
def scalar_full(quick: bool) -> list[dict[str, Any]]:
    """``evaluate(lazy=False)``: every assessment with its explanation, trend and pace."""
    period = malstyrning.Period("2021")
    size = 2_000 if quick else 100_000
    repeat = 2 if quick else 3
    plan = generated_plan(indicators=size)
    full = best_of(lambda: malstyrning.evaluate(plan, period=period, lazy=False), repeat=repeat)
    statuses = best_of(lambda: malstyrning.evaluate(plan, period=period).statuses, repeat=repeat)
    # Read one by one after a lazy evaluation, as a report reads the nodes it prints.
    read = best_of(lambda: list(malstyrning.evaluate(plan, period=period)), repeat=repeat - 1)
    per_indicator = full / size
    return [
        {
            "name": "scalar_full",
            "ratio": round(SCALAR_FULL_BEFORE_SECONDS / per_indicator, 4),
            "reference": "31.6 µs per indicator: evaluate() at 100 000 indicators before "
            "issue 18, every assessment built (a recorded figure, not run here)",
            "indicators": size,
            "ours_seconds": round(full, 4),
            "microseconds_per_indicator": round(per_indicator * 1e6, 2),
            "statuses_microseconds_per_indicator": round(statuses / size * 1e6, 2),
            "read_one_by_one_microseconds_per_indicator": round(read / size * 1e6, 2),
        }
    ]


# Scalar and batch evaluation (issue 8) live in their own module.
from batch_benchmarks import BATCH_BENCHMARKS  # noqa: E402

for _name, _function in BATCH_BENCHMARKS.items():
    benchmark(_name)(_function)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small inputs, within a minute")
    parser.add_argument(
        "--only",
        action="append",
        choices=sorted(BENCHMARKS),
        help="run only this benchmark (repeatable)",
    )
    arguments = parser.parse_args(argv)
    about = machine()
    for name in arguments.only or BENCHMARKS:
        started = time.perf_counter()
        records = BENCHMARKS[name](arguments.quick)
        # What running the benchmark took, set-up and references included: --quick must stay
        # within a minute in all, and this shows which one to shrink.
        took = round(time.perf_counter() - started, 2)
        for record in records:
            line = {**record, "quick": arguments.quick, "benchmark_seconds": took, "machine": about}
            print(json.dumps(line), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
