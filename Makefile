# The two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test install install-test clean

$(BIN)/python:
	@printf '\n== %s\n' "creating a virtual environment in $(VENV) (once)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	@printf '\n== %s\n' "installing argmap and what it needs into $(VENV): rdflib, pyoxigraph, owlready2 (compiles once, ~20 s), pySHACL, pyvis …"
	$(BIN)/python -m pip install --quiet --progress-bar off -e .

install-test: $(BIN)/python
	@printf '\n== %s\n' "installing argmap with its test tools (pytest, Playwright, py_arg, hypothesis …) and @argdown/cli from npm"
	$(BIN)/python -m pip install --quiet --progress-bar off -e '.[test]'
	npm ci --no-audit --no-fund --loglevel=error

## demo: install argmap into .venv, check the data, reason, evaluate, ask a question, and draw the map
demo: install
	@printf '\n== %s\n' "1/5 check: the claims against the ontology's shapes, every quote against the article's text"
	$(BIN)/argmap check
	@printf '\n== %s\n' "2/5 reason: HermiT (Java) checks consistency and adds what follows; OWL 2 RL rules without Java"
	$(BIN)/argmap reason
	@printf '\n== %s\n' "3/5 eval: which claims stand, and why the thesis does"
	$(BIN)/argmap eval --explain bsj:freeze-disrupts-us-alliances
	@printf '\n== %s\n' "4/5 query: which states face which threats (queries/threats-faced.rq; argmap query --list for all)"
	$(BIN)/argmap query threats-faced
	@printf '\n== %s\n' "5/5 build: every view drawn as an interactive page that opens offline"
	$(BIN)/argmap build
	@printf '\n== %s\n' "done: open viz/out/index.html in a browser; the README's 'Using it' is the tour"

## test: install what the tests need and run them all
test: install-test
	@printf '\n== %s\n' "running the whole suite (browser tests need Chromium, reasoning Java, publishing Virtuoso: see README)"
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) viz/out build dist .pytest_cache
