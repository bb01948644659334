# Task runner: each check is one command. `make ci` is exactly what CI runs.
VENV ?= .venv
PY = $(VENV)/bin/python

$(PY):
	python3 -m venv $(VENV) && $(PY) -m pip install -e ".[test]"

.PHONY: test lint format types ci mutation docs
test: $(PY)
	$(PY) -m pytest

lint: $(PY)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(PY)
	$(VENV)/bin/ruff format .

types: $(PY)
	$(VENV)/bin/mypy --strict src/

ci:
	bash .ci/run

# The docs site with the API reference generated from the docstrings, in site/ (mkdocs.yml).
docs: $(PY)
	$(PY) -m pip install -e ".[docs]"
	$(VENV)/bin/mkdocs build --strict

# Mutation testing of the rules package and evaluation.py (docs/testing.md); slow, so not part of CI.
# Settings in pyproject.toml [tool.mutmut]; the "mutation" Hypothesis profile is derandomized.
mutation: $(PY)
	$(PY) -m pip install -e ".[test,mutation]"
	HYPOTHESIS_PROFILE=mutation nice -n 19 $(VENV)/bin/mutmut run --max-children 2
	$(VENV)/bin/mutmut results
