from decimal import Decimal as D

import pytest

from malstyrning import Period, format_number, format_period, format_quantity
from malstyrning.i18n import UnknownLocale, available_locales, catalogue_keys, translate


def test_every_catalogue_has_the_same_keys():
    keys = {locale: catalogue_keys(locale) for locale in available_locales()}
    assert set(available_locales()) >= {"sv", "en"}
    reference = keys["sv"]
    for locale, found in keys.items():
        assert found == reference, (locale, sorted(found ^ reference))


@pytest.mark.parametrize(
    ("value", "unit", "locale", "text"),
    [
        (D("64734"), None, "sv", "64\xa0734"),
        (D("64734"), None, "en", "64,734"),
        (D("4.10"), None, "sv", "4,10"),
        (D("5.0"), "%", "sv", "5,0\xa0%"),
        (D("13.9"), "%", "en", "13.9%"),
        (D("245"), "rec/TIN", "sv", "245 rec/TIN"),
        (D("-2.5"), None, "sv", "-2,5"),
    ],
)
def test_numbers_follow_the_locale_and_keep_their_decimals(value, unit, locale, text):
    assert format_quantity(value, unit, locale=locale) == text


def test_period_names():
    assert format_period(Period("2019-T1"), locale="sv") == "tertial 1 2019"
    assert format_period(Period("2019-T1"), locale="sv", style="as_of") == "per april 2019"
    assert format_period(Period("2019-T2"), locale="en", style="as_of") == "as of August 2019"
    assert format_period(Period("2019-Q3"), locale="sv") == "kvartal 3 2019"
    assert format_period(Period("2019-05"), locale="sv") == "maj 2019"
    assert format_period(Period("2019"), locale="en") == "2019"


def test_unknown_locale_and_key_are_clear_errors():
    with pytest.raises(UnknownLocale, match="no catalogue for locale 'de'"):
        translate("answer.yes", locale="de")
    with pytest.raises(UnknownLocale, match=r"has no text for 'no\.such\.key'"):
        translate("no.such.key", locale="sv")
    assert format_number(D(1), locale="sv_SE") == "1"
