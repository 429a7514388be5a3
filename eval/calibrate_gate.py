"""How close in meaning a generated sentence must be to the passage it cites: the citation
gate's MIN_SIMILARITY (assistant/generation/gate.py), chosen on the tuning set.

    python eval/calibrate_gate.py [--index-dir var/index]

Each answerable tuning question has an answer a person wrote in their own words, and the
letter's words that support it. The person's answer stands for a faithful generated sentence:
its cosine to the sentence holding the evidence is a pair the gate must pass. Its best cosine
to a sentence of another letter among the question's top five passages (plausible, but not
the source) is a pair it should stop. For each threshold this prints the share of each
passed, and the threshold chosen: the highest that still passes 90% of faithful pairs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.evaluation import load_questions, tuning_question_files  # noqa: E402
from assistant.meaning import similarities  # noqa: E402
from assistant.service import Assistant  # noqa: E402
from indexer.sentences import passage_sentences, sentence_spans  # noqa: E402
from assistant.interfaces.settings import get_settings  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
KEEP_FAITHFUL = 0.9


def pairs(assistant: Assistant) -> tuple[list[float], list[float]]:
    faithful, elsewhere = [], []
    for q in load_questions(tuning_question_files(REPO / "eval")):
        if not q.answerable or not q.answer or not q.evidence:
            continue
        letters = [x for x in assistant.store.letters(limit=1000) if x.source_path == q.file]
        source = next(((x, x.text.find(q.evidence)) for x in letters if q.evidence in x.text),
                      None)
        if source is None:
            continue
        letter, at = source
        span = next(((s, e) for s, e in sentence_spans(letter.text) if s <= at < e), None)
        if span is None:
            continue
        answer = assistant.query_vector(q.answer)
        faithful.append(float(similarities(answer, assistant.vectors.of(
            [letter.text[span[0]:span[1]]]))[0]))
        others = [hit.letter.text[s:e] for hit in assistant.retrieve(q.question, 5)
                  if hit.letter.source_path != q.file
                  for s, e in passage_sentences(hit.passage.text, hit.passage.start)]
        if others:
            elsewhere.append(float(similarities(answer, assistant.vectors.of(others)).max()))
    return faithful, elsewhere


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path)
    args = parser.parse_args()
    assistant = Assistant.open(get_settings(index_dir=args.index_dir))
    faithful, elsewhere = pairs(assistant)
    print(f"{len(faithful)} faithful pairs, {len(elsewhere)} pairs with another letter\n")
    print("| threshold | faithful passed | another letter passed |\n|---:|---:|---:|")
    chosen = 0.0
    for threshold in np.arange(0.1, 0.75, 0.05):
        kept = np.mean(np.array(faithful) >= threshold)
        leaked = np.mean(np.array(elsewhere) >= threshold)
        print(f"| {threshold:.2f} | {kept:.0%} | {leaked:.0%} |")
        if kept >= KEEP_FAITHFUL:
            chosen = round(float(threshold), 2)
    print(f"\nchosen: {chosen} (the highest passing at least {KEEP_FAITHFUL:.0%} of faithful pairs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
