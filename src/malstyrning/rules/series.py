"""A rule for one series of the indicator: "Kvinnor 29 %"."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import attrs

from malstyrning.i18n import Message
from malstyrning.periods import Period
from malstyrning.rules._base import (
    Demand,
    Direction,
    Rule,
    RuleContext,
    RuleResult,
    register,
)

if TYPE_CHECKING:
    from malstyrning.rules.trajectory import Trajectory

__all__ = ["SeriesTarget"]

# Series keys the catalogues name in every language ("kvinnor", "women", "kvinner").
_NAMED_SERIES = ("total", "women", "men")


@register
@attrs.frozen(kw_only=True)
class SeriesTarget(Rule):
    """A rule for one series of the indicator ("Kvinnor 29 %").

    >>> from decimal import Decimal
    >>> from malstyrning.rules import Comparison, Threshold
    >>> str(SeriesTarget(series="women", rule=Threshold(comparison=Comparison.AT_LEAST,
    ...                                                 value=Decimal(29), unit="%")))
    'women: >= 29 %'
    """

    tag: ClassVar[str] = "series"

    series: str = attrs.field(validator=attrs.validators.instance_of(str))
    rule: Rule = attrs.field(
        validator=attrs.validators.instance_of(Rule)  # type: ignore[type-abstract]
    )

    @property
    def parts(self) -> tuple[Rule, ...]:
        """The rule applied to the series."""
        return (self.rule,)

    @property
    def series_judged(self) -> str:
        """The named series."""
        return self.series

    def demand(self, period: Period, direction: Direction | None) -> Demand | None:
        """The inner rule's demand; :attr:`series_judged` says which series it applies to."""
        return self.rule.demand(period, direction)

    def pace_target(self) -> tuple[str | None, Trajectory] | None:
        """Pace on this series, where the inner rule has target levels."""
        inner = self.rule.pace_target()
        if inner is None or inner[0] is not None:
            return None
        return self.series, inner[1]

    def with_unit(self, unit: str) -> SeriesTarget:
        """The inner rule with the unit."""
        return attrs.evolve(self, rule=self.rule.with_unit(unit))

    def judge(self, context: RuleContext) -> RuleResult:
        """Judge the named series."""
        result = self.rule.judge(attrs.evolve(context, series=self.series))
        return attrs.evolve(
            result,
            explanation=Message.of(
                "explain.series",
                series=context.labels.get(self.series) or self.series,
                explanation=result.explanation,
            ),
        )

    def describe(self) -> Message:
        """The rule as a phrase ("women: at least 29 %")."""
        label: object = self.series
        if self.series in _NAMED_SERIES:
            label = Message.of(f"target_text.series.{self.series}")
        return Message.of("rule.series", series=label, rule=self.rule.describe_nested())

    def __str__(self) -> str:
        return f"{self.series}: {self.rule}"
