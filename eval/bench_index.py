"""Index throughput: the whole pipeline against raw `model.encode` on the same passages.

    python eval/bench_index.py [--passages 20000] [--repeat 3]

The model is the physical limit; everything else (loading, splitting, hashing, SQLite,
FAISS) is overhead. Both are timed in this one process on the same passage texts,
alternating, and the medians and their ratio are printed with the machine.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eval.machine import machine_report, print_machine  # noqa: E402
from eval.synthetic import write_synthetic_corpus  # noqa: E402
from indexer.embedder import embedder_for  # noqa: E402
from indexer.letters import split_letters  # noqa: E402
from indexer.loaders import load_file  # noqa: E402
from indexer.passages import split_passages  # noqa: E402
from indexer.pipeline import IndexPipeline, scan_corpus  # noqa: E402
from assistant.interfaces.settings import Settings  # noqa: E402
from indexer.store import LocalStore  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def passage_texts(corpus: Path) -> list[str]:
    return [p.text for path in scan_corpus(corpus)
            for letter in split_letters(load_file(path.read_bytes(), path.name))
            for p in split_passages(letter)]


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench(name: str, corpus: Path, embedder, repeat: int) -> dict:
    texts = passage_texts(corpus)
    raw, pipeline = [], []
    for _ in range(repeat):
        began = time.perf_counter()
        embedder._model.encode(texts, batch_size=embedder.batch_size, normalize_embeddings=True,
                               show_progress_bar=False)
        raw.append(len(texts) / (time.perf_counter() - began))
        index_dir = Path(tempfile.mkdtemp(prefix="missive-bench-"))
        try:
            store = LocalStore(index_dir, embedder.name, embedder.dimension)
            began = time.perf_counter()
            summary = IndexPipeline(store, embedder).run(corpus)
            pipeline.append(summary.passages / (time.perf_counter() - began))
            store.close()
        finally:
            shutil.rmtree(index_dir)
    result = {"corpus": name, "passages": len(texts), "repeat": repeat,
              "raw_encode_passages_per_s": round(statistics.median(raw), 1),
              "pipeline_passages_per_s": round(statistics.median(pipeline), 1),
              "peak_rss_mib": round(peak_rss_mib(), 1)}
    result["ratio"] = round(result["pipeline_passages_per_s"] / result["raw_encode_passages_per_s"], 3)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=4000,
                        help="size of the synthetic corpus (default 4000; the issue's 20000 "
                             "takes about 15 minutes here)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args()

    settings = Settings()
    embedder = embedder_for(settings)
    report = machine_report()
    print_machine(report)
    results = [bench("shipped corpus", REPO / "corpus", embedder, args.repeat)]
    with tempfile.TemporaryDirectory(prefix="missive-synthetic-") as folder:
        write_synthetic_corpus(Path(folder), REPO / "corpus", args.passages)
        results.append(bench(f"synthetic {args.passages}", Path(folder), embedder,
                             max(1, args.repeat - 2)))
    print("\n| corpus | passages | raw encode (passages/s) | pipeline (passages/s) | ratio | "
          "peak RSS (MiB) |\n|---|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['corpus']} | {r['passages']} | {r['raw_encode_passages_per_s']} | "
              f"{r['pipeline_passages_per_s']} | {r['ratio']} | {r['peak_rss_mib']} |")
    print("\nmedians over the runs; target: ratio >= 0.85")
    if args.json:
        args.json.write_text(json.dumps({"machine": report, "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
