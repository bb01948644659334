"""The evaluator's fast paths give exactly what the general ones give.

``evaluate`` judges thresholds and trajectories without a rule context, works out compound
growth for whole years with integer roots instead of Decimal's power, shares results that
are the same for many nodes, and pauses the garbage collector. None of that may change a
status, a gap, a trend, a pace or a digit of any number.
"""

import decimal
import gc
import threading
from decimal import Decimal as D

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from malstyrning import (
    Goal,
    Indicator,
    MalstyrningError,
    Measurement,
    Period,
    Plan,
    PlanLevel,
    Series,
    evaluate,
)
from malstyrning._gc import _COLLECTOR
from malstyrning.evaluation import _lookup, _root_power, judge_pace
from malstyrning.model import Aggregation, NotAssessedReason
from malstyrning.rules import (
    Band,
    Comparison,
    Direction,
    Maintain,
    RelativeToReference,
    RuleContext,
    SeriesTarget,
    TargetLevel,
    Threshold,
    Tolerance,
    Trajectory,
)
from malstyrning.scales import NotAssessed
from malstyrning.testing import plans

# -- whole-year roots are Decimal's own power, digit for digit -----------------------------

WHOLE_YEARS = st.integers(1, 70).map(lambda years: D(repr(float(years))))
# Years of tertials, months and ranges are not whole: Decimal's power is used for them.
OTHER_YEARS = st.sampled_from(["0.3333333333333333", "1.3333333333333333", "2.5", "0.75"]).map(D)
OUTCOMES = st.decimals(
    min_value=D("0.001"), max_value=D("1000000"), places=3, allow_nan=False, allow_infinity=False
)


def same_number(first, second):
    """Equal, with the same digits and exponent (``1.2`` is not ``1.20``)."""
    return first.compare_total(second) == 0


@given(start=OUTCOMES, end=OUTCOMES, years=WHOLE_YEARS | OTHER_YEARS)
@example(start=D("1"), end=D("1.44"), years=D("2.0"))  # exact square root
@example(start=D("1"), end=D("1.728"), years=D("3.0"))  # exact cube root
@example(start=D("100"), end=D("100.001"), years=D("3.0"))  # close to one
@example(start=D("3"), end=D("2.999"), years=D("7.0"))  # just below one
@example(start=D("0.001"), end=D("1000000"), years=D("64.0"))
@example(start=D("1000000"), end=D("0.001"), years=D("65.0"))  # beyond the roots done
def test_growth_roots_are_decimals_power(start, end, years):
    base = end / start
    if base <= 0:
        return
    expected = base ** (1 / years)
    assert same_number(_root_power(base, 1 / years, years), expected)


@pytest.mark.parametrize(
    ("base", "years"),
    [
        (D("1E-58"), D("3.0")),
        (D("9.99999999999999999999999999E+59"), D("2.0")),
        (D("1E+61"), D("2.0")),  # outside the range done with roots
        (D("1.000"), D("3.0")),
        (D("0.9999999999999999999999999999"), D("2.0")),
        (D("1.0000000000000000000000000001"), D("4.0")),
    ],
)
def test_extreme_and_unit_bases(base, years):
    assert same_number(_root_power(base, 1 / years, years), base ** (1 / years))


@pytest.mark.parametrize(
    "context",
    [
        decimal.Context(prec=50),
        decimal.Context(prec=12),
        decimal.Context(prec=28, rounding=decimal.ROUND_DOWN),
        decimal.Context(prec=28, traps=[decimal.Inexact]),
    ],
    ids=["prec50", "prec12", "round_down", "trap_inexact"],
)
@pytest.mark.parametrize("years", [D("2.0"), D("3.0"), D("5.0")])
def test_roots_follow_the_current_context(context, years):
    base = D("87.3") / D("63.4")
    with decimal.localcontext(context):
        try:
            expected = base ** (1 / years)
        except decimal.Inexact:
            with pytest.raises(decimal.Inexact):
                _root_power(base, 1 / years, years)
            return
        assert same_number(_root_power(base, 1 / years, years), expected)


@given(
    precision=st.integers(1, 80),
    start=st.integers(1, 10**9),
    end=st.integers(1, 10**9),
    scale=st.integers(-12, 12),
    years=st.integers(2, 64).map(lambda years: D(repr(float(years)))),
)
@example(precision=3, start=1, end=385_000_000, scale=0, years=D("6.0"))
@example(precision=3, start=1_000_000_000, end=789, scale=-3, years=D("3.0"))
def test_roots_in_any_precision(precision, start, end, scale, years):
    # At low precisions 1 / years is far from 1 / root, and exp(d ln x) far from 1 + d ln x.
    with decimal.localcontext(decimal.Context(prec=precision)):
        base = D(end).scaleb(scale) / D(start)
        expected = base ** (1 / years)
        assert same_number(_root_power(base, 1 / years, years), expected)


def test_a_root_half_way_between_two_results_is_left_to_decimal():
    # 1.5625 ** 0.5 is 1.25 exactly: in two digits, half-way between 1.2 and 1.3.
    with decimal.localcontext(decimal.Context(prec=2)):
        base, years = D("1.5625"), D("2.0")
        assert same_number(_root_power(base, 1 / years, years), base ** (1 / years))


@given(
    values=st.lists(OUTCOMES, min_size=2, max_size=4),
    target=OUTCOMES,
    ahead=st.integers(1, 6),
    higher=st.booleans(),
)
def test_pace_growth_is_the_growth_ratio_method(values, target, ahead, higher):
    from malstyrning.rules import Direction

    periods = [Period.year(2015 + offset) for offset in range(len(values))]
    series = Series(
        key="total",
        measurements=tuple(
            Measurement(period=p, value=v) for p, v in zip(periods, values, strict=True)
        ),
    )
    now = periods[-1]
    level = TargetLevel(Period.year(now.start.year + ahead), target)
    direction = Direction.HIGHER_IS_BETTER if higher else Direction.LOWER_IS_BETTER
    pace = judge_pace(series, now, level, direction)
    if pace.observed_growth is None:
        return
    start, years_now = values[0], D(repr(float(len(values) - 1)))
    years_target = D(repr(float(len(values) - 1 + ahead)))
    # Growth is given normalised (no trailing zeros, never -0): the same number Decimal's
    # own power gives, with the same significant digits.
    observed = ((values[-1] / start) ** (1 / years_now) - 1).normalize() + 0
    required = ((target / start) ** (1 / years_target) - 1).normalize() + 0
    assert same_number(pace.observed_growth, observed)
    assert same_number(pace.required_growth, required)


# -- thresholds and trajectories are judged as the rules judge them --------------------------


def judged_by_the_rule(node, period):
    main = node.main_series
    return node.target.judge(
        RuleContext(
            period=period,
            series=main.key,
            direction=node.direction,
            unit=node.unit,
            lookup=_lookup(node),
            labels={series.key: series.label for series in node.series},
        )
    )


@given(plan=plans(max_depth=2, max_leaves=4), year=st.integers(2016, 2027))
def test_fast_rules_give_the_rules_own_results(plan, year):
    period = Period.year(year)
    evaluation = evaluate(plan, period=period)
    for node in plan.walk():
        if not isinstance(node, Indicator) or type(node.target) not in {Threshold, Trajectory}:
            continue
        assessment = evaluation[node.id]
        result = judged_by_the_rule(node, period)
        assert assessment.result == result
        assert (assessment.gap, assessment.target) == (result.gap, result.target)
        if assessment.judgement is None:
            assert assessment.explanation == result.explanation
            assert assessment.not_assessed == result.not_assessed
            if result.achievement is not None:
                assert assessment.status == plan.scale.level_for(result.achievement).key
        upcoming = node.target.next_level(period) if type(node.target) is Trajectory else None
        if upcoming is not None:
            unit = node.target.unit or node.unit
            expected = judge_pace(node.main_series, period, upcoming, node.direction, unit)
            assert assessment.pace == expected


def indicator_plan(count, *, target=None):
    years = [Period.year(year) for year in (2019, 2020, 2021)]
    children = tuple(
        Indicator(
            id=f"i{number}",
            title=f"Indikator {number}",
            unit="%",
            target=target
            or Threshold(comparison=Comparison.AT_LEAST, value=D(f"{60 + number % 30}.5")),
            series=(
                Series(
                    key="total",
                    measurements=tuple(
                        Measurement(period=p, value=D(f"{50 + (number * 7 + i) % 50}.5"))
                        for i, p in enumerate(years)
                    ),
                ),
            ),
        )
        for number in range(count)
    )
    return Plan(
        id="p",
        title="Plan",
        organisation="Region",
        validity=Period("2019-01-01/2024-12-31"),
        levels=(PlanLevel("goal", "Mål"),),
        goals=(Goal(id="g", title="Mål", level="goal", children=children),),
    )


def test_results_shared_within_an_evaluation_are_equal_to_their_own():
    trajectory = Trajectory(levels=(TargetLevel(Period("2022"), D(85)),))
    plan = indicator_plan(3, target=trajectory)
    evaluation = evaluate(plan, period="2021")
    results = [evaluation[f"i{n}"].result for n in range(3)]
    assert results[0] == results[1] == results[2] == judged_by_the_rule(plan["i0"], Period("2021"))
    assert evaluation["i0"].not_assessed.detail == "2022"


def test_nodes_without_a_number_for_the_same_reason_share_one_result():
    # Two indicators with no outcome for 2022; two whose 2022 outcome is measured later, one
    # of them with a comment that reads like the missing period.
    def measured_later(indicator, comment):
        later = Measurement(
            period=Period("2022"), missing=NotAssessedReason.MEASURED_LATER, comment=comment
        )
        series = attrs.evolve(indicator.series[0], measurements=(later,))
        return attrs.evolve(indicator, series=(series,))

    plan = indicator_plan(4)
    first, second, third, fourth = plan.goals[0].children
    children = (first, second, measured_later(third, "Mäts 2023"), measured_later(fourth, "2022"))
    plan = attrs.evolve(plan, goals=(attrs.evolve(plan.goals[0], children=children),))
    evaluation = evaluate(plan, period="2022")
    none, also_none, later, later_2022 = (evaluation[f"i{n}"].result for n in range(4))
    assert none is also_none
    assert none.not_assessed == NotAssessed(NotAssessedReason.NO_DATA, "2022")
    assert later.not_assessed == NotAssessed(NotAssessedReason.MEASURED_LATER, "Mäts 2023")
    assert later_2022.not_assessed == NotAssessed(NotAssessedReason.MEASURED_LATER, "2022")
    assert evaluation["i2"].explain(locale="en").endswith("(Mäts 2023).")


def test_paces_from_different_baselines_in_one_evaluation_are_each_their_own():
    # Both indicators are judged in 2021 towards 2023; one's baseline is 2019, the other's 2020.
    trajectory = Trajectory(levels=(TargetLevel(Period("2023"), D(90)),))
    plan = indicator_plan(2, target=trajectory)
    first, second = plan.goals[0].children
    later = attrs.evolve(
        second.series[0], measurements=second.series[0].measurements[1:]
    )  # 2020 and 2021 only
    children = (first, attrs.evolve(second, series=(later,)))
    plan = attrs.evolve(plan, goals=(attrs.evolve(plan.goals[0], children=children),))
    evaluation = evaluate(plan, period="2021")
    for node in children:
        expected = judge_pace(
            node.main_series, Period("2021"), trajectory.levels[0], node.direction, "%"
        )
        assert evaluation[node.id].pace == expected
    assert evaluation["i0"].pace.baseline.period == Period("2019")
    assert evaluation["i1"].pace.baseline.period == Period("2020")


# -- the garbage collector ----------------------------------------------------------------


@pytest.fixture
def collector_state():
    enabled = gc.isenabled()
    yield
    if enabled:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.usefixtures("collector_state")
@pytest.mark.parametrize("enabled", [True, False])
def test_evaluate_leaves_the_collector_as_it_found_it(enabled):
    (gc.enable if enabled else gc.disable)()
    evaluate(indicator_plan(50), period="2021")
    assert gc.isenabled() is enabled


@pytest.mark.usefixtures("collector_state")
def test_the_collector_does_not_run_during_an_evaluation():
    gc.enable()
    plan = indicator_plan(2_000)
    runs = []

    def count(phase, _info):
        if phase == "start" and _COLLECTOR._depth:
            runs.append(phase)

    gc.callbacks.append(count)
    try:
        evaluate(plan, period="2021")
    finally:
        gc.callbacks.remove(count)
    assert runs == []
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_state")
def test_the_collector_resumes_after_an_error():
    gc.enable()
    # Summed outcomes that overlap (a quarter and a month in it) fail in the middle of the pass.
    plan = indicator_plan(5)
    summed = Indicator(
        id="summed",
        title="Antal besök",
        aggregation=Aggregation.SUM,
        target=Threshold(comparison=Comparison.AT_LEAST, value=D(10)),
        series=(
            Series(
                key="total",
                measurements=(
                    Measurement(period=Period("2021-Q1"), value=D(3)),
                    Measurement(period=Period("2021-02"), value=D(1)),
                ),
            ),
        ),
    )
    goal = plan.goals[0]
    plan = attrs.evolve(
        plan, goals=(attrs.evolve(goal, children=(*goal.children[:2], summed, *goal.children[2:])),)
    )
    with pytest.raises(MalstyrningError, match="overlap"):
        evaluate(plan, period="2021")
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_state")
def test_pauses_nest_across_threads():
    gc.enable()
    inside, release = threading.Event(), threading.Event()

    def hold():
        with _COLLECTOR.paused():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=hold)
    thread.start()
    inside.wait(5)
    evaluate(indicator_plan(20), period="2021")
    assert not gc.isenabled()  # the other thread's pause still holds
    release.set()
    thread.join(5)
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_state")
def test_a_pause_that_keeps_many_objects_moves_them_to_the_oldest_generation_unwalked():
    gc.enable()
    gc.collect()
    threshold = gc.get_threshold()[0]
    passes = []

    def count(phase, info):
        if phase == "start":
            passes.append(info["generation"])

    with _COLLECTOR.paused():
        kept = [[] for _ in range(20 * threshold)]
    gc.callbacks.append(count)
    try:
        more = [[] for _ in range(threshold // 2)]  # allocations after the pause
    finally:
        gc.callbacks.remove(count)
    assert passes == []  # no young pass walked what the pause kept
    assert gc.get_count()[0] < threshold
    oldest = gc.get_objects(generation=2)
    assert any(item is kept[-1] for item in oldest)
    assert not any(item is more[-1] for item in oldest)


@pytest.mark.usefixtures("collector_state")
def test_a_pause_that_keeps_few_objects_leaves_them_young():
    gc.enable()
    gc.collect()
    with _COLLECTOR.paused():
        kept = [[] for _ in range(100)]
    assert gc.get_count()[0] >= len(kept)
    assert not any(item is kept[-1] for item in gc.get_objects(generation=2))


@pytest.mark.usefixtures("collector_state")
def test_a_pause_leaves_the_program_s_frozen_objects_frozen():
    gc.enable()
    gc.collect()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with _COLLECTOR.paused():
            kept = [[] for _ in range(20 * gc.get_threshold()[0])]
        assert gc.get_freeze_count() == frozen
        assert not any(item is kept[-1] for item in gc.get_objects(generation=2))
    finally:
        gc.unfreeze()


@pytest.mark.usefixtures("collector_state")
def test_a_pause_with_the_collector_off_moves_nothing():
    gc.collect()
    gc.disable()
    with _COLLECTOR.paused():
        kept = [[] for _ in range(20 * gc.get_threshold()[0])]
    assert not gc.isenabled()
    assert gc.get_count()[0] >= len(kept)


# -- the statuses judged in the pass are those of the full assessments: hard cases ------------
#
# evaluate() keeps a status for every indicator from a quick verdict on the main series and
# builds the assessment (the full path) only when it is read. Each case below is one the quick
# verdict must either judge exactly as the full path does or hand over to it.


def _at_least(value: str, **tolerance: D) -> Threshold:
    given = Tolerance(tolerance["near"]) if tolerance else None
    return Threshold(comparison=Comparison.AT_LEAST, value=D(value), tolerance=given)


def _series(key: str, *outcomes: tuple[str, str | None], label: str = "Totalt") -> Series:
    return Series(
        key=key,
        label=label,
        measurements=tuple(
            Measurement(period=Period(period), value=D(value))
            if value is not None
            else Measurement(
                period=Period(period),
                missing=NotAssessedReason.MEASURED_LATER,
                comment="Mäts i maj",
            )
            for period, value in outcomes
        ),
    )


def _hard_cases() -> dict[str, tuple[Indicator, str | None]]:
    higher = Direction.HIGHER_IS_BETTER
    women = _series("women", ("2020", "40"), label="Kvinnor")
    men = _series("men", ("2020", "70"), label="Män")
    total = _series("total", ("2019", "45"), ("2020", "60"))
    cases: dict[str, tuple[dict[str, object], str | None]] = {
        # The main series is "total", listed after another: the verdict is on total's 60.
        "main series listed second": (
            {"series": (women, total), "target": _at_least("50")},
            "green",
        ),
        "primary series named": (
            {"series": (women, total, men), "primary_series": "women", "target": _at_least("50")},
            "red",
        ),
        "at least, exactly on the target": (
            {"series": (_series("total", ("2020", "50")),), "target": _at_least("50")},
            "green",
        ),
        "at most, exactly on the target": (
            {
                "series": (_series("total", ("2020", "50")),),
                "direction": Direction.LOWER_IS_BETTER,
                "target": Threshold(comparison=Comparison.AT_MOST, value=D(50)),
            },
            "green",
        ),
        "just short, within the tolerance": (
            {"series": (_series("total", ("2020", "49")),), "target": _at_least("50", near=D(2))},
            "yellow",
        ),
        "target not yet due": (
            {
                "series": (total,),
                "target": Trajectory(levels=(TargetLevel(Period("2022"), D(90)),)),
            },
            None,
        ),
        "missing with a reason": (
            {"series": (_series("total", ("2020", None)),), "target": _at_least("50")},
            None,
        ),
        "no outcome": (
            {"series": (_series("total", ("2019", "80")),), "target": _at_least("50")},
            None,
        ),
        "no target": ({"series": (total,), "target": None}, None),
        "series-judged rule": (
            {
                "series": (total, women),
                "target": SeriesTarget(series="women", rule=_at_least("50")),
            },
            "red",
        ),
        "finer outcomes summed": (
            {
                "series": (_series("total", ("2020-01", "30"), ("2020-02", "25")),),
                "aggregation": Aggregation.SUM,
                "target": _at_least("50"),
            },
            "green",
        ),
        "maintain in the indicator's direction": (
            {"series": (total,), "direction": higher, "target": Maintain(level=D(61))},
            "red",
        ),
        "band of two bounds": (
            {"series": (total,), "target": Band(low=D(55), high=D(65))},
            "green",
        ),
        "relative to a reference series": (
            {
                "series": (total, attrs.evolve(men, key="riket", label="Riket", reference=True)),
                "target": RelativeToReference(
                    reference="riket", comparison=Comparison.AT_LEAST, margin=D(0)
                ),
            },
            "red",
        ),
    }
    return {
        name: (Indicator(id="i", title="Indikator", unit="%", **fields), status)  # type: ignore[arg-type]
        for name, (fields, status) in cases.items()
    }


HARD_CASES = _hard_cases()


def _one_indicator_plan(indicator: Indicator) -> Plan:
    return Plan(
        id="p",
        title="Plan",
        organisation="Region",
        validity=Period("2019-01-01/2024-12-31"),
        levels=(PlanLevel("goal", "Mål"),),
        goals=(Goal(id="g", title="Mål", level="goal", children=(indicator,)),),
    )


@pytest.mark.parametrize("case", list(HARD_CASES), ids=lambda name: name.replace(" ", "_"))
def test_the_quick_status_is_the_full_assessments_status(case: str) -> None:
    indicator, expected = HARD_CASES[case]
    plan = _one_indicator_plan(indicator)
    lazy = evaluate(plan, period="2020")
    quick = dict(lazy.statuses)  # read before any assessment is built
    eager = evaluate(plan, period="2020", lazy=False)
    assert quick["i"] == expected
    assert quick == {assessment.node_id: assessment.status for assessment in eager}
    assert lazy == eager
