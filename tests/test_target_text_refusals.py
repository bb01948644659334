"""Target texts that must be refused: the exact words of the error, the place it names, the
readings it lists and the nearest form it suggests, in Swedish, English and Norwegian bokmål.

A plan's author reads these messages to mend a target; each row pins what the message says
(``expected``), the part of the text it underlines (``unread`` at ``offset``), and, where the
text reads more than one way, the readings it names.
"""

import re
from decimal import Decimal as D

import pytest

from malstyrning.errors import UnreadableTarget
from malstyrning.rules import Comparison, Direction, Threshold
from malstyrning.target_text import TargetContext, parse_target

CONTEXTS = {
    "": None,
    "lower": TargetContext(direction=Direction.LOWER_IS_BETTER),
    "columns": TargetContext(target_periods=("2022", "2024")),
}
SERIES_SV = "kvinnor, män, totalt"
DEADLINE = (
    "a target level by a deadline ('minst' for an indicator where higher is better, "
    "'högst' where lower is)"
)
BASELINE_OR_VALUE = (
    "a comparison before the value or a baseline word before the year (e.g. 'fler än 2018')"
)
THAN_YEAR = "'än' and a baseline year (e.g. 'fler än 2018')"
UNITS = (
    "a unit (%, antal, dagar, dimensionsvärde, index, ja/nej, kr, mkr, månader, personer, "
    "poäng, rec/TIN, …; declare others in the context's units)"
)
SUCH_AS = (
    "a target such as <250 rec/TIN, minst 30 %, högst 7,5 procent över snittet i riket, "
    "fler än 2018"
)
REFERENCES_SV = (
    "a value, a period or a reference series "
    "(kommunen, kvinnor, landet, länet, män, regionen, riket, sverige, totalt)"
)


def refusal(text: str, locale: str = "sv", context: str = "") -> UnreadableTarget:
    with pytest.raises(UnreadableTarget) as caught:
        parse_target(text, locale=locale, context=CONTEXTS[context])
    return caught.value


def ascii_id(*parts: object) -> str:
    """A test id of ASCII letters and digits only (mutmut passes test ids back to pytest)."""
    return re.sub(r"[^A-Za-z0-9]+", "-", " ".join(map(str, parts))).strip("-") or "empty"


def clause(name: str) -> str:
    return f"a series of the indicator ({SERIES_SV}) or a known clause, not {name!r}"


def prefix(name: str, known: str = SERIES_SV) -> str:
    return f"a series of the indicator before ':' ({known}), not {name!r}"


# (locale, context, text, the part named, its offset, what was expected there)
REFUSED = [
    # nothing to read
    ("sv", "", "", "", 0, "a target, e.g. minst 30 %"),
    ("sv", "", "   ", "", 0, "a target, e.g. minst 30 %"),
    ("en", "", "", "", 0, "a target, e.g. at least 30 %"),
    ("nb", "", "", "", 0, "a target, e.g. minst 30 %"),
    (
        "sv",
        "",
        "*HSE: Målvärde går inte",
        "*HSE: Målvärde går inte",
        0,
        SUCH_AS,
    ),
    ("sv", "", "Målvärde:", "", 9, "a target"),
    # values and units
    ("sv", "", "minst 30 äpplen", "äpplen", 9, UNITS),
    ("sv", "", "minst", "", 5, "a value, a period or a reference series (e.g. 'riket')"),
    ("sv", "", "minst (", "(", 6, "a value, a period or a reference series (e.g. 'riket')"),
    ("sv", "", "minst stora", "stora", 6, REFERENCES_SV),
    ("sv", "", "minst 5 % över", "", 14, "a value, a period or a reference series (e.g. 'riket')"),
    ("sv", "", "5 procentenheter", "5", 0, "a target value"),
    ("sv", "", "bibehålla 5 procentenheter", "", 26, "a level"),
    (
        "sv",
        "",
        "mellan 5 procentenheter och 6",
        "5",
        7,
        "a value (percentage points apply to changes)",
    ),
    (
        "sv",
        "",
        "Antal patienter 5",
        "5",
        16,
        "a comparison before the value (e.g. 'minst 5') or its unit",
    ),
    ("sv", "", "svaret kanske", "kanske", 7, "'ja' or 'nej'"),
    ("sv", "", "minst 30 %; xyz", ";", 10, "the end of the target"),
    ("sv", "", "minst 5 % i 2020", "2020", 12, "the end of the target"),
    # changes and baselines
    (
        "sv",
        "",
        "ska minska",
        "",
        10,
        "a baseline period (e.g. 'jämfört med 2018'), or a context with a baseline",
    ),
    ("sv", "", "minska med 10 %", "", 15, "a baseline period (e.g. 'jämfört med 2018')"),
    (
        "sv",
        "",
        "minska med -10 % mot 2015",
        "-10",
        11,
        "an amount of change without a sign (the verb says which way)",
    ),
    ("sv", "", "fler användarkonton", "", 19, THAN_YEAR),
    ("sv", "", "fler än", "", 7, THAN_YEAR),
    ("sv", "", "lägre än maj", "", 12, THAN_YEAR),
    ("sv", "", "lägre än tertial 1", "", 18, THAN_YEAR),
    ("sv", "", "lägre än 2019-12-31 - 2019-03-01", "", 32, THAN_YEAR),
    ("sv", "", "lägre än tertial 4 2019", "2019", 19, BASELINE_OR_VALUE),
    ("sv", "", "lägre än maj-mars 2019", "2019", 18, BASELINE_OR_VALUE),
    ("sv", "", "lägre än januari-februari-mars 2019", "2019", 31, BASELINE_OR_VALUE),
    ("sv", "", "Antalet ska minska 2016", "2016", 19, BASELINE_OR_VALUE),
    (
        "sv",
        "",
        "nå nivån för 2017",
        "nå",
        0,
        "'öka' or 'minska' (or a context with the indicator's direction)",
    ),
    (
        "sv",
        "",
        "minst 5 (2019-T4)",
        "2019-T4",
        9,
        (
            "a period (unknown period '2019-T4': a year has tertials T1-T3 (expected e.g. "
            "'2019', '2019-T1', 'T1 2019', '2019-H1', '2019-Q3', '2019-05' or "
            "'2019-03-01/2019-12-31'))"
        ),
    ),
    ("sv", "", "minst 5 kr motsvarande", "", 22, "a change against a baseline"),
    ("sv", "", "minst 5 motsvarande 4 timmar", "4", 20, "a change against a baseline"),
    ("sv", "", "mot 80 %", "80", 4, BASELINE_OR_VALUE),
    ("sv", "", "målnivåer 5 (maj)", ")", 16, "a year"),
    ("sv", "", "minska med 10 % mot maj", "", 23, "a year"),
    ("sv", "", "målnivåer 5 (tertial 1)", "1", 21, "a period such as 'tertial 1 2019'"),
    # deadlines
    ("sv", "", "mer än 90 % 2020", "2020", 12, DEADLINE),
    ("sv", "", "fler än 345 2019", "2019", 12, DEADLINE),
    ("sv", "lower", "minst 90 % 2020", "2020", 11, DEADLINE),
    # target levels
    (
        "sv",
        "",
        "målnivåer 85 (2024), 87 (2022)",
        "87",
        21,
        "target levels in time order without overlap",
    ),
    (
        "sv",
        "",
        "målnivåer 5 (2022), 6 (2022)",
        "6",
        20,
        "target levels in time order without overlap",
    ),
    ("sv", "", "målnivåer 85 % (2022), 87 kr (2024)", "", 35, "one unit for every target level"),
    ("sv", "columns", "85 procentenheter 87", "", 20, "one unit for every target level"),
    ("sv", "", "målnivåer 85 (2022", "", 18, "')'"),
    ("sv", "", "målnivåer 85 (2022), 87", "", 23, "the period of a target level, e.g. '(2022)'"),
    # clauses in parentheses
    ("sv", "", "minst 5 (i %", "", 12, "')'"),
    ("sv", "", "minst 5 (foo)", "foo", 9, clause("foo")),
    ("sv", "", "minst 5 (stegvis)", "stegvis", 9, clause("stegvis")),
    ("sv", "", "minst 5 (nära målet inon 5 %)", "nära", 9, clause("nära målet inon 5 %")),
    ("sv", "", "minst 5 (nära målet inom 0)", "nära", 9, clause("nära målet inom 0")),
    ("sv", "", "minst 5 % (i kr)", "i", 11, clause("i kr")),
    (
        "sv",
        "",
        "minst 5 (nära målet inom 2 kr av målvärdet)",
        "nära",
        9,
        clause("nära målet inom 2 kr av målvärdet"),
    ),
    (
        "sv",
        "",
        "minst 5 (nära målet inom 1) (nära målet inom 1)",
        "nära",
        29,
        clause("nära målet inom 1"),
    ),
    ("sv", "", "svaret ja (i %)", "i", 11, clause("i %")),
    ("sv", "", "(Ja/Nej) (i %)", "i", 10, clause("i %")),
    ("sv", "", "(samtliga av: minst 5) (i %)", "i", 24, clause("i %")),
    ("sv", "", "(Ja/Nej) (nära målet inom 1)", "nära", 10, clause("nära målet inom 1")),
    (
        "sv",
        "",
        "(samtliga av: minst 5) (nära målet inom 1 %)",
        "nära",
        24,
        clause("nära målet inom 1 %"),
    ),
    (
        "en",
        "",
        "at least 5 (i %)",
        "i",
        12,
        "a series of the indicator (men, total, women) or a known clause, not 'i %'",
    ),
    # an unclosed clause names what it could not read inside
    (
        "sv",
        "",
        "minst 5 (nära målet inom 2 kr av målvärdet",
        "av",
        30,
        "a tolerance in percent of the target value",
    ),
    ("sv", "", "minst 5 (nära målet inom x", "x", 25, "a number"),
    ("sv", "", "minst 5 (i äpplen", "äpplen", 11, "a unit"),
    ("sv", "", "minst 5 (motsvarande 4", "4", 21, "a change against a baseline"),
    ("sv", "", "minst 5 (stegvis", "", 16, "target levels"),
    ("sv", "", "minst 5 % (i kr", "", 15, "the same unit as the target (%)"),
    ("sv", "", "(Ja/Nej) (nära målet inom 1", "", 27, "')'"),
    ("sv", "", "minst 5 (nära målet inom 1 (stegvis)", "(", 27, "')'"),
    ("sv", "", "målnivåer 5 (2022) (stegvis", "", 27, "')'"),
    ("sv", "", "fler än  ", "", 7, THAN_YEAR),
    ("sv", "", "mellan 5 och", "", 12, "a number"),
    ("sv", "", "mellan 5 10", "10", 9, "the band's second value"),
    ("en", "", "between 5 10", "10", 10, "the band's second value"),
    ("sv", "", "målnivåer 85 (2022) x 87 (2024)", "87", 22, "the end of the target"),
    (
        "sv",
        "",
        "målnivåer 5 (2019-03-01), 6 (2019-03-01)",
        "6",
        26,
        "target levels in time order without overlap",
    ),
    (
        "sv",
        "",
        "målnivåer 5 (2019-01-01 – 2019-06-30), 6 (2019-06-30 – 2019-12-31)",
        "6",
        39,
        "target levels in time order without overlap",
    ),
    ("sv", "", "målnivå 2022: 85 %, målnivå 2024: 87 kr", "2022", 8, BASELINE_OR_VALUE),
    # series before a colon
    ("sv", "", "Antal: 4,85", "Antal", 0, prefix("Antal")),
    ("sv", "", "Kvinnor: Målvärde: 85 %", "Målvärde", 9, prefix("Målvärde")),
    ("sv", "", "minst 2 av: minst 5", "av", 8, prefix("av")),
    ("sv", "", "a b c d e f g: minst 5", "a", 0, prefix("a b c d e f g")),
    ("sv", "", "a b c d e f g h: minst 5", "b", 2, prefix("b c d e f g h")),
    ("sv", "", "a + b: minst 5", "b", 4, prefix("b")),
    ("sv", "", "a-b: minst 5", "a-b", 0, prefix("a-b")),
    ("sv", "", "2019-T1: minst 5", "2019-T1: minst 5", 0, SUCH_AS),
    ("sv", "", "a 2019-03-01: minst 5", "a 2019-03-01: minst 5", 0, SUCH_AS),
    (
        "sv",
        "",
        "kvinnor 5 %, män 6 %, 7 %",
        "7",
        22,
        "the series of each target (e.g. 'kvinnor 29 %, män 21 %')",
    ),
    ("en", "", "count: 4.85", "count", 0, prefix("count", "men, total, women")),
    ("nb", "", "Antall: 4,85", "Antall", 0, prefix("Antall", "kvinner, menn, totalt")),
    (
        "sv",
        "",
        "Kvinnor 29 %, 21 %",
        "21",
        14,
        "the series of each target (e.g. 'kvinnor 29 %, män 21 %')",
    ),
    # composites
    ("sv", "", "(minst 2,5 av: minst 5)", "2,5", 7, "a whole number of parts"),
    # the care guarantee
    ("sv", "", "0:an", "", 4, "'och 3:an'"),
    ("sv", "", "0:an och 4:an 100 %", "och", 5, "'och 3:an'"),
    ("sv", "", "0:an och 3:an 100 %, 80 och 90: 90 %", "80", 21, "'90 och 90'"),
    ("sv", "", "0:an och 3:an 100 %, 90 och 80: 90 %", "80", 28, "'90 och 90'"),
    ("sv", "", "0:an och 3:an 100 %, 90 och 90,0: 90 %", "90,0", 28, "'90 och 90'"),
    ("sv", "", "0:an och 3:an 100 %, 90", "", 23, "'90 och 90'"),
    ("sv", "", "0:an och 3:an 100 %, 90 eller 90: 90 %", "eller", 24, "'och'"),
    # prose after a target holds no second target
    (
        "sv",
        "",
        "minst 30 % öka",
        "",
        14,
        "a baseline period (e.g. 'jämfört med 2018'), or a context with a baseline",
    ),
    (
        "sv",
        "",
        "minst 30 % 5",
        "minst",
        0,
        "the series of each target (e.g. 'kvinnor 29 %, män 21 %')",
    ),
    (
        "sv",
        "",
        "minst 30 % ja/nej",
        "minst",
        0,
        "the series of each target (e.g. 'kvinnor 29 %, män 21 %')",
    ),
    (
        "sv",
        "",
        "minst 5 %, minst 6 % (män)",
        "minst",
        0,
        "the series of each target (e.g. 'kvinnor 29 %, män 21 %')",
    ),
    ("sv", "", "minst 5 (nära målet inom 1) motsvarande 3", "3", 40, "a change against a baseline"),
    (
        "sv",
        "",
        "öka med",
        "",
        7,
        "a baseline period (e.g. 'jämfört med 2018'), or a context with a baseline",
    ),
    # prose before a target ends at a structure symbol
    (
        "sv",
        "",
        "Antal ; minst 5",
        "Antal ; minst 5",
        0,
        SUCH_AS,
    ),
    (
        "sv",
        "",
        "Kvinnor: Målvärde 85 %",
        "Kvinnor: Målvärde 85 %",
        0,
        SUCH_AS,
    ),
    ("sv", "", "kvinnor:", "", 8, "a target"),
    ("sv", "", "ska minska till 80 %", "80", 16, BASELINE_OR_VALUE),
    ("sv", "", "Antalet mot 80 %", "80", 12, BASELINE_OR_VALUE),
    (
        "sv",
        "",
        "minst snittet i 5",
        "5",
        16,
        "a value, a period or a reference series (e.g. 'riket')",
    ),
    ("sv", "", "minst 5 % över X", "X", 15, REFERENCES_SV),
    ("sv", "", "fler än 345 maj 2019", "maj", 12, DEADLINE),
    # nesting
    (
        "sv",
        "",
        "kvinnor: " * 13 + "minst 5",
        "minst",
        117,
        "less nesting",
    ),
]


@pytest.mark.parametrize("row", REFUSED, ids=[ascii_id(row[0], row[2]) for row in REFUSED])
def test_a_refused_text_names_the_place_and_what_was_expected(
    row: tuple[str, str, str, str, int, str],
) -> None:
    locale, context, text, unread, offset, expected = row
    error = refusal(text, locale, context)
    assert error.expected == expected
    assert (error.unread, error.offset) == (unread, offset)
    assert error.text == text


# -- the readings an ambiguous text names ---------------------------------------------------


def _without_value(series: str, example: str) -> tuple[str, ...]:
    return (
        f"a target for the series {series!r}: give its value, e.g. {example}",
        f"a unit {series!r}: declare it in the context's units",
        "a note: leave it out of the target text",
    )


AMBIGUOUS = [
    ("sv", "", "Antalet ska minska 2016", ("a baseline period 2016", "a target value 2016")),
    ("sv", "", "målnivåer 85 2022", ("a baseline period 2022", "a target value 2022")),
    ("sv", "", "Antalet mot 80 %", ("a baseline period 80", "a target value 80")),
    (
        "sv",
        "",
        "fler än 345 maj 2019",
        ("a target level 345 by 2019-05", "a threshold 345 measured over 2019-05"),
    ),
    (
        "sv",
        "",
        "mer än 90 % 2020",
        ("a target level 90 by 2020", "a threshold 90 measured over 2020"),
    ),
    (
        "sv",
        "",
        "har minskat från 6,5 till 5,7 %",
        (
            "an outcome: give it as a measurement",
            "a target: write what shall hold, e.g. 'minska med 10 % mot 2015'",
        ),
    ),
    (
        "en",
        "",
        "has decreased",
        (
            "an outcome: give it as a measurement",
            "a target: write what shall hold, e.g. 'decrease by 10 % compared with 2015'",
        ),
    ),
    (
        "nb",
        "",
        "har sunket",
        (
            "an outcome: give it as a measurement",
            "a target: write what shall hold, e.g. 'redusere med 10 % sammenlignet med 2015'",
        ),
    ),
    (
        "sv",
        "",
        "Antal: 4,85",
        ("a series named 'Antal': add it to the indicator's series", "a target without the prefix"),
    ),
    (
        "sv",
        "",
        "minst 5 (foo)",
        (
            "a series named 'foo': add it to the indicator's series",
            "a clause: 'nära målet inom …', 'i …', 'motsvarande …', 'stegvis …'",
        ),
    ),
    (
        "en",
        "",
        "at least 5 (i %)",
        (
            "a series named 'i %': add it to the indicator's series",
            "a clause: 'close within …', 'in …', 'equivalent to …', 'stepwise …'",
        ),
    ),
    # A series named after the target, without a value: never dropped, never guessed.
    ("sv", "", "Kvinnor 5 %, män", _without_value("män", "'kvinnor 29 %, män 21 %'")),
    ("sv", "", "minst 29 kvinnor", _without_value("kvinnor", "'kvinnor 29 %, män 21 %'")),
    ("en", "", "women 5 %, men", _without_value("men", "'women: 29 %, men: 21 %'")),
    ("nb", "", "minst 29 kvinner", _without_value("kvinner", "'kvinner: 29 %, menn: 21 %'")),
    ("sv", "", "minst 5 %, kvinnor minst", _without_value("kvinnor", "'kvinnor 29 %, män 21 %'")),
]


@pytest.mark.parametrize(
    ("locale", "context", "text", "candidates"),
    AMBIGUOUS,
    ids=[ascii_id(row[0], row[2]) for row in AMBIGUOUS],
)
def test_an_ambiguous_text_lists_the_readings_it_considered(
    locale: str, context: str, text: str, candidates: tuple[str, ...]
) -> None:
    error = refusal(text, locale, context)
    assert error.candidates == candidates
    assert str(error).splitlines()[-1] == "readings considered: " + "; ".join(candidates)


def test_a_series_without_a_value_is_refused_where_it_stands() -> None:
    error = refusal("Kvinnor 5 %, män", "sv", "")
    assert str(error).splitlines()[:3] == [
        (
            "cannot read the target 'Kvinnor 5 %, män': stuck at 'män' at offset 13; expected "
            "the end of the target, not the series 'män' without a value"
        ),
        "  Kvinnor 5 %, män",
        "               ^^^",
    ]


@pytest.mark.parametrize("after", [":", ";"])
def test_a_series_name_that_introduces_a_target_is_no_series_without_a_value(after: str) -> None:
    # The reading failed at the unreadable target after the name, and says so there.
    error = refusal(f"minst 5 %, kvinnor{after} massor", "sv", "")
    assert error.expected == "the end of the target"
    assert str(error).splitlines()[1:3] == [
        f"  minst 5 %, kvinnor{after} massor",
        "                    ^",
    ]


def test_the_word_for_the_total_after_a_target_is_prose() -> None:
    assert parse_target("minst 5 % totalt", locale="sv") == parse_target("minst 5 %", locale="sv")
    assert parse_target("at least 5 % total", locale="en") == parse_target("at least 5 %")


def test_a_unit_that_is_a_series_name_is_read_where_the_context_declares_it() -> None:
    rule = parse_target("minst 29 kvinnor", locale="sv", context=TargetContext(units=("kvinnor",)))
    assert rule == Threshold(comparison=Comparison.AT_LEAST, value=D(29), unit="kvinnor")


def test_an_outcome_names_the_words_that_say_what_happened() -> None:
    error = refusal("har minskat från 6,5 till 5,7 %")
    assert error.expected == "a target, not an outcome ('har minskat' says what happened)"
    assert (error.unread, error.offset) == ("har", 0)
    error = refusal("Andelen har ökat från 80 till 85 %")
    assert error.expected == "a target, not an outcome ('har ökat' says what happened)"
    assert (error.unread, error.offset) == ("har", 8)
    error = refusal("Resultatet blev 85 %")
    assert error.expected == "a target, not an outcome ('blev' says what happened)"
    error = refusal("The share rose to 85 %", "en")
    assert error.expected == "a target, not an outcome ('rose' says what happened)"


# -- the nearest known forms ------------------------------------------------------------------

NEAREST = [
    (
        "sv",
        "",
        (
            "'<250 rec/TIN' (under ett tak)",
            "'minst 30 %' (minst ett värde)",
            "'högst 7,5 procent över snittet i riket' (mot en referens)",
        ),
    ),
    (
        "en",
        "",
        (
            "'<250 rec/TIN' (a ceiling)",
            "'at least 30 %' (a floor)",
            "'at most 7.5 % above riket' (against a reference)",
        ),
    ),
    (
        "nb",
        "",
        (
            "'<250 rec/TIN' (et tak)",
            "'minst 30 %' (en nedre grense)",
            "'høyst 7,5 % over riket' (mot en referanse)",
        ),
    ),
    (
        "sv",
        "minst 30 äpplen",
        (
            "'minst 30 %' (minst ett värde)",
            "'minska till 2017 årsnivå' (nå ett basårs nivå)",
            "'minska med 10 % mot 2015' (förändring med ett belopp)",
        ),
    ),
    (
        "sv",
        "0:an och 4:an 100 %",
        (
            "'0:an och 3:an 100 %, 90 och 90: 90 %' (vårdgarantin)",
            "'minst 30 %' (minst ett värde)",
            "'minska med 10 % mot 2015' (förändring med ett belopp)",
        ),
    ),
    (
        "sv",
        "(Ja/Nej",
        (
            "'(Ja/Nej)' (ja/nej-mått)",
            "'<250 rec/TIN' (under ett tak)",
            "'bibehålla nivån 5 %' (bibehålla en nivå)",
        ),
    ),
]


@pytest.mark.parametrize(
    ("locale", "text", "nearest"), NEAREST, ids=[ascii_id(row[0], row[1]) for row in NEAREST]
)
def test_an_unreadable_text_suggests_the_nearest_known_forms_first(
    locale: str, text: str, nearest: tuple[str, ...]
) -> None:
    error = refusal(text, locale)
    assert error.candidates == nearest
    assert error.suggestion == nearest[0]
    assert str(error).splitlines()[3] == f"nearest known form: {nearest[0]}"


def test_the_whole_message_shows_the_text_the_place_and_the_nearest_form() -> None:
    assert str(refusal("minst 30 äpplen")) == (
        "cannot read the target 'minst 30 äpplen': stuck at 'äpplen' at offset 9; expected "
        f"{UNITS}\n"
        "  minst 30 äpplen\n"
        "           ^^^^^^\n"
        "nearest known form: 'minst 30 %' (minst ett värde)"
    )
    assert str(refusal("fler än", "sv")).splitlines()[0] == (
        f"cannot read the target 'fler än': stuck at the end (offset 7); expected {THAN_YEAR}"
    )
    assert str(refusal("*HSE: Målvärde går inte")).splitlines()[2] == "  " + "^" * 23
    # Space around a text nothing could be read in is not underlined.
    error = refusal("  *HSE: Målvärde går inte ")
    assert (error.unread, error.offset) == ("*HSE: Målvärde går inte", 2)


def test_a_text_that_is_no_string_is_refused_with_its_representation() -> None:
    with pytest.raises(UnreadableTarget) as caught:
        parse_target(42)  # type: ignore[arg-type]
    error = caught.value
    assert (error.text, error.offset, error.length) == ("42", 0, 0)
    assert error.expected == "a text"
    assert error.suggestion == "'<250 rec/TIN' (under ett tak)"
    with pytest.raises(UnreadableTarget) as caught:
        parse_target(None, locale="en")  # type: ignore[arg-type]
    assert caught.value.text == "None"
    assert caught.value.suggestion == "'<250 rec/TIN' (a ceiling)"


def test_a_text_over_the_limit_names_its_length_and_the_first_place_past_it() -> None:
    text = "minst 5 %" + " x" * 10
    with pytest.raises(UnreadableTarget) as caught:
        parse_target(text, max_length=12)
    error = caught.value
    assert error.expected == f"a target of at most 12 characters (got {len(text)})"
    assert (error.offset, error.length) == (12, len(text) - 12)
    assert error.suggestion == "'minst 30 %' (minst ett värde)"
    assert parse_target("minst 5 %", max_length=9) == parse_target("minst 5 %")
    with pytest.raises(UnreadableTarget):
        parse_target("minst 5 %", max_length=8)


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("sv", "minst 5 % eller minst"),
        ("sv", "minst 5 % och högst."),
        ("en", "at least 5 % or at most"),
        ("nb", "minst 5 % eller høyst"),
    ],
)
def test_a_comparison_that_ends_the_text_is_refused_not_dropped(locale: str, text: str) -> None:
    error = refusal(text, locale, "")
    assert error.expected == "a value after the comparison, or the end of the target"
    assert error.offset == len(text.rstrip("."))
