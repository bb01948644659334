"""The rule protocol and registry: what every consumer asks a rule instead of its class."""

from decimal import Decimal as D
from typing import ClassVar

import attrs
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

import malstyrning
from malstyrning import Period
from malstyrning.i18n import Quantity
from malstyrning.rules import (
    Anchor,
    Bound,
    Change,
    Comparison,
    Composite,
    Demand,
    Direction,
    Maintain,
    RelativeToReference,
    Rule,
    RuleContext,
    RuleResult,
    SeriesTarget,
    Threshold,
    Tolerance,
    YesNo,
    finite_decimal,
    kind,
    register,
    registry,
)
from malstyrning.rules._base import exponent, judged, verdict
from malstyrning.scales import Achievement
from malstyrning.testing import target_rules

HIGHER, LOWER = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER
Y2023 = Period("2023")


# -- the registry -----------------------------------------------------------------------------


def test_the_registry_lists_every_kind_by_its_document_tag_in_registration_order():
    assert list(registry())[:8] == [
        "threshold",
        "change",
        "maintain",
        "yes_no",
        "trajectory",
        "relative_to_reference",
        "series",
        "composite",
    ]
    assert kind("threshold") is Threshold
    with pytest.raises(KeyError):
        kind("thresold")


def test_the_registry_handed_out_is_a_copy():
    listed = registry()
    listed["threshold"] = YesNo  # type: ignore[index]
    assert kind("threshold") is Threshold


def test_a_kind_must_state_its_tag():
    class Untagged(Rule):
        def judge(self, context: RuleContext) -> RuleResult:
            raise NotImplementedError

        def describe(self) -> malstyrning.i18n.Message:
            raise NotImplementedError

    with pytest.raises(TypeError) as raised:
        register(Untagged)
    assert str(raised.value) == "Untagged must state its document tag: tag = '...'"


def test_a_tag_belongs_to_one_kind_and_registering_the_same_kind_again_is_harmless():
    class Impostor(Rule):
        tag: ClassVar[str] = "threshold"

        def judge(self, context: RuleContext) -> RuleResult:
            raise NotImplementedError

        def describe(self) -> malstyrning.i18n.Message:
            raise NotImplementedError

    with pytest.raises(TypeError) as raised:
        register(Impostor)
    assert str(raised.value) == "rule tag 'threshold' is taken by Threshold"
    assert register(Threshold) is Threshold
    assert kind("threshold") is Threshold


def test_kinds_added_as_modules_are_names_of_the_package():
    assert malstyrning.rules.Band is kind("band")
    assert "Band" in dir(malstyrning.rules)
    assert "Threshold" in dir(malstyrning.rules)
    with pytest.raises(AttributeError) as raised:
        malstyrning.rules.Nothing  # noqa: B018
    assert str(raised.value) == "module 'malstyrning.rules' has no attribute 'Nothing'"


# -- fields every kind shares ----------------------------------------------------------------


def test_rule_fields_convert_what_people_type_and_refuse_what_is_not_a_value():
    rule = Threshold(comparison=Comparison.AT_LEAST, value="4.10")
    assert rule.value == D("4.10")
    assert str(rule.value) == "4.10"
    assert rule.unit is None
    assert rule.tolerance is None
    change = Change.increase(Period("2018"), by="5")
    assert change.by == D(5)
    assert change.baseline_value is None
    with pytest.raises(TypeError):
        Threshold(comparison=Comparison.AT_LEAST, value=1, unit=5)
    with pytest.raises(TypeError):
        Threshold(comparison=Comparison.AT_LEAST, value=1, tolerance="2")
    with pytest.raises(malstyrning.InvalidTarget) as raised:
        Change.increase(Period("2018"), by="fem")
    assert str(raised.value) == "Change.by must be a finite number (got 'fem')"
    assert repr(finite_decimal()) == "<finite_decimal validator>"


def test_exponent_of_finite_and_special_values():
    assert exponent(D("1.25")) == -2
    assert exponent(D("300")) == 0
    assert exponent(D("NaN")) == 0


# -- what a rule says about itself --------------------------------------------------------------


def test_nested_rules_answer_for_their_parts():
    women = SeriesTarget(series="women", rule=Threshold(comparison=Comparison.AT_LEAST, value=5))
    assert women.demand(Y2023, HIGHER) == women.rule.demand(Y2023, HIGHER)
    assert women.series_judged == "women"
    composite = Composite(rules=(Threshold(comparison=Comparison.AT_MOST, value=1), YesNo()))
    assert composite.with_unit("%").rules == (
        Threshold(comparison=Comparison.AT_MOST, value=1, unit="%"),
        YesNo(),
    )
    with_unit = Threshold(comparison=Comparison.AT_MOST, value=1, unit="dagar")
    assert Composite(rules=(with_unit,)).with_unit("%").rules == (with_unit,)
    assert YesNo().demand(Y2023, None) == Demand(expected=True)
    assert YesNo(expected=False).demand(Y2023, None) == Demand(expected=False)


def test_demands_describe_each_kind_as_numbers():
    tolerance = Tolerance(D(1))
    assert Threshold(comparison=Comparison.LESS_THAN, value=250, tolerance=tolerance).demand(
        Y2023, None
    ) == Demand(
        bounds=(Bound(direction=LOWER, inclusive=False, target=D(250), tolerance=tolerance),)
    )
    assert Maintain(level=5).demand(Y2023, None) is None
    assert Maintain(level=5).demand(Y2023, LOWER) == Demand(
        bounds=(Bound(direction=LOWER, target=D(5)),)
    )
    change = Change.decrease(Period("2015"), by=D(10), relative=True, baseline_value=D(40))
    assert change.demand(Y2023, None) == Demand(
        bounds=(
            Bound(
                direction=LOWER,
                inclusive=True,
                anchor=Anchor(
                    period=Period("2015"),
                    amount=D(-10),
                    relative=True,
                    fallback=D(40),
                    detail="2015",
                ),
            ),
        ),
        shows_target=True,
    )
    assert change.required(D(40)) == D(36)


def test_a_rule_result_without_a_baseline_names_the_baseline():
    rule = Change.increase(Period("2018"))
    result = rule.judge(RuleContext.of_values({"total": {Y2023: D(5)}}, period=Y2023))
    assert result.not_assessed is not None
    assert result.not_assessed.reason.value == "no_baseline"
    assert result.not_assessed.detail == "2018"


def test_judged_gives_value_target_gap_and_a_relative_band():
    rule = Threshold(comparison=Comparison.AT_LEAST, value=200)
    result = judged(
        rule,
        value=D(197),
        target=D(200),
        direction=HIGHER,
        inclusive=True,
        tolerance=Tolerance(D(2), relative=True),  # 2 % of 200 is 4
        unit="st",
        show_target=True,
    )
    assert result.outcome is Achievement.NEAR
    assert (result.value, result.target, result.gap) == (D(197), D(200), D(-3))
    assert result.explanation.render(locale="en") == (
        "Outcome 197 st, target at least 200 (target value 200 st): close to the target."
    )
    assert verdict(D(-5), inclusive=True, tolerance=Tolerance(D(2), relative=True), target=D(200))
    assert (
        verdict(D(-5), inclusive=True, tolerance=Tolerance(D(2), relative=True), target=D(200))
        is Achievement.NOT_MET
    )


@pytest.mark.parametrize(
    ("rule", "english"),
    [
        (
            RelativeToReference(
                reference="riket", comparison=Comparison.AT_LEAST, margin=0, relative=False
            ),
            "at least 0 above riket",
        ),
        (
            RelativeToReference(
                reference="riket", comparison=Comparison.AT_MOST, margin=D(5), unit="dagar"
            ),
            "at most 5% above riket (in dagar)",
        ),
        (
            RelativeToReference(reference="riket", comparison=Comparison.AT_MOST, unit="dagar"),
            "at most riket (in dagar)",
        ),
    ],
)
def test_reference_sentences_say_everything_the_rule_holds(rule: Rule, english: str) -> None:
    assert rule.describe().render(locale="en") == english


def test_band_text_form_names_its_ends_and_tolerance():
    band = kind("band")
    assert str(band(low=1, high=2)) == "between 1 and 2"
    assert str(band(low=1, high=2, unit="%", tolerance=Tolerance(D(1)))) == "between 1 and 2 % ±1"
    assert Quantity(D(1), None).unit is None


# -- strategies drawn by each kind ------------------------------------------------------------


@settings(max_examples=50)
@given(data=st.data(), direction=st.sampled_from(list(Direction)))
def test_each_kind_samples_rules_of_the_wanted_direction(data, direction):
    rule = data.draw(
        target_rules(
            directions=st.just(direction),
            types=[Threshold, Change, RelativeToReference],
            references=["riket"],
        )
    )
    assert rule.stated_direction is direction
    if isinstance(rule, Change) and rule.relative:
        assert rule.by is not None


@pytest.mark.parametrize(
    ("types", "condition"),
    [
        ([Change], lambda rule: rule.relative),
        ([Change], lambda rule: rule.by is None),
        ([Change], lambda rule: rule.tolerance is not None and rule.unit is None),
        ([RelativeToReference], lambda rule: rule.relative and rule.margin < 0),
        ([RelativeToReference], lambda rule: not rule.relative and rule.margin > 0),
        ([RelativeToReference], lambda rule: rule.tolerance is not None),
        ([YesNo], lambda rule: rule.expected is False),
    ],
)
def test_samples_reach_every_variant_of_a_kind(types, condition):
    if types == [YesNo]:
        found = find(st.from_type(YesNo), condition)
    else:
        found = find(target_rules(types=types, references=["riket"]), condition)
    assert condition(found)


def test_a_kind_that_samples_nothing_leaves_it_to_the_strategies():
    assert Composite.sample(None, HIGHER) is None  # type: ignore[arg-type]
    assert Composite.read(None, 0) is None  # type: ignore[arg-type]
    assert attrs.has(kind("band"))


def test_a_tag_must_be_a_non_empty_text():
    class Blank(Rule):
        tag: ClassVar[str] = ""

        def judge(self, context: RuleContext) -> RuleResult:
            raise NotImplementedError

        def describe(self) -> malstyrning.i18n.Message:
            raise NotImplementedError

    with pytest.raises(TypeError, match="Blank must state its document tag"):
        register(Blank)
    Blank.tag = 5  # type: ignore[assignment]
    with pytest.raises(TypeError, match="Blank must state its document tag"):
        register(Blank)


def test_a_per_series_rule_demands_what_its_rule_demands_in_the_period():
    from malstyrning.rules import TargetLevel, Trajectory

    levels = Trajectory(
        levels=(TargetLevel(Period("2022"), D(85)), TargetLevel(Period("2024"), 87))
    )
    women = SeriesTarget(series="women", rule=levels)
    assert women.demand(Y2023, HIGHER) == levels.demand(Y2023, HIGHER)
    assert women.demand(Y2023, HIGHER).bounds[0].target == D(86)
    assert women.demand(Y2023, None) is None


def test_an_interpolated_target_of_zero_keeps_the_decimals_of_its_levels():
    from malstyrning.rules import TargetLevel, Trajectory

    levels = (TargetLevel(Period("2020"), D("-1.0")), TargetLevel(Period("2022"), D("1.0")))
    assert str(Trajectory(levels=levels).target_for(Period("2021"))) == "0.00"


def test_a_band_names_its_tolerance_in_its_unit():
    band = kind("band")(low=85, high=95, unit="dagar", tolerance=Tolerance(D(2)))
    assert band.describe().render(locale="en") == "between 85 and 95 dagar (close within 2 dagar)"


@pytest.mark.parametrize("name", ["Threshold", "Change", "Maintain", "Trajectory", "Band"])
@settings(max_examples=20)
@given(data=st.data())
def test_every_kind_samples_the_unit_and_tolerance_it_is_given(name, data):
    rule = data.draw(
        target_rules(
            types=[getattr(malstyrning.rules, name)],
            units=st.just("dagar"),
            tolerances=st.just(Tolerance(D(1))),
        )
    )
    assert rule.unit == "dagar"
    assert rule.tolerance == Tolerance(D(1))


@settings(max_examples=20)
@given(data=st.data())
def test_a_sampled_reference_rule_states_the_unit_it_is_given(data):
    rule = data.draw(
        target_rules(types=[RelativeToReference], references=["riket"], units=st.just("dagar"))
    )
    assert rule.unit == "dagar"


@settings(max_examples=50)
@given(rule=target_rules(types=[malstyrning.rules.Trajectory]))
def test_sampled_target_levels_come_every_other_year_from_2019(rule):
    assert 1 <= len(rule.levels) <= 3
    assert [level.period for level in rule.levels] == [
        Period.year(2019 + 2 * i) for i in range(len(rule.levels))
    ]


def test_sampled_target_levels_reach_three_levels():
    found = find(target_rules(types=[malstyrning.rules.Trajectory]), lambda r: len(r.levels) > 2)
    assert len(found.levels) == 3


def test_sampled_target_levels_may_be_a_single_level():
    found = find(target_rules(types=[malstyrning.rules.Trajectory]), lambda r: len(r.levels) == 1)
    assert len(found.levels) == 1


def test_a_kind_without_a_demand_must_judge_for_itself():
    class Undemanding(Rule):
        tag: ClassVar[str] = "undemanding"

        def describe(self) -> malstyrning.i18n.Message:
            raise NotImplementedError

    context = RuleContext.of_values({}, period=Y2023)
    with pytest.raises(NotImplementedError) as raised:
        Undemanding().judge(context)
    assert str(raised.value) == "Undemanding states no demand: define judge()"


# -- directions, numbers and verdicts every kind shares ---------------------------------------


def test_a_direction_flips_to_the_other_one() -> None:
    assert HIGHER.flipped() is LOWER
    assert LOWER.flipped() is HIGHER


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda: Threshold(comparison=Comparison.AT_LEAST, value=None),
            "Threshold.value must be a finite number (got None)",
        ),
        (lambda: Maintain(level=None), "Maintain.level must be a finite number (got None)"),
        (lambda: kind("band")(low=None, high=1), "Band.low must be a finite number (got None)"),
        (
            lambda: RelativeToReference(
                reference="riket", comparison=Comparison.AT_MOST, margin=None
            ),
            "RelativeToReference.margin must be a finite number (got None)",
        ),
        (
            lambda: malstyrning.rules.TargetLevel(Y2023, None),
            "TargetLevel.value must be a finite number (got None)",
        ),
        (lambda: Tolerance(None), "Tolerance.amount must be a finite number (got None)"),
        (
            lambda: Threshold(comparison=Comparison.AT_LEAST, value=True),
            "Threshold.value must be a finite number (got True)",
        ),
    ],
)
def test_a_number_a_rule_needs_cannot_be_left_as_none(build, message) -> None:
    with pytest.raises(malstyrning.InvalidTarget) as raised:
        build()
    assert str(raised.value) == message


def test_numbers_a_rule_may_leave_out_stay_none() -> None:
    change = Change.increase(Period("2018"), by=None, baseline_value=None)
    assert (change.by, change.baseline_value) == (None, None)


@pytest.mark.parametrize(
    ("build", "place", "number"),
    [
        (
            lambda: Threshold(comparison=Comparison.AT_LEAST, value=D("1E+15")),
            "Threshold.value",
            "1E+15",
        ),
        (lambda: Maintain(level=D("0.0000000000001")), "Maintain.level", "1E-13"),
        (lambda: Change.increase(Period("2018"), by=D("1E+16")), "Change.by", "1E+16"),
        (lambda: Tolerance(D("1234567890123456")), "Tolerance.amount", "1234567890123456"),
    ],
)
def test_a_rule_number_out_of_bounds_names_the_field_and_the_bounds(build, place, number) -> None:
    with pytest.raises(malstyrning.InvalidTarget) as raised:
        build()
    assert str(raised.value) == (
        f"{place}: the number {number!r} is out of bounds: numbers must be below 10^15 in size "
        "with at most 12 decimals, so that every computation on them is exact"
    )


def test_rule_numbers_just_inside_the_bounds_are_kept() -> None:
    assert Threshold(comparison=Comparison.AT_LEAST, value="999999999999999").value == D(
        "999999999999999"
    )
    assert Maintain(level="0.000000000001").level == D("0.000000000001")


@pytest.mark.parametrize(("inclusive", "verdict_on_target"), [(True, "met"), (False, "not met")])
def test_judged_without_the_target_shown_says_outcome_rule_and_verdict(
    inclusive: bool, verdict_on_target: str
) -> None:
    rule = Threshold(comparison=Comparison.AT_LEAST, value=200, unit="st")
    result = judged(
        rule,
        value=D(200),
        target=D(200),
        direction=HIGHER,
        inclusive=inclusive,
        tolerance=None,
        unit="st",
        show_target=False,
    )
    assert (result.value, result.target, result.gap) == (D(200), D(200), D(0))
    assert result.explanation.render(locale="en") == (
        f"Outcome 200 st, target at least 200 st: {verdict_on_target}."
    )


def test_a_judged_rule_result_holds_the_outcome_it_judged() -> None:
    rule = Threshold(comparison=Comparison.AT_MOST, value=5)
    result = rule.judge(RuleContext.of_values({"total": {Y2023: D("4.5")}}, period=Y2023))
    assert (result.value, result.target, result.gap) == (D("4.5"), D(5), D("0.5"))


def test_a_target_level_not_yet_due_names_the_period_it_applies_from() -> None:
    from malstyrning.rules import TargetLevel, Trajectory

    rule = Trajectory(
        levels=(TargetLevel(Period("2024"), D(85)), TargetLevel(Period("2026"), D(87)))
    )
    assert rule.demand(Y2023, HIGHER) == Demand(not_due_before=Period("2024"))
    result = rule.judge(RuleContext.of_values({"total": {Y2023: D(80)}}, period=Y2023))
    assert result.not_assessed == malstyrning.NotAssessed(
        malstyrning.NotAssessedReason.NOT_YET_DUE, "2024"
    )
    assert result.explanation.render(locale="en") == (
        "Not assessed: the target level applies from a later period (2024)."
    )


@pytest.mark.parametrize(
    ("rule", "english", "swedish"),
    [
        (
            Change.increase(Period("2018"), by=5, unit="%"),
            "increase by at least 5 percentage points compared with 2018",
            "öka med minst 5 procentenheter jämfört med 2018",
        ),
        (
            RelativeToReference(
                reference="riket", comparison=Comparison.AT_MOST, margin=2, relative=False, unit="%"
            ),
            "at most 2 percentage points above riket",
            "högst 2 procentenheter över riket",
        ),
        (
            Change.increase(Period("2018"), by=5, unit="dagar"),
            "increase by at least 5 dagar compared with 2018",
            "öka med minst 5 dagar jämfört med 2018",
        ),
    ],
)
def test_an_amount_in_a_percent_unit_is_percentage_points(
    rule: Rule, english: str, swedish: str
) -> None:
    assert rule.describe().render(locale="en") == english
    assert rule.describe().render(locale="sv") == swedish


# -- demands kept per period -------------------------------------------------------------------


def _levels() -> Rule:
    from malstyrning.rules import TargetLevel, Trajectory

    return Trajectory(levels=(TargetLevel(Period("2022"), D(85)), TargetLevel(Period("2030"), 93)))


def test_a_trajectory_builds_each_period_demand_once_per_direction() -> None:
    rule = _levels()
    periods = [Period.year(2020 + i) for i in range(4)]
    higher = [rule.demand(period, HIGHER) for period in periods]
    lower = [rule.demand(period, LOWER) for period in periods]
    # Asked again, in another order, each period and direction gives the demand it was given.
    for period, kept_higher, kept_lower in reversed(list(zip(periods, higher, lower, strict=True))):
        assert rule.demand(period, LOWER) is kept_lower
        assert rule.demand(period, HIGHER) is kept_higher
    assert higher[0] == lower[0] == Demand(not_due_before=Period("2022"))
    assert higher[3] == Demand(bounds=(Bound(direction=HIGHER, target=D(86)),), shows_target=True)
    assert lower[3] == Demand(bounds=(Bound(direction=LOWER, target=D(86)),), shows_target=True)


def test_a_trajectory_keeps_the_demands_of_64_periods_and_then_starts_again() -> None:
    rule = _levels()
    periods = [Period.year(1900 + i) for i in range(65)]
    first = rule.demand(periods[0], HIGHER)
    for period in periods[1:64]:
        rule.demand(period, HIGHER)
    assert rule.demand(periods[0], HIGHER) is first  # 64 periods kept
    rule.demand(periods[64], HIGHER)  # a 65th: the kept demands are let go
    again = rule.demand(periods[0], HIGHER)
    assert again == first
    assert again is not first
