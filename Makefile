# The two commands a fresh machine needs: `make book` and `make test`. `make help` lists all.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8000

.DEFAULT_GOAL := help
.PHONY: help venv book pdf rebuild test test-fast lint format bench eval serve clean

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

venv: $(VENV)/.installed ## create .venv and install the locked requirements

book: venv ## build both editions (English, and Chinese under zh/) from the shipped data into _build/html
	$(PY) -m reportbook build
	@echo "open _build/html/index.html (or: make serve)"

pdf: venv ## the book and its PDF edition (_build/html/xinzhou-development-report.pdf; needs chromium)
	$(PY) -m reportbook build --pdf
	@echo "PDF: _build/html/xinzhou-development-report.pdf"

rebuild: venv ## rebuild, re-executing every chapter
	$(PY) -m reportbook build --force

test: venv lint ## lint, format check and the full test suite (builds the book, drives chromium)
	$(PY) -m pytest

lint: venv ## ruff: lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test-fast: venv ## the tests that need neither a book build nor a browser
	$(PY) -m pytest -m "not slow"

format: venv ## format the code with ruff
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

eval: venv ## extraction against the development corpus's gold (dev and holdout totals)
	$(PY) bench/eval_corpus.py --split dev
	$(PY) bench/eval_corpus.py --split holdout
	$(PY) bench/eval_corpus.py --split holdout2
	$(PY) bench/eval_corpus.py --split holdout13

bench: venv ## benchmarks: ours against the plain tools, medians and ratios
	$(PY) bench/bench_normalize.py
	$(PY) bench/bench_extract.py
	$(PY) bench/bench_build.py
	$(PY) bench/bench_editions.py

serve: ## serve _build/html on http://localhost:8000 (PORT=… to change)
	$(PYTHON) -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

clean: ## remove the build, the caches and the virtual environment
	rm -rf _build .cache $(VENV) .pytest_cache .ruff_cache
