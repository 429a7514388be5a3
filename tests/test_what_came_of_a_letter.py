"""Questions asking what came of a letter, over the shipped corpus with the real model: a
position taken on it ("Did the regulator accept that?") or a request granted ("Did she get a
meeting?") would be in a letter from the one asked about; with none answering, they are
declined, not answered with the letter asked about again."""


def test_whether_the_one_written_to_accepted_it_needs_a_letter_of_theirs(assistant):
    """"Did the regulator accept that?" after Matthew Rycroft's letter to OSR: OSR's position
    would be in a letter of its own, and none answers his (his is itself a reply, which had
    let his own words stand as the answer). "Did he agree with Humpherson?" after OSR's
    letter to him is answered from his reply."""
    from assistant.schemas import Turn

    first = assistant.ask("What did the Permanent Secretary say about publishing operational "
                          "data?")
    history = [Turn(question=first.question, answer=first.answer, citations=first.citations)]
    accepted = assistant.ask("Did the regulator accept that?", history=history)
    assert accepted.no_answer, accepted.answer
    asked = assistant.ask("What did Ed Humpherson ask Matthew Rycroft about in November 2022?")
    history = [Turn(question=asked.question, answer=asked.answer, citations=asked.citations)]
    agreed = assistant.ask("Did he agree with Humpherson?", history=history)
    assert not agreed.no_answer and agreed.citations[0].sender.startswith("Matthew Rycroft")


def test_whether_she_got_what_she_asked_for_needs_a_reply(assistant):
    """"Did she get a meeting?" after Dame Rachel de Souza's letter requesting one: no reply
    from the Home Secretary is in the index, so it is declined (it had quoted her request)."""
    from assistant.schemas import Turn

    first = assistant.ask("What did the Children's Commissioner ask the Home Secretary for?")
    history = [Turn(question=first.question, answer=first.answer, citations=first.citations)]
    response = assistant.ask("Did she get a meeting?", history=history)
    assert response.no_answer, response.answer


def test_whether_someone_was_satisfied_with_what_another_did_is_in_their_reply(assistant):
    """"Was Chote satisfied with how Jenrick had cleared up ...?" asks how a reply took what
    the other one named did: Sir Robert Chote's letter to Robert Jenrick, welcoming his
    clarification (it had quoted Chote's letter to Kinnock on the backlog). "Was Rachel
    Maclean happy with what the Commissioners offered?" is hers, not theirs: the
    Commissioners did the offering, not the answering."""
    from assistant.cues import read_cues

    satisfied = assistant.ask("Was Chote satisfied with how Jenrick had cleared up the backlog "
                              "figures?")
    assert not satisfied.no_answer, satisfied.answer
    assert any("I very much welcome the clarification you made" in c.quote
               for c in satisfied.citations), satisfied.answer
    people = read_cues("Was Rachel Maclean happy with what the Commissioners offered?").people
    assert [(p.text, p.speaker) for p in people] == [("Rachel Maclean", True),
                                                     ("Commissioners", False)]
    happy = assistant.ask("Was Rachel Maclean happy with what the Commissioners offered?")
    assert happy.citations and "I welcome your offer of support" in happy.citations[0].quote, (
        happy.answer)
