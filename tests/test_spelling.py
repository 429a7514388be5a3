"""Names a question misspells, or gives in another form of a given name, read as the one name
the correspondents' lines spell, and said so in the answer; names close to none, or to two,
left as typed."""

from assistant.spelling import edit_distance, nearest_word, with_respellings


def test_edits_count_letters_added_dropped_changed_and_neighbours_swapped():
    assert edit_distance("kinock", "kinnock", 2) == 1  # a letter dropped
    assert edit_distance("humphreson", "humpherson", 2) == 1  # two neighbours swapped
    assert edit_distance("adkins", "atkins", 2) == 1  # a letter changed
    assert edit_distance("beard", "baird", 2) == 2
    assert edit_distance("paddock", "chote", 2) == 3  # anything past the ceiling


def test_the_nearest_word_is_one_alone_within_the_edits_its_length_allows():
    lines = {"humpherson", "kinnock", "chote", "matthew", "hanson", "hanlon"}
    assert nearest_word("humphreson", lines) == "humpherson"
    assert nearest_word("choate", lines) == "chote"
    assert nearest_word("kinnnockk", lines) == "kinnock"  # nine letters: two edits
    assert nearest_word("chotte", lines) == "chote"
    assert nearest_word("cheate", lines) is None  # six letters: one edit only
    assert nearest_word("hanron", lines) is None  # as near Hanson as Hanlon
    assert nearest_word("kinnock", lines) is None  # spelt as the lines spell it
    assert nearest_word("leeds", {"city", "lee", "engineer"}) is None  # near nothing


def test_a_respelt_word_keeps_what_follows_it():
    assert with_respellings("What was Kinock's worry?", {"Kinock": "Kinnock"}) == (
        "What was Kinnock's worry?")


def test_a_misspelt_correspondent_is_read_as_the_letters_spell_them(assistant):
    response = assistant.ask("Did Mathew Rycroft agree that Home Office data should be accessible?")
    assert response.read_as == {"Mathew": "Matthew"} and not response.no_answer
    assert response.answer.startswith("Reading \u201cMathew\u201d as \u201cMatthew\u201d. ")
    assert "Rycroft" in response.citations[0].sender
    # another form of a given name a line holds ("Ed Humpherson")
    formal = assistant.ask("What did Edward Humpherson say to Will Moy about public interventions?")
    assert formal.read_as == {"Edward": "Ed"} and "Humpherson" in formal.citations[0].sender
    # a word some letter holds ("Sarah Newton"), in a name no line holds as written
    run = assistant.ask("What did Dame Sarah Thornton tell Katy Bourne about the funding?")
    assert run.read_as == {"Sarah": "Sara"} and "Thornton" in run.citations[0].sender
    # Lord Paddick is named in letters' texts but is no correspondent: "Paddock" stays
    declined = assistant.ask("What did Lord Paddock say about the asylum backlog?")
    assert declined.no_answer and declined.read_as == {}
