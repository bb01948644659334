"""``malstyrning summary``: the counts follow-ups print, per goal area, kind and status.

Without ``--kinds`` the table is the one it has always been (one level or kind, by status);
with ``--kinds indicator,assignment`` it is the follow-up's table: per goal area (``--areas``,
any level) the key figures and the assignments by colour with a total per group, and the
area's combined status; the activities follow on a line of their own, by their own status.
The JSON output keeps the keys it always had and adds ``table`` and ``activities``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import click

from malstyrning._cli_common import (
    ROLLUP_OPTION,
    check_assessable,
    friendly,
    locale_for,
    locale_option,
    plan_from,
)
from malstyrning.i18n import LocaleLike, Quantity, format_period, translate
from malstyrning.periods import Period
from malstyrning.scales import ACTIVITY_STATUS

if TYPE_CHECKING:
    from malstyrning.evaluation import Evaluation, Summary, SummaryTable

__all__ = ["summary_command", "summary_document", "summary_text"]


def _kinds(_: click.Context, __: click.Parameter, value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    kinds = tuple(part.strip() for part in value.split(",") if part.strip())
    if not kinds:
        raise click.BadParameter("name at least one kind, e.g. --kinds indicator,assignment")
    return kinds


@click.command("summary")
@click.argument("plan")
@click.option("--period", metavar="PERIOD", help="Period to count, e.g. 2019-T1.")
@click.option(
    "--by",
    metavar="LEVEL",
    help="Level key (or kind of node: indicator, assignment ...) to count "
    "[default: the plan's last level].",
)
@click.option(
    "--kinds",
    metavar="KIND,...",
    callback=_kinds,
    help="Count these kinds of node (indicator, yes_no, assignment, activity, goal) or goal "
    "levels side by side, per goal area, with totals and each area's combined status; "
    "activities by their own status.",
)
@click.option(
    "--areas",
    metavar="LEVEL",
    help="With --kinds: the level whose goals are the rows [default: the plan's first level].",
)
@click.option(
    "--shares",
    is_flag=True,
    help="With --kinds: print each count with its share of the group in percent.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
)
@locale_option(
    "Language of labels, status names and numbers; plan texts stay as written.",
    plan_default=True,
)
@ROLLUP_OPTION
@friendly
def summary_command(  # click passes every option by name
    *,
    plan: str,
    period: str | None,
    by: str | None,
    kinds: tuple[str, ...] | None,
    areas: str | None,
    shares: bool,
    output_format: str,
    locale: str | None,
    rollup: str | None,
) -> None:
    """Count statuses per goal area (rows) and status (columns), with totals.

    Not assessed is counted apart, never as a colour. JSON: {"rows": [{"id", "title",
    "counts"}], "total": {"counts"}}, counts mapping each status key to a number; "table"
    holds the per-kind table of --kinds (every kind of leaf by default) and "activities"
    the activities by their own status.

    \b
    Examples:
      malstyrning summary jamtland-harjedalen-2019 --period 2019-T1
      malstyrning summary jamtland-harjedalen-2019 --by strategic_goal --format json
      malstyrning summary jamtland-harjedalen-2019 --kinds indicator,assignment
    """
    from malstyrning.evaluation import evaluate
    from malstyrning.io import dumps_json
    from malstyrning.report import default_period, summary_json, summary_table
    from malstyrning.report.text import summary_dumps

    if (areas is not None or shares) and kinds is None:
        raise click.UsageError("--areas and --shares go with --kinds (e.g. --kinds indicator)")
    loaded = plan_from(plan)
    locale = locale_for(locale, loaded)
    chosen = Period.parse(period) if period else default_period(loaded)
    evaluation = evaluate(loaded, period=chosen, rollup=rollup)
    check_assessable(evaluation, locale=locale)
    table = evaluation.summary_table(kinds=kinds, areas=areas)
    if output_format == "json":
        data = summary_json(evaluation, locale=locale, by=by)
        if by == "activity":
            # Counted by their own status: the statuses listed are the activities' own.
            data["statuses"] = [*ACTIVITY_STATUS.keys, "not_assessed"]
        data.update(summary_document(evaluation, table, locale=locale))
        click.echo(dumps_json(data), nl=False)
        return
    if kinds is None and by == "activity":
        # Activities are counted by their own status, which the colour columns cannot show.
        kinds = ("activity",)
        table = evaluation.summary_table(kinds=kinds, areas=areas)
    if kinds is None:
        old = summary_table(evaluation, locale=locale, by=by)
        click.echo(summary_dumps(old, locale=locale), nl=False)
        if table.activities.total:
            click.echo(_activity_line(table.activities, locale=locale))
        return
    click.echo(summary_text(evaluation, table, locale=locale, shares=shares), nl=False)


def _group_label(evaluation: Evaluation, key: str, *, is_level: bool, locale: LocaleLike) -> str:
    plan = evaluation.plan
    if is_level:
        return plan.level_label(key, locale=locale)
    return plan.kind_label(key, locale=locale)


def _status_label(scale_key: str, key: str, evaluation: Evaluation, locale: LocaleLike) -> str:
    if key == "not_assessed":
        return translate("status.not_assessed", locale=locale)
    scale = ACTIVITY_STATUS if scale_key == ACTIVITY_STATUS.key else evaluation.plan.scale
    return scale.label(key, locale=locale)


def _plain(number: Decimal) -> Decimal:
    # 50.0 % reads as 50 %; normalize() would write 5E+1.
    whole = number.to_integral_value()
    return whole.quantize(Decimal(1)) if number == whole else number


def _share(count: int, share: Decimal, locale: LocaleLike) -> str:
    return translate("report.share", locale=locale, count=count, share=Quantity(_plain(share), "%"))


def _activity_line(activities: Summary, *, locale: LocaleLike) -> str:
    parts = [
        translate(
            "summary.count",
            locale=locale,
            count=count,
            label=ACTIVITY_STATUS.label(key, locale=locale),
        )
        for key, count in activities.counts.items()
        if count
    ]
    if activities.not_assessed:
        parts.append(
            translate(
                "summary.count",
                locale=locale,
                count=activities.not_assessed,
                label=translate("status.not_assessed", locale=locale),
            )
        )
    return translate(
        "summary.activities", locale=locale, total=activities.total, counts=", ".join(parts)
    )


def summary_text(
    evaluation: Evaluation, table: SummaryTable, *, locale: LocaleLike, shares: bool = False
) -> str:
    """The per-kind summary table as aligned plain text, then the activity line.

    >>> from malstyrning import examples, evaluate
    >>> evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
    >>> text = summary_text(evaluation, evaluation.summary_table(kinds=["indicator"]),
    ...                     locale="en")
    >>> text.splitlines()[-1].split()
    ['Total', '6', '2', '6', '20', '34']
    """
    plan = evaluation.plan
    total_label = translate("report.total", locale=locale)
    area_label = plan.level_label(table.areas, locale=locale) if table.areas else ""
    heads = [["", area_label]]
    for group in table.groups:
        label = _group_label(evaluation, group.key, is_level=group.is_level, locale=locale)
        for position, status in enumerate((*group.statuses, "total")):
            name = (
                total_label
                if status == "total"
                else _status_label(group.scale.key, status, evaluation, locale)
            )
            heads.append([label if position == 0 else "", name])
    heads.append(["", translate("summary.combined", locale=locale)])

    def cells(row: Any) -> list[str]:
        out = [row.title or total_label]
        for group in table.groups:
            for status in group.statuses:
                count = row.count(group.key, status)
                out.append(
                    _share(count, row.share(group.key, status), locale) if shares else str(count)
                )
            out.append(str(row.total(group.key)))
        status = row.status
        out.append(
            ""
            if row.node_id is None
            else _status_label("", status or "not_assessed", evaluation, locale)
        )
        return out

    body = [cells(row) for row in table.rows]
    body.append(cells(table.total))
    widths = [
        max(len(heads[i][0]) if i else 0, len(heads[i][1]), *(len(line[i]) for line in body))
        for i in range(len(heads))
    ]
    widths[0] = max(min(widths[0], 40), 12)

    def render(line: list[str]) -> str:
        first = line[0] if len(line[0]) <= widths[0] else line[0][: widths[0] - 1] + "…"
        rest = [cell.rjust(widths[i + 1]) for i, cell in enumerate(line[1:-1])]
        return "  ".join([first.ljust(widths[0]), *rest, line[-1]]).rstrip()

    groups = ", ".join(
        _group_label(evaluation, group.key, is_level=group.is_level, locale=locale)
        for group in table.groups
    )
    caption = translate(
        "summary.caption",
        locale=locale,
        groups=groups,
        area=area_label,
        period=format_period(evaluation.period, locale=locale, style="as_of"),
    )
    rule = "-" * (sum(widths) + 2 * (len(widths) - 1))
    group_line = "  ".join(head[0].ljust(widths[i]) for i, head in enumerate(heads)).rstrip()
    lines = [caption, "", group_line, render([head[1] for head in heads]), rule]
    lines += [render(line) for line in body[:-1]]
    lines += [rule, render(body[-1])]
    if table.activities.total:
        lines += ["", _activity_line(table.activities, locale=locale)]
    return "\n".join(lines) + "\n"


def summary_document(
    evaluation: Evaluation, table: SummaryTable, *, locale: LocaleLike
) -> dict[str, Any]:
    """The keys ``summary --format json`` adds: ``table`` and ``activities``.

    ``table`` has ``areas`` (the level of its rows), ``groups`` (``key``, ``label``,
    ``scale``, ``statuses``, ``labels``) and ``rows`` and ``total``, each with ``counts``
    (per group: every status, ``not_assessed`` and ``total``), ``shares`` (per group and
    status, in percent), ``total`` (every group) and, for a goal area, ``id``, ``title`` and
    ``status`` (its combined status). ``activities`` counts every activity by its own status.

    >>> from malstyrning import examples, evaluate
    >>> evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
    >>> data = summary_document(evaluation, evaluation.summary_table(), locale="en")
    >>> data["table"]["total"]["counts"]["indicator"]
    {'green': 6, 'yellow': 2, 'red': 6, 'not_assessed': 20, 'total': 34}
    """

    def line(row: Any) -> dict[str, Any]:
        counts = {
            group.key: {
                **{status: row.count(group.key, status) for status in group.statuses},
                "total": row.total(group.key),
            }
            for group in table.groups
        }
        out: dict[str, Any] = {}
        if row.node_id is not None:
            out = {"id": row.node_id, "title": row.title, "status": row.status or "not_assessed"}
        out["counts"] = counts
        out["shares"] = {
            group.key: {status: _plain(row.share(group.key, status)) for status in group.statuses}
            for group in table.groups
        }
        out["total"] = row.total()
        return out

    activities = table.activities
    return {
        "table": {
            "areas": table.areas,
            "areas_label": (
                evaluation.plan.level_label(table.areas, locale=locale) if table.areas else ""
            ),
            "groups": [
                {
                    "key": group.key,
                    "label": _group_label(
                        evaluation, group.key, is_level=group.is_level, locale=locale
                    ),
                    "scale": group.scale.key,
                    "statuses": list(group.statuses),
                    "labels": {
                        status: _status_label(group.scale.key, status, evaluation, locale)
                        for status in group.statuses
                    },
                }
                for group in table.groups
            ],
            "rows": [line(row) for row in table.rows],
            "total": line(table.total),
        },
        "activities": {
            "counts": {**activities.counts, "not_assessed": activities.not_assessed},
            "shares": {
                key: _plain(activities.share(key)) for key in (*activities.counts, "not_assessed")
            },
            "total": activities.total,
        },
    }
