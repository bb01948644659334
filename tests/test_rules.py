from decimal import Decimal as D

import pytest

from malstyrning import (
    Achievement,
    Change,
    Comparison,
    Composite,
    CompositeMode,
    Direction,
    Interpolation,
    InvalidTarget,
    Maintain,
    NotAssessedReason,
    Period,
    RelativeToReference,
    RuleContext,
    SeriesTarget,
    TargetLevel,
    Threshold,
    Tolerance,
    Trajectory,
)

T1 = Period("2019-T1")
MET, NEAR, NOT_MET = Achievement.MET, Achievement.NEAR, Achievement.NOT_MET


def context(values, *, period=T1, direction=Direction.HIGHER_IS_BETTER, series="total"):
    table = {}
    for key, value in values.items():
        series_key, when = key if isinstance(key, tuple) else ("total", key)
        table.setdefault(series_key, {})[Period(when)] = (
            D(str(value)) if value is not None else None
        )
    return RuleContext.of_values(table, period=period, series=series, direction=direction)


def threshold(op, value, **kwargs):
    return Threshold(comparison=Comparison(op), value=D(str(value)), **kwargs)


@pytest.mark.parametrize(
    ("rule", "value", "expected"),
    [
        (threshold("<", 250), 245, MET),
        (threshold("<", 250), 250, NOT_MET),
        (threshold("<=", 250), 250, MET),
        (threshold(">", 75), 75, NOT_MET),
        (threshold(">=", 30), 30, MET),
        (threshold(">=", 30), "29.99", NOT_MET),
        (threshold(">=", "4.10", tolerance=Tolerance(D("0.10"))), "4.09", NEAR),
        (threshold(">=", "4.10", tolerance=Tolerance(D("0.10"))), "4.00", NEAR),
        (threshold(">=", "4.10", tolerance=Tolerance(D("0.10"))), "3.99", NOT_MET),
        (threshold("<=", "5.0", tolerance=Tolerance(D("10"), relative=True)), "5.5", NEAR),
        (threshold("<=", "5.0", tolerance=Tolerance(D("10"), relative=True)), "5.6", NOT_MET),
        (threshold("<", 250, tolerance=Tolerance(D(5))), 250, NEAR),
    ],
)
def test_threshold(rule, value, expected):
    result = rule.judge(context({"2019-T1": value}))
    assert result.achievement is expected
    assert result.target == rule.value


def test_threshold_gap_is_in_the_good_direction():
    assert threshold("<", 250).judge(context({"2019-T1": 245})).gap == D(5)
    assert threshold(">=", 85).judge(context({"2019-T1": 84})).gap == D(-1)


def test_missing_value_is_not_assessed_with_its_reason():
    result = threshold(">=", 1).judge(context({}))
    assert result.achievement is None
    assert result.not_assessed.reason is NotAssessedReason.NO_DATA


@pytest.mark.parametrize(
    ("rule", "values", "expected", "target"),
    [
        (Change.increase(Period("2018")), {"2018": 42000, "2019-T1": 60000}, MET, 42000),
        (Change.increase(Period("2018")), {"2018": 42000, "2019-T1": 42000}, NOT_MET, 42000),
        (Change.decrease(Period("2017"), by=D(0)), {"2017": 4732, "2019-T1": 4732}, MET, 4732),
        (
            Change.decrease(Period("2017"), by=D(0), baseline_value=D(4732)),
            {"2019-T1": 4800},
            NOT_MET,
            4732,
        ),
        (
            Change.decrease(Period("2015"), by=D(10), relative=True),
            {"2015": 200, "2019-T1": 180},
            MET,
            180,
        ),
        (
            Change.decrease(Period("2015"), by=D(10), relative=True),
            {"2015": 200, "2019-T1": 181},
            NOT_MET,
            180,
        ),
        (Change.increase(Period("2018"), by=D(5)), {"2018": 10, "2019-T1": 15}, MET, 15),
    ],
)
def test_change(rule, values, expected, target):
    result = rule.judge(context(values))
    assert result.achievement is expected
    assert result.target == D(target)


def test_change_without_baseline_is_not_assessed():
    result = Change.increase(Period("2018")).judge(context({"2019-T1": 5}))
    assert result.not_assessed.reason is NotAssessedReason.NO_BASELINE


def test_change_rejects_a_negative_amount():
    with pytest.raises(InvalidTarget, match="cannot be negative"):
        Change.increase(Period("2018"), by=D(-1))


@pytest.mark.parametrize(
    ("direction", "value", "expected"),
    [
        (Direction.LOWER_IS_BETTER, "5", MET),
        (Direction.LOWER_IS_BETTER, "5.1", NOT_MET),
        (Direction.LOWER_IS_BETTER, "4", MET),
        (Direction.HIGHER_IS_BETTER, "4", NOT_MET),
    ],
)
def test_maintain_follows_the_indicator_direction(direction, value, expected):
    rule = Maintain(level=D(5), unit="%")
    assert rule.judge(context({"2019-T1": value}, direction=direction)).achievement is expected


def test_trajectory_interpolates_and_holds():
    rule = Trajectory(
        levels=(TargetLevel(Period("2022"), D(85)), TargetLevel(Period("2024"), D(87)))
    )
    assert rule.target_for(Period("2022")) == D(85)
    assert rule.target_for(Period("2023")) == D(86)
    assert rule.target_for(Period("2023-T3")) == D(86)
    assert rule.target_for(Period("2030")) == D(87)
    assert rule.target_for(Period("2021")) is None
    step = Trajectory(levels=rule.levels, interpolation=Interpolation.STEP)
    assert step.target_for(Period("2023")) == D(85)
    early = rule.judge(context({"2020": 84}, period=Period("2020")))
    assert early.not_assessed.reason is NotAssessedReason.NOT_YET_DUE
    later = rule.judge(context({"2023": "85.5"}, period=Period("2023")))
    assert later.achievement is NOT_MET
    assert later.target == D(86)


def test_trajectory_levels_must_be_ordered():
    with pytest.raises(InvalidTarget, match="time order"):
        Trajectory(levels=(TargetLevel(Period("2024"), D(1)), TargetLevel(Period("2022"), D(1))))
    with pytest.raises(InvalidTarget):
        Trajectory(levels=())


def test_relative_to_reference():
    rule = RelativeToReference(reference="riket", comparison=Comparison.AT_MOST, margin=D("7.5"))
    values = {("total", "2020"): 107, ("riket", "2020"): 100}
    assert rule.judge(context(values, period=Period("2020"))).achievement is MET
    values[("total", "2020")] = D("107.6")
    assert rule.judge(context(values, period=Period("2020"))).achievement is NOT_MET
    missing = rule.judge(context({("total", "2020"): 1}, period=Period("2020")))
    assert missing.not_assessed.reason is NotAssessedReason.NO_REFERENCE


def sick_leave():
    return Composite(
        rules=(
            SeriesTarget(series="total", rule=threshold("<=", "5.0")),
            SeriesTarget(series="men", rule=threshold("<=", "3.1")),
            SeriesTarget(series="women", rule=threshold("<=", "5.4")),
        )
    )


def test_composite_all_any_at_least():
    values = {("total", "2019-T1"): "5.6", ("men", "2019-T1"): "3.0", ("women", "2019-T1"): "5.0"}
    assert sick_leave().judge(context(values)).achievement is NOT_MET
    rules = sick_leave().rules
    assert Composite(rules=rules, mode=CompositeMode.ANY).judge(context(values)).achievement is MET
    two = Composite(rules=rules, mode=CompositeMode.AT_LEAST, k=2)
    assert two.judge(context(values)).achievement is MET
    three = Composite(rules=rules, mode=CompositeMode.AT_LEAST, k=3)
    assert three.judge(context(values)).achievement is NOT_MET


def test_composite_with_missing_parts_is_judged_only_when_decided():
    decided = {("total", "2019-T1"): "5.6", ("men", "2019-T1"): "3.9"}
    assert sick_leave().judge(context(decided)).achievement is NOT_MET
    undecided = {("total", "2019-T1"): "4.0", ("men", "2019-T1"): "3.0"}
    result = sick_leave().judge(context(undecided))
    assert result.achievement is None
    assert result.not_assessed.reason is NotAssessedReason.PARTIAL_DATA
    nothing = sick_leave().judge(context({}))
    assert nothing.not_assessed.reason is NotAssessedReason.NO_DATA


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"mode": CompositeMode.AT_LEAST, "k": 4}, "between 1 and 3"),
        ({"mode": CompositeMode.AT_LEAST}, "between 1 and 3"),
        ({"mode": CompositeMode.ALL, "k": 1}, "only to mode 'at_least'"),
    ],
)
def test_composite_checks_k(kwargs, message):
    with pytest.raises(InvalidTarget, match=message):
        Composite(rules=sick_leave().rules, **kwargs)


@pytest.mark.parametrize("amount", [D(0), D(-1)])
def test_tolerance_must_be_positive(amount):
    with pytest.raises(InvalidTarget, match="greater than zero"):
        Tolerance(amount)


@pytest.mark.parametrize("value", [D("NaN"), D("Infinity"), "4,1O"])
def test_rule_numbers_must_be_finite(value):
    with pytest.raises(InvalidTarget, match="finite number"):
        Threshold(comparison=Comparison.AT_LEAST, value=value)


def test_describe_in_both_languages():
    rule = threshold("<", 250, unit="rec/TIN")
    assert rule.describe().render(locale="sv") == "mindre än 250 rec/TIN"
    assert rule.describe().render(locale="en") == "less than 250 rec/TIN"
    change = Change.decrease(Period("2015"), by=D(10), relative=True)
    assert change.describe().render(locale="sv") == "minska med minst 10\xa0% jämfört med 2015"
    assert sick_leave().describe().render(locale="en").startswith("all of: total: at most 5.0")
