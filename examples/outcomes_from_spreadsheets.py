# %% [markdown]
# # Outcomes from spreadsheets, assessments back
#
# A notebook-style script (the `# %%` cells open as a notebook in Jupyter with jupytext,
# in VS Code and in Spyder). It takes Region Västernorrland's committee plan for 2022–2024,
# which the library embeds as `vasternorrland-2022`, brings in the outcomes for 2022 from a
# CSV file and for 2023 from an XLSX workbook, evaluates 2023, and writes the assessments
# table back as CSV and XLSX.
#
# The outcome files are in `examples/data/`; their figures are invented for the example.
#
#     python examples/outcomes_from_spreadsheets.py [OUTPUT_DIRECTORY]
#
# writes `assessments-2023.csv` and `assessments-2023.xlsx` into OUTPUT_DIRECTORY (by
# default a new temporary directory) and prints where they are.

# %%
import sys
import tempfile
from collections import Counter
from pathlib import Path

import malstyrning
from malstyrning import tables

DATA = Path(__file__).resolve().parent / "data"
OUTPUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="malstyrning-"))
OUTPUT.mkdir(parents=True, exist_ok=True)

# %% [markdown]
# ## The plan
# The plan holds outcomes for 2019 and 2020 and target levels for 2022 and 2024.

# %%
plan = malstyrning.examples.load("vasternorrland-2022")
print(plan)

# %% [markdown]
# ## Outcomes for 2022, from CSV
# The CSV file is written the way Swedish spreadsheets export it: `;` between cells,
# decimal commas, spaces between thousands (`71 250`), percent signs (`9,2 %`) and yes/no
# answers as words (`ja`, `nej`). Every number is kept exactly as written. A bad row would
# stop here with one error naming the file, the row and the column of every problem.

# %%
plan = tables.read_outcomes(DATA / "outcomes-2022.csv", plan)
print(plan["kostnad-per-drg-poang"].main_series.get(malstyrning.Period("2022")))

# %% [markdown]
# ## Outcomes for 2023, from XLSX
# The workbook holds number cells (the share of hired staff is a percentage cell: 0.071
# shown as 7,1 %, read as the percentage 7.1), a number typed as text, and a missing outcome
# with its reason (`measured_later`), which is counted as not assessed, never as a colour.

# %%
plan = tables.read_outcomes(DATA / "outcomes-2023.xlsx", plan)
print(plan["inhyrd-personal-kostnadsandel"].main_series.get(malstyrning.Period("2023")))

# %% [markdown]
# ## Evaluate 2023
# Trend compares with 2022; pace measures progress towards the 2024 target level.

# %%
evaluation = malstyrning.evaluate(plan, period="2023")
statuses = Counter(assessment.status or "not_assessed" for assessment in evaluation)
print(dict(statuses))
print(evaluation["inhyrd-personal-kostnadsandel"].explain(locale="sv"))

# %% [markdown]
# ## The assessments table
# One row per node: id, title, kind, level, period, status, value, target, gap, unit,
# trend, pace and the explanation in Swedish. The same table is available as a data frame:
# `tables.assessments_to_frame(evaluation, locale="sv", backend="pandas")`.

# %%
csv_path = OUTPUT / "assessments-2023.csv"
xlsx_path = OUTPUT / "assessments-2023.xlsx"
tables.write_assessments(evaluation, csv_path, locale="sv")
tables.write_assessments(evaluation, xlsx_path, locale="sv")
print(f"wrote {csv_path} and {xlsx_path}")
