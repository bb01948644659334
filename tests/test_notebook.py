"""Notebook views: rich HTML of plans, nodes, assessments and evaluations; status charts; and
the example notebook, executed end to end."""

import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from _dom import parse
from malstyrning import Plan, evaluate, examples
from malstyrning.report import MissingDependency
from malstyrning.report.notebook import evaluation_html, status_figure

NOTEBOOK = Path(__file__).parent.parent / "examples" / "follow-up.ipynb"


@pytest.fixture(scope="module")
def evaluation():
    return evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")


def test_evaluation_tree_is_collapsible_with_coloured_status(evaluation):
    root = parse(evaluation._repr_html_())
    goals = [node for node in evaluation.plan.walk() if node.kind == "goal"]
    details = root.find_all("details")
    assert [d.attributes["data-node"] for d in details] == [goal.id for goal in goals]
    # Only the first level starts unfolded.
    assert [d.attributes["data-node"] for d in details if "open" in d.attributes] == [
        goal.id for goal in evaluation.plan.goals
    ]
    for element in details:
        summary = element.children[0]
        assert summary.tag == "summary"
        badge = summary.find_all("span")[0]
        expected = evaluation[element.attributes["data-node"]].status or "not_assessed"
        assert badge.attributes["data-status"] == expected
        assert "background:#" in badge.attributes["style"]
    leaf = next(e for e in root.find_all("div") if e.attributes.get("data-node") == "antibiotika")
    assert "Utfall 245 rec/TIN, mål mindre än 250 rec/TIN: uppnått." in leaf.text()


def test_plan_node_and_assessment_views(evaluation):
    plan = evaluation.plan
    plan_view = parse(plan._repr_html_())
    assert len(plan_view.find_all("details")) == sum(1 for n in plan.walk() if n.kind == "goal")
    assert "Strategi → Strategiskt mål → Resultatmål" in plan_view.text()
    for node_id in ("samhalle", "antibiotika", "jamlik-halsa", "jamstalldhetsanalys"):
        view = parse(plan[node_id]._repr_html_())
        assert node_id in view.text()
    assessment = parse(evaluation["antibiotika"]._repr_html_())
    assert "● grön" in assessment.text()
    assert "245 rec/TIN" in assessment.text()
    english = evaluation_html(evaluation, locale="en")
    assert "not assessed" in english
    assert "ej bedömd" not in english


def test_plan_text_is_escaped_in_the_tree():
    plan = examples.load("vasternorrland-2022")
    import attrs

    hostile = attrs.evolve(plan, title="<img src=x onerror=alert(1)>")
    assert isinstance(hostile, Plan)
    page = hostile._repr_html_()
    assert "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_status_figures(evaluation):
    pie = status_figure(evaluation, locale="sv")
    wedges = pie.axes[0].patches
    assert len(wedges) == 4
    assert [w.get_hatch() for w in wedges] == ["", "//", "xx", ".."]
    legend = [t.get_text() for t in pie.axes[0].get_legend().get_texts()]
    assert legend == ["● grön: 6", "◐ gul: 2", "○ röd: 4", "– ej bedömd: 22"]
    bars = status_figure(evaluation, locale="en", kind="bar", by="strategic_goal")
    heights = sum(patch.get_width() for patch in bars.axes[0].patches)
    strategic = sum(
        1 for n in evaluation.plan.walk() if getattr(n, "level", "") == "strategic_goal"
    )
    assert heights == strategic
    with pytest.raises(ValueError, match="kind must be"):
        status_figure(evaluation, locale="en", kind="donut")


def test_missing_matplotlib_is_a_clear_error(evaluation, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    with pytest.raises(MissingDependency, match=r'pip install "malstyrning\[plot\]"'):
        status_figure(evaluation, locale="en")


def test_the_example_notebook_runs(tmp_path):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()
    outputs = [output for cell in notebook.cells for output in cell.get("outputs", [])]
    assert not [output for output in outputs if output.get("output_type") == "error"]
    html = [
        output["data"]["text/html"] for output in outputs if "text/html" in output.get("data", {})
    ]
    assert any("<details" in page and "data-status" in page for page in html)
    assert any("<table" in page and "antibiotika" in page for page in html)  # the data frame
    images = [output for output in outputs if "image/png" in output.get("data", {})]
    assert len(images) == 2  # the pie and the bars
