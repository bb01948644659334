"""Mutation testing, one part of the package at a time (docs/testing.md, `make mutation`).

Each part is a TOML file beside this script: the files it mutates (``only_mutate``), the
tests that must kill the mutants (``tests``) and, in a ``[mutmut]`` table, any other mutmut
setting the part needs. A run works in a copy of the checkout (``.mutation/<part>/``), so parts can
run side by side and the checkout is never touched, and it keeps mutmut's results there: a
second run re-tests only the functions whose code changed, the mutants not yet decided, or
the mutants named on the command line.

    python mutation/run.py periods              # one part
    python mutation/run.py periods --workers 2  # more forked workers
    python mutation/run.py periods --fresh      # forget earlier results
    python mutation/run.py periods --retest-survivors
    python mutation/run.py --all                # every part, one after the other
    python mutation/run.py periods --report     # the figures of the last run only
    python mutation/run.py batch --slow NAME... # survivors against the part's slow tests

The score is killed ÷ all mutants of the part, timeouts and mutants with no test counted
as not killed. The survivors are printed by name; ``mutmut show NAME`` in the part's
directory shows one.

A part's ``tests`` are the fast ones, which every mutant runs. Some code is reached only by
slower tests (a Spark session, a DuckDB query): a part may name them as ``slow_tests``, and
``--slow`` runs the named survivors (all survivors if none is named) against them, one
process per mutant. A survivor they kill counts as killed ("killed by slow tests") for as
long as its function's code and its mutation are unchanged; the verdicts are kept in
``.mutation/<part>/slow-verdicts.json`` beside mutmut's.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = ROOT / ".mutation"
MUTMUT_SECTION = "[tool.mutmut]"
KILLED = ("killed", "caught by type check")
KILLED_SLOW = "killed by slow tests"
SLOW_VERDICTS = "slow-verdicts.json"


def parts() -> list[str]:
    """The names of the parts, one per TOML file beside this script."""
    return sorted(path.stem for path in HERE.glob("*.toml"))


def read_part(name: str) -> dict[str, object]:
    """The settings of one part, checked for the keys a run needs."""
    path = HERE / f"{name}.toml"
    if not path.exists():
        raise SystemExit(f"mutation: no part {name!r}; the parts are: {', '.join(parts())}")
    with path.open("rb") as handle:
        try:
            settings = tomllib.load(handle)
        except tomllib.TOMLDecodeError as error:
            raise SystemExit(f"mutation: {path}: {error}") from None
    for key in ("only_mutate", "tests"):
        value = settings.get(key)
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise SystemExit(f"mutation: {path}: {key!r} must be a list of paths")
    return settings


def tracked_files() -> list[str]:
    """The files of the checkout as git sees them (committed or not, ignored files left out)."""
    listing = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.decode()
    return [name for name in listing.split("\0") if name and (ROOT / name).is_file()]


def sync(directory: Path) -> None:
    """Copy the checkout into ``directory``, leaving mutmut's own ``mutants/`` in place."""
    directory.mkdir(parents=True, exist_ok=True)
    for name in tracked_files():
        source = ROOT / name
        target = directory / name
        if target.exists() and target.read_bytes() == source.read_bytes():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def toml_list(values: list[str]) -> str:
    """A TOML array of strings (JSON's string escapes are TOML's basic-string escapes)."""
    return "[" + ", ".join(json.dumps(value) for value in values) + "]"


def write_settings(directory: Path, settings: dict[str, object]) -> None:
    """Replace the copy's ``[tool.mutmut]`` section with the part's selection."""
    pyproject = directory / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    start = text.find(MUTMUT_SECTION)
    if start != -1:
        end = text.find("\n[", start + len(MUTMUT_SECTION))
        text = text[:start] + (text[end + 1 :] if end != -1 else "")
    only_mutate = settings["only_mutate"]
    tests = settings["tests"]
    assert isinstance(only_mutate, list)
    assert isinstance(tests, list)
    do_not_mutate = settings.get("do_not_mutate", [])
    assert isinstance(do_not_mutate, list)
    # Modules the tests import only when they run (batch.py loads _batch on its first call).
    # Loaded as pytest plugins, they are imported once by the fork server before it forks;
    # otherwise every mutant's process compiles the mutated copy again (half a million lines
    # for _batch.py: 12 s per mutant where the test that kills it takes 0.2 s).
    preload = settings.get("preload", [])
    assert isinstance(preload, list)
    pytest_arguments = ["-p", "no:cacheprovider", "-x", "-q"]
    for module in preload:
        pytest_arguments += ["-p", module]
    # A part's own mutmut options, e.g. process_isolation = "forkserver" where the tests run
    # polars (its thread pool does not survive a fork after a query).
    extra = settings.get("mutmut", {})
    assert isinstance(extra, dict)
    section = "\n".join(
        [
            MUTMUT_SECTION,
            'source_paths = ["src/malstyrning"]',
            f"only_mutate = {toml_list(only_mutate)}",
            f"do_not_mutate = {toml_list(do_not_mutate)}",
            f"pytest_add_cli_args_test_selection = {toml_list(tests)}",
            f"pytest_add_cli_args = {toml_list(pytest_arguments)}",
            *(f"{key} = {json.dumps(value)}" for key, value in extra.items()),
            "",
        ]
    )
    pyproject.write_text(text.rstrip("\n") + "\n\n" + section, encoding="utf-8")


def results(directory: Path) -> dict[str, tuple[str, str]]:
    """Every mutant of the last run: its source file and status, from mutmut's ``.meta`` files."""
    from mutmut.stats import status_by_exit_code

    mutants = directory / "mutants"
    statuses: dict[str, tuple[str, str]] = {}
    for meta in sorted(mutants.rglob("*.meta")):
        source = str(meta.relative_to(mutants)).removesuffix(".meta")
        data = json.loads(meta.read_text(encoding="utf-8"))
        for name, exit_code in data["exit_code_by_key"].items():
            statuses[name] = (source, status_by_exit_code[exit_code])
    slow = read_slow_verdicts(directory)
    for name, verdict in slow.items():
        if name not in statuses or statuses[name][1] in KILLED or verdict["status"] != "killed":
            continue
        if verdict["digest"] == mutant_digest(directory, name, statuses[name][0]):
            statuses[name] = (statuses[name][0], KILLED_SLOW)
    return statuses


def mutant_digest(directory: Path, mutant: str, source: str) -> str:
    """A fingerprint of the mutant: its function's code before and after the mutation."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    with contextlib.chdir(directory):  # mutmut reads its files from there
        diff = get_diff_for_mutant(mutant, path=source)
    return hashlib.sha256(diff.encode()).hexdigest()


def read_slow_verdicts(directory: Path) -> dict[str, dict[str, str]]:
    """The verdicts of ``--slow`` runs: mutant name → status, digest and tests."""
    path = directory / SLOW_VERDICTS
    if not path.exists():
        return {}
    verdicts: dict[str, dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))
    return verdicts


def run_slow(name: str, mutants: list[str]) -> bool:
    """Run survivors (all, if none is named) against the part's slow tests, one by one."""
    settings = read_part(name)
    tests = settings.get("slow_tests")
    if not isinstance(tests, list) or not tests:
        raise SystemExit(f"mutation: part {name!r} names no slow_tests")
    directory = WORK / name
    statuses = results(directory)
    if not statuses:
        raise SystemExit(f"mutation: part {name!r} has no results yet; run it first")
    unknown = [m for m in mutants if m not in statuses]
    if unknown:
        raise SystemExit(f"mutation: part {name!r} has no mutants {', '.join(unknown)}")
    wanted = mutants or [m for m, (_, s) in statuses.items() if s not in KILLED]
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]
    command += ["--rootdir=.", *map(str, tests)]
    environment = dict(os.environ, PYTHONPATH="src", HYPOTHESIS_PROFILE="mutation")
    environment.pop("PYTHONDONTWRITEBYTECODE", None)

    def slow_run(mutant: str) -> int:
        mutated = dict(environment, MUTANT_UNDER_TEST=mutant)
        done = subprocess.run(command, cwd=directory / "mutants", env=mutated, check=False)
        return done.returncode

    if slow_run("none") != 0:  # the tests must pass without a mutant first
        print(f"mutation: the slow tests of part {name!r} fail without a mutant")
        return False
    verdicts = read_slow_verdicts(directory)
    for mutant in wanted:
        source, status = statuses[mutant]
        if status in KILLED:
            print(f"  {status:12} {mutant} (by the fast tests)")
            continue
        code = slow_run(mutant)
        if code not in {0, 1}:  # an error, not a verdict: nothing recorded
            print(f"  error {code:5} {mutant}")
            continue
        verdict = "killed" if code == 1 else "survived"
        digest = mutant_digest(directory, mutant, source)
        verdicts[mutant] = {"status": verdict, "digest": digest, "tests": " ".join(tests)}
        print(f"  {verdict:12} {mutant}")
        (directory / SLOW_VERDICTS).write_text(json.dumps(verdicts, indent=1), encoding="utf-8")
    return report(name, directory, None)


def report(name: str, directory: Path, seconds: float | None) -> bool:
    """Print the part's score per module and its survivors; True when every module has 95 %."""
    statuses = results(directory)
    if not statuses:
        print(f"{name}: no results in {directory / 'mutants'}")
        return False
    by_module: dict[str, Counter[str]] = {}
    for source, status in statuses.values():
        by_module.setdefault(source, Counter())[status] += 1
    took = f" in {seconds / 60:.1f} min" if seconds is not None else ""
    print(f"\n== mutation part {name!r}{took} ==")
    print(f"{'file':40} {'mutants':>8} {'killed':>7} {'score':>7}  other")
    good = True
    for module, counts in sorted(by_module.items()):
        total = sum(counts.values())
        killed = sum(counts[status] for status in (*KILLED, KILLED_SLOW))
        score = killed / total
        good = good and score >= 0.95
        other = ", ".join(
            f"{count} {status}" for status, count in sorted(counts.items()) if status not in KILLED
        )
        print(f"{module:40} {total:8} {killed:7} {score:7.1%}  {other}")
    for mutant, (_, status) in sorted(statuses.items()):
        if status not in {*KILLED, KILLED_SLOW}:
            print(f"  {status:12} {mutant}")
    return good


def run(name: str, *, workers: int, fresh: bool, retest: bool, names: list[str]) -> bool:
    """Run (or resume) one part in its own copy of the checkout."""
    settings = read_part(name)
    directory = WORK / name
    if fresh and directory.exists():
        shutil.rmtree(directory)
    sync(directory)
    write_settings(directory, settings)
    mutmut = Path(sys.executable).with_name("mutmut")
    environment = dict(os.environ, HYPOTHESIS_PROFILE="mutation")
    if retest:
        left = [m for m, (_, s) in results(directory).items() if s not in KILLED]
        names = names + left
    command = [str(mutmut), "run", "--max-children", str(workers), *names]
    started = time.monotonic()
    completed = subprocess.run(command, cwd=directory, env=environment, check=False)
    seconds = time.monotonic() - started
    if completed.returncode != 0:
        print(f"mutation: mutmut exited with {completed.returncode} for part {name!r}")
        return False
    return report(name, directory, seconds)


def main(arguments: list[str] | None = None) -> int:
    """The command line: see the module's docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", nargs="?", help=f"one of: {', '.join(parts())}")
    parser.add_argument("mutants", nargs="*", help="re-test only these mutants (mutmut names)")
    parser.add_argument("--all", action="store_true", help="run every part in turn")
    parser.add_argument("--workers", type=int, default=1, help="forked workers (default 1)")
    parser.add_argument("--fresh", action="store_true", help="forget earlier results")
    parser.add_argument("--retest-survivors", action="store_true", help="re-test what survived")
    parser.add_argument("--report", action="store_true", help="only print the last results")
    parser.add_argument(
        "--slow", action="store_true", help="run survivors against the part's slow_tests"
    )
    options = parser.parse_intermixed_args(arguments)
    if options.all == bool(options.part):
        parser.error("name one part or give --all")
    if options.slow:
        if options.all:
            parser.error("--slow runs one part")
        return 0 if run_slow(options.part, options.mutants) else 1
    names = parts() if options.all else [options.part]
    good = True
    for name in names:
        if options.report:
            good = report(name, WORK / name, None) and good
        else:
            good = (
                run(
                    name,
                    workers=options.workers,
                    fresh=options.fresh,
                    retest=options.retest_survivors,
                    names=options.mutants,
                )
                and good
            )
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
