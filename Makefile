# Two commands on a fresh machine with Python 3.11+: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
# Only this machine by default (the demo password is public): ADDRESS=0.0.0.0 serves a network.
ADDRESS ?= 127.0.0.1

.PHONY: run test lint format init demo bench load clean

# The first install takes a minute or two: say what is happening, and let pip show each package.
$(VENV)/.runtime: requirements.txt
	@echo "==> 1/3 creating the virtual environment in $(VENV)"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@echo "==> 2/3 installing the app's packages (about 90 s the first time, then nothing)"
	$(BIN)/python -m pip install --progress-bar off -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

# Leaflet and the other files folium loads from CDNs, served locally to the browser tests (CI is offline).
tests/browser/node_modules/.installed: tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	touch $@

run: $(VENV)/.runtime  ## create the venv, create/migrate/seed the store, serve the app
	@echo "==> 3/3 creating, migrating and seeding the store, then serving http://$(ADDRESS):$(PORT) (PORT=8600 make run for another port)"
	$(BIN)/python -m wiker_data init --seed-demo
	$(BIN)/python -m streamlit run dashboard.py --server.port $(PORT) --server.address $(ADDRESS)

test: $(VENV)/.dev tests/browser/node_modules/.installed  ## lint and architecture contracts, then the whole suite
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo
	$(BIN)/python -m pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

init: $(VENV)/.runtime
	$(BIN)/python -m wiker_data init

demo: $(VENV)/.runtime
	$(BIN)/python -m wiker_data demo --force

bench: $(VENV)/.dev  ## the benchmark on a generated département store; SCALE=national for the country
	$(BIN)/python -m bench --scale $(or $(SCALE),department)

load: $(VENV)/.dev  ## 20 readers over websockets and 2 coordinators saving, 120 s, on a served département store
	$(BIN)/python -m bench.load

clean:
	rm -rf $(VENV) tests/browser/node_modules tests/artifacts
