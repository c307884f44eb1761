# The two commands a new user needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: help run test mutation bench docs lint format clean

## help: list these targets (what plain `make` does)
help:
	@sed -n -e 's/^## \([a-z]*:\)/\1/p' -e 's/^## /    /p' $(MAKEFILE_LIST)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml package.json package-lock.json | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	npm ci --no-audit --no-fund --silent
	touch $(STAMP)

# grlc serves queries/ as a Web API in the tests; it pins its own dependencies (an older
# rdflib among them), so it lives in a virtual environment of its own
GRLC  := .venv-grlc
$(GRLC)/.installed: Makefile
	$(PYTHON) -m venv $(GRLC)
	$(GRLC)/bin/pip install --quiet 'grlc==1.3.11'
	touch $@

# Eurostat's police-recorded offences: the reference copy beside the clone, or Eurostat's own file
STATISTICS_TSV ?= ../shared/reference/statistics/estat_crim_off_cat.tsv
STATISTICS_URL := https://ec.europa.eu/eurostat/api/dissemination/sdmx/2.1/data/crim_off_cat?format=TSV&compressed=true

## run: install, build the graph from data/sources (validating it), print a summary, run the saved
## queries, export the network views, import Eurostat's crim_off_cat into out/statistics.ttl when
## STATISTICS_TSV is there (else say where to get it), and write the static site to out/site
## (with its statistics page when the import ran)
run: $(STAMP)
	$(BIN)/roadmapkg build
	$(BIN)/roadmapkg summary
	$(BIN)/roadmapkg run-queries --output out/queries
	$(BIN)/roadmapkg export --view all --format all
	@if [ -f $(STATISTICS_TSV) ]; then \
	  $(BIN)/roadmapkg import eurostat $(STATISTICS_TSV) -o out/statistics.ttl && \
	  $(BIN)/roadmapkg site --output out/site --statistics out/statistics.ttl; \
	else echo "Statistics left out: $(STATISTICS_TSV) is absent. Download Eurostat's table" \
	  "($(STATISTICS_URL)) and run: $(BIN)/roadmapkg import eurostat FILE, then" \
	  "$(BIN)/roadmapkg site --statistics out/statistics.ttl" && \
	  $(BIN)/roadmapkg site --output out/site; fi

## test: install what the tests need, lint, and run the whole suite
test: $(STAMP) $(GRLC)/.installed lint
	$(BIN)/pytest

## mutation: mutation testing (mutmut) of the modules that decide correctness, outside `make
## test`; the modules and the tests it runs are in pyproject.toml [tool.mutmut]. Then
## `$(BIN)/mutmut results` lists the survivors, `$(BIN)/mutmut show NAME` shows one
mutation: $(STAMP)
	$(BIN)/pip install --quiet -e '.[test,mutation]'
	ROADMAPKG_SHARED=$(abspath ../shared) $(BIN)/mutmut run --max-children 2
	$(BIN)/python tests/mutation_score.py

## bench: the pipeline at 10k, 100k and 1M events, fast and plain paths, three runs each in a
## fresh process, the two paths' answers compared at every size (writes out/bench.json and
## out/bench.md, the tables of bench/RESULTS.md; about 35-40 minutes on two cores, on a quiet
## machine), then the embedded engines on the saved queries (out/bench-engines.json), then
## `import eurostat` on STATISTICS_TSV with each validation engine (out/bench-statistics.json). To
## time-box it: make bench BENCH_SIZES=10000,100000 BENCH_RUNS=3 BENCH_PLAIN_MAX=100000
BENCH_SIZES ?= 10000,100000,1000000
BENCH_RUNS ?= 3
BENCH_PLAIN_MAX ?= 100000
bench: $(STAMP)
	$(BIN)/python bench/pipeline.py --sizes $(BENCH_SIZES) --runs $(BENCH_RUNS) \
		--plain-max $(BENCH_PLAIN_MAX)
	$(BIN)/python bench/report.py out/bench.json > out/bench.md
	$(BIN)/python bench/engines.py
	$(BIN)/python bench/eurostat_import.py --table $(STATISTICS_TSV)

## docs: render the README picture of the policy view (needs Graphviz's dot)
docs: $(STAMP)
	$(BIN)/roadmapkg export --view policy --format png -o docs/policy.png

## lint: ruff's lint and format checks, and import-linter's check that each package imports only
## the stages before it (pyproject.toml [tool.importlinter]; part of make test)
lint: $(STAMP)
	$(BIN)/ruff check src tests bench examples
	$(BIN)/ruff format --check src tests bench examples
	$(BIN)/lint-imports --no-cache

## format: let ruff format the code and fix what it can
format: $(STAMP)
	$(BIN)/ruff format src tests bench examples
	$(BIN)/ruff check --fix src tests bench examples

## clean: remove .venv, .venv-grlc, out/, node_modules/ and mutants/
clean:
	rm -rf $(VENV) $(GRLC) out node_modules mutants
