"""Swedish number text (malstyrning._numbers): exact, strict, never a guess."""

import decimal
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from malstyrning._numbers import (
    InvalidNumber,
    cell_number,
    parse_number,
    plain_number,
    spreadsheet_number,
    states_percent,
)
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


# -- the exact messages, and the near misses they name ----------------------------------------

UNREADABLE = "expected a number such as '64 734', '5,0 %' or '−3,2' (got {})"
AMBIGUOUS = "ambiguous number {}: a comma or point here may mark decimals or group thousands"


def _message(text: str, **options: str | None) -> str:
    with pytest.raises(InvalidNumber) as caught:
        parse_number(text, **options)
    return str(caught.value)


@pytest.mark.parametrize(
    "text",
    ["", "%", "−", "abc", "4,1O", "12 34", "1  234", "1 2345", ",5", "5,", "1e5",
     "5\t%", "5 \t%", "++5", "−−5", "+-5", "- 5", "1 234 56", "1,2a", "5%%"],
)  # fmt: skip
def test_unreadable_text_names_itself_in_the_message(text: str) -> None:
    assert _message(text) == UNREADABLE.format(repr(text))


@pytest.mark.parametrize(
    "text", ["1,234", "64.734", "0001,234", "-1,234", "1,234 %", "1,2.3", "1,2,3", "1.234.567"]
)
def test_ambiguous_text_names_itself_and_the_remedies(text: str) -> None:
    message = _message(text)
    assert message.startswith(AMBIGUOUS.format(repr(text)))
    assert message.endswith(
        "write one decimal mark and spaces between thousands (e.g. '1 234,5'), enter it as a "
        "number cell, or say which mark the file uses for decimals (decimal=',' or decimal='.')"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0,234", "0.234"), ("1234,567", "1234.567"), ("1,2345", "1.2345"), ("1,23", "1.23"),
     ("0000,234", "0.234"), ("12,5 %", "12.5"), ("+1,5", "1.5"), ("−0,5", "-0.5"),
     ("\u2013" + "7", "-7"), ("\u00a01 234\u2009", "1234"), ("1\u20092", "12")],
)  # fmt: skip
def test_a_single_mark_that_cannot_group_thousands_is_a_decimal(text: str, expected: str) -> None:
    if text == "1\u20092":  # a thin space inside a number that is no group: unreadable
        assert _message(text) == UNREADABLE.format(repr(text))
        return
    parsed = parse_number(text)
    assert parsed.as_tuple() == Decimal(expected).as_tuple()


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [("1,5", ",", "1.5"), ("1.5", ".", "1.5"), ("1 234", ",", "1234"), ("1 234", ".", "1234"),
     ("-1,234 %", ",", "-1.234"), ("12", ".", "12")],
)  # fmt: skip
def test_a_known_decimal_mark_reads_whole_numbers_and_its_own_mark(
    text: str, decimal: str, expected: str
) -> None:
    assert parse_number(text, decimal=decimal).as_tuple() == Decimal(expected).as_tuple()


@pytest.mark.parametrize(
    ("text", "decimal"),
    [("1,5", "."), ("1.5", ","), ("1,2,3", ","), ("1.2.3", "."), ("1.234,5", ","),
     ("1,234.5", ".")],
)  # fmt: skip
def test_the_other_mark_is_named_as_the_wrong_one(text: str, decimal: str) -> None:
    assert _message(text, decimal=decimal) == (
        f"expected a number with {decimal!r} for decimals and spaces between thousands "
        f"(got {text!r})"
    )


@pytest.mark.parametrize("decimal", [";", "", " ", "comma", ".,"])
def test_only_a_comma_or_a_point_marks_decimals(decimal: str) -> None:
    assert _message("1", decimal=decimal) == f"decimal must be ',' or '.' (got {decimal!r})"


def test_a_sign_is_read_once_and_only_in_front() -> None:
    assert parse_number("-5").as_tuple() == Decimal("-5").as_tuple()
    assert parse_number("+5").as_tuple() == Decimal("5").as_tuple()
    assert parse_number("\u22125").as_tuple() == Decimal("-5").as_tuple()
    assert parse_number("\u20135").as_tuple() == Decimal("-5").as_tuple()
    assert parse_number("-12 345,5 %") == Decimal("-12345.5")
    for text in ("5-", "5−", "1−2", "\u2014" + "5"):
        assert _message(text) == UNREADABLE.format(repr(text))


# -- cells of other kinds ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [(True, "expected a number (got true)"), (False, "expected a number (got false)"),
     (None, "expected a number (got NoneType None)"),
     ([1], "expected a number (got list [1])"),
     (float("nan"), "expected a finite number (got nan)"),
     (float("-inf"), "expected a finite number (got -inf)"),
     (Decimal("NaN"), "expected a finite number (got NaN)"),
     (Decimal("Infinity"), "expected a finite number (got Infinity)")],
)  # fmt: skip
def test_cells_that_are_no_number_are_named(value: object, message: str) -> None:
    with pytest.raises(InvalidNumber) as caught:
        cell_number(value)
    assert str(caught.value) == message


def test_cells_keep_their_kind_of_exactness() -> None:
    import fractions

    assert cell_number(7).as_tuple() == Decimal("7").as_tuple()
    assert cell_number(-3).as_tuple() == Decimal("-3").as_tuple()
    assert cell_number(4.0).as_tuple() == Decimal("4.0").as_tuple()
    assert cell_number(fractions.Fraction(1, 4)) == Decimal("0.25")
    assert cell_number(Decimal("-0.50")).as_tuple() == Decimal("-0.50").as_tuple()
    assert cell_number("1,5", decimal=",") == Decimal("1.5")
    with pytest.raises(InvalidNumber, match=r"with '\.' for decimals"):
        cell_number("1,5", decimal=".")


# -- plain numbers (documents, Python) --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [("٣", "expected a number in ASCII digits 0-9 (got '٣', which holds ARABIC-INDIC DIGIT THREE)"),
     ("1_000", "expected a number without '_' between digits, such as '1000' (got '1_000')"),
     (" 5", "expected a number without blanks around it (got ' 5')"),
     ("5\n", "expected a number without blanks around it (got '5\\n')"),
     ("5\x0b", "expected a number such as '5.7', '-3' or '1E+3' (got '5\\x0b')"),
     ("X", "expected a number such as '5.7', '-3' or '1E+3' (got 'X')"),
     ("abc", "expected a number such as '5.7', '-3' or '1E+3' (got 'abc')"),
     ("", "expected a number such as '5.7', '-3' or '1E+3' (got '')")],
)  # fmt: skip
def test_plain_number_problems_name_the_cause(text: str, message: str) -> None:
    with pytest.raises(InvalidNumber) as caught:
        plain_number(text)
    assert str(caught.value) == message


@pytest.mark.parametrize("text", ["5,7", "64 734", "5 %", "5%", "1\u00a0000", "1\u202f000",
                                  "1\u2009000", "\u22125"])  # fmt: skip
def test_swedish_text_in_a_plain_number_points_to_tables(text: str) -> None:
    with pytest.raises(InvalidNumber) as caught:
        plain_number(text)
    assert str(caught.value) == (
        f"expected a number with a point for decimals, such as '5.7' (got {text!r}); "
        "Swedish number text such as '5,7' or '64 734' is read from tables, where it is "
        "written; in a document or in Python write the number itself"
    )


def test_plain_numbers_read_json_forms_exactly() -> None:
    for text in ("5.70", "-3", "+2", "1E+3", "1e-3", ".5", "5.", "0"):
        assert plain_number(text).as_tuple() == Decimal(text).as_tuple()
    assert plain_number(Decimal("2.50")).as_tuple() == Decimal("2.50").as_tuple()
    assert plain_number(0.1) == Decimal("0.1")


# -- percent cells and formats ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "number_format", "stated"),
    [("5 %", None, True), ("5%\t", None, True), (" 5,0\u00a0%\n", None, True),
     ("5 %\u3000", None, False), ("%5", None, False), ("5", "0%", False),
     (5, None, False), (0.05, "0%", True), (0.05, "0.0 %", True), (0.05, "0%;-0%", True),
     (0.05, "0;0%", False), (0.05, '0" %"', False), (0.05, "0\\%", False),
     (0.05, "General", False), (0.05, '"%"0%', True)],
)  # fmt: skip
def test_a_percentage_is_stated_by_text_or_by_the_positive_format(
    value: object, number_format: str | None, stated: bool
) -> None:
    assert states_percent(value, number_format) is stated


@pytest.mark.parametrize(
    ("value", "number_format", "expected"),
    [(0.139, "0.0%", "13.9"), (0.139, "0.0%;-0.0%", "13.9"), (0.139, "0.0;0.0%", "0.139"),
     (0.139, '0.0"%"', "0.139"), (0.139, "0.0\\%", "0.139"), (13, "0%", "13E+2"),
     (0.5, "0.000", "0.500"), (0.5, "0.0;0.000", "0.5"), (0.5, "0", "0.5"),
     (4, "0.00", "4.00"), (4, "#,##0.0", "4.0"), (0.25, "0.00%", "25.00"),
     (1e30, "0.00", "1E+30"), (10**30, "0.00", "1000000000000000000000000000000"),
     (1e-10, "0.00", "1E-10")],
)  # fmt: skip
def test_spreadsheet_cells_as_their_format_shows_them(
    value: float | int, number_format: str, expected: str
) -> None:
    assert spreadsheet_number(value, number_format).as_tuple() == Decimal(expected).as_tuple()


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.05599999999999999, "5.6"), (0.30000000000000004, "3E+1"), (1.0, "1.0E+2"),
     (0.9999999999999999, "1E+2"), (100000000000000.02, "1.00000000000000E+16"),
     (1234567890123456.0, "1.23456789012346E+17"), (0.123456789012345, "12.3456789012345"),
     (0.1234567890123456, "12.3456789012346")],
)  # fmt: skip
def test_a_percent_cell_keeps_fifteen_significant_digits(value: float, expected: str) -> None:
    assert spreadsheet_number(value, "0%").as_tuple() == Decimal(expected).as_tuple()


def test_a_whole_number_percent_cell_is_not_rounded() -> None:
    # Only binary floats carry noise: an int's digits are all data.
    value = 1234567890123456789
    assert spreadsheet_number(value, "0%") == Decimal(value).scaleb(2)


@given(st.floats(allow_nan=False, allow_infinity=False).filter(lambda value: value != 0))
def test_percent_cells_read_as_a_spreadsheet_shows_fifteen_digits(value: float) -> None:
    written = Decimal(repr(value))
    read = spreadsheet_number(value, "0%")
    if len(written.as_tuple().digits) <= 15:
        assert read.as_tuple() == written.scaleb(2).as_tuple()
        return
    # The shortest decimal that reads back as the float, to 15 significant digits.
    assert read == decimal.Context(prec=15).plus(written).scaleb(2)
    _, digits, exponent = read.scaleb(-2).as_tuple()
    assert len(digits) <= 15
    # Rounding leaves no zeros at the end of a fraction: they were never written.
    assert not (isinstance(exponent, int) and exponent < 0 and len(digits) > 1 and digits[-1] == 0)


def test_a_percent_cell_of_fifteen_digits_keeps_its_written_zero() -> None:
    read = spreadsheet_number(12345678901234.0, "0%")
    assert read.as_tuple() == Decimal("1.23456789012340E+15").as_tuple()


def test_literal_text_in_a_format_shows_no_decimals() -> None:
    # '0."m"00' shows two decimals after a literal "m": the literal is no digit place.
    assert spreadsheet_number(4.1, '0."m"00').as_tuple() == Decimal("4.10").as_tuple()
    assert spreadsheet_number(4.1, "0.\\m00").as_tuple() == Decimal("4.10").as_tuple()


@pytest.mark.parametrize(
    ("number_format", "stated"),
    [("0;-0%;0", False), ("0%;0;0", True), ("0;0;0%", False), ('0;0;0;"%"', False)],
)
def test_only_the_first_of_several_format_sections_states_a_percentage(
    number_format: str, stated: bool
) -> None:
    assert states_percent(0.05, number_format) is stated


@pytest.mark.parametrize(
    "text", ["\u30005", "5\u3000", "\x0b5", "5\x0c", "\x1c5", "5\x85", "5\u2028", "\u20035"]
)
def test_only_spaces_tabs_and_line_breaks_are_trimmed(text: str) -> None:
    # The four spaces spreadsheets write, tab, CR and LF surround a number; any other blank
    # (an ideographic or em space, a form feed, a line separator) is no part of a number.
    assert parse_number("\t\u00a0\u202f\u2009 5\r\n") == Decimal(5)
    with pytest.raises(InvalidNumber) as caught:
        parse_number(text)
    assert str(caught.value) == (
        f"expected a number such as '64 734', '5,0 %' or '−3,2' (got {text!r})"
    )
