from decimal import Decimal as D

import pytest

from malstyrning import (
    Assignment,
    Goal,
    Indicator,
    InvalidPlan,
    Judgement,
    Measurement,
    NotAssessedReason,
    Period,
    Plan,
    PlanLevel,
    Report,
    Series,
    UnknownNode,
)
from malstyrning.rules import (
    Comparison,
    Direction,
    RelativeToReference,
    SeriesTarget,
    Threshold,
    YesNo,
)


def plan_with(*children, levels=(PlanLevel("result_goal", "Resultatmål"),), level="result_goal"):
    return Plan(
        id="p",
        title="Plan",
        organisation="Region",
        validity=Period("2019"),
        levels=levels,
        goals=(Goal(id="g", title="Mål", level=level, children=children),),
    )


def indicator(id="i", **kwargs):
    return Indicator(id=id, title="Indikator", **kwargs)


def test_lookups_are_by_id():
    plan = plan_with(
        indicator("a"), Goal(id="sub", title="Del", level="result_goal", children=(indicator("b"),))
    )
    assert plan["b"].id == "b"
    assert plan.parent("b").id == "sub"
    assert [goal.id for goal in plan.ancestors("b")] == ["g", "sub"]
    assert plan.depth("b") == 2
    assert plan.path_of("b") == "$.goals[0].children[1].children[0]"
    assert [node.id for node in plan.walk()] == ["g", "a", "sub", "b"]
    assert "a" in plan and "zzz" not in plan
    assert len(plan) == 4
    assert plan.level_label("result_goal") == "Resultatmål"
    assert repr(plan).startswith("Plan(id='p'")


def test_unknown_id_suggests_close_ids():
    plan = plan_with(indicator("antibiotika"))
    with pytest.raises(UnknownNode, match="did you mean 'antibiotika'"):
        plan["antibiotica"]


def test_every_problem_is_listed_with_its_path():
    with pytest.raises(InvalidPlan) as raised:
        plan_with(
            indicator("dup"),
            indicator("dup"),
            Goal(id="x", title="X", level="nope"),
            indicator(
                "u",
                unit="%",
                target=Threshold(comparison=Comparison.AT_LEAST, value=D(1), unit="rec/TIN"),
            ),
            indicator(
                "d",
                direction=Direction.LOWER_IS_BETTER,
                target=Threshold(comparison=Comparison.AT_LEAST, value=D(1)),
            ),
            indicator("s", target=SeriesTarget(series="women", rule=YesNo())),
            indicator(
                "r", target=RelativeToReference(reference="riket", comparison=Comparison.AT_MOST)
            ),
            Assignment(id="a", title="A", reports=(Report(period=Period("2019"), status="blue"),)),
            indicator(
                "j", judgements=(Judgement(period=Period("2019"), status="purple", by="HSN"),)
            ),
        )
    paths = [problem.path for problem in raised.value.problems]
    text = str(raised.value)
    assert "$.goals[0].children[1].id" in paths
    assert "$.goals[0].children[2].level" in paths
    assert "duplicate id 'dup'" in text
    assert "unknown level 'nope'" in text
    assert "in 'rec/TIN' but the indicator is in '%'" in text
    assert "rewards higher is better" in text
    assert "series 'women'" in text
    assert "yes/no rule belongs on a yes/no measure" in text
    assert "compares with series 'riket'" in text
    assert "unknown status 'blue'" in text
    assert "unknown status 'purple'" in text
    assert text.startswith("plan 'p' is not valid: 10 problems")


def test_duplicate_periods_and_series_are_problems():
    with pytest.raises(InvalidPlan, match="a second entry for period 2019"):
        plan_with(
            indicator(
                series=(
                    Series(
                        key="total",
                        measurements=(
                            Measurement(period=Period("2019"), value=D(1)),
                            Measurement(period=Period("2019"), value=D(2)),
                        ),
                    ),
                )
            )
        )
    with pytest.raises(InvalidPlan, match="duplicate series 'total'"):
        plan_with(indicator(series=(Series(key="total"), Series(key="total"))))


def test_a_measurement_is_a_value_or_a_reason():
    with pytest.raises(InvalidPlan, match="both a value"):
        Measurement(period=Period("2019"), value=D(1), missing=NotAssessedReason.TOO_EARLY)
    assert Measurement(period=Period("2019"), value=4.1).value == D("4.1")
    assert Measurement(period=Period("2019"), value=3).value == D(3)


@pytest.mark.parametrize("bad", ["", "has space", "-start", "å"])
def test_ids_are_checked(bad):
    with pytest.raises(InvalidPlan, match="stable id"):
        indicator(bad)


def test_follow_up_data_is_kept_in_time_order():
    series = Series(
        key="total",
        measurements=(
            Measurement(period=Period("2020"), value=D(2)),
            Measurement(period=Period("2019"), value=D(1)),
        ),
    )
    assert [m.period for m in series.measurements] == [Period("2019"), Period("2020")]


def test_main_series_prefers_total_then_first_subject():
    assert indicator(series=(Series(key="women"), Series(key="total"))).main_series.key == "total"
    assert (
        indicator(series=(Series(key="riket", reference=True), Series(key="women"))).main_series.key
        == "women"
    )
    assert (
        indicator(
            series=(Series(key="women"), Series(key="men")), primary_series="men"
        ).main_series.key
        == "men"
    )


def test_values_are_immutable():
    plan = plan_with(indicator())
    with pytest.raises(AttributeError):
        plan.title = "x"  # type: ignore[misc]
    assert hash(plan) == hash(plan_with(indicator()))
