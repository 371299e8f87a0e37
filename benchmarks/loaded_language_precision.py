"""Precision of a loaded-language pack on a judged sample of news-like sentences.

Runs one pack (by default the built-in lexicons/loaded_language.yaml; --lexicon takes any pack
file, for example an older version from git) over tests/data/news_sample.tsv, sentences written
for this project across news sections, and looks up every flag in the judgements of
tests/data/loaded_language_sample.tsv (1: the word is used in a loaded, evaluative sense; 0: it is
literal or technical; guide: tests/data/target_tone_guide.md). Prints the number of flags, the
sentences flagged, the correct flags and the precision, then any flag without a judgement (these
make the figure incomplete: judge them and add them). The last line is one JSON object.

Usage:
  python benchmarks/loaded_language_precision.py [--lexicon PACK.yaml] [--list]
  git show REV:lexicons/loaded_language.yaml > /tmp/old.yaml
  python benchmarks/loaded_language_precision.py --lexicon /tmp/old.yaml
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from framing.lexicon.loader import read_lexicon
from framing.scoring.terms import compile_lexicon, find_mentions
from framing.text.segment import segment

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def flags(pack: Path | None) -> list[tuple[str, str, str, str]]:
    """(sentence id, matched text in lower case, variant, batch) for every flag."""
    lexicon = read_lexicon([pack], packs=()) if pack else read_lexicon(packs=("loaded_language",))
    compiled = compile_lexicon(lexicon)
    found = []
    for row in read_tsv(DATA / "news_sample.tsv"):
        text = row["sentence"]
        for hit in find_mentions(segment("", text), compiled, "", text).terms:
            found.append((row["id"], hit.matched_text.lower(), hit.variant, row["batch"]))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lexicon", type=Path, help="a pack file (default: the built-in pack)")
    parser.add_argument("--list", action="store_true", help="print the flags as rows to judge")
    args = parser.parse_args()
    found = flags(args.lexicon)
    judged = {
        (row["sentence_id"], row["matched_text"].lower()): row["loaded"]
        for row in read_tsv(DATA / "loaded_language_sample.tsv")
    }
    if args.list:
        for sentence_id, matched, variant, batch in found:
            mark = judged.get((sentence_id, matched), "?")
            print(f"{sentence_id}\t{matched}\t{variant}\t{mark}\t{batch}")
        return
    missing = [f for f in found if (f[0], f[1]) not in judged]
    report: dict[str, object] = {"unjudged": len(missing)}
    # Sentences 1-211 were written before the review of the pack, 212-250 during it (to try the
    # words it added), so the first figure is the fairer test of a change.
    for batch in ("before_review", "all"):
        chosen = [f for f in found if batch in ("all", f[3]) and (f[0], f[1]) in judged]
        correct = sum(judged[(f[0], f[1])] == "1" for f in chosen)
        report[batch] = {
            "flags": len(chosen),
            "sentences_flagged": len({f[0] for f in chosen}),
            "correct": correct,
            "precision": round(correct / len(chosen), 3) if chosen else None,
        }
        print(f"sentences {'1-211' if batch == 'before_review' else 'all':6} {report[batch]}")
    for sentence_id, matched, variant, _text in missing:
        print(f"  not judged: sentence {sentence_id}: {matched!r} ({variant})", file=sys.stderr)
    print(json.dumps(report, sort_keys=True))


if __name__ == "__main__":
    main()
