"""The Kolada client, cache and outcomes against a local server (real sockets, no network)."""

from __future__ import annotations

import sys
from datetime import date
from decimal import Decimal

import attrs
import pytest

from _kolada_server import FakeKolada, Scripted, item, serve
from malstyrning import dumps, examples, loads
from malstyrning.errors import DocumentError, KoladaError, MalstyrningError, MissingDependency
from malstyrning.kolada import (
    KoladaCache,
    KoladaClient,
    KoladaDeletion,
    KoladaValue,
    fetch,
    update_plan,
    with_kolada,
    write_table,
)
from malstyrning.kolada.client import _retry_after
from malstyrning.model import Indicator, KoladaSource
from malstyrning.periods import Period
from malstyrning.scales import NotAssessedReason
from malstyrning.tables import KoladaMapping, kolada_from_csv, read_kolada

MONDAY = date(2026, 12, 7)
TUESDAY = date(2026, 12, 8)


class Sleeps(list):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def six_items() -> list[dict]:
    return [
        item(kpi, "0022", year, {"T": Decimal(f"{year - 2000}.5")})
        for kpi in ("N00001", "N00002")
        for year in (2022, 2023, 2024)
    ]


@pytest.fixture
def kolada():
    with serve(FakeKolada(items=six_items())) as fake:
        yield fake


def client_for(fake: FakeKolada, **options) -> KoladaClient:
    options.setdefault("timeout", 5)
    options.setdefault("sleep", Sleeps())
    return KoladaClient(base_url=f"{fake.base_url}/v2", **options)


# -- paging and shape -------------------------------------------------------------------------


def test_data_follows_next_page_to_the_end(kolada):
    with client_for(kolada, per_page=2) as client:
        data = client.data(["N00001", "N00002"], ["0022"], [2022, 2023, 2024])
    assert data.pages == 3
    assert data.requests == 1
    assert [query.get("page") for query in kolada.data_requests()] == [None, "2", "3"]
    assert all(query["per_page"] == "2" for query in kolada.data_requests())
    assert len(data.values) == 6
    assert data.values[0] == KoladaValue(
        kpi="N00001", municipality="0022", period=2022, gender="T", value=Decimal("22.5")
    )


def test_data_keeps_numbers_exact_and_nulls_as_none(kolada):
    kolada.items = [item("N00001", "0022", 2022, {"T": 0.1, "K": None, "M": 3})]
    with client_for(kolada) as client:
        values = client.data(["N00001"], ["0022"], [2022]).values
    assert [value.value for value in values] == [Decimal("0.1"), None, Decimal(3)]


def test_the_data_url_names_kpis_municipalities_and_years(kolada):
    client = client_for(kolada)
    url = client.data_url(["N00001", "N00002"], ["0022", "2281"], [2024, 2022])
    assert url.endswith("/v2/data/kpi/N00001,N00002/municipality/0022,2281/year/2022,2024")
    assert client.data_url(["N00001"], ["5"], ou=True).endswith("/oudata/kpi/N00001/ou/5")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.data(["N0/1"], ["0022"]), "KPI ids are letters and digits"),
        (lambda c: c.data(["N00001"]), "give municipalities or years as well"),
        (lambda c: c.data(["N00001"], years=[True]), "years are whole numbers"),
    ],
)
def test_bad_queries_are_refused_before_any_request(kolada, call, message):
    with pytest.raises(MalstyrningError, match=message):
        call(client_for(kolada))
    assert kolada.requests == []


def test_client_options_are_checked():
    with pytest.raises(MalstyrningError, match="per_page must be 1 to 5000"):
        KoladaClient(per_page=6000)
    with pytest.raises(MalstyrningError, match="must start with http"):
        KoladaClient(base_url="ftp://example.org")


def test_search_kpi_reads_metadata(kolada):
    kolada.kpis = [
        {"id": "N00001", "title": "Inhyrd personal, andel"},
        {"id": "N00002", "title": "HSE index"},
    ]
    with client_for(kolada) as client:
        found = client.search_kpi("inhyrd")
    assert [kpi["id"] for kpi in found] == ["N00001"]
    assert kolada.requests[-1] == ("/v2/kpi", {"title": "inhyrd", "per_page": "5000"})


def test_metadata_without_ids_is_a_shape_error(kolada):
    kolada.kpis = [{"title": "no id"}]
    with pytest.raises(KoladaError, match=r"values\[0\] is .*expected an object with an 'id'"):
        client_for(kolada).search_kpi("")


def test_progress_is_reported_per_page(kolada):
    calls = []
    with client_for(kolada, per_page=2) as client:
        client.data(["N00001", "N00002"], ["0022"], progress=lambda *a: calls.append(a))
    assert calls == [(0, 1, 2), (0, 1, 4), (0, 1, 6), (1, 1, 6)]


# -- failures ---------------------------------------------------------------------------------


def test_a_429_is_retried_after_the_time_retry_after_gives(kolada):
    kolada.script = [Scripted(429, b"slow down", {"Retry-After": "7"})]
    sleeps = Sleeps()
    with client_for(kolada, sleep=sleeps) as client:
        data = client.data(["N00001"], ["0022"])
    assert sleeps == [7.0]
    assert len(data.values) == 3
    assert len(kolada.data_requests()) == 2


def test_retry_after_may_be_an_http_date():
    assert _retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1.0) == 0.0
    assert _retry_after(None, 1.5) == 1.5
    assert _retry_after("soon", 2.0) == 2.0


def test_a_500_is_retried_with_growing_pauses_then_reported(kolada):
    kolada.script = [Scripted(500, b"oops")] * 3
    sleeps = Sleeps()
    with pytest.raises(KoladaError) as raised:
        client_for(kolada, retries=2, backoff=0.5, sleep=sleeps).data(["N00001"], ["0022"])
    message = str(raised.value)
    assert f"GET {kolada.base_url}/v2/data/kpi/N00001/municipality/0022?per_page=5000" in message
    assert "HTTP 500 Internal Server Error (3 attempts)" in message
    assert "expected HTTP 200 with a JSON page" in message
    assert sleeps == [0.5, 1.0]


def test_a_500_then_success_gives_the_data(kolada):
    kolada.script = [Scripted(503, b"")]
    data = client_for(kolada).data(["N00002"], ["0022"])
    assert len(data.values) == 3


def test_a_404_is_not_retried(kolada):
    with pytest.raises(KoladaError, match=r"/v1/nothing/kpi.*HTTP 404 Not Found"):
        KoladaClient(base_url=f"{kolada.base_url}/v1/nothing", sleep=Sleeps()).search_kpi("x")
    assert len(kolada.requests) == 1


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<html>busy</html>", r"the answer is not JSON \(it begins '<html>busy</html>'\)"),
        (b"[1, 2]", r"the answer is \[1, 2\]"),
        (b'{"count": 0}', "the answer has no list 'values'"),
        (b'{"values": [], "next_page": 5}', "'next_page' is 5"),
        (b'{"values": [{"kpi": "N00001"}]}', r"values\[0\]\.municipality is null"),
        (
            (
                b'{"values": [{"kpi": "N1", "municipality": "0022", "period": 2022, '
                b'"values": [{"gender": "X", "value": 1}]}]}'
            ),
            r"values\[0\]\.values\[0\]\.gender is \"X\", not T, K or M",
        ),
        (
            (
                b'{"values": [{"kpi": "N1", "municipality": "0022", "period": 2022, '
                b'"values": [{"gender": "T", "value": "many"}]}]}'
            ),
            r"values\[0\]\.values\[0\]\.value is \"many\", not a number or null",
        ),
    ],
)
def test_a_malformed_answer_names_the_url_and_what_was_expected(kolada, body, message):
    kolada.script = [Scripted(200, body)]
    with pytest.raises(KoladaError, match=message) as raised:
        client_for(kolada).data(["N00001"], ["0022"])
    assert f"GET {kolada.base_url}/v2/data/kpi/N00001/municipality/0022" in str(raised.value)
    assert "expected" in str(raised.value)


def test_a_slow_answer_times_out_with_a_clear_error(kolada):
    kolada.script = [Scripted(200, b'{"values": []}', delay=1.0)]
    with pytest.raises(KoladaError, match=r"no answer within 0.2 s \(1 attempt\)") as raised:
        client_for(kolada, timeout=0.2, retries=0).data(["N00001"], ["0022"])
    assert kolada.base_url in str(raised.value)


def test_a_refused_connection_is_a_clear_error(kolada):
    port = int(kolada.base_url.rsplit(":", 1)[1])
    client = KoladaClient(base_url=f"http://127.0.0.1:{port + 1}/v2", retries=0, timeout=1)
    with pytest.raises(KoladaError, match="the connection failed"):
        client.search_kpi("x")


def test_paging_that_loops_is_an_error(kolada):
    loop = f'{{"values": [], "next_page": "{kolada.base_url}/v2/kpi?title=x&per_page=5000"}}'
    kolada.script = [Scripted(200, loop.encode())]
    with pytest.raises(KoladaError, match="lead back to one already read"):
        client_for(kolada).search_kpi("x")


def test_without_httpx_the_error_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "httpx", None)
    with pytest.raises(MissingDependency, match=r"malstyrning\[kolada\]"):
        KoladaClient(base_url="http://127.0.0.1:9/v2").search_kpi("x")


# -- the cache --------------------------------------------------------------------------------


def changes() -> list[dict]:
    return [
        item("N00001", "0022", 2023, {"T": Decimal("99.5")}),
        item("N00002", "0022", 2024, {}, is_deleted=True),
    ]


def test_a_second_fetch_asks_for_changes_only_and_applies_deletions(kolada, tmp_path):
    cache = KoladaCache(tmp_path)
    client = client_for(kolada)
    first = fetch(
        ["N00001", "N00002"], ["0022"], [2022, 2023, 2024], client=client, cache=cache, today=MONDAY
    )
    assert first.since is None and len(first.values) == 6
    assert "from_date" not in kolada.data_requests()[-1]

    kolada.changes = changes()
    second = fetch(
        ["N00002", "N00001"],
        ["0022"],
        [2024, 2023, 2022],
        client=client,
        cache=cache,
        today=TUESDAY,
    )
    assert kolada.data_requests()[-1]["from_date"] == MONDAY.isoformat()
    assert second.since == MONDAY
    assert len(second.changed) == 1
    assert second.deletions == (KoladaDeletion(kpi="N00002", municipality="0022", period=2024),)
    by_key = {value.key: value.value for value in second.values}
    assert by_key[("N00001", "0022", 2023, "T")] == Decimal("99.5")
    assert ("N00002", "0022", 2024, "T") not in by_key
    assert len(second.values) == 5
    assert cache.get(next(iter(_keys(cache))))[0] == TUESDAY


def _keys(cache: KoladaCache) -> list[str]:
    import sqlite3

    with sqlite3.connect(cache.path) as connection:
        return [row[0] for row in connection.execute("SELECT key FROM queries")]


def test_refresh_ignores_the_cache(kolada, tmp_path):
    cache = KoladaCache(tmp_path)
    client = client_for(kolada)
    fetch(["N00001"], ["0022"], client=client, cache=cache, today=MONDAY)
    again = fetch(["N00001"], ["0022"], client=client, cache=cache, refresh=True, today=TUESDAY)
    assert "from_date" not in kolada.data_requests()[-1]
    assert again.since is None and len(again.values) == 3


def test_offline_answers_from_the_cache_alone(kolada, tmp_path):
    cache = KoladaCache(tmp_path)
    client = client_for(kolada)
    with pytest.raises(MalstyrningError, match=r"has no answer to .*fetch it once online"):
        fetch(["N00001"], ["0022"], client=client, cache=cache, offline=True)
    fetch(["N00001"], ["0022"], client=client, cache=cache, today=MONDAY)
    asked = len(kolada.requests)
    offline = fetch(["N00001"], ["0022"], client=client, cache=cache, offline=True)
    assert len(offline.values) == 3 and offline.requests == 0
    assert len(kolada.requests) == asked


def test_a_fetch_that_fails_midway_leaves_the_cache_as_it_was(kolada, tmp_path):
    cache = KoladaCache(tmp_path)
    client = client_for(kolada, per_page=1, retries=0)
    fetch(["N00001"], ["0022"], client=client, cache=cache, today=MONDAY)
    (key,) = _keys(cache)
    before = cache.get(key)
    kolada.changes = [*changes(), item("N00001", "0022", 2024, {"T": 1})]
    kolada.script = [Scripted(0), Scripted(500, b"")]  # page 1 answers, page 2 fails
    with pytest.raises(KoladaError, match="HTTP 500"):
        fetch(["N00001"], ["0022"], client=client, cache=cache, today=TUESDAY)
    assert cache.get(key) == before


def test_a_write_interrupted_inside_the_transaction_is_rolled_back(tmp_path, monkeypatch):
    cache = KoladaCache(tmp_path)
    values = [KoladaValue(kpi="N00001", municipality="0022", period=2022, gender="T")]
    cache.replace("q", values, fetched=MONDAY)

    def interrupted(*_):
        raise KeyboardInterrupt

    monkeypatch.setattr(cache, "_write", interrupted)
    deletion = KoladaDeletion(kpi="N00001", municipality="0022", period=2022)
    with pytest.raises(KeyboardInterrupt):
        cache.apply("q", [], [deletion], fetched=TUESDAY)
    assert cache.get("q") == (MONDAY, tuple(values))


def test_a_cache_that_cannot_be_opened_says_where(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(MalstyrningError, match=r"the Kolada cache .* cannot be opened"):
        KoladaCache(blocker)


def test_the_cache_folder_can_be_set_by_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("MALSTYRNING_KOLADA_CACHE", str(tmp_path / "k"))
    assert KoladaCache().path == tmp_path / "k" / "kolada.sqlite3"


# -- outcomes ---------------------------------------------------------------------------------


def mapped_plan():
    plan = examples.load("vasternorrland-2022")
    return with_kolada(
        plan,
        {"inhyrd-personal-kostnadsandel": "N00001", "hse": KoladaSource(kpi="N00002")},
        municipality="0022",
    )


def test_the_mapping_is_stated_in_the_plan_and_left_out_when_unset():
    plan = mapped_plan()
    text = dumps(plan)
    assert '"kolada_municipality": "0022"' in text
    assert loads(text) == plan
    assert "kolada" not in dumps(examples.load("vasternorrland-2022"))
    mapping = KoladaMapping.from_plan(plan)
    assert mapping.indicator_for("N00001", "0022") == "inhyrd-personal-kostnadsandel"


def test_a_mapping_without_municipality_is_an_error():
    plan = with_kolada(examples.load("vasternorrland-2022"), {"hse": "N00002"})
    with pytest.raises(MalstyrningError, match="'hse' name a Kolada KPI but no municipality"):
        KoladaMapping.from_plan(plan)


def test_a_kolada_id_with_a_slash_is_refused_when_loading():
    text = dumps(mapped_plan()).replace('"N00002"', '"N0/2"')
    with pytest.raises(DocumentError, match="kpi must be a Kolada id"):
        loads(text)


def test_update_plan_merges_figures_keeps_count_and_status_and_skips_missing_series(kolada):
    kolada.items = [
        item("N00001", "0022", 2022, {"T": Decimal("7.5"), "K": 6, "M": 9}),
        {
            "kpi": "N00001",
            "municipality": "0022",
            "period": 2023,
            "values": [{"count": 3, "gender": "T", "status": "prel", "value": Decimal("6.1")}],
        },
        item("N00002", "0022", 2022, {"T": None}),
    ]
    result = update_plan(mapped_plan(), client=client_for(kolada))
    share = result.plan["inhyrd-personal-kostnadsandel"].main_series
    assert share.get(Period("2022")).value == Decimal("7.5")
    assert share.get(Period("2023")).comment == (
        "Kolada: ovägt medelvärde av 3 medlemmar; Kolada-status: prel"
    )
    assert result.plan["hse"].main_series.get(Period("2022")).missing is NotAssessedReason.NO_DATA
    assert result.merged == 3
    assert result.skipped == {"K": 1, "M": 1}
    assert kolada.data_requests()[0]  # one query for both KPIs
    assert (
        kolada.requests[0][0] == "/v2/data/kpi/N00001,N00002/municipality/0022/year/2022,2023,2024"
    )


def test_update_plan_takes_out_what_kolada_deleted(kolada, tmp_path):
    cache = KoladaCache(tmp_path)
    client = client_for(kolada)
    first = update_plan(mapped_plan(), client=client, cache=cache, today=MONDAY)
    assert first.plan["hse"].main_series.get(Period("2024")).value == Decimal("24.5")
    kolada.changes = changes()
    second = update_plan(first.plan, client=client, cache=cache, today=TUESDAY)
    assert second.removed == (("hse", "total", Period("2024")),)
    assert second.plan["hse"].main_series.get(Period("2024")) is None
    share = second.plan["inhyrd-personal-kostnadsandel"].main_series
    assert share.get(Period("2023")).value == Decimal("99.5")


def test_update_plan_needs_a_mapping(kolada):
    with pytest.raises(MalstyrningError, match="maps no indicator onto Kolada"):
        update_plan(examples.load("vasternorrland-2022"), client=client_for(kolada))
    assert kolada.requests == []


def test_with_kolada_refuses_goals():
    with pytest.raises(MalstyrningError, match="only indicators have Kolada figures"):
        with_kolada(examples.load("vasternorrland-2022"), {"mal-2-3-1": "N00001"})


def test_the_written_table_reads_back_through_read_kolada(kolada, tmp_path):
    fetched = fetch(["N00001", "N00002"], ["0022"], client=client_for(kolada))
    path = tmp_path / "kolada.csv"
    write_table(fetched.values, path)
    assert path.read_text(encoding="utf-8").splitlines()[:2] == [
        "kpi,municipality,period,gender,value,count,status",
        "N00001,0022,2022,T,22.5,1,",
    ]
    plan = read_kolada(path, mapped_plan(), KoladaMapping.from_plan(mapped_plan()))
    hse = plan["hse"]
    assert isinstance(hse, Indicator)
    assert hse.main_series.get(Period("2023")).value == Decimal("23.5")
    with pytest.raises(MalstyrningError, match=r"\.csv or \.xlsx"):
        write_table(fetched.values, tmp_path / "kolada.txt")


def test_a_kolada_table_status_column_is_kept_in_the_comment():
    plan = attrs.evolve(examples.load("vasternorrland-2022"), language="en")
    mapping = KoladaMapping.of({("N00001", "0022"): "hse"})
    text = "kpi,municipality,period,gender,value,count,status\nN00001,0022,2022,T,80,1,rev\n"
    measurement = kolada_from_csv(text, plan, mapping)["hse"].main_series.get(Period("2022"))
    assert measurement.comment == "Kolada status: rev"
