"""The int8 ONNX embedding backend against fp32 sentence-transformers, in one run.

    python eval/bench_embed.py [--passages 600] [--repeat 3] [--out eval/results]

Reports, for the same all-MiniLM-L6-v2 weights: passages per second (median of repeats, the
same deterministic synthetic passages for both), single-query latency (fp32 through PyTorch,
fp32 through the ONNX query encoder Missive uses by default, int8), the mean and lowest
cosine between the two backends' vectors, and recall@5 and citation hit rate on the
question sets with an index built by each backend. Writes embedding.md and embedding.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.evaluation import evaluate, load_questions, tuning_question_files  # noqa: E402
from assistant.service import Assistant  # noqa: E402
from eval.bench_index import passage_texts  # noqa: E402
from eval.machine import machine_report, print_machine  # noqa: E402
from eval.synthetic import write_synthetic_corpus  # noqa: E402
from indexer.embedder import embedder_for  # noqa: E402
from indexer.pipeline import IndexPipeline  # noqa: E402
from assistant.interfaces.settings import Settings  # noqa: E402
from indexer.store import LocalStore  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def per_second(embedder, texts: list[str], repeat: int) -> float:
    embedder.encode(texts[:16])  # warm up
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        embedder.encode(texts)
        times.append(time.perf_counter() - began)
    return len(texts) / statistics.median(times)


def query_ms(encode, questions: list[str]) -> float:
    for q in questions[:5]:
        encode(q)
    times = []
    for q in questions:
        began = time.perf_counter()
        encode(q)
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000


def quality(embedder, folder: Path, questions) -> dict:
    store = LocalStore(folder, embedder.name, embedder.dimension)
    IndexPipeline(store, embedder).run(REPO / "corpus")
    report = evaluate(Assistant(store, embedder), questions, ["hybrid", "dense"])
    store.close()
    return {"recall@5 hybrid": report["retrieval"]["hybrid"]["all"]["recall@5"],
            "recall@5 dense": report["retrieval"]["dense"]["all"]["recall@5"],
            "citation hit": report["answers"]["citation_hit_rate"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=REPO / "eval" / "results")
    args = parser.parse_args()
    report = machine_report()
    print_machine(report)
    fp32 = embedder_for(Settings(embed_backend="torch", query_encoder="onnx"))
    int8 = embedder_for(Settings(embed_backend="onnx-int8"))
    questions = load_questions(tuning_question_files(REPO / "eval"))
    texts_of_questions = [q.question for q in questions]
    with tempfile.TemporaryDirectory(prefix="missive-embed-") as folder:
        write_synthetic_corpus(Path(folder) / "corpus", REPO / "corpus", args.passages)
        texts = passage_texts(Path(folder) / "corpus")[: args.passages]
        sets = {"shipped letters": passage_texts(REPO / "corpus"), "synthetic": texts}
        speed = {name: {"fp32": per_second(fp32, chosen, args.repeat),
                        "int8": per_second(int8, chosen, args.repeat)}
                 for name, chosen in sets.items()}
        a, b = fp32.encode(texts), int8.encode(texts)
        cosine = (a * b).sum(axis=1)
        queries = {"fp32 PyTorch": query_ms(lambda q: fp32.encode([q])[0], texts_of_questions),
                   "fp32 ONNX (default)": query_ms(fp32.encode_query, texts_of_questions),
                   "int8 ONNX": query_ms(int8.encode_query, texts_of_questions)}
        scores = {"fp32": quality(fp32, Path(folder) / "fp32", questions),
                  "int8": quality(int8, Path(folder) / "int8", questions)}
    result = {"machine": report, "passages": {k: len(v) for k, v in sets.items()},
              "passages_per_second": speed,
              "cosine_mean": float(cosine.mean()), "cosine_min": float(cosine.min()),
              "query_ms": queries, "quality": scores}
    text = markdown(result)
    print(text)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "embedding.md").write_text(text)
    (args.out / "embedding.json").write_text(json.dumps(result, indent=2))
    return 0


def markdown(r: dict) -> str:
    m = r["machine"]
    q = r["quality"]
    lines = [
        "# Embedding backends: fp32 sentence-transformers and int8 ONNX", "",
        f"Machine: {m['cpu']}, {m['cores']} cores, Python {m['python']}; "
        + ", ".join(f"{k} {v}" for k, v in m["packages"].items() if v), "",
        "Encoding speed, median of repeats (fp32 in batches of 32, Missive's default; int8 in "
        "batches of 8, its fastest here):", "",
        "| passages | fp32 passages/s | int8 passages/s | int8 : fp32 |", "|---|---:|---:|---:|",
        *[f"| {name} ({r['passages'][name]}) | {s['fp32']:.1f} | {s['int8']:.1f} | "
          f"{s['int8'] / s['fp32']:.2f} |" for name, s in r["passages_per_second"].items()], "",
        "Quality on the question sets, each backend indexing the shipped letters:", "",
        "| backend | recall@5 hybrid | recall@5 dense | citation hit |", "|---|---:|---:|---:|",
        *[f"| {name} | {x['recall@5 hybrid']:.3f} | {x['recall@5 dense']:.3f} | "
          f"{x['citation hit']:.3f} |" for name, x in q.items()], "",
        f"Cosine between the two backends' vectors: mean {r['cosine_mean']:.4f}, lowest "
        f"{r['cosine_min']:.4f}.", "",
        "| single query | median |", "|---|---:|",
        *[f"| {name} | {ms:.2f} ms |" for name, ms in r["query_ms"].items()], "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
