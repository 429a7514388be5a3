"""Who the people a question names are: names, and which side of a letter each is on, read
against the correspondents' lines (moved from tests/test_cues.py as it grew; roles and
descriptions are in tests/test_roles_in_questions.py)."""

from question_helpers import COMMISSIONERS, MINISTER, correspondents, people

from assistant.cue_lines import settle_people
from assistant.cue_matching import person_matches
from assistant.cues import read_cues
from indexer.names import known_name, names_consistent, names_match


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
    """'Statistics' names no one on its own ("What do the statistics show?"); opening a
    capitalised phrase, what stands before it still makes the phrase the subject of the
    question's verb, and the name is the phrase whole. It had been "Authority", leaving
    "Statistics" as what the question asks about: "What was Kinnock hoping to hear from the
    Statistics Authority?" was matched in meaning to "hoping to hear from the Statistics"
    and quoted why his letter was written, not his asking for an update."""
    authority = read_cues("What did the Statistics Authority find when it looked into them?")
    assert [(p.text, p.tokens, p.speaker) for p in authority.people] == [
        ("Statistics Authority", ("statistic", "authority"), True)]
    asked = read_cues("What did Kinnock want the UK Statistics Authority to send him?")
    assert "Statistics" not in asked.topic_text() and "send him" in asked.topic_text()
    # so too with the words joining them: not "Statistics Regulation", leaving "Office for"
    joined = read_cues("What did Full Fact ask the Office for Statistics Regulation to do?")
    assert joined.people[1].text == "Office for Statistics Regulation"
    assert "Office" not in joined.topic_text()


def test_the_houses_of_parliament_are_no_one():
    """"What did the minister tell the Lords?" had read "Lords" as the recipient: the letters
    to whom were looked for, and answered from."""
    for question in ("What did Robert Jenrick tell Parliament about modern slavery claims?",
                     "What did the minister tell the Lords about legacy cases?",
                     "What did Rishi Sunak say in the Commons on 13 December?"):
        assert [p.direction for p in read_cues(question).people] == ["from"], question


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


def test_a_name_ends_at_its_possessive_when_what_follows_names_no_post(assistant):
    """"Full Fact's Freedom of Information request" had been read as one person, "Full Fact's
    Freedom of Information", from whom no letter was, and declined; a post's title after a
    possessive is still the post's ("the Home Office's Chief Scientific Adviser")."""
    assert [p.text for p in read_cues("What was Full Fact's Freedom of Information request "
                                      "about?").people] == ["Full Fact's"]
    assert [p.text for p in read_cues("What did the Home Office's Chief Scientific Adviser "
                                      "say?").people] == ["Home Office's Chief Scientific Adviser"]
    response = assistant.ask("What was Full Fact's Freedom of Information request about?")
    assert not response.no_answer, response.declined_because
    assert "Freedom of Information request" in response.citations[0].quote


def test_a_word_opening_a_clause_is_no_part_of_the_name_after_it():
    """"After Robert Jenrick's April letter, ..." names Robert Jenrick, whose letter is the
    one answered, not whose words are asked for; "After" is a name's own elsewhere."""
    assert people("After Robert Jenrick's April letter on the backlog, what else did Sir "
                  "Robert Chote raise with him?") == [("Robert Jenrick's", "from", False),
                                                      ("Sir Robert Chote", "from", True)]
    assert [p.text for p in read_cues("Since OSR's letter, has anything changed?").people] == [
        "OSR's"]
    assert "After Exploitation" in [p.text for p in read_cues(
        "What did OSR tell the charity After Exploitation?").people]


def test_an_auxiliary_opening_a_question_is_no_part_of_the_name_after_it():
    """"Would OSR step in ...?" asks about OSR, "Had the Home Secretary written ...?" about
    the Home Secretary; "Will" is the auxiliary alone or before an initialism, and a name
    before a surname ("Will Moy")."""
    assert people("Would OSR step in if the figures were misused?") == [("OSR", "from", True)]
    for question, expected in [("Had the Home Secretary written to her before?",
                                ["Home Secretary"]),
                               ("Could Dame Diana Johnson's figures be looked up?",
                                ["Dame Diana Johnson's"]),
                               ("Will OSR step in?", ["OSR"]),
                               ("Will the regulator step in?", ["regulator"]),
                               ("Will Moy complained about what?", ["Will Moy"]),
                               ("Is Will Moy right?", ["Will Moy"])]:
        assert [p.text for p in read_cues(question).people] == expected, question


def test_people_after_besides_or_other_than_are_left_out_of_the_answer():
    cues = read_cues("Who else wrote to OSR besides Full Fact?")
    assert [p.text for p in cues.people] == ["OSR"]
    assert [p.text for p in cues.excluded] == ["Full Fact"]
    assert [p.text for p in read_cues("Apart from Stephen Kinnock, who wrote to UKSA?").excluded] == [
        "Stephen Kinnock"]


def test_a_line_naming_a_person_in_part_is_theirs_when_no_one_else_could_be_meant():
    """Without front matter a letter knows its recipient from "Dear Ed" or "Dear Sir Robert"
    alone: it is Ed Humpherson's or Sir Robert Chote's when the correspondents hold no other
    Ed, no other Sir Robert (Robert Jenrick is no Sir Robert); "Robert" alone is either."""
    def settled(question, *lines):
        cues = read_cues(question)
        settle_people(cues, correspondents(*lines))
        return cues.people[0]

    ed = settled("What was Ed Humpherson told?", "Ed Humpherson (OSR)", "Ed", "Will")
    assert ed.bearers == (("ed",),) and person_matches(ed, "Ed")
    assert settled("What was Ed Humpherson told?", "Ed Humpherson (OSR)", "Ed",
                   "Ed Balls MP").bearers == ()
    jenrick = "Robert Jenrick MP (Minister for Immigration)"
    chote = settled("What was Sir Robert Chote told?", "Sir Robert Chote (Chair)", jenrick,
                    "Sir Robert", "Robert")
    assert chote.bearers == (("sir", "robert"),)
    assert not person_matches(chote, "Robert")
    rycroft = settled("What was Matthew Rycroft told?", "Matthew Rycroft (Permanent Secretary)",
                      "Mr Rycroft")
    assert person_matches(rycroft, "Mr Rycroft")
    # a role is no name to read in part (its bearer, Rachel Maclean, is known by her name)
    assert settled("What was the Minister told?", MINISTER, "Rachel").bearers == (
        ("rachel", "maclean"),)


def test_people_joined_by_and_are_each_themselves_unless_a_line_joins_them():
    """'Compare what Kinnock and Jenrick said' was declined: 'Kinnock and Jenrick' read as
    one writer no letter has."""
    kinnock, jenrick = "Stephen Kinnock MP", "Robert Jenrick MP (Minister for Immigration)"
    cues = read_cues("Compare what Kinnock and Jenrick said about the backlog.")
    settle_people(cues, correspondents(kinnock, jenrick))
    assert [p.tokens for p in cues.people] == [("kinnock",), ("jenrick",)]
    cues = read_cues("What did Maya Esslemont and Anna Powell-Smith ask OSR to do?")
    settle_people(cues, correspondents("Maya Esslemont and Anna Powell-Smith", "OSR"))
    assert cues.people[0].text == "Maya Esslemont and Anna Powell-Smith"


def test_to_of_a_phrase_that_names_no_recipient_is_no_recipients():
    """'What happened to the Victims' Commissioner's term?' read her as the recipient and
    quoted a letter to her about modern slavery."""
    assert people("What happened to the Victims' Commissioner's term?")[0][1] == "from"
    assert people("What did Kinnock write to Humpherson?")[1][1] == "to"


def test_the_one_asked_to_act_is_the_recipient():
    """'What did OSR suggest Daniel Shaw do?' had read Daniel Shaw as a writer, and was
    answered from OSR's letters to others; 'suggest X had ...' says what X did."""
    assert people("What did OSR suggest Daniel Shaw do about the missing data?") == [
        ("OSR", "from", True), ("Daniel Shaw", "to", False)]
    assert people("What did Stephen Kinnock want OSR to do?") == [
        ("Stephen Kinnock", "from", True), ("OSR", "to", False)]
    assert people("What did Mark Pont recommend the Home Office improve?")[1] == (
        "Home Office", "to", False)
    assert people("What did Kinnock suggest the Prime Minister had claimed?")[1] == (
        "Prime Minister", "from", False)
    # what X wanted to hear back from Y is what X asked Y; what X heard back, Y's words
    assert people("What did Kinnock want to hear back from Sir Robert?")[1] == (
        "Sir Robert", "to", False)
    assert people("What did Kinnock hear back from Sir Robert?")[1] == ("Sir Robert", "from", True)


def test_a_question_in_the_progressive_reads_its_people_as_the_simple_form_does():
    """"What was Kinnock hoping to hear from the Statistics Authority?" had read the Authority
    as the writer ("from") and was answered from its chair's letter to a minister; "What did
    Kinnock hope to hear from ...?" reads it as the one asked."""
    for progressive, simple in (
            ("What was Kinnock hoping to hear from the Statistics Authority?",
             "What did Kinnock hope to hear from the Statistics Authority?"),
            ("What was Humpherson asking the Home Office to do?",
             "What did Humpherson ask the Home Office to do?"),
            ("What was the Minister offering the Commissioners?",
             "What did the Minister offer the Commissioners?"),
            ("What was OSR suggesting Daniel Shaw do?", "What did OSR suggest Daniel Shaw do?"),
            ("What was Sir Robert Chote discussing with Home Office statisticians?",
             "What did Sir Robert Chote discuss with Home Office statisticians?"),
            ("What was OSR raising with the Home Office?", "What did OSR raise with the Home Office?")):
        progressive_side, simple_side = people(progressive)[1][:2], people(simple)[1][:2]
        assert progressive_side == simple_side and simple_side[1] == "to", progressive


def test_a_word_saying_which_holder_of_an_office_does_not_hide_the_recipient():
    """'tell the new Lord Chancellor', 'write to the former Lord Chancellor' had read the
    Lord Chancellor as a writer: 'new' stood between 'to the' and the office. And 'told'
    makes its subject the one told only in the passive ('What was Matt Vickers told?'), not
    in 'What had the previous Justice Secretary told Dame Vera?'."""
    assert people("What did Dame Vera Baird tell the new Lord Chancellor?")[1] == (
        "Lord Chancellor", "to", False)
    assert people("When did she write to the new minister?") == [("minister", "to", False)]
    assert people("What did the new Lord Chancellor say?") == [("Lord Chancellor", "from", True)]
    assert people("What had the previous Justice Secretary told Dame Vera?") == [
        ("Justice Secretary", "from", True), ("Dame Vera", "to", False)]
    assert people("What was Matt Vickers told?") == [("Matt Vickers", "to", False)]


def test_the_people_of_a_body_speak_for_it_and_are_no_subject():
    """'What did the head of Full Fact complain about?' was declined: 'head' was read as the
    subject no letter holds, and Full Fact as no one whose words were asked for."""
    cues = read_cues("What did the head of Full Fact complain about?")
    assert [(p.text, p.speaker) for p in cues.people] == [("Full Fact", True)]
    assert "head" in cues.not_subject_terms()
    assert people("What did the team at OSR find?") == [("OSR", "from", True)]


def test_the_act_addressing_someone_is_found_where_a_letter_reports_it():
    """'What did OSR ask the Home Office to ensure ...?' is answered by OSR's letter to the
    campaigners saying 'We have asked the Home Office to ensure ...': the verb that makes
    the Home Office its addressee, done to it, counts as a letter to it."""
    from assistant.cue_matching import reports_act_to

    asked = read_cues("What did OSR ask the Home Office to ensure about claims?").people[1]
    assert (asked.direction, asked.act) == ("to", "ask")
    assert reports_act_to(asked, "We have asked the Home Office to ensure that claims are clear")
    assert reports_act_to(asked, "We asked statisticians in the Home Office to publish it.")
    assert not reports_act_to(asked, "The Home Office asked us to wait.")
    assert not reports_act_to(asked, "We asked OSR to look at the Home Office's figures.")
    told = read_cues("What did Rycroft tell OSR?").people[1]
    assert reports_act_to(told, "I told OSR in March") and not reports_act_to(told, "OSR told me")
    # "to" alone names no act: a letter to them is what is asked for
    assert read_cues("What did OSR say in its letter to the Home Office?").people[1].act == ""


def test_whose_words_a_question_asks_for_by_talking_or_mentioning():
    """'How old were the unresolved cases Jenrick was talking about?' asks for his words, as
    "Jenrick said" would: his letter, not another naming him."""
    assert people("How old were the unresolved cases Jenrick was talking about?") == [
        ("Jenrick", "from", True)]
    assert people("Which claims had Will Moy mentioned?") == [("Will Moy", "from", True)]
    assert people("What did Kinnock mean by the legacy backlog?") == [("Kinnock", "from", True)]
    assert people("Who wrote about Jenrick?") == [("Jenrick", "from", False)]


def test_a_name_the_letters_write_is_read_as_one_in_a_lower_case_question(assistant):
    """'what did lord paddick write to sir robert chote?' was answered: typed in lower case, a
    name only a letter's text gives (no line) was not read as a name, and Lord Paddick wrote
    no letter. Words the letters write capitalised wherever they write them are a name; not
    those capitalised in some names only ("Modern Slavery Act"), nor a role."""
    question = "what did lord paddick write to sir robert chote?"
    assert assistant.read_question(question).people[0].text == "Lord Paddick"
    assert assistant.ask(question).no_answer
    read = assistant.read_question("what did ed humpherson say about modern slavery statistics?")
    assert [p.text for p in read.people] == ["Ed Humpherson"]
    read = assistant.read_question("what did the prime minister claim on x in january 2024?")
    assert "Prime Minister" not in [p.text for p in read.people]


def test_an_initialism_typed_in_lower_case_is_read_as_one(assistant):
    """'what did the victims' commissioner say about nhs support for rape survivors?' was
    answered, as written ("NHS") it is declined: a short word without a vowel is an
    initialism, checked as a name the letters hold or not. A word a line holds before it is
    of its name ("the sussex pcc": Katy Bourne's line); a form of address is no initialism."""
    assert assistant.ask("what did the victims' commissioner say about nhs support for rape "
                         "survivors?").no_answer
    sussex = "please summarise why dame sara thornton wrote to the sussex pcc."
    assert [p.text for p in assistant.read_question(sussex).people] == [
        "Dame Sara Thornton", "Sussex PCC"]
    assert not assistant.ask(sussex).no_answer
    assert assistant.read_question("did mr jenrick reply?").question == "did Mr Jenrick reply?"


def test_an_office_abbreviated_is_read_written_out(assistant):
    """"What did the PM say about the asylum backlog?" was declined: "PM" is a name no letter
    holds. Read as the Prime Minister, it is answered as "What did the Prime Minister say
    ...?" is; "3 PM" is a time."""
    assert read_cues("What did the PM say?").question == "What did the Prime Minister say?"
    assert read_cues("Did anyone write at 3 PM?").question == "Did anyone write at 3 PM?"
    abbreviated = assistant.ask("What did the PM say about the asylum backlog?")
    written_out = assistant.ask("What did the Prime Minister say about the asylum backlog?")
    assert not abbreviated.no_answer
    assert [c.quote for c in abbreviated.citations] == [c.quote for c in written_out.citations]


def test_a_contracted_is_or_has_is_read_whole():
    """"What's" hid the name after it (a71 quoted the Home Office, not OSR), and "Who's Will
    Moy" was taken for one name."""
    assert [p.text for p in read_cues("What's OSR's view on ad hoc releases?").people] == ["OSR's"]
    assert [p.text for p in read_cues("Who's Will Moy?").people] == ["Will Moy"]
    assert read_cues("Who's Will Moy?").asks_identity
    assert read_cues("What's changed since?").question == "What has changed since?"


def test_what_something_was_meant_to_do_is_not_what_it_said():
    """'Which kinds of organisations were the Violence Reduction Units meant to bring
    together?' read the units as speakers ("what Moy meant"), and was declined as no letter
    is from them: "meant to" is what they were for."""
    units = read_cues("Which kinds of organisations were the Violence Reduction Units meant to "
                      "bring together?").people[0]
    assert units.subject_only  # the subject of the question, not a writer it asks for
    moy = read_cues("What did Will Moy mean by that?").people[0]
    assert moy.speaker and not moy.subject_only
