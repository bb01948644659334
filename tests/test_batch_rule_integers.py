"""Rules as the scaled integers batch evaluation compares (``malstyrning._batch_rules``).

Pins the integer form each rule kind becomes (the slot of every bound: sign, factor ``k``,
the target ``R = rc + rb*b + ra*|b|``, the tolerance band ``-M*td <= ta + |R|*tr``), the
overflow bound that decides when ``places`` must shrink, the cut-offs of "met" and "near",
the items a nested rule is flattened into, and the rules batch evaluation refuses. The
column engine reads nothing else, so these numbers are what its verdicts rest on; the
verdicts themselves are pinned against the scalar evaluator in tests/test_batch.py.
"""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any, ClassVar

import attrs
import pytest

from malstyrning._batch_rules import (
    _INT64_LIMIT,
    _ceil,
    _decimals,
    _Item,
    _Slot,
    _slots,
    _spec,
    _stated_direction,
    parse_periods,
)
from malstyrning.batch import BatchInputError, UnsupportedRule
from malstyrning.i18n import Message
from malstyrning.periods import Period
from malstyrning.rules import (
    Change,
    Comparison,
    Composite,
    CompositeMode,
    Direction,
    RelativeToReference,
    SeriesTarget,
    TargetLevel,
    Threshold,
    Tolerance,
    Trajectory,
    YesNo,
)
from malstyrning.rules._base import Anchor, Bound, Demand, Rule

UP, DOWN = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER
YEAR = Period("2019")


def slots_of(rule: Rule, places: int = 4, direction: Direction | None = None) -> list[_Slot]:
    demand = rule.demand(YEAR, direction)
    assert demand is not None
    return _slots(demand, places)


# -- thresholds ---------------------------------------------------------------------------


def test_a_threshold_with_an_absolute_tolerance() -> None:
    rule = Threshold(
        comparison=Comparison.AT_LEAST, value=D("4.10"), tolerance=Tolerance(D("0.01"))
    )
    # 0.01 is 1/100: td 100, ta 1 scaled (10**4); near from a margin of -0.01 (-100 scaled).
    [slot] = slots_of(rule)
    assert slot == _Slot(kind=1, sign=1, k=1, rc=41000, inclusive=True, td=100, ta=10000, tr=0)
    assert (slot.met_from, slot.near_from, slot.band_reads_baseline) == (0, -100, False)


def test_a_strict_threshold_with_a_relative_tolerance() -> None:
    rule = Threshold(
        comparison=Comparison.LESS_THAN, value=D(250), tolerance=Tolerance(D(2), relative=True)
    )
    # 2 % of 250 is 5: near from a margin of -5 (-50000 scaled); met only above 0.
    [slot] = slots_of(rule)
    assert slot == _Slot(kind=1, sign=-1, k=1, rc=2500000, inclusive=False, td=100, ta=0, tr=2)
    assert (slot.met_from, slot.near_from, slot.band_reads_baseline) == (1, -50000, False)


def test_a_relative_tolerance_with_decimals_rounds_the_band_towards_near() -> None:
    rule = Threshold(
        comparison=Comparison.AT_LEAST, value=D(3), tolerance=Tolerance(D("1.5"), relative=True)
    )
    # 1.5 % of 3 is 0.045: 450 scaled. td 1000, tr 15.
    [slot] = slots_of(rule)
    assert (slot.td, slot.ta, slot.tr) == (1000, 0, 15)
    assert slot.near_from == -450
    [coarse] = slots_of(rule, places=2)  # 4.5 hundredths: a margin of -4 is near, -5 not
    assert coarse.near_from == -4


def test_a_target_finer_than_places_scales_value_and_tolerance_by_k() -> None:
    rule = Threshold(
        comparison=Comparison.MORE_THAN, value=D("4.100001"), tolerance=Tolerance(D("0.5"))
    )
    [slot] = slots_of(rule)
    # Six decimals at four places: k = 100, so values are compared as 100*v with R = 4100001.
    assert slot == _Slot(
        kind=1, sign=1, k=100, rc=4100001, inclusive=False, td=10, ta=5000000, tr=0
    )


def test_no_tolerance_means_nothing_is_near() -> None:
    [slot] = slots_of(Threshold(comparison=Comparison.AT_MOST, value=D(2)))
    assert (slot.td, slot.ta, slot.tr) == (0, -1, 0)
    assert slot.near_from == _INT64_LIMIT
    assert attrs.evolve(slot, ta=0).near_from == -_INT64_LIMIT  # a band of zero: all near


def test_a_band_is_one_slot_per_bound() -> None:
    rule = Composite(
        rules=(
            Threshold(comparison=Comparison.AT_LEAST, value=D(40)),
            Threshold(comparison=Comparison.AT_MOST, value=D(60)),
        )
    )
    spec = _spec("i", rule, None)
    assert spec.items == (
        _Item(parent=2, leaf=rule.rules[0]),
        _Item(parent=2, leaf=rule.rules[1]),
        _Item(parent=-1, need=2),
    )
    assert (spec.root, spec.gap_items) == (2, 0)


# -- anchored rules -------------------------------------------------------------------------


def test_a_relative_change_reads_its_baseline() -> None:
    rule = Change(baseline=Period("2018"), direction=DOWN, by=D(10), relative=True)
    [slot] = slots_of(rule)
    # R = -10 % of |b| + b, times k = 100: rb 100, ra -10.
    assert slot == _Slot(
        kind=1, sign=-1, k=100, rc=0, rb=100, ra=-10, baseline=Period("2018"), why="no_baseline"
    )
    assert slot.band_reads_baseline is False


def test_an_absolute_change_with_a_baseline_value_and_a_relative_band() -> None:
    rule = Change(
        baseline=Period("2015"),
        direction=UP,
        by=D("0.5"),
        baseline_value=D("4.1"),
        tolerance=Tolerance(D(2), relative=True),
    )
    [slot] = slots_of(rule)
    # amount 0.5 = 5/10: k = 1000, rc = 100*5*10**4, the baseline value 41000 scaled.
    assert slot == _Slot(
        kind=1,
        sign=1,
        k=1000,
        rc=5000000,
        rb=1000,
        ra=0,
        td=100,
        ta=0,
        tr=2,
        baseline=Period("2015"),
        why="no_baseline",
        fallback=41000,
    )
    assert slot.band_reads_baseline is True


def test_an_absolute_band_around_a_change_is_scaled_by_k() -> None:
    rule = Change(
        baseline=Period("2018"), direction=DOWN, by=D("0.4"), tolerance=Tolerance(D("0.05"))
    )
    [slot] = slots_of(rule)
    assert (slot.k, slot.td, slot.ta, slot.tr) == (1000, 100, 5 * 10**4 * 1000, 0)
    assert slot.near_from == -(5 * 10**4 * 1000 // 100)


def test_a_reference_rule_reads_the_reference_series() -> None:
    rule = RelativeToReference(reference="riket", comparison=Comparison.AT_MOST, margin=D("7.5"))
    [slot] = slots_of(rule)
    assert slot == _Slot(
        kind=1, sign=-1, k=1000, rc=0, rb=1000, ra=75, reference="riket", why="no_reference"
    )


def test_an_anchor_in_another_series_and_period_is_refused() -> None:
    bound = Bound(direction=UP, anchor=Anchor(series="riket", period=Period("2018")))
    with pytest.raises(UnsupportedRule) as raised:
        _slots(Demand(bounds=(bound,)), 4)
    assert str(raised.value) == (
        "a target measured from series 'riket' in period 2018 cannot be judged in columns; "
        "evaluate it with malstyrning.evaluate"
    )


def test_a_change_without_an_amount_is_measured_from_the_baseline_itself() -> None:
    # "lower than in 2018": the target is the baseline value, met only strictly below it.
    [slot] = slots_of(Change(baseline=Period("2018"), direction=DOWN))
    assert slot == _Slot(
        kind=1,
        sign=-1,
        k=100,
        rc=0,
        rb=100,
        ra=0,
        inclusive=False,
        baseline=Period("2018"),
        why="no_baseline",
    )
    assert slot.met_from == 1


def test_a_strict_reference_rule_stays_strict() -> None:
    rule = RelativeToReference(reference="riket", comparison=Comparison.MORE_THAN)
    [slot] = slots_of(rule)
    assert slot == _Slot(
        kind=1,
        sign=1,
        k=100,
        rc=0,
        rb=100,
        ra=0,
        inclusive=False,
        reference="riket",
        why="no_reference",
    )


def test_a_baseline_value_finer_than_places_is_refused() -> None:
    rule = Change(baseline=Period("2018"), direction=UP, by=D(1), baseline_value=D("4.125"))
    assert slots_of(rule, places=3)[0].fallback == 4125
    with pytest.raises(BatchInputError) as raised:
        slots_of(rule, places=2)
    assert str(raised.value) == (
        "the baseline value 4.125 has more than 2 decimals; pass a larger places= to evaluate_frame"
    )


def test_a_band_of_one_unit_is_scaled_by_k_at_no_places() -> None:
    # At 0 places a tolerance of 1 is ta = 1 before the factor k: it is scaled all the same.
    rule = Change(baseline=Period("2018"), direction=UP, by=D(1), tolerance=Tolerance(D(1)))
    [slot] = slots_of(rule, places=0)
    assert (slot.k, slot.rc, slot.td, slot.ta, slot.tr) == (100, 100, 1, 100, 0)
    threshold = Threshold(comparison=Comparison.AT_LEAST, value=D("4.5"), tolerance=Tolerance(D(1)))
    [slot] = slots_of(threshold, places=0)
    # 10*v compared with 45; near from 10*v - 45 >= -10, that is v >= 3.5.
    assert slot == _Slot(kind=1, sign=1, k=10, rc=45, inclusive=True, td=1, ta=10, tr=0)
    assert slot.near_from == -10


# -- yes/no, not yet due ----------------------------------------------------------------------


@pytest.mark.parametrize("expected", [True, False])
def test_yes_no_slots_carry_the_expected_answer(expected: bool) -> None:
    assert slots_of(YesNo(expected=expected)) == [_Slot(kind=2, expected=expected)]


def test_a_trajectory_before_its_first_level_is_not_yet_due() -> None:
    rule = Trajectory(levels=(TargetLevel(Period("2021"), D(5)), TargetLevel(Period("2023"), D(6))))
    demand = rule.demand(Period("2015"), UP)
    assert demand is not None
    assert demand.not_due_before is not None
    assert _slots(demand, 4) == [_Slot(kind=3)]


# -- the overflow bound -----------------------------------------------------------------------


def test_the_bound_is_the_largest_product_for_values_up_to_largest() -> None:
    slot = _Slot(kind=1, k=3, rc=-7, rb=5, ra=-2, td=4, ta=-11, tr=6)
    target = 7 + (5 + 2) * 10  # |rc| + (|rb| + |ra|) * largest
    margin = 3 * 10 + target
    assert slot.bound(10) == max(margin * 4, 11 + target * 6)
    assert attrs.evolve(slot, td=0).bound(10) == max(margin, 11 + target * 6)
    assert attrs.evolve(slot, tr=100).bound(10) == 11 + target * 100


def test_the_bound_of_the_margin_alone() -> None:
    # Without a relative band the margin times td is the largest product.
    slot = _Slot(kind=1, k=3, rc=-7, rb=5, ra=-2, td=4, ta=-11, tr=0)
    assert slot.bound(10) == (3 * 10 + 77) * 4
    assert attrs.evolve(slot, td=1).bound(10) == 3 * 10 + 77
    assert attrs.evolve(slot, td=0).bound(10) == 3 * 10 + 77
    assert attrs.evolve(slot, td=0, ta=-1, k=1, rc=0, rb=0, ra=0).bound(7) == 7


# -- rounding helpers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "ceiling"),
    [(D("1.1"), 2), (D("2.5"), 3), (D("-1.9"), -1), (D("-2.5"), -2), (D(3), 3), (D("0.01"), 1)],
    ids=str,
)
def test_ceil_rounds_towards_positive_infinity(value: D, ceiling: int) -> None:
    assert _ceil(value) == ceiling


@pytest.mark.parametrize(
    ("value", "places"),
    [
        (D("1.50"), 2),
        (D("0.001"), 3),
        (D(7), 0),
        (D("1E+3"), 0),
        (D("-2.5"), 1),
        (D("Infinity"), 0),
        (D("NaN"), 0),
    ],
    ids=str,
)
def test_decimals_counts_the_written_places(value: D, places: int) -> None:
    assert _decimals(value) == places


# -- flattening -----------------------------------------------------------------------------


def test_nested_rules_flatten_in_post_order_with_series_and_needs() -> None:
    first = Threshold(comparison=Comparison.AT_LEAST, value=D(1))
    second = Threshold(comparison=Comparison.AT_MOST, value=D(9))
    inner = Composite(rules=(first, second), mode=CompositeMode.ANY)
    rule = Composite(rules=(SeriesTarget(series="women", rule=inner), first))
    items = _spec("i", rule, UP).items
    assert items == (
        _Item(parent=2, leaf=first, series="women"),
        _Item(parent=2, leaf=second, series="women"),
        _Item(parent=4, need=1),
        _Item(parent=4, leaf=first),
        _Item(parent=-1, need=2),
    )
    spec = _spec("i", rule, UP)
    assert spec.leaves == (first, second, first)
    assert spec.series_named == {"women"}
    assert spec.by_period is False


def test_a_single_rule_is_its_own_root_and_shows_its_target() -> None:
    rule = SeriesTarget(series="men", rule=Threshold(comparison=Comparison.AT_LEAST, value=D(1)))
    spec = _spec("i", rule, UP)
    assert spec.items == (_Item(parent=-1, leaf=rule.rule, series="men"),)
    assert (spec.root, spec.gap_items) == (0, 1)
    assert _spec("i", None, UP).gap_items == 0


def test_what_needs_the_period() -> None:
    dated = Trajectory(levels=(TargetLevel(Period("2021"), D(5)),))
    assert _spec("i", dated, UP).by_period is True
    assert _spec("i", Change(baseline=Period("2018"), direction=UP), UP).by_period is True
    reference = RelativeToReference(reference="riket", comparison=Comparison.AT_MOST)
    assert _spec("i", reference, UP).by_period is False
    assert _spec("i", reference, UP).series_named == {"riket"}


def test_a_direction_is_stated_only_where_every_leaf_agrees() -> None:
    up = Threshold(comparison=Comparison.AT_LEAST, value=D(1))
    down = Threshold(comparison=Comparison.AT_MOST, value=D(9))
    assert _stated_direction(Composite(rules=(up, up))) is UP
    assert _stated_direction(Composite(rules=(up, down))) is None
    assert _stated_direction(SeriesTarget(series="women", rule=down)) is DOWN
    assert _stated_direction(None) is None


@attrs.frozen
class Unnumbered(Rule):
    """A rule with parts but no numeric description."""

    tag: ClassVar[str] = "test_unnumbered"
    inner: Rule

    @property
    def parts(self) -> tuple[Rule, ...]:
        return (self.inner,)

    def describe(self) -> Message:
        return Message.of("rule.yes_no", expected=True)

    def __str__(self) -> str:
        return "unnumbered"


@attrs.frozen
class ReadsQuietly(Rule):
    """A rule that reads a series its numeric description does not name."""

    tag: ClassVar[str] = "test_reads_quietly"

    @property
    def series_read(self) -> tuple[str, ...]:
        return ("riket",)

    def demand(self, period: Period, direction: Direction | None) -> Demand:
        return Demand(bounds=(Bound(direction=UP, target=D(1)),))

    def describe(self) -> Message:
        return Message.of("rule.yes_no", expected=True)

    def __str__(self) -> str:
        return "quiet"


@pytest.mark.parametrize(
    ("rule", "why"),
    [
        (
            Unnumbered(Threshold(comparison=Comparison.AT_LEAST, value=D(1))),
            "it has no numeric description (Rule.demand) to judge in columns",
        ),
        (ReadsQuietly(), "it reads series its numeric description does not name"),
    ],
    ids=["no-demand", "unnamed-series"],
)
def test_rules_without_a_full_numeric_description_are_refused(rule: Any, why: str) -> None:
    with pytest.raises(UnsupportedRule) as raised:
        _spec("kpi", rule, UP)
    assert str(raised.value) == (
        f"indicator 'kpi': rule {type(rule).__name__} ({rule}) cannot be judged in batch: "
        f"{why}; evaluate this indicator with malstyrning.evaluate instead"
    )


def test_periods_are_read_once_per_distinct_text() -> None:
    parsed = parse_periods("period", ["2019", 2020, "2019-Q1"])
    assert parsed == {"2019": Period("2019"), 2020: Period("2020"), "2019-Q1": Period("2019-Q1")}
