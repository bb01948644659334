"""A region's own status rule, tested with malstyrning's public strategies.

Region Exempel colours its key figures itself: green when the target is met, yellow when the
outcome is within 5 % of the target, red otherwise. Its analysts check the function against
malstyrning's evaluation of the same rule on generated plans.

The function below has a bug planted on purpose, the most common one in the field: it
treats every target as "higher is better". Run this file with pytest and Hypothesis finds
it, then shrinks the plan to one goal with one indicator (or a few, at most):

    python -m pytest examples/test_planted_bug.py

(``tests/test_properties_planted_bug.py`` runs it and checks exactly that.)
"""

from decimal import Decimal

from hypothesis import given, note
from hypothesis import strategies as st

from malstyrning import Indicator, Period, evaluate
from malstyrning.rules import Threshold, Tolerance
from malstyrning.testing import indicators, plans, target_rules

PERIOD = Period("2020")
BAND = Decimal(5)  # per cent of the target


def region_status(indicator: Indicator, period: Period) -> str | None:
    """Green when the target is met, yellow within 5 % of it, red otherwise."""
    measurement = indicator.main_series.get(period)
    rule = indicator.target
    if measurement is None or measurement.value is None or not isinstance(rule, Threshold):
        return None
    value, target = measurement.value, rule.value
    # The planted bug: "met" is read as "at least the target", whatever the direction.
    if value >= target and (rule.comparison.inclusive or value > target):
        return "green"
    if abs(value - target) <= abs(target) * BAND / 100:
        return "yellow"
    return "red"


# The same rule in malstyrning's terms: a threshold with a relative 5 % band.
REGION_RULES = target_rules(types=[Threshold], tolerances=st.just(Tolerance(BAND, relative=True)))


@given(
    plans(
        leaves=indicators(
            rules=REGION_RULES, periods=st.just(PERIOD), missing=st.none(), min_size=1
        )
    )
)
def test_region_status_agrees_with_malstyrning(plan):
    evaluation = evaluate(plan, period=PERIOD)
    for node in plan.walk():
        if isinstance(node, Indicator):
            outcome = node.main_series.get(PERIOD)
            note(
                f"{node.id}: {node.direction.value}, target {node.target}, "
                f"outcome {outcome.value if outcome else None}"
            )
            assert region_status(node, PERIOD) == evaluation[node.id].status
