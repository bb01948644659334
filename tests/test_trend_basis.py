"""What a derived trend compares with: the previous report (the default, or named) or the
same period a year earlier, including leap Februaries and outcomes that are missing."""

from __future__ import annotations

from decimal import Decimal

from malstyrning import Goal, Indicator, Measurement, Period, Plan, PlanLevel, Series, evaluate
from malstyrning.evaluation import Trend
from malstyrning.model import Judgement, NotAssessedReason, TrendBasis
from malstyrning.rules import Comparison, Threshold


def _plan(measurements: tuple[Measurement, ...], basis: TrendBasis | None) -> Plan:
    indicator = Indicator(
        id="i",
        title="Andel",
        unit="%",
        target=Threshold(comparison=Comparison.AT_LEAST, value=Decimal(80)),
        series=(Series(key="total", measurements=measurements),),
    )
    return Plan(
        id="p",
        title="Plan",
        organisation="Region",
        validity=Period("2016-01-01/2024-12-31"),
        levels=(PlanLevel("goal", "Mål"),),
        goals=(Goal(id="g", title="Mål", level="goal", children=(indicator,)),),
        trend_basis=basis,
    )


def _outcomes(*pairs: tuple[str, int | None]) -> tuple[Measurement, ...]:
    return tuple(
        Measurement(period=Period(text), value=Decimal(value))
        if value is not None
        else Measurement(period=Period(text), missing=NotAssessedReason.MEASURED_LATER)
        for text, value in pairs
    )


def _trend(basis: TrendBasis | None, period: str, *pairs: tuple[str, int | None]) -> Trend | None:
    return evaluate(_plan(_outcomes(*pairs), basis), period=Period(period))["i"].trend


def test_the_named_previous_basis_compares_with_the_last_earlier_outcome():
    pairs = (("2018-T3", 60), ("2019-T1", 95), ("2019-T2", 70), ("2019-T3", 85))
    for basis in (TrendBasis.PREVIOUS, None):
        trend = _trend(basis, "2019-T3", *pairs)
        assert trend is not None
        assert (trend.status, trend.previous_period, trend.previous_value) == (
            "improving",
            Period("2019-T2"),
            Decimal(70),
        )


def test_the_previous_basis_without_an_earlier_outcome_gives_no_trend():
    assert _trend(TrendBasis.PREVIOUS, "2019-T1", ("2019-T1", 85), ("2019-T2", 70)) is None


def test_a_year_before_without_an_outcome_gives_no_trend():
    assert _trend(TrendBasis.YEAR_BEFORE, "2019-T2", ("2019-T1", 70), ("2019-T2", 85)) is None


def test_a_year_before_whose_outcome_is_missing_gives_no_trend():
    pairs = (("2018-T2", None), ("2019-T1", 70), ("2019-T2", 85))
    assert _trend(TrendBasis.YEAR_BEFORE, "2019-T2", *pairs) is None


def test_a_leap_february_compares_with_the_whole_february_a_year_earlier():
    trend = _trend(TrendBasis.YEAR_BEFORE, "2020-02", ("2019-02", 90), ("2020-02", 85))
    assert trend is not None
    assert (trend.status, trend.previous_period) == ("worsening", Period("2019-02"))


def test_a_period_ending_on_the_29th_of_another_month_keeps_its_days_a_year_earlier():
    earlier, now = "2018-06-01/2018-06-29", "2019-06-01/2019-06-29"
    trend = _trend(
        TrendBasis.YEAR_BEFORE, now, (earlier, 70), ("2018-06-01/2018-06-28", 90), (now, 85)
    )
    assert trend is not None
    assert (trend.status, trend.previous_period) == ("improving", Period(earlier))


def test_a_derived_trend_reads_as_its_fields():
    trend = Trend(status="improving", previous_period=Period("2019"), previous_value=Decimal(3))
    assert repr(trend) == (
        "Trend(status='improving', previous_period=Period('2019'), previous_value=Decimal('3'))"
    )


def test_a_judged_trend_reads_with_its_judgement():
    judgement = Judgement(period=Period("2019"), scale="trend", status="worsening", by="RS")
    trend = Trend(status="worsening", judgement=judgement)
    assert repr(trend) == (
        "Trend(status='worsening', previous_period=None, previous_value=None, "
        f"judgement={judgement!r})"
    )
