"""Re-rank hits by what the question says about letters (see `assistant.cues`)."""

from __future__ import annotations

from assistant.cues import QuestionCues, cue_multiplier
from assistant.retrieval.base import Hit


class CueReranker:
    name = "cues"

    def run(self, hits: list[Hit], cues: QuestionCues) -> list[Hit]:
        for hit in hits:
            hit.score *= cue_multiplier(cues, hit.passage.text, hit.letter.letter_id,
                                        hit.letter.sender,
                                        hit.letter.recipient, hit.letter.date)
        return sorted(hits, key=lambda h: -h.score)
