import os
import subprocess
import sys
from decimal import Decimal as D

import pytest

from malstyrning import examples, i18n
from malstyrning.errors import UnknownLocale
from malstyrning.evaluation import evaluate
from malstyrning.i18n import (
    Message,
    Quantity,
    answer_words,
    available_locales,
    catalogue_keys,
    format_number,
    format_period,
    format_quantity,
    translate,
)
from malstyrning.io import loads
from malstyrning.periods import Period
from malstyrning.report import follow_up, render
from malstyrning.rules import Comparison, Threshold
from malstyrning.tables import _answer
from malstyrning.target_text import describe, parse_target


def test_every_catalogue_has_the_same_keys():
    keys = {locale: catalogue_keys(locale) for locale in available_locales()}
    assert set(available_locales()) >= {"sv", "en", "nb"}
    reference = keys["sv"]
    for locale, found in keys.items():
        assert found == reference, (locale, sorted(found ^ reference))


def test_the_parser_words_are_in_the_catalogues():
    assert {"parser.comparisons.at_least", "parser.joiners", "parser.forms"} <= catalogue_keys("sv")
    assert "från" not in i18n.catalogue_section("en", "parser")["joiners"]


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


@pytest.mark.parametrize(
    ("value", "text"),
    [
        # Longer than the default decimal context's 28 digits (a Kolada count, a sum).
        (D("1" * 40), " ".join(["1"] + ["111"] * 13).replace(" ", "\xa0")),
        (D("1E+30"), "1" + "\xa0000" * 10),
        (
            D("123456789012345678901234567890.125"),
            "123 456 789 012 345 678 901 234 567 890,125".replace(" ", "\xa0"),
        ),
    ],
)
def test_numbers_longer_than_the_decimal_context_are_shown_whole(value, text):
    assert format_number(value, locale="sv") == text


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
    with pytest.raises(UnknownLocale, match="target texts can be read in en, nb, sv"):
        parse_target("minst 30 %", locale="de")
    assert format_number(D(1), locale="sv_SE") == "1"


def test_tables_read_every_languages_yes_and_no():
    yes, no = answer_words()
    assert {"ja", "j", "yes", "y"} <= yes
    assert {"nej", "nei", "no", "n"} <= no
    assert not yes & no


# -- a language added as one file ----------------------------------------------------------

# "qaa" is reserved for local use (ISO 639-2): no CLDR locale has it, so the catalogue says
# which one its numbers follow, and takes every key it leaves out from Swedish.
MADE_UP = """
[meta]
cldr = "sv"
fallback = "sv"

[answer]
yes_words = ["visst"]

[Achievement]
met = "klart"

[rule]
at_least = "åtminstone {target}"

[report]
document_title = "Hur det gick"

[parser.comparisons]
at_least = ["åtminstone"]
"""


@pytest.fixture
def made_up(tmp_path):
    (tmp_path / "qaa.toml").write_text(MADE_UP, "utf-8")
    i18n.add_catalogue_directory(tmp_path)
    yield "qaa"
    i18n.remove_catalogue_directory(tmp_path)
    assert "qaa" not in available_locales()


def test_a_made_up_locale_from_one_file_renders_a_report_and_parses_a_target(made_up):
    assert made_up in available_locales()
    evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
    page = render(follow_up(evaluation, locale=made_up), "md")
    assert page.splitlines()[0] == "# Hur det gick"
    assert "uppnått" not in page.replace("inte uppnått", "")  # its own word for "met"

    rule = parse_target("åtminstone 30 % av kostnaden", locale=made_up)
    assert rule == Threshold(comparison=Comparison.AT_LEAST, value=D(30), unit="%")
    assert describe(rule, locale=made_up) == "åtminstone 30\xa0%"  # Swedish CLDR numbers
    assert parse_target(describe(rule, locale=made_up), locale=made_up) == rule
    assert parse_target("fler än 2018", locale=made_up) == parse_target("fler än 2018")


def test_nested_texts_stay_in_the_made_up_locale(made_up):
    rendered = Message.of(
        "rule.tolerance",
        rule=Message.of("rule.at_least", target=Quantity(D(5))),
        tolerance=Quantity(D(1)),
    ).render(locale=made_up)
    assert rendered == "åtminstone 5 (nära målet inom 1)"
    assert format_period(Period("2019-05"), locale=made_up) == "maj 2019"


def test_a_catalogue_without_fallback_needs_every_key(tmp_path):
    (tmp_path / "qab.toml").write_text('[meta]\ncldr = "en"\n[answer]\nyes = "aye"\n', "utf-8")
    i18n.add_catalogue_directory(tmp_path)
    try:
        assert translate("answer.yes", locale="qab") == "aye"
        with pytest.raises(UnknownLocale, match=r"has no text for 'answer\.no'"):
            translate("answer.no", locale="qab")
        with pytest.raises(UnknownLocale, match="target texts can be read in"):
            parse_target("at least 5", locale="qab")
    finally:
        i18n.remove_catalogue_directory(tmp_path)


def test_catalogue_mistakes_are_clear_errors(tmp_path):
    (tmp_path / "qac.toml").write_text("[answer]\nyes = 'ja'\n", "utf-8")
    (tmp_path / "qad.toml").write_text('[meta]\ncldr = "sv"\nfallback = "qae"\n', "utf-8")
    (tmp_path / "qae.toml").write_text('[meta]\ncldr = "sv"\nfallback = "qad"\n', "utf-8")
    (tmp_path / "qaf.toml").write_text('[meta]\ncldr = "sv"\nfallback = "sv"\n[parser.series\n')
    i18n.add_catalogue_directory(tmp_path)
    try:
        with pytest.raises(UnknownLocale, match=r"not a CLDR locale.*\[meta\]"):
            translate("answer.yes", locale="qac")
        with pytest.raises(UnknownLocale, match="fall back in a circle"):
            translate("answer.yes", locale="qad")
        with pytest.raises(UnknownLocale, match="not valid TOML"):
            translate("answer.yes", locale="qaf")
    finally:
        i18n.remove_catalogue_directory(tmp_path)
    with pytest.raises(UnknownLocale, match="no folder of catalogues"):
        i18n.add_catalogue_directory(tmp_path / "missing")


def test_the_command_line_takes_catalogues_from_the_environment(tmp_path):
    (tmp_path / "qaa.toml").write_text(MADE_UP, "utf-8")
    environment = {**os.environ, i18n.ENVIRONMENT_VARIABLE: str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "malstyrning", "parse-target", "åtminstone 5 %", "--locale", "qaa"],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "åtminstone 5\xa0%\n"  # read and written in the made-up language


# -- a plan's language ---------------------------------------------------------------------

PLAN = """{{
  "format_version": 1, "id": "p", "title": "Plan", "organisation": "Region",
  "validity": "2020", {language}
  "levels": [{{"key": "goal", "label": "Mål"}}],
  "goals": [{{"id": "g", "title": "Mål", "level": "goal", "children": [
    {{"id": "i", "kind": "indicator", "title": "Andel", "unit": "%",
      "target_text": "{text}"}}]}}]
}}"""


def test_a_plan_states_the_language_of_its_target_texts():
    english = loads(PLAN.format(language='"language": "en",', text="at least 30 %"))
    assert english.language == "en"
    assert english["i"].target == Threshold(comparison=Comparison.AT_LEAST, value=D(30), unit="%")
    swedish = loads(PLAN.format(language="", text="minst 30 %"))
    assert swedish.language is None
    assert swedish["i"].target == english["i"].target


def test_a_plan_in_an_unknown_language_is_a_document_error():
    with pytest.raises(Exception, match=r"\$\.language") as raised:
        loads(PLAN.format(language='"language": "de",', text="mindestens 30 %"))
    assert "target texts can be read in" in str(raised.value)


def test_tables_read_the_answers_of_every_catalogue(made_up):
    assert _answer("Nei") is False
    assert _answer("visst") is True  # the made-up catalogue's own word
    with pytest.raises(ValueError, match="expected a yes/no answer"):
        _answer("kanske")


def test_a_locale_babel_does_not_know_is_named_with_what_to_use() -> None:
    with pytest.raises(UnknownLocale) as caught:
        format_number(D(1), locale="xx")
    assert caught.value.message == (
        "unknown locale 'xx': no language data for it; use a language tag such as 'sv', 'en' "
        "or 'nb'"
    )
    with pytest.raises(UnknownLocale) as caught:
        format_number(D(1), locale="sv-SE-x")
    assert (
        caught.value.message
        == "unknown locale 'sv-SE-x': 'sv_SE_x' is not a valid locale identifier"
    )
