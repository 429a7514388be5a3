"""The question sets asked as people type in chat, all in lower case, beside as written.

    python eval/lower_case.py [--set tuning]

Names are found by their capitals ("Sir Robert Chote", "Home Office"); typed in lower case a
question loses them, and with them the writer, recipient and unknown names it gives. Each
question (and the earlier turns of a follow-up) is lower-cased and asked of the shipped
letters, indexed afresh; the same questions as written are measured beside them.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.evaluation import default_question_sets, evaluate, load_questions
from assistant.interfaces.settings import Settings
from assistant.service import Assistant
from indexer.embedder import embedder_for
from indexer.pipeline import IndexPipeline
from indexer.store import LocalStore

REPO = Path(__file__).resolve().parent.parent


def lower_cased(question):
    return dataclasses.replace(question, question=question.question.lower(),
                               history=[turn.lower() for turn in question.history])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="tuning", choices=("tuning", "holdout"))
    args = parser.parse_args()
    embedder = embedder_for(Settings())
    questions = load_questions(default_question_sets(REPO / "eval")[args.set])
    with tempfile.TemporaryDirectory(prefix="missive-lower-case-") as folder:
        store = LocalStore(Path(folder), embedder.name, embedder.dimension)
        IndexPipeline(store, embedder).run(REPO / "corpus")
        assistant = Assistant(store, embedder)
        print(f"| {args.set} set | recall@5 | citations | answerable declined | "
              f"no-answer declined |")
        print("|---|---:|---:|---:|---:|")
        for name, asked in (("as written", questions),
                            ("in lower case", [lower_cased(q) for q in questions])):
            report = evaluate(assistant, asked, ["hybrid"])
            answers = report["answers"]
            row = (report["retrieval"]["hybrid"]["all"]["recall@5"],
                   answers["citation_hit_rate"], answers["false_decline_rate"],
                   answers["no_answer_recall"])
            print(f"| {name} | " + " | ".join(f"{v:.1%}" for v in row) + " |")
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
