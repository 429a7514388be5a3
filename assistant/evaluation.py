"""`missive eval`: how often Missive finds the evidence, cites it, and rightly declines.

Question files are JSON Lines: {"id", "question", "answer", "file", "evidence", "kind"},
and for a follow-up "history", the questions asked before it in the same conversation;
`evidence` is a verbatim substring of `file` (whitespace may differ), empty for no-answer.
Retrieval is scored per mode (bm25, dense, hybrid); answers with the hybrid default.

Two sets are kept apart: the tuning set (`questions.jsonl`, `dev-questions.jsonl`), on which
rules, weights and thresholds are chosen, and the hold-out set (`holdout.jsonl`), written
from the letters before any rule was changed for it and never tuned on. Both are reported.
"""

from __future__ import annotations

import copy
import json
import math
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from assistant import schemas
from assistant.generation.gate import split_marked
from assistant.service import MODES, Assistant, Mode
from indexer.models import Letter

RECALL_AT = (1, 5, 10)
# A passage "contains" the evidence when it holds this share of the evidence's words in order
# (evidence can straddle a passage boundary by a few words).
EVIDENCE_SHARE = 0.8


@dataclass
class Question:
    id: str
    question: str
    answer: str
    file: str
    evidence: str
    kind: str
    # Earlier questions of the same conversation, asked (and answered) first.
    history: list[str] = field(default_factory=list)

    @property
    def answerable(self) -> bool:
        return self.kind != "no-answer"


def load_questions(paths: list[Path]) -> list[Question]:
    """The questions of these files, in order. An id given twice is an error: reports and
    comparisons between runs name questions by id."""
    questions: list[Question] = []
    where: dict[str, str] = {}
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                try:
                    fields = json.loads(line)
                    questions.append(Question(**{k: fields.get(k, [] if k == "history" else "")
                                                 for k in Question.__dataclass_fields__}))
                except (json.JSONDecodeError, TypeError) as exc:
                    raise ValueError(f"{path}:{number}: not a question object ({exc})") from None
                if questions[-1].id in where:
                    raise ValueError(f"{path}:{number}: id {questions[-1].id} already used at "
                                     f"{where[questions[-1].id]}")
                where[questions[-1].id] = f"{path}:{number}"
    return questions


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def contains_evidence(passage: str, evidence: str) -> bool:
    """The passage holds the evidence, or most of it as one run of words."""
    words, have = _words(evidence), " ".join(_words(passage))
    if not words:
        return False
    need = max(1, int(len(words) * EVIDENCE_SHARE))
    return any(" ".join(words[i : i + need]) in have for i in range(len(words) - need + 1))


def evidence_span(letter_text: str, evidence: str) -> tuple[int, int] | None:
    """Where the evidence stands in a letter's text, whitespace-insensitively."""
    pattern = r"\s+".join(re.escape(w) for w in evidence.split())
    match = re.search(pattern, letter_text)
    return match.span() if match else None


def holds_evidence(letter: Letter | None, start: int, end: int, evidence: str) -> bool:
    """The span [start, end) of the letter's text (a quote, a sentence) overlaps the
    evidence; never for a letter no longer held."""
    span = evidence_span(letter.text, evidence) if letter else None
    return bool(span and start < span[1] and span[0] < end)


@dataclass
class Tally:
    count: int = 0
    recall: dict[int, int] = field(default_factory=lambda: {k: 0 for k in RECALL_AT})
    reciprocal_ranks: list[float] = field(default_factory=list)
    gains: list[float] = field(default_factory=list)

    def add(self, rank: int | None) -> None:
        self.count += 1
        for k in RECALL_AT:
            self.recall[k] += bool(rank and rank <= k)
        self.reciprocal_ranks.append(1 / rank if rank else 0.0)
        # nDCG@10 with one relevant passage: the ideal ranking puts it first (DCG 1).
        self.gains.append(1 / math.log2(rank + 1) if rank and rank <= 10 else 0.0)

    def row(self) -> dict:
        n = max(self.count, 1)
        return {"questions": self.count,
                **{f"recall@{k}": round(self.recall[k] / n, 3) for k in RECALL_AT},
                "mrr": round(statistics.fmean(self.reciprocal_ranks), 3) if self.reciprocal_ranks else 0.0,
                "ndcg@10": round(statistics.fmean(self.gains), 3) if self.gains else 0.0}


def conversation_before(assistant: Assistant, question: Question) -> list[schemas.Turn]:
    """The turns a follow-up is asked after: its history asked in order, each answer kept."""
    turns: list[schemas.Turn] = []
    for earlier in question.history:
        response = assistant.ask(earlier, history=turns)
        turns.append(schemas.Turn(question=earlier, answer=response.answer,
                                  citations=response.citations))
    return turns


def evaluate(assistant: Assistant, questions: list[Question], modes: list[Mode]) -> dict:
    retrieval: dict[str, dict[str, Tally]] = {m: {} for m in modes}
    misses: dict[str, list[str]] = {m: [] for m in modes}
    turns = {q.id: conversation_before(assistant, q) for q in questions if q.history}
    for q in (q for q in questions if q.answerable):
        for mode in modes:
            _, hits = assistant.evidence(q.question, turns.get(q.id, []), max(RECALL_AT),
                                         mode=mode)
            rank = next((i for i, h in enumerate(hits, start=1)
                         if contains_evidence(h.passage.text, q.evidence)), None)
            for group in ("all", q.kind):
                retrieval[mode].setdefault(group, Tally()).add(rank)
            if not rank or rank > 5:
                misses[mode].append(q.id)
    return {"retrieval": {m: {g: t.row() for g, t in groups.items()}
                          for m, groups in retrieval.items()},
            "retrieval_misses_top5": misses,
            "answers": _evaluate_answers(assistant, questions, turns)}


def _evaluate_answers(assistant: Assistant, questions: list[Question],
                      turns: dict[str, list[schemas.Turn]]) -> dict:
    cited = answerable = declined_answerable = 0
    declined_unanswerable = unanswerable = 0
    quotes = exact = words_quoted = 0
    answers_shown = first_quote_hits = 0
    generated = {"answers": 0, "sentences_kept": 0, "sentences_dropped": 0, "cited": 0}
    failures: list[str] = []
    cited_by_kind: dict[str, list[int]] = {}  # kind -> [answerable, cited]
    for q in questions:
        response = assistant.ask(q.question, history=turns.get(q.id))
        generated["sentences_dropped"] += len(response.dropped)
        if response.answer_mode == "generated":
            generated["answers"] += 1
            generated["sentences_kept"] += len(split_marked(response.answer))
        answers_shown += not response.no_answer
        for c in response.citations:
            quotes += 1
            words_quoted += len(c.quote.split())
            letter = assistant.store.letter(c.letter_id)
            exact += bool(letter and letter.text[c.start : c.end] == c.quote)
        if not q.answerable:
            unanswerable += 1
            declined_unanswerable += response.no_answer
            if not response.no_answer:
                failures.append(f"{q.id}: answered a no-answer question")
            continue
        answerable += 1
        declined_answerable += response.no_answer
        hits = [holds_evidence(assistant.store.letter(c.letter_id), c.start, c.end, q.evidence)
                for c in response.citations]
        hit = any(hits)
        cited += hit
        tally = cited_by_kind.setdefault(q.kind, [0, 0])
        tally[0] += 1
        tally[1] += hit
        first_quote_hits += bool(hits and hits[0])
        generated["cited"] += hit and response.answer_mode == "generated"
        if not hit:
            failures.append(f"{q.id}: {'declined' if response.no_answer else 'cited elsewhere'}")
    declined = declined_answerable + declined_unanswerable
    return {
        "answerable": answerable,
        "citation_hit_rate": round(cited / max(answerable, 1), 3),
        # where the answers fail: kinds with few questions move by many points
        "citation_hit_rate_by_kind": {kind: {"answerable": n, "citation_hit_rate": round(hit / n, 3)}
                                      for kind, (n, hit) in sorted(cited_by_kind.items())},
        # what the hit rate costs the reader: answers quoting more sentences cite more often
        "first_quote_hit_rate": round(first_quote_hits / max(answerable, 1), 3),
        "quotes_per_answer": round(quotes / max(answers_shown, 1), 2),
        "words_quoted_per_answer": round(words_quoted / max(answers_shown, 1), 1),
        "false_decline_rate": round(declined_answerable / max(answerable, 1), 3),
        "quote_exactness": round(exact / quotes, 3) if quotes else 1.0,
        "no_answer_questions": unanswerable,
        "no_answer_recall": round(declined_unanswerable / max(unanswerable, 1), 3),
        "no_answer_precision": round(declined_unanswerable / declined, 3) if declined else 1.0,
        "failures": failures,
        **({"generation": _generation_figures(generated)}
           if assistant.generator is not None else {}),
    }


def _generation_figures(counts: dict) -> dict:
    """Answers the model wrote and were shown, sentences kept and dropped, and how many of
    those answers cite the evidence."""
    return {"answers": counts["answers"], "sentences_kept": counts["sentences_kept"],
            "sentences_dropped": counts["sentences_dropped"],
            "citation_hit_rate": round(counts["cited"] / max(counts["answers"], 1), 3)}


def evaluate_extractive(assistant: Assistant, questions: list[Question]) -> dict:
    """The answers' figures with generation off: what generated answers are compared with."""
    extractive = copy.copy(assistant)
    extractive.generator = None
    turns = {q.id: conversation_before(extractive, q) for q in questions if q.history}
    return _evaluate_answers(extractive, questions, turns)


def markdown(report: dict) -> str:
    """One set's retrieval and answer tables."""
    lines = ["| mode | kind | questions | recall@1 | recall@5 | recall@10 | MRR | nDCG@10 |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    for mode, groups in report["retrieval"].items():
        for group, row in sorted(groups.items(), key=lambda g: (g[0] != "all", g[0])):
            lines.append(f"| {mode} | {group} | {row['questions']} | {row['recall@1']:.0%} | "
                         f"{row['recall@5']:.0%} | {row['recall@10']:.0%} | {row['mrr']:.3f} | "
                         f"{row['ndcg@10']:.3f} |")
    a = report["answers"]
    title = "answers (hybrid, generated mode)" if "generation" in a else "answers (hybrid)"
    lines += ["", f"| {title} | value |", "|---|---:|",
              f"| citation hit rate ({a['answerable']} answerable) | {a['citation_hit_rate']:.0%} |",
              f"| first quote cites the evidence | {a['first_quote_hit_rate']:.0%} |",
              f"| quotes per answer shown | {a['quotes_per_answer']:.2f} |",
              f"| words quoted per answer shown | {a['words_quoted_per_answer']:.0f} |",
              f"| answerable questions declined | {a['false_decline_rate']:.0%} |",
              f"| quote exactness | {a['quote_exactness']:.0%} |",
              f"| no-answer recall ({a['no_answer_questions']} questions) | {a['no_answer_recall']:.0%} |",
              f"| no-answer precision | {a['no_answer_precision']:.0%} |"]
    lines += ["", "| kind | answerable | citation hit rate |", "|---|---:|---:|"]
    lines += [f"| {kind} | {row['answerable']} | {row['citation_hit_rate']:.0%} |"
              for kind, row in a["citation_hit_rate_by_kind"].items()]
    if "generation" in a:
        g, x = a["generation"], report.get("answers_extractive", {})
        lines += ["", "| generated answers | value |", "|---|---:|",
                  f"| answers written by the model and shown | {g['answers']} |",
                  f"| sentences kept by the gate | {g['sentences_kept']} |",
                  f"| sentences dropped by the gate | {g['sentences_dropped']} |",
                  f"| citation hit rate of generated answers | {g['citation_hit_rate']:.0%} |"]
        if x:
            lines.append(f"| citation hit rate, extractive, same questions | "
                         f"{x['citation_hit_rate']:.0%} |")
    return "\n".join(lines)


def markdown_links(report: dict) -> str:
    """The reply links' and the ledger's precision and recall, where measured."""
    lines = []
    for key, label in (("thread_links", "reply links"), ("ledger", "ledger entries")):
        if key in report:
            t = report[key]
            lines += ["", f"| {label} | value |", "|---|---:|",
                      f"| precision ({t['found']} found) | {t['precision']:.0%} |",
                      f"| recall ({t['gold']} gold) | {t['recall']:.0%} |"]
    return "\n".join(lines)


TUNING_FILES = ("questions.jsonl", "dev-questions.jsonl")
HOLDOUT_FILES = ("holdout.jsonl",)


def tuning_question_files(eval_dir: Path = Path("eval")) -> list[Path]:
    """The tuning set's files: what rules and thresholds may be chosen on."""
    return [eval_dir / f for f in TUNING_FILES if (eval_dir / f).exists()]


def default_question_sets(eval_dir: Path = Path("eval")) -> dict[str, list[Path]]:
    """The tuning set and the hold-out set, by name, as the files that exist."""
    sets = {"tuning": [eval_dir / f for f in TUNING_FILES], "holdout": [eval_dir / f for f in HOLDOUT_FILES]}
    return {name: [f for f in files if f.exists()] for name, files in sets.items()
            if any(f.exists() for f in files)}


def markdown_sets(report: dict) -> str:
    """Each set's tables under its name, then the reply links and the ledger once."""
    parts = []
    for name, figures in report["sets"].items():
        parts += [f"## {name} ({', '.join(report['question_files'][name])})", "", markdown(figures), ""]
    return "\n".join(parts) + markdown_links(report)


__all__ = [
    "MODES",
    "default_question_sets",
    "evaluate",
    "load_questions",
    "markdown",
    "markdown_sets",
    "tuning_question_files",
]


def evaluate_records(assistant: Assistant, eval_dir: Path) -> dict:
    """Reply links and the ledger against their hand-labelled gold files, where present."""
    report = {}
    for key, gold, measure in (("thread_links", "thread-links.gold.json", evaluate_links),
                               ("ledger", "ledger.gold.json", evaluate_ledger)):
        if (eval_dir / gold).exists():
            report[key] = measure(assistant.store, eval_dir / gold)
    return report


def evaluate_links(store, gold_path: Path) -> dict:
    """Precision and recall of reply links (at the confidence threads are shown at) against
    hand-labelled links; letters are named by file, '#n' for the n-th letter of a file."""
    from assistant.threads import THREAD_CONFIDENCE, all_links

    gold = {(g["reply"], g["original"]) for g in json.loads(gold_path.read_text())["links"]}
    found = {(_letter_name(store, x.reply_id), _letter_name(store, x.original_id))
             for x in all_links(store, THREAD_CONFIDENCE)}
    hits = len(gold & found)
    return {"gold": len(gold), "found": len(found),
            "precision": round(hits / len(found), 3) if found else 1.0,
            "recall": round(hits / len(gold), 3) if gold else 1.0,
            "missed": sorted(f"{r} -> {o}" for r, o in gold - found),
            "wrong": sorted(f"{r} -> {o}" for r, o in found - gold)}


def _letter_name(store, letter_id: str) -> str:
    letter = store.letter(letter_id)
    several = len(store.letters_of_file(letter.source_path)) > 1
    return letter.source_path + (f"#{letter.ordinal}" if several else "")


def evaluate_ledger(store, gold_path: Path) -> dict:
    """Precision and recall of ledger entries against hand-labelled ones: an entry matches a
    gold entry of the same kind and letter whose words it quotes."""
    from assistant.ledger import ledger

    gold = json.loads(gold_path.read_text())["entries"]
    found = ledger(store)
    squash = lambda text: " ".join(_words(text))
    matched_gold, correct = set(), 0
    for entry in found:
        name, quote = _letter_name(store, entry.letter_id), squash(entry.quote)
        hit = next((i for i, g in enumerate(gold) if g["kind"] == entry.kind
                    and g["letter"] == name and squash(g["quote"]) in quote), None)
        if hit is not None:
            correct += 1
            matched_gold.add(hit)
    return {"gold": len(gold), "found": len(found),
            "precision": round(correct / len(found), 3) if found else 1.0,
            "recall": round(len(matched_gold) / len(gold), 3) if gold else 1.0,
            "missed": [f"{g['kind']}: {g['quote']}" for i, g in enumerate(gold)
                       if i not in matched_gold]}
