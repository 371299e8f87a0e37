"""A re-run after a one-concept lexicon edit, against the cold run, through the score store.

Writes a news-like corpus (benchmarks/newslike.py; ``--corpus seed-sentences`` for the old best
case) as a CSV export and a copy of the Libya pack, then times three `framing score` runs in
fresh processes, as a user would run them:

1. cold: an empty store;
2. unchanged: the same lexicon again;
3. edited: one concept of the pack copy gains a variant whose form is a word of the corpus (by
   default the word of frequency rank 3,000, found in a few percent of the articles; the
   number of articles it occurs in is printed), so the edit changes what is matched.

Each run's own account of the store (articles reused, matched again, scored afresh) is printed
with its wall time. The same three runs are then repeated in this process for the scoring stage
alone (reading the CSV and getting every article's scores, through a fresh store, without
writing the tables), which is the part the store can save. The last line is one JSON object.
Usage: python benchmarks/rerun.py [--articles N] [--jobs J] [--corpus news] [--rank R]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import CORPORA, CORPUS_HELP, write_corpus
from newslike import Vocabulary

ROOT = Path(__file__).resolve().parent.parent
EDITED_CONCEPT = "haftar_title"
NEW_VARIANT = """      - term: {form}
        connotation: delegitimizing
        note: A word of the benchmark corpus, added to see what a re-run after an edit costs.
"""


def edit_one_concept(pack: str, form: str) -> str:
    """The pack with one more variant, ``form``, in the concept ``EDITED_CONCEPT``."""
    start = pack.index(f"id: {EDITED_CONCEPT}")
    variants = pack.index("variants:\n", start) + len("variants:\n")
    return pack[:variants] + NEW_VARIANT.format(form=form) + pack[variants:]


def articles_with(export: Path, form: str) -> int:
    """How many rows of the CSV export contain ``form`` as a whole word."""
    import csv

    pattern = re.compile(rf"\b{re.escape(form)}\b", re.IGNORECASE)
    with export.open(encoding="utf-8", newline="") as stream:
        return sum(bool(pattern.search(row["title"] + " " + row["text"]))
                   for row in csv.DictReader(stream))  # fmt: skip


def run(export: Path, out: Path, pack: Path, store: Path, jobs: int) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "framing", "score", str(export), "--out", str(out),
         "--jobs", str(jobs), "--store", str(store), "--lexicon", str(pack)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    summary = next(line for line in done.stderr.splitlines() if line.startswith("Store "))
    return seconds, summary


def scoring_stage(export: Path, pack: Path, store_path: Path, jobs: int) -> float:
    """Seconds to read ``export`` and get every article's scores through the store."""
    import framing
    from framing.scoring.scorer import Scorer, score_articles
    from framing.store import ScoreStore

    lexicon = framing.read_lexicon([pack], ["general", "loaded_language", "frames"])
    settings = framing.ScoringSettings()
    started = time.perf_counter()
    with ScoreStore(store_path, lexicon, settings) as store:
        reader = framing.CorpusReader([export])
        for _score in score_articles(reader, Scorer(lexicon, settings), jobs, store):
            pass
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--corpus", choices=CORPORA, default="news", help=CORPUS_HELP)
    parser.add_argument("--rank", type=int, default=3_000, help="frequency rank of the added form")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        export = base / "articles.csv"
        write_corpus(options.corpus, options.articles, export)
        form = Vocabulary().word(options.rank)
        touched = articles_with(export, form)
        print(f"edited form {form!r} occurs in {touched} of {options.articles} articles")
        pack = base / "libya.yaml"
        original = (ROOT / "lexicons" / "libya.yaml").read_text(encoding="utf-8")
        pack.write_text(original, encoding="utf-8")
        store = base / "scores.sqlite"
        figures: dict[str, object] = {
            "articles": options.articles,
            "corpus": options.corpus,
            "jobs": options.jobs,
            "edited_form": form,
            "articles_with_edited_form": touched,
        }
        for name in ("cold", "unchanged", "edited"):
            if name == "edited":
                pack.write_text(edit_one_concept(original, form), encoding="utf-8")
            seconds, summary = run(export, base / name, pack, store, options.jobs)
            counts = [int(n) for n in re.findall(r"(\d+) (?:articles|matched|scored)", summary)]
            figures[f"{name}_seconds"] = round(seconds, 2)
            figures[f"{name}_reused_rematched_scored"] = counts
            print(f"{name:<10} {seconds:8.2f} s   {summary}", flush=True)
        figures["store_mb"] = round(store.stat().st_size / 2**20, 1)
        pack.write_text(original, encoding="utf-8")
        stage_store = base / "stage.sqlite"
        for name in ("cold", "unchanged", "edited"):
            if name == "edited":
                pack.write_text(edit_one_concept(original, form), encoding="utf-8")
            seconds = scoring_stage(export, pack, stage_store, options.jobs)
            figures[f"stage_{name}_seconds"] = round(seconds, 2)
            print(f"stage {name:<10} {seconds:8.2f} s", flush=True)
        stage_cold = float(figures["stage_cold_seconds"])  # type: ignore[arg-type]
        stage_edited = float(figures["stage_edited_seconds"])  # type: ignore[arg-type]
        figures["stage_edited_speedup"] = round(stage_cold / stage_edited, 1)
        cold = float(figures["cold_seconds"])  # type: ignore[arg-type]
        figures["edited_speedup"] = round(cold / float(figures["edited_seconds"]), 1)  # type: ignore[arg-type]
        print(json.dumps(figures, sort_keys=True))


if __name__ == "__main__":
    main()
