from decimal import Decimal
from decimal import Decimal as D

import pytest
from attrs import evolve as attrs_evolve
from hypothesis import given
from hypothesis import strategies as st

from _plans import P2018, Y2019
from malstyrning import Achievement, InvalidTarget, NotAssessedReason, Period
from malstyrning.rules import (
    Change,
    Comparison,
    Composite,
    CompositeMode,
    Direction,
    Interpolation,
    Maintain,
    RelativeToReference,
    RuleContext,
    SeriesTarget,
    TargetLevel,
    Threshold,
    Tolerance,
    Trajectory,
    YesNo,
)
from malstyrning.testing import numbers

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


@given(comparison=st.sampled_from(list(Comparison)), value=numbers(), target=numbers())
def test_holds_is_exactly_a_met_threshold(comparison, value, target):
    rule = Threshold(comparison=comparison, value=target)
    result = rule.judge(RuleContext.of_values({"total": {P2018: value}}, period=P2018))
    assert comparison.holds(value, target) is (result.achievement is Achievement.MET)


def test_holds_on_and_next_to_the_target():
    one, two = Decimal(1), Decimal(2)
    assert Comparison.AT_LEAST.holds(one, one)
    assert not Comparison.MORE_THAN.holds(one, one)
    assert Comparison.MORE_THAN.holds(two, one)
    assert Comparison.AT_MOST.holds(one, one)
    assert not Comparison.LESS_THAN.holds(one, one)
    assert not Comparison.AT_LEAST.holds(Decimal("0.5"), one)
    assert Comparison.MORE_THAN.holds(Decimal("1.5"), one)


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        (Tolerance(Decimal(1)), "±1"),
        (Tolerance(Decimal(2), relative=True), "±2 %"),
        (Change.increase(P2018), "increase vs 2018"),
        (Change.decrease(P2018), "decrease vs 2018"),
        (Change.decrease(P2018, by=0), "reach level of 2018"),
        (Change.increase(P2018, by=1), "increase by 1 vs 2018"),
        (Change.decrease(P2018, by=10, relative=True), "decrease by 10 % vs 2018"),
        (Change.increase(P2018, by=5, unit="antal"), "increase by 5 antal vs 2018"),
        (Maintain(level=Decimal(5), unit="%"), "maintain 5 %"),
        (Maintain(level=Decimal(5)), "maintain 5"),
        (
            Trajectory(levels=(TargetLevel(Period("2022"), 85), TargetLevel(Period("2024"), 87))),
            "85 in 2022, 87 in 2024",
        ),
        (
            RelativeToReference(
                reference="riket", comparison=Comparison.AT_MOST, margin=Decimal("7.5")
            ),
            "<= riket + 7.5 %",
        ),
        (
            RelativeToReference(
                reference="riket", comparison=Comparison.AT_LEAST, margin=Decimal("0.5")
            ),
            ">= riket + 0.5 %",
        ),
        (
            RelativeToReference(
                reference="riket",
                comparison=Comparison.AT_MOST,
                margin=Decimal(-2),
                relative=False,
                unit="dagar",
            ),
            "<= riket - 2 dagar",
        ),
        (
            RelativeToReference(
                reference="riket", comparison=Comparison.LESS_THAN, margin=0, relative=False
            ),
            "< riket + 0",
        ),
        (YesNo(expected=False), "no"),
    ],
)
def test_the_text_form_of_rules(rule, text):
    assert str(rule) == text


def test_yes_no_rules_describe_their_expected_answer():
    for locale in ("sv", "en"):
        assert YesNo(expected=True).describe().render(locale=locale) != YesNo(
            expected=False
        ).describe().render(locale=locale)


@pytest.mark.parametrize(
    ("value", "field"),
    [("4,1O", "value"), (Decimal("NaN"), "value"), (float("inf"), "value")],
)
def test_rule_numbers_are_converted_and_checked(value, field):
    assert Threshold(comparison=Comparison.AT_LEAST, value="4.10").value == Decimal("4.10")
    assert Threshold(comparison=Comparison.AT_LEAST, value=4.1).value == Decimal("4.1")
    assert Change.increase(P2018, by="2").by == Decimal(2)
    assert Change.increase(P2018).by is None
    with pytest.raises(InvalidTarget, match=field):
        Threshold(comparison=Comparison.AT_LEAST, value=value)
    with pytest.raises(InvalidTarget):
        Change.increase(P2018, by=value)
    with pytest.raises(TypeError):
        Maintain(level=1, unit=5)


def test_a_trajectory_describes_every_level_with_unit_and_band():
    rule = Trajectory(
        levels=(TargetLevel(Period("2022"), 85), TargetLevel(Period("2024"), 87)),
        unit="%",
        tolerance=Tolerance(Decimal(1)),
    )
    assert rule.describe().render(locale="en") == (
        "target levels 85% (2022), 87% (2024) (close within 1%)"
    )


def yes(answer, expected=True):
    rule = YesNo(expected=expected)
    return rule.judge(RuleContext.of_values({"total": {P2018: answer}}, period=P2018))


def test_yes_no_verdicts_explain_the_answer_and_the_expectation():
    assert yes(True).explanation.render(locale="en") == "Answer yes, expected yes: met."
    assert yes(True, expected=False).explanation.render(locale="en") == (
        "Answer yes, expected no: not met."
    )
    with pytest.raises(InvalidTarget, match=r"^YesNo judges yes/no answers, but the indicator"):
        yes(Decimal(1))


def test_of_values_judges_the_series_named_and_shows_the_unit():
    context = RuleContext.of_values(
        {"total": {P2018: Decimal(1)}, "women": {P2018: Decimal(9)}},
        period=P2018,
        series="women",
        unit="dagar",
    )
    result = Threshold(comparison=Comparison.AT_LEAST, value=5).judge(context)
    assert result.achievement is Achievement.MET
    assert result.explanation.render(locale="en") == "Outcome 9 dagar, target at least 5: met."


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        (
            RelativeToReference(
                reference="riket", comparison=Comparison.AT_MOST, margin=Decimal("7.5")
            ),
            "at most 7.5% above riket",
        ),
        (
            RelativeToReference(
                reference="riket",
                comparison=Comparison.AT_LEAST,
                margin=Decimal(-2),
                relative=False,
                unit="dagar",
                tolerance=Tolerance(Decimal(1)),
            ),
            "at most 2 dagar below riket (close within 1 dagar)",
        ),
        (
            RelativeToReference(reference="riket", comparison=Comparison.LESS_THAN),
            "less than riket",
        ),
    ],
)
def test_reference_rules_describe_side_amount_and_band(rule, text):
    assert rule.describe().render(locale="en") == text


def reference_context(value, reference):
    values = {"total": {P2018: value}}
    if reference is not None:
        values["riket"] = {P2018: reference}
    return RuleContext.of_values(values, period=P2018)


@given(
    comparison=st.sampled_from(list(Comparison)),
    margin=numbers(min_value=-50, max_value=50),
    relative=st.booleans(),
    value=numbers(),
    reference=numbers(),
    band=st.none() | st.decimals(min_value=1, max_value=20, places=0),
)
def test_a_reference_rule_targets_the_reference_plus_its_margin(
    *, comparison, margin, relative, value, reference, band
):
    tolerance = None if band is None else Tolerance(band)
    rule = RelativeToReference(
        reference="riket",
        comparison=comparison,
        margin=margin,
        relative=relative,
        unit="%",
        tolerance=tolerance,
    )
    result = rule.judge(reference_context(value, reference))
    target = reference + (abs(reference) * margin / 100 if relative else margin)
    assert result.target == target
    assert result.gap == comparison.direction.margin(value, target)
    gap = result.gap
    expected = (
        Achievement.MET
        if gap > 0 or (comparison.inclusive and gap == 0)
        else Achievement.NEAR
        if band is not None and -gap <= band
        else Achievement.NOT_MET
    )
    assert result.achievement is expected
    assert "(target value " in result.explanation.render(locale="en")
    assert "%" in result.explanation.render(locale="en")
    on_target = rule.judge(reference_context(target, reference))
    assert (on_target.achievement is Achievement.MET) is comparison.inclusive


def test_a_reference_rule_without_the_reference_names_it():
    from malstyrning import NotAssessed

    rule = RelativeToReference(reference="riket", comparison=Comparison.AT_MOST)
    result = rule.judge(reference_context(Decimal(1), None))
    assert result.not_assessed == NotAssessed(NotAssessedReason.NO_REFERENCE, "riket")


def test_interpolated_targets_keep_two_more_decimals_than_the_levels():
    rule = Trajectory(
        levels=(TargetLevel(Period("2022"), Decimal("1.25")), TargetLevel(Period("2024"), "1.5"))
    )
    assert rule.target_for(Period("2023")) == Decimal("1.375")
    assert rule.next_level(Period("2022")) == rule.levels[1]
    assert rule.next_level(Period("2024")) is None


@pytest.mark.parametrize(
    ("rule", "english", "swedish"),
    [
        (Change.increase(P2018), "higher than in 2018", "högre än 2018"),
        (Change.decrease(P2018), "lower than in 2018", "lägre än 2018"),
        # The sentence says everything the rule holds, so the parser reads it back: the
        # direction of a change to a baseline's level, and a unit the phrase would not show.
        (
            Change.decrease(P2018, by=0),
            "decrease to the level of 2018",
            "minska till nivån för 2018",
        ),
        (
            Change.increase(P2018, by=1, unit="antal"),
            "increase by at least 1 antal compared with 2018",
            "öka med minst 1 antal jämfört med 2018",
        ),
        (
            Change.decrease(P2018, by=0, unit="dagar", tolerance=Tolerance(Decimal(2))),
            "decrease to the level of 2018 (in dagar) (close within 2 dagar)",
            "minska till nivån för 2018 (i dagar) (nära målet inom 2 dagar)",
        ),
        (
            Maintain(level=Decimal(5), unit="%", tolerance=Tolerance(Decimal(1))),
            "maintain the level 5% (close within 1%)",
            "bibehålla nivån 5\xa0% (nära målet inom 1\xa0%)",
        ),
        (Maintain(level=Decimal("4.10")), "maintain the level 4.10", "bibehålla nivån 4,10"),
        (
            # A margin between 0 and 1 is still above the reference.
            RelativeToReference(
                reference="riket", comparison=Comparison.AT_MOST, margin=Decimal("0.5")
            ),
            "at most 0.5% above riket",
            "högst 0,5\xa0% över riket",
        ),
    ],
)
def test_change_maintain_and_reference_rules_describe_themselves(rule, english, swedish):
    # The phrase is what a reader sees in every explanation: baseline, amount, unit and band.
    assert rule.describe().render(locale="en") == english
    assert rule.describe().render(locale="sv") == swedish


@pytest.mark.parametrize("series", ["total", "riket"])
def test_a_reference_rule_refuses_yes_no_answers_by_name(series):
    # The error names the rule that cannot judge yes/no, whichever series gives the answer.
    values = {"total": {P2018: Decimal(1)}, "riket": {P2018: Decimal(1)}}
    values[series] = {P2018: True}
    rule = RelativeToReference(reference="riket", comparison=Comparison.AT_MOST)
    with pytest.raises(InvalidTarget, match=r"^RelativeToReference judges numbers"):
        rule.judge(RuleContext.of_values(values, period=P2018))


def test_a_series_target_explains_with_the_series_label_or_key():
    from malstyrning.rules import SeriesTarget

    rule = SeriesTarget(
        series="women", rule=Threshold(comparison=Comparison.AT_LEAST, value=29, unit="%")
    )
    context = RuleContext.of_values({"women": {P2018: Decimal(30)}}, period=P2018)
    assert rule.judge(context).explanation.render(locale="en") == (
        "women: Outcome 30%, target at least 29%: met."
    )
    labelled = attrs_evolve(context, labels={"women": "Kvinnor"})
    assert rule.judge(labelled).explanation.render(locale="sv") == (
        "Kvinnor: Utfall 30\xa0%, mål minst 29\xa0%: uppnått."
    )


def test_a_composite_explains_its_verdict_and_every_part():
    from malstyrning import NotAssessed
    from malstyrning.rules import Composite, SeriesTarget

    rule = Composite(
        rules=tuple(
            SeriesTarget(series=key, rule=Threshold(comparison=Comparison.AT_MOST, value=5))
            for key in ("total", "men", "women")
        )
    )
    full = {"total": {P2018: Decimal(4)}, "men": {P2018: Decimal(3)}, "women": {P2018: Decimal(6)}}
    result = rule.judge(RuleContext.of_values(full, period=P2018))
    assert result.explanation.render(locale="en") == (
        "Overall not met. total: Outcome 4, target at most 5: met. "
        "men: Outcome 3, target at most 5: met. women: Outcome 6, target at most 5: not met."
    )
    del full["women"]
    partial = rule.judge(RuleContext.of_values(full, period=P2018))
    # Two of three parts known, and they do not decide "all of".
    assert partial.not_assessed == NotAssessed(NotAssessedReason.PARTIAL_DATA, "2/3")
    assert partial.explanation.render(locale="en") == (
        "Not assessed: parts of the target have no outcome. total: Outcome 4, target at most 5: "
        "met. men: Outcome 3, target at most 5: met. women: Not assessed: no outcome for the "
        "period."
    )


def test_a_target_value_is_shown_in_the_unit_of_the_outcome():
    rule = Change.increase(P2018, by=5, unit="antal")
    context = RuleContext.of_values(
        {"total": {P2018: Decimal(10), Y2019: Decimal(16)}}, period=Y2019
    )
    assert rule.judge(context).explanation.render(locale="en") == (
        "Outcome 16 antal, target increase by at least 5 antal compared with 2018 "
        "(target value 15 antal): met."
    )


def test_trajectory_targets_between_around_and_after_several_levels():
    rule = Trajectory(
        levels=(
            TargetLevel(Period("2022"), 85),
            TargetLevel(Period("2025"), 87),
            TargetLevel(Period("2027"), 90),
        )
    )
    # Two more decimals than the levels: 85 + 2/3 rounds to 85.67.
    assert rule.target_for(Period("2023")) == Decimal("85.67")
    assert rule.target_for(Period("2026")) == Decimal("88.5")
    assert rule.target_for(Period("2030")) == Decimal(90)
    # A part of a level's year has that level, not an interpolation past it.
    assert rule.target_for(Period("2022-T3")) == Decimal(85)
    assert rule.target_for(Period("2025-T3")) == Decimal(87)
    step = attrs_evolve(rule, interpolation=Interpolation.STEP)
    assert [step.target_for(Period(p)) for p in ("2024", "2025-T3", "2026")] == [85, 87, 87]
    single = Trajectory(levels=(TargetLevel(Period("2022"), 85),))
    assert single.target_for(Period("2022-T3")) == Decimal(85)


def test_a_due_trajectory_without_outcome_or_with_yes_no_answers():
    from malstyrning import NotAssessed

    rule = Trajectory(levels=(TargetLevel(P2018, 5),))
    missing = rule.judge(RuleContext.of_values({}, period=P2018))
    assert missing.not_assessed == NotAssessed(NotAssessedReason.NO_DATA)
    with pytest.raises(InvalidTarget, match=r"^Trajectory judges numbers"):
        rule.judge(RuleContext.of_values({"total": {P2018: True}}, period=P2018))


def test_a_trajectory_judges_its_level_inclusively_with_band_and_unit():
    rule = Trajectory(levels=(TargetLevel(P2018, 5),), tolerance=Tolerance(Decimal(1)))

    def judged(value):
        context = RuleContext.of_values({"total": {P2018: Decimal(value)}}, period=P2018)
        return rule.judge(attrs_evolve(context, unit="dagar"))

    assert judged(5).explanation.render(locale="en") == (
        "Outcome 5 dagar, target target levels 5 (2018) (close within 1) "
        "(target value 5 dagar): met."
    )
    assert judged(4).achievement is Achievement.NEAR


def test_a_change_without_its_baseline_names_the_period():
    from malstyrning import NotAssessed

    result = Change.increase(P2018).judge(
        RuleContext.of_values({"total": {Y2019: 1}}, period=Y2019)
    )
    assert result.not_assessed == NotAssessed(NotAssessedReason.NO_BASELINE, "2018")
    assert result.explanation.render(locale="en") == (
        "Not assessed: no outcome for the baseline period (2018)."
    )


@pytest.mark.parametrize(
    ("rule", "answered"),
    [
        (Change.increase(P2018), Y2019),
        (Change.increase(P2018), P2018),  # the baseline is the yes/no answer
        (Maintain(level=1), Y2019),
        (Threshold(comparison=Comparison.AT_LEAST, value=1), Y2019),
    ],
)
def test_numeric_rules_refuse_yes_no_answers_by_name(rule, answered):
    values = {P2018: Decimal(1), Y2019: Decimal(1)}
    values[answered] = True
    context = RuleContext.of_values({"total": values}, period=Y2019)
    with pytest.raises(InvalidTarget, match=rf"^{type(rule).__name__} judges numbers"):
        rule.judge(context)


@pytest.mark.parametrize(
    "rule",
    [
        Maintain(level=10, tolerance=Tolerance(Decimal(1))),
        Change.increase(P2018, by=0, tolerance=Tolerance(Decimal(1))),
    ],
)
def test_maintain_and_change_use_their_tolerance_band(rule):
    values = {P2018: Decimal(10), Y2019: Decimal("9.5")}
    result = rule.judge(RuleContext.of_values({"total": values}, period=Y2019))
    assert result.achievement is Achievement.NEAR


def test_thresholds_and_composites_describe_themselves():
    from malstyrning.rules import Composite, CompositeMode

    banded = Threshold(
        comparison=Comparison.AT_LEAST, value="4.10", unit="p", tolerance=Tolerance(Decimal("0.05"))
    )
    assert banded.describe().render(locale="en") == "at least 4.10 p (close within 0.05 p)"
    two = Composite(
        mode=CompositeMode.AT_LEAST,
        k=2,
        rules=(banded, Threshold(comparison=Comparison.AT_MOST, value=5), YesNo()),
    )
    assert two.describe().render(locale="sv") == (
        "minst 2 av: minst 4,10 p (nära målet inom 0,05 p); högst 5; svaret ja"
    )


def test_trajectory_levels_may_not_share_a_day():
    with pytest.raises(InvalidTarget) as raised:
        Trajectory(
            levels=(
                TargetLevel(Period("2022-01-01/2022-06-30"), 1),
                TargetLevel(Period("2022-06-30/2022-12-31"), 2),
            )
        )
    assert str(raised.value) == (
        "a trajectory's target levels must be in time order without overlap "
        "(got 2022-H1 before 2022-06-30/2022-12-31)"
    )
    with pytest.raises(InvalidTarget) as raised:
        Trajectory(levels=())
    assert str(raised.value) == "a trajectory needs at least one target level"


def test_rule_errors_say_what_to_do():
    from malstyrning.rules import Composite

    with pytest.raises(InvalidTarget) as raised:
        Maintain(level=1).judge(RuleContext.of_values({"total": {P2018: True}}, period=P2018))
    assert str(raised.value) == (
        "Maintain judges numbers, but the measure gives yes/no answers; "
        "use YesNo for qualitative measures"
    )
    with pytest.raises(InvalidTarget) as raised:
        Composite(rules=())
    assert str(raised.value) == "a composite target needs at least one part"


def test_change_amounts_are_checked_with_a_hint():
    with pytest.raises(InvalidTarget) as raised:
        Change.increase(P2018, by=-1)
    assert str(raised.value) == (
        "Change.by is the improvement asked for and cannot be negative (got -1); "
        "give the direction instead"
    )
    with pytest.raises(InvalidTarget) as raised:
        Change.increase(P2018, relative=True)
    assert str(raised.value) == "Change.relative needs an amount in 'by'"
    # A yes/no is not a number, even though Python counts True as 1.
    with pytest.raises(InvalidTarget, match="finite number"):
        Threshold(comparison=Comparison.AT_LEAST, value=True)


def test_iter_rules_lists_nested_rules_outermost_first():
    from malstyrning.rules import Composite, SeriesTarget, iter_rules

    inner = Threshold(comparison=Comparison.AT_LEAST, value=1)
    women = SeriesTarget(series="women", rule=inner)
    other = Maintain(level=2)
    outer = Composite(rules=(women, other))
    assert iter_rules(outer) == [outer, women, inner, other]


def test_small_rule_details_users_see():
    from malstyrning.rules import Composite, CompositeMode

    # "at least 1 of" is allowed, and is "any of".
    parts = (YesNo(), YesNo(expected=False))
    one = Composite(mode=CompositeMode.AT_LEAST, k=1, rules=parts)
    answer = RuleContext.of_values({"total": {P2018: True}}, period=P2018)
    assert one.judge(answer).achievement is Achievement.MET
    # A relative band is shown in percent, whatever the unit.
    rule = Threshold(
        comparison=Comparison.AT_MOST,
        value="5.0",
        unit="dagar",
        tolerance=Tolerance(Decimal(10), relative=True),
    )
    assert rule.describe().render(locale="en") == (
        "at most 5.0 dagar (close within 10% of the target value)"
    )
    with pytest.raises(InvalidTarget) as raised:
        Threshold(comparison=Comparison.AT_LEAST, value=Decimal("NaN"))
    assert str(raised.value) == "Threshold.value must be a finite number (got Decimal('NaN'))"


# -- what users read and rely on in each kind's result and sentence ---------------------------


@pytest.mark.parametrize(
    ("rule", "english", "swedish"),
    [
        (
            Change.increase(P2018, by=5, unit="st", baseline_value=40),
            "increase by at least 5 st compared with 2018 (equivalent to 40 st)",
            "öka med minst 5 st jämfört med 2018 (motsvarande 40 st)",
        ),
        (
            Change.decrease(P2018, baseline_value=40, unit="timmar"),
            "lower than in 2018 (equivalent to 40 timmar)",
            "lägre än 2018 (motsvarande 40 timmar)",
        ),
        (
            Change.decrease(P2018, by=0, baseline_value=D("4732")),
            "decrease to the level of 2018 (equivalent to 4,732)",
            "minska till nivån för 2018 (motsvarande 4\xa0732)",
        ),
    ],
)
def test_a_change_names_the_baseline_value_the_plan_states(rule, english, swedish):
    assert rule.describe().render(locale="en") == english
    assert rule.describe().render(locale="sv") == swedish


def test_a_composite_part_that_is_no_rule_is_named():
    with pytest.raises(InvalidTarget) as raised:
        Composite(rules=(YesNo(), 5))
    assert str(raised.value) == "a composite's parts must be rules (got 5)"


def test_a_composite_inside_another_is_described_in_parentheses():
    inner = Composite(rules=(YesNo(), YesNo(expected=False)), mode=CompositeMode.ANY)
    rule = Composite(rules=(YesNo(), inner))
    assert rule.describe().render(locale="en") == (
        "all of: the answer yes; (any of: the answer yes; the answer no)"
    )
    assert rule.describe().render(locale="sv") == (
        "samtliga av: svaret ja; (minst ett av: svaret ja; svaret nej)"
    )


def test_a_composite_result_holds_each_part_result_in_order():
    parts = (YesNo(), YesNo(expected=False))
    answer = RuleContext.of_values({"total": {P2018: True}}, period=P2018)
    result = Composite(rules=parts, mode=CompositeMode.ANY).judge(answer)
    assert result.achievement is MET
    assert result.parts == tuple(part.judge(answer) for part in parts)
    assert [part.achievement for part in result.parts] == [MET, NOT_MET]


@pytest.mark.parametrize(
    ("series", "english", "swedish"),
    [
        ("women", "women: at least 29%", "kvinnor: minst 29\xa0%"),
        ("men", "men: at least 29%", "män: minst 29\xa0%"),
        ("riket", "riket: at least 29%", "riket: minst 29\xa0%"),
    ],
)
def test_a_series_target_names_known_series_in_the_language_and_others_by_key(
    series, english, swedish
):
    rule = SeriesTarget(series=series, rule=threshold(">=", 29, unit="%"))
    assert rule.describe().render(locale="en") == english
    assert rule.describe().render(locale="sv") == swedish


def test_a_series_target_is_paced_on_its_series_where_its_rule_has_target_levels():
    levels = Trajectory(levels=(TargetLevel(Period("2022"), 85),))
    assert SeriesTarget(series="women", rule=levels).pace_target() == ("women", levels)
    assert SeriesTarget(series="women", rule=threshold(">=", 29)).pace_target() is None
    # A series inside a series names two series: pace cannot follow both.
    nested = SeriesTarget(series="women", rule=SeriesTarget(series="men", rule=levels))
    assert nested.pace_target() is None


def test_a_series_target_gives_its_rule_the_unit_it_lacks():
    rule = SeriesTarget(series="women", rule=threshold(">=", 29))
    assert rule.with_unit("%") == SeriesTarget(series="women", rule=threshold(">=", 29, unit="%"))
    stated = SeriesTarget(series="women", rule=threshold(">=", 29, unit="dagar"))
    assert stated.with_unit("%") == stated


def test_stepwise_target_levels_say_so():
    rule = Trajectory(
        levels=(TargetLevel(Period("2022"), 85),), interpolation=Interpolation.STEP, unit="%"
    )
    assert rule.describe().render(locale="en") == "target levels 85% (2022) (stepwise)"
    assert rule.describe().render(locale="sv") == "målnivåer 85\xa0% (2022) (stegvis)"


@pytest.mark.parametrize(
    ("expected", "answer", "verdict"),
    [(True, True, MET), (True, False, NOT_MET), (False, False, MET), (False, True, NOT_MET)],
)
def test_a_yes_no_result_holds_the_answer_and_the_good_answer(expected, answer, verdict):
    context = RuleContext.of_values({"total": {P2018: answer}}, period=P2018)
    result = YesNo(expected=expected).judge(context)
    assert (result.outcome, result.value, result.target, result.gap) == (
        verdict,
        answer,
        expected,
        None,
    )


def test_a_yes_no_measure_without_an_answer_is_not_assessed():
    from malstyrning import NotAssessed

    result = YesNo().judge(RuleContext.of_values({}, period=P2018))
    assert result.not_assessed == NotAssessed(NotAssessedReason.NO_DATA)
    assert (result.value, result.target) == (None, None)
    assert result.explanation.render(locale="en") == "Not assessed: no outcome for the period."


@pytest.mark.parametrize(
    ("comparison", "verdict"),
    [(">=", MET), ("<=", MET), (">", NOT_MET), ("<", NOT_MET)],
)
def test_a_reference_rule_on_its_target_meets_it_only_when_inclusive(comparison, verdict):
    rule = RelativeToReference(reference="riket", comparison=Comparison(comparison), margin=2)
    values = {("total", "2020"): D("102"), ("riket", "2020"): 100}
    result = rule.judge(context(values, period=Period("2020")))
    assert (result.achievement, result.target, result.gap) == (verdict, D(102), D(0))
