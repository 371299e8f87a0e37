"""Planted corpora: news-like articles whose outlets differ only where we say they do.

The validation tests (tests/test_planted.py) and benchmarks (benchmarks/planted_recovery.py)
import this module; it lives beside the tests because it is test data, not part of the package,
and the benchmarks put this folder on ``sys.path`` to reach it.

Every article is drawn from one background vocabulary with realistic statistics:

- word frequencies follow a Zipf-Mandelbrot law, p(r) proportional to 1 / (r + 2.7)^1.07, over
  ``vocabulary`` types (Mandelbrot 1953; Piantadosi 2014 reviews the fit on English text); the
  commonest ranks are real English function words, the rest are pronounceable made-up words, so
  no text is recycled from anywhere;
- sentences have news-like lengths (a gamma distribution with mean about 22 words, 6 to 60);
- named people (a first and a last name, later also the last name alone) appear in about one
  sentence in four.

Outlets are split into ``groups``. The only difference between groups is a handful of
word-choice pairs ("regime" / "administration", ...): each pair comes up about once in
``1 / pair_rate`` words (300 by default, the rate of a key term in topical news), and each group
prefers one word of each pair with probability ``preference``. With ``groups=1`` every outlet
draws from the same distribution: a null corpus in which any structure found is noise.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass

import numpy as np

from framing.model import Article

_FUNCTION_TEXT = (
    "the of and to a in that is was for on it with as he said by at from his be have an "
    "has are but not they this were had which their been who will would its after also there "
    "one more than about two when or she we over into new other some up could all her them "
    "last first people year out where while before between during under most three since "
    "against many those officials government week told city country because region says"
)
FUNCTION_WORDS = tuple(_FUNCTION_TEXT.split())
# Pairs of words that mean much the same but are chosen differently (the planted signal).
WORD_PAIRS = (
    ("regime", "administration"),
    ("militants", "fighters"),
    ("incursion", "operation"),
    ("crackdown", "campaign"),
    ("clashes", "confrontations"),
    ("junta", "council"),
)
FIRST_NAMES = ("Amara", "Tomasz", "Leila", "Rafael", "Ngozi", "Henrik", "Mariam", "Kenji",
               "Ines", "Dmitri", "Aisha", "Pablo")  # fmt: skip
LAST_NAMES = ("Okafor", "Lindqvist", "Haddad", "Moreno", "Adeyemi", "Nakamura", "Kowalski",
              "Farouk", "Petrenko", "Castillo", "Mensah", "Osei")  # fmt: skip
_ONSETS = ("b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "br",
           "dr", "gr", "pr", "st", "tr", "sh", "ch")  # fmt: skip
_VOWELS = ("a", "e", "i", "o", "u", "ea", "ou")
_CODAS = ("", "", "", "n", "r", "s", "l", "t")


@dataclass(frozen=True)
class PlantedCorpus:
    """Articles, the planted group of each outlet, and the planted words of each group."""

    articles: tuple[Article, ...]
    outlet_groups: tuple[tuple[str, int], ...]  # (outlet, planted group from 0), by outlet
    preferred: tuple[tuple[int, tuple[str, ...]], ...]  # (group, the words it prefers)

    def groups_of(self, outlets: tuple[str, ...]) -> list[int]:
        """The planted group of each of ``outlets``, in that order."""
        group = dict(self.outlet_groups)
        return [group[outlet] for outlet in outlets]


@functools.cache
def made_up_words(count: int) -> tuple[str, ...]:
    """``count`` distinct pronounceable words of one to four syllables, always the same."""
    syllables = [o + v + c for o, v, c in itertools.product(_ONSETS, _VOWELS, _CODAS)]
    syllables = sorted(set(syllables))
    rng = np.random.default_rng(53)
    taken = set(FUNCTION_WORDS) | {w for pair in WORD_PAIRS for w in pair}
    words: list[str] = []
    while len(words) < count:
        size = int(rng.choice([1, 2, 3, 4], p=[0.1, 0.5, 0.3, 0.1]))
        word = "".join(syllables[int(i)] for i in rng.integers(0, len(syllables), size))
        if word not in taken:
            taken.add(word)
            words.append(word)
    return tuple(words)


def zipf_mandelbrot(types: int, exponent: float = 1.07, offset: float = 2.7) -> np.ndarray:
    """Probabilities of ranks 1..``types`` under p(r) ~ 1 / (r + offset)^exponent."""
    weights = 1.0 / (np.arange(1, types + 1) + offset) ** exponent
    return np.asarray(weights / weights.sum(), dtype=np.float64)


def planted_corpus(
    outlets: int = 8,
    groups: int = 2,
    articles_per_outlet: int = 12,
    words_per_article: int = 450,
    vocabulary: int = 50_000,
    pairs: int = 5,
    pair_rate: float = 1 / 300,
    preference: float = 0.9,
    seed: int = 7,
) -> PlantedCorpus:
    """A deterministic planted corpus (see the module docstring); outlets are spread over the
    groups round-robin and named so that their names say nothing about their group."""
    if not 1 <= groups <= 2**pairs:
        raise ValueError(f"groups={groups}: {pairs} word pairs can tell at most {2**pairs} apart")
    rng = np.random.default_rng(seed)
    words = [*FUNCTION_WORDS, *made_up_words(vocabulary - len(FUNCTION_WORDS))]
    background = np.array(words, dtype=object)
    cumulative = np.cumsum(zipf_mandelbrot(vocabulary))
    chosen = WORD_PAIRS[:pairs]
    # Group g prefers word (bit k of a code) of pair k; codes differ between groups.
    codes = [[(code >> k) & 1 for k in range(pairs)] for code in _spread_codes(groups, pairs)]
    names = [f"{first} {last}" for first, last in zip(FIRST_NAMES, LAST_NAMES, strict=True)]
    outlet_names = [f"Outlet {chr(ord('A') + (i * 7) % 26)}{i:02d}" for i in range(outlets)]
    outlet_groups = [(name, i % groups) for i, name in enumerate(outlet_names)]
    articles: list[Article] = []
    for number in range(articles_per_outlet):
        for outlet, group in outlet_groups:
            text = _article(rng, background, cumulative, words_per_article, names, chosen,
                            codes[group], pair_rate, preference)  # fmt: skip
            articles.append(Article(id=f"{outlet[-3:]}-{number:03d}", outlet=outlet, title="",
                                    text=text))  # fmt: skip
    preferred = tuple(
        (g, tuple(pair[bit] for pair, bit in zip(chosen, codes[g], strict=True)))
        for g in range(groups)
    )
    return PlantedCorpus(tuple(articles), tuple(sorted(outlet_groups)), preferred)


def _spread_codes(groups: int, pairs: int) -> list[int]:
    # Two groups get opposite choices on every pair; more groups get distinct codes.
    if groups == 1:
        return [0]
    if groups == 2:
        return [0, 2**pairs - 1]
    return list(range(groups))


def _article(
    rng: np.random.Generator,
    background: np.ndarray,
    cumulative: np.ndarray,
    length: int,
    names: list[str],
    pairs: tuple[tuple[str, str], ...],
    code: list[int],
    pair_rate: float,
    preference: float,
) -> str:
    sentences: list[str] = []
    written = 0
    while written < length:
        size = int(np.clip(rng.gamma(4.0, 5.5), 6, 60))
        drawn = np.searchsorted(cumulative, rng.random(size) * cumulative[-1])
        tokens = [str(w) for w in background[np.minimum(drawn, len(background) - 1)]]
        for position in np.flatnonzero(rng.random(size) < pair_rate * len(pairs)):
            pair = int(rng.integers(len(pairs)))
            bit = code[pair] if rng.random() < preference else 1 - code[pair]
            tokens[position] = pairs[pair][bit]
        if rng.random() < 0.25:
            person = names[int(rng.integers(len(names)))]
            if rng.random() < 0.5:
                person = person.split()[-1]
            tokens.insert(int(rng.integers(len(tokens) + 1)), person)
        tokens[0] = tokens[0][:1].upper() + tokens[0][1:]
        sentences.append(" ".join(tokens) + ".")
        written += len(tokens)
    return " ".join(sentences)
