"""Target text around the parser: what a TargetContext accepts and gives, which languages read
targets (and what a catalogue lacking parser words says), the forms suggested per language,
and sentences written for nested rules.
"""

from collections.abc import Iterator
from decimal import Decimal as D
from pathlib import Path

import pytest

from malstyrning import i18n
from malstyrning.errors import UnknownLocale, UnreadableTarget
from malstyrning.periods import Period
from malstyrning.rules import (
    Comparison,
    Composite,
    Direction,
    SeriesTarget,
    Threshold,
    YesNo,
)
from malstyrning.target_text import _FORMS, TargetContext, describe, parse_target, phrase

AT_LEAST, AT_MOST = Comparison.AT_LEAST, Comparison.AT_MOST


def th(comparison: Comparison, value: int, unit: str | None = None) -> Threshold:
    return Threshold(comparison=comparison, value=D(value), unit=unit)


# -- the context ----------------------------------------------------------------------------


def test_a_context_reads_periods_from_text_and_keeps_given_ones() -> None:
    context = TargetContext(baseline="2018", target_periods=("2022", Period("2024-T1")))
    assert context.baseline == Period("2018")
    assert context.target_periods == (Period("2022"), Period("2024-T1"))
    assert TargetContext(baseline=Period("2019-05")).baseline == Period("2019-05")
    assert TargetContext().baseline is None
    assert TargetContext().target_periods == ()


def test_a_context_keeps_series_and_units_as_frozen_values() -> None:
    context = TargetContext(series={"alla åldrar": "all_ages"}, units=["patienter", "besök"])
    assert dict(context.series) == {"alla åldrar": "all_ages"}
    assert context.units == frozenset({"patienter", "besök"})
    assert hash(context) == hash(
        TargetContext(series={"alla åldrar": "all_ages"}, units=("besök", "patienter"))
    )
    assert TargetContext().units == frozenset()
    assert dict(TargetContext().series) == {}


@pytest.mark.parametrize(
    "arguments",
    [{"direction": "higher"}, {"unit": 5}, {"baseline": 2018}],
    ids=["direction", "unit", "baseline"],
)
def test_a_context_refuses_values_of_the_wrong_kind(arguments: dict[str, object]) -> None:
    with pytest.raises(TypeError):
        TargetContext(**arguments)  # type: ignore[arg-type]


def test_the_context_unit_is_a_unit_the_text_may_name() -> None:
    context = TargetContext(unit="stycken")
    assert parse_target("minst 5 stycken", context=context) == th(AT_LEAST, 5, "stycken")
    assert parse_target("minst 5", context=context) == th(AT_LEAST, 5, "stycken")
    with pytest.raises(UnreadableTarget) as caught:
        parse_target("minst 5 stycken")
    assert caught.value.unread == "stycken"


def test_declared_units_are_read_in_any_case_and_kept_as_declared() -> None:
    context = TargetContext(units={"Besök"})
    assert parse_target("minst 5 besök", context=context) == th(AT_LEAST, 5, "Besök")
    assert parse_target("minst 5 BESÖK", context=context) == th(AT_LEAST, 5, "Besök")


def test_the_context_series_names_match_without_regard_to_case() -> None:
    context = TargetContext(series={"Alla Åldrar": "all_ages"})
    expected = SeriesTarget(series="all_ages", rule=th(AT_LEAST, 5))
    assert parse_target("minst 5 (alla åldrar)", context=context) == expected
    assert parse_target("ALLA ÅLDRAR: minst 5", context=context) == expected
    assert parse_target("alla åldrar minst 5", context=context) == expected


def test_the_context_series_may_be_references() -> None:
    context = TargetContext(series={"norra regionen": "north"})
    rule = parse_target("minst snittet i norra regionen", context=context)
    assert rule == parse_target("minst snittet i riket").__class__(
        reference="north", comparison=AT_LEAST
    )


def test_the_context_direction_decides_a_bare_value() -> None:
    assert parse_target("5", context=TargetContext(direction=Direction.LOWER_IS_BETTER)) == th(
        AT_MOST, 5
    )
    assert parse_target("5", context=TargetContext(direction=Direction.HIGHER_IS_BETTER)) == th(
        AT_LEAST, 5
    )
    assert parse_target("5") == th(AT_LEAST, 5)


# -- languages ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("sv-SE", "minst 5 %"),
        ("sv_SE", "minst 5 %"),
        ("en-GB", "at least 5 %"),
        ("nb-NO", "minst 5 %"),
    ],
)
def test_a_regional_locale_reads_in_its_language(locale: str, text: str) -> None:
    assert parse_target(text, locale=locale) == th(AT_LEAST, 5, "%")


def test_a_language_without_parser_words_names_the_languages_that_read_targets() -> None:
    with pytest.raises(UnknownLocale) as caught:
        parse_target("minst 5", locale="no")
    assert str(caught.value) == "target texts can be read in en, nb, sv (got 'no')"


@pytest.fixture
def catalogues(tmp_path: Path) -> Iterator[Path]:
    i18n.add_catalogue_directory(tmp_path)
    try:
        yield tmp_path
    finally:
        i18n.remove_catalogue_directory(tmp_path)


def write(folder: Path, code: str, text: str) -> None:
    (folder / f"{code}.toml").write_text(text, "utf-8")


def sv_parser_without(*keys: str, fallback: bool = True, extra: str = "") -> str:
    """The Swedish catalogue's [parser] tables with ``keys`` taken out and ``extra`` lines put in,
    as a catalogue of its own (falling back to Swedish for everything else, or not at all)."""
    source = Path(i18n.__file__).with_name("locales").joinpath("sv.toml").read_text("utf-8")
    lines = source.splitlines()
    start = lines.index("[parser]")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("[parser.rules"))
    table = [
        line for line in lines[start:end] if not any(line.startswith(f"{key} =") for key in keys)
    ]
    meta = '[meta]\ncldr = "sv"\n' + ('fallback = "sv"\n' if fallback else "")
    return meta + "[parser]\n" + extra + "\n".join(table[1:]) + "\n"


def test_a_catalogue_lacking_a_parser_word_says_which(catalogues: Path) -> None:
    write(catalogues, "qba", sv_parser_without("joiners", fallback=False))
    with pytest.raises(UnknownLocale) as caught:
        parse_target("minst 5", locale="qba")
    assert str(caught.value) == "the 'qba' catalogue has no [parser] words for 'joiners'"


def test_a_catalogue_naming_an_unknown_comparison_says_which_it_may_name(
    catalogues: Path,
) -> None:
    text = sv_parser_without().replace(
        "[parser.comparisons]", '[parser.comparisons]\nabout = ["cirka"]'
    )
    write(catalogues, "qbb", text)
    with pytest.raises(UnknownLocale) as caught:
        parse_target("minst 5", locale="qbb")
    assert str(caught.value) == (
        "the 'qbb' catalogue's [parser.comparisons] names about; "
        "it may name at_least, at_most, more_than, less_than"
    )


def test_a_catalogue_naming_an_unknown_period_kind_says_which_it_may_name(
    catalogues: Path,
) -> None:
    text = sv_parser_without().replace("[parser.periods]", '[parser.periods]\nweek = ["vecka"]')
    write(catalogues, "qbc", text)
    with pytest.raises(UnknownLocale) as caught:
        parse_target("minst 5", locale="qbc")
    assert str(caught.value) == (
        "the 'qbc' catalogue's [parser.periods] names week; it may name half, tertial, quarter"
    )


def test_a_catalogue_of_its_own_words_reads_them(catalogues: Path) -> None:
    text = sv_parser_without(
        "numbers",
        "references",
        fallback=False,
        extra='references = ["Hela Landet"]\nnumbers = { "3" = ["TRE"], "7" = ["sju", "sjuan"] }\n',
    )
    write(catalogues, "qbd", text)
    assert parse_target("minst sjuan", locale="qbd") == th(AT_LEAST, 7)
    assert parse_target("minst tre", locale="qbd") == th(AT_LEAST, 3)
    assert parse_target("minst hela landet", locale="qbd").reference == "Hela Landet"  # type: ignore[attr-defined]
    with pytest.raises(UnreadableTarget):
        parse_target("minst fyra", locale="qbd")
    # No [parser.rules.band] words: a band is not written in this language.
    with pytest.raises(UnreadableTarget):
        parse_target("mellan 5 och 10", locale="qbd")
    assert parse_target("mellan 5 och 10").unit is None  # type: ignore[attr-defined]


def test_the_clauses_named_in_an_error_are_those_the_language_has(catalogues: Path) -> None:
    write(catalogues, "qbe", sv_parser_without("stepwise", extra="stepwise = []\n"))
    with pytest.raises(UnreadableTarget) as caught:
        parse_target("minst 5 (foo)", locale="qbe")
    assert caught.value.candidates[-1] == "a clause: 'nära målet inom …', 'i …', 'motsvarande …'"


# -- the forms suggested per language -------------------------------------------------------------


def test_the_known_forms_are_given_per_language() -> None:
    assert list(_FORMS) == ["en", "nb", "sv"]
    assert len(_FORMS) == 3
    assert _FORMS["sv"][0] == ("<250 rec/TIN", "under ett tak")
    assert _FORMS["en"][1] == ("at least 30 %", "a floor")
    assert all(len(_FORMS[language]) >= 5 for language in _FORMS)


# -- sentences ------------------------------------------------------------------------------------


def test_a_nested_composite_is_written_in_parentheses() -> None:
    rule = Composite(rules=(YesNo(), YesNo(expected=False)))
    assert phrase(rule).render(locale="en") == "all of: the answer yes; the answer no"
    assert phrase(rule, nested=True).render(locale="en") == (
        "(all of: the answer yes; the answer no)"
    )
    assert describe(rule, locale="en") == "all of: the answer yes; the answer no"
    assert describe(Composite(rules=(rule, YesNo())), locale="sv") == (
        "samtliga av: (samtliga av: svaret ja; svaret nej); svaret ja"
    )
