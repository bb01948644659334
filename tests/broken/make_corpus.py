"""Write the corpus of broken plan documents used by tests/test_broken_documents.py.

Run from the repository root after changing the format: ``python tests/broken/make_corpus.py``.
Each case is one file and one manifest entry: the text the error must contain, and whether
the JSON Schema alone can reject it (``schema: true``) or it needs the whole plan.
"""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import tomli_w
import yaml

from malstyrning import dumps, examples
from malstyrning._formats import Format, emit
from malstyrning.revisions import apply

HERE = Path(__file__).parent
BASE: dict[str, Any] = json.loads(dumps(examples.load("vasternorrland-2022")), parse_float=Decimal)
BASE_TEXT = dumps(examples.load("vasternorrland-2022"))
REVISED = apply(
    examples.load("jamtland-harjedalen-2020"),
    examples.load_revision("jamtland-harjedalen-2020-revision"),
)

# Paths into the base document used by the cases below.
GOAL = ("goals", 1, "children", 0)  # Vi erbjuder vård som utgår från individens behov
INDICATOR = (*GOAL, "children", 0)  # tillganglighet-primarvard
MEASUREMENT = (*INDICATOR, "series", 0, "measurements", 0)
TARGET = (*INDICATOR, "target")
HIRED = ("goals", 2, "children", 0, "children", 1)  # inhyrd personal, lower is better
YES_NO = ("goals", 1, "children", 1, "children", 0)

cases: list[dict[str, Any]] = []


def _get(document: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        document = document[key]
    return document


def edit(name: str, expected: str, change: Callable[[Any], None], *, schema: bool) -> None:
    document = copy.deepcopy(BASE)
    change(document)
    cases.append(
        {"name": f"{name}.json", "expected": expected, "schema": schema, "text": _json(document)}
    )


def put(path: tuple[Any, ...], value: Any) -> Callable[[Any], None]:
    def change(document: Any) -> None:
        _get(document, path[:-1])[path[-1]] = value

    return change


def drop(path: tuple[Any, ...]) -> Callable[[Any], None]:
    def change(document: Any) -> None:
        del _get(document, path[:-1])[path[-1]]

    return change


def each(*changes: Callable[[Any], None]) -> Callable[[Any], None]:
    def change(document: Any) -> None:
        for one in changes:
            one(document)

    return change


def raw(name: str, text: str | bytes, expected: str, *, schema: bool = False) -> None:
    cases.append({"name": name, "expected": expected, "schema": schema, "text": text})


def _json(document: Any) -> str:
    def default(value: Any) -> Any:
        if isinstance(value, Decimal):
            return float(value) if value != value.to_integral_value() else int(value)
        raise TypeError(value)

    return json.dumps(document, ensure_ascii=False, indent=2, default=default) + "\n"


def build() -> None:
    # -- truncated, empty, garbage --------------------------------------------------------
    for cut in (1, 17, 120, 700, 1500, 3000, 6000, len(BASE_TEXT) // 2, len(BASE_TEXT) - 3):
        raw(f"truncated-at-{cut}.json", BASE_TEXT[:cut], "is not a valid JSON document")
    raw("empty.json", "", "is not a valid JSON document")
    raw("empty.yaml", "", "expected an object with the plan's fields (got null)")
    raw("empty.toml", "", "missing format_version")
    raw("whitespace.json", "   \n\t\n", "is not a valid JSON document")
    raw("garbage.json", bytes(range(256)), "not UTF-8 text")
    raw("garbage-ascii.json", "%PDF-1.4 \x01\x02 not json at all", "is not a valid JSON document")
    raw("garbage.yaml", "key: [unclosed\n  - : :\n\t", "is not a valid YAML document")
    raw("garbage.toml", "= = =\n[[[", "is not a valid TOML document")
    raw(
        "a-list.json",
        "[1, 2, 3]",
        "expected an object with the plan's fields (got a list)",
        schema=True,
    )
    raw(
        "a-string.json",
        '"plan"',
        "expected an object with the plan's fields (got a text)",
        schema=True,
    )
    raw(
        "duplicate-json-key.json",
        BASE_TEXT.replace('"title": ', '"title": "x", "title": ', 1),
        "duplicate key 'title'",
    )
    raw("duplicate-yaml-key.yaml", "format_version: 1\nid: a\nid: b\n", "duplicate key 'id'")

    # -- format version ---------------------------------------------------------------------
    edit("future-version", "format_version 2 is newer", put(("format_version",), 2), schema=True)
    edit(
        "far-future-version",
        "format_version 99 is newer",
        put(("format_version",), 99),
        schema=True,
    )
    edit(
        "negative-version",
        "format_version -1 is not one",
        put(("format_version",), -1),
        schema=True,
    )
    edit("text-version", "must be a whole number", put(("format_version",), "1"), schema=True)
    edit("missing-version", "missing format_version", drop(("format_version",)), schema=True)
    raw("future-version.yaml", "format_version: 7\n", "format_version 7 is newer", schema=True)
    raw("future-version.toml", "format_version = 3\n", "format_version 3 is newer", schema=True)

    # -- missing and unknown fields -----------------------------------------------------------
    # A plan's id, its nodes' ids and its goals' levels are made when left out.
    for field in ("title", "organisation", "validity", "levels"):
        edit(f"missing-{field}", f"required field missing @ $.{field}", drop((field,)), schema=True)
    edit("missing-goals", "required field missing @ $.goals", drop(("goals",)), schema=True)
    edit(
        "missing-node-id-and-title",
        "required field missing @ $.goals[1].children[0].children[0].title",
        each(drop((*INDICATOR, "id")), drop((*INDICATOR, "title"))),
        schema=True,
    )
    edit(
        "missing-node-id-empty-title",
        "the title is empty, so no id can be made from it",
        each(drop((*INDICATOR, "id")), put((*INDICATOR, "title"), " ")),
        schema=False,
    )
    edit(
        "missing-node-title",
        "@ $.goals[1].children[0].children[0].title",
        drop((*INDICATOR, "title")),
        schema=True,
    )
    edit(
        "missing-goal-level-below-the-levels",
        "give the goal's level or add a level to the plan @ $.goals[1].children[0].children[2]",
        put((*GOAL, "children", 2), {"kind": "goal", "id": "deep", "title": "Djupt mål"}),
        schema=False,
    )
    edit("unknown-plan-key", "unknown keys colour", put(("colour",), "red"), schema=True)
    edit(
        "unknown-node-key",
        "unknown keys unitt (check the spelling) @ $.goals[1].children[0]",
        put((*INDICATOR, "unitt"), "%"),
        schema=True,
    )
    edit("unknown-target-key", "unknown keys treshold", put((*TARGET, "treshold"), 1), schema=True)
    edit(
        "unknown-measurement-key",
        "unknown keys valeu",
        put((*MEASUREMENT, "valeu"), 1),
        schema=True,
    )
    edit(
        "unknown-node-kind",
        "unknown node kind 'strategy'",
        put((*INDICATOR, "kind"), "strategy"),
        schema=True,
    )
    edit("missing-node-kind", "unknown node kind None", drop((*INDICATOR, "kind")), schema=True)
    edit(
        "unknown-rule-type",
        "unknown rule type 'threshhold'",
        put((*TARGET, "type"), "threshhold"),
        schema=True,
    )
    edit(
        "top-level-goal-with-kind",
        "unknown keys kind (check the spelling) @ $.goals[0]",
        put(("goals", 0, "kind"), "goal"),
        schema=True,
    )

    # -- wrong types -----------------------------------------------------------------------
    wrong_types = [
        ("title-number", ("title",), 12, "expected a text (got 12) @ $.title"),
        ("id-number", ("id",), 7, "expected a text (got 7) @ $.id"),
        ("organisation-list", ("organisation",), ["Region"], "@ $.organisation"),
        ("goals-object", ("goals",), {"a": 1}, "@ $.goals"),
        ("levels-text", ("levels",), "goal", "@ $.levels"),
        ("children-object", (*GOAL, "children"), {}, "@ $.goals[1].children[0].children"),
        (
            "node-title-null",
            (*INDICATOR, "title"),
            None,
            "@ $.goals[1].children[0].children[0].title",
        ),
        ("unit-list", (*INDICATOR, "unit"), ["%"], "@ $.goals[1].children[0].children[0].unit"),
        (
            "direction-unknown",
            (*INDICATOR, "direction"),
            "up",
            "@ $.goals[1].children[0].children[0].direction",
        ),
        (
            "comparison-unknown",
            (*HIRED, "target"),
            {"type": "threshold", "comparison": "=>", "value": 8},
            "'=>' is not a valid Comparison",
        ),
        ("value-bool", (*MEASUREMENT, "value"), True, "an indicator takes numbers"),
        ("value-object", (*MEASUREMENT, "value"), {"v": 1}, "expected a number"),
        ("value-list", (*MEASUREMENT, "value"), [84], "expected a number"),
        ("yes-no-expected-text", (*YES_NO, "expected"), "ja", "expected true or false"),
        ("period-number-text", (*MEASUREMENT, "period"), "20x9", "unknown period '20x9'"),
        ("period-bool", (*MEASUREMENT, "period"), True, "expected a period text"),
        ("period-tertial-4", (*MEASUREMENT, "period"), "2019-T4", "a year has tertials T1-T3"),
        ("period-backwards", ("validity",), "2024-12-31/2022-01-01", "ends on or after its start"),
        ("validity-number-list", ("validity",), [2022, 2024], "expected a period text"),
        (
            "measurements-object",
            (*INDICATOR, "series", 0, "measurements"),
            {"2019": 84},
            "@ $.goals[1].children[0].children[0].series[0].measurements",
        ),
        ("series-key-number", (*INDICATOR, "series", 0, "key"), 1, "expected a text (got 1)"),
        ("reference-text", (*INDICATOR, "series", 0, "reference"), "yes", "expected true or false"),
        (
            "missing-reason-unknown",
            (*MEASUREMENT, "missing"),
            "lost",
            "'lost' is not a valid NotAssessedReason",
        ),
        ("levels-entry-text", ("levels", 0), "goal_area", "@ $.levels[0]"),
        ("scale-unknown", ("scale",), "rainbow", "unknown scale 'rainbow'"),
        (
            "k-text",
            (*TARGET,),
            {"type": "composite", "mode": "at_least", "k": "2", "rules": [{"type": "yes_no"}]},
            "expected a whole number",
        ),
    ]
    for name, path, value, expected in wrong_types:
        schema = name not in {
            "value-bool",
            "period-number-text",
            "period-tertial-4",
            "period-backwards",
            "missing-reason-unknown",
        }
        edit(
            f"wrong-type-{name}",
            expected,
            put(path, value),
            schema=schema and name != "missing-reason-unknown",
        )

    # -- Swedish number text in number fields ----------------------------------------------------
    for name, text in [
        ("comma", "8,4"),
        ("comma-trailing-zero", "4,10"),
        ("space", "64 734"),
        ("nbsp", "64\u00a0734"),
        ("percent", "5,0 %"),
        ("letter-o", "4,1O"),
        ("percent-dot", "13.9%"),
        ("unicode-minus", "\u22122"),
    ]:
        shown = json.dumps(text)
        edit(
            f"swedish-number-{name}-measurement",
            f"expected a number (got {shown})",
            put((*MEASUREMENT, "value"), text),
            schema=True,
        )
    edit(
        "swedish-number-in-target-level",
        'expected a number (got "85,0")',
        put((*TARGET, "levels", 0, "value"), "85,0"),
        schema=True,
    )
    edit(
        "swedish-number-in-margin",
        'expected a number (got "7,5")',
        put(("goals", 1, "children", 0, "children", 6, "target", "margin"), "7,5"),
        schema=True,
    )

    # -- NaN and infinity ------------------------------------------------------------------------
    nan_text = BASE_TEXT.replace('"value": 84', '"value": NaN', 1)
    raw("nan-measurement.json", nan_text, "format carries; leave the value out @ $.goals[1]")
    raw(
        "infinity-target.json",
        BASE_TEXT.replace('"value": 85', '"value": Infinity', 1),
        'expected a number (got "Infinity")',
    )
    raw(
        "minus-infinity.json",
        BASE_TEXT.replace('"value": 84', '"value": -Infinity', 1),
        'expected a number (got "-Infinity")',
    )
    raw(
        "nan-text.json",
        BASE_TEXT.replace('"value": 84', '"value": "NaN"', 1),
        'expected a number (got "NaN")',
        schema=True,
    )
    document = copy.deepcopy(BASE)
    _get(document, MEASUREMENT)["value"] = "NAN_MARKER"
    yaml_text = yaml.safe_dump(json.loads(_json(document)), allow_unicode=True, sort_keys=False)
    raw("nan-measurement.yaml", yaml_text.replace("NAN_MARKER", ".nan"), "expected a number")
    toml_document = json.loads(_json(document))
    raw(
        "nan-measurement.toml",
        tomli_w.dumps(toml_document).replace('"NAN_MARKER"', "nan"),
        'expected a number (got "NaN")',
    )

    # -- duplicate ids and entries ------------------------------------------------------------
    edit(
        "duplicate-sibling-id",
        "duplicate id 'tillganglighet-primarvard'",
        put((*GOAL, "children", 1, "id"), "tillganglighet-primarvard"),
        schema=False,
    )
    edit(
        "duplicate-id-across-areas",
        "duplicate id 'hme-totalindex'",
        put((*INDICATOR, "id"), "hme-totalindex"),
        schema=False,
    )
    edit(
        "duplicate-goal-id",
        "duplicate id 'malomrade-1'",
        put(("goals", 1, "id"), "malomrade-1"),
        schema=False,
    )
    edit(
        "duplicate-goal-and-indicator-id",
        "duplicate id 'malomrade-2'",
        put((*INDICATOR, "id"), "malomrade-2"),
        schema=False,
    )

    def duplicate_series(document: Any) -> None:
        series = _get(document, (*INDICATOR, "series"))
        series.append(copy.deepcopy(series[0]))

    edit("duplicate-series", "duplicate series 'total'", duplicate_series, schema=False)

    def duplicate_period(document: Any) -> None:
        measurements = _get(document, (*INDICATOR, "series", 0, "measurements"))
        measurements.append({"period": "2019", "value": 1})

    edit(
        "duplicate-measurement-period",
        "a second entry for period 2019",
        duplicate_period,
        schema=False,
    )
    edit(
        "duplicate-level-key",
        "level keys must be unique",
        put(("levels", 1), {"key": "goal_area", "label": "Mål"}),
        schema=False,
    )

    # -- flat documents: dangling references and cycles ----------------------------------------
    def flat(nodes: list[dict[str, Any]]) -> Callable[[Any], None]:
        def change(document: Any) -> None:
            del document["goals"]
            document["nodes"] = nodes

        return change

    goal = {"kind": "goal", "title": "Mål", "level": "goal"}
    indicator = {"kind": "indicator", "title": "Indikator"}
    edit(
        "flat-dangling-parent",
        "no node with id 'nowhere' (dangling reference)",
        flat(
            [
                {**goal, "id": "a", "level": "goal_area"},
                {**indicator, "id": "i", "parent": "nowhere"},
            ]
        ),
        schema=False,
    )
    edit(
        "flat-parent-is-indicator",
        "'i' is not a goal",
        flat(
            [
                {**goal, "id": "a", "level": "goal_area"},
                {**indicator, "id": "i", "parent": "a"},
                {**indicator, "id": "j", "parent": "i"},
            ]
        ),
        schema=False,
    )
    edit(
        "flat-cycle-two",
        "cycle: a → b → a",
        flat([{**goal, "id": "a", "parent": "b"}, {**goal, "id": "b", "parent": "a"}]),
        schema=False,
    )
    edit(
        "flat-cycle-three",
        "cycle:",
        flat(
            [
                {**goal, "id": "a", "parent": "c"},
                {**goal, "id": "b", "parent": "a"},
                {**goal, "id": "c", "parent": "b"},
            ]
        ),
        schema=False,
    )
    edit(
        "flat-self-parent", "cycle: a → a", flat([{**goal, "id": "a", "parent": "a"}]), schema=False
    )
    edit(
        "flat-orphan-indicator",
        "has no parent, so it must be a goal",
        flat([{**indicator, "id": "i"}]),
        schema=False,
    )
    edit(
        "flat-duplicate-id",
        "duplicate id 'a' (first at $.nodes[0])",
        flat(
            [{**goal, "id": "a", "level": "goal_area"}, {**goal, "id": "a", "level": "goal_area"}]
        ),
        schema=False,
    )
    edit(
        "flat-and-nested",
        "give the goal tree as goals or as nodes, not both",
        lambda document: document.update(nodes=[]),
        schema=True,
    )
    edit(
        "flat-id-not-text",
        "an id must be a text",
        flat([{**goal, "id": 7, "level": "goal_area"}]),
        schema=True,
    )
    edit(
        "rule-names-missing-series",
        "names series 'women'",
        put(
            TARGET,
            {
                "type": "series",
                "series": "women",
                "rule": {"type": "threshold", "comparison": ">=", "value": 85},
            },
        ),
        schema=False,
    )
    edit(
        "reference-series-missing",
        "compares with series 'landet'",
        put(("goals", 1, "children", 0, "children", 6, "target", "reference"), "landet"),
        schema=False,
    )
    edit(
        "primary-series-missing",
        "no series 'women'",
        put((*INDICATOR, "primary_series"), "women"),
        schema=False,
    )

    # -- units -------------------------------------------------------------------------------
    for name, unit in [
        ("typo", "rec/TlN"),
        ("currency", "SEK"),
        ("percent-word", "procent"),
        ("blank", " "),
    ]:
        edit(
            f"unknown-unit-{name}",
            f"unknown unit {unit!r}",
            put((*INDICATOR, "unit"), unit),
            schema=False,
        )
    edit(
        "unknown-target-unit",
        "unknown unit 'kronor'",
        put(
            (*HIRED, "target"),
            {"type": "threshold", "comparison": "<=", "value": 8, "unit": "kronor"},
        ),
        schema=False,
    )
    edit(
        "target-unit-mismatch",
        "the target is in 'index' but the indicator is in '%'",
        put(
            (*HIRED, "target"),
            {"type": "threshold", "comparison": "<=", "value": 8, "unit": "index"},
        ),
        schema=False,
    )

    # -- rules that contradict their indicator or themselves --------------------------------------
    edit(
        "direction-mismatch-at-least",
        "rewards higher is better",
        put((*HIRED, "target"), {"type": "threshold", "comparison": ">=", "value": 8}),
        schema=False,
    )
    edit(
        "direction-mismatch-change",
        "rewards lower is better",
        put(TARGET, {"type": "change", "baseline": "2019", "direction": "lower_is_better"}),
        schema=False,
    )
    edit(
        "yes-no-rule-on-indicator",
        "a yes/no rule belongs on a yes/no measure",
        put(TARGET, {"type": "yes_no"}),
        schema=False,
    )
    edit(
        "trajectory-out-of-order",
        "in time order",
        put(
            (*TARGET, "levels"), [{"period": "2024", "value": 87}, {"period": "2022", "value": 85}]
        ),
        schema=False,
    )
    edit(
        "trajectory-empty", "at least one target level", put((*TARGET, "levels"), []), schema=False
    )
    edit(
        "composite-k-too-big",
        "needs k between 1 and 1",
        put(
            TARGET,
            {
                "type": "composite",
                "mode": "at_least",
                "k": 5,
                "rules": [{"type": "maintain", "level": 85}],
            },
        ),
        schema=False,
    )
    edit(
        "composite-empty",
        "at least one part",
        put(TARGET, {"type": "composite", "rules": []}),
        schema=False,
    )
    edit(
        "change-negative-amount",
        "cannot be negative",
        put(
            TARGET,
            {"type": "change", "baseline": "2019", "direction": "higher_is_better", "by": -2},
        ),
        schema=False,
    )
    edit(
        "change-relative-without-amount",
        "needs an amount in 'by'",
        put(
            TARGET,
            {
                "type": "change",
                "baseline": "2019",
                "direction": "higher_is_better",
                "relative": True,
            },
        ),
        schema=False,
    )
    edit(
        "tolerance-zero",
        "greater than zero",
        put((*TARGET, "tolerance"), {"amount": 0}),
        schema=False,
    )
    edit(
        "measurement-value-and-reason",
        "both a value",
        put((*MEASUREMENT, "missing"), "too_early"),
        schema=False,
    )
    edit(
        "yes-no-number-answer",
        "a yes/no measure takes true or false",
        put((*YES_NO, "measurements"), [{"period": "2022", "value": 1}]),
        schema=False,
    )

    # -- follow-up outside the plan, unknown statuses and levels ---------------------------------
    edit(
        "judgement-outside-validity",
        "period 2019 is outside the plan's validity",
        put((*INDICATOR, "judgements"), [{"period": "2019", "status": "green", "by": "HSN"}]),
        schema=False,
    )
    edit(
        "comment-outside-validity",
        "period 2030 is outside the plan's validity",
        put((*GOAL, "comments"), [{"period": "2030", "text": "Senare."}]),
        schema=False,
    )
    edit(
        "judgement-unknown-status",
        "unknown status 'blue'",
        put((*INDICATOR, "judgements"), [{"period": "2022", "status": "blue", "by": "HSN"}]),
        schema=False,
    )
    edit(
        "judgement-missing-by",
        "required field missing",
        put((*INDICATOR, "judgements"), [{"period": "2022", "status": "green"}]),
        schema=True,
    )
    edit(
        "unknown-level", "unknown level 'strategy'", put((*GOAL, "level"), "strategy"), schema=False
    )
    edit(
        "bad-id-characters",
        "stable id",
        put((*INDICATOR, "id"), "tillgänglighet primärvård"),
        schema=False,
    )
    edit("empty-id", "stable id", put((*INDICATOR, "id"), ""), schema=False)
    edit(
        "custom-scale-unknown-achievement-level",
        "names level 'grön'",
        put(
            ("scale",),
            {"key": "egen", "levels": [{"key": "green"}], "achievements": {"met": "grön"}},
        ),
        schema=False,
    )


# -- issue 15: bounded work, values every format carries, numbers computed exactly, history --


def emitted(fmt: str, document: Any) -> str:
    return _json(document) if fmt == "json" else emit(document, Format(fmt))


def edit_in(
    fmt: str, name: str, expected: str, change: Callable[[Any], None], base: Any = None
) -> None:
    document = copy.deepcopy(BASE if base is None else base)
    change(document)
    raw(f"{name}.{fmt}", emitted(fmt, document), expected)


def _alias_bomb(levels: int, width: int) -> str:
    lines = ["format_version: 1", "a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * width)}]"
        for level in range(1, levels)
    ]
    return "\n".join(lines) + "\n"


def _deep_goals(depth: int) -> Any:
    document = copy.deepcopy(BASE)
    level = document["levels"][0]["key"]
    top: dict[str, Any] = {"id": "d1", "title": "Djup 1", "level": level}
    node = top
    for number in range(2, depth + 1):
        child = {"kind": "goal", "id": f"d{number}", "title": f"Djup {number}", "level": level}
        node["children"] = [child]
        node = child
    document["goals"].append(top)
    return document


def issue_15() -> None:
    # Work bounded before anything is expanded or recursed into.
    for levels, width in ((9, 9), (6, 12), (20, 2), (4, 40)):
        raw(f"alias-bomb-{levels}x{width}.yaml", _alias_bomb(levels, width), "aliases stand for")
    raw("alias-recursive.yaml", "format_version: 1\nextensions: &a {self: *a}\n", "alias")
    raw("alias-undefined.yaml", "format_version: 1\nextensions: *nowhere\n", "alias")
    for size in (129, 1_000, 100_000):
        raw(f"deep-lists-{size}.json", "[" * size + "]" * size, "nest deeper than 128")
        raw(f"deep-lists-{size}.yaml", "[" * size + "]" * size, "nest deeper than 128")
        raw(f"deep-lists-{size}.toml", "a = " + "[" * size + "]" * size, "nest deeper than 128")
        raw(
            f"deep-objects-{size}.json",
            '{"a": ' * size + "1" + "}" * size,
            "nest deeper than 128",
        )
        raw(
            f"deep-objects-{size}.toml",
            "a = " + "{a = " * size + "1" + "}" * size,
            "nest deeper than 128",
        )
    raw(
        "deep-block-yaml.yaml",
        "format_version: 1\nextensions:\n" + "".join("  " * i + "- \n" for i in range(1, 400)),
        "nest deeper than 128",
    )
    for depth in (49, 60):
        for fmt in ("json", "yaml", "toml"):
            raw(f"goal-tree-{depth}-deep.{fmt}", emitted(fmt, _deep_goals(depth)), "nodes deep")
    for fmt in ("json", "yaml"):
        raw(f"goal-tree-150-deep.{fmt}", emitted(fmt, _deep_goals(150)), "nest deeper than")
    level = BASE["levels"][0]["key"]
    flat = {key: value for key, value in BASE.items() if key != "goals"}
    chain = [{"id": "n0", "title": "n0", "level": level}] + [
        {"kind": "goal", "id": f"n{i}", "title": f"n{i}", "level": level, "parent": f"n{i - 1}"}
        for i in range(1, 150)
    ]
    raw("flat-goal-tree-150-deep.json", _json({**flat, "nodes": chain}), "nodes deep")
    raw(
        "flat-list-parent.json",
        _json(
            {
                **flat,
                "nodes": [
                    {"id": "a", "title": "A", "level": level},
                    {"kind": "goal", "id": "b", "title": "B", "level": level, "parent": ["a"]},
                    {"kind": "indicator", "id": "c", "title": "C", "parent": "b"},
                ],
            }
        ),
        "a parent is the id of a goal, a text (got a list) @ $.nodes[1].parent",
    )
    raw(
        "flat-object-parent.json",
        _json({**flat, "nodes": [{"kind": "indicator", "id": "c", "title": "C", "parent": {}}]}),
        "(got an object) @ $.nodes[0].parent",
    )
    # Numbers the library cannot compute with exactly: refused with their path.
    places = {"measurement": MEASUREMENT, "target": (*INDICATOR, "target", "levels", 0)}
    numbers = {
        "29-digits": "4.1000000000000000000000000001",
        "29-digit-whole": "12345678901234567890123456789",
        "huge-exponent": "1E+999999999",
        "tiny-exponent": "1E-999999999",
        "int64-overflow": "9223372036854775808",
        "quadrillion": "1000000000000000",
        "13-decimals": "0.0000000000001",
    }
    for place, path in places.items():
        for label, number in numbers.items():
            where = "$." + ".".join(
                f"{key}" if isinstance(key, str) else f"[{key}]" for key in (*path, "value")
            ).replace(".[", "[")
            for fmt in ("json", "yaml", "toml"):
                # Written as text, then unquoted: the numbers are too big to pass through one.
                document = copy.deepcopy(BASE)
                put((*path, "value"), "NUMBER-HERE")(document)
                text = emitted(fmt, document)
                for quoted in ('"NUMBER-HERE"', "'NUMBER-HERE'", "NUMBER-HERE"):
                    text = text.replace(quoted, number)
                expected = f"so that every computation on them is exact @ {where}"
                raw(f"number-{label}-{place}.{fmt}", text, expected)
    raw(
        "number-as-text-huge-exponent.json",
        BASE_TEXT.replace('"value": ', '"value": "1E+999999999", "x_value": ', 1),
        "is out of bounds",
    )
    # YAML 1.1 numbers read otherwise by YAML 1.2 and by people.
    base_yaml = emit(copy.deepcopy(BASE), Format.YAML)
    for label, number in {
        "sexagesimal-float": "1:20.5",
        "sexagesimal-int": "1:20",
        "octal": "012",
        "hexadecimal": "0x1F",
        "binary": "0b101",
        "underscores": "1_000",
        "float-underscores": "1_000.5",
    }.items():
        raw(
            f"yaml-1-1-{label}.yaml",
            base_yaml.replace(
                "format_version: 1", f"format_version: 1\nextensions: {{x: {number}}}", 1
            ),
            f"'{number}' is a number only in YAML 1.1",
        )
        raw(
            f"yaml-1-1-{label}-value.yaml",
            base_yaml.replace("value: 84\n", f"value: {number}\n", 1),
            f"'{number}' is a number only in YAML 1.1",
        )
    # Values no format carries (or that change type between formats).
    with_extension = base_yaml.replace("format_version: 1", "format_version: 1\nextensions: {x: @}")
    for label, value, expected in (
        ("binary", "!!binary aGVq", "binary data"),
        ("set", "!!set {a: null}", "a set"),
        ("date", "2020-01-01", "a date"),
        ("datetime", "2001-12-14t21:59:43.10-05:00", "a datetime"),
        ("null", "null", "TOML has no null"),
        ("tilde", "~", "TOML has no null"),
        ("nan", ".nan", "expected a number"),
        ("inf", "-.inf", "expected a number"),
        ("int-key", "{1: a}", "a key must be a text (got 1)"),
        ("bool-key", "{yes: a}", "a key must be a text (got True)"),
        ("null-key", "{~: a}", "a key must be a text (got None)"),
        ("list-key", "{? [a] : b}", "a key must be a text"),
        ("python-tag", "!!python/object:os.system ls", "could not determine a constructor"),
    ):
        raw(f"extension-{label}.yaml", with_extension.replace("@", value), expected)
    base_toml = emit(copy.deepcopy(BASE), Format.TOML)
    for label, value, expected in (
        ("time", "07:32:00", "a time"),
        ("date", "1979-05-27", "a date"),
        ("datetime", "1979-05-27T07:32:00Z", "a datetime"),
        ("local-datetime", "1979-05-27T07:32:00", "a datetime"),
        ("nan", "nan", "expected a number"),
        ("inf", "-inf", "expected a number"),
        ("huge-int", "9223372036854775807", "is out of bounds"),
    ):
        raw(f"extension-{label}.toml", f"extensions = {{x = {value}}}\n" + base_toml, expected)
    for label, value, expected in (
        ("nan", "NaN", "expected a number"),
        ("infinity", "Infinity", "expected a number"),
        ("huge-int", "99999999999999999999999", "is out of bounds"),
        ("surrogate", '"\\ud800"', "lone surrogate"),
        ("null", "null", "TOML has no null"),
        ("nested-null", '{"a": [1, null]}', "leave the key out @ $.extensions.x.a[1]"),
    ):
        raw(
            f"extension-{label}.json",
            BASE_TEXT.replace(
                '"format_version": 1', f'"format_version": 1, "extensions": {{"x": {value}}}', 1
            ),
            expected,
        )
    for field in ("title", "organisation", "id"):
        raw(
            f"surrogate-{field}.json",
            BASE_TEXT.replace(f'"{field}": "', f'"{field}": "\\udc00', 1),
            f"lone surrogate (not Unicode text); fix it @ $.{field}",
        )
    raw(
        "surrogate-key.json",
        BASE_TEXT.replace('"format_version": 1', '"format_version": 1, "\\ud800": 1', 1),
        "lone surrogate",
    )
    # Flow-style YAML with a number where a key's text is expected; mixed unknown keys.
    raw(
        "yaml-number-key-in-flow.yaml",
        base_yaml.replace("levels:", "levels: [{key: goal, label: Mål, 3: x}]\nold_levels:", 1),
        "a key must be a text (got 3) @ $.levels[0][3]",
    )
    raw(
        "yaml-mixed-unknown-keys.yaml",
        base_yaml.replace("validity:", "1: a\nzz: b\nvalidity:", 1),
        "a key must be a text (got 1) @ $[1]",
    )
    # Wrong types at many places: each names its place.
    for label, path in {
        "title": ("title",),
        "organisation": ("organisation",),
        "validity": ("validity",),
        "goal-title": ("goals", 1, "title"),
        "goal-owner": ("goals", 1, "owner"),
        "indicator-title": (*INDICATOR, "title"),
        "indicator-unit": (*INDICATOR, "unit"),
        "indicator-direction": (*INDICATOR, "direction"),
        "measurement-period": (*MEASUREMENT, "period"),
        "measurement-comment": (*MEASUREMENT, "comment"),
        "level-label": ("levels", 0, "label"),
    }.items():
        where = "$" + "".join(f".{k}" if isinstance(k, str) else f"[{k}]" for k in path)
        for kind, value in (("list", ["x"]), ("object", {"a": "b"}), ("bool", True)):
            for fmt in ("json", "yaml"):
                edit_in(fmt, f"type-{label}-{kind}", f"@ {where}", put(path, value))
    # Long values are shortened in the message.
    raw(
        "long-title-number.json",
        BASE_TEXT.replace('"organisation": ', '"organisation": 1, "x_org": ', 1).replace(
            '"validity": ', '"validity": ["' + "y" * 50_000 + '"], "x_validity": ', 1
        ),
        "characters)) @ $.validity",
    )
    # History: replayed on load.
    revised = json.loads(dumps(REVISED), parse_float=Decimal)

    def empty_undo(document: Any) -> None:
        document["history"][0]["undo"] = []

    def copied_entry(document: Any) -> None:
        document["history"].append(copy.deepcopy(document["history"][0]))

    def foreign_undo(document: Any) -> None:
        document["history"][0]["undo"] = [{"op": "strike", "id": "no-such-node", "cascade": True}]

    def other_operations(document: Any) -> None:
        operations = document["history"][0]["revision"]["operations"]
        document["history"][0]["revision"]["operations"] = operations[1:]

    for label, change, expected in (
        ("history-empty-undo", empty_undo, "again to the earlier plan @ $.history[0]"),
        ("history-duplicate-entry", copied_entry, "listed twice (first at $.history[0])"),
        ("history-foreign-undo", foreign_undo, "@ $.history[0].undo"),
        ("history-operations-changed", other_operations, "@ $.history[0]"),
    ):
        for fmt in ("json", "yaml", "toml"):
            edit_in(fmt, label, expected, change, revised)


def main() -> None:
    build()
    issue_15()
    names = [case["name"] for case in cases]
    duplicates = {name for name in names if names.count(name) > 1}
    assert not duplicates, duplicates
    folder = HERE / "documents"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for case in cases:
        text = case.pop("text")
        path = folder / case["name"]
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    manifest = HERE / "manifest.json"
    manifest.write_text(json.dumps(cases, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(cases)} broken documents in {folder}")


if __name__ == "__main__":
    main()
