"""Where a plain hybrid library finds evidence Missive misses, by kind of question.

    python eval/peer_by_kind.py [--set tuning|holdout|both]

txtai's hybrid index (BM25 + dense, FAISS) is built over Missive's own passages of the
shipped letters with the same model files; each answerable question is then searched by
both, Missive the way `missive eval` asks it (a follow-up after its history), txtai with the
question alone (it has no conversation). Prints, per kind, how many questions each finds in
its top 5 and how many only txtai finds: a kind where the peer finds what Missive misses
points at something Missive's reading of questions gets wrong (session 13: people named by
role). Figures only, never which questions, so it may be run on the hold-out set.
Needs the bench extra: pip install -e '.[bench]'.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.evaluation import (
    contains_evidence,
    conversation_before,
    default_question_sets,
    load_questions,
)
from assistant.interfaces.settings import Settings
from assistant.service import Assistant
from eval.bench_peer import Txtai, stored_passages
from indexer.embedder import embedder_for
from indexer.model_files import resolve_model_path
from indexer.pipeline import IndexPipeline
from indexer.store import LocalStore

REPO = Path(__file__).resolve().parent.parent
TOP = 5


def by_kind(assistant: Assistant, peer: Txtai, texts: dict[str, str], questions) -> Counter:
    counts: Counter = Counter()
    for q in questions:
        if not q.answerable:
            continue
        turns = conversation_before(assistant, q) if q.history else []
        _, hits = assistant.evidence(q.question, turns, TOP)
        ours = any(contains_evidence(h.passage.text, q.evidence) for h in hits[:TOP])
        theirs = any(contains_evidence(texts[pid], q.evidence)
                     for pid in peer.search(q.question)[:TOP])
        for kind in (q.kind, "all"):
            counts[kind, "questions"] += 1
            counts[kind, "Missive"] += ours
            counts[kind, "txtai"] += theirs
            counts[kind, "txtai only"] += theirs and not ours
    return counts


def table(name: str, counts: Counter) -> str:
    kinds = sorted({k for k, _ in counts if k != "all"}) + ["all"]
    lines = [f"| {name} | questions | Missive top {TOP} | txtai top {TOP} | txtai only |",
             "|---|---:|---:|---:|---:|"]
    lines += [f"| {k} | {counts[k, 'questions']} | {counts[k, 'Missive']} | {counts[k, 'txtai']} "
              f"| {counts[k, 'txtai only']} |" for k in kinds]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=["tuning", "holdout", "both"], default="both")
    args = parser.parse_args()
    sets = ["tuning", "holdout"] if args.set == "both" else [args.set]
    embedder = embedder_for(Settings())
    with tempfile.TemporaryDirectory() as folder:
        store = LocalStore(Path(folder), embedder.name, embedder.dimension)
        IndexPipeline(store, embedder).run(REPO / "corpus")
        passages, _ = stored_passages(store)
        peer = Txtai.build(passages, path=str(resolve_model_path(embedder.name)),
                           method="sentence-transformers")
        assistant = Assistant(store, embedder)
        for name in sets:
            questions = load_questions(default_question_sets(REPO / "eval")[name])
            print(table(name, by_kind(assistant, peer, dict(passages), questions)), "\n")
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
