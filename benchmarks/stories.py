"""Benchmark story matching on a large news-like corpus, and check what it recovers.

The corpus is generated, not recycled: a Zipf-Mandelbrot background vocabulary (Mandelbrot
1953; s = 1.1, q = 2.7) of several hundred thousand pseudo-words, so the vocabulary keeps growing
with the corpus as in real news (Heaps' law); tens of thousands of named people and places;
40 outlets over a year. A share of the articles report planted events: each event is covered by
two to five outlets within two days, each paraphrasing a common set of facts (content words
replaced, sentences dropped or added, the names kept), and some coverage is a verbatim wire copy.

It prints the time to build the matching inputs, the time to group, the peak memory, and how
well the planted events are recovered (pairwise precision and recall). Run:

    python benchmarks/stories.py --articles 100000
    python benchmarks/stories.py --articles 20000 --undated
"""

from __future__ import annotations

import argparse
import itertools
import resource
import time
from dataclasses import dataclass

import numpy as np

from framing.stories.match import about_text, body_signature, group_stories
from framing.stories.model import StoryInput

SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]


def pseudo_words(count: int, rng: np.random.Generator, capital: bool = False) -> list[str]:
    """``count`` distinct pronounceable pseudo-words of two to four syllables."""
    words: dict[str, None] = {}
    while len(words) < count:
        parts = rng.integers(0, len(SYLLABLES), size=(count, 4))
        lengths = rng.integers(2, 5, size=count)
        for row, length in zip(parts, lengths, strict=True):
            word = "".join(SYLLABLES[i] for i in row[:length])
            words.setdefault(word.capitalize() if capital else word, None)
            if len(words) == count:
                break
    return list(words)


@dataclass
class Corpus:
    inputs: list[StoryInput]
    event_of: list[int]  # -1 for an article on no planted event


def zipf_mandelbrot(size: int, s: float = 1.1, q: float = 2.7) -> np.ndarray:
    ranks = np.arange(1, size + 1, dtype=np.float64)
    weights = 1.0 / (ranks + q) ** s
    return np.cumsum(weights / weights.sum())


def generate(articles: int, seed: int, undated: bool) -> Corpus:
    rng = np.random.default_rng(seed)
    vocabulary = pseudo_words(max(50_000, articles * 3), rng)
    cdf = zipf_mandelbrot(len(vocabulary))
    people = [f"{a} {b}" for a, b in zip(pseudo_words(20_000, rng, True),
                                         pseudo_words(20_000, rng, True), strict=True)]  # fmt: skip
    places = pseudo_words(5_000, rng, True)
    outlets = [f"Outlet {n:02d}" for n in range(40)]

    def words(count: int) -> list[str]:
        return [vocabulary[i] for i in np.searchsorted(cdf, rng.random(count))]

    def sentence(names: list[str]) -> list[str]:
        body = words(int(rng.integers(12, 30)))
        for name in names:
            position = int(rng.integers(1, len(body)))
            body[position:position] = name.split()
        return body

    inputs: list[StoryInput] = []
    event_of: list[int] = []
    event = 0
    while len(inputs) < articles:
        day = int(rng.integers(0, 365))
        if rng.random() < 0.6:  # an article on no planted event
            names = [people[int(rng.integers(len(people)))], places[int(rng.integers(len(places)))]]
            body = [sentence(names if n % 3 == 0 else []) for n in range(int(rng.integers(15, 30)))]
            outlet = outlets[int(rng.integers(len(outlets)))]
            inputs.append(_input(len(inputs), outlet, day, words(8), body, undated))
            event_of.append(-1)
            continue
        cast = [people[int(i)] for i in rng.integers(0, len(people), 3)]
        place = places[int(rng.integers(len(places)))]
        facts = [sentence([cast[n % 3]] + ([place] if n % 4 == 0 else []))
                 for n in range(int(rng.integers(15, 25)))]  # fmt: skip
        headline = words(6) + [place]
        covering = rng.choice(len(outlets), size=int(rng.integers(2, 6)), replace=False)
        first_body: list[list[str]] | None = None
        for order, outlet_index in enumerate(covering):
            if order > 0 and first_body is not None and rng.random() < 0.1:
                body = first_body  # a verbatim wire copy
            else:
                body = [_paraphrase(fact, rng, words) for fact in facts if rng.random() > 0.2]
                body += [sentence([]) for _ in range(int(rng.integers(1, 6)))]
            first_body = first_body or body
            title = [w if rng.random() > 0.4 else words(1)[0] for w in headline]
            inputs.append(_input(len(inputs), outlets[outlet_index],
                                 day + int(rng.integers(0, 3)), title, body, undated))  # fmt: skip
            event_of.append(event)
        event += 1
    return Corpus(inputs[:articles], event_of[:articles])


def _paraphrase(fact: list[str], rng: np.random.Generator, words: object) -> list[str]:
    new = words(len(fact))  # type: ignore[operator]
    return [w if w[:1].isupper() or rng.random() > 0.4 else new[i] for i, w in enumerate(fact)]


def _input(index: int, outlet: str, day: int, title: list[str], body: list[list[str]],
           undated: bool) -> StoryInput:  # fmt: skip
    date = "" if undated else (np.datetime64("2025-01-01") + np.timedelta64(day, "D")).astype(str)
    flat = [word for sentence in body for word in sentence]
    return StoryInput(
        article_id=f"a{index}",
        outlet=outlet,
        date=str(date),
        title=" ".join(title),
        about=about_text(" ".join(title), body),
        body_shingles=body_signature(flat),
        tone=None,
        grade=None,
    )


def pairs_of(groups: list[set[int]]) -> set[tuple[int, int]]:
    return {pair for group in groups for pair in itertools.combinations(sorted(group), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--undated", action="store_true", help="match on text alone")
    options = parser.parse_args()

    started = time.perf_counter()
    corpus = generate(options.articles, options.seed, options.undated)
    built = time.perf_counter()
    grouping = group_stories(corpus.inputs)
    grouped = time.perf_counter()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    planted: dict[int, set[int]] = {}
    for index, event in enumerate(corpus.event_of):
        if event >= 0:
            planted.setdefault(event, set()).add(index)
    truth = pairs_of([g for g in planted.values() if len(g) > 1])
    found = pairs_of([set(story) for story in grouping.stories])
    precision = len(found & truth) / len(found) if found else float("nan")
    recall = len(found & truth) / len(truth) if truth else float("nan")
    vocabulary = len({w for item in corpus.inputs for w in item.about.split()})
    print(f"articles: {len(corpus.inputs):,} ({'undated' if options.undated else 'dated'}); "
          f"distinct words in headlines and leads: {vocabulary:,}")  # fmt: skip
    print(f"generate + build inputs (MinHash signatures): {built - started:.1f} s")
    print(f"group into stories: {grouped - built:.1f} s "
          f"({len(grouping.stories):,} stories, {len(grouping.copies):,} copies)")  # fmt: skip
    print(f"peak RSS: {peak_mb:,.0f} MB")
    print(f"planted events recovered: pairwise precision {precision:.3f}, recall {recall:.3f}")


if __name__ == "__main__":
    main()
