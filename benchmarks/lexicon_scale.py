"""How a very large lexicon behaves: parse, validate, compile and match times, and memory.

Builds a deterministic pack of N synthetic variants (1-3 made-up words each, spread over
concepts of 50 variants), then loads it beside the built-in packs, compiles the matcher and
scores the seed articles. Prints the figures and, last, one JSON line.
Usage: python benchmarks/lexicon_scale.py [--variants N]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time
from pathlib import Path

import framing
from framing.lexicon.loader import builtin_packs, merge
from framing.lexicon.pack_parser import parse_pack
from framing.scoring.scorer import Scorer
from framing.scoring.terms import compile_lexicon

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SYLLABLES = ["ka", "lo", "mi", "ra", "tu", "ven", "sor", "dal", "ni", "pe", "qua", "zim"]


def synthetic_pack(variants: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    seen: set[str] = set()
    lines = [
        "about:",
        "  name: synthetic",
        "  title: Synthetic scale test",
        "  description: Made-up words for timing.",
        "  language: en",
        "  version: '1'",
        "  licence: CC0",
        "  sources: [generated]",
        "  connotations: {neutral: plain}",
        "concepts:",
    ]
    count = 0
    while count < variants:
        words = " ".join(
            "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
            for _ in range(rng.randint(1, 3))
        )
        if words in seen:
            continue
        seen.add(words)
        if count % 50 == 0:
            lines += [f"  - id: c{count // 50}", "    label: L", "    note: N", "    variants:"]
        lines.append(f"      - {{term: {words}, connotation: neutral, note: n, plural: false}}")
        count += 1
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--variants", type=int, default=100_000)
    variants = parser.parse_args().variants
    text = synthetic_pack(variants)
    started = time.perf_counter()
    parsed = parse_pack(text, "synthetic.yaml")
    parse_s = time.perf_counter() - started
    started = time.perf_counter()
    builtin = builtin_packs()
    lexicon = merge([*builtin, parsed])
    merge_s = time.perf_counter() - started
    started = time.perf_counter()
    compiled = compile_lexicon(lexicon)
    compile_s = time.perf_counter() - started
    corpus = framing.read_corpus([SEEDS])
    scorer = Scorer(lexicon)
    scorer.score(corpus.articles[0])  # load VADER and the syllable dictionary first
    started = time.perf_counter()
    for _ in range(20):
        for article in corpus.articles:
            scorer.score(article)
    score_s = (time.perf_counter() - started) / (20 * len(corpus.articles))
    figures = {
        "variants": variants,
        "matcher_entries": compiled.variants.size,
        "parse_s": round(parse_s, 2),
        "merge_and_validate_s": round(merge_s, 2),
        "compile_s": round(compile_s, 2),
        "score_ms_per_seed_article": round(1000 * score_s, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    for key, value in figures.items():
        print(f"{key:<28} {value}")
    print(json.dumps(figures, sort_keys=True))


if __name__ == "__main__":
    main()
