# Task runner: each check is one command. `make ci` is exactly what CI runs.
VENV ?= .venv
PY = $(VENV)/bin/python

$(PY):
	python3 -m venv $(VENV) && $(PY) -m pip install -e ".[test]"

.PHONY: test lint format types ci
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
