"""Messages for values of the wrong shape in documents: what was expected, where, what came."""

import pytest

import malstyrning
from malstyrning import DocumentError

BASE = (
    '{"format_version": 1, "id": "p", "title": "t", "organisation": "o", "validity": "2020", '
    '"levels": %s, "goals": %s%s}'
)
LEVELS = '[{"key": "a", "label": "A"}]'


def problems(text):
    with pytest.raises(DocumentError) as raised:
        malstyrning.loads(text, format="json")
    return [(p.path, p.message) for p in raised.value.problems]


def indicator_with_value(value):
    measurement = '{"period": "2020", "value": ' + value + "}"
    series = '{"key": "total", "measurements": [' + measurement + "]}"
    return '[{"title": "g", "children": [{"kind": "indicator", "title": "i", "series": [' + (
        series + "]}]}]"
    )


VALUE_PATH = "$.goals[0].children[0].series[0].measurements[0].value"


@pytest.mark.parametrize(
    ("levels", "shown"),
    [("[1]", "a number"), ('["a"]', "a text"), ("[null]", "null"), ("[[1]]", "a list")],
)
def test_a_level_that_is_no_object_says_so(levels, shown):
    assert problems(BASE % (levels, "[]", "")) == [
        ("$.levels[0]", f"expected an object (PlanLevel) (got {shown})")
    ]


@pytest.mark.parametrize(
    ("scale", "shown"), [("null", "null"), ("3", "a number"), ("[]", "a list")]
)
def test_a_scale_that_is_neither_key_nor_object_says_what_a_scale_is(scale, shown):
    assert problems(BASE % (LEVELS, "[]", f', "scale": {scale}')) == [
        (
            "$.scale",
            (
                "expected a scale: the key of a built-in scale such as 'traffic_light', or an "
                f"object with key and levels (got {shown})"
            ),
        )
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"1_000"', "expected a number without '_' between digits, such as '1000' (got '1_000')"),
        ('"\\uff15"', None),
        ('"\\u0665"', None),
        ('"5,7"', 'expected a number (got "5,7")'),
    ],
)
def test_numbers_given_as_text_are_read_as_constructors_read_them(text, message):
    [(path, said)] = problems(BASE % (LEVELS, indicator_with_value(text), ""))
    assert path == VALUE_PATH
    if message is not None:
        assert said == message
    else:
        assert said.startswith("expected a number")


def test_plain_number_text_still_reads():
    plan = malstyrning.loads(BASE % (LEVELS, indicator_with_value('"5.70"'), ""), format="json")
    [indicator] = plan.goals[0].children
    assert str(indicator.series[0].measurements[0].value) == "5.70"


def test_a_yaml_date_that_cannot_be_is_a_yaml_error_with_its_line():
    with pytest.raises(DocumentError) as raised:
        malstyrning.loads("format_version: 1\nid: 2001-13-14\n", format="yaml")
    [problem] = raised.value.problems
    assert problem.message == (
        "not a date or time: '2001-13-14' (month must be in 1..12) (line 2, column 5)"
    )
