"""`framing report` after a one-concept lexicon edit, against the cold run, end to end.

Writes a news-like corpus (benchmarks/newslike.py; ``--corpus seed-sentences`` for the old best
case) as a CSV export and a copy of the Libya pack, then times three `framing report` runs into
one output folder (its score store and re-run cache beside it), in fresh processes, as a user
would run them:

1. cold: an empty folder, so an empty store and cache;
2. unchanged: the same inputs and lexicon again;
3. edited: one concept of the pack copy gains a variant whose form is a word of the corpus (by
   default the word of frequency rank 3,000, found in a few percent of the articles; the
   number of articles it occurs in is printed), so the edit changes what is matched.

Each run's wall time and CPU time (user + system of the process and its workers) are printed
with its own account of the store and the cache, then the ratios cold / re-run at the size
given, beside the target of issue 14 (20x). With
``--check`` a fourth, cold run with the edited lexicon is written into another folder and
compared file by file with the edited re-run (manifest.json, which holds timings, aside).
With ``--profile FILE`` the edited re-run is made once more under cProfile, after the timed
runs, from a copy of the output folder (report, store and cache) as it was before the timed
edited run, so that it does the same work (the store's rows of the edited lexicon are not yet
there); the profile's top entries are printed.
The last line is one JSON object.
Usage: python benchmarks/rerun.py [--articles N] [--jobs J] [--corpus news] [--rank R] [--check]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
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
TARGET = 20  # issue 14: a re-run after a one-concept edit at least 20 times faster than cold
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


def run(
    export: Path, out: Path, pack: Path, jobs: int, *options: str, profile: str = ""
) -> tuple[float, float, list[str]]:
    """Wall seconds, CPU seconds and the store/cache lines of one `framing report` run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    command = [sys.executable, "-m", "framing"]
    if profile:
        command = [sys.executable, "-m", "cProfile", "-o", profile, "-m", "framing"]
    done = subprocess.run(
        [*command, "report", str(export), "--out", str(out), "--jobs", str(jobs),
         "--lexicon", str(pack), *options],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = [line for line in done.stderr.splitlines() if line.startswith(("Store ", "Re-run"))]
    return seconds, cpu, lines


def differing(first: Path, second: Path) -> list[str]:
    """Files that differ between two report folders (manifest.json and the store aside)."""
    names = {p.name for p in first.iterdir()} | {p.name for p in second.iterdir()}
    skipped = ("manifest.json",)
    return sorted(
        name
        for name in names
        if name not in skipped
        and not name.startswith("scores.sqlite")
        and (
            not (first / name).is_file()
            or not (second / name).is_file()
            or (first / name).read_bytes() != (second / name).read_bytes()
        )
    )


def print_profile(path: str, entries: int = 25) -> None:
    import pstats

    stats = pstats.Stats(path)
    stats.sort_stats("cumulative").print_stats(entries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2_000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--corpus", choices=CORPORA, default="news", help=CORPUS_HELP)
    parser.add_argument("--rank", type=int, default=3_000, help="frequency rank of the added form")
    parser.add_argument("--check", action="store_true", help="compare with a cold edited run")
    parser.add_argument("--profile", default="", help="cProfile the edited re-run into FILE")
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
        out = base / "report"
        figures: dict[str, object] = {
            "articles": options.articles,
            "corpus": options.corpus,
            "jobs": options.jobs,
            "edited_form": form,
            "articles_with_edited_form": touched,
        }
        before_edit = base / "before-edit"
        for name in ("cold", "unchanged", "edited"):
            if name == "edited":
                if options.profile:
                    shutil.copytree(out, before_edit)
                pack.write_text(edit_one_concept(original, form), encoding="utf-8")
            seconds, cpu, lines = run(export, out, pack, options.jobs)
            figures[f"{name}_seconds"] = round(seconds, 2)
            figures[f"{name}_cpu_seconds"] = round(cpu, 2)
            print(f"{name:<10} {seconds:8.2f} s wall {cpu:8.2f} s CPU", flush=True)
            for line in lines:
                print(f"           {line}", flush=True)
        for name in ("unchanged", "edited"):
            for unit in ("seconds", "cpu_seconds"):
                cold = float(figures[f"cold_{unit}"])  # type: ignore[arg-type]
                again = float(figures[f"{name}_{unit}"])  # type: ignore[arg-type]
                figures[f"{name}_speedup_{unit.split('_')[0]}"] = round(cold / again, 1)
        print(
            f"at {options.articles:,} articles, cold / edited re-run: "
            f"{figures['edited_speedup_seconds']}x wall, {figures['edited_speedup_cpu']}x CPU "
            f"(target {TARGET}x); cold / unchanged re-run: "
            f"{figures['unchanged_speedup_seconds']}x wall, {figures['unchanged_speedup_cpu']}x CPU"
        )
        if options.check:
            fresh = base / "cold-edited"
            run(export, fresh, pack, options.jobs, "--no-store")
            figures["edited_differs_from_cold"] = differing(out, fresh)
            print(f"edited re-run vs cold run with the edit: differing files "
                  f"{figures['edited_differs_from_cold'] or 'none'}")  # fmt: skip
        if options.profile:  # the edited re-run once more, from the state before it
            shutil.rmtree(out)
            shutil.copytree(before_edit, out)
            run(export, out, pack, options.jobs, profile=options.profile)
            print_profile(options.profile)
        print(json.dumps(figures, sort_keys=True))


if __name__ == "__main__":
    main()
