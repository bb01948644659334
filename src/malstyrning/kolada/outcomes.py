"""From Kolada to a plan's outcomes: fetch (through the cache), write the table, update a plan.

:func:`fetch` asks Kolada for a query's figures, through a :class:`KoladaCache` if given:
the first time everything, later only the changes since the last fetch. :func:`write_table`
writes them as the Kolada-shaped table :func:`malstyrning.tables.read_kolada` reads, and
:func:`update_plan` merges them into the indicators a plan maps onto Kolada
(``Indicator.kolada``, ``Plan.kolada_municipality``), through
:func:`malstyrning.tables.kolada_from_rows`, the one reader of Kolada rows.

>>> from malstyrning import examples
>>> plan = with_kolada(examples.load("vasternorrland-2022"), {"hse": "N00001"},
...                    municipality="0022")
>>> plan["hse"].kolada, plan.kolada_municipality
(KoladaSource(kpi='N00001', municipality=None), '0022')
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from pathlib import Path

import attrs

from malstyrning._tables_io import write_csv, write_xlsx
from malstyrning.errors import MalstyrningError
from malstyrning.kolada.cache import KoladaCache
from malstyrning.kolada.client import (
    KoladaClient,
    KoladaDeletion,
    KoladaValue,
    Progress,
)
from malstyrning.model import Goal, Indicator, KoladaSource, Node, Plan
from malstyrning.periods import Period
from malstyrning.tables import KOLADA_COLUMNS, KoladaMapping, kolada_from_rows

__all__ = [
    "KoladaFetch",
    "KoladaUpdate",
    "fetch",
    "to_rows",
    "update_plan",
    "with_kolada",
    "write_table",
]


@attrs.frozen(kw_only=True)
class KoladaFetch:
    """The figures of a query as they stand now, and what this fetch brought.

    Attributes:
        values: every figure of the query (the cache's, with the changes applied).
        changed: the figures this fetch received (all of them on a full fetch).
        deletions: the figures Kolada said it deleted since the last fetch.
        since: the day the changes were asked from, or None for a full fetch.
        requests: how many requests were made (0: from the cache only, offline).
    """

    values: tuple[KoladaValue, ...]
    changed: tuple[KoladaValue, ...]
    deletions: tuple[KoladaDeletion, ...] = ()
    since: date | None = None
    requests: int = 0


def _query_key(
    client: KoladaClient,
    kpis: Iterable[str],
    municipalities: Iterable[str] | None,
    years: Iterable[int] | None,
    *,
    ou: bool,
) -> str:
    # Order does not change a query's answer, so sorted lists name it.
    return "|".join(
        (
            client.base_url,
            "oudata" if ou else "data",
            ",".join(sorted(kpis)),
            "*" if municipalities is None else ",".join(sorted(municipalities)),
            "*" if years is None else ",".join(str(year) for year in sorted(years)),
        )
    )


def fetch(
    kpis: Iterable[str],
    municipalities: Iterable[str] | None = None,
    years: Iterable[int] | None = None,
    *,
    client: KoladaClient | None = None,
    cache: KoladaCache | None = None,
    refresh: bool = False,
    offline: bool = False,
    ou: bool = False,
    progress: Progress | None = None,
    today: date | None = None,
) -> KoladaFetch:
    """The figures of the KPIs for the municipalities and years, through the cache.

    Args:
        kpis: KPI ids.
        municipalities: municipality, region or group ids (unit ids with ``ou=True``); None:
            all.
        years: the years; None: all.
        client: the client to ask (default: Kolada's public API).
        cache: where to keep the figures; None: no cache, every call asks for everything.
        refresh: ask for everything even if the cache has the query.
        offline: answer from the cache alone, asking nothing (an error if it lacks the query).
        ou: organisational units' data.
        progress: called after every page (see :data:`~malstyrning.kolada.client.Progress`);
            None is quiet, as notebooks want.
        today: the day recorded as the fetch's day (default: today, UTC).

    Raises:
        KoladaError: a request failed or an answer is not in the documented shape; the cache
            is then unchanged.
    """
    kpi_list = list(kpis)
    places = None if municipalities is None else list(municipalities)
    periods = None if years is None else list(years)
    client = client or KoladaClient()
    key = _query_key(client, kpi_list, places, periods, ou=ou)
    cached = cache.get(key) if cache is not None and not refresh else None
    if offline:
        if cached is None:
            raise MalstyrningError(
                f"the Kolada cache {'(none given)' if cache is None else cache.path} has no "
                f"answer to {client.data_url(kpi_list, places, periods, ou=ou)}; fetch it "
                "once online first"
            )
        return KoladaFetch(values=cached[1], changed=())
    # The day the fetch starts: changes made while it runs are asked for again next time.
    started = today or datetime.now(UTC).date()
    since = None if cached is None else cached[0]
    data = client.data(kpi_list, places, periods, ou=ou, from_date=since, progress=progress)
    if cache is None:
        return KoladaFetch(values=data.values, changed=data.values, requests=data.requests)
    if cached is None:
        cache.replace(key, data.values, fetched=started)
    else:
        cache.apply(key, data.values, data.deletions, fetched=started)
    now = cache.get(key)
    assert now is not None  # written just above, in one transaction
    return KoladaFetch(
        values=now[1],
        changed=data.values,
        deletions=data.deletions,
        since=since,
        requests=data.requests,
    )


def to_rows(values: Iterable[KoladaValue]) -> list[dict[str, object]]:
    """The figures as rows of the Kolada-shaped table (:data:`~malstyrning.tables.KOLADA_COLUMNS`).

    >>> to_rows([KoladaValue(kpi="N00945", municipality="2281", period=2022, gender="T")])
    [{'kpi': 'N00945', 'municipality': '2281', 'period': '2022', 'gender': 'T', 'value': None, 'count': Decimal('1'), 'status': None}]
    """  # noqa: E501 (a doctest's expected output is as long as the row)
    return [value.row() for value in values]


def write_table(
    values: Iterable[KoladaValue], path: str | os.PathLike[str], *, delimiter: str = ","
) -> None:
    """Write the figures as a Kolada-shaped ``.csv`` (UTF-8) or ``.xlsx`` table, by extension.

    :func:`malstyrning.tables.read_kolada` reads it back.
    """
    rows = [
        [_cell(row[column]) for column in KOLADA_COLUMNS]
        for row in to_rows(sorted(values, key=lambda value: value.key))
    ]
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".xlsx":
        write_xlsx(KOLADA_COLUMNS, rows, target, sheet="kolada")
    elif suffix == ".csv":
        target.write_text(write_csv(KOLADA_COLUMNS, rows, delimiter=delimiter), encoding="utf-8")
    else:
        raise MalstyrningError(
            f"{target}: write a Kolada table to a .csv or .xlsx file (got {suffix or 'none'!r})"
        )


def _cell(value: object) -> str | None:
    return None if value is None else str(value)


@attrs.frozen(kw_only=True)
class KoladaUpdate:
    """A plan with Kolada's figures merged in, and what changed.

    Attributes:
        plan: the updated plan.
        fetched: what the fetch returned (see :class:`KoladaFetch`).
        merged: how many outcomes came from Kolada (added, changed or confirmed).
        removed: the outcomes taken out because Kolada deleted them: indicator, series,
            period.
        skipped: per Kolada gender, figures left out because the indicator has no series
            for it (an indicator with a total only gets no women and men).
    """

    plan: Plan
    fetched: KoladaFetch
    merged: int
    removed: tuple[tuple[str, str, Period], ...] = ()
    skipped: Mapping[str, int] = attrs.field(factory=dict)


def _years_of(plan: Plan) -> list[int]:
    return list(range(plan.validity.start.year, plan.validity.end.year + 1))


def update_plan(
    plan: Plan,
    *,
    years: Iterable[int] | None = None,
    client: KoladaClient | None = None,
    cache: KoladaCache | None = None,
    refresh: bool = False,
    offline: bool = False,
    progress: Progress | None = None,
    today: date | None = None,
) -> KoladaUpdate:
    """Fetch what the plan's Kolada mapping names and merge it into a new plan.

    The figures replace the outcomes the plan has for the same indicator, series and year
    (Kolada revises its figures; comments written in the plan are kept); figures Kolada
    deleted since the last fetch are taken out of the plan. A null figure becomes an outcome
    missing for lack of data.

    Args:
        plan: a plan whose indicators name their Kolada KPI (``Indicator.kolada``).
        years: the years to fetch; by default those of the plan's validity.
        client: as for :func:`fetch`.
        cache: as for :func:`fetch`.
        refresh: as for :func:`fetch`.
        offline: as for :func:`fetch`.
        progress: as for :func:`fetch`.
        today: as for :func:`fetch`.

    Raises:
        MalstyrningError: the plan maps no indicator onto Kolada, or names no municipality.
        KoladaError: as for :func:`fetch`.
        DocumentError: a figure that does not fit the plan, with its place.
    """
    mapping = KoladaMapping.from_plan(plan)
    if not mapping.indicators:
        raise MalstyrningError(
            f"plan {plan.id!r} maps no indicator onto Kolada; give indicators a "
            "'kolada: {kpi: ..., municipality: ...}' (or use malstyrning.kolada.with_kolada)"
        )
    chosen = sorted(set(years)) if years is not None else _years_of(plan)
    fetched = fetch(
        sorted({entry.kpi for entry in mapping.indicators}),
        sorted({entry.municipality for entry in mapping.indicators}),
        chosen,
        client=client,
        cache=cache,
        refresh=refresh,
        offline=offline,
        progress=progress,
        today=today,
    )
    kept: list[KoladaValue] = []
    skipped: dict[str, int] = {}
    for value in fetched.values:
        target = _series_for(plan, mapping, value)
        if target is None:
            continue
        if not target[1]:
            skipped[value.gender] = skipped.get(value.gender, 0) + 1
            continue
        kept.append(value)
    within = Period(f"{chosen[0]}-01-01/{chosen[-1]}-12-31") if chosen else None
    updated = kolada_from_rows(
        to_rows(kept),
        plan,
        mapping,
        source=f"Kolada ({_fetched_from(client)})",
        within=within,
        replace=True,
        ignore_unmapped=True,
    )
    updated, removed = _remove_deleted(updated, mapping, fetched, kept)
    return KoladaUpdate(
        plan=updated, fetched=fetched, merged=len(kept), removed=removed, skipped=skipped
    )


def _fetched_from(client: KoladaClient | None) -> str:
    """The base URL a fetch asks (the public API without a client)."""
    return (client or KoladaClient()).base_url


def _series_for(
    plan: Plan, mapping: KoladaMapping, value: KoladaValue
) -> tuple[Indicator, bool] | None:
    """The indicator a figure maps onto and whether it has the figure's series; None: unmapped."""
    node_id = mapping.indicator_for(value.kpi, value.municipality)
    series = mapping.genders.get(value.gender)
    if node_id is None or series is None:
        return None
    node = plan[node_id]
    assert isinstance(node, Indicator)  # from_plan maps indicators only
    return node, node.series_named(series) is not None


def _remove_deleted(
    plan: Plan, mapping: KoladaMapping, fetched: KoladaFetch, kept: list[KoladaValue]
) -> tuple[Plan, tuple[tuple[str, str, Period], ...]]:
    present = {value.key for value in kept}
    gone: dict[str, dict[str, set[Period]]] = {}
    for deletion in fetched.deletions:
        node_id = mapping.indicator_for(deletion.kpi, deletion.municipality)
        if node_id is None:
            continue
        genders = mapping.genders if deletion.gender is None else (deletion.gender,)
        for gender in genders:
            series = mapping.genders.get(gender)
            key = (deletion.kpi, deletion.municipality, deletion.period, gender)
            if series is None or key in present:
                continue  # a figure deleted and then given again stands
            gone.setdefault(node_id, {}).setdefault(series, set()).add(Period(str(deletion.period)))
    removed: list[tuple[str, str, Period]] = []

    def rebuilt(node: Node) -> Node:
        if isinstance(node, Goal):
            children = tuple(rebuilt(child) for child in node.children)
            if all(new is old for new, old in zip(children, node.children, strict=True)):
                return node
            return attrs.evolve(node, children=children)
        periods_by_series = gone.get(node.id)
        if periods_by_series is None or not isinstance(node, Indicator):
            return node
        series = []
        for each in node.series:
            periods = periods_by_series.get(each.key, set())
            taken = [m for m in each.measurements if m.period in periods]
            removed.extend((node.id, each.key, m.period) for m in taken)
            series.append(
                attrs.evolve(
                    each,
                    measurements=tuple(m for m in each.measurements if m.period not in periods),
                )
                if taken
                else each
            )
        return attrs.evolve(node, series=tuple(series))

    if not gone:
        return plan, ()
    updated = attrs.evolve(plan, goals=tuple(rebuilt(goal) for goal in plan.goals))
    return updated, tuple(removed)


def with_kolada(
    plan: Plan,
    kpis: Mapping[str, str | KoladaSource],
    *,
    municipality: str | None = None,
) -> Plan:
    """A new plan whose indicators name their Kolada KPI, for :func:`update_plan`.

    Args:
        plan: the plan.
        kpis: indicator id → KPI id, or a :class:`~malstyrning.model.KoladaSource` with its
            own municipality.
        municipality: the plan's ``kolada_municipality`` (kept as it is if None).

    Raises:
        UnknownNode: an id that is not in the plan.
        MalstyrningError: an id that is not an indicator.
    """
    for node_id in kpis:
        if not isinstance(plan[node_id], Indicator):
            raise MalstyrningError(
                f"{node_id!r} is a {plan[node_id].kind}; only indicators have Kolada figures"
            )

    def rebuilt(node: Node) -> Node:
        if isinstance(node, Goal):
            children = tuple(rebuilt(child) for child in node.children)
            if all(new is old for new, old in zip(children, node.children, strict=True)):
                return node
            return attrs.evolve(node, children=children)
        source = kpis.get(node.id)
        if source is None or not isinstance(node, Indicator):
            return node
        return attrs.evolve(
            node, kolada=source if isinstance(source, KoladaSource) else KoladaSource(kpi=source)
        )

    return attrs.evolve(
        plan,
        goals=tuple(rebuilt(goal) for goal in plan.goals),
        kolada_municipality=municipality or plan.kolada_municipality,
    )
