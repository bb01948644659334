import pickle

import pytest

from malstyrning import (
    DocumentError,
    InvalidPeriod,
    InvalidPlan,
    MalstyrningError,
    Problem,
    UnknownExample,
    UnknownNode,
)


@pytest.mark.parametrize(
    "error",
    [
        InvalidPeriod.unreadable("2019-T4"),
        InvalidPlan.from_problems("plan 'x' is not valid", [Problem("$.goals[0].id", "bad")]),
        DocumentError.from_problems("f.json could not be read", [Problem("$", "boom")]),
        UnknownNode.for_id("a", "plan", ["b"]),
        UnknownExample.for_name("x", ["y"]),
    ],
)
def test_errors_pickle_and_keep_their_problems(error):
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert copy.problems == error.problems
    assert isinstance(copy, MalstyrningError)


def test_errors_also_are_the_builtin_they_resemble():
    assert isinstance(InvalidPeriod("x"), ValueError)
    assert isinstance(UnknownNode("x"), KeyError)
    assert str(UnknownNode("no node")) == "no node"
