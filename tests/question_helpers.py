"""Stand-ins shared by the tests of reading questions: correspondents' lines and a short form
of the people a question names."""

from assistant.cues import read_cues
from indexer.names import names_match

MINISTER = "Rachel Maclean MP (Minister for Safeguarding)"
COMMISSIONERS = ("Dame Sara Thornton (Independent Anti-Slavery Commissioner) and Dame Vera "
                 "Baird QC (Victims' Commissioner for England and Wales)")


def correspondents(*lines):
    """A stand-in for the correspondents table: the lines that hold a name's every word."""
    return lambda tokens: [line for line in lines if names_match(tokens, line)]


def people(question):
    return [(p.text, p.direction, p.speaker) for p in read_cues(question).people]
