import pytest

from indexer.loaders import LoadError, load_file, supported_suffixes


def test_utf8_text_is_decoded_and_bom_dropped():
    loaded = load_file("\ufeffDear Jo,\n\nWe write.\n".encode("utf-8"), "a.txt")
    assert loaded.text.startswith("Dear Jo,")


def test_cp1252_falls_back_without_mojibake():
    loaded = load_file("Dear Jo,\n\nThe Government\u2019s £15m plan.\n".encode("cp1252"), "a.txt")
    assert "Government\u2019s £15m" in loaded.text


def test_front_matter_becomes_metadata_and_is_not_letter_text():
    data = b'---\ntitle: "T"\ndate: 2021-10-27\nfrom: "A B"\ncomplete: false\n---\nDear C,\n\nBody.\n'
    loaded = load_file(data, "x.md")
    assert loaded.metadata == {"title": "T", "date": "2021-10-27", "from": "A B", "complete": False}
    assert loaded.text.startswith("Dear C,")


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"  \n\n ", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    (b"---\ntitle: [unclosed\n---\nDear A,\n\nText.\n", "malformed front matter"),
    (b"---\ntitle: x\nno closing line\n", "malformed front matter"),
    (b"---\n- a list\n---\nDear A,\n\nText.\n", "malformed front matter"),
])
def test_bad_files_raise_a_reason(data, reason):
    with pytest.raises(LoadError, match=reason):
        load_file(data, "bad.md")


def test_unsupported_extension_is_a_load_error():
    with pytest.raises(LoadError, match="unsupported file type .pages"):
        load_file(b"PK\x03\x04", "letter.pages")
    assert {".txt", ".md", ".pdf", ".docx", ".eml", ".html"} <= supported_suffixes()
