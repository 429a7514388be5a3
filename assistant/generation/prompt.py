"""What the model is given: the passages Missive chose, numbered, each with its letter's date,
sender and recipient; the conversation's earlier turns; and the rule that every sentence ends
with the numbers of the passages it rests on."""

from __future__ import annotations

from assistant import schemas

INSTRUCTIONS = (
    "You answer questions about a body of letters using only the numbered passages given. "
    "Write at most three short sentences. End every sentence with the numbers of the passages "
    "it rests on in square brackets, like [1] or [1][2]. Use only facts, names, dates and "
    "figures that the passages state; do not add anything else. If the passages do not "
    "answer the question, say so in one sentence.")
# Earlier turns given to the model, most recent last.
EARLIER_TURNS = 3


def passage_block(number: int, passage) -> str:
    """One passage as the model sees it: its number, its letter's facts, its words."""
    letter = passage.letter
    facts = "; ".join(f"{label}: {value}" for label, value in (
        ("date", letter.date), ("from", letter.sender), ("to", letter.recipient),
        ("title", letter.title)) if value)
    return f"[{number}] ({facts})\n{passage.passage.text}"


def build_messages(question: str, passages: list, turns: list[schemas.Turn]) -> list[dict]:
    """The chat messages for one question: instructions, earlier turns, passages and question."""
    messages = [{"role": "system", "content": INSTRUCTIONS}]
    for turn in turns[-EARLIER_TURNS:]:
        messages.append({"role": "user", "content": turn.question})
        messages.append({"role": "assistant", "content": turn.answer})
    blocks = "\n\n".join(passage_block(n, p) for n, p in enumerate(passages, start=1))
    messages.append({"role": "user", "content": f"Passages:\n\n{blocks}\n\nQuestion: {question}"})
    return messages
