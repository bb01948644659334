"""What every ``malstyrning`` command shares: plan references, error handling, options."""

from __future__ import annotations

import functools
import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from malstyrning.errors import MalstyrningError
from malstyrning.i18n import DEFAULT_LOCALE, available_locales

if TYPE_CHECKING:
    from malstyrning.model import Plan

F = TypeVar("F", bound=Callable[..., Any])


class LazyChoice(click.Choice):  # type: ignore[type-arg]
    """A ``click.Choice`` whose values are a module's names, read when first needed.

    The module is imported only when the option is used or its help is shown, so that
    ``malstyrning --help`` does not import the reports or the evaluator.
    """

    def __init__(self, module: str, attribute: str) -> None:
        self._source = (module, attribute)
        super().__init__(())

    @property
    def choices(self) -> tuple[str, ...]:
        """The names the module lists."""
        module, attribute = self._source
        return tuple(getattr(importlib.import_module(module), attribute))

    @choices.setter
    def choices(self, value: object) -> None:
        del value  # click sets the empty tuple given above; the module says the rest


def plan_from(reference: str) -> Plan:
    """A plan from a file path or an embedded example name."""
    from malstyrning import examples
    from malstyrning.io import load

    if Path(reference).is_file():
        return load(reference)
    if reference in examples.names():
        return examples.load(reference)
    raise MalstyrningError(
        f"no file and no embedded example named {reference!r}; give a path to a plan "
        f"document or one of: {', '.join(examples.names())}"
    )


def friendly(function: F) -> F:
    """Turn the library's errors into a message and exit code 1, never a traceback."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except MalstyrningError as error:
            click.echo(f"error: {error}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def locale_option(help_text: str, *, plan_default: bool = False) -> Callable[[F], F]:
    """``--locale``, one of the catalogues, Swedish by default.

    With ``plan_default`` it is None when not given: the command then takes the plan's
    ``language`` (see :func:`locale_for`).
    """
    return click.option(
        "--locale",
        type=click.Choice(list(available_locales())),
        default=None if plan_default else DEFAULT_LOCALE,
        show_default=f"the plan's language, else {DEFAULT_LOCALE}" if plan_default else True,
        help=help_text,
    )


def locale_for(locale: str | None, plan: Plan) -> str:
    """The ``--locale`` given, else the plan's own language, else Swedish."""
    return locale or plan.language or DEFAULT_LOCALE


ROLLUP_OPTION = click.option(
    "--rollup",
    type=LazyChoice("malstyrning.evaluation", "ROLLUP_POLICIES"),
    default="worst",
    show_default=True,
    help="How goals combine their children's statuses.",
)
