"""The target-text parser's bounds: a maximum length, linear work, no deep recursion.

Speed itself is measured in benchmarks; here the parser's own step count shows that its work
grows linearly with the text, whatever the text repeats.
"""

import contextlib

import pytest

from malstyrning.errors import UnreadableTarget
from malstyrning.target_text import MAX_TARGET_LENGTH, TargetContext, _Fail, _Parser, parse_target

REPEATED = ["ska minska ", "minska ", "fler ", "öka med ", "a ", "(", "kvinnor: ", "minst 5, "]


def steps_used(text):
    parser = _Parser(text, "sv", TargetContext())
    budget = parser.steps
    with contextlib.suppress(_Fail):
        parser.parse()
    return budget - parser.steps


@pytest.mark.parametrize("unit", REPEATED)
def test_a_text_longer_than_the_limit_is_refused_at_once(unit):
    text = unit * (100_000 // len(unit))
    with pytest.raises(UnreadableTarget) as caught:
        parse_target(text)
    assert f"at most {MAX_TARGET_LENGTH} characters" in caught.value.expected
    assert caught.value.offset == MAX_TARGET_LENGTH
    # The message shows a window of the text, not all of it.
    assert len(str(caught.value)) < 1_000


def test_the_limit_can_be_raised():
    text = "minst 5 %" + " " * 3_000
    with pytest.raises(UnreadableTarget):
        parse_target(text)
    assert parse_target(text, max_length=4_000) == parse_target("minst 5 %")


@pytest.mark.parametrize("unit", REPEATED)
def test_the_parser_works_linearly_in_the_length_of_repetitive_text(unit):
    small, large = steps_used(unit * 100), steps_used(unit * 1_000)
    assert large <= 12 * max(small, 1)


@pytest.mark.parametrize(
    "text",
    [
        "(" * 5_000,
        "kvinnor: " * 1_000,
        "samtliga av: (" * 500,
        "minst 5 (" * 1_000,
        "minst ett av: kvinnor: " * 400,
        "0:an och 3:an " * 1_000,
    ],
)
def test_deeply_nested_text_is_an_error_not_a_recursion_error(text):
    with pytest.raises(UnreadableTarget):
        parse_target(text, max_length=len(text))


def test_a_long_unreadable_text_is_shown_around_the_place_it_stops():
    text = "minst 5 % " + "a " * 1_000 + "5"
    with pytest.raises(UnreadableTarget) as caught:
        parse_target(text, max_length=len(text))
    message = str(caught.value)
    assert f"of {len(text)} characters" in message
    assert len(message) < 1_000
    assert caught.value.unread == "5"


def test_a_text_of_exactly_the_limit_is_read() -> None:
    text = "minst 5 %".ljust(MAX_TARGET_LENGTH)
    assert MAX_TARGET_LENGTH == 2_000
    assert parse_target(text) == parse_target("minst 5 %")
    with pytest.raises(UnreadableTarget) as caught:
        parse_target(text + " ")
    assert caught.value.expected == "a target of at most 2000 characters (got 2001)"
    assert (caught.value.offset, caught.value.length) == (2_000, 1)


@pytest.mark.parametrize(
    ("template", "nested"),
    [
        ("kvinnor: " * 12 + "minst 5", False),
        ("kvinnor: " * 13 + "minst 5", True),
        ("(samtliga av: " * 12 + "minst 1" + ")" * 12, False),
        ("(samtliga av: " * 13 + "minst 1" + ")" * 13, True),
    ],
    ids=["12 series", "13 series", "12 groups", "13 groups"],
)
def test_nesting_stops_after_twelve_levels(template: str, nested: bool) -> None:
    if not nested:
        assert parse_target(template) is not None
        return
    with pytest.raises(UnreadableTarget) as caught:
        parse_target(template)
    assert caught.value.expected == "less nesting"


def test_the_step_budget_is_four_hundred_forms_per_token_and_at_least_twenty_thousand() -> None:
    assert _Parser("minst 5", "sv", TargetContext()).steps == 20_000
    assert _Parser("a " * 50, "sv", TargetContext()).steps == 20_000
    assert _Parser("a " * 100, "sv", TargetContext()).steps == 40_000
    assert _Parser("a " * 101, "sv", TargetContext()).steps == 40_400


def test_a_reading_past_its_step_budget_is_refused_as_too_ambiguous() -> None:
    parser = _Parser("minst 5", "sv", TargetContext())
    parser.steps = 0
    with pytest.raises(_Fail):
        parser.parse()
    assert (parser.furthest, parser.expected) == (
        0,
        "a simpler target (the text reads too many ways to try them all)",
    )


SIBLINGS = "samtliga av: " + "; ".join(["(samtliga av: minst 1)"] * 13)
DEEP = "(samtliga av: " * 12 + "minst 1" + ")" * 12
DEEPER = "(samtliga av: " * 13 + "minst 1" + ")" * 13
SERIES = TargetContext(series={f"s{i}": f"s{i}" for i in range(14)})


def test_nesting_is_counted_per_branch_not_per_text() -> None:
    # Thirteen groups side by side are no nesting; a group closed gives its level back.
    assert len(parse_target(SIBLINGS).rules) == 13  # type: ignore[attr-defined]
    first = "(samtliga av: minst 1) (s1), "
    assert parse_target(f"{first}{DEEP} (s2)", context=SERIES) is not None
    with pytest.raises(UnreadableTarget) as caught:
        parse_target(f"{first}{DEEPER} (s2)", context=SERIES)
    assert caught.value.expected == "less nesting"


def test_series_prefixes_are_counted_per_branch_not_per_text() -> None:
    siblings = "; ".join(f"s{i}: minst 1" for i in range(13))
    assert len(parse_target(f"samtliga av: {siblings}", context=SERIES).rules) == 13  # type: ignore[attr-defined]
    deep = "s0: " * 12 + "minst 1"
    assert parse_target(f"s1: minst 1, {deep}", context=SERIES) is not None
    with pytest.raises(UnreadableTarget) as caught:
        parse_target(f"s1: minst 1, s0: {deep}", context=SERIES)
    assert caught.value.expected == "less nesting"
