"""Assessment scales: ordered levels with keys, colours, symbols and labels.

A target rule gives an :class:`Achievement` (met, near, not met); a scale says which of its
levels each achievement lands on. "Not assessed" is never a level: it is its own outcome,
:class:`NotAssessed`, with a reason, and is counted separately.

>>> TRAFFIC_LIGHT.keys
('green', 'yellow', 'red')
>>> TRAFFIC_LIGHT.level_for(Achievement.NEAR).key
'yellow'
>>> TRAFFIC_LIGHT.label("red", locale="en")
'red'
>>> TRAFFIC_LIGHT.is_better("green", "yellow")
True
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from malstyrning._frozen import FrozenMap, freeze
from malstyrning.errors import InvalidScale
from malstyrning.i18n import LocaleLike, translate

__all__ = [
    "ACTIVITY_ACHIEVEMENTS",
    "ACTIVITY_STATUS",
    "BUILTIN_SCALES",
    "GOAL_FORECAST",
    "PACE",
    "TRAFFIC_LIGHT",
    "TREND",
    "Achievement",
    "Level",
    "NotAssessed",
    "NotAssessedReason",
    "Scale",
]

_KEY = re.compile(r"[a-z][a-z0-9_]*")


class Achievement(enum.Enum):
    """A target rule's verdict before any scale: met, near (inside a tolerance band), not met.

    Ordered best first; :attr:`rank` is 0 for met.
    """

    MET = "met"
    NEAR = "near"
    NOT_MET = "not_met"

    @property
    def rank(self) -> int:
        """0 for met, 1 for near, 2 for not met."""
        return _ACHIEVEMENT_RANK[self]


_ACHIEVEMENT_RANK = {Achievement.MET: 0, Achievement.NEAR: 1, Achievement.NOT_MET: 2}


class NotAssessedReason(enum.Enum):
    """Why a node has no status for a period. Seeds: "mäts i augusti", "för tidigt att mäta"."""

    NO_DATA = "no_data"
    """No value was reported for the period."""
    TOO_EARLY = "too_early"
    """Too early to measure ("för tidigt att mäta")."""
    MEASURED_LATER = "measured_later"
    """Measured at a later report ("mäts i augusti", "mäts i årsbokslut")."""
    NOT_MEASURABLE = "not_measurable"
    """Cannot be measured at this level or in this period."""
    NO_TARGET = "no_target"
    """The node has no target value ("inga måltal")."""
    NO_BASELINE = "no_baseline"
    """The baseline period a change is judged against has no value."""
    NO_REFERENCE = "no_reference"
    """The reference value (e.g. the national average) is missing."""
    NOT_YET_DUE = "not_yet_due"
    """The first target level applies to a later period."""
    PARTIAL_DATA = "partial_data"
    """Some parts of a composite target have no value, and the rest does not decide it."""
    NOT_JUDGED = "not_judged"
    """An assignment or activity whose report gives no status."""
    NO_ASSESSED_CHILDREN = "no_assessed_children"
    """A goal none of whose children could be assessed."""
    CANCELLED = "cancelled"
    """An activity that was cancelled."""
    TARGET_NOT_AFTER_BASE = "target_not_after_base"
    """Pace: the target period is not after the base period growth is measured from."""
    OPPOSITE_SIGNS = "opposite_signs"
    """Pace: the base and the outcome (or the target) have opposite signs."""


@attrs.frozen
class NotAssessed:
    """The outcome "not assessed", with its reason and any words from the report.

    >>> NotAssessed(NotAssessedReason.MEASURED_LATER, "Mäts i augusti 2019")
    ... # doctest: +NORMALIZE_WHITESPACE
    NotAssessed(reason=<NotAssessedReason.MEASURED_LATER: 'measured_later'>,
                detail='Mäts i augusti 2019')
    """

    reason: NotAssessedReason = attrs.field(
        validator=attrs.validators.instance_of(NotAssessedReason)
    )
    detail: str = attrs.field(default="", validator=attrs.validators.instance_of(str))


def _check_key(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not _KEY.fullmatch(value):
        raise InvalidScale(
            f"{attribute.name} must be a lowercase identifier such as 'green' or "
            f"'on_track' (got {value!r})"
        )


_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def _check_colour(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not _COLOUR.fullmatch(value):
        raise InvalidScale(f"{attribute.name} must be a colour '#rrggbb' (got {value!r})")


@attrs.frozen(kw_only=True)
class Level:
    """One level of a scale.

    Built-in levels take their labels from the catalogue (``scale.<scale>.<level>``);
    custom levels give ``labels`` per language (``{"sv": "grön", "en": "green"}``).
    ``symbol`` makes the level readable without colour (print, screen readers).
    """

    key: str = attrs.field(validator=[attrs.validators.instance_of(str), _check_key])
    colour: str = attrs.field(
        default="#9e9e9e", validator=[attrs.validators.instance_of(str), _check_colour]
    )
    symbol: str = attrs.field(default="", validator=attrs.validators.instance_of(str))
    labels: FrozenMap[str, str] = attrs.field(factory=FrozenMap, converter=freeze)
    descriptions: FrozenMap[str, str] = attrs.field(factory=FrozenMap, converter=freeze)


def _check_levels(scale: Scale, _: attrs.Attribute[Any], levels: tuple[Level, ...]) -> None:
    if not levels:
        raise InvalidScale(f"scale {scale.key!r} needs at least one level")
    keys = [level.key for level in levels]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise InvalidScale(f"scale {scale.key!r} repeats level keys {duplicates}")


def _check_mapping(
    scale: Scale, attribute: attrs.Attribute[Any], mapping: Mapping[Any, str]
) -> None:
    keys = {level.key for level in scale.levels}
    for source, target in mapping.items():
        if target not in keys:
            raise InvalidScale(
                f"scale {scale.key!r}: {attribute.name}[{source!r}] names level {target!r}, "
                f"which is not one of {sorted(keys)}"
            )


def _as_levels(levels: Iterable[Level]) -> tuple[Level, ...]:
    return tuple(levels)


def _freeze_nested(
    value: Mapping[str, Mapping[str, str]] | None,
) -> FrozenMap[str, FrozenMap[str, str]]:
    return FrozenMap({key: freeze(inner) for key, inner in (value or {}).items()})


@attrs.frozen(kw_only=True)
class Scale:
    """An ordered assessment scale, best level first.

    Args:
        key: the scale's identifier (``traffic_light``).
        levels: the levels, best first.
        achievements: the level each rule verdict lands on; every :class:`Achievement`
            must be mapped for the scale to judge target rules.
        equivalents: for another scale's key, how that scale's levels read on this one
            (``{"activity_status": {"done": "ok", "delayed": "not_ok"}}``); a level left
            out has no reading. Activity statuses need no entry when the scale maps every
            achievement: they read as :data:`ACTIVITY_ACHIEVEMENTS` say (done as met).
        labels: the scale's own name per language, for custom scales.

    >>> custom = Scale(
    ...     key="two_step",
    ...     levels=(Level(key="ok", colour="#2e7d32"), Level(key="not_ok", colour="#c62828")),
    ...     achievements={Achievement.MET: "ok", Achievement.NEAR: "not_ok",
    ...                   Achievement.NOT_MET: "not_ok"},
    ... )
    >>> custom.rank("not_ok"), custom.worst.key
    (1, 'not_ok')
    >>> custom.reading("done", of=ACTIVITY_STATUS), custom.reading("ongoing", of=ACTIVITY_STATUS)
    ('ok', 'not_ok')
    """

    key: str = attrs.field(validator=[attrs.validators.instance_of(str), _check_key])
    levels: tuple[Level, ...] = attrs.field(converter=_as_levels, validator=_check_levels)
    achievements: FrozenMap[Achievement, str] = attrs.field(
        factory=FrozenMap, converter=freeze, validator=_check_mapping
    )
    equivalents: FrozenMap[str, FrozenMap[str, str]] = attrs.field(
        factory=FrozenMap,
        converter=_freeze_nested,
    )
    labels: FrozenMap[str, str] = attrs.field(factory=FrozenMap, converter=freeze)
    _ranks: dict[str, int] = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        # Frozen values need no copying, so the rank table can be built once.
        object.__setattr__(self, "_ranks", {lv.key: i for i, lv in enumerate(self.levels)})

    @property
    def keys(self) -> tuple[str, ...]:
        """The level keys, best first."""
        return tuple(level.key for level in self.levels)

    @property
    def best(self) -> Level:
        """The best level."""
        return self.levels[0]

    @property
    def worst(self) -> Level:
        """The worst level."""
        return self.levels[-1]

    def __contains__(self, key: object) -> bool:
        return key in self._ranks

    def rank(self, key: str) -> int:
        """The position of a level, 0 for the best.

        Raises:
            InvalidScale: the key is not a level of this scale.
        """
        try:
            return self._ranks[key]
        except KeyError:
            raise InvalidScale(
                f"{key!r} is not a level of scale {self.key!r} (levels: {', '.join(self.keys)})"
            ) from None

    def level(self, key: str) -> Level:
        """The level with this key."""
        return self.levels[self.rank(key)]

    def is_better(self, first: str, second: str) -> bool:
        """Whether level ``first`` is strictly better than level ``second``."""
        return self.rank(first) < self.rank(second)

    def level_for(self, achievement: Achievement) -> Level:
        """The level a rule verdict lands on.

        Raises:
            InvalidScale: the scale does not map this verdict.
        """
        try:
            return self.level(self.achievements[achievement])
        except KeyError:
            raise InvalidScale(
                f"scale {self.key!r} does not say which level a rule verdict "
                f"{achievement.value!r} lands on; give it achievements={{...}}"
            ) from None

    def reading(self, key: str, *, of: Scale) -> str | None:
        """How level ``key`` of scale ``of`` reads on this scale, or None if it has no reading.

        The mapping is declared here, on the scale a plan reports on, so that a custom plan
        scale works with activities (and any other scale) without changing theirs.

        >>> TRAFFIC_LIGHT.reading("planned", of=ACTIVITY_STATUS)
        'yellow'
        >>> TRAFFIC_LIGHT.reading("cancelled", of=ACTIVITY_STATUS) is None
        True

        Raises:
            InvalidScale: this scale declares no reading of ``of``.
        """
        if of.key == self.key:
            return key
        mapping = self.equivalents.get(of.key)
        if mapping is not None:
            return mapping.get(key)
        if of.key == ACTIVITY_STATUS.key and len(self.achievements) == len(Achievement):
            achievement = ACTIVITY_ACHIEVEMENTS.get(key)
            return None if achievement is None else self.level_for(achievement).key
        raise InvalidScale(
            f"scale {self.key!r} does not say how levels of scale {of.key!r} read on it; give "
            f"it equivalents={{{of.key!r}: {{...}}}} (or achievements for every verdict)"
        )

    def label(self, key: str, *, locale: LocaleLike) -> str:
        """The level's name for people in ``locale``.

        A level's own ``labels`` come first (in ``locale``'s language, else the first one);
        built-in scales name their levels from the catalogues, and a custom level without
        labels is named by its key.

        >>> Scale(key="two_step", levels=(Level(key="ok", labels={"sv": "godkänd"}),
        ...                               Level(key="not_ok"))).label("not_ok", locale="en")
        'not_ok'
        """
        level = self.level(key)
        if level.labels:
            return _in_language(level.labels, locale)
        if self.key not in BUILTIN_SCALES:
            return key
        return translate(f"scale.{self.key}.{key}", locale=locale)

    def describe_level(self, key: str, *, locale: LocaleLike, of: str = "goal") -> str:
        """What a level means, for goals, key figures (``key_figure``) or assignments.

        A custom level says it in its ``descriptions``; without them the text is empty.

        >>> TRAFFIC_LIGHT.describe_level("yellow", of="assignment", locale="en")
        'Ongoing according to plan'
        """
        level = self.level(key)
        if level.descriptions:
            return _in_language(level.descriptions, locale)
        if self.key not in BUILTIN_SCALES:
            return ""  # a custom level without descriptions: its name says it all
        return translate(f"scale.{self.key}.{key}_{of}", locale=locale)


def _in_language(texts: Mapping[str, str], locale: LocaleLike) -> str:
    language = str(locale).split("_")[0].split("-")[0]
    return texts.get(language) or next(iter(texts.values()))


TRAFFIC_LIGHT = Scale(
    key="traffic_light",
    levels=(
        Level(key="green", colour="#2e7d32", symbol="●"),
        Level(key="yellow", colour="#f9a825", symbol="◐"),
        Level(key="red", colour="#c62828", symbol="○"),
    ),
    achievements={
        Achievement.MET: "green",
        Achievement.NEAR: "yellow",
        Achievement.NOT_MET: "red",
    },
    equivalents={
        "goal_forecast": {
            "achieved": "green",
            "expected": "green",
            "uncertain": "yellow",
            "not_expected": "red",
            "not_achieved": "red",
        },
    },
)
"""Green / yellow / red, as defined in the seeds for goals, key figures and assignments."""

TREND = Scale(
    key="trend",
    levels=(
        Level(key="improving", colour="#2e7d32", symbol="↑"),
        Level(key="unchanged", colour="#757575", symbol="→"),
        Level(key="worsening", colour="#c62828", symbol="↓"),
        # Last, and not a verdict on direction: the follow-up states that it gives none.
        Level(key="no_trend", colour="#bdbdbd", symbol="□"),
    ),
)
"""Better, unchanged or worse than the previous report, or no trend given."""

ACTIVITY_STATUS = Scale(
    key="activity_status",
    levels=(
        Level(key="done", colour="#2e7d32", symbol="✔"),
        Level(key="ongoing", colour="#f9a825", symbol="▶"),
        Level(key="planned", colour="#90a4ae", symbol="○"),
        Level(key="not_started", colour="#ef6c00", symbol="◌"),
        Level(key="delayed", colour="#c62828", symbol="!"),
        Level(key="cancelled", colour="#616161", symbol="✕"),
    ),
)
"""Activity status: done, ongoing according to plan, planned, not started, delayed, cancelled."""

ACTIVITY_ACHIEVEMENTS: Mapping[str, Achievement] = FrozenMap(
    {
        # Seeds: green = completed, yellow = ongoing as planned (or planned), red = delayed.
        # Cancelled has no reading: a cancelled activity is not assessed, never red.
        "done": Achievement.MET,
        "ongoing": Achievement.NEAR,
        "planned": Achievement.NEAR,
        # Seed 000: red is an assignment "neither done nor started".
        "not_started": Achievement.NOT_MET,
        "delayed": Achievement.NOT_MET,
    }
)
"""How each activity status reads on a plan's scale, through the level of that verdict."""

GOAL_FORECAST = Scale(
    key="goal_forecast",
    levels=(
        Level(key="achieved", colour="#1b5e20", symbol="★"),
        Level(key="expected", colour="#2e7d32", symbol="●"),
        Level(key="uncertain", colour="#f9a825", symbol="◐"),
        Level(key="not_expected", colour="#ef6c00", symbol="◔"),
        Level(key="not_achieved", colour="#c62828", symbol="○"),
    ),
    achievements={
        Achievement.MET: "achieved",
        Achievement.NEAR: "uncertain",
        Achievement.NOT_MET: "not_achieved",
    },
)
"""A five-level forecast of goal attainment."""

PACE = Scale(
    key="pace",
    levels=(
        Level(key="achieved", colour="#1b5e20", symbol="★"),
        Level(key="on_track", colour="#2e7d32", symbol="↗"),
        Level(key="acceleration_needed", colour="#f9a825", symbol="→"),
        Level(key="limited_progress", colour="#ef6c00", symbol="↘"),
        Level(key="deterioration", colour="#c62828", symbol="↓"),
    ),
)
"""Progress towards a later target by the growth-ratio method (Eurostat, Open SDG)."""

BUILTIN_SCALES: Mapping[str, Scale] = FrozenMap(
    {scale.key: scale for scale in (TRAFFIC_LIGHT, TREND, ACTIVITY_STATUS, GOAL_FORECAST, PACE)}
)
"""The built-in scales by key."""
