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
from assistant.generation.client import ChatClient, GenerationFailed
from assistant.generation.gate import CitationGate, split_marked
from assistant.generation.prompt import build_messages

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
