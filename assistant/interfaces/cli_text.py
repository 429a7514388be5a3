"""How the `missive` command prints each object for a person (`--json` prints them for tools):
passages, answers with their citations, reply threads and the ledger."""

from __future__ import annotations

import textwrap

from assistant import schemas

WIDTH = 96


def print_results(response: schemas.SearchResponse) -> None:
    if not response.results:
        print("No passages found.")
    for p in response.results:
        print(f"[{p.rank}] {p.date or 'undated'}  {p.sender or '?'} -> {p.recipient or '?'}")
        print(f"    {p.title or p.source_path}  ({p.letter_id}, chars {p.start}-{p.end})")
        print(textwrap.indent(textwrap.fill(p.text, WIDTH), "    "), end="\n\n")


def print_answer(response: schemas.AskResponse) -> None:
    print(textwrap.fill(response.answer, WIDTH), end="\n\n")
    if response.declined_because:
        print(textwrap.fill(f"Why: {'; '.join(response.declined_because)}.", WIDTH), end="\n\n")
    note = generation_note(response)
    if note:
        print(note, end="\n\n")
    for c in response.citations:
        print(f"[{c.n}] {c.date or 'undated'}  {c.sender_shown() or '?'} -> {c.recipient or '?'}")
        where = f"page {c.page}, " if c.page else ""
        # as the API's letter_complete: the quote may end where publication did
        in_part = "; published in part" if c.letter_complete is False else ""
        print(f"    {c.title or c.source_path}  ({c.letter_id}, {where}chars {c.start}-{c.end}"
              f"{in_part})")
        print(textwrap.indent(textwrap.fill(f"\u201c{c.quote}\u201d", WIDTH), "    "), end="\n\n")
    if response.no_answer and response.passages:
        print("Closest passages (not an answer):")
        for p in response.passages[:3]:
            print(f"  - {p.date or 'undated'}  {p.sender or '?'} -> {p.recipient or '?'}: "
                  f"{textwrap.shorten(p.text, 120)}")


def generation_note(response: schemas.AskResponse) -> str | None:
    """Whether a model wrote the answer, and what the citation gate removed."""
    if response.answer_mode == "generated":
        said = "Written by the model; each sentence checked against the quotes below"
    elif response.dropped:
        said = "Quoted from the letters: nothing the model wrote was supported by them"
    else:
        return None
    if response.dropped:
        said += f"; {len(response.dropped)} sentence(s) dropped by the citation gate"
    return f"({said}.)"


def print_threads(listing: schemas.ThreadList) -> None:
    for thread in listing.threads:
        print("thread:")
        for letter in thread.letters:
            print(f"  {letter.date or 'undated':<10}  {letter.sender or '?'} -> "
                  f"{letter.recipient or '?'}  ({letter.letter_id})")
        for link in thread.links:
            said = f' "{link.evidence}"' if link.evidence else ""
            print(f"    {link.reply_id} answers {link.original_id} ({link.confidence}){said}")
    if not listing.threads:
        print("No reply threads found.")


def print_ledger(entries: list) -> None:
    for e in entries:
        answered = {True: " [answered]", False: " [not answered]", None: ""}[e.answered]
        print(f"{e.kind:<10} {e.date or 'undated':<10} {e.by or '?'} -> {e.to or '?'}{answered}")
        print(textwrap.indent(textwrap.fill(f"\u201c{e.quote}\u201d", WIDTH), "    "))
    if not entries:
        print("No commitments or requests found.")
