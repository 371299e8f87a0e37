"""A news-like synthetic corpus for benchmarks: statistics of real news, no recycled text.

The seed-sentence corpus (benchmarks/synthetic.py) never grows its vocabulary, so every per-word
cache hits; this generator is what the benchmarks measure by default. Every article is drawn
with a fixed seed, one at a time, so any number of articles can be written without holding them.

- **Vocabulary.** Word ranks follow a Zipf-Mandelbrot law, p(r) proportional to
  1 / (r + 2.7)^1.1 (Mandelbrot 1953), up to rank 5,000, then a steeper tail, r^-2, as in the
  two-regime law of Ferrer-i-Cancho and Sole (2001) for large corpora. With these parameters the
  number of distinct words grows with the corpus as Heaps' law with the constants Manning,
  Raghavan and Schuetze (2008, ch. 5) fit to Reuters RCV1 (k = 44, b = 0.49): about 35,000
  distinct words in 1 million tokens, 110,000 in 9 million, 340,000 in 90 million (100,000
  articles). The commonest ranks are English function words, a share of the others are the
  words of VADER's lexicon (so sentiment scoring meets its words at a news-like rate), the
  rest are pronounceable made-up words, two syllables for the common ranks, more further down.
- **Names.** 30,000 people (a first and a last name: full name first, the last name after) and
  8,000 places, whose popularity is itself Zipf-distributed; an article has a cast of two to
  five people and one to three places.
- **Shape.** Sentence lengths follow a gamma distribution with mean 22 words (4 to 90);
  article lengths a log-normal with mean 900 words; three sentences to a paragraph; some
  sentences are attributed quotes ("..., Name said.").
- **Outlets.** 40 outlets, each with 300 preferred words of its own (about 4% of its tokens)
  and its own preferences among the variants of each lexicon concept.
- **Lexicon.** When a lexicon is given, the forms of its concepts come up about once in 120
  words, frame cues once in 60 and actor aliases once in 250, so matching,
  ranking and examples in context do their real work.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from framing.lexicon.model import Lexicon
from framing.model import Article

FUNCTION_WORDS = [
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "that",
    "is",
    "was",
    "for",
    "on",
    "it",
    "with",
    "as",
    "he",
    "said",
    "by",
    "at",
    "from",
    "his",
    "be",
    "have",
    "an",
    "has",
    "are",
    "but",
    "not",
    "they",
    "this",
    "were",
    "had",
    "which",
    "their",
    "been",
    "who",
    "will",
    "would",
    "its",
    "after",
    "also",
    "there",
    "one",
    "more",
    "than",
    "about",
    "two",
    "when",
    "or",
    "she",
    "we",
    "over",
    "into",
    "new",
    "other",
    "some",
    "up",
    "could",
    "all",
    "her",
    "them",
    "last",
    "first",
    "people",
    "year",
    "out",
    "where",
    "while",
    "before",
    "between",
    "during",
    "under",
    "most",
    "three",
    "since",
    "against",
    "many",
    "those",
    "officials",
    "government",
    "week",
    "told",
    "city",
    "country",
    "because",
    "region",
    "says",
    "what",
    "if",
    "no",
    "so",
    "can",
    "only",
    "just",
    "other",
    "such",
    "then",
    "any",
    "our",
    "us",
    "these",
    "may",
    "being",
    "do",
    "did",
    "should",
    "very",
    "how",
    "through",
    "both",
    "each",
    "own",
    "same",
    "off",
    "down",
    "again",
    "further",
    "once",
    "here",
    "now",
]
SYLLABLES = tuple(c + v for c in "bdfgklmnprstvz" for v in ("a", "e", "i", "o", "u", "ai", "ou"))
HEAD_EXPONENT, SHIFT, BREAK_RANK, TAIL_EXPONENT = 1.1, 2.7, 5_000, 2.0
VOCABULARY_RANKS = 5_000_000
# One rank in this many (above the function words) is a word of VADER's lexicon.
SENTIMENT_EVERY = 6
COMMON_RANKS = 100_000


def rank_probabilities(size: int = VOCABULARY_RANKS) -> np.ndarray:
    """Probabilities of word ranks 1..size: Zipf-Mandelbrot head, power-law tail (see above)."""
    ranks = np.arange(1, size + 1, dtype=np.float64)
    weights = (ranks + SHIFT) ** -HEAD_EXPONENT
    weights[BREAK_RANK:] = weights[BREAK_RANK - 1] * (ranks[BREAK_RANK:] / BREAK_RANK) ** (
        -TAIL_EXPONENT
    )
    return weights / weights.sum()


def pseudo_word(number: int, salt: int = 0) -> str:
    """The ``number``-th made-up word (0-based; distinct numbers give distinct words).

    Words 0..9,603 have two syllables, the next 941,192 three, then four, and so on; within a
    length the order is scrambled by a multiplier coprime to 98 so neighbours do not rhyme.
    ``salt`` gives another, independent sequence (used for names).
    """
    base = len(SYLLABLES)
    length = 2
    while number >= base**length:
        number -= base**length
        length += 1
    number = (number * 1_000_003 + salt * 7_919 * 2 + 1) % base**length
    parts = []
    for _ in range(length):
        number, digit = divmod(number, base)
        parts.append(SYLLABLES[digit])
    return "".join(parts)


def sentiment_words() -> list[str]:
    """The plain lower-case words of VADER's lexicon, in file order (read from the package)."""
    from importlib.resources import files

    text = files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    words = (line.split("\t", 1)[0] for line in text.splitlines())
    # Keep words that look like words: VADER's list also holds chat abbreviations ("nfw").
    return [
        word
        for word in words
        if word.isalpha()
        and word.islower()
        and len(word) > 3
        and 0.25 <= sum(c in "aeiou" for c in word) / len(word) <= 0.6
        and not any(c * 2 in word for c in "aiuy")
    ]


class Vocabulary:
    """Word of each rank: function words, then VADER words every few ranks, else made-up words."""

    def __init__(self) -> None:
        self.sentiment = sentiment_words()
        self.cache: dict[int, str] = {}
        # The commonest ranks, looked up by index (nearly every token is one of them).
        self.common = [self.word(rank) for rank in range(COMMON_RANKS)]

    def word(self, rank: int) -> str:
        """The word of ``rank`` (0-based)."""
        found = self.cache.get(rank)
        if found is not None:
            return found
        if rank < len(FUNCTION_WORDS):
            word = FUNCTION_WORDS[rank]
        else:
            above = rank - len(FUNCTION_WORDS)
            slot, offset = divmod(above, SENTIMENT_EVERY)
            if offset == 0 and slot < len(self.sentiment):
                word = self.sentiment[slot]
            else:
                word = pseudo_word(above)
        self.cache[rank] = word
        return word


@dataclass(frozen=True)
class Outlet:
    name: str
    preferred: tuple[str, ...]  # its own words, commonest first
    variant_cdfs: tuple[np.ndarray, ...]  # per lexicon concept, over its forms


class NewsGenerator:
    """Makes news-like articles one at a time (see the module docstring)."""

    def __init__(self, lexicon: Lexicon | None = None, outlets: int = 40, seed: int = 1) -> None:
        self.rng = np.random.default_rng(seed)
        self.vocabulary = Vocabulary()
        self.cdf = np.cumsum(rank_probabilities())
        self.cdf /= self.cdf[-1]
        first = [pseudo_word(n, salt=1).capitalize() for n in range(3_000)]
        last = [pseudo_word(n, salt=2).capitalize() for n in range(30_000)]
        self.people = [(first[n % len(first)], last[n]) for n in range(len(last))]
        self.places = [pseudo_word(n, salt=3).capitalize() for n in range(8_000)]
        self.people_cdf = _zipf_cdf(len(self.people), 1.0)
        self.places_cdf = _zipf_cdf(len(self.places), 1.0)
        self.concepts: list[list[str]] = []
        self.cues: list[str] = []
        self.aliases: list[str] = []
        if lexicon is not None:
            self.concepts = [
                [form for variant in concept.variants for form in variant.forms]
                for concept in lexicon.concepts
            ]
            self.concepts = [forms for forms in self.concepts if forms]
            self.cues = [f for c in lexicon.frames for v in c.variants for f in v.forms]
            self.aliases = [alias for actor in lexicon.actors for alias in actor.aliases]
        self.concept_cdf = _zipf_cdf(max(len(self.concepts), 1), 1.0)
        self.outlets = [self._outlet(n) for n in range(outlets)]

    def _outlet(self, number: int) -> Outlet:
        ranks = self.rng.integers(150, 50_000, size=300)
        cdfs = tuple(
            np.cumsum(self.rng.dirichlet(np.full(len(forms), 0.5))) for forms in self.concepts
        )
        return Outlet(
            name=f"Outlet {number:02d}",
            preferred=tuple(self.vocabulary.word(int(r)) for r in ranks),
            variant_cdfs=cdfs,
        )

    def words(self, count: int) -> list[str]:
        """``count`` background words drawn from the rank distribution."""
        ranks = np.searchsorted(self.cdf, self.rng.random(count))
        common, word = self.vocabulary.common, self.vocabulary.word
        return [common[r] if r < COMMON_RANKS else word(r) for r in ranks.tolist()]

    def article(self, number: int, target_words: int | None = None) -> Article:
        """The ``number``-th article (deterministic for a given seed and order of calls)."""
        rng = self.rng
        outlet = self.outlets[int(rng.integers(len(self.outlets)))]
        if target_words is None:
            sigma = 0.45
            target_words = int(rng.lognormal(np.log(900) - sigma**2 / 2, sigma))
        target_words = min(max(target_words, 80), 6_000)
        lengths = np.clip(rng.gamma(4.0, 22 / 4.0, size=target_words // 8 + 4), 4, 90)
        lengths = lengths.astype(np.int64)
        ends = np.cumsum(lengths)
        lengths = lengths[: int(np.searchsorted(ends, target_words)) + 1]
        tokens = self.words(int(lengths.sum()))
        self._flavour(tokens, outlet)
        cast = [self.people[i] for i in np.searchsorted(self.people_cdf, rng.random(5))]
        cast = cast[: int(rng.integers(2, 6))]
        places = [self.places[i] for i in np.searchsorted(self.places_cdf, rng.random(3))]
        places = places[: int(rng.integers(1, 4))]
        introduced: set[tuple[str, str]] = set()
        sentences: list[str] = []
        draws = rng.random((len(lengths), 6)).tolist()
        start = 0
        for length, (name_u, said_u, who_u, where_u, place_u, at_u) in zip(
            lengths.tolist(), draws, strict=True
        ):
            words = tokens[start : start + length]
            start += length
            if name_u < 0.3:
                person = cast[int(who_u * len(cast))]
                name = person[1] if person in introduced else f"{person[0]} {person[1]}"
                introduced.add(person)
                if said_u < 0.4:
                    words.append(f", {name} said")
                else:
                    words.insert(int(at_u * len(words)), name)
            if where_u < 0.15:
                words.insert(int(at_u * len(words)), f"in {places[int(place_u * len(places))]}")
            text = " ".join(words).replace(" , ", ", ")
            sentences.append(text[:1].upper() + text[1:] + ".")
        paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
        title = " ".join(self.words(int(rng.integers(6, 13))))
        day = np.datetime64("2025-01-01") + np.timedelta64(int(rng.integers(0, 365)), "D")
        return Article(
            id=f"n{number:07d}",
            outlet=outlet.name,
            title=title[:1].upper() + title[1:] + f" in {places[0]}",
            text="\n\n".join(paragraphs),
            date=str(day),
        )

    def _flavour(self, tokens: list[str], outlet: Outlet) -> None:
        """Put the outlet's own words and the lexicon's forms into an article's words."""
        rng = self.rng
        draws = rng.random(len(tokens))
        own = np.flatnonzero(draws < 0.04).tolist()
        picks = np.minimum(rng.zipf(1.3, size=len(own)) - 1, len(outlet.preferred) - 1)
        for position, pick in zip(own, picks.tolist(), strict=True):
            tokens[position] = outlet.preferred[pick]
        if self.concepts:
            where = np.flatnonzero((draws >= 0.04) & (draws < 0.04 + 1 / 120)).tolist()
            concepts = np.searchsorted(self.concept_cdf, rng.random(len(where))).tolist()
            for position, concept, u in zip(where, concepts, rng.random(len(where)).tolist(),
                                            strict=True):  # fmt: skip
                cdf = outlet.variant_cdfs[concept]
                forms = self.concepts[concept]
                tokens[position] = forms[min(int(np.searchsorted(cdf, u)), len(forms) - 1)]
        if self.cues:
            where = np.flatnonzero((draws >= 0.05) & (draws < 0.05 + 1 / 60)).tolist()
            for position, cue in zip(where, rng.integers(len(self.cues), size=len(where)).tolist(),
                                     strict=True):  # fmt: skip
                tokens[position] = self.cues[cue]
        if self.aliases:
            where = np.flatnonzero(draws > 1 - 1 / 250).tolist()
            for position, alias in zip(
                where, rng.integers(len(self.aliases), size=len(where)).tolist(), strict=True
            ):
                tokens[position] = self.aliases[alias]


def _zipf_cdf(size: int, exponent: float) -> np.ndarray:
    weights = np.arange(1, size + 1, dtype=np.float64) ** -exponent
    cdf = np.cumsum(weights / weights.sum())
    cdf[-1] = 1.0
    return cdf


def iter_news_articles(
    count: int, lexicon: Lexicon | None = None, outlets: int = 40, seed: int = 1
) -> Iterator[Article]:
    """``count`` news-like articles over ``outlets`` outlets, made one at a time."""
    generator = NewsGenerator(lexicon, outlets, seed)
    for number in range(count):
        yield generator.article(number)


def write_csv(articles: Iterable[Article], path: Path) -> None:
    """The articles as a CSV export (id, outlet, date, title, text)."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "outlet", "date", "title", "text"])
        for article in articles:
            writer.writerow([article.id, article.outlet, article.date, article.title, article.text])


def describe(articles: Iterable[Article]) -> dict[str, float]:
    """Articles, tokens, distinct words, mean words per article and per sentence."""
    distinct: set[str] = set()
    tokens = sentences = count = 0
    for article in articles:
        words = article.text.split()
        tokens += len(words)
        sentences += sum(word.endswith(".") for word in words)
        distinct.update(word.strip(".,").lower() for word in words)
        count += 1
    return {
        "articles": count,
        "tokens": tokens,
        "distinct_words": len(distinct),
        "mean_article_words": round(tokens / max(count, 1), 1),
        "mean_sentence_words": round(tokens / max(sentences, 1), 1),
    }


if __name__ == "__main__":
    import argparse
    import time

    import framing

    parser = argparse.ArgumentParser(description="Write a news-like corpus as a CSV export.")
    parser.add_argument("--articles", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="CSV file to write; statistics only without")
    options = parser.parse_args()
    started = time.perf_counter()
    articles = iter_news_articles(options.articles, framing.read_lexicon(), seed=options.seed)
    if options.out:
        write_csv(articles, options.out)
        print(f"wrote {options.out} in {time.perf_counter() - started:.1f} s")
    else:
        print(describe(articles), f"{time.perf_counter() - started:.1f} s")
