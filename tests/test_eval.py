"""The eval questions are sound, and Missive meets its quality targets on them."""

import json
import re
from pathlib import Path

import pytest

from assistant.evaluation import (
    contains_evidence,
    evaluate,
    evidence_span,
    load_questions,
    markdown,
    tuning_question_files,
)

REPO = Path(__file__).resolve().parent.parent
KINDS = {"fact", "date", "who", "commitment", "request", "cross-letter", "no-answer"}
# The hold-out set's kinds: what generalises (see eval/README.md, "The hold-out set").
HOLDOUT_KINDS = {"paraphrase", "role", "reply", "cross-letter", "follow-up", "fact", "no-answer"}


@pytest.fixture(scope="module")
def questions():
    return load_questions(tuning_question_files(REPO / "eval"))


@pytest.fixture(scope="module")
def holdout():
    return load_questions([REPO / "eval" / "holdout.jsonl"])


def test_every_evidence_string_is_verbatim_in_its_file(questions, holdout):
    # with the probes written in later sessions, kept in neither set (eval/README.md)
    probes = load_questions(sorted((REPO / "eval").glob("probes-*.jsonl")))
    assert probes
    ids = [q.id for q in questions + holdout + probes]
    assert len(ids) == len(set(ids)), "question ids must be unique"
    for q in questions + holdout + probes:
        assert q.kind in KINDS | HOLDOUT_KINDS, q.id
        if q.kind == "no-answer":
            assert not q.file and not q.evidence, q.id
            continue
        text = (REPO / "corpus" / q.file).read_text(encoding="utf-8")
        assert re.sub(r"\s+", " ", q.evidence) in re.sub(r"\s+", " ", text), q.id


def test_question_set_covers_every_kind(questions):
    own = load_questions([REPO / "eval" / "questions.jsonl"])
    assert len(own) >= 80 and sum(q.kind == "no-answer" for q in own) >= 10
    assert KINDS <= {q.kind for q in own}


def test_holdout_set_has_the_kinds_in_proportion(holdout):
    """At least 80 questions: a quarter paraphrased, 15% naming people by role, a fifth about
    replies or across letters, 15% unanswerable, and follow-ups with their history."""
    share = lambda *kinds: sum(q.kind in kinds for q in holdout) / len(holdout)
    assert len(holdout) >= 80
    assert share("paraphrase") >= 0.25 and share("role") >= 0.15
    assert share("reply", "cross-letter") >= 0.20 and share("no-answer") >= 0.15
    follow_ups = [q for q in holdout if q.history]
    assert len({q.question for q in follow_ups}) >= 10
    assert all(q.kind in ("follow-up", "no-answer") for q in follow_ups)


def test_evidence_matching_helpers():
    assert contains_evidence("we found that 87% of victims engaged", "87% of victims engaged")
    assert contains_evidence("a b c d e f g h i", "a b c d e f g h x")  # most of it, in order
    assert not contains_evidence("a b c d e", "v w x y z")
    assert evidence_span("one  two\nthree four", "two three") == (5, 14)


def test_a_question_id_given_twice_is_an_error(tmp_path):
    """Reports and comparisons name questions by id: a set adding questions under ids it
    already used had been read without complaint."""
    import pytest

    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text('{"id": "q1", "question": "Who wrote?", "kind": "who"}\n')
    second.write_text('{"id": "q2", "question": "When?", "kind": "date"}\n'
                      '{"id": "q1", "question": "Why?", "kind": "fact"}\n')
    assert [q.id for q in load_questions([first])] == ["q1"]
    with pytest.raises(ValueError, match="b.jsonl:2: id q1 already used at .*a.jsonl:1"):
        load_questions([first, second])


_REPORTS: dict[tuple[str, str], dict] = {}


def report_on(backend, questions, tmp_path_factory, embedder, corpus_copy, name="tuning") -> dict:
    """The eval report of a question set over the shipped corpus on a backend, computed once
    per test run."""
    from conftest import shipped_on

    from assistant.interfaces.settings import Settings
    from assistant.service import Assistant
    from indexer.embedder import sentence_embedder_for

    if (backend.name, name) not in _REPORTS:
        store, _ = shipped_on(backend, tmp_path_factory, embedder, corpus_copy)
        assistant = Assistant(store, embedder, sentence_embedder=sentence_embedder_for(Settings()))
        _REPORTS[backend.name, name] = evaluate(assistant, questions, ["hybrid"])
    return _REPORTS[backend.name, name]


def test_quality_does_not_fall_below_todays_figures(backend, questions, tmp_path_factory,
                                                    embedder, corpus_copy):
    """CI guards quality on the tuning set: thresholds just under its figures of 2026-12-04
    (session 32) on 403 questions (recall@5 93.6%, PostgreSQL 94.2%; MRR 0.823, PostgreSQL
    0.822; citations 76.3%, PostgreSQL 76.0%; 1.2% of answerable declined, 80% of the 74
    no-answer ones; 71 of its 329 answerable questions are paraphrases, 94 follow-ups, 17 of
    them after two or three earlier turns), so a change that makes answers worse fails
    `make test`. The questions of the hold-out's kinds (t, p, u, s, f, g, k, r, v, w, x, y
    and c) are far harder than the first 93: the g batch, added unseen, was cited for 31%,
    the k batch for 53%, the r batch for 60%, the w batch for 37%, the x batch for 60%, the
    y batch for 62%, the c batch for 69%. Raise the thresholds as Missive improves."""
    report = report_on(backend, questions, tmp_path_factory, embedder, corpus_copy)
    retrieval, answers = report["retrieval"]["hybrid"]["all"], report["answers"]
    assert retrieval["recall@5"] >= 0.92, report["retrieval_misses_top5"]
    assert retrieval["mrr"] >= 0.81, report["retrieval_misses_top5"]
    assert answers["citation_hit_rate"] >= 0.75, answers["failures"]
    assert answers["quote_exactness"] == 1.0
    # 0.025 since session 40: of the 29 questions it added, measured before any change,
    # two are declined (13 of the 569 answerable then, 2.2%)
    assert answers["false_decline_rate"] <= 0.025, answers["failures"]
    # 0.76 since session 48: of the 20 no-answer questions it added as an outside tester
    # writes them (b38-b47, b68-b77), measured before any change, 10 were answered; 123 of
    # the 160 are declined now (76.9%; 75.0% at the session's start on the same questions)
    # (session 50 added six "how many" no-answer questions, b102-b107, one declined before
    # and after its change: 134 of 176, 76.1%, on SQLite; the guard holds on PostgreSQL)
    assert answers["no_answer_recall"] >= 0.76, answers["failures"]
    json.dumps(report)  # the report is what `missive eval --json` prints


def test_holdout_figures_do_not_fall(backend, holdout, tmp_path_factory, embedder, corpus_copy):
    """The hold-out set, never tuned on, guarded just under its figures of 2026-12-06
    (session 45: recall@5 94.7%, PostgreSQL 93.3%, MRR 0.807, PostgreSQL 0.797, citations
    68.0%, PostgreSQL 66.7%, 1.3% of answerable questions declined, all 17 no-answer ones
    declined; session 30's were 90.7%, 0.728, 62.7% and 4.0%, and no-answer declined was
    88% until session 27's checks for a sum of money and for words of saying, each
    chosen on fresh questions and the tuning set, moved one each).
    Changes chosen on the tuning set moved one hold-out question out of the top 5 on each
    backend in session 24 (from 92.0% and 90.7%), and one more answerable question to a
    decline in session 25 (4.0% -> 5.3%; found by measuring each commit's aggregates, not
    by reading the question): the guards follow the figures, as finding which question and
    why would be choosing on the hold-out. Citations are short of the issue's bar (85%), and
    MRR on PostgreSQL of its 0.80 (recall@5 92% and declined 8% and 85% are met): the guard
    stops a change from making generalisation worse while the work goes on."""
    report = report_on(backend, holdout, tmp_path_factory, embedder, corpus_copy, "holdout")
    retrieval, answers = report["retrieval"]["hybrid"]["all"], report["answers"]
    assert retrieval["recall@5"] >= 0.92, report["retrieval_misses_top5"]
    assert retrieval["mrr"] >= 0.78, report["retrieval_misses_top5"]
    assert answers["citation_hit_rate"] >= 0.65, answers["failures"]
    assert answers["quote_exactness"] == 1.0
    assert answers["false_decline_rate"] <= 0.03, answers["failures"]
    assert answers["no_answer_recall"] >= 0.94, answers["failures"]


def test_citations_by_kind_add_up_to_the_whole(backend, questions, tmp_path_factory, embedder,
                                               corpus_copy):
    """The citation hit rate by kind of question (where answers fail: paraphrases, replies)
    counts every answerable question once, under its kind, and is printed with the report."""
    report = report_on(backend, questions, tmp_path_factory, embedder, corpus_copy)
    answers = report["answers"]
    by_kind = answers["citation_hit_rate_by_kind"]
    assert sum(row["answerable"] for row in by_kind.values()) == answers["answerable"]
    cited = sum(round(row["citation_hit_rate"] * row["answerable"]) for row in by_kind.values())
    assert cited == round(answers["citation_hit_rate"] * answers["answerable"])
    assert {"paraphrase", "follow-up", "reply", "role"} <= by_kind.keys()
    assert f"| paraphrase | {by_kind['paraphrase']['answerable']} |" in markdown(report)


def test_both_backends_score_within_three_questions(backends, questions, tmp_path_factory,
                                                    embedder, corpus_copy):
    """The same letters and questions on SQLite + FAISS and on PostgreSQL + pgvector: the
    stores differ (exact FAISS against HNSW; FTS5's Porter stems and BM25 against Snowball's
    and the store's own), the figures may not, by more than three answerable questions. It
    was one point until questions were expanded with words close in meaning
    (`assistant.retrieval.expansion`): longer BM25 queries are where the two lexical sides
    differ most (the same expansions, evidence at rank 4 on one and 7 on the other), and a
    question found on one side only is cited there only."""
    local, postgres = (report_on(backends[name], questions, tmp_path_factory, embedder,
                                 corpus_copy) for name in ("local", "postgres"))
    answerable = sum(q.answerable for q in questions)
    for figures in (lambda r: r["retrieval"]["hybrid"]["all"]["recall@5"],
                    lambda r: r["answers"]["citation_hit_rate"],
                    lambda r: r["answers"]["quote_exactness"]):
        # the figures are rounded to three places, each by up to 0.0005: of 312 questions,
        # 3 apart (0.9167 and 0.9071) read as 0.917 and 0.907, 3.12 questions
        assert abs(figures(local) - figures(postgres)) * answerable <= 3 + 0.001 * answerable, (
            local, postgres)
