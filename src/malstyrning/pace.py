"""Pace: are we on track to reach a later target level? The published progress method.

The method of Open SDG's progress calculation and Eurostat's SDG monitoring, in exact
decimals. With a target: the ratio of the actual compound annual growth (base to now) to
the growth required to reach the target level on time, cut at 0,95 / 0,60 / 0. Without a
target (where the method asks for it): the actual growth itself, cut at 1,5 % / 0,5 % / 0 a
year, signed by the indicator's direction. Every category has a score (5 for a target
achieved, 2,5 / 0 / −2,5 at the cut-offs, −5 at the worst); an indicator judged on several
series gets the mean score. The options are a :class:`~malstyrning.pace_method.PaceMethod`
stored in the plan; every case gives a status or a not-assessed reason.

>>> from malstyrning.model import Series, Measurement
>>> s = Series(key="total", measurements=(
...     Measurement(period=Period("2019"), value=Decimal("13.9")),
...     Measurement(period=Period("2020"), value=Decimal("11.3"))))
>>> pace = assess_pace(s, Period("2020"), TargetLevel(Period("2022"), Decimal("8.0")),
...                    Direction.LOWER_IS_BETTER)
>>> pace.status, round(pace.ratio, 3), round(pace.score, 2)
('on_track', Decimal('1.112'), Decimal('3.66'))
"""

from __future__ import annotations

import decimal
import enum
import math
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from malstyrning._frozen import DeferredMap, FrozenMap
from malstyrning.i18n import LocaleLike, Message, Quantity
from malstyrning.model import Goal, Indicator, Measurement, Node, Plan, Series
from malstyrning.pace_method import (
    DEFAULT_PACE_METHOD,
    BaseChoice,
    NonPositive,
    PaceMethod,
    PaceScores,
    PaceThresholds,
)
from malstyrning.periods import Period
from malstyrning.rules import Direction, Rule, TargetLevel, Trajectory
from malstyrning.scales import PACE, NotAssessed, NotAssessedReason

__all__ = [
    "Growth",
    "Pace",
    "PaceTarget",
    "assess_pace",
    "combine_paces",
    "judge",
    "method_for",
    "method_record",
    "pace_targets",
    "score_of",
    "shown_digits",
]

# The pace scale's levels, best first: a target achieved, then one per cut-off band.
ACHIEVED, ON_TRACK, ACCELERATION_NEEDED, LIMITED_PROGRESS, DETERIORATION = PACE.keys
# The published replacement of a zero base or target (Open SDG's progress calculation).
ZERO_REPLACEMENT = Decimal("0.001")
_HIGHER = Direction.HIGHER_IS_BETTER


class Growth(enum.Enum):
    """How growth was measured: compound annual growth, or linear per year."""

    COMPOUND = "compound"
    LINEAR = "linear"


@attrs.frozen(kw_only=True)
class Pace:
    """Whether an outcome is on track to reach a later target level (or grows fast enough).

    ``status`` is a level of :data:`~malstyrning.scales.PACE`: ``achieved`` when the target
    is met; otherwise by the ratio of actual to required growth (``on_track`` from the high
    cut-off, ``acceleration_needed`` from the medium one, ``limited_progress`` from the low
    one, ``deterioration`` below). Without a target (``target`` None) the annual growth is
    cut instead. ``status=None`` comes with ``not_assessed``, the reason. ``score`` runs
    from −5 to 5; ``parts`` holds the series' own paces where several were combined.
    """

    status: str | None
    target: TargetLevel | None
    baseline: Measurement | None = None
    current: Measurement | None = None
    observed_growth: Decimal | None = None
    required_growth: Decimal | None = None
    ratio: Decimal | None = None
    method: Growth = Growth.COMPOUND
    score: Decimal | None = None
    series: str | None = None
    parts: tuple[Pace, ...] = ()
    pace_method: PaceMethod = attrs.field(default=DEFAULT_PACE_METHOD, repr=False)
    not_assessed: NotAssessed | None = None
    explanation: Message

    @property
    def base_period(self) -> Period | None:
        """The period growth is measured from, where there is one."""
        return self.baseline.period if self.baseline is not None else None


@attrs.frozen
class _Label:
    """A pace level rendered with the scale's label, late."""

    key: str

    def render(self, *, locale: LocaleLike) -> str:
        return PACE.label(self.key, locale=locale)


# -- growth ------------------------------------------------------------------------------------


def years_between(start: Period, end: Period) -> Decimal:
    """The years from one period's end to another's, exactly as the periods count them."""
    return Decimal(repr(start.years_until(end)))


# Digits beyond the context's precision that a root is worked out in, and how close (in
# powers of ten below the context's last digit) a root may lie to half-way between two
# results before Decimal's own power is asked instead.
_GUARD_DIGITS = 20
_BAND_DIGITS = 10
_LN10 = math.log(10)
_EXACT = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
# For each precision and root, 1 / root as the context rounds it, and what that rounding
# added (a constant of the arithmetic, kept for all evaluations).
_ROUNDINGS: dict[tuple[int, int], tuple[Decimal, float]] = {}


def _integer_root(number: int, root: int, guess: float) -> int:
    """The integer part of ``number ** (1 / root)``, by Newton's steps from above ``guess``."""
    if root == 2:
        return math.isqrt(number)
    current = int(guess * (1 + 1e-9)) + 1  # a float is good to 15 digits: this is above
    while True:
        following = ((root - 1) * current + number // current ** (root - 1)) // root
        if following >= current:
            return current
        current = following


def root_power(base: Decimal, exponent: Decimal, years: Decimal) -> Decimal:
    """``base ** exponent`` exactly as Decimal gives it, where ``exponent`` is ``1 / years``.

    Decimal computes a fractional power as exp(y ln x) some twenty digits beyond the
    context's precision, rounded once: 50 µs, which was most of an evaluation's time. For
    whole years the power is the ``years``-th root times exp(d ln x), d being what rounding
    ``1 / years`` to the context added; the root is worked out in integers to twenty more
    digits than the context keeps. It is rounded to the context only where every number
    within 10**-(prec + 10) of it rounds the same way, so that Decimal's own result, closer
    than that to the exact power, is the same number with the same digits. Otherwise, and
    in any unusual context, Decimal's power is used.

    >>> root_power(Decimal(8), Decimal(1) / 3, Decimal(3))
    Decimal('2.000000000000000000000000000')
    """
    context = decimal.getcontext()
    precision = context.prec
    root = int(years)
    if (
        root != years
        or not 2 <= root <= 64
        or not base.is_finite()
        or base <= 0
        or base == 1
        or not -60 <= base.adjusted() <= 60
        or precision > 200  # a float holds the scaled root's size, up to 10**308
        or context.rounding != decimal.ROUND_HALF_EVEN
        or context.Emax < 1000
        or context.Emin > -1000
        or context.traps[decimal.Inexact]
        or context.traps[decimal.Rounded]
    ):
        return base**exponent
    # 1 / years rounded to the context is 1 / root + d, and x**(1/root + d) is the root
    # times exp(d ln x). As d is below 10**-prec, d ln x in floats is good to far more
    # digits than are kept, and so is expm1 of it.
    rounding = _ROUNDINGS.get((precision, root))  # pragma: no mutate (a cache: speed only)
    if rounding is None or rounding[0] != exponent:
        top, bottom = exponent.as_integer_ratio()
        rounding = _ROUNDINGS[precision, root] = (exponent, (top * root - bottom) / (bottom * root))
    # The root of base * 10**(root * shift) has between working + 1 and working + 2 digits.
    # With at most prec digits in base (a quotient in the context) that number is a whole
    # one; with more, what int() drops is far below the digits kept.
    shift = precision + _GUARD_DIGITS - base.adjusted() // root
    scaled = int(base.scaleb(root * shift, _EXACT))
    logarithm = math.log(scaled) - root * shift * _LN10
    value = _integer_root(scaled, root, math.exp(logarithm / root) * 10.0**shift)
    value += round(value * math.expm1(logarithm * rounding[1]))
    dropped = len(str(value)) - precision
    unit = 10**dropped
    kept, rest = divmod(value, unit)
    half = unit // 2
    if abs(rest - half) <= unit // 10**_BAND_DIGITS:
        return base**exponent
    if rest > half:
        # Where this carries into one digit more (10**precision), scaleb rounds the trailing
        # zero away in the context, giving the context's digits as Decimal's power does.
        kept += 1
    return Decimal(kept).scaleb(dropped - shift)


def compound_growth(start: Decimal, end: Decimal, years: Decimal) -> Decimal:
    """The compound annual growth from ``start`` to ``end`` over ``years`` (same signs).

    >>> compound_growth(Decimal(100), Decimal(121), Decimal(2))
    Decimal('0.1')
    """
    quotient = end / start
    if not quotient:
        quotient = abs(quotient)  # 0 over a negative base is -0, which has no roots
    return (root_power(quotient, 1 / years, years) - 1).normalize() + 0


def _linear_growth(start: Decimal, end: Decimal, years: Decimal) -> Decimal:
    return (end - start) / years


# -- scores and shown digits -------------------------------------------------------------------


def _category(value: Decimal, cuts: Sequence[Decimal]) -> str:
    high, medium, low = cuts
    if value >= high:
        return ON_TRACK
    if value >= medium:
        return ACCELERATION_NEEDED
    if value >= low:
        return LIMITED_PROGRESS
    return DETERIORATION


def category_of(value: Decimal, thresholds: PaceThresholds) -> str:
    """The category of a ratio (or, without a target, a growth) by the cut-offs.

    >>> from malstyrning.pace_method import RATIO_THRESHOLDS
    >>> [category_of(Decimal(v), RATIO_THRESHOLDS) for v in ("0.95", "0.6", "0", "-0.01")]
    ['on_track', 'acceleration_needed', 'limited_progress', 'deterioration']
    """
    return _category(value, (thresholds.high, thresholds.medium, thresholds.low))


def score_of(value: Decimal, thresholds: PaceThresholds, scores: PaceScores) -> Decimal:
    """The score of a ratio or growth: linear through the cut-offs, capped at both ends.

    >>> from malstyrning.pace_method import RATIO_THRESHOLDS, PUBLISHED_SCORES
    >>> [str(score_of(Decimal(v), RATIO_THRESHOLDS, PUBLISHED_SCORES))
    ...  for v in ("0.95", "0.6", "0", "1.3", "-1")]
    ['2.5', '0', '-2.5', '5', '-5']
    """
    best_at, worst_at = thresholds.ends()
    if value >= best_at:
        return scores.best
    if value <= worst_at:
        return scores.worst
    # The segment between the two points around the value, lowest first.
    if value < thresholds.low:
        x0, y0, x1, y1 = worst_at, scores.worst, thresholds.low, scores.low
    elif value < thresholds.medium:
        x0, y0, x1, y1 = thresholds.low, scores.low, thresholds.medium, scores.medium
    elif value < thresholds.high:
        x0, y0, x1, y1 = thresholds.medium, scores.medium, thresholds.high, scores.high
    else:
        x0, y0, x1, y1 = thresholds.high, scores.high, best_at, scores.best
    return (y0 + (y1 - y0) * (value - x0) / (x1 - x0)).normalize() + 0


def category_of_score(score: Decimal, scores: PaceScores) -> str:
    """The category a (mean) score falls in, by the scores at the cut-offs.

    >>> from malstyrning.pace_method import PUBLISHED_SCORES
    >>> category_of_score(Decimal("2.5"), PUBLISHED_SCORES)
    'on_track'
    """
    return _category(score, (scores.high, scores.medium, scores.low))


_WIDE = decimal.Context(prec=100, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)


def shown_digits(
    value: Decimal, cuts: Sequence[Decimal], *, scale: int = 0, places: int = 0
) -> Decimal:
    """``value * 10**scale`` rounded to as few decimals as keep it in its category.

    ``places`` decimals (trailing zeros dropped) where they suffice; more where rounding
    would carry the number across a cut-off (0,947 shows 94.7, not 95); never a negative
    zero.

    >>> cuts = (Decimal("0.95"), Decimal("0.6"), Decimal(0))
    >>> [str(shown_digits(Decimal(v), cuts, scale=2)) for v in ("1.107", "0.947", "-0.0001", "-0")]
    ['111', '94.7', '-0.01', '0']
    >>> [str(shown_digits(Decimal(v), cuts, places=2)) for v in ("3.75", "5", "0.94999")]
    ['3.75', '5', '0.94999']
    """
    category = _category(value, cuts)
    scaled = value.scaleb(scale, _WIDE)
    step = _ONE.scaleb(-places)
    while True:
        shown = scaled.quantize(step, context=_WIDE)
        if not shown:
            shown = abs(shown)
        if shown == scaled or _category(shown.scaleb(-scale, _WIDE), cuts) == category:
            # Its digits: quantize gave it the exponent -places (a zero has one digit).
            if shown.adjusted() + places + 1 > decimal.getcontext().prec:
                # Far beyond every cut-off: the context's digits are plenty (and printable).
                return decimal.getcontext().plus(shown)
            if not places:
                return shown  # quantized to whole units already
            if shown == shown.to_integral_value():
                return shown.quantize(_ONE, context=_WIDE)
            return shown.normalize(_WIDE)
        places += 1
        step = step.scaleb(-1)


_ONE = Decimal(1)


def _quantity(value: Decimal, unit: str | None) -> Quantity:
    # A value of -0 in the data reads 0: a sign on nothing would only puzzle.
    return Quantity(value if value else abs(value), unit)


def _pair(first: str, a: Decimal, second: str, b: Decimal) -> str:
    # The values behind a reason, as a detail in the document's own notation.
    return f"{first} {a if a else abs(a)}, {second} {b if b else abs(b)}"


# What a judged pace's explanation shows, made when it is first read (most never are).


def _reached_params(
    now: Decimal, goal: Decimal, unit: str | None, target_period: Period
) -> dict[str, object]:
    return {
        "value": _quantity(now, unit),
        "target": _quantity(goal, unit),
        "target_period": target_period,
    }


def _ratio_params(
    status: str, shown: Decimal, baseline_period: Period, *reached: Any
) -> dict[str, object]:
    # reached: _reached_params' arguments (the outcome, the target, the unit, its period).
    return {
        "status": _Label(status),
        "ratio": Quantity(shown, "%"),
        "baseline_period": baseline_period,
        **_reached_params(*reached),
    }


def _growth_params(
    status: str, shown: Decimal, baseline_period: Period, now: Decimal, unit: str | None
) -> dict[str, object]:
    return {
        "status": _Label(status),
        "growth": Quantity(shown, "%"),
        "baseline_period": baseline_period,
        "value": _quantity(now, unit),
    }


# -- judging one series --------------------------------------------------------------------


def _unable(
    reason: NotAssessedReason,
    detail: str,
    *,
    target: TargetLevel | None,
    method: PaceMethod,
    series: str | None,
    baseline: Measurement | None = None,
    current: Measurement | None = None,
) -> Pace:
    explanation = (
        Message("explain.pace_unable", FrozenMap({"target": target.period}))
        if target is not None
        and reason in (NotAssessedReason.NO_DATA, NotAssessedReason.NO_BASELINE)
        and not detail
        else Message.of(
            "explain.pace_not_assessed",
            reason=reason,
            detail=f" ({detail})" if detail else "",
        )
    )
    return Pace(
        status=None,
        target=target,
        baseline=baseline,
        current=current,
        series=series,
        pace_method=method,
        not_assessed=NotAssessed(reason, detail),
        explanation=explanation,
    )


def _base(earlier: Sequence[Measurement], method: PaceMethod) -> Measurement | None:
    if not earlier:
        return None
    if method.base is BaseChoice.EARLIEST:
        return earlier[0]
    stated = method.base_period
    assert stated is not None  # the method's validator insists
    for measurement in earlier:
        if method.base is BaseChoice.FIXED:
            if measurement.period == stated:
                return measurement
        elif measurement.period.start >= stated.start:
            return measurement
    return None


def judge(
    current: Measurement | None,
    earlier: Sequence[Measurement],
    period: Period,
    target: TargetLevel | None,
    *,
    direction: Direction,
    unit: str | None,
    method: PaceMethod = DEFAULT_PACE_METHOD,
    series: str | None = None,
    years: Callable[[Period, Period], Decimal] = years_between,
) -> Pace:
    """The pace of one series, with its lookups done (the evaluator has them for the trend).

    ``earlier`` are the series' numeric outcomes of the same period kind before ``period``,
    oldest first (:meth:`~malstyrning.model.Series.before`). ``target`` None judges growth
    alone (the no-target variant).
    """
    if current is None or not isinstance(current.value, Decimal):
        return _unable(
            NotAssessedReason.NO_DATA,
            "",
            target=target,
            method=method,
            series=series,
            current=current,
        )
    baseline = (
        earlier[0] if earlier and method.base is BaseChoice.EARLIEST else _base(earlier, method)
    )
    if baseline is None:
        # The method's validator gives a base period to every base but the earliest.
        stated = method.base_period
        detail = "" if stated is None else f"{method.base.value} {stated.format()}"
        return _unable(
            NotAssessedReason.NO_BASELINE,
            detail,
            target=target,
            method=method,
            series=series,
            current=current,
        )
    assert isinstance(baseline.value, Decimal)
    if not decimal.getcontext().traps[decimal.Overflow]:
        # Growth far beyond the numbers' range is a case to report, not an exception: judged
        # again in a copy of the context that traps it (the usual context does already).
        with decimal.localcontext() as local:
            local.traps[decimal.Overflow] = True
            return judge(
                current,
                earlier,
                period,
                target,
                direction=direction,
                unit=unit,
                method=method,
                series=series,
                years=years,
            )
    try:
        return _judged(
            current=current,
            baseline=baseline,
            period=period,
            target=target,
            direction=direction,
            unit=unit,
            method=method,
            series=series,
            years=years,
        )
    except (decimal.Overflow, decimal.DivisionByZero, decimal.InvalidOperation) as error:
        return _unable(
            NotAssessedReason.NOT_MEASURABLE,
            f"growth cannot be computed: {type(error).__name__}",
            target=target,
            method=method,
            series=series,
            baseline=baseline,
            current=current,
        )


def _judged(
    *,
    current: Measurement,
    baseline: Measurement,
    period: Period,
    target: TargetLevel | None,
    direction: Direction,
    unit: str | None,
    method: PaceMethod,
    series: str | None,
    years: Callable[[Period, Period], Decimal],
) -> Pace:
    # Without dicts of shared fields: this runs for every indicator with a target level,
    # and an evaluation's time was mostly here.
    now, start = current.value, baseline.value
    assert isinstance(now, Decimal)
    assert isinstance(start, Decimal)
    elapsed = years(baseline.period, period)
    # Earlier outcomes end before the period: only a caller's own `years` gets here.
    if elapsed <= 0:
        return _unable(
            NotAssessedReason.NO_BASELINE,
            str(baseline.period),
            target=target,
            method=method,
            series=series,
            baseline=baseline,
            current=current,
        )
    if target is None:
        return _growth_only(
            current=current,
            baseline=baseline,
            elapsed=elapsed,
            direction=direction,
            unit=unit,
            method=method,
            series=series,
        )
    goal = target.value
    span = years(baseline.period, target.period)
    higher = direction is _HIGHER
    reason: NotAssessedReason | None = None
    if span <= 0:
        reason, detail = (
            NotAssessedReason.TARGET_NOT_AFTER_BASE,
            f"{target.period} / {baseline.period}",
        )
    elif (achieved := now >= goal if higher else now <= goal) or (
        start >= goal if higher else start <= goal
    ):
        # Achieved; or the baseline already met the target and the outcome has fallen below
        # it: no growth is required, so the ratio has no meaning, and the reference's
        # reading of such a series is deterioration.
        return Pace(
            status=ACHIEVED if achieved else DETERIORATION,
            target=target,
            baseline=baseline,
            current=current,
            score=method.scores.best if achieved else method.scores.worst,
            series=series,
            pace_method=method,
            explanation=Message(
                "explain.pace_achieved" if achieved else "explain.pace_fell_below",
                DeferredMap(_reached_params, now, goal, unit, target.period),
            ),
        )
    elif method.non_positive is NonPositive.LINEAR:
        growth = Growth.COMPOUND if start > 0 and now > 0 and goal > 0 else Growth.LINEAR
        measure = compound_growth if growth is Growth.COMPOUND else _linear_growth
        observed = measure(start, now, elapsed)
        required = measure(start, goal, span)
        ratio = observed / required
    else:
        growth = Growth.COMPOUND
        base = start or ZERO_REPLACEMENT
        aim = goal or ZERO_REPLACEMENT
        if (base > 0 > now) or (base < 0 < now):
            reason, detail = NotAssessedReason.OPPOSITE_SIGNS, _pair("base", start, "outcome", now)
        elif (base > 0 > aim) or (base < 0 < aim):
            reason, detail = NotAssessedReason.OPPOSITE_SIGNS, _pair("base", start, "target", goal)
        else:
            observed = compound_growth(base, now, elapsed)
            required = compound_growth(base, aim, span)
            if required:
                # The sign of the direction, turned where the base is below zero.
                ratio = (observed if higher is (base > 0) else -observed) / abs(required)
            else:
                # A zero base counted as 0,001 may equal the target: no growth is required.
                reason = NotAssessedReason.NOT_MEASURABLE
                detail = _pair("base", start, "target", goal)
    if reason is not None:
        return _unable(
            reason,
            detail,
            target=target,
            method=method,
            series=series,
            baseline=baseline,
            current=current,
        )
    return _ratio_pace(
        ratio,
        observed=observed,
        required=required,
        growth=growth,
        current=current,
        baseline=baseline,
        target=target,
        unit=unit,
        method=method,
        series=series,
    )


def _ratio_pace(
    ratio: Decimal,
    *,
    observed: Decimal,
    required: Decimal,
    growth: Growth,
    current: Measurement,
    baseline: Measurement,
    target: TargetLevel,
    unit: str | None,
    method: PaceMethod,
    series: str | None,
) -> Pace:
    now = current.value
    assert isinstance(now, Decimal)
    ratio = ratio.normalize() + 0
    thresholds = method.thresholds
    cuts = (thresholds.high, thresholds.medium, thresholds.low)
    status = _category(ratio, cuts)
    return Pace(
        status=status,
        target=target,
        baseline=baseline,
        current=current,
        observed_growth=observed,
        required_growth=required,
        ratio=ratio,
        method=growth,
        score=score_of(ratio, thresholds, method.scores),
        series=series,
        pace_method=method,
        explanation=Message(
            "explain.pace",
            DeferredMap(
                _ratio_params,
                status,
                shown_digits(ratio, cuts, scale=2),
                baseline.period,
                now,
                target.value,
                unit,
                target.period,
            ),
        ),
    )


def _growth_only(
    *,
    current: Measurement,
    baseline: Measurement,
    elapsed: Decimal,
    direction: Direction,
    unit: str | None,
    method: PaceMethod,
    series: str | None,
) -> Pace:
    now, start = current.value, baseline.value
    assert isinstance(now, Decimal)
    assert isinstance(start, Decimal)
    higher = direction is _HIGHER
    reason: NotAssessedReason | None = None
    if method.non_positive is NonPositive.LINEAR and not (start > 0 and now > 0):
        growth_kind = Growth.LINEAR
        if start:
            observed = _linear_growth(start, now, elapsed) / abs(start)
            value = observed if higher else -observed
        else:
            reason = NotAssessedReason.NOT_MEASURABLE
    else:
        growth_kind = Growth.COMPOUND
        base = start or ZERO_REPLACEMENT
        if (base > 0 > now) or (base < 0 < now):
            reason = NotAssessedReason.OPPOSITE_SIGNS
        else:
            observed = compound_growth(base, now, elapsed)
            # The sign of the direction, turned where the base is below zero.
            value = observed if higher is (base > 0) else -observed
    if reason is not None:
        return _unable(
            reason,
            _pair("base", start, "outcome", now),
            target=None,
            method=method,
            series=series,
            baseline=baseline,
            current=current,
        )
    value = value.normalize() + 0
    thresholds = method.growth_thresholds
    cuts = (thresholds.high, thresholds.medium, thresholds.low)
    status = _category(value, cuts)
    return Pace(
        status=status,
        target=None,
        baseline=baseline,
        current=current,
        observed_growth=observed,
        ratio=value,
        method=growth_kind,
        score=score_of(value, thresholds, method.scores),
        series=series,
        pace_method=method,
        explanation=Message(
            "explain.pace_growth",
            DeferredMap(
                _growth_params,
                status,
                shown_digits(value, cuts, scale=2),
                baseline.period,
                now,
                unit,
            ),
        ),
    )


def assess_pace(
    series: Series,
    period: Period,
    target: TargetLevel | None,
    direction: Direction,
    unit: str | None = None,
    *,
    method: PaceMethod = DEFAULT_PACE_METHOD,
) -> Pace:
    """Judge the pace of ``series`` at ``period`` towards ``target`` by ``method``.

    ``target`` None judges the growth alone (the no-target variant). Every case gives a
    status or a not-assessed reason; nothing raises.

    >>> from malstyrning.model import Measurement
    >>> s = Series(key="total", measurements=(
    ...     Measurement(period=Period("2019"), value=Decimal(100)),
    ...     Measurement(period=Period("2021"), value=Decimal(104))))
    >>> assess_pace(s, Period("2021"), None, Direction.HIGHER_IS_BETTER).status
    'on_track'
    >>> assess_pace(s, Period("2021"), TargetLevel(Period("2019"), Decimal(110)),
    ...             Direction.HIGHER_IS_BETTER).not_assessed.reason.value
    'target_not_after_base'
    """
    return judge(
        series.get(period),
        series.before(period),
        period,
        target,
        direction=direction,
        unit=unit,
        method=method,
        series=series.key,
    )


# -- several series ----------------------------------------------------------------------------


def combine_paces(parts: Sequence[Pace], method: PaceMethod) -> Pace:
    """One pace for an indicator judged on several series: the mean of their scores.

    The mean is read back through the scores at the cut-offs; the indicator has achieved its
    target only when every judged series has. Series that cannot be judged are left out
    of the mean and named; with none judged the first reason stands.
    """
    if len(parts) == 1:
        return parts[0]
    judged = [part for part in parts if part.score is not None]
    if not judged:
        first = parts[0]
        return attrs.evolve(first, series=None, parts=tuple(parts))
    total = sum((part.score for part in judged if part.score is not None), Decimal(0))
    mean = (total / len(judged)).normalize() + 0
    scores = method.scores
    every = all(part.status == ACHIEVED for part in judged)
    status = ACHIEVED if every else category_of_score(mean, scores)
    cuts = (scores.high, scores.medium, scores.low)
    listed = [
        Message.of(
            "explain.pace_part",
            series=part.series or "",
            status=_Label(part.status)
            if part.status is not None
            else Message("status.not_assessed"),
            score=Quantity(shown_digits(part.score, cuts, places=2), None)
            if part.score is not None
            else "–",
        )
        for part in parts
    ]
    return Pace(
        status=status,
        target=judged[0].target,
        score=mean,
        parts=tuple(parts),
        pace_method=method,
        explanation=Message(
            "explain.pace_series_achieved" if every else "explain.pace_series",
            FrozenMap(
                {
                    "status": _Label(status),
                    "score": Quantity(shown_digits(mean, cuts, places=2), None),
                    "count": len(judged),
                    "parts": _Joined(tuple(listed)),
                }
            ),
        ),
    )


@attrs.frozen
class _Joined:
    """Messages rendered one after the other, separated by semicolons."""

    parts: tuple[Message, ...]

    def render(self, *, locale: LocaleLike) -> str:
        return "; ".join(part.render(locale=locale) for part in self.parts)


# -- what pace is judged towards ---------------------------------------------------------------


@attrs.frozen
class PaceTarget:
    """One series to judge (None: the indicator's main one) and its target, if any."""

    series: str | None
    target: TargetLevel | None
    unit: str | None = None


def _trajectories(rule: Rule, series: str | None = None) -> list[tuple[str | None, Trajectory]]:
    stated = rule.pace_target()
    if stated is not None:
        return [(stated[0] if stated[0] is not None else series, stated[1])]
    inner = rule.series_judged if rule.series_judged is not None else series
    return [found for part in rule.parts for found in _trajectories(part, inner)]


def pace_targets(
    rule: Rule | None, period: Period, direction: Direction, method: PaceMethod
) -> list[PaceTarget]:
    """What pace is judged towards in ``period``: one entry per series, or none.

    A trajectory's next level; where the last has passed, the last (judged over the whole
    span, as the reference does). Without target levels: the rule's own target value by the
    method's ``target_period``, where it states one; then the growth alone, where the
    method asks for it.

    >>> from malstyrning.rules import Trajectory
    >>> rule = Trajectory(levels=(TargetLevel(Period("2022"), Decimal(85)),))
    >>> [t.target.period for t in pace_targets(rule, Period("2023"), Direction.HIGHER_IS_BETTER,
    ...                                         DEFAULT_PACE_METHOD)]
    [Period('2022')]
    """
    found: list[PaceTarget] = []
    if rule is not None:
        stated = rule.pace_target()
        if stated is not None:
            # The rule's own levels (the common case, asked of every indicator): one target.
            trajectory = stated[1]
            level = trajectory.next_level(period) or trajectory.levels[-1]
            return [PaceTarget(stated[0], level, trajectory.unit)]
        if rule.parts:
            # A composite's parts, each on the series the composite judges, if it names one.
            inner = rule.series_judged
            seen: set[str | None] = set()
            for part in rule.parts:
                for series, trajectory in _trajectories(part, inner):
                    if series in seen:
                        continue
                    seen.add(series)
                    level = trajectory.next_level(period) or trajectory.levels[-1]
                    found.append(PaceTarget(series, level, trajectory.unit))
        if not found and method.target_period is not None:
            demand = rule.demand(period, direction)
            plain = demand.plain if demand is not None else None
            if plain is not None:
                level = TargetLevel(method.target_period, plain.target)
                found.append(PaceTarget(rule.series_judged, level, rule.unit))
    if not found and method.without_target:
        found.append(PaceTarget(None, None))
    return found


def method_for(plan: Plan, node: Node) -> PaceMethod:
    """The pace method in force for a node: its own, its nearest goal level's, the plan's.

    >>> from malstyrning import examples
    >>> plan = examples.load("vasternorrland-2022")
    >>> method_for(plan, plan["inhyrd-personal-kostnadsandel"]) == DEFAULT_PACE_METHOD
    True
    """
    if isinstance(node, Indicator) and node.pace is not None:
        return node.pace
    levels = {level.key: level.pace for level in plan.levels}
    goal = plan.parent(node.id) if not isinstance(node, Goal) else node
    while goal is not None:
        stated = levels.get(goal.level)
        if stated is not None:
            return stated
        goal = plan.parent(goal.id)
    return plan.pace if plan.pace is not None else DEFAULT_PACE_METHOD


def method_record(method: PaceMethod) -> dict[str, Any]:
    """Every option of ``method``, defaults included, as JSON values (for reports).

    >>> record = method_record(DEFAULT_PACE_METHOD)
    >>> record["base"], str(record["thresholds"]["high"]), record["non_positive"]
    ('earliest', '0.95', 'published')
    """

    def plain(_: object, __: object, value: object) -> object:
        if isinstance(value, enum.Enum):
            return value.value
        if isinstance(value, Period):
            return value.format()
        return value

    return attrs.asdict(method, value_serializer=plain)
