"""Within a band between two values: "mellan 85 och 95 %", "inom intervallet 2–4 dagar".

The outcome meets the target inside the band, both ends included. With a tolerance, an
outcome outside the band but within the tolerance of the nearer end is close to being
reached. The gap is measured to the nearer end: positive inside the band, negative outside.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

import attrs

from malstyrning.errors import InvalidTarget
from malstyrning.i18n import Message, Quantity
from malstyrning.periods import Period
from malstyrning.rules._base import (
    Bound,
    Demand,
    Direction,
    Rule,
    SampleKit,
    TextReader,
    Tolerance,
    decimal_field,
    register,
    tolerance_field,
    unit_field,
    with_tolerance,
)

__all__ = ["Band"]


@register
@attrs.frozen(kw_only=True)
class Band(Rule):
    """Within a band between ``low`` and ``high``, both included, with an optional tolerance.

    >>> from malstyrning.rules import RuleContext
    >>> band = Band(low=Decimal(85), high=Decimal(95), unit="%")
    >>> str(band)
    'between 85 and 95 %'
    >>> band.describe().render(locale="sv")
    'mellan 85 och 95\\xa0%'
    >>> context = RuleContext.of_values({"total": {Period("2023"): Decimal("97")}},
    ...                                 period=Period("2023"))
    >>> result = band.judge(context)
    >>> result.achievement, result.target, result.gap
    (<Achievement.NOT_MET: 'not_met'>, Decimal('95'), Decimal('-2'))
    """

    tag: ClassVar[str] = "band"

    low: Decimal = decimal_field()
    high: Decimal = decimal_field()
    unit: str | None = unit_field()
    tolerance: Tolerance | None = tolerance_field()

    def __attrs_post_init__(self) -> None:
        if self.low > self.high:
            raise InvalidTarget(
                f"a band's low end must not be above its high end (got {self.low} to {self.high})"
            )

    def demand(self, period: Period, direction: Direction | None) -> Demand:
        """Two bounds that must both hold: at least ``low`` and at most ``high``."""
        del period, direction
        return Demand(
            bounds=(
                Bound(
                    direction=Direction.HIGHER_IS_BETTER, target=self.low, tolerance=self.tolerance
                ),
                Bound(
                    direction=Direction.LOWER_IS_BETTER, target=self.high, tolerance=self.tolerance
                ),
            ),
        )

    def describe(self) -> Message:
        """The rule as a phrase ("between 85 and 95 %")."""
        phrase = Message.of(
            "rule.band.between", low=Quantity(self.low), high=Quantity(self.high, self.unit)
        )
        return with_tolerance(phrase, self.tolerance, self.unit)

    @classmethod
    def read(cls, reader: TextReader, at: int) -> tuple[Rule, int] | None:
        """Read "mellan 85 och 95 %", "between 85 and 95 %" or "inom intervallet 2–4 dagar"."""
        end = reader.words_at(at, "band.between")
        if end is not None:
            low, low_unit, end = reader.number(end)
            end = reader.expect(end, "band.and", "the band's second value")
        else:
            end = reader.words_at(at, "band.range")
            if end is None:
                return None
            low, low_unit, end = reader.number(end)
            if not reader.symbol(end, "-", "–", "—"):
                reader.fail(end, "'–' between the band's two values")
            end += 1
        high_at = end
        high, unit, end = reader.number(end)
        if low_unit is not None and low_unit != unit:
            reader.fail(end, f"the same unit at both ends of the band ({low_unit})")
        if high < low:
            # "mellan 95 och 85 %": refused where the second value is, so that no later
            # reading of the text ("85 %" alone) is taken for the target instead.
            reader.fail(
                high_at, f"a second value of at least {low}: a band names its low end first"
            )
        # Built outside the reader's attempt, as a threshold is: a value out of bounds is the
        # band's error (InvalidTarget naming the end), not a failed reading after which a
        # later number in the text would be read as the target instead.
        return cls(low=low, high=high, unit=unit), end

    @classmethod
    def sample(cls, kit: SampleKit, direction: Direction) -> Band:
        """A band around two drawn values (a band rewards no direction)."""
        del direction
        draw = kit.draw
        first, second = draw(kit.values), draw(kit.values)
        return cls(
            low=min(first, second),
            high=max(first, second),
            unit=draw(kit.units),
            tolerance=draw(kit.tolerances),
        )

    def __str__(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        tolerance = f" {self.tolerance}" if self.tolerance else ""
        return f"between {self.low} and {self.high}{unit}{tolerance}"
