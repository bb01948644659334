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
