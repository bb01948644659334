import json
from decimal import Decimal
from decimal import Decimal as D

import attrs
import pytest
from click.testing import CliRunner

from malstyrning import (
    Achievement,
    Activity,
    Assignment,
    Goal,
    Indicator,
    InvalidScale,
    Judgement,
    Level,
    Measurement,
    NotAssessedReason,
    Period,
    Plan,
    PlanLevel,
    Report,
    Scale,
    Series,
    evaluate,
    examples,
)
from malstyrning.cli import main
from malstyrning.evaluation import MeanOfRanks, ShareThresholds, default_period, judge_pace
from malstyrning.pace_method import BaseChoice, PaceMethod
from malstyrning.rules import (
    Comparison,
    Composite,
    Direction,
    Maintain,
    SeriesTarget,
    TargetLevel,
    Threshold,
    Trajectory,
)


def cli_json(*args):
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return {record["id"]: record for record in json.loads(result.stdout, parse_float=D)}


@pytest.fixture(scope="module")
def jamtland():
    return cli_json("evaluate", "jamtland-harjedalen-2019", "--period", "2019-T1")


@pytest.fixture(scope="module")
def vasternorrland():
    return cli_json("evaluate", "vasternorrland-2022", "--period", "2020")


@pytest.mark.parametrize(
    ("node", "status", "value", "target"),
    [
        ("antibiotika", "green", "245", "250"),
        ("anvandarkonton", "green", "60000", "42000"),
        ("vard-pa-distans", "green", "82", "16"),
        ("sjukfranvaro", "red", "5.6", None),
        ("medarbetarskap", "yellow", "4.09", "4.10"),
        ("attraktiv-arbetsgivare", "green", "4.91", "4.90"),
        ("sjalvupplevd-halsa", "green", "4.86", "4.85"),
        ("arbetsmiljoindex", "yellow", "4.64", "4.65"),
        ("kompetens", "green", "5.03", "5.0"),
        ("vardgaranti", "red", None, None),
        ("vald-bup", "red", "25", "80"),
        ("vald-ovriga", "red", "567", "643"),
    ],
)
def test_seed_000_statuses_follow_from_the_numbers(jamtland, node, status, value, target):
    record = jamtland[node]
    assert record["status"] == status
    assert record["period"] == "2019-T1"
    if value is not None:
        assert D(str(record["value"])) == D(value)
    if target is not None:
        assert str(record["target"]) == target
    assert record["explanation"]


def test_seed_000_sick_leave_is_not_green_and_explains_each_series(jamtland):
    record = jamtland["sjukfranvaro"]
    assert record["status"] != "green"
    assert "5,6" in record["explanation"]
    assert "5,0" in record["explanation"]


@pytest.mark.parametrize(
    ("node", "reason"),
    [
        ("hembesok", "measured_later"),
        ("sip", "too_early"),
        ("chefsindex", "not_measurable"),
        ("vardskada", "no_data"),
        ("diklofenak", "no_target"),
        ("svf-utredda", "not_yet_due"),
    ],
)
def test_seed_000_missing_outcomes_are_not_assessed_with_their_reason(jamtland, node, reason):
    record = jamtland[node]
    assert record["status"] == "not_assessed"
    assert record["not_assessed_reason"] == reason


def test_seed_000_every_quantified_target_is_assessed(jamtland):
    plan = examples.load("jamtland-harjedalen-2019")
    indicators = [node for node in plan.walk() if isinstance(node, Indicator)]
    assert len(indicators) >= 30
    for node in indicators:
        record = jamtland[node.id]
        assert record["kind"] == "indicator"
        assert record["status"] in {"green", "yellow", "red", "not_assessed"}
        if record["status"] == "not_assessed":
            assert record["not_assessed_reason"]


def test_seed_000_has_every_strategy(jamtland):
    plan = examples.load("jamtland-harjedalen-2019")
    assert [goal.level for goal in plan.goals] == ["strategy"] * 4
    result_goals = [n for n in plan.walk() if isinstance(n, Goal) and n.level == "result_goal"]
    assert len(result_goals) >= 30


def test_seed_003_pace(vasternorrland):
    hired = vasternorrland["inhyrd-personal-kostnadsandel"]
    assert hired["pace"]["status"] == "on_track"
    assert hired["pace"]["baseline"] == D("13.9")
    assert hired["pace"]["current"] == D("11.3")
    assert hired["pace"]["target"] == D("8.0")
    assert hired["pace"]["ratio"] >= D("0.95")
    hme = vasternorrland["hme-totalindex"]
    assert hme["pace"]["status"] not in {"on_track", "achieved"}
    assert hme["pace"]["status"] == "deterioration"
    survey = vasternorrland["tillganglighet-primarvard"]
    assert survey["pace"]["status"] is None
    assert survey["pace"]["not_assessed"] == "no_data"


def test_seed_003_has_its_goal_areas_indicators_and_yes_no_measures():
    plan = examples.load("vasternorrland-2022")
    assert [goal.level for goal in plan.goals] == ["goal_area"] * 3
    kinds = [node.kind for node in plan.walk()]
    assert kinds.count("indicator") == 12
    assert kinds.count("yes_no") == 3
    assert plan.vision == "Liv, hälsa och hållbar utveckling"


def indicator(values, **kwargs):
    measurements = tuple(Measurement(period=Period(p), value=D(v)) for p, v in values.items())
    return Indicator(
        id=kwargs.pop("id", "i"),
        title="I",
        series=(Series(key="total", measurements=measurements),),
        **kwargs,
    )


def plan_of(*children, **goal_fields):
    return Plan(
        id="p",
        title="P",
        organisation="O",
        validity=Period("2019"),
        levels=(PlanLevel("goal", "Mål"),),
        goals=(Goal(id="g", title="G", level="goal", children=children, **goal_fields),),
    )


def test_manual_judgement_overrides_and_keeps_the_derived_status():
    judged = indicator(
        {"2019": 1},
        target=Threshold(comparison=Comparison.AT_LEAST, value=D(2)),
        judgements=(
            Judgement(period=Period("2019"), status="yellow", by="HSN", reason="Åtgärder pågår"),
        ),
    )
    assessment = evaluate(plan_of(judged), period="2019")["i"]
    assert assessment.status == "yellow"
    assert assessment.derived_status == "red"
    assert assessment.judgement.by == "HSN"
    assert "HSN" in assessment.explain(locale="en")
    assert "red" in assessment.explain(locale="en")


def test_activities_and_assignments():
    plan = plan_of(
        Activity(id="done", title="A", reports=(Report(period=Period("2019"), status="done"),)),
        Activity(id="late", title="B", reports=(Report(period=Period("2019"), status="delayed"),)),
        Activity(id="off", title="C", reports=(Report(period=Period("2019"), status="cancelled"),)),
        Assignment(
            id="task", title="D", reports=(Report(period=Period("2019-T1"), status="yellow"),)
        ),
        Assignment(
            id="words", title="E", reports=(Report(period=Period("2019"), comment="Pågår"),)
        ),
    )
    evaluation = evaluate(plan, period="2019")
    assert evaluation["done"].status == "green"
    assert evaluation["late"].status == "red"
    assert evaluation["off"].status is None
    assert evaluation["off"].not_assessed.reason is NotAssessedReason.CANCELLED
    assert evaluation["task"].status == "yellow"  # a report inside the period counts
    assert evaluation["words"].not_assessed.reason is NotAssessedReason.NOT_JUDGED
    assert evaluation["words"].comment == "Pågår"
    # Activities count in their goal's status only when the plan says so (issue 14).
    assert evaluation["g"].status == "yellow"
    assert dict(evaluation["g"].counts) == {"yellow": 1, "not_assessed": 1}


def test_rollup_policies_with_mixed_directions():
    children = (
        indicator(
            {"2019": 10}, id="up", target=Threshold(comparison=Comparison.AT_LEAST, value=D(5))
        ),
        indicator(
            {"2019": 10},
            id="down",
            direction=Direction.LOWER_IS_BETTER,
            target=Threshold(comparison=Comparison.AT_MOST, value=D(20)),
        ),
        indicator(
            {"2019": 30},
            id="down2",
            direction=Direction.LOWER_IS_BETTER,
            target=Threshold(comparison=Comparison.AT_MOST, value=D(20)),
        ),
    )
    plan = plan_of(*children)
    assert evaluate(plan, period="2019")["g"].status == "red"
    assert evaluate(plan, period="2019", rollup="majority")["g"].status == "green"
    assert evaluate(plan, period="2019", rollup="mean_of_ranks")["g"].status == "yellow"
    share = ShareThresholds({"green": D("0.6")})
    assert evaluate(plan, period="2019", rollup=share)["g"].status == "green"
    with pytest.raises(InvalidScale, match="unknown roll-up policy"):
        evaluate(plan, period="2019", rollup="best")


def test_trend_compares_with_the_previous_outcome_in_the_good_direction():
    lower = indicator(
        {"2018": 5, "2019": 4},
        direction=Direction.LOWER_IS_BETTER,
        target=Threshold(comparison=Comparison.AT_MOST, value=D(3)),
    )
    assessment = evaluate(plan_of(lower), period="2019")["i"]
    assert assessment.trend.status == "improving"
    assert assessment.trend.symbol == "↑"


@pytest.mark.parametrize(
    ("values", "target", "direction", "status"),
    [
        ({"2019": "84", "2020": "85"}, "85", Direction.HIGHER_IS_BETTER, "achieved"),
        ({"2019": "80", "2020": "82"}, "86", Direction.HIGHER_IS_BETTER, "on_track"),
        ({"2019": "80", "2020": "81"}, "86", Direction.HIGHER_IS_BETTER, "limited_progress"),
        ({"2019": "80", "2020": "79"}, "86", Direction.HIGHER_IS_BETTER, "deterioration"),
        ({"2019": "80", "2020": "81.3"}, "86", Direction.HIGHER_IS_BETTER, "acceleration_needed"),
        ({"2019": "13.9", "2020": "11.3"}, "8.0", Direction.LOWER_IS_BETTER, "on_track"),
        # Negative values: growth of the magnitude with the sign turned (published method).
        ({"2019": "-5", "2020": "-3"}, "-1", Direction.HIGHER_IS_BETTER, "on_track"),
    ],
)
def test_pace_categories(values, target, direction, status):
    series = Series(
        key="total",
        measurements=tuple(Measurement(period=Period(p), value=D(v)) for p, v in values.items()),
    )
    pace = judge_pace(series, Period("2020"), TargetLevel(Period("2022"), D(target)), direction)
    assert pace.status == status
    if pace.ratio is not None:
        ratio = pace.ratio
        expected = (
            "on_track"
            if ratio >= D("0.95")
            else "acceleration_needed"
            if ratio >= D("0.6")
            else "limited_progress"
            if ratio >= 0
            else "deterioration"
        )
        assert expected == status


def test_judge_pace_names_the_target_in_the_unit_given():
    series = Series(
        key="total",
        measurements=(
            Measurement(period=Period("2019"), value=D("13.9")),
            Measurement(period=Period("2020"), value=D("11.3")),
        ),
    )
    target = TargetLevel(Period("2022"), D("8.0"))
    pace = judge_pace(series, Period("2020"), target, Direction.LOWER_IS_BETTER, "dagar")
    assert pace.explanation.render(locale="en") == (
        "Pace: on track. Progress since 2019 is 111% of what is needed to reach 8.0 dagar by 2022."
    )
    plain = judge_pace(series, Period("2020"), target, Direction.LOWER_IS_BETTER)
    assert "reach 8.0 by 2022" in plain.explanation.render(locale="en")


def test_summary_counts_levels_and_kinds():
    evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
    summary = evaluation.summary()
    assert summary.total == 34
    assert summary.assessed + summary.not_assessed == summary.total
    by_kind = evaluation.summary(kind="indicator", under="medarbetare")
    assert by_kind.counts["yellow"] == 2


def test_default_period_never_reads_the_clock():
    assert default_period(examples.load("jamtland-harjedalen-2019")) == Period("2019-T1")
    assert default_period(examples.load("vasternorrland-2022")) == Period("2020")


def test_mean_of_ranks_rounds_half_up_to_the_worse_level():
    assert MeanOfRanks().combine([0, 1], scale=None) == 1
    assert MeanOfRanks().combine([0, 0, 1], scale=None) == 0
    assert MeanOfRanks().combine([1, 2], scale=None) == 2


def test_share_thresholds_take_levels_best_first_and_count_shares():
    from malstyrning import TRAFFIC_LIGHT
    from malstyrning.evaluation import ShareThresholds

    # Best level first, whatever the order of the keys.
    assert (
        ShareThresholds({"red": Decimal(0), "yellow": Decimal("0.5")}).combine(
            [1, 1, 2], TRAFFIC_LIGHT
        )
        == 1
    )
    # A share is a count divided by the number of children.
    assert ShareThresholds({"green": Decimal("0.75")}).combine([0, 2, 2, 2], TRAFFIC_LIGHT) == 2
    assert ShareThresholds({"green": Decimal("0.5")}).combine([0, 2, 2], TRAFFIC_LIGHT) == 2
    assert ShareThresholds({"green": Decimal("0.5")}).combine([0, 0, 2], TRAFFIC_LIGHT) == 0


# -- roll-up policies and scales render their own labels ---------------------------------------


def _every_output(evaluation):
    """Render an evaluation every way a person sees it; fails on any missing label."""
    from malstyrning import dumps, loads, tables
    from malstyrning.report import FORMATS, follow_up, render, summary_table
    from malstyrning.report.text import summary_dumps

    texts = []
    for locale in ("sv", "en", "nb"):
        texts += [a.explain(locale=locale) for a in evaluation.assessments.values()]
        report = follow_up(evaluation, locale=locale)
        texts += [
            render(report, output_format) for output_format in FORMATS if output_format != "xlsx"
        ]
        assert render(report, "xlsx")
        texts.append(summary_dumps(summary_table(evaluation, locale=locale), locale=locale))
        texts.append(tables.assessments_to_csv(evaluation, locale=locale))
    assert loads(dumps(evaluation.plan)) == evaluation.plan
    return "\n".join(texts)


@attrs.frozen
class _Best:
    def combine(self, ranks, scale):
        return min(ranks)

    def render(self, *, locale):
        return {"en": "the best part decides"}.get(str(locale), "bästa delen avgör")


def test_a_custom_rollup_policy_evaluates_and_names_itself_everywhere():
    from malstyrning.evaluation import RollupPolicy

    plan = plan_of(
        indicator(
            {"2019": 10}, id="up", target=Threshold(comparison=Comparison.AT_LEAST, value=D(5))
        ),
        indicator(
            {"2019": 1}, id="down", target=Threshold(comparison=Comparison.AT_LEAST, value=D(5))
        ),
    )
    assert isinstance(_Best(), RollupPolicy)
    evaluation = evaluate(plan, period="2019", rollup=_Best())
    assert evaluation["g"].status == "green"
    assert "the best part decides" in evaluation["g"].explain(locale="en")
    assert "bästa delen avgör" in evaluation["g"].explain(locale="sv")
    _every_output(evaluation)


def _two_step(**fields):
    return Scale(
        key="two_step",
        levels=(
            Level(key="ok", colour="#2e7d32", labels={"sv": "godkänd", "en": "fine"}),
            Level(key="not_ok", colour="#c62828", labels={"sv": "underkänd", "en": "not fine"}),
        ),
        achievements={
            Achievement.MET: "ok",
            Achievement.NEAR: "not_ok",
            Achievement.NOT_MET: "not_ok",
        },
        labels={"sv": "tvåstegsskala", "en": "two-step scale"},
        **fields,
    )


def _activities_plan(scale):
    children = (
        indicator({"2019": 10}, target=Threshold(comparison=Comparison.AT_LEAST, value=D(5))),
        Activity(id="done", title="A", reports=(Report(period=Period("2019"), status="done"),)),
        Activity(id="late", title="B", reports=(Report(period=Period("2019"), status="delayed"),)),
        Activity(id="off", title="C", reports=(Report(period=Period("2019"), status="cancelled"),)),
        Assignment(id="task", title="D", reports=(Report(period=Period("2019"), status="ok"),)),
    )
    goal = Goal(id="g", title="G", level="goal", children=children)
    return Plan(
        id="p",
        title="P",
        organisation="O",
        validity=Period("2019"),
        levels=(PlanLevel("goal", "Mål"),),
        goals=(goal,),
        scale=scale,
    )


def test_a_custom_scale_with_its_labels_works_with_activities_everywhere():
    evaluation = evaluate(_activities_plan(_two_step()), period="2019")
    statuses = {key: evaluation[key].status for key in ("i", "done", "late", "off", "task", "g")}
    assert statuses == {
        "i": "ok",
        "done": "ok",  # done reads as met, and met is "ok" on this scale
        "late": "not_ok",
        "off": None,  # cancelled has no reading: not assessed, never a level
        "task": "ok",
        "g": "ok",  # activities count in a goal only when the plan says so (issue 14)
    }
    shown = _every_output(evaluation)
    assert "godkänd" in shown
    assert "not fine" in shown


def test_a_plan_scale_declares_how_activity_statuses_read_on_it():
    from malstyrning.scales import ACTIVITY_STATUS, GOAL_FORECAST

    scale = _two_step(equivalents={"activity_status": {"done": "ok", "delayed": "ok"}})
    evaluation = evaluate(_activities_plan(scale), period="2019")
    assert evaluation["late"].status == "ok"
    assert scale.reading("ongoing", of=ACTIVITY_STATUS) is None
    # A built-in plan scale other than the traffic light reads activities too.
    assert GOAL_FORECAST.reading("delayed", of=ACTIVITY_STATUS) == "not_achieved"


def test_a_scale_that_cannot_read_activity_statuses_says_how_to_declare_it():
    from malstyrning.scales import ACTIVITY_STATUS

    scale = Scale(key="bare", levels=(Level(key="ok"), Level(key="not_ok")))
    with pytest.raises(InvalidScale, match="equivalents=\\{'activity_status'"):
        scale.reading("done", of=ACTIVITY_STATUS)


# -- rules judged through a rule context: the indicator's own series and direction ------------


def _context_plan(target, *, key="alla", direction=None, reason=None, comment=""):
    from malstyrning.rules import Direction

    measurements = (
        Measurement(period=Period("2018"), value=D(6)),
        Measurement(
            period=Period("2019"),
            value=None if reason else D(4),
            missing=reason,
            comment=comment,
        ),
    )
    node = Indicator(
        id="i",
        title="I",
        direction=direction or Direction.LOWER_IS_BETTER,
        target=target,
        primary_series=key,
        series=(Series(key=key, label="Alla", measurements=measurements),),
    )
    return Plan(
        id="p",
        title="P",
        organisation="O",
        validity=Period("2019"),
        levels=(PlanLevel(key="goal", label="Mål"),),
        goals=(Goal(id="g", title="G", level="goal", children=(node,)),),
    )


def test_a_rule_judged_in_context_reads_the_indicators_main_series_and_direction():
    from malstyrning.rules import Composite, Maintain

    # Lower is better: 4 keeps the level 5; read on the series "alla", not "total".
    assessment = evaluate(_context_plan(Composite(rules=(Maintain(level=5),))), period="2019")["i"]
    assert assessment.status == "green"


def test_a_change_reports_its_target_and_gap_from_the_baseline():
    from malstyrning.rules import Change

    rule = Change.decrease(Period("2018"), by=D(1))
    assessment = evaluate(_context_plan(rule), period="2019")["i"]
    assert (assessment.target, assessment.gap) == (D(5), D(1))


def test_a_missing_outcome_explains_its_reason_and_the_plans_words():
    from malstyrning.rules import Change

    plan = _context_plan(
        Change.decrease(Period("2018")),
        reason=NotAssessedReason.MEASURED_LATER,
        comment="mäts i augusti",
    )
    assessment = evaluate(plan, period="2019")["i"]
    assert assessment.explain(locale="en").startswith(
        "Not assessed: measured at a later follow-up (mäts i augusti)."
    )


# -- a roll-up policy given to evaluate() is checked against the plan's scale -----------------


def test_a_rollup_policy_naming_a_level_off_the_scale_is_refused_in_words() -> None:
    plan = examples.load("jamtland-harjedalen-2019")
    with pytest.raises(InvalidScale) as raised:
        evaluate(plan, period="2019-T1", rollup="share:purple=0.5")
    assert str(raised.value) == (
        "the roll-up policy: share thresholds name 'purple', not a level of scale "
        "'traffic_light' (levels: green, yellow, red)"
    )


# -- the pace method in force: the plan's, a goal level's, the indicator's ---------------------


def _paced_plan(*children: Indicator, pace=None, level_pace=None) -> Plan:  # type: ignore[no-untyped-def]
    return Plan(
        id="p",
        title="Plan",
        organisation="Region",
        validity=Period("2019-01-01/2024-12-31"),
        levels=(PlanLevel("goal", "Mål", pace=level_pace),),
        goals=(Goal(id="g", title="Mål", level="goal", children=children),),
        pace=pace,
    )


def _outcomes(key: str, label: str, **values: str) -> Series:
    return Series(
        key=key,
        label=label,
        measurements=tuple(
            Measurement(period=Period(year.lstrip("y")), value=D(value))
            for year, value in values.items()
        ),
    )


UNTARGETED = Indicator(
    id="u",
    title="Utan mål",
    unit="%",
    direction=Direction.HIGHER_IS_BETTER,
    series=(_outcomes("total", "Totalt", y2019="40", y2020="50"),),
)


def test_without_a_target_the_plans_method_may_judge_growth_alone() -> None:
    assessment = evaluate(
        _paced_plan(UNTARGETED, pace=PaceMethod(without_target=True)), period="2020"
    )["u"]
    assert assessment.status is None
    assert assessment.not_assessed is not None
    assert assessment.not_assessed.reason is NotAssessedReason.NO_TARGET
    assert assessment.explain(locale="en") == "Not assessed: no target value."
    assert assessment.pace is not None
    assert (assessment.pace.status, assessment.pace.target) == ("on_track", None)
    assert assessment.pace.current is not None and assessment.pace.current.value == D(50)
    # Without the method's word, an indicator without a target has no pace.
    assert evaluate(_paced_plan(UNTARGETED), period="2020")["u"].pace is None


def test_a_goal_levels_pace_method_applies_below_it() -> None:
    plan = _paced_plan(UNTARGETED, level_pace=PaceMethod(without_target=True))
    pace = evaluate(plan, period="2020")["u"].pace
    assert pace is not None and pace.status == "on_track"
    assert pace.pace_method == PaceMethod(without_target=True)


def test_the_plans_base_choice_picks_the_baseline_of_the_pace() -> None:
    indicator = attrs.evolve(
        UNTARGETED,
        target=Trajectory(levels=(TargetLevel(Period("2022"), D(80)),)),
        series=(_outcomes("total", "Totalt", y2019="40", y2020="50", y2021="60"),),
    )
    fixed = PaceMethod(base=BaseChoice.FIXED, base_period=Period("2020"))
    pace = evaluate(_paced_plan(indicator, pace=fixed), period="2021")["u"].pace
    assert pace is not None and pace.baseline is not None
    assert pace.baseline.period == Period("2020")
    earliest = evaluate(_paced_plan(indicator), period="2021")["u"].pace
    assert earliest is not None and earliest.baseline is not None
    assert earliest.baseline.period == Period("2019")


def test_a_level_to_maintain_is_paced_towards_by_the_methods_target_period() -> None:
    indicator = attrs.evolve(UNTARGETED, target=Maintain(level=D(50)))
    by_2022 = PaceMethod(target_period=Period("2022"))
    pace = evaluate(_paced_plan(indicator, pace=by_2022), period="2020")["u"].pace
    assert pace is not None
    assert pace.target == TargetLevel(Period("2022"), D(50))
    assert pace.status == "achieved"


def test_the_pace_of_several_series_is_each_series_own_then_their_mean() -> None:
    def by_2022(value: int) -> Trajectory:
        return Trajectory(levels=(TargetLevel(Period("2022"), D(value)),))

    indicator = attrs.evolve(
        UNTARGETED,
        target=Composite(
            rules=(
                SeriesTarget(series="women", rule=by_2022(80)),
                SeriesTarget(series="men", rule=by_2022(70)),
            )
        ),
        series=(
            _outcomes("total", "Totalt", y2019="50", y2020="55"),
            _outcomes("women", "Kvinnor", y2019="60", y2020="66"),
            _outcomes("men", "Män", y2019="40", y2020="41"),
        ),
    )
    pace = evaluate(_paced_plan(indicator), period="2020")["u"].pace
    assert pace is not None
    parts = [
        (part.series, part.baseline.value, part.current.value, part.status)  # type: ignore[union-attr]
        for part in pace.parts
    ]
    assert parts == [
        ("women", D(60), D(66), "on_track"),
        ("men", D(40), D(41), "limited_progress"),
    ]
    assert (pace.series, pace.status) == (None, "acceleration_needed")
    assert pace.explanation.render(locale="en") == (
        "Pace: progress, but acceleration needed, the mean score 0.41 of 2 series "
        "(women: on track (2.81); men: limited progress (-1.99)); the target counts as "
        "achieved only when every series has reached it."
    )
