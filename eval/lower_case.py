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

from assistant.evaluation import Question, default_question_sets, load_questions
from assistant.interfaces.settings import Settings
from eval.without_front_matter import measure, print_table
from indexer.embedder import embedder_for

REPO = Path(__file__).resolve().parent.parent


def lower_cased(question: Question) -> Question:
    return dataclasses.replace(question, question=question.question.lower(),
                               history=[turn.lower() for turn in question.history])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="tuning", choices=("tuning", "holdout"))
    args = parser.parse_args()
    embedder = embedder_for(Settings())
    questions = load_questions(default_question_sets(REPO / "eval")[args.set])
    with tempfile.TemporaryDirectory(prefix="missive-lower-case-") as folder:
        corpus = REPO / "corpus"
        rows = {"as written": measure(corpus, Path(folder) / "a", embedder, questions),
                "in lower case": measure(corpus, Path(folder) / "b", embedder,
                                         [lower_cased(q) for q in questions])}
    print_table(f"{args.set} set", rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
