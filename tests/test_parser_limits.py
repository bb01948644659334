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
