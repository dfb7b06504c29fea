# Two commands set up a fresh machine: `make run` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: install run test bench schemas clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/cpsn-builder estimate --responses demo/responses --scenario without:fenland --scenario with:cambridge-city

test: $(STAMP)
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) bench/run.py

# Regenerate the JSON Schemas editors use (a test fails when they are out of date).
schemas: $(STAMP)
	$(VENV)/bin/cpsn-builder catalogue schema --out catalogue/schema
	$(VENV)/bin/cpsn-builder estimate --schema --out docs/estimate.schema.json

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .hypothesis test-output
