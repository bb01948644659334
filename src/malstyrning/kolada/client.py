"""The HTTP client of Kolada's public API (v2): data and metadata, every page, with retries.

Every answer of the API is a page ``{"values": [...], "count": n, "previous_page": url?,
"next_page": url?}``; :class:`KoladaClient` follows ``next_page`` to the end, retries on
429 (honouring ``Retry-After``) and 5xx with a growing pause, and turns every HTTP, timeout
or shape problem into a :class:`~malstyrning.errors.KoladaError` naming the URL, what went
wrong and what was expected. httpx (the ``kolada`` extra) is imported when the first
request is made.

>>> client = KoladaClient(base_url="http://127.0.0.1:9/v2", timeout=0.5, retries=0)
>>> client.data_url(["N00945", "N00946"], ["2281"], [2021, 2022])
'http://127.0.0.1:9/v2/data/kpi/N00945,N00946/municipality/2281/year/2021,2022'
>>> client.search_kpi("antibiotika")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
malstyrning.errors.KoladaError: GET http://127.0.0.1:9/v2/kpi?title=antibiotika&per_page=5000 failed: ...
"""  # noqa: E501 (a doctest's expected output is as long as the message)

from __future__ import annotations

import email.utils
import importlib
import json
import re
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from types import ModuleType
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

import attrs

from malstyrning.errors import KoladaError, MalstyrningError, MissingDependency

if TYPE_CHECKING:
    import httpx

__all__ = [
    "DEFAULT_BASE_URL",
    "KoladaClient",
    "KoladaData",
    "KoladaDeletion",
    "KoladaValue",
    "Progress",
]

DEFAULT_BASE_URL = "https://api.kolada.se/v2"
"""Kolada's public API."""

MAX_PER_PAGE = 5000
"""The most items Kolada returns on one page."""

# Ids per request: the API takes lists in the path, and a long path is refused by proxies.
_CHUNK = 25
_ID = re.compile(r"[A-Za-z0-9]+")
_GENDERS = frozenset({"T", "K", "M"})
_PAGE = "a JSON page {'values': [...], 'count': n, 'next_page': url or null}"

Progress = Callable[[int, int, int], None]
"""Called after every page: requests finished, requests in all, values read so far."""


@attrs.frozen(kw_only=True)
class KoladaValue:
    """One figure: a KPI for a municipality (or organisational unit), a year and a gender.

    ``count`` is 1 for a municipality or region, and for a municipality group the number of
    members whose unweighted mean the value is; ``value`` is None where Kolada has none.

    >>> KoladaValue(kpi="N00945", municipality="2281", period=2022, gender="T",
    ...             value=Decimal("7.9")).row()["period"]
    '2022'
    """

    kpi: str = attrs.field(validator=attrs.validators.matches_re(_ID))
    municipality: str = attrs.field(validator=attrs.validators.matches_re(_ID))
    period: int = attrs.field(validator=attrs.validators.instance_of(int))
    gender: str = attrs.field(validator=attrs.validators.in_(_GENDERS))
    value: Decimal | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Decimal))
    )
    count: int = attrs.field(
        default=1, validator=[attrs.validators.instance_of(int), attrs.validators.ge(0)]
    )
    status: str = attrs.field(default="", validator=attrs.validators.instance_of(str))

    @property
    def key(self) -> tuple[str, str, int, str]:
        """What identifies the figure: KPI, municipality, year, gender."""
        return (self.kpi, self.municipality, self.period, self.gender)

    def row(self) -> dict[str, object]:
        """The figure as a row of a Kolada-shaped table (``tables.KOLADA_COLUMNS``)."""
        return {
            "kpi": self.kpi,
            "municipality": self.municipality,
            "period": str(self.period),
            "gender": self.gender,
            "value": self.value,
            "count": Decimal(self.count),
            "status": self.status or None,
        }


@attrs.frozen(kw_only=True)
class KoladaDeletion:
    """A figure Kolada deleted (``is_deleted`` in an answer to ``from_date``).

    ``gender`` None: every gender of the KPI, municipality and year.
    """

    kpi: str
    municipality: str
    period: int
    gender: str | None = None

    def covers(self, value: KoladaValue) -> bool:
        """Whether ``value`` is one of the figures deleted."""
        return (value.kpi, value.municipality, value.period) == (
            self.kpi,
            self.municipality,
            self.period,
        ) and self.gender in (None, value.gender)


@attrs.frozen(kw_only=True)
class KoladaData:
    """What a data query returned: the figures, the deletions, and how many requests it took."""

    values: tuple[KoladaValue, ...]
    deletions: tuple[KoladaDeletion, ...] = ()
    requests: int = 0
    pages: int = 0


def _ids(values: Iterable[str | int], what: str) -> list[str]:
    ids = [str(value).strip() for value in values]
    bad = [value for value in ids if not _ID.fullmatch(value)]
    if bad:
        raise MalstyrningError(
            f"{what} ids are letters and digits, such as 'N00945' or '2281' (got "
            f"{', '.join(map(repr, bad))})"
        )
    return list(dict.fromkeys(ids))


def _chunks(items: Sequence[str]) -> list[list[str]]:
    return [list(items[start : start + _CHUNK]) for start in range(0, len(items), _CHUNK)]


def _httpx() -> ModuleType:
    try:
        return importlib.import_module("httpx")
    except ImportError:
        raise MissingDependency.for_module("httpx", "kolada", "The Kolada client") from None


class KoladaClient:
    """A client of Kolada's API: data and metadata, paging followed to the end.

    Args:
        base_url: the API's root, ``https://api.kolada.se/v2`` by default (a mirror or a
            test server elsewhere).
        timeout: seconds to wait for a connection and for each answer.
        retries: how many times a request is tried again after a 429, a 5xx, a timeout or a
            failed connection.
        backoff: the first pause in seconds before trying again; it doubles each time. A
            429's ``Retry-After`` is honoured instead, up to ``max_wait``.
        max_wait: the longest pause between tries, in seconds.
        per_page: items per page, at most 5 000.
        sleep: how to pause (``time.sleep``); tests pass a recorder.

    The client keeps one connection pool; use it in a ``with`` block or call :meth:`close`.
    """

    def __init__(
        self,
        *,
        base_url: str = DEFAULT_BASE_URL,
        timeout: float = 30.0,
        retries: int = 3,
        backoff: float = 0.5,
        max_wait: float = 60.0,
        per_page: int = MAX_PER_PAGE,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not 1 <= per_page <= MAX_PER_PAGE:
            raise MalstyrningError(f"per_page must be 1 to {MAX_PER_PAGE} (got {per_page})")
        if timeout <= 0 or retries < 0 or backoff < 0 or max_wait < 0:
            raise MalstyrningError(
                "timeout must be positive and retries, backoff and max_wait at least 0 (got "
                f"timeout={timeout}, retries={retries}, backoff={backoff}, max_wait={max_wait})"
            )
        if not base_url.startswith(("http://", "https://")):
            raise MalstyrningError(
                f"the base URL must start with http:// or https:// (got {base_url!r})"
            )
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.per_page = per_page
        self._sleep = sleep
        self._http: httpx.Client | None = None

    def __repr__(self) -> str:
        return f"KoladaClient(base_url={self.base_url!r})"

    def __enter__(self) -> KoladaClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool (a later request opens a new one)."""
        if self._http is not None:
            self._http.close()
            self._http = None

    # -- metadata -----------------------------------------------------------------------------

    def search_kpi(self, title: str) -> list[dict[str, Any]]:
        """KPIs whose title contains ``title``: dicts with ``id``, ``title`` and the rest."""
        return self._metadata("kpi", {"title": title})

    def kpi(self, *ids: str) -> list[dict[str, Any]]:
        """The metadata of the KPIs with these ids."""
        return self._metadata(f"kpi/{','.join(_ids(ids, 'KPI'))}", {})

    def search_municipality(self, title: str) -> list[dict[str, Any]]:
        """Municipalities, regions whose name contains ``title`` (``id``, ``title``, ``type``)."""
        return self._metadata("municipality", {"title": title})

    def municipality_groups(self, title: str | None = None) -> list[dict[str, Any]]:
        """Groups (``id``, ``title``, ``members``); those matching ``title`` if given."""
        return self._metadata("municipality_groups", {"title": title} if title else {})

    def search_ou(self, title: str, *, municipality: str | None = None) -> list[dict[str, Any]]:
        """Organisational units (schools, care units) whose name contains ``title``."""
        params = {"title": title}
        if municipality is not None:
            params["municipality"] = _ids([municipality], "municipality")[0]
        return self._metadata("ou", params)

    def _metadata(self, route: str, params: dict[str, str]) -> list[dict[str, Any]]:
        url = f"{self.base_url}/{route}"
        items: list[dict[str, Any]] = []
        for page_url, page in self._pages(url, params):
            for index, item in enumerate(page):
                if not (
                    isinstance(item, dict)
                    and isinstance(item.get("id"), str)
                    and isinstance(item.get("title"), str)
                ):
                    raise KoladaError.for_request(
                        page_url,
                        f"values[{index}] is {_shown(item)}",
                        "an object with an 'id' and a 'title' text",
                    )
                items.append(item)
        return items

    # -- data ---------------------------------------------------------------------------------

    def data_url(
        self,
        kpis: Iterable[str],
        municipalities: Iterable[str] | None = None,
        years: Iterable[int] | None = None,
        *,
        ou: bool = False,
    ) -> str:
        """The URL of one data query (without paging or ``from_date``)."""
        kpi_ids = _ids(kpis, "KPI")
        places = None if municipalities is None else _ids(municipalities, "municipality")
        periods = None if years is None else [str(year) for year in _years(years)]
        if not kpi_ids:
            raise MalstyrningError("a data query names at least one KPI")
        url = f"{self.base_url}/{'oudata' if ou else 'data'}/kpi/{','.join(kpi_ids)}"
        if places:
            url += f"/{'ou' if ou else 'municipality'}/{','.join(places)}"
        if periods:
            url += f"/year/{','.join(periods)}"
        if not places and not periods:
            raise MalstyrningError(
                "Kolada answers a data query that names two of KPIs, municipalities and years; "
                "give municipalities or years as well"
            )
        return url

    def data(
        self,
        kpis: Iterable[str],
        municipalities: Iterable[str] | None = None,
        years: Iterable[int] | None = None,
        *,
        ou: bool = False,
        from_date: date | None = None,
        progress: Progress | None = None,
    ) -> KoladaData:
        """Every figure of the KPIs for the municipalities (or units) and years, all pages.

        Long lists are asked in several requests. With ``from_date``, only what changed
        since that day, deletions included.

        Args:
            kpis: KPI ids (``N00945``).
            municipalities: municipality, region or group ids; with ``ou=True``
                organisational unit ids. None: all.
            years: the years; None: all.
            ou: ask for organisational units' data (``/oudata``).
            from_date: only changes since this day.
            progress: called after every page (see :data:`Progress`); None is quiet.

        Raises:
            KoladaError: a request failed or an answer is not in the documented shape.
            MalstyrningError: an id that is not letters and digits.
        """
        kpi_ids = _ids(kpis, "KPI")
        places = None if municipalities is None else _ids(municipalities, "municipality")
        periods = None if years is None else _years(years)
        urls = [
            self.data_url(kpi_chunk, place_chunk, periods, ou=ou)
            for kpi_chunk in _chunks(kpi_ids)
            for place_chunk in (_chunks(places) if places else [None])
        ]
        params = {} if from_date is None else {"from_date": from_date.isoformat()}
        values: list[KoladaValue] = []
        deletions: list[KoladaDeletion] = []
        pages = 0
        for done, url in enumerate(urls):
            for page_url, page in self._pages(url, params):
                pages += 1
                for index, item in enumerate(page):
                    _read_item(item, page_url, index, ou=ou, values=values, deletions=deletions)
                if progress is not None:
                    progress(done, len(urls), len(values))
            if progress is not None:
                progress(done + 1, len(urls), len(values))
        return KoladaData(
            values=tuple(values), deletions=tuple(deletions), requests=len(urls), pages=pages
        )

    # -- HTTP ---------------------------------------------------------------------------------

    def _client(self) -> httpx.Client:
        if self._http is None:
            httpx = _httpx()
            self._http = httpx.Client(
                timeout=self.timeout,
                follow_redirects=True,
                headers={"Accept": "application/json", "User-Agent": "malstyrning"},
            )
        return self._http

    def _pages(self, url: str, params: dict[str, str]) -> Iterable[tuple[str, list[Any]]]:
        """Each page's URL and values, following ``next_page`` to the end."""
        first = dict(params)
        first["per_page"] = str(self.per_page)
        next_url: str | None = str(_httpx().URL(url, params=first))
        seen: set[str] = set()
        while next_url is not None:
            if next_url in seen:
                raise KoladaError.for_request(
                    next_url, "the pages lead back to one already read", "paging to end"
                )
            seen.add(next_url)
            body = self._get(next_url)
            values = body.get("values")
            if not isinstance(values, list):
                raise KoladaError.for_request(
                    next_url, f"the answer has no list 'values' (got {_shown(body)})", _PAGE
                )
            following = body.get("next_page")
            if following is not None and not (isinstance(following, str) and following):
                raise KoladaError.for_request(
                    next_url, f"'next_page' is {following!r}", "a URL or null"
                )
            yield next_url, values
            next_url = urljoin(next_url, following) if following else None

    def _get(self, url: str) -> dict[str, Any]:
        httpx = _httpx()
        attempts = self.retries + 1
        tried = f"{attempts} attempt" + ("s" if attempts != 1 else "")
        for attempt in range(attempts):
            last = attempt == attempts - 1
            wait = min(self.backoff * 2**attempt, self.max_wait)
            try:
                response = self._client().get(url)
            except httpx.TimeoutException:
                problem = f"no answer within {self.timeout:g} s"
                if last:
                    raise KoladaError.for_request(
                        url,
                        f"{problem} ({tried})",
                        _PAGE,
                        "try again later, or give a longer timeout",
                    ) from None
                self._sleep(wait)
                continue
            except httpx.HTTPError as error:
                if last:
                    raise KoladaError.for_request(
                        url,
                        f"the connection failed: {error or type(error).__name__} ({tried})",
                        _PAGE,
                        "check the base URL and the network",
                    ) from None
                self._sleep(wait)
                continue
            status = response.status_code
            if status == 429 or status >= 500:
                if last:
                    raise KoladaError.for_request(
                        url,
                        f"HTTP {status} {response.reason_phrase} ({tried})",
                        "HTTP 200 with " + _PAGE,
                        "the service is busy or failing; try again later",
                    )
                if status == 429:
                    wait = _retry_after(response.headers.get("Retry-After"), wait)
                self._sleep(min(wait, self.max_wait))
                continue
            if status != 200:
                raise KoladaError.for_request(
                    url,
                    f"HTTP {status} {response.reason_phrase}",
                    "HTTP 200 with " + _PAGE,
                    "check the ids in the query and the base URL",
                )
            return _json(url, response.content)
        raise AssertionError("unreachable: the last attempt returns or raises")  # pragma: no cover


def _retry_after(header: str | None, default: float) -> float:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date)."""
    if header is None:
        return default
    header = header.strip()
    if header.isdigit():
        return float(header)
    try:
        moment = email.utils.parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return default
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())


def _json(url: str, content: bytes) -> dict[str, Any]:
    try:
        # Decimals, not binary floats: a figure stays exactly as Kolada gives it.
        body = json.loads(content, parse_float=Decimal)
    except (ValueError, UnicodeDecodeError):
        start = content[:60].decode("utf-8", errors="replace")
        raise KoladaError.for_request(
            url, f"the answer is not JSON (it begins {start!r})", _PAGE
        ) from None
    if not isinstance(body, dict):
        raise KoladaError.for_request(url, f"the answer is {_shown(body)}", _PAGE)
    return body


def _shown(value: object) -> str:
    text = json.dumps(value, default=str, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."


def _years(years: Iterable[int]) -> list[int]:
    chosen = []
    for year in years:
        if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 9999:
            raise MalstyrningError(f"years are whole numbers such as 2022 (got {year!r})")
        chosen.append(year)
    return sorted(set(chosen))


def _read_item(
    item: object,
    url: str,
    index: int,
    *,
    ou: bool,
    values: list[KoladaValue],
    deletions: list[KoladaDeletion],
) -> None:
    """Check one data item's shape and add its figures (or its deletions)."""
    place = "ou" if ou else "municipality"
    expected = (
        f"an item {{'kpi', '{place}', 'period', 'values': [{{'count', 'gender', 'status', "
        "'value'}]}"
    )

    def fail(what: str) -> KoladaError:
        return KoladaError.for_request(url, f"values[{index}]{what}", expected)

    if not isinstance(item, dict):
        raise fail(f" is {_shown(item)}")
    kpi, municipality, period = item.get("kpi"), item.get(place), item.get("period")
    if not isinstance(kpi, str) or not _ID.fullmatch(kpi):
        raise fail(f".kpi is {_shown(kpi)}, not an id of letters and digits")
    if not isinstance(municipality, str) or not _ID.fullmatch(municipality):
        raise fail(f".{place} is {_shown(municipality)}, not an id of letters and digits")
    if isinstance(period, str) and period.isdigit():
        period = int(period)
    if isinstance(period, bool) or not isinstance(period, int):
        raise fail(f".period is {_shown(period)}, not a year")
    deleted = item.get("is_deleted", False)
    if not isinstance(deleted, bool):
        raise fail(f".is_deleted is {_shown(deleted)}, not true or false")
    entries = item.get("values", [] if deleted else None)
    if not isinstance(entries, list):
        raise fail(f".values is {_shown(entries)}, not a list")
    if deleted and not entries:
        deletions.append(KoladaDeletion(kpi=kpi, municipality=municipality, period=period))
        return
    for position, entry in enumerate(entries):
        where = f".values[{position}]"
        if not isinstance(entry, dict):
            raise fail(f"{where} is {_shown(entry)}")
        gender = entry.get("gender")
        if gender not in _GENDERS:
            raise fail(f"{where}.gender is {_shown(gender)}, not T, K or M")
        value = entry.get("value")
        if isinstance(value, int) and not isinstance(value, bool):
            value = Decimal(value)
        if value is not None and not (isinstance(value, Decimal) and value.is_finite()):
            raise fail(f"{where}.value is {_shown(value)}, not a number or null")
        count = entry.get("count", 1)
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise fail(f"{where}.count is {_shown(count)}, not a whole number")
        status = entry.get("status") or ""
        if not isinstance(status, str):
            raise fail(f"{where}.status is {_shown(status)}, not a text")
        entry_deleted = entry.get("is_deleted", False)
        if not isinstance(entry_deleted, bool):
            raise fail(f"{where}.is_deleted is {_shown(entry_deleted)}, not true or false")
        if deleted or entry_deleted:
            deletions.append(
                KoladaDeletion(kpi=kpi, municipality=municipality, period=period, gender=gender)
            )
            continue
        values.append(
            KoladaValue(
                kpi=kpi,
                municipality=municipality,
                period=period,
                gender=str(gender),
                value=value,
                count=count,
                status=status,
            )
        )
