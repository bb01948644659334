"""The user example in examples/ finds its planted bug and reports a small plan."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "test_planted_bug.py"


def test_the_example_is_not_collected_by_the_suite():
    # It fails on purpose: the suite runs it only through the subprocess below.
    import tomllib

    options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    testpaths = options["tool"]["pytest"]["ini_options"]["testpaths"]
    assert not any(Path(path).parts[0] == "examples" for path in testpaths)


def test_the_example_only_uses_the_public_api():
    imports = re.findall(r"^from (\S+) import", EXAMPLE.read_text(encoding="utf-8"), re.M)
    assert {name for name in imports if name.startswith("malstyrning")} == {
        "malstyrning",
        "malstyrning.testing",
    }


def test_the_planted_bug_is_found_and_shrunk_to_a_plan_of_two_nodes():
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    env.pop("HYPOTHESIS_PROFILE", None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "--hypothesis-seed=0",
            "-q",
            str(EXAMPLE),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "1 failed" in output
    # Hypothesis' header for the shrunk example ("Falsifying example" in older releases).
    found = re.search(r"Failing test case|Falsifying example", output)
    assert found is not None, output
    example = output[found.start() :]
    # The shrunk plan as Hypothesis prints it: one goal holding one indicator.
    nodes = re.findall(r"\b(Goal|Indicator|YesNoMeasure|Assignment|Activity)\(id=", example)
    assert nodes == ["Goal", "Indicator"], example
    assert "nodes=2" in output
    # And the note names the planted bug: a lower-is-better target read as higher-is-better.
    noted = re.search(r"g1\.\d+: (\w+), target (.+), outcome (\S+)", example)
    assert noted is not None, example
    assert noted.group(1) == "lower_is_better"
