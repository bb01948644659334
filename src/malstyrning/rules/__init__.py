"""Target rules: how an outcome is judged against a target, with an explanation.

Every rule is a frozen value of a kind registered here. ``rule.judge(context)`` gives a
:class:`RuleResult`: an :class:`~malstyrning.scales.Achievement` (met / near / not met) or a
:class:`~malstyrning.scales.NotAssessed` with its reason, the target value in force, the gap
to it and a :class:`~malstyrning.i18n.Message` that explains the verdict in any language.
``rule.describe()`` is the rule as a sentence that the target-text parser reads back, and
``rule.demand(period, direction)`` what it asks for as numbers.

The gap is measured in the good direction: positive or zero is at or better than the target,
negative is the shortfall.

A rule kind is one module of this package (see docs/design.md): the modules below are
imported, and any other public module placed here is found and registered too.

>>> from decimal import Decimal as D
>>> from malstyrning.periods import Period
>>> rule = Threshold(comparison=Comparison.LESS_THAN, value=D("250"), unit="rec/TIN")
>>> str(rule)
'< 250 rec/TIN'
>>> result = rule.judge(RuleContext.of_values({"total": {Period("2019-T1"): D("245")}},
...                                           period=Period("2019-T1")))
>>> result.achievement, result.gap
(<Achievement.MET: 'met'>, Decimal('5'))
>>> result.explanation.render(locale="en")
'Outcome 245 rec/TIN, target less than 250 rec/TIN: met.'
>>> list(registry())[:3]
['threshold', 'change', 'maintain']
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from malstyrning.rules._base import (
    Anchor,
    Bound,
    Comparison,
    Demand,
    Direction,
    Lookup,
    Observation,
    Rule,
    RuleContext,
    RuleResult,
    SampleKit,
    TextReader,
    Tolerance,
    Value,
    finite_decimal,
    iter_rules,
    kind,
    register,
    registry,
    rule_direction,
)

# Registration order is the order of the document tags in the JSON Schema and in messages
# ("expected one of 'threshold', 'change', ..."), so these imports keep it, unsorted.
# isort: off
from malstyrning.rules.threshold import Threshold
from malstyrning.rules.change import Change
from malstyrning.rules.maintain import Maintain
from malstyrning.rules.yes_no import YesNo
from malstyrning.rules.trajectory import Interpolation, TargetLevel, Trajectory
from malstyrning.rules.reference import RelativeToReference
from malstyrning.rules.series import SeriesTarget
from malstyrning.rules.composite import Composite, CompositeMode

# isort: on

# A new rule kind is one module here and nothing else: find and register every other one.
for _module in pkgutil.iter_modules(__path__):
    if not _module.name.startswith("_"):
        importlib.import_module(f"{__name__}.{_module.name}")

RULE_TYPES: tuple[type[Rule], ...] = tuple(registry().values())
"""Every registered rule kind, in registration order."""

_BY_NAME = {cls.__name__: cls for cls in RULE_TYPES}


def __getattr__(name: str) -> Any:
    # Rule kinds added as modules are reachable as malstyrning.rules.<ClassName>.
    try:
        return _BY_NAME[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None


def __dir__() -> list[str]:
    return sorted({*globals(), *_BY_NAME})


__all__ = [
    "RULE_TYPES",
    "Anchor",
    "Bound",
    "Change",
    "Comparison",
    "Composite",
    "CompositeMode",
    "Demand",
    "Direction",
    "Interpolation",
    "Lookup",
    "Maintain",
    "Observation",
    "RelativeToReference",
    "Rule",
    "RuleContext",
    "RuleResult",
    "SampleKit",
    "SeriesTarget",
    "TargetLevel",
    "TextReader",
    "Threshold",
    "Tolerance",
    "Trajectory",
    "Value",
    "YesNo",
    "finite_decimal",
    "iter_rules",
    "kind",
    "register",
    "registry",
    "rule_direction",
]
