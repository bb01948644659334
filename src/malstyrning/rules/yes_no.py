"""A qualitative measure answered yes or no: "(Ja/Nej)"."""

from __future__ import annotations

from typing import ClassVar

import attrs

from malstyrning.errors import InvalidTarget
from malstyrning.i18n import Message
from malstyrning.periods import Period
from malstyrning.rules._base import (
    Demand,
    Direction,
    Rule,
    RuleContext,
    RuleResult,
    missing,
    register,
)
from malstyrning.scales import Achievement, NotAssessed

__all__ = ["YesNo"]


@register
@attrs.frozen(kw_only=True)
class YesNo(Rule):
    """A qualitative measure answered yes or no ("(Ja/Nej)"); ``expected`` is the good answer.

    >>> str(YesNo())
    'yes'
    """

    tag: ClassVar[str] = "yes_no"
    numeric: ClassVar[bool] = False

    expected: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))

    def demand(self, period: Period, direction: Direction | None) -> Demand:
        """The good answer, and no number."""
        del period, direction
        return Demand(expected=self.expected)

    def judge(self, context: RuleContext) -> RuleResult:
        """Judge the answer for the context's period."""
        observed = context.value()
        if isinstance(observed, NotAssessed):
            return missing(observed)
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
        """The rule as a phrase ("the answer yes")."""
        return Message.of("rule.yes_no", expected=self.expected)

    def with_unit(self, unit: str) -> YesNo:
        """An answer has no unit."""
        del unit
        return self

    def __str__(self) -> str:
        return "yes" if self.expected else "no"
