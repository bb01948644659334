"""Registered steps that bring older documents to the current format version.

Each step takes a document of version ``n`` (plain dicts and lists, as parsed) and returns
one of version ``n + 1``. Loading applies every step from the document's version on, so a
document written years ago still loads, with nothing lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from malstyrning.errors import Problem

Document = dict[str, Any]


class MigrationProblem(ValueError):
    """A document that claims an old version but does not have that version's shape."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@attrs.frozen
class Migration:
    """One step: from ``version`` to ``version + 1``."""

    version: int
    summary: str
    step: Callable[[Document], Document]


_V0_LISTS = (
    ("goals", "goal"),
    ("indicators", "indicator"),
    ("measures", "yes_no"),
    ("assignments", "assignment"),
    ("activities", "activity"),
)


def _v0_measurements(value: Any, path: str) -> list[dict[str, Any]]:
    if not isinstance(value, dict):
        raise MigrationProblem(Problem(path, "format 0 keeps measurements as {period: value}"))
    found = []
    for period, entry in value.items():
        if isinstance(entry, dict):
            found.append({"period": period, **entry})
        else:
            found.append({"period": period, "value": entry})
    return found


def _v0_node(node: Any, kind: str, path: str) -> dict[str, Any]:
    if not isinstance(node, dict):
        raise MigrationProblem(Problem(path, "expected an object"))
    migrated = {"kind": kind, **{k: v for k, v in node.items() if k not in dict(_V0_LISTS)}}
    if kind == "goal":
        children = []
        for key, child_kind in _V0_LISTS:
            items = node.get(key, [])
            if not isinstance(items, list):
                raise MigrationProblem(Problem(f"{path}.{key}", "expected a list"))
            children += [
                _v0_node(child, child_kind, f"{path}.{key}[{position}]")
                for position, child in enumerate(items)
            ]
        if children:
            migrated["children"] = children
    if kind == "indicator":
        series = migrated.pop("series", {})
        if not isinstance(series, dict):
            raise MigrationProblem(
                Problem(f"{path}.series", "format 0 keeps series as {key: {...}}")
            )
        listed = []
        if "measurements" in node:
            total = _v0_measurements(migrated.pop("measurements"), f"{path}.measurements")
            listed.append({"key": "total", "measurements": total})
        for key, entry in series.items():
            where = f"{path}.series.{key}"
            if not isinstance(entry, dict):
                raise MigrationProblem(Problem(where, "expected an object"))
            moved = {"key": key, **{k: v for k, v in entry.items() if k != "measurements"}}
            if "measurements" in entry:
                moved["measurements"] = _v0_measurements(
                    entry["measurements"], f"{where}.measurements"
                )
            listed.append(moved)
        if listed:
            migrated["series"] = listed
    if kind == "yes_no" and "measurements" in node:
        migrated["measurements"] = _v0_measurements(node["measurements"], f"{path}.measurements")
    return migrated


def _zero_to_one(document: Document) -> Document:
    goals = document.get("goals", [])
    if not isinstance(goals, list):
        raise MigrationProblem(Problem("$.goals", "expected a list"))
    migrated = {
        **document,
        "goals": [
            {k: v for k, v in _v0_node(goal, "goal", f"$.goals[{i}]").items() if k != "kind"}
            for i, goal in enumerate(goals)
        ],
    }
    migrated["format_version"] = 1
    return migrated


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        0,
        "goals list their sub-goals, indicators, measures, assignments and activities in "
        "separate keys; measurements are {period: value} mappings, on the indicator for its "
        "total and under `series: {key: {...}}` for the others. Version 1 has one `children` "
        "list with a `kind` per node, and a list of series.",
        _zero_to_one,
    ),
)
"""Every step, oldest first."""


def migrate(document: Document, target: int) -> tuple[Document, list[int]]:
    """Apply the steps from the document's version up to ``target``.

    Returns the migrated document and the versions it passed through.

    Raises:
        MigrationProblem: the document does not have the shape of the version it claims.
    """
    version = document["format_version"]
    applied = []
    for migration in MIGRATIONS:
        if migration.version == version and version < target:
            document = migration.step(document)
            applied.append(version)
            version = document["format_version"]
    return document, applied
