"""The ``revise``, ``diff`` and ``history`` commands (registered on ``malstyrning``'s group).

Exit codes as everywhere: 0 success, 1 bad input (the message says what and where), 2 usage.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from malstyrning import revisions
from malstyrning._cli_common import (
    FORCE_OPTION,
    check_output,
    friendly,
    locale_option,
    output_option,
    plan_from,
    writing,
)
from malstyrning.errors import MalstyrningError
from malstyrning.i18n import translate
from malstyrning.model import Add, Operation, Revision

__all__ = ["diff_command", "history_command", "revise_command"]


def _revision(reference: str) -> Revision:
    from malstyrning import examples
    from malstyrning.io import load_revision

    if Path(reference).is_file():
        return load_revision(reference)
    if reference in examples.revision_names():
        return examples.load_revision(reference)
    raise MalstyrningError(
        f"no file and no embedded revision named {reference!r}; give a path to a revision "
        f"document or one of: {', '.join(examples.revision_names())}"
    )


_locale = locale_option("Language of the change list.")


@click.command("revise")
@click.argument("plan")
@click.argument("revision")
@output_option(
    "Where to write the revised plan (.json, .yaml or .toml); may be PLAN itself, "
    "whose history keeps the earlier version."
)
@FORCE_OPTION
@_locale
@friendly
def revise_command(*, plan: str, revision: str, output: str, force: bool, locale: str) -> None:
    """Apply REVISION (a file or an embedded revision) to PLAN and write the new version.

    The revised plan keeps its history: every earlier version can be read back. Prints the
    change list.

    \b
    Example:
      malstyrning revise jamtland-harjedalen-2020 jamtland-harjedalen-2020-revision -o after.json
    """
    from malstyrning.io import dump

    # -o may be the plan itself: the revised plan keeps every earlier version in its history.
    check_output(output, [revision], force=force)
    before = plan_from(plan)
    decision = _revision(revision)
    after = revisions.apply(before, decision)
    for line in revisions.change_list(before, decision, locale=locale):
        click.echo(f"- {line}")
    with writing(output):
        dump(after, output)
    click.echo(f"{output}: version {after.version} ({decision.reference})")


def _record(operation: Operation, text: str) -> dict[str, Any]:
    from malstyrning._converter import shared_converter

    body = shared_converter().unstructure(operation, Operation)
    node_id = operation.node.id if isinstance(operation, Add) else operation.id
    return {"op": body.pop("op"), "id": node_id, **body, "text": text}


@click.command("diff")
@click.argument("old")
@click.argument("new")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="A change list for people, or a JSON array with one object per operation.",
)
@_locale
@friendly
def diff_command(old: str, new: str, output_format: str, locale: str) -> None:
    """List the operations that turn plan OLD into plan NEW (files or example names).

    With --format json: an array of objects with ``op``, ``id``, the operation's fields
    and ``text``, the change in words.

    \b
    Example:
      malstyrning diff jamtland-harjedalen-2020 after.json --format json
    """
    from malstyrning.io import dumps_json

    before, after = plan_from(old), plan_from(new)
    operations = revisions.diff(before, after)
    lines = revisions.change_list(before, operations, locale=locale)
    if output_format == "json":
        records = [_record(op, text) for op, text in zip(operations, lines, strict=True)]
        click.echo(dumps_json(records), nl=False)
        return
    for line in lines:
        click.echo(f"- {line}")


@click.command("history")
@click.argument("plan")
@click.argument("node_id", metavar="[ID]", required=False)
@_locale
@friendly
def history_command(plan: str, node_id: str | None, locale: str) -> None:
    """Show the versions of PLAN and their changes, or what happened to the node ID.

    \b
    Examples:
      malstyrning history after.json
      malstyrning history after.json hog-tillganglighet
    """
    loaded = plan_from(plan)
    if node_id is None:
        for line in revisions.describe_history(loaded, locale=locale):
            click.echo(line)
        return
    events = revisions.node_history(loaded, node_id)
    if not events:
        click.echo(translate("revisions.no_events", locale=locale))
    for event in events:
        click.echo(event.describe().render(locale=locale))
