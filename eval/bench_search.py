"""Search and ask latency, in process, on the shipped corpus and synthetic corpora.

    python eval/bench_search.py [--sizes 1000,10000,100000] [--queries 80] [--faiss-index flat,hnsw]

Prints p50/p95/p99 of: the query embedding alone (the model's share), `search` (k=10,
hybrid) and `ask`, side by side in one run, with index memory and the machine. With more
than one FAISS index type, each synthetic corpus is measured again opened as each of the
others (`MISSIVE_FAISS_INDEX`), one row each. On the shipped corpus, the tuning set's
follow-ups too, each asked after its earlier turns.

Synthetic corpora are deterministic letters re-combined from the shipped letters' sentences
(eval/synthetic.py), split and stored by the real pipeline code. Their passage vectors are
the normalised sums of the real model's vectors of their sentences, so a 100k-passage index
is built in minutes rather than the ~40 minutes fp32 encoding would take; search latency
depends on the number and dimension of vectors, not on how they were made.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import faiss
import numpy as np
from threadpoolctl import ThreadpoolController

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.evaluation import (  # noqa: E402
    conversation_before,
    load_questions,
    tuning_question_files,
)
from assistant.service import Assistant  # noqa: E402
from eval.machine import machine_report, print_machine  # noqa: E402
from eval.synthetic import write_synthetic_corpus  # noqa: E402
from indexer.derive import derive  # noqa: E402
from indexer.embedder import embedder_for, sentence_embedder_for, text_hash  # noqa: E402
from indexer.letters import split_letters  # noqa: E402
from indexer.loaders import load_file  # noqa: E402
from indexer.passages import split_passages  # noqa: E402
from indexer.pipeline import IndexPipeline, scan_corpus  # noqa: E402
from indexer.sentences import passage_sentences, sentence_spans  # noqa: E402
from assistant.interfaces.settings import Settings  # noqa: E402
from indexer.store import FileChange, LocalStore  # noqa: E402
from indexer.store.terms import meaning_words  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def bench_setup(queries: int) -> tuple:
    """What a search benchmark starts with: FAISS on one thread (single queries: one thread
    beats two on a shared box), the model, the first `queries` tuning questions, and the
    machine, printed. Returns (embedder, questions, machine report)."""
    faiss.omp_set_num_threads(1)
    embedder = embedder_for(Settings())
    questions = [q.question for q in load_questions(tuning_question_files(REPO / "eval"))]
    report = machine_report()
    print_machine(report)
    return embedder, questions[:queries], report


def percentiles(samples: list[float]) -> dict:
    ms = sorted(s * 1000 for s in samples)
    pick = lambda q: ms[min(len(ms) - 1, int(q * len(ms)))]  # noqa: E731
    return {"p50": round(statistics.median(ms), 2), "p95": round(pick(0.95), 2),
            "p99": round(pick(0.99), 2)}


def build_synthetic_index(index_dir: Path, passages: int, embedder,
                          keep_corpus: Path | None = None, collections: int = 0,
                          store=None, paragraphs_per_letter: int = 10,
                          replies: bool = False, sentence_embedder=None) -> LocalStore:
    """A synthetic index of about `passages` passages (in `collections` folders, if given);
    with `keep_corpus`, its letter files are kept there, so incremental runs can be measured
    against it. `store`: write into this one instead of a new local store. The letters'
    shape is `write_synthetic_corpus`'s. With `sentence_embedder`, its vectors of the
    passages' sentences are kept too, as an index run with a sentence model keeps them."""
    store = store or LocalStore(index_dir, embedder.name, embedder.dimension)
    sentences: dict[str, np.ndarray] = {}
    with tempfile.TemporaryDirectory(prefix="missive-synthetic-") as folder:
        changes = synthetic_changes(keep_corpus or Path(folder), passages, embedder, sentences,
                                    collections, paragraphs_per_letter, replies)
        store.write(changes, [])
    # as an index run keeps them: answers match questions to sentences (and search, words the
    # letters never use to words they do) by these vectors, and
    # threads and the ledger are read from the records derived from the letters
    store.cache_vectors(sentences)
    if sentence_embedder is not None:  # the letters re-combine few distinct sentences
        texts = sorted({p.text[s:e] for c in changes for p in c.passages
                        for s, e in passage_sentences(p.text)})
        store.cache_vectors(dict(zip(map(text_hash, texts), sentence_embedder.encode(texts))),
                            sentence_embedder.name)
    derive(store)
    return store


def synthetic_changes(corpus: Path, passages: int, embedder,
                      sentence_cache: dict[str, np.ndarray] | None = None,
                      collections: int = 0, paragraphs_per_letter: int = 10,
                      replies: bool = False) -> list[FileChange]:
    """Write a synthetic corpus of about `passages` passages into `corpus` and return its
    files as the store writes them, each passage's vector composed from its sentences'.
    With `sentence_cache`, every sentence's and word's vector is added to it by text hash."""
    write_synthetic_corpus(corpus, REPO / "corpus", passages, paragraphs_per_letter,
                           collections, replies)
    sentence_vectors: dict[str, np.ndarray] = {}
    parsed = []
    for path in scan_corpus(corpus):
        data = path.read_bytes()
        letters = split_letters(load_file(data, path.relative_to(corpus).as_posix()))
        found = [p for letter in letters for p in split_passages(letter)]
        for p in found:
            for s, e in sentence_spans(p.text):
                sentence_vectors.setdefault(p.text[s:e], None)
            for word in meaning_words(p.text):  # cached beside them, as an index run does
                sentence_vectors.setdefault(word, None)
        parsed.append((path.relative_to(corpus).as_posix(), data, letters, found))
    missing = [s for s, v in sentence_vectors.items() if v is None]
    for sentence, vector in zip(missing, embedder.encode(missing)):
        sentence_vectors[sentence] = vector
    if sentence_cache is not None:
        sentence_cache.update((text_hash(t), v) for t, v in sentence_vectors.items())
    changes = []
    for name, data, letters, found in parsed:
        vectors = np.vstack([_compose(p.text, sentence_vectors) for p in found])
        changes.append(FileChange(name, text_hash(data.decode()), len(data), letters, found,
                                  vectors, (corpus / name).stat().st_mtime_ns))
    return changes


def _compose(text: str, sentence_vectors: dict[str, np.ndarray]) -> np.ndarray:
    vector = np.sum([sentence_vectors[text[s:e]] for s, e in sentence_spans(text)], axis=0)
    return (vector / np.linalg.norm(vector)).astype("float32")


def measure(name: str, store, embedder, questions: list[str], warmup: list[str],
            sentence_embedder=None) -> dict:
    """Each question searched and asked once, by assistants over the store that each see it
    first, so none finds the question's vector or sentences already in its memory; caches
    are warmed with other questions. Asked twice, side by side: with the sentence model (as
    `make run` sets it), and with the passages' model choosing the sentences too (the
    baseline). Then asked again, all of them after the rest, as the first with numpy's
    OpenBLAS on every core, as numpy would run it (an assistant limits it to one thread:
    `query_vectors.one_blas_thread`): not in turn with the others, as OpenBLAS's threads go
    on spinning after their work and would slow whatever is timed next."""
    searcher, assistant = Assistant(store, embedder), Assistant(
        store, embedder, sentence_embedder=sentence_embedder)
    baseline = Assistant(store, embedder)
    every_core = Assistant(store, embedder, sentence_embedder=sentence_embedder)
    for q in warmup:
        searcher.search(q, k=10)
        assistant.ask(q)
        baseline.ask(q)
    embed, search, ask, ask_baseline, ask_every_core = [], [], [], [], []
    for q in questions:
        began = time.perf_counter()
        embedder.encode_query(q)
        embed.append(time.perf_counter() - began)
        began = time.perf_counter()
        searcher.search(q, k=10)
        search.append(time.perf_counter() - began)
        began = time.perf_counter()
        assistant.ask(q)
        ask.append(time.perf_counter() - began)
        began = time.perf_counter()
        baseline.ask(q)
        ask_baseline.append(time.perf_counter() - began)
    with _openblas_on_every_core():
        for q in warmup:
            every_core.ask(q)
        for q in questions:
            began = time.perf_counter()
            every_core.ask(q)
            ask_every_core.append(time.perf_counter() - began)
    stats = assistant.store.stats()
    return {"corpus": name, "passages": stats.passages, "faiss_index": store.faiss_index,
            "queries": len(embed),
            "query_embedding_ms": percentiles(embed), "search_ms": percentiles(search),
            "ask_ms": percentiles(ask), "ask_without_sentence_model_ms": percentiles(ask_baseline),
            "ask_openblas_every_core_ms": percentiles(ask_every_core),
            # with 80 questions p99 is the slowest: which one, to look into
            "slowest_ask": {"ms": round(max(ask) * 1000, 1),
                            "question": questions[max(range(len(ask)), key=ask.__getitem__)]},
            # the database and FAISS files; the write-ahead log is scratch space
            "index_bytes": sum(f.stat().st_size for f in assistant.store.index_dir.iterdir()
                               if not f.name.endswith(("-wal", "-shm"))),
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def measure_follow_ups(store, embedder, sentence_embedder, follow_ups: list) -> dict:
    """The tuning set's follow-ups, each asked after its earlier turns (asked first, not
    timed) in a conversation of its own: with the sentence model, and side by side with the
    passages' model choosing the sentences too (the baseline). A follow-up's sentences are
    matched to its whole reading, earlier questions and all, a longer text to encode."""
    assistant = Assistant(store, embedder, sentence_embedder=sentence_embedder)
    baseline = Assistant(store, embedder)
    timed: dict[Assistant, list[float]] = {assistant: [], baseline: []}
    for question in follow_ups:
        for asking, samples in timed.items():
            turns = conversation_before(asking, question)
            began = time.perf_counter()
            asking.ask(question.question, history=turns)
            samples.append(time.perf_counter() - began)
    return {"follow_ups": len(follow_ups), "follow_up_ask_ms": percentiles(timed[assistant]),
            "follow_up_ask_without_sentence_model_ms": percentiles(timed[baseline])}


def _openblas_on_every_core():
    """OpenBLAS on as many threads as cores while in use (an assistant set it to one)."""
    return ThreadpoolController().select(internal_api="openblas").limit(limits=os.cpu_count())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="synthetic corpus sizes in passages (comma-separated)")
    parser.add_argument("--queries", type=int, default=80)
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--faiss-index", default="flat",
                        help="FAISS index types (comma-separated, of: flat, hnsw): the shipped "
                             "corpus is measured with the first, each synthetic one with each")
    args = parser.parse_args()
    kinds = [kind for kind in args.faiss_index.split(",") if kind]

    faiss.omp_set_num_threads(1)  # single queries: one thread beats two on a shared box
    settings = Settings()
    embedder, sentence_embedder = embedder_for(settings), sentence_embedder_for(settings)
    tuning = load_questions(tuning_question_files(REPO / "eval"))
    follow_ups = [q for q in tuning if q.history][: args.queries]
    questions = [q.question for q in tuning]
    questions, warmup = questions[: args.queries], questions[args.queries :][:5]
    report = machine_report()
    print_machine(report)
    results = []
    with tempfile.TemporaryDirectory(prefix="missive-bench-") as folder:
        shipped = LocalStore(Path(folder) / "shipped", embedder.name, embedder.dimension,
                             kinds[0])
        IndexPipeline(shipped, embedder, sentence_embedder=sentence_embedder).run(REPO / "corpus")
        results.append(measure("shipped corpus", shipped, embedder, questions, warmup,
                               sentence_embedder))
        results[0].update(measure_follow_ups(shipped, embedder, sentence_embedder,
                                             follow_ups))
        for size in (int(s) for s in args.sizes.split(",") if s):
            began = time.perf_counter()
            index_dir = Path(folder) / f"synthetic-{size}"
            store = build_synthetic_index(index_dir, size, embedder,
                                          sentence_embedder=sentence_embedder,
                                          store=LocalStore(index_dir, embedder.name,
                                                           embedder.dimension, kinds[0]))
            print(f"built synthetic {size} in {time.perf_counter() - began:.0f}s", flush=True)
            for kind in kinds:  # the same letters and vectors, opened as each type in turn
                if kind != kinds[0]:
                    store = LocalStore(index_dir, embedder.name, embedder.dimension, kind)
                name = f"synthetic {size}" + (f", {kind}" if len(kinds) > 1 else "")
                results.append(measure(name, store, embedder, questions, warmup,
                                       sentence_embedder))
                store.close()
    print("\n| corpus | passages | query embedding p50/p95 | search p50/p95/p99 | "
          "ask p50/p95/p99 | ask, passages' model for sentences, p50 (ratio) | "
          "ask, OpenBLAS on every core, p50 (ratio) | index MiB |"
          "\n|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        e, s, a, b, c = (r["query_embedding_ms"], r["search_ms"], r["ask_ms"],
                         r["ask_without_sentence_model_ms"], r["ask_openblas_every_core_ms"])
        print(f"| {r['corpus']} | {r['passages']} | {e['p50']} / {e['p95']} ms | "
              f"{s['p50']} / {s['p95']} / {s['p99']} ms | {a['p50']} / {a['p95']} / {a['p99']} ms | "
              f"{b['p50']} ms ({a['p50'] / b['p50']:.2f}x) | {c['p50']} ms ({a['p50'] / c['p50']:.2f}x) | "
              f"{r['index_bytes'] / 2**20:.1f} |")
    shipped_row = results[0]
    f, fb = shipped_row["follow_up_ask_ms"], shipped_row["follow_up_ask_without_sentence_model_ms"]
    print(f"\nfollow-ups on the shipped corpus ({shipped_row['follow_ups']}, each after its "
          f"earlier turns): ask p50/p95 {f['p50']} / {f['p95']} ms; passages' model for "
          f"sentences {fb['p50']} ms ({f['p50'] / fb['p50']:.2f}x)")
    print(f"\n{results[0]['queries']} queries per corpus; targets at 100k passages: "
          "search p50 <= 30 ms, ask p50 <= 60 ms\nslowest ask:")
    for r in results:
        print(f"- {r['corpus']}: {r['slowest_ask']['ms']} ms, {r['slowest_ask']['question']!r}")
    if args.json:
        args.json.write_text(json.dumps({"machine": report, "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
