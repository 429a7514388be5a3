"""What questions say about when and which part: dates at their precision (a month without
its year too), the words placing them, whether a question asks when, and references
("Recommendation One", "Clause 4"). Split from tests/test_cues.py as it grew."""

import pytest
from question_helpers import COMMISSIONERS, MINISTER

from assistant.cues import read_cues
from assistant.references import Reference
from assistant.retrieval.cue_rerank import cue_multiplier


@pytest.mark.parametrize("question, expected", [
    ("in her reply of 9 December 2021", [("2021-12-09", "2021-12-09", "day")]),
    ("in March 2019", [("2019-03-01", "2019-03-31", "month")]),
    ("letters in 2022", [("2022-01-01", "2022-12-31", "year")]),
    ("on 3rd March 2019 and in 2020", [("2019-03-03", "2019-03-03", "day"),
                                       ("2020-01-01", "2020-12-31", "year")]),
    ("on the 9th of December 2021", [("2021-12-09", "2021-12-09", "day")]),
    ("on 21/11/2022", [("2022-11-21", "2022-11-21", "day")]),
    ("on 11/21/2022", [("2022-11-21", "2022-11-21", "day")]),  # only month first is a date
    ("on 2022-11-21", [("2022-11-21", "2022-11-21", "day")]),
    ("in late 2021", [("2021-01-01", "2021-12-31", "year")]),
    ("by the end of March 2023", [("2023-03-01", "2023-03-31", "month")]),
    ("in the winter of 2022", [("2022-01-01", "2022-12-31", "year")]),
])


def test_dates_at_their_precision(question, expected):
    assert [(d.first_day, d.last_day, d.precision) for d in read_cues(question).dates] == expected


def test_a_month_named_without_its_year_is_that_month_of_any_year():
    """"Will Moy's March letter" is a letter dated in March, whatever the year; "March 2023"
    and "27 March" are dates of their own kinds, and "march" or "May" are verbs."""
    from assistant.cue_matching import date_match, date_mentioned
    cue, = read_cues("What was Ed Humpherson's first reaction to Will Moy's March letter?").dates
    assert (cue.text, cue.month, cue.precision) == ("March", 3, "month")
    assert date_match(cue, "2023-03-27") == date_match(cue, "2019-03") == "month"
    assert date_match(cue, "2023-04-17") is None and date_match(cue, "2023") is None
    assert date_mentioned(cue, "Thank you for your letter of 27 March.")
    assert not date_mentioned(cue, "We wrote in April.")
    # a year said once serves the months near it: "between March and June 2024" is answered
    # by "in March 2024, but in June", not by another year's June or another sentence's
    june = read_cues("How far did numbers fall between March and June 2024?").dates[0]
    assert (june.text, june.precision) == ("June 2024", "month")
    assert date_mentioned(june, "149,769 officers in March 2024, but in June – when ...")
    assert date_mentioned(june, "in June of 2024") and date_mentioned(june, "2024: in June")
    assert not date_mentioned(june, "in June 2023 and in March 2024")
    assert not date_mentioned(june, "We wrote in 2024. In June we met.")
    assert [d.month for d in read_cues("Who wrote to OSR after the october letter?").dates] == [10]
    assert [d.month for d in read_cues("What did she say in May?").dates] == [5]
    for question in ("May I see the letters?", "Did they march on Parliament?",
                     "What did he write in March 2023?"):
        assert all(d.month is None for d in read_cues(question).dates), question


def test_a_day_named_without_its_year_is_that_day_of_any_year():
    """"The campaigners' letter of 14 June" is a letter dated 14 June, whatever the year. It
    had been no date cue at all, only a check that the closest letters bear the day, so
    nothing lifted the letter of that day above the others."""
    from assistant.cue_matching import date_match, date_mentioned
    cue, = read_cues("How did OSR reply to the campaigners' letter of 14 June?").dates
    assert (cue.text, cue.month, cue.day, cue.precision) == ("14 June", 6, 14, "day")
    assert date_match(cue, "2022-06-14") == "day" and date_match(cue, "2023-06") == "month"
    assert date_match(cue, "2022-06-15") is None and date_match(cue, "2022") is None
    assert date_mentioned(cue, "Thank you for your letter dated 14th of June.")
    assert date_mentioned(cue, "your letter of June 14") and not date_mentioned(cue, "14 July")
    assert [(d.month, d.day) for d in read_cues("What did he say on April 17?").dates] == [(4, 17)]
    assert [(d.month, d.day) for d in read_cues("What did he say on 17 April 2023?").dates] == [
        (None, None)]


def test_words_placing_a_date_are_read_with_it_not_as_the_topic():
    """'What did she write in late 2021?' asks about nothing but the date: 'late' is not a
    topic word the letter must hold, and a date's figures are not figures to find."""
    assert [d.text for d in read_cues("What did she write in late 2021?").dates] == ["late 2021"]
    assert "late" in read_cues("What did she write in late 2021?").date_terms()
    assert [d.text for d in read_cues("What was sent on 21/11/2022?").dates] == ["21/11/2022"]
    # a day without its year is checked as a date too, not matched as words: "of 14 June"
    # had put a reply's "Thank you for your letter dated 14 June" before all it said
    assert {"14", "june"} <= read_cues("How did OSR reply to their letter of 14 June?").date_terms()


@pytest.mark.parametrize("question, reference", [
    ("What about Recommendation One?", Reference("recommendation", 1)),
    ("what about recommendation 1", Reference("recommendation", 1)),
    ("Rec. 3 of the report", Reference("recommendation", 3)),
    ("Clause 51 of the Bill", Reference("clause", 51)),
    ("Part Four", Reference("part", 4)),
])


def test_references_in_any_form(question, reference):
    assert read_cues(question).references == [reference]


def test_a_possessive_before_a_number_is_a_name_not_a_section():
    """"s 2" is section 2, but the s of "Kinnock's second" is his: it had read as a section
    and swallowed the name."""
    cues = read_cues("What was Kinnock's second complaint about?")
    assert cues.references == [] and [p.text for p in cues.people] == ["Kinnock's"]
    assert read_cues("What does s. 2 say?").references == [Reference("section", 2)]


def test_reference_matches_digits_words_and_abbreviation():
    pattern = Reference("recommendation", 1).pattern()
    for text in ("Recommendation One of the report", "recommendation 1", "Rec. 1", "rec one"):
        assert pattern.search(text)
    assert not pattern.search("Recommendation 11") and not pattern.search("recommendations")
    assert "recommendation 1" in read_cues("Recommendation One?").search_text()


def test_sender_side_and_date_precision_lift_a_letter():
    cues = read_cues("What did the Minister say in December 2021?")
    from_minister = cue_multiplier(cues, "text", "x", MINISTER, COMMISSIONERS, "2021-12-09")
    to_minister = cue_multiplier(cues, "text", "x", COMMISSIONERS, MINISTER, "2021-12-09")
    only_year = cue_multiplier(cues, "text", "x", MINISTER, COMMISSIONERS, "2021")
    other_year = cue_multiplier(cues, "text", "x", MINISTER, COMMISSIONERS, "2019-12-09")
    assert from_minister > to_minister > 1.0
    assert from_minister > only_year > other_year
    # a copy that does not say who wrote it may be the Minister's: lifted, less than hers
    unsigned = cue_multiplier(cues, "text", "x", None, COMMISSIONERS, "2021-12-09")
    by_another = cue_multiplier(cues, "text", "x", "Ed Humpherson (OSR)", COMMISSIONERS,
                                "2021-12-09")
    assert from_minister > unsigned > by_another


def test_a_clause_opening_on_when_does_not_make_the_question_ask_when():
    """"When Sir Robert Chote answered Stephen Kinnock, what did he say ...?" asks what he
    said: sentences giving a date were weighed up for it."""
    assert not read_cues("When Sir Robert Chote answered Stephen Kinnock, what did he say about "
                         "the Home Affairs Committee?").asks_when
    for question in ("When did Sarah Newton appear before the committee?",
                     "And when did she reply?", "On what date did Priti Patel make her statement?"):
        assert read_cues(question).asks_when, question


def test_a_question_for_a_year_or_day_asks_when():
    for question in ("What year was the data for?", "Which years did their complaint cover?",
                     "Since when have there been improvements?", "On what day did she go?",
                     "In which month did he write?"):
        assert read_cues(question).asks_when, question
    assert not read_cues("What did the years of delay cost?").asks_when
    assert not read_cues("When Sir Robert Chote answered Stephen Kinnock, what did he say?"
                         ).asks_when


def test_a_question_asking_about_when_asks_when():
    """"What did Chote tell Kinnock about when the backlog was cleared?" asks for a time as
    "When was ...?" does (the sentence giving "by March 2011" was passed over for one without
    a date); a clause saying when something was said does not."""
    for question in ("What did Bob Chote tell Kinnock about when the old backlog was cleared?",
                     "Did the reply say anything about when the figures would be published?"):
        assert read_cues(question).asks_when, question
    assert not read_cues("What did the Home Secretary say when she met the Children's "
                         "Commissioner?").asks_when


@pytest.mark.parametrize("question, letter", [
    ("Who wrote the letter of 27 March?", "2023-03-27_moy-to-humpherson"),
    ("What did OSR write on 8 December?", "2022-12-08_humpherson-to-esslemont"),
    ("What was the letter of 8 December about?", "2022-12-08_humpherson-to-esslemont"),
    ("What was in the letter of 17 April?", "2023-04-17_jenrick-to-chote"),
    # "dated" says when, as "date" does: not a subject the letters must hold
    ("Which letters are dated 23 March 2023?", "2023-03-23_chote-to-kinnock"),
])
def test_a_letter_asked_for_by_its_day_is_the_one_of_that_day(assistant, question, letter):
    """Asked for by its day, with or without the year, a letter is the one dated that day.
    Without the year these were answered from Jenrick's letter (which thanks Chote for
    letters of 23 March), declined, and answered from the reply thanking Jenrick for his
    letter of 17 April; "dated" was read as a subject no letter holds."""
    answer = assistant.ask(question)
    assert answer.citations and answer.citations[0].letter_id.startswith(letter), question


def test_a_day_no_letter_bears_is_declined(assistant):
    assert not assistant.ask("Who wrote the letter of 28 March?").citations


def test_a_word_before_a_date_bounds_the_letters_asked_for(assistant):
    """"Which letters did OSR write before 2023?" had listed OSR's letter of 2023: the date
    was read as the letters', not as their bound. Only where letters are asked for: "since
    2014" elsewhere dates what a letter writes of."""
    bounds = {q: [(d.first_day, d.last_day, d.bounded) for d in read_cues(q).dates] for q in (
        "Which letters did OSR write before 2023?", "Which letters were sent after March 2023?",
        "How many letters were sent until June 2022?", "Which letters are from 2022?",
        "What improved since 2014?")}
    assert list(bounds.values()) == [
        [("0001-01-01", "2022-12-31", True)], [("2023-04-01", "9999-12-31", True)],
        [("0001-01-01", "2022-06-30", True)], [("2022-01-01", "2022-12-31", False)],
        [("2014-01-01", "2014-12-31", False)]]
    # ... nor a year for a follow-up's "the year before" to count from (it had been year 0)
    from assistant.conversation import _years_moved
    earlier = read_cues("Which letters did OSR write before 2023?")
    assert _years_moved("And the year before?", [], lambda: earlier) == []
    before = assistant.ask("Which letters did OSR write before 2023?")
    assert before.citations and all(c.date and c.date < "2023" for c in before.citations)
    after = assistant.ask("Which letters did Kinnock send after 2022?")
    assert [c.date for c in after.citations] == ["2024-01"], after.answer
