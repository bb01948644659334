"""A target relative to a reference series: "högst 7,5 procent över snittet i riket"."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

import attrs

from malstyrning.i18n import Message
from malstyrning.periods import Period
from malstyrning.rules._base import (
    Anchor,
    Bound,
    Comparison,
    Demand,
    Direction,
    Rule,
    SampleKit,
    Tolerance,
    amount_phrase,
    decimal_field,
    register,
    tolerance_field,
    unit_field,
    with_tolerance,
)
from malstyrning.scales import NotAssessedReason

__all__ = ["RelativeToReference"]


@register
@attrs.frozen(kw_only=True)
class RelativeToReference(Rule):
    """A target relative to a reference series of the same indicator.

    "högst 7,5 procent över snittet i riket" is ``comparison=AT_MOST``, ``margin=7.5``,
    ``relative=True`` against the reference series ``"riket"``. A negative margin means below
    the reference.

    >>> str(RelativeToReference(reference="riket", comparison=Comparison.AT_MOST,
    ...                         margin=Decimal("7.5")))
    '<= riket + 7.5 %'
    """

    tag: ClassVar[str] = "relative_to_reference"
    compares_series: ClassVar[bool] = True

    reference: str = attrs.field(validator=attrs.validators.instance_of(str))
    comparison: Comparison = attrs.field(validator=attrs.validators.instance_of(Comparison))
    margin: Decimal = decimal_field(default=Decimal(0))
    relative: bool = True
    unit: str | None = unit_field()
    tolerance: Tolerance | None = tolerance_field()

    @property
    def direction(self) -> Direction:
        """The direction this rule rewards."""
        return self.comparison.direction

    @property
    def stated_direction(self) -> Direction:
        """A reference rule states its direction by its comparison."""
        return self.comparison.direction

    @property
    def series_read(self) -> tuple[str, ...]:
        """The reference series."""
        return (self.reference,)

    def demand(self, period: Period, direction: Direction | None) -> Demand:
        """One bound measured from the reference series in the same period."""
        del period, direction
        anchor = Anchor(
            series=self.reference,
            amount=self.margin,
            relative=self.relative,
            reason=NotAssessedReason.NO_REFERENCE,
            detail=self.reference,
        )
        bound = Bound(
            direction=self.comparison.direction,
            inclusive=self.comparison.inclusive,
            tolerance=self.tolerance,
            anchor=anchor,
        )
        return Demand(bounds=(bound,), shows_target=True)

    def describe(self) -> Message:
        """The rule as a phrase ("at most 7.5 % above riket")."""
        key = f"rule.reference.{self.comparison.name.lower()}"
        if self.margin == 0 and self.relative:
            message = Message.of(f"{key}_equal", reference=self.reference)
        else:
            side = "below" if self.margin < 0 else "above"
            amount = amount_phrase(abs(self.margin), relative=self.relative, unit=self.unit)
            message = Message.of(f"{key}_{side}", amount=amount, reference=self.reference)
        if self.unit is not None and self.relative:
            message = Message.of("target_text.in_unit", rule=message, unit=self.unit)
        return with_tolerance(message, self.tolerance, self.unit)

    @classmethod
    def sample(cls, kit: SampleKit, direction: Direction) -> RelativeToReference:
        """A target against one of the kit's reference series."""
        draw = kit.draw
        comparisons = [c for c in Comparison if c.direction is direction]
        return cls(
            reference=draw(kit.references),
            comparison=draw(kit.sampled_from(comparisons)),
            margin=draw(kit.margins),
            relative=draw(kit.booleans),
            unit=draw(kit.units),
            tolerance=draw(kit.tolerances),
        )

    def __str__(self) -> str:
        sign = "+" if self.margin >= 0 else "-"
        unit = " %" if self.relative else (f" {self.unit}" if self.unit else "")
        return f"{self.comparison.value} {self.reference} {sign} {abs(self.margin)}{unit}"
