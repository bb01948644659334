"""Document text formats (JSON, YAML, TOML): parsing with exact numbers and bounded work.

Pins the exact message (what, where: line and column or path, and what to do) for every kind
of text refused: bad bytes, syntax, duplicate keys, YAML tags and YAML 1.1 numbers, aliases
past the limit, nesting past the limit; the checked values (keys, surrogates, bounds, values
under ``extensions`` no format carries); the written text of every value type in every
format, and that the LibYAML and pure-Python paths read and write the same.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import malstyrning._formats as formats
from malstyrning import DocumentError
from malstyrning._formats import (
    DocumentLimits,
    Format,
    NonFinite,
    as_format,
    check_aliases,
    check_values,
    emit,
    format_of,
    parse,
    shorten,
)
from malstyrning.errors import Problem


def refused(text: str | bytes, fmt: str, **limits: int) -> str:
    with pytest.raises(DocumentError) as raised:
        parse(text, Format(fmt), "plan", DocumentLimits(**limits))
    return str(raised.value)


def invalid(fmt: str, message: str) -> str:
    return f"plan is not a valid {fmt.upper()} document: 1 problem\n  - {message} @ $"


def nesting(limit: int, where: str) -> str:
    return (
        f"lists and objects nest deeper than {limit} levels ({where}); the limit is "
        "DocumentLimits.max_nesting"
    )


# -- formats by name and extension -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.json", Format.JSON),
        ("a.yaml", Format.YAML),
        ("a.yml", Format.YAML),
        ("A.YML", Format.YAML),
        ("a.toml", Format.TOML),
        ("x/a.b.Toml", Format.TOML),
    ],
)
def test_the_extension_names_the_format(name: str, fmt: Format) -> None:
    assert format_of(Path(name)) == fmt


def test_an_unknown_extension_names_the_known_ones() -> None:
    with pytest.raises(DocumentError) as raised:
        format_of(Path("a.xml"))
    assert str(raised.value) == (
        "a.xml: unknown document format: 1 problem\n"
        "  - use a file ending in .json, .yaml, .yml, .toml (got '.xml')"
    )
    assert raised.value.problems == (
        Problem("", "use a file ending in .json, .yaml, .yml, .toml (got '.xml')"),
    )


def test_a_format_is_named_in_any_case_and_an_unknown_name_lists_the_known() -> None:
    assert [as_format(name) for name in ("json", "YAML", "Toml")] == list(Format)
    assert as_format(Format.TOML) is Format.TOML
    with pytest.raises(DocumentError) as raised:
        as_format("yml")
    assert str(raised.value) == "unknown document format 'yml'; use one of json, yaml, toml"


# -- limits ------------------------------------------------------------------------------------


def test_the_default_limits() -> None:
    assert DocumentLimits() == DocumentLimits(max_depth=48, max_nesting=128, max_alias_nodes=10_000)


@pytest.mark.parametrize(
    ("name", "ceiling"), [("max_depth", 60), ("max_nesting", 160), ("max_alias_nodes", 1_000_000)]
)
def test_each_limit_is_a_whole_number_from_1_to_its_ceiling(name: str, ceiling: int) -> None:
    assert getattr(DocumentLimits(**{name: 1}), name) == 1
    assert getattr(DocumentLimits(**{name: ceiling}), name) == ceiling
    for bad in (0, ceiling + 1, True, 2.0):
        with pytest.raises(ValueError, match=f"^{name} must be") as raised:
            DocumentLimits(**{name: bad})
        assert str(raised.value) == (
            f"{name} must be a whole number from 1 to {ceiling} (got {bad!r})"
        )


def test_a_limit_check_takes_whole_numbers_from_1_to_its_ceiling_only() -> None:
    # The checks of DocumentLimits are made when the class is defined: one made here.
    check = formats._positive_up_to(3)
    attribute = attrs.fields(DocumentLimits).max_nesting
    assert [check(None, attribute, good) for good in (1, 2, 3)] == [None, None, None]
    for bad in (0, 4, -1, True, 2.0, "2", None):
        with pytest.raises(ValueError, match=r"^max_nesting must be") as raised:
            check(None, attribute, bad)
        assert str(raised.value) == f"max_nesting must be a whole number from 1 to 3 (got {bad!r})"


# -- refused text ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "yaml", "toml"])
def test_bytes_that_are_no_utf8_are_named_by_offset(fmt: str) -> None:
    assert refused(b'{"a": "\xc3\x28"}', fmt) == (
        f"plan is not a {fmt.upper()} document: 1 problem\n"
        "  - not UTF-8 text (byte 7: invalid continuation byte) @ $"
    )


def test_utf8_bytes_are_read_as_text() -> None:
    assert parse('{"å": "ä"}'.encode(), Format.JSON, "s") == {"å": "ä"}


@pytest.mark.parametrize(
    ("fmt", "text", "message"),
    [
        ("json", '{"a": 1, "a": 2}', "duplicate key 'a' in one object"),
        ("json", '{"a": {"b": 1, "c": 2, "b": 3}}', "duplicate key 'b' in one object"),
        ("yaml", "a: 1\nb: 2\na: 2\n", "duplicate key 'a' in one mapping (line 3, column 1)"),
        ("yaml", "x:\n  - {b: 1, b: 2}\n", "duplicate key 'b' in one mapping (line 2, column 12)"),
        ("toml", "a = 1\na = 2\n", "Cannot overwrite a value (at line 2, column 6)"),
    ],
)
def test_a_duplicate_key_is_refused_with_its_place(fmt: str, text: str, message: str) -> None:
    assert refused(text, fmt) == invalid(fmt, message)


@pytest.mark.parametrize(
    ("fmt", "text", "message"),
    [
        ("json", '{"a": 1', "Expecting ',' delimiter (line 1, column 8)"),
        ("json", '{\n  "a": tru}', "Expecting value (line 2, column 8)"),
        ("yaml", "a: [1\n", "expected ',' or ']', but got '<stream end>' (line 2, column 1)"),
        ("yaml", "a: - 1\n", "sequence entries are not allowed here (line 1, column 4)"),
        ("toml", "a = \n", "Invalid value (at line 1, column 5)"),
    ],
)
def test_syntax_errors_give_the_parsers_words_and_the_place(
    fmt: str, text: str, message: str
) -> None:
    assert refused(text, fmt) == invalid(fmt, message)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "a: !!python/object:os.system 1\n",
            (
                "could not determine a constructor for the tag "
                "'tag:yaml.org,2002:python/object:os.system' (line 1, column 4)"
            ),
        ),
        ("a: !foo 1\n", "could not determine a constructor for the tag '!foo' (line 1, column 4)"),
        (
            "a: !!timestamp abc\n",
            (
                "not a date or time: 'abc' ('NoneType' object has no attribute 'groupdict') "
                "(line 1, column 4)"
            ),
        ),
        (
            "b: 1\na: !!timestamp 2001-13-14\n",
            "not a date or time: '2001-13-14' (month must be in 1..12) (line 2, column 4)",
        ),
        ("? [1]\n: 2\n", "a key must be a text (got a list or an object) (line 1, column 3)"),
    ],
)
def test_yaml_tags_and_keys_no_document_uses_are_refused_with_their_place(
    text: str, message: str
) -> None:
    assert refused(text, "yaml") == invalid("yaml", message)


def test_a_character_yaml_does_not_allow_is_named_by_its_position() -> None:
    assert refused("a: \x07b\n", "yaml") == invalid(
        "yaml",
        "unacceptable character #x0007: special characters are not allowed\n"
        '  in "<unicode string>", position 3',
    )


@pytest.mark.parametrize("value", ["1:20", "1:20.5", "010", "0x1F", "0b11", "1_000", "1_0.5"])
def test_yaml_1_1_numbers_are_refused_with_what_to_do(value: str) -> None:
    message = refused(f"a: 1\nb: {value}\n", "yaml")
    assert message == invalid(
        "yaml",
        f"{value!r} is a number only in YAML 1.1's reading (base 60, octal, hexadecimal or "
        "with '_'); write plain decimal digits, or quote it to keep it as text "
        "(line 2, column 4)",
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0", 0),
        ("-0", 0),
        ("+5", 5),
        ("12", 12),
        ("1.50", Decimal("1.50")),
        ("1.5e+3", Decimal("1.5E+3")),
        ("+1.", Decimal("1")),
        ("0o7", "0o7"),
        ("1e3", "1e3"),
        ("'010'", "010"),
        ("true", True),
        ("2020-01-02", date(2020, 1, 2)),
    ],
)
def test_plain_yaml_scalars_read_exactly(text: str, value: object) -> None:
    [read] = parse(f"- {text}\n", Format.YAML, "s")
    assert read == value
    assert type(read) is type(value)
    assert str(read) == str(value)


def test_an_empty_yaml_document_is_nothing() -> None:
    assert parse("", Format.YAML, "s") is None
    assert parse("# only a comment\n", Format.YAML, "s") is None


@pytest.mark.parametrize(
    ("fmt", "text", "shown"),
    [
        ("json", '{"a": NaN, "b": [-Infinity, Infinity]}', ["NaN", "-Infinity", "Infinity"]),
        ("yaml", "a: .nan\nb: [-.Inf, +.inf]\n", [".nan", "-.Inf", "+.inf"]),
        ("toml", "a = nan\nb = [-inf, +inf]\n", ["NaN", "-Infinity", "Infinity"]),
    ],
)
def test_nan_and_infinity_are_named_with_their_path(fmt: str, text: str, shown: list[str]) -> None:
    with pytest.raises(DocumentError) as raised:
        parse(text, Format(fmt), "plan")
    assert (
        str(raised.value).splitlines()[0]
        == "plan holds values malstyrning cannot carry: 3 problems"
    )
    reason = "NaN and infinity are numbers no document format carries; leave the value out"
    assert sorted((p.path, p.message) for p in raised.value.problems) == [
        ("$.a", f'expected a number (got "{shown[0]}"): {reason}'),
        ("$.b[0]", f'expected a number (got "{shown[1]}"): {reason}'),
        ("$.b[1]", f'expected a number (got "{shown[2]}"): {reason}'),
    ]


def test_a_non_finite_marker_is_text_only_to_the_check() -> None:
    assert isinstance(NonFinite("NaN"), str)
    assert check_values({"a": NonFinite("NaN")})[0].path == "$.a"


# -- nesting -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "text", "where"),
    [
        ("json", "[[[1]]]", "line 1, column 3"),
        ("json", "\n[[[1]]]", "line 2, column 3"),
        ("json", "[[[1]]]\n", "line 1, column 3"),
        ("json", '{"a":\n  [{"b": [1]}]}', "line 2, column 4"),
        ("toml", "a = [[[1]]]", "line 1, column 7"),
        ("toml", "a = 1\nb = [\n  [[1]]]", "line 3, column 4"),
        ("yaml", "a: [[[1]]]", "line 1, column 6"),
        ("yaml", "a:\n  b: {c: [[1]]}", "line 2, column 11"),
    ],
)
def test_nesting_past_the_limit_is_refused_before_parsing_with_the_place(
    fmt: str, text: str, where: str
) -> None:
    assert refused(text, fmt, max_nesting=2) == invalid(fmt, nesting(2, where))


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("json", '{"a": "[[[[", "b": "\\"[[["}'),
        ("toml", "a = \"[[[[\"\nb = '{{{'\n# [[[[\nc = \"\"\"\n[[[[\"\"\"\nd = '''{{{'''"),
        ("yaml", "a: \"[[[[\"\nb: '{{{{'\n# [[[[\nc: [1] # {{{{\n"),
    ],
)
def test_brackets_in_texts_and_comments_do_not_count_as_nesting(fmt: str, text: str) -> None:
    assert parse(text, Format(fmt), "s", DocumentLimits(max_nesting=2))


def test_yaml_nesting_counts_block_mappings_and_lists_too() -> None:
    text = "a:\n  b:\n    - c: 1\n"
    assert parse(text, Format.YAML, "s", DocumentLimits(max_nesting=4))
    assert refused(text, "yaml", max_nesting=3) == invalid(
        "yaml",
        "lists and objects nest deeper than 3 levels (the limit is DocumentLimits.max_nesting) "
        "(line 3, column 7)",
    )


@pytest.mark.parametrize("fmt", ["json", "yaml", "toml"])
def test_nesting_at_the_limit_is_read(fmt: str) -> None:
    text = {"json": '{"a": [[1]]}', "yaml": "a: [[1]]\n", "toml": "a = [[1]]\n"}[fmt]
    assert parse(text, Format(fmt), "s", DocumentLimits(max_nesting=3)) == {"a": [[1]]}


def test_values_nested_past_the_limit_are_named_by_the_check() -> None:
    message = "lists and objects nest deeper than 2 levels; the limit is DocumentLimits.max_nesting"
    problems = check_values(
        {"a": {"b": {"c": 1}}, "d": [[[1]]], "e": [1]}, DocumentLimits(max_nesting=2)
    )
    assert sorted((p.path, p.message) for p in problems) == [
        ("$.a.b", message),
        ("$.d[0]", message),
    ]


# -- YAML aliases ------------------------------------------------------------------------------


def alias_message(limit: int, where: str) -> str:
    return invalid(
        "yaml",
        f"aliases stand for more than {limit} values (an alias bomb?); the limit is "
        f"DocumentLimits.max_alias_nodes ({where})",
    )


def test_aliases_are_counted_by_the_values_they_stand_for() -> None:
    text = "x: &a [1, 2]\ny: *a\nz: *a\n"
    assert parse(text, Format.YAML, "s", DocumentLimits(max_alias_nodes=6)) == {
        "x": [1, 2],
        "y": [1, 2],
        "z": [1, 2],
    }
    assert refused(text, "yaml", max_alias_nodes=5) == alias_message(5, "line 1, column 4")
    assert refused("x: &a [1, 2]\ny: *a\n", "yaml", max_alias_nodes=2) == alias_message(
        2, "line 1, column 4"
    )


def test_an_alias_of_a_scalar_counts_one() -> None:
    text = "x: &a 1\ny: *a\nz: *a\n"
    assert parse(text, Format.YAML, "s", DocumentLimits(max_alias_nodes=2)) == {
        "x": 1,
        "y": 1,
        "z": 1,
    }
    assert refused(text, "yaml", max_alias_nodes=1) == alias_message(1, "line 1, column 4")


def test_an_alias_inside_what_it_names_is_refused() -> None:
    assert refused("x: &a [1, *a]\n", "yaml") == invalid(
        "yaml", "an alias refers to the list or object it is in (line 1, column 4)"
    )


# -- the values a document may hold --------------------------------------------------------------


def test_keys_and_texts_that_no_format_carries_are_named_with_their_path() -> None:
    problems = check_values({3: 1, "k\ud800": 1, "é": "\ud800", "ok": ["ä", "\udfff"]})
    assert sorted((p.path, p.message) for p in problems) == [
        ("$.ok[1]", "the text holds a lone surrogate (not Unicode text); fix it"),
        ("$.é", "the text holds a lone surrogate (not Unicode text); fix it"),
        ("$['k\\ud800']", "the key holds a lone surrogate; fix it"),
        ("$[3]", "a key must be a text (got 3)"),
    ]


def test_numbers_past_the_bounds_are_named_with_their_path() -> None:
    [problem] = check_values({"a": [1, Decimal("0.0000000000001"), True]})
    assert problem.path == "$.a[1]"
    assert problem.message.startswith("the number '1E-13' is out of bounds")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "null cannot be carried in every format (TOML has no null); leave the key out"),
        (
            date(2020, 1, 2),
            (
                "a date ('2020-01-02') cannot be carried in every format (JSON has none); "
                "write it as text, in quotes"
            ),
        ),
        (
            datetime(2020, 1, 2, 3, 4, tzinfo=UTC),
            (
                "a datetime ('2020-01-02T03:04:00+00:00') cannot be carried in every format "
                "(JSON has none); write it as text, in quotes"
            ),
        ),
        (
            time(3, 4),
            (
                "a time ('03:04:00') cannot be carried in every format (JSON has none); write it "
                "as text, in quotes"
            ),
        ),
        (b"x", "binary data cannot be carried in every format; write it as text (base64)"),
        (
            bytearray(b"x"),
            "binary data cannot be carried in every format; write it as text (base64)",
        ),
        ({1}, "a set cannot be carried in every format; write it as a list"),
        (frozenset({1}), "a set cannot be carried in every format; write it as a list"),
        (1.5, "a float cannot be carried in every format"),
    ],
)
def test_extension_values_that_would_change_type_are_named(value: object, message: str) -> None:
    document = {"extensions": {"tool": {"list": [value]}}, "when": value}
    problems = check_values(document)
    assert [(p.path, p.message) for p in problems] == [("$.extensions.tool.list[0]", message)]


def test_values_outside_extensions_are_left_to_the_converter() -> None:
    assert check_values({"a": None, "b": date(2020, 1, 1), "c": [None], "d": True}) == []


# -- shortened values ----------------------------------------------------------------------------


def test_a_value_longer_than_the_width_is_cut_in_the_middle() -> None:
    assert shorten("x" * 58) == repr("x" * 58)
    assert shorten("x" * 59) == f"'{'x' * 27}…{'x' * 27}' (61 characters)"
    assert shorten("abcdefghij", width=12) == "'abcdefghij'"
    assert shorten("abcdefghijk", width=12) == "'abc…ijk' (13 characters)"


# -- writing -------------------------------------------------------------------------------------

VALUES: dict[str, Any] = {
    "b": True,
    "c": False,
    "e": Decimal("1.50"),
    "f": Decimal("2"),
    "g": "x\u2028y",
    "h": [1, Decimal("-0.5")],
    "i": {},
    "j": [],
    "k": "ja",
    "l": "2020",
    "m": "1.5",
    "n": (1, 2),
    "o": {"p": "null", "q": "true"},
}


def test_json_is_written_indented_with_decimals_as_written() -> None:
    assert emit({**VALUES, "a": None, "big": Decimal("1E+3")}, Format.JSON) == (
        '{\n  "b": true,\n  "c": false,\n  "e": 1.50,\n  "f": 2,\n  "g": "x\u2028y",\n'
        '  "h": [\n    1,\n    -0.5\n  ],\n  "i": {},\n  "j": [],\n  "k": "ja",\n'
        '  "l": "2020",\n  "m": "1.5",\n  "n": [\n    1,\n    2\n  ],\n'
        '  "o": {\n    "p": "null",\n    "q": "true"\n  },\n  "a": null,\n  "big": 1E+3\n}\n'
    )


YAML_TEXT = (
    'b: true\nc: false\ne: 1.50\nf: 2\ng: "x\\Ly"\nh:\n- 1\n- -0.5\ni: {}\nj: []\nk: ja\n'
    "l: '2020'\nm: '1.5'\nn:\n- 1\n- 2\no:\n  p: 'null'\n  q: 'true'\n"
)


def test_yaml_is_written_in_blocks_with_decimals_as_written() -> None:
    assert emit(VALUES, Format.YAML) == YAML_TEXT
    assert emit({"a": None, "d": date(2020, 1, 2), "big": Decimal("1E+3")}, Format.YAML) == (
        "a: null\nd: 2020-01-02\nbig: !!float 1E+3\n"
    )


def test_yaml_is_written_the_same_without_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    read, fast = formats._load_yaml_c(YAML_TEXT, DocumentLimits())
    assert read
    monkeypatch.setattr(formats, "_C_YAML", False)
    assert emit(VALUES, Format.YAML) == YAML_TEXT
    assert parse(YAML_TEXT, Format.YAML, "s") == fast


def test_toml_is_written_with_decimals_as_written_and_refuses_null() -> None:
    assert emit({**VALUES, "big": Decimal("1E+3")}, Format.TOML) == (
        'b = true\nc = false\ne = 1.50\nf = 2\ng = "x\u2028y"\nh = [\n    1,\n    -0.5,\n]\n'
        'j = []\nk = "ja"\nl = "2020"\nm = "1.5"\nn = [\n    1,\n    2,\n]\nbig = 1e+3\n\n'
        '[i]\n\n[o]\np = "null"\nq = "true"\n'
    )
    with pytest.raises(DocumentError) as raised:
        emit({"x": {"y": [1, None]}}, Format.TOML)
    assert str(raised.value) == (
        "TOML cannot hold this plan: 1 problem\n  - TOML has no null; use JSON or YAML @ $.x.y[1]"
    )


@pytest.mark.parametrize("fmt", list(Format))
def test_written_values_read_back_the_same(fmt: Format) -> None:
    read = parse(emit(VALUES, fmt), fmt, "s")
    assert read == {**VALUES, "n": [1, 2]}
    assert str(read["e"]) == "1.50"
    assert type(read["f"]) is int


texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
plain = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**14), 10**14)
    | st.decimals(places=3, min_value=-(10**9), max_value=10**9, allow_nan=False)
    | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8,
)


@given(st.dictionaries(texts, plain, max_size=4))
def test_any_plain_document_is_written_and_read_back_the_same_in_json_and_yaml(
    document: dict[str, Any],
) -> None:
    for fmt in (Format.JSON, Format.YAML):
        text = emit(document, fmt)
        assert parse(text, fmt, "s") == document
        assert emit(parse(text, fmt, "s"), fmt) == text


# -- LibYAML and PyYAML read alike ---------------------------------------------------------------

# A character LibYAML might read otherwise sends the text to PyYAML's own reader.
PYTHON_ONLY = "\ufeff"


@pytest.mark.parametrize(
    "text",
    [
        "a: [1, 2.50]\nb: {c: x}\n",
        "x: &a [1, 2]\ny: *a\n",
        "- 2020-01-02\n- '.nan'\n- 1.5e+3\n",
    ],
)
def test_both_yaml_readers_read_the_same_values(text: str) -> None:
    fast = parse(text, Format.YAML, "s")
    slow = parse(f"{text}# {PYTHON_ONLY}\n", Format.YAML, "s")
    assert fast == slow
    assert str(fast) == str(slow)


def test_both_yaml_readers_refuse_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    cases = [
        ("x: &a [1, 2]\ny: *a\nz: *a\n", {"max_alias_nodes": 5}),
        ("a:\n  b:\n    - c: 1\n", {"max_nesting": 3}),
        ("a: 1\na: 2\n", {}),
        ("a: 010\n", {}),
        ("x: &a [1, *a]\n", {}),
    ]
    fast = [refused(text, "yaml", **limits) for text, limits in cases]
    monkeypatch.setattr(formats, "_C_YAML", False)
    assert [refused(text, "yaml", **limits) for text, limits in cases] == fast
    assert parse("x: &a [1, 2]\ny: *a\n", Format.YAML, "s") == {"x": [1, 2], "y": [1, 2]}
    assert parse("", Format.YAML, "s") is None


def test_libyaml_leaves_what_it_cannot_read_to_pyyaml() -> None:
    assert formats._load_yaml_c(f"a: 1\n# {PYTHON_ONLY}\n", DocumentLimits()) == (False, None)
    assert formats._load_yaml_c("a: [1\n", DocumentLimits()) == (False, None)
    assert formats._load_yaml_c("a: [[1]]\n", DocumentLimits(max_nesting=2)) == (False, None)
    assert formats._load_yaml_c("a: [[1]]\n", DocumentLimits(max_nesting=3)) == (
        True,
        {"a": [[1]]},
    )
    assert formats._load_yaml_c("", DocumentLimits()) == (True, None)


# -- the place and the words of each refusal, to the letter ----------------------------------------


def test_nesting_is_measured_from_where_each_list_closes() -> None:
    # Three levels, closed, then four: the fourth "[" (column 7) passes the limit of 3.
    assert refused("[[[],[[]]]]", "json", max_nesting=3) == invalid(
        "json", nesting(3, "line 1, column 7")
    )


def test_nesting_after_closed_siblings_is_counted_by_the_yaml_reader() -> None:
    # A list and a mapping open and close before the list that passes the limit.
    text = "a:\n  b: [1]\n  c: {x: 1}\n  d: [[1]]\n"
    message = (
        "lists and objects nest deeper than 3 levels (the limit is DocumentLimits.max_nesting) "
        "(line 4, column 7)"
    )
    assert refused(text, "yaml", max_nesting=3) == invalid("yaml", message)
    assert parse(text, Format.YAML, "s", DocumentLimits(max_nesting=4))["a"]["d"] == [[1]]


def test_nesting_that_aliases_make_is_refused_with_the_limit_given() -> None:
    # Composed, nothing nests past 3; read, b holds x's lists one level deeper.
    text = "a: &x [[1]]\nb: [*x]\n"
    for suffix in ("", f"# {PYTHON_ONLY}\n"):
        with pytest.raises(DocumentError) as raised:
            parse(text + suffix, Format.YAML, "plan", DocumentLimits(max_nesting=3))
        assert [(p.path, p.message) for p in raised.value.problems] == [
            (
                "$.b[0][0]",
                (
                    "lists and objects nest deeper than 3 levels; the limit is "
                    "DocumentLimits.max_nesting"
                ),
            )
        ]
    assert parse(text, Format.YAML, "s", DocumentLimits(max_nesting=4))["b"] == [[[1]]]


def test_an_anchor_deeper_than_its_first_alias_is_refused_alike_by_both_yaml_readers() -> None:
    # The alias (b) is met first, shallow; the anchor's own place (a) nests past the limit.
    message = (
        "lists and objects nest deeper than 3 levels (the limit is DocumentLimits.max_nesting) "
        "(line 1, column 6)"
    )
    for text in ("a: [[&x [1]]]\nb: *x\n", "a: [[&x [1]]]\nb: *x\nc: [*x, [1]]\n"):
        assert refused(text, "yaml", max_nesting=3) == invalid("yaml", message)
        assert refused(f"{text}# {PYTHON_ONLY}\n", "yaml", max_nesting=3) == invalid(
            "yaml", message
        )
    assert formats._nests_deeper(yaml.compose("a: [[&x [1]]]\nb: *x\n"), 3)
    assert not formats._nests_deeper(yaml.compose("a: [[&x [1]]]\nb: *x\n"), 4)


def test_the_value_check_goes_on_past_an_object_nested_too_deep() -> None:
    message = "lists and objects nest deeper than 2 levels; the limit is DocumentLimits.max_nesting"
    problems = check_values({"d": [[[1]]], "a": {"b": {"c": 1}}}, DocumentLimits(max_nesting=2))
    assert sorted((p.path, p.message) for p in problems) == [
        ("$.a.b", message),
        ("$.d[0]", message),
    ]


def test_an_alias_of_a_mapping_is_read_by_the_python_reader(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(formats, "_C_YAML", False)
    assert parse("x: &a {b: 1}\ny: *a\n", Format.YAML, "s") == {"x": {"b": 1}, "y": {"b": 1}}


def test_an_alias_past_the_limit_raises_a_yaml_error_with_its_words_and_mark() -> None:
    root = yaml.compose("x: &a [1, 2]\ny: *a\nz: *a\n")
    with pytest.raises(yaml.YAMLError) as raised:
        check_aliases(root, 5)
    words = (
        "aliases stand for more than 5 values (an alias bomb?); the limit is "
        "DocumentLimits.max_alias_nodes"
    )
    error: Any = raised.value
    assert str(error) == words
    assert error.problem == words
    assert (error.problem_mark.line, error.problem_mark.column) == (0, 3)
    check_aliases(root, 6)


@pytest.mark.parametrize(
    ("error", "message"),
    [
        pytest.param(ValueError(), "ValueError", id="value-error"),
        pytest.param(ArithmeticError(), "ArithmeticError", id="arithmetic-error"),
        pytest.param(
            RecursionError(), "lists and objects nest deeper than 7 levels", id="recursion"
        ),
    ],
)
def test_a_parser_error_without_words_is_named_by_its_kind(
    monkeypatch: pytest.MonkeyPatch, error: Exception, message: str
) -> None:
    def fail(text: str, **_: object) -> object:
        raise error

    monkeypatch.setattr(
        formats, "_toml", SimpleNamespace(loads=fail, TOMLDecodeError=formats._toml.TOMLDecodeError)
    )
    assert refused("a = 1\n", "toml", max_nesting=7) == invalid("toml", message)


# -- writing: the options every YAML writer uses, and values JSON cannot hold -----------------

UNUSUAL: dict[Any, Any] = {
    "ö": "å",
    "a": " ".join(["ord"] * 22),
    "b": [date(2020, 1, 2), {"c": 1}],
    date(2021, 3, 4): "x",
}
UNUSUAL_YAML = f"ö: å\na: {' '.join(['ord'] * 22)}\nb:\n- 2020-01-02\n- c: 1\n2021-03-04: x\n"


@pytest.mark.parametrize("libyaml", [True, False], ids=["libyaml", "pyyaml"])
def test_yaml_keeps_key_order_and_letters_and_lines_up_to_100_characters(
    monkeypatch: pytest.MonkeyPatch, libyaml: bool
) -> None:
    # Unsorted keys, letters outside ASCII, a line of 90 characters, and values (dates, a
    # date as a key) that only the representers write.
    monkeypatch.setattr(formats, "_C_YAML", libyaml and formats._C_YAML)
    assert emit(UNUSUAL, Format.YAML) == UNUSUAL_YAML


def test_a_value_json_cannot_hold_is_named_by_its_type() -> None:
    with pytest.raises(TypeError) as raised:
        emit({"a": [{1}]}, Format.JSON)
    assert str(raised.value.__cause__) == "cannot write set as JSON"


# -- the resolver cache of the LibYAML reader and writer ---------------------------------------


def test_a_cached_resolver_resolves_each_plain_scalar_once_and_collections_every_time() -> None:
    calls: list[tuple[Any, ...]] = []

    def resolve(owner: object, kind: Any, value: Any, implicit: Any) -> str:
        calls.append((owner, kind, value, implicit))
        return f"{kind.__name__} {value} {implicit}"

    owner = SimpleNamespace(_tags={})
    cached = formats._cached_resolve(resolve)
    plain, quoted = (True, False), (False, True)
    scalar, sequence = yaml.ScalarNode, yaml.SequenceNode
    assert [
        cached(owner, scalar, "a", plain),
        cached(owner, scalar, "a", plain),
        cached(owner, scalar, "b", plain),
        cached(owner, scalar, "a", quoted),
        cached(owner, sequence, "[]", plain),
        cached(owner, sequence, "[]", plain),
    ] == [
        "ScalarNode a (True, False)",
        "ScalarNode a (True, False)",
        "ScalarNode b (True, False)",
        "ScalarNode a (False, True)",
        "SequenceNode [] (True, False)",
        "SequenceNode [] (True, False)",
    ]
    assert calls == [
        (owner, scalar, "a", plain),
        (owner, scalar, "b", plain),
        (owner, scalar, "a", quoted),
        (owner, sequence, "[]", plain),
        (owner, sequence, "[]", plain),
    ]
    assert owner._tags == {
        ("a", plain): "ScalarNode a (True, False)",
        ("b", plain): "ScalarNode b (True, False)",
        ("a", quoted): "ScalarNode a (False, True)",
    }
