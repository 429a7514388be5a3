"""Letter pages, threads and the ledger at 1k and 10k letters: read from the records index
runs derive (reply links, ledger sentences), against computing them per request as Missive
did before, side by side in one run.

    python eval/bench_records.py [--letters 1000,10000] [--requests 100] [--json FILE]

Each synthetic corpus (eval/synthetic.py, every second letter answering the one before it)
is stored and derived as an index run does; then, over the same letters:

- letter: `GET /letters/{id}` for a random letter (its text, passages, the letters it
  answers and those answering it);
- threads: `GET /threads` (first page of 100) and commitments: `GET /commitments` (first
  page of 100), through the real HTTP app in process;
- after a change: the first `/threads` listing after the records change makes the threads
  from every link (later listings are pages of it), and an index made by an earlier Missive
  derives every letter's records once (timed here by marking them all due again);
- the baseline: the same answers computed per request from the letters (each letter's links
  found by reading it, the replies by reading every candidate, the ledger by reading every
  letter's sentences), as before the records were derived: at 10k letters it is measured on
  fewer requests, since one takes seconds.

Prints p50/p95 per request and the ratio of medians, with the machine.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fastapi.testclient import TestClient

from assistant.browse import thread_index
from assistant.interfaces.http.app import create_app
from assistant.interfaces.settings import Settings
from assistant.service import Assistant
from eval.bench_search import build_synthetic_index, percentiles
from eval.machine import machine_report, print_machine
from indexer.derive import derive
from indexer.embedder import embedder_for
from indexer.ledger_sentences import ledger_sentences
from indexer.reply_links import links_from, possible_replies
from indexer.store import LetterFilter
from indexer.store.derived import ALL_LETTERS_PENDING

THREAD_CONFIDENCE = 0.5
PARAGRAPHS = 3  # short letters: what is measured is the records, not the texts
TARGET_MS = 20


# -- the baseline: what each request computed before the records were derived -------------

def letter_computed(store, letter_id: str) -> tuple[list[str], list[str]]:
    letter = store.letter(letter_id)
    store.letter_passages(letter_id)
    originals = [x.original_id for x in links_from(letter, store)
                 if x.confidence >= THREAD_CONFIDENCE]
    replies = [c.letter_id for c in possible_replies(letter, store)
               if any(x.original_id == letter_id and x.confidence >= THREAD_CONFIDENCE
                      for x in links_from(c, store))]
    return originals, replies


def threads_computed(store) -> int:
    links = []
    offset = 0
    while batch := store.letters(None, limit=500, offset=offset):
        links += [x for y in batch for x in links_from(y, store)
                  if x.confidence >= THREAD_CONFIDENCE]
        offset += len(batch)
    return len(links)


def ledger_computed(store) -> int:
    return sum(len(ledger_sentences(x)) for x in store.letters(LetterFilter(), limit=10_000))


def timed(call, times: int) -> dict:
    samples = []
    for _ in range(times):
        began = time.perf_counter()
        call()
        samples.append(time.perf_counter() - began)
    return percentiles(samples)


def measure(store, embedder, requests: int, baseline_requests: int) -> dict:
    stats = store.stats()
    ids = [x.letter_id for x in store.letters(limit=stats.letters)]
    rng = random.Random(20261130)
    picks = iter(rng.choice(ids) for _ in range(10 * requests))
    assistant = Assistant(store, embedder)
    settings = Settings(index_dir=Path(store.location), corpus_dir=Path(store.location) / "none")
    with TestClient(create_app(assistant, settings)) as client:
        def get(path: str) -> None:
            response = client.get(path)
            assert response.status_code == 200, response.text

        get("/threads")  # warm
        stored = {
            "letter": timed(lambda: get(f"/letters/{next(picks)}"), requests),
            "threads": timed(lambda: get("/threads?limit=100"), requests),
            "commitments": timed(lambda: get("/commitments?limit=100"), requests),
        }
        sample = client.get("/threads?limit=1").json()
        ledger_total = client.get("/commitments?limit=1").json()["total"]
    began = time.perf_counter()
    store._transact([(ALL_LETTERS_PENDING, [[]])])  # as an index made before the records
    derive(store)
    derive_seconds = time.perf_counter() - began
    rebuild = timed(lambda: thread_index(store), 3)
    computed = {
        "letter": timed(lambda: letter_computed(store, next(picks)), requests),
        "threads": timed(lambda: threads_computed(store), baseline_requests),
        "commitments": timed(lambda: ledger_computed(store), baseline_requests),
    }
    return {"letters": stats.letters, "passages": stats.passages,
            "threads": sample["total"], "ledger_entries": ledger_total,
            "derive_all_seconds": round(derive_seconds, 1), "threads_after_change_ms": rebuild,
            "stored_ms": stored, "computed_ms": computed,
            "ratio_p50": {k: round(stored[k]["p50"] / computed[k]["p50"], 3) for k in stored}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", default="1000,10000")
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args()
    report = machine_report()
    print_machine(report)
    embedder = embedder_for(Settings())
    rows = []
    with tempfile.TemporaryDirectory(prefix="missive-records-") as folder:
        for letters in (int(n) for n in args.letters.split(",") if n):
            began = time.perf_counter()
            store = build_synthetic_index(Path(folder) / f"index-{letters}", letters * PARAGRAPHS,
                                          embedder, paragraphs_per_letter=PARAGRAPHS,
                                          replies=True)
            print(f"built and derived {letters} letters in {time.perf_counter() - began:.0f}s",
                  flush=True)
            # one computed listing at 10k letters takes minutes
            rows.append(measure(store, embedder, args.requests,
                                baseline_requests=3 if letters < 10_000 else 1))
            store.close()
            print(json.dumps(rows[-1]), flush=True)
    print("\n| letters | request | stored p50 / p95 | computed per request p50 / p95 | ratio of "
          "p50s |\n|---:|---|---:|---:|---:|")
    for row in rows:
        for kind in ("letter", "threads", "commitments"):
            s, c = row["stored_ms"][kind], row["computed_ms"][kind]
            print(f"| {row['letters']} | {kind} | {s['p50']} / {s['p95']} ms | "
                  f"{c['p50']} / {c['p95']} ms | {row['ratio_p50'][kind]} |")
    for row in rows:
        t = row["threads_after_change_ms"]
        print(f"\n{row['letters']} letters: the first threads listing after a change "
              f"{t['p50']} ms; deriving every letter's records afresh "
              f"{row['derive_all_seconds']} s")
    print(f"\ntarget: every stored p50 <= {TARGET_MS} ms at 10k letters (through HTTP, in "
          f"process); threads and commitments are pages of 100")
    if args.json:
        args.json.write_text(json.dumps({"machine": report, "sizes": rows}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
