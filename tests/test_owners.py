"""Owners on every node kind, inherited downwards unless a node names its own."""

import json
from decimal import Decimal as D

from click.testing import CliRunner

from malstyrning import (
    Goal,
    Indicator,
    Measurement,
    Period,
    Plan,
    PlanLevel,
    Series,
    YesNoMeasure,
    dumps,
    evaluate,
    loads,
)
from malstyrning.cli import main
from malstyrning.model import Activity, Assignment, Report
from malstyrning.tables import ASSESSMENT_COLUMNS, assessments_to_rows, write_assessments

T1 = Period("2019-T1")


def _plan():
    indicator = Indicator(
        id="i",
        title="Andel",
        series=(Series(key="total", measurements=(Measurement(period=T1, value=D(3)),)),),
    )
    own = Indicator(id="own", title="Egen", owner="Vårdval")
    return Plan(
        id="p",
        title="Plan",
        organisation="Region",
        validity=Period("2019"),
        levels=(PlanLevel("goal", "Strategiskt mål"), PlanLevel("factor", "Framgångsfaktor")),
        goals=(
            Goal(
                id="g",
                title="Mål",
                level="goal",
                owner="Regionstyrelsen",
                children=(
                    Goal(
                        id="f",
                        title="Faktor",
                        level="factor",
                        children=(
                            indicator,
                            own,
                            YesNoMeasure(id="yn", title="Ja/Nej"),
                            Assignment(id="u", title="Uppdrag"),
                            Activity(
                                id="act", title="Akt", reports=(Report(period=T1, status="done"),)
                            ),
                        ),
                    ),
                    Goal(id="hsn", title="HSN:s mål", level="factor", owner="HSN"),
                ),
            ),
            Goal(id="free", title="Utan ägare", level="goal"),
        ),
    )


def test_an_owner_is_inherited_by_every_node_kind_below_it():
    evaluation = evaluate(_plan(), period=T1)
    owners = {assessment.node_id: assessment.owner for assessment in evaluation}
    assert owners == {
        "g": "Regionstyrelsen",
        "f": "Regionstyrelsen",
        "i": "Regionstyrelsen",
        "own": "Vårdval",
        "yn": "Regionstyrelsen",
        "u": "Regionstyrelsen",
        "act": "Regionstyrelsen",
        "hsn": "HSN",
        "free": None,
    }


def test_indicators_and_yes_no_measures_keep_their_own_owner_in_documents():
    plan = _plan()
    text = dumps(plan, format="yaml")
    assert "owner: Vårdval" in text
    assert loads(text, format="yaml") == plan
    # Only the nodes that name an owner carry one in the document: inheritance is derived.
    assert text.count("owner:") == 3


def test_evaluate_json_gives_every_record_its_owner(tmp_path):
    path = tmp_path / "plan.json"
    path.write_text(dumps(_plan(), format="json"), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["evaluate", str(path), "--period", "2019-T1", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    owners = {record["id"]: record["owner"] for record in json.loads(result.stdout)}
    assert owners["i"] == "Regionstyrelsen" and owners["own"] == "Vårdval"
    assert owners["free"] is None


def test_assessment_tables_have_an_owner_column(tmp_path):
    evaluation = evaluate(_plan(), period=T1)
    assert "owner" in ASSESSMENT_COLUMNS
    rows = {row["id"]: row for row in assessments_to_rows(evaluation, locale="sv")}
    assert rows["act"]["owner"] == "Regionstyrelsen"
    path = tmp_path / "assessments.csv"
    write_assessments(evaluation, path, locale="sv")
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",")[-1] == "owner"
