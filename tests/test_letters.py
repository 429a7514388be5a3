"""Letters, not files: the seed file holds two letters with exactly this metadata."""

from pathlib import Path

import pytest

from indexer.letters import split_letters
from indexer.loaders import load_file
from indexer.models import Correspondent
from indexer.passages import split_passages

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEED = "2021-10-27_thornton-baird-maclean-hidden-victims.txt"
SUBJECT = ("The hidden victims: Report on Hestia's super-complaint on the police response to "
           "victims of modern slavery")


def letters_of(name: str):
    return split_letters(load_file((CORPUS / name).read_bytes(), name))


@pytest.fixture(scope="module")
def seed():
    return letters_of(SEED)


def test_seed_is_two_letters(seed):
    assert [letter.ordinal for letter in seed] == [1, 2]
    assert seed[0].letter_id != seed[1].letter_id


def test_first_letter_metadata(seed):
    first = seed[0]
    assert first.date == "2021-10-27"
    assert first.senders == [
        Correspondent("Dame Sara Thornton", "Independent Anti-Slavery Commissioner"),
        # The role as signed; the issue's short form is "Victims' Commissioner".
        Correspondent("Dame Vera Baird QC", "Victims' Commissioner for England and Wales"),
    ]
    assert first.recipients == [Correspondent(
        "Rachel Maclean MP", "Parliamentary Under Secretary of State, Minister for Safeguarding")]
    assert first.subject == SUBJECT
    assert first.sign_off == "Yours sincerely"


def test_reply_metadata(seed):
    reply = seed[1]
    assert reply.date == "2021-12-09"
    assert reply.senders == [Correspondent("Rachel Maclean MP", "Minister for Safeguarding")]
    assert [p.name for p in reply.recipients] == ["Dame Sara Thornton", "Dame Vera Baird QC"]
    assert reply.subject.casefold() == SUBJECT.casefold()


def test_footnotes_are_notes_not_body(seed):
    first = seed[0]
    assert [n.marker for n in first.notes] == ["¹", "²", "³"]
    assert first.notes[2].text.startswith("Justice and Care (2021)")
    for passage in split_passages(first):
        assert "Justice and Care (2021)" not in passage.text
        assert "Annual Report 2020-2021" not in passage.text


def test_paragraph_broken_by_a_page_is_one_passage(seed):
    texts = [p.text for p in split_passages(seed[0])]
    assert any("There are a variety of factors contributing to this picture" in t for t in texts)
    texts = [p.text for p in split_passages(seed[1])]
    assert any("at the hands of their exploiters and as a result" in t for t in texts)


def test_letterhead_addresses_and_signatures_stay_out_of_passages(seed):
    for letter in seed:
        assert "@" in letter.text  # kept in the stored letter ...
        for passage in split_passages(letter):  # ... but not in what answers questions
            assert "@" not in passage.text
            assert "Marsham Street" not in passage.text
            assert "handwritten signature" not in passage.text
            assert not passage.text.startswith(("Dear ", "Yours sincerely"))


def test_front_matter_wins_and_lines_without_blank_lines_are_paragraphs():
    [letter] = letters_of("2022-10-26_esslemont-powell-smith-to-humpherson-modern-slavery-data.md")
    assert letter.date == "2022-10-26"
    assert [p.name for p in letter.senders] == ["Maya Esslemont", "Anna Powell-Smith"]
    assert letter.recipients == [Correspondent("Ed Humpherson", "Director General for Regulation, OSR")]
    assert letter.complete is False
    passages = split_passages(letter)
    assert len(passages) >= 4
    # the section heading travels with the paragraph it heads
    assert any(p.text.startswith("Misleading use of official statistics\nWe understand")
               for p in passages)


def test_partial_date_from_file_name_when_nothing_else_dates_a_letter():
    [letter] = letters_of("2022-xx-xx_rycroft-to-humpherson-transparency-home-office-statistics.md")
    assert letter.date == "2022"
    [undated] = letters_of("undated_pont-to-simmons-nrm-duty-to-notify-statistics.md")
    assert undated.date is None


@pytest.mark.parametrize("line, iso", [("21/11/2022", "2022-11-21"), ("Date: 3.5.2024", "2024-05-03"),
                                       ("2022-11-21", "2022-11-21"), ("Monday, 9 December 2024", "2024-12-09")])
def test_a_date_line_in_words_or_figures_dates_the_letter(line, iso):
    from indexer.loaders import LoadedFile

    text = f"{line}\n\nDear Ed,\n\nThe figures will be published in full.\n\nJo Bloggs\nChief Executive\n"
    [letter] = split_letters(LoadedFile("memo.txt", text))
    assert letter.date == iso


def test_letter_without_front_matter_or_salutation_is_still_one_letter():
    from indexer.loaders import LoadedFile

    text = "12 March 2024\n\nThe council will publish its figures in May.\n\nJo Bloggs\nChief Executive\n"
    [letter] = split_letters(LoadedFile("memo.txt", text))
    assert letter.date == "2024-03-12"
    assert letter.senders == [Correspondent("Jo Bloggs", "Chief Executive")]
    assert [letter.text[s:e] for s, e in letter.body_spans] == [
        "The council will publish its figures in May."]


def test_a_publishers_note_without_its_full_stop_is_searched_a_heading_is_not():
    """A line above the salutation saying when the letter was published is prose, though it
    lacks a full stop; a subject line is a heading, and names the letter's subject."""
    from indexer.loaders import LoadedFile

    text = ("This letter was published retrospectively on 23 May 2023\n\nTransparency of "
            "Home Office Statistics\n\nDear Ed,\n\nI write to raise concerns.\n\nJo Bloggs\n")
    [letter] = split_letters(LoadedFile("memo.txt", text))
    assert [letter.text[s:e] for s, e in letter.body_spans] == [
        "This letter was published retrospectively on 23 May 2023", "I write to raise concerns."]
    assert letter.subject == "Transparency of Home Office Statistics"


def test_a_paragraph_introducing_a_quotation_is_one_passage_with_it():
    """"The Minister stated," and the statement after it: who said it and what, together."""
    from indexer.loaders import LoadedFile

    text = ("Dear Mr Vickers,\n\nThank you for your letter.\n\n"
            "The claim was made in the debate. The Minister stated,\n\n"
            "“there were 149,769 police officers in March 2024.”\n\nWe examined this.\n\nJo Bloggs\n")
    [letter] = split_letters(LoadedFile("memo.txt", text))
    assert [letter.text[s:e] for s, e in letter.body_spans] == [
        "Thank you for your letter.",
        ("The claim was made in the debate. The Minister stated,\n\n“there were 149,769 police "
         "officers in March 2024.”"),
        "We examined this."]


def _plain(text: str):
    from indexer.loaders import LoadedFile

    return split_letters(LoadedFile("letter.txt", text))


def test_a_published_copy_without_signature_is_attributed_by_the_line_above_it():
    # Published copies often stop before the signature; the publisher's line says who wrote.
    [letter] = _plain("Response from Sir Robert Chote to Stephen Kinnock MP – asylum backlogs\n\n"
                      "Dear Mr Kinnock,\n\nThank you for your letter of 19 December.\n\n"
                      "We have looked into the figures you raised.\n")
    assert letter.senders == [Correspondent("Sir Robert Chote")]
    assert letter.recipients == [Correspondent("Stephen Kinnock MP")]
    [to_only] = _plain("Letter to Victoria Atkins MP on the delivery dashboard\n\n"
                       "Dear Victoria\n\nI write about the dashboard.\n")
    assert to_only.senders == []  # nobody is guessed
    assert to_only.recipients == [Correspondent("Victoria Atkins MP")]  # more than "Victoria"
    [body] = _plain("A letter from the Children’s Commissioner for England to the Home Secretary"
                    " on the Bill.\n\nDear Home Secretary\n\nI am writing to request a meeting.\n")
    assert body.senders == [Correspondent("Children’s Commissioner for England")]


def test_a_signature_or_addressee_block_outranks_the_line_above():
    [letter] = _plain("Letter from the Office to the Committee\n\nJane Roe\nHead of Policy\n\n"
                      "Dear Sir,\n\nWe will publish in May.\n\nYours sincerely,\n\nAlex Poe\n"
                      "Director\n")
    assert letter.senders == [Correspondent("Alex Poe", "Director")]
    assert letter.recipients == [Correspondent("Jane Roe", "Head of Policy")]


def test_a_letterhead_flattened_onto_one_line_names_the_writer():
    [letter] = _plain("Sarah Newton MP Minister for Vulnerability, Safeguarding and Countering "
                      "Extremism 2 Marsham Street London SW1P 4DF www.gov.uk/home-office\n\n"
                      "17 February 2017\n\nDear Frank,\n\nI am writing as a follow up.\n")
    assert letter.senders == [Correspondent(
        "Sarah Newton MP", "Minister for Vulnerability, Safeguarding and Countering Extremism")]


def test_an_addressee_block_flattened_onto_one_line_names_the_recipient():
    """A letter dropped in as text often has its addressee block on one line: its name (to a
    comma or post-nominals) and post are the recipient's when the salutation greets them, or,
    without a salutation, when the line is not the writer's letterhead above it."""
    letterhead = ("Dame Sara Thornton DBE QPM Independent Anti-Slavery Commissioner 5th Floor, "
                  "Globe House 89 Eccleston Square London, SW1V 1PN\n\n")
    address = ("Katy Bourne OBE Sussex Police and Crime Commissioner Office of the Sussex Police "
               "& Crime Commissioner Sackville House Brooks Close Lewes East Sussex BN7 2FZ\n\n")

    def read(salutation: str):
        [letter] = _plain(f"{letterhead}{address}{salutation},\n\nI am writing about the units.\n")
        return letter

    katy = [Correspondent("Katy Bourne", "Sussex Police and Crime Commissioner")]
    assert read("Dear Katy").recipients == katy
    assert read("Dear Katy").senders == [Correspondent("Dame Sara Thornton",
                                                       "Independent Anti-Slavery Commissioner")]
    assert read("Dear Ms Bourne").recipients == katy
    assert read("Dear Sir").recipients == katy  # "Sir" names nobody: the line below the letterhead
    assert read("Dear Jon").recipients == [Correspondent("Jon")]  # the line names someone else
    [ungreeted] = _plain("Sarah Newton MP Minister for Vulnerability 2 Marsham Street London "
                         "SW1P 4DF\n\n17 February 2017\n\nRt Hon Frank Field, Chair Work and "
                         "Pensions Select Committee House of Commons London SW1A 0AA\n\n"
                         "Victims of Modern Slavery Inquiry\n\nI am writing as a follow up.\n")
    assert ungreeted.recipients == [Correspondent("Rt Hon Frank Field",
                                                  "Chair Work and Pensions Select Committee")]
    assert ungreeted.senders == [Correspondent("Sarah Newton MP", "Minister for Vulnerability")]
    [letterhead_only] = _plain(letterhead + "I am writing about the units.\n")
    assert letterhead_only.recipients == []


def test_the_post_a_letter_says_it_is_written_in_is_its_correspondents():
    """A published copy without its letterhead may say the post in its opening lines: the
    reader's ("writing to you as ..."), the writer's ("As ..., I", "in my capacity as ...").
    Nobody is made from a post alone, and a post already known is kept."""
    [letter] = _plain("Letter to Victoria Atkins MP on the dashboard\n\nDear Victoria,\n\n"
                      "I am writing to you as Minister responsible for the Rape Review to outline "
                      "some issues.\n\nAs Victims' Commissioner, I have long argued for this."
                      "\n\nYours sincerely,\n\nVera Baird\n")
    assert letter.recipients == [Correspondent("Victoria Atkins MP",
                                               "Minister responsible for the Rape Review")]
    assert letter.senders == [Correspondent("Vera Baird", "Victims' Commissioner")]
    [unsigned] = _plain("Dear Ed\n\nI am writing in my capacity as Shadow Minister for "
                        "Immigration, to ask about the figures.\n\nAs I have said, they matter.\n")
    assert unsigned.senders == []
    [known] = _plain("Jo Bloggs\nChair\n\nDear Sam,\n\nAs the Home Office has said, I agree. "
                     "In your capacity as Director of Data, please reply.\n\nYours,\n\nAl Roe\n")
    assert known.recipients == [Correspondent("Jo Bloggs", "Chair")]
    assert known.senders == [Correspondent("Al Roe")]


def test_lines_that_only_look_like_a_lead_name_nobody():
    from indexer.correspondents import from_flat_letterhead, from_lead

    assert from_lead("Response to the consultation") == ([], [])
    assert from_lead("This letter was published retrospectively on 23 May 2023") == ([], [])
    assert from_lead("Letters are important to us.") == ([], [])
    assert from_flat_letterhead("Home Office 2 Marsham Street London SW1P 4DF") == []
