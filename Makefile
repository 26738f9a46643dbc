# Developer and CI entry points. CI runs `.ci/run`, which ends in `make test`.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: venv build test test-quick test-run serve lint screenshots clean

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

# The whole suite with everything it needs: tools/test-services installs Chromium, PostgreSQL
# and fonts from Debian when run as root (or names what is missing and fails), and starts a
# throwaway PostgreSQL unless QINQING_TEST_POSTGRES_URL is set. A skip whose reason is not in
# tests/allowed-skips.txt fails the run.
test: venv
	tools/test-services $(MAKE) --no-print-directory test-run

# pytest exits 5 when a selection matches no test; that is not a failure of the code.
test-run: venv node_modules/.installed
	$(BIN)/pytest -q $(PYTEST_ARGS) || test $$? -eq 5

# Without the browser and database tests (deselected, so they are not even skipped); for a
# quick loop on a machine without Chromium or PostgreSQL. Not a substitute for `make test`.
test-quick: venv
	QINQING_TEST_QUICK=1 $(BIN)/pytest -q -m "not browser and not postgres" $(PYTEST_ARGS) || test $$? -eq 5

# The site with live reload, and the petition handler at /api/ (mkdocs.yml's serve_api) as
# `qinqing serve` has it, so editors can try the form; petitions go to var/petitions.db.
# Rebuilds reuse the build cache (var/cache/) and make no search index (the search page
# says so; the plugin option preview_search: true makes one), so an edit shows in seconds.
SERVE_ADDRESS ?= 127.0.0.1:8000
serve: venv
	mkdir -p var
	QINQING_ALLOWED_ORIGINS="$${QINQING_ALLOWED_ORIGINS:-http://$(SERVE_ADDRESS)}" \
		$(BIN)/mkdocs serve -a $(SERVE_ADDRESS)

lint: venv
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

screenshots: venv node_modules/.installed
	$(BIN)/python -m tools.screenshots

clean:
	rm -rf site staging build .pytest_cache .ruff_cache .hypothesis node_modules
	find . -name __pycache__ -type d -not -path "./$(VENV)/*" -prune -exec rm -rf {} +
