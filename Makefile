# Two commands set up a fresh machine: `make run` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

ASSETS := cpsn_builder/web/static/govuk/govuk-frontend.min.css

.PHONY: install assets run test screenshots bench soak schemas mutation clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# GOV.UK Frontend's CSS, JavaScript, fonts and images from the npm package; without npm the
# service still works, unstyled.
$(ASSETS): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --no-audit --no-fund --silent && \
	  rm -rf cpsn_builder/web/static/govuk && mkdir -p cpsn_builder/web/static/govuk && \
	  cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js cpsn_builder/web/static/govuk/ && \
	  cp -r node_modules/govuk-frontend/dist/govuk/assets cpsn_builder/web/static/govuk/; \
	else echo "npm not found: the web pages will be unstyled (install Node.js and npm for GOV.UK Frontend)"; fi

assets: $(ASSETS)

# The main job: migrate the embedded SQLite database, load the demo data, serve on 127.0.0.1:5000.
run: $(STAMP) $(ASSETS)
	$(VENV)/bin/cpsn-builder serve

# The browser tests use the npm packages (GOV.UK Frontend, axe-core); they skip, saying why, without them.
test: $(STAMP) $(ASSETS)
	$(VENV)/bin/ruff check cpsn_builder tests bench tools
	$(VENV)/bin/ruff format --check cpsn_builder tests bench tools
	$(PY) -m pytest -n auto --dist loadfile --no-loadscope-reorder

# The browser journeys again, saving a full-page screenshot of every state they check into
# test-output/screenshots/ to look at (make test saves only the pages of a failure).
screenshots: $(STAMP) $(ASSETS)
	CPSN_SCREENSHOTS=1 $(PY) -m pytest -n auto --dist loadfile tests/browser

bench: $(STAMP)
	$(PY) bench/run.py

# 30 minutes of the load test's mix on a private PostgreSQL restarted in the middle (not part of make test).
soak: $(STAMP)
	$(PY) bench/soak.py

# Mutation testing of the engine, the governance rules and the documents' figures with mutmut (not
# part of `make test`): a clean run over every module, then the score of each. With
# MUTATION_CHILDREN=1 it takes 13 to 35 minutes on 2 cores, depending on what else runs.
# While fixing survivors, re-run one module's mutants and keep the other results:
#   make mutation MUTATE='cpsn_builder.engine.pricing*'
# (that run copies the tests afresh, so a test file deleted since does not linger in mutants/).
MUTATION_STAMP := $(VENV)/.mutation-installed
MUTATION_CHILDREN ?= 2
MUTATE ?=

# Only the mutation extra's packages, and no dependency on pyproject.toml's date: editing
# [tool.mutmut] must not reinstall the project (in a git worktree sharing a venv, that would
# repoint the editable install at the worktree).
MUTATION_REQUIREMENTS = $(PY) -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["mutation"])'

$(MUTATION_STAMP):
	test -f $(STAMP) || $(MAKE) install
	$(PY) -m pip install -q $$($(MUTATION_REQUIREMENTS))
	touch $(MUTATION_STAMP)

mutation: $(MUTATION_STAMP)
	$(if $(MUTATE),rm -rf mutants/tests,rm -rf mutants)
	$(VENV)/bin/mutmut run --max-children $(MUTATION_CHILDREN) $(if $(MUTATE),"$(MUTATE)") > mutation.log 2>&1 || { tail -40 mutation.log; exit 1; }
	$(PY) tools/mutation_scores.py --target 95 --list-survivors

# Regenerate the JSON Schemas editors use (a test fails when they are out of date).
schemas: $(STAMP)
	$(VENV)/bin/cpsn-builder catalogue schema --out catalogue/schema
	$(VENV)/bin/cpsn-builder estimate --schema --out docs/estimate.schema.json
	$(VENV)/bin/cpsn-builder evaluate --schema --out docs/evaluation.schema.json

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .hypothesis test-output mutants mutation.log
