"""Target rules: how an outcome is judged against a target, with an explanation.

Every rule is a frozen value. ``rule.judge(context)`` gives a :class:`RuleResult`: an
:class:`~malstyrning.scales.Achievement` (met / near / not met) or a
:class:`~malstyrning.scales.NotAssessed` with its reason, the target value in force, the gap
to it and a :class:`~malstyrning.i18n.Message` that explains the verdict in any language.

The gap is measured in the good direction: positive or zero is at or better than the target,
negative is the shortfall.

>>> from decimal import Decimal as D
>>> rule = Threshold(comparison=Comparison.LESS_THAN, value=D("250"), unit="rec/TIN")
>>> str(rule)
'< 250 rec/TIN'
>>> result = rule.judge(RuleContext.of_values({"total": {Period("2019-T1"): D("245")}},
...                                           period=Period("2019-T1")))
>>> result.achievement, result.gap
(<Achievement.MET: 'met'>, Decimal('5'))
>>> result.explanation.render(locale="en")
'Outcome 245 rec/TIN, target less than 250 rec/TIN: met.'
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeAlias

import attrs

from malstyrning.errors import InvalidTarget
from malstyrning.i18n import Joined, Message, Quantity, join_sentences
from malstyrning.periods import Period
from malstyrning.scales import Achievement, NotAssessed, NotAssessedReason

__all__ = [
    "Change",
    "Comparison",
    "Composite",
    "CompositeMode",
    "Direction",
    "Interpolation",
    "Maintain",
    "RelativeToReference",
    "Rule",
    "RuleContext",
    "RuleResult",
    "SeriesTarget",
    "TargetLevel",
    "Threshold",
    "Tolerance",
    "Trajectory",
    "YesNo",
    "finite_decimal",
]

Value: TypeAlias = Decimal | bool
Observation: TypeAlias = Value | NotAssessed
"""What a lookup gives for a series and period: a value, or why there is none."""


class Direction(enum.Enum):
    """Which way an indicator improves."""

    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"

    @property
    def sign(self) -> int:
        """+1 when higher is better, -1 when lower is better."""
        return 1 if self is Direction.HIGHER_IS_BETTER else -1

    def flipped(self) -> Direction:
        """The opposite direction."""
        if self is Direction.HIGHER_IS_BETTER:
            return Direction.LOWER_IS_BETTER
        return Direction.HIGHER_IS_BETTER

    def margin(self, value: Decimal, target: Decimal) -> Decimal:
        """How far ``value`` is better than ``target`` (negative: worse)."""
        return value - target if self is Direction.HIGHER_IS_BETTER else target - value


class Comparison(enum.Enum):
    """The comparison of a threshold: at least, at most, more than, less than."""

    AT_LEAST = ">="
    AT_MOST = "<="
    MORE_THAN = ">"
    LESS_THAN = "<"

    @property
    def direction(self) -> Direction:
        """At least / more than reward higher values; at most / less than lower ones."""
        if self in (Comparison.AT_LEAST, Comparison.MORE_THAN):
            return Direction.HIGHER_IS_BETTER
        return Direction.LOWER_IS_BETTER

    @property
    def inclusive(self) -> bool:
        """Whether a value exactly on the threshold meets it."""
        return self in (Comparison.AT_LEAST, Comparison.AT_MOST)

    def holds(self, value: Decimal, target: Decimal) -> bool:
        """Whether ``value`` meets ``target`` under this comparison."""
        margin = self.direction.margin(value, target)
        return margin >= 0 if self.inclusive else margin > 0

    def mirrored(self) -> Comparison:
        """The comparison for negated values (at least 5 becomes at most -5)."""
        return _MIRROR[self]


_MIRROR = {
    Comparison.AT_LEAST: Comparison.AT_MOST,
    Comparison.AT_MOST: Comparison.AT_LEAST,
    Comparison.MORE_THAN: Comparison.LESS_THAN,
    Comparison.LESS_THAN: Comparison.MORE_THAN,
}


class Interpolation(enum.Enum):
    """How a trajectory sets the target between two stated levels."""

    LINEAR = "linear"
    """Along a straight line between the two levels, by time."""
    STEP = "step"
    """The last stated level stays in force until the next one."""


class CompositeMode(enum.Enum):
    """How a composite combines its parts: all, any, or at least k of them."""

    ALL = "all"
    ANY = "any"
    AT_LEAST = "at_least"


# -- validators ---------------------------------------------------------------------------


@attrs.frozen(repr=False)
class _FiniteDecimal:
    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None:
            return
        if not isinstance(value, Decimal) or not value.is_finite():
            raise InvalidTarget(
                f"{type(instance).__name__}.{attribute.name} must be a finite number "
                f"(got {value!r})"
            )

    def __repr__(self) -> str:
        return "<finite_decimal validator>"


def finite_decimal() -> _FiniteDecimal:
    """An attrs validator: the value is a finite :class:`~decimal.Decimal` (or None)."""
    return _FiniteDecimal()


_FINITE = _FiniteDecimal()


def _to_decimal(value: object) -> object:
    # Accept what people type in notebooks (ints, numeric strings); floats go through their
    # shortest text so that 4.1 stays 4.1 and not 4.09999999999999964472863211994990706...
    if isinstance(value, bool) or value is None or isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        try:
            return Decimal(value.strip())
        except ArithmeticError:
            return value  # the validator names the field and the value
    return value


def _as_tuple(items: Any) -> Any:
    # Typed as Any: mypy cannot infer a generic converter's element type per field.
    return tuple(items)


def _decimal_field(**kwargs: Any) -> Any:
    return attrs.field(converter=_to_decimal, validator=_FINITE, **kwargs)


def _optional_decimal_field() -> Any:
    return attrs.field(default=None, converter=_to_decimal, validator=_FINITE)


def _unit_field() -> str | None:
    return attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(str)),
    )


# -- context and result -------------------------------------------------------------------


Lookup: TypeAlias = Callable[[str, Period], Observation]


@attrs.frozen(kw_only=True)
class RuleContext:
    """What a rule may look at: the indicator's values per series and period, and its direction.

    Args:
        period: the period being judged.
        series: the series being judged (per-series rules narrow it).
        direction: the indicator's direction (used by maintain and trajectories).
        unit: the indicator's unit, shown with values.
        lookup: ``lookup(series, period)`` gives the value or why there is none.
    """

    period: Period
    series: str = "total"
    direction: Direction = Direction.HIGHER_IS_BETTER
    unit: str | None = None
    labels: Mapping[str, str] = attrs.field(factory=dict, eq=False)
    lookup: Lookup = attrs.field(eq=False)

    @classmethod
    def of_values(
        cls,
        values: Mapping[str, Mapping[Period, Value]],
        *,
        period: Period,
        series: str = "total",
        direction: Direction = Direction.HIGHER_IS_BETTER,
        unit: str | None = None,
    ) -> RuleContext:
        """A context over plain values per series and period (for tests and notebooks)."""

        def lookup(series_key: str, wanted: Period) -> Observation:
            value = values.get(series_key, {}).get(wanted)
            if value is None:
                return NotAssessed(NotAssessedReason.NO_DATA)
            return value

        return cls(period=period, series=series, direction=direction, unit=unit, lookup=lookup)

    def value(self, series: str | None = None, period: Period | None = None) -> Observation:
        """The observation for a series (default: this one) and period (default: this one)."""
        return self.lookup(series or self.series, period or self.period)


@attrs.frozen(kw_only=True)
class RuleResult:
    """A rule's verdict on one period, with everything needed to explain it."""

    outcome: Achievement | NotAssessed
    value: Value | None = None
    target: Decimal | bool | None = None
    gap: Decimal | None = None
    explanation: Message
    parts: tuple[RuleResult, ...] = ()

    @property
    def achievement(self) -> Achievement | None:
        """The verdict, or None if not assessed."""
        return self.outcome if isinstance(self.outcome, Achievement) else None

    @property
    def not_assessed(self) -> NotAssessed | None:
        """Why there is no verdict, or None if there is one."""
        return self.outcome if isinstance(self.outcome, NotAssessed) else None


def _missing(observation: NotAssessed, explanation_key: str = "explain.not_assessed") -> RuleResult:
    return RuleResult(
        outcome=observation,
        explanation=Message.of(
            explanation_key, reason=observation.reason, detail=_detail(observation.detail)
        ),
    )


def _detail(text: str) -> str:
    return f" ({text})" if text else ""


def _need_number(observation: Observation, rule: object) -> Decimal | NotAssessed:
    if isinstance(observation, bool):
        raise InvalidTarget(
            f"{type(rule).__name__} judges numbers, but the measure gives yes/no answers; "
            "use YesNo for qualitative measures"
        )
    return observation


# -- tolerance ----------------------------------------------------------------------------


@attrs.frozen
class Tolerance:
    """A band beside a target inside which the outcome is "close to being reached".

    ``Tolerance(Decimal("0.05"))`` is 0.05 in the indicator's unit; with ``relative=True`` the
    amount is a percentage of the target value.

    >>> Tolerance(Decimal("2"), relative=True).width(Decimal("250"))
    Decimal('5')
    """

    amount: Decimal = _decimal_field()
    relative: bool = attrs.field(default=False, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.amount <= 0:
            raise InvalidTarget(f"a tolerance must be greater than zero (got {self.amount})")

    def width(self, target: Decimal) -> Decimal:
        """The band's width for a given target value."""
        return abs(target) * self.amount / 100 if self.relative else self.amount

    def __str__(self) -> str:
        return f"±{self.amount}{' %' if self.relative else ''}"

    def quantity(self, unit: str | None) -> Quantity:
        """The tolerance as a quantity for display."""
        return Quantity(self.amount, "%" if self.relative else unit)


def _verdict(
    margin: Decimal, *, inclusive: bool, tolerance: Tolerance | None, target: Decimal
) -> Achievement:
    """Met, near or not met, from the margin to the target (positive: better)."""
    if margin > 0 or (inclusive and margin == 0):
        return Achievement.MET
    if tolerance is not None and -margin <= tolerance.width(target):
        return Achievement.NEAR
    return Achievement.NOT_MET


def _judged(
    rule: Rule,
    *,
    value: Decimal,
    target: Decimal,
    direction: Direction,
    inclusive: bool,
    tolerance: Tolerance | None,
    unit: str | None,
    show_target: bool,
) -> RuleResult:
    margin = direction.margin(value, target)
    achievement = _verdict(margin, inclusive=inclusive, tolerance=tolerance, target=target)
    params: dict[str, object] = {
        "value": Quantity(value, unit),
        "rule": rule.describe(),
        "verdict": achievement,
    }
    key = "explain.outcome"
    if show_target:
        key = "explain.outcome_with_target"
        params["target"] = Quantity(target, unit)
    return RuleResult(
        outcome=achievement,
        value=value,
        target=target,
        gap=margin,
        explanation=Message.of(key, **params),
    )


# -- the rules ----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Threshold:
    """At least / at most / more than / less than a value, with an optional tolerance band.

    Seeds: "<250 rec/TIN", "Minst 30 % av kostnaden", "Målvärde: 4,85".

    >>> r = Threshold(comparison=Comparison.AT_LEAST, value=Decimal("4.10"),
    ...               tolerance=Tolerance(Decimal("0.05")))
    >>> str(r)
    '>= 4.10 ±0.05'
    """

    comparison: Comparison = attrs.field(validator=attrs.validators.instance_of(Comparison))
    value: Decimal = _decimal_field()
    unit: str | None = _unit_field()
    tolerance: Tolerance | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Tolerance))
    )

    @property
    def direction(self) -> Direction:
        """The direction this rule rewards."""
        return self.comparison.direction

    def judge(self, context: RuleContext) -> RuleResult:
        """Judge the context's series in its period."""
        observed = _need_number(context.value(), self)
        if isinstance(observed, NotAssessed):
            return _missing(observed)
        return _judged(
            self,
            value=observed,
            target=self.value,
            direction=self.direction,
            inclusive=self.comparison.inclusive,
            tolerance=self.tolerance,
            unit=self.unit or context.unit,
            show_target=False,
        )

    def describe(self) -> Message:
        """The rule as a phrase ("less than 250 rec/TIN")."""
        phrase = Message.of(
            f"rule.{self.comparison.name.lower()}", target=Quantity(self.value, self.unit)
        )
        return _with_tolerance(phrase, self.tolerance, self.unit)

    def __str__(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        tolerance = f" {self.tolerance}" if self.tolerance else ""
        return f"{self.comparison.value} {self.value}{unit}{tolerance}"


def _with_tolerance(phrase: Message, tolerance: Tolerance | None, unit: str | None) -> Message:
    if tolerance is None:
        return phrase
    return Message.of("rule.tolerance", rule=phrase, tolerance=tolerance.quantity(unit))


@attrs.frozen(kw_only=True)
class Change:
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

    baseline: Period = attrs.field(validator=attrs.validators.instance_of(Period))
    direction: Direction = attrs.field(validator=attrs.validators.instance_of(Direction))
    by: Decimal | None = _optional_decimal_field()
    relative: bool = False
    baseline_value: Decimal | None = _optional_decimal_field()
    unit: str | None = _unit_field()
    tolerance: Tolerance | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Tolerance))
    )

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

    def required(self, base: Decimal) -> Decimal:
        """The value that meets the rule, given the baseline value."""
        if not self.by:
            return base
        step = abs(base) * self.by / 100 if self.relative else self.by
        return base + self.direction.sign * step

    def judge(self, context: RuleContext) -> RuleResult:
        """Judge the context's series in its period against the baseline period."""
        observed = _need_number(context.value(), self)
        if isinstance(observed, NotAssessed):
            return _missing(observed)
        base = _need_number(context.value(period=self.baseline), self)
        if isinstance(base, NotAssessed):
            if self.baseline_value is None:
                return _missing(NotAssessed(NotAssessedReason.NO_BASELINE, self.baseline.format()))
            base = self.baseline_value
        return _judged(
            self,
            value=observed,
            target=self.required(base),
            direction=self.direction,
            inclusive=self.by is not None,
            tolerance=self.tolerance,
            unit=self.unit or context.unit,
            show_target=True,
        )

    def describe(self) -> Message:
        """The rule as a phrase ("higher than in 2018")."""
        way = "increase" if self.direction is Direction.HIGHER_IS_BETTER else "decrease"
        if self.by is None:
            phrase = Message.of(f"rule.change.{way}", baseline=self.baseline)
        elif self.by == 0:
            phrase = Message.of("rule.change.reach", baseline=self.baseline)
        else:
            amount = Quantity(self.by, "%" if self.relative else self.unit)
            phrase = Message.of(f"rule.change.{way}_by", amount=amount, baseline=self.baseline)
        return _with_tolerance(phrase, self.tolerance, self.unit)

    def __str__(self) -> str:
        way = "increase" if self.direction is Direction.HIGHER_IS_BETTER else "decrease"
        if self.by is None:
            return f"{way} vs {self.baseline}"
        if self.by == 0:
            return f"reach level of {self.baseline}"
        unit = " %" if self.relative else (f" {self.unit}" if self.unit else "")
        return f"{way} by {self.by}{unit} vs {self.baseline}"


@attrs.frozen(kw_only=True)
class Maintain:
    """Keep a level: no worse than it in the indicator's direction ("Bibehålla nivån 5%").

    >>> str(Maintain(level=Decimal("5"), unit="%"))
    'maintain 5 %'
    """

    level: Decimal = _decimal_field()
    unit: str | None = _unit_field()
    tolerance: Tolerance | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Tolerance))
    )

    def judge(self, context: RuleContext) -> RuleResult:
        """Judge the context's series against the level, in the indicator's direction."""
        observed = _need_number(context.value(), self)
        if isinstance(observed, NotAssessed):
            return _missing(observed)
        return _judged(
            self,
            value=observed,
            target=self.level,
            direction=context.direction,
            inclusive=True,
            tolerance=self.tolerance,
            unit=self.unit or context.unit,
            show_target=False,
        )

    def describe(self) -> Message:
        """The rule as a phrase ("maintain the level 5 %")."""
        phrase = Message.of("rule.maintain", target=Quantity(self.level, self.unit))
        return _with_tolerance(phrase, self.tolerance, self.unit)

    def __str__(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        return f"maintain {self.level}{unit}"


@attrs.frozen(kw_only=True)
class YesNo:
    """A qualitative measure answered yes or no ("(Ja/Nej)"); ``expected`` is the good answer.

    >>> str(YesNo())
    'yes'
    """

    expected: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))

    def judge(self, context: RuleContext) -> RuleResult:
        """Judge the answer for the context's period."""
        observed = context.value()
        if isinstance(observed, NotAssessed):
            return _missing(observed)
        if not isinstance(observed, bool):
            raise InvalidTarget("YesNo judges yes/no answers, but the indicator gives numbers")
        achievement = Achievement.MET if observed is self.expected else Achievement.NOT_MET
        return RuleResult(
            outcome=achievement,
            value=observed,
            target=self.expected,
            explanation=Message.of(
                "explain.yes_no", value=observed, expected=self.expected, verdict=achievement
            ),
        )

    def describe(self) -> Message:
        """The rule as a phrase ("yes")."""
        return Message.of("rule.yes_no", expected=self.expected)

    def __str__(self) -> str:
        return "yes" if self.expected else "no"


@attrs.frozen
class TargetLevel:
    """A target level for one period ("målnivå 2022: 85")."""

    period: Period = attrs.field(validator=attrs.validators.instance_of(Period))
    value: Decimal = _decimal_field()


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


@attrs.frozen(kw_only=True)
class Trajectory:
    """Target levels per period (85 in 2022, 87 in 2024), judged in the indicator's direction.

    Between two stated levels the target is interpolated (linearly by time, or held as a
    step); after the last it stays in force; before the first the rule is not yet due, and
    the evaluator judges the pace instead.

    >>> t = Trajectory(levels=(TargetLevel(Period("2022"), Decimal("85")),
    ...                        TargetLevel(Period("2024"), Decimal("87"))))
    >>> t.target_for(Period("2023")), t.target_for(Period("2025")), t.target_for(Period("2020"))
    (Decimal('86'), Decimal('87'), None)
    """

    levels: tuple[TargetLevel, ...] = attrs.field(converter=_as_tuple, validator=_check_levels)
    unit: str | None = _unit_field()
    tolerance: Tolerance | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Tolerance))
    )
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
                exponent = min(_exponent(previous.value), _exponent(level.value)) - 2
                return value.quantize(Decimal(1).scaleb(exponent)).normalize() if value else value
            previous = level
        return levels[-1].value

    def next_level(self, period: Period) -> TargetLevel | None:
        """The first stated level after ``period``, for judging pace."""
        return next((level for level in self.levels if level.period.end > period.end), None)

    def judge(self, context: RuleContext) -> RuleResult:
        """Judge the context's series against the level in force."""
        target = self.target_for(context.period)
        if target is None:
            first = self.levels[0]
            return _missing(NotAssessed(NotAssessedReason.NOT_YET_DUE, first.period.format()))
        observed = _need_number(context.value(), self)
        if isinstance(observed, NotAssessed):
            return _missing(observed)
        return _judged(
            self,
            value=observed,
            target=target,
            direction=context.direction,
            inclusive=True,
            tolerance=self.tolerance,
            unit=self.unit or context.unit,
            show_target=True,
        )

    def describe(self) -> Message:
        """The rule as a phrase ("target levels 85 (2022), 87 (2024)")."""
        levels = tuple(
            Message.of("rule.level", value=Quantity(level.value, self.unit), period=level.period)
            for level in self.levels
        )
        return _with_tolerance(
            Message.of("rule.trajectory", levels=levels), self.tolerance, self.unit
        )

    def __str__(self) -> str:
        return ", ".join(f"{level.value} in {level.period}" for level in self.levels)


def _exponent(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0


@attrs.frozen(kw_only=True)
class RelativeToReference:
    """A target relative to a reference series of the same indicator.

    "högst 7,5 procent över snittet i riket" is ``comparison=AT_MOST``, ``margin=7.5``,
    ``relative=True`` against the reference series ``"riket"``. A negative margin means below
    the reference.

    >>> str(RelativeToReference(reference="riket", comparison=Comparison.AT_MOST,
    ...                         margin=Decimal("7.5")))
    '<= riket + 7.5 %'
    """

    reference: str = attrs.field(validator=attrs.validators.instance_of(str))
    comparison: Comparison = attrs.field(validator=attrs.validators.instance_of(Comparison))
    margin: Decimal = _decimal_field(default=Decimal(0))
    relative: bool = True
    unit: str | None = _unit_field()
    tolerance: Tolerance | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Tolerance))
    )

    @property
    def direction(self) -> Direction:
        """The direction this rule rewards."""
        return self.comparison.direction

    def judge(self, context: RuleContext) -> RuleResult:
        """Judge the context's series against the reference series in the same period."""
        observed = _need_number(context.value(), self)
        if isinstance(observed, NotAssessed):
            return _missing(observed)
        reference = _need_number(context.value(series=self.reference), self)
        if isinstance(reference, NotAssessed):
            return _missing(NotAssessed(NotAssessedReason.NO_REFERENCE, self.reference))
        offset = abs(reference) * self.margin / 100 if self.relative else self.margin
        return _judged(
            self,
            value=observed,
            target=reference + offset,
            direction=self.direction,
            inclusive=self.comparison.inclusive,
            tolerance=self.tolerance,
            unit=self.unit or context.unit,
            show_target=True,
        )

    def describe(self) -> Message:
        """The rule as a phrase ("at most 7.5 % above riket")."""
        side = "above" if self.margin >= 0 else "below"
        amount = Quantity(abs(self.margin), "%" if self.relative else self.unit)
        key = f"rule.reference.{self.comparison.name.lower()}"
        if self.margin == 0:
            phrase = Message.of(f"{key}_equal", reference=self.reference)
        else:
            phrase = Message.of(f"{key}_{side}", amount=amount, reference=self.reference)
        return _with_tolerance(phrase, self.tolerance, self.unit)

    def __str__(self) -> str:
        sign = "+" if self.margin >= 0 else "-"
        unit = " %" if self.relative else (f" {self.unit}" if self.unit else "")
        return f"{self.comparison.value} {self.reference} {sign} {abs(self.margin)}{unit}"


@attrs.frozen(kw_only=True)
class SeriesTarget:
    """A rule for one series of the indicator ("Kvinnor 29 %").

    >>> str(SeriesTarget(series="women", rule=Threshold(comparison=Comparison.AT_LEAST,
    ...                                                 value=Decimal(29), unit="%")))
    'women: >= 29 %'
    """

    series: str = attrs.field(validator=attrs.validators.instance_of(str))
    rule: Rule

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
        return Message.of("rule.series", series=self.series, rule=self.rule.describe())

    def __str__(self) -> str:
        return f"{self.series}: {self.rule}"


def _check_parts(rule: Composite, _: attrs.Attribute[Any], rules: tuple[Rule, ...]) -> None:
    if not rules:
        raise InvalidTarget("a composite target needs at least one part")


@attrs.frozen(kw_only=True)
class Composite:
    """All, any, or at least ``k`` of several rules (the care guarantee 0-3-90-90).

    A composite is judged from its parts' verdicts, best to worst. Parts without a value do
    not count as met or as not met: the composite is judged only if the known parts decide it
    whatever the missing ones turn out to be (e.g. "all" with one part already not met).

    >>> str(Composite(mode=CompositeMode.AT_LEAST, k=2, rules=(YesNo(), YesNo(), YesNo())))
    'at least 2 of (yes; yes; yes)'
    """

    rules: tuple[Rule, ...] = attrs.field(converter=_as_tuple, validator=_check_parts)
    mode: CompositeMode = attrs.field(
        default=CompositeMode.ALL, validator=attrs.validators.instance_of(CompositeMode)
    )
    k: int | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(int))
    )

    def __attrs_post_init__(self) -> None:
        if self.mode is CompositeMode.AT_LEAST:
            if self.k is None or not 1 <= self.k <= len(self.rules):
                raise InvalidTarget(
                    f"'at least k of' needs k between 1 and {len(self.rules)} (got {self.k})"
                )
        elif self.k is not None:
            raise InvalidTarget(f"k applies only to mode 'at_least' (mode is {self.mode.value!r})")

    @property
    def needed(self) -> int:
        """How many parts must reach a level for the composite to reach it."""
        if self.mode is CompositeMode.ALL:
            return len(self.rules)
        if self.mode is CompositeMode.ANY:
            return 1
        assert self.k is not None  # checked at construction
        return self.k

    def combine(self, ranks: list[int]) -> int:
        """The composite's rank from its parts' ranks: the ``needed``-th best."""
        return sorted(ranks)[self.needed - 1]

    def judge(self, context: RuleContext) -> RuleResult:
        """Judge every part and combine the verdicts."""
        parts = tuple(rule.judge(context) for rule in self.rules)
        known = [part.achievement.rank for part in parts if part.achievement is not None]
        missing = len(parts) - len(known)
        best_case = self.combine(known + [Achievement.MET.rank] * missing)
        worst_case = self.combine(known + [Achievement.NOT_MET.rank] * missing)
        details = join_sentences(part.explanation for part in parts)
        if best_case != worst_case:
            first_missing = next(part.not_assessed for part in parts if part.not_assessed)
            # With no part known, the parts' own reason (no data, measured later) says more.
            outcome: Achievement | NotAssessed = (
                first_missing
                if not known and first_missing is not None
                else NotAssessed(NotAssessedReason.PARTIAL_DATA, f"{len(known)}/{len(parts)}")
            )
            explanation = Message.of(
                "explain.composite_partial", rule=self.describe(), parts=details
            )
        else:
            outcome = _BY_RANK[best_case]
            explanation = Message.of(
                "explain.composite", verdict=outcome, rule=self.describe(), parts=details
            )
        return RuleResult(outcome=outcome, explanation=explanation, parts=parts)

    def describe(self) -> Message:
        """The rule as a phrase ("all of: …")."""
        parts = Joined(tuple(rule.describe() for rule in self.rules), "list.clause_separator")
        if self.mode is CompositeMode.AT_LEAST:
            return Message.of("rule.composite.at_least", k=self.k, rules=parts)
        return Message.of(f"rule.composite.{self.mode.value}", rules=parts)

    def __str__(self) -> str:
        inner = "; ".join(str(rule) for rule in self.rules)
        if self.mode is CompositeMode.AT_LEAST:
            return f"at least {self.k} of ({inner})"
        return f"{self.mode.value} of ({inner})"


_BY_RANK = {achievement.rank: achievement for achievement in Achievement}

Rule: TypeAlias = (
    Threshold
    | Change
    | Maintain
    | YesNo
    | Trajectory
    | RelativeToReference
    | SeriesTarget
    | Composite
)
"""Any target rule."""

RULE_TYPES: tuple[type[Rule], ...] = (
    Threshold,
    Change,
    Maintain,
    YesNo,
    Trajectory,
    RelativeToReference,
    SeriesTarget,
    Composite,
)


def rule_direction(rule: Rule) -> Direction | None:
    """The direction a rule states by itself, or None where it follows the indicator's."""
    if isinstance(rule, Threshold | RelativeToReference | Change):
        return rule.direction
    return None


def iter_rules(rule: Rule) -> list[Rule]:
    """The rule and every rule nested inside it, outermost first."""
    found: list[Rule] = [rule]
    if isinstance(rule, SeriesTarget):
        found += iter_rules(rule.rule)
    elif isinstance(rule, Composite):
        for part in rule.rules:
            found += iter_rules(part)
    return found
