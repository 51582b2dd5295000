# Build the estimate catalogue, charts and report from the seeds. `make help` lists targets.
#
# Make only installs the environment; what is stale is decided by `estimates run --if-changed`
# from the content of each notebook's inputs (a fresh clone rebuilds nothing that is up to date,
# a deleted seed is noticed), and a run publishes all its outputs at once or none.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
PARAMS ?= params/default.yaml
# `exec`: the run replaces the recipe's shell, so it is make's own child and dies with make.
RUN := exec $(BIN)/estimates run $(PARAMS)
OUTPUTS := data figures notebooks/executed reports

.DEFAULT_GOAL := all
.PHONY: all help catalogue charts tracing report lab test verify rebuild bench bench-env clean-venv

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 16

all: | $(INSTALLED) ## Install what is missing, then rebuild the outputs whose inputs changed
	$(RUN) --if-changed

$(INSTALLED): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check pip==25.3
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

catalogue: | $(INSTALLED) ## Rebuild data/estimates.csv, data/mentions.csv and the data dictionary if stale
	$(RUN) --if-changed --only 01

charts: | $(INSTALLED) ## Redraw the figures of notebooks 02 and 03 if stale
	$(RUN) --if-changed --only 02 03

tracing: | $(INSTALLED) ## Rebuild notebook 04 (tracing the claims), student and teacher versions, if stale
	$(RUN) --if-changed --only 04

report: | $(INSTALLED) ## Rewrite the HTML report (reports/index.html) from the published outputs
	exec $(BIN)/estimates report

lab: | $(INSTALLED) ## Open the notebooks in JupyterLab on 127.0.0.1 with the project's kernel
	exec $(BIN)/estimates lab

test: | $(INSTALLED) ## Run the whole test suite
	$(BIN)/pytest

rebuild: | $(INSTALLED) ## Rebuild every output from scratch, whatever is stale
	$(RUN)

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
