# Two commands do all the set-up on a fresh clone:
#   make run    install what the site needs and serve it at http://127.0.0.1:5000/
#   make test   install the test tools and a Chromium, then run every check

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Branch coverage below this fails `make test`.
COVERAGE_MIN := 95

.DEFAULT_GOAL := help
.PHONY: help run serve test lint bench audit screenshots chromium services clean

help:
	@echo "make run     install and serve the site (flask --app wsgi run, development)"
	@echo "make serve   serve it with the production server (gunicorn; needs SECRET_KEY)"
	@echo "make test    install dev tools and Chromium, lint, run every test with coverage"
	@echo "make lint    ruff check and ruff format --check only"
	@echo "make bench   load every page under gunicorn with wrk, next to a minimal Flask app"
	@echo "make audit   Lighthouse on every page, phone and desktop: all four scores must be 100"
	@echo "make screenshots  pictures of the main pages for the README (docs/screenshots/)"
	@echo "make clean   remove the virtual environment and tool caches"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamp files: reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/flask --app wsgi run

# Production settings unless APP_ENV says otherwise: set SECRET_KEY in .env first.
serve: $(VENV)/.installed
	$(BIN)/gunicorn wsgi:app

chromium: $(VENV)/.installed-dev
	scripts/install-chromium $(BIN)/playwright

# Lighthouse (make audit) and the Nu HTML checker (the tests) come from npm; the
# checker runs on Java. --ignore-scripts: vnu-jar's install script would fetch a Java.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || scripts/install-debian-packages nodejs npm
	@command -v java >/dev/null 2>&1 || scripts/install-debian-packages default-jre-headless
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Servers the tests start for real on loopback: Redis (the shared sign-in limit) and
# PostgreSQL (the API on a second database engine).
services:
	@command -v redis-server >/dev/null 2>&1 || scripts/install-debian-packages redis-server
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || scripts/install-debian-packages postgresql

test: lint chromium services node_modules/.installed
	$(BIN)/pytest --cov --cov-report=term-missing --cov-fail-under=$(COVERAGE_MIN)

# Takes about two minutes; exits 1 if a page is under the target ratio.
bench: $(VENV)/.installed
	@command -v wrk >/dev/null 2>&1 || scripts/install-debian-packages wrk
	$(BIN)/python -m bench.run

# About six minutes; CI runs it before make test (.ci/run).
audit: $(VENV)/.installed-dev chromium node_modules/.installed
	$(BIN)/python -m audit.run

screenshots: $(VENV)/.installed-dev chromium
	$(BIN)/python -m tools.screenshots

clean:
	rm -rf $(VENV) node_modules .pytest_cache .ruff_cache .coverage htmlcov audit/reports
