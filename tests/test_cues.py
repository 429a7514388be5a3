"""What questions say about letters: people and their side, dates, references, commitments."""

import pytest

from assistant.cue_matching import capitalise_known_names, person_matches
from assistant.cue_people import settle_people
from assistant.cues import Reference, read_cues
from assistant.retrieval.cue_rerank import cue_multiplier
from assistant.terms import content_words
from indexer.names import known_name, names_consistent, names_match

MINISTER = "Rachel Maclean MP (Minister for Safeguarding)"
COMMISSIONERS = ("Dame Sara Thornton (Independent Anti-Slavery Commissioner) and Dame Vera "
                 "Baird QC (Victims' Commissioner for England and Wales)")


def correspondents(*lines):
    """A stand-in for the correspondents table: the lines that hold a name's every word."""
    return lambda tokens: [line for line in lines if names_match(tokens, line)]


def people(question):
    return [(p.text, p.direction, p.speaker) for p in read_cues(question).people]


def test_roles_and_names_with_their_side_of_the_letter():
    assert people("What did the Minister commit on Recommendation One?") == [
        ("Minister", "from", True)]
    assert people("Who wrote to the Sussex Police and Crime Commissioner in October 2020?") == [
        ("Sussex Police and Crime Commissioner", "to", False)]
    assert people("What did Dame Sara ask OSR about?") == [
        ("Dame Sara", "from", True), ("OSR", "to", False)]
    assert people("According to Sarah Newton's letter to Frank Field, how many?") == [
        ("Sarah Newton's", "from", True), ("Frank Field", "to", False)]
    # a month after a possessive says when: "Kinnock's December letter" is Kinnock's
    assert people("What did Kinnock's December letter ask?") == [("Kinnock's", "from", True)]
    # ... but "after X's letter" is the letter answered: its writer's words are not asked for
    assert people("What came back from Sir Robert Chote after Jenrick's April letter?") == [
        ("Sir Robert Chote", "from", True), ("Jenrick's", "from", False)]
    # "OSR's view" asks for OSR's words, as "OSR's reply" does
    assert people("And OSR's view?") == [("OSR's", "from", True)]
    # "the Rycroft letter" is his, as "Rycroft's letter" is
    assert people("Give me the key points of the Rycroft letter.") == [("Rycroft", "from", True)]
    # a possessive before a noun that is not a letter does not make a speaker
    assert ("Commissioners'", "from", False) in people(
        "What did the Minister say about the Commissioners' offer of support?")
    # the letter one answers is the other's: the reply is to them
    assert people("How did Rycroft answer Humpherson's letter about transparency?") == [
        ("Rycroft", "from", True), ("Humpherson's", "to", False)]


def test_the_subject_of_the_question_is_read_as_its_writer_but_rules_no_letter_out():
    """Whatever the verb, "did X think" asks about X; the question may still be answered by
    a letter reporting X, so the reading ranks X's letters first and nothing more."""
    for question in ("Why did Ed Humpherson think the numbers mattered?",
                     "How did the Commissioner sum up her years in the job?",
                     "What had Stephen Kinnock read in the press?"):
        person = read_cues(question).people[0]
        assert (person.direction, person.speaker, person.subject_only) == ("from", True, True)
    # a verb of speech makes a speaker outright; "according to" or "Y's letter" name whose
    # words are wanted, so the subject is only mentioned
    said = read_cues("What did Ed Humpherson say about the numbers?").people[0]
    assert (said.speaker, said.subject_only) == (True, False)
    assert people("What did the Prime Minister intend, according to Kinnock's letter?") == [
        ("Prime Minister", "from", False), ("Kinnock's", "from", True)]
    assert people("What did the Home Office introduce after OSR's letters?")[0] == (
        "Home Office", "from", False)
    assert people("Which figures did Will Moy and Full Fact question?")[0][2] is True


def test_a_name_before_a_verb_of_replying_must_have_written_the_answer():
    """'What did Jon Simmons say back?' asks for a letter he wrote, not one to him that
    reports him (which 'What did he say?' may be answered from)."""
    for question in ("What did Jon Simmons say back?", "Did Katy Bourne write back?",
                     "How did Ed Humpherson reply?", "When did the Minister get back to them?"):
        assert read_cues(question).people[0].wrote, question
    assert not read_cues("What did Ed Humpherson say about the numbers?").people[0].wrote


def test_what_was_done_after_a_letter_asks_for_a_response():
    for question in ("What did OSR do after the campaigners wrote to it?",
                     "After Robert Jenrick's letter, which other statement did Sir Robert raise?",
                     "And what did the Minister say in return?", "What happened next?",
                     "And did he get it?", "Did they get what they asked for?",
                     "Did the regulator agree with them?", "Did she agree?"):
        assert read_cues(question).asks_response, question
    assert not read_cues("What did OSR do after the election?").asks_response
    assert not read_cues("Did the Home Secretary agree to meet her?").asks_response
    # what a letter says will happen is its plan, not a reply to it
    assert not read_cues("And what happens next?").asks_response



def test_whether_a_letter_was_answered_is_asked_in_these_forms():
    for question in ("Is there a reply?", "And was there a response?", "Any answer?",
                     "Has there been any reply?", "Did he get a reply?",
                     "Did anyone get back to him?", "Has anybody replied?"):
        assert read_cues(question).asks_if_answered, question
    for question in ("How did he respond?", "What was the reply?", "Did he reply?",
                     "Did anyone write to Katy Bourne?"):
        assert not read_cues(question).asks_if_answered, question


def test_a_follow_up_says_what_it_asks_unless_it_points_back_at_what_was_said():
    def follow_up(question):
        cues = read_cues(question)
        cues.reading = f"{question} What did Ed Humpherson tell Matthew Rycroft?"
        return cues.says_what_it_asks()

    assert follow_up("What did she say her job was?")
    assert follow_up("Where did he say his numbers came from?")
    assert not follow_up("Did Rycroft accept that?")
    assert not follow_up("And how did he reply?")
    assert not follow_up("Anything else?") and not follow_up("What did Rycroft say?")
    assert not read_cues("Where did he say his numbers came from?").says_what_it_asks()


def test_who_wrote_is_asked_in_its_yes_or_no_forms_too():
    for question in ("Who wrote to Katy Bourne?", "Did anyone write to Katy Bourne?",
                     "Has anybody ever written to Frank Field?", "And who sent it?"):
        assert read_cues(question).asks_writer, question
    assert not read_cues("What did anyone say about the backlog?").asks_writer
    for question in ("Who replied to Will Moy?", "Did anyone reply to Dame Rachel de Souza?"):
        assert read_cues(question).asks_writer, question
    # a name with a particle is one name; "X sent" makes X the writer
    assert people("Did anyone reply to Dame Rachel de Souza?") == [
        ("Dame Rachel de Souza", "to", False)]
    assert read_cues("Which letters did Stephen Kinnock send?").people[0].wrote
    # the subject of "get a reply" received it; "a reply from OSR" is OSR's to write
    got = read_cues("Did Full Fact get a reply from OSR?")
    assert got.asks_writer and [(p.text, p.direction, p.wrote) for p in got.people] == [
        ("Full Fact", "to", False), ("OSR", "from", True)]
    assert people("What did Kinnock get wrong?") == [("Kinnock", "from", True)]
    heard = read_cues("Did Frank Field hear back?")
    assert heard.asks_writer and people("Did Frank Field hear back?") == [("Frank Field", "to", False)]
    # "anyone", "anything" name no topic a letter must hold
    assert content_words("Is there anything from anyone?") == {}


def test_names_typed_in_lower_case_are_capitalised_where_a_line_holds_them():
    lines = ("Sir Robert Chote (UK Statistics Authority)", "Stephen Kinnock MP",
             "Ed Humpherson (OSR)")

    def holds(tokens):
        return [line for line in lines if names_match(tokens, line)]

    assert capitalise_known_names(
        "what did sir robert chote tell stephen kinnock about the statistics?", holds) == (
        "what did Sir Robert Chote tell Stephen Kinnock about the statistics?")
    # one word alone is not taken for a name, unless a line writes it in capitals; a
    # question that has capitals already is left as it is
    assert capitalise_known_names("what did chote say?", holds) == "what did chote say?"
    assert capitalise_known_names("what did osr say about statistics?", holds) == (
        "what did OSR say about statistics?")
    assert capitalise_known_names("What did stephen kinnock say?", holds) == (
        "What did stephen kinnock say?")


def test_people_match_names_roles_and_initials():
    assert person_matches(read_cues("the Commissioners").people[0], COMMISSIONERS)
    assert person_matches(read_cues("What did the Minister say").people[0], MINISTER)
    assert person_matches(read_cues("Dame Sara wrote").people[0], COMMISSIONERS)
    assert person_matches(read_cues("What did OSR say").people[0],
                          "Ed Humpherson (Office for Statistics Regulation)")
    assert not person_matches(read_cues("What did the Lord Chancellor say").people[0], MINISTER)
    assert names_match(known_name("Dame Vera Baird QC"), COMMISSIONERS)
    # a form of address the lines leave out does not stop a match; a title in a name does
    assert person_matches(read_cues("What did Mr Jenrick say?").people[0],
                          "Robert Jenrick MP (Minister for Immigration)")
    assert person_matches(read_cues("What did Ms Esslemont and Ms Powell-Smith ask?").people[0],
                          "Maya Esslemont and Anna Powell-Smith (joint sector letter)")
    assert not person_matches(read_cues("What did Sir Robert say?").people[0],
                              "Robert Jenrick MP (Minister for Immigration)")
    # "request from Y": Y is the one asked, not the one whose words are asked for
    assert people("What did Stephen Kinnock request from Sir Robert Chote?") == [
        ("Stephen Kinnock", "from", True), ("Sir Robert Chote", "to", False)]
    # the form of address does not hide the word before it that says which side the name is
    assert people("What did Sam Ortiz tell Ms Patel?") == [("Sam Ortiz", "from", True),
                                                           ("Patel", "to", False)]
    assert person_matches(read_cues("What did Ms Baird tell Mr Lewis?").people[1],
                          "The Rt Hon Brandon Lewis MP (Lord Chancellor)")
    # ...but a name given with one must stand whole: not the Smith of "Powell-Smith"
    assert not person_matches(read_cues("What did Dr Smith say?").people[0],
                              "Maya Esslemont and Anna Powell-Smith (joint sector letter)")


def test_a_name_known_in_part_is_consistent_with_the_whole_name_not_with_another():
    """A letter without front matter knows its recipient from "Dear Daniel" alone: that may be
    Daniel Shaw (it does not rule him out), and cannot be Ed or Robert Jenrick."""
    assert names_consistent(known_name("Daniel Shaw"), "Daniel")
    assert names_consistent(known_name("Maya Esslemont"), "Maya and Anna")
    assert not names_match(known_name("Daniel Shaw"), "Daniel")
    assert not names_consistent(known_name("Daniel Shaw"), "Ed")
    assert not names_consistent(known_name("Robert Jenrick"), "Sir Robert Chote")
    assert not names_consistent(known_name("Daniel Shaw"), None)


def test_a_described_role_is_read_with_the_words_that_say_which_one():
    victims = read_cues("What did the victims' commissioner ask the Lord Chancellor?").people[0]
    assert victims.text == "victims' commissioner"
    assert person_matches(victims, COMMISSIONERS)
    # a commissioner, but not the victims' one: a bare "commissioner" matched her too
    assert not person_matches(victims, "Dame Sara Thornton (Independent Anti-Slavery Commissioner)")
    shadow = read_cues("What did the shadow immigration minister ask OSR?").people[0]
    assert shadow.text == "shadow immigration minister"
    assert person_matches(shadow, "Stephen Kinnock MP (Shadow Minister for Immigration)")
    assert not person_matches(shadow, MINISTER)
    # an article or a question word ends the description; a title is not widened
    assert people("What did the minister say?") == [("minister", "from", True)]
    assert read_cues("What did the Victims' Commissioner say?").people[0].broad == ()


def test_a_description_no_correspondent_fits_falls_back_to_the_role():
    known = correspondents(MINISTER, COMMISSIONERS)
    cues = read_cues("What did the prisons minister promise?")
    settle_people(cues, known)
    assert cues.people[0].tokens == ("minister",)  # no line holds "prisons": the role alone
    cues = read_cues("What did the safeguarding minister promise?")
    settle_people(cues, known)
    assert cues.people[0].tokens == ("safeguarding", "minister")


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


def test_words_placing_a_date_are_read_with_it_not_as_the_topic():
    """'What did she write in late 2021?' asks about nothing but the date: 'late' is not a
    topic word the letter must hold, and a date's figures are not figures to find."""
    assert [d.text for d in read_cues("What did she write in late 2021?").dates] == ["late 2021"]
    assert "late" in read_cues("What did she write in late 2021?").date_terms()
    assert [d.text for d in read_cues("What was sent on 21/11/2022?").dates] == ["21/11/2022"]


def test_a_request_opening_the_question_is_not_its_topic():
    cues = read_cues("Summarise what Ed Humpherson told Matthew Rycroft.")
    assert cues.question == "what Ed Humpherson told Matthew Rycroft."
    assert [p.text for p in cues.people] == ["Ed Humpherson", "Matthew Rycroft"]
    assert read_cues("Findings of the review?").question == "Findings of the review?"


def test_initialisms_with_stops_and_in_lines_are_matched():
    assert read_cues("What did the O.S.R. tell Full Fact?").people[0].tokens == ("osr",)
    assert person_matches(read_cues("What did the UKSA say?").people[0],
                          "Sir Robert Chote (Chair, UK Statistics Authority)")


@pytest.mark.parametrize("question, reference", [
    ("What about Recommendation One?", Reference("recommendation", 1)),
    ("what about recommendation 1", Reference("recommendation", 1)),
    ("Rec. 3 of the report", Reference("recommendation", 3)),
    ("Clause 51 of the Bill", Reference("clause", 51)),
    ("Part Four", Reference("part", 4)),
])
def test_references_in_any_form(question, reference):
    assert read_cues(question).references == [reference]


def test_reference_matches_digits_words_and_abbreviation():
    pattern = Reference("recommendation", 1).pattern()
    for text in ("Recommendation One of the report", "recommendation 1", "Rec. 1", "rec one"):
        assert pattern.search(text)
    assert not pattern.search("Recommendation 11") and not pattern.search("recommendations")
    assert "recommendation 1" in read_cues("Recommendation One?").search_text()


def test_commitment_questions_favour_undertakings():
    cues = read_cues("What did the Minister commit on Recommendation One?")
    assert cues.asks_commitment
    will = cue_multiplier(cues, "my officials will make contact on Recommendation One", "x",
                          MINISTER, COMMISSIONERS, "2021-12-09")
    plain = cue_multiplier(cues, "the report had a Recommendation One", "x",
                           MINISTER, COMMISSIONERS, "2021-12-09")
    assert will > plain > 1.0
    assert not read_cues("How many offences were prosecuted in 2015?").asks_commitment
    # asking someone for something is a request, as asking them to do something is
    assert read_cues("What did the Commissioner ask the Home Secretary for?").asks_commitment
    assert not read_cues("What did the letter say about asking for asylum?").asks_commitment


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


def test_the_topic_of_a_question_is_what_it_asks_without_whom():
    cues = read_cues("What did the Children's Commissioner say about school exclusions?")
    assert cues.topic_text() == "What did the say about school exclusions?"
    # nothing but a date left without the people: the whole question is the topic
    cues = read_cues("What did Stephen Kinnock ask the statistics regulator in December 2022?")
    assert cues.topic_text() == cues.question


def test_a_role_is_known_by_the_names_of_those_a_line_gives_it():
    """Stephen Kinnock's 2024 letter is signed "Stephen Kinnock MP" alone; his 2022 letter
    gives his role, so a question about the shadow immigration minister's January 2024
    letter finds the 2024 one."""
    kinnock = "Stephen Kinnock MP (Shadow Minister for Immigration)"
    cues = read_cues("What gap did the shadow immigration minister complain about in 2024?")
    settle_people(cues, correspondents(kinnock, MINISTER, COMMISSIONERS))
    shadow = cues.people[0]
    assert shadow.bearers == (("stephen", "kinnock"),)
    assert person_matches(shadow, "Stephen Kinnock MP")
    assert not person_matches(shadow, "Stephen Timms MP")
    # a role more than one person bears picks out none of them: "the immigration minister"
    # is Robert Jenrick, and the words fit the shadow minister's line too
    cues = read_cues("What did the Commissioners offer?")
    settle_people(cues, correspondents(COMMISSIONERS))
    assert cues.people[0].bearers == ()
    cues = read_cues("How did the immigration minister respond?")
    settle_people(cues, correspondents(kinnock, "Robert Jenrick MP (Minister for Immigration)"))
    assert cues.people[0].bearers == ()
    # the words must be most of the role: Rachel Maclean is not "the Secretary of State"
    maclean = "Rachel Maclean MP (Parliamentary Under Secretary of State, Minister for Safeguarding)"
    cues = read_cues("Would the Secretary of State have a power to remove children?")
    settle_people(cues, correspondents(maclean))
    assert cues.people[0].bearers == ()
    # a description no line fits falls back to its role, which picks out no one
    cues = read_cues("What did the victims' champion ask the rape review minister for?")
    settle_people(cues, correspondents(MINISTER))
    assert [(p.tokens, p.bearers) for p in cues.people] == [(("minister",), ())]
    # a name matched by the name itself has no bearers: it is the person
    cues = read_cues("What did Stephen Kinnock ask?")
    settle_people(cues, correspondents(kinnock))
    assert cues.people[0].bearers == ()


def test_a_lower_case_role_no_line_gives_is_left_out():
    """'the regulator' where every line says 'OSR': not known, it must not rule out the
    letters that answer. A capitalised name no line holds stays, for the check that
    declines a question naming someone the letters never do."""
    known = correspondents("Ed Humpherson (OSR)", MINISTER)
    cues = read_cues("What did the regulator say the Home Office should do?")
    settle_people(cues, known)
    assert [p.text for p in cues.people] == ["Home Office"]
    assert cues.unplaced == ["regulator"]
    cues = read_cues("What did Dr Smith say?")
    settle_people(cues, known)
    assert [p.text for p in cues.people] == ["Smith"]


def test_a_name_described_by_the_words_before_it_is_read_as_the_name():
    """'the Conservative MP Matt Vickers': no line says Conservative, and the letters to him
    were ruled out; the end of the phrase a line names him by is the person. A capitalised
    run no line names in part stays whole, for the checks on names the letters lack."""
    known = correspondents("Matt Vickers MP", MINISTER)
    cues = read_cues("What did the Conservative MP Matt Vickers complain about?")
    settle_people(cues, known)
    assert [(p.text, p.tokens) for p in cues.people] == [
        ("Conservative MP Matt Vickers", ("matt", "vicker"))]
    cues = read_cues("What did Home Secretary Suella Braverman say?")
    settle_people(cues, known)
    assert cues.people[0].tokens == ("home", "secretary", "suella", "braverman")


def test_a_name_opening_on_words_of_the_field_is_read_from_where_it_opens():
    """'Statistics' names no one ("What do the statistics show?"), so "the Statistics
    Authority" is read as "Authority"; what stands before the phrase still makes it the
    subject of the question's verb."""
    authority = read_cues("What did the Statistics Authority find when it looked into them?")
    assert [(p.text, p.speaker) for p in authority.people] == [("Authority", True)]


def test_a_word_opening_the_question_is_a_name_only_if_a_correspondent_bears_it():
    known = correspondents("Stephen Kinnock MP (Shadow Minister for Immigration)", MINISTER,
                           "Rachel Maclean MP (Parliamentary Under Secretary of State)")
    for question, expected in [("Summarise the Minister's reply.", ["Minister's"]),
                               ("Anything it especially liked?", []),
                               ("Kinnock asked what?", ["Kinnock"]),
                               # a word of a role ("Under Secretary") is not a name
                               ("Under which clause would children be removed?", [])]:
        cues = read_cues(question)
        settle_people(cues, known)
        assert [p.text for p in cues.people] == expected, question
