"""Properties of revisions and target text, on generated plans, revisions and rules."""

from datetime import timedelta

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
    assert revised.as_of(revision.in_force - timedelta(days=1)) == plan
    assert revised.as_of(revision.in_force) == revised
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
