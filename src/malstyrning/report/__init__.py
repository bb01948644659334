"""Reports: flat assessment records, terminal tables and the committee's follow-up report.

:func:`follow_up` builds the report once, every text in one locale; :func:`render` lays it
out as HTML, Markdown, XLSX or plain text (``html``, ``md``, ``xlsx``, ``text``).

>>> from malstyrning import examples, evaluate
>>> evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
>>> records = evaluation_records(evaluation, locale="sv")
>>> records[0]["id"]
'samhalle'
>>> page = render(follow_up(evaluation, locale="en"), "md")
>>> page.splitlines()[0]
'# Follow-up of goal attainment'
"""

from __future__ import annotations

from typing import Any

from malstyrning import revisions
from malstyrning.errors import MissingDependency, UnknownLevel
from malstyrning.evaluation import Evaluation
from malstyrning.i18n import LocaleLike
from malstyrning.model import Plan
from malstyrning.periods import Period
from malstyrning.report import html, markdown, text, xlsx
from malstyrning.report._records import (
    assessment_record,
    default_period,
    evaluation_records,
    text_table,
)
from malstyrning.report.followup import (
    NOT_ASSESSED,
    FollowUp,
    SummaryRow,
    follow_up,
    summary_table,
)

__all__ = [
    "FORMATS",
    "NOT_ASSESSED",
    "FollowUp",
    "MissingDependency",
    "UnknownLevel",
    "assessment_record",
    "default_period",
    "evaluation_records",
    "follow_up",
    "new_in_period",
    "new_since",
    "render",
    "summary_json",
    "summary_table",
    "text_table",
]

FORMATS = ("html", "md", "xlsx", "text")
"""The output formats of :func:`render` (and of ``malstyrning report --format``)."""


def render(report: FollowUp, output_format: str) -> str | bytes:
    """The report in one of :data:`FORMATS`: text for html, md and text, bytes for xlsx.

    Raises:
        ValueError: the format is not one of :data:`FORMATS`.
        MissingDependency: xlsx without openpyxl installed.
    """
    if output_format == "html":
        return html.dumps(report)
    if output_format == "md":
        return markdown.dumps(report)
    if output_format == "text":
        return text.dumps(report)
    if output_format == "xlsx":
        return xlsx.dumps(report)
    raise ValueError(f"unknown report format {output_format!r}; use one of {', '.join(FORMATS)}")


def new_since(plan: Plan, previous: Plan) -> frozenset[str]:
    """Ids of the nodes in ``plan`` that ``previous`` did not have: the report's "new" marks.

    This is the hook for revision history: give the plan as it stood at the previous
    follow-up (or as a revision left it), and pass the result as ``follow_up(..., new=)``.

    >>> import attrs
    >>> from malstyrning import examples
    >>> plan = examples.load("jamtland-harjedalen-2019")
    >>> area = plan.goals[0]
    >>> previous = attrs.evolve(plan, goals=(attrs.evolve(area, children=area.children[1:]),
    ...                                      *plan.goals[1:]))
    >>> sorted(new_since(plan, previous))[:3]
    ['antibiotika', 'diklofenak', 'hallbar-region']
    """
    return frozenset(node.id for node in plan.walk() if node.id not in previous)


_NEW_CHANGES = frozenset({"added", "changed", "replaces"})


def new_in_period(plan: Plan, period: Period) -> frozenset[str]:
    """Ids of the nodes a revision added, changed or put in place during ``period``.

    These are the "new from 31/5" marks of a follow-up: what the plan's history says came in
    since the previous follow-up of the same kind. A plan without history has none.

    >>> from malstyrning import examples, revisions
    >>> plan = examples.load("jamtland-harjedalen-2020")
    >>> after = revisions.apply(plan, examples.load_revision("jamtland-harjedalen-2020-revision"))
    >>> sorted(new_in_period(after, Period("2020-T2")))[:3]
    ['avtalsfoljsamhet', 'samordning-kommunerna', 'vald-fragan']
    >>> new_in_period(after, Period("2020-T3"))
    frozenset()
    """
    if not plan.history:
        return frozenset()
    return frozenset(
        node.id
        for node in plan.walk()
        if any(
            event.change in _NEW_CHANGES and period.start <= event.effective <= period.end
            for event in revisions.node_history(plan, node.id)
        )
    )


def summary_json(
    evaluation: Evaluation, *, locale: LocaleLike, by: str | None = None
) -> dict[str, Any]:
    """Counts per goal area and status as a JSON-ready object (``summary --format json``).

    ``rows`` holds one object per goal area (``id``, ``title``, ``counts``), ``total`` the
    same ``counts`` over the plan (``{"counts": {...}}``). ``counts`` maps every level of
    the scale and ``not_assessed`` to a number: the levels sum to the assessed nodes, not
    assessed is counted apart.

    >>> from malstyrning import examples, evaluate
    >>> evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
    >>> data = summary_json(evaluation, locale="en")
    >>> data["total"]["counts"], data["rows"][0]["id"]
    ({'green': 6, 'yellow': 2, 'red': 4, 'not_assessed': 22}, 'samhalle')
    """
    table = summary_table(evaluation, locale=locale, by=by)

    def counts(row: SummaryRow) -> dict[str, int]:
        return {**row.counts, NOT_ASSESSED: row.not_assessed}

    return {
        "plan": evaluation.plan.id,
        "period": evaluation.period.format(),
        "level": table.by,
        "level_label": table.level,
        "statuses": [column.key for column in table.columns],
        "rows": [
            {"id": row.node_id, "title": row.title, "counts": counts(row)} for row in table.rows
        ],
        "total": {"counts": counts(table.total)},
    }
