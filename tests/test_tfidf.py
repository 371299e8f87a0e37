"""The stories' own TF-IDF gives scikit-learn's arrays bit for bit, and a story run does not
import scikit-learn."""

from __future__ import annotations

import random
import re
import subprocess
import sys

import numpy as np
import pytest
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from framing.stories.tfidf import english_stop_words, story_words, tfidf_matrix

# Written for these tests: wire-style phrases about council budgets, storms and court rulings.
_PHRASES = (
    "The city council approved the budget on Tuesday after a long debate",
    "Officials said the storm damaged dozens of homes along the northern coast",
    "A federal judge blocked the new rule, citing concerns about due process",
    "Transit workers walked off the job early Monday, halting buses and trains",
    "The mayor's office did not respond to requests for comment",
    "Residents lined up for water as repair crews worked through the night",
    "Prosecutors argued that the evidence showed a pattern of fraud",
    "Analysts expect prices to rise again in the second quarter",
    "Hundreds gathered outside the courthouse holding signs and candles",
    "The agency's report, released Friday, counted 1,204 complaints in 2023",
    "It was the third such ruling this year — and the most sweeping",
    "Schools in Marlowe County will stay closed until the roads are cleared",
)
_NAMES = ("Okafor", "Lindqvist", "Marlowe", "Ruiz", "Takahashi", "Brennan", "Haddad", "Novak")


def _documents(count: int, seed: int) -> list[str]:
    """News-like headlines and leads: shared phrases, names, numbers and repeated words."""
    rng = random.Random(seed)
    documents = []
    for _ in range(count):
        parts = rng.sample(_PHRASES, rng.randint(1, 4))
        parts += [f"{rng.choice(_NAMES)} said {rng.randint(2, 900)} people" for _ in range(2)]
        if rng.random() < 0.2:
            parts.append("storm storm storm damage damage")  # repeated terms
        documents.append(". ".join(parts))
    documents.append("the and of it was")  # only stop words: an all-zero row
    return documents


def _same(mine: object, theirs: object) -> None:
    for name in ("indices", "indptr", "data", "shape"):
        left, right = getattr(mine, name), getattr(theirs, name)
        if isinstance(left, np.ndarray):
            assert left.dtype == right.dtype, name
            assert left.tobytes() == right.tobytes(), name  # same values in the same order
        else:
            assert left == right, name


def test_the_stop_words_are_scikit_learns() -> None:
    assert english_stop_words() == ENGLISH_STOP_WORDS


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_story_matching_vectors_equal_scikit_learns(seed: int) -> None:
    documents = _documents(300, seed)
    theirs = TfidfVectorizer(
        sublinear_tf=True,
        stop_words="english",
        token_pattern=r"(?u)\b[^\W\d_]{2,}\b",
        dtype=np.float32,
    ).fit_transform(documents)
    stop_words = english_stop_words()
    mine = tfidf_matrix((story_words(d, stop_words) for d in documents), np.float32)
    _same(mine, theirs.tocsr())


def test_alignment_vectors_equal_scikit_learns() -> None:
    stop_words = frozenset({"the", "a", "of", "and"})
    word = re.compile(r"[^\W_]+")

    def words(document: str) -> list[str]:
        return [w for w in word.findall(document.lower()) if w not in stop_words]

    documents = _documents(80, 4)
    theirs = TfidfVectorizer(analyzer=words, sublinear_tf=True).fit_transform(documents)
    mine = tfidf_matrix(map(words, documents))
    _same(mine, theirs)
    assert mine.toarray().tobytes() == theirs.toarray().tobytes()


def test_a_long_row_beside_short_ones_is_summed_in_order() -> None:
    rng = random.Random(5)
    vocabulary = [f"w{n}" for n in range(3000)]
    documents = [" ".join(rng.choices(vocabulary, k=rng.choice([1, 3, 2500]))) for _ in range(40)]
    theirs = TfidfVectorizer(analyzer=str.split, sublinear_tf=True, dtype=np.float32)
    mine = tfidf_matrix((d.split() for d in documents), np.float32)
    _same(mine, theirs.fit_transform(documents))


def test_no_word_at_all_is_refused_as_scikit_learn_refuses_it() -> None:
    with pytest.raises(ValueError, match="empty vocabulary"):
        tfidf_matrix([[], []])


def test_grouping_stories_does_not_import_scikit_learn() -> None:
    code = (
        "import sys\n"
        "from framing.stories.match import group_stories\n"
        "from framing.stories.model import StoryInput\n"
        "items = [StoryInput(str(n), f'outlet{n}', '2024-05-0' + str(n + 1), 'Storm hits coast',\n"
        "         'Storm hits the northern coast, Okafor said', (n,) * 64, 0.0, 5.0, ())\n"
        "         for n in range(3)]\n"
        "assert group_stories(items).stories\n"
        "print('sklearn' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
