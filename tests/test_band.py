"""The band rule ("mellan 85 och 95 %"): added as one module of malstyrning.rules, it works in
documents, the schema, the parser (sv, en, nb), describe, the scalar and batch evaluators and
the strategies, without any of them naming it. Batch evaluation of bands is tested with the
other engines' tests in test_batch.py."""

from __future__ import annotations

import json
from decimal import Decimal as D

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import malstyrning
from _plans import band, band_plan
from malstyrning import Period
from malstyrning.errors import InvalidTarget
from malstyrning.rules import Rule, RuleContext, Tolerance, kind, registry
from malstyrning.schema import json_schema
from malstyrning.target_text import describe, parse_target
from malstyrning.testing import RULE_KINDS, SIMPLE_RULES, target_rules

Band = kind("band")


def judged(rule: Rule, value: str) -> tuple[object, object, object]:
    period = Period("2023")
    result = rule.judge(RuleContext.of_values({"total": {period: D(value)}}, period=period))
    return result.achievement and result.achievement.value, result.target, result.gap


def test_band_is_registered_under_its_document_tag() -> None:
    assert registry()["band"] is Band
    assert malstyrning.rules.Band is Band
    assert Band in SIMPLE_RULES
    assert Band in RULE_KINDS


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("85", ("met", D(85), D(0))),  # both ends are inside the band
        ("95", ("met", D(95), D(0))),
        ("90", ("met", D(85), D(5))),  # equally far from both ends: the low end is named
        ("93", ("met", D(95), D(2))),
        ("84", ("near", D(85), D(-1))),  # within the tolerance of the nearer end
        ("97", ("near", D(95), D(-2))),
        ("82.9", ("not_met", D(85), D("-2.1"))),
        ("97.5", ("not_met", D(95), D("-2.5"))),
    ],
)
def test_band_judges_inside_near_and_outside_with_the_gap_to_the_nearer_end(
    value: str, expected: tuple[object, object, object]
) -> None:
    assert judged(band(tolerance=Tolerance(D(2))), value) == expected


def test_band_without_tolerance_has_no_middle_level() -> None:
    assert judged(band(), "84.99")[0] == "not_met"


def test_band_explains_itself_in_every_language() -> None:
    period = Period("2023")
    result = band().judge(RuleContext.of_values({"total": {period: D(97)}}, period=period))
    assert result.explanation.render(locale="en") == (
        "Outcome 97%, target between 85 and 95%: not met."
    )
    assert "mellan 85 och 95" in result.explanation.render(locale="sv")
    assert "mellom 85 og 95" in result.explanation.render(locale="nb")


def test_a_band_whose_ends_are_swapped_is_refused() -> None:
    with pytest.raises(InvalidTarget, match="low end must not be above its high end"):
        Band(low=D(95), high=D(85))


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        ("mellan 85 och 95 %", "sv", band()),
        ("Mellan 85,5 och 95 procent", "sv", band(low=D("85.5"))),
        ("inom intervallet 2–4 dagar", "sv", Band(low=D(2), high=D(4), unit="dagar")),
        ("between 85 and 95 %", "en", band()),
        ("within the range 2-4 dagar", "en", Band(low=D(2), high=D(4), unit="dagar")),
        ("mellom 85 og 95 %", "nb", band()),
        ("mellan 85 och 95 % (nära målet inom 2 %)", "sv", band(tolerance=Tolerance(D(2)))),
    ],
)
def test_band_texts_are_read_in_every_language(text: str, locale: str, expected: Rule) -> None:
    assert parse_target(text, locale=locale) == expected


def test_band_with_different_units_at_its_ends_is_not_read() -> None:
    with pytest.raises(malstyrning.errors.UnreadableTarget):
        parse_target("mellan 85 % och 95 dagar")


@pytest.mark.parametrize("locale", ["sv", "en", "nb"])
@settings(max_examples=30)
@given(rule=target_rules(types=[Band]))
def test_band_sentences_read_back_to_the_same_rule(locale: str, rule: Rule) -> None:
    assert isinstance(rule, Band)
    assert parse_target(describe(rule, locale=locale), locale=locale) == rule


def test_band_documents_round_trip_and_follow_the_schema() -> None:
    plan = band_plan(band(tolerance=Tolerance(D(1))))
    text = malstyrning.dumps(plan, format="json")
    document = json.loads(text)
    target = document["goals"][0]["children"][0]["target"]
    assert target == {
        "type": "band",
        "low": 85,
        "high": 95,
        "unit": "%",
        "tolerance": {"amount": 1},
    }
    assert malstyrning.loads(text, format="json") == plan
    assert malstyrning.loads(malstyrning.dumps(plan, format="yaml"), format="yaml") == plan
    schema = json_schema()
    tags = [option["properties"]["type"]["const"] for option in schema["$defs"]["Rule"]["oneOf"]]
    assert "band" in tags
    jsonschema.validate(document, schema)


def test_a_band_document_with_a_misspelt_key_names_the_place() -> None:
    plan = band_plan(band())
    document = json.loads(malstyrning.dumps(plan, format="json"))
    document["goals"][0]["children"][0]["target"]["hihg"] = 95
    with pytest.raises(malstyrning.errors.DocumentError) as raised:
        malstyrning.loads(json.dumps(document), format="json")
    assert "unknown keys hihg (check the spelling) @ $.goals[0].children[0].target" in str(
        raised.value
    )


@given(st.from_type(Band))
def test_band_strategies_give_valid_bands(rule: Rule) -> None:
    assert isinstance(rule, Band)
    assert rule.low <= rule.high


@pytest.mark.parametrize("dash", ["-", "–", "—"])
def test_a_band_range_is_read_with_a_hyphen_en_dash_or_em_dash(dash: str) -> None:
    text = f"inom intervallet 2{dash}4 dagar"
    assert parse_target(text) == Band(low=D(2), high=D(4), unit="dagar")


SWAPPED_ENDS = "a second value of at least 95: a band names its low end first"


@pytest.mark.parametrize(
    ("text", "locale", "unread", "offset", "expected"),
    [
        ("mellan 85 95 %", "sv", "95", 10, "the band's second value"),
        ("inom intervallet 2 4 dagar", "sv", "4", 19, "'–' between the band's two values"),
        ("mellan 85 % och 95 dagar", "sv", "", 24, "the same unit at both ends of the band (%)"),
        # Swapped ends are refused at the second value, with or without a series before
        # them: no later reading ("85 %" alone, as "at least 85 %") is taken instead.
        ("kvinnor: mellan 95 och 85 %", "sv", "85", 23, SWAPPED_ENDS),
        ("women: between 95 and 85 %", "en", "85", 22, SWAPPED_ENDS),
        ("mellan 95 och 85 %", "sv", "85", 14, SWAPPED_ENDS),
        ("between 95 and 85 %", "en", "85", 15, SWAPPED_ENDS),
        ("mellom 95 og 85 %", "nb", "85", 13, SWAPPED_ENDS),
        ("Andelen ska ligga mellan 95 och 85 %.", "sv", "85", 32, SWAPPED_ENDS),
        (
            "inom intervallet 4–2 dagar",
            "sv",
            "2",
            19,
            "a second value of at least 4: a band names its low end first",
        ),
    ],
)
def test_a_band_text_that_cannot_be_read_names_the_place_and_what_was_expected(
    text: str, locale: str, unread: str, offset: int, expected: str
) -> None:
    with pytest.raises(malstyrning.errors.UnreadableTarget) as raised:
        parse_target(text, locale=locale)
    error = raised.value
    assert (error.unread, error.offset, error.expected) == (unread, offset, expected)


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("mellan 1,1234567890123 och 2 %", "Band.low"),
        ("mellan 1 och 2,1234567890123 %", "Band.high"),
        ("inom intervallet 2–40000000000000000 dagar", "Band.high"),
    ],
)
def test_a_band_value_out_of_bounds_is_the_bands_error_not_a_later_reading(
    text: str, end: str
) -> None:
    # It was a failed reading: the parser went on and read "2 %" alone as the target.
    with pytest.raises(InvalidTarget, match=f"^{end}: the number .* is out of bounds"):
        parse_target(text)
