"""The ``kolada`` command group (registered on ``malstyrning``'s group): search, fetch, update.

Exit codes as everywhere: 0 success, 1 bad input or a failed fetch (the message names the
URL and what went wrong), 2 usage. A progress bar shows on a terminal's standard error.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING, Any

import click

from malstyrning._cli_common import (
    FORCE_OPTION,
    check_output,
    friendly,
    locale_for,
    locale_option,
    output_option,
    plan_from,
)
from malstyrning.i18n import translate

if TYPE_CHECKING:
    from malstyrning.kolada import KoladaCache, KoladaClient, KoladaFetch, Progress

__all__ = ["kolada_group"]


class _Years(click.ParamType):  # type: ignore[type-arg]
    """Years as ``2022``, ``2019-2023`` or ``2019,2021,2023``."""

    name = "YEARS"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, list):
            return value
        years: set[int] = set()
        for part in str(value).split(","):
            first, dash, last = part.strip().partition("-")
            if not first.isdigit() or (dash and not last.isdigit()):
                self.fail(f"{value!r}: give years as 2022, 2019-2023 or 2019,2021", param, ctx)
            low, high = int(first), int(last) if dash else int(first)
            if not 1900 <= low <= high <= 9999:
                self.fail(f"{value!r}: {part.strip()} is not a span of years", param, ctx)
            years.update(range(low, high + 1))
        return sorted(years)


def _ids(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


def _connection_options(function: Any) -> Any:
    options = [
        click.option(
            "--base-url",
            show_default="Kolada's public API",
            metavar="URL",
            help="The Kolada API's root (a mirror or a test server).",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(min=0.001),
            default=30.0,
            show_default=True,
            help="Seconds to wait for each answer.",
        ),
        click.option(
            "--retries",
            type=click.IntRange(min=0),
            default=3,
            show_default=True,
            help="Tries again after a 429, a 5xx, a timeout or a failed connection.",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _cache_options(function: Any) -> Any:
    options = [
        click.option(
            "--cache-dir",
            type=click.Path(file_okay=False),
            help="Folder of the cache [default: $MALSTYRNING_KOLADA_CACHE, else "
            "malstyrning/kolada in the user's cache folder].",
        ),
        click.option("--no-cache", is_flag=True, help="Neither read nor write the cache."),
        click.option(
            "--refresh", is_flag=True, help="Fetch everything again, ignoring what is cached."
        ),
        click.option("--offline", is_flag=True, help="Use the cache alone; ask Kolada nothing."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _client(base_url: str | None, timeout: float, retries: int) -> KoladaClient:
    from malstyrning.kolada import DEFAULT_BASE_URL, KoladaClient

    return KoladaClient(base_url=base_url or DEFAULT_BASE_URL, timeout=timeout, retries=retries)


def _cache(cache_dir: str | None, no_cache: bool) -> KoladaCache | None:  # noqa: FBT001
    from malstyrning.kolada import KoladaCache

    if no_cache:
        if cache_dir is not None:
            raise click.UsageError("--no-cache and --cache-dir contradict each other")
        return None
    return KoladaCache(cache_dir)


@contextmanager
def _progress(locale: str) -> Iterator[Progress | None]:
    """A progress bar on a terminal's standard error; nothing when it is not a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    with ExitStack() as stack:
        bars: list[Any] = []
        finished = [0]

        def report(done: int, total: int, _values: int) -> None:
            if not bars:
                label = translate("kolada.progress", locale=locale)
                bar = click.progressbar(length=total, label=label, file=sys.stderr)
                bars.append(stack.enter_context(bar))
            bars[0].update(done - finished[0])
            finished[0] = done

        yield report


def _summary(fetched: KoladaFetch, locale: str) -> None:
    click.echo(
        translate(
            "kolada.fetched",
            locale=locale,
            values=len(fetched.values),
            requests=fetched.requests,
        ),
        err=True,
    )
    if fetched.since is not None:
        click.echo(
            translate(
                "kolada.changes",
                locale=locale,
                since=fetched.since.isoformat(),
                changed=len(fetched.changed),
                deleted=len(fetched.deletions),
            ),
            err=True,
        )


@click.group("kolada")
def kolada_group() -> None:
    """Fetch outcomes from Kolada, the open KPI database (needs malstyrning[kolada]).

    \b
    Examples:
      malstyrning kolada search-kpi "inhyrd personal"
      malstyrning kolada fetch --kpi N00945 --municipality 0022 --years 2019-2023 -o k.csv
      malstyrning kolada update plan.yaml -o plan-2024.yaml
    """


@kolada_group.command("search-kpi")
@click.argument("text")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
)
@_connection_options
@friendly
def search_kpi_command(
    text: str, output_format: str, base_url: str | None, timeout: float, retries: int
) -> None:
    """List the KPIs whose title contains TEXT: id and title, one a line.

    json prints Kolada's metadata of each KPI as a list.

    \b
    Examples:
      malstyrning kolada search-kpi "antibiotika"
      malstyrning kolada search-kpi "kostnad per DRG" --format json
    """
    from malstyrning.io import dumps_json

    with _client(base_url, timeout, retries) as client:
        found = client.search_kpi(text)
    if output_format == "json":
        click.echo(dumps_json(found), nl=False)
        return
    for kpi in found:
        click.echo(f"{kpi['id']}\t{kpi['title']}")


@kolada_group.command("fetch")
@click.option("--kpi", "kpis", required=True, metavar="K[,K]", help="KPI ids, comma-separated.")
@click.option(
    "--municipality",
    "municipalities",
    metavar="M[,M]",
    help="Municipality, region or group ids, comma-separated [default: all].",
)
@click.option("--years", type=_Years(), help="2019-2023, 2022 or 2019,2021 [default: all].")
@output_option("The Kolada-shaped table to write (.csv or .xlsx).")
@_connection_options
@_cache_options
@locale_option("Language of the messages.")
@friendly
def fetch_command(  # click passes every option by name
    *,
    kpis: str,
    municipalities: str | None,
    years: list[int] | None,
    output: str,
    base_url: str | None,
    timeout: float,
    retries: int,
    cache_dir: str | None,
    no_cache: bool,
    refresh: bool,
    offline: bool,
    locale: str,
) -> None:
    """Fetch KPIs' figures from Kolada, every page, and write the Kolada-shaped table.

    The table has the columns kpi, municipality, period, gender, value, count and status;
    `malstyrning.tables.read_kolada` reads it. A later fetch of the same query asks only for
    what changed since the last one (the cache); --refresh fetches everything again.

    \b
    Examples:
      malstyrning kolada fetch --kpi N00945 --municipality 0022 --years 2019-2023 -o k.csv
      malstyrning kolada fetch --kpi N00945,N00946 --municipality 2281,2262 --refresh -o k.csv
    """
    from malstyrning.kolada import fetch, write_table

    kpi_ids = _ids(kpis) or []
    places = _ids(municipalities)
    if not kpi_ids:
        raise click.UsageError("--kpi names at least one KPI id")
    if not places and years is None:
        raise click.UsageError("Kolada needs --municipality or --years as well as --kpi")
    cache = _cache(cache_dir, no_cache)
    with _client(base_url, timeout, retries) as client, _progress(locale) as progress:
        fetched = fetch(
            kpi_ids,
            places,
            years,
            client=client,
            cache=cache,
            refresh=refresh,
            offline=offline,
            progress=progress,
        )
    write_table(fetched.values, output)
    _summary(fetched, locale)
    click.echo(translate("cli.wrote", locale=locale, path=output), err=True)


@kolada_group.command("update")
@click.argument("plan")
@output_option("Where to write the updated plan (.json, .yaml or .toml).")
@FORCE_OPTION
@click.option("--years", type=_Years(), help="Years to fetch [default: the plan's validity].")
@_connection_options
@_cache_options
@locale_option("Language of the messages.", plan_default=True)
@friendly
def update_command(  # click passes every option by name
    *,
    plan: str,
    output: str,
    force: bool,
    years: list[int] | None,
    base_url: str | None,
    timeout: float,
    retries: int,
    cache_dir: str | None,
    no_cache: bool,
    refresh: bool,
    offline: bool,
    locale: str | None,
) -> None:
    """Fetch the outcomes PLAN's Kolada mapping names and write the plan with them merged.

    Each indicator names its KPI (kolada: {kpi: N00945, municipality: "0022"}; the plan's
    kolada_municipality serves those that name none). Kolada's figures replace the plan's
    outcomes for the same year; figures Kolada deleted are taken out. Then `malstyrning
    evaluate` uses them.

    \b
    Examples:
      malstyrning kolada update plan.yaml -o plan-updated.yaml
      malstyrning kolada update plan.yaml --years 2019-2024 --refresh -o plan-updated.json
    """
    from malstyrning.io import dump
    from malstyrning.kolada import update_plan

    check_output(output, [plan], force=force)
    loaded = plan_from(plan)
    language = locale_for(locale, loaded)
    cache = _cache(cache_dir, no_cache)
    with _client(base_url, timeout, retries) as client, _progress(language) as progress:
        result = update_plan(
            loaded,
            years=years,
            client=client,
            cache=cache,
            refresh=refresh,
            offline=offline,
            progress=progress,
        )
    dump(result.plan, output)
    _summary(result.fetched, language)
    if result.skipped:
        click.echo(
            translate(
                "kolada.skipped",
                locale=language,
                count=sum(result.skipped.values()),
                series=", ".join(sorted(result.skipped)),
            ),
            err=True,
        )
    click.echo(
        translate(
            "kolada.updated",
            locale=language,
            path=output,
            merged=result.merged,
            removed=len(result.removed),
        )
    )
    for node_id, series, period in result.removed:
        click.echo(f"- {node_id} {series} {period}")
