"""Passages with offsets: every passage is exactly its letter's text at its offsets."""

from pathlib import Path

from indexer.letters import split_letters
from indexer.loaders import LoadedFile, load_file
from indexer.passages import split_passages
from indexer.sentences import sentence_spans

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def test_every_passage_of_the_corpus_is_verbatim_at_its_offsets():
    count = 0
    for path in sorted(CORPUS.iterdir()):
        if path.name == "README.md":
            continue
        for letter in split_letters(load_file(path.read_bytes(), path.name)):
            passages = split_passages(letter)
            assert passages, f"{path.name} letter {letter.ordinal} has no passages"
            for passage in passages:
                assert letter.text[passage.start : passage.end] == passage.text
                assert passage.letter_id == letter.letter_id and passage.paragraph >= 1
                count += 1
    assert count > 100


def test_long_paragraph_is_cut_at_sentences_with_overlap():
    sentences = [f"Sentence number {i} says something about the letters we hold." for i in range(40)]
    body = " ".join(sentences)
    [letter] = split_letters(LoadedFile("long.txt", f"Dear Jo,\n\n{body}\n\nYours sincerely,\n\nAl Smith\n"))
    passages = split_passages(letter, max_chars=400)
    assert len(passages) > 5
    for passage in passages:
        assert len(passage.text) <= 400
        assert passage.text.startswith("Sentence number") and passage.text.endswith(".")
        assert letter.text[passage.start : passage.end] == passage.text
    for before, after in zip(passages, passages[1:]):
        assert after.start < before.end  # one sentence repeated: context kept across the cut
    assert passages[0].start == letter.text.index("Sentence number 0")
    assert passages[-1].end == letter.text.index("Yours") - 2


def test_sentence_spans_respect_abbreviations_and_footnote_marks():
    text = "Mr. Smith wrote to Dr. Jones on 3 Dec. 2021.² The reply came. “We will.” Done"
    got = [text[s:e] for s, e in sentence_spans(text)]
    assert got == ["Mr. Smith wrote to Dr. Jones on 3 Dec. 2021.²", "The reply came.",
                   "“We will.”", "Done"]
