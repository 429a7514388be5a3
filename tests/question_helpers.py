"""Stand-ins shared by the tests of reading questions: correspondents' lines, a short form
of the people a question names, and a conversation asked turn by turn."""

from assistant.cues import read_cues
from assistant.schemas import Turn
from indexer.names import names_match

MINISTER = "Rachel Maclean MP (Minister for Safeguarding)"
COMMISSIONERS = ("Dame Sara Thornton (Independent Anti-Slavery Commissioner) and Dame Vera "
                 "Baird QC (Victims' Commissioner for England and Wales)")


def correspondents(*lines):
    """A stand-in for the correspondents table: the lines that hold a name's every word."""
    return lambda tokens: [line for line in lines if names_match(tokens, line)]


def people(question):
    return [(p.text, p.direction, p.speaker) for p in read_cues(question).people]


def asked_in_turn(assistant, *questions) -> list[Turn]:
    """The conversation after asking each question in turn, each read with the turns before
    it: the history for the next question."""
    history: list[Turn] = []
    for question in questions:
        response = assistant.ask(question, history=history)
        history.append(Turn(question=question, answer=response.answer,
                            citations=response.citations))
    return history
