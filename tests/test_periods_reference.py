"""Period arithmetic against a plain reference built on ``datetime``, and the exact errors.

The reference below knows nothing of the library's internals: a calendar period is a number
of months starting on the first of a month, a range is a number of days. Every relation the
library offers (shift, contains, overlaps, years_until, kind, index, days) is checked against
it, at the year, tertial and month edges as well as on generated periods.
"""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from malstyrning import InvalidPeriod, Period
from malstyrning.periods import PeriodKind, _parse_cached
from malstyrning.testing import periods


@pytest.fixture(autouse=True)
def _read_every_text_afresh():
    # Period texts are cached; a text read while the tests were collected must be read again
    # here, or these tests would check the cache rather than the reading.
    _parse_cached.cache_clear()


# Months per calendar kind, as a person counts them.
MONTHS = {
    PeriodKind.YEAR: 12,
    PeriodKind.HALF: 6,
    PeriodKind.TERTIAL: 4,
    PeriodKind.QUARTER: 3,
    PeriodKind.MONTH: 1,
}


def month_end(year, month):
    following = date(year + (month == 12), month % 12 + 1, 1)
    return following - timedelta(days=1)


def months_later(day, months):
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def reference_shift(period, steps):
    if period.kind is PeriodKind.RANGE:
        length = (period.end - period.start).days + 1
        start = period.start + timedelta(days=length * steps)
        return start, start + timedelta(days=length - 1)
    months = MONTHS[period.kind]
    start = months_later(period.start, months * steps)
    last = months_later(start, months - 1)
    return start, month_end(last.year, last.month)


def reference_kind(start, end):
    if start.day != 1 or end != month_end(end.year, end.month) or start.year != end.year:
        return PeriodKind.RANGE
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    for kind, length in MONTHS.items():
        if length == months and (start.month - 1) % months == 0:
            return kind
    return PeriodKind.RANGE


def day_pairs(min_year=1990, max_year=2050):
    days = st.dates(date(min_year, 1, 1), date(max_year, 12, 31))
    return st.tuples(days, days).map(sorted)


@given(periods(min_year=1990, max_year=2050), st.integers(-40, 40))
def test_shift_agrees_with_the_reference(period, steps):
    start, end = reference_shift(period, steps)
    shifted = period.shift(steps)
    assert (shifted.start, shifted.end) == (start, end)
    assert shifted.kind is period.kind or period.kind is PeriodKind.RANGE
    assert shifted.days == (end - start).days + 1


@given(periods(min_year=1990, max_year=2050), st.integers(-40, 40))
def test_shift_back_returns_the_period(period, steps):
    assert period.shift(steps).shift(-steps) == period


@given(periods(min_year=1990, max_year=2050))
def test_next_and_previous_are_one_step(period):
    assert period.next() == period.shift(1)
    assert period.previous() == period.shift(-1)
    assert period.next().start > period.end or period.kind is PeriodKind.RANGE
    if period.kind is not PeriodKind.RANGE:
        # Calendar periods tile the calendar: the next one starts the day after this ends.
        assert period.next().start == period.end + timedelta(days=1)
        assert period.previous().end == period.start - timedelta(days=1)


@given(day_pairs())
def test_kind_index_and_days_follow_from_the_dates(pair):
    start, end = pair
    period = Period(start, end)
    kind = reference_kind(start, end)
    assert period.kind is kind
    assert period.days == (end - start).days + 1
    if kind is PeriodKind.RANGE:
        assert period.index == 1
        assert period.format() == f"{start.isoformat()}/{end.isoformat()}"
    else:
        assert period.index == (start.month - 1) // MONTHS[kind] + 1
    assert Period.parse(period.format()) == period


@given(periods(min_year=1990, max_year=2050), periods(min_year=1990, max_year=2050))
def test_contains_and_overlaps_agree_with_day_sets(first, second):
    inside = first.start <= second.start and second.end <= first.end
    shared = max(first.start, second.start) <= min(first.end, second.end)
    assert first.contains(second) is inside
    assert (second in first) is inside
    assert first.overlaps(second) is shared
    assert second.overlaps(first) is shared


@given(periods(min_year=1990, max_year=2050), st.dates(date(1989, 1, 1), date(2051, 12, 31)))
def test_contains_a_day_exactly_when_it_lies_between_the_ends(period, day):
    assert period.contains(day) is (period.start <= day <= period.end)
    assert (day in period) is (period.start <= day <= period.end)


@given(periods(min_year=1990, max_year=2050), periods(min_year=1990, max_year=2050))
def test_years_until_counts_months_or_days(first, second):
    if PeriodKind.RANGE in (first.kind, second.kind):
        expected = (second.end - first.end).days / 365.25
    else:
        months = (second.end.year - first.end.year) * 12 + second.end.month - first.end.month
        expected = months / 12
    assert first.years_until(second) == expected


@pytest.mark.parametrize(
    ("period", "steps", "expected"),
    [
        ("2019-T3", 1, "2020-T1"),
        ("2020-T1", -1, "2019-T3"),
        ("2019-12", 1, "2020-01"),
        ("2020-01", -1, "2019-12"),
        ("2019-Q4", 1, "2020-Q1"),
        ("2019-H2", 1, "2020-H1"),
        ("2019-T2", 3, "2020-T2"),
        ("2019-T2", -3, "2018-T2"),
        ("2019-T1", 0, "2019-T1"),
        ("2019-05", 12, "2020-05"),
        ("2020-02", 12, "2021-02"),
    ],
)
def test_shift_across_year_edges(period, steps, expected):
    assert Period(period).shift(steps) == Period(expected)


def test_a_range_shifts_by_its_own_length_across_a_leap_day():
    period = Period("2020-02-28/2020-03-01")
    assert period.days == 3
    assert period.next() == Period("2020-03-02/2020-03-04")
    assert period.previous() == Period("2020-02-25/2020-02-27")


def test_years_until_for_ranges_counts_julian_years():
    first = Period("2019-01-01/2019-06-29")
    assert first.years_until(Period("2020")) == 551 / 365.25
    assert Period("2019-T1").years_until(Period("2018-T1")) == -1.0


def test_months_are_tiled_by_their_own_lengths():
    assert Period("2019-02").end == date(2019, 2, 28)
    assert Period("2020-02").end == date(2020, 2, 29)
    assert Period("2019-04").end == date(2019, 4, 30)
    assert Period("2019-T2").days == 31 + 30 + 31 + 31


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2019, 2, 1), date(2019, 5, 31)),  # four months, but not a tertial's months
        (date(2019, 1, 1), date(2019, 2, 28)),  # two months: no kind spans two
        (date(2019, 1, 2), date(2019, 4, 30)),  # does not start on the first
        (date(2019, 1, 1), date(2019, 4, 29)),  # does not end on a month's last day
        (date(2019, 9, 1), date(2020, 4, 30)),  # crosses a year
        (date(2019, 11, 1), date(2020, 2, 29)),  # four months across a year
    ],
)
def test_spans_that_are_no_calendar_period_are_ranges(start, end):
    period = Period(start, end)
    assert period.kind is PeriodKind.RANGE
    assert period.index == 1
    assert repr(period) == f"Period('{start.isoformat()}/{end.isoformat()}')"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  2019-T1  ", "2019-T1"),
        ("2019 - T 1", "2019-T1"),
        ("2019T1", "2019-T1"),
        ("t1-2019", "2019-T1"),
        ("T1/2019", "2019-T1"),
        ("T12019", "2019-T1"),
        ("h2 2019", "2019-H2"),
        ("2019-q4", "2019-Q4"),
        ("2019-03-01..2019-12-31", "2019-03-01/2019-12-31"),
        ("2019-03-01 / 2019-12-31", "2019-03-01/2019-12-31"),
        ("2019-01-01/2019-12-31", "2019"),
        ("2019-07-01/2019-12-31", "2019-H2"),
        ("2019-07-01/2019-09-30", "2019-Q3"),
        ("2019-07-01/2019-07-31", "2019-07"),
    ],
)
def test_every_documented_form_reads(text, expected):
    assert Period.parse(text).format() == expected


EXPECTED = (
    "expected e.g. '2019', '2019-T1', 'T1 2019', '2019-H1', '2019-Q3', '2019-05' "
    "or '2019-03-01/2019-12-31'"
)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("2019-T4", "a year has tertials T1-T3"),
        ("2019-T0", "a year has tertials T1-T3"),
        ("2019-H3", "a year has half-years H1-H2"),
        ("Q5 2019", "a year has quarters Q1-Q4"),
        ("2019-q5", "a year has quarters Q1-Q4"),
        ("2019-13", "a year has months 01-12"),
        ("2019-00", "a year has months 01-12"),
        ("2019-13 ", "a year has months 01-12"),
        ("2019-02-30/2019-03-31", "day is out of range for month"),
        (
            "2019-05-01/2019-04-01",
            "a period ends on or after its start (got start 2019-05-01, end 2019-04-01)",
        ),
    ],
)
def test_near_misses_name_the_text_and_the_reason(text, why):
    with pytest.raises(InvalidPeriod) as raised:
        Period.parse(text)
    assert str(raised.value) == f"unknown period {text!r}: {why} ({EXPECTED})"


@pytest.mark.parametrize("text", ["19", "20190", "2019-T", "2019-1", "2019-Y1", "", "T1", "2019-5"])
def test_unknown_forms_name_the_text_and_the_forms_expected(text):
    with pytest.raises(InvalidPeriod) as raised:
        Period.parse(text)
    assert str(raised.value) == f"unknown period {text!r} ({EXPECTED})"


def test_years_outside_the_calendar_are_named():
    with pytest.raises(InvalidPeriod) as raised:
        Period.year(0)
    assert str(raised.value) == "year 0 is outside 1-9999"
    with pytest.raises(InvalidPeriod) as raised:
        Period.tertial(10000, 1)
    assert str(raised.value) == "year 10000 is outside 1-9999"
    assert Period.year(1).start == date(1, 1, 1)
    assert Period.month(9999, 12).end == date(9999, 12, 31)


@pytest.mark.parametrize(
    ("period", "steps", "message"),
    [
        ("9999-T3", 1, "the period +1 steps from 9999-T3 is outside 1-9999"),
        ("0001", -1, "the period -1 steps from 0001 is outside 1-9999"),
        ("9999-12", 1, "the period +1 steps from 9999-12 is outside 1-9999"),
        (
            "9999-12-20/9999-12-31",
            1,
            "the period +1 steps from 9999-12-20/9999-12-31 is outside 1-9999",
        ),
        (
            "0001-01-01/0001-01-10",
            -1,
            "the period -1 steps from 0001-01-01/0001-01-10 is outside 1-9999",
        ),
    ],
)
def test_shifting_off_the_calendar_says_where(period, steps, message):
    with pytest.raises(InvalidPeriod) as raised:
        Period(period).shift(steps)
    assert str(raised.value) == message


def test_the_last_periods_of_the_calendar_still_shift_back():
    assert Period("9999-T3").previous() == Period("9999-T2")
    assert Period("0001-T1").next() == Period("0001-T2")


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Period.tertial(2019, 4), "unknown period '2019-T4': a year has tertials T1-T3"),
        (lambda: Period.half(2019, 0), "unknown period '2019-H0': a year has half-years H1-H2"),
        (lambda: Period.quarter(2019, 5), "unknown period '2019-Q5': a year has quarters Q1-Q4"),
        (lambda: Period.month(2019, 13), "unknown period '2019-13': a year has months 01-12"),
        (lambda: Period.month(2019, 0), "unknown period '2019-00': a year has months 01-12"),
    ],
)
def test_named_constructors_name_the_period_they_were_asked_for(build, message):
    with pytest.raises(InvalidPeriod) as raised:
        build()
    assert str(raised.value) == f"{message} ({EXPECTED})"


def test_distinct_periods_hash_apart():
    hashes = {hash(Period(text)) for text in ("2019", "2020", "2019-T1", "2019-T2", "2019-05")}
    assert len(hashes) == 5


def test_constructor_misuse_says_what_it_takes():
    with pytest.raises(TypeError) as raised:
        Period(2019)  # type: ignore[call-overload]
    assert str(raised.value) == (
        "Period() takes a text such as '2019-T1' or two dates (start, end); got 2019, None"
    )
    with pytest.raises(TypeError) as raised:
        Period("2019", date(2019, 1, 1))  # type: ignore[call-overload]
    assert str(raised.value) == "Period(text) takes no end date"
    with pytest.raises(TypeError) as raised:
        Period(date(2019, 1, 1))  # type: ignore[call-overload]
    assert str(raised.value) == (
        "Period() takes a text such as '2019-T1' or two dates (start, end); "
        "got datetime.date(2019, 1, 1), None"
    )
    with pytest.raises(InvalidPeriod) as raised:
        Period.parse(2019)  # type: ignore[arg-type]
    assert str(raised.value) == "a period is a text such as '2019-T1' (got 2019)"


def test_a_date_subclass_becomes_a_plain_date():
    class Day(date):
        pass

    period = Period(Day(2019, 1, 1), Day(2019, 4, 30))
    assert type(period.start) is date
    assert type(period.end) is date
    assert period == Period("2019-T1")
    assert hash(period) == hash(Period("2019-T1"))


def test_contains_takes_a_date_subclass_and_refuses_other_things():
    class Day(date):
        pass

    assert Period("2019-T1").contains(Day(2019, 4, 30))
    assert "2019-T1" not in Period("2019")
    assert 2019 not in Period("2019")


def test_periods_pickle_by_their_dates():
    import pickle

    period = Period("2019-T2")
    again = pickle.loads(pickle.dumps(period))
    assert again == period
    assert again.kind is PeriodKind.TERTIAL
    assert hash(again) == hash(period)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (
            "２０１９",
            (
                "it holds FULLWIDTH DIGIT TWO (U+FF12) at position 1; write periods with digits in "
                "ASCII 0-9"
            ),
        ),
        (
            "2019-T\u0661",
            (
                "it holds ARABIC-INDIC DIGIT ONE (U+0661) at position 7; write periods with digits "
                "in ASCII 0-9"
            ),
        ),
        (
            "2019\u2013T1",
            "it holds EN DASH (U+2013) at position 5; write periods with ASCII characters only",
        ),
        (
            "2019\u2028",
            (
                "it holds LINE SEPARATOR (U+2028) at position 5; write periods with ASCII "
                "characters only"
            ),
        ),
        ("2019-T1\n", "it holds a line break or control character (U+000A) at position 8"),
        ("2019\x0b", "it holds a line break or control character (U+000B) at position 5"),
    ],
)
def test_periods_are_written_in_ascii_and_the_foreign_character_is_named(text, why):
    with pytest.raises(InvalidPeriod) as raised:
        Period.parse(text)
    assert str(raised.value) == f"unknown period {text!r}: {why} ({EXPECTED})"


def test_blanks_and_tabs_around_a_period_are_allowed():
    assert Period.parse("\t2019-T1 ") == Period("2019-T1")


def test_a_field_checked_as_a_period_names_itself_and_what_it_got():
    import attrs

    from malstyrning.periods import check_period, coerce_period

    @attrs.frozen
    class Dated:
        period: Period = attrs.field(converter=coerce_period, validator=check_period)

    assert Dated("2019-T2").period == Period("2019-T2")
    with pytest.raises(TypeError) as raised:
        Dated(2.5)
    assert str(raised.value) == (
        "period must be a Period or a period text such as '2019-T1' (got 2.5, float)"
    )
    with pytest.raises(TypeError) as raised:
        Dated([1] * 40)
    shown = repr([1] * 40)[:57] + "..."
    assert str(raised.value) == (
        f"period must be a Period or a period text such as '2019-T1' (got {shown}, list)"
    )


def test_a_character_without_a_name_is_named_by_its_code_point():
    with pytest.raises(InvalidPeriod) as raised:
        Period.parse("2019\ue000")
    assert "it holds unnamed character (U+E000) at position 5" in str(raised.value)


def test_a_long_value_is_shown_up_to_sixty_characters():
    import attrs

    from malstyrning.periods import check_period

    @attrs.frozen
    class Dated:
        period: Period = attrs.field(validator=check_period)

    with pytest.raises(TypeError) as raised:
        Dated(b"x" * 57)  # its repr is sixty characters: shown whole
    assert f"(got {b'x' * 57!r}, bytes)" in str(raised.value)
    with pytest.raises(TypeError) as raised:
        Dated(b"x" * 58)
    assert f"(got {repr(b'x' * 58)[:57]}..., bytes)" in str(raised.value)
