"""Names and posts said together in passing ("Prime Minister Rishi Sunak"), so a question may
name a person where the answering letter gives the post, or the reverse, for letters of
the time."""

from pathlib import Path

from assistant import appositions as reading
from assistant.appositions import appositions, other_names
from assistant.cue_people import PersonCue
from indexer.models import Letter


def _pairs(text: str, dated: str | None = "2022-11-21") -> set[tuple[str, str]]:
    return {(" ".join(a.name), " ".join(a.post)) for a in appositions(text, dated)}


def test_the_three_ways_a_letter_gives_a_post_in_passing():
    text = ("Prime Minister Rishi Sunak’s statement on 2 November. The statement by Priti Patel "
            "(the then Home Secretary) in Parliament. In December Robert Jenrick, the Minister "
            "for Immigration, told the Telegraph. Dame Diana Johnson, Minister of State for "
            "Police, said so.")
    assert _pairs(text) == {("rishi sunak", "prime minister"),
                            ("priti patel", "home secretary"),
                            ("robert jenrick", "minister immigration"),
                            ("diana johnson", "minister state police")}


def test_words_that_name_no_one_are_no_name():
    assert _pairs("The Victims’ Commissioner (Commissioner) wrote.") == set()
    assert _pairs("Prime Minister Rishi Sunak said so.", dated=None) == set()


def _letter(letter_id: str, text: str, dated: str) -> Letter:
    return Letter(letter_id=letter_id, source_path=f"{letter_id}.md", ordinal=1, text=text,
                  date=dated)


def test_a_post_is_held_near_the_letter_saying_it_and_a_past_one_not_after():
    said = _letter("a", "Prime Minister Rishi Sunak said. Priti Patel (the then Home "
                        "Secretary) said.", "2022-11-21")
    sunak = PersonCue(text="Rishi Sunak", tokens=("rishi", "sunak"), direction="from")
    [post] = other_names(sunak, [said])
    words = frozenset({"prime", "minister", "said"})
    assert post.named_in(words, "2023-03-23") and post.named_in(words, "2022")
    assert post.named_in(words, "2024-01")  # a post held for two years either side
    assert not post.named_in(words, "2016-07-13") and not post.named_in(words, None)
    assert not post.named_in(words, "2025")
    home_secretary = PersonCue(text="the Home Secretary", tokens=("home", "secretary"),
                               direction="from")
    [name] = other_names(home_secretary, [said])
    assert name.words == ("priti", "patel")
    assert name.named_in(frozenset({"priti", "patel"}), "2022-09-05")
    assert not name.named_in(frozenset({"priti", "patel"}), "2023-03-13")


def test_a_post_several_hold_names_none_of_them():
    said = _letter("a", "Robert Jenrick, Minister for Immigration, said. Sarah Dines, Minister "
                        "for Safeguarding, said.", "2023-03-23")
    minister = PersonCue(text="the Minister", tokens=("minister",), direction="from")
    assert other_names(minister, [said]) == ()


def test_a_person_named_where_the_letter_gives_the_post_is_answered(assistant):
    """The letters say "On 13 December the Prime Minister said"; one says "Prime Minister
    Rishi Sunak". Asked by his name, it had been declined: no letter was from him."""
    response = assistant.ask("What did Rishi Sunak say in the Commons on 13 December?")
    assert not response.no_answer, response.declined_because
    assert "the Prime Minister said" in response.citations[0].quote


def test_a_post_named_in_a_letter_of_another_time_is_not_the_person(fresh_index):
    from tests.conftest import assistant_over

    assistant = assistant_over(fresh_index, {
        "2016.md": "---\ndate: 2016-05-02\nfrom: Jo Bloggs\nto: Sam Smith\n---\nDear Sam,\n\n"
                   "On 1 May the Prime Minister said that ferry fares would be frozen.\n\n"
                   "Yours,\nJo Bloggs\n",
        "2022.md": "---\ndate: 2022-11-21\nfrom: Ann Lee\nto: Tom Hart\n---\nDear Tom,\n\n"
                   "We have looked at Prime Minister Rishi Sunak’s statement on asylum "
                   "caseworkers.\n\nYours,\nAnn Lee\n",
        "2023.md": "---\ndate: 2023-03-01\nfrom: Kim Roe\nto: Pat Doe\n---\nDear Pat,\n\n"
                   "On 13 December the Prime Minister said that the bus fares would be "
                   "frozen.\n\nYours,\nKim Roe\n",
    })
    response = assistant.ask("What did Rishi Sunak say about freezing fares?")
    assert not response.no_answer, response.declined_because
    assert {c.sender for c in response.citations} == {"Kim Roe"}, response.answer


def test_pairings_are_read_only_where_one_can_stand_yet_all_are_found():
    """The forms are matched only in the stretches between full stops that hold a role
    noun (for speed); every letter shipped, and sentences at those stretches' edges, must
    give what matching them over the whole text gives, in the same order."""
    def over_whole_text(text: str) -> tuple:
        return tuple((m.group("name"), m.group("post"), bool(m.groupdict().get("then")))
                     for form in reading._FORMS for m in form.finditer(text))

    texts = [path.read_text(encoding="utf-8")
             for path in sorted(Path(__file__).parent.parent.joinpath("corpus").iterdir())
             if path.suffix in {".md", ".txt"} and path.name != "README.md"]
    texts += ["Minister", "", "Prime Minister Rishi Sunak?",
              ("said so. Immigration Minister Robert Jenrick; then Priti Patel (the then Home "
               "Secretary)! Sarah Dines, the Minister for Safeguarding"), "Kim Lee, Secretary of State for Roads. Minister"]
    found = [reading._said_in.__wrapped__(text) for text in texts]
    assert found == [over_whole_text(text) for text in texts]
    assert sum(map(len, found)) >= 10  # the shipped letters do say who holds which post
