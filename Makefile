# Two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
WEB_CONCURRENCY ?= 2
PYTEST_WORKERS ?= 2
FLASK := $(BIN)/flask --app wsgi

.PHONY: run test test-e2e browser lint migrate demo bench faults clean translations

# The virtual environment is rebuilt whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# The browser tests check every page they visit with the W3C Nu HTML checker: its vnu.jar comes
# from the npm registry (pinned; Java 17 runs it), never downloaded while the tests run.
VNU_JAR_VERSION := 26.9.27
$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[test]"
	npm install --silent --no-save --no-audit --no-fund --ignore-scripts --prefix $(VENV)/vnu vnu-jar@$(VNU_JAR_VERSION)
	touch $@

## run: install, migrate, load the demo into an empty database, then serve on http://$(HOST):$(PORT)
##      with the background worker beside the web server (it delivers email and webhooks), and the
##      mail-in listener when MAIL_IN_PORT is set
run: $(VENV)/.installed
	$(FLASK) db upgrade
	$(FLASK) seed-demo --if-empty
	@echo "Serving the ideas hub on http://$(HOST):$(PORT) ($(WEB_CONCURRENCY) workers) with its delivery worker. Stop with Ctrl+C."
	$(FLASK) worker & worker=$$!; mailin=; \
	if [ -n "$$MAIL_IN_PORT" ] && [ "$$MAIL_IN_PORT" != 0 ]; then $(FLASK) mail-in & mailin=$$!; fi; \
	trap 'kill $$worker $$mailin 2>/dev/null; wait $$worker $$mailin' EXIT INT TERM; \
	$(BIN)/gunicorn wsgi:app --workers $(WEB_CONCURRENCY) --bind $(HOST):$(PORT) \
		--timeout 30 --graceful-timeout 30 --max-requests 50000 --max-requests-jitter 5000 --limit-request-line 8190 \
		--access-logfile - --error-logfile - --logger-class ideashub.core.serverlog.RedactingLogger

## test: lint and run the whole suite, browser journeys included unless SKIP_E2E=1
##       (SQLite by default; TEST_DATABASE_URL=postgresql://... for PostgreSQL)
test: $(VENV)/.installed-test lint $(if $(SKIP_E2E),,browser)
	$(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) -p no:cacheprovider $(if $(SKIP_E2E),--ignore=tests/e2e,)

## test-e2e: only the real-browser journeys (Chromium)
test-e2e: $(VENV)/.installed-test browser
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/e2e

## lint: ruff, and the import-linter contract that keeps the layers (pyproject.toml, [tool.importlinter])
## browser: Debian's Chromium for the browser tests (Playwright cannot download its own here), and Java for the HTML checker
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
	@command -v java >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq default-jre-headless >/dev/null; }

lint: $(VENV)/.installed-test
	$(BIN)/ruff check ideashub tests wsgi.py $(wildcard bench)
	$(BIN)/lint-imports --no-cache

## translations: extract every message, merge it into the Welsh and English catalogues
##      (ideashub/translations), compile them, and say how many Welsh translations are missing
translations: $(VENV)/.installed
	$(BIN)/python -m ideashub.core.catalogues update

migrate: $(VENV)/.installed
	$(FLASK) db upgrade

demo: $(VENV)/.installed
	$(FLASK) seed-demo

## bench: seed 2,000 and 100,000 ideas on SQLite and PostgreSQL, load each endpoint with wrk
##        (16 connections) under gunicorn, print the table and write bench/results.json (~20 min);
##        then delivery: request p50 with and without 5,000 followers, and a burst of 10,000 events
##        delivered to a local SMTP sink (bench/delivery.json); then matching: quality on the evaluation set
##        and speed at 100,000 ideas and 10,000 people (bench/matching.json); then moving in: a 20,000-card,
##        50 MB Trello export imported on both databases (bench/imports.json)
bench: $(VENV)/.installed-test
	command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
	$(BIN)/python bench/run.py
	$(BIN)/python bench/delivery.py
	$(BIN)/python bench/matching.py
	$(BIN)/python bench/imports.py

## faults: kill a gunicorn worker and restart PostgreSQL under load (about a minute);
##         every acknowledged write must be in the database afterwards (bench/faults.json); then stop the
##         delivery worker, the mail server and a webhook receiver under load: every owed email and
##         webhook call must arrive exactly once (bench/delivery_faults.json)
faults: $(VENV)/.installed-test
	$(BIN)/python bench/faults.py
	$(BIN)/python bench/delivery_faults.py

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache
