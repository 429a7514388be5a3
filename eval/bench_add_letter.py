"""The cost of one new letter: time to add a letter to indexes of 1k and 10k letters.

    python eval/bench_add_letter.py [--letters 1000,10000] [--repeat 3]

Each index is a deterministic synthetic corpus (eval/synthetic.py) on disk and in the store;
one new letter file is dropped in and an incremental run indexes it (scan, hash, load,
embed its passages only, one atomic write). Medians are printed side by side with their
ratio and the machine. Model loading is excluded: it happens once, before timing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eval.bench_search import build_synthetic_index  # noqa: E402
from eval.machine import print_machine  # noqa: E402
from indexer.embedder import embedder_for  # noqa: E402
from indexer.pipeline import IndexPipeline  # noqa: E402
from indexer.settings import Settings  # noqa: E402

NEW_LETTER = ("3 March 2026\n\nDear Ms Patel,\n\nThe harbour authority will dredge the northern "
              "channel in April, and the ferry timetable will change while the work is under "
              "way.\n\nWe will write again when the survey of berth {n} is complete.\n\n"
              "Yours sincerely,\n\nAnn Other\nHarbour Master\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", default="1000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    embedder = embedder_for(Settings())
    print_machine()
    rows = []
    with tempfile.TemporaryDirectory(prefix="missive-add-") as folder:
        for letters in (int(n) for n in args.letters.split(",")):
            corpus = Path(folder) / f"corpus-{letters}"
            store = build_synthetic_index(Path(folder) / f"index-{letters}", letters * 10, embedder,
                                          keep_corpus=corpus)
            pipeline = IndexPipeline(store, embedder)
            times, embedded = [], []
            for n in range(args.repeat):
                (corpus / f"new-{n}.txt").write_text(NEW_LETTER.format(n=n))
                began = time.perf_counter()
                summary = pipeline.run(corpus)
                times.append(time.perf_counter() - began)
                embedded.append(summary.embedded)
                assert summary.added == [f"new-{n}.txt"], summary
            rows.append((letters, store.stats().passages, statistics.median(times), max(embedded)))
            store.close()
    print("\n| index | passages | add one letter (median) | passages embedded |\n|---|---:|---:|---:|")
    for letters, passages, seconds, embedded in rows:
        print(f"| {letters} letters | {passages} | {seconds:.2f} s | {embedded} |")
    if len(rows) > 1:
        print(f"\nratio {rows[-1][0]} : {rows[0][0]} letters = {rows[-1][2] / rows[0][2]:.2f} "
              f"(target: within 2x, and each under 2 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
