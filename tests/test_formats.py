"""PDF, Word, HTML and e-mail letters, built in the tests: the seed letters rendered into each
format come out as the same two letters with the same metadata."""

import io
import re
import zipfile
from pathlib import Path

import pytest

from eval.justified_pdf import latin1  # the PDF core fonts are Latin-1
from indexer.letters import split_letters
from indexer.loaders import LoadError, load_file
from indexer.passages import split_passages

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEED_TEXT = (CORPUS / "2021-10-27_thornton-baird-maclean-hidden-victims.txt").read_text()
COMMITMENT = ("I welcome your offer of support to progress work on Recommendation One of the "
              "HMICFRS report and my officials will make contact with your offices to discuss this.")


def blocks_of(text: str) -> list[str]:
    return [b.strip("\n") for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]


def seed_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for block in blocks_of(latin1(SEED_TEXT)):
        pdf.multi_cell(0, 5, block)
        pdf.ln(4)
    return bytes(pdf.output())


def seed_docx() -> bytes:
    import docx

    document = docx.Document()
    for block in blocks_of(SEED_TEXT):
        for line in block.split("\n"):
            document.add_paragraph(line)
        document.add_paragraph("")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def seed_html() -> bytes:
    from html import escape

    body = "".join(f"<p>{'<br>'.join(escape(line) for line in block.split(chr(10)))}</p>"
                   for block in blocks_of(SEED_TEXT))
    return (f"<html><head><title>Hidden victims</title><script>var x = '<p>no</p>';</script>"
            f"</head><body><nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>"
            f"<main>{body}</main><footer>Cookie settings</footer></body></html>").encode()


def check_seed(letters):
    assert [letter.date for letter in letters] == ["2021-10-27", "2021-12-09"]
    assert [p.name for p in letters[0].senders] == ["Dame Sara Thornton", "Dame Vera Baird QC"]
    assert [p.name for p in letters[0].recipients] == ["Rachel Maclean MP"]
    assert [p.name for p in letters[1].senders] == ["Rachel Maclean MP"]
    assert [p.name for p in letters[1].recipients] == ["Dame Sara Thornton", "Dame Vera Baird QC"]
    passages = [p for letter in letters for p in split_passages(letter)]
    for letter in letters:
        for p in split_passages(letter):
            assert letter.text[p.start : p.end] == p.text
    assert any(COMMITMENT in p.text for p in passages)
    assert not any("@" in p.text for p in passages)


@pytest.mark.parametrize("name, make", [("seed.pdf", seed_pdf), ("seed.docx", seed_docx),
                                        ("seed.html", seed_html)])
def test_seed_letters_come_out_of_every_format(name, make):
    check_seed(split_letters(load_file(make(), name)))


def test_html_drops_navigation_scripts_and_footers():
    loaded = load_file(seed_html(), "seed.html")
    assert "Cookie settings" not in loaded.text and "News" not in loaded.text
    assert "var x" not in loaded.text and loaded.metadata["title"] == "Hidden victims"


def test_markup_in_a_letter_is_text_not_markup():
    loaded = load_file(b"<p>Dear Jo,</p><p>We saw &lt;script&gt;alert(1)&lt;/script&gt; in "
                       b"the form and will fix it.</p>", "x.html")
    assert "<script>alert(1)</script>" in loaded.text


def test_pdf_without_a_text_layer_is_reported_as_a_scan():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60)
    with pytest.raises(LoadError, match=r"no text layer \(OCR is not supported\)"):
        load_file(bytes(pdf.output()), "scan.pdf")


@pytest.mark.parametrize("data, reason", [
    (seed_pdf()[:400], "corrupt or truncated PDF"),
    (b"", "empty file"),
])
def test_broken_pdfs_are_reported(data, reason):
    with pytest.raises(LoadError, match=reason):
        load_file(data, "broken.pdf")


def test_docx_that_is_not_a_zip_or_is_a_zip_bomb_is_refused():
    with pytest.raises(LoadError, match="not a readable .docx"):
        load_file(b"this is not a zip file at all", "fake.docx")
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (201 * 1024 * 1024))
    with pytest.raises(LoadError, match="unpack to over 200 MB"):
        load_file(bomb.getvalue(), "bomb.docx")


def test_pdf_passages_and_citations_name_their_page(fresh_index, embedder):
    from fpdf import FPDF

    from assistant.service import Assistant

    corpus, store, pipeline = fresh_index
    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for n, block in enumerate(blocks_of(latin1(SEED_TEXT))):
        if n in (0, 18):  # the reply starts on a page of its own
            pdf.add_page()
        pdf.multi_cell(0, 5, block)
        pdf.ln(4)
    (corpus / "seed.pdf").write_bytes(bytes(pdf.output()))
    pipeline.run(corpus)
    [first, reply] = store.letters()
    assert first.page_starts[0] == (0, 1) and reply.page_starts[0][1] >= 2
    for letter in (first, reply):
        for passage in store.letter_passages(letter.letter_id):
            assert passage.page == letter.page_at(passage.start) and passage.page >= 1
    response = Assistant(store, embedder).ask("What did the Minister commit on Recommendation One?")
    citation = response.citations[0]
    assert COMMITMENT in citation.quote and citation.page == reply.page_at(citation.start) >= 2


def test_justified_pdf_text_reads_with_single_spaces_and_runs_on_across_pages():
    from eval.justified_pdf import justify, new_pdf

    pdf = new_pdf()
    pdf.text(pdf.l_margin, 20, "Dame Sara Thornton")  # two columns on one line
    pdf.text(150, 20, "27 October 2021")
    justify(pdf, "Bringing perpetrators to justice is a crucial part of the response to "
                 "modern slavery, and several factors contribute to this picture; we know "
                 "that the provision of effective", 40)
    pdf.add_page()
    justify(pdf, "support and the opportunity to build rapport with the police can be "
                 "crucial in keeping victims engaged with criminal investigations.", 20)
    loaded = load_file(bytes(pdf.output()), "justified.pdf")
    prose = loaded.text.split("\n\n")[1]
    assert "Bringing perpetrators to justice is a crucial part of the response" in prose
    assert "  " not in prose
    # the paragraph goes on over the page break, and the second page starts at its word
    assert "the provision of effective support and the opportunity" in prose
    [(_, first_page), (second, second_page)] = loaded.metadata["pages"]
    assert (first_page, second_page) == (1, 2)
    assert loaded.text[second:].startswith("support and the opportunity")
    # a line with one wide gap is two columns, and keeps it
    assert re.match(r"Dame Sara Thornton {4,}27 October 2021\n", loaded.text)


def test_words_placed_one_by_one_are_read_apart():
    """pypdf's layout reading runs some words placed on their own together ("isa"); the
    loader takes the plain reading's spaces, so every word of the letter comes out whole."""
    from eval.justified_pdf import letter_pdf
    from indexer.loaders.pdf import respace

    text = latin1(SEED_TEXT)
    loaded = load_file(letter_pdf(text), "placed.pdf")
    assert re.findall(r"\w+", loaded.text) == re.findall(r"\w+", text)
    assert respace("justice isa  crucial\n\npart", "justice is a crucial part") == (
        "justice is a  crucial\n\npart")
    assert respace("other words", "different words") == "other words"


def test_a_file_that_takes_too_long_to_read_is_reported_and_the_rest_indexed(fresh_index):
    corpus, _store, pipeline = fresh_index
    from indexer.isolation import IsolatedLoader

    pipeline.loader = IsolatedLoader(seconds=0.001)  # no PDF is read that fast in a new worker
    (corpus / "slow.pdf").write_bytes(seed_pdf())
    (corpus / "quick.txt").write_text(SEED_TEXT)
    summary = pipeline.run(corpus)
    assert [(f.path, f.reason) for f in summary.failed] == [("slow.pdf", "took longer than 0.001 s to read")]
    assert summary.added == ["quick.txt"] and summary.letters == 2
    pipeline.loader = IsolatedLoader(seconds=30)  # a fresh worker reads it in time
    assert pipeline.run(corpus).added == ["slow.pdf"]
    pipeline.loader.close()
