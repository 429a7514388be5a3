"""Deterministic synthetic corpora built from the shipped letters' own sentences.

Benchmarks need thousands of realistic passages; these are made by re-combining real
sentences with a fixed seed, so every run (and every machine) measures the same text.
"""

from __future__ import annotations

import calendar
import random
from pathlib import Path

from indexer.letters import split_letters
from indexer.loaders import load_file
from indexer.pipeline import scan_corpus
from indexer.sentences import sentence_spans

SEED = 20261128
NAMES = ["Alex Morgan", "Sam Patel", "Jo Okafor", "Chris Doyle", "Pat Nguyen", "Lee Hughes",
         "Ray Kowalski", "Kim Adeyemi", "Max Fischer", "Ali Rahman"]
ROLES = ["Director of Statistics", "Minister for Policing", "Commissioner", "Permanent Secretary",
         "Chair of the Committee", "Chief Executive"]


def corpus_sentences(corpus_dir: Path) -> list[str]:
    sentences = []
    for path in scan_corpus(corpus_dir):
        for letter in split_letters(load_file(path.read_bytes(), path.name)):
            for start, end in letter.body_spans:
                sentences += [letter.text[s:e].replace("\n", " ")
                              for s, e in sentence_spans(letter.text, start, end)]
    return [s for s in sentences if len(s) > 30]


def write_synthetic_corpus(target: Path, corpus_dir: Path, passages: int,
                           paragraphs_per_letter: int = 10, collections: int = 0,
                           replies: bool = False) -> int:
    """Write letters holding about `passages` passages into `target`; returns letters written.
    With `collections`, the letters are dealt in turn into that many folders (collections
    'c0', 'c1', ...). With `replies`, every second letter answers the one before it: written
    by its recipient to its writer a day later, opening "Thank you for your letter of ...", and
    each letter's first block is its recipient's address (as letters lay it out, and as
    Missive reads it), so the replies link to the letters they answer."""
    rng = random.Random(SEED)
    sentences = corpus_sentences(corpus_dir)
    target.mkdir(parents=True, exist_ok=True)
    letters = max(1, passages // paragraphs_per_letter)
    for n in range(letters):
        year, month, day = 2015 + n % 10, 1 + n % 12, 1 + n % 28
        sender, recipient = rng.sample(NAMES, 2)
        body = "\n\n".join(" ".join(rng.sample(sentences, rng.randint(2, 4)))
                           for _ in range(paragraphs_per_letter))
        if replies and n % 2:  # the answer to letter n - 1
            year, month, day = 2015 + (n - 1) % 10, 1 + (n - 1) % 12, 1 + (n - 1) % 28
            body = (f"Thank you for your letter of {day} {_month(month)} {year}. " + body)
            sender, recipient, day = previous[1], previous[0], day + 1
        previous = (sender, recipient)
        folder = target / f"c{n % collections}" if collections else target
        folder.mkdir(exist_ok=True)
        addressed = recipient if replies else sender
        (folder / f"synthetic-{n:06d}.txt").write_text(
            f"{addressed}\n{rng.choice(ROLES)}\n\n{day} {_month(month)} {year}\n\n"
            f"Dear {recipient},\n\n{body}\n\nYours sincerely,\n\n{sender}\n{rng.choice(ROLES)}\n",
            encoding="utf-8")
    return letters


def _month(number: int) -> str:
    return calendar.month_name[number]
