import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from malstyrning import dumps, examples
from malstyrning.cli import main

REQUIRED_KEYS = {"id", "title", "kind", "period", "status", "value", "target", "explanation"}


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_examples_lists_names():
    result = run("examples")
    assert result.exit_code == 0
    assert result.output.splitlines() == examples.names()


def test_evaluate_json_contract():
    result = run("evaluate", "jamtland-harjedalen-2019", "--period", "2019-T1", "--format", "json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    assert isinstance(records, list)
    assert all(set(record) >= REQUIRED_KEYS for record in records)
    statuses = {record["status"] for record in records}
    assert statuses <= {"green", "yellow", "red", "not_assessed"}


def test_evaluate_table_in_english():
    result = run("evaluate", "jamtland-harjedalen-2019", "--locale", "en")
    assert result.exit_code == 0, result.output
    assert "Outcome" in result.output
    assert "not assessed" in result.output


def test_evaluate_a_file(tmp_path):
    path = tmp_path / "plan.json"
    path.write_text(dumps(examples.load("vasternorrland-2022")), encoding="utf-8")
    result = run("evaluate", str(path), "--period", "2020", "--format", "json")
    assert result.exit_code == 0, result.output
    assert any("pace" in record for record in json.loads(result.stdout))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("evaluate", "no-such-plan"), "no file and no embedded example named 'no-such-plan'"),
        (("evaluate", "jamtland-harjedalen-2019", "--period", "2019-T7"), "unknown period"),
    ],
)
def test_bad_input_exits_1_without_traceback(args, message):
    result = run(*args)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_broken_file_exits_1_naming_the_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format_version": 1, "id": 3}', encoding="utf-8")
    result = run("evaluate", str(path))
    assert result.exit_code == 1
    assert "broken.json" in result.output
    assert "@ $.id" in result.output


def test_usage_errors_exit_2():
    assert run("evaluate").exit_code == 2
    assert run("evaluate", "x", "--format", "pdf").exit_code == 2


def test_help_has_an_example():
    assert "Example" in run("evaluate", "--help").output


def test_installed_entry_point_runs():
    completed = subprocess.run(
        [sys.executable, "-m", "malstyrning", "examples"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "vasternorrland-2022" in completed.stdout
