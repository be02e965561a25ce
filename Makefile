# The two commands a newcomer needs: `make run` and `make test`. Each sets up only what it
# needs: `make run` the package alone (no Java, Chromium or PyTorch); `make test` everything
# the tests and the docs build use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BASE := $(VENV)/.installed-base
FULL := $(VENV)/.installed-test
TRAIN := $(VENV)/.installed-train

.PHONY: setup setup-test setup-train run test lint docs bench clean java chromium serve

# The package and what extraction, the archive and the server need.
setup: $(BASE)

# Everything `make test` uses: the dev, spark, train and docs extras, Java 17, Chromium.
setup-test: $(FULL) java chromium

# PyTorch and what fine-tuning the encoder (`saidwhat train`) and learning the noun lists
# (scripts/build_noun_lists.py) need.
setup-train: $(TRAIN)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(BASE): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TRAIN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[train]'
	touch $@ $(BASE)

$(FULL): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,spark,train,docs]'
	touch $@ $(BASE) $(TRAIN)

run: setup
	$(BIN)/saidwhat extract examples/council-budget.txt

lint: $(FULL)
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts

# The documentation site, checked: a broken link or a missing page fails the build.
docs: $(FULL)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet --site-dir build/site

test: setup-test lint docs
	$(BIN)/python -m pytest -q

java:
	bash scripts/apt-install-if-missing.sh java openjdk-17-jre-headless

chromium:
	bash scripts/apt-install-if-missing.sh /usr/bin/chromium chromium

# The web app; DB=archive.db (or $$SAIDWHAT_DB) to browse and write an archive too.
serve: setup
	@$(if $(or $(DB),$(SAIDWHAT_DB)),true,echo "No archive given: serving extraction only (make serve DB=archive.db to browse one).")
	$(BIN)/saidwhat serve $(if $(DB),--db $(DB))

bench: $(FULL)
	$(BIN)/python scripts/bench.py

clean:
	rm -rf $(VENV) build *.egg-info
