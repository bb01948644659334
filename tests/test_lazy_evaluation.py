"""Statuses at loop speed: evaluate() judges every status at once and builds each node's
assessment (explanation, trend, pace) only when it is read, without any visible difference."""

from __future__ import annotations

import copy
import pickle
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import malstyrning
from malstyrning import Goal, Indicator, Measurement, Period, Plan, PlanLevel, Series, examples
from malstyrning.evaluation import Assessment, Evaluation, _Pass, evaluate
from malstyrning.model import Aggregation, Judgement
from malstyrning.rules import Comparison, Direction, TargetLevel, Threshold, Trajectory
from malstyrning.testing import plans


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the assessments built after the pass, in the order they were built."""
    built: list[str] = []
    original = _Pass.build

    def counting(self: _Pass, pending: tuple[object, ...]) -> object:
        node = pending[0]
        assert isinstance(node, Indicator | Goal)
        built.append(node.id)
        return original(self, pending)  # type: ignore[arg-type]

    monkeypatch.setattr(_Pass, "build", counting)
    return built


def _indicator(number: int, value: str, *, judged: bool = False) -> Indicator:
    return Indicator(
        id=f"i{number}",
        title=f"Indikator {number}",
        unit="%",
        direction=Direction.HIGHER_IS_BETTER,
        target=Threshold(comparison=Comparison.AT_LEAST, value=Decimal(50))
        if number % 2
        else Trajectory(levels=(TargetLevel(Period("2020"), Decimal(60)),)),
        series=(
            Series(
                key="total",
                measurements=(
                    Measurement(period=Period("2019"), value=Decimal(45)),
                    Measurement(period=Period("2020"), value=Decimal(value)),
                ),
            ),
        ),
        judgements=(Judgement(period=Period("2020"), status="green", by="Regionstyrelsen"),)
        if judged
        else (),
    )


def _plan(*, judged: bool = False) -> Plan:
    values = ("40", "55", "70", "30")
    return Plan(
        id="lazy",
        title="Plan",
        organisation="Region Test",
        validity=Period("2020-01-01/2022-12-31"),
        levels=(PlanLevel("goal_area", "Målområde"), PlanLevel("goal", "Mål")),
        goals=(
            Goal(
                id="a",
                title="Område",
                level="goal_area",
                children=(
                    Goal(
                        id="g",
                        title="Mål",
                        level="goal",
                        owner="Nämnden",
                        children=tuple(
                            _indicator(n, v, judged=judged and n == 0) for n, v in enumerate(values)
                        ),
                    ),
                ),
            ),
        ),
    )


def test_statuses_summaries_and_repr_build_no_assessment(builds: list[str]) -> None:
    evaluation = evaluate(_plan(), period="2020")
    assert dict(evaluation.statuses) == {
        "a": "red",
        "g": "red",
        "i0": "red",
        "i1": "green",
        "i2": "green",
        "i3": "red",
    }
    assert dict(evaluation.summary(kind="indicator").counts) == {
        "green": 2,
        "yellow": 0,
        "red": 2,
    }
    evaluation.summary()
    evaluation.summary_table()
    assert "indicators={'green': 2, 'yellow': 0, 'red': 2}" in repr(evaluation)
    assert len(evaluation) == 6 and list(evaluation.assessments) == list(evaluation.statuses)
    assert "i1" in evaluation.assessments
    assert builds == []


def test_an_assessment_is_built_once_when_first_read(builds: list[str]) -> None:
    evaluation = evaluate(_plan(), period="2020")
    first = evaluation["i1"]
    assert evaluation["i1"] is first
    assert builds == ["i1"]
    assert first.owner == "Nämnden"
    assert first.explain(locale="en") == "Outcome 55%, target at least 50: met."
    assert first.trend is not None and first.trend.status == "improving"


def test_lazy_false_builds_every_assessment_in_the_call(builds: list[str]) -> None:
    evaluation = evaluate(_plan(), period="2020", lazy=False)
    assert all(isinstance(a, Assessment) for a in evaluation.assessments._data.values())
    assert [a.node_id for a in evaluation] == ["a", "g", "i0", "i1", "i2", "i3"]
    assert builds == []  # nothing was left to build when read


def test_lazy_and_eager_evaluations_are_equal_and_look_alike() -> None:
    lazy = evaluate(_plan(), period="2020")
    eager = evaluate(_plan(), period="2020", lazy=False)
    assert lazy == eager and eager == lazy
    assert lazy.assessments == eager.assessments == dict(eager.assessments)
    assert hash(lazy) == hash(eager)
    assert repr(lazy.assessments) == repr(eager.assessments)
    assert repr(lazy.assessments).startswith("FrozenMap({")


def test_pickle_and_copy_give_an_equal_evaluation_with_its_assessments_built() -> None:
    evaluation = evaluate(_plan(), period="2020")
    for again in (pickle.loads(pickle.dumps(evaluation)), copy.deepcopy(evaluation)):
        assert isinstance(again, Evaluation)
        assert again == evaluation
        assert type(again.assessments) is malstyrning.evaluation.FrozenMap
        assert again["i2"].explain(locale="sv") == evaluation["i2"].explain(locale="sv")


def test_a_judgement_changes_the_status_the_roll_up_reads() -> None:
    plain = evaluate(_plan(), period="2020")
    judged = evaluate(_plan(judged=True), period="2020")
    assert plain.statuses["i0"] == "red" and judged.statuses["i0"] == "green"
    assert judged["i0"].status == "green" and judged["i0"].derived_status == "red"
    assert judged.summary(kind="indicator").counts["green"] == 3
    assert judged.statuses["g"] == judged["g"].status


def test_errors_of_the_pass_still_raise_in_the_call() -> None:
    # Outcomes of overlapping shorter periods cannot be summed: evaluate() says so itself,
    # not the first reader of the assessment.
    indicator = attrs.evolve(
        _indicator(1, "55"),
        aggregation=Aggregation.SUM,
        series=(
            Series(
                key="total",
                measurements=(
                    Measurement(period=Period("2020-01"), value=Decimal(5)),
                    Measurement(period=Period("2020-T1"), value=Decimal(7)),
                ),
            ),
        ),
    )
    plan = _plan()
    goal = attrs.evolve(plan.goals[0].children[0], children=(indicator,))
    plan = attrs.evolve(plan, goals=(attrs.evolve(plan.goals[0], children=(goal,)),))
    with pytest.raises(malstyrning.MalstyrningError, match="overlap"):
        evaluate(plan, period="2020")


@pytest.mark.parametrize("name", examples.names())
def test_lazy_and_eager_agree_on_every_example(name: str) -> None:
    plan = examples.load(name)
    for period in ("2019", "2019-T1", "2020", "2022"):
        lazy = evaluate(plan, period=period)
        statuses = dict(lazy.statuses)
        summary = lazy.summary(kind="indicator")
        eager = evaluate(plan, period=period, lazy=False)
        assert [a.status for a in eager] == list(statuses.values())
        assert summary == eager.summary(kind="indicator")
        assert lazy == eager
        for assessment in eager:
            assert lazy[assessment.node_id].explain(locale="en") == assessment.explain(locale="en")


@given(plan=plans(max_goals=2), year=st.integers(2018, 2025))
def test_statuses_are_those_of_the_built_assessments(plan: Plan, year: int) -> None:
    try:
        evaluation = evaluate(plan, period=Period.year(year))
    except malstyrning.MalstyrningError:
        return  # an evaluation that raises raises either way
    statuses = dict(evaluation.statuses)
    counts = evaluation.summary(kind="indicator")
    assert statuses == {a.node_id: a.status for a in evaluation}
    assert counts == evaluation.summary(kind="indicator")
    assert evaluation == evaluate(plan, period=Period.year(year), lazy=False)


def test_evaluations_that_differ_hash_apart_and_a_hash_is_kept() -> None:
    evaluations = [evaluate(_plan(), period="2020"), evaluate(_plan(judged=True), period="2020")]
    evaluations.append(evaluate(_plan(), period="2019"))
    hashes = {hash(evaluation.assessments) for evaluation in evaluations}
    assert len(hashes) == 3
    first = evaluations[0].assessments
    assert hash(first) == hash(first) == hash(evaluate(_plan(), period="2020").assessments)


def test_a_pickled_evaluation_counts_and_tabulates_as_before() -> None:
    evaluation = evaluate(_plan(), period="2020")
    again = pickle.loads(pickle.dumps(evaluation))
    assert type(again.assessments) is malstyrning.evaluation.FrozenMap
    assert again.summary(kind="indicator") == evaluation.summary(kind="indicator")
    assert again.summary_table() == evaluation.summary_table()
    assert dict(again.statuses) == dict(evaluation.statuses)


# -- parameters made when first read ------------------------------------------------------------


def test_a_deferred_map_is_made_once_and_then_is_the_frozen_map_it_holds() -> None:
    from malstyrning._frozen import DeferredMap, FrozenMap

    made: list[int] = []

    def make(value: int) -> dict[str, int]:
        made.append(value)
        return {"value": value, "twice": value * 2}

    deferred = DeferredMap(make, 21)
    assert made == []  # nothing made until read
    plain = FrozenMap({"value": 21, "twice": 42})
    assert deferred == plain and plain == deferred
    assert hash(deferred) == hash(plain)
    assert repr(deferred) == "FrozenMap({'value': 21, 'twice': 42})"
    assert list(deferred) == ["value", "twice"] and len(deferred) == 2
    assert made == [21]  # once, however often it is read
    again = pickle.loads(pickle.dumps(DeferredMap(make, 1)))
    assert type(again) is FrozenMap and again == {"value": 1, "twice": 2}
    assert copy.deepcopy(deferred) == plain
    with pytest.raises(AttributeError, match="nothing"):
        deferred.nothing  # type: ignore[attr-defined]  # noqa: B018


def test_a_deferred_explanation_equals_and_renders_as_the_message_built_in_full() -> None:
    from malstyrning._frozen import DeferredMap, FrozenMap
    from malstyrning.i18n import Message, Quantity

    def params() -> dict[str, object]:
        return {"value": Quantity(Decimal("3.5"), "%"), "target": Quantity(Decimal(4), "%")}

    deferred = Message("explain.outcome_with_target", DeferredMap(params))
    full = Message("explain.outcome_with_target", FrozenMap(params()))
    assert deferred == full and hash(deferred) == hash(full) and repr(deferred) == repr(full)


def test_explanations_read_after_pickling_the_evaluation_are_the_same() -> None:
    # Every explanation of a full evaluation has its parameters made only when it is read.
    evaluation = evaluate(_plan(), period="2020", lazy=False)
    again = pickle.loads(pickle.dumps(evaluation))
    for node_id in ("i0", "i2"):
        for locale in ("sv", "en"):
            assert again[node_id].explain(locale=locale) == evaluation[node_id].explain(
                locale=locale
            )
        assert again[node_id].explanation == evaluation[node_id].explanation


def test_a_rules_phrase_is_made_once_and_left_out_of_its_value() -> None:
    rule = Threshold(comparison=Comparison.AT_LEAST, value=Decimal(5), unit="%")
    levels = Trajectory(levels=(TargetLevel(Period("2022"), Decimal(85)),))
    for made in (rule, levels):
        assert made.describe() is made.describe()
        fresh = pickle.loads(pickle.dumps(made))
        assert fresh == made and repr(fresh) == repr(made) and hash(fresh) == hash(made)
        assert fresh.describe() == made.describe()
