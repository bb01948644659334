"""Keep a level, no worse than it in the indicator's direction: "Bibehålla nivån 5%"."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

import attrs

from malstyrning.i18n import Message, Quantity
from malstyrning.periods import Period
from malstyrning.rules._base import (
    Bound,
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

__all__ = ["Maintain"]


@register
@attrs.frozen(kw_only=True)
class Maintain(Rule):
    """Keep a level: no worse than it in the indicator's direction ("Bibehålla nivån 5%").

    >>> str(Maintain(level=Decimal("5"), unit="%"))
    'maintain 5 %'
    """

    tag: ClassVar[str] = "maintain"

    level: Decimal = decimal_field()
    unit: str | None = unit_field()
    tolerance: Tolerance | None = tolerance_field()

    def demand(self, period: Period, direction: Direction | None) -> Demand | None:
        """One bound at the level, in the indicator's direction (None when it is unknown)."""
        del period
        if direction is None:
            return None
        bound = Bound(direction=direction, target=self.level, tolerance=self.tolerance)
        return Demand(bounds=(bound,))

    def describe(self) -> Message:
        """The rule as a phrase ("maintain the level 5 %")."""
        phrase = Message.of("rule.maintain", target=Quantity(self.level, self.unit))
        return with_tolerance(phrase, self.tolerance, self.unit)

    @classmethod
    def sample(cls, kit: SampleKit, direction: Direction) -> Maintain:
        """A level to keep (it follows the indicator's direction)."""
        del direction
        draw = kit.draw
        return cls(level=draw(kit.values), unit=draw(kit.units), tolerance=draw(kit.tolerances))

    def __str__(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        return f"maintain {self.level}{unit}"
