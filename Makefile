# Dẫn Chiếu — the two commands of the README's quick start, and a few helpers.
#   make up     set up, start Neo4j, ingest the sample corpus, serve API + explorer on :8000
#   make test   set up and run the whole test suite against a real Neo4j (and Chromium)

VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin

.PHONY: setup up down test explorer lint bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip setuptools wheel
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

explorer: setup
	$(BIN)/python -c "from danchieu.up import build_explorer; print(build_explorer(force=True))"

up: setup
	bash scripts/system-packages.sh
	$(BIN)/danchieu up

down: setup
	$(BIN)/danchieu down

test: setup
	bash scripts/system-packages.sh browser
	$(BIN)/python -c "from danchieu.up import build_explorer; print(build_explorer())"
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check danchieu api ingest graph queries tests bench
	$(BIN)/python scripts/typecheck.py   # mypy under the installed package names

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache test-output api/static/explorer
