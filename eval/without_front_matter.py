"""The tuning set over the same letters with their front matter removed: how much answers
lean on metadata the letters themselves may not state.

    python eval/without_front_matter.py [--set tuning] [--cues-off] [--pdf]

Each Markdown letter in corpus/ is written as plain text without its front matter (title,
date, from, to...) into a temporary corpus, indexed afresh, and asked the question set; the
shipped corpus is measured the same way beside it. Many published copies stop before the
signature, so without front matter their writer is unknown, and some questions name people
only the front matter names: expect lower figures, and read them as a measure of reliance on
metadata, not of quality on such letters. `--cues-off` measures both with the question's
cues (people, dates, references) lifting no passage, to show what they add or cost.
`--pdf` adds the letters without front matter printed as justified PDFs
(`eval/justified_pdf.py`), as letters are often published and dropped in: what reading the
PDF (its stretched gaps, its page breaks) costs beside the same text.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.evaluation import default_question_sets, evaluate, load_questions
from assistant.interfaces.settings import Settings
from assistant.retrieval.cue_rerank import WEIGHTS
from assistant.service import Assistant
from eval.justified_pdf import letter_pdf, unicode_font
from indexer.embedder import embedder_for, sentence_embedder_for
from indexer.pipeline import IndexPipeline
from indexer.store import LocalStore

REPO = Path(__file__).resolve().parent.parent


def strip_front_matter(source: Path, target: Path) -> None:
    """Copy the corpus, each Markdown letter as its body alone (a .txt file)."""
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.iterdir()):
        if path.name == "README.md" or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".md" and text.startswith("---"):
            body = text.split("\n---", 1)[1].split("\n", 1)[1] if "\n---" in text[3:] else text
            (target / f"{path.stem}.txt").write_text(body, encoding="utf-8")
        else:
            shutil.copy(path, target / path.name)


def print_as_pdfs(source: Path, target: Path) -> str:
    """Copy the corpus, each text letter as a justified PDF; returns the font used."""
    target.mkdir(parents=True, exist_ok=True)
    font = unicode_font()
    for path in sorted(source.iterdir()):
        if path.suffix == ".txt":
            text = path.read_text(encoding="utf-8")
            (target / f"{path.stem}.pdf").write_bytes(letter_pdf(text, font))
        else:
            shutil.copy(path, target / path.name)
    return font.name if font else "the Latin-1 core font (no Unicode font found: citations undercount)"


def measure(corpus: Path, index: Path, embedder, questions) -> dict:
    sentences = sentence_embedder_for(Settings())  # as `missive index` and `make run` set it
    store = LocalStore(index, embedder.name, embedder.dimension)
    IndexPipeline(store, embedder, sentence_embedder=sentences).run(corpus)
    report = evaluate(Assistant(store, embedder, sentence_embedder=sentences), questions, ["hybrid"])
    store.close()
    answers = report["answers"]
    return {"recall@5": report["retrieval"]["hybrid"]["all"]["recall@5"],
            "citations": answers["citation_hit_rate"],
            "answerable declined": answers["false_decline_rate"],
            "no-answer declined": answers["no_answer_recall"]}


def print_table(title: str, rows: dict[str, dict]) -> None:
    """The rows of `measure`, as a Markdown table under `title`."""
    print(f"| {title} | recall@5 | citations | answerable declined | no-answer declined |")
    print("|---|---:|---:|---:|---:|")
    for name, row in rows.items():
        print(f"| {name} | " + " | ".join(f"{v:.1%}" for v in row.values()) + " |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="tuning", choices=("tuning", "holdout"))
    parser.add_argument("--cues-off", action="store_true",
                        help="every cue multiplier 1: the cues re-rank nothing")
    parser.add_argument("--pdf", action="store_true",
                        help="also the letters without front matter as justified PDFs")
    args = parser.parse_args()
    if args.cues_off:
        WEIGHTS.update(dict.fromkeys(WEIGHTS, 1.0))
    embedder = embedder_for(Settings())
    questions = load_questions(default_question_sets(REPO / "eval")[args.set])
    with tempfile.TemporaryDirectory(prefix="missive-no-front-matter-") as folder:
        stripped = Path(folder) / "corpus"
        strip_front_matter(REPO / "corpus", stripped)
        rows = {"shipped letters": measure(REPO / "corpus", Path(folder) / "a", embedder,
                                           questions),
                "without front matter": measure(stripped, Path(folder) / "b", embedder,
                                                questions)}
        if args.pdf:
            printed = Path(folder) / "pdfs"
            print(f"PDFs printed in {print_as_pdfs(stripped, printed)}")
            rows["as justified PDFs, without front matter"] = measure(
                printed, Path(folder) / "c", embedder, questions)
    print_table(f"{args.set} set" + (", cues off" if args.cues_off else ""), rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
