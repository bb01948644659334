import pickle

import pytest

from malstyrning import (
    DocumentError,
    InvalidPeriod,
    InvalidPlan,
    MalstyrningError,
    Problem,
    UnknownNode,
)
from malstyrning.errors import UnknownExample


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


def _package_modules():
    import importlib
    import pkgutil

    import malstyrning

    for info in pkgutil.walk_packages(malstyrning.__path__, "malstyrning."):
        if info.name in ("malstyrning.__main__",):
            continue
        yield importlib.import_module(info.name)


def test_every_public_exception_class_lives_in_errors_and_is_exported():
    import inspect

    import malstyrning.errors

    elsewhere = set()
    for module in _package_modules():
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, BaseException)
                and value.__module__.startswith("malstyrning")
                and value.__module__ != "malstyrning.errors"
                and not name.startswith("_")
                and value.__name__ != "MigrationProblem"  # private to loading: never escapes
            ):
                elsewhere.add(f"{value.__module__}.{name}")
    assert not elsewhere
    exported = {
        name
        for name, value in vars(malstyrning.errors).items()
        if inspect.isclass(value) and issubclass(value, MalstyrningError)
    }
    assert exported <= set(malstyrning.errors.__all__)


def test_a_measurement_that_is_not_a_number_is_a_plan_error_in_plain_words():
    from decimal import Decimal

    from malstyrning import Measurement, Period
    from malstyrning.errors import InvalidTarget

    with pytest.raises(InvalidPlan, match=r"finite number such as Decimal\('4.1'\)") as raised:
        Measurement(period=Period("2019"), value=[4.1])
    assert not isinstance(raised.value, InvalidTarget)
    # Number text is read as documents read it (issue 15): "4.1" is a number, "4,1" is not.
    assert Measurement(period=Period("2019"), value="4.1").value == Decimal("4.1")
    assert Measurement(period=Period("2019"), value=Decimal("4.1")).value == Decimal("4.1")
