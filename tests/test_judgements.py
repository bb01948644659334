"""Several judgements per node: status, trend and forecast, each derived or judged."""

import json
from decimal import Decimal as D

import pytest
from click.testing import CliRunner

from malstyrning import (
    Goal,
    Indicator,
    InvalidPlan,
    Judgement,
    Measurement,
    Period,
    Plan,
    PlanLevel,
    Series,
    dumps,
    evaluate,
    loads,
)
from malstyrning.cli import main
from malstyrning.model import Activity, Assignment, Report, TrendBasis
from malstyrning.report import text_table
from malstyrning.rules import Comparison, Threshold
from malstyrning.scales import ACTIVITY_STATUS, TREND

T1 = Period("2019-T1")


def _arrow(status="improving", by="Regionstyrelsen", reason="Fler insatser"):
    return Judgement(period=T1, scale="trend", status=status, by=by, reason=reason)


def _plan(*children, scale=None, trend_basis=None):
    extra = {} if scale is None else {"scale": scale}
    return Plan(
        id="p",
        title="Plan",
        organisation="Region",
        validity=Period("2019"),
        levels=(PlanLevel("area", "Målområde"), PlanLevel("factor", "Framgångsfaktor")),
        goals=(Goal(id="a", title="Område", level="area", children=children),),
        trend_basis=trend_basis,
        **extra,
    )


def _factor(*judgements):
    return Goal(id="f", title="Framgångsfaktor", level="factor", judgements=judgements)


def _indicator(values, *judgements):
    return Indicator(
        id="i",
        title="Andel",
        unit="%",
        target=Threshold(comparison=Comparison.AT_LEAST, value=D(80)),
        series=(
            Series(
                key="total",
                measurements=tuple(Measurement(period=Period(p), value=D(v)) for p, v in values),
            ),
        ),
        judgements=judgements,
    )


# -- the model --------------------------------------------------------------------------------


def test_a_success_factor_without_a_number_carries_a_judged_arrow():
    evaluation = evaluate(_plan(_factor(_arrow())), period=T1)
    trend = evaluation["f"].trend
    assert (trend.level, trend.symbol, trend.derived, trend.judged_by) == (
        "improving",
        "↑",
        False,
        "Regionstyrelsen",
    )
    assert trend.marker == "↑ (Regionstyrelsen)"
    assert evaluation["f"].status is None  # the arrow is not a colour
    assert evaluation["f"].judged("trend").reason == "Fler insatser"


def test_a_derived_trend_says_so_and_names_no_one():
    evaluation = evaluate(_plan(_indicator([("2018-T3", 70), ("2019-T1", 85)])), period=T1)
    trend = evaluation["i"].trend
    assert (trend.level, trend.derived, trend.judged_by) == ("improving", True, None)
    assert trend.previous_period == Period("2018-T3")


def test_a_judged_trend_overrides_the_derived_one_and_keeps_the_comparison():
    node = _indicator([("2018-T3", 70), ("2019-T1", 85)], _arrow("worsening", by="HSN"))
    assessment = evaluate(_plan(node), period=T1)["i"]
    assert assessment.status == "green"  # the status is still derived from the number
    assert (assessment.trend.level, assessment.trend.judged_by) == ("worsening", "HSN")
    assert assessment.trend.previous_value == D(70)


def test_status_trend_and_forecast_are_judged_side_by_side():
    judgements = (
        Judgement(period=T1, status="yellow", by="RS"),
        _arrow("unchanged", by="HSN"),
        Judgement(period=T1, scale="goal_forecast", status="uncertain", by="RS"),
    )
    assessment = evaluate(_plan(_factor(*judgements)), period=T1)["f"]
    assert assessment.status == "yellow"
    assert assessment.judgement.by == "RS"
    assert assessment.trend.level == "unchanged"
    assert assessment.forecast == "uncertain"
    assert [j.scale for j in assessment.judgements] == ["traffic_light", "trend", "goal_forecast"]


def test_the_last_judgement_on_a_scale_in_the_period_is_in_force():
    judgements = (_arrow("worsening", by="A"), _arrow("improving", by="B"))
    assessment = evaluate(_plan(_factor(*judgements)), period=T1)["f"]
    assert assessment.trend.judged_by == "B"
    assert len(assessment.judgements) == 1


def test_an_activity_can_be_judged_on_its_own_scale():
    activity = Activity(
        id="act",
        title="Aktivitet",
        reports=(Report(period=T1, status="ongoing"),),
        judgements=(Judgement(period=T1, scale="activity_status", status="delayed", by="RS"),),
    )
    assessment = evaluate(_plan(activity), period=T1)["act"]
    assert assessment.status == "red"
    assert "försenad" in assessment.explain(locale="sv")


def test_a_trend_compares_with_the_same_period_a_year_earlier_when_the_plan_says_so():
    values = [("2018-T2", 90), ("2019-T1", 85), ("2019-T2", 88)]
    t2 = Period("2019-T2")
    previous = evaluate(_plan(_indicator(values)), period=t2)["i"].trend
    year = evaluate(_plan(_indicator(values), trend_basis=TrendBasis.YEAR_BEFORE), period=t2)
    assert (previous.level, previous.previous_period) == ("improving", Period("2019-T1"))
    assert (year["i"].trend.level, year["i"].trend.previous_period) == (
        "worsening",
        Period("2018-T2"),
    )


def test_the_trend_basis_is_serialised_and_left_out_by_default():
    plan = _plan(_factor(_arrow()), trend_basis=TrendBasis.YEAR_BEFORE)
    text = dumps(plan, format="json")
    assert '"trend_basis": "year_before"' in text
    assert loads(text, format="json") == plan
    assert "trend_basis" not in dumps(_plan(_factor()), format="json")


def test_a_judgement_keeps_its_scale_through_a_document():
    plan = _plan(_factor(_arrow()))
    for fmt in ("json", "yaml", "toml"):
        assert loads(dumps(plan, format=fmt), format=fmt) == plan


# -- scales a node cannot use: an error at load, naming the node ----------------------------


def test_a_judgement_on_a_scale_the_node_cannot_use_names_the_node():
    assignment = Assignment(
        id="u",
        title="Uppdrag",
        judgements=(Judgement(period=T1, scale="goal_forecast", status="expected", by="RS"),),
    )
    with pytest.raises(InvalidPlan, match=r"goals\[0\]\.children\[0\]\.judgements\[0\]\.scale"):
        _plan(assignment)


def test_a_judgement_on_an_unknown_scale_is_refused():
    with pytest.raises(InvalidPlan, match="cannot be judged on scale 'thermometer'"):
        _plan(_factor(Judgement(period=T1, scale="thermometer", status="hot", by="RS")))


def test_a_level_not_on_the_judgements_scale_is_refused():
    with pytest.raises(InvalidPlan, match="unknown status 'green' on scale 'trend'"):
        _plan(_factor(Judgement(period=T1, scale="trend", status="green", by="RS")))


def test_a_plan_on_the_trend_scale_refuses_targets_at_load_naming_the_node(tmp_path):
    path = tmp_path / "plan.json"
    plan = _plan(_factor(), _indicator([("2019-T1", 85)]))
    path.write_text(
        dumps(plan, format="json").replace('"validity"', '"scale": "trend", "validity"'),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["evaluate", str(path), "--period", "2019-T1"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert str(path) in result.stderr
    assert "$.goals[0].children[1].target" in result.stderr


def test_a_plan_on_the_trend_scale_takes_judged_arrows_as_statuses():
    plan = _plan(_factor(Judgement(period=T1, status="improving", by="RS")), scale=TREND)
    assessment = evaluate(plan, period=T1)["f"]
    assert assessment.status == "improving"
    assert assessment.trend.judged_by == "RS"
    assert evaluate(plan, period=T1)["a"].status == "improving"


# -- built-in scales ----------------------------------------------------------------------------


def test_built_in_scales_have_not_started_and_no_trend_given_in_every_language():
    assert ACTIVITY_STATUS.keys == (
        "done",
        "ongoing",
        "planned",
        "not_started",
        "delayed",
        "cancelled",
    )
    assert TREND.keys == ("improving", "unchanged", "worsening", "no_trend")
    assert [TREND.label("no_trend", locale=loc) for loc in ("sv", "en", "nb")] == [
        "ingen trend angiven",
        "no trend given",
        "ingen trend angitt",
    ]
    assert [ACTIVITY_STATUS.label("not_started", locale=loc) for loc in ("sv", "en", "nb")] == [
        "ej påbörjad",
        "not started",
        "ikke påbegynt",
    ]


def test_a_not_started_activity_reads_as_red():
    activity = Activity(id="act", title="A", reports=(Report(period=T1, status="not_started"),))
    assert evaluate(_plan(activity), period=T1)["act"].status == "red"


def test_no_trend_given_is_a_judged_arrow_of_its_own():
    trend = evaluate(_plan(_factor(_arrow("no_trend"))), period=T1)["f"].trend
    assert (trend.symbol, trend.judged_by) == ("□", "Regionstyrelsen")


# -- the command line ---------------------------------------------------------------------------


@pytest.fixture
def plan_file(tmp_path):
    path = tmp_path / "plan.json"
    path.write_text(dumps(_plan(_factor(_arrow())), format="json"), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("locale", ["sv", "en", "nb"])
def test_evaluate_json_shows_the_judged_arrow_with_who_judged_it(plan_file, locale):
    result = CliRunner().invoke(
        main, ["evaluate", plan_file, "--period", "2019-T1", "--format", "json", "--locale", locale]
    )
    assert result.exit_code == 0, result.output
    record = next(r for r in json.loads(result.stdout) if r["id"] == "f")
    assert record["trend"] == "improving"
    assert (record["trend_source"], record["trend_symbol"], record["trend_by"]) == (
        "judged",
        "↑",
        "Regionstyrelsen",
    )
    (judgement,) = record["judgements"]
    assert judgement["scale"] == "trend"
    assert (judgement["level"], judgement["by"], judgement["reason"]) == (
        "improving",
        "Regionstyrelsen",
        "Fler insatser",
    )
    assert judgement["label"] == TREND.label("improving", locale=locale)


@pytest.mark.parametrize("locale", ["sv", "en", "nb"])
def test_evaluate_table_shows_the_judged_arrow_with_who_judged_it(plan_file, locale):
    result = CliRunner().invoke(
        main, ["evaluate", plan_file, "--period", "2019-T1", "--locale", locale]
    )
    assert result.exit_code == 0, result.output
    line = next(line for line in result.stdout.splitlines() if "Framgångsfaktor" in line)
    assert "↑ (Regionstyrelsen)" in line


def test_the_text_table_marks_a_derived_arrow_without_a_name():
    evaluation = evaluate(_plan(_indicator([("2018-T3", 70), ("2019-T1", 85)])), period=T1)
    line = next(
        line for line in text_table(evaluation, locale="en").splitlines() if "Andel" in line
    )
    assert "↑" in line and "(" not in line
