"""Questions asking for a figure ("How many ...?", "What was the conviction rate ... in
2021?"): a figure for the date they name must be quoted, or they are declined. Over the
shipped corpus, with the real model."""

from assistant.cues import read_cues


def test_questions_asking_for_a_figure_are_read_so():
    for question in ["How many potential victims were referred to the NRM in 2022?",
                     "What was the conviction rate for rape in 2021?",
                     "How big was the asylum backlog in September 2022?",
                     "What percentage of arrivals were Albanian?",
                     "So what's the right share for offenders?"]:
        assert read_cues(question).asks_quantity, question
    assert not read_cues("What did the Minister say about rates?").asks_quantity


def test_a_footnotes_mark_is_no_figure():
    from assistant.cue_matching import gives_a_figure

    assert not gives_a_figure("a recent report about referrals of people arriving in small boats[3]")
    assert gives_a_figure("the asylum backlog stood at 121,307 as of September 2022, [ii]")
    assert not gives_a_figure("as of September 2022, [ii] the Prime Minister appeared to argue")


def test_one_that_counts_nothing_is_no_figure():
    from assistant.cue_matching import gives_a_figure

    assert not gives_a_figure("it is unsurprising that this is one of the central issues")
    assert not gives_a_figure("No one has been told.")
    assert gives_a_figure("one in five Albanian adult males")


def test_a_day_without_its_year_is_no_figure():
    """'How many practitioners did After Exploitation survey ...?' had been answered with
    "Thank you for your letter dated 14 June and sharing the new report": its day counted."""
    from assistant.cue_matching import gives_a_figure

    assert not gives_a_figure("Thank you for your letter dated 14 June and sharing the report")
    assert not gives_a_figure("in the debate on the Illegal Migration Bill on 27 March")
    assert gives_a_figure("between 400,000 and 450,000 unresolved asylum cases on 27 March")


def test_a_figure_the_question_gives_is_not_the_figure_it_asks_for():
    from assistant.cue_matching import gives_a_figure

    assert not gives_a_figure("adult men ... claiming to be under 18.[3]", ["18"])
    assert not gives_a_figure("between 450,000 and 500,000", ["450000", "500000"])
    assert gives_a_figure("about 60%, claiming to be under 18", ["18"])
    assert gives_a_figure("a backlog of 1450,000", ["450000"])  # not the figure given


def test_an_age_counts_nothing():
    """'How many people arrived at Western Jet Foil in November 2022?' was answered with Full
    Fact's sentence on adult men "claiming to be under 18", whose one figure is an age."""
    from assistant.cue_matching import gives_a_figure

    assert not gives_a_figure("the percentage of adult men claiming to be under 18.[3]")
    assert not gives_a_figure("children aged 16 years old")
    assert gives_a_figure("over 50 officers were recruited")
    assert gives_a_figure("under 10% of referrals") and gives_a_figure("aged 16 and 17")


def test_a_count_asked_for_is_not_answered_by_an_age(assistant):
    response = assistant.ask("How many people arrived at Western Jet Foil in November 2022?")
    assert response.no_answer, response.answer


def test_a_question_answered_only_by_its_own_figure_is_declined(assistant):
    """Full Fact's letter says Robert Jenrick's claim was about "the percentage of adult men
    ... claiming to be under 18" but gives no percentage: its "18" is the question's own."""
    response = assistant.ask("What percentage of adult men at Western Jet Foil claimed to be "
                             "under 18?")
    assert response.no_answer, response.answer
    assert "no sentence of the closest letters gives a figure" in response.declined_because


def test_a_question_asking_how_many_with_no_figure_quoted_is_declined(assistant):
    """'How many victims' roundtables did Claire Waxman hold?': her letter gives no count
    (it says "numerous victims", and "one of the central issues" had counted as a figure);
    asked without a date, it had been answered with sentences giving none."""
    response = assistant.ask("How many victims has Claire Waxman met?")
    assert response.no_answer, response.answer
    assert response.declined_because == ["no sentence of the closest letters gives a figure"]
    counted = assistant.ask("How many live police investigations into modern slavery were "
                            "there in October 2021?")
    assert "3869" in counted.citations[0].quote, counted.answer


def test_a_follow_up_asking_for_a_share_quotes_the_sentence_giving_it(assistant):
    """'So what's the right share for offenders?' after Jenrick's 71% claim: the sentence
    giving around 20% is quoted; the one saying where the 71% came from had come first, its
    footnote mark [3] counted as a figure."""
    from assistant.schemas import Turn

    first = assistant.ask("What did Robert Jenrick tell the Commons on 20 March about modern "
                          "slavery claims?")
    history = [Turn(question=first.question, answer=first.answer, citations=first.citations)]
    second = assistant.ask("So what's the right share for offenders?", history=history)
    assert any("around 20%" in c.quote for c in second.citations), second.answer
    assert not any("comes from a recent report" in c.quote for c in second.citations)


def test_a_figure_for_a_year_no_quoted_sentence_gives_is_declined(assistant):
    """'What was the conviction rate for rape in 2021?' had quoted Dame Vera Baird's 2021
    letter on Codes of Practice: a letter of the year, no figure for it."""
    response = assistant.ask("What was the conviction rate for rape in 2021?")
    assert response.no_answer


def test_a_figure_given_with_its_date_in_digits_or_words_answers(assistant):
    response = assistant.ask("How big was the asylum backlog in September 2022?")
    assert "121,307" in response.citations[0].quote
    response = assistant.ask("How many times had OSR contacted the Home Office in 2022 about "
                             "its use of statistics, according to Full Fact?")
    assert any("at least four occasions in 2022" in c.quote for c in response.citations)


def test_the_word_calling_a_given_figure_a_figure_is_no_subject(assistant):
    """'What did Jenrick say about the 400,000 figure?' was declined: 'figure' was its one
    topic word, and his letter gives the figure without calling it one."""
    response = assistant.ask("What did Jenrick say about the 400,000 figure?")
    assert not response.no_answer
    assert "400,000" in response.citations[0].quote


def test_a_sentence_giving_a_figure_answers_how_many(assistant):
    """'How many extra police officers did the government promise?' had quoted a sentence
    about workforce data and another about police numbers in 2024, neither the promise:
    the sentence that gives a figure (not a date's) counts for more."""
    from assistant.cue_matching import gives_a_figure

    assert gives_a_figure("the commitment to recruit an additional 20,000 police officers")
    assert gives_a_figure("on at least four occasions in 2022")
    assert not gives_a_figure("published on 22 January 2025, as in March 2024")
    # a reference's numbers, an age and an ordinal count nothing
    assert not gives_a_figure("Under Clauses 2 and 3 the Secretary of State will have a power to "
                              "remove children which becomes a duty when the child reaches the "
                              "age of 18.")
    assert not gives_a_figure("Today, the day the Bill will receive its Second Reading")
    response = assistant.ask("How many extra police officers did the government promise?")
    assert any("additional 20,000 police officers" in c.quote for c in response.citations)


def test_how_much_money_asks_for_a_sum_and_a_count_is_none():
    from assistant.cue_matching import gives_a_sum

    assert read_cues("How much money did each Violence Reduction Unit receive?").asks_money
    assert read_cues("How much had the Home Office invested since October 2016?").asks_money
    assert not read_cues("How much of her office's input ended up in the Bill?").asks_money
    # what something cost, as a verb or "the cost of": a sum; an opinion "about the cost" is not
    assert read_cues("What did she say the rape review dashboard cost to build?").asks_money
    assert read_cues("What was the total cost of the review?").asks_money
    assert read_cues("What was Dame Vera Baird's salary as Victims' Commissioner?").asks_money
    assert read_cues("What was the Commissioner's annual budget?").asks_money
    assert not read_cues("What did Kinnock say about the cost of housing asylum seekers?").asks_money
    assert gives_a_sum("the Home Office has invested £15m since October 2016")
    assert gives_a_sum("a grant of 40 million pounds") and gives_a_sum("$2 billion")
    assert not gives_a_sum("Police and Crime Commissioners in eighteen areas for two years")


def test_how_much_money_with_no_sum_quoted_is_declined(assistant):
    """The Violence Reduction Units letter says eighteen areas were funded for two years,
    and no sum: a figure, but not the one asked for."""
    response = assistant.ask("How much money did each Violence Reduction Unit receive?")
    assert response.no_answer, response.answer
    assert any("sum of money" in reason for reason in response.declined_because)
    cost = assistant.ask("What did the Victims' Commissioner say the rape review dashboard cost "
                         "to build?")
    assert cost.no_answer and any("sum of money" in r for r in cost.declined_because), cost.answer
    invested = assistant.ask("How much had the Home Office invested to support the police on "
                             "modern slavery?")
    assert any("£15m" in c.quote for c in invested.citations), invested.answer


def test_a_figure_counting_what_is_asked_comes_first(assistant):
    """'How many areas got Violence Reduction Unit funding?' had quoted the sentence naming the
    units and their funding, which counts nothing, over "... in eighteen areas"."""
    from assistant.cue_matching import counts_what_is_asked
    from assistant.terms import stem

    counted = read_cues("How many areas got Violence Reduction Unit funding?").counted
    assert counts_what_is_asked("Commissioners in eighteen areas across England", counted)
    assert not counts_what_is_asked("the announcement1 in late 2019 regarding areas", counted)
    assert not counts_what_is_asked("funding for two years to tackle violent crime", {"area"})
    # what is counted ends at its verb: "were given" counts nothing ("20 given leave")
    assert read_cues("How many people were given leave to remain?").counted == {stem("people")}
    response = assistant.ask("How many areas got Violence Reduction Unit funding?")
    assert "eighteen areas" in response.citations[0].quote, response.answer


def test_figures_the_question_gives_quoted_say_what_it_is_about(assistant):
    """'What source did Jenrick give for the 400,000 to 450,000 figure?' was declined: its one
    subject word, "source", is in no letter, though the sentence quoted gives both figures
    and where they came from ("came from a report published by John Vine")."""
    response = assistant.ask("What source did Jenrick give for the 400,000 to 450,000 figure?")
    assert not response.no_answer, response.declined_because
    assert any("report published by John Vine" in c.quote for c in response.citations)


def test_a_question_asking_what_share_wants_a_percentage(assistant):
    """'What share of the old asylum cases turned out to be duplicates or mistakes?' quoted
    Kinnock's "the total asylum backlog stood 98,599 cases" (a count) over Chote's "56% were
    duplications, errors or applications moved to the controlled archive"."""
    from assistant.cue_matching import counts_what_is_asked

    counted = read_cues("What proportion of referrals were genuine?").counted
    assert counts_what_is_asked("up from 52% in 2020", counted)
    assert not counts_what_is_asked("stood 98,599 cases on 28 December 2023", counted)
    response = assistant.ask("What share of the old asylum cases turned out to be duplicates "
                             "or mistakes?")
    assert "56%" in response.citations[0].quote, response.answer



def test_the_figures_someone_gave_are_asked_as_numbers(assistant):
    """'What knife crime figures did Claire Waxman give the Home Affairs Committee?' asks for
    numbers, which her letter does not give: it had been answered with "trust and confidence
    levels in policing have plummeted". Not "Which figures did ... mishandle?": which ones."""
    question = "What knife crime figures did Claire Waxman give the Home Affairs Committee?"
    assert read_cues(question).asks_quantity
    assert read_cues("What backlog figure did he cite?").asks_quantity
    assert not read_cues("Which figures did the campaigners say the department had "
                         "mishandled?").asks_quantity
    response = assistant.ask(question)
    assert response.no_answer, response.answer
    assert "no sentence of the closest letters gives a figure" in response.declined_because


def test_a_figure_counting_something_else_does_not_answer_how_many(assistant):
    """No letter counts deportations, hotels closed or fines, but the letters found give
    figures (of referrals, of asylum cases): none of their sentences names what is counted,
    says it otherwise or comes close to it in meaning. A count asked for in other words than
    the letter's ("applications had piled up" of "a backlog of ... unresolved asylum cases")
    is still answered."""
    for question, counted in [("How many trafficking victims were deported in 2022?",
                               "trafficking victims"),
                              ("How many hotels did the Home Office close in 2023?", "hotels"),
                              ("How many fines were handed out for breaking the Code?",
                               "fines")]:
        response = assistant.ask(question)
        assert response.no_answer, response.answer
        assert f"no figure the closest letters give counts {counted}" in response.declined_because
    paraphrased = assistant.ask("How many applications had piled up at the Home Office by the "
                                "early 2000s, by the Select Committee's account?")
    assert "between 400,000 and 450,000 unresolved asylum cases" in paraphrased.citations[0].quote


def test_a_count_of_people_is_answered_by_a_figure_close_in_meaning(assistant):
    """'People' names nothing a sentence must hold: a figure counting convictions answers how
    many people were found guilty; one counting areas given money does not answer how many
    people were given leave to remain (no letter says)."""
    response = assistant.ask("How many people were given leave to remain with no recourse to "
                             "public funds in 2019?")
    assert response.no_answer, response.answer
    assert "no figure the closest letters give counts people" in response.declined_because
    counted = assistant.ask("How many people were found guilty of slavery crimes in 2015?")
    assert any("113 convictions" in c.quote for c in counted.citations), counted.answer
