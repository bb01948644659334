"""The public strategies themselves: valid values, eager option checks, from_type, shrinking."""

import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from malstyrning import (
    TRAFFIC_LIGHT,
    Achievement,
    Activity,
    Assignment,
    Goal,
    Indicator,
    Measurement,
    Period,
    Plan,
    Scale,
    YesNoMeasure,
    evaluate,
    examples,
)
from malstyrning import testing as mt
from malstyrning.periods import PeriodKind
from malstyrning.revisions import Revision
from malstyrning.rules import (
    Change,
    Comparison,
    Composite,
    Direction,
    Maintain,
    RelativeToReference,
    SeriesTarget,
    Threshold,
    Tolerance,
    Trajectory,
    YesNo,
    iter_rules,
    rule_direction,
)


def test_importing_the_core_never_imports_hypothesis():
    code = (
        "import sys, malstyrning, malstyrning.io, malstyrning.evaluation, malstyrning.cli; "
        "print('hypothesis' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    "make",
    [
        lambda: mt.numbers(min_value=5, max_value=1),
        lambda: mt.numbers(places=-1),
        lambda: mt.years(min_year=2030, max_year=2020),
        lambda: mt.years(min_year=0),
        lambda: mt.periods(kinds=PeriodKind.YEAR),
        lambda: mt.periods(min_year=2041, max_year=2040),
        lambda: mt.tolerances(relative=True),
        lambda: mt.thresholds(values=Decimal(1)),
        lambda: mt.target_rules(directions=Direction.HIGHER_IS_BETTER),
        lambda: mt.target_rules(types=[]),
        lambda: mt.target_rules(types=[YesNo]),
        lambda: mt.target_rules(types=[SeriesTarget]),
        lambda: mt.target_rules(types=[RelativeToReference]),
        lambda: mt.target_rules(series="women"),
        lambda: mt.target_rules(max_parts=0),
        lambda: mt.measurements(values=Decimal(1)),
        lambda: mt.measurements(near=YesNo()),
        lambda: mt.indicators(min_size=3, max_size=2),
        lambda: mt.indicators(rules=Threshold(comparison=Comparison.AT_LEAST, value=1)),
        lambda: mt.yes_no_measures(max_size=-1),
        lambda: mt.assignments(statuses="green"),
        lambda: mt.activities(min_size=2, max_size=1),
        lambda: mt.scales(min_size=0),
        lambda: mt.scales(max_size=99),
        lambda: mt.plans(min_goals=0),
        lambda: mt.plans(min_goals=3, max_goals=2),
        lambda: mt.plans(max_depth=0),
        lambda: mt.plans(min_leaves=4, max_leaves=3),
        lambda: mt.plans(leaves=[]),
        lambda: mt.plans(scales=TRAFFIC_LIGHT),
        lambda: mt.values_near(YesNo()),
        lambda: mt.values_near(Change.increase(Period("2018"))),
        lambda: mt.values_near(
            RelativeToReference(reference="riket", comparison=Comparison.AT_MOST)
        ),
        lambda: mt.boundary_points(Maintain(level=1), places=-2),
        lambda: mt.revisions("plan"),
        lambda: mt.revisions(examples.load("vasternorrland-2022"), min_size=0),
        lambda: mt.revisions(examples.load("vasternorrland-2022"), bodies="HSN"),
    ],
)
def test_bad_options_fail_at_once_with_invalid_argument(make):
    # Raised when the strategy is defined, not at the first draw: no .example() needed.
    with pytest.raises(InvalidArgument):
        make()


@pytest.mark.parametrize(
    "cls",
    [
        Period,
        Tolerance,
        Threshold,
        Change,
        Maintain,
        Trajectory,
        Composite,
        SeriesTarget,
        RelativeToReference,
        YesNo,
        Measurement,
        Indicator,
        YesNoMeasure,
        Assignment,
        Activity,
        Scale,
        Plan,
        Goal,
        Revision,
    ],
)
def test_from_type_works_for_every_domain_type(cls):
    @given(st.from_type(cls))
    def check(value):
        assert isinstance(value, cls)

    check()


@given(
    plan=mt.plans(max_depth=3, max_goals=3, max_leaves=3),
)
def test_generated_plans_are_valid_and_well_formed(plan):
    ids = [node.id for node in plan.walk()]
    assert len(ids) == len(set(ids))
    keys = [level.key for level in plan.levels]
    assert len(keys) <= 3
    for node in plan.walk():
        if isinstance(node, Goal):
            assert node.level == keys[plan.depth(node.id)]
            assert sum(1 for c in node.children if not isinstance(c, Goal)) <= 3
        for judgement in node.judgements:
            assert plan.validity.overlaps(judgement.period)
        if isinstance(node, Assignment | Activity):
            assert all(plan.validity.overlaps(report.period) for report in node.reports)
        if isinstance(node, Indicator) and node.target is not None:
            for rule in iter_rules(node.target):
                stated = rule_direction(rule)
                assert stated is None or stated is node.direction
                unit = getattr(rule, "unit", None)
                assert unit is None or unit == node.unit
            for series in node.series:
                periods = [m.period for m in series.measurements]
                assert len(periods) == len(set(periods))
    # A generated plan always evaluates, for any period.
    assert len(evaluate(plan, period=plan.validity)) == len(plan)


@given(
    plan=mt.plans(
        min_goals=2, max_goals=2, max_depth=1, min_leaves=1, max_leaves=1, scales=mt.scales()
    )
)
def test_plan_options_bound_the_shape(plan):
    assert len(plan.goals) == 2
    assert all(len(goal.children) == 1 for goal in plan.goals)
    assert plan.scale is not TRAFFIC_LIGHT


def test_plans_shrink_to_one_goal_with_a_coloured_indicator():
    def has_a_coloured_indicator(plan):
        for node in plan.walk():
            if node.kind == "indicator" and node.main_series.measurements:
                period = node.main_series.measurements[-1].period
                if evaluate(plan, period=period)[node.id].status is not None:
                    return True
        return False

    # The same search on every machine (Hypothesis derandomizes on CI machines by itself).
    search = settings(database=None, derandomize=True, max_examples=100)
    plan = find(mt.plans(), has_a_coloured_indicator, settings=search)
    # "A few nodes": one goal and the indicator that is coloured, perhaps one more beside it.
    assert len(plan) <= 3
    (goal,) = plan.goals
    assert goal.id == "g1"
    assert all(child.kind == "indicator" for child in goal.children)
    coloured = goal.children[-1]
    assert len(coloured.main_series.measurements) == 1


@given(rule=mt.target_rules(types=[Threshold, Maintain, Trajectory], tolerances=mt.tolerances()))
def test_boundary_points_sit_on_or_next_to_every_boundary(rule):
    points = mt.boundary_points(rule)
    assert list(points) == sorted(set(points))
    for part in iter_rules(rule):
        if isinstance(part, Threshold):
            assert part.value in points
        if isinstance(part, Maintain):
            assert part.level in points
        if isinstance(part, Trajectory):
            assert all(level.value in points for level in part.levels)


def test_values_near_a_change_use_the_baseline():
    rule = Change.decrease(Period("2015"), by=Decimal(10), relative=True)
    assert mt.boundary_points(rule, baseline=Decimal(200)) == (
        Decimal("179.99"),
        Decimal("180"),
        Decimal("180.01"),
    )
    # Shrinking lands on the boundary itself.
    assert find(mt.values_near(rule, baseline=Decimal(200)), lambda v: True) == Decimal(180)


def test_values_near_a_reference_rule_use_the_reference():
    rule = RelativeToReference(
        reference="riket", comparison=Comparison.AT_MOST, margin=Decimal("7.5")
    )
    assert Decimal("107.5") in mt.boundary_points(rule, reference=Decimal(100))


def test_measurements_near_a_rule_hit_the_threshold():
    rule = Threshold(comparison=Comparison.AT_LEAST, value=Decimal("4.10"))
    found = find(
        mt.measurements(near=rule, missing=st.none()), lambda m: m.value == Decimal("4.10")
    )
    assert found.value == Decimal("4.10")


@given(scale=mt.scales(min_size=1, max_size=5))
def test_generated_scales_order_the_verdicts(scale):
    assert scale.level_for(Achievement.MET) == scale.best
    assert scale.level_for(Achievement.NOT_MET) == scale.worst
    assert (
        scale.rank(scale.level_for(Achievement.MET).key)
        <= scale.rank(scale.level_for(Achievement.NEAR).key)
        <= scale.rank(scale.level_for(Achievement.NOT_MET).key)
    )
    for locale in ("sv", "en", "nb"):
        assert all(scale.label(key, locale=locale) for key in scale.keys)


@given(
    indicator=mt.indicators(
        rules=mt.target_rules(types=[Threshold], units=st.just("%")), min_size=1
    )
)
def test_a_given_rule_decides_direction_and_unit(indicator):
    assert indicator.direction is indicator.target.direction
    assert indicator.unit == "%"


@given(period=mt.periods(kinds=st.just(PeriodKind.RANGE), min_year=2019, max_year=2020))
def test_ranges_stay_inside_the_years_asked_for(period):
    assert period.kind is PeriodKind.RANGE or period.start == period.end or period.days > 0
    assert Period("2019").start <= period.start <= period.end <= Period("2020").end
