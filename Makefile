# The README's commands. Each target installs what it needs into .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The CPU build of torch must be installed before sentence-transformers, or pip pulls a multi-GB CUDA build.
TORCH ?= torch==2.13.0
SEEDS_INDEX := index/seeds
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install install-test postgres index run test eval-seeds eval-squad clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q $(TORCH)
	$(BIN)/pip install -q -e .
	touch $@

install-test: $(VENV)/.installed-test

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

# PostgreSQL and pgvector for the database store and its tests (needs root: it installs Debian packages).
postgres:
	bash scripts/install-postgres.sh

# `qa index` compares content hashes and settings, so an up-to-date index is left as it is.
index: install
	$(BIN)/qa index seeds --index $(SEEDS_INDEX)

run: index
	$(BIN)/qa serve --index $(SEEDS_INDEX) --host $(HOST) --port $(PORT)

test: install-test
	$(BIN)/ruff check .
	$(BIN)/pytest

# Quality figures on the evaluation data kept beside the project (../shared/eval).
EVAL ?= ../shared/eval

eval-seeds: index
	$(BIN)/qa eval $(EVAL)/seeds-dev.jsonl --index $(SEEDS_INDEX)

eval-squad: install
	$(BIN)/qa index $(EVAL)/squad-dev/articles --index index/squad
	$(BIN)/qa eval $(EVAL)/squad-dev/questions.jsonl --index index/squad

clean:
	rm -rf $(VENV) index/seeds index/squad .pytest_cache
