"""What every target rule shares: the protocol, the registry and the values rules exchange.

A rule kind is one module of this package. It subclasses :class:`Rule`, states its document
``tag`` and registers itself with :func:`register`; everything else (documents, the JSON
Schema, the target-text parser, batch evaluation, the Hypothesis strategies) asks the registry
and the rule, and never branches on a rule's class.
"""

from __future__ import annotations

import abc
import enum
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeAlias, TypeVar

import attrs

from malstyrning._bounds import number_problem
from malstyrning._frozen import DeferredMap
from malstyrning.errors import InvalidTarget
from malstyrning.i18n import Message, Quantity
from malstyrning.periods import Period
from malstyrning.scales import Achievement, NotAssessed, NotAssessedReason

if TYPE_CHECKING:
    from malstyrning.rules.trajectory import Trajectory

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


# -- validators and converters --------------------------------------------------------------


@attrs.frozen(repr=False)
class _FiniteDecimal:
    optional: bool = True
    """Whether None is accepted (a field that may be left out)."""

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and self.optional:
            return
        if not isinstance(value, Decimal) or not value.is_finite():
            raise InvalidTarget(
                f"{type(instance).__name__}.{attribute.name} must be a finite number "
                f"(got {value!r})"
            )
        # Built in Python as in a document: a number every later computation can do exactly.
        why = number_problem(value)
        if why is not None:
            raise InvalidTarget(f"{type(instance).__name__}.{attribute.name}: {why}")

    def __repr__(self) -> str:
        return "<finite_decimal validator>"


def finite_decimal() -> _FiniteDecimal:
    """An attrs validator: the value is a finite :class:`~decimal.Decimal` (or None)."""
    return _FiniteDecimal()


_FINITE = _FiniteDecimal()
_REQUIRED = _FiniteDecimal(optional=False)


def to_decimal(value: object) -> object:
    """What people type in notebooks (ints, numeric strings, floats) as a Decimal.

    Floats go through their shortest text so that 4.1 stays 4.1; anything else is returned
    as it is, for the validator to name the field and the value.

    >>> to_decimal(4.1), to_decimal("7,5")
    (Decimal('4.1'), '7,5')
    """
    if isinstance(value, bool):
        return value  # an int to Python, but no number: the validator refuses it by name
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        try:
            return Decimal(value.strip())
        except ArithmeticError:
            return value
    return value


def as_tuple(items: Any) -> Any:
    """An attrs converter: any iterable as a tuple."""
    # Typed as Any: mypy cannot infer a generic converter's element type per field.
    return tuple(items)


# The field factories run when the rule classes are defined, before a mutation test can swap
# in a mutant, so their mutants never take effect: they are left out of mutation testing and
# tested directly (tests/test_rule_protocol.py, docs/testing.md).
_OPTIONAL_TEXT = attrs.validators.optional(attrs.validators.instance_of(str))


def decimal_field(**kwargs: Any) -> Any:
    """An attrs field holding a finite Decimal, converted from what people type."""
    return attrs.field(converter=to_decimal, validator=_REQUIRED, **kwargs)  # pragma: no mutate


def optional_decimal_field() -> Any:
    """An attrs field holding a finite Decimal or None."""
    return attrs.field(default=None, converter=to_decimal, validator=_FINITE)  # pragma: no mutate


def unit_field() -> Any:
    """An attrs field holding a unit text or None."""
    return attrs.field(default=None, validator=_OPTIONAL_TEXT)  # pragma: no mutate


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


def missing(observation: NotAssessed, explanation_key: str = "explain.not_assessed") -> RuleResult:
    """A result without a verdict, explained by the observation's reason."""
    return RuleResult(
        outcome=observation,
        explanation=Message.of(
            explanation_key, reason=observation.reason, detail=_detail(observation.detail)
        ),
    )


def _detail(text: str) -> str:
    return f" ({text})" if text else ""


def need_number(observation: Observation, rule: object) -> Decimal | NotAssessed:
    """The observation as a number; a yes/no answer is an error in the plan."""
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

    amount: Decimal = decimal_field()
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


def tolerance_field() -> Any:
    """An attrs field holding an optional :class:`Tolerance`."""
    return attrs.field(default=None, validator=_OPTIONAL_TOLERANCE)  # pragma: no mutate


_OPTIONAL_TOLERANCE = attrs.validators.optional(attrs.validators.instance_of(Tolerance))


def with_tolerance(phrase: Message, tolerance: Tolerance | None, unit: str | None) -> Message:
    """A rule's phrase with its tolerance band, which the parser reads back."""
    if tolerance is None:
        return phrase
    amount: object = tolerance.quantity(unit)
    if tolerance.relative:
        amount = Message.of("target_text.relative_tolerance", amount=amount)
    return Message.of("rule.tolerance", rule=phrase, tolerance=amount)


def amount_phrase(value: Decimal, *, relative: bool, unit: str | None) -> object:
    """An amount of change or a margin: in percent, in percentage points, or in the unit."""
    if relative:
        return Quantity(value, "%")
    if unit == "%":
        return Message.of("target_text.points", amount=Quantity(value))
    return Quantity(value, unit)


def verdict(
    margin: Decimal, *, inclusive: bool, tolerance: Tolerance | None, target: Decimal
) -> Achievement:
    """Met, near or not met, from the margin to the target (positive: better)."""
    if margin > 0 or (inclusive and margin == 0):
        return Achievement.MET
    if tolerance is not None and -margin <= tolerance.width(target):
        return Achievement.NEAR
    return Achievement.NOT_MET


# -- the numeric description ------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Anchor:
    """A value a target is measured from: another period or another series of the indicator.

    With ``a`` the anchor's value, the target is ``a`` (no amount), ``a + amount``, or, with
    ``relative``, ``a + |a| * amount / 100``; the amount carries its sign.

    Args:
        series: the series read (None: the series judged).
        period: the period read (None: the period judged).
        amount: the signed distance of the target from the anchor (None: the anchor itself).
        relative: the amount is a percentage of the anchor's magnitude.
        fallback: the value used when the anchor has none (a baseline value the plan states).
        reason: why the rule is not assessed when the anchor has no value and no fallback.
        detail: the detail shown with that reason (the baseline period or reference series).
    """

    series: str | None = None
    period: Period | None = None
    amount: Decimal | None = None
    relative: bool = False
    fallback: Decimal | None = None
    reason: NotAssessedReason = NotAssessedReason.NO_BASELINE
    detail: str = ""

    def target(self, anchor: Decimal) -> Decimal:
        """The target for an anchor value."""
        if self.amount is None:
            return anchor
        offset = abs(anchor) * self.amount / 100 if self.relative else self.amount
        return anchor + offset


@attrs.frozen(kw_only=True)
class Bound:
    """One side of what a rule demands in one period: a target value and its direction.

    Args:
        direction: which way from the target is better.
        inclusive: whether a value exactly on the target meets it.
        target: the target value (with an anchor, the anchor gives it instead).
        tolerance: the band beside the target that counts as close.
        anchor: where the rest of the target is read from, if anywhere.
    """

    direction: Direction
    inclusive: bool = True
    target: Decimal = Decimal(0)
    tolerance: Tolerance | None = None
    anchor: Anchor | None = None


@attrs.frozen(kw_only=True)
class Demand:
    """What a rule demands of a series in one period, as numbers: its one description.

    The scalar evaluator's fast path, the batch evaluator and the boundary strategies all read
    this instead of knowing rule classes. A rule that cannot be described this way (a
    composite of several series, or a part that is itself a composite) gives None from
    :meth:`Rule.demand`.

    Args:
        bounds: the bounds, in the order the rule states them. Several bounds (a band) must
            all hold: the verdict is the worst of theirs, the target and gap the nearest's.
        expected: for yes/no rules, the good answer (then there are no bounds).
        not_due_before: the rule is not yet due in this period; it applies from this one.
        shows_target: whether the explanation names the target value (it is not in the
            rule's own words).
    """

    bounds: tuple[Bound, ...] = ()
    expected: bool | None = None
    not_due_before: Period | None = None
    shows_target: bool = False

    @property
    def plain(self) -> Bound | None:
        """The single bound, if this is one fixed number in one direction, else None."""
        if len(self.bounds) == 1 and self.bounds[0].anchor is None and self.not_due_before is None:
            return self.bounds[0]
        return None


def judged(
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
    """The verdict on a number against one target, explained with the rule's phrase."""
    margin = direction.margin(value, target)
    achievement = verdict(margin, inclusive=inclusive, tolerance=tolerance, target=target)
    return RuleResult(
        outcome=achievement,
        value=value,
        target=target,
        gap=margin,
        explanation=_outcome(rule, value, unit, achievement, target if show_target else None),
    )


def _outcome(
    rule: Rule, value: Decimal, unit: str | None, achievement: Achievement, target: Decimal | None
) -> Message:
    # The verdict explained with the rule's phrase (and the target where the phrase does not
    # name it). Its parameters are made when first read: most explanations never are.
    return Message(
        "explain.outcome" if target is None else "explain.outcome_with_target",
        DeferredMap(_outcome_params, rule, value, unit, achievement, target),
    )


def _outcome_params(
    rule: Rule, value: Decimal, unit: str | None, achievement: Achievement, target: Decimal | None
) -> dict[str, object]:
    params: dict[str, object] = {
        "value": Quantity(value, unit),
        "rule": rule.describe(),
        "verdict": achievement,
    }
    if target is not None:
        params["target"] = Quantity(target, unit)
    return params


def judge_demand(rule: Rule, demand: Demand, context: RuleContext) -> RuleResult:
    """Judge the context's series against a numeric demand: what most rules' ``judge`` is.

    With several bounds (a band), every bound must hold: the verdict is the worst of the
    bounds', and the target and gap are those of the nearest bound.
    """
    if demand.not_due_before is not None:
        return missing(NotAssessed(NotAssessedReason.NOT_YET_DUE, demand.not_due_before.format()))
    observed = need_number(context.value(), rule)
    if isinstance(observed, NotAssessed):
        return missing(observed)
    unit = rule.unit or context.unit
    nearest: tuple[Decimal, Decimal] | None = None  # (margin, target)
    worst = Achievement.MET
    for bound in demand.bounds:
        target = bound.target
        anchor = bound.anchor
        if anchor is not None:
            read = need_number(context.value(series=anchor.series, period=anchor.period), rule)
            if isinstance(read, NotAssessed):
                if anchor.fallback is None:
                    return missing(NotAssessed(anchor.reason, anchor.detail))
                read = anchor.fallback
            target = anchor.target(read)
        margin = bound.direction.margin(observed, target)
        achievement = verdict(
            margin, inclusive=bound.inclusive, tolerance=bound.tolerance, target=target
        )
        if achievement.rank > worst.rank:
            worst = achievement
        if nearest is None or margin < nearest[0]:
            nearest = (margin, target)
    assert nearest is not None  # a numeric demand has bounds
    margin, target = nearest
    return RuleResult(
        outcome=worst,
        value=observed,
        target=target,
        gap=margin,
        explanation=_outcome(rule, observed, unit, worst, target if demand.shows_target else None),
    )


# -- the protocol -------------------------------------------------------------------------


class TextReader(Protocol):
    """What the target-text parser offers a rule kind that reads a form of its own.

    Words are looked up by name in the locale's catalogue (``[parser.words]``); positions are
    token indexes. Every method that reads returns the position after what it read, and
    fails (the parser then tries other forms) when the text does not match.
    """

    def words_at(self, at: int, name: str) -> int | None:
        """The position after the catalogue phrase ``name`` starting at ``at``, or None."""

    def expect(self, at: int, name: str, what: str) -> int:
        """Like :meth:`words_at`, but a failure that names ``what`` was expected."""

    def number(self, at: int) -> tuple[Decimal, str | None, int]:
        """A number with its optional unit (``85 %``, ``2 dagar``): value, unit, position."""

    def symbol(self, at: int, *symbols: str) -> bool:
        """Whether the token at ``at`` is one of ``symbols``."""

    def fail(self, at: int, expected: str) -> Any:
        """Give up this reading: ``expected`` is what was expected at ``at``."""

    def build(self, at: int, make: Callable[[], Rule], what: str) -> Rule:
        """Construct a rule; its own checks become a failure at ``at`` naming ``what``."""


class SampleKit(Protocol):
    """What :mod:`malstyrning.testing` offers a rule kind that generates its own examples.

    ``draw`` is Hypothesis' draw function and the other members are Hypothesis strategies
    (or their factories), so that rule modules never import Hypothesis themselves.
    """

    @property
    def draw(self) -> Callable[[Any], Any]:
        """Hypothesis' draw function."""

    @property
    def values(self) -> Any:
        """Target values (Decimal)."""

    @property
    def units(self) -> Any:
        """Units (str or None)."""

    @property
    def tolerances(self) -> Any:
        """Tolerance bands (or None)."""

    @property
    def booleans(self) -> Any:
        """True or False."""

    @property
    def baseline_years(self) -> Any:
        """Baseline periods (years)."""

    @property
    def references(self) -> Any:
        """Reference series keys."""

    @property
    def amounts(self) -> Any:
        """Amounts of change, 0 to 50, or None."""

    @property
    def margins(self) -> Any:
        """Signed margins, -50 to 50."""

    @property
    def sampled_from(self) -> Callable[[Any], Any]:
        """hypothesis.strategies.sampled_from."""

    @property
    def lists(self) -> Callable[..., Any]:
        """hypothesis.strategies.lists."""


R = TypeVar("R", bound="Rule")


class Rule(abc.ABC):
    """Any target rule: how a value is judged, read, written and described as numbers.

    Subclasses are ``@attrs.frozen`` values registered with :func:`register`; each states:

    - ``tag``: its document tag (``{"type": "threshold", ...}``);
    - :meth:`judge`: the verdict on one period;
    - :meth:`describe`: the rule as a sentence that :func:`~malstyrning.target_text.parse_target`
      reads back to the same rule;
    - :meth:`demand`: what it demands as numbers, for the fast and batch evaluators;
    - optionally :meth:`read` (a target-text form of its own) and :meth:`sample` (examples
      for the Hypothesis strategies).
    """

    __slots__ = ()

    tag: ClassVar[str]
    """The rule's ``type`` in documents."""
    numeric: ClassVar[bool] = True
    """Whether the rule judges numbers (a yes/no rule judges answers)."""
    compares_series: ClassVar[bool] = False
    """Whether the kind compares with another series, named by the plan (a reference)."""

    def judge(self, context: RuleContext) -> RuleResult:
        """Judge the context's series in its period.

        Kinds that state a :meth:`demand` are judged by it (:func:`judge_demand`); the others
        (yes/no, per-series, composite) judge for themselves.
        """
        demand = self.demand(context.period, context.direction)
        if demand is None:
            raise NotImplementedError(f"{type(self).__name__} states no demand: define judge()")
        return judge_demand(self, demand, context)

    @abc.abstractmethod
    def describe(self) -> Message:
        """The rule as a sentence, rendered in any language later; the parser reads it back."""

    def describe_nested(self) -> Message:
        """The sentence as a part of another rule's (a composite adds parentheses)."""
        return self.describe()

    @property
    def parts(self) -> tuple[Rule, ...]:
        """The rules nested in this one (none for a single rule)."""
        return ()

    @property
    def dated(self) -> bool:
        """Whether what the rule demands depends on the period judged (target levels do)."""
        return any(part.dated for part in self.parts)

    @property
    def needed(self) -> int | None:
        """For a rule that combines its parts: how many must reach a level (None otherwise)."""
        return None

    @property
    def stated_direction(self) -> Direction | None:
        """The direction the rule states by itself, or None where it follows the indicator's."""
        return None

    @property
    def unit(self) -> str | None:
        """The unit the rule states, if any."""
        return None

    @property
    def series_read(self) -> tuple[str, ...]:
        """The series of the indicator this rule reads besides the one it judges."""
        return ()

    @property
    def series_judged(self) -> str | None:
        """The series this rule judges, where it names one (None: the context's series)."""
        return None

    def demand(self, period: Period, direction: Direction | None) -> Demand | None:
        """What the rule demands in ``period`` as numbers, or None if it cannot say so.

        ``direction`` is the indicator's (None where unknown: rules that follow it then
        give None).
        """
        return None

    def pace_target(self) -> tuple[str | None, Trajectory] | None:
        """The series (None: the main one) and target levels pace is judged on, if any."""
        return None

    def with_unit(self: R, unit: str) -> R:
        """The rule with ``unit`` where it states none (a text read for an indicator)."""
        # Typed as Any: every rule kind is an attrs class, which mypy cannot know of a subclass.
        kind: Any = type(self)
        if "unit" in attrs.fields_dict(kind) and self.unit is None:
            return attrs.evolve(self, unit=unit)  # type: ignore[misc]
        return self

    @classmethod
    def read(cls, reader: TextReader, at: int) -> tuple[Rule, int] | None:
        """A form of target text only this kind reads, at token ``at`` (None: it has none)."""
        del reader, at
        return None

    @classmethod
    def sample(cls, kit: SampleKit, direction: Direction) -> Rule | None:
        """An example rule drawn through ``kit`` (None: the strategies build it themselves)."""
        del kit, direction
        return None


_REGISTRY: dict[str, type[Rule]] = {}

RuleT = TypeVar("RuleT", bound=type[Rule])


def register(cls: RuleT) -> RuleT:
    """Register a rule kind under its ``tag`` (a class decorator, outermost).

    >>> kind("threshold").__name__
    'Threshold'
    """
    tag = cls.__dict__.get("tag")
    if not isinstance(tag, str) or not tag:
        raise TypeError(f"{cls.__name__} must state its document tag: tag = '...'")
    known = _REGISTRY.get(tag)
    if known is not None and known.__qualname__ != cls.__qualname__:
        raise TypeError(f"rule tag {tag!r} is taken by {known.__name__}")
    _REGISTRY[tag] = cls
    return cls


def registry() -> Mapping[str, type[Rule]]:
    """Every rule kind by its document tag, in the order they were registered."""
    return dict(_REGISTRY)


def kind(tag: str) -> type[Rule]:
    """The rule kind with document tag ``tag``.

    Raises:
        KeyError: no rule kind has that tag.
    """
    return _REGISTRY[tag]


def iter_rules(rule: Rule) -> list[Rule]:
    """The rule and every rule nested inside it, outermost first."""
    found = [rule]
    for part in rule.parts:
        found += iter_rules(part)
    return found


def rule_direction(rule: Rule) -> Direction | None:
    """The direction a rule states by itself, or None where it follows the indicator's."""
    return rule.stated_direction


def exponent(value: Decimal) -> int:
    """The decimal exponent of a finite value (0 for others)."""
    found = value.as_tuple().exponent
    return found if isinstance(found, int) else 0
