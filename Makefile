# The two commands a newcomer needs: `make run` and `make test`. Both set up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test lint bench clean test-deps serve java

setup: $(STAMP) java

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,spark,train]'
	touch $(STAMP)

run: setup
	$(BIN)/saidwhat extract examples/council-budget.txt

lint: setup
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts

test: setup lint test-deps
	$(BIN)/python -m pytest -q

java:
	bash scripts/apt-install-if-missing.sh java openjdk-17-jre-headless

test-deps:
	bash scripts/apt-install-if-missing.sh /usr/bin/chromium chromium

serve: setup
	$(BIN)/saidwhat serve $(if $(DB),--db $(DB))

bench: setup
	$(BIN)/python scripts/bench.py

clean:
	rm -rf $(VENV) build *.egg-info
