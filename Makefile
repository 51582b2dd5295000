# Build the estimate catalogue, charts and report from the seeds. `make help` lists targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
PARAMS ?= params/default.yaml
RUN := $(BIN)/estimates run $(PARAMS) --only

SEEDS := $(wildcard seeds/*.txt) seeds/manifest.yaml
ANNOTATIONS := $(wildcard data/annotations/*.yaml)
REGISTRY := $(wildcard data/registry/*.yaml)
CODE := src/nkestimates/__init__.py src/nkestimates/errors.py src/nkestimates/files.py src/nkestimates/schema.py \
	src/nkestimates/registry.py src/nkestimates/pipeline.py src/nkestimates/checks.py
CATALOGUE_CODE := $(CODE) $(addprefix src/nkestimates/,numbers.py mentions.py seeds.py annotations.py \
	catalogue.py datapackage.py)
CHART_CODE := $(CODE) $(addprefix src/nkestimates/,charts.py figures.py method_charts.py transparency.py wording.py)
EXECUTED := notebooks/executed
TABLES := data/estimates.csv data/mentions.csv
CATALOGUE := $(TABLES) data/vocabulary.csv data/datapackage.json $(EXECUTED)/01-estimate-catalogue.ipynb
CHARTS := $(EXECUTED)/02-how-estimates-vary.ipynb $(EXECUTED)/03-how-methods-differ.ipynb
TRACING := $(EXECUTED)/04-tracing-the-claims-student.ipynb $(EXECUTED)/04-tracing-the-claims-teacher.ipynb
REPORT := reports/index.html
OUTPUTS := data figures notebooks/executed reports

.DEFAULT_GOAL := all
.PHONY: all help catalogue charts tracing report test verify rebuild bench bench-env clean-venv

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 16

all: catalogue charts tracing report ## Install what is missing, then build every stale output

$(INSTALLED): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check pip==25.3
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

catalogue: $(CATALOGUE) ## Build data/estimates.csv, data/mentions.csv and the data dictionary

$(CATALOGUE) &: notebooks/01-estimate-catalogue.py $(SEEDS) $(ANNOTATIONS) $(REGISTRY) \
		$(CATALOGUE_CODE) $(PARAMS) requirements.lock | $(INSTALLED)
	$(RUN) 01

charts: $(CHARTS) ## Draw the figures of notebooks 02 and 03 into figures/

$(EXECUTED)/%.ipynb: notebooks/%.py $(TABLES) $(REGISTRY) $(CHART_CODE) $(PARAMS) requirements.lock \
		| $(INSTALLED)
	$(RUN) $(firstword $(subst -, ,$*))

tracing: $(TRACING) ## Build notebook 04 (tracing the claims) in its student and teacher versions

$(TRACING) &: notebooks/04-tracing-the-claims.py notebooks/answers/04-tracing-the-claims.yaml $(TABLES) \
		$(REGISTRY) seeds/manifest.yaml $(CHART_CODE) src/nkestimates/tracing.py src/nkestimates/articles.py \
		$(PARAMS) requirements.lock \
		| $(INSTALLED)
	$(RUN) 04

report: $(REPORT) ## Write the HTML report (reports/index.html) from the executed notebooks

$(REPORT): $(CATALOGUE) $(CHARTS) $(TRACING) figures/index.csv $(SEEDS) $(REGISTRY) \
		$(addprefix src/nkestimates/,report.py articles.py wording.py seeds.py) | $(INSTALLED)
	$(BIN)/estimates report

test: | $(INSTALLED) ## Run the whole test suite
	$(BIN)/pytest

rebuild: | $(INSTALLED) ## Rebuild every output from scratch, whatever make thinks is stale
	$(BIN)/estimates run $(PARAMS)
	$(BIN)/estimates report

verify: rebuild ## Rebuild everything and fail if any committed output changed
	@git diff --exit-code --stat -- $(OUTPUTS) && \
	 test -z "$$(git status --porcelain --untracked-files=all -- $(OUTPUTS))" || \
	 { echo "error: the rebuild differs from the committed outputs (see above)"; exit 1; }

BENCH_VENV := build/bench-venv

bench-env: $(BENCH_VENV)/.installed ## Install quantulum3 and Recognizers-Text in their own environment

$(BENCH_VENV)/.installed: benchmarks/requirements-bench.lock
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet --disable-pip-version-check -r benchmarks/requirements-bench.lock
	touch $@

bench: bench-env | $(INSTALLED) ## Print the benchmarks: detector beside quantulum3 and Recognizers-Text, pipeline against its floor
	$(BIN)/python benchmarks/detector_throughput.py
	$(BIN)/python benchmarks/pipeline_time.py

clean-venv: ## Remove the virtual environment
	rm -rf $(VENV)
