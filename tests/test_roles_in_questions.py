"""Roles and descriptions in a question ("the shadow immigration minister", "the statistics
regulator", "the UKSA chair") read against the correspondents' lines: whose they are, and
when they name no one (split from tests/test_people_in_questions.py as it grew)."""

from question_helpers import COMMISSIONERS, MINISTER, correspondents, people

from assistant.cue_lines import settle_people
from assistant.cue_matching import person_matches
from assistant.cues import read_cues
from assistant.terms import content_words
from indexer.names import name_tokens

NEWTON = ("Sarah Newton MP (Minister for Vulnerability, Safeguarding and Countering Extremism "
          "(Home Office))")


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
    # what a role is "of", in lower case, is part of it; not an act ("accuse ... of ...ing")
    inspector = read_cues("What did OSR want the chief inspector of constabulary to keep "
                          "doing?").people[1]
    assert (inspector.text, inspector.direction) == ("chief inspector of constabulary", "to")
    assert person_matches(inspector, "Andy Cooke, HM Chief Inspector of Constabulary (HMICFRS)")
    assert people("What did Kinnock accuse the Prime Minister of claiming?")[1][0] == (
        "Prime Minister")
    # a watchdog is a role, described as any other is
    assert read_cues("What did the statistics watchdog say?").people[0].text == (
        "statistics watchdog")


def test_a_description_no_correspondent_fits_is_left_out():
    """"The police minister", where no line gives a minister for police, is someone no
    correspondent is: read as any "minister", it put every minister's letters first."""
    known = correspondents(MINISTER, COMMISSIONERS)
    cues = read_cues("What did the prisons minister promise?")
    settle_people(cues, known)
    assert (cues.people, cues.unplaced) == ([], ["prisons minister"])
    cues = read_cues("What did the safeguarding minister promise?")
    settle_people(cues, known)
    assert cues.people[0].tokens == ("safeguarding", "minister")
    # ... unless no line gives the role either: "the statistics regulator" where every line
    # says "OSR" had become a "regulator" whose letters none were, and was declined
    cues = read_cues("What did the statistics regulator tell Full Fact?")
    settle_people(cues, correspondents("Ed Humpherson (OSR)", "Will Moy (Full Fact)"))
    assert [p.text for p in cues.people] == ["Full Fact"]
    assert cues.unplaced == ["statistics regulator"]


def test_a_role_of_more_than_one_word_one_line_gives_is_known_without_its_description():
    """"The department's permanent secretary", "the regulator's director general": no line
    holds "department" or "regulator", but one person's line gives the role, and the
    question had named no one. A one-word role stays left out ("the two commissioners")."""
    known = correspondents("Matthew Rycroft (Permanent Secretary, Home Office)",
                           "Ed Humpherson (Director General for Regulation, OSR)", COMMISSIONERS,
                           "Dame Rachel de Souza (Children's Commissioner for England)")
    for question, bearer in (
            ("What did the department's permanent secretary say?", ("matthew", "rycroft")),
            ("What did the regulator's director general expect?", ("ed", "humpherson"))):
        cues = read_cues(question)
        settle_people(cues, known)
        assert [p.bearers for p in cues.people] == [(bearer,)], question
    cues = read_cues("What did the outgoing commissioner write?")
    settle_people(cues, known)
    assert (cues.people, cues.unplaced) == ([], ["outgoing commissioner"])


def test_a_role_is_known_by_the_words_of_its_description_a_line_holds():
    """"The statistics watchdog's chair": no line says watchdog, and two give a Chair; the
    one line holding both "Statistics" and "Chair" is whose role it is. "The watchdog's
    chair" says nothing more a line holds: no one in particular."""
    known = correspondents("Sir Robert Chote (Chair, UK Statistics Authority)",
                           "Rt Hon Frank Field (Chair, Work and Pensions Select Committee)",
                           "Ed Humpherson (Director General for Regulation, OSR)")
    cues = read_cues("What did the statistics watchdog's chair conclude?")
    settle_people(cues, known)
    assert [p.bearers for p in cues.people] == [(("robert", "chote"),)]
    cues = read_cues("What did the watchdog's chair conclude?")
    settle_people(cues, known)
    assert (cues.people, cues.unplaced) == ([], ["watchdog's chair"])


def test_an_office_in_everyday_words_is_the_one_lines_give_in_theirs():
    """"The victims' champion", "the anti-slavery watchdog", "the slavery tsar": no line
    says champion, watchdog or tsar; lines say "Commissioner" (question_words.toml's
    role_synonyms), and the words besides say which. The word alone says no one, and the
    question's own words still describe them, not what is asked about."""
    known = correspondents("Claire Waxman (London's Victims' Commissioner)", COMMISSIONERS,
                           "Dame Rachel de Souza (Children's Commissioner for England)")
    for question, bearer in (
            ("What did London's victims' champion say?", ("claire", "waxman")),
            ("What did the anti-slavery watchdog welcome?", ("sara", "thornton")),
            ("What did the slavery tsar ask for?", ("sara", "thornton")),
            ("What did the children's champion for England object to?",
             ("rachel", "de", "souza"))):
        cues = read_cues(question)
        settle_people(cues, known)
        assert [p.bearers for p in cues.people] == [(bearer,)], question
        assert "champion" not in content_words(question) or "champion" in cues.people[0].terms
    cues = read_cues("Who did the watchdog write to?")
    settle_people(cues, known)
    assert (cues.people, cues.unplaced) == ([], ["watchdog"])


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
    # a description no line fits picks out no one: neither a bearer nor any minister
    cues = read_cues("What did the victims' champion ask the rape review minister for?")
    settle_people(cues, correspondents(MINISTER))
    assert (cues.people, cues.unplaced) == ([], ["victims' champion", "rape review minister"])
    # a role with its remit in brackets is its bearer's: Victoria Atkins, not "Minister"
    atkins = "Victoria Atkins MP (Minister (Rape Review))"
    cues = read_cues("What did the Rape Review minister get asked to do?")
    settle_people(cues, correspondents(atkins, kinnock))
    assert cues.people[0].bearers == (("victoria", "atkin"),)
    assert not person_matches(cues.people[0], kinnock)
    # a name matched by the name itself has no bearers: it is the person
    cues = read_cues("What did Stephen Kinnock ask?")
    settle_people(cues, correspondents(kinnock))
    assert cues.people[0].bearers == ()


def test_a_line_naming_only_a_post_another_line_gives_a_person_is_theirs():
    """Without front matter, Dame Vera Baird's letter to the new Lord Chancellor is known as
    the Victims' Commissioner's alone (its publisher's lead): the joint letter's line gives
    her that post, so a question naming her finds it; not the London Victims' Commissioner's,
    nor a line naming someone else."""
    joint = ("Dame Sara Thornton (Independent Anti-Slavery Commissioner) and Dame Vera Baird QC "
             "(Victims' Commissioner for England and Wales)")
    cues = read_cues("What did Dame Vera Baird say victims want?")
    settle_people(cues, correspondents(joint, "Victims’ Commissioner"))
    vera = cues.people[0]
    assert vera.posts == (("victim", "commissioner", "england", "wale"),)
    assert person_matches(vera, "Victims’ Commissioner")
    assert not person_matches(vera, "London Victims’ Commissioner")
    assert not person_matches(vera, "Claire Waxman (Victims’ Commissioner)")
    assert not person_matches(vera, "Commissioner")  # one word is no post's whole


def test_a_role_named_by_its_bodys_initials_is_known_by_its_bearer():
    """"The UKSA chair": the index finds lines by their words, not by initials, so the lines
    giving the role ("chair") are kept where initials spell the rest; Sir Robert Chote's
    line gives him "Chair, UK Statistics Authority", so his letters signed without the role
    are the chair's too (his 2023 letter to Robert Jenrick)."""
    chote = "Sir Robert Chote (Chair, UK Statistics Authority)"
    field = "Rt Hon Frank Field MP (Chair, Work and Pensions Select Committee)"

    def lines_by_words(tokens):
        return [line for line in (chote, field) if set(tokens) <= set(name_tokens(line))]

    cues = read_cues("What did the UKSA chair tell the minister?")
    settle_people(cues, lines_by_words)
    chair = cues.people[0]
    assert chair.bearers == (("robert", "chote"),)
    assert person_matches(chair, "Sir Robert Chote (UK Statistics Authority)")
    assert not person_matches(chair, field)


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
    # "the campaigners" describe who wrote, not what about ("What concerns did the
    # campaigners raise with OSR?" had been declined: "campaigners" no letter says)
    cues = read_cues("What concerns did the campaigners raise with OSR?")
    settle_people(cues, known)
    assert [p.text for p in cues.people] == ["OSR"] and cues.unplaced == ["campaigners"]
    assert set(content_words("campaigners")) <= cues.not_subject_terms()


def test_a_role_with_a_word_making_it_another_office_is_not_the_role_asked_about():
    """'the immigration minister' is Robert Jenrick, not the Shadow Minister for Immigration;
    'Kinnock' is Kinnock, whatever his office. 'MPs' ('the numbers MPs asked for') names no
    one."""
    shadow = "Stephen Kinnock MP (Shadow Minister for Immigration)"
    minister = read_cues("What did the immigration minister say?").people[0]
    assert not person_matches(minister, shadow)
    assert person_matches(minister, "Robert Jenrick MP (Minister for Immigration)")
    assert person_matches(read_cues("What did the shadow immigration minister say?").people[0],
                          shadow)
    assert person_matches(read_cues("What did Kinnock say?").people[0], shadow)
    assert people("Why should the department supply the numbers MPs asked for?") == []


def test_a_role_said_in_one_piece_is_not_found_across_a_lines_parts():
    """Matthew Rycroft is the Permanent Secretary of the Home Office, not the Home Secretary,
    though his line holds both words; said with its parts whole, with "of" or a possessive,
    or in part of one part, a role is found across them."""
    rycroft = "Matthew Rycroft (Permanent Secretary, Home Office)"
    chote = "Sir Robert Chote (Chair, UK Statistics Authority)"
    assert not person_matches(read_cues("What did the Home Secretary say?").people[0], rycroft)
    for question, line in [("What did the Home Office permanent secretary say?", rycroft),
                           ("What did the permanent secretary at the Home Office say?", rycroft),
                           ("What did the Statistics Authority chair say?", chote),
                           ("What did the chair of the UK Statistics Authority say?", chote),
                           ("What did the Home Secretary say?", "Home Secretary"),
                           # a list of what an office is for is one part, commas and all
                           ("What did the safeguarding minister say?", NEWTON)]:
        assert person_matches(read_cues(question).people[0], line), question
    cues = read_cues("What did the Home Secretary tell the Children's Commissioner?")
    settle_people(cues, correspondents(rycroft, "Home Secretary"))
    assert cues.people[0].bearers == ()  # Rycroft bears no "Home Secretary"


def test_a_body_described_in_lower_case_is_the_one_the_letters_spell_out_so():
    """'the statistics regulator', 'the regulator' where every line says 'OSR' and a letter
    says 'the Office for Statistics Regulation (OSR)': OSR, its words said in any form
    ('regulator' for 'Regulation'); the description's words say who, not what about."""
    from assistant.bodies import root, spelt_out

    assert spelt_out("We understand the Office for Statistics Regulation (OSR) will") == {
        "osr": "Office for Statistics Regulation"}
    assert spelt_out("HM Inspectorate of Constabulary and Fire & Rescue Service’s (HMICFRS)") \
        == {"hmicfrs": "HM Inspectorate of Constabulary and Fire & Rescue Service’s"}
    assert spelt_out("as the Home Office said (PQ)") == {}
    assert root("regulator") == root("regulation") and root("inspector") == root("inspectorate")
    assert root("police") != root("policy") and root("services") == root("service")
    bodies = {("statistics", "regulator"): "osr", ("regulator",): "osr"}
    known = correspondents("Ed Humpherson (OSR)", "Will Moy (Full Fact)")
    cues = read_cues("What did the statistics regulator tell Full Fact?")
    settle_people(cues, known, bodies.get)
    regulator = cues.people[0]
    assert (regulator.tokens, regulator.direction, cues.unplaced) == (("osr",), "from", [])
    assert person_matches(regulator, "Ed Humpherson (OSR)")
    assert {"regulator", "statistic"} <= cues.people[0].terms
    # a description no body the letters spell out fits is still left out
    cues = read_cues("What did the campaigners tell OSR?")
    settle_people(cues, known, bodies.get)
    assert cues.unplaced == ["campaigners"]


def test_a_role_after_which_or_what_is_what_is_asked_not_someone_named():
    """"Which parliamentary committee report did ...?" asks which committee: read as a
    person no line gives, "committee" had been left out of the words sentences are
    matched by, and the sentence naming the Home Affairs Select Committee came fifth."""
    cues = read_cues("Which parliamentary committee report did the immigration minister point to?")
    assert [p.text for p in cues.people] == ["immigration minister"]
    assert {"committe", "parliamentari"}.isdisjoint(cues.not_subject_terms())
    assert [p.text for p in read_cues("What did the committee ask for?").people] == ["committee"]


def test_a_bodys_people_after_its_possessive_speak_for_it(assistant):
    """"What did the Home Office's top official think ...?" asks for the Home Office's
    words, as "the head of the Home Office" does: read as a body merely mentioned, the
    question had quoted OSR's letter about Home Office statisticians."""
    for question in ("What did the Home Office's top official think of his statisticians' work?",
                     "How did the Home Office's most senior civil servant explain it?",
                     "What did Full Fact's head write?"):
        assert people(question)[0][2], question
    assert not people("What did Kinnock say about the Home Office's figures?")[1][2]
    response = assistant.ask("What did the Home Office's top official think of his "
                             "statisticians' work?")
    assert response.citations and response.citations[0].sender.startswith("Matthew Rycroft"), (
        response.answer)


def test_words_a_letter_quotes_may_be_those_of_someone_described(assistant):
    """'What did the police minister say about officer numbers?': no correspondent's line
    gives a police minister, so the question named no one but could not be read as asking
    for the writer's words; the Minister's statement, which Sir Robert Chote's letter
    quotes, had been weighed down as words the question does not ask about."""
    response = assistant.ask("What did the police minister say about officer numbers?")
    assert any("there were 149,769 police officers" in c.quote for c in response.citations), \
        response.answer
