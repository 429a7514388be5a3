"""The cost of one new letter: time to add a letter to indexes of 1k and 10k letters.

    python eval/bench_add_letter.py [--letters 1000,10000] [--repeat 3]

Each index is a deterministic synthetic corpus (eval/synthetic.py) on disk and in the store;
one new letter file is dropped in and indexed two ways:
- as the watched folder and uploads do, a run over the new file's path (`paths=[...]`):
  load, embed its passages only, one atomic write; this is the cost of a letter arriving;
- as `missive index` does, a run over the whole folder, which also checks every other
  file's size and time (one stat each), so it grows with the number of files.
Medians are printed side by side with their ratios and the machine. Model loading is
excluded: it happens once, before timing.
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
from assistant.interfaces.settings import Settings  # noqa: E402

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
            times: dict[str, list[float]] = {"arrival": [], "full scan": []}
            embedded = []
            for n in range(args.repeat):
                for way, paths in (("arrival", [f"new-{n}.txt"]), ("full scan", None)):
                    name = f"new-{n}-{way.replace(' ', '-')}.txt"
                    (corpus / name).write_text(NEW_LETTER.format(n=f"{n} {way}"))
                    began = time.perf_counter()
                    summary = pipeline.run(corpus, paths=paths and [name])
                    times[way].append(time.perf_counter() - began)
                    embedded.append(summary.embedded)
                    assert summary.added == [name], summary
            rows.append((letters, store.stats().passages, statistics.median(times["arrival"]),
                         statistics.median(times["full scan"]), max(embedded)))
            store.close()
    print("\n| index | passages | one letter arriving (median) | with a full-folder scan "
          "(median) | passages embedded |\n|---|---:|---:|---:|---:|")
    for letters, passages, arrival, full, embedded in rows:
        print(f"| {letters} letters | {passages} | {arrival * 1000:.0f} ms | {full * 1000:.0f} ms "
              f"| {embedded} |")
    if len(rows) > 1:
        big, small = rows[-1], rows[0]
        print(f"\nratio {big[0]} : {small[0]} letters: arriving {big[2] / small[2]:.2f}, "
              f"full scan {big[3] / small[3]:.2f} (target: within 2x, and each under 2 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
