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

from assistant.evaluation import conversation_before, load_questions, tuning_question_files  # noqa: E402
from assistant.grounding import Grounding  # noqa: E402
from assistant.service import Assistant  # noqa: E402
from assistant.interfaces.settings import get_settings  # noqa: E402

COVERAGES = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)
SIMILARITIES = (0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 1.1)  # 1.1: meaning never grounds on its own


def declined(grounding: Grounding, coverage: float, similarity: float) -> bool:
    """Would the answer be declined at these thresholds (as `check_grounding` decides)?"""
    return bool(grounding.conflicts) or (grounding.coverage < coverage
                                         and grounding.closeness < similarity)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path)
    args = parser.parse_args()
    assistant = Assistant.open(get_settings(index_dir=args.index_dir))
    questions = load_questions(tuning_question_files(Path(__file__).resolve().parent))
    # The thresholds act only on each answer's coverage and closeness, so one draft per
    # question serves every pair of them.
    drafts: dict[str, Grounding] = {}
    for q in questions:
        drafts[q.id] = assistant.draft(q.question, conversation_before(assistant, q))[3]
    answerable = [q for q in questions if q.answerable]
    unanswerable = [q for q in questions if not q.answerable]
    print(f"{len(answerable)} answerable, {len(unanswerable)} no-answer questions (tuning set)\n")
    print("| topic coverage | similarity | answerable declined | no-answer declined |\n"
          "|---:|---:|---:|---:|")
    for coverage in COVERAGES:
        for similarity in SIMILARITIES:
            wrong = sum(declined(drafts[q.id], coverage, similarity) for q in answerable)
            right = sum(declined(drafts[q.id], coverage, similarity) for q in unanswerable)
            print(f"| {coverage:.1f} | {similarity:.2f} | {wrong} ({wrong / len(answerable):.0%}) | "
                  f"{right} ({right / len(unanswerable):.0%}) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
