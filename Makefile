# The commands the README shows. Each one installs what a fresh machine lacks first.
PYTHON ?= python3
PIP = $(PYTHON) -m pip
PYTEST_ARGS ?=

.PHONY: app test test-fast e2e bench lint format install install-test chromium clean

install:
	@$(PYTHON) -c "import repairbook, voila" 2>/dev/null || $(PIP) install -q -e .

install-test:
	@$(PYTHON) -c "import repairbook, pytest, hypothesis, playwright, nbclient, dask" 2>/dev/null || $(PIP) install -q -e ".[test]"

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && apt-get install -y -qq chromium poppler-utils >/dev/null; }
	@command -v pdftoppm >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq poppler-utils >/dev/null; }

## Serve the app for a couple on the default workbook (created on first run).
app: install
	$(PYTHON) -m repairbook serve

## The whole suite: unit, property, fault, notebook and browser tests.
test: install-test chromium
	$(PYTHON) -m pytest $(PYTEST_ARGS)

## Everything but the browser tests.
test-fast: install-test
	$(PYTHON) -m pytest -m "not e2e" $(PYTEST_ARGS)

e2e: install-test chromium
	$(PYTHON) -m pytest -m e2e $(PYTEST_ARGS)

## Every benchmark in bench/, one table of ratios, written to bench/RESULTS.md.
bench: install-test
	$(PYTHON) bench/run_all.py

lint:
	@$(PYTHON) -c "import ruff, mypy" 2>/dev/null || $(PIP) install -q -e ".[dev]"
	$(PYTHON) -m ruff check src tests bench
	$(PYTHON) -m ruff format --check src tests bench
	$(PYTHON) -m mypy

format:
	$(PYTHON) -m ruff format src tests bench
	$(PYTHON) -m ruff check --fix src tests bench
