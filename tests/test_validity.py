"""A period outside the plan's validity is named; a period with nothing to assess is an error."""

import json
from decimal import Decimal as D

from click.testing import CliRunner

from malstyrning import (
    Goal,
    Indicator,
    Judgement,
    Measurement,
    Period,
    Plan,
    PlanLevel,
    Series,
    dumps,
    evaluate,
    examples,
)
from malstyrning.cli import main
from malstyrning.rules import Comparison, Threshold


def _plan(*children):
    return Plan(
        id="p2017",
        title="Plan",
        organisation="Region",
        validity=Period("2017"),
        levels=(PlanLevel("goal", "Mål"),),
        goals=(Goal(id="g", title="Mål", level="goal", children=children),),
    )


def _indicator(*values):
    return Indicator(
        id="i",
        title="Andel",
        target=Threshold(comparison=Comparison.AT_LEAST, value=D(80)),
        series=(
            Series(
                key="total",
                measurements=tuple(Measurement(period=Period(p), value=D(v)) for p, v in values),
            ),
        ),
    )


def _run(plan, tmp_path, *args):
    path = tmp_path / "plan.json"
    path.write_text(dumps(plan, format="json"), encoding="utf-8")
    return CliRunner().invoke(main, ["evaluate", str(path), *args])


def test_a_period_with_nothing_to_assess_is_an_error_that_says_so(tmp_path):
    result = _run(_plan(_indicator(("2017-T1", 85))), tmp_path, "--period", "2018-T1")
    assert result.exit_code == 1
    assert "nothing in plan 'p2017' can be assessed for 2018-T1" in result.stderr
    assert "outside its validity 2017" in result.stderr
    assert "Traceback" not in result.output


def test_the_period_outside_the_validity_is_named_on_stderr_and_evaluated(tmp_path):
    result = _run(_plan(_indicator(("2016", 85))), tmp_path, "--period", "2016", "--locale", "en")
    assert result.exit_code == 0, result.output
    assert "2016 is outside the plan's validity (2017)" in result.stderr
    assert "outside" not in result.stdout


def test_a_period_inside_the_validity_says_nothing_on_stderr(tmp_path):
    result = _run(_plan(_indicator(("2017-T1", 85))), tmp_path, "--period", "2017-T1")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_a_judgement_alone_is_something_to_assess(tmp_path):
    judged = Goal(
        id="f",
        title="Faktor",
        level="goal",
        judgements=(
            Judgement(period=Period("2017-T1"), scale="trend", status="improving", by="RS"),
        ),
    )
    result = _run(_plan(judged), tmp_path, "--period", "2017-T1", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)


def test_the_readme_baseline_year_still_evaluates_with_a_note():
    result = CliRunner().invoke(
        main, ["evaluate", "vasternorrland-2022", "--period", "2020", "--locale", "en"]
    )
    assert result.exit_code == 0, result.output
    assert "outside the plan's validity" in result.stderr
    assert "2020" in result.stdout


def test_the_evaluation_says_whether_it_lies_outside_and_whether_anything_was_assessed():
    plan = examples.load("vasternorrland-2022")
    baseline = evaluate(plan, period="2020")
    assert baseline.outside_validity and baseline.anything_assessed
    inside = evaluate(plan, period="2022")
    assert not inside.outside_validity
    assert not evaluate(_plan(_indicator(("2017", 85))), period="2019").anything_assessed
