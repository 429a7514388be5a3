"""Load on the live HTTP server: many concurrent clients for a bounded time.

    python eval/bench_http.py [--clients 32] [--seconds 60] [--ask-share 0.3]

Starts `missive serve` as its own process on 127.0.0.1 over the shipped corpus, drives it
from this process with asyncio clients sending a mix of searches and asks (the eval
questions), and prints requests per second, p50/p95/p99 and errors, beside the in-process
latency of the same queries (no HTTP, no concurrency) measured here first.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.evaluation import load_questions, tuning_question_files  # noqa: E402
from eval.live_server import free_port, start_server, wait_ready  # noqa: E402
from eval.machine import machine_report, print_machine  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def percentiles(samples: list[float]) -> dict:
    ms = sorted(s * 1000 for s in samples) or [0.0]
    pick = lambda q: ms[min(len(ms) - 1, int(q * len(ms)))]  # noqa: E731
    return {"p50": round(statistics.median(ms), 1), "p95": round(pick(0.95), 1),
            "p99": round(pick(0.99), 1)}


def in_process(index_dir: Path, questions: list[str]) -> dict:
    from assistant.service import Assistant
    from assistant.interfaces.settings import get_settings

    assistant = Assistant.open(get_settings(index_dir=index_dir))
    for q in questions[:3]:
        assistant.ask(q)
    search, ask = [], []
    for q in questions:
        began = time.perf_counter()
        assistant.search(q)
        search.append(time.perf_counter() - began)
        began = time.perf_counter()
        assistant.ask(q)
        ask.append(time.perf_counter() - began)
    return {"search_ms": percentiles(search), "ask_ms": percentiles(ask)}


async def drive(url: str, questions: list[str], clients: int, seconds: float,
                ask_share: float) -> dict:
    latencies: dict[str, list[float]] = {"search": [], "ask": []}
    errors: list[str] = []
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client_loop(number: int, client: httpx.AsyncClient) -> None:
        rng = random.Random(number)
        while time.monotonic() < deadline:
            question = rng.choice(questions)
            kind = "ask" if rng.random() < ask_share else "search"
            began = time.perf_counter()
            try:
                if kind == "ask":
                    response = await client.post("/ask", json={"question": question})
                else:
                    response = await client.get("/search", params={"q": question, "k": 10})
                if response.status_code != 200:
                    errors.append(f"{kind}: HTTP {response.status_code}")
                    continue
            except httpx.HTTPError as exc:
                errors.append(f"{kind}: {type(exc).__name__}")
                continue
            latencies[kind].append(time.perf_counter() - began)

    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:
        began = time.monotonic()
        await asyncio.gather(*(client_loop(n, client) for n in range(clients)))
        elapsed = time.monotonic() - began
    done = len(latencies["search"]) + len(latencies["ask"])
    return {"requests": done, "seconds": round(elapsed, 1), "rps": round(done / elapsed, 1),
            "search_ms": percentiles(latencies["search"]), "ask_ms": percentiles(latencies["ask"]),
            "all_ms": percentiles(latencies["search"] + latencies["ask"]),
            "errors": len(errors), "error_examples": sorted(set(errors))[:5]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--ask-share", type=float, default=0.3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    questions = [q.question for q in load_questions(tuning_question_files(REPO / "eval"))]
    report = machine_report()
    print_machine(report)
    with tempfile.TemporaryDirectory(prefix="missive-load-") as folder:
        index_dir = Path(folder) / "index"
        env = dict(os.environ, MISSIVE_INDEX_DIR=str(index_dir),
                   MISSIVE_CORPUS_DIR=str(REPO / "corpus"))
        subprocess.run([sys.executable, "-m", "assistant.interfaces.cli", "index", "--json"], env=env,
                       check=True, capture_output=True)
        baseline = in_process(index_dir, questions)
        port = free_port()
        server = start_server(env, port, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_ready(url, server, timeout=120)
            load = asyncio.run(drive(url, questions, args.clients, args.seconds, args.ask_share))
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"\n{args.clients} clients for {args.seconds:.0f} s, {args.ask_share:.0%} asks, "
          f"{len(questions)} distinct questions, shipped corpus\n")
    print("| | requests/s | search p50/p95/p99 | ask p50/p95/p99 | errors |\n|---|---:|---:|---:|---:|")
    s, a = load["search_ms"], load["ask_ms"]
    print(f"| HTTP under load | {load['rps']} | {s['p50']} / {s['p95']} / {s['p99']} ms | "
          f"{a['p50']} / {a['p95']} / {a['p99']} ms | {load['errors']} |")
    s, a = baseline["search_ms"], baseline["ask_ms"]
    print(f"| in process, one at a time | - | {s['p50']} / {s['p95']} / {s['p99']} ms | "
          f"{a['p50']} / {a['p95']} / {a['p99']} ms | - |")
    if load["errors"]:
        print("errors:", load["error_examples"])
    if args.json:
        args.json.write_text(json.dumps({"machine": report, "load": load, "in_process": baseline},
                                        indent=2))
    return 1 if load["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
