"""Record the refactor snapshot: CLI outputs on the embedded examples and evaluations of
generated plans. Run from the repository root: ``python tests/snapshots/record.py [--plans]``.

``--plans`` also regenerates the generated plan documents (only ever done once, before the
architecture refactor); without it the stored documents are evaluated again.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

from click.testing import CliRunner

HERE = Path(__file__).parent
PLANS = HERE / "plans"
EXAMPLES = ("jamtland-harjedalen-2019", "jamtland-harjedalen-2020", "vasternorrland-2022")
PERIODS = {
    "jamtland-harjedalen-2019": "2019-T1",
    "jamtland-harjedalen-2020": "2020-T1",
    "vasternorrland-2022": "2020",
}
LOCALES = ("sv", "en", "nb")


def cli_cases(tmp: Path) -> list[tuple[str, list[str]]]:
    cases: list[tuple[str, list[str]]] = []
    for name in EXAMPLES:
        period = PERIODS[name]
        for locale in LOCALES:
            for fmt in ("table", "json"):
                cases.append(
                    (
                        f"evaluate-{name}-{locale}-{fmt}",
                        ["evaluate", name, "--period", period, "--locale", locale, "--format", fmt],
                    )
                )
            for fmt in ("md", "html", "text"):
                out = tmp / f"{name}-{locale}.{fmt}"
                cases.append(
                    (
                        f"report-{name}-{locale}-{fmt}",
                        [
                            "report",
                            name,
                            "--period",
                            period,
                            "--format",
                            fmt,
                            "--locale",
                            locale,
                            "-o",
                            str(out),
                        ],
                    )
                )
        for fmt in ("table", "json"):
            cases.append(
                (f"summary-{name}-{fmt}", ["summary", name, "--period", period, "--format", fmt])
            )
        cases.append((f"validate-{name}", ["validate", name]))
        cases.append((f"history-{name}", ["history", name]))
    revised = str(tmp / "revised.json")
    cases.append(
        (
            "revise",
            [
                "revise",
                "jamtland-harjedalen-2020",
                "jamtland-harjedalen-2020-revision",
                "-o",
                revised,
            ],
        )
    )
    cases.append(("history-revised", ["history", revised]))
    cases.append(("history-revised-node", ["history", revised, "hsn-tillganglighet"]))
    for locale in LOCALES:
        for fmt in ("text", "json"):
            cases.append(
                (
                    f"diff-{locale}-{fmt}",
                    [
                        "diff",
                        "jamtland-harjedalen-2020",
                        revised,
                        "--locale",
                        locale,
                        "--format",
                        fmt,
                    ],
                )
            )
    cases.append(("schema", ["schema"]))
    return cases


def record_cli() -> dict[str, object]:
    import tempfile

    from malstyrning.cli import main

    runner = CliRunner()
    out: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        for name, args in cli_cases(tmp):
            result = runner.invoke(main, args, catch_exceptions=False)
            stdout = result.output.replace(tmpdir, "$TMP")
            entry: dict[str, object] = {"exit": result.exit_code, "stdout": stdout}
            if args[0] in ("report", "revise"):
                path = Path(args[args.index("-o") + 1])
                text = path.read_text(encoding="utf-8") if path.exists() else None
                entry["file"] = text.replace(tmpdir, "$TMP") if text is not None else None
            out[name] = entry
    return out


def generate_plans(count: int = 300) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    import malstyrning
    from malstyrning import testing

    PLANS.mkdir(exist_ok=True)
    made: list[str] = []

    @settings(
        max_examples=count,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(testing.plans(max_depth=3))
    def make(plan: object) -> None:
        if len(made) >= count:
            return
        text = malstyrning.dumps(plan, format="json")  # type: ignore[arg-type]
        name = f"plan-{len(made):03d}.json"
        (PLANS / name).write_text(text, encoding="utf-8")
        made.append(name)

    make()
    _ = st


def record_plans() -> dict[str, object]:
    import malstyrning
    from malstyrning.periods import Period

    out: dict[str, object] = {}
    for path in sorted(PLANS.glob("plan-*.json")):
        plan = malstyrning.loads(path.read_text(encoding="utf-8"), format="json")
        start = plan.validity.start.year
        end = plan.validity.end.year
        periods = [
            Period.year(start - 1),
            Period.year(start),
            Period(f"{start}-T2"),
            Period.year(end),
        ]
        lines: list[str] = []
        for period in periods:
            try:
                evaluation = malstyrning.evaluate(plan, period=period)
            except malstyrning.MalstyrningError as error:
                lines.append(f"{period}: error {type(error).__name__}: {error}")
                continue
            for a in evaluation:
                lines.append(
                    f"{period} {a.node_id} {a.kind} {a.status} {a.not_assessed} "
                    f"{a.value} {a.target} {a.gap} {a.trend} {a.pace}"
                )
                for locale in LOCALES:
                    lines.append(f"  {locale}: {a.explain(locale=locale)}")
        out[path.name] = lines
    return out


def main() -> None:
    if "--plans" in sys.argv:
        generate_plans()
    snapshot = {"cli": record_cli(), "plans": record_plans()}
    target = HERE / ("snapshot.json.gz" if "--check" not in sys.argv else "snapshot.now.json.gz")
    text = json.dumps(snapshot, ensure_ascii=False, indent=1, sort_keys=True)
    target.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
