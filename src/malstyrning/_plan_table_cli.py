"""The ``import-plan`` and ``export-plan`` commands: plans from sheets and back.

Registered on ``malstyrning``'s group. Exit codes as everywhere: 0 success, 1 bad input (the
message says what and where: file, sheet, row, column), 2 usage.
"""

from __future__ import annotations

import click

from malstyrning._cli_common import (
    FORCE_OPTION,
    check_output,
    friendly,
    locale_option,
    output_option,
    plan_from,
)

__all__ = ["export_plan_command", "import_plan_command"]


@click.command("import-plan")
@click.argument("sheet", type=click.Path(exists=True, dir_okay=False))
@click.option("--sheet", "sheet_name", metavar="NAME", help="The worksheet of an XLSX file.")
@output_option(
    "Where to write the plan (or with --as-revision the revision): .json, .yaml or .toml."
)
@FORCE_OPTION
@click.option(
    "--base",
    metavar="PLAN",
    help="A plan (file or example name) whose own fields (id, title, validity, levels, "
    "units) the sheet's plan takes.",
)
@click.option("--id", "plan_id", metavar="ID", help="The plan's id (default: from its title).")
@click.option("--title", metavar="TEXT", help="The plan's title.")
@click.option("--organisation", metavar="TEXT", help="The organisation the plan belongs to.")
@click.option(
    "--validity", metavar="PERIOD", help="The plan's validity, e.g. 2022-01-01/2024-12-31."
)
@click.option("--language", metavar="CODE", help="The language of the target texts (default: sv).")
@click.option(
    "--level",
    "levels",
    multiple=True,
    metavar="LABEL",
    help="A level of the plan, top first (repeat); needed for a sheet with a parent column.",
)
@click.option(
    "--as-revision",
    "before",
    metavar="PLAN_BEFORE",
    help="Write the revision that turns PLAN_BEFORE (file or example name) into the sheet's "
    "plan, instead of the plan; needs --decided-by and --on.",
)
@click.option("--decided-by", metavar="BODY", help="With --as-revision: the deciding body.")
@click.option("--on", "decided", metavar="DATE", help="With --as-revision: the date, 2022-05-01.")
@click.option("--paragraph", default="", metavar="TEXT", help="With --as-revision: e.g. '§ 28'.")
@friendly
def import_plan_command(  # click passes every option by name
    *,
    sheet: str,
    sheet_name: str | None,
    output: str,
    force: bool,
    base: str | None,
    plan_id: str | None,
    title: str | None,
    organisation: str | None,
    validity: str | None,
    language: str | None,
    levels: tuple[str, ...],
    before: str | None,
    decided_by: str | None,
    decided: str | None,
    paragraph: str,
) -> None:
    """Read a plan from SHEET (.xlsx, .csv) laid out as plans are written, and write it.

    One row per goal or indicator: a column per level (a value starts a goal, blanks continue
    the one above) or id/parent columns; kind, unit, direction, target as text, source,
    owner, description; outcome and target-level columns per period ("Utfall 2019",
    "Målnivå 2022"). Headers are read in Swedish, English and Norwegian.

    \b
    Examples:
      malstyrning import-plan plan.xlsx --sheet Mål --title "Verksamhetsplan 2022" \\
          --organisation "Region X" --validity 2022-01-01/2024-12-31 -o plan.yaml
      malstyrning import-plan plan-maj.csv --as-revision plan.yaml --decided-by HSN \\
          --on 2022-05-01 --paragraph "§ 28" -o revision.yaml
    """
    from malstyrning.io import dump, dump_revision
    from malstyrning.plan_tables import read_plan_table, revision_from_table

    check_output(output, [sheet, base, before], force=force)
    if before is not None:
        if decided_by is None or decided is None:
            raise click.UsageError("--as-revision needs --decided-by and --on")
        revision = revision_from_table(
            plan_from(before),
            sheet,
            decided_by=decided_by,
            decided=decided,
            paragraph=paragraph,
            sheet=sheet_name,
        )
        dump_revision(revision, output)
        click.echo(f"{output}: {len(revision.operations)} operation(s) ({revision.reference})")
        return
    if decided_by is not None or decided is not None:
        raise click.UsageError("--decided-by and --on go with --as-revision")
    plan = read_plan_table(
        sheet,
        sheet=sheet_name,
        base=plan_from(base) if base is not None else None,
        levels=list(levels) or None,
        id=plan_id,
        title=title,
        organisation=organisation,
        validity=validity,
        language=language,
    )
    dump(plan, output)
    click.echo(f"{output}: {sum(1 for _ in plan.walk())} nodes")


@click.command("export-plan")
@click.argument("plan")
@output_option("Where to write the sheet: .xlsx or .csv.")
@FORCE_OPTION
@click.option(
    "--layout",
    type=click.Choice(["levels", "parents"]),
    default="levels",
    show_default=True,
    help="A column per level, or id and parent columns.",
)
@click.option("--sheet", "sheet_name", metavar="NAME", help="The worksheet's name (XLSX).")
@locale_option("The language of the headers and words.", plan_default=True)
@friendly
def export_plan_command(  # click passes every option by name
    *, plan: str, output: str, force: bool, layout: str, sheet_name: str | None, locale: str | None
) -> None:
    """Write PLAN's goal tree (a file or example name) as a sheet that import-plan reads back.

    What a sheet cannot hold (follow-ups, several series, series labels, a target whose text
    does not read back) is refused with the list of what and where, never dropped.

    \b
    Examples:
      malstyrning export-plan plan.yaml -o plan.xlsx
      malstyrning export-plan plan.yaml -o plan.csv --layout parents --locale en
    """
    from malstyrning.plan_tables import write_plan_table

    check_output(output, [plan], force=force)
    loaded = plan_from(plan)
    write_plan_table(loaded, output, locale=locale, layout=layout, sheet=sheet_name)
    click.echo(f"{output}: {sum(1 for _ in loaded.walk())} nodes")
