"""Target text: every documented form (docs/targets.md) read to its rule, in Swedish, English
and Norwegian bokmål, with the near forms that must read the same and the edges of each form
(symbols, separators, periods written in words, clauses in parentheses, preambles, series).
"""

import re
from decimal import Decimal as D

import pytest

from malstyrning._units import BUILTIN_UNITS
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

AT_LEAST, AT_MOST = Comparison.AT_LEAST, Comparison.AT_MOST
MORE, LESS = Comparison.MORE_THAN, Comparison.LESS_THAN
UP, DOWN = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER
P = Period.parse
CONTEXTS = {
    "": None,
    "lower": TargetContext(direction=DOWN),
    "higher": TargetContext(direction=UP),
    "baseline": TargetContext(baseline="2018"),
    "columns": TargetContext(target_periods=("2022", "2024")),
    "unit": TargetContext(unit="kr"),
}


def ascii_id(*parts: object) -> str:
    """A test id of ASCII letters and digits only (mutmut passes test ids back to pytest)."""
    return re.sub(r"[^A-Za-z0-9]+", "-", " ".join(map(str, parts))).strip("-") or "empty"


def th(comparison: Comparison, value: str | int, unit: str | None = None, **kw: object) -> Rule:
    return Threshold(comparison=comparison, value=D(value), unit=unit, **kw)  # type: ignore[arg-type]


def change(period: str, direction: Direction, **kw: object) -> Rule:
    return Change(baseline=P(period), direction=direction, **kw)  # type: ignore[arg-type]


def levels(*pairs: tuple[str, str | int], unit: str | None = None, **kw: object) -> Rule:
    return Trajectory(
        levels=tuple(TargetLevel(P(period), D(value)) for period, value in pairs),
        unit=unit,
        **kw,  # type: ignore[arg-type]
    )


def ref(reference: str, comparison: Comparison, margin: str | int = 0, **kw: object) -> Rule:
    return RelativeToReference(
        reference=reference,
        comparison=comparison,
        margin=D(margin),
        **kw,  # type: ignore[arg-type]
    )


def series(*pairs: tuple[str, Rule]) -> Rule:
    return Composite(rules=tuple(SeriesTarget(series=key, rule=rule) for key, rule in pairs))


CARE = series(
    ("contact_0", th(AT_LEAST, 100, "%")),
    ("assessment_3", th(AT_LEAST, 100, "%")),
    ("first_visit_90", th(AT_LEAST, 90, "%")),
    ("treatment_90", th(AT_LEAST, 90, "%")),
)
BOTH = (th(AT_LEAST, 5), th(AT_MOST, 3))
KEYS = ["contact_0", "assessment_3", "first_visit_90", "treatment_90", "women", "men", "total"]
PLACES = ["riket", "landet", "sverige", "the country", "the county", "fylket"]
NAMES = TargetContext(series={name: name for name in (*KEYS, *PLACES)})

# (locale, context, text, rule)
READ = [
    # comparisons written as symbols
    ("sv", "", "<5", th(LESS, 5)),
    ("sv", "", "< 5", th(LESS, 5)),
    ("sv", "", "> 5", th(MORE, 5)),
    ("sv", "", "<= 5", th(AT_MOST, 5)),
    ("sv", "", "=< 5", th(AT_MOST, 5)),
    ("sv", "", "≤ 5", th(AT_MOST, 5)),
    ("sv", "", ">= 5", th(AT_LEAST, 5)),
    ("sv", "", "=> 5", th(AT_LEAST, 5)),
    ("sv", "", "≥ 5", th(AT_LEAST, 5)),
    ("en", "", "<250 rec/TIN", th(LESS, 250, "rec/TIN")),
    # comparisons written in words
    ("sv", "", "inte mer än 5", th(AT_MOST, 5)),
    ("sv", "", "maximalt 5", th(AT_MOST, 5)),
    ("sv", "", "minst ett", th(AT_LEAST, 1)),
    ("sv", "", "minst en analys", th(AT_LEAST, 1)),
    ("sv", "", "minst en av", th(AT_LEAST, 1)),
    ("sv", "", "fler än en", th(MORE, 1)),
    ("en", "", "at least one", th(AT_LEAST, 1)),
    ("en", "", "no more than 5", th(AT_MOST, 5)),
    ("nb", "", "minst én", th(AT_LEAST, 1)),
    ("nb", "", "høyst 5 %", th(AT_MOST, 5, "%")),
    # units
    ("sv", "", "minst 5 ‰", th(AT_LEAST, 5, "‰")),
    ("sv", "", "minst 5 rec/tin", th(AT_LEAST, 5, "rec/TIN")),
    ("sv", "", "minst 5 Kr", th(AT_LEAST, 5, "kr")),
    ("en", "", "at least 5 percent", th(AT_LEAST, 5, "%")),
    ("en", "", "at least 5 per cent", th(AT_LEAST, 5, "%")),
    ("nb", "", "minst 5 prosent", th(AT_LEAST, 5, "%")),
    ("sv", "unit", "minst 5", th(AT_LEAST, 5, "kr")),
    ("sv", "unit", "minst 5 kr", th(AT_LEAST, 5, "kr")),
    # bare values, and the context's direction
    ("sv", "", "4,85", th(AT_LEAST, "4.85")),
    ("sv", "lower", "4,85", th(AT_MOST, "4.85")),
    ("sv", "higher", "4,85", th(AT_LEAST, "4.85")),
    ("sv", "lower", "Målvärde: 4,85", th(AT_MOST, "4.85")),
    ("en", "", "1,234.5", th(AT_LEAST, "1234.5")),
    ("en", "", "1,5", th(AT_LEAST, "1.5")),
    ("sv", "", "Antal patienter 5 %", th(AT_LEAST, 5, "%")),
    ("sv", "", "i 80 procent av alla", th(AT_LEAST, 80, "%")),
    # preambles
    ("sv", "", "Målvärde 2019: 85 %", th(AT_LEAST, 85, "%")),
    ("sv", "", "Målvärdet är 85 %", th(AT_LEAST, 85, "%")),
    ("sv", "", "Nationellt mål 85 %", th(AT_LEAST, 85, "%")),
    ("sv", "", "Mål: minst 85 %", th(AT_LEAST, 85, "%")),
    ("sv", "", "Antibiotika: Nationellt mål <250 rec/TIN", th(LESS, 250, "rec/TIN")),
    ("en", "", "target value is 85 %", th(AT_LEAST, 85, "%")),
    ("nb", "", "Målverdi: 4,85", th(AT_LEAST, "4.85")),
    # changes against a baseline period
    ("sv", "", "fler än 2018", change("2018", UP)),
    ("sv", "", "lägre än halvår 1 2019", change("2019-H1", DOWN)),
    ("sv", "", "lägre än kvartal 2 2019", change("2019-Q2", DOWN)),
    ("sv", "", "lägre än q3 2019", change("2019-Q3", DOWN)),
    ("sv", "", "lägre än h1 2019", change("2019-H1", DOWN)),
    ("sv", "", "lägre än t2 2019", change("2019-T2", DOWN)),
    ("sv", "", "lägre än mars–maj 2019", change("2019-03-01/2019-05-31", DOWN)),
    ("sv", "", "lägre än mars - maj 2019", change("2019-03-01/2019-05-31", DOWN)),
    ("sv", "", "lägre än maj-maj 2019", change("2019-05", DOWN)),
    ("sv", "", "lägre än 2019-03-01", change("2019-03-01/2019-03-01", DOWN)),
    ("sv", "", "lägre än 2019-03-01 – 2019-12-31", change("2019-03-01/2019-12-31", DOWN)),
    ("sv", "", "lägre än 2019-03-01 till 2019-12-31", change("2019-03-01/2019-12-31", DOWN)),
    ("sv", "", "lägre än 2019-03-01—2019-12-31", change("2019-03-01/2019-12-31", DOWN)),
    ("en", "", "lower than 2019-03-01 to 2019-12-31", change("2019-03-01/2019-12-31", DOWN)),
    ("sv", "", "högre än 2016 års nivå", change("2016", UP)),
    ("sv", "", "minska jämfört med 2017", change("2017", DOWN)),
    ("en", "", "higher than in 2018", change("2018", UP)),
    ("nb", "", "lavere enn 2018", change("2018", DOWN)),
    ("sv", "baseline", "ska öka", change("2018", UP)),
    ("sv", "baseline", "fler digitala kallelser", change("2018", UP)),
    ("sv", "baseline", "öka med 5 %", change("2018", UP, by=D(5), relative=True)),
    # changes by an amount
    (
        "sv",
        "",
        "minska med minst 10 % jämfört med 2015",
        change("2015", DOWN, by=D(10), relative=True),
    ),
    ("sv", "", "minska med 10 kr mot 2015", change("2015", DOWN, by=D(10), unit="kr")),
    ("sv", "", "minska med 0 % mot 2015", change("2015", DOWN, by=D(0), relative=True)),
    ("sv", "", "minska med 10 procentenheter mot 2015", change("2015", DOWN, by=D(10), unit="%")),
    ("sv", "", "minska med procent mot 2015", change("2015", DOWN)),
    ("en", "", "increase by 2 percentage points on 2018", change("2018", UP, by=D(2), unit="%")),
    ("nb", "", "øke med 5 % mot 2019", change("2019", UP, by=D(5), relative=True)),
    # changes to a baseline's level
    ("sv", "", "minska till nivån 2017", change("2017", DOWN, by=D(0))),
    ("sv", "", "minska till 2017 års", change("2017", DOWN, by=D(0))),
    ("sv", "lower", "nå 2017", change("2017", DOWN, by=D(0))),
    ("sv", "higher", "nå nivån för 2017", change("2017", UP, by=D(0))),
    ("en", "higher", "reach the level of 2017", change("2017", UP, by=D(0))),
    ("en", "", "decrease to the level of 2017", change("2017", DOWN, by=D(0))),
    # baseline values
    ("sv", "", "öka mot 2019 (motsvarande 5 %)", change("2019", UP, baseline_value=D(5), unit="%")),
    ("sv", "", "öka mot 2019 motsvarande 5 %", change("2019", UP, baseline_value=D(5), unit="%")),
    ("sv", "", "öka mot 2019 motsvarar 5", change("2019", UP, baseline_value=D(5))),
    (
        "sv",
        "",
        "minska med 5 kr mot 2019 (motsvarande 20 kr)",
        change("2019", DOWN, by=D(5), unit="kr", baseline_value=D(20)),
    ),
    (
        "en",
        "",
        "decrease to the level of 2017 (equivalent to 4,732 timmar)",
        change("2017", DOWN, by=D(0), baseline_value=D(4732), unit="timmar"),
    ),
    # maintain
    ("sv", "", "bibehålla nivån 5 %", Maintain(level=D(5), unit="%")),
    ("sv", "", "behålla 5 %", Maintain(level=D(5), unit="%")),
    ("en", "", "keep the level 5", Maintain(level=D(5))),
    ("nb", "", "opprettholde nivået 5 %", Maintain(level=D(5), unit="%")),
    # yes or no
    ("sv", "", "svar ja", YesNo(expected=True)),
    ("sv", "", "svaret nej", YesNo(expected=False)),
    ("sv", "", "ja/nej", YesNo()),
    ("sv", "", "(ja/nej)", YesNo()),
    ("en", "", "(yes/no)", YesNo()),
    ("en", "", "the answer no", YesNo(expected=False)),
    ("nb", "", "svaret nei", YesNo(expected=False)),
    ("nb", "", "(Ja/Nei)", YesNo()),
    # target levels
    ("sv", "", "målnivå 2022: 85 och målnivå 2024: 87", levels(("2022", 85), ("2024", 87))),
    ("sv", "", "målnivå 2022 85 målnivå 2024 87", levels(("2022", 85), ("2024", 87))),
    ("sv", "", "målnivå 2022: 85, målnivå 2024: 87", levels(("2022", 85), ("2024", 87))),
    (
        "sv",
        "",
        "målnivåer 85 (2022), 87 (2024) (stegvis)",
        levels(("2022", 85), ("2024", 87), interpolation=Interpolation.STEP),
    ),
    ("sv", "", "målnivåer 85 (2022),", levels(("2022", 85))),
    ("sv", "", "målnivåer 85 (2022), och mer", levels(("2022", 85))),
    (
        "sv",
        "",
        "målnivåer 5 (2019-01-01 – 2019-06-29), 6 (2019-06-30 – 2019-12-31)",
        levels(("2019-01-01/2019-06-29", 5), ("2019-06-30/2019-12-31", 6)),
    ),
    ("sv", "", "målnivåer 85 (2022), 87 (T1 2024)", levels(("2022", 85), ("2024-T1", 87))),
    (
        "sv",
        "",
        "målnivåer 85 % (2022), 87 % (2024)",
        levels(("2022", 85), ("2024", 87), unit="%"),
    ),
    ("sv", "", "målnivåer 85 % (2022), 87 (2024)", levels(("2022", 85), ("2024", 87), unit="%")),
    ("en", "", "target levels 85 (2022), 87 (2024)", levels(("2022", 85), ("2024", 87))),
    (
        "en",
        "",
        "target levels 85 (2022), 87 (2024) (stepwise)",
        levels(("2022", 85), ("2024", 87), interpolation=Interpolation.STEP),
    ),
    ("sv", "columns", "85 % 87 %", levels(("2022", 85), ("2024", 87), unit="%")),
    ("sv", "columns", "85 87", levels(("2022", 85), ("2024", 87))),
    ("sv", "columns", "85", th(AT_LEAST, 85)),
    # deadlines
    ("sv", "", "minst 5 (2022)", levels(("2022", 5))),
    ("sv", "", "minst 5 % (2022)", levels(("2022", 5), unit="%")),
    ("sv", "", "minst 5 % 2016-T2", levels(("2016-T2", 5), unit="%")),
    ("sv", "", "minst 5 % (2016-T2) x", levels(("2016-T2", 5), unit="%")),
    ("sv", "lower", "högst 5 % 2022", levels(("2022", 5), unit="%")),
    ("sv", "higher", "minst 90 % (2019-T2)", levels(("2019-T2", 90), unit="%")),
    ("sv", "", "fler än 345 mars-december 2019", th(MORE, 345)),
    ("sv", "", "minst 5 % 2019-03-01", th(AT_LEAST, 5, "%")),
    # references
    ("sv", "", "högst 5 % under riket", ref("riket", AT_LEAST, -5, relative=True)),
    ("sv", "", "minst 5 % under riket", ref("riket", AT_MOST, -5, relative=True)),
    ("sv", "", "minst 5 över riket", ref("riket", AT_LEAST, 5, relative=False)),
    ("sv", "", "minst 5 kr över riket", ref("riket", AT_LEAST, 5, unit="kr", relative=False)),
    (
        "sv",
        "",
        "minst 5 procentenheter över riket",
        ref("riket", AT_LEAST, 5, unit="%", relative=False),
    ),
    ("sv", "", "mer än riket", ref("riket", MORE, relative=True)),
    ("sv", "", "minst snittet i riket", ref("riket", AT_LEAST, relative=True)),
    ("sv", "", "minst genomsnittet för landet", ref("landet", AT_LEAST, relative=True)),
    ("sv", "", "över riket", ref("riket", MORE, relative=True)),
    ("sv", "", "under riket", ref("riket", LESS, relative=True)),
    ("sv", "", "högre än riket", ref("riket", MORE, relative=True)),
    ("sv", "", "minst Sverige", ref("sverige", AT_LEAST, relative=True)),
    ("en", "", "at least the average of the country", ref("the country", AT_LEAST, relative=True)),
    ("en", "", "more than the county", ref("the county", MORE, relative=True)),
    ("nb", "", "minst 2 % over snittet i fylket", ref("fylket", AT_LEAST, 2, relative=True)),
    # series
    ("sv", "", "minst 5 (kvinnor)", SeriesTarget(series="women", rule=th(AT_LEAST, 5))),
    ("sv", "", "minst 5 (Kvinnor)", SeriesTarget(series="women", rule=th(AT_LEAST, 5))),
    ("sv", "", "Kvinnor: minst 5 (i %)", SeriesTarget(series="women", rule=th(AT_LEAST, 5, "%"))),
    (
        "sv",
        "",
        "kvinnor: män: minst 5",
        SeriesTarget(series="women", rule=SeriesTarget(series="men", rule=th(AT_LEAST, 5))),
    ),
    (
        "sv",
        "",
        "kvinnor 29 % och män 21 %",
        series(("women", th(AT_LEAST, 29, "%")), ("men", th(AT_LEAST, 21, "%"))),
    ),
    (
        "sv",
        "",
        "kvinnor 29 % samt män 21 %",
        series(("women", th(AT_LEAST, 29, "%")), ("men", th(AT_LEAST, 21, "%"))),
    ),
    (
        "sv",
        "",
        "kvinnor 29 %; män 21 %",
        series(("women", th(AT_LEAST, 29, "%")), ("men", th(AT_LEAST, 21, "%"))),
    ),
    (
        "sv",
        "",
        "minst 5 % (kvinnor), minst 6 % (män)",
        series(("women", th(AT_LEAST, 5, "%")), ("men", th(AT_LEAST, 6, "%"))),
    ),
    (
        "sv",
        "",
        "Totalt: 5,0 % Män: 3,1 % Kvinnor; 5,4%",
        series(
            ("total", th(AT_LEAST, "5.0", "%")),
            ("men", th(AT_LEAST, "3.1", "%")),
            ("women", th(AT_LEAST, "5.4", "%")),
        ),
    ),
    (
        "en",
        "",
        "women 29 % and men 21 %",
        series(("women", th(AT_LEAST, 29, "%")), ("men", th(AT_LEAST, 21, "%"))),
    ),
    (
        "nb",
        "",
        "kvinner: 29 %, menn: 21 %",
        series(("women", th(AT_LEAST, 29, "%")), ("men", th(AT_LEAST, 21, "%"))),
    ),
    # composites
    ("sv", "", "samtliga av: minst 5; högst 3", Composite(rules=BOTH)),
    ("sv", "", "alla av: minst 5; högst 3", Composite(rules=BOTH)),
    ("sv", "", "minst ett av: minst 5; högst 3", Composite(rules=BOTH, mode=CompositeMode.ANY)),
    ("sv", "", "något av: minst 5; högst 3", Composite(rules=BOTH, mode=CompositeMode.ANY)),
    (
        "sv",
        "",
        "minst 1 av: minst 5; högst 3",
        Composite(rules=BOTH, mode=CompositeMode.AT_LEAST, k=1),
    ),
    (
        "sv",
        "",
        "minst 2 av: kvinnor: minst 5; män: högst 3",
        Composite(
            rules=(
                SeriesTarget(series="women", rule=th(AT_LEAST, 5)),
                SeriesTarget(series="men", rule=th(AT_MOST, 3)),
            ),
            mode=CompositeMode.AT_LEAST,
            k=2,
        ),
    ),
    ("en", "", "all of: at least 5; at most 3", Composite(rules=BOTH)),
    (
        "en",
        "",
        "at least one of: at least 5; at most 3",
        Composite(rules=BOTH, mode=CompositeMode.ANY),
    ),
    ("nb", "", "alle av: minst 5; høyst 3", Composite(rules=BOTH)),
    # the care guarantee
    ("sv", "", "0:an och 3:an 100 %, 90 och 90: 90 %", CARE),
    ("sv", "", "0:an och 3:an 100 % 90 och 90 90 %", CARE),
    ("sv", "", "0:an och 3:an 100 %; 90 och 90: 90 %", CARE),
    ("sv", "", "0:an samt 3:an 100 %, 90 samt 90: 90 %", CARE),
    # tolerances and units in parentheses
    (
        "sv",
        "",
        "högst 7,5 procent över snittet i riket (nära målet inom 1)",
        ref("riket", AT_MOST, "7.5", relative=True, tolerance=Tolerance(D(1))),
    ),
    (
        "sv",
        "",
        "minst 5 (nära målet inom 2 % av målvärdet)",
        th(AT_LEAST, 5, tolerance=Tolerance(D(2), relative=True)),
    ),
    ("sv", "", "minst 5 % (nära målet inom 2 %)", th(AT_LEAST, 5, "%", tolerance=Tolerance(D(2)))),
    ("sv", "", "minst 5 (nära målet inom 1 kr)", th(AT_LEAST, 5, "kr", tolerance=Tolerance(D(1)))),
    (
        "sv",
        "",
        "minst 5 kr (nära målet inom 1 kr)",
        th(AT_LEAST, 5, "kr", tolerance=Tolerance(D(1))),
    ),
    (
        "sv",
        "",
        "minst 5 (i kr) (nära målet inom 1)",
        th(AT_LEAST, 5, "kr", tolerance=Tolerance(D(1))),
    ),
    ("sv", "", "minst 5 (i procent)", th(AT_LEAST, 5, "%")),
    ("sv", "", "minst 5 kr (i kr)", th(AT_LEAST, 5, "kr")),
    (
        "en",
        "",
        "at least 5 (close within 2% of the target value)",
        th(AT_LEAST, 5, tolerance=Tolerance(D(2), relative=True)),
    ),
    (
        "nb",
        "",
        "minst 5 (nær målet innenfor 1)",
        th(AT_LEAST, 5, tolerance=Tolerance(D(1))),
    ),
]

# Edges of the forms: prose around a target, what a comparison reads after it, clauses in
# any order, and a series name in parentheses after a clause.
EDGES = [
    ("sv", "", "minst 30 % av kostnaden.", th(AT_LEAST, 30, "%")),
    ("sv", "", "minst 30 % – för alla?", th(AT_LEAST, 30, "%")),
    ("sv", "", "minst 30 % “bra” * ! ’x’", th(AT_LEAST, 30, "%")),
    ("sv", "", "Antal minst 5", th(AT_LEAST, 5)),
    ("sv", "", "Antal , minst 5", th(AT_LEAST, 5)),
    ("sv", "", "Antal . minst 5", th(AT_LEAST, 5)),
    ("sv", "", "Andelen ska vara 80 %", th(AT_LEAST, 80, "%")),
    ("sv", "", "mer än i 2018", change("2018", UP)),
    ("sv", "", "över 2018", change("2018", UP)),
    ("sv", "", "under 2018", change("2018", DOWN)),
    ("sv", "", "minst 5 över 2018", change("2018", UP)),
    ("sv", "", "minst 2018", th(AT_LEAST, 2018)),
    ("sv", "", "fler än 2018 kr", th(MORE, 2018, "kr")),
    (
        "sv",
        "",
        "Öka andelen sjukintyg med 5 % mot 2018",
        change("2018", UP, by=D(5), relative=True),
    ),
    ("sv", "baseline", "öka med", change("2018", UP)),
    ("sv", "", "minst 5 tertial 1 2019", levels(("2019-T1", 5))),
    (
        "sv",
        "",
        "samtliga av: (samtliga av: minst 5; högst 3); fler än 2018",
        Composite(rules=(Composite(rules=BOTH), change("2018", UP))),
    ),
    ("en", "", "lower than May 2019", change("2019-05", DOWN)),
    ("en", "", "lower than Mar 2019", change("2019-03", DOWN)),
    ("nb", "", "lavere enn mai 2019", change("2019-05", DOWN)),
    ("sv", "", "lägre än Maj 2019", change("2019-05", DOWN)),
    ("sv", "", "Målvärde 2019 85 %", th(AT_LEAST, 85, "%")),
    ("sv", "", "mål är 85 %", th(AT_LEAST, 85, "%")),
    ("sv", "", "Rubrik: Målvärde: 85 %", th(AT_LEAST, 85, "%")),
    ("en", "", "target 85 %", th(AT_LEAST, 85, "%")),
    ("en", "", "Heading: target 85 %", th(AT_LEAST, 85, "%")),
    (
        "sv",
        "",
        "öka mot 2019 motsvarande 5 % (nära målet inom 1)",
        change("2019", UP, baseline_value=D(5), unit="%", tolerance=Tolerance(D(1))),
    ),
    (
        "sv",
        "",
        "öka mot 2019 (nära målet inom 1 %) (motsvarande 5 %)",
        change("2019", UP, baseline_value=D(5), unit="%", tolerance=Tolerance(D(1))),
    ),
    (
        "sv",
        "",
        "minst 5 (2022) (stegvis)",
        levels(("2022", 5), interpolation=Interpolation.STEP),
    ),
    (
        "sv",
        "",
        "minst 5 (2022) (kvinnor)",
        SeriesTarget(series="women", rule=levels(("2022", 5))),
    ),
    (
        "sv",
        "",
        "minst 5 (kvinnor) (nära målet inom 1)",
        SeriesTarget(series="women", rule=th(AT_LEAST, 5, tolerance=Tolerance(D(1)))),
    ),
    (
        "sv",
        "",
        "(samtliga av: minst 5; högst 3) (kvinnor)",
        SeriesTarget(series="women", rule=Composite(rules=BOTH)),
    ),
    ("sv", "", "bibehålla nivån 5 (i kr)", Maintain(level=D(5), unit="kr")),
    ("sv", "", "minst 5 procent (i %)", th(AT_LEAST, 5, "%")),
    ("sv", "", "minst ett (i %)", th(AT_LEAST, 1, "%")),
    ("sv", "", "fler än 2018 (i %)", change("2018", UP, unit="%")),
    (
        "sv",
        "",
        "fler än 2018 (nära målet inom 1 %)",
        change("2018", UP, unit="%", tolerance=Tolerance(D(1))),
    ),
    ("sv", "", "över riket (i kr)", ref("riket", MORE, relative=True, unit="kr")),
    (
        "sv",
        "",
        "Totalt: 5,0 % Män 3,1 %",
        series(("total", th(AT_LEAST, "5.0", "%")), ("men", th(AT_LEAST, "3.1", "%"))),
    ),
]


@pytest.mark.parametrize(
    ("locale", "context", "text", "rule"), EDGES, ids=[ascii_id(row[0], row[2]) for row in EDGES]
)
def test_the_edges_of_a_form_give_its_rule(
    locale: str, context: str, text: str, rule: Rule
) -> None:
    assert parse_target(text, locale=locale, context=CONTEXTS[context]) == rule


@pytest.mark.parametrize(
    ("locale", "context", "text", "rule"), READ, ids=[ascii_id(row[0], row[2]) for row in READ]
)
def test_a_documented_form_gives_its_rule(locale: str, context: str, text: str, rule: Rule) -> None:
    assert parse_target(text, locale=locale, context=CONTEXTS[context]) == rule


@pytest.mark.parametrize(
    ("locale", "context", "text", "rule"), READ, ids=[ascii_id(row[0], row[2]) for row in READ]
)
def test_a_documented_form_reads_back_from_its_sentence(
    locale: str, context: str, text: str, rule: Rule
) -> None:
    # The sentence describe() writes reads back to the same rule in every language.
    # Series keys and the places a language names are no words of the other languages: the
    # indicator names them, as a plan would.
    del locale, context, text
    for language in ("sv", "en", "nb"):
        sentence = describe(rule, locale=language)
        assert parse_target(sentence, locale=language, context=NAMES) == rule, sentence


# -- the units every plan may use ---------------------------------------------------------------

DOCUMENTED_UNITS = {
    "%",
    "‰",
    "rec/TIN",
    "kr",
    "tkr",
    "mkr",
    "timmar",
    "antal",
    "index",
    "dagar",
    "poäng",
    "dimensionsvärde",
    "personer",
    "år",
    "månader",
    "veckor",
    "ja/nej",
}


def test_the_builtin_units_are_the_documented_ones() -> None:
    assert BUILTIN_UNITS == DOCUMENTED_UNITS


@pytest.mark.parametrize(
    "unit", sorted(DOCUMENTED_UNITS), ids=[ascii_id(unit) for unit in sorted(DOCUMENTED_UNITS)]
)
def test_every_builtin_unit_is_read_after_a_value_in_any_case(unit: str) -> None:
    assert parse_target(f"minst 5 {unit}") == th(AT_LEAST, 5, unit)
    assert parse_target(f"högst 5 {unit.upper()}") == th(AT_MOST, 5, unit)
    assert parse_target(f"at least 5 {unit}", locale="en") == th(AT_LEAST, 5, unit)
