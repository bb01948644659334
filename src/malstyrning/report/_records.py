"""Evaluations for people and tools: JSON records and a plain-text table.

>>> from malstyrning import examples, evaluate
>>> evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
>>> records = evaluation_records(evaluation, locale="en")
>>> record = next(r for r in records if r["id"] == "antibiotika")
>>> record["status"], str(record["value"]), str(record["target"]), record["rule"]
('green', '245', '250', 'less than 250 rec/TIN')
"""

from __future__ import annotations

import shutil
from typing import Any

from malstyrning.evaluation import Assessment, Evaluation, Pace, default_period
from malstyrning.i18n import LocaleLike, format_period, format_quantity, translate
from malstyrning.model import Goal, Indicator, Node, NodeEvent, Plan
from malstyrning.pace import method_record
from malstyrning.report.followup import compared_values
from malstyrning.revisions import changes_in
from malstyrning.scales import BUILTIN_SCALES
from malstyrning.target_text import describe

__all__ = ["assessment_record", "default_period", "evaluation_records", "text_table"]


def _unit(node: Node) -> str | None:
    return node.unit if isinstance(node, Indicator) else None


def _pace_record(pace: Pace, *, locale: LocaleLike) -> dict[str, Any]:
    return {
        "status": pace.status,
        "not_assessed": pace.not_assessed.reason.value if pace.not_assessed else None,
        "ratio": pace.ratio,
        "method": method_record(pace.pace_method),
        "growth": pace.method.value,
        "observed_growth": pace.observed_growth,
        "required_growth": pace.required_growth,
        "baseline_period": pace.baseline.period.format() if pace.baseline else None,
        "base_period": pace.base_period.format() if pace.base_period else None,
        "baseline": pace.baseline.value if pace.baseline else None,
        "current": pace.current.value if pace.current else None,
        "target_period": pace.target.period.format() if pace.target else None,
        "target": pace.target.value if pace.target else None,
        "score": pace.score,
        "series": [_pace_record(part, locale=locale) for part in pace.parts],
        "explanation": pace.explanation.render(locale=locale),
    }


def assessment_record(plan: Plan, assessment: Assessment, *, locale: LocaleLike) -> dict[str, Any]:
    """One assessment as a flat JSON-ready record (the ``evaluate --format json`` object)."""
    node = plan[assessment.node_id]
    parent = plan.parent(node.id)
    record: dict[str, Any] = {
        "id": node.id,
        "title": node.title,
        "kind": node.kind,
        "level": node.level if isinstance(node, Goal) else None,
        # The plan's own words for the node's level and kind, in the record's locale.
        "level_label": (
            plan.level_label(node.level, locale=locale) if isinstance(node, Goal) else None
        ),
        "kind_label": plan.kind_label(node.kind, locale=locale),
        "parent": parent.id if parent else None,
        "period": assessment.period.format(),
        "status": assessment.status if assessment.status is not None else "not_assessed",
        "status_label": (
            plan.scale.label(assessment.status, locale=locale)
            if assessment.status is not None
            else translate("status.not_assessed", locale=locale)
        ),
        "not_assessed_reason": (
            assessment.not_assessed.reason.value if assessment.not_assessed else None
        ),
        "derived_status": assessment.derived_status,
        "value": assessment.value,
        "target": assessment.target,
        "gap": assessment.gap,
        "unit": _unit(node),
        "rule": describe(assessment.rule, locale=locale) if assessment.rule else None,
        "explanation": assessment.explain(locale=locale),
        "trend": assessment.trend.status if assessment.trend else None,
        "comment": assessment.comment or None,
    }
    if assessment.pace is not None:
        record["pace"] = _pace_record(assessment.pace, locale=locale)
    if assessment.judgement is not None:
        judgement = assessment.judgement
        record["judgement"] = {
            "status": judgement.status,
            "by": judgement.by,
            "reason": judgement.reason,
            "decided": judgement.decided.isoformat() if judgement.decided else None,
        }
    if isinstance(node, Goal):
        record["counts"] = dict(assessment.counts)
    if isinstance(node, Indicator):
        compared = compared_values(node, assessment.period)
        if compared:
            # What a change or reference target compares with: "lower than 2016 (273)".
            record["compared"] = [
                {"period": period.format(), "series": series, "value": value}
                for period, series, value in compared
            ]
    return record


def _judgement_fields(assessment: Assessment, *, locale: LocaleLike) -> dict[str, Any]:
    """Owner, judgements and trend, as the evaluate JSON gives them.

    ``trend`` itself stays the trend's level key; ``trend_source`` says whether the rules
    derived it or a person judged it (``trend_by``).
    """
    trend = assessment.trend
    judgements = []
    for judgement in assessment.judgements:
        scale = BUILTIN_SCALES.get(judgement.scale or "")
        level = scale.level(judgement.status) if scale is not None else None
        judgements.append(
            {
                "scale": judgement.scale,
                "level": judgement.status,
                "label": (
                    scale.label(judgement.status, locale=locale)
                    if scale is not None
                    else judgement.status
                ),
                "symbol": level.symbol if level is not None else None,
                "by": judgement.by,
                "reason": judgement.reason or None,
                "decided": judgement.decided.isoformat() if judgement.decided else None,
            }
        )
    return {
        "owner": assessment.owner,
        "judgements": judgements,
        "trend_source": None if trend is None else "derived" if trend.derived else "judged",
        "trend_symbol": None if trend is None else trend.symbol,
        "trend_by": None if trend is None else trend.judged_by,
    }


def _new_record(event: NodeEvent | None) -> dict[str, Any] | None:
    if event is None:
        return None
    return {
        "change": event.change,
        "replaces": event.other,
        "decision": event.revision.reference,
        "effective": event.effective.isoformat(),
    }


def evaluation_records(evaluation: Evaluation, *, locale: LocaleLike) -> list[dict[str, Any]]:
    """Every assessment as a record, in the plan's order: what ``evaluate --format json`` prints.

    Besides :func:`assessment_record`'s keys: ``owner``, ``judgements``, ``trend_source``,
    ``trend_symbol``, ``trend_by``, ``own_status`` and ``new`` (added, changed or replacing
    another node since the previous follow-up: :func:`malstyrning.revisions.changes_in`).
    """
    plan = evaluation.plan
    new = changes_in(plan, evaluation.period)
    records = []
    for assessment in evaluation:
        record = assessment_record(plan, assessment, locale=locale)
        record.update(_judgement_fields(assessment, locale=locale))
        record["own_status"] = assessment.own_status
        record["new"] = _new_record(new.get(assessment.node_id))
        records.append(record)
    return records


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def _number(value: object, unit: str | None, locale: LocaleLike) -> str:
    if isinstance(value, bool):
        return translate("answer.yes" if value else "answer.no", locale=locale)
    if value is None:
        return ""
    return format_quantity(value, unit, locale=locale)  # type: ignore[arg-type]


def text_table(evaluation: Evaluation, *, locale: LocaleLike, width: int | None = None) -> str:
    """The evaluation as an indented plain-text table for terminals, with a summary line.

    Status is shown as symbol and word, so the table reads without colour.
    """
    plan = evaluation.plan
    scale = plan.scale
    total_width = width or max(shutil.get_terminal_size((120, 24)).columns, 80)
    rows: list[tuple[str, str, str, str, str]] = []
    for assessment in evaluation:
        node = plan[assessment.node_id]
        depth = plan.depth(node.id)
        if assessment.status is not None:
            level = scale.level(assessment.status)
            status = f"{level.symbol} {scale.label(assessment.status, locale=locale)}"
        else:
            status = f"– {translate('status.not_assessed', locale=locale)}"
        trend = assessment.trend.marker if assessment.trend else ""
        unit = _unit(node)
        rows.append(
            (
                "  " * depth + " ".join(node.title.split()),
                status,
                trend,
                _number(assessment.value, unit, locale),
                _number(assessment.target, unit, locale),
            )
        )
    headers = tuple(
        translate(f"table.{key}", locale=locale)
        for key in ("node", "status", "trend", "value", "target")
    )
    fixed = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    title_width = max(total_width - sum(fixed[1:]) - 8, 30)
    lines = [
        "  ".join(
            [
                _shorten(headers[0], title_width).ljust(title_width),
                headers[1].ljust(fixed[1]),
                headers[2].ljust(fixed[2]),
                headers[3].rjust(fixed[3]),
                headers[4].rjust(fixed[4]),
            ]
        ).rstrip()
    ]
    lines.append("-" * min(total_width, title_width + sum(fixed[1:]) + 8))
    for title, status, trend, value, target in rows:
        lines.append(
            "  ".join(
                [
                    _shorten(title, title_width).ljust(title_width),
                    status.ljust(fixed[1]),
                    trend.ljust(fixed[2]),
                    value.rjust(fixed[3]),
                    target.rjust(fixed[4]),
                ]
            ).rstrip()
        )
    summary = evaluation.summary()
    counts = ", ".join(
        f"{count} {scale.label(key, locale=locale)}" for key, count in summary.counts.items()
    )
    level_name = plan.levels[-1].name(locale=locale) if plan.levels else ""
    lines.append("")
    lines.append(
        translate(
            "report.summary",
            locale=locale,
            level=level_name,
            counts=counts,
            not_assessed=summary.not_assessed,
            period=format_period(evaluation.period, locale=locale),
        )
    )
    return "\n".join(lines)
