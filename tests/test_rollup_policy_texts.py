"""Roll-up policies as people write and read them: the command-line and document forms,
their near misses and the exact errors, and what each shipped policy combines to.
"""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from malstyrning.errors import InvalidScale
from malstyrning.i18n import LocaleLike
from malstyrning.rollup import (
    Majority,
    MeanOfRanks,
    ShareThresholds,
    Worst,
    check_policy,
    parse_policy,
    policy_document,
    policy_from_document,
    rolled_up,
)
from malstyrning.scales import TRAFFIC_LIGHT, Scale

GREEN, YELLOW, RED = range(3)

# -- the command line ---------------------------------------------------------------------


def test_an_unknown_policy_name_lists_every_shipped_one():
    with pytest.raises(InvalidScale) as caught:
        parse_policy("best")
    assert str(caught.value) == (
        "unknown roll-up policy 'best'; use one of worst, majority, mean_of_ranks or "
        "share:LEVEL=SHARE,... (e.g. share:green=0.75,yellow=0.5)"
    )


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("share:green=0.75=1", "green=0.75=1"),  # one equals sign only: not green=0.75 → 1
        ("share:=0.5", "=0.5"),  # a share without its level
        ("share:green", "green"),  # a level without its share
        ("share:green=abc", "green=abc"),  # a share that is no number
        ("share:green=0.5X%", "green=0.5X%"),  # only a percent sign may follow the number
        ("share:green=nan", "green=nan"),
        ("share:green=0,75", "75"),  # a decimal comma splits the share at ','
        ("share:green=0,75;yellow=0.5,2", "yellow=0.5,2"),  # a point and a comma
        ("share:green=75,5%", "5%"),
    ],
)
def test_a_share_that_is_not_level_equals_share_is_named_in_the_error(text, part):
    with pytest.raises(InvalidScale) as caught:
        parse_policy(text)
    assert str(caught.value) == (
        f"roll-up policy {text!r}: {part!r} is not LEVEL=SHARE (e.g. green=0.75 or green=75%; "
        "with a decimal comma, separate the shares by ';')"
    )


@pytest.mark.parametrize(
    ("text", "shares"),
    [
        ("share:green=75%", {"green": "0.75"}),
        ("share: green = 75 % , yellow=0.5", {"green": "0.75", "yellow": "0.5"}),
        ("share:green=1,,yellow=0", {"green": "1", "yellow": "0"}),
        ("share:green=0,75;yellow=50 %", {"green": "0.75", "yellow": "0.5"}),
        ("share:green=0.75;yellow=0,5;", {"green": "0.75", "yellow": "0.5"}),
    ],
)
def test_shares_are_read_as_fractions_or_percent(text, shares):
    policy = parse_policy(text)
    assert isinstance(policy, ShareThresholds)
    assert {key: str(value) for key, value in policy.minimum_shares.items()} == shares


# -- documents ----------------------------------------------------------------------------


@attrs.frozen
class _Best:
    def combine(self, ranks: list[int], scale: Scale) -> int:
        return min(ranks)

    def render(self, *, locale: LocaleLike) -> str:
        return "the best part decides"


def test_a_policy_of_ones_own_cannot_be_written_into_a_document():
    with pytest.raises(InvalidScale) as caught:
        policy_document(_Best())
    assert str(caught.value) == (
        "the roll-up policy _Best() is not one the library ships, so a plan document cannot "
        "name it; use one of worst, majority, mean_of_ranks or share thresholds, or pass the "
        "policy to evaluate(rollup=...) instead"
    )


@pytest.mark.parametrize(
    "value",
    [
        "best",
        ["share"],  # a list naming share thresholds is not the mapping
        5,
        {"share": 5},
        {"share": {"green": 1}, "note": 1},
    ],
    ids=["unknown key", "list", "number", "shares not a mapping", "extra key"],
)
def test_a_document_naming_no_shipped_policy_is_refused_with_the_forms_it_may_take(value):
    with pytest.raises(InvalidScale) as caught:
        policy_from_document(value)
    assert str(caught.value) == (
        f"unknown roll-up policy {value!r}; write one of worst, majority, mean_of_ranks or "
        '{"share": {"green": 0.75, "yellow": 0.5}}'
    )


# -- combining ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ranks", "rank"),
    [
        ([GREEN, YELLOW], YELLOW),  # exactly half-way goes to the worse level
        ([YELLOW, RED], RED),
        ([GREEN, RED], YELLOW),
        ([GREEN, GREEN, YELLOW], GREEN),  # a third rounds down
        ([GREEN, YELLOW, YELLOW], YELLOW),  # two thirds round up
        ([RED, RED, RED], RED),
    ],
)
def test_the_mean_of_ranks_rounds_half_way_to_the_worse_level(ranks, rank):
    assert MeanOfRanks().combine(ranks, TRAFFIC_LIGHT) == rank


def test_share_thresholds_try_the_best_level_first_whatever_the_order_they_are_written_in():
    # Alphabetically red comes before yellow; by the scale yellow is tried first.
    policy = ShareThresholds({"red": 0, "yellow": "0.5"})
    assert policy.combine([YELLOW, YELLOW, RED], TRAFFIC_LIGHT) == YELLOW
    assert policy.combine([GREEN, RED, RED], TRAFFIC_LIGHT) == RED
    # Green written last is still tried first.
    assert ShareThresholds({"yellow": 0, "green": "0.5"}).combine([GREEN, RED], TRAFFIC_LIGHT) == 0


# -- share thresholds ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "read"),
    [
        (0.1, "0.1"),  # a float is read as written, not as its binary value
        (Decimal("0.75"), "0.75"),
        (1, "1"),
        (0, "0"),
        (" 0.5 ", "0.5"),
        ("1", "1"),
    ],
)
def test_a_share_is_read_from_a_number_or_a_text(given, read):
    assert str(ShareThresholds({"green": given}).minimum_shares["green"]) == read


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        (1.5, "Decimal('1.5')"),
        ("1.5", "Decimal('1.5')"),
        (-0.1, "Decimal('-0.1')"),
        ("abc", "'abc'"),
        (True, "True"),
        (float("nan"), "Decimal('NaN')"),
        ("Infinity", "Decimal('Infinity')"),
    ],
)
def test_a_share_outside_zero_to_one_is_refused_with_the_value_shown(given, shown):
    with pytest.raises(InvalidScale) as caught:
        ShareThresholds({"green": given})
    assert str(caught.value) == (
        "share thresholds: the share for 'green' must be a number from 0 to 1, such as 0.75 "
        f"for three in four (got {shown})"
    )


def test_share_thresholds_without_a_level_are_refused():
    with pytest.raises(InvalidScale) as caught:
        ShareThresholds({})
    assert str(caught.value) == (
        "share thresholds need at least one level and its share, such as {'green': 0.75}"
    )


def test_share_thresholds_naming_levels_off_the_scale_list_them_all_in_order():
    policy = ShareThresholds({"purple": "0.5", "green": "0.2", "pink": "0.1"})
    assert check_policy(policy, TRAFFIC_LIGHT, "$.rollup") == (
        "$.rollup: share thresholds name 'purple', 'pink', not a level of scale "
        "'traffic_light' (levels: green, yellow, red)"
    )
    assert check_policy(ShareThresholds({"green": "0.5"}), TRAFFIC_LIGHT, "$.rollup") is None
    assert check_policy(Worst(), TRAFFIC_LIGHT, "$.rollup") is None


# -- the shipped policies and their bounds -----------------------------------------------------


@pytest.mark.parametrize(
    ("policy", "ranks", "rank"),
    [
        (Worst(), [GREEN, RED, YELLOW], RED),
        (Majority(), [GREEN, YELLOW, YELLOW, RED], YELLOW),
        (Majority(), [GREEN, GREEN, RED, RED], RED),  # a tie goes to the worse level
        (Majority(), [YELLOW, GREEN, GREEN, RED], GREEN),
        (ShareThresholds({"green": "0.75"}), [GREEN, GREEN, GREEN, RED], GREEN),
        (ShareThresholds({"green": "0.75"}), [GREEN, GREEN, YELLOW, RED], RED),
    ],
)
def test_the_shipped_policies_combine_as_documented(policy, ranks, rank):
    assert policy.combine(ranks, TRAFFIC_LIGHT) == rank
    assert rolled_up(policy, ranks, TRAFFIC_LIGHT) == rank


@attrs.frozen
class _Fixed:
    rank: int

    def combine(self, ranks: list[int], scale: Scale) -> int:
        return self.rank

    def render(self, *, locale: LocaleLike) -> str:
        return "a fixed rank"


@pytest.mark.parametrize(
    ("said", "kept"), [(-1, YELLOW), (GREEN, YELLOW), (YELLOW, YELLOW), (9, RED)]
)
def test_a_policys_rank_is_kept_between_the_best_and_the_worst_child(said, kept):
    assert rolled_up(_Fixed(said), [RED, YELLOW], TRAFFIC_LIGHT) == kept


@pytest.mark.parametrize(
    ("policy", "en"),
    [
        (Worst(), "the worst part decides"),
        (Majority(), "the most common status decides"),
        (MeanOfRanks(), "mean of ranks"),
    ],
)
def test_the_shipped_policies_name_themselves_and_are_written_by_key(policy, en):
    assert policy.render(locale="en") == en
    assert policy_document(policy) == policy.key
    assert policy_from_document(policy.key) == policy
    assert parse_policy(f" {policy.key} ") == policy
