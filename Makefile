# Wrapup developer and CI entry points. Recipes stay small; the logic lives in scripts/.
# `make help` lists the targets.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
CARGO ?= cargo

# Ports of the local stack (`make local`, `make demo`, `make sim`).
WRAPUP_LOCAL_PORT ?= 3000
GENESYS_SIM_PORT ?= 8090
MOTO_PORT ?= 5000

# sam without telemetry; a region so validation does not depend on the machine's AWS config.
SAM := SAM_CLI_TELEMETRY=0 AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1 $(VENV)/bin/sam

.PHONY: help venv fmt fmt-check clippy sam-validate test local demo bench sim clean-local

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) \
		| awk -F':.*## ' '{ printf "  %-14s %s\n", $$1, $$2 }'

$(VENV)/.stamp: requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/.stamp ## Python tools (pinned moto, aws-sam-cli) in .venv

fmt: ## Format the Rust code
	$(CARGO) fmt --all

fmt-check: ## Check the Rust formatting
	$(CARGO) fmt --all -- --check

clippy: ## Lint everything, warnings are errors
	$(CARGO) clippy --workspace --all-targets -- -D warnings

sam-validate: venv ## Validate and lint template.yaml
	$(SAM) validate --lint --template template.yaml

test: venv fmt-check clippy sam-validate ## All checks, then every test against a private moto
	scripts/with-moto.sh scripts/cargo-test.sh

local: venv ## Run the local stack (moto, tables, queues, Genesys simulator) until Ctrl-C
	MOTO_PORT=$(MOTO_PORT) GENESYS_SIM_PORT=$(GENESYS_SIM_PORT) WRAPUP_LOCAL_PORT=$(WRAPUP_LOCAL_PORT) \
		$(CARGO) run -p wrapup-local -- up

demo: venv ## Start the local stack on free ports, run the demo, stop
	$(CARGO) run -p wrapup-local -- demo

bench: ## Run the benchmarks of the wrapup crate
	$(CARGO) bench -p wrapup

sim: ## Run the Genesys simulator alone on GENESYS_SIM_PORT
	$(CARGO) run -p genesys-sim -- --port $(GENESYS_SIM_PORT)

clean-local: ## Remove local state (.local: moto logs); keeps .venv and target
	rm -rf .local
