# Two commands for a fresh clone: `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test bench bench-quick score fixtures lint clean

# (Re)install when the venv is missing or older than pyproject.toml.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(PY) -m newsscraper.demo

test: $(STAMP)
	$(PY) -m pytest

# The bench extra (psutil, py-spy) on top of the test install, again when pyproject.toml changes.
BENCH_STAMP := $(VENV)/.bench-installed
$(BENCH_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,bench]'
	touch $(BENCH_STAMP)

# Every benchmark at full size; rewrites BENCHMARKS.md (about 10 minutes; exit 1: a target missed).
bench: $(BENCH_STAMP)
	$(PY) bench/run_all.py

# Every benchmark at small sizes, under a minute; prints only (a smoke test, not a result).
bench-quick: $(BENCH_STAMP)
	$(PY) bench/run_all.py --quick

score: $(STAMP)
	$(PY) ../shared/eval/score.py --cmd "$(PY) -m cleaners" -v

fixtures: $(STAMP)
	$(PY) -m cleaners.fixtures

# ruff on all code, mypy strict on cleaners/ (tools from the dev extra)
lint: $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,dev]'
	$(PY) -m ruff check cleaners newsscraper tests bench
	$(PY) -m mypy

# The venv and caches only: data/ holds the default store, which is never ours to delete.
clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
