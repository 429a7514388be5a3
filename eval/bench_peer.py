"""Missive and a peer, txtai, side by side in one run: the same letters, questions and model.

    python eval/bench_peer.py [--sizes 1000,10000] [--queries 40] [--out eval/results]

1. The shipped letters, each system building its index from scratch with the real
   all-MiniLM-L6-v2 from the same local files: Missive's whole pipeline (read, split into
   letters and passages, embed, store) against txtai's hybrid index (BM25 + dense, FAISS)
   of the same passages. Both then answer every question in eval/: recall@1/@5 and MRR (a
   hit is a retrieved passage holding the evidence, as in `missive eval`) and query latency.
2. Search latency against corpus size: deterministic synthetic corpora (eval/synthetic.py)
   with the same passages and the same vectors in both (txtai's external-vectors method), so
   the search engines alone are compared; both encode queries with Missive's ONNX encoder.

Writes peer.md, peer.json and peer-latency.png (latency against corpus size) to --out.
Needs the bench extra: pip install -e '.[bench]'.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import faiss
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.evaluation import contains_evidence, load_questions, tuning_question_files  # noqa: E402
from assistant.service import Assistant  # noqa: E402
from eval.bench_search import build_synthetic_index, percentiles  # noqa: E402
from eval.machine import machine_report, print_machine  # noqa: E402
from indexer.embedder import embedder_for  # noqa: E402
from indexer.model_files import resolve_model_path  # noqa: E402
from indexer.pipeline import IndexPipeline  # noqa: E402
from assistant.interfaces.settings import Settings  # noqa: E402
from indexer.store import LocalStore  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
K = 10


def stored_passages(store: LocalStore) -> tuple[list[tuple[str, str]], np.ndarray]:
    """(passage id, text) pairs and their vectors, as the store holds them."""
    rows = store._conn.execute(
        "SELECT p.passage_id, p.text, e.vector FROM passages p JOIN embeddings e "
        "ON e.text_hash = p.text_hash AND e.model = ? ORDER BY p.id", (store.model,)).fetchall()
    vectors = np.frombuffer(b"".join(r[2] for r in rows), dtype="float32")
    return [(r[0], r[1]) for r in rows], vectors.reshape(len(rows), store.dimension)


class Missive:
    name = "Missive"

    def __init__(self, assistant: Assistant):
        self.assistant = assistant

    def search(self, question: str) -> list[str]:
        return [h.passage.passage_id for h in self.assistant.retrieve(question, k=K, mode="hybrid")]


class Txtai:
    name = "txtai"

    def __init__(self, embeddings):
        self.embeddings = embeddings

    @classmethod
    def build(cls, passages: list[tuple[str, str]], **config) -> "Txtai":
        from txtai import Embeddings

        embeddings = Embeddings(hybrid=True, content=False, backend="faiss", **config)
        embeddings.index([(pid, text, None) for pid, text in passages])
        return cls(embeddings)

    def search(self, question: str) -> list[str]:
        return [pid for pid, _ in self.embeddings.search(question, K)]


def retrieval_quality(system, questions, texts: dict[str, str]) -> dict:
    ranks = []
    for q in questions:
        found = system.search(q.question)
        ranks.append(next((i for i, pid in enumerate(found, 1)
                           if contains_evidence(texts[pid], q.evidence)), None))
    n = len(ranks)
    return {"questions": n, "recall@1": sum(r == 1 for r in ranks) / n,
            "recall@5": sum(bool(r and r <= 5) for r in ranks) / n,
            "recall@10": sum(r is not None for r in ranks) / n,
            "mrr": statistics.fmean(1 / r if r else 0 for r in ranks)}


def latency(system, questions: list[str], repeat: int = 2) -> dict:
    for q in questions[:5]:
        system.search(q)
    samples = []
    for _ in range(repeat):
        for q in questions:
            began = time.perf_counter()
            system.search(q)
            samples.append(time.perf_counter() - began)
    return percentiles(samples)


def shipped_corpus(embedder, folder: Path, questions) -> dict:
    store = LocalStore(folder / "missive", embedder.name, embedder.dimension)
    began = time.perf_counter()
    IndexPipeline(store, embedder).run(REPO / "corpus")
    missive_seconds = time.perf_counter() - began
    passages, _ = stored_passages(store)
    began = time.perf_counter()
    peer = Txtai.build(passages, path=str(resolve_model_path(embedder.name)),
                       method="sentence-transformers")
    txtai_seconds = time.perf_counter() - began
    texts = dict(passages)
    answerable = [q for q in questions if q.answerable]
    systems = [Missive(Assistant(store, embedder)), peer]
    result = {"passages": len(passages), "index_seconds": {"Missive": missive_seconds,
                                                           "txtai": txtai_seconds}}
    for system in systems:
        result[system.name] = {**retrieval_quality(system, answerable, texts),
                               "search_ms": latency(system, [q.question for q in answerable])}
    store.close()
    return result


def synthetic_corpus(embedder, folder: Path, size: int, questions: list[str]) -> dict:
    store = build_synthetic_index(folder / f"synthetic-{size}", size, embedder)
    passages, vectors = stored_passages(store)
    by_text = {text: vector for (_, text), vector in zip(passages, vectors)}

    def transform(texts):  # the stored vectors; queries through Missive's encoder
        return np.vstack([by_text[t] if t in by_text else embedder.encode_query(t) for t in texts])

    began = time.perf_counter()
    peer = Txtai.build(passages, method="external", transform=transform)
    txtai_seconds = time.perf_counter() - began
    row = {"passages": len(passages), "txtai_index_seconds_without_embedding": txtai_seconds,
           "Missive": latency(Missive(Assistant(store, embedder)), questions),
           "txtai": latency(peer, questions)}
    store.close()
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--out", type=Path, default=REPO / "eval" / "results")
    args = parser.parse_args()
    faiss.omp_set_num_threads(1)  # single queries, for both systems
    report = machine_report()
    print_machine(report)
    embedder = embedder_for(Settings())
    questions = load_questions(tuning_question_files(REPO / "eval"))
    with tempfile.TemporaryDirectory(prefix="missive-peer-") as folder:
        shipped = shipped_corpus(embedder, Path(folder), questions)
        print(f"shipped corpus done: {json.dumps(shipped)}", flush=True)
        texts = [q.question for q in questions][: args.queries]
        sizes = [synthetic_corpus(embedder, Path(folder), int(s), texts)
                 for s in args.sizes.split(",") if s]
    result = {"machine": report, "shipped": shipped, "sizes": sizes}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "peer.json").write_text(json.dumps(result, indent=2))
    plot(result, args.out / "peer-latency.png")
    text = markdown(result)
    (args.out / "peer.md").write_text(text)
    print(text)
    return 0


def plot(result: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    rows = result["sizes"]
    figure, axes = pyplot.subplots(figsize=(6, 4))
    for name, style in (("Missive", "o-"), ("txtai", "s--")):
        axes.plot([r["passages"] for r in rows], [r[name]["p50"] for r in rows], style, label=f"{name} p50")
        axes.plot([r["passages"] for r in rows], [r[name]["p95"] for r in rows], style,
                  alpha=0.4, label=f"{name} p95")
    axes.set_xscale("log")
    axes.set_xlabel("passages in the index")
    axes.set_ylabel("hybrid search latency (ms)")
    axes.set_title("Search latency against corpus size (same vectors)")
    axes.grid(True, alpha=0.3)
    axes.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=110)


def markdown(r: dict) -> str:
    m, s = r["machine"], r["shipped"]
    pct = lambda x: f"{x:.1%}"  # noqa: E731
    lines = [
        "# Missive and txtai, side by side", "",
        f"Machine: {m['cpu']}, {m['cores']} cores, Python {m['python']}; "
        + ", ".join(f"{k} {v}" for k, v in m["packages"].items() if v), "",
        f"## The shipped letters ({s['passages']} passages, {s['Missive']['questions']} answerable questions)", "",
        "Each system builds its index from scratch with the real model from the same local "
        "files; Missive's time includes reading and splitting the letters.", "",
        "| system | index build | recall@1 | recall@5 | recall@10 | MRR | search p50 / p95 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name in ("Missive", "txtai"):
        x = s[name]
        lines.append(f"| {name} | {s['index_seconds'][name]:.1f} s | {pct(x['recall@1'])} | "
                     f"{pct(x['recall@5'])} | {pct(x['recall@10'])} | {x['mrr']:.3f} | "
                     f"{x['search_ms']['p50']} / {x['search_ms']['p95']} ms |")
    a, b = s["Missive"], s["txtai"]
    lines += ["", f"Ratios Missive : txtai: recall@5 {a['recall@5'] / max(b['recall@5'], 1e-9):.2f}, "
              f"index build {s['index_seconds']['Missive'] / s['index_seconds']['txtai']:.2f}, "
              f"search p50 {a['search_ms']['p50'] / b['search_ms']['p50']:.2f}.", "",
              "## Search latency against corpus size", "",
              "Synthetic letters; both systems hold the same passages and vectors and encode "
              "queries the same way, so this compares the search engines.", "",
              "| passages | Missive p50 / p95 / p99 | txtai p50 / p95 / p99 | p50 ratio |",
              "|---:|---:|---:|---:|"]
    for row in r["sizes"]:
        x, y = row["Missive"], row["txtai"]
        lines.append(f"| {row['passages']} | {x['p50']} / {x['p95']} / {x['p99']} ms | "
                     f"{y['p50']} / {y['p95']} / {y['p99']} ms | {x['p50'] / y['p50']:.2f} |")
    lines += ["", "![latency against corpus size](peer-latency.png)", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
