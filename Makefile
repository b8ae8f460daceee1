# The commands the README shows. Each one installs what a fresh machine lacks first.
PYTHON ?= python3
PIP = $(PYTHON) -m pip
PYTEST_ARGS ?=

.PHONY: app test test-fast e2e bench lint format install install-test system-deps hub-deps

# Always (re)install this checkout in editable mode: quick when everything is present, and
# it makes sure the code under test is this folder's, not another checkout's.
install:
	@$(PIP) install -q --root-user-action=ignore --disable-pip-version-check -e .

install-test:
	@$(PIP) install -q --root-user-action=ignore --disable-pip-version-check -e ".[test]"

# Debian packages the tests need: the browser, PDF tools, and fonts for every script.
SYSTEM_PKGS = chromium poppler-utils fonts-wqy-microhei fonts-noto-color-emoji
system-deps:
	@missing=""; for p in $(SYSTEM_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# configurable-http-proxy from the npm registry, for the JupyterHub test (tests/workshop/test_workshop_hub.py)
CHP_DIR = .cache/chp
hub-deps:
	@command -v configurable-http-proxy >/dev/null 2>&1 || [ -x $(CHP_DIR)/node_modules/.bin/configurable-http-proxy ] || \
	  npm install --silent --no-audit --no-fund --prefix $(CHP_DIR) configurable-http-proxy >/dev/null

## Serve the app for a couple on the default workbook (created on first run).
app: install
	$(PYTHON) -m repairbook serve

## The whole suite: unit, property, fault, notebook and browser tests, on two workers
## (pytest-xdist; a module whose tests share one server or kernel stays on one worker).
## PYTEST_WORKERS=0 runs it in one process; PYTEST_ARGS adds pytest options or paths.
PYTEST_WORKERS ?= 2
test: install-test system-deps hub-deps
	$(PYTHON) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

## Everything but the browser tests.
test-fast: install-test hub-deps
	$(PYTHON) -m pytest -m "not e2e" $(PYTEST_ARGS)

e2e: install-test system-deps
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
