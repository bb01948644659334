import json
from decimal import Decimal as D

import pytest
from hypothesis import given

import malstyrning
from malstyrning import DocumentError, Period, dump, dumps, examples, load, loads
from malstyrning.io import FORMAT_VERSION
from malstyrning.testing import plans


@pytest.mark.parametrize("name", examples.names())
def test_examples_round_trip_byte_stable(name, tmp_path):
    plan = examples.load(name)
    text = dumps(plan)
    assert loads(text) == plan
    assert dumps(loads(text)) == text
    path = tmp_path / f"{name}.json"
    dump(plan, path)
    assert load(path) == plan


def test_decimals_are_kept_as_written():
    document = {
        "format_version": FORMAT_VERSION,
        "id": "p",
        "title": "T",
        "organisation": "O",
        "validity": "2019",
        "levels": [{"key": "g", "label": "Mål"}],
        "goals": [
            {
                "id": "g1",
                "title": "G",
                "level": "g",
                "children": [
                    {
                        "kind": "indicator",
                        "id": "i",
                        "title": "I",
                        "unit": "index",
                        "target": {"type": "threshold", "comparison": ">=", "value": 4.10},
                        "series": [
                            {
                                "key": "total",
                                "measurements": [
                                    {"period": "2019-T1", "value": 4.09},
                                    {"period": "2018", "value": "64734"},
                                ],
                            }
                        ],
                    },
                ],
            }
        ],
    }
    text = json.dumps(document).replace('"value": 4.1}', '"value": 4.10}')
    assert '"value": 4.10}' in text
    plan = loads(text)
    assert plan["i"].target.value == D("4.10")
    assert str(plan["i"].target.value) == "4.10"
    assert '"value": 4.10' in dumps(plan)
    assert plan["i"].main_series.get(Period("2018")).value == D(64734)


def broken(**changes):
    document = json.loads(dumps(examples.load("jamtland-harjedalen-2019")))
    for path, value in changes.items():
        target = document
        keys = path.split(".")
        for key in keys[:-1]:
            target = target[int(key)] if key.isdigit() else target[key]
        last = keys[-1]
        if value is DELETE:
            del target[int(last) if last.isdigit() else last]
        else:
            target[int(last) if last.isdigit() else last] = value
    return json.dumps(document)


DELETE = object()


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"format_version": 99}, "format_version 99 is newer than this version"),
        ({"format_version": -1}, "format_version -1 is not one this version"),
        ({"format_version": "1"}, "must be a whole number"),
        ({"format_version": DELETE}, "missing format_version"),
        ({"validity": "2019-T9"}, "@ $.validity"),
        ({"goals.0.children.0.kind": "strategy"}, "unknown node kind 'strategy'"),
        ({"goals.0.kind": "goal"}, "unknown keys kind"),
        ({"goals.0.surprise": 1}, "surprise"),
        ({"title": 12}, "@ $.title"),
    ],
)
def test_bad_documents_name_the_place(changes, expected):
    with pytest.raises(DocumentError) as raised:
        loads(broken(**changes), source="plan.json")
    assert expected in str(raised.value)
    assert str(raised.value).startswith("plan.json")


def test_swedish_decimal_in_a_number_field_is_named():
    text = dumps(examples.load("jamtland-harjedalen-2019")).replace(
        '"value": 245', '"value": "24,5"'
    )
    with pytest.raises(DocumentError, match=r'expected a number \(got "24,5"\) @ \$\.goals'):
        loads(text)


@pytest.mark.parametrize("text", ["", "{", "[]", "null", "\x00\x01", '{"format_version": 1}'])
def test_garbage_is_a_document_error(text):
    with pytest.raises(DocumentError):
        loads(text)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(DocumentError, match=r"nope\.json cannot be read"):
        load(tmp_path / "nope.json")


def test_structural_problems_after_loading_have_paths():
    text = dumps(examples.load("jamtland-harjedalen-2019")).replace(
        '"id": "antibiotika"', '"id": "diklofenak"', 1
    )
    with pytest.raises(DocumentError, match=r"duplicate id 'diklofenak'.* @ \$\.goals"):
        loads(text)


@given(plans())
def test_generated_plans_round_trip(plan):
    assert loads(dumps(plan)) == plan


def test_public_names_are_sorted_and_exported():
    assert len(set(malstyrning.__all__)) == len(malstyrning.__all__)
    for name in malstyrning.__all__:
        assert hasattr(malstyrning, name)
