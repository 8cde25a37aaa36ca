# The README's commands. CI runs `make test` (through .ci/run).
PYTHON ?= python3
DATA_DIR ?= var
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run setup test test-fast check bench fuzz

## Install, ingest the bundled corpus and serve the API + web UI on the embedded engine.
run: setup
	$(PYTHON) -m api.cli ingest data/corpus --data-dir $(DATA_DIR)
	ZWGK_DATA_DIR=$(DATA_DIR) $(PYTHON) -m api.cli serve --host $(HOST) --port $(PORT)

setup:
	bash scripts/setup.sh

## Install test tools, Chromium and the embedded Neo4j server, then run the whole suite.
test:
	bash scripts/setup.sh --test
	$(PYTHON) -m pytest -q -p no:cacheprovider --durations=15

## The suite without the browser and Neo4j (quick local loop).
test-fast:
	$(PYTHON) -m pytest -q -m "not browser and not neo4j and not slow"

check:
	ruff check ontology ingest graph api tests bench
	ruff format --check ontology ingest graph api tests bench

bench:
	$(PYTHON) -m api.cli bench --json bench-results/latest.json

fuzz:
	ZWGK_FUZZ_EXAMPLES=10000 $(PYTHON) -m pytest -q tests -k fuzz
