# The two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test install install-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	npm ci --no-audit --no-fund --loglevel=error

## demo: install argmap into .venv, check the data, reason, evaluate, ask a question, and draw the map
demo: install
	$(BIN)/argmap check
	$(BIN)/argmap reason
	$(BIN)/argmap eval --explain bsj:freeze-disrupts-us-alliances
	$(BIN)/argmap query threats-faced
	$(BIN)/argmap build

## test: install what the tests need and run them all
test: install-test
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) viz/out build dist .pytest_cache
