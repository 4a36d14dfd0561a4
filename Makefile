# 微民生大服务 back office. `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
HOST   ?= 127.0.0.1
PORT   ?= 5000

.DEFAULT_GOAL := help
.PHONY: help install run test browser lint format seed worker beat i18n bench clean

help: ## List the targets
	@awk 'BEGIN{FS=":.*## "} /^[a-z0-9-]+:.*## /{printf "  make %-9s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP) ## Create .venv and install the pinned dependencies

run: install ## Serve the product on http://127.0.0.1:5000 (embedded demo store unless MONGODB_URI)
	$(BIN)/flask --app wsgi run --host $(HOST) --port $(PORT) --no-reload --with-threads

test: install browser ## Run the whole test suite
	$(BIN)/python -m pytest

browser: ## Install Debian's Chromium for the browser tests if it is missing
	@bash .ci/ensure-browser

lint: install ## Check style with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Rewrite files with ruff's formatter and import order
	$(BIN)/ruff check --fix --select I .
	$(BIN)/ruff format .

seed: install ## Seed catalogue templates, rule sets and demo data (idempotent)
	$(BIN)/flask --app wsgi seed --demo

worker: install ## Start a Celery worker (needs CELERY_BROKER_URL)
	$(BIN)/celery -A jobs.worker worker --loglevel=INFO --concurrency=2

beat: install ## Start Celery beat with the Redis lock (needs REDBEAT_REDIS_URL)
	$(BIN)/celery -A jobs.worker beat --loglevel=INFO

i18n: install ## Extract messages, update and compile the translations
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --ignore-dirs='.venv tests' -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching
	$(BIN)/pybabel compile -d translations
	$(BIN)/pybabel compile -d translations -D admin

bench: install ## Run the benchmarks under bench/ and print one table of ratios
	$(BIN)/python bench/all.py $(BENCH_ARGS)

clean: ## Remove the virtualenv and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis *.egg-info
