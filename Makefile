# Two commands do all the set-up on a fresh clone:
#   make run    install what the site needs and serve it at http://127.0.0.1:5000/
#   make test   install the test tools, a Chromium and the test servers, then run every check
# Everything is installed at the exact versions of the lock files in requirements/.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Branch coverage below this fails `make test`.
COVERAGE_MIN := 95
# What `make check` leaves to `make test`: tests that need a browser, Java, Node.js or a server.
SLOW_TESTS := browser or server or postgres or java or node
# What both leave to `make template-check`: tests that change a whole copy of the project
# and run its own checks there (a minute or more each).
WHOLE_COPY_TESTS := project_copy
UV_INSTALL := $(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python
LOCK := $(BIN)/uv pip compile --universal --python-version 3.11 --generate-hashes --no-strip-extras --quiet

# Python keeps what it compiles in __pycache__ folders unless PYTHONDONTWRITEBYTECODE is
# set, as many container images and machines set it. make's commands keep them: pytest
# rewrites the asserts of the test files and of its plugins' packages (schemathesis and
# hypothesis alone are 320 modules) and can keep the result only where Python may write
# it; otherwise every pytest process (and each test worker) does it again, about 4 s each.
unexport PYTHONDONTWRITEBYTECODE

.DEFAULT_GOAL := help
.PHONY: help run serve fleet fleet-restart fleet-stop fleet-bench check test template-check lint format lock bench audit screenshots \
	translations chromium services clean

help:
	@echo "Run"
	@echo "  make run            install and serve the site (flask --app wsgi run, development)"
	@echo "  make serve          the production server, gunicorn (needs SECRET_KEY, TRUSTED_HOSTS)"
	@echo "Test"
	@echo "  make check          lint, type check and the quick tests (about a minute)"
	@echo "  make test           every test, browsers and servers, on both cores, with coverage"
	@echo "  make template-check whole copies of the project: new-section, remove-section, copier"
	@echo "  make lint           ruff check, ruff format --check and mypy"
	@echo "  make format         apply ruff's fixes and formatting"
	@echo "Deploy (on loopback)"
	@echo "  make fleet          nginx (TLS) over two gunicorn instances, PostgreSQL and Redis"
	@echo "  make fleet-restart  restart its app instances in turn, losing no request"
	@echo "  make fleet-stop     stop exactly what make fleet started"
	@echo "Tools"
	@echo "  make translations   extract the texts to translate, update and compile the catalogues"
	@echo "  make lock           pin exact versions, with hashes, from the ranges in pyproject.toml"
	@echo "  make bench          every page under gunicorn with wrk, next to a minimal Flask app"
	@echo "  make fleet-bench    requests/s and p99: one instance, and nginx over one and two"
	@echo "  make audit          Lighthouse CI: every page as a phone, every template as a desktop"
	@echo "  make screenshots    pictures of the main pages for the README (docs/screenshots/)"
	@echo "  make clean          remove the virtual environment and tool caches"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# uv installs the lock files: the same pins, each download checked against its hashes
# as pip does, in seconds where pip takes a minute (every copy of the project the tests
# make installs too). pip puts uv itself in, from its own lock file. --compile-bytecode
# writes the .pyc files at install, as pip does: uv leaves it to the first import, and
# in an environment whose PYTHONDONTWRITEBYTECODE stays set (the container's) every
# process would compile its imports again, 1.6 s instead of 0.5 s for the site's libraries.
$(BIN)/uv: requirements/uv.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements/uv.txt
	touch $@

# Stamp files: reinstall only when a lock file changes. The package itself goes in
# editable and without dependencies: they all come from the lock file.
$(VENV)/.installed: requirements/main.txt pyproject.toml | $(BIN)/uv
	$(UV_INSTALL) --require-hashes -r requirements/main.txt
	$(UV_INSTALL) --no-deps -e .
	touch $@

# The dev set holds every package of the main set, so it stands for both.
$(VENV)/.installed-dev: requirements/dev.txt pyproject.toml | $(BIN)/uv
	$(UV_INSTALL) --require-hashes -r requirements/dev.txt
	$(UV_INSTALL) --no-deps -e .
	touch $(VENV)/.installed $@

# Extract every text marked for translation (babel.cfg), bring each catalogue up to
# date with them, and compile. A no-op on a clean tree: only new or changed texts
# change a .po. Translators then fill in the new entries (docs/translations.md).
translations: $(VENV)/.installed-dev
	$(BIN)/flask --app wsgi translations

run: $(VENV)/.installed
	$(BIN)/flask --app wsgi db upgrade
	$(BIN)/flask --app wsgi run

# Production settings unless APP_ENV says otherwise: set SECRET_KEY in .env first.
serve: $(VENV)/.installed
	$(BIN)/flask --app wsgi --no-debug db upgrade
	$(BIN)/gunicorn wsgi:app

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The quick loop, under a minute on two cores. --dist worksteal: a worker that runs out
# of tests takes some from the other's queue, so neither finishes its share alone while
# the other waits (--dist load hands out fixed batches: one worker ran the slow start-up
# tests 14 s after the other had finished). These tests start no shared server a split
# file would start twice, as make test's do.
check: lint
	$(BIN)/pytest -q -n 2 --dist worksteal -m "not ($(SLOW_TESTS) or $(WHOLE_COPY_TESTS))"

chromium: $(VENV)/.installed-dev
	tools/install-chromium $(BIN)/playwright

# From npm: the Nu HTML checker (the markup tests; it runs on Java), and Redocly CLI and
# Spectral (the OpenAPI linters).
# --ignore-scripts: vnu-jar's install script would fetch a Java.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || tools/install-debian-packages nodejs npm
	@command -v java >/dev/null 2>&1 || tools/install-debian-packages default-jre-headless
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# Lighthouse CI, for make audit alone.
audit/node_modules/.installed: audit/package.json audit/package-lock.json
	@command -v npm >/dev/null 2>&1 || tools/install-debian-packages nodejs npm
	cd audit && npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# Servers the tests (and make fleet) start for real on loopback: Redis (shared limits
# and page cache), PostgreSQL (the API on a second database engine), nginx (the TLS
# proxy in front of the fleet) and openssl (its throwaway certificate).
services:
	@command -v redis-server >/dev/null 2>&1 || tools/install-debian-packages redis-server
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || tools/install-debian-packages postgresql
	@command -v nginx >/dev/null 2>&1 || tools/install-debian-packages nginx-light
	@command -v openssl >/dev/null 2>&1 || tools/install-debian-packages openssl

# Returns once https://127.0.0.1:$(FLEET_PORT)/ answers (FLEET_PORT defaults to 8443).
fleet: $(VENV)/.installed services
	$(BIN)/python -m tools.fleet start

# Requests/s and p99: one instance, then the fleet through nginx with one and two.
fleet-bench: $(VENV)/.installed services
	@command -v wrk >/dev/null 2>&1 || tools/install-debian-packages wrk
	$(BIN)/python -m bench.fleet

# Every app instance in turn, drained from nginx first: no request is lost.
fleet-restart:
	$(BIN)/python -m tools.fleet restart

fleet-stop:
	$(BIN)/python -m tools.fleet stop

# On both cores: each test file runs whole on one of them (--dist loadfile), so the servers
# a file starts once serve all of its tests.
test: lint chromium services node_modules/.installed
	$(BIN)/pytest -n 2 --dist loadfile -m "not $(WHOLE_COPY_TESTS)" \
		--cov --cov-report=term-missing --cov-fail-under=$(COVERAGE_MIN)

# Its two longest tests are whole-site make checks, a minute or two each: --dist load
# hands out the tests two by two in file order, so tests/test_copier_update.py's starts
# first on one worker and the other worker takes the rest, tests/test_template.py's
# English-only make check among them.
template-check: $(VENV)/.installed-dev
	$(BIN)/pytest -n 2 --dist load -m "$(WHOLE_COPY_TESTS)"

lock: $(VENV)/.installed-dev
	$(LOCK) pyproject.toml --extra postgresql -o requirements/main.txt
	$(LOCK) pyproject.toml --extra dev -o requirements/dev.txt
	$(LOCK) --group pyproject.toml:installer -o requirements/uv.txt

# About six minutes; exits 1 if a target is missed.
# The dev set: the bench reads the pages' links with the crawler, which parses HTML with
# beautifulsoup4.
bench: $(VENV)/.installed-dev
	@command -v wrk >/dev/null 2>&1 || tools/install-debian-packages wrk
	$(BIN)/python -m bench.run

# Two and a half to four and a half minutes, by the machine's speed; CI runs it before
# make test (.ci/run).
audit: $(VENV)/.installed-dev chromium audit/node_modules/.installed
	$(BIN)/python -m audit.run

screenshots: $(VENV)/.installed-dev chromium
	$(BIN)/python -m tools.screenshots

clean:
	rm -rf $(VENV) node_modules audit/node_modules .pytest_cache .ruff_cache .mypy_cache \
		.coverage htmlcov audit/reports
