"""E-mail letters, as .eml and as Outlook .msg (written by aspose-email-foss, read by
extract-msg): headers become metadata, quoted earlier messages become letters of their own
attributed to their writers, and attachments in letter formats are letters too."""

from email.message import EmailMessage

import pytest

from assistant.threads import replies_to
from indexer.letters import split_letters
from indexer.loaders import LoadError, load_file
from indexer.passages import split_passages
from indexer.reply_links import links_from
from tests.test_formats import COMMITMENT, SEED_TEXT, check_seed, seed_pdf

REPLY = SEED_TEXT[SEED_TEXT.index("Dear Dame Sara Thornton and Dame Vera Baird"):]
_opens = SEED_TEXT.index("Dear Minister")
FIRST = SEED_TEXT[_opens: SEED_TEXT.index("Yours sincerely,", _opens)] + "Yours sincerely,\n\nSara"


def as_file(message: EmailMessage, suffix: str) -> bytes:
    """The message as an .eml, or converted to an Outlook .msg by an independent writer."""
    if suffix == ".eml":
        return message.as_bytes()
    from aspose.email_foss import msg

    return msg.MapiMessage.from_email_message(message).to_bytes()


def ministers_reply(history: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Rachel Maclean MP <ps.rachelmaclean@homeoffice.gov.uk>"
    message["To"] = ("Dame Sara Thornton <sara.thornton@iasc.independent.gov.uk>, "
                     "Dame Vera Baird <victims.commissioner@victimscommissioner.org.uk>")
    message["Date"] = "Thu, 09 Dec 2021 10:30:00 +0000"
    message["Subject"] = "RE: The Hidden victims: report on Hestia's super-complaint"
    message["Message-ID"] = "<reply-1@homeoffice.example>"
    message.set_content(REPLY + "\n\n" + history)
    return message


QUOTED = "On Wed, 27 Oct 2021 at 09:12, Dame Sara Thornton <sara.thornton@iasc.example> wrote:\n" + "".join(
    f"> {line}\n" if line else ">\n" for line in FIRST.splitlines())


@pytest.mark.parametrize("suffix", [".eml", ".msg"])
def test_headers_are_metadata_and_quoted_history_is_the_earlier_letter(suffix):
    data = as_file(ministers_reply(QUOTED), suffix)
    reply, earlier = split_letters(load_file(data, "reply" + suffix))
    assert reply.date == "2021-12-09" and reply.message_id == "<reply-1@homeoffice.example>"
    assert [p.name for p in reply.senders] == ["Rachel Maclean MP"]
    assert [p.name for p in reply.recipients] == ["Dame Sara Thornton", "Dame Vera Baird"]
    assert reply.title.startswith("RE: The Hidden victims")
    reply_texts = [p.text for p in split_passages(reply)]
    assert any(COMMITMENT in t for t in reply_texts)
    assert not any("We write in relation" in t for t in reply_texts)

    assert earlier.quoted_in == reply.letter_id and earlier.date == "2021-10-27"
    assert [p.name for p in earlier.senders] == ["Dame Sara Thornton"]
    assert [p.name for p in earlier.recipients] == ["Rachel Maclean MP"]  # it went to the replier
    assert earlier.title == "The Hidden victims: report on Hestia's super-complaint"
    earlier_texts = [p.text for p in split_passages(earlier)]
    assert any("We write in relation to the report" in t for t in earlier_texts)
    assert not any(t.startswith(">") or "\n>" in t for t in earlier_texts)
    for letter in (reply, earlier):
        assert all(letter.text[p.start:p.end] == p.text for p in split_passages(letter))


def test_outlook_header_blocks_and_history_within_history_each_become_a_letter():
    body = ("Agreed, we will publish on Friday.\n\nKim\n\n-----Original Message-----\n"
            "From: Sam Jones <sam@port.example>\nSent: 02 May 2024 16:40\n"
            "To: Kim Lee <kim@port.example>\nSubject: Publication\n\n"
            "Dear Kim,\n\nCan we publish the dredging report this week?\n\nSam\n\n"
            "On 1 May 2024, Kim Lee wrote:\n> Dear Sam,\n>\n> The dredging report is final.\n")
    message = EmailMessage()
    message["From"], message["To"] = "Kim Lee <kim@port.example>", "Sam Jones <sam@port.example>"
    message["Subject"], message["Date"] = "RE: Publication", "Fri, 03 May 2024 09:00:00 +0000"
    message.set_content(body)
    reply, asked, first = split_letters(load_file(message.as_bytes(), "chain.eml"))
    assert "Original Message" not in reply.text and "dredging" not in reply.text
    assert (asked.quoted_in, first.quoted_in) == (reply.letter_id, asked.letter_id)
    assert [(x.date, x.sender, x.recipient) for x in (reply, asked, first)] == [
        ("2024-05-03", "Kim Lee", "Sam Jones"), ("2024-05-02", "Sam Jones", "Kim Lee"),
        ("2024-05-01", "Kim Lee", "Sam Jones")]
    assert "Can we publish" in asked.text and "report is final" not in asked.text
    assert first.text.strip().endswith("The dredging report is final.")


def test_inline_quotes_without_attribution_are_not_the_replys_words():
    message = EmailMessage()
    message["From"], message["To"] = "Kim Lee <kim@port.example>", "Sam Jones <sam@port.example>"
    message["Subject"] = "Re: Tides"
    message.set_content("> Will the berth be dredged?\n\nYes, in June.\n")
    reply, earlier = split_letters(load_file(message.as_bytes(), "tides.eml"))
    assert "berth" not in reply.text and "Yes, in June." in reply.text
    assert "Will the berth be dredged?" in earlier.text and earlier.senders == []
    assert [p.name for p in earlier.recipients] == ["Kim Lee"]


def test_a_quoted_letter_is_linked_to_the_reply_that_quotes_it(fresh_index):
    corpus, store, pipeline = fresh_index
    (corpus / "reply.eml").write_bytes(ministers_reply(QUOTED).as_bytes())
    assert pipeline.run(corpus).failed == []
    reply, earlier = store.letter("reply-eml.1"), store.letter("reply-eml.2")
    [link] = [x for x in links_from(reply, store) if x.original_id == earlier.letter_id]
    assert link.basis == "quoted history" and link.confidence >= 0.99
    assert [x.letter_id for x in replies_to(earlier, store)] == [reply.letter_id]


@pytest.mark.parametrize("suffix", [".eml", ".msg"])
def test_letters_attached_to_an_email_are_letters_of_their_own(fresh_index, suffix):
    corpus, store, pipeline = fresh_index
    message = EmailMessage()
    message["From"] = "Priya Patel <priya@ferries.example>"
    message["To"] = "Ann Other <ann@harbour.example>"
    message["Subject"] = "Our letter on dredging"
    message["Date"] = "Fri, 03 May 2024 09:00:00 +0000"
    message.set_content("Dear Ann,\n\nPlease find our formal letter attached.\n\nPriya\n")
    message.add_attachment(seed_pdf(), maintype="application", subtype="pdf",
                           filename="hidden-victims.pdf")
    message.add_attachment(b"\x00\x01 not a letter", maintype="application",
                           subtype="octet-stream", filename="logo.png")
    (corpus / f"covering{suffix}").write_bytes(as_file(message, suffix))
    summary = pipeline.run(corpus)
    assert summary.failed == [] and summary.letters == 3
    stem = f"covering-{suffix[1:]}"
    email_letter, first, reply = (store.letter(f"{stem}.{n}") for n in (1, 2, 3))
    assert [p.name for p in email_letter.senders] == ["Priya Patel"]
    check_seed([first, reply])  # the seed letters, in a PDF inside the e-mail
    assert first.attached_to == reply.attached_to == f"{stem}.1"
    assert any(COMMITMENT in p.text for p in store.letter_passages(reply.letter_id))


def test_html_only_email_is_read_as_text():
    message = EmailMessage()
    message["From"] = "Kim Lee <kim@example.org>"
    message["Subject"] = "Bridge"
    message.set_content("<html><body><p>Dear Sam,</p><p>The bridge will reopen in June.</p>"
                        "</body></html>", subtype="html")
    [letter] = split_letters(load_file(message.as_bytes(), "bridge.eml"))
    assert [p.text for p in split_passages(letter)] == ["The bridge will reopen in June."]


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"\xd0\xcf\x11\xe0 this is not a compound file" * 20, "not a readable Outlook message"),
])
def test_broken_outlook_files_are_reported(data, reason):
    with pytest.raises(LoadError, match=reason):
        load_file(data, "broken.msg")
