"""The target-text tokenizer: how a target's characters become numbers, words, dates, periods
and symbols, each with its exact place in the text (the place an error points at).

Pins the Swedish and English ways of writing numbers (decimal comma or point, thousands
groups with spaces and, in English, commas), signs only where a number may begin, ISO dates
and period texts as one token, the care guarantee's "0:an" words, and which years count.
"""

import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from malstyrning._target_tokens import Kind, Token, tokenize

N, W, S, DT, P = Kind.NUMBER, Kind.WORD, Kind.SYMBOL, Kind.DATE, Kind.PERIOD

Row = tuple[Kind, str, int, int]


def ascii_id(*parts: object) -> str:
    """A test id of ASCII letters and digits only (mutmut passes test ids back to pytest)."""
    return re.sub(r"[^A-Za-z0-9]+", "-", " ".join(map(str, parts))).strip("-") or "empty"


def kinds(text: str, locale: str = "sv") -> list[Row]:
    """Every token as (kind, text, start, end)."""
    return [(t.kind, t.text, t.start, t.end) for t in tokenize(text, locale=locale)]


def number(text: str, locale: str = "sv") -> Token:
    (token,) = tokenize(text, locale=locale)
    assert token.kind is Kind.NUMBER
    return token


# -- numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "value", "plain"),
    [
        ("5", "sv", "5", True),
        ("250", "sv", "250", True),
        ("4,85", "sv", "4.85", False),
        ("13.9", "sv", "13.9", False),
        ("64 734", "sv", "64734", False),
        ("12 345 678", "sv", "12345678", False),
        ("64\xa0734", "sv", "64734", False),
        ("64\u202f734", "sv", "64734", False),
        ("64\u2009734", "sv", "64734", False),
        ("12\u202f345\xa0678\u2009000", "sv", "12345678000", False),
        ("64,734", "en", "64734", False),
        ("1,234.5", "en", "1234.5", False),
        ("1,234,567", "en", "1234567", False),
        ("4.85", "en", "4.85", False),
        ("−5,5", "sv", "-5.5", False),
        ("-3", "sv", "-3", False),
        ("0999", "sv", "999", True),
        ("2018", "sv", "2018", True),
    ],
    ids=ascii_id,
)
def test_numbers_are_read_the_swedish_and_english_ways(
    text: str, locale: str, value: str, plain: bool
) -> None:
    token = number(text, locale)
    assert (token.text, token.start, token.end) == (text, 0, len(text))
    assert token.number == Decimal(value)
    assert token.plain is plain


def test_a_comma_groups_thousands_only_in_english() -> None:
    assert kinds("1,234", "sv") == [(N, "1,234", 0, 5)]
    assert number("1,234", "sv").number == Decimal("1.234")
    assert number("1,234", "en").number == Decimal(1234)
    assert kinds("1,234.5", "sv") == [(N, "1,234", 0, 5), (S, ".", 5, 6), (N, "5", 6, 7)]


def test_thousands_groups_need_exactly_three_digits_after_a_first_group_of_one_to_three() -> None:
    assert kinds("1 2345") == [(N, "1", 0, 1), (N, "2345", 2, 6)]
    assert kinds("1 23") == [(N, "1", 0, 1), (N, "23", 2, 4)]
    assert kinds("1234 567") == [(N, "1234", 0, 4), (N, "567", 5, 8)]
    assert kinds("123 456") == [(N, "123 456", 0, 7)]
    assert kinds("64 734 kr") == [(N, "64 734", 0, 6), (W, "kr", 7, 9)]
    # A tab or a second space is no group separator.
    assert kinds("64\t734") == [(N, "64", 0, 2), (N, "734", 3, 6)]
    assert kinds("64  734") == [(N, "64", 0, 2), (N, "734", 4, 7)]
    assert kinds("12 345 67") == [(N, "12 345", 0, 6), (N, "67", 7, 9)]


def test_a_decimal_part_needs_a_digit_after_its_separator() -> None:
    assert kinds("5.") == [(N, "5", 0, 1), (S, ".", 1, 2)]
    assert kinds("5,") == [(N, "5", 0, 1), (S, ",", 1, 2)]
    assert kinds("5,5,5") == [(N, "5,5", 0, 3), (S, ",", 3, 4), (N, "5", 4, 5)]
    assert kinds("5,a") == [(N, "5", 0, 1), (S, ",", 1, 2), (W, "a", 2, 3)]
    assert number("0,05").number == Decimal("0.05")


def test_a_sign_starts_a_number_only_where_a_number_may_begin() -> None:
    assert kinds("1-14") == [(N, "1", 0, 1), (S, "-", 1, 2), (N, "14", 2, 4)]
    assert kinds(")-5") == [(S, ")", 0, 1), (S, "-", 1, 2), (N, "5", 2, 3)]
    assert kinds("%-5") == [(S, "%", 0, 1), (S, "-", 1, 2), (N, "5", 2, 3)]
    assert kinds("-") == [(S, "-", 0, 1)]
    assert kinds("- 5") == [(S, "-", 0, 1), (N, "5", 2, 3)]
    assert kinds("-a") == [(S, "-", 0, 1), (W, "a", 1, 2)]
    for before in " (:;<>=≤≥":
        tokens = tokenize(f"{before}-2", locale="sv")
        assert tokens[-1].number == Decimal(-2), before
        assert tokens[-1].start == 1
    assert number("\u22122").number == Decimal(-2)
    assert kinds("\t-2") == [(N, "-2", 1, 3)]
    assert kinds("\xa0-2")[-1] == (N, "-2", 1, 3)


def test_a_signed_number_is_never_plain_nor_a_year() -> None:
    token = number("-2018")
    assert token.number == Decimal(-2018)
    assert token.plain is False
    assert token.year is None
    assert kinds("-2016-05") == [(N, "-2016", 0, 5), (S, "-", 5, 6), (N, "05", 6, 8)]


@pytest.mark.parametrize(
    ("text", "year"),
    [("1900", 1900), ("2100", 2100), ("2018", 2018), ("1899", None), ("2101", None)],
    ids=ascii_id,
)
def test_a_year_is_four_bare_digits_from_1900_to_2100(text: str, year: int | None) -> None:
    assert number(text).year == year


def test_numbers_that_are_no_year() -> None:
    assert number("201").year is None
    assert number("20180").year is None
    assert number("2 018").year is None
    assert number("2018,0").year is None
    assert number("20,5").year is None
    assert number("-201").year is None
    assert tokenize("minst", locale="sv")[0].year is None


# -- the care guarantee's words -------------------------------------------------------------


def test_a_digit_with_colon_an_is_one_word() -> None:
    assert kinds("0:an och 3:an") == [(W, "0:an", 0, 4), (W, "och", 5, 8), (W, "3:an", 9, 13)]
    assert kinds("90:an.") == [(W, "90:an", 0, 5), (S, ".", 5, 6)]
    assert kinds("3:ans") == [(N, "3", 0, 1), (S, ":", 1, 2), (W, "ans", 2, 5)]
    assert kinds("3:a") == [(N, "3", 0, 1), (S, ":", 1, 2), (W, "a", 2, 3)]
    assert kinds("3,5:an")[0] == (N, "3,5", 0, 3)
    assert kinds("-3:an")[0] == (N, "-3", 0, 2)


# -- dates and periods -------------------------------------------------------------------------


def test_an_iso_date_is_one_token_with_its_day() -> None:
    (token,) = tokenize("2019-03-01", locale="sv")
    assert (token.kind, token.text, token.start, token.end) == (DT, "2019-03-01", 0, 10)
    assert token.day == date(2019, 3, 1)
    assert token.number is None
    spaced = tokenize("från 2019-03-01 till 2019-12-31", locale="sv")
    assert [(t.kind, t.text, t.start, t.end) for t in spaced] == [
        (W, "från", 0, 4),
        (DT, "2019-03-01", 5, 15),
        (W, "till", 16, 20),
        (DT, "2019-12-31", 21, 31),
    ]
    assert spaced[3].day == date(2019, 12, 31)


def test_a_date_that_does_not_exist_is_numbers_and_dashes() -> None:
    assert kinds("2019-02-30") == [
        (N, "2019", 0, 4),
        (S, "-", 4, 5),
        (N, "02", 5, 7),
        (S, "-", 7, 8),
        (N, "30", 8, 10),
    ]


@pytest.mark.parametrize(
    "text",
    ["2016-T2", "2016-t2", "2016-Q1", "2016-q4", "2016-H1", "2016-h2", "2016-05", "2016-12"],
    ids=ascii_id,
)
def test_a_period_text_is_one_token(text: str) -> None:
    assert kinds(text) == [(P, text, 0, len(text))]
    assert kinds(f"än {text}.") == [(W, "än", 0, 2), (P, text, 3, 3 + len(text)), (S, ".", 10, 11)]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("2016-T2x", (N, "2016", 0, 4)),
        ("2016-T2_", (N, "2016", 0, 4)),
        ("2016-T22", (N, "2016", 0, 4)),
        ("2016-X2", (N, "2016", 0, 4)),
        ("2016-T", (N, "2016", 0, 4)),
        ("2016-051", (N, "2016", 0, 4)),
        ("2016-5", (N, "2016", 0, 4)),
        ("2016-05x", (N, "2016", 0, 4)),
        ("2016-05-", (N, "2016", 0, 4)),
        ("2016-05-1", (N, "2016", 0, 4)),
        ("2016-05-011", (N, "2016", 0, 4)),
        ("2016-5-01", (N, "2016", 0, 4)),
        ("2016-05-1x", (N, "2016", 0, 4)),
        ("201-05", (N, "201", 0, 3)),
        ("20165-05", (N, "20165", 0, 5)),
    ],
    ids=ascii_id,
)
def test_near_misses_of_periods_and_dates_are_no_period(text: str, first: Row) -> None:
    tokens = kinds(text)
    assert tokens[0] == first
    assert all(kind not in (P, DT) for kind, *_ in tokens)


def test_a_period_ends_before_a_dash_or_a_space() -> None:
    assert kinds("2016-T2-") == [(P, "2016-T2", 0, 7), (S, "-", 7, 8)]
    assert kinds("2016-05 ") == [(P, "2016-05", 0, 7)]


# -- words and symbols -------------------------------------------------------------------------


def test_words_keep_their_inner_characters() -> None:
    assert kinds("rec/TIN e-tjänster contact_0 ja/nej l'an o’a") == [
        (W, "rec/TIN", 0, 7),
        (W, "e-tjänster", 8, 18),
        (W, "contact_0", 19, 28),
        (W, "ja/nej", 29, 35),
        (W, "l'an", 36, 40),
        (W, "o’a", 41, 44),
    ]
    assert kinds("_x") == [(W, "_x", 0, 2)]
    assert kinds("mars-december") == [(W, "mars-december", 0, 13)]


def test_an_inner_character_needs_a_letter_or_digit_after_it() -> None:
    assert kinds("x- y/") == [(W, "x", 0, 1), (S, "-", 1, 2), (W, "y", 3, 4), (S, "/", 4, 5)]
    assert kinds("x--y") == [(W, "x", 0, 1), (S, "-", 1, 2), (S, "-", 2, 3), (W, "y", 3, 4)]
    assert kinds("x/") == [(W, "x", 0, 1), (S, "/", 1, 2)]
    assert kinds("a.b") == [(W, "a", 0, 1), (S, ".", 1, 2), (W, "b", 2, 3)]


def test_two_character_comparisons_are_one_symbol() -> None:
    assert kinds("<= >= =< => ≤ ≥ < > =") == [
        (S, "<=", 0, 2),
        (S, ">=", 3, 5),
        (S, "=<", 6, 8),
        (S, "=>", 9, 11),
        (S, "≤", 12, 13),
        (S, "≥", 14, 15),
        (S, "<", 16, 17),
        (S, ">", 18, 19),
        (S, "=", 20, 21),
    ]
    assert kinds("<250") == [(S, "<", 0, 1), (N, "250", 1, 4)]
    assert kinds("<=-5") == [(S, "<=", 0, 2), (N, "-5", 2, 4)]


def test_every_kind_of_space_separates_tokens() -> None:
    text = "a b\tc\rd\ne\xa0f\u202fg\u2009h\u2007i\u200bj\ufeffk\u3000l"
    words = [(t.text, t.start) for t in tokenize(text, locale="sv")]
    assert words == [(char, 2 * index) for index, char in enumerate("abcdefghijkl")]


def test_the_token_lower_form_folds_case() -> None:
    (token,) = tokenize("STRASSE", locale="sv")
    assert token.lower == "strasse"
    assert tokenize("Straße", locale="sv")[0].lower == "strasse"


def test_the_module_example() -> None:
    assert [t.text for t in tokenize("Minst 64 734 kr, 4,85 (Ja/Nej)", locale="sv")] == [
        "Minst",
        "64 734",
        "kr",
        ",",
        "4,85",
        "(",
        "Ja/Nej",
        ")",
    ]


# -- properties -------------------------------------------------------------------------------


@given(text=st.text(), locale=st.sampled_from(["sv", "en", "nb"]))
def test_tokens_cover_the_text_in_order_and_leave_only_space_between(
    text: str, locale: str
) -> None:
    position = 0
    for token in tokenize(text, locale=locale):
        assert position <= token.start < token.end <= len(text)
        assert text[token.start : token.end] == token.text
        assert text[position : token.start].strip("\u200b\ufeff\u2007") == "" or (
            text[position : token.start].isspace()
        )
        position = token.end


@given(
    value=st.integers(min_value=0, max_value=10**12),
    separator=st.sampled_from([" ", "\xa0", "\u202f", "\u2009"]),
)
def test_a_grouped_integer_reads_as_its_value(value: int, separator: str) -> None:
    text = f"{value:,}".replace(",", separator)
    token = number(text)
    assert token.number == Decimal(value)
    assert token.plain is (value < 1000)
    assert number(f"{value:,}", "en").number == Decimal(value)


@given(
    whole=st.integers(min_value=0, max_value=999),
    fraction=st.text(alphabet="0123456789", min_size=1, max_size=4),
    separator=st.sampled_from([",", "."]),
    negative=st.booleans(),
)
def test_a_decimal_reads_as_its_value(
    whole: int, fraction: str, separator: str, negative: bool
) -> None:
    sign = "-" if negative else ""
    text = f"{sign}{whole}{separator}{fraction}"
    token = number(text)
    assert token.number == Decimal(f"{sign}{whole}.{fraction}")
    assert token.plain is False
