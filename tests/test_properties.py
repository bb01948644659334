"""Properties the status rules must satisfy, checked on generated rules, values and plans.

Every strategy comes from the public module ``malstyrning.testing``: the suite is also a test
of what users get.
"""

import itertools
from decimal import Decimal

import attrs
import pytest
from hypothesis import assume, given, note
from hypothesis import strategies as st

from malstyrning import (
    TRAFFIC_LIGHT,
    Achievement,
    Goal,
    Indicator,
    InvalidTarget,
    Measurement,
    NotAssessedReason,
    Period,
    Series,
    dumps,
    evaluate,
    loads,
)
from malstyrning.evaluation import (
    ACCELERATION_NEEDED,
    ON_TRACK,
    Majority,
    MeanOfRanks,
    ShareThresholds,
    Worst,
    _rolled_up,
    judge_pace,
)
from malstyrning.i18n import format_number
from malstyrning.pace_method import NonPositive, PaceMethod
from malstyrning.rules import (
    RULE_TYPES,
    Change,
    Comparison,
    Composite,
    Direction,
    Maintain,
    RelativeToReference,
    RuleContext,
    SeriesTarget,
    TargetLevel,
    Threshold,
    Trajectory,
    YesNo,
    iter_rules,
)
from malstyrning.testing import (
    RULE_KINDS,
    boundary_points,
    directions,
    numbers,
    plans,
    scales,
    target_rules,
    thresholds,
    tolerances,
    values_near,
)

JUDGED = Period("2023")
BASELINE_YEARS = range(2010, 2019)
JUDGED_SERIES = ("total", "women", "men")
REFERENCE = "riket"


def every_rule(direction):
    """Every numeric rule kind, per-series and reference rules included."""
    return target_rules(
        directions=st.just(direction),
        types=RULE_KINDS,
        series=("women", "men"),
        references=(REFERENCE,),
    )


def directional_rule(direction):
    """Every numeric rule kind that rewards one direction (a band rewards staying inside it)."""
    return target_rules(
        directions=st.just(direction),
        types=[kind for kind in RULE_KINDS if kind.tag != "band"],
        series=("women", "men"),
        references=(REFERENCE,),
    )


def context(value, *, direction, baseline, reference=Decimal(100), negate=False):
    """The same value for every judged series in 2023, the baseline in 2010-2018."""
    sign = -1 if negate else 1
    values = {}
    for key in JUDGED_SERIES:
        values[key] = {Period.year(year): sign * baseline for year in BASELINE_YEARS}
        if value is not None:
            values[key][JUDGED] = sign * value
    values[REFERENCE] = {JUDGED: sign * reference}
    return RuleContext.of_values(values, period=JUDGED, direction=direction)


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
    if isinstance(rule, RelativeToReference):
        return attrs.evolve(rule, comparison=rule.comparison.mirrored(), margin=-rule.margin)
    if isinstance(rule, SeriesTarget):
        return attrs.evolve(rule, rule=mirror(rule.rule))
    if isinstance(rule, Composite):
        return attrs.evolve(rule, rules=tuple(mirror(part) for part in rule.rules))
    if rule.tag == "band":
        return attrs.evolve(rule, low=-rule.high, high=-rule.low)
    raise AssertionError(rule)


def test_the_suite_covers_every_numeric_rule_type():
    # A new rule type must join the generators (and so these properties) before it ships.
    assert {kind.__name__ for kind in RULE_KINDS} == {
        kind.__name__ for kind in RULE_TYPES if kind.__name__ != "YesNo"
    }


# -- monotonicity and symmetry ------------------------------------------------------------


@given(
    direction=directions(),
    data=st.data(),
    value=numbers(),
    improvement=numbers(min_value=0, max_value=1000),
    baseline=numbers(),
    reference=numbers(),
)
def test_improving_an_outcome_never_worsens_its_status(
    *, direction, data, value, improvement, baseline, reference
):
    rule = data.draw(directional_rule(direction), label="rule")
    before = rule.judge(context(value, direction=direction, baseline=baseline, reference=reference))
    better = value + direction.sign * improvement
    after = rule.judge(context(better, direction=direction, baseline=baseline, reference=reference))
    assert rank(before) is not None
    assert rank(after) <= rank(before)
    if before.gap is not None and after.gap is not None:
        assert after.gap >= before.gap


@given(direction=directions(), data=st.data())
def test_status_is_monotone_across_the_boundaries(direction, data):
    # Walk every boundary of the rule in the good direction: the status only ever improves.
    rule = data.draw(
        target_rules(directions=st.just(direction), types=[Threshold, Maintain, Trajectory]),
        label="rule",
    )
    points = sorted(boundary_points(rule, period=JUDGED), key=lambda p: direction.sign * p)
    ranks = [
        rank(rule.judge(context(point, direction=direction, baseline=Decimal(0))))
        for point in points
    ]
    note(f"ranks along {points}: {ranks}")
    assert ranks == sorted(ranks, reverse=True)


@given(direction=directions(), data=st.data(), value=numbers(), baseline=numbers(), ref=numbers())
def test_flipping_direction_and_mirroring_values_mirrors_the_status(
    direction, data, value, baseline, ref
):
    rule = data.draw(every_rule(direction), label="rule")
    original = rule.judge(context(value, direction=direction, baseline=baseline, reference=ref))
    flipped = mirror(rule).judge(
        context(value, direction=direction.flipped(), baseline=baseline, reference=ref, negate=True)
    )
    assert original.outcome == flipped.outcome
    if original.gap is not None:
        assert flipped.gap == original.gap


# -- exact boundaries and tolerance bands ---------------------------------------------------


def expected_rank(value, *, target, direction, inclusive, width):
    """An independent statement of the verdict: met, in the band, or not met."""
    margin = (value - target) * direction.sign
    if margin > 0 or (inclusive and margin == 0):
        return 0
    if width is not None and -margin <= width:
        return 1
    return 2


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
        # The band is closed at both ends, so even an empty relative band around 0 holds
        # the target itself: 0 against "more than 0" is near, not missed.
        assert result.achievement.rank == 1
    else:
        assert result.achievement.rank == 2


@given(data=st.data(), direction=directions(), baseline=numbers())
def test_every_boundary_point_gets_exactly_the_stated_verdict(data, direction, baseline):
    rule = data.draw(
        target_rules(
            directions=st.just(direction), types=[Threshold, Maintain, Change, Trajectory]
        ),
        label="rule",
    )
    value = data.draw(values_near(rule, period=JUDGED, baseline=baseline), label="value")
    result = rule.judge(context(value, direction=direction, baseline=baseline))
    if isinstance(rule, Threshold):
        target, inclusive = rule.value, rule.comparison.inclusive
    elif isinstance(rule, Maintain):
        target, inclusive = rule.level, True
    elif isinstance(rule, Change):
        target, inclusive = rule.required(baseline), rule.by is not None
    else:
        target, inclusive = rule.target_for(JUDGED), True
    width = rule.tolerance.width(target) if rule.tolerance is not None else None
    assert result.target == target
    assert result.gap == (value - target) * direction.sign
    assert rank(result) == expected_rank(
        value, target=target, direction=direction, inclusive=inclusive, width=width
    )


@given(
    comparison=st.sampled_from(list(Comparison)),
    target=numbers(),
    tolerance=tolerances(),
)
def test_tolerance_bands_never_skip_a_level(comparison, target, tolerance):
    rule = Threshold(comparison=comparison, value=target, tolerance=tolerance)
    assume(tolerance.width(target) > 0)  # a relative band around 0 is empty
    direction = rule.direction
    points = sorted(boundary_points(rule), key=lambda p: direction.sign * p)
    ranks = [rank(rule.judge(context(p, direction=direction, baseline=Decimal(0)))) for p in points]
    note(f"ranks along {points}: {ranks}")
    assert ranks[0] == 2
    assert ranks[-1] == 0
    assert 1 in ranks
    assert all(earlier - later in (0, 1) for earlier, later in itertools.pairwise(ranks))


# -- missing data ---------------------------------------------------------------------------


@given(direction=directions(), data=st.data(), baseline=numbers())
def test_missing_data_is_never_coloured(direction, data, baseline):
    rule = data.draw(every_rule(direction), label="rule")
    result = rule.judge(context(None, direction=direction, baseline=baseline))
    assert result.achievement is None
    assert result.not_assessed is not None


def _judges_other_series(node):
    # "any of: total, women": the women's outcome may decide while the total is missing.
    return node.target is not None and any(
        part.series_judged is not None for part in iter_rules(node.target)
    )


@given(plan=plans(max_depth=3), year=st.integers(2008, 2027))
def test_plans_never_colour_a_missing_outcome(plan, year):
    period = Period.year(year)
    evaluation = evaluate(plan, period=period)
    for node in plan.walk():
        assessment = evaluation[node.id]
        assert (assessment.status is None) is (assessment.not_assessed is not None)
        if isinstance(node, Indicator) and not _judges_other_series(node):
            measurement = node.main_series.get(period)
            if measurement is None or measurement.value is None:
                assert assessment.status is None
        if isinstance(node, Goal):
            children = [evaluation[child.id].status for child in node.children]
            if all(status is None for status in children):
                assert assessment.status is None
    summary = evaluation.summary(kind="indicator")
    assert summary.total == sum(1 for node in plan.walk() if node.kind == "indicator")


# -- roll-up ----------------------------------------------------------------------------------


@st.composite
def share_thresholds(draw, scale=TRAFFIC_LIGHT):
    keys = draw(st.lists(st.sampled_from(scale.keys), unique=True, min_size=1))
    shares = st.decimals(min_value=0, max_value=1, places=2)
    return ShareThresholds({key: draw(shares) for key in keys})


POLICIES = st.one_of(
    st.sampled_from([Worst(), Majority(), MeanOfRanks()]),
    share_thresholds(),
)


@given(ranks=st.lists(st.integers(0, 2), min_size=1, max_size=20), policy=POLICIES)
def test_rollup_stays_between_best_and_worst_child(ranks, policy):
    result = _rolled_up(policy, ranks, TRAFFIC_LIGHT)
    assert min(ranks) <= result <= max(ranks)


@given(ranks=st.lists(st.integers(0, 2), min_size=1, max_size=20))
def test_policies_agree_when_every_child_agrees_and_worst_is_the_worst(ranks):
    for policy in (Worst(), Majority(), MeanOfRanks()):
        assert policy.combine([ranks[0]] * len(ranks), TRAFFIC_LIGHT) == ranks[0]
        assert min(ranks) <= policy.combine(ranks, TRAFFIC_LIGHT) <= max(ranks)
        assert policy.combine(ranks, TRAFFIC_LIGHT) <= Worst().combine(ranks, TRAFFIC_LIGHT)


@given(plan=plans(max_depth=3, scales=st.just(TRAFFIC_LIGHT) | scales()), data=st.data())
def test_plan_rollups_are_bounded_by_their_children(plan, data):
    policy = data.draw(
        st.sampled_from([Worst(), Majority(), MeanOfRanks()]) | share_thresholds(plan.scale),
        label="policy",
    )
    year = data.draw(st.integers(2010, 2025), label="year")
    evaluation = evaluate(plan, period=Period.year(year), rollup=policy)
    scale = plan.scale
    for node in plan.walk():
        if not isinstance(node, Goal):
            continue
        # Activities count in their goal only when the plan says so (issue 14).
        counted = [c for c in node.children if c.kind != "activity" or plan.rollup_activities]
        statuses = [evaluation[c.id].status for c in counted]
        ranks = [scale.rank(s) for s in statuses if s is not None]
        status = evaluation[node.id].status
        if ranks:
            assert min(ranks) <= scale.rank(status) <= max(ranks)
        else:
            assert status is None


# -- pace -------------------------------------------------------------------------------------


@given(
    direction=directions(),
    start=numbers(min_value=-100, max_value=100),
    now=numbers(min_value=-100, max_value=100),
    target=numbers(min_value=-100, max_value=100),
    first=st.integers(2015, 2019),
    elapsed=st.integers(1, 3),
    ahead=st.integers(1, 5),
)
def test_pace_categories_follow_the_growth_ratio(
    *, direction, start, now, target, first, elapsed, ahead
):
    current = Period.year(first + elapsed)
    series = Series(
        key="total",
        measurements=(
            Measurement(period=Period.year(first), value=start),
            Measurement(period=current, value=now),
        ),
    )
    level = TargetLevel(Period.year(first + elapsed + ahead), target)
    # The linear option (this library's earlier rule); tests/test_pace_properties.py covers
    # the published default.
    linear = PaceMethod(non_positive=NonPositive.LINEAR)
    pace = judge_pace(series, current, level, direction, method=linear)
    if direction.margin(now, target) >= 0:
        assert pace.status == "achieved"
        return
    if direction.margin(start, target) >= 0:
        assert pace.status == "deterioration"
        return
    assert pace.ratio == pace.observed_growth / pace.required_growth
    expected = (
        "on_track"
        if pace.ratio >= ON_TRACK
        else "acceleration_needed"
        if pace.ratio >= ACCELERATION_NEEDED
        else "limited_progress"
        if pace.ratio >= 0
        else "deterioration"
    )
    assert pace.status == expected
    if pace.method.value == "linear":
        years_so_far, years_needed = Decimal(elapsed), Decimal(elapsed + ahead)
        assert pace.observed_growth == (now - start) / years_so_far
        assert pace.required_growth == (target - start) / years_needed
        # Moving towards the target is progress, moving away is deterioration.
        assert (pace.ratio > 0) is (direction.margin(now, start) > 0)
    else:
        assert start > 0 and now > 0 and target > 0
        assert (pace.ratio > 0) is (direction.margin(now, start) > 0)


@given(direction=directions(), value=numbers(), target=numbers())
def test_pace_needs_two_outcomes(direction, value, target):
    series = Series(key="total", measurements=(Measurement(period=Period("2020"), value=value),))
    pace = judge_pace(series, Period("2020"), TargetLevel(Period("2022"), target), direction)
    assert pace.status is None
    assert pace.not_assessed is not None


# -- documents --------------------------------------------------------------------------------


@given(plan=plans(max_depth=3, scales=st.just(TRAFFIC_LIGHT) | scales()))
@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_every_generated_plan_round_trips(plan, fmt):
    text = dumps(plan, format=fmt)
    again = loads(text, format=fmt)
    assert again == plan
    assert dumps(again, format=fmt) == text
    for year in (2019, 2020):
        before = evaluate(plan, period=Period.year(year))
        after = evaluate(again, period=Period.year(year))
        assert [a.status for a in before] == [a.status for a in after]


@given(
    rule=thresholds(comparisons=st.sampled_from([Comparison.AT_LEAST, Comparison.MORE_THAN])),
    value=numbers(),
)
def test_higher_is_better_thresholds_agree_with_direction(rule, value):
    assert rule.direction is Direction.HIGHER_IS_BETTER
    lower = rule.judge(context(value - 1, direction=rule.direction, baseline=Decimal(0)))
    higher = rule.judge(context(value + 1, direction=rule.direction, baseline=Decimal(0)))
    assert rank(higher) <= rank(lower)
    assert Achievement.MET.rank < Achievement.NEAR.rank < Achievement.NOT_MET.rank


# -- yes/no and explanations --------------------------------------------------------------


@given(expected=st.booleans(), answer=st.none() | st.booleans())
def test_a_yes_no_rule_is_met_exactly_by_the_expected_answer(expected, answer):
    rule = YesNo(expected=expected)
    values = {} if answer is None else {JUDGED: answer}
    result = rule.judge(RuleContext.of_values({"total": values}, period=JUDGED))
    if answer is None:
        assert result.achievement is None
        assert result.not_assessed.reason is NotAssessedReason.NO_DATA
    else:
        assert result.achievement is (
            Achievement.MET if answer is expected else Achievement.NOT_MET
        )
        assert (result.value, result.target) == (answer, expected)
    for locale in ("sv", "en", "nb"):
        assert result.explanation.render(locale=locale)
        assert str(rule) == ("yes" if expected else "no")
        assert rule.describe().render(locale=locale)


@given(expected=st.booleans(), value=numbers())
def test_a_yes_no_rule_refuses_numbers(expected, value):
    with pytest.raises(InvalidTarget, match="yes/no"):
        YesNo(expected=expected).judge(
            RuleContext.of_values({"total": {JUDGED: value}}, period=JUDGED)
        )


@given(direction=directions(), data=st.data(), value=numbers(), baseline=numbers(), ref=numbers())
def test_every_verdict_explains_itself_in_every_language(direction, data, value, baseline, ref):
    rule = data.draw(every_rule(direction), label="rule")
    result = rule.judge(context(value, direction=direction, baseline=baseline, reference=ref))
    texts = {locale: result.explanation.render(locale=locale) for locale in ("sv", "en", "nb")}
    assert len(set(texts.values())) == 3  # each language has its own wording
    for locale, text in texts.items():
        if result.value is not None:
            assert format_number(abs(result.value), locale=locale) in text
        assert rule.describe().render(locale=locale)
    assert str(rule)
