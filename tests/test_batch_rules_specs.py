"""How batch evaluation reads its ``rules=`` argument into one spec per indicator.

Pins ``malstyrning._batch_rules.specs_by_indicator`` (and ``_specs``, ``_spec``,
``_Spec.demands``): which nodes of a plan or entries of a mapping become specs, in which
order, with which direction and pace method; the items a band (one leaf of two bounds) is
flattened into, alone and inside composites; and the exact messages of every refusal
(arguments of the wrong type, aggregated indicators, rules that follow a direction nobody
gives). Builds no frame and runs no query.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from malstyrning._batch_rules import _Item, _Spec, _spec, specs_by_indicator
from malstyrning.batch import BatchInputError, UnsupportedRule
from malstyrning.model import (
    Aggregation,
    Assignment,
    Goal,
    Indicator,
    Plan,
    PlanLevel,
    YesNoMeasure,
)
from malstyrning.pace_method import DEFAULT_PACE_METHOD, BaseChoice, NonPositive, PaceMethod
from malstyrning.periods import Period
from malstyrning.rules import (
    Band,
    Comparison,
    Composite,
    CompositeMode,
    Direction,
    Maintain,
    SeriesTarget,
    TargetLevel,
    Threshold,
    Trajectory,
    YesNo,
)
from malstyrning.rules._base import Bound, Demand

UP, DOWN = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER
AT_LEAST_5 = Threshold(comparison=Comparison.AT_LEAST, value=D(5))
AT_MOST_9 = Threshold(comparison=Comparison.AT_MOST, value=D(9))
OWN = PaceMethod(non_positive=NonPositive.LINEAR)
LEVEL = PaceMethod(base=BaseChoice.FIXED, base_period=Period("2018"))
PLAN_WIDE = PaceMethod(base=BaseChoice.FIRST_FROM, base_period=Period("2017"))


# -- which nodes and entries become specs -----------------------------------------------------


def test_a_plan_gives_a_spec_per_indicator_and_measure_in_walk_order() -> None:
    plain = Indicator(id="plain", title="P", direction=DOWN, target=AT_MOST_9)
    own = Indicator(id="own", title="O", target=AT_LEAST_5, pace=OWN)
    measure = YesNoMeasure(id="measure", title="M", expected=False)
    untargeted = Indicator(id="untargeted", title="U")
    plan = Plan(
        id="p",
        title="P",
        organisation="O",
        validity=Period("2019"),
        levels=(PlanLevel(key="goal", label="Mål", pace=LEVEL),),
        goals=(
            Goal(
                id="g",
                title="G",
                level="goal",
                children=(plain, Assignment(id="task", title="T"), own, measure, untargeted),
            ),
        ),
        pace=PLAN_WIDE,
    )
    specs = specs_by_indicator(plan)
    # Goals and assignments give no spec; the others keep the plan's order.
    assert list(specs) == ["plain", "own", "measure", "untargeted"]
    # An indicator without its own pace method takes its goal level's, not the plan's.
    assert specs["plain"] == _Spec(
        indicator="plain",
        direction=DOWN,
        items=(_Item(parent=-1, leaf=AT_MOST_9),),
        rule=AT_MOST_9,
        method=LEVEL,
    )
    assert specs["own"].method == OWN
    # A yes/no measure is judged by its expected answer, without a direction (no trend).
    assert specs["measure"] == _Spec(
        indicator="measure",
        direction=None,
        items=(_Item(parent=-1, leaf=YesNo(expected=False)),),
        rule=YesNo(expected=False),
    )
    assert specs["untargeted"] == _Spec(indicator="untargeted", direction=UP, method=LEVEL)


def test_a_mapping_gives_a_spec_per_entry_in_its_order() -> None:
    rules = {
        "own": Indicator(id="ind", title="I", direction=DOWN, target=AT_MOST_9, pace=OWN),
        "default": Indicator(id="ind", title="I", target=AT_LEAST_5),
        "rule": AT_MOST_9,
        "measure": YesNoMeasure(id="m", title="M"),
        "nothing": None,
    }
    specs = specs_by_indicator(rules)
    # Keyed by the mapping's keys, not the indicators' own ids.
    assert list(specs) == ["own", "default", "rule", "measure", "nothing"]
    assert specs["own"] == _Spec(
        indicator="own",
        direction=DOWN,
        items=(_Item(parent=-1, leaf=AT_MOST_9),),
        rule=AT_MOST_9,
        method=OWN,
    )
    # Outside a plan an indicator without a pace method of its own takes the default.
    assert specs["default"].method == DEFAULT_PACE_METHOD
    assert specs["default"].direction is UP
    # A bare rule's direction is the one it states (at most: lower is better).
    assert specs["rule"] == _Spec(
        indicator="rule",
        direction=DOWN,
        items=(_Item(parent=-1, leaf=AT_MOST_9),),
        rule=AT_MOST_9,
    )
    assert specs["measure"].items == (_Item(parent=-1, leaf=YesNo(expected=True)),)
    assert specs["measure"].direction is None
    assert specs["nothing"] == _Spec(indicator="nothing", direction=None)


def test_a_spec_keeps_indicator_direction_rule_and_method() -> None:
    assert _spec("kpi", AT_LEAST_5, DOWN, OWN) == _Spec(
        indicator="kpi",
        direction=DOWN,
        items=(_Item(parent=-1, leaf=AT_LEAST_5),),
        rule=AT_LEAST_5,
        method=OWN,
    )
    assert _spec("kpi", None, DOWN, OWN) == _Spec(indicator="kpi", direction=DOWN, method=OWN)


# -- refusals -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        (
            [AT_LEAST_5],
            "rules must be a Plan or a mapping of indicator ids to rules or indicators (got list)",
        ),
        (
            {"kpi": AT_LEAST_5, "bad": 3},
            "rules['bad'] must be a rule, an Indicator or a YesNoMeasure (got int)",
        ),
        (
            {"kpi": Goal(id="g", title="G", level="goal")},
            "rules['kpi'] must be a rule, an Indicator or a YesNoMeasure (got Goal)",
        ),
    ],
    ids=["a-list", "a-number", "a-goal"],
)
def test_rules_of_the_wrong_type_are_refused_naming_the_type(rules: object, message: str) -> None:
    with pytest.raises(BatchInputError) as raised:
        specs_by_indicator(rules)  # type: ignore[arg-type]
    assert str(raised.value) == message


@pytest.mark.parametrize("aggregation", list(Aggregation), ids=[a.value for a in Aggregation])
def test_an_aggregated_indicator_is_refused(aggregation: Aggregation) -> None:
    indicator = Indicator(id="i", title="I", target=AT_LEAST_5, aggregation=aggregation)
    with pytest.raises(UnsupportedRule) as raised:
        specs_by_indicator({"kpi": indicator})
    assert str(raised.value) == (
        "indicator 'kpi': outcomes of shorter periods answer for longer ones "
        f"(aggregation {aggregation.value!r}), which batch evaluation cannot do; "
        "evaluate this indicator with malstyrning.evaluate instead"
    )


def test_a_bare_rule_that_follows_the_indicators_direction_is_refused() -> None:
    rule = Maintain(level=D(5))
    with pytest.raises(UnsupportedRule) as raised:
        specs_by_indicator({"kpi": rule})
    assert str(raised.value) == (
        f"indicator 'kpi': rule Maintain ({rule}) cannot be judged in batch: it follows the "
        "indicator's direction, which a bare rule does not give; pass an Indicator (with "
        "direction=) instead of the rule; evaluate this indicator with malstyrning.evaluate "
        "instead"
    )
    # The same rule in an indicator is judged in the indicator's direction.
    spec = specs_by_indicator({"kpi": Indicator(id="i", title="I", direction=DOWN, target=rule)})
    assert spec["kpi"].direction is DOWN


# -- bands: one leaf of two bounds ----------------------------------------------------------


def test_a_band_alone_is_two_bounds_under_a_band_node() -> None:
    band = Band(low=D(40), high=D(60))
    spec = _spec("i", band, UP)
    assert spec.items == (
        _Item(parent=2, leaf=band, bound=0),
        _Item(parent=2, leaf=band, bound=1),
        _Item(parent=-1, band=2),
    )
    # Target and gap come from the nearer of the band's two ends.
    assert (spec.root, spec.gap_items, spec.leaves) == (2, 2, (band,))


def test_a_band_inside_a_composite_counts_as_one_part() -> None:
    band = Band(low=D(40), high=D(60))
    rule = Composite(rules=(AT_LEAST_5, SeriesTarget(series="women", rule=band)))
    spec = _spec("i", rule, UP)
    assert spec.items == (
        _Item(parent=4, leaf=AT_LEAST_5),
        _Item(parent=3, leaf=band, bound=0, series="women"),
        _Item(parent=3, leaf=band, bound=1, series="women"),
        _Item(parent=4, band=2),
        _Item(parent=-1, need=2),
    )
    assert (spec.root, spec.gap_items, spec.leaves) == (4, 0, (AT_LEAST_5, band))


def test_a_band_before_other_parts_keeps_its_own_node() -> None:
    band = Band(low=D(1), high=D(3))
    rule = Composite(rules=(band, AT_MOST_9))
    assert _spec("i", rule, UP).items == (
        _Item(parent=2, leaf=band, bound=0),
        _Item(parent=2, leaf=band, bound=1),
        _Item(parent=4, band=2),
        _Item(parent=4, leaf=AT_MOST_9),
        _Item(parent=-1, need=2),
    )


def test_a_band_after_a_nested_composite_leaves_the_composites_parts_alone() -> None:
    band = Band(low=D(1), high=D(3))
    either = Composite(rules=(AT_LEAST_5, AT_MOST_9), mode=CompositeMode.ANY)
    rule = Composite(rules=(either, band))
    assert _spec("i", rule, UP).items == (
        _Item(parent=2, leaf=AT_LEAST_5),
        _Item(parent=2, leaf=AT_MOST_9),
        _Item(parent=6, need=1),
        _Item(parent=5, leaf=band, bound=0),
        _Item(parent=5, leaf=band, bound=1),
        _Item(parent=6, band=2),
        _Item(parent=-1, need=2),
    )


# -- what each leaf demands in a period -------------------------------------------------------


def test_demands_are_each_leafs_in_the_period_and_the_indicators_direction() -> None:
    levels = Trajectory(
        levels=(TargetLevel(Period("2021"), D(5)), TargetLevel(Period("2023"), D(3)))
    )
    keep = Maintain(level=D(7))
    band = Band(low=D(1), high=D(3))
    spec = _spec("i", Composite(rules=(keep, band, levels)), DOWN)
    period = Period("2023")
    assert spec.demands(period) == (
        Demand(bounds=(Bound(direction=DOWN, target=D(7)),)),
        Demand(bounds=(Bound(direction=UP, target=D(1)), Bound(direction=DOWN, target=D(3)))),
        levels.demand(period, DOWN),
    )
    # The trajectory's level of the period asked for, not another's.
    [*_, due] = spec.demands(period)
    [*_, earlier] = spec.demands(Period("2021"))
    assert (due.bounds[0].target, earlier.bounds[0].target) == (D(3), D(5))
    assert _spec("i", None, DOWN).demands(period) == ()
