"""Questions asking for letters ("Which letters did Sir Robert Chote send in 2023?") are
answered with every letter that fits, counted and each cited, not with one passage. Over the
shipped corpus, with the real model, on both store backends."""

import re

import pytest

from assistant.cues import read_cues
from assistant.schemas import Turn


@pytest.mark.parametrize("question", [
    "Which letters did Sir Robert Chote send in 2023?",
    "How many letters did Full Fact write to OSR?",
    "List the letters between Stephen Kinnock and Sir Robert Chote.",
    "Show me all the letters from OSR",
    "What letters were sent to the Home Secretary?",
    "And which other letters did he write?",
    "How many letters are there from the Victims' Commissioner?",
    "Which letters mention the asylum backlog?",  # by what they mention
    "Which letters have not been answered?",
    "which letters havent been answered",
    "Which of Full Fact's letters got no reply?",
    "Is there a letter that mentions Sarah Everard?",  # a58-a67 batch: it was declined
    "Do any letters discuss the asylum backlog?",
    # in other verbs of mentioning: these had been declined, "talk" read as their subject
    "Which letters talk about Albania?",
    "Do any letters touch on stop and search?",
    "Which letters deal with the asylum backlog?",
])
def test_questions_asking_for_letters_are_read_so(question):
    assert read_cues(question).asks_letters


@pytest.mark.parametrize("question", [
    "What letters did Stephen Kinnock refer to?",  # what his letter says
    "What did the letters from OSR conclude?",
    "How many times had OSR contacted the Home Office in 2022, according to Full Fact?",
    # "wrote" says when, in a clause of its own
    "How many times had OSR raised concerns with the Home Office before Full Fact wrote?",
])
def test_questions_about_what_letters_say_are_not_lists(question):
    assert not read_cues(question).asks_letters


def _count(answer: str) -> int:
    return int(re.search(r"(?:At least )?(\d+) letters? in the index", answer).group(1))


def test_the_letters_a_writer_sent_in_a_year_are_listed_counted_and_cited(assistant):
    """A passage answer quoted one of his two 2023 letters, as if it were the only one."""
    response = assistant.ask("Which letters did Sir Robert Chote send in 2023?")
    assert not response.no_answer
    assert _count(response.answer) == len(response.citations) == 2
    assert all("Chote" in c.sender and c.date.startswith("2023") for c in response.citations)
    assert len({c.letter_id for c in response.citations}) == 2
    for c in response.citations:  # each quote is the letter's own words at its offsets
        assert assistant.store.letter(c.letter_id).text[c.start : c.end] == c.quote


def test_letters_between_two_people_go_either_way_oldest_first(assistant):
    response = assistant.ask("List the letters between Stephen Kinnock and Sir Robert Chote.")
    senders = [c.sender for c in response.citations]
    assert _count(response.answer) == 2
    assert any("Chote" in s for s in senders) and any("Kinnock" in s for s in senders)
    dates = [c.date for c in response.citations]
    assert dates == sorted(dates)


def test_the_one_who_receives_is_the_recipient(assistant):
    response = assistant.ask("Which letters did Ed Humpherson receive?")
    assert _count(response.answer) >= 3
    assert all("Humpherson" in c.recipient for c in response.citations)


def test_a_subject_narrows_the_list_and_picks_each_letters_sentence(assistant):
    everything = assistant.ask("Which letters did OSR send?")
    on_slavery = assistant.ask("Which letters did OSR send about modern slavery?")
    assert 0 < _count(on_slavery.answer) < _count(everything.answer)
    for c in on_slavery.citations:
        assert "modern slavery" in assistant.store.letter(c.letter_id).text.lower()
        assert "slavery" in c.quote.lower()


def test_no_letter_fitting_is_said_plainly(assistant):
    response = assistant.ask("How many letters did Sir Robert Chote write in 2019?")
    assert response.no_answer and not response.citations


def test_a_letter_known_only_by_its_salutation_is_listed_for_the_full_name(fresh_index):
    """Without front matter the letters to Ed Humpherson say "Dear Ed": they are his when no
    other Ed writes or is written to."""
    from conftest import CORPUS, assistant_over

    files = ["2022-12-19_kinnock-to-humpherson-asylum-backlogs.md",
             "undated_humpherson-to-shaw-parliamentary-question-response.md"]
    assistant = assistant_over(fresh_index, {
        name.replace(".md", ".txt"): (CORPUS / name).read_text().split("---", 2)[2]
        for name in files})
    assert {x.recipient for x in assistant.store.letters()} >= {"Ed"}
    response = assistant.ask("Which letters did Ed Humpherson receive?")
    assert _count(response.answer) == 1
    assert response.citations[0].recipient == "Ed"


def test_a_role_names_only_those_who_hold_it(assistant):
    """Matthew Rycroft, Permanent Secretary of the Home Office, is not the Home Secretary:
    only Dame Rachel de Souza's letter was sent to the Home Secretary."""
    response = assistant.ask("What letters were sent to the Home Secretary?")
    assert _count(response.answer) == 1
    assert [c.recipient for c in response.citations] == ["Home Secretary"]


def test_a_letter_dated_less_precisely_than_asked_is_counted_apart(assistant):
    """Letters dated only "2022" may be of December 2022: said, not listed as if they were."""
    response = assistant.ask("Which letters were sent in December 2022?")
    assert _count(response.answer) == 2
    assert "2 more are dated less precisely and may" in response.answer
    assert all(c.date.startswith("2022-12") for c in response.citations)


def test_the_one_receiving_is_the_one_before_the_verb(assistant):
    response = assistant.ask("What letters did the Home Office receive from OSR?")
    assert _count(response.answer) >= 3
    assert all("OSR" in c.sender and "Home Office" in c.recipient for c in response.citations)


def _after(assistant, earlier: str, question: str):
    first = assistant.ask(earlier)
    turn = Turn(question=earlier, answer=first.answer, citations=first.citations)
    return first, assistant.ask(question, history=[turn])


def test_a_follow_up_names_its_people_by_pronouns(assistant):
    """'he' is the earlier question's writer, 'him' its recipient; 'other' leaves out the
    letters the earlier answer quoted."""
    _, response = _after(assistant, "What did Stephen Kinnock write to Sir Robert Chote about?",
                         "And which letters did he send to OSR?")
    assert _count(response.answer) == 1
    assert "Kinnock" in response.citations[0].sender and "OSR" in response.citations[0].recipient
    _, response = _after(assistant, "What did Sir Robert Chote tell Stephen Kinnock?",
                         "How many letters did he write to him?")
    assert _count(response.answer) == 1 and "Kinnock" in response.citations[0].recipient
    first, response = _after(assistant, "What did Stephen Kinnock ask Ed Humpherson?",
                             "Which other letters did he receive?")
    shown = {c.letter_id for c in first.citations}
    listed = {c.letter_id for c in response.citations}
    assert len(listed) >= 3 and not listed & shown
    assert all("Humpherson" in c.recipient for c in response.citations)


def test_who_wrote_to_someone_is_answered_with_every_writer(assistant):
    """'Who has written to Sir Robert Chote?' quoted Robert Jenrick's letter alone, though
    Stephen Kinnock wrote to him too; each letter is quoted where its writer says who they
    are, when it does. A question with a subject of its own gets a passage answer."""
    response = assistant.ask("Who has written to Sir Robert Chote?")
    assert _count(response.answer) == 2
    assert {c.sender.split(" (")[0] for c in response.citations} == {
        "Robert Jenrick MP", "Stephen Kinnock MP"}
    # ... however wrapped ("I want to know who ...": declined, a79)
    for wording in ("Who wrote to Katy Bourne?", "I want to know who wrote to Katy Bourne",
                    "Hey, can you tell me who wrote to Katy Bourne?"):
        response = assistant.ask(wording)
        assert response.citations[0].quote.startswith(
            "As Independent Anti-Slavery Commissioner, I am writing"), wording
    assert not re.match(r"\d+ letters? in the index",
                        assistant.ask("Who complained to OSR about police numbers?").answer)


def test_who_replied_to_someone_lists_the_replies_to_them(assistant):
    """'Who replied to Ed Humpherson?' is Matthew Rycroft alone: the other letters to him
    answer none of his ('in response to questions from MPs' deep in Stephen Kinnock's letter
    does not make it a reply)."""
    response = assistant.ask("Who replied to Ed Humpherson?")
    assert _count(response.answer) == 1
    assert response.citations[0].sender.startswith("Matthew Rycroft")
    response = assistant.ask("Who replied to Stephen Kinnock?")
    assert [c.sender.split(" (")[0] for c in response.citations] == ["Sir Robert Chote"]


def test_the_latest_or_first_letter_is_the_one_at_that_end_of_time(assistant):
    """'What did the most recent letter to Sir Robert Chote say?' quoted Robert Jenrick's
    April 2023 letter; Stephen Kinnock's of January 2024 is later. 'When was the first
    letter from Dame Vera Baird?' quoted her 2022 letter; her first is of September 2021."""
    response = assistant.ask("What did the most recent letter to Sir Robert Chote say?")
    assert [c.date for c in response.citations] == ["2024-01"]
    assert response.answer.startswith("2 letters in the index fit the question; the latest:")
    response = assistant.ask("When was the first letter from Dame Vera Baird?")
    assert [c.date for c in response.citations] == ["2021-09-17"]
    assert read_cues("What did the latest letter from OSR say?").letters_from_end == ("newest", 1)
    assert read_cues("Her first term ended in June.").letters_from_end is None


def test_a_second_or_third_letter_is_placed_by_date(assistant):
    """'What was in Stephen Kinnock's second letter?' read the s of "Kinnock's second" as
    section 2, then "second" as what the letter is about, and was declined: his letters are
    of December 2022 and January 2024. He wrote no third; an undated letter has no place."""
    response = assistant.ask("What was in Stephen Kinnock's second letter?")
    assert response.answer.startswith("2 letters in the index fit the question; the second:")
    assert [c.date for c in response.citations] == ["2024-01"]
    assert assistant.ask("What did Kinnock's third letter say?").no_answer
    cues = read_cues("What did Kinnock's third letter say?")
    assert cues.letters_from_end == ("oldest", 1) and cues.letters_skipped == 2
    assert [p.speaker for p in cues.people] == [True]  # "X's third letter": X's words
    # Ed Humpherson's two letters to them: one dated, one not
    assert assistant.ask("What was in the second letter Ed Humpherson sent to Maya Esslemont "
                         "and Anna Powell-Smith?").no_answer


def test_who_someone_is_is_answered_by_their_letters(assistant):
    """'Who is Will Moy?' was declined, 'What role does Ed Humpherson have?' quoted Dame Vera
    Baird on her role: the letters from and to them say who they are, in their lines and
    introductions. Someone only mentioned ('Who is Priti Patel?') gets a passage answer."""
    response = assistant.ask("Who is Will Moy?")
    assert _count(response.answer) == 2
    assert all("Will Moy (Full Fact)" in (c.sender, c.recipient) for c in response.citations)
    response = assistant.ask("Who is the Chair of the UK Statistics Authority?")
    assert {c.sender for c in response.citations} == {
        "Sir Robert Chote (Chair, UK Statistics Authority)"}
    # a letter to someone seldom says who they are: the line giving them their role does
    response = assistant.ask("Who is Katy Bourne?")
    assert response.answer.startswith(
        "As the letters give them: Katy Bourne (Sussex Police and Crime Commissioner). 1 letter")
    response = assistant.ask("Who is Priti Patel?")
    assert not re.match(r"\d+ letters? in the index", response.answer)
    assert "Priti Patel" in response.citations[0].quote
    # "Who was with her at the committee?" asks who did something, not who someone is
    assert not read_cues("Who was with her at the committee?").asks_identity
    assert not read_cues("Who was responsible for the NRM statistics?").asks_identity
    # ... nor "Who was the Home Office supposed to consult?": whom it was to act on (a46)
    assert not read_cues("Who was the Home Office supposed to consult under the "
                         "recommendation?").asks_identity
    # ... and "Who was X writing to?" whom they wrote to: the recipient of their letter
    assert not read_cues("Who was Ed Humpherson writing to about the uplift?").asks_identity
    response = assistant.ask("Who was Ed Humpherson writing to about the uplift?")
    # first; since session 53 the thanks of his letter to the campaigners follow it
    assert response.citations[0].recipient == "Amy Baxter (Home Office)", response.answer
    # "What does X do?" asks the same; "What did X do?" asks what they did
    assert read_cues("What does Maya Esslemont do?").asks_identity
    assert not read_cues("What did OSR do?").asks_identity
    assert not read_cues("What does OSR do about misleading figures?").asks_identity
    assert not read_cues("What does OSR consider essential that HMICFRS continues to do?"
                         ).asks_identity
    assert not read_cues("What does OSR think the Home Office should do?").asks_identity


def test_a_word_of_a_name_is_no_subject_of_the_letters_listed(assistant):
    """'Which letters did the Home Office send to OSR?' was declined: 'office', a word of
    the field left out of the name's tokens, was read as a subject Rycroft's letter lacks."""
    response = assistant.ask("Which letters did the Home Office send to OSR?")
    assert [c.sender for c in response.citations] == [
        "Matthew Rycroft (Permanent Secretary, Home Office)"]


def test_letters_mentioning_a_subject_are_those_holding_its_words(assistant):
    """"Which letters mention Albania?" quoted one passage, as if one letter did; the list
    holds every letter with the word, each quoted where it says it."""
    response = assistant.ask("How many letters discuss the asylum backlog?")
    assert _count(response.answer) == len(response.citations) >= 4
    for c in response.citations:
        text = assistant.store.letter(c.letter_id).text.lower()
        assert "asylum" in text and "backlog" in text
    response = assistant.ask("Which letters mention Albania?")
    assert _count(response.answer) == 1 and "Albania" in response.citations[0].quote
    response = assistant.ask("Is there a letter that mentions Sarah Everard?")
    assert _count(response.answer) == 1 and "Sarah Everard" in response.citations[0].quote
    # the verb asking so is no subject the letters must hold ("talk", "spoke")
    response = assistant.ask("Which letters spoke of Sarah Everard?")
    assert _count(response.answer) == 1 and "Sarah Everard" in response.citations[0].quote
    # a name of several words, read as someone's, is matched by its words' stems
    response = assistant.ask("Which letters mention the Illegal Migration Bill?")
    assert _count(response.answer) >= 2
    assert all("Illegal Migration Bill" in c.quote for c in response.citations)


def test_letters_no_letter_answers_are_listed_without_the_replies(assistant):
    """"Which letters have not been answered?": those no letter in the index answers, less
    those that are replies themselves; with a writer, theirs ("that never got a reply" does
    not make Ed Humpherson their recipient)."""
    from assistant.threads import replies_to
    from indexer.dates import date_order

    response = assistant.ask("Which letters have not been answered?")
    assert "no letter in the index answers them; replies are left out" in response.answer
    # "haven't" says "have not": it had been read as a subject no letter holds, and declined
    assert assistant.ask("Which letters haven't been answered?").answer == response.answer
    assert _count(response.answer) >= len(response.citations) >= 5
    last_days = [date_order(c.date, last_day=True) for c in response.citations if c.date]
    assert last_days == sorted(last_days)  # oldest first, "2022" after 30 June 2022
    for c in response.citations:
        letter = assistant.store.letter(c.letter_id)
        assert not replies_to(letter, assistant.store)
        assert not c.quote.startswith("Thank you for your letter")
    response = assistant.ask("Which letters did Ed Humpherson send that never got a reply?")
    assert _count(response.answer) == 3
    assert all("Humpherson" in c.sender for c in response.citations)
    answered = assistant.ask("Which letters did Will Moy send that went unanswered?")
    assert answered.no_answer  # OSR answered his one letter


def test_letters_asked_for_by_how_often_or_which_first_or_in_the_singular(assistant):
    """Found by probing, each had been declined or answered from passages: 'When did Stephen
    Kinnock first write to OSR?', 'How often did Ed Humpherson write to Maya Esslemont?',
    'How many times ...?', 'Which letter mentions the Telegraph?'."""
    response = assistant.ask("When did Stephen Kinnock first write to OSR?")
    assert [c.date for c in response.citations] == ["2022-12-19"], response.answer
    response = assistant.ask("How often did Ed Humpherson write to Maya Esslemont?")
    assert _count(response.answer) == len(response.citations) == 2, response.answer
    response = assistant.ask("How many times did Stephen Kinnock write to Sir Robert Chote?")
    assert _count(response.answer) == 1, response.answer
    response = assistant.ask("Which letter mentions the Telegraph?")
    assert [c.recipient for c in response.citations] == [
        "Matthew Rycroft (Permanent Secretary, Home Office)"], response.answer
    assert "Telegraph" in response.citations[0].quote


def test_letters_mentioning_a_figure_hold_it_and_are_quoted_where_they_give_it(assistant):
    """'Which letters discuss the 450,000 legacy backlog figure?' was declined: 'figure' was
    read as a subject the letters must hold, and the figure itself was not looked for."""
    response = assistant.ask("Which letters discuss the 450,000 legacy backlog figure?")
    assert _count(response.answer) == len(response.citations) == 2, response.answer
    assert "450,000 legacy cases" in response.citations[0].quote
    for c in response.citations:
        assert "450,000" in assistant.store.letter(c.letter_id).text
    response = assistant.ask("Which letters mention the 71% figure?")
    assert _count(response.answer) == 1 and "71%" in response.citations[0].quote


def test_the_latest_letter_of_all_and_who_signed_a_letter(assistant):
    """'What is the latest letter in the index?' had quoted two passages of older letters;
    'Who signed the letter to Katy Bourne?' was declined ('signed' read as a subject)."""
    response = assistant.ask("What is the latest letter in the index?")
    dated = sorted((x.date for x in assistant.store.letters(limit=1000) if x.date), reverse=True)
    assert [c.date for c in response.citations] == [dated[0]], response.answer
    response = assistant.ask("Who signed the letter to Katy Bourne?")
    assert [c.sender for c in response.citations] == [
        "Dame Sara Thornton (Independent Anti-Slavery Commissioner)"], response.answer
    # "Who was ...?" read as who someone is, naming no one: no line to give, no blank before
    # the count
    response = assistant.ask("Who was the letter of 19 December addressed to?")
    assert response.answer.startswith("1 letter in the index fits"), response.answer
    assert response.citations[0].recipient.startswith("Ed Humpherson")


def test_who_wrote_to_someone_about_a_named_subject_lists_the_letters_holding_it(assistant):
    """'Who wrote to the Home Secretary about the Illegal Migration Bill?' had been declined:
    the Bill, a capitalised name, was read as a writer no letter is from. Named as what the
    letters are about, it is a subject each letter listed must hold."""
    response = assistant.ask("Did anyone write to the Home Secretary about the Illegal "
                             "Migration Bill?")
    assert not response.no_answer, response.declined_because
    assert [c.sender for c in response.citations] == [
        "Dame Rachel de Souza (Children's Commissioner for England)"]
    assert assistant.ask("Who wrote to the Home Secretary about the Victims Bill?").no_answer
