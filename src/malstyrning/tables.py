"""Tables in and out: outcomes as long tables, assessments, and Kolada-shaped exports.

Analysts keep outcomes in spreadsheets and KPI exports. This module reads them into a plan
and writes a plan's outcomes and an evaluation's assessments back, as CSV (stdlib), XLSX
(openpyxl, extra ``excel``) and pandas or polars data frames (through narwhals, extras
``pandas`` and ``polars``).

An **outcome table** is long: one row per indicator, series and period, with the columns
:data:`OUTCOME_COLUMNS`: ``indicator`` (the id), ``series`` (blank: the indicator's main
series; always blank for a yes/no measure), ``period`` (``2019-T1``, ``2022``), ``value``,
``missing`` (the reason a value is missing: ``measured_later``, ``too_early``, ``no_data``
...) and ``comment``. Reading merges the rows into a new plan and checks every row; all the
problems come in one :class:`~malstyrning.errors.DocumentError` naming the file, the row and
the column. Nothing is dropped or changed on the way: numbers stay exactly as written
(Swedish number text such as ``"64 734"`` or ``"5,0 %"`` included), and a row that would
replace an outcome the plan already has is an error unless ``replace=True``.

The verbs have one shape for every kind of table (outcomes, Kolada exports, assessments):

- ``read_<kind>(path, ...)`` and ``write_<kind>(..., path)``: files, ``.csv`` or ``.xlsx``;
- ``<kind>_from_csv(text, ...)`` and ``<kind>_to_csv(...)``: CSV text;
- ``<kind>_from_frame(frame, ...)`` and ``<kind>_to_frame(...)``: pandas or polars frames;
- ``outcomes_to_rows(plan)`` and ``merge_outcomes(plan, rows)``: :class:`OutcomeRow` values.

Reading outcomes (from a file, text, a frame or rows) always returns a new plan with the
outcomes merged in; the plan passed in is never changed.

>>> from malstyrning import examples, evaluate
>>> plan = examples.load("vasternorrland-2022")
>>> text = outcomes_to_csv(plan)
>>> print(text.splitlines()[0])
indicator,series,period,value,missing,comment
>>> later = outcomes_from_csv("indicator,period,value\\ninhyrd-personal-kostnadsandel,2022,\\"7,9 %\\"",
...                           plan, source="2022.csv")
>>> evaluate(later, period="2022")["inhyrd-personal-kostnadsandel"].value
Decimal('7.9')
>>> outcomes_from_csv("indicator,period,value\\ninhyrd-personal,2022,7.9\\n", plan, source="2022.csv")
Traceback (most recent call last):
...
malstyrning.errors.DocumentError: 2022.csv could not be read as outcomes of plan 'vasternorrland-2022': 1 problem
  - unknown indicator 'inhyrd-personal'; did you mean 'inhyrd-personal-kostnadsandel'? @ row 2, column 'indicator'
"""  # noqa: E501 (a doctest's expected output is as long as the message)

from __future__ import annotations

import difflib
import functools
import heapq
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar, cast

import attrs

from malstyrning._converter import problems_of, shared_converter
from malstyrning._frozen import FrozenMap
from malstyrning._gc import paused_collector
from malstyrning._numbers import cell_number, plain_number, spreadsheet_number, states_percent
from malstyrning._tables_io import (
    NO_CACHED_VALUE,
    RawRow,
    RawTable,
    Value,
    read_csv,
    read_csv_text,
    read_frame,
    read_xlsx,
    to_frame,
    write_csv,
    write_xlsx,
)
from malstyrning.errors import (
    MAX_LISTED_PROBLEMS,
    DocumentError,
    MalstyrningError,
    Problem,
    shorten,
)
from malstyrning.evaluation import Evaluation
from malstyrning.i18n import DEFAULT_LOCALE, LocaleLike, answer_words, translate
from malstyrning.model import Goal, Indicator, Measurement, Node, Plan, Series, YesNoMeasure
from malstyrning.periods import Period, check_period, coerce_period
from malstyrning.report._records import evaluation_records
from malstyrning.scales import NotAssessedReason

__all__ = [
    "ASSESSMENT_COLUMNS",
    "KOLADA_COLUMNS",
    "OUTCOME_COLUMNS",
    "KoladaIndicator",
    "KoladaMapping",
    "OutcomeRow",
    "assessments_to_csv",
    "assessments_to_frame",
    "assessments_to_rows",
    "kolada_from_csv",
    "kolada_from_frame",
    "kolada_from_rows",
    "merge_outcomes",
    "outcomes_from_csv",
    "outcomes_from_frame",
    "outcomes_to_csv",
    "outcomes_to_frame",
    "outcomes_to_rows",
    "read_kolada",
    "read_outcomes",
    "write_assessments",
    "write_outcomes",
]

OUTCOME_COLUMNS = ("indicator", "series", "period", "value", "missing", "comment")
"""The columns of an outcome table, in the order they are written."""

_REQUIRED_OUTCOME_COLUMNS = ("indicator", "period", "value")

ASSESSMENT_COLUMNS = (
    "id",
    "title",
    "kind",
    "level",
    "period",
    "status",
    "value",
    "target",
    "gap",
    "unit",
    "trend",
    "pace",
    "explanation",
    "owner",
)
"""The columns of an assessment table (``status`` is ``not_assessed`` where there is none).

``owner`` is the node's own owner, else the nearest goal's above it.
"""

KOLADA_COLUMNS = ("kpi", "municipality", "period", "gender", "value", "count", "status")
"""The columns of a Kolada-shaped export (``count`` and ``status`` may be left out)."""

# Answers in no language; the words of every language come from the catalogues (answer_words).
_YES = frozenset({"true", "1"})
_NO = frozenset({"false", "0"})
_DECIMAL_MARKS = (None, ",", ".")


# -- rows -------------------------------------------------------------------------------------


def _to_value(value: object) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, float | str):
        return plain_number(value)  # as a Measurement and a document read it
    return value


def _check_value(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None or isinstance(value, bool):
        return
    if not isinstance(value, Decimal) or not value.is_finite():
        raise MalstyrningError(
            f"{attribute.name} must be a finite Decimal, true/false or None (got {value!r})"
        )


@attrs.frozen(kw_only=True)
class OutcomeRow:
    """One row of an outcome table: an outcome of one indicator, series and period.

    ``series`` is None for a yes/no measure, and for an indicator means its main series.

    >>> OutcomeRow(indicator="antibiotika", series="total", period=Period("2019-T1"),
    ...            value=Decimal("245")).measurement()
    Measurement(period=Period('2019-T1'), value=Decimal('245'), missing=None, comment='')
    """

    indicator: str = attrs.field(validator=attrs.validators.instance_of(str))
    series: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(str))
    )
    period: Period = attrs.field(converter=coerce_period, validator=check_period)
    value: Decimal | bool | None = attrs.field(
        default=None, converter=_to_value, validator=_check_value
    )
    missing: NotAssessedReason | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(NotAssessedReason)),
    )
    comment: str = attrs.field(default="", validator=attrs.validators.instance_of(str))

    def __attrs_post_init__(self) -> None:
        if self.value is not None and self.missing is not None:
            raise MalstyrningError(
                f"an outcome for {self.period} has both a value ({self.value}) and a reason "
                f"it is missing ({self.missing.value}); give one of them"
            )

    def measurement(self) -> Measurement:
        """The row as the plan stores it."""
        return Measurement(
            period=self.period, value=self.value, missing=self.missing, comment=self.comment
        )


def outcomes_to_rows(plan: Plan) -> tuple[OutcomeRow, ...]:
    """Every outcome of the plan: indicators' series and yes/no answers, in the plan's order.

    >>> from malstyrning import examples
    >>> rows = outcomes_to_rows(examples.load("jamtland-harjedalen-2019"))
    >>> rows[0].indicator, rows[0].series, str(rows[0].period), rows[0].value
    ('antibiotika', 'total', '2019-T1', Decimal('245'))
    """
    rows: list[OutcomeRow] = []
    for node in plan.walk():
        if isinstance(node, Indicator):
            rows.extend(
                _row(node.id, series.key, measurement)
                for series in node.series
                for measurement in series.measurements
            )
        elif isinstance(node, YesNoMeasure):
            rows.extend(_row(node.id, None, measurement) for measurement in node.measurements)
    return tuple(rows)


def _row(node_id: str, series: str | None, measurement: Measurement) -> OutcomeRow:
    return OutcomeRow(
        indicator=node_id,
        series=series,
        period=measurement.period,
        value=measurement.value,
        missing=measurement.missing,
        comment=measurement.comment,
    )


# -- merging ----------------------------------------------------------------------------------

_F = TypeVar("_F", bound=Callable[..., Any])


def _collector_paused(function: _F) -> _F:
    """Read with the cyclic collector paused: a table makes objects per row, none in cycles.

    Without it a table of a million rows walks every object many times (see ``_gc``).
    """

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with paused_collector():
            return function(*args, **kwargs)

    return cast("_F", wrapper)  # pragma: no mutate (runs at import, before any mutant)


class _Problems:
    """The problems of a table, by row: the first few kept in row order, the rest counted.

    A table of a million bad rows gives one error listing the first rows and "... and K
    more", never a message of a hundred megabytes or a million kept problems.
    """

    def __init__(self) -> None:
        self._kept: list[tuple[int, int, Problem]] = []  # a heap on (-order, -sequence)
        self._count = 0

    def append(self, entry: tuple[int, Problem]) -> None:
        order, problem = entry
        self._count += 1
        item = (-order, -self._count, problem)
        if len(self._kept) < MAX_LISTED_PROBLEMS:
            heapq.heappush(self._kept, item)
        elif item > self._kept[0]:
            heapq.heapreplace(self._kept, item)

    def extend(self, entries: Iterable[tuple[int, Problem]]) -> None:
        for entry in entries:
            self.append(entry)

    def __bool__(self) -> bool:
        return self._count > 0

    def error(self, what: str) -> DocumentError:
        kept = [problem for _, _, problem in sorted(self._kept, reverse=True)]
        return DocumentError.from_problems(what, kept, more=self._count - len(kept))


Locate = Callable[[str], str]
"""The place of one field of a row in its source (``row 5, column 'value'``)."""


@attrs.frozen
class _Located:
    row: OutcomeRow
    locate: Locate
    order: int
    # A table without a comment column says nothing about comments: an outcome the plan
    # already has with the same value is the same outcome, and keeps its comment.
    has_comment: bool = True


def _describe(measurement: Measurement) -> str:
    if measurement.value is not None:
        text = str(measurement.value).lower() if isinstance(measurement.value, bool) else None
        shown = text or format(measurement.value, "f")
        described = f"value {shown}"
    elif measurement.missing is not None:
        described = f"missing: {measurement.missing.value}"
    else:
        described = "no value"
    return described + (f", comment {measurement.comment!r}" if measurement.comment else "")


def _node_problem(plan: Plan, node_id: str) -> tuple[Indicator | YesNoMeasure | None, str | None]:
    node = plan.get(node_id)
    if node is None:
        close = difflib.get_close_matches(
            node_id,
            [n.id for n in plan.walk() if isinstance(n, Indicator | YesNoMeasure)],
            n=3,
        )
        hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        return None, f"unknown indicator {shorten(node_id)}{hint}"
    if not isinstance(node, Indicator | YesNoMeasure):
        return None, (
            f"{node_id!r} is {'a goal' if isinstance(node, Goal) else 'an ' + node.kind}; "
            "outcomes belong to indicators and yes/no measures"
        )
    return node, None


_NodeFound = tuple[Indicator | YesNoMeasure | None, str | None]


def _target(
    plan: Plan,
    row: OutcomeRow,
    report: Callable[[str, str], None],
    nodes: dict[str, _NodeFound],
) -> tuple[Indicator | YesNoMeasure, str | None] | None:
    """The node and series key a row is for, or None after reporting why it has none."""
    # Asked once per id: a table repeats its ids, and the "did you mean" search is slow.
    found = nodes.get(row.indicator)  # pragma: no mutate (a cache: changes speed only)
    if found is None:
        found = nodes[row.indicator] = _node_problem(plan, row.indicator)
    node, message = found
    if node is None:
        report("indicator", message or "")
        return None
    series_key = row.series
    if isinstance(node, YesNoMeasure):
        if series_key is not None:
            report(
                "series",
                f"{node.id!r} is a yes/no measure, which has no series (got "
                f"{series_key!r}); leave the series blank",
            )
            return None
        if row.value is not None and not isinstance(row.value, bool):
            report("value", f"{node.id!r} is a yes/no measure: it takes yes or no")
            return None
        return node, None
    series_key = node.main_series.key if series_key is None else series_key
    if node.series_named(series_key) is None:
        keys = ", ".join(series.key for series in node.series)
        report(
            "series",
            f"unknown series {shorten(series_key)} of indicator {node.id!r} (series: {keys})",
        )
        return None
    if isinstance(row.value, bool):
        report("value", f"indicator {node.id!r} takes numbers, not yes or no")
        return None
    return node, series_key


def _merge(
    plan: Plan,
    located: Sequence[_Located],
    *,
    within: Period | None,
    replace: bool,
    problems: _Problems,
    what: str,
) -> Plan:
    window = plan.validity if within is None else within
    # node id -> series key (None: yes/no) -> period -> (measurement, where it came from)
    wanted: dict[str, dict[str | None, dict[Period, tuple[Measurement, _Located]]]] = {}
    nodes: dict[str, _NodeFound] = {}
    for item in located:
        row = item.row

        def report(field: str, message: str, item: _Located = item) -> None:
            problems.append((item.order, Problem(item.locate(field), message)))

        target = _target(plan, row, report, nodes)
        if target is None:
            continue
        node, series_key = target
        if not window.contains(row.period):
            where = "the plan's validity" if within is None else "the accepted periods"
            report(
                "period",
                f"period {row.period} is outside {where} {window}; pass within= a wider "
                "period to accept it (a baseline year, say)",
            )
            continue
        if row.value is None and row.missing is None and not row.comment:
            reasons = ", ".join(reason.value for reason in NotAssessedReason)
            report(
                "value",
                "no value and no reason it is missing; give a value, or a reason in "
                f"column 'missing' ({reasons})",
            )
            continue
        measurement = row.measurement()
        named = "" if series_key is None else f" series {series_key!r}"
        by_period = wanted.setdefault(node.id, {}).setdefault(series_key, {})
        earlier = by_period.get(row.period)
        if earlier is not None:
            if earlier[0] != measurement:
                report(
                    "value",
                    f"a second, different outcome for {node.id!r}{named} in {row.period} "
                    f"({_describe(measurement)}; {earlier[1].locate('value')} gives "
                    f"{_describe(earlier[0])})",
                )
            continue  # the same outcome twice says it once
        existing = _existing(node, series_key, row.period)
        if existing is not None and not item.has_comment:
            measurement = attrs.evolve(measurement, comment=existing.comment)
        if existing is not None and existing != measurement and not replace:
            report(
                "value",
                f"the plan already has another outcome for {node.id!r}{named} in "
                f"{row.period} ({_describe(existing)}; this row: {_describe(measurement)}); "
                "pass replace=True to replace it",
            )
            continue
        by_period[row.period] = (measurement, item)
    if problems:
        raise problems.error(what)
    return _apply(plan, wanted)


def _existing(
    node: Indicator | YesNoMeasure, series_key: str | None, period: Period
) -> Measurement | None:
    if isinstance(node, YesNoMeasure):
        return next((m for m in node.measurements if m.period == period), None)
    series = node.series_named(series_key or "")
    return series.get(period) if series is not None else None


def _merged(
    measurements: tuple[Measurement, ...], new: Mapping[Period, tuple[Measurement, _Located]]
) -> tuple[Measurement, ...]:
    by_period = {m.period: m for m in measurements}
    by_period.update({period: entry[0] for period, entry in new.items()})
    return tuple(by_period.values())


def _apply(plan: Plan, wanted: Mapping[str, Mapping[str | None, Mapping[Period, Any]]]) -> Plan:
    if not wanted:
        return plan

    def rebuilt(node: Node) -> Node:
        if isinstance(node, Goal):
            children = tuple(rebuilt(child) for child in node.children)
            if all(new is old for new, old in zip(children, node.children, strict=True)):
                return node  # frozen values need no copying
            return attrs.evolve(node, children=children)
        changes = wanted.get(node.id)
        if changes is None:
            return node
        if isinstance(node, YesNoMeasure):
            return attrs.evolve(node, measurements=_merged(node.measurements, changes[None]))
        if isinstance(node, Indicator):
            series: list[Series] = [
                attrs.evolve(s, measurements=_merged(s.measurements, changes[s.key]))
                if s.key in changes
                else s
                for s in node.series
            ]
            return attrs.evolve(node, series=tuple(series))
        return node

    return attrs.evolve(plan, goals=tuple(rebuilt(goal) for goal in plan.goals))


def _rows_locator(index: int) -> Locate:
    return lambda field: f"rows[{index}].{field}"


@_collector_paused
def merge_outcomes(
    plan: Plan,
    rows: Iterable[OutcomeRow],
    *,
    within: Period | None = None,
    replace: bool = False,
) -> Plan:
    """A new plan with the rows' outcomes added; the plan itself is unchanged.

    Args:
        plan: the plan the outcomes belong to.
        rows: the outcomes, e.g. from :func:`outcomes_to_rows` of another copy of the plan.
        within: the periods outcomes may be for; by default the plan's validity. Pass a
            wider period to bring in baselines (``Period("2015-01-01/2024-12-31")``).
        replace: replace outcomes the plan already has for the same period; by default a
            different outcome for a period the plan already has is an error.

    Returns:
        The plan with the outcomes merged in.

    Raises:
        DocumentError: listing every row that does not fit the plan (``rows[3].series``).

    >>> from malstyrning import examples
    >>> plan = examples.load("vasternorrland-2022")
    >>> row = OutcomeRow(indicator="inhyrd-personal-kostnadsandel", period=Period("2023"),
    ...                  value=Decimal("7.5"))
    >>> merge_outcomes(plan, [row])["inhyrd-personal-kostnadsandel"].main_series.get(
    ...     Period("2023")).value
    Decimal('7.5')
    """
    located = [_Located(row, _rows_locator(index), index) for index, row in enumerate(rows)]
    return _merge(
        plan,
        located,
        within=within,
        replace=replace,
        problems=_Problems(),
        what=f"the rows could not be merged into plan {plan.id!r}",
    )


# -- reading outcome tables -------------------------------------------------------------------


def _check_decimal(decimal: str | None) -> None:
    if decimal not in _DECIMAL_MARKS:
        raise MalstyrningError(f"decimal must be ',', '.' or None (got {decimal!r})")


def _columns(
    table: RawTable, known: Sequence[str], required: Sequence[str], what: str
) -> tuple[dict[str, int], list[Problem]]:
    index: dict[str, int] = {}
    problems: list[Problem] = []
    for position, name in enumerate(table.columns):
        key = name.strip().lower()
        place = f"column {position + 1} {name!r}" if name else f"column {position + 1}"
        if key not in known:
            problems.append(
                Problem(
                    f"row {table.rows[0].number - 1 if table.rows else 1}, {place}",
                    f"unknown column {name!r}; {what} have the columns {', '.join(known)}",
                )
            )
        elif key in index:
            problems.append(Problem(place, f"the column {key!r} appears twice"))
        else:
            index[key] = position
    missing = [name for name in required if name not in index]
    if missing:
        problems.append(Problem("header", f"missing column(s) {', '.join(map(repr, missing))}"))
    return index, problems


def _text(value: object) -> str | None:
    """A cell as text, or None when blank; whole numbers (an id typed as 2281) as digits."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = value if isinstance(value, str) else str(value)
    return text if text.strip() else None


def _period(value: object) -> Period:
    if isinstance(value, date):
        raise ValueError(
            f"expected a period text such as '2019', '2019-T1' or '2019-05' (got the date "
            f"{value.isoformat()[:10]}: format the column as text so the spreadsheet does "
            "not turn periods into dates)"
        )
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    if isinstance(value, str):
        value = value.strip()
    period: Period = shared_converter().structure(value, Period)
    return period


def _comment(value: object) -> str:
    # Comments are kept exactly, spaces and all; a number cell becomes its digits.
    if value is None:
        return ""
    return value if isinstance(value, str) else _text(value) or ""


def _stripped(value: object) -> str:
    return (_text(value) or "").strip()


def _reason(value: object) -> NotAssessedReason:
    try:
        reason: NotAssessedReason = shared_converter().structure(
            str(value).strip().lower(), NotAssessedReason
        )
    except Exception:  # cattrs wraps the enum's ValueError
        raise ValueError(
            f"unknown missing-value reason {shorten(value)} (expected one of "
            f"{', '.join(r.value for r in NotAssessedReason)})"
        ) from None
    return reason


def _answer(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value)
    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        text = str(cell_number(value).normalize())
    if text is not None:
        word, (yes, no) = text.strip().lower(), answer_words()
        if word in _YES or word in yes:
            return True
        if word in _NO or word in no:
            return False
    raise ValueError(
        f"expected a yes/no answer: ja/nej, yes/no, true/false or 1/0 (got {shorten(value)})"
    )


def _number(
    table: RawTable, row: int, column: int, value: object, *, decimal: str | None
) -> Decimal:
    formats = table.rows[row].formats
    if formats is not None and isinstance(value, int | float) and not isinstance(value, bool):
        return spreadsheet_number(value, formats[column])
    return cell_number(value, decimal=decimal)


# Units in which a percentage is the value itself; any other stated unit contradicts "%".
_PERCENT_WORDS = frozenset({"procent", "percent", "prosent", "procentenheter", "pp", "p.e."})


def _unit_conflict(node: object, table: RawTable, row: int, column: int) -> str | None:
    """Why a value cell contradicts the indicator's unit ("5 %" on a kr indicator), if it does."""
    if not isinstance(node, Indicator) or node.unit is None:
        return None
    unit = node.unit.strip()
    if "%" in unit or unit.lower() in _PERCENT_WORDS:
        return None
    value = table.rows[row].cells[column]
    formats = table.rows[row].formats
    number_format = formats[column] if formats is not None else None
    if not states_percent(value, number_format):
        return None
    stated = (
        f"{shorten(value)} is a percentage"
        if isinstance(value, str)
        else f"the cell is formatted as a percentage ({number_format!r})"
    )
    return (
        f"{stated}, but indicator {node.id!r} is measured in {unit!r}; give the value in "
        f"{unit} (without %{'' if isinstance(value, str) else ': format the cell as a number'}), "
        "or correct the indicator's unit"
    )


def _error_message(error: Exception) -> str:
    if isinstance(error, MalstyrningError):
        return error.message
    text = str(error) or type(error).__name__
    return text if len(text) <= 300 else f"{text[:150]}…{text[-150:]}"


_FORMULA = (
    "a formula without a saved value (the file was written by a program that does not "
    "calculate); open it in Excel or LibreOffice and save it again, or paste the values"
)


class _RowReader:
    """Reads the cells of one row, collecting every problem with its place."""

    # Kept with each row's outcome (its place method): a million rows make a million readers.
    __slots__ = ("columns", "formulas", "number", "problems", "row", "table")

    def __init__(self, table: RawTable, row: int, columns: Mapping[str, int]) -> None:
        self.table = table
        self.row = row
        self.columns = columns
        self.problems: list[Problem] = []
        self.number = table.rows[row].number
        # A formula the spreadsheet never calculated is no value and no blank: say so once,
        # for every column of the table, and read the field as absent.
        cells = table.rows[row].cells
        self.formulas = (
            {column for column, cell in enumerate(cells) if cell is NO_CACHED_VALUE}
            if NO_CACHED_VALUE in cells
            else frozenset()
        )
        for column in sorted(self.formulas):
            self.problems.append(Problem(table.locate(row, column), _FORMULA))

    def place(self, field: str) -> str:
        column = self.columns.get(field)
        if column is None:
            return self.table.locate_row(self.row)
        return self.table.locate(self.row, column)

    def cell(self, field: str) -> object:
        column = self.columns.get(field)
        return None if column is None else self.table.rows[self.row].cells[column]

    def read(self, field: str, parse: Callable[[object], Any], *, required: bool) -> Any:
        if self.columns.get(field) in self.formulas:
            return None  # named above
        value = self.cell(field)
        if _text(value) is None:
            if required:
                self.problems.append(Problem(self.place(field), f"a {field} is required"))
            return None
        try:
            return parse(value)
        except (MalstyrningError, ValueError, TypeError, ArithmeticError) as error:
            self.problems.append(Problem(self.place(field), _error_message(error)))
            return None


def _outcomes_from_table(
    table: RawTable,
    plan: Plan,
    *,
    decimal: str | None,
    within: Period | None,
    replace: bool,
) -> Plan:
    _check_decimal(decimal)
    what = f"{table.source} could not be read as outcomes of plan {plan.id!r}"
    columns, header_problems = _columns(
        table, OUTCOME_COLUMNS, _REQUIRED_OUTCOME_COLUMNS, "outcome tables"
    )
    if header_problems:
        raise DocumentError.from_problems(what, header_problems)
    problems = _Problems()
    problems.extend(table.problems)
    located: list[_Located] = []
    for index in range(len(table.rows)):
        reader = _RowReader(table, index, columns)
        node_id = reader.read("indicator", _stripped, required=True)
        node = plan.get(node_id) if node_id is not None else None
        series = reader.read("series", _stripped, required=False)
        period = reader.read("period", _period, required=True)
        if isinstance(node, YesNoMeasure):
            value = reader.read("value", _answer, required=False)
        else:
            value = reader.read(
                "value",
                functools.partial(_number, table, index, columns["value"], decimal=decimal),
                required=False,
            )
            conflict = value is not None and _unit_conflict(node, table, index, columns["value"])
            if conflict:
                reader.problems.append(Problem(reader.place("value"), conflict))
        missing = reader.read("missing", _reason, required=False)
        comment = _comment(reader.cell("comment"))
        if not reader.problems and node_id is not None and period is not None:
            try:
                row = OutcomeRow(
                    indicator=node_id,
                    series=series,
                    period=period,
                    value=value,
                    missing=missing,
                    comment=comment,
                )
            except MalstyrningError as error:
                reader.problems.append(Problem(reader.place("missing"), error.message))
            else:
                located.append(
                    _Located(row, reader.place, reader.number, has_comment="comment" in columns)
                )
        problems.extend((reader.number, problem) for problem in reader.problems)
    return _merge(plan, located, within=within, replace=replace, problems=problems, what=what)


def _table_from_path(
    path: str | os.PathLike[str], *, sheet: str | None, delimiter: str | None
) -> RawTable:
    suffix = Path(path).suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        return read_xlsx(path, sheet=sheet, keep_problems=True)
    if suffix in {".csv", ".tsv", ".txt"}:
        if sheet is not None:
            raise MalstyrningError(f"{Path(path).name} is CSV, which has no sheets")
        return read_csv(path, delimiter=delimiter, keep_problems=True)
    raise MalstyrningError(
        f"unknown table format {suffix or '(no extension)'!r} for {Path(path).name}: "
        "use .csv or .xlsx"
    )


@_collector_paused
def read_outcomes(
    path: str | os.PathLike[str],
    plan: Plan,
    *,
    sheet: str | None = None,
    delimiter: str | None = None,
    decimal: str | None = None,
    within: Period | None = None,
    replace: bool = False,
) -> Plan:
    """Read an outcome table from a CSV or XLSX file (by extension) into a new plan.

    Args:
        path: a ``.csv`` (UTF-8; ``,``, ``;`` or tab, found from the header) or ``.xlsx``.
        plan: the plan the outcomes belong to; it is not changed.
        sheet: the worksheet of an XLSX file; by default the first.
        delimiter: the CSV delimiter, where the header does not make it plain.
        decimal: the mark the file uses for decimals in number text (``","`` or ``"."``);
            by default either, and text that could be read both ways ("1,234") is an error.
        within: the periods outcomes may be for; by default the plan's validity.
        replace: replace outcomes the plan already has; by default a different outcome for
            a period the plan already has is an error.

    Returns:
        The plan with the table's outcomes merged in.

    Raises:
        DocumentError: every bad row, with the file, the row number and the column.
        MalstyrningError: the file cannot be read at all.
    """
    table = _table_from_path(path, sheet=sheet, delimiter=delimiter)
    return _outcomes_from_table(table, plan, decimal=decimal, within=within, replace=replace)


@_collector_paused
def outcomes_from_csv(
    text: str,
    plan: Plan,
    *,
    source: str = "<csv>",
    delimiter: str | None = None,
    decimal: str | None = None,
    within: Period | None = None,
    replace: bool = False,
) -> Plan:
    """Read an outcome table from CSV text into a new plan; see :func:`read_outcomes`.

    ``source`` names the text in error messages.
    """
    table = read_csv_text(text, source=source, delimiter=delimiter, keep_problems=True)
    return _outcomes_from_table(table, plan, decimal=decimal, within=within, replace=replace)


@_collector_paused
def outcomes_from_frame(
    frame: object,
    plan: Plan,
    *,
    source: str | None = None,
    decimal: str | None = None,
    within: Period | None = None,
    replace: bool = False,
) -> Plan:
    """Read an outcome table from a pandas or polars data frame into a new plan.

    Rows are numbered from 0 in error messages, as the frame counts them. Values may be
    numbers of any dtype (floats become the shortest decimal that reads back as the same
    float), :class:`~decimal.Decimal` or Swedish number text; see :func:`read_outcomes`.
    """
    table = read_frame(frame, source=source)
    return _outcomes_from_table(table, plan, decimal=decimal, within=within, replace=replace)


# -- writing ----------------------------------------------------------------------------------


def _plain(value: object) -> Value:
    if isinstance(value, bool):
        return Decimal(int(value))  # yes/no as 1/0: one numeric column for every outcome
    if value is None or isinstance(value, Decimal):
        return value
    return str(value)


def _outcome_values(plan: Plan) -> list[tuple[Value, ...]]:
    return [
        (
            row.indicator,
            row.series,
            row.period.format(),
            _plain(row.value),
            row.missing.value if row.missing is not None else None,
            row.comment or None,
        )
        for row in outcomes_to_rows(plan)
    ]


def _dump(
    columns: Sequence[str],
    rows: Sequence[Sequence[Value]],
    path: str | os.PathLike[str],
    *,
    sheet: str,
    delimiter: str,
) -> None:
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix == ".xlsx":
        write_xlsx(columns, rows, file, sheet=sheet)
    elif suffix in {".csv", ".tsv", ".txt"}:
        file.write_text(write_csv(columns, rows, delimiter=delimiter), encoding="utf-8")
    else:
        raise MalstyrningError(
            f"unknown table format {suffix or '(no extension)'!r} for {file.name}: "
            "use .csv or .xlsx"
        )


def outcomes_to_csv(plan: Plan, *, delimiter: str = ",") -> str:
    """The plan's outcomes as CSV text (:data:`OUTCOME_COLUMNS`; numbers as written).

    Yes/no answers are 1 and 0, so that every value is a number.
    """
    return write_csv(OUTCOME_COLUMNS, _outcome_values(plan), delimiter=delimiter)


def write_outcomes(plan: Plan, path: str | os.PathLike[str], *, delimiter: str = ",") -> None:
    """Write the plan's outcomes to a ``.csv`` (UTF-8) or ``.xlsx`` file, by extension."""
    _dump(OUTCOME_COLUMNS, _outcome_values(plan), path, sheet="outcomes", delimiter=delimiter)


def outcomes_to_frame(plan: Plan, *, backend: str = "pandas") -> Any:
    """The plan's outcomes as a data frame of ``backend`` (``"pandas"`` or ``"polars"``).

    ``value`` holds exact decimals: Python :class:`~decimal.Decimal` objects in pandas, the
    Decimal type in polars (one scale per column, so ``245`` reads ``245.00`` beside
    ``4.10``: the same number).
    """
    return to_frame(OUTCOME_COLUMNS, _outcome_values(plan), backend=backend, numeric=("value",))


def assessments_to_rows(evaluation: Evaluation, *, locale: LocaleLike) -> list[dict[str, Value]]:
    """Every assessment as a row of :data:`ASSESSMENT_COLUMNS`, in the plan's order.

    ``pace`` is the pace status where the plan states a later target level; ``explanation``
    is rendered in ``locale``.

    >>> from malstyrning import examples, evaluate
    >>> evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
    >>> rows = assessments_to_rows(evaluation, locale="en")
    >>> row = next(r for r in rows if r["id"] == "antibiotika")
    >>> row["status"], row["value"], row["target"], row["gap"], row["unit"]
    ('green', Decimal('245'), Decimal('250'), Decimal('5'), 'rec/TIN')
    """
    rows: list[dict[str, Value]] = []
    owners = {assessment.node_id: assessment.owner for assessment in evaluation}
    for record in evaluation_records(evaluation, locale=locale):
        pace = record.get("pace")
        rows.append(
            {
                "id": record["id"],
                "title": record["title"],
                "kind": record["kind"],
                "level": record["level"],
                "period": record["period"],
                "status": record["status"],
                "value": _plain(record["value"]),
                "target": _plain(record["target"]),
                "gap": _plain(record["gap"]),
                "unit": record["unit"],
                "trend": record["trend"],
                "pace": pace["status"] if pace else None,
                "explanation": record["explanation"],
                "owner": owners[record["id"]],
            }
        )
    return rows


def _assessment_values(evaluation: Evaluation, locale: LocaleLike) -> list[tuple[Value, ...]]:
    return [
        tuple(row[column] for column in ASSESSMENT_COLUMNS)
        for row in assessments_to_rows(evaluation, locale=locale)
    ]


def assessments_to_csv(evaluation: Evaluation, *, locale: LocaleLike, delimiter: str = ",") -> str:
    """The assessments as CSV text (:data:`ASSESSMENT_COLUMNS`)."""
    return write_csv(
        ASSESSMENT_COLUMNS, _assessment_values(evaluation, locale), delimiter=delimiter
    )


def write_assessments(
    evaluation: Evaluation,
    path: str | os.PathLike[str],
    *,
    locale: LocaleLike,
    delimiter: str = ",",
) -> None:
    """Write the assessments to a ``.csv`` (UTF-8) or ``.xlsx`` file, by extension."""
    _dump(
        ASSESSMENT_COLUMNS,
        _assessment_values(evaluation, locale),
        path,
        sheet="assessments",
        delimiter=delimiter,
    )


def assessments_to_frame(
    evaluation: Evaluation, *, locale: LocaleLike, backend: str = "pandas"
) -> Any:
    """The assessments as a data frame of ``backend``; value, target and gap are decimals."""
    return to_frame(
        ASSESSMENT_COLUMNS,
        _assessment_values(evaluation, locale),
        backend=backend,
        numeric=("value", "target", "gap"),
    )


# -- Kolada -----------------------------------------------------------------------------------

_KOLADA_GENDERS = FrozenMap({"T": "total", "K": "women", "M": "men"})


def _nonempty(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise MalstyrningError(f"{attribute.name} must be a non-empty text (got {value!r})")


@attrs.frozen(kw_only=True)
class KoladaIndicator:
    """One line of a mapping: a Kolada KPI for one municipality or region is an indicator.

    >>> KoladaIndicator(kpi="N00945", municipality="2281", indicator="nojdhet")
    KoladaIndicator(kpi='N00945', municipality='2281', indicator='nojdhet')
    """

    kpi: str = attrs.field(validator=_nonempty)
    municipality: str = attrs.field(validator=_nonempty)
    indicator: str = attrs.field(validator=_nonempty)


def _as_tuple(items: Iterable[Any]) -> Any:
    return tuple(items)


def _freeze_genders(value: Mapping[str, str]) -> FrozenMap[str, str]:
    return value if isinstance(value, FrozenMap) else FrozenMap(value)


@attrs.frozen(kw_only=True)
class KoladaMapping:
    """How a Kolada-shaped export maps onto a plan's indicators.

    Args:
        indicators: which KPI for which municipality (Kolada's four-digit id, ``"2281"``;
            regions ``"0022"``) is which indicator.
        genders: Kolada's gender codes onto series keys: by default ``T`` (totalt) is
            ``total``, ``K`` (kvinnor) ``women`` and ``M`` (män) ``men``.
        missing: the reason recorded where Kolada gives no value (null).

    Raises:
        MalstyrningError: the same KPI and municipality mapped onto two indicators.

    >>> mapping = KoladaMapping.of({("N00945", "2281"): "nojdhet"}, genders={"T": "total"})
    >>> mapping.indicator_for("N00945", "2281"), dict(mapping.genders)
    ('nojdhet', {'T': 'total'})
    """

    indicators: tuple[KoladaIndicator, ...] = attrs.field(
        converter=_as_tuple,
        validator=attrs.validators.deep_iterable(attrs.validators.instance_of(KoladaIndicator)),
    )
    genders: FrozenMap[str, str] = attrs.field(default=_KOLADA_GENDERS, converter=_freeze_genders)
    missing: NotAssessedReason = attrs.field(
        default=NotAssessedReason.NO_DATA,
        validator=attrs.validators.instance_of(NotAssessedReason),
    )
    _index: dict[tuple[str, str], str] = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        index: dict[tuple[str, str], str] = {}
        for entry in self.indicators:
            key = (entry.kpi, entry.municipality)
            if index.get(key, entry.indicator) != entry.indicator:
                raise MalstyrningError(
                    f"KPI {entry.kpi!r} for municipality {entry.municipality!r} is mapped onto "
                    f"both {index[key]!r} and {entry.indicator!r}; map it onto one indicator"
                )
            index[key] = entry.indicator
        for code, series in self.genders.items():
            if not isinstance(code, str) or not isinstance(series, str) or not series:
                raise MalstyrningError(
                    f"genders maps Kolada codes onto series keys (got {code!r}: {series!r})"
                )
        object.__setattr__(self, "_index", index)

    @classmethod
    def of(
        cls,
        indicators: Mapping[tuple[str, str], str],
        *,
        genders: Mapping[str, str] = _KOLADA_GENDERS,
        missing: NotAssessedReason = NotAssessedReason.NO_DATA,
    ) -> KoladaMapping:
        """A mapping from ``{(kpi, municipality): indicator id}``."""
        return cls(
            indicators=tuple(
                KoladaIndicator(kpi=kpi, municipality=municipality, indicator=indicator)
                for (kpi, municipality), indicator in indicators.items()
            ),
            genders=genders,
            missing=missing,
        )

    @classmethod
    def from_document(cls, document: object) -> KoladaMapping:
        """A mapping from its JSON/YAML/TOML form, through the library's converter.

        >>> KoladaMapping.from_document({"indicators": [
        ...     {"kpi": "N00945", "municipality": "2281", "indicator": "nojdhet"}]}).genders["K"]
        'women'

        Raises:
            DocumentError: listing every problem with its path.
        """
        try:
            mapping: KoladaMapping = shared_converter().structure(document, cls)
        except Exception as error:  # cattrs groups every problem in one error
            raise DocumentError.from_problems(
                "the Kolada mapping could not be read", problems_of(error, "$")
            ) from None
        return mapping

    @classmethod
    def from_plan(cls, plan: Plan) -> KoladaMapping:
        """The mapping a plan states: each indicator's ``kolada`` KPI and municipality.

        An indicator that names a KPI but no municipality takes the plan's
        ``kolada_municipality``.

        >>> from malstyrning.model import KoladaSource, PlanLevel
        >>> hse = Indicator(id="hse", title="HSE", kolada=KoladaSource(kpi="N00001"))
        >>> plan = Plan(id="p", title="Plan", organisation="Region", validity=Period("2022"),
        ...             levels=(PlanLevel(key="goal", label="Mål"),), kolada_municipality="0022",
        ...             goals=(Goal(id="g", title="Mål", level="goal", children=(hse,)),))
        >>> KoladaMapping.from_plan(plan).indicators
        (KoladaIndicator(kpi='N00001', municipality='0022', indicator='hse'),)

        Raises:
            MalstyrningError: an indicator names no municipality and the plan none for all.
        """
        entries: list[KoladaIndicator] = []
        unplaced: list[str] = []
        for node in plan.walk():
            if not isinstance(node, Indicator) or node.kolada is None:
                continue
            municipality = node.kolada.municipality or plan.kolada_municipality
            if municipality is None:
                unplaced.append(node.id)
                continue
            entries.append(
                KoladaIndicator(kpi=node.kolada.kpi, municipality=municipality, indicator=node.id)
            )
        if unplaced:
            raise MalstyrningError(
                f"plan {plan.id!r}: indicator(s) {', '.join(map(repr, unplaced))} name a Kolada "
                "KPI but no municipality; give kolada.municipality on each, or the plan's "
                "kolada_municipality for all"
            )
        return cls(indicators=tuple(entries))

    def indicator_for(self, kpi: str, municipality: str) -> str | None:
        """The indicator id a KPI for a municipality maps onto, if any."""
        return self._index.get((kpi, municipality))


def _municipality(value: object) -> str:
    # Kolada's ids are four digits ("0180" is Stockholm); a number cell loses the zeros.
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        number = Decimal(str(value))
        if number != number.to_integral_value() or number < 0:
            raise ValueError(f"expected a municipality id such as '2281' (got {shorten(value)})")
        return f"{int(number):04d}"
    text = _text(value)
    return (text or "").strip()


def _upper(value: object) -> str:
    return _stripped(value).upper()


def _count(value: object) -> Decimal:
    number = cell_number(value)
    if number < 0 or number != number.to_integral_value():
        raise ValueError(f"expected a count, a whole number of at least 0 (got {shorten(value)})")
    return number


def _kolada_note(count: Decimal | None, status: str | None, value: object, locale: str) -> str:
    # Kept with the outcome where they say something: a count other than 1 (a municipality
    # group's unweighted mean) and any status. Count 1 and no status are what a plain
    # municipality's figure means, so leaving them out loses nothing.
    notes = []
    if count is not None and count != 1 and not (value is None and count == 0):
        notes.append(translate("kolada.count", locale=locale, count=int(count)))
    if status:
        notes.append(translate("kolada.status", locale=locale, status=status))
    return "; ".join(notes)


def _kolada_from_table(
    table: RawTable,
    plan: Plan,
    mapping: KoladaMapping,
    *,
    decimal: str | None,
    within: Period | None,
    replace: bool,
    ignore_unmapped: bool,
) -> Plan:
    _check_decimal(decimal)
    what = f"{table.source} could not be read as a Kolada export for plan {plan.id!r}"
    columns, header_problems = _columns(table, KOLADA_COLUMNS, KOLADA_COLUMNS[:5], "Kolada exports")
    if header_problems:
        raise DocumentError.from_problems(what, header_problems)
    fields = {"indicator": "kpi", "series": "gender"}
    problems = _Problems()
    problems.extend(table.problems)
    located: list[_Located] = []
    for index in range(len(table.rows)):
        reader = _RowReader(table, index, columns)
        kpi = reader.read("kpi", _stripped, required=True)
        municipality = reader.read("municipality", _municipality, required=True)
        period = reader.read("period", _period, required=True)
        gender = reader.read("gender", _upper, required=True)
        value = reader.read(
            "value",
            functools.partial(_number, table, index, columns["value"], decimal=decimal),
            required=False,
        )
        count = reader.read("count", _count, required=False)
        status = reader.read("status", _stripped, required=False)

        def locate(field: str, reader: _RowReader = reader) -> str:
            return reader.place(fields.get(field, field))

        if reader.problems or kpi is None or municipality is None or period is None:
            problems.extend((reader.number, problem) for problem in reader.problems)
            continue
        node_id = mapping.indicator_for(kpi, municipality)
        series = mapping.genders.get(gender)
        conflict = (
            node_id is not None
            and value is not None
            and _unit_conflict(plan.get(node_id), table, index, columns["value"])
        )
        if conflict:
            problems.append((reader.number, Problem(reader.place("value"), conflict)))
            continue
        if node_id is None or series is None:
            if not ignore_unmapped:
                message = (
                    f"KPI {kpi!r} for municipality {municipality!r} is not in the mapping"
                    if node_id is None
                    else f"gender {gender!r} is not in the mapping "
                    f"(mapped: {', '.join(mapping.genders)})"
                )
                column = "kpi" if node_id is None else "gender"
                problems.append(
                    (
                        reader.number,
                        Problem(
                            reader.place(column),
                            f"{message}; map it, or pass ignore_unmapped=True to leave such "
                            "rows out",
                        ),
                    )
                )
            continue
        note = _kolada_note(count, status, value, plan.language or DEFAULT_LOCALE)
        row = OutcomeRow(
            indicator=node_id,
            series=series,
            period=period,
            value=value,
            missing=mapping.missing if value is None else None,
            comment=note,
        )
        located.append(_Located(row, locate, reader.number, has_comment=bool(note)))
    return _merge(plan, located, within=within, replace=replace, problems=problems, what=what)


@_collector_paused
def read_kolada(
    path: str | os.PathLike[str],
    plan: Plan,
    mapping: KoladaMapping,
    *,
    sheet: str | None = None,
    delimiter: str | None = None,
    decimal: str | None = None,
    within: Period | None = None,
    replace: bool = False,
    ignore_unmapped: bool = False,
) -> Plan:
    """Read a Kolada-shaped export (CSV or XLSX) into a new plan, through ``mapping``.

    The export has the columns :data:`KOLADA_COLUMNS`: ``kpi``, ``municipality``,
    ``period`` (a year), ``gender`` (``T``, ``K``, ``M``), ``value`` and optionally
    ``count`` and ``status``. A null value becomes an outcome missing for
    ``mapping.missing`` (no data), never a silently dropped row. ``count`` (a whole number)
    and ``status`` are kept in the outcome's comment, in the plan's language, where they
    say something: a count other than 1 (a municipality group's unweighted mean of that
    many members) and any status.

    Args:
        path: the export, ``.csv`` or ``.xlsx``.
        plan: the plan the indicators are in; it is not changed.
        mapping: which KPI and municipality is which indicator, and gender onto series.
        sheet: as for :func:`read_outcomes`.
        delimiter: as for :func:`read_outcomes`.
        decimal: as for :func:`read_outcomes`.
        within: as for :func:`read_outcomes`.
        replace: as for :func:`read_outcomes`.
        ignore_unmapped: leave out rows whose KPI, municipality or gender the mapping does
            not name (exports often hold comparison municipalities); by default such a row
            is an error.

    Raises:
        DocumentError: every bad row, with the file, the row number and the column.
    """
    table = _table_from_path(path, sheet=sheet, delimiter=delimiter)
    return _kolada_from_table(
        table,
        plan,
        mapping,
        decimal=decimal,
        within=within,
        replace=replace,
        ignore_unmapped=ignore_unmapped,
    )


@_collector_paused
def kolada_from_csv(
    text: str,
    plan: Plan,
    mapping: KoladaMapping,
    *,
    source: str = "<csv>",
    delimiter: str | None = None,
    decimal: str | None = None,
    within: Period | None = None,
    replace: bool = False,
    ignore_unmapped: bool = False,
) -> Plan:
    """Read a Kolada-shaped export from CSV text into a new plan; see :func:`read_kolada`.

    ``source`` names the text in error messages.

    >>> from malstyrning import examples
    >>> plan = examples.load("vasternorrland-2022")
    >>> mapping = KoladaMapping.of({("N00945", "2281"): "inhyrd-personal-kostnadsandel"})
    >>> text = "kpi,municipality,period,gender,value\\nN00945,2281,2022,T,7.9\\n"
    >>> kolada_from_csv(text, plan, mapping)["inhyrd-personal-kostnadsandel"].main_series.get(
    ...     Period("2022")).value
    Decimal('7.9')
    """
    table = read_csv_text(text, source=source, delimiter=delimiter, keep_problems=True)
    return _kolada_from_table(
        table,
        plan,
        mapping,
        decimal=decimal,
        within=within,
        replace=replace,
        ignore_unmapped=ignore_unmapped,
    )


@_collector_paused
def kolada_from_frame(
    frame: object,
    plan: Plan,
    mapping: KoladaMapping,
    *,
    source: str | None = None,
    decimal: str | None = None,
    within: Period | None = None,
    replace: bool = False,
    ignore_unmapped: bool = False,
) -> Plan:
    """Read a Kolada-shaped data frame (pandas, polars) into a new plan; see :func:`read_kolada`.

    >>> import pandas as pd
    >>> from malstyrning import examples
    >>> plan = examples.load("vasternorrland-2022")
    >>> export = pd.DataFrame({"kpi": ["N00945"] * 2, "municipality": ["2281"] * 2,
    ...     "period": [2022, 2023], "gender": ["T", "T"], "value": [7.9, None],
    ...     "count": [1, 0]})
    >>> mapping = KoladaMapping.of({("N00945", "2281"): "inhyrd-personal-kostnadsandel"})
    >>> series = kolada_from_frame(export, plan, mapping)[
    ...     "inhyrd-personal-kostnadsandel"].main_series
    >>> series.get(Period("2022")).value, series.get(Period("2023")).missing.value
    (Decimal('7.9'), 'no_data')
    """
    table = read_frame(frame, source=source)
    return _kolada_from_table(
        table,
        plan,
        mapping,
        decimal=decimal,
        within=within,
        replace=replace,
        ignore_unmapped=ignore_unmapped,
    )


@_collector_paused
def kolada_from_rows(
    rows: Iterable[Mapping[str, object]],
    plan: Plan,
    mapping: KoladaMapping,
    *,
    source: str = "<rows>",
    within: Period | None = None,
    replace: bool = False,
    ignore_unmapped: bool = False,
) -> Plan:
    """Read Kolada-shaped rows (mappings of :data:`KOLADA_COLUMNS`) into a new plan.

    The rows :mod:`malstyrning.kolada` fetches come in this way; see :func:`read_kolada`.
    ``source`` names them in error messages (rows are counted from 1).

    >>> from malstyrning import examples
    >>> plan = examples.load("vasternorrland-2022")
    >>> mapping = KoladaMapping.of({("N00945", "2281"): "inhyrd-personal-kostnadsandel"})
    >>> rows = [{"kpi": "N00945", "municipality": "2281", "period": "2022", "gender": "T",
    ...          "value": Decimal("7.9"), "count": 3}]
    >>> kolada_from_rows(rows, plan, mapping)["inhyrd-personal-kostnadsandel"].main_series.get(
    ...     Period("2022")).comment
    'Kolada: ovägt medelvärde av 3 medlemmar'
    """
    table = RawTable(
        source=source,
        columns=KOLADA_COLUMNS,
        rows=tuple(
            RawRow(number=number, cells=tuple(row.get(column) for column in KOLADA_COLUMNS))
            for number, row in enumerate(rows, start=1)
        ),
    )
    return _kolada_from_table(
        table,
        plan,
        mapping,
        decimal=None,
        within=within,
        replace=replace,
        ignore_unmapped=ignore_unmapped,
    )
