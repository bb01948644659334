"""The plan's vocabulary: level and kind names per language in documents, summaries, JSON and
every report format, so that a report in English or Norwegian keeps no Swedish label."""

import html
import io
import json
import re
import tomllib
from pathlib import Path

import attrs
import openpyxl
import pytest
from click.testing import CliRunner

import malstyrning
from malstyrning import Goal, InvalidPlan, Period, evaluate, examples
from malstyrning.cli import main
from malstyrning.model import Indicator, Plan, PlanLevel
from malstyrning.report import follow_up, markdown, render, summary_json, text
from malstyrning.report._records import evaluation_records, text_table
from malstyrning.report.followup import summary_table
from malstyrning.report.notebook import evaluation_html, plan_html

LOCALES_DIR = Path(malstyrning.__file__).parent / "locales"
PERIODS = {
    "jamtland-harjedalen-2019": "2019-T1",
    "jamtland-harjedalen-2020": "2020-T1",
    "vasternorrland-2022": "2020",
}
# Catalogue tables of words the parsers read rather than texts shown in reports.
_READ_ONLY = ("parser", "plan_table", "meta", "answer")
_WORD = re.compile(r"[^\W\d_]{3,}")


def _catalogue_texts(code):
    tree = tomllib.loads((LOCALES_DIR / f"{code}.toml").read_text(encoding="utf-8"))

    def walk(node, path):
        if isinstance(node, dict):
            for key, value in node.items():
                if not path and key in _READ_ONLY:
                    continue
                yield from walk(value, (*path, key))
        elif isinstance(node, list):
            for item in node:
                yield from walk(item, path)
        elif isinstance(node, str):
            yield re.sub(r"\{[^}]*\}", " ", node)

    return list(walk(tree, ()))


def _words(texts):
    return {word.casefold() for text in texts for word in _WORD.findall(text)}


def _vocabulary(plan, code):
    """The plan's own names for its levels and kinds in one language."""
    texts = [level.name(locale=code) for level in plan.levels]
    texts += [labels[code] for labels in plan.kinds.values() if code in labels]
    return texts


def swedish_words(plan, locale):
    """Words of the Swedish labels (the plan's and the catalogue's) that ``locale`` lacks."""
    swedish = _words(_catalogue_texts("sv") + _vocabulary(plan, "sv"))
    own = _words(_catalogue_texts(locale) + _vocabulary(plan, locale))
    return swedish - own


def plan_texts(plan):
    """Every text that is the plan's own: titles, comments, owners ... (kept as written)."""
    texts = [plan.id, plan.title, plan.organisation, plan.vision or "", plan.description]
    for node in plan.walk():
        texts += [node.id, node.title, node.description]
        texts += [comment.text for comment in node.comments]
        texts += [j.by for j in node.judgements] + [j.reason for j in node.judgements]
        texts.append(getattr(node, "owner", None) or "")
        for report in getattr(node, "reports", ()):
            texts.append(report.comment)
        if isinstance(node, Indicator):
            texts += [node.source or "", node.target_text or "", node.unit or ""]
            for series in node.series:
                texts += [series.label, series.key]
                texts += [m.comment for m in series.measurements]
        for m in getattr(node, "measurements", ()):
            texts.append(m.comment)
    texts = {" ".join(t.split()) for t in texts if t and t.strip()}
    return sorted(texts, key=len, reverse=True)


def _without(output, texts, forms):
    every = {form for each in texts for form in forms(each) if form}
    alternatives = "|".join(re.escape(form) for form in sorted(every, key=len, reverse=True))
    # Whole words only: a series "men" must not take a bite out of "Assignment".
    output = re.sub(rf"(?<![\w-])(?:{alternatives})(?![\w-])", " ", output)
    # What is left of a shortened plan text ("Strategi för länets utv…").
    return re.sub(r"[^<>|\n*\"]{0,80}…", " ", output)


def _rendered(report, output_format):
    if output_format == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx")))
        return "\n".join(
            str(cell.value)
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        )
    if output_format == "text":
        return text.dumps(report, width=100_000)  # no wrapping: plan texts stay whole
    output = render(report, output_format)
    assert isinstance(output, str)
    return output


def _forms(output_format):
    def forms(each):
        found = [each, each.upper()]
        if output_format in ("html", "notebook"):
            found += [html.escape(each, quote=True), html.escape(each, quote=False)]
        if output_format == "md":
            found.append(markdown.escape(each))
        return found

    return forms


def leftover_swedish(plan, output, locale, output_format):
    rest = _without(output, plan_texts(plan), _forms(output_format))
    if output_format in ("html", "notebook"):
        rest = re.sub(r"<[^>]*>", " ", rest)
        rest = html.unescape(rest)
    found = {word.casefold() for word in _WORD.findall(rest)}
    return sorted(found & swedish_words(plan, locale))


# -- the examples in every language -----------------------------------------------------------


@pytest.mark.parametrize("name", sorted(PERIODS))
def test_the_examples_name_their_levels_and_kinds_in_every_language(name):
    plan = examples.load(name)
    for level in plan.levels:
        assert {"en", "nb"} <= set(level.labels), level.key
        assert level.name(locale="en") != level.label
    used = {node.kind for node in plan.walk()}
    for kind in used:
        assert set(plan.kinds[kind]) == {"sv", "en", "nb"}, kind


@pytest.mark.parametrize("locale", ["en", "nb"])
@pytest.mark.parametrize("output_format", ["html", "md", "text", "xlsx"])
@pytest.mark.parametrize("name", sorted(PERIODS))
def test_a_report_in_english_or_norwegian_has_no_swedish_label_left(name, output_format, locale):
    plan = examples.load(name)
    evaluation = evaluate(plan, period=PERIODS[name])
    report = follow_up(evaluation, locale=locale)
    output = _rendered(report, output_format)
    assert leftover_swedish(plan, output, locale, output_format) == []


@pytest.mark.parametrize("locale", ["en", "nb"])
@pytest.mark.parametrize("by", [None, "indicator", "assignment", "strategic_goal"])
def test_summaries_and_notebook_views_have_no_swedish_label_left(locale, by):
    plan = examples.load("jamtland-harjedalen-2019")
    evaluation = evaluate(plan, period="2019-T1")
    table = summary_table(evaluation, locale=locale, by=by)
    outputs = {
        "text": text.summary_dumps(table, locale=locale) + text_table(evaluation, locale=locale),
        "notebook": evaluation_html(evaluation, locale=locale) + plan_html(plan, locale=locale),
    }
    for output_format, output in outputs.items():
        assert leftover_swedish(plan, output, locale, output_format) == [], output_format


def test_the_check_finds_a_swedish_label_that_is_left():
    # The test above would pass on anything if it could not see a Swedish heading.
    plan = examples.load("jamtland-harjedalen-2019")
    bare = attrs.evolve(
        plan, levels=tuple(attrs.evolve(level, labels={}) for level in plan.levels), kinds={}
    )
    report = follow_up(evaluate(bare, period="2019-T1"), locale="en")
    found = leftover_swedish(plan, _rendered(report, "md"), "en", "md")
    assert "resultatmål" in found
    assert "strategiskt" in found


# -- where the words are used -----------------------------------------------------------------


def test_the_report_uses_the_plans_words_for_levels_in_the_locale():
    evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
    english = follow_up(evaluation, locale="en")
    assert english.row_level == "Result goal"
    assert english.areas[0].level == "Strategy"
    assert english.summary.area_level == "Strategy"
    assert english.summary_sentence.startswith("Result goal: 6 green")
    norwegian = follow_up(evaluation, locale="nb")
    assert norwegian.areas[0].items[0].level == "Strategisk mål"
    swedish = follow_up(evaluation, locale="sv")
    assert swedish.row_level == "Resultatmål"


@pytest.mark.parametrize(
    ("locale", "label"),
    [("sv", "Målvärden"), ("en", "Target values"), ("nb", "Målverdier")],
)
def test_summaries_by_kind_use_the_plans_word_for_the_kind(locale, label):
    evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
    assert summary_table(evaluation, locale=locale, by="indicator").level == label
    data = summary_json(evaluation, locale=locale, by="indicator")
    assert data["level_label"] == label


def test_evaluate_json_names_levels_and_kinds_in_the_plans_words():
    evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
    records = {r["id"]: r for r in evaluation_records(evaluation, locale="en")}
    assert records["hallbar-region"]["level_label"] == "Strategic goal"
    assert records["hallbar-region"]["kind_label"] == "Goals"
    assert records["antibiotika"]["kind_label"] == "Target values"
    assert records["antibiotika"]["level_label"] is None


def test_cli_summary_by_kind_prints_the_plans_word():
    result = CliRunner().invoke(
        main,
        [
            "summary",
            "jamtland-harjedalen-2019",
            "--period",
            "2019-T1",
            "--by",
            "assignment",
            "--locale",
            "nb",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["level_label"] == "Oppdrag"


# -- the model ---------------------------------------------------------------------------------


def _plan(**fields):
    return Plan(
        id="p",
        title="Plan",
        organisation="Kommun",
        validity=Period("2024"),
        levels=(PlanLevel("area", "Målområde", labels={"en": "Goal area"}),),
        goals=(Goal(id="g", title="Mål", level="area"),),
        **fields,
    )


def test_a_label_falls_back_to_the_plans_language():
    plan = _plan(
        language="nb",
        kinds={"assignment": {"nb": "Oppdrag", "en": "Assignments"}},
    )
    assert plan.kind_label("assignment", locale="en_GB") == "Assignments"
    assert plan.kind_label("assignment", locale="sv") == "Oppdrag"  # the plan's language
    assert plan.kind_label("activity", locale="sv") == "aktivitet"  # the catalogue's word
    assert plan.level_label("area", locale="en") == "Goal area"
    assert plan.level_label("area", locale="nb") == "Målområde"
    assert plan.level_label("area") == "Målområde"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kinds": {"measure": {"sv": "Mått"}}}, "unknown node kind 'measure'"),
        ({"kinds": {"indicator": {"sv": ""}}}, "must map locale codes to texts"),
        ({"kinds": {"indicator": "Mätetal"}}, "must map locale codes to texts"),
    ],
)
def test_a_vocabulary_that_is_not_one_is_refused(fields, message):
    with pytest.raises(InvalidPlan, match=message):
        _plan(**fields)


def test_vocabulary_round_trips_and_is_left_out_when_empty():
    plan = _plan(kinds={"indicator": {"sv": "Mätetal", "en": "Measures"}})
    for output_format in ("json", "yaml", "toml"):
        document = malstyrning.dumps(plan, format=output_format)
        again = malstyrning.loads(document, format=output_format)
        assert again == plan
        assert again.kinds["indicator"]["en"] == "Measures"
    bare = attrs.evolve(plan, kinds={}, levels=(PlanLevel("area", "Målområde"),))
    document = json.loads(malstyrning.dumps(bare, format="json"))
    assert "kinds" not in document
    assert document["levels"] == [{"key": "area", "label": "Målområde"}]


def test_a_document_with_a_bad_vocabulary_names_where():
    document = json.loads(malstyrning.dumps(_plan(), format="json"))
    document["kinds"] = {"indicator": {"en": 3}}
    with pytest.raises(InvalidPlan) as raised:
        malstyrning.loads(json.dumps(document))
    assert "kinds" in str(raised.value)
