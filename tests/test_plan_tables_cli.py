"""The import-plan and export-plan commands: files, revisions, help and exit codes."""

from pathlib import Path

from click.testing import CliRunner

from malstyrning import evaluate, load
from malstyrning.cli import main
from malstyrning.io import load_revision
from malstyrning.revisions import apply

FIXTURE = Path(__file__).parent / "fixtures" / "vasternorrland-2022.csv"
META = [
    "--id",
    "vasternorrland-2022",
    "--title",
    "Hälso- och sjukvårdsnämndens verksamhetsplan 2022–2024",
    "--organisation",
    "Region Västernorrland",
    "--validity",
    "2022-01-01/2024-12-31",
]


def run(*args):
    return CliRunner().invoke(main, [str(arg) for arg in args])


def test_import_plan_writes_a_plan_that_evaluates(tmp_path):
    output = tmp_path / "plan.yaml"
    result = run("import-plan", FIXTURE, *META, "-o", output)
    assert result.exit_code == 0, result.output
    assert f"{output}: 24 nodes" in result.output
    plan = load(output)
    assert evaluate(plan, period="2020")["hme-totalindex"].value == 84


def test_export_plan_and_import_plan_round_trip_in_xlsx_and_csv(tmp_path):
    source = tmp_path / "plan.yaml"
    assert run("import-plan", FIXTURE, *META, "-o", source).exit_code == 0
    plan = load(source)
    for name, extra in [("plan.xlsx", ["--sheet", "Mål"]), ("plan.csv", ["--layout", "parents"])]:
        sheet = tmp_path / name
        result = run("export-plan", source, "-o", sheet, *extra)
        assert result.exit_code == 0, result.output
        again = tmp_path / f"{name}.yaml"
        sheet_option = ["--sheet", "Mål"] if name.endswith("xlsx") else []
        result = run("import-plan", sheet, *sheet_option, "--base", source, "-o", again)
        assert result.exit_code == 0, result.output
        assert load(again) == plan


def test_import_plan_as_revision_writes_the_changes(tmp_path):
    before = tmp_path / "before.yaml"
    sheet = tmp_path / "before.csv"
    sheet.write_text("Mål;Indikator;id\nA;;a\n;Väntetid;vantetid\n", encoding="utf-8")
    args = ["--title", "P", "--organisation", "R", "--validity", "2022"]
    assert run("import-plan", sheet, *args, "-o", before).exit_code == 0
    changed = tmp_path / "after.csv"
    changed.write_text("Mål;Indikator;id\nA;;a\n;Väntetid i dagar;vantetid\n;Nytt;nytt\n")
    output = tmp_path / "revision.yaml"
    result = run(
        "import-plan",
        changed,
        "--as-revision",
        before,
        "--decided-by",
        "HSN",
        "--on",
        "2022-05-01",
        "--paragraph",
        "§ 28",
        "-o",
        output,
    )
    assert result.exit_code == 0, result.output
    revision = load_revision(output)
    assert [op.op for op in revision.operations] == ["reformulate", "add"]
    assert revision.paragraph == "§ 28"
    assert [node.title for node in apply(load(before), revision).walk()] == [
        "A",
        "Väntetid i dagar",
        "Nytt",
    ]


def test_bad_cells_exit_1_naming_every_cell(tmp_path):
    sheet = tmp_path / "bad.csv"
    sheet.write_text("Mål;Indikator;Utfall 2019;Riktning\nA;B;många;bättre\n", encoding="utf-8")
    result = run(
        "import-plan",
        sheet,
        "--title",
        "P",
        "--organisation",
        "R",
        "--validity",
        "2019",
        "-o",
        tmp_path / "p.yaml",
    )
    assert result.exit_code == 1
    assert "bad.csv could not be read as a plan: 2 problems" in result.output
    assert "row 2, column 'Utfall 2019'" in result.output
    assert "row 2, column 'Riktning'" in result.output
    assert "Traceback" not in result.output


def test_what_a_sheet_cannot_hold_exits_1(tmp_path):
    result = run("export-plan", "jamtland-harjedalen-2019", "-o", tmp_path / "x.csv")
    assert result.exit_code == 1
    assert "cannot be written as a sheet" in result.output
    assert not (tmp_path / "x.csv").exists()


def test_usage_mistakes_exit_2(tmp_path):
    assert run("import-plan", FIXTURE, *META).exit_code == 2  # no -o
    assert run("import-plan", tmp_path / "missing.csv", "-o", tmp_path / "p.yaml").exit_code == 2
    result = run("import-plan", FIXTURE, "--as-revision", "x.yaml", "-o", tmp_path / "r.yaml")
    assert result.exit_code == 2
    assert "--decided-by" in result.output
    assert run("export-plan", "x", "-o", tmp_path / "x.csv", "--layout", "rows").exit_code == 2


def test_help_shows_examples():
    for command in ("import-plan", "export-plan"):
        result = run(command, "--help")
        assert result.exit_code == 0
        assert "Examples:" in result.output
        assert f"malstyrning {command} " in result.output
    assert "--as-revision PLAN_BEFORE" in run("import-plan", "--help").output
