from datetime import date

import pytest
from hypothesis import given

from _plans import indicator, plan_of
from malstyrning import (
    Assignment,
    InvalidPeriod,
    MalstyrningError,
    Measurement,
    NotAssessedReason,
    Period,
    Report,
    YesNoMeasure,
)
from malstyrning.evaluation import default_period
from malstyrning.periods import PeriodKind
from malstyrning.testing import periods


@pytest.mark.parametrize(
    ("text", "canonical", "start", "end", "kind"),
    [
        ("2019", "2019", date(2019, 1, 1), date(2019, 12, 31), PeriodKind.YEAR),
        ("2019-T1", "2019-T1", date(2019, 1, 1), date(2019, 4, 30), PeriodKind.TERTIAL),
        ("T1 2019", "2019-T1", date(2019, 1, 1), date(2019, 4, 30), PeriodKind.TERTIAL),
        ("t2 2019", "2019-T2", date(2019, 5, 1), date(2019, 8, 31), PeriodKind.TERTIAL),
        ("2019-T3", "2019-T3", date(2019, 9, 1), date(2019, 12, 31), PeriodKind.TERTIAL),
        ("2019-H2", "2019-H2", date(2019, 7, 1), date(2019, 12, 31), PeriodKind.HALF),
        ("2019-Q3", "2019-Q3", date(2019, 7, 1), date(2019, 9, 30), PeriodKind.QUARTER),
        ("Q3 2019", "2019-Q3", date(2019, 7, 1), date(2019, 9, 30), PeriodKind.QUARTER),
        ("2019-05", "2019-05", date(2019, 5, 1), date(2019, 5, 31), PeriodKind.MONTH),
        ("2020-02", "2020-02", date(2020, 2, 1), date(2020, 2, 29), PeriodKind.MONTH),
        (
            "2019-03-01/2019-12-31",
            "2019-03-01/2019-12-31",
            date(2019, 3, 1),
            date(2019, 12, 31),
            PeriodKind.RANGE,
        ),
        (
            "2019-01-01/2019-04-30",
            "2019-T1",
            date(2019, 1, 1),
            date(2019, 4, 30),
            PeriodKind.TERTIAL,
        ),
        (
            "2022-01-01--2024-12-31",
            "2022-01-01/2024-12-31",
            date(2022, 1, 1),
            date(2024, 12, 31),
            PeriodKind.RANGE,
        ),
    ],
)
def test_parse_and_format(text, canonical, start, end, kind):
    period = Period(text)
    assert (period.format(), period.start, period.end, period.kind) == (canonical, start, end, kind)
    assert repr(period) == f"Period({canonical!r})"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "19",
        "2019-T4",
        "2019-T0",
        "2019-Q5",
        "2019-H3",
        "2019-13",
        "T 2019",
        "2019-T",
        "2019-12-31/2019-01-01",
        "2019-02-30/2019-03-01",
        "tertial 1",
        "20190",
        "2019/2020",
    ],
)
def test_bad_text_names_the_text(text):
    with pytest.raises(InvalidPeriod) as raised:
        Period.parse(text)
    assert repr(text) in str(raised.value)


def test_relations():
    t1 = Period("2019-T1")
    assert t1.previous() == Period("2018-T3")
    assert t1.next() == Period("2019-T2")
    assert Period("2019-12").next() == Period("2020-01")
    assert Period("2019").previous() == Period("2018")
    assert t1 in Period("2019")
    assert Period("2019") not in t1
    assert date(2019, 4, 30) in t1
    assert date(2019, 5, 1) not in t1
    assert Period("2019-Q2").overlaps(t1)
    assert not Period("2019-T2").overlaps(t1)
    assert sorted([Period("2019-T2"), Period("2019"), Period("2019-T1")]) == [
        Period("2019-T1"),
        Period("2019"),
        Period("2019-T2"),
    ]


def test_range_shift_keeps_length():
    period = Period("2019-03-01/2019-03-10")
    assert period.previous() == Period("2019-02-19/2019-02-28")
    assert period.next().days == period.days


def test_years_until():
    assert Period("2019").years_until(Period("2022")) == 3.0
    assert Period("2019-T1").years_until(Period("2019-T3")) == pytest.approx(8 / 12)


def test_constructor_errors():
    with pytest.raises(TypeError):
        Period(2019)  # type: ignore[call-overload]
    with pytest.raises(InvalidPeriod):
        Period(date(2019, 5, 1), date(2019, 4, 1))


@given(periods())
def test_text_round_trip(period):
    assert Period.parse(period.format()) == period
    assert Period.parse(str(period)).kind is period.kind


@given(periods())
def test_previous_and_next_are_inverse(period):
    assert period.previous().next() == period
    assert period.previous() < period
    assert period.previous().end < period.start
    assert period.kind is period.previous().kind


@given(periods(), periods())
def test_order_is_total_and_consistent(first, second):
    assert (first < second) + (first == second) + (first > second) == 1
    if first.contains(second) and second.contains(first):
        assert first == second


def test_the_default_period_is_the_reporting_period_or_the_latest_outcome():
    values = (
        Measurement(period=Period("2019"), value=2),
        Measurement(period=Period("2018"), value=1),
    )
    assert default_period(plan_of(indicator("i", values))) == Period("2019")
    reported = plan_of(indicator("i", values), reporting_period=Period("2019-T1"))
    assert default_period(reported) == Period("2019-T1")


def test_the_default_period_ignores_missing_outcomes_and_prefers_the_shorter_period():
    measurements = (
        Measurement(period=Period("2019"), value=2),
        Measurement(period=Period("2019-T3"), value=2),
        Measurement(period=Period("2020"), missing=NotAssessedReason.MEASURED_LATER),
    )
    assert default_period(plan_of(indicator("i", measurements))) == Period("2019-T3")
    answers = (
        Measurement(period=Period("2018"), value=True),
        Measurement(period=Period("2020"), missing=NotAssessedReason.TOO_EARLY),
    )
    measure = YesNoMeasure(id="m", title="M", measurements=answers)
    assert default_period(plan_of(measure)) == Period("2018")
    task = Assignment(id="a", title="A", reports=(Report(period=Period("2019-T2")),))
    assert default_period(plan_of(task)) == Period("2019-T2")


def test_without_outcomes_the_default_period_must_be_named():
    with pytest.raises(MalstyrningError, match=r"name the period to assess \(e\.g\. --period"):
        default_period(plan_of(indicator("i", ())))


def test_the_default_period_is_the_one_ending_last_not_the_one_starting_last():
    # 2019-T2 starts after 2019 but the year's outcome is the later one.
    measurements = (
        Measurement(period=Period("2019-T2"), value=2),
        Measurement(period=Period("2019"), value=2),
    )
    assert default_period(plan_of(indicator("i", measurements))) == Period("2019")


def test_without_outcomes_the_default_period_error_gives_an_example():
    with pytest.raises(MalstyrningError) as raised:
        default_period(plan_of(indicator("i", ())))
    assert str(raised.value) == (
        "plan 'p' has no reporting period and no outcomes; name the period to assess "
        "(e.g. --period 2019-T1)"
    )
