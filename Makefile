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

# Mutation testing, one part of the package at a time (mutation/*.toml, docs/testing.md); each part
# runs in its own copy under .mutation/. Slow, so not part of CI. `make mutation PART=periods` runs
# one part; without PART every part runs in turn.
PART ?=
mutation: $(PY)
	$(PY) -m pip install -e ".[test,mutation]"
	nice -n 19 $(PY) mutation/run.py $(if $(PART),$(PART),--all)
