"""How batch evaluation reads the texts of its period column (``_batch_rules.parse_periods``).

Pins every form a period cell may take (years as texts or integers, halves, tertials,
quarters, months, ISO ranges that are exactly one calendar period), that each distinct cell
is read once and kept under the cell's own value, and the exact messages of the refusals:
an empty cell, a text that is no period, and a range that is no calendar period, each
naming the column and the cell.
"""

from __future__ import annotations

import pytest

from malstyrning._batch_rules import parse_periods
from malstyrning.batch import BatchInputError
from malstyrning.errors import MalstyrningError
from malstyrning.periods import Period

ACCEPTED = [
    ("2019", "2019"),
    (2019, "2019"),
    ("2019-H2", "2019-H2"),
    ("2019-T1", "2019-T1"),
    ("T3 2019", "2019-T3"),
    ("2019-Q3", "2019-Q3"),
    ("q4 2019", "2019-Q4"),
    ("2019-05", "2019-05"),
    ("2019-01-01/2019-12-31", "2019"),
    ("2019-01-01..2019-04-30", "2019-T1"),
    ("2019-02-01--2019-02-28", "2019-02"),
]


@pytest.mark.parametrize(("cell", "period"), ACCEPTED, ids=[str(cell) for cell, _ in ACCEPTED])
def test_every_calendar_form_is_read(cell: object, period: str) -> None:
    assert parse_periods("period", [cell]) == {cell: Period(period)}


def test_each_cell_value_is_kept_under_its_own_value() -> None:
    cells = ["2019", 2019, "2019", "T1 2019", "2019-T1"]
    assert parse_periods("period", cells) == {
        "2019": Period("2019"),
        2019: Period("2019"),
        "T1 2019": Period("2019-T1"),
        "2019-T1": Period("2019-T1"),
    }
    assert parse_periods("period", []) == {}


def test_an_empty_cell_is_refused_naming_the_column() -> None:
    with pytest.raises(BatchInputError) as raised:
        parse_periods("år", ["2019", None])
    assert str(raised.value) == "column 'år' has empty periods; every row needs one"


@pytest.mark.parametrize(
    "cell", ["2019-13", "2019-T4", "201", "2019-1", "T1-2019x", 12019, ""], ids=repr
)
def test_a_cell_that_is_no_period_is_refused_with_the_readers_reason(cell: object) -> None:
    with pytest.raises(MalstyrningError) as reader:
        Period.parse(str(cell))
    with pytest.raises(BatchInputError) as raised:
        parse_periods("tid", ["2019", cell])
    assert str(raised.value) == f"column 'tid': {cell!r} is not a period ({reader.value})"
    assert raised.value.__cause__ is None


@pytest.mark.parametrize(
    "cell", ["2019-03-01/2019-12-31", "2019-01-01/2020-12-31", "2019-01-02..2019-01-31"]
)
def test_a_range_that_is_no_calendar_period_is_refused(cell: str) -> None:
    with pytest.raises(BatchInputError) as raised:
        parse_periods("tid", [cell])
    assert str(raised.value) == (
        f"column 'tid': {cell!r} is not a period (batch evaluation needs calendar periods: "
        "years, halves, tertials, quarters or months)"
    )
