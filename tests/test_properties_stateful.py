"""A follow-up year as a state machine: outcomes arrive, people judge, the plan is revised.

After every step the evaluation must keep its invariants: not assessed is never a colour,
manual judgements win but keep the derived status, every indicator's status is what its
rule says, roll-ups stay between their children, and earlier versions of the plan (and
their evaluations) never change.
"""

from decimal import Decimal

import attrs
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from malstyrning import (
    Goal,
    Indicator,
    Judgement,
    Measurement,
    NotAssessedReason,
    Period,
    dumps,
    evaluate,
    loads,
)
from malstyrning import revisions as rev
from malstyrning.rules import RuleContext
from malstyrning.testing import indicators, numbers, plans, revisions


def replace_node(plan, new):
    """The plan with the node of ``new.id`` replaced (frozen values: rebuild the path)."""

    def visit(node):
        if node.id == new.id:
            return new
        if isinstance(node, Goal):
            return attrs.evolve(node, children=tuple(visit(child) for child in node.children))
        return node

    return attrs.evolve(plan, goals=tuple(visit(goal) for goal in plan.goals))


def with_measurement(series, measurement):
    kept = tuple(m for m in series.measurements if m.period != measurement.period)
    return attrs.evolve(series, measurements=(*kept, measurement))


def rule_verdict(node, period):
    """The indicator's verdict straight from its rule, without the evaluator."""
    values = {
        series.key: {m.period: m.value for m in series.measurements if m.value is not None}
        for series in node.series
    }
    context = RuleContext.of_values(
        values, period=period, series=node.main_series.key, direction=node.direction
    )
    return node.target.judge(context)


class FollowUpYear(RuleBasedStateMachine):
    @initialize(
        plan=plans(max_depth=2, min_leaves=1, leaves=indicators(max_size=3)),
        tertial=st.integers(0, 3),
    )
    def start(self, plan, tertial):
        self.plan = plan
        year = plan.validity.start.year
        self.period = Period.year(year) if tertial == 0 else Period.tertial(year, tertial)
        self.history = []

    def nodes(self, kind=None):
        return [node for node in self.plan.walk() if kind is None or isinstance(node, kind)]

    @precondition(lambda self: any(isinstance(node, Indicator) for node in self.plan.walk()))
    @rule(data=st.data(), value=numbers(), missing=st.booleans())
    def report_an_outcome(self, data, value, missing):
        node = data.draw(st.sampled_from(self.nodes(Indicator)), label="indicator")
        series = data.draw(st.sampled_from(node.series), label="series")
        period = data.draw(
            st.sampled_from([self.period, self.period.previous(), Period("2015")]),
            label="period",
        )
        measurement = (
            Measurement(period=period, missing=NotAssessedReason.MEASURED_LATER)
            if missing
            else Measurement(period=period, value=value)
        )
        new_series = tuple(
            with_measurement(s, measurement) if s.key == series.key else s for s in node.series
        )
        self.plan = replace_node(self.plan, attrs.evolve(node, series=new_series))

    @precondition(lambda self: len(self.plan) > 0)
    @rule(data=st.data())
    def judge_a_node(self, data):
        node = data.draw(st.sampled_from(self.nodes()), label="node")
        status = data.draw(st.sampled_from(self.plan.scale.keys), label="status")
        judgement = Judgement(period=self.period, status=status, by="HSN", reason="bedömning")
        kept = tuple(j for j in node.judgements if j.period != self.period)
        self.plan = replace_node(self.plan, attrs.evolve(node, judgements=(*kept, judgement)))

    @precondition(lambda self: any(node.judgements for node in self.nodes()))
    @rule(data=st.data())
    def withdraw_a_judgement(self, data):
        node = data.draw(st.sampled_from([n for n in self.nodes() if n.judgements]), label="node")
        self.plan = replace_node(self.plan, attrs.evolve(node, judgements=()))

    @rule(data=st.data())
    def revise_the_plan(self, data):
        # A decision mid-year: a new version of the plan that keeps the old one readable.
        before = self.plan
        self.plan = rev.apply(before, data.draw(revisions(before), label="revision"))
        assert rev.versions(self.plan)[-2] == before
        assert self.plan.version == before.version + 1

    @rule(tertial=st.integers(0, 3))
    def move_to_another_report(self, tertial):
        year = self.plan.validity.start.year
        self.period = Period.year(year) if tertial == 0 else Period.tertial(year, tertial)

    @rule()
    def file_the_report(self):
        # Keep the evaluation as published; later steps must never change it.
        evaluation = evaluate(self.plan, period=self.period)
        self.history.append((self.plan, self.period, [a.status for a in evaluation]))
        assert loads(dumps(self.plan)) == self.plan

    @invariant()
    def evaluation_keeps_its_invariants(self):
        period = self.period
        evaluation = evaluate(self.plan, period=period)
        # A revised plan is judged as it stood in the period.
        plan = rev.in_force(self.plan, period)
        assert evaluation.plan == plan
        scale = plan.scale
        assert [a.node_id for a in evaluation] == [node.id for node in plan.walk()]
        for node in plan.walk():
            assessment = evaluation[node.id]
            assert (assessment.status is None) is (assessment.not_assessed is not None)
            judgements = [j for j in node.judgements if j.period == period]
            if judgements:
                assert assessment.status == judgements[-1].status
                # The assessment names the scale a judgement is on; the plan may leave it out.
                assert assessment.judgement == attrs.evolve(judgements[-1], scale=scale.key)
                continue
            assert assessment.status == assessment.derived_status
            if isinstance(node, Indicator) and node.target is not None:
                verdict = rule_verdict(node, period)
                expected = (
                    scale.level_for(verdict.achievement).key
                    if verdict.achievement is not None
                    else None
                )
                assert assessment.status == expected
                measurement = node.main_series.get(period)
                if measurement is None or not isinstance(measurement.value, Decimal):
                    # Only a per-series or reference rule can judge without a main value.
                    assert assessment.status is None or verdict.parts or verdict.value is not None
            if isinstance(node, Goal):
                ranks = [
                    scale.rank(evaluation[child.id].status)
                    for child in node.children
                    if evaluation[child.id].status is not None
                ]
                if ranks:
                    assert min(ranks) <= scale.rank(assessment.status) <= max(ranks)
                else:
                    assert assessment.status is None

    @invariant()
    def filed_reports_never_change(self):
        for plan, period, statuses in self.history:
            assert [a.status for a in evaluate(plan, period=period)] == statuses

    @invariant()
    def every_earlier_version_stays_readable(self):
        versions = rev.versions(self.plan)
        assert len(versions) == self.plan.version
        assert versions[-1] == self.plan


FollowUpYear.TestCase.settings = FollowUpYear.TestCase.settings.__class__(
    FollowUpYear.TestCase.settings, stateful_step_count=12
)
TestFollowUpYear = FollowUpYear.TestCase
