"""What questions say about letters: their side of the letter, what they ask for, the
subject they ask about, commitments. Who the people they name are:
tests/test_people_in_questions.py; dates and references: tests/test_dates_and_references.py."""

from question_helpers import COMMISSIONERS, MINISTER, people

from assistant.cue_matching import capitalise_known_names, person_matches
from assistant.cues import read_cues
from assistant.retrieval.cue_rerank import cue_multiplier
from assistant.terms import content_words, stem
from indexer.names import names_match


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
    # ... and so does any one word after it but a role's: "Priti Patel's Albanian figure" names
    # Priti Patel (whose surname had been read as "Albanian"), "the Children's Commissioner"
    # one person
    assert [p[0] for p in people("How did Full Fact find Priti Patel's Albanian figure wrong?")
            ] == ["Full Fact", "Priti Patel's"]
    assert [p[0] for p in people("What did the Children's Commissioner find?")] == [
        "Children's Commissioner"]
    assert "Children's Commissioner's" in [
        p[0] for p in people("Had the Home Secretary answered the Children's Commissioner's "
                             "earlier letter?")]
    # ... but "after X's letter" is the letter answered: its writer's words are not asked for
    assert people("What came back from Sir Robert Chote after Jenrick's April letter?") == [
        ("Sir Robert Chote", "from", True), ("Jenrick's", "from", False)]
    # "OSR's view" asks for OSR's words, as "OSR's reply" does
    assert people("And OSR's view?") == [("OSR's", "from", True)]
    # ... and "Kinnock's letters", "both Kinnock letters"; not "the Home Office's answers to
    # parliamentary questions"
    assert people("What did both Kinnock letters complain about?") == [("Kinnock", "from", True)]
    assert people("What did the Home Office's answers to questions show?")[0][2] is False
    # "the Rycroft letter" is his, as "Rycroft's letter" is
    assert people("Give me the key points of the Rycroft letter.") == [("Rycroft", "from", True)]
    # a possessive before a noun that is not a letter does not make a speaker
    assert ("Commissioners'", "from", False) in people(
        "What did the Minister say about the Commissioners' offer of support?")
    # "X's complaint" and "X's concerns" are X's words, as "X's view" is; not when another
    # speaker acts on them ("What did OSR make of Full Fact's concerns?")
    assert people("What was the shadow immigration minister's complaint to OSR?")[0] == (
        "shadow immigration minister", "from", True)
    assert people("What did OSR make of Full Fact's concerns?") == [
        ("OSR", "from", True), ("Full Fact's", "from", False)]
    assert people("What was the outcome of Full Fact's complaint?") == [
        ("Full Fact's", "from", False)]
    # what a name is said about is no speaker, whatever word follows it ("requests")
    assert people("What did OSR say back about PQs and FOI requests?") == [
        ("OSR", "from", True), ("PQs and FOI", "from", False)]
    # the letter one answers is the other's: the reply is to them
    assert people("How did Rycroft answer Humpherson's letter about transparency?") == [
        ("Rycroft", "from", True), ("Humpherson's", "to", False)]


def test_the_subject_of_the_question_is_read_as_its_writer_but_rules_no_letter_out():
    """Whatever the verb, "did X meet" asks about X; the question may still be answered by
    a letter reporting X, so the reading ranks X's letters first and nothing more."""
    for question in ("Why did Ed Humpherson meet the campaigners?",
                     "How did the Commissioner sum up her years in the job?",
                     "What had Stephen Kinnock read in the press?"):
        person = read_cues(question).people[0]
        assert (person.direction, person.speaker, person.subject_only) == ("from", True, True)
    # a verb of speech makes a speaker outright; "according to" or "Y's letter" name whose
    # words are wanted, so the subject is only mentioned
    said = read_cues("What did Ed Humpherson say about the numbers?").people[0]
    assert (said.speaker, said.subject_only) == (True, False)
    # ... and so does one of thinking: what someone thinks is in their words
    thinks = read_cues("What does Katy Bourne think violence reduction units need?").people[0]
    assert (thinks.speaker, thinks.subject_only) == (True, False)
    assert people("What did the Prime Minister intend, according to Kinnock's letter?") == [
        ("Prime Minister", "from", False), ("Kinnock's", "from", True)]
    assert people("What did the Home Office introduce after OSR's letters?")[0] == (
        "Home Office", "from", False)
    assert people("Which figures did Will Moy and Full Fact question?")[0][2] is True
    # a name qualifying the subject ("the Home Office press release") is not the subject;
    # the same noun as a verb, followed by its object, is ("Did OSR report the figures?")
    assert people("What did the Home Office press release blame for the rise?")[0] == (
        "Home Office", "from", False)
    assert people("Did the OSR report say anything about police numbers?")[0][2] is False
    assert read_cues("Did OSR report the figures to ministers?").people[0].subject_only
    # ... but "in his reply" says the subject wrote: only a letter of theirs answers
    cooke = read_cues("Which police force did Andy Cooke single out in his reply to OSR?").people[0]
    assert (cooke.as_named, cooke.subject_only, cooke.wrote) == ("Andy Cooke", False, True)


def test_a_name_before_a_verb_of_replying_must_have_written_the_answer():
    """'What did Jon Simmons say back?' asks for a letter he wrote, not one to him that
    reports him (which 'What did he say?' may be answered from)."""
    for question in ("What did Jon Simmons say back?", "Did Katy Bourne write back?",
                     "How did Ed Humpherson reply?", "When did the Minister get back to them?",
                     "Why did it take Sir Robert Chote three months to answer Stephen Kinnock?",
                     "How long did it take the Home Office to respond?"):
        assert read_cues(question).people[0].wrote, question
    assert not read_cues("What did Ed Humpherson say about the numbers?").people[0].wrote
    assert not read_cues("How long did the review take OSR to finish?").people[0].wrote


def test_what_was_done_after_a_letter_asks_for_a_response():
    for question in ("What did OSR do after the campaigners wrote to it?",
                     "After Robert Jenrick's letter, which other statement did Sir Robert raise?",
                     "And what did the Minister say in return?", "What happened next?",
                     "And did he get it?", "Did they get what they asked for?",
                     "Did the regulator agree with them?", "Did she agree?",
                     "Did they agree to intervene publicly?",
                     "What was the outcome of Full Fact's complaint?", "What came of it?",
                     "How did OSR follow up on After Exploitation's report?",
                     "Did the Home Office act on it?",
                     "How did Sir Robert Chote deal with Matt Vickers's complaint?",
                     "How was Stephen Kinnock's letter handled?",
                     ("What did Ed Humpherson do after Maya Esslemont and Anna Powell-Smith "
                      "sent their report?")):
        assert read_cues(question).asks_response, question
    assert not read_cues("What did OSR do after the election?").asks_response
    assert not read_cues("What did the clearance exercise set out to deal with?").asks_response
    # a name holding the word is no "after" ("After Exploitation" is a charity)
    assert not read_cues("What was the title of the After Exploitation report shared with "
                         "OSR?").asks_response
    assert not read_cues("Did the Home Secretary agree to meet her?").asks_response
    # figures that do not agree are a subject, not someone agreeing
    assert not read_cues("And the two sets of crime numbers that don't agree?").asks_response
    # what a letter says will happen is its plan, not a reply to it
    assert not read_cues("And what happens next?").asks_response


def test_a_clause_saying_when_someone_wrote_makes_them_the_one_answered():
    """"When Full Fact wrote to him in March, did Ed Humpherson agree ...?" asks for his
    reply: Full Fact wrote the letter answered, not the words asked for. Not "When did Full
    Fact write?", nor "When Robert Jenrick replied, ...", whose words are asked for."""
    cues = read_cues("When Full Fact wrote to him in March, did Ed Humpherson agree that "
                     "ministers' claims could not be checked?")
    assert cues.asks_response
    assert [(p.text, p.speaker) for p in cues.people] == [("Full Fact", False),
                                                          ("Ed Humpherson", True)]
    assert not read_cues("When did Full Fact write to OSR?").asks_response
    replied = read_cues("When Robert Jenrick replied to Sir Robert Chote, what did he say he "
                        "had done?")
    assert replied.people[0].speaker


def test_whether_someone_got_what_they_asked_for_asks_for_the_response():
    """"Did she get a meeting?" after a letter requesting one: the answer would be in a
    reply (had quoted her request again)."""
    assert read_cues("Did she get a meeting?").asks_response
    assert read_cues("Did they get the money?").asks_response
    assert not read_cues("Did she get a meeting?").asks_if_answered


def test_whether_a_letter_was_answered_is_asked_in_these_forms():
    for question in ("Is there a reply?", "And was there a response?", "Any answer?",
                     "Has there been any reply?", "Did he get a reply?",
                     "Did anyone get back to him?", "Has anybody replied?"):
        assert read_cues(question).asks_if_answered, question
    for question in ("How did he respond?", "What was the reply?", "Did he reply?",
                     "Did anyone write to Katy Bourne?"):
        assert not read_cues(question).asks_if_answered, question


def test_a_word_of_answering_in_a_view_asked_about_asks_for_no_reply():
    """"Did X accept Y's view that no accurate answer could be given?": X's verb is
    "accept", Y's view is what X acted on (so too after "he"), and "answer" is a noun in the
    view's clause; no reply is asked for. A reply verb after the subject still asks one."""
    named = read_cues("Did Ed Humpherson accept Daniel Shaw's view that no accurate answer "
                      "could be given?")
    assert not named.asks_whether_replied and not named.asks_response
    assert [(p.as_named, p.speaker) for p in named.people] == [("Ed Humpherson", True),
                                                               ("Daniel Shaw", False)]
    pronoun = read_cues("Did he accept Shaw's view that no accurate answer could be given?")
    assert not pronoun.asks_whether_replied and not pronoun.asks_response
    assert [(p.as_named, p.speaker) for p in pronoun.people] == [("Shaw", False)]
    for question in ("Did Ed Humpherson ever reply to Stephen Kinnock?", "Has he still not answered?",
                     "Did the Home Office answer?", "And did she respond?"):
        assert read_cues(question).asks_whether_replied, question
    assert read_cues("How did OSR answer the claim that the figures were wrong?").asks_response


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
    for question in ("Who replied to Will Moy?", "Did anyone reply to Dame Rachel de Souza?",
                     "Who complained to OSR about the figures?",
                     "Who asked OSR to investigate the press release?"):
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
    # so is the subject of getting or receiving anything else; what they got is what is
    # asked, not whether a reply came ("... when Chote wrote back?" asks what it said)
    apology = read_cues("Did Kinnock get any apology when Chote finally wrote back?")
    assert people("Did Kinnock get any apology when Chote finally wrote back?")[0] == (
        "Kinnock", "to", False)
    assert apology.asks_response and not apology.asks_whether_replied
    assert people("Did Kinnock receive an apology?") == [("Kinnock", "to", False)]
    assert read_cues("Did Kinnock get a reply from Chote?").asks_whether_replied
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
    # one word alone is a name when a line gives it as a surname ("Sir Robert Chote"), not
    # as a first name ("Ed"), or writes it in capitals; a question that has capitals
    # already is left as it is
    assert capitalise_known_names("what did chote say?", holds) == "what did Chote say?"
    assert capitalise_known_names("what did ed say?", holds) == "what did ed say?"
    assert capitalise_known_names("what did osr say about statistics?", holds) == (
        "what did OSR say about statistics?")
    assert capitalise_known_names("What did stephen kinnock say?", holds) == (
        "What did stephen kinnock say?")
    # a name with a common word in it, where a line's name part holds it whole
    lines += ("Will Moy (Full Fact)",)
    assert capitalise_known_names("who is will moy?", holds) == "who is Will Moy?"
    assert capitalise_known_names("what will the minister do?", holds) == (
        "what will the minister do?")


def test_the_subject_asked_about_and_the_words_naming_it():
    from assistant.question_forms import naming_words, subject_asked
    assert subject_asked("What did the Children's Commissioner say about school exclusions?") \
        == ("school exclusions", "school exclusions")
    # the subject ends where a clause or the question's own verb begins
    trips = "her trips to hotels where lone children stay"
    assert subject_asked(f"What did she tell him about {trips}?") == ("her trips to hotels",
                                                                       trips)
    assert subject_asked("Which claim about legacy cases did Chote mention?")[0] == "legacy cases"
    # a clause is no subject, nor is a question without "about"
    assert subject_asked("What did she say about how the law would affect them?") is None
    assert subject_asked("What did she say?") is None
    # whether a letter takes a subject up names it after the verb
    assert subject_asked("Did she mention stop and search?") == ("stop and search",) * 2
    assert subject_asked("Did they mention any new money?")[0] == "any new money"
    assert subject_asked("Did he mention it?") is None
    # names, times, verbs' and adjectives' forms do not name the subject
    assert list(naming_words("young-looking Albanian men")) == [stem("men")]
    assert "unverifiable" not in naming_words("unverifiable claims").values()
    assert naming_words("her job earlier that year") == {stem("job"): "job", stem("year"): "year"}


def test_a_request_opening_the_question_is_not_its_topic():
    cues = read_cues("Summarise what Ed Humpherson told Matthew Rycroft.")
    # ... read as asked, as a wrapped question is ("Do you know when Chote replied?")
    assert cues.question == "what did Ed Humpherson tell Matthew Rycroft."
    assert read_cues("Do you know when Chote replied?").question == "when did Chote replied?"
    assert read_cues("I want to know who wrote to Katy Bourne").question == (
        "who wrote to Katy Bourne")
    assert [p.text for p in cues.people] == ["Ed Humpherson", "Matthew Rycroft"]
    assert read_cues("Findings of the review?").question == "Findings of the review?"


def test_initialisms_with_stops_and_in_lines_are_matched():
    assert read_cues("What did the O.S.R. tell Full Fact?").people[0].tokens == ("osr",)
    assert person_matches(read_cues("What did the UKSA say?").people[0],
                          "Sir Robert Chote (Chair, UK Statistics Authority)")


def test_commitment_questions_favour_undertakings():
    cues = read_cues("What did the Minister commit on Recommendation One?")
    assert cues.asks_commitment
    will = cue_multiplier(cues, "my officials will make contact on Recommendation One", "x",
                          MINISTER, COMMISSIONERS, "2021-12-09")
    plain = cue_multiplier(cues, "the report had a Recommendation One", "x",
                           MINISTER, COMMISSIONERS, "2021-12-09")
    assert will > plain > 1.0
    assert not read_cues("How many offences were prosecuted in 2015?").asks_commitment
    # what was asked of someone is a request; what they were asked about is not
    assert read_cues("What did Dame Rachel de Souza ask the Home Secretary in March 2023?"
                     ).asks_commitment
    assert not read_cues("What did OSR ask the Home Office about?").asks_commitment
    # what someone wanted another to do is asked of them; what others want is reported
    assert read_cues("What did Full Fact want OSR to do?").asks_commitment
    assert not read_cues("What do victims want from the justice system?").asks_commitment
    # a committee is no commitment; commitments are
    assert not read_cues("Who gave evidence to the Work and Pensions Committee?").asks_commitment
    assert read_cues("What commitments did the Minister make?").asks_commitment
    # asking someone for something is a request, as asking them to do something is
    assert read_cues("What did the Commissioner ask the Home Secretary for?").asks_commitment
    assert not read_cues("What did the letter say about asking for asylum?").asks_commitment
    # "And what did she ask for?" is one too; the figures "asked for in Parliament" are not
    assert read_cues("And what did she ask for?").asks_commitment
    assert not read_cues("Why had the department not given the figures asked for in "
                         "Parliament?").asks_commitment
    # a bare "ask for" is never that participle: "What did Stephen Kinnock ask for?"
    assert read_cues("What did Stephen Kinnock ask for in January 2024?").asks_commitment
    assert read_cues("Is he asking for anything?").asks_commitment
    assert read_cues("What was she asking for?").asks_commitment
    # what someone was asked to do is a request made of them: they are its recipient
    for question in ("What did the Rape Review minister get asked to do?",
                     "What was Victoria Atkins asked to do?"):
        cues = read_cues(question)
        assert cues.asks_commitment and cues.people[0].direction == "to"
    assert not read_cues("What did the minister ask about the dashboard?").asks_commitment
    # what someone will do, named in more than one word, or what happens next
    for question in ("And what will the Authority do now?",
                     "What would the Home Office do about it?",
                     "What happens next?", "What will happen next?",
                     # what someone is doing about it: what they will go on doing
                     "And what's OSR doing about it now?", "What is the Home Office doing?"):
        assert read_cues(question).asks_commitment, question
    assert not read_cues("What did the Authority do?").asks_commitment


def test_what_one_side_could_not_answer_is_no_question_about_a_reply():
    """'Did OSR accept the Home Office's view that it couldn't answer the parliamentary
    question?' was read as asking whether a request was answered ("No reply to this request
    is in the letters."), and the Home Office, whose view OSR acted on, as a second speaker."""
    question = ("Did OSR accept the Home Office's view that it couldn't answer the "
                "parliamentary question accurately?")
    cues = read_cues(question)
    assert not (cues.asks_answered or cues.asks_response or cues.asks_whether_replied)
    assert people(question) == [("OSR", "from", True), ("Home Office's", "from", False)]
    # nor whether it could: "And did the department think it could answer it?"
    for could in ("And did the department think it could answer it?", "Was she able to answer?"):
        cues = read_cues(could)
        assert not (cues.asks_answered or cues.asks_response or cues.asks_whether_replied), could
    # as asked of the answering itself, it still is one
    asked = read_cues("Did the Home Office answer the parliamentary question?")
    assert asked.asks_answered and asked.asks_whether_replied
    assert people("Did OSR agree with Will Moy's view?") == [
        ("OSR", "from", True), ("Will Moy's", "from", False)]


def test_a_word_and_its_forms_share_one_stem():
    """'What did Dame Vera say she had achieved?' missed "the achievements secured under my
    tenure": "achieved" lost its -ed, "achievements" its -ments, leaving two stems."""
    for forms in (("achieve", "achieved", "achievements"), ("reply", "replies", "replied"),
                  ("release", "released", "releases", "releasing"), ("public", "publicly"),
                  ("figure", "figures"), ("copy", "copying", "copied", "copies"),
                  ("duty", "duties"),
                  # an irregular past form as its verb: "Where did the 71% figure come from?"
                  # asked as "came from" of a letter saying it "comes from"
                  ("come", "came", "comes"), ("rise", "rose", "risen", "rises"),
                  ("find", "found", "finds"), ("lead", "led")):
        assert len({stem(word) for word in forms}) == 1, forms
    assert stem("police") != stem("policy")
    assert stem("ground") != stem("grind")  # a form more often another word stays itself
    # ... and a name the question gives is known among its stems ("Claire" as "clair")
    waxman = read_cues("What did Claire Waxman say about stop and search?").people[0]
    assert stem("Claire") in waxman.terms and "claire" in waxman.terms


def test_the_topic_of_a_question_is_what_it_asks_without_whom():
    cues = read_cues("What did the Children's Commissioner say about school exclusions?")
    assert cues.topic_text() == "What did the say about school exclusions?"
    # nothing but a date left without the people: the whole question is the topic
    cues = read_cues("What did Stephen Kinnock ask the statistics regulator in December 2022?")
    assert cues.topic_text() == cues.question
    # nothing of content left: the asking words, not the names, say what is asked
    assert read_cues("What did Full Fact ask OSR to do?").topic_text() == "What did ask to do?"


def test_a_summary_asked_of_a_letter_names_nothing_it_is_about():
    for question in ("Summarise Sir Robert Chote's letter to Matt Vickers.",
                     "Give me the gist of Matthew Rycroft's letter to Ed Humpherson.",
                     "What were the key points of Robert Jenrick's letter to Sir Robert Chote?"):
        assert read_cues(question).asks_gist, question
    # a subject of its own is searched for as any question's is; "what about" asks for the
    # sentence saying what the letter is about
    assert not read_cues("Summarise what OSR said about gaming claims.").asks_gist
    assert not read_cues("What did Sir Robert Chote write to Matt Vickers about?").asks_gist
