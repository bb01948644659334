"""The pace method as a value: the options a plan stores for judging progress.

A plan, a level of its goals or an indicator may state a :class:`PaceMethod`; the nearest
one wins (see :func:`malstyrning.pace.method_for`). Without one the built-in default
applies, which follows the published method of Open SDG and Eurostat's SDG monitoring:
compound annual growth, the ratio cut-offs 0,95 / 0,60 / 0, a zero base or target replaced
by 0,001, base and outcome of opposite sign not assessed. The computation lives in
:mod:`malstyrning.pace`; this module only holds the value, so that the model can carry it.

>>> method = PaceMethod(base=BaseChoice.FIRST_FROM, base_period=Period("2015"))
>>> method.base_period, method.thresholds.high
(Period('2015'), Decimal('0.95'))
>>> PaceMethod() == DEFAULT_PACE_METHOD
True
"""

from __future__ import annotations

import enum
import itertools
from decimal import Decimal
from typing import Any

import attrs

from malstyrning.errors import InvalidPaceMethod
from malstyrning.periods import Period
from malstyrning.rules._base import to_decimal

__all__ = [
    "DEFAULT_PACE_METHOD",
    "GROWTH_THRESHOLDS",
    "PUBLISHED_SCORES",
    "RATIO_THRESHOLDS",
    "BaseChoice",
    "NonPositive",
    "PaceMethod",
    "PaceScores",
    "PaceThresholds",
]


class BaseChoice(enum.Enum):
    """Which outcome growth is measured from."""

    EARLIEST = "earliest"
    """The earliest outcome of the same period kind (the default)."""
    FIXED = "fixed"
    """The outcome of exactly ``base_period``; without one the pace is not assessed."""
    FIRST_FROM = "first_from"
    """The first outcome on or after ``base_period`` (the reference's "2015 or the next")."""


class NonPositive(enum.Enum):
    """How zero and negative values are handled."""

    PUBLISHED = "published"
    """The published method: compound growth throughout; a zero base or target counts as
    0,001; negative values are growth of the magnitude with the sign turned; base and
    outcome (or base and target) of opposite sign cannot be assessed."""
    LINEAR = "linear"
    """This library's earlier rule (not published): linear growth per year as soon as
    base, outcome or target is zero or negative, compound growth otherwise."""


def _decimal(value: object) -> Decimal:
    converted = to_decimal(value)
    if not isinstance(converted, Decimal) or not converted.is_finite():
        raise InvalidPaceMethod(f"expected a finite number, got {value!r}")
    return converted


def _check_thresholds(instance: PaceThresholds, _: attrs.Attribute[Any], __: object) -> None:
    high, medium, low = instance.high, instance.medium, instance.low
    if not high > medium > low:
        raise InvalidPaceMethod(
            f"pace thresholds must fall from high to medium to low (got {high}, {medium}, "
            f"{low}); state them as high > medium > low"
        )
    if instance.best is not None and not instance.best > high:
        raise InvalidPaceMethod(
            f"the pace threshold for the best score ({instance.best}) must lie above high ({high})"
        )
    if instance.worst is not None and not instance.worst < low:
        raise InvalidPaceMethod(
            f"the pace threshold for the worst score ({instance.worst}) must lie below low ({low})"
        )


def _optional_decimal(value: object) -> Decimal | None:
    return None if value is None else _decimal(value)


@attrs.frozen(kw_only=True)
class PaceThresholds:
    """The cut-offs between the categories, and where the score reaches its ends.

    A value at or above ``high`` is substantial progress (on track), from ``medium``
    moderate progress (acceleration needed), from ``low`` limited progress, below it
    deterioration. The score runs linearly through the cut-offs and reaches its ends at
    ``best`` and ``worst``; without them the neighbouring segment is extended (the best
    score lies as far above ``high`` as ``medium`` lies below it).

    >>> PaceThresholds(high="0.9", medium="0.5", low=0).ends()
    (Decimal('1.3'), Decimal('-0.5'))
    """

    high: Decimal = attrs.field(converter=_decimal)
    medium: Decimal = attrs.field(converter=_decimal)
    low: Decimal = attrs.field(converter=_decimal, validator=_check_thresholds)
    best: Decimal | None = attrs.field(default=None, converter=_optional_decimal)
    worst: Decimal | None = attrs.field(default=None, converter=_optional_decimal)

    def ends(self) -> tuple[Decimal, Decimal]:
        """Where the score reaches its best and its worst value."""
        best = self.best if self.best is not None else self.high + (self.high - self.medium)
        worst = self.worst if self.worst is not None else self.low - (self.medium - self.low)
        return best, worst


RATIO_THRESHOLDS = PaceThresholds(
    high=Decimal("0.95"),
    medium=Decimal("0.60"),
    low=Decimal(0),
    best=Decimal("1.30"),
    worst=Decimal("-0.60"),
)
"""With a target: the ratio of actual to required growth (Open SDG, Eurostat)."""

GROWTH_THRESHOLDS = PaceThresholds(
    high=Decimal("0.015"),
    medium=Decimal("0.005"),
    low=Decimal(0),
    best=Decimal("0.02"),
    worst=Decimal("-0.02"),
)
"""Without a target: the compound annual growth of the outcome, 1,5 % / 0,5 % / 0 a year."""


def _check_scores(instance: PaceScores, _: attrs.Attribute[Any], __: object) -> None:
    values = (instance.best, instance.high, instance.medium, instance.low, instance.worst)
    if not all(a > b for a, b in itertools.pairwise(values)):
        raise InvalidPaceMethod(
            "pace scores must fall from best to high, medium, low and worst (got "
            f"{', '.join(str(v) for v in values)})"
        )


@attrs.frozen(kw_only=True)
class PaceScores:
    """The scores at the cut-offs: a target achieved scores ``best``.

    Published: 5 for a target achieved or far beyond the high cut-off, 2,5 at ``high``,
    0 at ``medium``, −2,5 at ``low`` and −5 at the worst. An indicator's several series
    are combined by their mean score, read back through these cut-offs.
    """

    best: Decimal = attrs.field(default=Decimal(5), converter=_decimal)
    high: Decimal = attrs.field(default=Decimal("2.5"), converter=_decimal)
    medium: Decimal = attrs.field(default=Decimal(0), converter=_decimal)
    low: Decimal = attrs.field(default=Decimal("-2.5"), converter=_decimal)
    worst: Decimal = attrs.field(default=Decimal(-5), converter=_decimal, validator=_check_scores)


PUBLISHED_SCORES = PaceScores()
"""The published scores: 5, 2,5, 0, −2,5 and −5."""


def _check_method(instance: PaceMethod, _: attrs.Attribute[Any], __: object) -> None:
    if instance.base is BaseChoice.EARLIEST:
        if instance.base_period is not None:
            raise InvalidPaceMethod(
                f"a base period ({instance.base_period}) is given with base 'earliest'; "
                "choose base 'fixed' or 'first_from', or leave the period out"
            )
    elif instance.base_period is None:
        raise InvalidPaceMethod(
            f"base {instance.base.value!r} needs a base_period (the year growth is measured from)"
        )


@attrs.frozen(kw_only=True)
class PaceMethod:
    """How pace is judged: the base, the cut-offs, the scores and what a target lacks.

    Args:
        base: which outcome growth is measured from (:class:`BaseChoice`).
        base_period: the period for ``fixed`` and ``first_from``.
        thresholds: the cut-offs of the ratio of actual to required growth (with a target).
        growth_thresholds: the cut-offs of the annual growth (without a target).
        scores: the score of each cut-off.
        non_positive: how zero and negative values are handled (:class:`NonPositive`).
        without_target: judge indicators without target levels by their growth alone.
        target_period: the target year for an indicator whose target states a value but
            no year (a threshold): pace towards that value by this period.

    Raises:
        InvalidPaceMethod: a base period missing or given where it does not apply,
            cut-offs or scores out of order.
    """

    base: BaseChoice = attrs.field(
        default=BaseChoice.EARLIEST, validator=attrs.validators.instance_of(BaseChoice)
    )
    base_period: Period | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Period))
    )
    thresholds: PaceThresholds = attrs.field(
        default=RATIO_THRESHOLDS, validator=attrs.validators.instance_of(PaceThresholds)
    )
    growth_thresholds: PaceThresholds = attrs.field(
        default=GROWTH_THRESHOLDS, validator=attrs.validators.instance_of(PaceThresholds)
    )
    scores: PaceScores = attrs.field(
        default=PUBLISHED_SCORES, validator=attrs.validators.instance_of(PaceScores)
    )
    non_positive: NonPositive = attrs.field(
        default=NonPositive.PUBLISHED, validator=attrs.validators.instance_of(NonPositive)
    )
    without_target: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))
    target_period: Period | None = attrs.field(
        default=None,
        validator=[
            attrs.validators.optional(attrs.validators.instance_of(Period)),
            _check_method,
        ],
    )


DEFAULT_PACE_METHOD = PaceMethod()
"""The built-in method: the published one, measured from the earliest outcome."""
