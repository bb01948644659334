"""Targets read exactly or not at all (issue 15): years, periods, deadlines, number words,
series names and outcome statements, in Swedish and in the forms that apply in English and
Norwegian bokmål.

Each row is a phrase as a plan might write it and the rule it must give, or the error it must
raise with the part of the text the error names.
"""

from decimal import Decimal as D

import pytest

from malstyrning.errors import UnreadableTarget
from malstyrning.periods import Period
from malstyrning.rules import (
    Change,
    Comparison,
    Direction,
    Maintain,
    RelativeToReference,
    SeriesTarget,
    TargetLevel,
    Threshold,
    Trajectory,
)
from malstyrning.target_text import TargetContext, parse_target

UP, DOWN = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER
P = Period.parse
LOWER = TargetContext(direction=DOWN)
HIGHER = TargetContext(direction=UP)
AGES = TargetContext(series={"alla åldrar": "all_ages", "över 65 år": "over_65"})


def down(period, **kw):
    return Change(baseline=P(period), direction=DOWN, **kw)


def up(period, **kw):
    return Change(baseline=P(period), direction=UP, **kw)


def threshold(comparison, value, unit=None):
    return Threshold(comparison=comparison, value=D(value), unit=unit)


def level(period, value, unit=None):
    return Trajectory(levels=(TargetLevel(P(period), D(value)),), unit=unit)


AT_LEAST, AT_MOST = Comparison.AT_LEAST, Comparison.AT_MOST
MORE, LESS = Comparison.MORE_THAN, Comparison.LESS_THAN

# (text, context, the rule it gives)
READ_SV = [
    # baselines: a year or period after "jämfört med", "mot", "än", "till … års nivå"
    ("ska minska jämfört med 2016", None, down("2016")),
    ("Antalet ska minska jämfört med 2016.", None, down("2016")),
    ("minska mot 2016", None, down("2016")),
    ("öka mot 2019", None, up("2019")),
    ("ska öka jämfört med 2018", None, up("2018")),
    ("lägre än 2016-T2", None, down("2016-T2")),
    ("lägre än 2016-05", None, down("2016-05")),
    ("högre än 2016-Q3", None, up("2016-Q3")),
    ("fler än 2017-H1", None, up("2017-H1")),
    ("lägre än i T2 2016", None, down("2016-T2")),
    ("färre än tertial 1 2019", None, down("2019-T1")),
    ("mindre än maj 2019", None, down("2019-05")),
    ("fler än 2016 års nivå", None, up("2016")),
    ("lägre jämfört med 2016", None, down("2016")),
    ("minska till 2017 årsnivå", None, down("2017", by=D(0))),
    ("minska till 2017 års nivå", None, down("2017", by=D(0))),
    ("öka till nivån för 2015", None, up("2015", by=D(0))),
    ("återgå till 2013 års nivå", LOWER, down("2013", by=D(0))),
    ("återgå till nivån för 2013", HIGHER, up("2013", by=D(0))),
    ("minska med 10 % jämfört med 2016-T2", None, down("2016-T2", by=D(10), relative=True)),
    ("öka med 5 procentenheter mot 2019-05", None, up("2019-05", by=D(5), unit="%")),
    ("minska med 3 mot T1 2020", None, down("2020-T1", by=D(3))),
    # deadlines: a trailing year or period is the target level's period
    ("minst 90 % 2020", None, level("2020", 90, "%")),
    ("Minst 90 % 2020", HIGHER, level("2020", 90, "%")),
    ("högst 5 % 2022", LOWER, level("2022", 5, "%")),
    ("minst 85 (2024)", None, level("2024", 85)),
    ("minst 90 % (2019-T2)", None, level("2019-T2", 90, "%")),
    ("minst 100 kr 2021-05", None, level("2021-05", 100, "kr")),
    ("högst 30 dagar kvartal 2 2023", LOWER, level("2023-Q2", 30, "dagar")),
    # number words are numbers
    ("minst tre", None, threshold(AT_LEAST, 3)),
    ("minst två", None, threshold(AT_LEAST, 2)),
    ("högst fem dagar", None, threshold(AT_MOST, 5, "dagar")),
    ("fler än tio", None, threshold(MORE, 10)),
    ("minst tolv personer", None, threshold(AT_LEAST, 12, "personer")),
    ("öka med tre procentenheter jämfört med 2018", None, up("2018", by=D(3), unit="%")),
    ("bibehålla nivån fyra", None, Maintain(level=D(4))),
    ("minst en", None, threshold(AT_LEAST, 1)),
    # series names: the vocabulary and the indicator's own series
    ("Kvinnor: minst 5 %", None, SeriesTarget(series="women", rule=threshold(AT_LEAST, 5, "%"))),
    ("Totalt: högst 4", None, SeriesTarget(series="total", rule=threshold(AT_MOST, 4))),
    ("alla åldrar: minst 5", AGES, SeriesTarget(series="all_ages", rule=threshold(AT_LEAST, 5))),
    ("minst 5 (över 65 år)", AGES, SeriesTarget(series="over_65", rule=threshold(AT_LEAST, 5))),
    ("Antibiotika: Nationellt mål <250 rec/TIN", None, threshold(LESS, 250, "rec/TIN")),
    ("Målvärde: 4,85", None, threshold(AT_LEAST, "4.85")),
    ("Målvärdet är 2000", None, threshold(AT_LEAST, 2000)),
    # references: the vocabulary's places, or the indicator's series
    (
        "högst 5 % över snittet i länet",
        None,
        RelativeToReference(reference="länet", comparison=AT_MOST, margin=D(5), relative=True),
    ),
    (
        "minst snittet i norrland",
        TargetContext(series={"norrland": "norrland"}),
        RelativeToReference(reference="norrland", comparison=AT_LEAST),
    ),
    # prose around a target is still allowed where the value has its unit
    ("Frågor ska lyftas i 80 procent av alla ärenden", None, threshold(AT_LEAST, 80, "%")),
    ("Antalet SIP ska vara fler än 345 mars-december 2019.", None, threshold(MORE, 345)),
]

# (text, context, the part the error must name, words of what it expected)
REFUSED_SV = [
    # outcome statements say what happened
    ("har minskat från 6,5 till 5,7 %", None, "har", "outcome"),
    ("Andelen har ökat från 80 till 85 %", None, "har", "outcome"),
    ("Antalet minskade från 120 till 98", None, "minskade", "outcome"),
    ("Väntetiden sjönk till 30 dagar", None, "sjönk", "outcome"),
    ("Resultatet blev 85 %", None, "blev", "outcome"),
    # a year is never a value when nothing says it is one
    ("Antalet ska minska 2016", None, "2016", "baseline"),
    ("minska från 6,5", None, "6,5", "baseline"),
    ("jämfört med 2016", None, "2016", "baseline"),
    ("mot 2016", None, "2016", "baseline"),
    # a deadline that contradicts the indicator's direction, or a strict one
    ("högst 5 % 2020", HIGHER, "2020", "deadline"),
    ("mer än 90 % 2020", None, "2020", "deadline"),
    # a "name:" prefix that is no series of the indicator
    ("Antal: 4,85", None, "Antal", "series of the indicator"),
    ("värde: minst 5", None, "värde", "series of the indicator"),
    ("foo bar: högst 3 %", None, "foo", "series of the indicator"),
    # a parenthesised clause that is neither a series nor a known clause
    ("minst 5 (nära målet inon 5 %)", None, "nära", "known clause"),
    ("minst 5 (alla åldrar)", None, "alla", "series of the indicator"),
    ("minst 5 (2019-T4)", None, "2019-T4", "tertials T1-T3"),
    # references only from the vocabulary or the indicator's series
    ("minst 5 % över snittet i norrland", None, "norrland", "reference series"),
    ("minst stora patientgrupper", None, "stora", "reference series"),
    # a number word followed by words that are no unit
    ("minst tre stora patientgrupper", None, "stora", "a unit"),
]

READ_EN = [
    ("decrease compared with 2016", None, down("2016")),
    ("increase versus 2019", None, up("2019")),
    ("lower than 2016-T2", None, down("2016-T2")),
    ("lower than 2016-05", None, down("2016-05")),
    ("more than in Q3 2019", None, up("2019-Q3")),
    ("at least 90 % 2020", None, level("2020", 90, "%")),
    ("at least three", None, threshold(AT_LEAST, 3)),
    ("at most five days", TargetContext(units={"days"}), threshold(AT_MOST, 5, "days")),
    ("return to the level of 2013", LOWER, down("2013", by=D(0))),
    ("target value: 4.85", None, threshold(AT_LEAST, "4.85")),
    ("women: at least 5 %", None, SeriesTarget(series="women", rule=threshold(AT_LEAST, 5, "%"))),
]

REFUSED_EN = [
    ("has decreased from 6.5 to 5.7 %", None, "has", "outcome"),
    ("The share rose to 85 %", None, "rose", "outcome"),
    ("count: 4.85", None, "count", "series of the indicator"),
    ("at least 5 (close within 5 % of the targte value)", None, "close", "known clause"),
    ("at most 5 % 2020", HIGHER, "2020", "deadline"),
]

READ_NB = [
    ("redusere sammenlignet med 2016", None, down("2016")),
    ("lavere enn 2016-T2", None, down("2016-T2")),
    ("minst 90 % 2020", None, level("2020", 90, "%")),
    ("minst tre", None, threshold(AT_LEAST, 3)),
    ("høyst to", None, threshold(AT_MOST, 2)),
    ("gå tilbake til nivået for 2013", LOWER, down("2013", by=D(0))),
]

REFUSED_NB = [
    ("har sunket fra 6,5 til 5,7 %", None, "har", "outcome"),
    ("Antall: 4,85", None, "Antall", "series of the indicator"),
]


def test_the_table_holds_at_least_sixty_new_swedish_phrases():
    assert len(READ_SV) + len(REFUSED_SV) >= 60


@pytest.mark.parametrize(("text", "context", "expected"), READ_SV, ids=[r[0] for r in READ_SV])
def test_swedish_phrases_give_their_rules(text, context, expected):
    assert parse_target(text, context=context) == expected


@pytest.mark.parametrize(
    ("text", "context", "unread", "expected"), REFUSED_SV, ids=[r[0] for r in REFUSED_SV]
)
def test_swedish_phrases_that_must_be_refused_name_the_place(text, context, unread, expected):
    with pytest.raises(UnreadableTarget) as caught:
        parse_target(text, context=context)
    assert caught.value.unread.startswith(unread)
    assert expected in caught.value.expected
    assert caught.value.candidates  # the readings it considered, or the nearest forms
    assert repr(text) in str(caught.value)


@pytest.mark.parametrize(("text", "context", "expected"), READ_EN, ids=[r[0] for r in READ_EN])
def test_english_phrases_give_their_rules(text, context, expected):
    assert parse_target(text, locale="en", context=context) == expected


@pytest.mark.parametrize(
    ("text", "context", "unread", "expected"), REFUSED_EN, ids=[r[0] for r in REFUSED_EN]
)
def test_english_phrases_that_must_be_refused_name_the_place(text, context, unread, expected):
    with pytest.raises(UnreadableTarget) as caught:
        parse_target(text, locale="en", context=context)
    assert caught.value.unread.startswith(unread)
    assert expected in caught.value.expected


@pytest.mark.parametrize(("text", "context", "expected"), READ_NB, ids=[r[0] for r in READ_NB])
def test_norwegian_phrases_give_their_rules(text, context, expected):
    assert parse_target(text, locale="nb", context=context) == expected


@pytest.mark.parametrize(
    ("text", "context", "unread", "expected"), REFUSED_NB, ids=[r[0] for r in REFUSED_NB]
)
def test_norwegian_phrases_that_must_be_refused_name_the_place(text, context, unread, expected):
    with pytest.raises(UnreadableTarget) as caught:
        parse_target(text, locale="nb", context=context)
    assert caught.value.unread.startswith(unread)
    assert expected in caught.value.expected


def test_an_ambiguous_year_lists_both_readings():
    with pytest.raises(UnreadableTarget) as caught:
        parse_target("Antalet ska minska 2016")
    assert caught.value.candidates == ("a baseline period 2016", "a target value 2016")
    assert "readings considered: a baseline period 2016; a target value 2016" in str(caught.value)
