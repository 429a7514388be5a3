"""Sweep the no-answer topic-coverage threshold over the eval questions.

    python eval/calibrate_no_answer.py [--index-dir DIR]

Prints, for each threshold, how many answerable questions are wrongly declined and how many
no-answer questions are rightly declined; `assistant.grounding.MIN_TOPIC_COVERAGE` records
the choice and these figures.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant import grounding  # noqa: E402
from assistant.evaluation import tuning_question_files, load_questions  # noqa: E402
from assistant.service import Assistant  # noqa: E402
from indexer.settings import get_settings  # noqa: E402

THRESHOLDS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path)
    args = parser.parse_args()
    assistant = Assistant.open(get_settings(index_dir=args.index_dir))
    questions = load_questions(tuning_question_files(Path(__file__).resolve().parent))
    answerable = [q for q in questions if q.answerable]
    unanswerable = [q for q in questions if not q.answerable]
    print(f"{len(answerable)} answerable, {len(unanswerable)} no-answer questions\n")
    print("| threshold | answerable declined | no-answer declined |\n|---:|---:|---:|")
    for threshold in THRESHOLDS:
        grounding.MIN_TOPIC_COVERAGE = threshold
        wrong = sum(assistant.ask(q.question).no_answer for q in answerable)
        right = sum(assistant.ask(q.question).no_answer for q in unanswerable)
        print(f"| {threshold:.1f} | {wrong} ({wrong / len(answerable):.0%}) | "
              f"{right} ({right / len(unanswerable):.0%}) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
