"""History you can trust: a document's history is replayed on load, entry by entry."""

import json

import attrs
import pytest

from malstyrning import DocumentError, dumps, examples, loads
from malstyrning.errors import InvalidPlan
from malstyrning.revisions import Reformulate, apply, as_of, check_history

REVISED = apply(
    examples.load("jamtland-harjedalen-2020"),
    examples.load_revision("jamtland-harjedalen-2020-revision"),
)
# A second revision on top, so that replay works through more than one version.
LATER = attrs.evolve(
    examples.load_revision("jamtland-harjedalen-2020-revision"),
    decided=REVISED.history[0].revision.decided.replace(month=9),
    operations=(Reformulate(id="vald-fragan", title="Våld: frågan ställd och dokumenterad"),),
)
TWICE = apply(REVISED, LATER)


def document(plan=TWICE):
    return json.loads(dumps(plan))


def refused(body):
    with pytest.raises(DocumentError) as caught:
        loads(json.dumps(body), source="plan.json")
    return str(caught.value)


@pytest.mark.parametrize("fmt", ["json", "yaml", "toml"])
def test_a_true_history_loads_and_round_trips(fmt):
    again = loads(dumps(TWICE, format=fmt), format=fmt)
    assert again == TWICE
    assert check_history(again) == []


def test_emptied_undo_operations_are_refused_with_the_history_path():
    body = document()
    body["history"][0]["undo"] = []
    message = refused(body)
    assert "@ $.history[0]" in message
    assert "the history was changed" in message


def test_undo_operations_that_restore_another_wording_are_refused():
    body = document()
    # The later revision's undo puts back a title the earlier version never had, and the
    # revision's own operation then no longer describes the change.
    undo = body["history"][1]["undo"]
    assert undo, "the later revision has undo operations"
    body["history"][1]["revision"]["operations"] = [
        {"op": "reformulate", "id": "vald-fragan", "title": "Något annat"}
    ]
    message = refused(body)
    assert "@ $.history[1]" in message


def test_a_duplicated_history_entry_is_refused():
    body = document(REVISED)
    body["history"].append(body["history"][0])
    message = refused(body)
    assert "listed twice (first at $.history[0])" in message
    assert "@ $.history[1]" in message


def test_undo_operations_that_do_not_apply_name_the_undo_path():
    body = document()
    body["history"][1]["undo"] = [{"op": "strike", "id": "no-such-node", "cascade": True}]
    message = refused(body)
    assert "@ $.history[1].undo" in message
    assert "no-such-node" in message


def test_earlier_versions_of_a_loaded_plan_are_the_ones_applied():
    loaded = loads(dumps(TWICE))
    before = as_of(loaded, "2020-01-01")
    assert before == examples.load("jamtland-harjedalen-2020")


def test_a_plan_built_with_a_duplicated_entry_is_refused():
    with pytest.raises(InvalidPlan, match="listed twice"):
        attrs.evolve(REVISED, history=[*REVISED.history, REVISED.history[0]])


def test_outcomes_filed_after_a_revision_on_the_nodes_it_added_still_load():
    from decimal import Decimal

    from malstyrning import Goal, Indicator, Measurement, Period, Series
    from malstyrning.model import Add
    from malstyrning.revisions import Revision

    plan = examples.load("jamtland-harjedalen-2020")
    added = Indicator(id="ny-indikator", title="Ny indikator", unit="%")
    revision = Revision(
        body="HSN",
        decided=REVISED.history[0].revision.decided,
        operations=(Add(node=added, parent=plan.goals[0].id),),
    )
    revised = apply(plan, revision)
    # The follow-up files an outcome on the new indicator: no revision, so no history entry.
    outcome = Measurement(period=Period("2020-T1"), value=Decimal("4.5"))
    reported = attrs.evolve(added, series=(Series(key="total", measurements=(outcome,)),))
    first = revised.goals[0]
    assert isinstance(first, Goal)
    children = tuple(reported if child.id == added.id else child for child in first.children)
    followed = attrs.evolve(revised, goals=(attrs.evolve(first, children=children),))

    assert check_history(followed) == []
    assert loads(dumps(followed)) == followed
