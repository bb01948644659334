"""What every ``malstyrning`` command shares: plan references, error handling, options."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from malstyrning import examples
from malstyrning.errors import MalstyrningError
from malstyrning.evaluation import ROLLUP_POLICIES
from malstyrning.i18n import DEFAULT_LOCALE, available_locales
from malstyrning.io import load
from malstyrning.model import Plan

F = TypeVar("F", bound=Callable[..., Any])


def plan_from(reference: str) -> Plan:
    """A plan from a file path or an embedded example name."""
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
    type=click.Choice(list(ROLLUP_POLICIES)),
    default="worst",
    show_default=True,
    help="How goals combine their children's statuses.",
)
