"""Agreement of two actor-tone measures with hand labels of tone toward a target.

Reads tests/data/target_tone.tsv (sentences written for this project, each with a target, the
other actors named in it and the gold polarity toward the target; the labelling guide is
tests/data/target_tone_guide.md) and scores every row two ways:

- sentence tone: VADER's compound of the whole sentence (the old per-actor figure);
- tone toward the actor: framing.scoring.target_tone, the words tied to the target's mention.

Each score is read as positive (>= 0.05), negative (<= -0.05) or neutral, VADER's usual cut
points, and compared with gold: accuracy, macro-F1 and Cohen's kappa, for the dev rows (looked
at while writing the rules), the test rows (not looked at), and all rows; then accuracy by kind
of case. The last line is one JSON object.

Usage: python benchmarks/target_tone_agreement.py [--show-errors]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections import defaultdict
from pathlib import Path

from sklearn.metrics import accuracy_score, cohen_kappa_score, f1_score

from framing.scoring.sentiment import SentenceAnalyzer
from framing.scoring.target_tone import NamedSpan, mention_valences, sentence_tone

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "target_tone.tsv"
THRESHOLD = 0.05
LABELS = ["negative", "neutral", "positive"]


def label(score: float) -> str:
    return "positive" if score >= THRESHOLD else "negative" if score <= -THRESHOLD else "neutral"


def read_rows(path: Path = DATA) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def names_in(sentence: str, target: str, others: str) -> list[NamedSpan]:
    """Every occurrence of the target (actor "target") and of each other actor named."""
    spans = []
    for actor, name in [("target", target)] + [(o, o) for o in others.split("|") if o]:
        for match in re.finditer(re.escape(name), sentence):
            spans.append(NamedSpan(actor, match.start(), match.end()))
    return sorted(spans, key=lambda s: s.start)


def score_rows(rows: list[dict[str, str]]) -> list[tuple[str, str, str]]:
    """(gold, sentence-tone label, tone-toward-target label) for each row."""
    analyzer = SentenceAnalyzer()
    results = []
    for row in rows:
        sentence = row["sentence"]
        spans = names_in(sentence, row["target"], row["others"])
        assert any(s.actor == "target" for s in spans), f"target not found in row {row['id']}"
        sums = mention_valences(sentence, spans, analyzer.word_valences)
        toward = sentence_tone(
            sum(v for s, v in zip(spans, sums, strict=True) if s.actor == "target")
        )
        old = analyzer.polarity_scores(sentence)["compound"]
        results.append((row["gold"], label(old), label(toward)))
    return results


def agreement(gold: list[str], predicted: list[str]) -> dict[str, float]:
    return {
        "accuracy": round(float(accuracy_score(gold, predicted)), 3),
        "macro_f1": round(float(f1_score(gold, predicted, labels=LABELS, average="macro")), 3),
        "kappa": round(float(cohen_kappa_score(gold, predicted, labels=LABELS)), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show-errors", action="store_true", help="list the dev rows missed")
    args = parser.parse_args()
    rows = read_rows()
    results = score_rows(rows)
    report: dict[str, object] = {"rows": len(rows)}
    for split in ("dev", "test", "all"):
        chosen = [r for row, r in zip(rows, results, strict=True) if split in ("all", row["split"])]
        gold = [g for g, _o, _n in chosen]
        report[split] = {
            "rows": len(chosen),
            "sentence_tone": agreement(gold, [o for _g, o, _n in chosen]),
            "tone_toward_target": agreement(gold, [n for _g, _o, n in chosen]),
        }
        print(f"{split:5} ({len(chosen)} rows)")
        for measure in ("sentence_tone", "tone_toward_target"):
            figures = report[split][measure]  # type: ignore[index]
            print(f"  {measure:20} " + "  ".join(f"{k} {v:.3f}" for k, v in figures.items()))
    by_kind: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for row, result in zip(rows, results, strict=True):
        by_kind[row["kind"]].append(result)
    print("accuracy by kind: sentence tone / tone toward target")
    kinds = {}
    for kind, chosen in sorted(by_kind.items()):
        old = sum(g == o for g, o, _n in chosen) / len(chosen)
        new = sum(g == n for g, _o, n in chosen) / len(chosen)
        kinds[kind] = [len(chosen), round(old, 3), round(new, 3)]
        print(f"  {kind:16} {len(chosen):3}  {old:.2f} / {new:.2f}")
    report["by_kind"] = kinds
    if args.show_errors:
        for row, (gold, _old, new) in zip(rows, results, strict=True):
            if row["split"] == "dev" and gold != new:
                print(
                    f"  {row['id']:>4} {row['target']:>16} gold {gold:8} got {new:8}",
                    row["sentence"],
                )
    print(json.dumps(report, sort_keys=True))


if __name__ == "__main__":
    main()
