"""Group profiles: intervals computed only for the figures a profile shows equal those of the
whole resample table."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import pytest

import framing
from framing.compare import profiles
from framing.compare.engine import compare
from framing.lexicon.loader import read_lexicon, read_stopwords
from framing.model import Article, Corpus

SENTENCES = [
    "The strongman Khalifa Haftar ordered an assault on the port.",
    "Field Marshal Khalifa Haftar met the envoy in Benghazi.",
    "Daesh militants attacked a checkpoint near the coast.",
    "Officials said the talks on the ceasefire would resume.",
    "The rebels accused the government of a brutal crackdown.",
    "Protesters marched through the capital demanding elections.",
    "The minister praised the successful negotiations.",
    "Residents described the shelling as terrifying.",
]


def test_intervals_of_the_shown_figures_equal_those_of_the_whole_table(
    make_article: Callable[[str, str, list[str]], Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(4)
    articles = [
        make_article(f"{outlet}{n}", outlet, rng.sample(SENTENCES, rng.randint(2, 5)))
        for outlet in ("North", "South", "East", "West")
        for n in range(8)
    ]
    result = framing.score_corpus(Corpus(tuple(articles)), read_lexicon())
    shown_only = compare(result, read_lexicon(), read_stopwords())

    class Whole(profiles._Intervals):  # every figure of every column, as before
        def __init__(self, *args: Any) -> None:
            super().__init__(*args[:3])

    monkeypatch.setattr(profiles, "_Intervals", Whole)
    whole = compare(result, read_lexicon(), read_stopwords())
    assert shown_only.variant_shares == whole.variant_shares
    assert shown_only.actors == whole.actors and shown_only.profiles == whole.profiles
    assert shown_only.connotations == whole.connotations and shown_only.frames == whole.frames
    assert any(s.share.low is not None for s in whole.variant_shares)  # intervals compared
