"""Plans from the spreadsheets they are written in, and back.

Plans are written in sheets: one row per goal or indicator, a column per level (*målområde*,
*mål*, then the indicators), the target as text, the unit, the direction, outcome columns per
period ("Utfall 2019") and target-level columns ("Målnivå 2022"), a source, an owner.
:func:`read_plan_table` reads such a sheet (XLSX, CSV or a pandas/polars data frame) into a
:class:`~malstyrning.model.Plan`; :func:`write_plan_table` writes a plan in the same layout.

**Layouts.** Either *level columns*: the first columns whose headers name no field are the
plan's levels, left to right from the top; a value in a level column starts a new goal at that
depth, and blank cells continue the goal above. A last level column headed with a kind of leaf
("Indikator", "Mått", "Uppdrag", "Indicator", ...) holds the indicators, measures and tasks.
Or an ``id``/``parent`` pair: every row names its parent goal and carries its ``title``.

**Columns** are recognised by their headers in Swedish, English and Norwegian regardless of
case and accents (the words are in the catalogues, ``[plan_table]``), or by ``columns``, a
mapping from header to field: ``id``, ``parent``, ``kind``, ``title``, ``description``,
``owner``, ``unit``, ``direction``, ``target`` (the target as text, read as documents read
``target_text``), ``source``, ``level``, ``leaf``, ``ignore``, or a field with a period:
``outcome 2019``, ``target_level 2022``, ``comment 2020``. Headers such as "Utfall 2019",
"2019-T1", "Målnivå 2022", "Målvärde 2020", "Outcome 2019" or "Target 2024" carry their
period.

**Cells.** An outcome cell holds a number (Swedish or English number text, "13,9 %"), a yes/no
answer for a yes/no measure, a status for an assignment or activity, or why the outcome is
missing (``measured_later`` or its words in any catalogue, "mäts vid en senare uppföljning").
The kind of a row is its ``kind`` cell, else a goal in a level column, else the leaf column's
kind, a yes/no measure when its title ends with "(Ja/Nej)" or its outcomes are answers.

The sheet becomes a plan document (nested nodes, ids where the sheet has them) that is loaded by
:func:`malstyrning.io.from_document`, so sheets and documents share their defaults and checks.
Every problem names the file, the sheet, the row and the column, and all come in one
:class:`~malstyrning.errors.DocumentError`.

>>> text = '''Målområde;Mål;Indikator;id;Enhet;Riktning;Utfall 2019;Målnivå 2022
... Nära vård;;;vard;;;;
... ;Tillgänglighet;;tillg;;;;
... ;;Väntetid;vantetid;dagar;lägre är bättre;45;30
... '''
>>> plan = plan_table_from_csv(text, id="x", title="Plan", organisation="Region X",
...                            validity="2022", source="plan.csv")
>>> indicator = plan.get("vantetid")
>>> indicator.direction.value, str(indicator.target), indicator.main_series.measurements[0].value
('lower_is_better', '30 in 2022', Decimal('45'))
>>> plan_table_from_csv(text.replace(";45;", ";fyrtiofem;"), id="x", title="Plan",
...                     organisation="Region X", validity="2022", source="plan.csv")
Traceback (most recent call last):
...
malstyrning.errors.DocumentError: plan.csv could not be read as a plan: 1 problem
  - cannot read 'fyrtiofem' as a number or why the outcome is missing @ row 4, column 'Utfall 2019'
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from malstyrning._converter import shared_converter
from malstyrning._ids import slug
from malstyrning._tables_io import (
    RawTable,
    Value,
    _openpyxl,
    read_csv_text,
    read_frame,
    write_csv,
)
from malstyrning.errors import (
    DocumentError,
    MalstyrningError,
    Problem,
    UnknownLocale,
    UnreadableTarget,
)
from malstyrning.i18n import (
    DEFAULT_LOCALE,
    LocaleLike,
    available_locales,
    catalogue_cache,
    catalogue_section,
)
from malstyrning.io import from_document
from malstyrning.model import (
    BUILTIN_UNITS,
    Activity,
    Assignment,
    Goal,
    Indicator,
    Measurement,
    Node,
    Plan,
    PlanLevel,
    Revision,
    YesNoMeasure,
)
from malstyrning.periods import Period
from malstyrning.revisions import diff
from malstyrning.rules import Direction, Rule, Trajectory
from malstyrning.scales import ACTIVITY_STATUS, TRAFFIC_LIGHT, NotAssessedReason, Scale
from malstyrning.tables import _answer, _dump, _number, _period, _table_from_path, _text
from malstyrning.target_text import TargetContext, describe, parse_target

__all__ = [
    "FIELDS",
    "LAYOUTS",
    "plan_table_from_csv",
    "plan_table_from_frame",
    "plan_table_rows",
    "plan_table_to_csv",
    "read_plan_table",
    "revision_from_table",
    "write_plan_table",
]

FIELDS = (
    "id",
    "parent",
    "kind",
    "title",
    "description",
    "owner",
    "unit",
    "direction",
    "target",
    "reference",
    "source",
)
"""The fields a column may hold besides levels and the per-period fields."""

_PERIODIC = ("outcome", "target_level", "comment")
_SPECIAL = ("level", "leaf", "ignore")
_KINDS = ("goal", "indicator", "yes_no", "assignment", "activity")
_LEAF_KINDS = _KINDS[1:]

# Which fields a row of each kind may fill; a value anywhere else is a problem, never dropped.
_ALLOWED = {
    "goal": {"id", "parent", "kind", "title", "description", "owner"},
    "indicator": {
        "id",
        "parent",
        "kind",
        "title",
        "description",
        "unit",
        "direction",
        "target",
        "reference",
        "source",
        "outcome",
        "target_level",
        "comment",
    },
    "yes_no": {
        "id",
        "parent",
        "kind",
        "title",
        "description",
        "target",
        "source",
        "outcome",
        "comment",
    },
    "assignment": {"id", "parent", "kind", "title", "description", "owner", "outcome", "comment"},
    "activity": {"id", "parent", "kind", "title", "description", "owner", "outcome", "comment"},
}

_MAIN_SERIES = "total"


# -- words ------------------------------------------------------------------------------------


def _fold(text: str) -> str:
    """Text as headers and words are compared: no accents, no case, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ø", "o").replace("Ø", "O"))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().replace("*", " ").split()).strip(" :")


@attrs.frozen
class _Words:
    columns: Mapping[str, str]  # folded header word -> field
    periodic: Mapping[str, str]  # folded word before a period -> outcome/target_level/comment
    kinds: Mapping[str, str]  # folded word -> kind
    leaves: Mapping[str, str]  # folded leaf-column header -> default kind
    directions: Mapping[str, Direction]
    reasons: Mapping[str, NotAssessedReason]
    yes_no_marks: tuple[str, ...]
    shown: Mapping[str, tuple[str, ...]]  # the words as the catalogues write them, for errors


def _words_of(section: Mapping[str, Any], key: str) -> list[str]:
    found = section.get(key, ())
    return [found] if isinstance(found, str) else list(found)


def _section(language: str, name: str) -> Mapping[str, Any]:
    # A catalogue added by a user may leave sheets out: its language then has no sheet words.
    try:
        return catalogue_section(language, name)
    except UnknownLocale:
        return {}


@catalogue_cache
def _words() -> _Words:
    columns: dict[str, str] = {}
    periodic: dict[str, str] = {}
    kinds: dict[str, str] = {}
    leaves: dict[str, str] = {}
    directions: dict[str, Direction] = {d.value: d for d in Direction}
    reasons: dict[str, NotAssessedReason] = {r.value: r for r in NotAssessedReason}
    marks: set[str] = set()
    shown: dict[str, list[str]] = {"kind": [], "direction": [], "column": [], "periodic": []}
    for language in available_locales():
        section = _section(language, "plan_table")
        headers = section.get("columns", {})
        for field in FIELDS:
            for word in _words_of(headers, field):
                columns.setdefault(_fold(word), field)
                shown["column"].append(word)
        for field in _PERIODIC:
            for word in _words_of(headers, field):
                periodic.setdefault(_fold(word), field)
                shown["periodic"].append(word)
        kind_words = section.get("kinds", {})
        for kind in _KINDS:
            for word in _words_of(kind_words, kind):
                kinds.setdefault(_fold(word), kind)
                shown["kind"].append(word)
                if kind != "goal":
                    leaves.setdefault(_fold(word), kind)
        for word in _words_of(kind_words, "leaf"):
            leaves.setdefault(_fold(word), "indicator")
        for direction in Direction:
            for word in _words_of(section.get("directions", {}), direction.value):
                directions.setdefault(_fold(word), direction)
                shown["direction"].append(word)
        marks.update(_fold(word) for word in _words_of(section.get("marks", {}), "yes_no"))
        for reason in NotAssessedReason:
            label = _section(language, "NotAssessedReason").get(reason.value)
            if isinstance(label, str):
                reasons.setdefault(_fold(label), reason)
    for kind in _KINDS:
        kinds.setdefault(kind, kind)
    return _Words(
        columns=columns,
        periodic=periodic,
        kinds=kinds,
        leaves=leaves,
        directions=directions,
        reasons=reasons,
        yes_no_marks=tuple(sorted(marks)),
        shown={key: tuple(dict.fromkeys(words)) for key, words in shown.items()},
    )


def _written(locale: str, group: str, key: str) -> str:
    """The word a sheet in ``locale`` is written with: the first of the catalogue's list."""
    section = catalogue_section(locale, "plan_table")
    words = _words_of(section.get(group, {}) if group else section, key)
    return words[0]


# -- columns ----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class _Column:
    position: int
    field: str
    period: Period | None = None
    kind: str | None = None  # the default kind of a leaf column


def _periodic(header: str) -> tuple[str, Period] | None:
    """``("outcome", 2019)`` for "Utfall 2019", "2019", "2019-T1" or "Utfall T1 2019".

    None for other headers.
    """
    words = header.split()
    # The period is the header's last word, or its last two ("T1 2019").
    for size in (2, 1):
        if len(words) < size:
            continue
        try:
            period = _period(" ".join(words[-size:]))
        except Exception:  # any text that is no period: try the shorter tail
            continue
        prefix = _fold(" ".join(words[:-size]))
        if not prefix:
            return "outcome", period
        field = _words().periodic.get(prefix)
        if field is not None:
            return field, period
    return None


def _spec(text: str, header: str) -> tuple[str, Period | None] | str:
    """A user's column spec, or the reason it is not one."""
    words = text.split()
    if len(words) == 1 and words[0] in (*FIELDS, *_SPECIAL):
        return words[0], None
    if len(words) == 2 and words[0] in _PERIODIC:
        try:
            return words[0], _period(words[1])
        except Exception as error:  # the converter wraps the period's error
            return f"{words[1]!r} is no period ({error})"
    known = ", ".join([*FIELDS, *_SPECIAL, *(f"{field} PERIOD" for field in _PERIODIC)])
    return f"the column {header!r} is mapped to {text!r}, which is none of: {known}"


def _header_place(table: RawTable, position: int) -> str:
    name = table.columns[position]
    row = table.rows[0].number - 1 if table.rows and table.spreadsheet else 1
    return (
        f"row {max(row, 1)}, column {position + 1} {name!r}" if name else f"column {position + 1}"
    )


def _recognise(
    table: RawTable, columns: Mapping[str, str] | None
) -> tuple[list[_Column], list[Problem]]:
    words = _words()
    mapping = {_fold(header): spec for header, spec in (columns or {}).items()}
    used: set[str] = set()
    found: list[_Column] = []
    unknown: list[int] = []
    problems: list[Problem] = []
    for position, header in enumerate(table.columns):
        folded = _fold(header)
        if folded in mapping:
            used.add(folded)
            spec = _spec(mapping[folded], header)
            if isinstance(spec, str):
                problems.append(Problem(_header_place(table, position), spec))
                continue
            field, period = spec
            kind = words.leaves.get(folded, "indicator") if field == "leaf" else None
            found.append(_Column(position=position, field=field, period=period, kind=kind))
        elif folded in words.columns:
            found.append(_Column(position=position, field=words.columns[folded]))
        elif (periodic := _periodic(header)) is not None:
            found.append(_Column(position=position, field=periodic[0], period=periodic[1]))
        elif folded in words.leaves:
            found.append(_Column(position=position, field="leaf", kind=words.leaves[folded]))
        else:
            unknown.append(position)
    problems.extend(
        Problem("header", f"the mapping names a column {header!r} the sheet does not have")
        for header in columns or {}
        if _fold(header) not in used
    )
    problems.extend(_repeated(table, found))
    has_parent = any(column.field == "parent" for column in found)
    levels = [column.position for column in found if column.field in {"level", "leaf"}]
    if not has_parent:
        # Level columns: the first run of columns that name no field (and the leaf column).
        block = sorted([*unknown, *levels])
        run: list[int] = []
        leaves = {column.position for column in found if column.field == "leaf"}
        for position in block:
            if run and (position != run[-1] + 1 or run[-1] in leaves):
                break  # the leaf column ends the level columns
            run.append(position)
        found.extend(
            _Column(position=position, field="level") for position in unknown if position in run
        )
    found.sort(key=lambda column: column.position)
    placed = {column.position for column in found}
    known = ", ".join(words.shown["column"])
    dated = ", ".join(dict.fromkeys(words.shown["periodic"]))
    problems.extend(
        Problem(
            _header_place(table, position),
            f"unknown column {table.columns[position]!r}; the columns are the levels (first, "
            f"left to right), then any of: {known}; or one of {dated} followed by a period "
            "('Utfall 2019', 'Målnivå 2022'); or map it with columns={...}",
        )
        for position in unknown
        if position not in placed
    )
    return found, problems


def _repeated(table: RawTable, found: Sequence[_Column]) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[tuple[str, Period | None], int] = {}
    for column in found:
        if column.field in {"level", "leaf", "ignore"}:
            continue
        key = (column.field, column.period)
        if key in seen:
            first = table.columns[seen[key]]
            problems.append(
                Problem(
                    _header_place(table, column.position),
                    f"this column holds the same field as column {first!r}; keep one",
                )
            )
        else:
            seen[key] = column.position
    return problems


# -- reading rows -----------------------------------------------------------------------------


@attrs.define
class _Place:
    """Where a node of the document came from: its row and the columns of its fields."""

    row: int
    columns: dict[str, int]


class _Reader:
    def __init__(
        self,
        table: RawTable,
        found: Sequence[_Column],
        *,
        levels: Sequence[PlanLevel],
        units: frozenset[str],
        locale: str,
        scale: Scale,
    ) -> None:
        self.table = table
        self.scale = scale
        self.columns = found
        self.levels = levels
        self.units = units
        self.locale = locale
        self.problems: list[Problem] = []
        self.places: dict[str, _Place] = {}
        self.level_columns = [column for column in found if column.field == "level"]
        self.leaf = next((column for column in found if column.field == "leaf"), None)

    def problem(self, row: int, position: int | None, message: str) -> None:
        place = self.table.locate_row(row) if position is None else self.table.locate(row, position)
        self.problems.append(Problem(place, message))

    def cell(self, row: int, column: _Column) -> object:
        return self.table.rows[row].cells[column.position]

    def field_columns(self) -> list[_Column]:
        return [c for c in self.columns if c.field not in {"level", "leaf", "ignore"}]

    # -- the kind of a row, and its fields --

    def kind_of(
        self, row: int, *, leaf: _Column | None, title: str, values: Mapping[str, list[Any]]
    ) -> str | None:
        kind_column = next((c for c in self.columns if c.field == "kind"), None)
        written = _text(self.cell(row, kind_column)) if kind_column is not None else None
        if written is not None and kind_column is not None:
            kind = _words().kinds.get(_fold(written))
            if kind is None:
                words = ", ".join(_words().shown["kind"])
                self.problem(row, kind_column.position, f"unknown kind {written!r} ({words})")
            return kind
        if leaf is None:
            return "goal"
        default = leaf.kind or "indicator"
        if default == "indicator" and (
            _fold(title).endswith(_words().yes_no_marks)
            or any(isinstance(value, bool) for value in values.get("outcome", ()))
        ):
            return "yes_no"
        return default

    def node(self, row: int, kind: str, title: str, title_column: int) -> dict[str, Any]:
        """The document node of one row: its fields checked cell by cell."""
        node: dict[str, Any] = {"kind": kind, "title": title}
        place = _Place(row=row, columns={"title": title_column})
        outcomes: list[tuple[_Column, object]] = []
        levels: list[tuple[_Column, object]] = []
        comments: dict[Period, tuple[_Column, str]] = {}
        for column in self.field_columns():
            value = self.cell(row, column)
            if _text(value) is None or column.field in {"kind", "parent", "title"}:
                continue
            place.columns.setdefault(column.field, column.position)
            if column.field not in _ALLOWED[kind]:
                self.problem(
                    row,
                    column.position,
                    f"a {kind.replace('_', '/')} has no {column.field.replace('_', ' ')}; "
                    "leave the cell blank or give the row another kind",
                )
            elif column.field == "outcome":
                outcomes.append((column, value))
            elif column.field == "target_level":
                levels.append((column, value))
            elif column.field == "comment":
                assert column.period is not None
                comments[column.period] = (column, value if isinstance(value, str) else str(value))
            elif column.field == "direction":
                self.direction(node, row, column, value)
            elif column.field == "target":
                node["target_text"] = value if isinstance(value, str) else _text(value)
            elif column.field == "reference":
                # The series a target compares with ("över riket"), named in the sheet.
                node["references"] = [
                    name.strip() for name in (_text(value) or "").split(",") if name.strip()
                ]
            elif column.field == "id":
                node["id"] = (_text(value) or "").strip()
            else:
                node[column.field] = value if isinstance(value, str) else _text(value)
        self.outcomes(node, row, kind, outcomes=outcomes, comments=comments, place=place)
        if kind == "indicator":
            self.target(node, row, levels, place)
        elif kind == "yes_no" and "target_text" in node:
            self.expected(node, row, place)
        return {"node": node, "place": place}

    def direction(self, node: dict[str, Any], row: int, column: _Column, value: object) -> None:
        direction = _words().directions.get(_fold(_text(value) or ""))
        if direction is None:
            words = ", ".join(_words().shown["direction"])
            self.problem(row, column.position, f"unknown direction {value!r} ({words})")
        else:
            node["direction"] = direction.value

    def expected(self, node: dict[str, Any], row: int, place: _Place) -> None:
        text = node.pop("target_text")
        try:
            node["expected"] = _answer(text)
        except ValueError as error:
            self.problem(row, place.columns.get("target"), str(error))

    def reading(self, row: int, column: _Column, value: object, kind: str) -> Any:
        """An outcome cell: a number, an answer, a status, or why the outcome is missing."""
        text = _text(value)
        reason = _words().reasons.get(_fold(text or "")) if isinstance(value, str) else None
        if kind in {"assignment", "activity"}:
            # A status first: an activity's "cancelled" is a status, not a reason.
            status = self.status(kind, (text or "").strip())
            known = status in (ACTIVITY_STATUS if kind == "activity" else self.scale)
            return reason if reason is not None and not known else status
        if reason is not None:
            return reason
        if kind == "yes_no":
            try:
                return _answer(value)
            except ValueError:
                pass
        else:
            try:
                return _number(self.table, row, column.position, value, decimal=None)
            except (MalstyrningError, ValueError, ArithmeticError):
                pass
        what = "a yes/no answer" if kind == "yes_no" else "a number"
        self.problem(
            row, column.position, f"cannot read {value!r} as {what} or why the outcome is missing"
        )
        return None

    def status(self, kind: str, text: str) -> str:
        """A report's status: a level's key, or its name in any catalogue ("grön")."""
        scale = ACTIVITY_STATUS if kind == "activity" else self.scale
        if text in scale:
            return text
        for key in scale.keys:
            for language in available_locales():
                if _fold(scale.label(key, locale=language)) == _fold(text):
                    return key
        return text  # the plan's check names the scale's levels

    def outcomes(
        self,
        node: dict[str, Any],
        row: int,
        kind: str,
        *,
        outcomes: list[tuple[_Column, object]],
        comments: dict[Period, tuple[_Column, str]],
        place: _Place,
    ) -> None:
        entries: dict[Period, dict[str, Any]] = {}
        for column, value in outcomes:
            assert column.period is not None
            read = self.reading(row, column, value, kind)
            if read is None:
                continue
            entry: dict[str, Any] = {"period": column.period.format()}
            if isinstance(read, NotAssessedReason):
                if kind not in {"assignment", "activity"}:
                    entry["missing"] = read.value
                elif read is not NotAssessedReason.NOT_JUDGED:
                    self.problem(
                        row,
                        column.position,
                        f"a report states a status, or that it states none "
                        f"({NotAssessedReason.NOT_JUDGED.value}), not {read.value!r}",
                    )
                    continue
            elif kind in {"assignment", "activity"}:
                entry["status"] = read
            else:
                entry["value"] = read
            entries[column.period] = entry
        for period, (_, text) in comments.items():
            entries.setdefault(period, {"period": period.format()})["comment"] = text
        references = [{"key": key, "reference": True} for key in node.pop("references", ())]
        if kind == "goal" or not entries:
            if kind == "indicator":
                node["series"] = [{"key": _MAIN_SERIES}, *references]
            return
        ordered = [entries[period] for period in sorted(entries, key=_period_order)]
        by_period = {**{c.period: c.position for c, _ in outcomes}}
        by_period.update({p: c.position for p, (c, _) in comments.items() if p not in by_period})
        place.columns.update(
            {
                f"#{index}": by_period[period]
                for index, period in enumerate(sorted(entries, key=_period_order))
            }
        )
        if kind == "indicator":
            node["series"] = [{"key": _MAIN_SERIES, "measurements": ordered}, *references]
        elif kind == "yes_no":
            node["measurements"] = ordered
        else:
            node["reports"] = ordered

    def target(
        self,
        node: dict[str, Any],
        row: int,
        levels: list[tuple[_Column, object]],
        place: _Place,
    ) -> None:
        text = node.get("target_text")
        if levels:
            if text is not None:
                self.problem(
                    row,
                    place.columns["target"],
                    "the row gives a target as text and as target levels; give one of them",
                )
                return
            steps: list[tuple[Period, Decimal]] = []
            for column, value in levels:
                try:
                    number = _number(self.table, row, column.position, value, decimal=None)
                except (MalstyrningError, ValueError, ArithmeticError) as error:
                    self.problem(row, column.position, _message(error))
                    continue
                assert column.period is not None
                steps.append((column.period, number))
            steps.sort(key=lambda step: _period_order(step[0]))
            node["target"] = {
                "type": "trajectory",
                "levels": [{"period": period.format(), "value": value} for period, value in steps],
            }
            return
        if text is None:
            return
        direction = node.get("direction")
        context = TargetContext(
            direction=Direction(direction) if direction else None,
            unit=node.get("unit"),
            units=self.units,
        )
        try:
            rule = parse_target(text, locale=self.locale, context=context)
        except UnreadableTarget as error:
            self.problem(row, place.columns["target"], str(error))
            del node["target_text"]
            return
        node["target"] = shared_converter().unstructure(rule, Rule)
        if text == describe(rule, locale=self.locale):
            del node["target_text"]  # the rule's own sentence: the rule says it all


def _period_order(period: Period) -> tuple[Any, Any]:
    return (period.start, period.end)


def _message(error: Exception) -> str:
    return error.message if isinstance(error, MalstyrningError) else str(error)


# -- the goal tree ----------------------------------------------------------------------------


def _top_level(path: str) -> bool:
    return ".children[" not in path


def _attach(
    top: list[dict[str, Any]], stack: list[tuple[dict[str, Any], str]], node: dict[str, Any]
) -> str:
    if not stack:
        top.append(node)
        return f"$.goals[{len(top) - 1}]"
    parent, parent_path = stack[-1]
    children = parent.setdefault("children", [])
    children.append(node)
    return f"{parent_path}.children[{len(children) - 1}]"


def _fill(
    reader: _Reader, node: dict[str, Any], path: str, *, row: int, kind: str, title_column: int
) -> None:
    """Give a started node the fields of its row, in the order documents write them."""
    built = reader.node(row, kind, node["title"], title_column)
    fields = {key: value for key, value in built["node"].items() if key != "kind"}
    level = node.get("level")
    children = node.get("children")
    node.clear()
    if kind != "goal" or not _top_level(path):
        node["kind"] = kind
    node.update(fields)
    if level is not None:
        node["level"] = level
    if children is not None:
        node["children"] = children
    reader.places[path] = built["place"]


def _by_levels(reader: _Reader) -> list[dict[str, Any]]:
    top: list[dict[str, Any]] = []
    stack: list[tuple[dict[str, Any], str]] = []
    table = reader.table
    for row in range(len(table.rows)):
        started: list[tuple[dict[str, Any], str, int, bool]] = []
        broken = False
        for depth, column in enumerate(reader.level_columns):
            value = reader.cell(row, column)
            if _text(value) is None:
                continue
            if depth > len(stack):
                above = table.columns[reader.level_columns[depth - 1].position]
                reader.problem(
                    row,
                    column.position,
                    f"a goal at level {depth + 1} with no goal above it in column {above!r}",
                )
                broken = True
                break
            del stack[depth:]
            node = {"kind": "goal", "title": _cell_text(value), "level": reader.levels[depth].key}
            path = _attach(top, stack, node)
            stack.append((node, path))
            started.append((node, path, column.position, False))
        if broken:
            continue
        leaf = reader.leaf
        if leaf is not None and _text(reader.cell(row, leaf)) is not None:
            if not stack:
                reader.problem(
                    row, leaf.position, "an indicator, measure or task needs a goal above it"
                )
                continue
            node = {"title": _cell_text(reader.cell(row, leaf))}
            path = _attach(top, stack, node)
            started.append((node, path, leaf.position, True))
        if not started:
            if any(_text(cell) is not None for cell in table.rows[row].cells):
                reader.problem(
                    row,
                    None,
                    "the row starts no goal, indicator or task: give its title in a level column",
                )
            continue
        for node, path, position, _ in started[:-1]:
            if _top_level(path):
                node.pop("kind")
            reader.places[path] = _Place(row=row, columns={"title": position})
        node, path, position, is_leaf = started[-1]
        assumed = (leaf.kind or "indicator") if is_leaf and leaf is not None else "goal"
        kind = reader.kind_of(
            row,
            leaf=leaf if is_leaf else None,
            title=node["title"],
            values=_peek_outcomes(reader, row),
        )
        if kind is not None and (kind == "goal") == is_leaf:
            reader.problem(
                row,
                position,
                "a goal belongs in a level column"
                if kind == "goal"
                else "a title in a level column is a goal; put indicators, measures and tasks "
                "in the last column",
            )
        usable = kind is not None and (kind == "goal") != is_leaf
        _fill(
            reader,
            node,
            path,
            row=row,
            kind=kind if usable and kind is not None else assumed,
            title_column=position,
        )
    return top


def _cell_text(value: object) -> str:
    # Titles keep their text exactly; a number typed as a title is its digits.
    return value if isinstance(value, str) else _text(value) or ""


def _peek_outcomes(reader: _Reader, row: int) -> dict[str, list[Any]]:
    """The row's outcomes read as answers where they are, before the row's kind is known."""
    answers: list[Any] = []
    for column in reader.columns:
        value = reader.cell(row, column)
        if column.field != "outcome" or _text(value) is None:
            continue
        if isinstance(value, bool):
            answers.append(value)
            continue
        try:
            _number(reader.table, row, column.position, value, decimal=None)
        except (MalstyrningError, ValueError, ArithmeticError):
            try:
                answers.append(_answer(value))
            except ValueError:
                continue
    return {"outcome": answers}


def _by_parents(reader: _Reader) -> list[dict[str, Any]]:
    """Rows that name their parent: a flat ``nodes`` list, nested by the document loader."""
    table = reader.table
    column_of = {column.field: column for column in reader.columns}
    id_column, parent_column = column_of.get("id"), column_of["parent"]
    title_column = column_of.get("title")
    if id_column is None or title_column is None:
        missing = [name for name in ("id", "title") if name not in column_of]
        reader.problems.append(
            Problem(
                "header", f"a sheet with a parent column needs the column(s) {', '.join(missing)}"
            )
        )
        return []
    entries: list[tuple[int, str, str | None]] = []
    for row in range(len(table.rows)):
        node_id = (_text(reader.cell(row, id_column)) or "").strip()
        parent = (_text(reader.cell(row, parent_column)) or "").strip() or None
        if not node_id:
            reader.problem(row, id_column.position, "every row of a sheet with parents needs an id")
        elif _text(reader.cell(row, title_column)) is None:
            reader.problem(row, title_column.position, "a title is required")
        else:
            entries.append((row, node_id, parent))
    parents = {node_id: parent for _, node_id, parent in entries}
    has_children = {parent for _, _, parent in entries if parent is not None}
    nodes: list[dict[str, Any]] = []
    children: dict[str | None, int] = {}
    positions: dict[str, int] = {}
    placed: list[tuple[str, _Place]] = []
    for row, node_id, parent in entries:
        title = _cell_text(reader.cell(row, title_column))
        leaf = (
            None
            if node_id in has_children or parent is None
            else _Column(position=title_column.position, field="leaf", kind="indicator")
        )
        kind = reader.kind_of(row, leaf=leaf, title=title, values=_peek_outcomes(reader, row))
        kind = kind or ("goal" if leaf is None else "indicator")
        built = reader.node(row, kind, title, title_column.position)
        node = {"id": node_id, "parent": parent, **built["node"]}
        place = built["place"]
        place.columns.setdefault("id", id_column.position)
        place.columns["parent"] = parent_column.position
        depth = _depth(node_id, parents)
        if kind == "goal" and depth is not None and depth < len(reader.levels):
            node["level"] = reader.levels[depth].key
        elif kind == "goal" and depth is not None:
            reader.problem(
                row,
                parent_column.position,
                f"a goal at depth {depth + 1}, but the plan has {len(reader.levels)} level(s)",
            )
        # The loader nests the rows in their order: the same paths, for its problems.
        index = children.get(parent, 0)
        children[parent] = index + 1
        positions[node_id] = index
        reader.places[f"$.nodes[{len(nodes)}]"] = place
        placed.append((node_id, place))
        nodes.append(node)
    for node_id, place in placed:
        path = _nested_path(node_id, parents, positions)
        if path is not None:
            reader.places[path] = place
    return nodes


def _nested_path(
    node_id: str, parents: Mapping[str, str | None], positions: Mapping[str, int]
) -> str | None:
    steps: list[int] = []
    current: str | None = node_id
    while current is not None:
        if current not in positions or len(steps) > len(positions):
            return None  # a dangling parent or a cycle: the loader reports it at $.nodes
        steps.append(positions[current])
        current = parents.get(current)
    top, *below = reversed(steps)
    return f"$.goals[{top}]" + "".join(f".children[{index}]" for index in below)


def _depth(node_id: str, parents: Mapping[str, str | None]) -> int | None:
    """How deep the row is, or None where its parents end nowhere or in a cycle."""
    depth, current, seen = 0, parents.get(node_id), {node_id}
    while current is not None:
        if current in seen or current not in parents:
            return None
        seen.add(current)
        current, depth = parents[current], depth + 1
    return depth


# -- reading: the plan ------------------------------------------------------------------------

_FIELD_PATH = re.compile(r"^\.(\w+)")
_ENTRY_PATH = re.compile(r"\.(?:measurements|reports)\[(\d+)\]")


def _relocate(problem: Problem, reader: _Reader) -> Problem:
    """A problem the document loader found, placed at its row and column of the sheet."""
    path = problem.path
    best = max(
        (key for key in reader.places if path == key or path.startswith((f"{key}.", f"{key}["))),
        key=len,
        default=None,
    )
    if best is None:
        return problem  # a field of the plan itself, which the sheet does not hold
    place = reader.places[best]
    rest = path[len(best) :]
    field = match.group(1) if (match := _FIELD_PATH.match(rest)) else None
    column: int | None = None
    if field in {"series", "measurements", "reports"}:
        entry = _ENTRY_PATH.search(rest)
        column = place.columns.get(f"#{entry.group(1)}") if entry else None
    elif field in {"target", "target_text", "expected"}:
        column = place.columns.get("target", place.columns.get("target_level"))
    elif field is not None:
        column = place.columns.get(field)
    table = reader.table
    where = table.locate_row(place.row) if column is None else table.locate(place.row, column)
    return Problem(where, _DOCUMENT_PATH.sub(lambda found: _row_of(found, reader), problem.message))


_DOCUMENT_PATH = re.compile(r"\$\.(?:goals|nodes)(?:\.\w+|\[\d+\])*")


def _row_of(found: re.Match[str], reader: _Reader) -> str:
    """A document path named in a message, as the sheet's row."""
    place = reader.places.get(found.group(0))
    return found.group(0) if place is None else reader.table.locate_row(place.row)


def _plan_levels(
    table: RawTable,
    found: Sequence[_Column],
    given: Sequence[PlanLevel | str] | None,
) -> tuple[list[PlanLevel], list[Problem]]:
    stated = [
        level if isinstance(level, PlanLevel) else PlanLevel(key=slug(level), label=level)
        for level in (given or ())
    ]
    columns = [column for column in found if column.field == "level"]
    if not columns:
        if given is None:
            return [], [Problem("header", "no level columns: give the plan's levels (levels=)")]
        return stated, []
    if given is None:
        labels = [table.columns[column.position].strip() for column in columns]
        return [PlanLevel(key=slug(label), label=label) for label in labels], []
    problems = []
    for depth, column in enumerate(columns):
        header = table.columns[column.position]
        if depth >= len(stated) or _fold(stated[depth].label) != _fold(header):
            expected = stated[depth].label if depth < len(stated) else "no level"
            problems.append(
                Problem(
                    _header_place(table, column.position),
                    f"level column {depth + 1} is {header!r} but the plan's level {depth + 1} is "
                    f"{expected!r} (levels: {', '.join(level.label for level in stated)})",
                )
            )
    return stated, problems


def _plan_fields(base: Plan | None, fields: Mapping[str, object], source: str) -> dict[str, Any]:
    if base is not None:
        body: dict[str, Any] = shared_converter().unstructure(base, Plan)
        body.pop("goals", None)
        body.pop("history", None)
        return body
    given = {key: value for key, value in fields.items() if value is not None}
    title = given.get("title")
    if "id" not in given and isinstance(title, str):
        given["id"] = slug(title)
    missing = [name for name in ("title", "organisation", "validity") if name not in given]
    if missing:
        raise MalstyrningError(
            f"{source}: a sheet holds the goal tree, not the plan's "
            f"{', '.join(missing)}; give them (title=..., organisation=..., validity=...) "
            "or the plan the sheet belongs to (base=...)"
        )
    if isinstance(given["validity"], Period):
        given["validity"] = given["validity"].format()
    return given


def _read(
    table: RawTable,
    *,
    columns: Mapping[str, str] | None,
    base: Plan | None,
    levels: Sequence[PlanLevel | str] | None,
    fields: Mapping[str, object],
) -> Plan:
    what = f"{table.source} could not be read as a plan"
    body = _plan_fields(base, fields, table.source)
    found, problems = _recognise(table, columns)
    plan_levels, level_problems = _plan_levels(
        table, found, levels if levels is not None else (base.levels if base else None)
    )
    problems += level_problems
    if problems:
        raise DocumentError.from_problems(what, problems)
    language = body.get("language")
    locale = language if isinstance(language, str) else DEFAULT_LOCALE
    declared = body.get("units") or ()
    reader = _Reader(
        table,
        found,
        levels=plan_levels,
        units=frozenset(declared),
        locale=locale,
        scale=base.scale if base is not None else TRAFFIC_LIGHT,
    )
    by_parents = any(column.field == "parent" for column in found)
    tree = _by_parents(reader) if by_parents else _by_levels(reader)
    body["levels"] = [{"key": level.key, "label": level.label} for level in plan_levels]
    body["nodes" if by_parents else "goals"] = tree
    if base is None:
        # The units a sheet uses are the plan's: the sheet is where they are declared.
        used = {node.get("unit") for node in _walk(tree)} - {None} - BUILTIN_UNITS
        if used:
            body["units"] = sorted(str(unit) for unit in used)
    # The document's checks run even when cells were bad (those cells left out), so that one
    # error lists the bad cells and the duplicate ids, unknown units ... of the rest.
    try:
        plan = from_document({"format_version": 1, **body}, source=table.source)
    except DocumentError as error:
        checked = [_relocate(problem, reader) for problem in error.problems]
    else:
        checked = []
    problems = [*reader.problems, *(p for p in checked if p not in reader.problems)]
    if problems:
        raise DocumentError.from_problems(what, sorted(problems, key=_row_number))
    return plan


def _row_number(problem: Problem) -> int:
    found = re.match(r"row (\d+)", problem.path)
    return int(found.group(1)) if found else -1


def _walk(nodes: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    for node in nodes:
        yield node
        yield from _walk(node.get("children", ()))


def _first_sheet(path: Path) -> str:
    try:
        workbook = _openpyxl().load_workbook(path, read_only=True)
    except Exception:  # the reader reports a file it cannot open, with the reason
        return ""
    try:
        return str(workbook.sheetnames[0]) if workbook.sheetnames else ""
    finally:
        workbook.close()


def read_plan_table(
    path_or_frame: str | os.PathLike[str] | object,
    *,
    sheet: str | None = None,
    columns: Mapping[str, str] | None = None,
    base: Plan | None = None,
    levels: Sequence[PlanLevel | str] | None = None,
    delimiter: str | None = None,
    id: str | None = None,  # noqa: A002 (the plan's field)
    title: str | None = None,
    organisation: str | None = None,
    validity: Period | str | None = None,
    language: str | None = None,
    vision: str | None = None,
    description: str | None = None,
) -> Plan:
    """A plan from a sheet laid out as plans are written: a ``.xlsx``, ``.csv`` or data frame.

    A sheet holds the goal tree; the plan's own fields come from ``base`` (the plan the sheet
    belongs to, for a new version of it) or from the keyword arguments.

    Args:
        path_or_frame: a ``.csv`` (UTF-8; ``,``, ``;`` or tab) or ``.xlsx`` file, or a pandas
            or polars data frame.
        sheet: the worksheet of an XLSX file; by default the first.
        columns: header → field for columns the catalogues' words do not name (see the
            module's documentation), e.g. ``{"Mål 2024": "target_level 2024"}``.
        base: the plan whose id, title, levels, units and other plan fields the sheet's
            plan takes (its goal tree and history are the sheet's).
        levels: the plan's levels (labels, or :class:`~malstyrning.model.PlanLevel` values
            for their keys); by default the level columns' headers. Needed for a sheet with
            a parent column.
        delimiter: the CSV delimiter, where the header does not make it plain.
        id: the plan's id; by default made from its title.
        title: the plan's title.
        organisation: the organisation the plan belongs to.
        validity: the period the plan is valid for (``"2022-01-01/2024-12-31"``).
        language: the plan's language, in which target texts are read (Swedish by default).
        vision: the plan's vision.
        description: the plan's description.

    Returns:
        The plan, checked as a plan document is.

    Raises:
        DocumentError: every bad cell, with the file, the sheet, the row and the column.
        MalstyrningError: the file cannot be read at all, or plan fields are missing.

    >>> import pathlib, tempfile
    >>> sheet = pathlib.Path(tempfile.mkdtemp()) / "plan.csv"
    >>> _ = sheet.write_text("Strategi;Indikator;Utfall 2019-T1\\nVård;Väntetid;3\\n")
    >>> plan = read_plan_table(sheet, title="P", organisation="R", validity="2019")
    >>> [(node.kind, node.id) for node in plan]
    [('goal', 'vard'), ('indicator', 'vantetid')]
    """
    fields = {
        "id": id,
        "title": title,
        "organisation": organisation,
        "validity": validity,
        "language": language,
        "vision": vision,
        "description": description,
    }
    if isinstance(path_or_frame, str | os.PathLike):
        file = Path(path_or_frame)
        if sheet is None and file.suffix.lower() in {".xlsx", ".xlsm"} and file.is_file():
            sheet = _first_sheet(file) or None
        table = _table_from_path(file, sheet=sheet, delimiter=delimiter)
    else:
        if sheet is not None:
            raise MalstyrningError("a data frame has no sheets; leave sheet out")
        table = read_frame(path_or_frame)
    return _read(table, columns=columns, base=base, levels=levels, fields=fields)


def plan_table_from_csv(
    text: str,
    *,
    source: str = "<csv>",
    columns: Mapping[str, str] | None = None,
    base: Plan | None = None,
    levels: Sequence[PlanLevel | str] | None = None,
    delimiter: str | None = None,
    **fields: Any,
) -> Plan:
    """A plan from CSV text; ``source`` names it in errors. See :func:`read_plan_table`."""
    table = read_csv_text(text, source=source, delimiter=delimiter)
    return _read(table, columns=columns, base=base, levels=levels, fields=fields)


def plan_table_from_frame(
    frame: object,
    *,
    source: str | None = None,
    columns: Mapping[str, str] | None = None,
    base: Plan | None = None,
    levels: Sequence[PlanLevel | str] | None = None,
    **fields: Any,
) -> Plan:
    """A plan from a pandas or polars data frame (rows counted from 0 in errors).

    See :func:`read_plan_table`.
    """
    table = read_frame(frame, source=source)
    return _read(table, columns=columns, base=base, levels=levels, fields=fields)


# -- writing ----------------------------------------------------------------------------------

LAYOUTS = ("levels", "parents")
"""The layouts a plan is written in: level columns, or an ``id``/``parent`` pair."""


def _is_plain_trajectory(rule: Rule) -> bool:
    return (
        isinstance(rule, Trajectory)
        and rule == Trajectory(levels=rule.levels)
        and all(level.value is not None for level in rule.levels)
    )


class _Writer:
    def __init__(self, plan: Plan, locale: str, layout: str) -> None:
        self.plan = plan
        self.locale = locale
        # Target texts are in the plan's language, as documents read them, whatever the headers'.
        self.text_locale = plan.language or DEFAULT_LOCALE
        self.layout = layout
        self.problems: list[Problem] = []
        self.rows: list[dict[Any, Value]] = []

    def refuse(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message))

    def words(self, group: str, key: str) -> str:
        return _written(self.locale, group, key)

    def visit(self, node: Node, depth: int, parent: str | None, where: str) -> None:
        here = f"{where} > {node.kind.replace('_', '/')} {node.id!r}"
        if not node.title.strip():
            self.refuse(here, "a blank title cannot start a row")
        for name in ("judgements", "comments"):
            if getattr(node, name):
                self.refuse(here, f"the sheet holds no {name} (follow-ups stay in the document)")
        if node.extensions:
            self.refuse(here, "the sheet holds no extensions")
        row: dict[Any, Value] = {"id": node.id, "kind": self.words("kinds", node.kind)}
        if self.layout == "parents":
            row["parent"] = parent
            row["title"] = node.title
        if node.description:
            row["description"] = node.description
        if isinstance(node, Goal):
            self.goal(node, depth, row, here)
        else:
            if self.layout == "levels":
                row[("leaf", None)] = node.title
            if isinstance(node, Indicator):
                self.indicator(node, row, here)
            elif isinstance(node, YesNoMeasure):
                self.yes_no(node, row, here)
            else:
                self.reported(node, row, here)
        self.rows.append(row)
        if isinstance(node, Goal):
            seen_goal = False
            for child in node.children:
                if self.layout == "levels" and seen_goal and not isinstance(child, Goal):
                    self.refuse(
                        f"{here} > {child.kind.replace('_', '/')} {child.id!r}",
                        "in level columns a leaf after a sub-goal belongs to the sub-goal; "
                        "put the goal's leaves before its sub-goals, or write layout='parents'",
                    )
                seen_goal = seen_goal or isinstance(child, Goal)
                self.visit(child, depth + 1, node.id, here)

    def goal(self, goal: Goal, depth: int, row: dict[Any, Value], here: str) -> None:
        levels = self.plan.levels
        if depth >= len(levels) or levels[depth].key != goal.level:
            expected = levels[depth].key if depth < len(levels) else "none"
            self.refuse(
                here,
                f"a goal of level {goal.level!r} at depth {depth + 1}, whose level is "
                f"{expected!r}: the sheet gives a goal the level of its depth",
            )
        if self.layout == "levels":
            row[("level", depth)] = goal.title
        if goal.owner is not None:
            row["owner"] = goal.owner

    def measurements(
        self, measurements: Iterable[Measurement], row: dict[Any, Value], here: str
    ) -> None:
        for measurement in measurements:
            period = measurement.period
            if measurement.missing is not None:
                row[("outcome", period)] = self.reason(measurement.missing)
            elif isinstance(measurement.value, bool):
                row[("outcome", period)] = _translate_answer(
                    answer=measurement.value, locale=self.locale
                )
            elif measurement.value is not None:
                row[("outcome", period)] = measurement.value
            elif not measurement.comment:
                self.refuse(here, f"an outcome for {period} with neither value, reason nor comment")
            if measurement.comment:
                row[("comment", period)] = measurement.comment

    def reason(self, reason: NotAssessedReason) -> str:
        label = catalogue_section(self.locale, "NotAssessedReason").get(reason.value)
        return label if isinstance(label, str) else reason.value

    def indicator(self, node: Indicator, row: dict[Any, Value], here: str) -> None:
        main = [series for series in node.series if not series.reference]
        others = [series for series in node.series if series.reference]
        if len(main) != 1 or main[0].key != _MAIN_SERIES or node.primary_series is not None:
            self.refuse(
                here,
                f"the sheet holds one series, {_MAIN_SERIES!r} (the indicator has "
                f"{', '.join(series.key for series in node.series)})",
            )
        for series in [*main, *others]:
            if series.label:
                self.refuse(here, f"the sheet holds no series labels (series {series.key!r})")
        for series in others:
            if series.measurements or not series.reference:
                self.refuse(
                    here,
                    f"the sheet holds no outcomes of the reference series {series.key!r}",
                )
        if node.unit is not None:
            row["unit"] = node.unit
        if node.direction is not Direction.HIGHER_IS_BETTER:
            row["direction"] = self.words("directions", node.direction.value)
        if node.source is not None:
            row["source"] = node.source
        if others:
            row["reference"] = ", ".join(series.key for series in others)
        if main:
            self.measurements(main[0].measurements, row, here)
        self.target(node, row, here)

    def target(self, node: Indicator, row: dict[Any, Value], here: str) -> None:
        rule = node.target
        if rule is None:
            if node.target_text is not None:
                self.refuse(here, "a target text the document could not read")
            return
        if node.target_text is None and _is_plain_trajectory(rule):
            assert isinstance(rule, Trajectory)
            for level in rule.levels:
                row[("target_level", level.period)] = level.value
            return
        text = node.target_text or describe(rule, locale=self.text_locale)
        context = TargetContext(
            direction=node.direction, unit=node.unit, units=frozenset(self.plan.units)
        )
        try:
            read = parse_target(text, locale=self.text_locale, context=context)
        except UnreadableTarget:
            read = None
        if read != rule or (
            node.target_text is not None and text == describe(rule, locale=self.text_locale)
        ):
            self.refuse(
                here,
                f"the target {str(rule)!r} does not read back from its text {text!r}; "
                "keep the plan in a document",
            )
        row["target"] = text

    def yes_no(self, node: YesNoMeasure, row: dict[Any, Value], here: str) -> None:
        if not node.expected:
            row["target"] = _translate_answer(answer=False, locale=self.locale)
        if node.source is not None:
            row["source"] = node.source
        self.measurements(node.measurements, row, here)

    def reported(self, node: Assignment | Activity, row: dict[Any, Value], here: str) -> None:
        if node.owner is not None:
            row["owner"] = node.owner
        for report in node.reports:
            if report.status is not None:
                status = report.status
                if (
                    not status.strip()
                    or status != status.strip()
                    or _words().reasons.get(_fold(status)) is NotAssessedReason.NOT_JUDGED
                ):
                    self.refuse(
                        here, f"the status {status!r} for {report.period} does not read back"
                    )
                row[("outcome", report.period)] = status
            elif not report.comment:
                # A report without a status or comment is a report all the same.
                row[("outcome", report.period)] = self.reason(NotAssessedReason.NOT_JUDGED)
            if report.comment:
                row[("comment", report.period)] = report.comment


def _translate_answer(*, answer: bool, locale: str) -> str:
    word = catalogue_section(locale, "answer").get("yes" if answer else "no")
    return str(word)


def _header(key: Any, plan: Plan, locale: str) -> str:
    if isinstance(key, str):
        word = _written(locale, "columns", key)
        return word if key == "id" else word[:1].upper() + word[1:]
    field, detail = key
    if field == "level":
        return str(plan.levels[detail].label)
    if field == "leaf":
        return _written(locale, "kinds", "leaf").capitalize()
    return f"{_written(locale, 'columns', field).capitalize()} {detail.format()}"


def plan_table_rows(
    plan: Plan, *, locale: LocaleLike | None = None, layout: str = "levels"
) -> tuple[list[str], list[list[Value]]]:
    """The plan as a sheet: its header and rows, as :func:`write_plan_table` writes them.

    Args:
        plan: the plan; its goal tree is written, its own fields are not (see
            :func:`read_plan_table`).
        locale: the language of the headers and words (the plan's language, else Swedish).
        layout: ``"levels"`` (a column per level) or ``"parents"`` (an ``id``/``parent``
            pair).

    Raises:
        MalstyrningError: the plan holds what the layout cannot; every such thing is listed.

    >>> plan = plan_table_from_csv("Mål;Indikator;Utfall 2021\\nVård;Väntetid;45\\n",
    ...                            title="P", organisation="R", validity="2021")
    >>> header, rows = plan_table_rows(plan, locale="en")
    >>> header
    ['Mål', 'Indicator', 'id', 'Kind', 'Outcome 2021']
    >>> rows[1]
    [None, 'Väntetid', 'vantetid', 'indicator', Decimal('45')]
    """
    if layout not in LAYOUTS:
        raise MalstyrningError(f"layout must be one of {', '.join(LAYOUTS)} (got {layout!r})")
    language = str(locale or plan.language or DEFAULT_LOCALE)
    writer = _Writer(plan, language, layout)
    for goal in plan.goals:
        writer.visit(goal, 0, None, f"plan {plan.id!r}")
    if writer.problems:
        raise MalstyrningError(
            f"plan {plan.id!r} cannot be written as a sheet ({len(writer.problems)} "
            "problem(s)); the sheet holds the goal tree as listed in docs/authoring.md:\n"
            + "\n".join(f"  - {problem}" for problem in writer.problems),
            problems=tuple(writer.problems),
        )
    keys: list[Any] = []
    if layout == "levels":
        keys += [("level", depth) for depth in range(len(plan.levels))]
        keys.append(("leaf", None))
        keys += ["id", "kind"]
    else:
        keys += ["id", "parent", "kind", "title"]
    used = {key for row in writer.rows for key in row}
    for field in ("unit", "direction", "target", "reference"):
        if field in used:
            keys.append(field)
    for field in ("target_level", "outcome", "comment"):
        periods = sorted(
            {key[1] for key in used if isinstance(key, tuple) and key[0] == field},
            key=_period_order,
        )
        keys += [(field, period) for period in periods]
    keys += [field for field in ("source", "owner", "description") if field in used]
    header = [_header(key, plan, language) for key in keys]
    rows = [[row.get(key) for key in keys] for row in writer.rows]
    return header, rows


def plan_table_to_csv(
    plan: Plan, *, locale: LocaleLike | None = None, layout: str = "levels", delimiter: str = ","
) -> str:
    """The plan as CSV text; see :func:`plan_table_rows`."""
    header, rows = plan_table_rows(plan, locale=locale, layout=layout)
    return write_csv(header, rows, delimiter=delimiter)


def write_plan_table(
    plan: Plan,
    path: str | os.PathLike[str],
    *,
    locale: LocaleLike | None = None,
    layout: str = "levels",
    sheet: str | None = None,
    delimiter: str = ",",
) -> None:
    """Write the plan's goal tree as a sheet, ``.xlsx`` or ``.csv`` (UTF-8) by extension.

    :func:`read_plan_table` reads it back to the same plan (given the plan's own fields,
    e.g. ``base=plan``). What the layout cannot hold (follow-ups, several series, series
    labels, a target its text does not read back to, ...) is refused, never dropped.

    Args:
        plan: the plan.
        path: where to write, ``.xlsx`` or ``.csv``.
        locale: the language of the headers and words (the plan's language, else Swedish).
        layout: ``"levels"`` or ``"parents"``.
        sheet: the worksheet's name (XLSX); by default the catalogue's word, "Plan".
        delimiter: the CSV delimiter.

    Raises:
        MalstyrningError: the plan holds what the layout cannot, or the file cannot be
            written.
    """
    header, rows = plan_table_rows(plan, locale=locale, layout=layout)
    language = str(locale or plan.language or DEFAULT_LOCALE)
    name = sheet or str(catalogue_section(language, "plan_table").get("sheet", "Plan"))
    _dump(header, rows, path, sheet=name, delimiter=delimiter)


# -- revisions --------------------------------------------------------------------------------


def revision_from_table(
    before: Plan,
    path_or_frame: str | os.PathLike[str] | object,
    *,
    decided_by: str,
    decided: date | str,
    paragraph: str = "",
    reason: str = "",
    sheet: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> Revision:
    """The revision that turns ``before`` into the plan a sheet states (a new version of it).

    The sheet is read with ``before``'s own fields (:func:`read_plan_table` with ``base``);
    the operations (add, reword, strike, move, change a target ...) are
    :func:`malstyrning.revisions.diff`'s, so that applying the revision to ``before`` gives
    the sheet's goal tree.

    Args:
        before: the plan as it stands; it must be one a sheet can hold.
        path_or_frame: the sheet (``.xlsx``, ``.csv`` or a data frame).
        decided_by: the body that decided the revision ("HSN").
        decided: the date of the decision.
        paragraph: the paragraph of the minutes ("§ 28").
        reason: why the plan changes.
        sheet: the worksheet of an XLSX file.
        columns: header → field, as for :func:`read_plan_table`.

    Raises:
        DocumentError: bad cells of the sheet.
        MalstyrningError: ``before`` holds what a sheet cannot (its diff would strike it), or
            the sheet changes nothing.

    >>> from malstyrning import examples
    >>> before = plan_table_from_csv("Mål;Indikator;id\\nVård;;vard\\n;Väntetid;vantetid\\n",
    ...                              title="P", organisation="R", validity="2022")
    >>> text = "Mål;Indikator;id\\nVård;;vard\\n;Väntetid i dagar;vantetid\\n;Besök;besok\\n"
    >>> import pathlib, tempfile
    >>> sheet = pathlib.Path(tempfile.mkdtemp()) / "plan.csv"
    >>> _ = sheet.write_text(text, encoding="utf-8")
    >>> revision = revision_from_table(before, sheet, decided_by="HSN", decided="2022-05-01")
    >>> [operation.op for operation in revision.operations]
    ['reformulate', 'add']
    """
    plan_table_rows(before)  # refuses a plan whose diff against a sheet would lose things
    if isinstance(path_or_frame, str | os.PathLike):
        after = read_plan_table(path_or_frame, sheet=sheet, columns=columns, base=before)
    else:
        after = plan_table_from_frame(path_or_frame, columns=columns, base=before)
    operations = diff(before, attrs.evolve(after, history=before.history))
    if not operations:
        raise MalstyrningError(f"the sheet changes nothing in plan {before.id!r}")
    on = decided if isinstance(decided, date) else _date(decided)
    return Revision(
        body=decided_by,
        decided=on,
        operations=operations,
        paragraph=paragraph,
        reason=reason,
        plan=before.id,
    )


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise MalstyrningError(f"expected a date such as 2022-05-01 (got {text!r})") from None
