"""The ``malstyrning`` command: list examples and evaluate plans.

Exit codes: 0 success, 1 bad input (the message says what and where), 2 usage.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from malstyrning._cli_common import (
    FORCE_OPTION,
    ROLLUP_OPTION,
    LazyChoice,
    check_assessable,
    check_output,
    friendly,
    locale_for,
    locale_option,
    plan_from,
    printable,
    writing,
)
from malstyrning._kolada_cli import kolada_group
from malstyrning._plan_table_cli import export_plan_command, import_plan_command
from malstyrning._revision_cli import diff_command, history_command, revise_command
from malstyrning._summary_cli import summary_command
from malstyrning.errors import DocumentError
from malstyrning.i18n import format_period, translate
from malstyrning.model import Plan
from malstyrning.periods import Period
from malstyrning.rules import Rule

if TYPE_CHECKING:
    from malstyrning.evaluation import Evaluation

# Each command imports the documents, evaluator and reports it uses when it runs, so that
# `malstyrning --help` and the light commands cost little more than importing the core.


def _period(text: str | None, plan: Plan) -> Period:
    from malstyrning.report import default_period

    return Period.parse(text) if text else default_period(plan)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="malstyrning")
def main() -> None:
    """Goal management (målstyrning): evaluate plans against their targets.

    \b
    Example:
      malstyrning evaluate jamtland-harjedalen-2019 --period 2019-T1
    """


# Revisions: revise, diff, history (malstyrning._revision_cli).
for _command in (revise_command, diff_command, history_command):
    main.add_command(_command)

# Kolada: search-kpi, fetch, update (malstyrning._kolada_cli).
main.add_command(kolada_group)

# Plans from sheets and back: import-plan, export-plan (malstyrning._plan_table_cli).
main.add_command(import_plan_command)
main.add_command(export_plan_command)

# The counts per goal area, kind and status: summary (malstyrning._summary_cli).
main.add_command(summary_command)


@main.command("examples")
@friendly
def examples_command() -> None:
    """List the embedded example plans, one name per line.

    \b
    Example:
      malstyrning examples
    """
    from malstyrning import examples

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
@locale_option("Language of labels, explanations and numbers.", plan_default=True)
@ROLLUP_OPTION
@friendly
def evaluate_command(
    plan: str, period: str | None, output_format: str, locale: str | None, rollup: str
) -> None:
    """Assess every node of PLAN (a plan file or an example name) for a period.

    \b
    Examples:
      malstyrning evaluate jamtland-harjedalen-2019 --period 2019-T1
      malstyrning evaluate vasternorrland-2022 --period 2020 --format json --locale en
    """
    from malstyrning.evaluation import evaluate
    from malstyrning.io import dumps_json
    from malstyrning.report import evaluation_records

    loaded = plan_from(plan)
    locale = locale_for(locale, loaded)
    evaluation = evaluate(loaded, period=_period(period, loaded), rollup=rollup)
    check_assessable(evaluation, locale=locale)
    if output_format == "json":
        records = evaluation_records(evaluation, locale=locale)
        click.echo(dumps_json(records), nl=False)
    else:
        _print_table(evaluation, locale)


def _print_table(evaluation: Evaluation, locale: str) -> None:
    from malstyrning.report import text_table

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
@friendly
def validate_command(plan: str) -> None:
    """Check a plan document (JSON, YAML or TOML) and list every problem with its place.

    Exits 0 when the plan is valid, 1 when it is not.

    \b
    Example:
      malstyrning validate plan.yaml
    """
    from malstyrning import examples
    from malstyrning.io import load

    if not Path(plan).is_file() and plan in examples.names():
        loaded = examples.load(plan)
        click.echo(f"{plan}: valid ({len(loaded)} nodes)")
        return
    try:
        loaded = load(plan)
    except DocumentError as error:
        click.echo(printable(str(error)))
        sys.exit(1)
    click.echo(f"{plan}: valid ({len(loaded)} nodes)")


@main.command("convert")
@click.argument("source")
@click.argument("target", type=click.Path(dir_okay=False))
@FORCE_OPTION
@friendly
def convert_command(*, source: str, target: str, force: bool) -> None:
    """Convert a plan document between JSON, YAML and TOML, by file extension.

    SOURCE may also be an example name.

    \b
    Example:
      malstyrning convert vasternorrland-2022 plan.yaml
    """
    from malstyrning.io import dump

    check_output(target, [source], force=force)
    loaded = plan_from(source)
    with writing(target):
        dump(loaded, target)


@main.command("schema")
@friendly
def schema_command() -> None:
    """Print the JSON Schema of the current plan document format.

    \b
    Example:
      malstyrning schema > plan.schema.json
    """
    from malstyrning.io import dumps_json
    from malstyrning.schema import json_schema

    click.echo(dumps_json(json_schema()), nl=False)


_LOCALE_OPTION = locale_option(
    "Language of labels, status names and numbers; plan texts stay as written.",
    plan_default=True,
)


@main.command("report")
@click.argument("plan")
@click.option("--period", metavar="PERIOD", help="Period to report, e.g. 2019-T1.")
@click.option(
    "--format",
    "output_format",
    type=LazyChoice("malstyrning.report", "FORMATS"),
    default="html",
    show_default=True,
)
@_LOCALE_OPTION
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="File to write [default: standard output; xlsx needs a file].",
)
@FORCE_OPTION
@click.option("--by", metavar="LEVEL", help="Level (or kind of node) the summary counts.")
@click.option(
    "--previous",
    metavar="PLAN",
    help=(
        "The plan as it stood at the previous follow-up: nodes it lacks are marked new "
        "[default: nodes a revision in the plan's history added or changed in the period]."
    ),
)
@ROLLUP_OPTION
@friendly
def report_command(  # click passes every option by name
    *,
    plan: str,
    period: str | None,
    output_format: str,
    locale: str | None,
    output: str | None,
    force: bool,
    by: str | None,
    previous: str | None,
    rollup: str,
) -> None:
    """Write the follow-up report of PLAN for a period: HTML, Markdown, XLSX or text.

    \b
    Examples:
      malstyrning report jamtland-harjedalen-2019 --period 2019-T1 --format html -o r.html
      malstyrning report vasternorrland-2022 --period 2020 --format xlsx --locale en -o r.xlsx
    """
    from malstyrning.evaluation import evaluate
    from malstyrning.report import follow_up, new_in_period, new_since, render

    if output_format == "xlsx" and output is None:
        raise click.UsageError("--format xlsx writes a workbook: give a file with -o FILE")
    check_output(output, [plan, previous], force=force)
    loaded = plan_from(plan)
    locale = locale_for(locale, loaded)
    evaluation = evaluate(loaded, period=_period(period, loaded), rollup=rollup)
    # Without --previous, the plan's own revision history says what is new in the period.
    new = (
        new_since(evaluation.plan, plan_from(previous))
        if previous
        else new_in_period(evaluation.plan, evaluation.period)
    )
    if sys.stderr.isatty():
        with click.progressbar(
            length=len(loaded.goals),
            label=translate("cli.progress", locale=locale),
            file=sys.stderr,
        ) as bar:
            built = follow_up(
                evaluation, locale=locale, new=new, by=by, progress=lambda _: bar.update(1)
            )
    else:
        built = follow_up(evaluation, locale=locale, new=new, by=by)
    content = render(built, output_format)
    if output is None:
        assert isinstance(content, str)
        click.echo(content, nl=False)
        return
    with writing(output):
        if isinstance(content, bytes):
            Path(output).write_bytes(content)
        else:
            Path(output).write_text(content, encoding="utf-8")
    click.echo(translate("cli.wrote", locale=locale, path=output), err=True)


@main.command("parse-target")
@click.argument("text")
@locale_option("Language of the text (and of the sentence printed with --format text).")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json", "text"]),
    default="text",
    show_default=True,
)
@friendly
def parse_target_command(text: str, locale: str, output_format: str) -> None:
    """Read TEXT, a target as a plan writes it, and print the rule it states.

    json prints the rule as plan documents write it; text prints it as a sentence. An
    unreadable target prints the unread part under a caret and exits 1.

    \b
    Examples:
      malstyrning parse-target "<250 rec/TIN" --format json
      malstyrning parse-target "fewer than 2018" --locale en
    """
    from malstyrning._converter import shared_converter
    from malstyrning.io import dumps_json
    from malstyrning.target_text import describe, parse_target

    rule = parse_target(text, locale=locale)
    if output_format == "json":
        click.echo(dumps_json(shared_converter().unstructure(rule, unstructure_as=Rule)), nl=False)
    else:
        click.echo(describe(rule, locale=locale))
