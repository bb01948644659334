"""Report details: compared values, attributed comments, judged arrows, indicator charts, the
follow-up's table per goal area and activities counted by their own status."""

import io
import re
import xml.etree.ElementTree as ET

import attrs
import openpyxl
import pytest
from click.testing import CliRunner

from _dom import parse
from _plans import FOLLOWUP_ACTIVITIES, FOLLOWUP_AREAS, FOLLOWUP_PERIOD, followup_2024_plan
from malstyrning import Goal, Judgement, Period, evaluate, examples
from malstyrning.cli import main
from malstyrning.model import Plan, PlanLevel
from malstyrning.report import follow_up, markdown, render, text, xlsx
from malstyrning.report import html as html_report
from malstyrning.report._records import evaluation_records
from malstyrning.report.followup import ACTIVITY_COUNTS, MAX_ACTIVITY_LINES, indicator_chart
from malstyrning.report.notebook import evaluation_html

PLAN = "jamtland-harjedalen-2019"


@pytest.fixture(scope="module")
def evaluation():
    return evaluate(examples.load(PLAN), period="2019-T1")


def line_of(report, node_id):
    return next(line for row in report.rows() for line in row.targets if line.node_id == node_id)


def xlsx_text(report):
    book = openpyxl.load_workbook(io.BytesIO(xlsx.dumps(report)))
    return book, "\n".join(
        str(cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    )


# -- change targets show what they compare with ----------------------------------------------


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("sv", "högre än 2018 (42\xa0000 antal)"),
        ("en", "higher than in 2018 (42,000 antal)"),
    ],
)
def test_a_change_target_shows_the_value_it_compares_with(evaluation, locale, expected):
    report = follow_up(evaluation, locale=locale)
    assert line_of(report, "anvandarkonton").text.endswith(expected)
    # A fixed target has nothing to compare with.
    assert "(" not in line_of(report, "antibiotika").text


def test_the_evaluate_json_names_the_compared_value(evaluation):
    records = {record["id"]: record for record in evaluation_records(evaluation, locale="en")}
    assert records["anvandarkonton"]["compared"] == [
        {"period": "2018", "series": None, "value": 42000}
    ]
    assert "compared" not in records["antibiotika"]


# -- comments say whose they are -------------------------------------------------------------


def test_comments_are_attributed_to_the_goal_and_the_outcome(evaluation):
    report = follow_up(evaluation, locale="sv")
    row = next(row for row in report.rows() if row.node_id == "lakemedelspaverkan-miljo")
    sources = [line.source for line in row.comments]
    assert sources == ["Resultatmål", "Antibiotika (utfall)"]
    assert row.comments[1].text == "Utfall 190430"
    # Two outcomes with the same words are said once.
    assert sum("Utfall 190430" in line.text for line in row.comments) == 1
    english = follow_up(evaluation, locale="en")
    row = next(row for row in english.rows() if row.node_id == "lakemedelspaverkan-miljo")
    assert [line.source for line in row.comments] == ["Result goal", "Antibiotika (outcome)"]


def test_a_comment_alone_on_its_goal_is_not_attributed(evaluation):
    report = follow_up(evaluation, locale="sv")
    row = next(row for row in report.rows() if row.node_id == "ledtider-svf")
    assert [(line.source, line.text) for line in row.comments] == [("", "Oförändrat")]
    assert row.comment == "Oförändrat"


def test_attributed_comments_in_every_format(evaluation):
    report = follow_up(evaluation, locale="en")
    assert "**Antibiotika (outcome):** Utfall 190430" in markdown.dumps(report)
    assert "Antibiotika (outcome): Utfall 190430" in text.dumps(report, width=200)
    page = parse(html_report.dumps(report))
    cell = next(
        tr.find_all("td", "comment")[0]
        for tr in page.find_all("tr", "row")
        if tr.attributes["data-node"] == "lakemedelspaverkan-miljo"
    )
    assert [p.text() for p in cell.find_all("span", "source")] == [
        "Result goal:",
        "Antibiotika (outcome):",
    ]
    _, cells = xlsx_text(report)
    assert "Antibiotika (outcome): Utfall 190430" in cells


# -- judgements: no empty reason, judged arrows with who judged --------------------------------


def _factor_plan(**judgement):
    levels = (
        PlanLevel("area", "Målområde", labels={"en": "Goal area", "nb": "Målområde"}),
        PlanLevel("factor", "Framgångsfaktor", labels={"en": "Success factor", "nb": "Suksess"}),
    )
    factor = Goal(
        id="f",
        title="Faktor utan mått",
        level="factor",
        judgements=(Judgement(period=Period("2024-T2"), by="Regionstyrelsen", **judgement),),
    )
    return Plan(
        id="p",
        title="Plan",
        organisation="Region",
        validity=Period("2024"),
        levels=levels,
        goals=(Goal(id="a", title="Område", level="area", children=(factor,)),),
    )


def test_an_empty_judgement_reason_is_not_printed_as_a_dash():
    evaluation = evaluate(_factor_plan(status="yellow"), period="2024-T2")
    for locale in ("sv", "en", "nb"):
        explanation = evaluation["f"].explain(locale=locale)
        assert "(Regionstyrelsen)" in explanation
        assert ": -" not in explanation


@pytest.mark.parametrize("locale", ["sv", "en", "nb"])
def test_a_judged_arrow_without_a_number_shows_who_judged_it_in_every_format(locale):
    evaluation = evaluate(_factor_plan(scale="trend", status="improving"), period=Period("2024-T2"))
    report = follow_up(evaluation, locale=locale)
    row = next(report.rows())
    assert [trend.text for trend in row.trends] == ["↑ (Regionstyrelsen)"]
    outputs = {
        "html": render(report, "html"),
        "md": render(report, "md"),
        "text": render(report, "text"),
        "xlsx": xlsx_text(report)[1],
        "notebook": evaluation_html(evaluation, locale=locale),
    }
    for name, output in outputs.items():
        # The arrow, perhaps its name or markup, then who judged it, on one line.
        assert re.search(r"↑[^\n(]{0,60}\(Regionstyrelsen\)", output), name
    page = parse(outputs["html"])
    arrow = page.find_all("span", "trend")[0]
    assert arrow.attributes["data-trend"] == "improving"


# -- indicator charts --------------------------------------------------------------------------


def test_each_indicator_with_outcomes_has_a_chart_in_the_html(evaluation):
    report = follow_up(evaluation, locale="sv")
    page = render(report, "html")
    charts = re.findall(r'<svg[^>]*class="chart indicator".*?</svg>', page, flags=re.DOTALL)
    with_outcomes = {
        line.node_id for row in report.rows() for line in row.targets if line.chart is not None
    }
    assert len(charts) == len(with_outcomes) > 10
    assert "diklofenak" in with_outcomes  # outcomes but no target: a chart without targets
    assert "vardskada" not in with_outcomes  # no outcome, no chart
    for chart in charts:
        tree = ET.fromstring(chart)
        assert any(e.get("class") == "judged" for e in tree.iter())


def test_an_indicator_chart_marks_the_period_and_draws_the_targets(evaluation):
    chart = indicator_chart(evaluation.plan, "vald-ovriga", "2019-T1", locale="en")
    assert [(p.period, str(p.value)) for p in chart.outcomes] == [
        ("2018-T1", "643"),
        ("2019-T1", "567"),
    ]
    # The baseline before the plan has no target; the judged period has the compared value.
    assert [(p.period, str(p.value)) for p in chart.targets] == [("2019-T1", "643")]
    assert chart.judged == "2019-T1"
    svg = render(follow_up(evaluation, locale="en"), "html")
    block = re.search(r'<g data-node="vald-ovriga">.*?</g>', svg, flags=re.DOTALL).group(0)
    assert "Outcome tertial 1 2019: 567 antal" in block
    assert "Target level tertial 1 2019: 643 antal" in block
    assert "Period assessed: tertial 1 2019" in block


def test_a_trajectory_chart_shows_the_target_levels_ahead():
    plan = examples.load("vasternorrland-2022")
    chart = indicator_chart(plan, "tillganglighet-primarvard", "2020", locale="sv")
    assert [p.period for p in chart.targets] == ["2022", "2024"]
    assert [key for key, _ in chart.periods()] == ["2019", "2020", "2022", "2024"]
    assert indicator_chart(plan, plan.goals[0].id, "2020", locale="sv") is None


# -- the follow-up table per goal area and the 731 activities ---------------------------------


@pytest.fixture(scope="module")
def followup():
    return evaluate(followup_2024_plan(), period=FOLLOWUP_PERIOD)


def _per_area(table):
    return {row.node_id: row for row in table.rows}


def test_the_breakdown_counts_key_figures_assignments_and_activities(followup):
    table = follow_up(followup, locale="sv").breakdown
    assert [group.key for group in table.groups] == ["indicator", "assignment", "activity"]
    assert [group.label for group in table.groups] == ["Nyckeltal", "Uppdrag", "Aktiviteter"]
    rows = _per_area(table)
    for area_id, _, figures, assignments, _ in FOLLOWUP_AREAS:
        assert rows[area_id].cells[0] == figures
        assert rows[area_id].cells[1] == assignments
        assert rows[area_id].status is not None
    # Only the statuses some activity has are columns: not started, cancelled are left out.
    assert [column.key for column in table.groups[2].columns] == [
        "done",
        "ongoing",
        "planned",
        "delayed",
    ]
    assert table.total.cells[2] == (58, 425, 224, 24)
    assert table.activities == (
        "Aktiviteter: 731, varav 58 genomförd, 425 pågående enligt plan, 224 planerad, 24 försenad."
    )
    counts = {cell.key: count for cell, count in table.activity_counts}
    assert counts == FOLLOWUP_ACTIVITIES


def test_the_html_report_shows_the_activity_line_and_the_counts_per_area(followup):
    report = follow_up(followup, locale="en")
    page = parse(render(report, "html"))
    section = page.find_all("section", "breakdown")[0]
    assert section.find_all("p", "activities")[0].text() == (
        "Activities: 731, of which 58 done, 425 ongoing according to plan, 224 planned, 24 delayed."
    )
    rows = {
        tr.attributes["data-node"]: tr
        for tr in section.find_all("tr")
        if tr.attributes.get("data-node")
    }
    for area_id, _, figures, assignments, _ in FOLLOWUP_AREAS:
        cells = rows[area_id].find_all("td")
        key_figures = [c.text() for c in cells if c.attributes.get("data-group") == "indicator"]
        tasks = [c.text() for c in cells if c.attributes.get("data-group") == "assignment"]
        assert key_figures == [*map(str, figures), str(sum(figures))]
        assert tasks == [*map(str, assignments), str(sum(assignments))]
    charts = re.findall(r"<svg.*?</svg>", render(report, "html"), flags=re.DOTALL)
    for chart in charts:
        ET.fromstring(chart)


def test_the_xlsx_report_shows_the_activity_line_and_the_counts_per_area(followup):
    report = follow_up(followup, locale="sv")
    book, _ = xlsx_text(report)
    sheet = book[report.breakdown.heading[:31]]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[1][0] == report.breakdown.activities
    by_title = {row[0]: row for row in values}
    for _, title, figures, assignments, _ in FOLLOWUP_AREAS:
        row = by_title[title]
        assert tuple(row[1:5]) == figures and row[5] == sum(figures)
        assert tuple(row[6:10]) == assignments and row[10] == sum(assignments)
    activities = book[report.labels["kind.activity"]]
    assert activities.max_row == 1 + 731


def test_a_long_activity_list_is_counted_in_its_row_and_listed_apart(followup):
    report = follow_up(followup, locale="sv")
    for row in report.rows():
        kinds = [line.kind for line in row.targets]
        assert "activity" not in kinds  # 136 to 245 activities a row: counted, not listed
        assert kinds.count(ACTIVITY_COUNTS) == 1
    assert len(report.activities) == 731
    assert {line.status.key for line in report.activities} == set(FOLLOWUP_ACTIVITIES)
    md = render(report, "md")
    assert md.count("| Aktivitet ") == 731


def test_a_short_activity_list_shows_each_activity_with_its_own_status(followup):
    plan = followup.plan
    goal = plan["invanare-mal"]
    few = [child for child in goal.children if child.kind == "activity"][:MAX_ACTIVITY_LINES]
    rest = [child for child in goal.children if child.kind != "activity"]
    small = attrs.evolve(
        plan,
        goals=(
            attrs.evolve(plan.goals[0], children=(attrs.evolve(goal, children=(*rest, *few)),)),
        ),
    )
    report = follow_up(evaluate(small, period=FOLLOWUP_PERIOD), locale="en")
    lines = [line for line in next(report.rows()).targets if line.kind == "activity"]
    assert len(lines) == MAX_ACTIVITY_LINES
    assert {line.status.key for line in lines} <= set(FOLLOWUP_ACTIVITIES)
    assert report.activities == ()


def test_the_report_command_writes_the_breakdown(tmp_path):
    out = tmp_path / "r.md"
    result = CliRunner().invoke(
        main,
        ["report", PLAN, "--period", "2019-T1", "--format", "md", "--locale", "en", "-o", out],
    )
    assert result.exit_code == 0, result.output
    written = out.read_text(encoding="utf-8")
    assert "## Summary by Strategy" in written
    assert "Target values: ● green" in written


def test_a_judged_status_and_forecast_say_who_judged_them_in_every_format():
    plan = _factor_plan(status="yellow", reason="")
    factor = plan["f"]
    forecast = Judgement(
        period=Period("2024-T2"), scale="goal_forecast", status="uncertain", by="HSN"
    )
    plan = attrs.evolve(
        plan,
        goals=(
            attrs.evolve(
                plan.goals[0],
                children=(attrs.evolve(factor, judgements=(*factor.judgements, forecast)),),
            ),
        ),
    )
    evaluation = evaluate(plan, period="2024-T2")
    report = follow_up(evaluation, locale="sv")
    status = next(report.rows()).status
    assert status.text == "◐ gul (Regionstyrelsen), ◐ prognos: osäkert (HSN)"
    for output_format in ("html", "md", "text"):
        assert "gul (Regionstyrelsen), ◐ prognos: osäkert (HSN)" in render(report, output_format)
    assert "gul (Regionstyrelsen), ◐ prognos: osäkert (HSN)" in xlsx_text(report)[1]
    assert "gul (Regionstyrelsen), ◐ prognos: osäkert (HSN)" in evaluation_html(
        evaluation, locale="sv"
    )
