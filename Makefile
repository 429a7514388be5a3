# Two commands matter: `make run` and `make test`. Both install into .venv when needed.
VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin
# Re-install only when the project's requirements change.
STAMP  := $(VENV)/.installed-stamp

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install run index serve test bench eval clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# The CPU wheel first: anything that later asks for torch finds it satisfied.
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: install
	$(BIN)/missive index
	$(BIN)/missive serve

index: install
	$(BIN)/missive index

serve: install
	$(BIN)/missive serve

test: install
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python eval/bench_index.py

clean:
	rm -rf var .pytest_cache
