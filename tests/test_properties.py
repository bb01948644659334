"""Properties the status rules must satisfy, checked on generated rules, values and plans."""

from decimal import Decimal

import attrs
from hypothesis import assume, given
from hypothesis import strategies as st

from malstyrning import (
    TRAFFIC_LIGHT,
    Change,
    Comparison,
    Composite,
    Direction,
    Goal,
    Indicator,
    Maintain,
    Majority,
    MeanOfRanks,
    Period,
    RuleContext,
    ShareThresholds,
    Threshold,
    Trajectory,
    Worst,
    evaluate,
)
from malstyrning.evaluate import _rolled_up
from malstyrning.testing import directions, numbers, plans, target_rules, thresholds

JUDGED = Period("2023")
BASELINE_YEARS = range(2010, 2019)


def context(value, *, direction, baseline, negate=False):
    sign = -1 if negate else 1
    values = {Period.year(year): sign * baseline for year in BASELINE_YEARS}
    if value is not None:
        values[JUDGED] = sign * value
    return RuleContext.of_values({"total": values}, period=JUDGED, direction=direction)


def rank(result):
    return None if result.achievement is None else result.achievement.rank


def mirror(rule):
    """The same rule for negated values and the opposite direction."""
    if isinstance(rule, Threshold):
        return attrs.evolve(rule, comparison=rule.comparison.mirrored(), value=-rule.value)
    if isinstance(rule, Maintain):
        return attrs.evolve(rule, level=-rule.level)
    if isinstance(rule, Change):
        base = None if rule.baseline_value is None else -rule.baseline_value
        return attrs.evolve(rule, direction=rule.direction.flipped(), baseline_value=base)
    if isinstance(rule, Trajectory):
        levels = tuple(attrs.evolve(level, value=-level.value) for level in rule.levels)
        return attrs.evolve(rule, levels=levels)
    if isinstance(rule, Composite):
        return attrs.evolve(rule, rules=tuple(mirror(part) for part in rule.rules))
    raise AssertionError(rule)


@given(
    direction=directions(),
    data=st.data(),
    value=numbers(),
    improvement=numbers(min_value=0, max_value=1000),
    baseline=numbers(),
)
def test_improving_an_outcome_never_worsens_its_status(
    direction, data, value, improvement, baseline
):
    rule = data.draw(target_rules(direction=direction))
    before = rule.judge(context(value, direction=direction, baseline=baseline))
    better = value + direction.sign * improvement
    after = rule.judge(context(better, direction=direction, baseline=baseline))
    assert rank(before) is not None
    assert rank(after) <= rank(before)


@given(direction=directions(), data=st.data(), value=numbers(), baseline=numbers())
def test_flipping_direction_and_mirroring_values_mirrors_the_status(
    direction, data, value, baseline
):
    rule = data.draw(target_rules(direction=direction))
    original = rule.judge(context(value, direction=direction, baseline=baseline))
    flipped = mirror(rule).judge(
        context(value, direction=direction.flipped(), baseline=baseline, negate=True)
    )
    assert original.outcome == flipped.outcome
    if original.gap is not None:
        assert flipped.gap == original.gap


@given(rule=thresholds(tolerances=st.none()))
def test_a_value_on_the_threshold_follows_the_stated_inclusivity(rule):
    on = rule.judge(context(rule.value, direction=rule.direction, baseline=Decimal(0)))
    assert (on.achievement.rank == 0) is rule.comparison.inclusive


@given(rule=thresholds())
def test_a_value_on_the_threshold_is_met_or_in_the_band_never_skipped(rule):
    result = rule.judge(context(rule.value, direction=rule.direction, baseline=Decimal(0)))
    if rule.comparison.inclusive:
        assert result.achievement.rank == 0
    elif rule.tolerance is not None:
        assert result.achievement.rank == 1
    else:
        assert result.achievement.rank == 2


@given(direction=directions(), data=st.data(), baseline=numbers())
def test_missing_data_is_never_coloured(direction, data, baseline):
    rule = data.draw(target_rules(direction=direction))
    result = rule.judge(context(None, direction=direction, baseline=baseline))
    assert result.achievement is None
    assert result.not_assessed is not None


@given(plan=plans(), year=st.integers(2008, 2027))
def test_plans_never_colour_a_missing_outcome(plan, year):
    period = Period.year(year)
    evaluation = evaluate(plan, period=period)
    for node in plan.walk():
        assessment = evaluation[node.id]
        if isinstance(node, Indicator):
            measurement = node.main_series.get(period)
            if measurement is None or measurement.value is None:
                assert assessment.status is None
                assert assessment.not_assessed is not None
        if isinstance(node, Goal):
            children = [evaluation[child.id].status for child in node.children]
            if all(status is None for status in children):
                assert assessment.status is None


POLICIES = st.sampled_from(
    [
        Worst(),
        Majority(),
        MeanOfRanks(),
        ShareThresholds({"green": Decimal("0.75"), "yellow": Decimal("0.5")}),
        ShareThresholds({"green": Decimal("0.1")}),
    ]
)


@given(ranks=st.lists(st.integers(0, 2), min_size=1, max_size=20), policy=POLICIES)
def test_rollup_stays_between_best_and_worst_child(ranks, policy):
    result = _rolled_up(policy, ranks, TRAFFIC_LIGHT)
    assert min(ranks) <= result <= max(ranks)


@given(plan=plans(max_depth=3), year=st.integers(2010, 2025), policy=POLICIES)
def test_plan_rollups_are_bounded_by_their_children(plan, year, policy):
    evaluation = evaluate(plan, period=Period.year(year), rollup=policy)
    scale = plan.scale
    for node in plan.walk():
        if not isinstance(node, Goal):
            continue
        statuses = [evaluation[c.id].status for c in node.children]
        ranks = [scale.rank(s) for s in statuses if s is not None]
        status = evaluation[node.id].status
        if ranks:
            assert min(ranks) <= scale.rank(status) <= max(ranks)
        else:
            assert status is None


@given(
    rule=thresholds(comparisons=st.sampled_from([Comparison.AT_LEAST, Comparison.MORE_THAN])),
    value=numbers(),
)
def test_higher_is_better_thresholds_agree_with_direction(rule, value):
    assume(rule.direction is Direction.HIGHER_IS_BETTER)
    lower = rule.judge(context(value - 1, direction=rule.direction, baseline=Decimal(0)))
    higher = rule.judge(context(value + 1, direction=rule.direction, baseline=Decimal(0)))
    assert rank(higher) <= rank(lower)
