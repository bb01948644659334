"""Revisions: operations, decisions, versions, history, diff, documents and the CLI."""

import json
import pickle
from datetime import date
from decimal import Decimal as D

import attrs
import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from malstyrning import (
    Goal,
    Indicator,
    Measurement,
    Period,
    Series,
    UnknownNode,
    dumps,
    evaluate,
    examples,
    loads,
)
from malstyrning import revisions as R  # noqa: N812 - short, like np and pd
from malstyrning.cli import main
from malstyrning.errors import DocumentError
from malstyrning.io import dumps_revision, loads_revision
from malstyrning.rules import Comparison, Threshold
from malstyrning.schema import json_schema
from malstyrning.testing import plans, revisions

PLAN = examples.load("jamtland-harjedalen-2020")
DECISION = examples.load_revision("jamtland-harjedalen-2020-revision")
AFTER = R.apply(PLAN, DECISION)


def bare(plan):
    return attrs.evolve(plan, history=())


# -- seed 001: the five changes a-e ---


def test_the_decision_reproduces_all_five_changes():
    # a. the result goal on relocated services is struck
    assert "omlokaliserade-verksamheter" not in AFTER
    # b. the violence indicator is clarified, with the target 2000
    violence = AFTER["vald-fragan"]
    assert "våldsmallen i Cosmic" in violence.title
    assert violence.description.startswith("Prioriterade områden är mödrahälsovården")
    assert violence.target == Threshold(comparison=Comparison.AT_LEAST, value=D(2000), unit="antal")
    # c. "Hög tillgänglighet" becomes "Vårdgarantin ska vara uppfylld" with 0-3-90-90 targets;
    #    the queue-billion and home-visit measures are struck
    assert "hog-tillganglighet" not in AFTER
    guarantee = AFTER["vardgarantin"]
    assert guarantee.title == "Vårdgarantin ska vara uppfylld"
    assert [child.target.value for child in guarantee.children] == [100, 90, 80, 80]
    assert AFTER.parent("vardgaranti-0").id == "vardgarantin"
    assert "komiljarden" not in AFTER
    assert "hembesok" not in AFTER
    # d. the purchasing indicator is reworded, target 95 %
    purchases = AFTER["avtalsfoljsamhet"]
    assert purchases.title == "Större andel av inköp ska vara upphandlat"
    assert "Leverantörsföljsamhet" in purchases.description
    assert purchases.target == Threshold(comparison=Comparison.AT_LEAST, value=D(95), unit="%")
    # e. the SIP indicator is struck and the goal's description gets the 2021 sentence
    assert "sip-andel" not in AFTER
    assert "patientkontrakt (till exempel SIP)" in AFTER["samordning-kommunerna"].description
    # the goal order is kept: the replacement takes the replaced goal's place
    assert [goal.id for goal in AFTER.goals] == [
        "vald-kvalitetsarbete",
        "vardgarantin",
        "effektiva-inkop",
        "samordning-kommunerna",
    ]


def test_the_diff_lists_exactly_the_decision():
    assert R.diff(PLAN, AFTER) == DECISION.operations


def test_as_of_before_the_decision_is_the_original_plan():
    assert R.as_of(AFTER, date(2020, 6, 9)) == PLAN
    assert R.as_of(AFTER, "2020-01-01") == PLAN
    assert R.as_of(AFTER, DECISION.decided) is AFTER
    assert AFTER.version == 2
    assert PLAN.version == 1
    assert R.versions(AFTER) == (PLAN, AFTER)


def test_every_node_answers_when_and_by_which_decision():
    (struck,) = R.node_history(AFTER, "omlokaliserade-verksamheter")
    assert (struck.change, struck.version, struck.revision, struck.effective) == (
        "struck",
        2,
        DECISION,
        date(2020, 6, 10),
    )
    (replaced,) = R.node_history(AFTER, "hog-tillganglighet")
    assert (replaced.change, replaced.other) == ("replaced", "vardgarantin")
    (replaces,) = R.node_history(AFTER, "vardgarantin")
    assert (replaces.change, replaces.other) == ("replaces", "hog-tillganglighet")
    (added,) = R.node_history(AFTER, "vardgaranti-3")
    assert added.change == "added"
    (changed,) = R.node_history(AFTER, "vald-fragan")
    assert changed.change == "changed"
    assert [op.op for op in changed.operations] == ["reformulate", "change_target"]
    assert R.node_history(AFTER, "effektiva-inkop") == ()
    assert (
        changed.describe().render(locale="en")
        == "Version 2: changed by HSN 2020-06-10, in force from June 10, 2020"
    )
    with pytest.raises(UnknownNode, match="no version of plan"):
        R.node_history(AFTER, "no-such-node")


def test_evaluation_uses_the_plan_in_force_in_the_period():
    before = evaluate(AFTER, period="2020-T1")  # January-April: before the decision
    after = evaluate(AFTER, period="2020-T2")  # May-August: the decision took effect in June
    assert before.version == 1
    assert after.version == 2
    assert "omlokaliserade-verksamheter" in before.assessments
    assert "omlokaliserade-verksamheter" not in after.assessments
    assert "vardgarantin" in after.assessments
    assert after["vardgarantin"].version == 2
    assert before["hog-tillganglighet"].version == 1


def test_a_struck_indicator_leaves_evaluation_from_its_effective_date():
    plan = attrs.evolve(
        PLAN,
        goals=(
            Goal(
                id="g",
                title="Mål",
                level="result_goal",
                children=(
                    Indicator(
                        id="i",
                        title="Indikator",
                        target=Threshold(comparison=Comparison.AT_LEAST, value=D(1)),
                        series=(
                            Series(
                                key="total",
                                measurements=(
                                    Measurement(period=Period("2020-T1"), value=D(2)),
                                    Measurement(period=Period("2020-T2"), value=D(0)),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    )
    revised = R.apply(
        plan,
        R.Revision(
            body="HSN",
            decided=date(2020, 5, 1),
            effective=date(2020, 9, 1),
            operations=(R.Strike(id="i", cascade=True),),
        ),
    )
    assert evaluate(revised, period="2020-T1")["i"].status == "green"
    assert evaluate(revised, period="2020-T2")["i"].status == "red"  # not yet in force
    assert "i" not in evaluate(revised, period="2020-T3").assessments
    assert evaluate(revised, period="2020-T3")["g"].not_assessed is not None


# -- operations and their errors ---


def test_errors_name_the_operation_and_leave_the_plan_untouched():
    snapshot = dumps(AFTER)
    with pytest.raises(R.AlreadyStruck, match="was struck by HSN 2020-06-10"):
        R.apply(AFTER, DECISION)
    with pytest.raises(UnknownNode, match=r"operation 1 \(strike 'nope'\).*no node with id"):
        R.apply(PLAN, [R.Strike(id="nope", cascade=True)])
    with pytest.raises(R.AlreadyStruck, match="struck by operation 1 of this revision"):
        R.apply(PLAN, [R.Strike(id="sip-andel", cascade=True)] * 2)
    with pytest.raises(R.WouldCreateCycle, match="lies under it"):
        R.apply(PLAN, [R.Move(id="vald-kvalitetsarbete", parent="vald-kvalitetsarbete")])
    with pytest.raises(R.InvalidOperation, match="cannot have children"):
        R.apply(PLAN, [R.Move(id="sip-andel", parent="vald-fragan")])
    with pytest.raises(R.InvalidOperation, match="only goals can stand at the top level"):
        R.apply(PLAN, [R.Move(id="sip-andel", parent=None)])
    with pytest.raises(R.InvalidOperation, match="already has a node with id 'sip-andel'"):
        R.apply(PLAN, [R.Add(parent="effektiva-inkop", node=Indicator(id="sip-andel", title="x"))])
    with pytest.raises(R.InvalidOperation, match="position 5 is past the end"):
        R.apply(PLAN, [R.Move(id="sip-andel", parent="effektiva-inkop", position=5)])
    with pytest.raises(R.InvalidOperation, match="only indicators"):
        R.apply(PLAN, [R.ChangeTarget(id="effektiva-inkop", target=None)])
    with pytest.raises(R.InvalidOperation, match="would leave the plan invalid"):
        R.apply(PLAN, [R.ChangeIndicator(id="vald-fragan", unit="rec/TlN")])
    with pytest.raises(R.InvalidOperation, match="cascade=True or move them first"):
        R.apply(PLAN, [R.Strike(id="effektiva-inkop", cascade=False)])
    assert dumps(AFTER) == snapshot
    assert R.apply(PLAN, []) == PLAN


def test_operations_validate_themselves():
    with pytest.raises(R.InvalidOperation, match="needs a new title"):
        R.Reformulate(id="x")
    with pytest.raises(R.InvalidOperation, match="changes nothing"):
        R.ChangeIndicator(id="x")
    with pytest.raises(R.InvalidOperation, match="can clear only unit and source"):
        R.ChangeIndicator(id="x", clear=("title",))
    with pytest.raises(R.InvalidOperation, match="keeps the id"):
        R.Amend(id="x", node=Goal(id="y", title="Mål", level="result_goal"))
    with pytest.raises(R.InvalidOperation, match="at least one operation"):
        R.Revision(body="HSN", decided=date(2020, 1, 1), operations=())


def _with_outcomes():
    indicator = Indicator(
        id="andel",
        title="Andel",
        unit="%",
        target=Threshold(comparison=Comparison.AT_LEAST, value=D(5), unit="%"),
        series=(
            Series(
                key="total", measurements=(Measurement(period=Period("2020-T1"), value=D("4.5")),)
            ),
        ),
    )
    goal = Goal(id="g", title="Mål", level="result_goal", children=(indicator,))
    return attrs.evolve(PLAN, goals=(goal,), units=("‰",))


def test_a_unit_change_needs_a_conversion_and_a_new_target():
    plan = _with_outcomes()
    with pytest.raises(R.UnconvertedUnitChange, match="needs a conversion factor"):
        R.apply(plan, [R.ChangeIndicator(id="andel", unit="‰")])
    with pytest.raises(R.UnconvertedUnitChange, match="give the target in the new unit"):
        R.apply(plan, [R.ChangeIndicator(id="andel", unit="‰", conversion=10)])
    new_target = Threshold(comparison=Comparison.AT_LEAST, value=D(50), unit="‰")
    revised = R.apply(
        plan,
        [
            R.ChangeIndicator(id="andel", unit="‰", conversion=10),
            R.ChangeTarget(id="andel", target=new_target),
        ],
    )
    converted = revised["andel"]
    assert converted.unit == "‰"
    assert converted.series[0].measurements[0].value == D("45.0")
    assert evaluate(revised, period="2020-T1")["andel"].status == "red"


def test_strike_without_cascade_lifts_the_children():
    revised = R.apply(
        PLAN,
        [
            R.Add(
                parent="effektiva-inkop",
                node=Goal(id="under", title="Delmål", level="result_goal"),
                position=0,
            ),
            R.Move(id="avtalsfoljsamhet", parent="under"),
            R.Strike(id="under", cascade=False),
        ],
    )
    assert bare(revised) == PLAN
    assert revised.parent("avtalsfoljsamhet").id == "effektiva-inkop"


def test_series_and_amend_operations():
    revised = R.apply(
        PLAN,
        [
            R.AddSeries(id="vald-fragan", series=Series(key="women", label="Kvinnor"), position=0),
            R.AddSeries(id="vald-fragan", series=Series(key="men", label="Män")),
            R.RemoveSeries(id="vald-fragan", key="total"),
            R.Amend(
                id="effektiva-inkop",
                node=Goal(id="effektiva-inkop", title="Effektiva inköp", level="result_goal"),
            ),
        ],
    )
    assert [s.key for s in revised["vald-fragan"].series] == ["women", "men"]
    assert revised["effektiva-inkop"].owner is None
    assert [c.id for c in revised["effektiva-inkop"].children] == ["avtalsfoljsamhet"]
    assert R.apply(PLAN, R.diff(PLAN, revised)) == revised
    with pytest.raises(R.InvalidOperation, match="the only series"):
        R.apply(PLAN, [R.RemoveSeries(id="vald-fragan", key="total")])


def test_revisions_must_be_applied_in_the_order_they_take_effect():
    late = R.Revision(
        body="HSN", decided=date(2020, 9, 1), operations=(R.Strike(id="sip-andel", cascade=True),)
    )
    early = R.Revision(
        body="HSN", decided=date(2020, 3, 1), operations=(R.Strike(id="hembesok", cascade=True),)
    )
    with pytest.raises(R.RevisionOutOfOrder, match="apply revisions in the order"):
        R.apply(R.apply(PLAN, late), early)
    with pytest.raises(R.InvalidOperation, match="is for plan 'other'"):
        R.apply(PLAN, attrs.evolve(late, plan="other"))


def test_change_lists_in_three_languages():
    assert (
        R.change_list(PLAN, DECISION, locale="sv")[0] == "Mål ”Omlokaliserade verksamheter” stryks"
    )
    assert R.change_list(PLAN, DECISION, locale="en")[3] == (
        "Goal “Hög tillgänglighet” is replaced by goal “Vårdgarantin ska vara uppfylld”"
    )
    assert R.change_list(PLAN, DECISION, locale="nb")[7] == (
        "Indikator «Större andel av inköp ska vara upphandlat» får ny målverdi: minst 95\xa0%"
    )


# -- documents ---


@pytest.mark.parametrize("fmt", ["json", "yaml", "toml"])
def test_history_and_revisions_round_trip(fmt):
    assert loads(dumps(AFTER, format=fmt), format=fmt) == AFTER
    assert loads_revision(dumps_revision(DECISION, format=fmt), format=fmt) == DECISION
    assert R.as_of(loads(dumps(AFTER, format=fmt), format=fmt), "2020-01-01") == PLAN


def test_documents_validate_against_the_schema():
    validator = jsonschema.Draft202012Validator(json_schema())
    validator.validate(json.loads(dumps(AFTER)))
    assert '"history"' not in dumps(PLAN)  # format 1 documents without history still load


def test_a_bad_revision_document_names_the_path():
    text = dumps_revision(DECISION).replace('"op": "strike"', '"op": "stryk"', 1)
    with pytest.raises(DocumentError, match=r"unknown operation op 'stryk'.*@ \$\.operations\[0\]"):
        loads_revision(text, source="revision.json")


def test_errors_pickle():
    error = R.AlreadyStruck("x", problems=())
    assert type(pickle.loads(pickle.dumps(error))) is R.AlreadyStruck


# -- properties ---


def _same_frame(first, second):
    """Two plans that differ only in their goal trees."""
    validity = Period(
        min(first.validity.start, second.validity.start),
        max(first.validity.end, second.validity.end),
    )
    old = attrs.evolve(first, validity=validity, units=tuple(sorted({*first.units, *second.units})))
    return old, attrs.evolve(old, goals=second.goals)


@given(st.data())
def test_diff_then_apply_gives_the_new_plan(data):
    old, new = _same_frame(data.draw(plans()), data.draw(plans()))
    assert R.apply(old, R.diff(old, new)) == new
    assert R.apply(new, R.diff(new, old)) == old


@given(st.data())
def test_diff_of_a_revision_reproduces_it(data):
    old = data.draw(plans())
    revision = data.draw(revisions(old))
    new = R.apply(old, revision.operations)
    operations = R.diff(old, new)
    assert R.apply(old, operations) == new
    assert R.diff(new, new) == ()


@given(st.data())
def test_history_is_immutable_and_every_version_survives_a_round_trip(data):
    plan = data.draw(plans())
    first = data.draw(revisions(plan))
    once = R.apply(plan, first)
    twice = R.apply(once, data.draw(revisions(once)))
    snapshot = (dumps(plan), dumps(once))
    assert twice.history[0] == once.history[0]
    assert R.versions(twice) == (plan, once, twice)
    assert (
        R.as_of(twice, first.in_force) == once
        or first.in_force == twice.history[1].revision.in_force
    )
    for version in R.versions(twice):
        assert loads(dumps(version)) == version
    assert R.versions(loads(dumps(twice))) == R.versions(twice)
    assert (dumps(plan), dumps(once)) == snapshot


@given(st.data())
def test_invalid_operations_leave_the_plan_untouched(data):
    plan = data.draw(plans())
    before = dumps(plan)
    node = data.draw(st.sampled_from([n.id for n in plan.walk()]))
    top = plan.goals[0].id
    operation = data.draw(
        st.sampled_from(
            [
                R.Strike(id=f"{node}-missing", cascade=True),
                R.Move(
                    id=top,
                    parent=node
                    if node in {g.id for g in plan.goals[0].children} or node == top
                    else top,
                ),
                R.Add(parent=None, node=Goal(id=node, title="x", level=plan.levels[0].key)),
                R.ChangeTarget(id=top, target=None),
            ]
        )
    )
    with pytest.raises((R.InvalidOperation, UnknownNode)):
        R.apply(plan, [operation])
    assert dumps(plan) == before


# -- the command line ---


def test_revise_diff_and_history_commands(tmp_path):
    runner = CliRunner()
    out = tmp_path / "after.json"
    result = runner.invoke(
        main,
        ["revise", "jamtland-harjedalen-2020", "jamtland-harjedalen-2020-revision", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert loads(out.read_text(encoding="utf-8")) == AFTER
    result = runner.invoke(main, ["diff", "jamtland-harjedalen-2020", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    assert [(r["op"], r["id"]) for r in records] == [
        ("strike", "omlokaliserade-verksamheter"),
        ("reformulate", "vald-fragan"),
        ("change_target", "vald-fragan"),
        ("replace", "hog-tillganglighet"),
        ("strike", "komiljarden"),
        ("strike", "hembesok"),
        ("reformulate", "avtalsfoljsamhet"),
        ("change_target", "avtalsfoljsamhet"),
        ("strike", "sip-andel"),
        ("reformulate", "samordning-kommunerna"),
    ]
    text = runner.invoke(main, ["diff", "jamtland-harjedalen-2020", str(out), "--locale", "en"])
    assert text.output.splitlines()[0] == "- Goal “Omlokaliserade verksamheter” is struck"
    history = runner.invoke(main, ["history", str(out), "hog-tillganglighet", "--locale", "en"])
    assert history.output.startswith("Version 2: replaced by vardgarantin by HSN 2020-06-10")
    whole = runner.invoke(main, ["history", str(out)])
    assert whole.output.splitlines()[1] == "Version 2: HSN 2020-06-10, gäller från 10 juni 2020"
    again = runner.invoke(
        main, ["revise", str(out), "jamtland-harjedalen-2020-revision", "-o", str(out)]
    )
    assert again.exit_code == 1
    assert "was struck by HSN 2020-06-10" in again.output
    missing = runner.invoke(main, ["revise", "jamtland-harjedalen-2020", "nope", "-o", str(out)])
    assert missing.exit_code == 1
    assert "jamtland-harjedalen-2020-revision" in missing.output


def test_a_revision_shares_everything_it_does_not_touch():
    # What makes applying cost the depth of the tree: untouched subtrees are the same objects
    # in both versions, and only the changed node and the goals above it are new.
    plan = examples.load("jamtland-harjedalen-2020")
    leaf = next(node for node in plan.walk() if node.kind == "indicator")
    above = {goal.id for goal in plan.ancestors(leaf.id)}
    revised = R.apply(
        plan,
        R.Revision(
            body="HSN",
            decided=date(2021, 3, 1),
            operations=(R.Reformulate(id=leaf.id, title="Ny lydelse"),),
        ),
    )
    for node in plan.walk():
        if node.id in above or node.id == leaf.id:
            assert revised[node.id] is not node
        else:
            assert revised[node.id] is node
    assert revised[leaf.id].title == "Ny lydelse"
    assert plan[leaf.id].title == leaf.title
    assert [node.id for node in revised.walk()] == [node.id for node in plan.walk()]
