"""indicator_figure: an indicator's outcomes against its target levels in a notebook."""

import pytest
from matplotlib.colors import to_hex

from malstyrning import MalstyrningError, UnknownNode, examples
from malstyrning.errors import MissingDependency
from malstyrning.report import _optional, notebook
from malstyrning.report.notebook import indicator_figure


@pytest.fixture(scope="module")
def jamtland():
    return examples.load("jamtland-harjedalen-2019")


def test_outcomes_and_targets_are_two_lines_with_the_judged_period_marked(jamtland):
    figure = indicator_figure(jamtland, "vald-ovriga", locale="sv")
    axes = figure.axes[0]
    outcomes, targets = axes.get_lines()
    assert outcomes.get_label() == "Utfall"
    assert list(outcomes.get_ydata()) == [643.0, 567.0]
    assert targets.get_label() == "Målnivå"
    assert targets.get_linestyle() == "--"  # dashed: readable without colour
    assert list(targets.get_ydata()) == [643.0]
    # The judged period (the plan's reporting period) is a band with its name.
    bands = [patch for patch in axes.patches if patch.get_label().startswith("Bedömd period")]
    assert len(bands) == 1
    assert bands[0].get_label() == "Bedömd period: tertial 1 2019"
    assert [label.get_text() for label in axes.get_xticklabels()] == [
        "tertial 1 2018",
        "tertial 1 2019",
    ]
    assert axes.get_ylabel() == "antal"
    assert to_hex(outcomes.get_color()) != to_hex(targets.get_color())
    # The judged outcome is written out.
    assert [text.get_text() for text in axes.texts] == ["567 antal"]


def test_a_trajectory_shows_its_target_levels_ahead_of_the_outcomes():
    plan = examples.load("vasternorrland-2022")
    figure = indicator_figure(plan, "tillganglighet-primarvard", period="2020", locale="en")
    axes = figure.axes[0]
    outcomes, targets = axes.get_lines()
    assert list(outcomes.get_xdata()) == [0]
    assert list(targets.get_xdata()) == [2, 3]
    assert list(targets.get_ydata()) == [85.0, 87.0]
    assert [label.get_text() for label in axes.get_xticklabels()] == [
        "2019",
        "2020",
        "2022",
        "2024",
    ]


def test_without_a_reporting_period_the_latest_outcome_is_marked():
    plan = examples.load("vasternorrland-2022")
    figure = indicator_figure(plan, "tillganglighet-primarvard", locale="nb")
    labels = [patch.get_label() for patch in figure.axes[0].patches]
    assert "Vurdert periode: 2019" in labels


def test_what_cannot_be_charted_is_named(jamtland):
    with pytest.raises(UnknownNode):
        indicator_figure(jamtland, "antibiotica")
    with pytest.raises(MalstyrningError, match=r"'samhalle' .* is a goal, not an indicator"):
        indicator_figure(jamtland, "samhalle")
    with pytest.raises(MalstyrningError, match=r"'vardskada' .* has no outcome that is a number"):
        indicator_figure(jamtland, "vardskada")


def test_without_matplotlib_the_error_names_the_extra(jamtland, monkeypatch):
    def missing(module, *, extra, what):
        raise MissingDependency.for_module(module, extra, what)

    monkeypatch.setattr(notebook, "require", missing)
    with pytest.raises(MissingDependency, match="plot"):
        indicator_figure(jamtland, "antibiotika")
    assert _optional.require("json", extra="none", what="JSON").__name__ == "json"
