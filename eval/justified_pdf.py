"""Letters laid out as a word processor prints them to PDF, for measuring and testing the PDF
reader: every word placed on its own, each line of a paragraph but its last justified to the
margin, pages filled in turn. pypdf reads such a page with runs of spaces in the stretched
gaps, and a paragraph may run on to the next page: what `indexer.loaders.pdf` must undo.

Used by `eval/without_front_matter.py --pdf` and `tests/test_formats.py`. Letters are printed
in a Unicode font found on the machine (`MISSIVE_PDF_FONT`, else DejaVu Sans or Liberation
Sans where the system has them), so their text, curly quotes and all, is what the evidence
of the questions quotes; without one, in the PDF core font, which is Latin-1: curly quotes
and dashes become plain ones, and citations then miss evidence that has them.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from fpdf import FPDF

LINE_MM = 6
UNICODE_FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                 "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")
_PLAIN = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                        "\u2013": "-", "\u2014": "-", "\u2022": "-", "\u2026": "..."})


def latin1(text: str) -> str:
    return text.translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


def unicode_font() -> Path | None:
    """A TrueType font that prints any letter's text, if the machine has one."""
    named = os.environ.get("MISSIVE_PDF_FONT")
    found = [Path(p) for p in ((named,) if named else UNICODE_FONTS) if Path(p).is_file()]
    return found[0] if found else None


def new_pdf(font: Path | None = None) -> FPDF:
    """A page to lay letters on: in `font`, else the core font (Latin-1 text only)."""
    pdf = FPDF()
    if font is None:
        pdf.set_font("helvetica", size=11)
    else:
        pdf.add_font("letter", fname=str(font))
        pdf.set_font("letter", size=11)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    return pdf


def justify(pdf: FPDF, text: str, top: float) -> float:
    """Lay a paragraph out from `top` (mm down the page), on a new page whenever the page is
    full; returns where the line after it would go."""
    width = pdf.w - 2 * pdf.l_margin
    lines: list[list[str]] = [[]]
    for word in text.split():
        if lines[-1] and pdf.get_string_width(" ".join([*lines[-1], word])) > width:
            lines.append([])
        lines[-1].append(word)
    y = top
    for n, words in enumerate(lines):
        if y > pdf.h - pdf.b_margin:
            pdf.add_page()
            y = pdf.t_margin + LINE_MM
        spare = width - sum(pdf.get_string_width(w) for w in words)
        last = n == len(lines) - 1
        gap = pdf.get_string_width(" ") if last or len(words) < 2 else spare / (len(words) - 1)
        x = pdf.l_margin
        for word in words:
            pdf.text(x, y, word)
            x += pdf.get_string_width(word) + gap
        y += LINE_MM
    return y


def letter_pdf(text: str, font: Path | None = None) -> bytes:
    """The letter's text as a justified PDF: each line of its source a paragraph, a blank
    line between blocks; in Latin-1 without a `font`."""
    pdf = new_pdf(font)
    if font is None:
        text = latin1(text)
    y = pdf.t_margin + LINE_MM
    for block in re.split(r"\n\s*\n", text.strip()):
        for line in block.splitlines():
            if line.strip():
                y = justify(pdf, line, y)
        y += LINE_MM
    return bytes(pdf.output())
