"""Roll-up policies: how a goal's children's statuses combine into the goal's own.

A policy is any object with ``combine(ranks, scale)`` and ``render(locale=...)``
(:class:`RollupPolicy`). The library ships four: :class:`Worst` (the default),
:class:`Majority`, :class:`MeanOfRanks` and :class:`ShareThresholds`. They live below the
model because a plan states its own policy, for the whole plan (``Plan.rollup``) or per level
(``PlanLevel.rollup``), and documents carry it: a shipped policy is written by its key
(``"majority"``), share thresholds as ``{"share": {"green": 0.75, "yellow": 0.5}}``.

>>> from malstyrning.scales import TRAFFIC_LIGHT
>>> policy = parse_policy("share:green=0.75,yellow=0.5")
>>> policy.combine([0, 0, 0, 2], TRAFFIC_LIGHT), policy.render(locale="en")
(0, 'share thresholds')
>>> policy_document(policy), policy_document(Worst())
({'share': {'green': Decimal('0.75'), 'yellow': Decimal('0.5')}}, 'worst')
"""

from __future__ import annotations

import collections
import decimal
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, ClassVar, Protocol, runtime_checkable

import attrs

from malstyrning._frozen import FrozenMap, freeze
from malstyrning.errors import InvalidScale
from malstyrning.i18n import LocaleLike, Message
from malstyrning.scales import Scale

__all__ = [
    "POLICY_CHOICES",
    "ROLLUP_POLICIES",
    "Majority",
    "MeanOfRanks",
    "RollupPolicy",
    "ShareThresholds",
    "Worst",
    "check_policy",
    "parse_policy",
    "policy_document",
    "policy_from_document",
    "rolled_up",
]


@runtime_checkable
class RollupPolicy(Protocol):
    """A way to combine children's statuses into their goal's, and its name for people.

    Any object with these two methods is a policy: :func:`~malstyrning.evaluate` takes it as
    ``rollup=``, and the goals' explanations name it with its own :meth:`render`, so that a
    policy defined outside this library needs no catalogue entry (it cannot be written into
    a plan document, though: only the shipped policies can).

    >>> import attrs
    >>> @attrs.frozen
    ... class Best:
    ...     def combine(self, ranks: list[int], scale: Scale) -> int:
    ...         return min(ranks)
    ...     def render(self, *, locale: LocaleLike) -> str:
    ...         return "the best part decides"
    >>> from malstyrning import examples, evaluate
    >>> evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1",
    ...                       rollup=Best())
    >>> "the best part decides" in evaluation["patient"].explanation.render(locale="en")
    True
    """

    def combine(self, ranks: list[int], scale: Scale) -> int:
        """The rank of the combined status, given the children's ranks (0 is the best)."""

    def render(self, *, locale: LocaleLike) -> str:
        """The policy's name in ``locale``, as the goals' explanations show it."""


class _CataloguePolicy:
    """The policies this library ships name themselves from the catalogues."""

    __slots__ = ()
    key: ClassVar[str]

    def render(self, *, locale: LocaleLike) -> str:
        """The policy's name in ``locale`` (catalogue key ``rollup.<key>``)."""
        return Message.of(f"rollup.{self.key}").render(locale=locale)


@attrs.frozen
class Worst(_CataloguePolicy):
    """The combined status is the worst child's: one red goal makes the area red."""

    key = "worst"

    def combine(self, ranks: list[int], scale: Scale) -> int:
        """The rank of the combined status."""
        return max(ranks)


@attrs.frozen
class Majority(_CataloguePolicy):
    """The most common child status; a tie goes to the worse level."""

    key = "majority"

    def combine(self, ranks: list[int], scale: Scale) -> int:
        """The rank of the combined status."""
        counts = collections.Counter(ranks)
        top = max(counts.values())
        return max(rank for rank, count in counts.items() if count == top)


@attrs.frozen
class MeanOfRanks(_CataloguePolicy):
    """The mean of the children's ranks, rounded; exactly half-way goes to the worse level."""

    key = "mean_of_ranks"

    def combine(self, ranks: list[int], scale: Scale) -> int:
        """The rank of the combined status."""
        mean = Decimal(sum(ranks)) / len(ranks)
        return int(mean.to_integral_value(rounding=decimal.ROUND_HALF_UP))


def _to_shares(value: Mapping[str, Any]) -> FrozenMap[str, Decimal]:
    shares: dict[str, Decimal] = {}
    for key, given in dict(value).items():
        share = given
        if isinstance(given, int | float) and not isinstance(given, bool):
            share = Decimal(repr(given)) if isinstance(given, float) else Decimal(given)
        elif isinstance(given, str):
            try:
                share = Decimal(given.strip())
            except decimal.InvalidOperation:
                share = given
        if not isinstance(share, Decimal) or not share.is_finite() or not 0 <= share <= 1:
            raise InvalidScale(
                f"share thresholds: the share for {key!r} must be a number from 0 to 1, "
                f"such as 0.75 for three in four (got {share!r})"
            )
        shares[key] = share
    if not shares:
        raise InvalidScale(
            "share thresholds need at least one level and its share, such as {'green': 0.75}"
        )
    return freeze(shares)


@attrs.frozen
class ShareThresholds(_CataloguePolicy):
    """A level is reached when enough children are at that level or better.

    ``minimum_shares`` maps level keys to the share (from 0 to 1) of children that
    must be at that level or better; the best level reached wins, and the worst child's
    level applies if none is. E.g. ``{"green": 0.75, "yellow": 0.5}``: green when three in
    four are green.

    >>> from malstyrning.scales import TRAFFIC_LIGHT
    >>> ShareThresholds({"green": Decimal("0.75")}).combine([0, 0, 0, 2], TRAFFIC_LIGHT)
    0
    """

    minimum_shares: FrozenMap[str, Decimal] = attrs.field(converter=_to_shares)
    key = "share"

    def combine(self, ranks: list[int], scale: Scale) -> int:
        """The rank of the combined status."""
        total = len(ranks)
        for key, share in sorted(self.minimum_shares.items(), key=lambda kv: scale.rank(kv[0])):
            rank = scale.rank(key)
            if Decimal(sum(1 for r in ranks if r <= rank)) / total >= share:
                return rank
        return max(ranks)


ROLLUP_POLICIES: Mapping[str, RollupPolicy] = FrozenMap(
    {"worst": Worst(), "majority": Majority(), "mean_of_ranks": MeanOfRanks()}
)
"""The shipped policies without parameters, by key (``--rollup worst``)."""

POLICY_CHOICES = (*ROLLUP_POLICIES, "share:LEVEL=SHARE,...")
"""Every shipped policy as the command line names it."""


def parse_policy(text: str) -> RollupPolicy:
    """A shipped policy from its command-line name: a key, or ``share:green=0.75,...``.

    Shares may be written as fractions (``0.75``) or percent (``75%``). Separated by ``;``
    instead of ``,``, they may use a decimal comma (``share:green=0,75;yellow=0,5``).

    >>> parse_policy("majority")
    Majority()
    >>> parse_policy("share:green=75%").minimum_shares["green"]
    Decimal('0.75')
    >>> parse_policy("share:green=0,75;yellow=0,5").minimum_shares["yellow"]
    Decimal('0.5')

    Raises:
        InvalidScale: the name is not a shipped policy, or a share is not readable.
    """
    name, _, arguments = text.strip().partition(":")
    if name in ROLLUP_POLICIES and not arguments:
        return ROLLUP_POLICIES[name]
    if name != "share":
        raise InvalidScale(
            f"unknown roll-up policy {text!r}; use one of {', '.join(ROLLUP_POLICIES)} or "
            "share:LEVEL=SHARE,... (e.g. share:green=0.75,yellow=0.5)"
        )
    shares: dict[str, Decimal] = {}
    # Shares separated by ";" may have a decimal comma, as Swedish and Norwegian write them.
    separator = ";" if ";" in arguments else ","
    for part in filter(None, (item.strip() for item in arguments.split(separator))):
        key, equals, number = part.partition("=")
        percent = number.strip().endswith("%")
        written = number.strip().rstrip("%").strip()
        if separator == ";" and "." not in written:
            written = written.replace(",", ".")
        try:
            value = Decimal(written)
        except decimal.InvalidOperation:
            value = Decimal("NaN")
        if not equals or not key.strip() or not value.is_finite():
            raise InvalidScale(
                f"roll-up policy {text!r}: {part!r} is not LEVEL=SHARE (e.g. green=0.75 or "
                "green=75%; with a decimal comma, separate the shares by ';')"
            )
        shares[key.strip()] = value / 100 if percent else value
    return ShareThresholds(shares)


def policy_document(policy: RollupPolicy) -> str | dict[str, dict[str, Decimal]]:
    """How a plan document writes a shipped policy: its key, or ``{"share": {...}}``.

    Raises:
        InvalidScale: the policy is not one the library ships, so no document can name it.
    """
    if isinstance(policy, ShareThresholds):
        return {"share": dict(policy.minimum_shares)}
    if isinstance(policy, _CataloguePolicy) and ROLLUP_POLICIES.get(policy.key) == policy:
        return policy.key
    raise InvalidScale(
        f"the roll-up policy {policy!r} is not one the library ships, so a plan document "
        f"cannot name it; use one of {', '.join(ROLLUP_POLICIES)} or share thresholds, or "
        "pass the policy to evaluate(rollup=...) instead"
    )


def policy_from_document(value: object) -> RollupPolicy:
    """The policy a plan document names (see :func:`policy_document`).

    >>> policy_from_document({"share": {"green": 0.8}}).minimum_shares["green"]
    Decimal('0.8')

    Raises:
        InvalidScale: the value names no shipped policy.
    """
    if isinstance(value, str):
        if value in ROLLUP_POLICIES:
            return ROLLUP_POLICIES[value]
    elif isinstance(value, Mapping) and list(value) == ["share"]:
        shares = value["share"]
        if isinstance(shares, Mapping):
            return ShareThresholds(shares)
    raise InvalidScale(
        f"unknown roll-up policy {value!r}; write one of {', '.join(ROLLUP_POLICIES)} or "
        '{"share": {"green": 0.75, "yellow": 0.5}}'
    )


def check_policy(policy: RollupPolicy, scale: Scale, where: str) -> str | None:
    """What is wrong with ``policy`` on ``scale`` (a share for an unknown level), or None."""
    if isinstance(policy, ShareThresholds):
        unknown = [key for key in policy.minimum_shares if key not in scale]
        if unknown:
            return (
                f"{where}: share thresholds name {', '.join(map(repr, unknown))}, not a level "
                f"of scale {scale.key!r} (levels: {', '.join(scale.keys)})"
            )
    return None


def rolled_up(policy: RollupPolicy, ranks: list[int], scale: Scale) -> int:
    """The policy's rank, kept between the best and the worst child whatever the policy says."""
    return min(max(policy.combine(ranks, scale), min(ranks)), max(ranks))
