# Developer and CI entry points. CI runs `.ci/run`, which ends in `make test`.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: venv build test serve lint screenshots clean

venv: $(VENV)/.installed

# Reinstall only when the dependency list changes.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --disable-pip-version-check -q -e '.[test]'
	touch $@

# axe-core for the accessibility checks in the browser tests (pinned in package-lock.json).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

build: venv
	$(BIN)/qinqing build

# pytest exits 5 when a selection matches no test; that is not a failure of the code.
test: venv node_modules/.installed
	$(BIN)/pytest -q $(PYTEST_ARGS) || test $$? -eq 5

serve: venv
	$(BIN)/mkdocs serve

lint: venv
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

screenshots: venv node_modules/.installed
	$(BIN)/python -m generator.screenshots

clean:
	rm -rf site staging build .pytest_cache .ruff_cache .hypothesis node_modules
	find . -name __pycache__ -type d -not -path "./$(VENV)/*" -prune -exec rm -rf {} +
