"""The best-case benchmark corpus: the seed articles' sentences, recycled.

Its vocabulary never grows, so every per-word cache hits and the tables stay small: figures on
it overstate the speed on real text. The benchmarks use the news-like corpus of
benchmarks/newslike.py by default and this one only with ``--corpus seed-sentences``.

Articles of about ``words`` words are drawn, with a fixed seed, from the sentences of the five
seed articles and spread round-robin over ``outlets`` outlets, so every run with the same
arguments gives the same corpus.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from pathlib import Path

import framing
from framing.model import Article
from framing.text.segment import segment

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed_sentences() -> list[str]:
    """Every body sentence of the seed articles with at least five words."""
    sentences = []
    for article in framing.read_corpus([SEEDS]).articles:
        sentences += [s.text for s in segment("", article.text) if len(s.tokens) >= 5]
    return sentences


def synthetic_articles(
    count: int, outlets: int = 20, words: int = 500, seed: int = 1
) -> list[Article]:
    """``count`` articles of about ``words`` words each over ``outlets`` outlets."""
    return list(iter_synthetic_articles(count, outlets, words, seed))


def iter_synthetic_articles(
    count: int, outlets: int = 20, words: int = 500, seed: int = 1
) -> Iterator[Article]:
    """The same articles as :func:`synthetic_articles`, made one at a time."""
    rng = random.Random(seed)
    pool = seed_sentences()
    for number in range(count):
        body: list[str] = []
        length = 0
        while length < words:
            sentence = rng.choice(pool)
            body.append(sentence)
            length += len(sentence.split())
        yield Article(
            id=f"a{number:07d}",
            outlet=f"Outlet {number % outlets:02d}",
            title=rng.choice(pool),
            text=" ".join(body),
        )


def write_csv(articles: Iterable[Article], path: Path) -> None:
    """The articles as a CSV export (id, outlet, title, text)."""
    import csv

    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "outlet", "title", "text"])
        for article in articles:
            writer.writerow([article.id, article.outlet, article.title, article.text])
