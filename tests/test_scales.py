"""Scales: level order, verdicts, readings across scales, labels, and the errors people see.

A scale's order decides every roll-up ("the worst part decides") and every comparison in a
report, and its labels are what a reader sees; both are pinned here level by level.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from malstyrning import TRAFFIC_LIGHT, Achievement, InvalidScale, Level, NotAssessed, Scale
from malstyrning.scales import (
    ACTIVITY_ACHIEVEMENTS,
    ACTIVITY_STATUS,
    BUILTIN_SCALES,
    GOAL_FORECAST,
    TREND,
    NotAssessedReason,
)

TWO_STEP = Scale(
    key="two_step",
    levels=(Level(key="ok", colour="#2e7d32"), Level(key="not_ok", colour="#c62828")),
    achievements={
        Achievement.MET: "ok",
        Achievement.NEAR: "not_ok",
        Achievement.NOT_MET: "not_ok",
    },
)


def test_achievements_rank_best_first():
    assert [a.rank for a in Achievement] == [0, 1, 2]
    assert [a.value for a in Achievement] == ["met", "near", "not_met"]


@pytest.mark.parametrize(
    ("scale", "keys"),
    [
        (TRAFFIC_LIGHT, ("green", "yellow", "red")),
        (TREND, ("improving", "unchanged", "worsening", "no_trend")),
        (ACTIVITY_STATUS, ("done", "ongoing", "planned", "not_started", "delayed", "cancelled")),
        (GOAL_FORECAST, ("achieved", "expected", "uncertain", "not_expected", "not_achieved")),
    ],
)
def test_built_in_scales_keep_their_order(scale, keys):
    assert scale.keys == keys
    assert [scale.rank(key) for key in keys] == list(range(len(keys)))
    assert scale.best.key == keys[0]
    assert scale.worst.key == keys[-1]
    assert BUILTIN_SCALES[scale.key] is scale
    for key in keys:
        assert key in scale
        assert scale.level(key).key == key


def test_the_traffic_light_reads_verdicts_and_symbols():
    assert [TRAFFIC_LIGHT.level_for(a).key for a in Achievement] == ["green", "yellow", "red"]
    assert [level.symbol for level in TRAFFIC_LIGHT.levels] == ["●", "◐", "○"]
    assert [level.colour for level in TRAFFIC_LIGHT.levels] == ["#2e7d32", "#f9a825", "#c62828"]
    assert [GOAL_FORECAST.level_for(a).key for a in Achievement] == [
        "achieved",
        "uncertain",
        "not_achieved",
    ]


@given(
    st.sampled_from(list(BUILTIN_SCALES.values())).flatmap(
        lambda scale: st.tuples(
            st.just(scale), st.sampled_from(scale.keys), st.sampled_from(scale.keys)
        )
    )
)
def test_is_better_is_a_strict_order_by_rank(case):
    scale, first, second = case
    assert scale.is_better(first, second) is (scale.rank(first) < scale.rank(second))
    assert not (scale.is_better(first, second) and scale.is_better(second, first))
    assert not scale.is_better(first, first)


def test_unknown_levels_are_named_with_the_scale_and_its_levels():
    with pytest.raises(InvalidScale) as raised:
        TRAFFIC_LIGHT.rank("blue")
    assert (
        str(raised.value)
        == "'blue' is not a level of scale 'traffic_light' (levels: green, yellow, red)"
    )
    with pytest.raises(InvalidScale) as raised:
        TRAFFIC_LIGHT.is_better("green", "blue")
    assert "'blue' is not a level of scale 'traffic_light'" in str(raised.value)
    assert "blue" not in TRAFFIC_LIGHT
    assert 3 not in TRAFFIC_LIGHT


def test_a_scale_without_verdicts_says_how_to_give_them():
    with pytest.raises(InvalidScale) as raised:
        TREND.level_for(Achievement.NEAR)
    assert str(raised.value) == (
        "scale 'trend' does not say which level a rule verdict 'near' lands on; "
        "give it achievements={...}"
    )


@pytest.mark.parametrize(
    ("status", "reading"),
    [("done", "green"), ("ongoing", "yellow"), ("planned", "yellow"), ("delayed", "red")],
)
def test_activities_read_on_the_traffic_light_through_their_verdicts(status, reading):
    assert TRAFFIC_LIGHT.reading(status, of=ACTIVITY_STATUS) == reading
    assert TRAFFIC_LIGHT.level_for(ACTIVITY_ACHIEVEMENTS[status]).key == reading


def test_activity_verdicts_are_pinned():
    assert dict(ACTIVITY_ACHIEVEMENTS) == {
        "done": Achievement.MET,
        "ongoing": Achievement.NEAR,
        "planned": Achievement.NEAR,
        "not_started": Achievement.NOT_MET,
        "delayed": Achievement.NOT_MET,
    }
    assert TRAFFIC_LIGHT.reading("cancelled", of=ACTIVITY_STATUS) is None


def test_readings_declared_on_the_plan_scale_win():
    scale = Scale(
        key="custom",
        levels=(Level(key="ok"), Level(key="not_ok")),
        achievements=dict.fromkeys(Achievement, "ok"),
        equivalents={"activity_status": {"done": "ok", "delayed": "not_ok"}},
    )
    assert scale.reading("done", of=ACTIVITY_STATUS) == "ok"
    assert scale.reading("delayed", of=ACTIVITY_STATUS) == "not_ok"
    # Left out of the declared mapping: no reading, even though every verdict is mapped.
    assert scale.reading("ongoing", of=ACTIVITY_STATUS) is None
    assert scale.reading("ok", of=scale) == "ok"
    assert TRAFFIC_LIGHT.reading("uncertain", of=GOAL_FORECAST) == "yellow"
    assert TRAFFIC_LIGHT.reading("expected", of=GOAL_FORECAST) == "green"


def test_a_scale_without_a_reading_says_what_to_declare():
    with pytest.raises(InvalidScale) as raised:
        TRAFFIC_LIGHT.reading("improving", of=TREND)
    assert str(raised.value) == (
        "scale 'traffic_light' does not say how levels of scale 'trend' read on it; give it "
        "equivalents={'trend': {...}} (or achievements for every verdict)"
    )
    partial = Scale(
        key="partial",
        levels=(Level(key="ok"),),
        achievements={Achievement.MET: "ok"},
    )
    with pytest.raises(InvalidScale, match="does not say how levels of scale 'activity_status'"):
        partial.reading("done", of=ACTIVITY_STATUS)


@pytest.mark.parametrize(
    ("locale", "labels"),
    [
        ("sv", ["grön", "gul", "röd"]),
        ("en", ["green", "yellow", "red"]),
        ("en_GB", ["green", "yellow", "red"]),
    ],
)
def test_built_in_labels_come_from_the_catalogue(locale, labels):
    assert [TRAFFIC_LIGHT.label(key, locale=locale) for key in TRAFFIC_LIGHT.keys] == labels


def test_activity_labels_in_swedish_and_english():
    assert [ACTIVITY_STATUS.label(k, locale="sv") for k in ACTIVITY_STATUS.keys] == [
        "genomförd",
        "pågående enligt plan",
        "planerad",
        "ej påbörjad",
        "försenad",
        "inställd",
    ]
    assert TREND.label("worsening", locale="en") == "worse"


def test_custom_labels_follow_the_language_then_the_first():
    scale = Scale(
        key="custom",
        levels=(
            Level(
                key="ok",
                labels={"sv": "godkänd", "en": "passed"},
                descriptions={"sv": "Bra", "en": "Fine"},
            ),
            Level(key="not_ok"),
        ),
    )
    assert scale.label("ok", locale="en") == "passed"
    assert scale.label("ok", locale="en_US") == "passed"
    assert scale.label("ok", locale="sv-SE") == "godkänd"
    assert scale.label("ok", locale="en-GB") == "passed"
    assert scale.label("ok", locale="nb") == "godkänd"
    assert scale.label("not_ok", locale="en") == "not_ok"
    assert scale.describe_level("ok", locale="en") == "Fine"
    assert scale.describe_level("ok", locale="fr") == "Bra"
    assert scale.describe_level("not_ok", locale="en") == ""


@pytest.mark.parametrize(
    ("of", "expected"),
    [
        ("goal", "The goal is not yet met, but the right actions are planned or started."),
        ("key_figure", "Close to being reached"),
        ("assignment", "Ongoing according to plan"),
    ],
)
def test_built_in_descriptions_depend_on_what_is_judged(of, expected):
    assert TRAFFIC_LIGHT.describe_level("yellow", of=of, locale="en") == expected


def test_descriptions_default_to_goals():
    assert TRAFFIC_LIGHT.describe_level("red", locale="en") == "The goal is not met."


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Scale(key="empty", levels=()), "scale 'empty' needs at least one level"),
        (
            lambda: Scale(key="twice", levels=(Level(key="a"), Level(key="b"), Level(key="a"))),
            "scale 'twice' repeats level keys ['a']",
        ),
        (
            lambda: Scale(key="s", levels=(Level(key="a"),), achievements={Achievement.MET: "b"}),
            (
                "scale 's': achievements[<Achievement.MET: 'met'>] names level 'b', which is not "
                "one of ['a']"
            ),
        ),
        (
            lambda: Scale(key="Bad Key", levels=(Level(key="a"),)),
            "key must be a lowercase identifier such as 'green' or 'on_track' (got 'Bad Key')",
        ),
        (
            lambda: Level(key="1st"),
            "key must be a lowercase identifier such as 'green' or 'on_track' (got '1st')",
        ),
        (
            lambda: Level(key="a", colour="red"),
            "colour must be a colour '#rrggbb' (got 'red')",
        ),
        (
            lambda: Level(key="a", colour="#12345"),
            "colour must be a colour '#rrggbb' (got '#12345')",
        ),
    ],
)
def test_bad_scales_say_what_is_wrong(build, message):
    with pytest.raises(InvalidScale) as raised:
        build()
    assert str(raised.value) == message


def test_level_keys_may_carry_digits_and_underscores():
    assert Level(key="level_2").key == "level_2"
    assert Level(key="a", colour="#ABCDEF").colour == "#ABCDEF"
    assert Level(key="a").colour == "#9e9e9e"


def test_scales_are_values():
    again = Scale(
        key="two_step",
        levels=(Level(key="ok", colour="#2e7d32"), Level(key="not_ok", colour="#c62828")),
        achievements={
            Achievement.MET: "ok",
            Achievement.NEAR: "not_ok",
            Achievement.NOT_MET: "not_ok",
        },
    )
    assert again == TWO_STEP
    assert hash(again) == hash(TWO_STEP)
    assert TWO_STEP.rank("not_ok") == 1
    assert TWO_STEP.worst.key == "not_ok"


def test_not_assessed_carries_its_reason_and_words():
    outcome = NotAssessed(NotAssessedReason.MEASURED_LATER, "Mäts i augusti")
    assert outcome.reason is NotAssessedReason.MEASURED_LATER
    assert outcome.detail == "Mäts i augusti"
    assert NotAssessed(NotAssessedReason.NO_DATA).detail == ""
    with pytest.raises(TypeError):
        NotAssessed("no_data")  # type: ignore[arg-type]
