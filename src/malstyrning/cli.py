"""The ``malstyrning`` command: list examples and evaluate plans.

Exit codes: 0 success, 1 bad input (the message says what and where), 2 usage.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from malstyrning import examples
from malstyrning.errors import DocumentError, MalstyrningError
from malstyrning.evaluate import ROLLUP_POLICIES, Evaluation, evaluate
from malstyrning.i18n import available_locales, format_period, translate
from malstyrning.io import dump, dumps_json, load
from malstyrning.model import Plan
from malstyrning.periods import Period
from malstyrning.report import default_period, evaluation_records, text_table
from malstyrning.schema import json_schema

F = TypeVar("F", bound=Callable[..., Any])


def _plan(reference: str) -> Plan:
    """A plan from a file path or an embedded example name."""
    if Path(reference).is_file():
        return load(reference)
    if reference in examples.names():
        return examples.load(reference)
    raise MalstyrningError(
        f"no file and no embedded example named {reference!r}; give a path to a plan "
        f"document or one of: {', '.join(examples.names())}"
    )


def _period(text: str | None, plan: Plan) -> Period:
    return Period.parse(text) if text else default_period(plan)


def _friendly(function: F) -> F:
    """Turn the library's errors into a message and exit code 1, never a traceback."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except MalstyrningError as error:
            click.echo(f"error: {error}", err=True)
            sys.exit(1)

    wrapper.__name__ = function.__name__
    wrapper.__doc__ = function.__doc__
    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="malstyrning")
def main() -> None:
    """Goal management (målstyrning): evaluate plans against their targets.

    \b
    Example:
      malstyrning evaluate jamtland-harjedalen-2019 --period 2019-T1
    """


@main.command("examples")
@_friendly
def examples_command() -> None:
    """List the embedded example plans, one name per line.

    \b
    Example:
      malstyrning examples
    """
    for name in examples.names():
        click.echo(name)


@main.command("evaluate")
@click.argument("plan")
@click.option(
    "--period",
    metavar="PERIOD",
    help="Period to assess: 2019, 2019-T1, 2019-Q3, 2019-05 ... "
    "[default: the plan's reporting period, else its latest outcome]",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
)
@click.option(
    "--locale",
    type=click.Choice(list(available_locales())),
    default="sv",
    show_default=True,
    help="Language of labels, explanations and numbers.",
)
@click.option(
    "--rollup",
    type=click.Choice(list(ROLLUP_POLICIES)),
    default="worst",
    show_default=True,
    help="How goals combine their children's statuses.",
)
@_friendly
def evaluate_command(
    plan: str, period: str | None, output_format: str, locale: str, rollup: str
) -> None:
    """Assess every node of PLAN (a plan file or an example name) for a period.

    \b
    Examples:
      malstyrning evaluate jamtland-harjedalen-2019 --period 2019-T1
      malstyrning evaluate vasternorrland-2022 --period 2020 --format json --locale en
    """
    loaded = _plan(plan)
    evaluation = evaluate(loaded, period=_period(period, loaded), rollup=rollup)
    if output_format == "json":
        click.echo(dumps_json(evaluation_records(evaluation, locale=locale)), nl=False)
    else:
        _print_table(evaluation, locale)


def _print_table(evaluation: Evaluation, locale: str) -> None:
    plan = evaluation.plan
    heading = translate(
        "report.heading",
        locale=locale,
        title=plan.title,
        organisation=plan.organisation,
        period=format_period(evaluation.period, locale=locale),
    )
    click.echo(heading)
    click.echo(text_table(evaluation, locale=locale))


@main.command("validate")
@click.argument("plan")
@_friendly
def validate_command(plan: str) -> None:
    """Check a plan document (JSON, YAML or TOML) and list every problem with its place.

    Exits 0 when the plan is valid, 1 when it is not.

    \b
    Example:
      malstyrning validate plan.yaml
    """
    if not Path(plan).is_file() and plan in examples.names():
        loaded = examples.load(plan)
        click.echo(f"{plan}: valid ({len(loaded)} nodes)")
        return
    try:
        loaded = load(plan)
    except DocumentError as error:
        click.echo(str(error))
        sys.exit(1)
    click.echo(f"{plan}: valid ({len(loaded)} nodes)")


@main.command("convert")
@click.argument("source")
@click.argument("target", type=click.Path(dir_okay=False))
@_friendly
def convert_command(source: str, target: str) -> None:
    """Convert a plan document between JSON, YAML and TOML, by file extension.

    SOURCE may also be an example name.

    \b
    Example:
      malstyrning convert vasternorrland-2022 plan.yaml
    """
    dump(_plan(source), target)


@main.command("schema")
@_friendly
def schema_command() -> None:
    """Print the JSON Schema of the current plan document format.

    \b
    Example:
      malstyrning schema > plan.schema.json
    """
    click.echo(dumps_json(json_schema()), nl=False)
