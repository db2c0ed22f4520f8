# The commands the README names. Everything installs into .venv from the project's own files.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
PORT ?= 5000
WORKERS ?= 2
# seconds a request may take before gunicorn restarts its worker: an import of a large file
# (every row through the services, one transaction) takes minutes
TIMEOUT ?= 900

.PHONY: run test e2e install install-dev translations compile-translations bench fuzz lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-e2e: pyproject.toml $(VENV)/.installed-dev
	$(BIN)/python -m pip install -q -e '.[dev,e2e]'
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

compile-translations: $(VENV)/.installed
	$(BIN)/pybabel -q compile -d translations

## make run: set up and serve on the embedded database (demo data on a new one unless CRM_DEMO=0;
## a warning while demo accounts with published passwords exist: crm demo --remove)
run: install compile-translations
	$(FLASK) crm init
	$(FLASK) db upgrade
	$(FLASK) crm seed
	$(FLASK) crm purge-sign-ins
	@if [ "$${CRM_DEMO:-1}" != "0" ]; then $(FLASK) crm demo --if-empty; fi
	@echo ""
	@echo "  Serving on http://127.0.0.1:$(PORT)"
	@echo ""
	$(BIN)/gunicorn --workers $(WORKERS) --timeout $(TIMEOUT) --bind 127.0.0.1:$(PORT) \
		--access-logfile - wsgi:app

## make test: set up and run the whole suite (PostgreSQL when CRM_TEST_DATABASE_URL is set)
test: install-dev compile-translations
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## make e2e: the browser tests (tests/e2e, not part of make test): Playwright driving Debian's
## chromium (installed with apt-get when missing) against gunicorn; axe-core from the npm
## registry at a pinned version, checked against its integrity hash; writes docs/screenshots/
AXE_VERSION := 4.10.2
AXE_INTEGRITY := sha512-RE3mdQ7P3FRSe7eqCWoeQ/Z9QXrtniSjp1wUjt5nRC3WIpz5rSCve6o3fsZ2aCpJtrZjSZgjwXAoTO5k4tEI0w==
AXE_JS := .cache/axe-core-$(AXE_VERSION)/axe.min.js

$(AXE_JS): | $(BIN)/python
	$(BIN)/python scripts/fetch_axe.py $(AXE_VERSION) $(AXE_INTEGRITY) $@

e2e: $(VENV)/.installed-e2e compile-translations $(AXE_JS)
	@if [ ! -x /usr/bin/chromium ]; then \
	  apt-get update -q && apt-get install -y -q chromium fonts-wqy-microhei; fi
	CRM_AXE_JS=$(AXE_JS) $(BIN)/python -m pytest -m e2e tests/e2e $(PYTEST_ARGS)

## make bench: the benchmark of issue 15 on SQLite and PostgreSQL (127.0.0.1), 10,000 and
## 100,000 projects (BENCH_SIZES=1000,10000 for a quick run); writes bench/results.md
bench: install compile-translations
	$(BIN)/python bench/run.py

## make fuzz: schemathesis over /api/v1/openapi.json against gunicorn on a fresh database, fixed
## seed, every operation; fails on any 5xx and on answers that break their schema
fuzz: install-dev compile-translations
	$(BIN)/python scripts/fuzz.py

## make translations: extract, update and compile the catalogs
translations: install-dev
	$(BIN)/pybabel -q extract -F babel.cfg -k _l -k lazy_gettext -k lazy_pgettext:1c,2 -k _lp:1c,2 -o translations/messages.pot --sort-by-file .
	$(BIN)/pybabel -q update -i translations/messages.pot -d translations --no-fuzzy-matching
	$(BIN)/pybabel -q compile -d translations

lint: install-dev
	$(BIN)/ruff check crm tests bench

clean:
	rm -rf $(VENV) .pytest_cache
