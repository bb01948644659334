"""Target text: every target phrase of seeds 000 and 003, describe → parse, and fuzzing."""

import contextlib
import json
import pickle
import re
from decimal import Decimal as D

import pytest
from click.testing import CliRunner
from hypothesis import example, given
from hypothesis import strategies as st

from malstyrning._converter import shared_converter
from malstyrning.cli import main
from malstyrning.errors import UnreadableTarget
from malstyrning.i18n import available_locales
from malstyrning.periods import Period
from malstyrning.rules import (
    Change,
    Comparison,
    Composite,
    CompositeMode,
    Direction,
    Interpolation,
    Maintain,
    RelativeToReference,
    Rule,
    SeriesTarget,
    TargetLevel,
    Threshold,
    Tolerance,
    Trajectory,
    YesNo,
)
from malstyrning.target_text import TargetContext, describe, parse_target
from malstyrning.testing import RULE_KINDS, numbers, periods, target_rules

LOCALES = available_locales()
AT_LEAST, AT_MOST = Comparison.AT_LEAST, Comparison.AT_MOST
MORE, LESS = Comparison.MORE_THAN, Comparison.LESS_THAN
UP, DOWN = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER
Y = Period.year


def at_least(value, unit=None, **kw):
    return Threshold(comparison=AT_LEAST, value=D(value), unit=unit, **kw)


def at_most(value, unit=None):
    return Threshold(comparison=AT_MOST, value=D(value), unit=unit)


def series(**rules):
    return Composite(rules=tuple(SeriesTarget(series=k, rule=r) for k, r in rules.items()))


def levels(unit=None, **by_year):
    return Trajectory(
        levels=tuple(TargetLevel(Y(int(y[1:])), D(v)) for y, v in by_year.items()), unit=unit
    )


UP_2018 = Change(baseline=Y(2018), direction=UP)
LOWER = TargetContext(direction=DOWN)
WITH_BASELINE = TargetContext(baseline="2018")
COLUMNS = TargetContext(target_periods=("2022", "2024"))
CARE = (
    "contact_0",
    "assessment_3",
    "first_visit_90",
    "treatment_90",
)

# Phrases copied from the seeds as they stand there (line breaks joined with one space), with
# the rule each must give and the context a plan would give it.
SEED_PHRASES = [
    # seed 000: Region Jämtland Härjedalen, follow-up per April 2019
    ("000", "<250 rec/TIN", None, Threshold(comparison=LESS, value=D(250), unit="rec/TIN")),
    (
        "000",
        "Nationellt mål <250 rec/TIN",
        None,
        Threshold(comparison=LESS, value=D(250), unit="rec/TIN"),
    ),
    (
        "000",
        "Antibiotika:  Nationellt mål <250 rec/TIN",
        None,
        Threshold(comparison=LESS, value=D(250), unit="rec/TIN"),
    ),
    ("000", "Fler användarkonton i 1177 Vårdguidens e-tjänster än 2018", None, UP_2018),
    ("000", "Fler som läser loggar in i journalen än 2018", None, UP_2018),
    ("000", "Fler digitala kallelser ska skickas ut.", WITH_BASELINE, UP_2018),
    (
        "000",
        "Öka andelen sjukintyg med sjukskrivning på deltid",
        WITH_BASELINE,
        UP_2018,
    ),
    (
        "000",
        "Kvinnor 29 % Män 21 %",
        None,
        series(women=at_least(29, "%"), men=at_least(21, "%")),
    ),
    ("000", "Kvinnor 29 %", None, SeriesTarget(series="women", rule=at_least(29, "%"))),
    ("000", "Män 21 %", None, SeriesTarget(series="men", rule=at_least(21, "%"))),
    ("000", "Bibehålla nivån 5%", None, Maintain(level=D(5), unit="%")),
    ("000", "Antal hembesök i Primärvården ska vara fler än 2018.", None, UP_2018),
    (
        "000",
        "Andel patienter som får komma hem dag 0+1 från slutenvård ska öka.",
        WITH_BASELINE,
        UP_2018,
    ),
    (
        "000",
        "Antal patienter med hemmonitorering ska enligt avtal vara mer än 75%.",
        None,
        Threshold(comparison=MORE, value=D(75), unit="%"),
    ),
    (
        "000",
        (
            "Återinskrivning inom 30 dagar ska vara mindre än 17 % (alla åldrar) och mindre än "
            "20 % (personer över 65 år)"
        ),
        TargetContext(series={"alla åldrar": "all_ages", "personer över 65 år": "over_65"}),
        series(
            all_ages=Threshold(comparison=LESS, value=D(17), unit="%"),
            over_65=Threshold(comparison=LESS, value=D(20), unit="%"),
        ),
    ),
    (
        "000",
        "mindre än 17 % (alla åldrar)",
        # Series names come from the indicator's series (issue 15): the plan declares it.
        TargetContext(series={"alla åldrar": "alla åldrar"}),
        SeriesTarget(series="alla åldrar", rule=Threshold(comparison=LESS, value=D(17), unit="%")),
    ),
    (
        "000",
        "Antalet SIP ska vara fler än 345 mars-december 2019.",
        TargetContext(unit="antal"),
        Threshold(comparison=MORE, value=D(345), unit="antal"),
    ),
    (
        "000",
        (
            "Minst en jämställdhets- och jämlikhetsanalys av aktuell hälso- och "
            "sjukvårdsstatistik ska genomföras"
        ),
        TargetContext(unit="antal"),
        at_least(1, "antal"),
    ),
    (
        "000",
        "70 % av alla nyinsjuknade i cancer ska vara utredda via Standardiserade vårdförlopp",
        None,
        at_least(70, "%"),
    ),
    (
        "000",
        "Frågor om våld ska lyftas i 80 procent av alla ärenden inom Barn- och ungdomspsykiatrin.",
        None,
        at_least(80, "%"),
    ),
    (
        "000",
        "I övriga verksamheter ska andelen patienter som får frågor om våldsutsatthet öka.",
        TargetContext(baseline="2018-T1"),
        Change(baseline=Period("2018-T1"), direction=UP),
    ),
    ("000", "Antalet utbildade inom MHFA ska vara fler än 2018.", None, UP_2018),
    (
        "000",
        "0:an och 3:an 100 %,  90 och 90: 90 %",
        None,
        series(**dict(zip(CARE, [at_least(v, "%") for v in (100, 100, 90, 90)], strict=True))),
    ),
    (
        "000",
        "0:an och 3:an     100% 90 och 90            70%",
        None,
        series(**dict(zip(CARE, [at_least(v, "%") for v in (100, 100, 70, 70)], strict=True))),
    ),
    (
        "000",
        "Totalt: 4,10",
        TargetContext(unit="index"),
        SeriesTarget(series="total", rule=at_least("4.10", "index")),
    ),
    (
        "000",
        "Totalt: 4,90",
        TargetContext(unit="index"),
        SeriesTarget(series="total", rule=at_least("4.90", "index")),
    ),
    (
        "000",
        "Totalt för förvaltningsområde Hälso- och sjukvård: 5,0 %",
        TargetContext(series={"Totalt för förvaltningsområde Hälso- och sjukvård": "total"}),
        SeriesTarget(series="total", rule=at_least("5.0", "%")),
    ),
    (
        "000",
        "Målvärde 2019: Totalt: 5,0 % Män: 3,1 % Kvinnor; 5,4%",
        LOWER,
        series(total=at_most("5.0", "%"), men=at_most("3.1", "%"), women=at_most("5.4", "%")),
    ),
    (
        "000",
        "Totalt: 5,0 % Män: 3,1 % Kvinnor; 5,4%",
        LOWER,
        series(total=at_most("5.0", "%"), men=at_most("3.1", "%"), women=at_most("5.4", "%")),
    ),
    (
        "000",
        "Minska antalet korttidsfrånvaro timmar dag 1-14 till 2017 årsnivå",
        None,
        Change(baseline=Y(2017), direction=DOWN, by=D(0)),
    ),
    (
        "000",
        (
            "Minska antalet korttidsfrånvaro timmar dag 1-14 till 2017 årsnivå  Motsvarande 4 732 "
            "timmar totalt inom Hälso- sjukvårdsförvaltningen"
        ),
        None,
        Change(baseline=Y(2017), direction=DOWN, by=D(0), baseline_value=D(4732), unit="timmar"),
    ),
    ("000", "Målvärde: 4,85", TargetContext(unit="index"), at_least("4.85", "index")),
    ("000", "Målvärde: 4,65", TargetContext(unit="index"), at_least("4.65", "index")),
    ("000", "Målvärde: 3,85", TargetContext(unit="index"), at_least("3.85", "index")),
    ("000", "Fler patienter än 2018 som fått vård på distans", None, UP_2018),
    (
        "000",
        "Fler patienter som fått distanskontakt via videolänk – e-besök än 2018.",
        None,
        UP_2018,
    ),
    (
        "000",
        "Antalet självmord i Jämtland Härjedalen ska minska.",
        WITH_BASELINE,
        Change(baseline=Y(2018), direction=DOWN),
    ),
    (
        "000",
        "Information på hälso- och sjukvårdsnämndens sammanträden minst en gång per kvartal.",
        None,
        at_least(1),
    ),
    # seed 003: Region Västernorrland, committee plan 2022-2024
    (
        "003",
        "högst 7,5 procent över snittet i riket",
        None,
        RelativeToReference(reference="riket", comparison=AT_MOST, margin=D("7.5")),
    ),
    (
        "003",
        "uppgå till högst 7,5 procent över snittet i riket för jämförbara sjukhus",
        None,
        RelativeToReference(reference="riket", comparison=AT_MOST, margin=D("7.5")),
    ),
    ("003", "(Ja/Nej)", None, YesNo()),
    (
        "003",
        (
            "Implementering av nationella personcentrerade och sammanhållna vårdförlopp sker i "
            "Regionen (Ja/Nej)"
        ),
        None,
        YesNo(),
    ),
    (
        "003",
        (
            "Utveckling  sker i  förhållande till Region Västernorrlands handlingsplan för ökad "
            "patientsäkerhet (Ja/Nej)"
        ),
        None,
        YesNo(),
    ),
    (
        "003",
        "Arbete sker i enlighet med nämndens ansvarsområden utifrån Hållbarhetsplan (Ja/Nej)",
        None,
        YesNo(),
    ),
    ("003", "85 87", COLUMNS, levels(y2022=85, y2024=87)),
    ("003", "80 82 84", TargetContext(target_periods=("2019", "2022", "2024")), None),
    ("003", "87 89 89", TargetContext(target_periods=("2019", "2022", "2024")), None),
    ("003", "88 88", COLUMNS, levels(y2022=88, y2024=88)),
    ("003", "91 91", COLUMNS, levels(y2022=91, y2024=91)),
    ("003", "90 90", COLUMNS, levels(y2022=90, y2024=90)),
    ("003", "85 86", COLUMNS, levels(y2022=85, y2024=86)),
    ("003", "8.0% 4.0%", COLUMNS, levels("%", y2022="8.0", y2024="4.0")),
    ("003", "84 86", COLUMNS, levels(y2022=84, y2024=86)),
    (
        "003",
        "13.9% 11.3% 8.0% 4.0%",
        TargetContext(target_periods=("2019", "2020", "2022", "2024")),
        None,
    ),
]
# A row with outcome columns first gives the outcomes as levels too: the context names which
# columns are targets, so these rows are read with every column as a level.
SEED_PHRASES = [
    (
        seed,
        text,
        context,
        expected
        if expected is not None
        else Trajectory(
            levels=tuple(
                TargetLevel(period, D(value.rstrip("%")))
                for period, value in zip(context.target_periods, text.split(), strict=True)
            ),
            unit="%" if "%" in text else None,
        ),
    )
    for seed, text, context, expected in SEED_PHRASES
]


def _collapse(text):
    return re.sub(r"\s+", " ", text).strip()


def test_the_table_holds_at_least_forty_phrases_from_seeds_000_and_003():
    assert len(SEED_PHRASES) >= 40
    assert {seed for seed, *_ in SEED_PHRASES} == {"000", "003"}


@pytest.mark.parametrize(
    ("seed", "text", "context", "expected"), SEED_PHRASES, ids=[row[1] for row in SEED_PHRASES]
)
def test_seed_phrases_give_their_rules(seed, text, context, expected):
    assert parse_target(text, context=context) == expected


@pytest.mark.parametrize(
    ("text", "unread", "expected"),
    [
        ("minst 30 äpplen", "äpplen", "a unit"),
        ("Antalet självmord i Jämtland Härjedalen ska minska.", "", "a baseline period"),
        ("*HSE: Målvärde går inte att sätta utifrån för få utfallsvärden.", "*HSE", "a target"),
        ("minst 30 %; xyz", ";", "the end of the target"),
        ("målnivåer 85 (2024), 87 (2022)", "87", "target levels in time order"),
        ("minska med -10 % mot 2015", "-10", "without a sign"),
        ("Kvinnor 29 %, 21 %", "21", "the series of each target"),
        ("nå nivån för 2017", "nå", "'öka' or 'minska'"),
        ("", "", "a target"),
    ],
)
def test_unreadable_phrases_name_the_unread_part(text, unread, expected):
    with pytest.raises(UnreadableTarget) as caught:
        parse_target(text)
    error = caught.value
    assert error.unread.startswith(unread)
    assert expected in error.expected
    assert error.offset == text.find(unread) if unread else error.offset >= 0
    lines = str(error).splitlines()
    caret = lines[2]
    assert caret.index("^") - 2 == error.offset
    assert "nearest known form" in lines[3]
    assert pickle.loads(pickle.dumps(error)).offset == error.offset


def test_english_and_norwegian_forms():
    assert parse_target("at least 30 % of the cost", locale="en") == at_least(30, "%")
    assert parse_target("fewer than 2018", locale="en") == Change(baseline=Y(2018), direction=DOWN)
    assert parse_target("maintain 5 %", locale="en") == Maintain(level=D(5), unit="%")
    assert parse_target("Women: 29 %, men: 21 %", locale="en") == series(
        women=at_least(29, "%"), men=at_least(21, "%")
    )
    assert parse_target("target value: 64,734 kr", locale="en") == at_least(64734, "kr")
    assert parse_target("at most 7.5 percent above the average of riket", locale="en") == (
        RelativeToReference(reference="riket", comparison=AT_MOST, margin=D("7.5"))
    )
    assert parse_target("reduce by 10 % compared with 2015", locale="en") == Change(
        baseline=Y(2015), direction=DOWN, by=D(10), relative=True
    )
    assert parse_target("høyst 7,5 prosent over snittet i riket", locale="nb") == (
        RelativeToReference(reference="riket", comparison=AT_MOST, margin=D("7.5"))
    )
    assert parse_target("kvinner 29 %, menn 21 %", locale="nb") == series(
        women=at_least(29, "%"), men=at_least(21, "%")
    )


def test_numbers_and_units():
    assert parse_target("Målvärdet är 64 734 kr") == at_least(64734, "kr")
    assert parse_target("minst 13.9%") == at_least("13.9", "%")
    assert parse_target("högst 5 mkr") == at_most(5, "mkr")
    assert parse_target("minst 3 tkr").unit == "tkr"
    assert parse_target("högst 40 timmar").unit == "timmar"
    assert parse_target("högst 30 dagar").unit == "dagar"
    assert parse_target("minst 4,5 index").unit == "index"
    assert parse_target("minst 12 antal").unit == "antal"
    assert parse_target("minst 30 procent") == at_least(30, "%")
    assert parse_target("minst 3 patienter", context=TargetContext(units={"patienter"})) == (
        at_least(3, "patienter")
    )
    assert parse_target("öka med 2 procentenheter mot 2018") == Change(
        baseline=Y(2018), direction=UP, by=D(2), unit="%"
    )
    assert parse_target("minst −5,5") == at_least("-5.5")


def test_other_forms():
    assert parse_target("målnivå 2022: 85, målnivå 2024: 87") == levels(y2022=85, y2024=87)
    assert parse_target("nå nivån för 2017", context=LOWER) == Change(
        baseline=Y(2017), direction=DOWN, by=D(0)
    )
    assert parse_target("svaret nej") == YesNo(expected=False)
    assert parse_target("minst 2 av: minst 5; (minst ett av: högst 3; högre än 2018)") == (
        Composite(
            mode=CompositeMode.AT_LEAST,
            k=2,
            rules=(
                at_least(5),
                Composite(mode=CompositeMode.ANY, rules=(at_most(3), UP_2018)),
            ),
        )
    )
    assert parse_target("fler än 2 018") == Threshold(comparison=MORE, value=D(2018))


# -- describe → parse ---------------------------------------------------------------------

UNITS = st.sampled_from([None, "%", "rec/TIN", "kr", "mkr", "tkr", "timmar", "antal", "index"])
SERIES_KEYS = ["total", "women", "men", "all_ages", "over_65", "contact_0", "hsn"]
REFERENCE_KEYS = ["riket", "landet", "norra_regionen"]
KEYS = st.sampled_from(SERIES_KEYS)
REFERENCES = st.sampled_from(REFERENCE_KEYS)
# Series names are read only from the indicator's series: the plan names its series.
NAMED = TargetContext(series={key: key for key in (*SERIES_KEYS, *REFERENCE_KEYS)})
TOLERANCES = st.none() | st.builds(
    Tolerance, numbers(min_value=0, max_value=100).filter(lambda x: x > 0), relative=st.booleans()
)
BASELINES = periods(min_year=2000, max_year=2030)


@st.composite
def trajectories(draw):
    years = sorted(draw(st.lists(st.integers(2000, 2040), min_size=1, max_size=4, unique=True)))
    kinds = [draw(st.sampled_from(["", "-T1", "-T3", "-Q2", "-H1", "-05"])) for _ in years]
    return Trajectory(
        levels=tuple(
            TargetLevel(Period(f"{year}{kind}"), draw(numbers()))
            for year, kind in zip(years, kinds, strict=True)
        ),
        unit=draw(UNITS),
        tolerance=draw(TOLERANCES),
        interpolation=draw(st.sampled_from(list(Interpolation))),
    )


@st.composite
def changes(draw):
    by = draw(st.none() | numbers(min_value=0, max_value=50))
    return Change(
        baseline=draw(BASELINES),
        direction=draw(st.sampled_from(list(Direction))),
        by=by,
        relative=by is not None and draw(st.booleans()),
        baseline_value=draw(st.none() | numbers()),
        unit=draw(UNITS),
        tolerance=draw(TOLERANCES),
    )


LEAVES = st.one_of(
    target_rules(max_parts=1),
    st.builds(
        Threshold,
        comparison=st.sampled_from(list(Comparison)),
        value=numbers(),
        unit=UNITS,
        tolerance=TOLERANCES,
    ),
    st.builds(Maintain, level=numbers(), unit=UNITS, tolerance=TOLERANCES),
    changes(),
    trajectories(),
    st.builds(
        RelativeToReference,
        reference=REFERENCES,
        comparison=st.sampled_from(list(Comparison)),
        margin=numbers(min_value=-50, max_value=50),
        relative=st.booleans(),
        unit=UNITS,
        tolerance=TOLERANCES,
    ),
    st.builds(YesNo, expected=st.booleans()),
)


@st.composite
def composites(draw, parts):
    rules = tuple(draw(st.lists(parts, min_size=1, max_size=3)))
    mode = draw(st.sampled_from(list(CompositeMode)))
    k = draw(st.integers(1, len(rules))) if mode is CompositeMode.AT_LEAST else None
    return Composite(rules=rules, mode=mode, k=k)


RULES = st.recursive(
    LEAVES,
    lambda inner: st.builds(SeriesTarget, series=KEYS, rule=inner) | composites(inner),
    max_leaves=6,
)


@given(rule=RULES, locale=st.sampled_from(LOCALES))
@example(rule=UP_2018, locale="en")
def test_describe_then_parse_is_identity(rule, locale):
    text = describe(rule, locale=locale)
    assert parse_target(text, locale=locale, context=NAMED) == rule, text


@given(rule=target_rules(), locale=st.sampled_from(LOCALES))
def test_describe_then_parse_is_identity_for_the_shared_strategy(rule, locale):
    assert parse_target(describe(rule, locale=locale), locale=locale) == rule


@given(
    rule=target_rules(
        types=RULE_KINDS,
        series=("women", "men", "all_ages"),
        references=("riket", "norra_regionen"),
        units=st.none() | st.sampled_from(["%", "kr", "antal", "timmar", "index", "rec/TIN"]),
    ),
    locale=st.sampled_from(LOCALES),
)
def test_describe_then_parse_is_identity_for_every_generated_kind(rule, locale):
    # Every kind the shared strategy draws, with series, references and units; the context
    # names the series as the indicator would.
    text = describe(rule, locale=locale)
    assert parse_target(text, locale=locale, context=NAMED) == rule, text


@given(text=st.text(), locale=st.sampled_from(LOCALES))
@example(text="((((((((((((((((((((samtliga av: minst 1", locale="sv")
@example(text="tertial 9 2019 fler än tertial 0 2019", locale="sv")
@example(text="minst 1e999999", locale="en")
def test_the_parser_raises_only_its_own_error(text, locale):
    try:
        rule = parse_target(text, locale=locale)
    except UnreadableTarget as error:
        offset = error.offset
        assert 0 <= offset <= len(text)
    else:
        assert describe(rule, locale=locale)


@given(
    text=st.lists(
        st.sampled_from(
            [
                "minst",
                "högst",
                "fler",
                "än",
                "2018",
                "5",
                "%",
                "(",
                ")",
                ":",
                ";",
                "av",
                "kvinnor",
                "öka",
                "med",
                "mot",
                "målnivåer",
                "samtliga",
                "0:an",
                "och",
                "90",
            ]
        ),
        max_size=12,
    ).map(" ".join)
)
def test_the_parser_raises_only_its_own_error_on_near_misses(text):
    with contextlib.suppress(UnreadableTarget):
        parse_target(text)


# -- the command line ---------------------------------------------------------------------


def test_cli_prints_the_rule_as_documents_write_it():
    result = CliRunner().invoke(main, ["parse-target", "<250 rec/TIN", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "type": "threshold",
        "comparison": "<",
        "value": 250,
        "unit": "rec/TIN",
    }
    rule = parse_target("<250 rec/TIN")
    assert shared_converter().structure(json.loads(result.output), Rule) == rule


def test_cli_text_format_and_locale():
    result = CliRunner().invoke(main, ["parse-target", "fewer than 2018", "--locale", "en"])
    assert result.exit_code == 0
    assert result.output == "lower than in 2018\n"


def test_cli_reports_an_unreadable_target_and_exits_1():
    result = CliRunner().invoke(main, ["parse-target", "minst 30 äpplen", "--format", "json"])
    assert result.exit_code == 1
    assert "äpplen" in result.output
    assert "^^^^^^" in result.output


# -- Python constructors read target texts as documents do ----------------------------------


def _plan_of(indicator, language=None):
    from malstyrning import Goal, Plan, PlanLevel

    return Plan(
        id="p",
        title="Plan",
        organisation="Region",
        validity=Period("2024"),
        levels=(PlanLevel("goal", "Mål"),),
        goals=(Goal(id="g", title="Mål", level="goal", children=(indicator,)),),
        **({"language": language} if language else {}),
    )


def test_an_indicator_reads_its_target_text_at_construction():
    from malstyrning import Indicator

    indicator = Indicator(id="i", title="Andel", target_text="Minst 50 %")
    assert indicator.target == at_least(50, "%")


def test_an_indicator_reads_its_text_with_its_direction_unit_and_series():
    from malstyrning import Indicator, Series

    indicator = Indicator(
        id="i",
        title="Väntetid",
        unit="dagar",
        direction=DOWN,
        series=(Series(key="all_ages", label="alla åldrar"),),
        target_text="alla åldrar: 30",
    )
    assert indicator.target == SeriesTarget(
        series="all_ages", rule=Threshold(comparison=AT_MOST, value=D(30), unit="dagar")
    )


def test_an_indicator_with_an_unreadable_target_text_is_refused():
    from malstyrning import Indicator
    from malstyrning.errors import InvalidTarget

    with pytest.raises(InvalidTarget) as caught:
        Indicator(id="andel", title="Andel", target_text="har ökat från 80 till 85 %")
    assert isinstance(caught.value, UnreadableTarget)
    assert str(caught.value).startswith("indicator 'andel': target_text: cannot read")
    assert caught.value.unread == "har"


def test_a_given_target_is_kept_beside_its_text():
    from malstyrning import Indicator

    indicator = Indicator(id="i", title="Andel", target=at_most(3), target_text="ungefär 3")
    assert indicator.target == at_most(3)


@pytest.mark.parametrize("language", [None, "en"])
def test_an_indicator_built_with_target_text_equals_itself_dumped_and_loaded(language):
    from malstyrning import Indicator
    from malstyrning.io import dumps, loads

    indicator = Indicator(id="i", title="Andel", target_text="Minst 50 % 2024")
    plan = _plan_of(indicator, language)
    for fmt in ("json", "yaml", "toml"):
        again = loads(dumps(plan, format=fmt), format=fmt)
        assert again == plan
        assert again["i"] == indicator
