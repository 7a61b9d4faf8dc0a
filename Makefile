# Two commands for a fresh clone: `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test test-floor fuzz bench bench-quick score fixtures lint clean

# (Re)install when the venv is missing or older than pyproject.toml.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The declared floor: a venv of its own with the lowest version of each direct dependency that
# pyproject.toml allows (constraints/floor.txt), built afresh whenever either file changes.
FLOOR_VENV := .venv-floor
FLOOR_PY := $(FLOOR_VENV)/bin/python
FLOOR_STAMP := $(FLOOR_VENV)/.installed

$(FLOOR_STAMP): pyproject.toml constraints/floor.txt
	rm -rf $(FLOOR_VENV)
	$(PYTHON) -m venv $(FLOOR_VENV)
	$(FLOOR_PY) -m pip install --quiet -c constraints/floor.txt -e '.[test]'
	$(FLOOR_PY) -m pip list --format=freeze | grep -iE '^(scrapy|trafilatura|twisted|lxml)=='
	touch $(FLOOR_STAMP)

demo: $(STAMP)
	$(PY) -m newsscraper.demo

# In CI (CI=true) the suite also runs on the lowest dependency versions pyproject.toml allows.
test: $(STAMP)
	$(PY) -m pytest
ifeq ($(CI),true)
	$(MAKE) test-floor
endif

test-floor: $(FLOOR_STAMP)
	$(FLOOR_PY) -m pytest

# The property tests of tests/test_fuzz.py with many more examples than `make test` gives them
# (a few minutes; FUZZ_EXAMPLES=N for more or fewer). A failure prints the input that broke.
FUZZ_EXAMPLES ?= 500
fuzz: $(STAMP)
	NEWSSCRAPER_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest tests/test_fuzz.py -p no:cacheprovider

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
	rm -rf $(VENV) $(FLOOR_VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
