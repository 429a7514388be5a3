"""Generated answers: the model writes, the gate decides what is shown.

Missive has already decided that the letters answer the question (grounding) and chosen
the passages; the model is asked to answer from those passages only, and each sentence it
writes passes the citation gate (`gate.py`) or is dropped. When nothing survives, or the
model fails, the caller keeps its extractive answer.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from assistant import schemas
from assistant.citations import Quote, citation, verify_quotes
from assistant.generation.client import ChatClient, GenerationFailed
from assistant.generation.gate import CitationGate, split_marked
from assistant.generation.prompt import build_messages
from indexer.store import Store

log = logging.getLogger("missive.generation")


@dataclass
class KeptSentence:
    text: str
    supports: list  # (hit, (start, end)): the cited passages' best sentences


@dataclass
class Generated:
    kept: list[KeptSentence] = field(default_factory=list)
    dropped: list[schemas.DroppedSentence] = field(default_factory=list)
    failure: str | None = None  # why the model gave nothing usable


class Generator:
    def __init__(self, client: ChatClient, gate: CitationGate):
        self.client = client
        self.gate = gate

    def run(self, question: str, passages: list, turns: list[schemas.Turn]) -> Generated:
        try:
            answer = self.client.complete(build_messages(question, passages, turns))
        except GenerationFailed as exc:
            log.warning("generation failed, answering extractively: %s", exc)
            return Generated(failure=str(exc))
        result = Generated()
        for sentence in split_marked(answer):
            verdict = self.gate.check(sentence, passages)
            if verdict.kept:
                result.kept.append(KeptSentence(sentence.text, verdict.supports))
            else:
                result.dropped.append(schemas.DroppedSentence(sentence=sentence.text,
                                                              reason=verdict.reason))
        if not result.kept:
            result.failure = "no sentence passed the citation gate"
        return result


def cited_answer(generated: Generated, store: Store) -> tuple[str, list[schemas.Citation]] | None:
    """The sentences the gate kept, each ending in the numbers of its citations, and the
    citations: quotes verified verbatim in one pass. A sentence whose quote does not hold
    goes; None when none is left (the extractive answer stands)."""
    quoted = [[Quote(hit.letter.letter_id, hit.passage.passage_id, s, e, hit.letter.text[s:e])
               for hit, (s, e) in kept.supports] for kept in generated.kept]
    verified = set(verify_quotes([q for quotes in quoted for q in quotes], store))
    numbers: dict[tuple[str, int, int], int] = {}
    citations, sentences = [], []
    for kept, quotes in zip(generated.kept, quoted):
        if not verified.issuperset(quotes):
            continue
        marks = []
        for quote, (hit, _) in zip(quotes, kept.supports):
            key = (quote.letter_id, quote.start, quote.end)
            if key not in numbers:
                numbers[key] = len(numbers) + 1
                citations.append(citation(numbers[key], hit.letter, quote))
            marks.append(numbers[key])
        body = kept.text.rstrip()
        stop = body[-1] if body[-1] in ".!?" else "."
        sentences.append(body.rstrip(".!?") + " " + "".join(f"[{n}]" for n in marks) + stop)
    return (" ".join(sentences), citations) if sentences else None
