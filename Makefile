# Two commands do all the set-up on a fresh clone:
#   make run    install what the site needs and serve it at http://127.0.0.1:5000/
#   make test   install the test tools and a Chromium, then run every check

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Branch coverage below this fails `make test`.
COVERAGE_MIN := 95

.DEFAULT_GOAL := help
.PHONY: help run serve test lint chromium clean

help:
	@echo "make run     install and serve the site (flask --app wsgi run, development)"
	@echo "make serve   serve it with the production server (gunicorn; needs SECRET_KEY)"
	@echo "make test    install dev tools and Chromium, lint, run every test with coverage"
	@echo "make lint    ruff check and ruff format --check only"
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

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint chromium
	$(BIN)/pytest --cov --cov-report=term-missing --cov-fail-under=$(COVERAGE_MIN)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .coverage htmlcov
