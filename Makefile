# Pathfinder: `make run` and `make test` each set themselves up on a fresh clone.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV   := .venv
PY     := $(VENV)/bin/python
RASA   := $(VENV)/bin/rasa
export PATHFINDER_DATABASE_URL ?= sqlite:///var/pathfinder.db
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export TF_CPP_MIN_LOG_LEVEL := 3

.PHONY: help install system-deps lmi train run run-scaled shell test test-unit test-stories test-e2e audit bench bench-load validate clean

help:
	@echo "make run     set up, build the LMI database, train if needed, start everything"
	@echo "make test    set up and run every test (unit, rasa test stories, end-to-end)"
	@echo "make bench   print speed and accuracy figures"
	@echo "make audit   print published advisories for the pinned dependencies (pip-audit; see SECURITY.md)"
	@echo "make run-scaled  the scaled layout: PostgreSQL, Redis, 2 Rasa replicas, HAProxy (docs/deployment.md)"
	@echo "make bench-load  load test (locust): stock rasa init vs Pathfinder embedded vs scaled (~20 min)"
	@echo "make train   train the Rasa model if training data or config changed"
	@echo "make shell   talk to the assistant in the terminal (rasa shell)"
	@echo "make install create .venv with Python 3.10 and the pinned dependencies"

install:
	@scripts/setup-venv

system-deps:
	@scripts/install-system-deps

lmi: install
	@$(PY) -m lmi load --if-changed

train: install
	@$(PY) -m bot.train

run: install lmi train
	@$(PY) -m bot.launch

run-scaled: install system-deps train
	@$(PY) -m bot.scaled

shell: install lmi train
	@$(PY) -m bot.launch --shell

validate: install
	@$(PY) -m bot.train --validate-only

test-unit: install
	@$(PY) -m pytest -q -m "not e2e" tests

test-stories: install train
	@$(PY) -m bot.story_test

test-e2e: install system-deps train
	@$(PY) -m pytest -q -m e2e tests

audit:
	@scripts/audit-dependencies

test: system-deps test-unit validate test-stories test-e2e audit

bench: install lmi train
	@$(PY) -m bench

.venv-bench/bin/locust: bench/load/requirements.txt
	@scripts/setup-bench-venv

bench-load: install system-deps train .venv-bench/bin/locust
	@$(PY) -m bench.load

clean:
	rm -rf build models results var/*.db
