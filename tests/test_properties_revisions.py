"""Properties of revisions and target text, on generated plans, revisions and rules."""

from datetime import timedelta

import attrs
from hypothesis import given
from hypothesis import strategies as st

from malstyrning import Period, dumps, evaluate, loads
from malstyrning import revisions as rev
from malstyrning.target_text import describe, parse_target
from malstyrning.testing import RULE_KINDS, plans, revisions, target_rules

LOCALES = ("sv", "en", "nb")


@given(data=st.data())
def test_applying_the_diff_rebuilds_the_revised_goal_tree(data):
    plan = data.draw(plans(max_depth=3), label="plan")
    revised = rev.apply(plan, data.draw(revisions(plan), label="revision"))
    operations = rev.diff(plan, revised)
    assert rev.apply(plan, operations).goals == revised.goals
    assert rev.diff(revised, revised) == ()


def _index_view(plan):
    return [
        (node.id, node, plan.parent(node.id), plan.depth(node.id), plan.path_of(node.id))
        for node in plan.walk()
    ]


@given(data=st.data())
def test_a_revised_plan_indexes_its_nodes_as_a_plan_built_from_scratch(data):
    # Revisions build the new plan's index from the changes alone; a plan built from the
    # same goal tree indexes and validates everything again, and must agree.
    plan = data.draw(plans(max_depth=3), label="plan")
    revised = rev.apply(plan, data.draw(revisions(plan), label="revision"))
    rebuilt = attrs.evolve(revised, goals=tuple(revised.goals))
    assert rebuilt == revised
    assert len(rebuilt) == len(revised)
    assert _index_view(revised) == _index_view(rebuilt)
    assert all(node.id in revised for node in rebuilt.walk())
    gone = {node.id for node in plan.walk()} - {node.id for node in rebuilt.walk()}
    assert not any(node_id in revised for node_id in gone)


@given(data=st.data())
def test_a_revision_never_changes_the_plan_before_it(data):
    plan = data.draw(plans(max_depth=2), label="plan")
    text = dumps(plan)
    before = [a.status for a in evaluate(plan, period=plan.validity)]
    revision = data.draw(revisions(plan), label="revision")
    revised = rev.apply(plan, revision)
    again = rev.apply(revised, data.draw(revisions(revised), label="second revision"))
    # The old value is untouched, and every later version can give it back.
    assert dumps(plan) == text
    assert [a.status for a in evaluate(plan, period=plan.validity)] == before
    assert revised.version == plan.version + 1 == again.version - 1
    assert rev.versions(again)[0] == plan
    assert rev.versions(again)[1] == revised
    assert rev.as_of(revised, revision.in_force - timedelta(days=1)) == plan
    assert rev.as_of(revised, revision.in_force) == revised
    assert again.history[: len(revised.history)] == revised.history


@given(data=st.data())
def test_revised_plans_round_trip_with_their_history(data):
    plan = data.draw(plans(max_depth=2), label="plan")
    revised = rev.apply(plan, data.draw(revisions(plan), label="revision"))
    assert loads(dumps(revised)) == revised
    assert rev.versions(loads(dumps(revised)))[0] == plan


@given(data=st.data())
def test_a_revised_plan_evaluates_with_its_invariants(data):
    plan = data.draw(plans(max_depth=2), label="plan")
    revised = rev.apply(plan, data.draw(revisions(plan), label="revision"))
    evaluation = evaluate(revised, period=Period.year(revised.validity.start.year))
    for assessment in evaluation:
        assert (assessment.status is None) is (assessment.not_assessed is not None)


@given(
    rule=target_rules(types=RULE_KINDS, series=("women", "men"), references=("riket",)),
    locale=st.sampled_from(LOCALES),
)
def test_every_rule_reads_back_from_its_own_words(rule, locale):
    text = describe(rule, locale=locale)
    assert parse_target(text, locale=locale) == rule, text
