"""At least / at most / more than / less than a value: "<250 rec/TIN", "Minst 30 %"."""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import ClassVar

import attrs

from malstyrning.i18n import Message, Quantity
from malstyrning.periods import Period
from malstyrning.rules._base import (
    Bound,
    Comparison,
    Demand,
    Direction,
    Rule,
    SampleKit,
    Tolerance,
    decimal_field,
    register,
    tolerance_field,
    unit_field,
    with_tolerance,
)

__all__ = ["Threshold"]


@register
@attrs.frozen(kw_only=True)
class Threshold(Rule):
    """At least / at most / more than / less than a value, with an optional tolerance band.

    Seeds: "<250 rec/TIN", "Minst 30 % av kostnaden", "Målvärde: 4,85".

    >>> from decimal import Decimal
    >>> r = Threshold(comparison=Comparison.AT_LEAST, value=Decimal("4.10"),
    ...               tolerance=Tolerance(Decimal("0.05")))
    >>> str(r)
    '>= 4.10 ±0.05'
    >>> r.describe().render(locale="en")
    'at least 4.10 (close within 0.05)'
    """

    tag: ClassVar[str] = "threshold"

    comparison: Comparison = attrs.field(validator=attrs.validators.instance_of(Comparison))
    value: Decimal = decimal_field()
    unit: str | None = unit_field()
    tolerance: Tolerance | None = tolerance_field()

    @property
    def direction(self) -> Direction:
        """The direction this rule rewards."""
        return self.comparison.direction

    @property
    def stated_direction(self) -> Direction:
        """Thresholds state their direction by their comparison."""
        return self.comparison.direction

    def demand(self, period: Period, direction: Direction | None) -> Demand:
        """One fixed bound in the comparison's direction, the same in every period."""
        del period, direction
        return self._demand

    # Built once per rule: the scalar evaluator asks every indicator's rule for its demand,
    # and building the two frozen values costs more than judging the number.
    @functools.cached_property
    def _demand(self) -> Demand:
        return Demand(
            bounds=(
                Bound(
                    direction=self.comparison.direction,
                    inclusive=self.comparison.inclusive,
                    target=self.value,
                    tolerance=self.tolerance,
                ),
            )
        )

    def describe(self) -> Message:
        """The rule as a phrase ("less than 250 rec/TIN")."""
        return self._description

    # Built once per rule, as the demand is: every assessment's explanation quotes it.
    @functools.cached_property
    def _description(self) -> Message:
        phrase = Message.of(
            f"rule.{self.comparison.name.lower()}", target=Quantity(self.value, self.unit)
        )
        return with_tolerance(phrase, self.tolerance, self.unit)

    @classmethod
    def sample(cls, kit: SampleKit, direction: Direction) -> Threshold:
        """A threshold rewarding ``direction``."""
        draw = kit.draw
        comparisons = [c for c in Comparison if c.direction is direction]
        return cls(
            comparison=draw(kit.sampled_from(comparisons)),
            value=draw(kit.values),
            unit=draw(kit.units),
            tolerance=draw(kit.tolerances),
        )

    def __str__(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        tolerance = f" {self.tolerance}" if self.tolerance else ""
        return f"{self.comparison.value} {self.value}{unit}{tolerance}"
