"""A change against a baseline period: "Fler … än 2018", "minska med 10 % mot 2015"."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

import attrs

from malstyrning.errors import InvalidTarget
from malstyrning.i18n import Message, Quantity
from malstyrning.periods import Period, check_period, coerce_period
from malstyrning.rules._base import (
    Anchor,
    Bound,
    Demand,
    Direction,
    Rule,
    SampleKit,
    Tolerance,
    amount_phrase,
    optional_decimal_field,
    register,
    tolerance_field,
    unit_field,
    with_tolerance,
)

__all__ = ["Change"]


@register
@attrs.frozen(kw_only=True)
class Change(Rule):
    """A change against a baseline period.

    - ``by=None``: strictly better than the baseline ("Fler användarkonton … än 2018").
    - ``by=0``: reach at least the baseline's level ("Minska … till 2017 årsnivå").
    - ``by=x``: improve by at least ``x``, in the unit or, with ``relative=True``, in percent
      of the baseline ("minska med 10 % mot 2015").

    The baseline value is the indicator's own value for the baseline period; where the plan
    states it in words ("motsvarande 4 732 timmar"), ``baseline_value`` holds it and is used
    when no measurement exists.

    >>> str(Change.decrease(Period("2015"), by=Decimal("10"), relative=True))
    'decrease by 10 % vs 2015'
    """

    tag: ClassVar[str] = "change"

    baseline: Period = attrs.field(converter=coerce_period, validator=check_period)
    direction: Direction = attrs.field(validator=attrs.validators.instance_of(Direction))
    by: Decimal | None = optional_decimal_field()
    relative: bool = False
    baseline_value: Decimal | None = optional_decimal_field()
    unit: str | None = unit_field()
    tolerance: Tolerance | None = tolerance_field()

    def __attrs_post_init__(self) -> None:
        if self.by is not None and self.by < 0:
            raise InvalidTarget(
                f"Change.by is the improvement asked for and cannot be negative (got {self.by});"
                " give the direction instead"
            )
        if self.relative and self.by is None:
            raise InvalidTarget("Change.relative needs an amount in 'by'")

    @classmethod
    def increase(cls, baseline: Period, **fields: object) -> Change:
        """An increase against ``baseline``."""
        return cls(baseline=baseline, direction=Direction.HIGHER_IS_BETTER, **fields)  # type: ignore[arg-type]

    @classmethod
    def decrease(cls, baseline: Period, **fields: object) -> Change:
        """A decrease against ``baseline``."""
        return cls(baseline=baseline, direction=Direction.LOWER_IS_BETTER, **fields)  # type: ignore[arg-type]

    @property
    def stated_direction(self) -> Direction:
        """A change states which way it goes."""
        return self.direction

    def required(self, base: Decimal) -> Decimal:
        """The value that meets the rule, given the baseline value."""
        return self._anchor().target(base)

    def _anchor(self) -> Anchor:
        return Anchor(
            period=self.baseline,
            amount=self.direction.sign * self.by if self.by else None,
            relative=self.relative,
            fallback=self.baseline_value,
            detail=self.baseline.format(),
        )

    def demand(self, period: Period, direction: Direction | None) -> Demand:
        """One bound measured from the baseline period's value."""
        del period, direction
        bound = Bound(
            direction=self.direction,
            inclusive=self.by is not None,
            tolerance=self.tolerance,
            anchor=self._anchor(),
        )
        return Demand(bounds=(bound,), shows_target=True)

    def describe(self) -> Message:
        """The rule as a phrase ("lower than in 2016 (in rec/TIN)"), which the parser reads."""
        way = "increase" if self.direction is Direction.HIGHER_IS_BETTER else "decrease"
        unit_shown = False
        if self.by is None:
            message = Message.of(f"rule.change.{way}", baseline=self.baseline)
        elif self.by == 0 and not self.relative:
            message = Message.of(f"target_text.{way}_to", baseline=self.baseline)
        else:
            amount = amount_phrase(self.by, relative=self.relative, unit=self.unit)
            message = Message.of(f"rule.change.{way}_by", amount=amount, baseline=self.baseline)
            unit_shown = not self.relative
        if self.baseline_value is not None:
            value = Quantity(self.baseline_value, self.unit)
            message = Message.of("target_text.equivalent", rule=message, value=value)
        elif self.unit is not None and not unit_shown:
            message = Message.of("target_text.in_unit", rule=message, unit=self.unit)
        return with_tolerance(message, self.tolerance, self.unit)

    @classmethod
    def sample(cls, kit: SampleKit, direction: Direction) -> Change:
        """A change in ``direction`` against a baseline year."""
        draw = kit.draw
        by = draw(kit.amounts)
        relative = draw(kit.booleans) and by is not None
        return cls(
            baseline=draw(kit.baseline_years),
            direction=direction,
            by=by,
            relative=relative,
            unit=draw(kit.units),
            tolerance=draw(kit.tolerances),
        )

    def __str__(self) -> str:
        way = "increase" if self.direction is Direction.HIGHER_IS_BETTER else "decrease"
        if self.by is None:
            return f"{way} vs {self.baseline}"
        if self.by == 0:
            return f"reach level of {self.baseline}"
        unit = " %" if self.relative else (f" {self.unit}" if self.unit else "")
        return f"{way} by {self.by}{unit} vs {self.baseline}"
