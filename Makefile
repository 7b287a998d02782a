# The README's commands. Each target installs what it needs into .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The CPU build of torch must be installed before sentence-transformers, or pip pulls a multi-GB CUDA build.
TORCH ?= torch==2.13.0
SEEDS_INDEX := index/seeds
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install install-test postgres index run test screenshot eval-seeds eval-squad fit fit-statements clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q $(TORCH)
	$(BIN)/pip install -q -e .
	touch $@

install-test: $(VENV)/.installed-test

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test,int8]'
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

# The README's picture of the chat page (docs/chat.png), from the browser test's desktop screenshot; tests
# themselves only write under build/screenshots/.
SHOT := build/screenshots/article-desktop-light.png

screenshot: install-test
	rm -f $(SHOT)
	$(BIN)/pytest tests/test_browser.py -q -k "answer_is_the_sentence and desktop-light"
	@test -f $(SHOT) || { echo "make screenshot: no $(SHOT) (is chromium installed?)" >&2; exit 1; }
	cp $(SHOT) docs/chat.png

# Quality figures on the evaluation data kept beside the project (../shared/eval; EVAL=DIR for another copy).
EVAL ?= ../shared/eval
need_eval = @test -e $(1) || { echo "make $@: $(1) not found; the evaluation data is not in the repository but \
beside it in ../shared/eval (README: Evaluation data); set EVAL=DIR to use a copy elsewhere" >&2; exit 1; }

eval-seeds:
	$(call need_eval,$(EVAL)/seeds-dev.jsonl)
	@$(MAKE) --no-print-directory index
	$(BIN)/qa eval $(EVAL)/seeds-dev.jsonl --index $(SEEDS_INDEX)

eval-squad:
	$(call need_eval,$(EVAL)/squad-dev/questions.jsonl)
	@$(MAKE) --no-print-directory install
	$(BIN)/qa index $(EVAL)/squad-dev/articles --index index/squad
	$(BIN)/qa eval $(EVAL)/squad-dev/questions.jsonl --index index/squad

# Refit the answer model shipped in qa/answer/model.json on the evaluation data (split by article).
fit: install
	$(BIN)/pip install -q -e '.[fit]'
	$(BIN)/qa fit --data $(EVAL)/squad-dev/questions.jsonl $(EVAL)/squad-dev/articles \
	  --data $(EVAL)/squad2-dev/questions.jsonl $(EVAL)/squad2-dev/articles \
	  --data $(EVAL)/news-dev/questions.jsonl $(EVAL)/news-dev/articles \
	  --data $(EVAL)/seeds-dev.jsonl seeds

# Refit the statements model shipped in qa/answer/on_topic.json on bench/statements-bbc.jsonl, over an index of
# the BBC archive: on the development parts up to dev43 (a part labelled later is measured blind before it is fitted).
fit-statements: install
	$(call need_eval,$(EVAL)/bbc-news/articles)
	$(BIN)/pip install -q -e '.[fit]'
	$(BIN)/qa index $(EVAL)/bbc-news/articles --index index/bbc-news
	$(BIN)/python bench/fit_on_topic.py index/bbc-news --last-part dev43

clean:
	rm -rf $(VENV) index/seeds index/squad .pytest_cache build/screenshots
