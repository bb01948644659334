"""All, any, or at least k of several rules: the care guarantee 0-3-90-90."""

from __future__ import annotations

import enum
from typing import Any, ClassVar

import attrs

from malstyrning.errors import InvalidTarget
from malstyrning.i18n import Joined, Message, join_sentences
from malstyrning.rules._base import (
    Rule,
    RuleContext,
    RuleResult,
    as_tuple,
    register,
)
from malstyrning.scales import Achievement, NotAssessed, NotAssessedReason

__all__ = ["Composite", "CompositeMode"]


class CompositeMode(enum.Enum):
    """How a composite combines its parts: all, any, or at least k of them."""

    ALL = "all"
    ANY = "any"
    AT_LEAST = "at_least"


def _check_parts(rule: Composite, _: attrs.Attribute[Any], rules: tuple[Rule, ...]) -> None:
    if not rules:
        raise InvalidTarget("a composite target needs at least one part")
    for part in rules:
        if not isinstance(part, Rule):
            raise InvalidTarget(f"a composite's parts must be rules (got {part!r})")


_BY_RANK = {achievement.rank: achievement for achievement in Achievement}


@register
@attrs.frozen(kw_only=True)
class Composite(Rule):
    """All, any, or at least ``k`` of several rules (the care guarantee 0-3-90-90).

    A composite is judged from its parts' verdicts, best to worst. Parts without a value do
    not count as met or as not met: the composite is judged only if the known parts decide it
    whatever the missing ones turn out to be (e.g. "all" with one part already not met).

    >>> from malstyrning.rules import YesNo
    >>> str(Composite(mode=CompositeMode.AT_LEAST, k=2, rules=(YesNo(), YesNo(), YesNo())))
    'at least 2 of (yes; yes; yes)'
    """

    tag: ClassVar[str] = "composite"

    rules: tuple[Rule, ...] = attrs.field(converter=as_tuple, validator=_check_parts)
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
    def parts(self) -> tuple[Rule, ...]:
        """The rules combined."""
        return self.rules

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

    def with_unit(self, unit: str) -> Composite:
        """Every part with the unit where it states none."""
        return attrs.evolve(self, rules=tuple(rule.with_unit(unit) for rule in self.rules))

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
            explanation = Message.of("explain.composite_partial", parts=details)
        else:
            outcome = _BY_RANK[best_case]
            explanation = Message.of("explain.composite", verdict=outcome, parts=details)
        return RuleResult(outcome=outcome, explanation=explanation, parts=parts)

    def describe(self) -> Message:
        """The rule as a phrase ("all of: …")."""
        phrases = tuple(rule.describe_nested() for rule in self.rules)
        parts = Joined(phrases, "list.clause_separator")
        if self.mode is CompositeMode.AT_LEAST:
            return Message.of("rule.composite.at_least", k=self.k, rules=parts)
        return Message.of(f"rule.composite.{self.mode.value}", rules=parts)

    def describe_nested(self) -> Message:
        """In parentheses, so that the parser knows where the composite ends."""
        return Message.of("target_text.group", rule=self.describe())

    def __str__(self) -> str:
        inner = "; ".join(str(rule) for rule in self.rules)
        if self.mode is CompositeMode.AT_LEAST:
            return f"at least {self.k} of ({inner})"
        return f"{self.mode.value} of ({inner})"
