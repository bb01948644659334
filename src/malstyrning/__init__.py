"""malstyrning: an open domain model for goal management in Swedish regions and municipalities.

Plans from vision to indicators, target rules and the scales that judge them, evaluation
with explanations, trend, pace and roll-up, and lossless documents.

The top level holds the plan and its nodes, scales, periods, evaluation, documents and the
root errors; target rules are in :mod:`malstyrning.rules`, and tables, batch evaluation,
revisions, reports, examples and test strategies are namespaces of their own. Importing the
package loads only the core (the model, its rules and scales); the evaluator, documents and
the rest are imported on first use.

>>> import malstyrning
>>> plan = malstyrning.examples.load("jamtland-harjedalen-2019")
>>> evaluation = malstyrning.evaluate(plan, period="2019-T1")
>>> evaluation["antibiotika"].status
'green'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from malstyrning import _display, errors, i18n, rules
from malstyrning.errors import (
    DocumentError,
    InvalidPeriod,
    InvalidPlan,
    InvalidScale,
    InvalidTarget,
    MalstyrningError,
    Problem,
    UnknownNode,
)
from malstyrning.model import (
    Activity,
    Assignment,
    Comment,
    Goal,
    Indicator,
    Judgement,
    Measurement,
    Node,
    Plan,
    PlanLevel,
    Report,
    Series,
    YesNoMeasure,
)
from malstyrning.periods import Period
from malstyrning.scales import (
    TRAFFIC_LIGHT,
    Achievement,
    Level,
    NotAssessed,
    NotAssessedReason,
    Scale,
)

if TYPE_CHECKING:
    # What the lazy names below resolve to, for type checkers and editors.
    from malstyrning import batch, examples, kolada, report, revisions, tables, testing
    from malstyrning.builder import PlanBuilder
    from malstyrning.evaluation import Assessment, Evaluation, evaluate
    from malstyrning.io import dump, dumps, load, loads
    from malstyrning.plan_tables import read_plan_table, write_plan_table

__version__ = "0.1.0.dev0"

# Values show themselves in notebooks through _display; the renderers live in the report layer,
# imported the first time a value is shown.
_display.load_renderers_from("malstyrning.report.notebook")

# Name -> (module, attribute); attribute None means the module itself. Imported on first use,
# so that `import malstyrning` (and every CLI call) does not pay for the evaluator,
# documents, tables, reports, revisions or the test strategies. The evaluator lives in
# `malstyrning.evaluation`, so no submodule import can replace the function `evaluate`.
_LAZY: dict[str, tuple[str, str | None]] = {
    "batch": ("malstyrning.batch", None),
    "examples": ("malstyrning.examples", None),
    "kolada": ("malstyrning.kolada", None),
    "report": ("malstyrning.report", None),
    "revisions": ("malstyrning.revisions", None),
    "tables": ("malstyrning.tables", None),
    "testing": ("malstyrning.testing", None),
    "evaluate": ("malstyrning.evaluation", "evaluate"),
    "Evaluation": ("malstyrning.evaluation", "Evaluation"),
    "Assessment": ("malstyrning.evaluation", "Assessment"),
    "dump": ("malstyrning.io", "dump"),
    "dumps": ("malstyrning.io", "dumps"),
    "load": ("malstyrning.io", "load"),
    "loads": ("malstyrning.io", "loads"),
    "PlanBuilder": ("malstyrning.builder", "PlanBuilder"),
    "read_plan_table": ("malstyrning.plan_tables", "read_plan_table"),
    "write_plan_table": ("malstyrning.plan_tables", "write_plan_table"),
}


def __getattr__(name: str) -> Any:
    try:
        module_name, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'malstyrning' has no attribute {name!r}") from None
    module = importlib.import_module(module_name)
    value = module if attribute is None else getattr(module, attribute)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "TRAFFIC_LIGHT",
    "Achievement",
    "Activity",
    "Assessment",
    "Assignment",
    "Comment",
    "DocumentError",
    "Evaluation",
    "Goal",
    "Indicator",
    "InvalidPeriod",
    "InvalidPlan",
    "InvalidScale",
    "InvalidTarget",
    "Judgement",
    "Level",
    "MalstyrningError",
    "Measurement",
    "Node",
    "NotAssessed",
    "NotAssessedReason",
    "Period",
    "Plan",
    "PlanBuilder",
    "PlanLevel",
    "Problem",
    "Report",
    "Scale",
    "Series",
    "UnknownNode",
    "YesNoMeasure",
    "batch",
    "dump",
    "dumps",
    "errors",
    "evaluate",
    "examples",
    "i18n",
    "kolada",
    "load",
    "loads",
    "read_plan_table",
    "report",
    "revisions",
    "rules",
    "tables",
    "testing",
    "write_plan_table",
]
