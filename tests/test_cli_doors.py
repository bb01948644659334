"""Every command's door: library errors and I/O errors as messages, never data loss.

Cases from issue 15: unwritable or missing output folders, a full disk and ``-o`` onto the
input plan ended in tracebacks or data loss. Each test checks the exit code, that there is no
traceback, and the place the message names.
"""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from malstyrning import dump, examples
from malstyrning.cli import main


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def assert_clean(result: Result, code: int) -> None:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    # A SystemExit from the handler is how click ends with a code; anything else escaped.
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.json"
    dump(examples.load("jamtland-harjedalen-2019"), path)
    return path


# -- -o onto an input -------------------------------------------------------------------------


def test_report_refuses_to_overwrite_its_input_plan(plan_file: Path) -> None:
    before = plan_file.read_bytes()
    result = run("report", str(plan_file), "--period", "2019-T1", "-o", str(plan_file))
    assert_clean(result, 1)
    assert f"the output {str(plan_file)!r} is the input file" in result.output
    assert "pass --force to replace it" in result.output
    assert plan_file.read_bytes() == before


def test_report_refuses_the_previous_plan_as_output(plan_file: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_bytes(plan_file.read_bytes())
    result = run("report", str(plan_file), "--previous", str(other), "-o", str(other))
    assert_clean(result, 1)
    assert f"is the input file {str(other)!r}" in result.output


def test_the_same_file_by_another_path_is_still_the_input(plan_file: Path) -> None:
    sneaky = plan_file.parent / "." / plan_file.name
    result = run("report", str(plan_file), "-o", str(sneaky))
    assert_clean(result, 1)


def test_force_writes_over_the_input(plan_file: Path) -> None:
    result = run(
        "report", str(plan_file), "--period", "2019-T1", "--format", "md", "-o",
        str(plan_file), "--force",
    )  # fmt: skip
    assert_clean(result, 0)
    assert plan_file.read_text(encoding="utf-8").startswith("#")


def test_convert_refuses_its_source_as_target(plan_file: Path) -> None:
    result = run("convert", str(plan_file), str(plan_file))
    assert_clean(result, 1)
    assert "is the input file" in result.output
    assert_clean(run("convert", str(plan_file), str(plan_file), "--force"), 0)


def test_revise_refuses_its_revision_as_output(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    revision = tmp_path / "revision.json"
    assert_clean(run("convert", "jamtland-harjedalen-2020", str(plan)), 0)
    from malstyrning.io import dump_revision

    dump_revision(examples.load_revision("jamtland-harjedalen-2020-revision"), revision)
    for output in (revision,):
        before = output.read_bytes()
        result = run("revise", str(plan), str(revision), "-o", str(output))
        assert_clean(result, 1)
        assert f"the output {str(output)!r} is the input file" in result.output
        assert output.read_bytes() == before


def test_export_plan_refuses_its_plan_as_output(plan_file: Path) -> None:
    csv = plan_file.with_suffix(".csv")
    csv.write_text("x", encoding="utf-8")
    result = run("import-plan", str(csv), "-o", str(csv))
    assert_clean(result, 1)
    assert "is the input file" in result.output


# -- I/O errors -------------------------------------------------------------------------------


def test_a_missing_output_folder_is_named(plan_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "saknas" / "r.html"
    result = run("report", str(plan_file), "-o", str(target))
    assert_clean(result, 1)
    assert f"error: I/O error on {str(target)!r}: No such file or directory" in result.output
    assert f"the folder {str(target.parent)!r} does not exist" in result.output


def test_convert_into_a_missing_folder_is_named(plan_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "saknas" / "plan.yaml"
    result = run("convert", str(plan_file), str(target))
    assert_clean(result, 1)
    assert f"I/O error on {str(target)!r}" in result.output


def test_an_unwritable_file_is_named(
    plan_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests may run as root, who may write anywhere: a fake writer refuses as a system would.
    def refuse(self: Path, *args: object, **kwargs: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "write_text", refuse)
    target = tmp_path / "r.html"
    result = run("report", str(plan_file), "-o", str(target))
    assert_clean(result, 1)
    assert f"I/O error on {str(target)!r}: Permission denied" in result.output
    assert "choose a file you may write" in result.output


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_named() -> None:
    result = run("report", "jamtland-harjedalen-2019", "-o", "/dev/full")
    assert_clean(result, 1)
    assert "I/O error on '/dev/full': No space left on device" in result.output
    assert "free some space" in result.output


def test_a_full_disk_while_writing_a_plan_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A write that fails without naming its file (as a full disk does) is named by the CLI.
    import malstyrning.io

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(malstyrning.io, "dump", full)
    target = tmp_path / "plan.yaml"
    result = run("convert", "jamtland-harjedalen-2019", str(target))
    assert_clean(result, 1)
    assert f"I/O error on {str(target)!r}: No space left on device" in result.output


# -- only library errors ----------------------------------------------------------------------


def test_an_unexpected_error_is_a_message_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken() -> list[str]:
        raise RuntimeError("boom")

    monkeypatch.setattr(examples, "names", broken)
    result = run("examples")
    assert_clean(result, 1)
    assert "error: internal error (RuntimeError: boom); this is a bug" in result.output


@pytest.mark.parametrize(
    ("change", "place"),
    [
        (lambda d: d.__setitem__("levels", [1]), "$.levels[0]"),
        (lambda d: d.__setitem__("scale", None), "$.scale"),
        (lambda d: d.__setitem__("goals", 5), "$.goals"),
        (lambda d: d["goals"][0].__setitem__("children", [[]]), "$.goals[0].children[0]"),
    ],
)
def test_broken_documents_exit_1_with_their_place(tmp_path: Path, change, place: str) -> None:
    path = tmp_path / "plan.json"
    dump(examples.load("jamtland-harjedalen-2019"), path)
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document), encoding="utf-8")
    for command in (("validate",), ("evaluate",), ("report",), ("convert",)):
        args = [*command, str(path)]
        if command == ("convert",):
            args.append(str(tmp_path / "out.yaml"))
        result = run(*args)
        assert_clean(result, 1)
        assert place in result.output
        assert "plan.json" in result.output


def test_a_bad_period_option_names_the_period() -> None:
    result = run("evaluate", "jamtland-harjedalen-2019", "--period", "２０１９")
    assert_clean(result, 1)
    assert "unknown period '２０１９': it holds FULLWIDTH DIGIT TWO" in result.output
