"""`malstyrning kolada`: fetch, update and evaluate end to end against a local Kolada."""

from __future__ import annotations

import csv
import json
from decimal import Decimal

import pytest
from click.testing import CliRunner

from _kolada_server import FakeKolada, Scripted, item, serve
from malstyrning import dump, examples, load
from malstyrning.cli import main
from malstyrning.kolada import with_kolada
from malstyrning.periods import Period


def run(*args):
    return CliRunner().invoke(main, [str(arg) for arg in args])


def figures() -> list[dict]:
    # The share of hired staff (lower is better, target 8.0 in 2022) and the HSE index.
    return [
        item("N00001", "0022", 2022, {"T": Decimal("7.5"), "K": Decimal("7.1")}),
        item("N00001", "0022", 2023, {"T": Decimal("6.5")}),
        item("N00001", "0022", 2024, {"T": Decimal("5.5")}),
        item("N00002", "0022", 2022, {"T": 81}),
        item("N00002", "0022", 2023, {"T": 82}),
        item("N00002", "0022", 2024, {"T": 83}),
    ]


@pytest.fixture
def kolada():
    with serve(FakeKolada(items=figures(), page_size=2)) as fake:
        yield fake


@pytest.fixture
def plan_file(tmp_path):
    plan = with_kolada(
        examples.load("vasternorrland-2022"),
        {"inhyrd-personal-kostnadsandel": "N00001", "hse": "N00002"},
        municipality="0022",
    )
    path = tmp_path / "plan.json"
    dump(plan, path)
    return path


def test_fetch_follows_every_page_and_writes_the_kolada_table(kolada, tmp_path):
    output = tmp_path / "kolada.csv"
    result = run(
        "kolada", "fetch", "--kpi", "N00001,N00002", "--municipality", "0022",
        "--years", "2022-2024", "--base-url", f"{kolada.base_url}/v2",
        "--cache-dir", tmp_path / "cache", "-o", output,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    pages = [query.get("page") for query in kolada.data_requests()]
    assert pages == [None, "2", "3"]
    rows = list(csv.DictReader(output.open(encoding="utf-8")))
    assert len(rows) == 7
    assert rows[0] == {
        "kpi": "N00001", "municipality": "0022", "period": "2022", "gender": "K",
        "value": "7.1", "count": "1", "status": "",
    }  # fmt: skip
    assert "7 values from Kolada" in result.stderr or "7 värden från Kolada" in result.stderr


def test_update_merges_kolada_into_the_example_and_evaluate_uses_it(kolada, plan_file, tmp_path):
    cache = tmp_path / "cache"
    first_out = tmp_path / "first.json"
    base = f"{kolada.base_url}/v2"
    first = run("kolada", "update", plan_file, "-o", first_out, "--base-url", base,
                "--cache-dir", cache)  # fmt: skip
    assert first.exit_code == 0, first.output
    assert f"{first_out}: 6 utfall från Kolada, 0 borttagna" in first.stdout
    assert "1 värden för serier som indikatorerna saknar" in first.stderr  # the K figure
    assert "from_date" not in kolada.data_requests()[0]

    evaluated = run("evaluate", first_out, "--period", "2022", "--format", "json")
    assert evaluated.exit_code == 0, evaluated.output
    records = {record["id"]: record for record in json.loads(evaluated.stdout)}
    assert records["inhyrd-personal-kostnadsandel"]["value"] == 7.5
    assert records["inhyrd-personal-kostnadsandel"]["status"] == "green"
    assert records["hse"]["value"] == 81

    # Next month: Kolada revised 2023 and deleted the HSE index of 2024.
    kolada.changes = [
        item("N00001", "0022", 2023, {"T": Decimal("9.5")}),
        item("N00002", "0022", 2024, {}, is_deleted=True),
    ]
    asked = len(kolada.data_requests())
    second_out = tmp_path / "second.json"
    second = run("kolada", "update", first_out, "-o", second_out, "--base-url", base,
                 "--cache-dir", cache, "--locale", "en")  # fmt: skip
    assert second.exit_code == 0, second.output
    changes_asked = kolada.data_requests()[asked:]
    assert len(changes_asked) == 1 and "from_date" in changes_asked[0]
    assert "changes since" in second.stderr and "1 new or changed, 1 deleted" in second.stderr
    assert f"{second_out}: 5 outcomes from Kolada, 1 removed" in second.stdout
    assert "- hse total 2024" in second.stdout
    updated = load(second_out)
    assert updated["hse"].main_series.get(Period("2024")) is None
    share = updated["inhyrd-personal-kostnadsandel"].main_series
    assert share.get(Period("2023")).value == Decimal("9.5")

    evaluated = run("evaluate", second_out, "--period", "2023", "--format", "json")
    records = {record["id"]: record for record in json.loads(evaluated.stdout)}
    assert records["inhyrd-personal-kostnadsandel"]["value"] == 9.5


def test_refresh_fetches_everything_again(kolada, plan_file, tmp_path):
    base = f"{kolada.base_url}/v2"
    common = ("--base-url", base, "--cache-dir", tmp_path / "cache")
    assert run("kolada", "update", plan_file, "-o", tmp_path / "a.json", *common).exit_code == 0
    again = run("kolada", "update", plan_file, "-o", tmp_path / "b.json", "--refresh", *common)
    assert again.exit_code == 0, again.output
    assert "from_date" not in kolada.data_requests()[-1]


@pytest.mark.parametrize(
    ("script", "options", "message"),
    [
        ([Scripted(500, b"")] * 2, ("--retries", "1"), "HTTP 500 Internal Server Error"),
        ([Scripted(200, b"<html>")], (), "the answer is not JSON"),
        ([Scripted(200, b"{}", delay=1.0)], ("--timeout", "0.2", "--retries", "0"),
         "no answer within 0.2 s"),
    ],
)  # fmt: skip
def test_a_failed_fetch_exits_1_naming_the_url(kolada, tmp_path, script, options, message):
    kolada.script = list(script)
    result = run(
        "kolada", "fetch", "--kpi", "N00001", "--municipality", "0022",
        "--base-url", f"{kolada.base_url}/v2", "--no-cache", "-o", tmp_path / "k.csv", *options,
    )  # fmt: skip
    assert result.exit_code == 1
    assert f"error: GET {kolada.base_url}/v2/data/kpi/N00001/municipality/0022" in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "k.csv").exists()


def test_update_of_a_plan_without_mapping_exits_1(kolada, tmp_path):
    result = run("kolada", "update", "vasternorrland-2022", "-o", tmp_path / "out.json",
                 "--base-url", f"{kolada.base_url}/v2", "--no-cache")  # fmt: skip
    assert result.exit_code == 1
    assert "maps no indicator onto Kolada" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("kolada", "fetch", "--kpi", "N00001", "--municipality", "0022"),
        ("kolada", "fetch", "--kpi", "N00001", "-o", "x.csv"),
        ("kolada", "fetch", "--kpi", "N00001", "--years", "2024-2019", "-o", "x.csv"),
        ("kolada", "fetch", "--kpi", "N00001", "--years", "last", "-o", "x.csv"),
        ("kolada", "fetch", "--kpi", "N00001", "--years", "2022", "--no-cache",
         "--cache-dir", "c", "-o", "x.csv"),
        ("kolada", "update"),
    ],
)  # fmt: skip
def test_usage_errors_exit_2(args):
    assert run(*args).exit_code == 2


def test_search_kpi_lists_ids_and_titles(kolada):
    kolada.kpis = [{"id": "N00001", "title": "Inhyrd personal, andel av personalkostnad"}]
    result = run("kolada", "search-kpi", "inhyrd", "--base-url", f"{kolada.base_url}/v2")
    assert result.exit_code == 0, result.output
    assert result.stdout == "N00001\tInhyrd personal, andel av personalkostnad\n"
    as_json = run("kolada", "search-kpi", "inhyrd", "--format", "json",
                  "--base-url", f"{kolada.base_url}/v2")  # fmt: skip
    assert json.loads(as_json.stdout)[0]["id"] == "N00001"


@pytest.mark.parametrize("command", [(), ("search-kpi",), ("fetch",), ("update",)])
def test_every_kolada_command_has_help_with_examples(command):
    result = run("kolada", *command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output


class _Terminal:
    """A standard error that says it is a terminal, keeping what is written."""

    def __init__(self) -> None:
        self.text = ""

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass


def test_a_terminal_gets_a_progress_bar_and_a_pipe_none(monkeypatch):
    from malstyrning._kolada_cli import _progress

    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    with _progress("en") as progress:
        assert progress is not None
        progress(0, 2, 10)
        progress(1, 2, 20)
        progress(2, 2, 30)
    assert "Fetching from Kolada" in terminal.text
    assert "100%" in terminal.text
    monkeypatch.setattr(terminal, "isatty", lambda: False)
    with _progress("en") as progress:
        assert progress is None


def test_fetch_then_update_share_the_cache(kolada, plan_file, tmp_path):
    common = ("--base-url", f"{kolada.base_url}/v2", "--cache-dir", tmp_path / "cache")
    fetched = run("kolada", "fetch", "--kpi", "N00001,N00002", "--municipality", "0022",
                  "--years", "2022-2024", "-o", tmp_path / "k.csv", *common)  # fmt: skip
    assert fetched.exit_code == 0, fetched.output
    assert len(kolada.data_requests()) == 3  # three pages
    kolada.changes = [item("N00002", "0022", 2024, {}, is_deleted=True)]
    updated = run("kolada", "update", plan_file, "-o", tmp_path / "out.json", *common)
    assert updated.exit_code == 0, updated.output
    assert len(kolada.data_requests()) == 4
    assert "from_date" in kolada.data_requests()[-1]
    plan = load(tmp_path / "out.json")
    assert plan["hse"].main_series.get(Period("2024")) is None
    assert plan["hse"].main_series.get(Period("2023")).value == 82
