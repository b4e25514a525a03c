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

.PHONY: help venv browser fmt fmt-check clippy sam-validate test test-fast schemathesis bench-request local demo bench eval sim clean-local backfill

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

browser: ## Headless Chromium for the report screenshot test (installs Debian's chromium when root)
	@if [ "$${WRAPUP_SKIP_BROWSER_TESTS:-}" = 1 ]; then echo "WRAPUP_SKIP_BROWSER_TESTS=1: not checking Chromium"; \
	else scripts/ensure-chromium.sh; fi

test: venv browser fmt-check clippy sam-validate ## All checks, every test against a private moto, then schemathesis on the local stack
	scripts/with-moto.sh scripts/cargo-test.sh
	scripts/schemathesis.sh

test-fast: ## The fast tier alone: plain `cargo test`, in memory, no moto, no browser (make test runs both tiers)
	$(CARGO) test --workspace

schemathesis: venv ## Only the API contract check: schemathesis on docs/openapi.yaml against the local stack, with a token
	scripts/schemathesis.sh

local: venv ## Run the local stack (moto, tables, queues, Genesys simulator) until Ctrl-C
	MOTO_PORT=$(MOTO_PORT) GENESYS_SIM_PORT=$(GENESYS_SIM_PORT) WRAPUP_LOCAL_PORT=$(WRAPUP_LOCAL_PORT) \
		$(CARGO) run -p wrapup-local -- up

demo: venv ## Start the local stack on free ports, run the demo, stop
	$(CARGO) run -p wrapup-local -- demo

bench: venv ## Run the benchmarks (client, pipeline, handler; figures go in docs/benchmarks.md)
	scripts/with-moto.sh $(CARGO) bench -p wrapup -p summary-api

bench-request: venv ## CPU, wall time and peak RSS per summary request of the release summary-api behind a local Lambda Runtime API; init, RSS and size of every function
	$(CARGO) build --release -p summary-api -p crm-sync -p archive-miner -p assist-callback -p hello-lambda
	$(CARGO) run -q -p wrapup-local -- bench-request --requests $(or $(REQUESTS),300)

eval: venv ## Run the labelled calls of eval/ through the redactor, verification, the built-in summary and the whole pipeline; print the figures
	WRAPUP_EVAL_MISSES=$(MISSES) $(CARGO) test -q -p wrapup-eval --test it redaction:: -- --nocapture
	WRAPUP_EVAL_MISSES=$(MISSES) $(CARGO) test -q -p wrapup-eval --test it summary:: -- --nocapture
	WRAPUP_EVAL_MISSES=$(MISSES) scripts/with-moto.sh $(CARGO) test -q -p summary-api --test it eval_ -- --include-ignored --nocapture

# make dlq-replay QUEUE=CrmSyncDLQ [TO=CrmSyncQueue] [STACK=my-stack] [ENDPOINT=http://127.0.0.1:5000]
#   [MAX=100] [DRY_RUN=1]. Without ENDPOINT it talks to real AWS (docs/operations.md, DLQ replay).
.PHONY: dlq-replay
dlq-replay: ## Move a DLQ's messages back to their queue (QUEUE=url|logical id; TO, STACK, ENDPOINT, MAX, DRY_RUN=1)
	@test -n "$(QUEUE)" || { echo "usage: make dlq-replay QUEUE=<DLQ URL or logical id> [TO=...] [STACK=...] [ENDPOINT=...] [MAX=n] [DRY_RUN=1]" >&2; exit 2; }
	$(CARGO) run --quiet -p wrapup-ops -- dlq-replay --queue '$(QUEUE)' \
		$(if $(TO),--to '$(TO)') $(if $(STACK),--stack-name '$(STACK)') \
		$(if $(ENDPOINT),--endpoint '$(ENDPOINT)') $(if $(MAX),--max '$(MAX)') $(if $(DRY_RUN),--dry-run)

# make backfill FROM=2026-11-01 TO=2026-11-07 [MEDIA=voice,chat] [STACK=my-stack] [ENDPOINT=http://127.0.0.1:5000]
#   Without ENDPOINT it talks to real AWS (docs/operations.md, Archive mining).
backfill: ## Ask the archive miner to mine a window (FROM, TO; MEDIA, STACK, ENDPOINT)
	@test -n "$(FROM)" -a -n "$(TO)" || { echo "usage: make backfill FROM=YYYY-MM-DD TO=YYYY-MM-DD [MEDIA=voice,chat] [STACK=...] [ENDPOINT=...]" >&2; exit 2; }
	$(CARGO) run --quiet -p wrapup-ops -- backfill --from '$(FROM)' --to '$(TO)' \
		$(if $(MEDIA),--media-types '$(MEDIA)') $(if $(STACK),--stack-name '$(STACK)') \
		$(if $(ENDPOINT),--endpoint '$(ENDPOINT)')

sim: ## Run the Genesys simulator alone on GENESYS_SIM_PORT
	$(CARGO) run -p genesys-sim -- --port $(GENESYS_SIM_PORT)

clean-local: ## Remove local state (.local: moto logs); keeps .venv and target
	rm -rf .local
