"""Sweep the two no-answer thresholds over the tuning set (never the hold-out set).

    python eval/calibrate_no_answer.py [--index-dir DIR]

A question is declined when its topic words are too few in the quoted letters
(`assistant.grounding.MIN_TOPIC_COVERAGE`) and no quoted sentence is close enough to it in
meaning (`MIN_SIMILARITY`), or when a hard check fails (a name no letter holds, a writer who
wrote nothing, a date or figure not in the letter). For each pair of thresholds this prints
how many answerable questions are wrongly declined and how many no-answer questions are
rightly declined; `assistant/grounding.py` records the choice and these figures.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant import grounding  # noqa: E402
from assistant.evaluation import conversation_before, load_questions, tuning_question_files  # noqa: E402
from assistant.service import Assistant  # noqa: E402
from indexer.settings import get_settings  # noqa: E402

COVERAGES = (0.3, 0.4, 0.5, 0.6)
SIMILARITIES = (0.4, 0.5, 0.6, 1.0)  # 1.0: meaning never grounds on its own


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path)
    args = parser.parse_args()
    assistant = Assistant.open(get_settings(index_dir=args.index_dir))
    questions = load_questions(tuning_question_files(Path(__file__).resolve().parent))
    turns = {q.id: conversation_before(assistant, q) for q in questions if q.history}
    answerable = [q for q in questions if q.answerable]
    unanswerable = [q for q in questions if not q.answerable]
    print(f"{len(answerable)} answerable, {len(unanswerable)} no-answer questions (tuning set)\n")
    print("| topic coverage | similarity | answerable declined | no-answer declined |\n|---:|---:|---:|---:|")
    for coverage in COVERAGES:
        for similarity in SIMILARITIES:
            grounding.MIN_TOPIC_COVERAGE, grounding.MIN_SIMILARITY = coverage, similarity
            declined = {q.id: assistant.ask(q.question, history=turns.get(q.id)).no_answer
                        for q in questions}
            wrong = sum(declined[q.id] for q in answerable)
            right = sum(declined[q.id] for q in unanswerable)
            print(f"| {coverage:.1f} | {similarity:.1f} | {wrong} ({wrong / len(answerable):.0%}) | "
                  f"{right} ({right / len(unanswerable):.0%}) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
