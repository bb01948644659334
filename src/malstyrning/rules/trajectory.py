"""Target levels per period, "målnivå 2022: 85, 2024: 87", judged in the indicator's direction."""

from __future__ import annotations

import enum
import functools
import itertools
from decimal import Decimal
from typing import Any, ClassVar

import attrs

from malstyrning.errors import InvalidTarget
from malstyrning.i18n import Message, Quantity
from malstyrning.periods import Period, check_period, coerce_period
from malstyrning.rules._base import (
    Bound,
    Demand,
    Direction,
    Rule,
    SampleKit,
    Tolerance,
    as_tuple,
    decimal_field,
    exponent,
    register,
    tolerance_field,
    unit_field,
    with_tolerance,
)

__all__ = ["Interpolation", "TargetLevel", "Trajectory"]


class Interpolation(enum.Enum):
    """How a trajectory sets the target between two stated levels."""

    LINEAR = "linear"
    """Along a straight line between the two levels, by time."""
    STEP = "step"
    """The last stated level stays in force until the next one."""


@attrs.frozen
class TargetLevel:
    """A target level for one period ("målnivå 2022: 85")."""

    period: Period = attrs.field(converter=coerce_period, validator=check_period)
    value: Decimal = decimal_field()


def _check_levels(
    rule: Trajectory, _: attrs.Attribute[Any], levels: tuple[TargetLevel, ...]
) -> None:
    if not levels:
        raise InvalidTarget("a trajectory needs at least one target level")
    for earlier, later in itertools.pairwise(levels):
        if not earlier.period.end < later.period.start:
            raise InvalidTarget(
                "a trajectory's target levels must be in time order without overlap "
                f"(got {earlier.period} before {later.period})"
            )


# How many periods' demands a trajectory keeps (a dashboard's years, a notebook's loop).
_KEPT_DEMANDS = 64


@register
@attrs.frozen(kw_only=True)
class Trajectory(Rule):
    """Target levels per period (85 in 2022, 87 in 2024), judged in the indicator's direction.

    Between two stated levels the target is interpolated (linearly by time, or held as a
    step); after the last it stays in force; before the first the rule is not yet due, and
    the evaluator judges the pace instead.

    >>> t = Trajectory(levels=(TargetLevel(Period("2022"), Decimal("85")),
    ...                        TargetLevel(Period("2024"), Decimal("87"))))
    >>> t.target_for(Period("2023")), t.target_for(Period("2025")), t.target_for(Period("2020"))
    (Decimal('86'), Decimal('87'), None)
    """

    tag: ClassVar[str] = "trajectory"

    levels: tuple[TargetLevel, ...] = attrs.field(converter=as_tuple, validator=_check_levels)
    unit: str | None = unit_field()
    tolerance: Tolerance | None = tolerance_field()
    interpolation: Interpolation = attrs.field(
        default=Interpolation.LINEAR, validator=attrs.validators.instance_of(Interpolation)
    )

    def target_for(self, period: Period) -> Decimal | None:
        """The target in force for ``period``, or None before the first stated level."""
        levels = self.levels
        for level in levels:
            if level.period == period:
                return level.value
        if period.end < levels[0].period.end:
            return None
        previous = levels[0]
        for level in levels[1:]:
            if period.end < level.period.end:
                if self.interpolation is Interpolation.STEP:
                    return previous.value
                share = Decimal(repr(previous.period.years_until(period))) / Decimal(
                    repr(previous.period.years_until(level.period))
                )
                value = previous.value + (level.value - previous.value) * share
                # Keep two more decimals than the stated levels: enough to judge, still readable.
                places = min(exponent(previous.value), exponent(level.value)) - 2
                return value.quantize(Decimal(1).scaleb(places)).normalize() if value else value
            previous = level
        return levels[-1].value

    def next_level(self, period: Period) -> TargetLevel | None:
        """The first stated level after ``period``, for judging pace."""
        end = period.end
        for level in self.levels:
            if level.period.end > end:
                return level
        return None

    @property
    def dated(self) -> bool:
        """The level in force depends on the period."""
        return True

    def pace_target(self) -> tuple[str | None, Trajectory]:
        """Pace is judged on the indicator's main series towards these levels."""
        return None, self

    def demand(self, period: Period, direction: Direction | None) -> Demand | None:
        """The level in force, in the indicator's direction; not yet due before the first."""
        if direction is None:
            return None
        # Kept per period object (periods read from text are shared) and direction: the
        # scalar evaluator asks every indicator, and re-evaluating a plan asks again.
        key = (id(period), direction)
        kept = self._demands.get(key)
        if kept is not None and kept[0] is period:
            return kept[1]
        target = self.target_for(period)
        if target is None:
            demand = Demand(not_due_before=self.levels[0].period)
        else:
            bound = Bound(direction=direction, target=target, tolerance=self.tolerance)
            demand = Demand(bounds=(bound,), shows_target=True)
        if len(self._demands) >= _KEPT_DEMANDS:
            self._demands.clear()
        self._demands[key] = (period, demand)
        return demand

    # Not a field: no part of the value, its equality, repr or documents (attrs keeps a
    # cached property of a slotted class in its own slot, and pickling leaves it out).
    @functools.cached_property
    def _demands(self) -> dict[tuple[int, Direction], tuple[Period, Demand]]:
        return {}

    def describe(self) -> Message:
        """The rule as a phrase ("target levels 85 (2022), 87 (2024)")."""
        return self._description

    # Built once per rule, as the demands are: every assessment's explanation quotes it.
    @functools.cached_property
    def _description(self) -> Message:
        levels = tuple(
            Message.of("rule.level", value=Quantity(level.value, self.unit), period=level.period)
            for level in self.levels
        )
        message = Message.of("rule.trajectory", levels=levels)
        if self.interpolation is Interpolation.STEP:
            message = Message.of("target_text.stepwise", rule=message)
        return with_tolerance(message, self.tolerance, self.unit)

    @classmethod
    def sample(cls, kit: SampleKit, direction: Direction) -> Trajectory:
        """Target levels every other year from 2019, as plans state them (2022: 85, 2024: 87)."""
        del direction
        draw = kit.draw
        values = draw(kit.lists(kit.values, min_size=1, max_size=3))
        return cls(
            levels=tuple(
                TargetLevel(Period.year(2019 + 2 * i), value) for i, value in enumerate(values)
            ),
            unit=draw(kit.units),
            tolerance=draw(kit.tolerances),
        )

    def __str__(self) -> str:
        return ", ".join(f"{level.value} in {level.period}" for level in self.levels)
