"""The `missive` command: index, search, ask, threads, commitments, watch, slack, feedback,
eval and serve. Thin: parse, call, print.

Every command takes --index-dir (or MISSIVE_INDEX_DIR); `--json` prints the same objects
the HTTP API returns.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import re
import sys
import time
from pathlib import Path

from pydantic import ValidationError

from assistant.interfaces import cli_text
from assistant.interfaces.settings import Settings, get_settings
from indexer.dates import normalise_date
from indexer.model_files import ModelNotFound
from indexer.models import COLLECTION_NAME
from indexer.pipeline import MassRemovalRefused
from indexer.store import LetterFilter, StoreError, erase_store

EXIT_OK, EXIT_FAILED_FILES, EXIT_CANNOT_RUN = 0, 1, 2
EXIT_READER_GONE = 128 + 13  # what a shell reports for a command ended by SIGPIPE


class SettingOutOfBounds(Exception):
    """A setting out of its bounds, from a flag or the environment: one line for each."""


def _settings(args: argparse.Namespace) -> Settings:
    try:
        return get_settings(index_dir=getattr(args, "index_dir", None),
                            corpus_dir=getattr(args, "corpus_dir", None),
                            host=getattr(args, "host", None), port=getattr(args, "port", None),
                            workers=getattr(args, "workers", None))
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            name = "_".join(str(part) for part in error["loc"])
            lines.append(f"setting {name} (MISSIVE_{name.upper()}): {error['msg']}")
        raise SettingOutOfBounds("\nmissive: ".join(lines)) from None


def _filters(args: argparse.Namespace) -> LetterFilter:
    return LetterFilter(sender=getattr(args, "sender", None),
                        recipient=getattr(args, "recipient", None),
                        date_from=getattr(args, "date_from", None),
                        date_to=getattr(args, "date_to", None),
                        collections=frozenset({args.collection}) if args.collection else None)


def _collection(value: str) -> str:
    if not COLLECTION_NAME.fullmatch(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a collection name (lower-case "
                                         f"letters, digits, '-' and '_')")
    return value


def _whole_number(least: int):
    """An argparse type: a whole number of at least `least`, so `-k -3` or `--offset -1` is a
    usage error, as the HTTP API's bounds make it a 422, not a silent default."""
    def whole_number(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
        if number < least:
            raise argparse.ArgumentTypeError(f"{number} is not {least} or more")
        return number
    return whole_number


def _iso_day(value: str) -> str:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) or normalise_date(value) is None:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date as YYYY-MM-DD")
    return value


def cmd_index(args: argparse.Namespace) -> int:
    from indexer.pipeline import IndexPipeline

    settings = _settings(args)
    if args.rebuild:  # every letter is in the corpus: the index can always be made again
        erase_store(settings)
    pipeline = IndexPipeline.from_settings(settings)
    args.closing.callback(pipeline.close)
    summary = pipeline.run(settings.corpus_dir, progress=sys.stderr.isatty() and not args.json,
                           allow_mass_removal=args.allow_mass_removal)
    if args.json:
        print(json.dumps(summary.to_dict()))
    else:
        print(f"indexed {settings.corpus_dir} into {pipeline.store.location} in {summary.seconds:.1f}s: "
              f"{len(summary.added)} added, {len(summary.updated)} updated, "
              f"{len(summary.removed)} removed, {summary.unchanged} unchanged, "
              f"{len(summary.failed)} failed; {summary.letters} letters, "
              f"{summary.passages} passages, {summary.embedded} passages embedded")
        for failure in summary.failed:
            print(f"  failed: {failure.path}: {failure.reason}")
    return EXIT_FAILED_FILES if args.strict and summary.failed else EXIT_OK


def _open_assistant(args: argparse.Namespace):
    """The assistant over an index that has letters, or StoreError saying how to get one."""
    from assistant.service import Assistant

    assistant = Assistant.open(_settings(args))
    args.closing.callback(assistant.close)
    health = assistant.health()
    if health.passages == 0:
        raise StoreError(f"the index in {health.index} is empty: run `missive index` "
                         f"(or `make run`) first")
    return assistant


def cmd_search(args: argparse.Namespace) -> int:
    assistant = _open_assistant(args)
    response = assistant.search(args.query, k=args.k, where=_filters(args), mode=args.mode)
    if args.json:
        print(response.model_dump_json())
        return EXIT_OK
    cli_text.print_results(response)
    return EXIT_OK


def cmd_ask(args: argparse.Namespace) -> int:
    assistant = _open_assistant(args)
    response = assistant.ask(args.question, conversation_id=args.conversation_id,
                             where=_filters(args))
    if args.json:
        print(response.model_dump_json())
        return EXIT_OK
    cli_text.print_answer(response)
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from assistant import evaluation
    from assistant.service import MODES

    sets = ({"questions": args.questions} if args.questions
            else evaluation.default_question_sets())
    if not sets:
        print("missive: no question files (eval/questions.jsonl, eval/holdout.jsonl); "
              "pass --questions FILE", file=sys.stderr)
        return EXIT_CANNOT_RUN
    assistant = _open_assistant(args)
    if args.answer_mode == "generated" and assistant.generator is None:
        print("missive: --answer-mode generated needs a model: set MISSIVE_LLM_URL (and "
              "MISSIVE_LLM_MODEL); `python eval/local_llm.py` serves a small local one",
              file=sys.stderr)
        return EXIT_CANNOT_RUN
    if args.answer_mode == "extractive":
        assistant.generator = None
    modes = list(MODES) if args.mode == "all" else [args.mode]
    report = {"sets": {}, "answer_mode": args.answer_mode,
              "question_files": {name: [str(f) for f in files] for name, files in sets.items()}}
    for name, files in sets.items():
        questions = evaluation.load_questions(files)
        report["sets"][name] = evaluation.evaluate(assistant, questions, modes)
        if assistant.generator is not None:
            report["sets"][name]["answers_extractive"] = evaluation.evaluate_extractive(
                assistant, questions)
    report.update(evaluation.evaluate_records(assistant, Path("eval")))
    print(json.dumps(report) if args.json else evaluation.markdown_sets(report))
    below = [f"{name} {mode} recall@5 {figures['retrieval'][mode]['all']['recall@5']:.3f} "
             f"< {args.min_recall5}"
             for name, figures in report["sets"].items() for mode in modes
             if args.min_recall5 is not None
             and figures["retrieval"][mode]["all"]["recall@5"] < args.min_recall5]
    for line in below:
        print(f"missive: below threshold: {line}", file=sys.stderr)
    return EXIT_FAILED_FILES if below else EXIT_OK


def cmd_threads(args: argparse.Namespace) -> int:
    listing = _open_assistant(args).threads(args.limit, args.offset)
    if args.json:
        print(listing.model_dump_json())
        return EXIT_OK
    cli_text.print_threads(listing)
    return EXIT_OK


def cmd_commitments(args: argparse.Namespace) -> int:
    found = _open_assistant(args).ledger(_filters(args), args.limit, args.offset)
    if args.json:
        print(found.model_dump_json())
        return EXIT_OK
    cli_text.print_ledger(found.entries)
    return EXIT_OK


def cmd_watch(args: argparse.Namespace) -> int:
    """Index now, then index each change to the corpus folder until interrupted."""
    from indexer.pipeline import IndexPipeline
    from indexer.watch import CorpusWatcher

    settings = _settings(args)
    pipeline = IndexPipeline.from_settings(settings)
    args.closing.callback(pipeline.close)

    def run(paths: list[str] | None = None):
        summary = pipeline.run(settings.corpus_dir, paths=paths)
        print(json.dumps(summary.to_dict()) if args.json else
              f"{time.strftime('%H:%M:%S')} {len(summary.added)} added, {len(summary.updated)} "
              f"updated, {len(summary.removed)} removed, {len(summary.failed)} failed; "
              f"{summary.letters} letters", flush=True)
        return summary

    run()
    watcher = CorpusWatcher(settings.corpus_dir, run).start()
    print(f"watching {settings.corpus_dir} (Ctrl-C to stop)", file=sys.stderr, flush=True)
    try:
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        watcher.stop()
    return EXIT_OK


def cmd_slack(args: argparse.Namespace) -> int:
    """Socket Mode: the bot connects out to Slack, so no public URL is needed."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from assistant.access import AccessFile
    from assistant.interfaces.slack.bot import build_slack_app
    from assistant.service import Assistant

    settings = _settings(args)
    if not (settings.slack_bot_token and settings.slack_app_token):
        print("missive: Socket Mode needs SLACK_BOT_TOKEN (xoxb-...) and SLACK_APP_TOKEN "
              "(xapp-..., with connections:write)", file=sys.stderr)
        return EXIT_CANNOT_RUN
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    access = AccessFile(settings.access_file) if settings.access_file else None
    SocketModeHandler(build_slack_app(Assistant.open(settings), settings, access),
                      settings.slack_app_token).start()
    return EXIT_OK


def cmd_feedback(args: argparse.Namespace) -> int:
    records = _open_assistant(args).feedback()
    if args.json:
        print(json.dumps(records))
        return EXIT_OK
    for r in records:
        print(f"{r['created_at']}  {r['vote']:<12} {r.get('user') or '?':<12} {r['question']}")
    if not records:
        print("No feedback yet.")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from assistant.interfaces.http.app import create_app
    from assistant.service import Assistant

    settings = _settings(args)
    # Missive's own loggers (one JSON line per request from missive.access) go to stderr;
    # uvicorn's access log would only repeat them.
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    if settings.workers > 1:  # each worker process builds its own app from the environment
        os.environ.update(MISSIVE_INDEX_DIR=str(settings.index_dir),
                          MISSIVE_CORPUS_DIR=str(settings.corpus_dir))
        uvicorn.run("assistant.interfaces.http.app:app_from_environment", factory=True, host=settings.host,
                    port=settings.port, workers=settings.workers, log_level="info",
                    access_log=False)
    else:
        uvicorn.run(create_app(Assistant.open(settings), settings), host=settings.host,
                    port=settings.port, log_level="info", access_log=False)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="missive", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name: str, handler, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--index-dir", type=Path, help="index folder (MISSIVE_INDEX_DIR)")
        sub.set_defaults(handler=handler)
        return sub

    index = command("index", cmd_index, "Index new, changed and removed letters incrementally.")
    index.add_argument("corpus_dir", nargs="?", type=Path,
                       help="folder of letters (MISSIVE_CORPUS_DIR, default corpus/)")
    index.add_argument("--json", action="store_true", help="print the summary as JSON")
    index.add_argument("--strict", action="store_true", help="exit 1 when any file failed")
    index.add_argument("--rebuild", action="store_true",
                       help="start the index afresh (after a model or schema change)")
    index.add_argument("--allow-mass-removal", action="store_true",
                       help="let the run remove more than half of the indexed files (refused "
                            "otherwise: a missing or emptied corpus folder looks like that)")

    def filter_flags(sub: argparse.ArgumentParser) -> None:
        for flag in ("sender", "recipient"):
            sub.add_argument(f"--{flag}", help=f"only letters whose {flag} contains this")
        sub.add_argument("--date-from", type=_iso_day, help="only letters dated on or after YYYY-MM-DD")
        sub.add_argument("--date-to", type=_iso_day, help="only letters dated on or before YYYY-MM-DD")
        collection_flag(sub)

    def collection_flag(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--collection", type=_collection,
                         help="only letters of this collection (the first folder under the "
                              "corpus folder; 'default' for files directly in it)")

    def page_flags(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--limit", type=_whole_number(1), default=1000, help="at most this many (default 1000)")
        sub.add_argument("--offset", type=_whole_number(0), default=0, help="skip this many first")

    search = command("search", cmd_search, "Search the letters for passages.")
    search.add_argument("query")
    search.add_argument("-k", type=_whole_number(1), default=10, help="how many passages (default 10)")
    search.add_argument("--mode", choices=("hybrid", "dense", "bm25"), default="hybrid")
    filter_flags(search)
    search.add_argument("--json", action="store_true", help="print {query, results} as JSON")

    ask = command("ask", cmd_ask, "Ask a question; the answer quotes and cites the letters.")
    ask.add_argument("question")
    ask.add_argument("--conversation-id", help="keep turns under this id for follow-ups")
    filter_flags(ask)
    ask.add_argument("--json", action="store_true",
                     help="print {question, answer, no_answer, citations, passages} as JSON")

    thread_list = command("threads", cmd_threads, "List reply threads with their evidence.")
    thread_list.add_argument("--json", action="store_true", help="print {threads: [...]} as JSON")
    page_flags(thread_list)

    commitments = command("commitments", cmd_commitments,
                          "The ledger of commitments and requests, quoted verbatim.")
    commitments.add_argument("--sender", help="only letters whose sender contains this")
    collection_flag(commitments)
    commitments.add_argument("--json", action="store_true", help="print {entries: [...]} as JSON")
    page_flags(commitments)

    watch = command("watch", cmd_watch, "Index the corpus folder, then each change to it.")
    watch.add_argument("corpus_dir", nargs="?", type=Path,
                       help="folder of letters (MISSIVE_CORPUS_DIR, default corpus/)")
    watch.add_argument("--json", action="store_true", help="print each run's summary as JSON")

    command("slack", cmd_slack, "Run the Slack bot over Socket Mode (no public URL needed).")
    feedback = command("feedback", cmd_feedback, "Export the helpful / not helpful votes.")
    feedback.add_argument("--json", action="store_true", help="print the votes as JSON")

    evaluate = command("eval", cmd_eval, "Measure retrieval and answers on question files.")
    evaluate.add_argument("--questions", type=Path, action="append",
                          help="a JSON Lines question file (repeatable); default: the tuning set "
                               "(eval/questions.jsonl, eval/dev-questions.jsonl) and the hold-out "
                               "set (eval/holdout.jsonl), reported apart")
    evaluate.add_argument("--mode", choices=("all", "hybrid", "dense", "bm25"), default="all")
    evaluate.add_argument("--answer-mode", choices=("extractive", "generated"),
                          default="extractive",
                          help="'generated': answers through MISSIVE_LLM_URL's model, with "
                               "sentences kept and dropped by the citation gate, beside the "
                               "extractive figures")
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
    evaluate.add_argument("--min-recall5", type=float,
                          help="exit 1 if any mode's recall@5 is below this (0-1)")

    serve = command("serve", cmd_serve, "Serve the HTTP API.")
    serve.add_argument("--host", help="address to listen on (MISSIVE_HOST, default 127.0.0.1)")
    # Their bounds are the settings' (assistant/interfaces/http/settings.py), checked there.
    serve.add_argument("--port", type=int, help="port to listen on (MISSIVE_PORT, default 8000)")
    serve.add_argument("--workers", type=int, help="worker processes (MISSIVE_WORKERS, default 1)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        # What a command opens (a store: a SQLite connection or a PostgreSQL pool) is closed
        # when it returns, so `main` can be called again in one process.
        with contextlib.ExitStack() as args.closing:
            return args.handler(args)
    except (StoreError, FileNotFoundError, MassRemovalRefused, SettingOutOfBounds,
            ModelNotFound) as exc:
        print(f"missive: {exc}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    except BrokenPipeError:
        # The reader went away (`missive ask ... | head`): stop quietly, as a Unix tool does,
        # with stdout pointed at /dev/null so that Python's flush at exit does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_READER_GONE


if __name__ == "__main__":
    sys.exit(main())
