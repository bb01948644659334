"""The follow-up report: structure, formats, localisation, summary and CLI contracts."""

import io
import json
import re
import xml.etree.ElementTree as ET

import attrs
import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from _dom import parse
from malstyrning import Goal, Period, UnknownNode, dump, evaluate, examples
from malstyrning.cli import main
from malstyrning.i18n import _catalogue, available_locales, catalogue_keys
from malstyrning.report import (
    FORMATS,
    NOT_ASSESSED,
    UnknownLevel,
    follow_up,
    markdown,
    new_since,
    render,
    summary_json,
    svg,
    text,
    xlsx,
)
from malstyrning.report import html as html_report
from malstyrning.report.followup import summary_table
from malstyrning.testing import plans, scales

PLAN = "jamtland-harjedalen-2019"


@pytest.fixture(scope="module")
def evaluation():
    return evaluate(examples.load(PLAN), period="2019-T1")


def result_goals(plan):
    return [node for node in plan.walk() if isinstance(node, Goal) and node.level == "result_goal"]


def badge_colour(element):
    match = re.search(r"background:(#[0-9a-fA-F]{6})", element.attributes.get("style", ""))
    assert match, element.attributes
    return match.group(1).upper()


# -- structure -------------------------------------------------------------------------------


def test_follow_up_has_the_seed_layout(evaluation):
    plan = evaluation.plan
    report = follow_up(evaluation, locale="sv")
    assert [area.node_id for area in report.areas] == [goal.id for goal in plan.goals]
    assert [row.node_id for row in report.rows()] == [goal.id for goal in result_goals(plan)]
    for area in report.areas:
        headings = [item for item in area.items if not hasattr(item, "targets")]
        assert {h.level for h in headings if not h.is_owner} == {"Strategiskt mål"}
        # The owner is named above the result goals it owns, as in seed 000.
        assert any(h.is_owner and h.title == "Hälso- och sjukvårdsnämnden" for h in headings)
    row = next(row for row in report.rows() if row.node_id == "lakemedelspaverkan-miljo")
    assert [line.node_id for line in row.targets] == ["antibiotika", "diklofenak"]
    assert row.targets[0].text == "Antibiotika: mindre än 250 rec/TIN"
    assert row.targets[0].outcome == "utfall 245 rec/TIN"
    assert row.targets[1].status.key == NOT_ASSESSED
    assert row.targets[1].status.reason == "inget målvärde"
    assert row.status.text == "● grön"
    assert "Målen är uppfyllda" in row.comment


def test_numbers_follow_the_locale(evaluation):
    rows = {
        line.node_id: line
        for locale in ("sv",)
        for row in follow_up(evaluation, locale=locale).rows()
        for line in row.targets
    }
    assert rows["anvandarkonton"].outcome == "utfall 60\xa0000 antal"
    english = {
        line.node_id: line
        for row in follow_up(evaluation, locale="en").rows()
        for line in row.targets
    }
    assert english["anvandarkonton"].outcome == "outcome 60,000 antal"
    assert english["vardskada"].text.endswith("maintain the level 5%")


def test_html_structure(evaluation):
    report = follow_up(evaluation, locale="sv")
    page = html_report.dumps(report)
    root = parse(page)
    sections = root.find_all("section", "area")
    assert [s.attributes["data-node"] for s in sections] == [g.id for g in evaluation.plan.goals]
    rows = root.find_all("tr", "row")
    assert [r.attributes["data-node"] for r in rows] == [r.node_id for r in report.rows()]
    for element, row in zip(rows, report.rows(), strict=True):
        assert element.attributes["data-status"] == row.status.key
        cells = element.find_all("td")
        assert [c.attributes["class"] for c in cells] == [
            "goal",
            "targets",
            "status",
            "trend",
            "comment",
        ]
        badge = cells[2].find_all("span", "badge")[0]
        assert badge.text() == row.status.text  # symbol and name: readable without colour
        assert badge_colour(badge) == row.status.colour.upper()
        assert [li.attributes["data-node"] for li in cells[1].find_all("li")] == [
            line.node_id for line in row.targets
        ]
    headers = [th.text() for th in sections[0].find_all("thead")[0].find_all("th")]
    assert headers == ["Resultatmål", "Målvärde / uppdrag", "Status per april 2019", "Trend",
                       "Kommentar"]  # fmt: skip
    # The summary table: one row per goal area and a totals row.
    summary = root.find_all("table", "summary")[0]
    body_rows = summary.find_all("tbody")[0].find_all("tr")
    assert [r.attributes["data-node"] for r in body_rows] == [g.id for g in evaluation.plan.goals]
    total = [td.text() for td in summary.find_all("tfoot")[0].find_all("td")]
    assert total == ["6", "2", "4", "22", "34"]
    # Self-contained: no script, no external resource.
    assert not root.find_all("script")
    assert not root.find_all("link")
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page


def test_svg_charts_are_well_formed_xml(evaluation):
    page = html_report.dumps(follow_up(evaluation, locale="en"))
    start, end = page.index('<section class="summary"'), page.index('<section class="breakdown"')
    summary = page[start:end]
    charts = re.findall(r"<svg.*?</svg>", summary, flags=re.DOTALL)
    assert len(charts) == 2
    for chart in re.findall(r"<svg.*?</svg>", page, flags=re.DOTALL):
        ET.fromstring(chart)  # the indicator and breakdown charts too
    for chart in charts:
        tree = ET.fromstring(chart)
        statuses = {e.get("data-status") for e in tree.iter() if e.get("data-status")}
        assert statuses == {"green", "yellow", "red", NOT_ASSESSED}
    pie = ET.fromstring(charts[0])
    texts = " ".join(t.text or "" for t in pie.iter("{http://www.w3.org/2000/svg}text"))
    assert "green: 6 (18%)" in texts
    assert "not assessed: 22 (65%)" in texts


def test_pie_of_one_status_is_a_full_circle_and_empty_is_an_outline(evaluation):
    table = summary_table(evaluation, locale="sv")
    only_green = attrs.evolve(
        table,
        total=attrs.evolve(table.total, counts={"green": 3, "yellow": 0, "red": 0}, not_assessed=0),
    )
    chart = ET.fromstring(svg.pie_chart(only_green, locale="sv", title="t"))
    circles = list(chart.iter("{http://www.w3.org/2000/svg}circle"))
    assert [c.get("data-status") for c in circles] == ["green"]
    empty = attrs.evolve(
        table,
        total=attrs.evolve(table.total, counts={"green": 0, "yellow": 0, "red": 0}, not_assessed=0),
    )
    chart = ET.fromstring(svg.pie_chart(empty, locale="sv", title="t"))
    assert [c.get("fill") for c in chart.iter("{http://www.w3.org/2000/svg}circle")] == ["none"]


def test_plan_text_is_escaped_everywhere(evaluation):
    plan = evaluation.plan
    nasty = '<script>alert("x")</script> & | *bold* <250'
    goal = plan["lakemedelspaverkan-miljo"]
    changed = attrs.evolve(plan, organisation=nasty)
    changed = _replace_goal(changed, attrs.evolve(goal, title=nasty, owner=nasty))
    report = follow_up(evaluate(changed, period="2019-T1"), locale="sv")
    page = html_report.dumps(report)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; | *bold* &lt;250" in page
    parse(page)  # still balanced
    md = markdown.dumps(report)
    assert "\\<script\\>" in md
    assert "\\| \\*bold\\* \\<250" in md
    table_rows = [line for line in md.splitlines() if "alert" in line and line.startswith("|")]
    assert table_rows
    assert all(line.count(" | ") == 4 for line in table_rows)  # the pipe did not add a cell


def _replace_goal(plan, new_goal):
    def swap(node):
        if node.id == new_goal.id:
            return new_goal
        if isinstance(node, Goal):
            return attrs.evolve(node, children=tuple(swap(child) for child in node.children))
        return node

    return attrs.evolve(plan, goals=tuple(swap(goal) for goal in plan.goals))


# -- localisation ----------------------------------------------------------------------------


def test_every_catalogue_key_exists_in_every_locale():
    assert {"sv", "en", "nb"} <= set(available_locales())
    reference = catalogue_keys("sv")
    for locale in available_locales():
        assert catalogue_keys(locale) == reference, locale


def _plan_texts(plan):
    texts = {plan.title, plan.organisation, plan.description, plan.vision or ""}
    texts |= {level.label for level in plan.levels}
    for node in plan.walk():
        texts |= {node.title, node.description, getattr(node, "owner", None) or ""}
        texts |= {getattr(node, "unit", None) or "", getattr(node, "source", None) or ""}
        texts |= {comment.text for comment in node.comments}
        for report in getattr(node, "reports", ()):
            texts.add(report.comment)
        for series in getattr(node, "series", ()):
            texts.add(series.label)
            texts |= {m.comment for m in series.measurements}
        texts |= {m.comment for m in getattr(node, "measurements", ())}
    return {" ".join(t.split()) for t in texts if t and t.strip()}


def _visible_text(page):
    root = parse(page)
    for style in root.find_all("style"):
        style.children = []
    return " ".join(root.text().split())


def _drop_shortened(visible, texts):
    """Remove plan texts shortened with "…" to fit a chart label or a table column."""
    for plan_text in texts:
        start = 0
        while (found := visible.find(plan_text[:8], start)) != -1:
            end = visible.find("…", found, found + len(plan_text) + 1)
            if end != -1 and plan_text.startswith(visible[found:end].rstrip()):
                visible = f"{visible[:found]} {visible[end + 1 :]}"
            start = found + 1
    return visible


def _swedish_fragments(locale):
    """Literal pieces of every Swedish catalogue text that differs in ``locale``."""
    swedish, other = _catalogue("sv"), _catalogue(locale)
    other_words = {word.lower() for text in other.values() for word in re.findall(r"\w+", text)}
    fragments = set()
    for key, value in swedish.items():
        if other[key] == value:
            continue
        for raw in re.split(r"\{[^}]*\}", value):
            piece = raw.strip(" :;,.()–-")
            words = re.findall(r"\w+", piece)
            # A word the other language also uses ("Status", "Trend", "ja") is not a leak.
            if words and any(w.lower() not in other_words for w in words):
                fragments.add(piece)
    return fragments


@pytest.mark.parametrize("locale", ["en", "nb"])
@pytest.mark.parametrize("output_format", FORMATS)
def test_no_swedish_label_outside_plan_texts(evaluation, locale, output_format):
    report = follow_up(evaluation, locale=locale, new={"sip"})
    output = render(report, output_format)
    if output_format == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(output))
        # Everything a reader sees: every cell but the hidden column of node ids.
        cells = [
            c.value
            for sheet in book
            for r in sheet.iter_rows()
            for c in r
            if not sheet.column_dimensions[c.column_letter].hidden
        ]
        output = "\n".join(sheet.title for sheet in book) + "\n"
        output += "\n".join(value for value in cells if isinstance(value, str))
    visible = _visible_text(output) if output_format == "html" else " ".join(output.split())
    # Markdown escapes; compare on the plain text.
    visible = visible.replace("\\", "")
    texts = sorted(_plan_texts(evaluation.plan), key=len, reverse=True)
    visible = _drop_shortened(visible, texts)
    for plan_text in texts:
        visible = visible.replace(plan_text, " ")
    leaks = [
        fragment
        for fragment in _swedish_fragments(locale)
        if re.search(rf"(?<!\w){re.escape(fragment)}(?!\w)", visible)
    ]
    assert not leaks, leaks
    assert report.labels["report.column.target"] in visible


def test_catalogue_check_would_catch_a_leak(evaluation):
    # The check above is only worth something if it finds a Swedish label when there is one.
    page = html_report.dumps(follow_up(evaluation, locale="en")) + "<p>Sammanställning</p>"
    visible = _visible_text(page)
    assert any(
        re.search(rf"(?<!\w){re.escape(f)}(?!\w)", visible) for f in _swedish_fragments("en")
    )


# -- summary ---------------------------------------------------------------------------------


def test_summary_json_contract(evaluation):
    result = CliRunner().invoke(main, ["summary", PLAN, "--period", "2019-T1", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    goals = result_goals(evaluation.plan)
    assessed = [g for g in goals if evaluation[g.id].status is not None]
    assert set(data["total"]) == {"counts"}
    total = data["total"]["counts"]
    assert sum(total[key] for key in ("green", "yellow", "red")) == len(assessed)
    assert total[NOT_ASSESSED] == len(goals) - len(assessed)
    assert [row["id"] for row in data["rows"]] == [goal.id for goal in evaluation.plan.goals]
    for row in data["rows"]:
        assert set(row) >= {"id", "title", "counts"}
        assert set(row["counts"]) == {"green", "yellow", "red", NOT_ASSESSED}
    for key in total:
        assert sum(row["counts"][key] for row in data["rows"]) == total[key]


def test_summary_by_level_and_kind(evaluation):
    by_goal = summary_json(evaluation, locale="sv", by="strategic_goal")
    strategic = [n for n in evaluation.plan.walk() if getattr(n, "level", "") == "strategic_goal"]
    assert sum(by_goal["total"]["counts"].values()) == len(strategic)
    by_kind = summary_json(evaluation, locale="sv", by="indicator")
    expected = evaluation.summary(kind="indicator")
    assert by_kind["total"]["counts"] == {**expected.counts, NOT_ASSESSED: expected.not_assessed}
    with pytest.raises(UnknownLevel, match=r"has no level 'strategi'.*strategy, strategic_goal"):
        summary_table(evaluation, locale="sv", by="strategi")


def test_summary_table_in_the_terminal():
    result = CliRunner().invoke(main, ["summary", PLAN, "--locale", "en"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Result goal by Strategy and status, as of April 2019"
    assert lines[-1].split() == ["Total", "6", "2", "4", "22", "34"]


# -- XLSX against HTML -----------------------------------------------------------------------


def test_xlsx_holds_the_same_rows_and_colours_as_the_html(evaluation):
    report = follow_up(evaluation, locale="sv", new={"sip"})
    root = parse(html_report.dumps(report))
    from_html = []
    for element in root.find_all("tr", "row"):
        badge = element.find_all("td", "status")[0].find_all("span", "badge")[0]
        title = element.find_all("td", "goal")[0].text()
        from_html.append(
            (element.attributes["data-node"], " ".join(title.split()), badge.text(),
             badge_colour(badge))
        )  # fmt: skip
    book = openpyxl.load_workbook(io.BytesIO(xlsx.dumps(report)))
    sheet = book[report.labels["report.sheet"]]
    row_ids = {row.node_id for row in report.rows()}
    from_xlsx = []
    for cells in sheet.iter_rows():
        node_id = cells[xlsx.ID_COLUMN - 1].value
        if node_id in row_ids:
            status = cells[xlsx.STATUS_COLUMN - 1]
            from_xlsx.append(
                (node_id, cells[0].value, status.value, "#" + status.fill.fgColor.rgb[2:])
            )
    assert from_xlsx == from_html
    assert sheet.column_dimensions["F"].hidden
    summary = book[report.labels["report.summary_heading"]]
    last = [cell.value for cell in list(summary.iter_rows())[-1]]
    assert last == ["Totalt", 6, 2, 4, 22, 34]


# -- other formats, markers, CLI -------------------------------------------------------------


def test_markdown_and_text_hold_every_row(evaluation):
    report = follow_up(evaluation, locale="sv")
    md = markdown.dumps(report).split(f"\n## {report.breakdown.heading}\n")[0]
    table_rows = [line for line in md.splitlines() if line.startswith("| ") and "---" not in line]
    titles = [row.title for row in report.rows()]
    body = [line for line in table_rows if not line.startswith("| Resultatmål |")]
    # The rows, then the summary: its header, one row per goal area and the total.
    assert len(body) == len(titles) + 1 + len(report.areas) + 1
    plain = text.dumps(report, width=80)
    assert all(len(line) <= 80 for line in plain.splitlines() if " " in line.strip())
    flat = " ".join(plain.split())
    assert all(" ".join(title.split()) in flat for title in titles)
    assert "Totalt 6 2 4 22 34" in flat


def test_new_markers_in_every_format(evaluation):
    report = follow_up(evaluation, locale="en", new={"sip", "ledtider-svf"})
    assert report.has_new
    row = next(row for row in report.rows() if row.node_id == "ledtider-svf")
    assert row.new
    page = html_report.dumps(report)
    assert page.count('class="new"') == 3  # the row, the line and the legend
    assert "**[new]**" in markdown.dumps(report)
    assert "[new]" in text.dumps(report)
    book = openpyxl.load_workbook(io.BytesIO(xlsx.dumps(report)))
    values = [c.value for r in book.active.iter_rows() for c in r if isinstance(c.value, str)]
    assert any(v.endswith("[new]") for v in values)
    assert not follow_up(evaluation, locale="en").has_new
    with pytest.raises(UnknownNode, match="cannot mark 'nope' as new"):
        follow_up(evaluation, locale="en", new={"nope"})


def test_new_since_a_previous_plan(tmp_path, evaluation):
    plan = evaluation.plan
    area = plan.goals[1]
    previous = attrs.evolve(
        plan,
        goals=(plan.goals[0], attrs.evolve(area, children=area.children[:1]), *plan.goals[2:]),
    )
    new = new_since(plan, previous)
    assert "hog-tillganglighet" in new
    assert "antibiotika" not in new
    from malstyrning import dump

    dump(previous, tmp_path / "previous.json")
    out = tmp_path / "r.md"
    result = CliRunner().invoke(
        main,
        ["report", PLAN, "--format", "md", "--previous", str(tmp_path / "previous.json"),
         "-o", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Hög tillgänglighet **[ny]**" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("output_format", FORMATS)
def test_cli_report_writes_every_format(tmp_path, output_format):
    out = tmp_path / f"r.{output_format}"
    result = CliRunner().invoke(
        main, ["report", PLAN, "--period", "2019-T1", "--format", output_format, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 1000


def test_cli_errors_and_help():
    runner = CliRunner()
    no_file = runner.invoke(main, ["report", PLAN, "--format", "xlsx"])
    assert no_file.exit_code == 2
    assert "-o FILE" in no_file.output
    unknown = runner.invoke(main, ["report", "no-such-plan"])
    assert unknown.exit_code == 1
    assert "no-such-plan" in unknown.output
    assert "Traceback" not in unknown.output
    bad_level = runner.invoke(main, ["summary", PLAN, "--by", "nope"])
    assert bad_level.exit_code == 1
    assert "has no level 'nope'" in bad_level.output
    assert runner.invoke(main, ["report", PLAN, "--locale", "de"]).exit_code == 2
    for command in main.commands:
        help_text = runner.invoke(main, [command, "--help"])
        assert help_text.exit_code == 0
        assert "Example" in help_text.output, command


def test_report_to_stdout_in_markdown():
    result = CliRunner().invoke(main, ["report", PLAN, "--format", "md", "--locale", "nb"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# Oppfølging av måloppnåelse")


# -- any plan --------------------------------------------------------------------------------


@settings(max_examples=20)
@given(plan=st.one_of(plans(max_depth=3), plans(scales=scales())), data=st.data())
def test_any_plan_reports_consistently(plan, data):
    period = data.draw(st.sampled_from(["2019", "2020-T1", "2021"]))
    evaluation = evaluate(plan, period=period)
    locale = data.draw(st.sampled_from(available_locales()))
    report = follow_up(evaluation, locale=locale)
    summary = report.summary
    for column in summary.columns[:-1]:
        assert (
            sum(row.counts[column.key] for row in summary.rows) == summary.total.counts[column.key]
        )
    assert sum(row.not_assessed for row in summary.rows) == summary.total.not_assessed
    root = parse(html_report.dumps(report))
    assert [r.attributes["data-node"] for r in root.find_all("tr", "row")] == [
        row.node_id for row in report.rows()
    ]
    for chart in re.findall(r"<svg.*?</svg>", html_report.dumps(report), flags=re.DOTALL):
        ET.fromstring(chart)
    # Every leaf appears exactly once, as a target line or as a row of its own.
    lines = [line.node_id for row in report.rows() for line in row.targets]
    leaves = [node.id for node in plan.walk() if not isinstance(node, Goal)]
    assert sorted(lines) == sorted(leaves)
    markdown.dumps(report)
    text.dumps(report)


def test_revision_history_marks_what_is_new_in_the_period(tmp_path):
    from malstyrning import revisions
    from malstyrning.report import new_in_period

    plan = examples.load("jamtland-harjedalen-2020")
    after = revisions.apply(plan, examples.load_revision("jamtland-harjedalen-2020-revision"))
    marked = new_in_period(after, Period("2020-T2"))
    assert {"vardgarantin", "vald-fragan", "avtalsfoljsamhet"} <= marked
    assert "omlokaliserade-verksamheter" not in marked  # struck, not new
    assert new_in_period(after, Period("2020-T1")) == frozenset()
    assert new_in_period(plan, Period("2020-T2")) == frozenset()
    path = tmp_path / "after.json"
    dump(after, path)
    result = CliRunner().invoke(
        main, ["report", str(path), "--period", "2020-T2", "--format", "md"]
    )
    assert result.exit_code == 0, result.output
    assert "Vårdgarantin ska vara uppfylld **[ny]**" in result.output
