"""Standalone questions asked in the middle of a conversation, beside asked alone.

    python eval/mid_conversation.py [--index-dir DIR] [--set tuning] [--max-words 8]

A reader in a Slack thread, or with one `conversation_id`, often asks something new after an
answer. A short question naming no one may be read as a follow-up of the turn before, and
answered from that turn's letters. This asks each of the set's questions that has no history,
names no person and no date, and has at most `--max-words` words: alone, then after each
opening turn (`--opener`, repeatable), and counts how often the answer cites its evidence.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant import schemas
from assistant.evaluation import default_question_sets, holds_evidence, load_questions
from assistant.interfaces.settings import get_settings
from assistant.service import Assistant

REPO = Path(__file__).resolve().parent.parent
OPENERS = ("What did the Minister commit on Recommendation One?",
           "What did Will Moy ask OSR to do in March 2023?")


def cites(assistant: Assistant, response: schemas.AskResponse, evidence: str) -> bool:
    return any(holds_evidence(assistant.store.letter(c.letter_id), c.start, c.end, evidence)
               for c in response.citations)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path)
    parser.add_argument("--set", default="tuning", choices=("tuning", "holdout"))
    parser.add_argument("--max-words", type=int, default=8)
    parser.add_argument("--opener", action="append", help="an opening turn (repeatable)")
    args = parser.parse_args()
    assistant = Assistant.open(get_settings(index_dir=args.index_dir))
    openers = args.opener or list(OPENERS)
    histories = [[]]
    for opener in openers:
        answer = assistant.ask(opener)
        histories.append([schemas.Turn(question=opener, answer=answer.answer,
                                       citations=answer.citations)])
    asked = []
    for q in load_questions(default_question_sets(REPO / "eval")[args.set]):
        cues = assistant.read_question(q.question)
        if (q.answerable and not q.history and len(q.question.split()) <= args.max_words
                and not cues.people and not cues.dates):
            asked.append(q)
    cited = [sum(cites(assistant, assistant.ask(q.question, history=history), q.evidence)
                 for q in asked) for history in histories]
    print(f"{len(asked)} {args.set} questions of at most {args.max_words} words naming no one "
          "and no date, cited:")
    print(f"- asked alone: {cited[0]}")
    for opener, count in zip(openers, cited[1:]):
        print(f"- after \"{opener}\": {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
