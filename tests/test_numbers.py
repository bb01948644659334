"""Swedish number text (malstyrning._numbers): exact, strict, never a guess."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from malstyrning._numbers import InvalidNumber, cell_number, parse_number, spreadsheet_number
from malstyrning.errors import MalstyrningError
from malstyrning.i18n import format_number, format_quantity

SPACES = [" ", "\u00a0", "\u202f", "\u2009"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("64 734", "64734"),
        ("64\u00a0734", "64734"),
        ("64\u202f734", "64734"),
        ("5,0 %", "5.0"),
        ("5,0\u00a0%", "5.0"),
        ("13.9%", "13.9"),
        ("−3,2", "-3.2"),
        ("–3,2", "-3.2"),
        ("-3,2", "-3.2"),
        ("+4", "4"),
        ("1 234,5", "1234.5"),
        ("1 234 567,25", "1234567.25"),
        ("4,10", "4.10"),
        ("0,125", "0.125"),
        ("1234,567", "1234.567"),
        ("  245 ", "245"),
        ("100 %", "100"),
    ],
)
def test_swedish_number_text(text: str, expected: str) -> None:
    parsed = parse_number(text)
    assert parsed == Decimal(expected)
    # Exactly as written: the same digits and exponent, so "4,10" is not 4.1.
    assert parsed.as_tuple() == Decimal(expected).as_tuple()


@pytest.mark.parametrize(
    "text", ["1,234", "1.234", "64.734", "999,000", "1,234.5", "1.234,5", "1.234.567", "1,2,3"]
)
def test_ambiguous_text_is_an_error(text: str) -> None:
    with pytest.raises(InvalidNumber, match="ambiguous"):
        parse_number(text)


@pytest.mark.parametrize(
    "text",
    ["", " ", "%", "−", "abc", "4,1O", "12 34", "1  234", "1 2345", ",5", "5,", "1e5", "(3,2)",
     "− 3", "nan", "inf", "٣", "1 234.567,8", "5 %%"],
)  # fmt: skip
def test_not_a_number(text: str) -> None:
    with pytest.raises(InvalidNumber):
        parse_number(text)


def test_a_known_decimal_mark_settles_the_ambiguity() -> None:
    assert parse_number("1,234", decimal=",") == Decimal("1.234")
    assert parse_number("1.234", decimal=".") == Decimal("1.234")
    assert parse_number("1 234,5", decimal=",") == Decimal("1234.5")
    with pytest.raises(InvalidNumber, match=r"'\.' for decimals"):
        parse_number("1,234", decimal=".")
    with pytest.raises(InvalidNumber):
        parse_number("1.234,5", decimal=",")
    with pytest.raises(MalstyrningError, match="decimal must be"):
        parse_number("1", decimal=";")


def test_errors_are_library_errors() -> None:
    with pytest.raises(InvalidNumber) as caught:
        parse_number("4,1O")
    error = caught.value
    assert isinstance(error, MalstyrningError)
    assert isinstance(error, ValueError)
    assert "'4,1O'" in str(error)


def test_cells_of_every_kind() -> None:
    assert cell_number(245) == Decimal(245)
    assert cell_number(0.1) == Decimal("0.1")
    assert cell_number(Decimal("4.10")).as_tuple() == Decimal("4.10").as_tuple()
    for bad in (float("nan"), float("inf"), Decimal("NaN"), Decimal("-Infinity"), True, None):
        with pytest.raises(InvalidNumber):
            cell_number(bad)


def test_spreadsheet_number_formats() -> None:
    assert spreadsheet_number(0.139, "0.0%") == Decimal("13.9")
    assert spreadsheet_number(0.05, "0.0 %").as_tuple() == Decimal("5.0").as_tuple()
    assert spreadsheet_number(4.1, "0.00").as_tuple() == Decimal("4.10").as_tuple()
    assert spreadsheet_number(64734, "#,##0").as_tuple() == Decimal("64734").as_tuple()
    # The format shows fewer decimals than the value has: the value is kept, not rounded.
    assert spreadsheet_number(4.1234, "0.00") == Decimal("4.1234")
    # A percent sign that is literal text does not scale.
    assert spreadsheet_number(5, '0" %"') == Decimal(5)


# -- properties -------------------------------------------------------------------------------

decimals = st.decimals(
    min_value=-(10**12), max_value=10**12, places=None, allow_nan=False, allow_infinity=False
).filter(lambda value: -12 <= value.as_tuple().exponent <= 0)


def _swedish(value: Decimal, mark: str, spaces: list[str], minus: str) -> str:
    """Write a decimal the Swedish way, with the given decimal mark, spaces and minus."""
    text = format(abs(value), "f")
    whole, _, fraction = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    grouped = groups[0]
    for position, group in enumerate(groups[1:]):
        grouped += spaces[position % len(spaces)] + group
    sign = minus if value.is_signed() and value != 0 else ""
    return sign + grouped + (mark + fraction if fraction else "")


@given(
    decimals,
    st.sampled_from([",", "."]),
    st.lists(st.sampled_from(SPACES), min_size=1, max_size=3),
    st.sampled_from(["-", "−", "–"]),
    st.booleans(),
)
def test_written_numbers_read_back_exactly(
    value: Decimal, mark: str, spaces: list[str], minus: str, percent: bool
) -> None:
    text = _swedish(value, mark, spaces, minus) + (" %" if percent else "")
    parsed = parse_number(text, decimal=mark)
    assert parsed == value
    assert parsed.as_tuple().exponent == value.as_tuple().exponent
    # Without the mark, the text reads the same, or is refused as ambiguous; never misread.
    try:
        again: Decimal | str = parse_number(text)
    except InvalidNumber as error:
        again = str(error)
    assert again == parsed or "ambiguous" in str(again)


@given(decimals)
def test_babel_swedish_output_reads_back(value: Decimal) -> None:
    # What the library itself shows people (no-break spaces, the minus sign) reads back.
    assert parse_number(format_number(value, locale="sv"), decimal=",") == value
    assert parse_number(format_quantity(value, "%", locale="sv"), decimal=",") == value


@given(st.text(max_size=20))
def test_any_text_is_a_number_or_a_clear_error(text: str) -> None:
    try:
        parsed: Decimal | str = parse_number(text)
    except InvalidNumber as error:
        parsed = str(error)
    assert (isinstance(parsed, Decimal) and parsed.is_finite()) or repr(text) in parsed


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_floats_become_their_shortest_decimal(value: float) -> None:
    number = spreadsheet_number(value, "General")
    assert float(number) == value
    assert number == Decimal(repr(value))
