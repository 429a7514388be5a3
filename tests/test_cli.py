"""The `missive` command in-process (the model stays loaded): index and search, JSON and text."""

import json
import os
import sys

import pytest

from assistant.interfaces.cli import EXIT_CANNOT_RUN, EXIT_FAILED_FILES, EXIT_READER_GONE, main


@pytest.fixture
def env(monkeypatch, tmp_path, backend):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    monkeypatch.setenv("MISSIVE_CORPUS_DIR", str(corpus))
    for variable, value in backend.env(tmp_path / "index").items():
        monkeypatch.setenv(variable, value)
    return corpus


def test_index_json_summary_and_strict(env, capsys):
    (env / "a.txt").write_text("1 May 2024\n\nDear Sam,\n\nThe bridge will reopen in June.\n\nYours sincerely,\n\nKim Lee\n")
    (env / "b.txt").write_bytes(b"")
    assert main(["index", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["added"] == ["a.txt"] and summary["letters"] == 1 and summary["passages"] == 1
    assert summary["failed"] == [{"path": "b.txt", "reason": "empty file"}]
    assert set(summary) >= {"added", "updated", "removed", "unchanged", "failed", "letters",
                            "passages", "seconds"}
    assert main(["index", "--strict"]) == EXIT_FAILED_FILES
    assert "failed: b.txt: empty file" in capsys.readouterr().out


def test_search_json_and_human_output(env, capsys):
    (env / "a.txt").write_text("1 May 2024\n\nDear Sam,\n\nThe bridge will reopen in June.\n\nYours sincerely,\n\nKim Lee\nCity Engineer\n")
    main(["index", "--json"])
    capsys.readouterr()
    assert main(["search", "when does the bridge reopen", "--json", "-k", "3"]) == 0
    body = json.loads(capsys.readouterr().out)
    [result] = body["results"]
    assert result["text"] == "The bridge will reopen in June."
    assert result["sender"] == "Kim Lee (City Engineer)" and result["recipient"] == "Sam"
    assert result["date"] == "2024-05-01" and result["source_path"] == "a.txt"
    assert main(["search", "bridge"]) == 0
    out = capsys.readouterr().out
    assert "2024-05-01  Kim Lee (City Engineer) -> Sam" in out and "reopen in June" in out


def test_collection_flag_limits_search_ask_and_commitments(env, capsys):
    (env / "roads").mkdir()
    (env / "a.txt").write_text("1 May 2024\n\nDear Sam,\n\nThe bridge will reopen in June.\n\nYours sincerely,\n\nKim Lee\n")
    (env / "roads" / "b.txt").write_text("2 May 2024\n\nDear Sam,\n\nI will resurface the bridge road in July.\n\nYours sincerely,\n\nAl Roe\n")
    main(["index", "--json"])
    capsys.readouterr()
    assert main(["search", "bridge", "--json", "--collection", "roads"]) == 0
    results = json.loads(capsys.readouterr().out)["results"]
    assert [(r["source_path"], r["collection"]) for r in results] == [("roads/b.txt", "roads")]
    assert main(["ask", "When will the bridge reopen?", "--json", "--collection", "default"]) == 0
    assert {c["collection"] for c in json.loads(capsys.readouterr().out)["citations"]} == {"default"}
    assert main(["commitments", "--json", "--collection", "default"]) == 0
    assert json.loads(capsys.readouterr().out)["entries"] == []
    with pytest.raises(SystemExit):
        main(["search", "x", "--collection", "Not A Name"])
    assert "not a collection name" in capsys.readouterr().err


def test_missing_corpus_folder_is_a_clear_error(env, capsys, tmp_path):
    assert main(["index", str(tmp_path / "nowhere")]) == EXIT_CANNOT_RUN
    assert "does not exist" in capsys.readouterr().err


def test_a_model_not_installed_is_a_clear_error(env, capsys, monkeypatch):
    """A misnamed model is a setting to mend, not a stack trace; the message names the
    packages a model split into parts is published as, and the setting to change."""
    monkeypatch.setenv("MISSIVE_SENTENCE_MODEL", "no-such-model")
    assert main(["index"]) == EXIT_CANNOT_RUN
    error = capsys.readouterr().err
    assert error.startswith("missive: embedding model 'no-such-model'") and "Traceback" not in error
    assert "no-such-model-part-001" in error and "MISSIVE_SENTENCE_MODEL" in error


def test_a_run_that_would_remove_most_letters_needs_to_be_asked_for(env, capsys):
    """An emptied corpus folder (an unmounted volume) looks like every letter deleted."""
    letter = "1 May 2024\n\nDear Sam,\n\nThe bridge {n} will reopen in June.\n\nYours,\n\nKim Lee\n"
    for n in range(8):
        (env / f"{n}.txt").write_text(letter.format(n=n))
    assert main(["index", "--json"]) == 0 and json.loads(capsys.readouterr().out)["letters"] == 8
    for n in range(7):
        (env / f"{n}.txt").unlink()
    assert main(["index"]) == EXIT_CANNOT_RUN
    error = capsys.readouterr().err
    assert "would remove 7 of the 8 indexed files" in error and "--allow-mass-removal" in error
    assert main(["index", "--json", "--allow-mass-removal"]) == 0
    assert json.loads(capsys.readouterr().out)["letters"] == 1


def test_ask_json_and_human_output(env, capsys):
    (env / "a.txt").write_text("1 May 2024\n\nDear Sam,\n\nThe bridge will reopen in June.\n\nYours sincerely,\n\nKim Lee\nCity Engineer\n")
    main(["index", "--json"])
    capsys.readouterr()
    assert main(["ask", "When will the bridge reopen?", "--json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["no_answer"] is False
    assert body["citations"][0]["quote"] == "The bridge will reopen in June."
    assert main(["ask", "When will the bridge reopen?"]) == 0
    out = capsys.readouterr().out
    assert "Kim Lee (City Engineer) wrote" in out and "[1] 2024-05-01" in out
    assert main(["ask", "When will the tunnel in Leeds reopen?"]) == 0
    assert "Why: no letter in the index mentions Leeds" in capsys.readouterr().out


def test_a_citation_of_a_letter_published_in_part_says_so(env, capsys):
    """The CLI shows what the API's letter_complete tells a caller."""
    (env / "part.md").write_text('---\ndate: "2024-05-01"\nfrom: "Kim Lee"\nto: "Sam Roe"\n'
                                 'complete: false\n---\nDear Sam,\n\nThe bridge will reopen '
                                 'in June.\n')
    (env / "whole.md").write_text('---\ndate: "2024-06-01"\nfrom: "Sam Roe"\nto: "Kim Lee"\n'
                                  'complete: true\n---\nDear Kim,\n\nThe ferry will stop in '
                                  'July.\n\nYours sincerely,\n\nSam Roe\n')
    main(["index", "--json"])
    capsys.readouterr()
    assert main(["ask", "When will the bridge reopen?"]) == 0
    assert "; published in part)" in capsys.readouterr().out
    assert main(["ask", "When will the ferry stop?"]) == 0
    out = capsys.readouterr().out
    assert "The ferry will stop in July." in out and "published in part" not in out


def test_a_reader_that_goes_away_ends_the_command_quietly(env, capsys, monkeypatch):
    """`missive ask ... | head` closes the pipe before the answer is printed: the command
    stops with the shell's SIGPIPE status and no traceback, as a Unix tool does."""
    (env / "a.txt").write_text("1 May 2024\n\nDear Sam,\n\nThe bridge will reopen in June.\n\nYours sincerely,\n\nKim Lee\n")
    main(["index"])
    capsys.readouterr()
    read_end, write_end = os.pipe()
    os.close(read_end)
    with os.fdopen(write_end, "w", buffering=1) as closed_pipe:
        monkeypatch.setattr(sys, "stdout", closed_pipe)
        assert main(["ask", "When will the bridge reopen?"]) == EXIT_READER_GONE
    assert capsys.readouterr().err == ""


def test_bad_date_flag_is_a_usage_error(env, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["search", "x", "--date-from", "2024-13-45"])
    assert exit_info.value.code == 2
    assert "not a date" in capsys.readouterr().err


@pytest.mark.parametrize(("argv", "reason"), [
    (["search", "x", "-k", "0"], "not 1 or more"), (["search", "x", "-k", "ten"], "not a whole number"),
    (["commitments", "--offset", "-1"], "not 0 or more"), (["threads", "--limit", "0"], "not 1 or more"),
])
def test_counts_out_of_bounds_are_usage_errors(env, capsys, argv, reason):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert reason in capsys.readouterr().err


@pytest.mark.parametrize(("argv", "environment", "reason"), [
    (["serve", "--port", "70000"], {}, "setting port (MISSIVE_PORT): Input should be less than or equal to 65535"),
    (["serve", "--workers", "20"], {}, "setting workers (MISSIVE_WORKERS): Input should be less than or equal to 16"),
    (["serve"], {"MISSIVE_WORKERS": "0"}, "setting workers (MISSIVE_WORKERS): Input should be greater than or equal to 1"),
    (["search", "x"], {"MISSIVE_PORT": "eighty"}, "setting port (MISSIVE_PORT): Input should be a valid integer, unable to parse string as an integer"),
])
def test_settings_out_of_bounds_stop_with_their_name(env, capsys, monkeypatch, argv, environment, reason):
    """A flag is held to the same bounds as the setting it overrides (`--workers 20` does not
    start twenty processes), and either one out of bounds names itself, without a traceback."""
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert main(argv) == EXIT_CANNOT_RUN
    assert capsys.readouterr().err.strip() == f"missive: {reason}"


def test_a_query_holding_no_word_finds_nothing(env, capsys):
    """The model places "*" somewhere too; its nearest passages are no match for it."""
    (env / "a.txt").write_text("1 May 2024\n\nDear Sam,\n\nThe bridge will reopen in June.\n\nYours sincerely,\n\nKim Lee\n")
    main(["index"])
    capsys.readouterr()
    for query in ("*", "  ", "?!", '"'):
        assert main(["search", query, "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["results"] == []
    assert main(["search", "Brücke 2024", "--json"]) == 0  # a word in any script is a word
    assert json.loads(capsys.readouterr().out)["results"]


def test_searching_an_empty_index_says_how_to_fill_it(env, capsys):
    for command in (["search", "x"], ["ask", "x?"], ["eval"]):
        assert main(command) == EXIT_CANNOT_RUN
        assert "is empty: run `missive index`" in capsys.readouterr().err


def test_rebuild_starts_the_index_afresh_and_keeps_the_records(env, capsys, backend, tmp_path,
                                                                embedder):
    """Conversations, feedback and Slack claims are not made from the corpus: rebuilding
    the index (after a model or schema change) must not lose them."""
    (env / "a.txt").write_text("1 May 2024\n\nDear Sam,\n\nThe bridge will reopen in June.\n\nYours sincerely,\n\nKim Lee\n")
    main(["index", "--json"])
    store = backend.open(tmp_path / "index", embedder)
    store.add_turn("http:anon:c1", {"question": "When will the bridge reopen?", "answer": "June"})
    store.add_feedback({"vote": "helpful", "user": "U1"}, once_per="U1:c1:0")
    assert store.claim_event("Ev1", ttl_seconds=3600)
    store.close()
    assert main(["index", "--json", "--rebuild"]) == 0
    summary = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert summary["added"] == ["a.txt"] and summary["generation"] == 1
    store = backend.open(tmp_path / "index", embedder)
    try:
        assert store.conversation("http:anon:c1")[0]["answer"] == "June"
        assert [f["vote"] for f in store.feedback()] == ["helpful"]
        assert not store.claim_event("Ev1", ttl_seconds=3600)  # still seen: a retry is dropped
    finally:
        store.close()
