"""End to end on the seeds: the findings the project promises, golden values, determinism."""

from __future__ import annotations

import gc
import weakref
from collections import Counter
from pathlib import Path

import pytest

import framing
from framing.model import ScoredCorpus
from framing.scoring import scorer as scoring

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def seeds() -> ScoredCorpus:
    return framing.score_corpus(framing.read_corpus([SEEDS]), framing.read_lexicon())


def variants(result: ScoredCorpus, outlet: str, concept: str) -> Counter[str]:
    score = next(s for s in result.scores if s.article.outlet == outlet)
    return Counter(hit.variant for hit in score.terms if hit.concept == concept)


def test_all_five_seeds_scored_with_outlets(seeds: ScoredCorpus) -> None:
    assert [s.article.outlet for s in seeds.scores] == [
        "Middle East Online", "The Independent", "ANSA", "Press TV", "criminalwatch.com",
    ]  # fmt: skip
    assert seeds.skipped == ()


def test_haftar_is_strongman_in_two_outlets_and_field_marshal_in_one(seeds: ScoredCorpus) -> None:
    assert variants(seeds, "Middle East Online", "haftar_title") == {"strongman": 1}
    assert variants(seeds, "ANSA", "haftar_title") == {"military strongman": 1}
    assert variants(seeds, "criminalwatch.com", "haftar_title") == {
        "Field Marshal": 2,
        "General Commander": 1,
    }


def test_islamic_state_names_by_outlet(seeds: ScoredCorpus) -> None:
    assert variants(seeds, "The Independent", "islamic_state_name") == {"Isis": 8, "Daesh": 1}
    press_tv = variants(seeds, "Press TV", "islamic_state_name")
    assert press_tv["Takfiri"] >= 1 and press_tv["Daesh"] >= 1 and press_tv["ISIL"] == 2
    assert variants(seeds, "ANSA", "islamic_state_name") == {"Daesh": 2, "ISIS": 1}


def test_the_verb_is_is_never_a_hit(seeds: ScoredCorpus) -> None:
    for score in seeds.scores:
        for hit in score.terms:
            assert hit.matched_text.lower() != "is"


def test_every_span_points_at_its_matched_text(seeds: ScoredCorpus) -> None:
    for score in seeds.scores:
        for hit in score.terms:
            source = score.article.title if hit.field == "title" else score.article.text
            assert source[hit.start : hit.end] == hit.matched_text


def test_readability_golden_values(seeds: ScoredCorpus) -> None:
    first = seeds.scores[0].readability
    assert (first.words, first.sentences, first.syllables) == (298, 11, 559)
    assert first.flesch_reading_ease == pytest.approx(20.642, abs=1e-3)
    assert first.flesch_kincaid_grade == pytest.approx(17.110, abs=1e-3)


def test_readability_agrees_with_textstat_on_the_shared_formulas(seeds: ScoredCorpus) -> None:
    # Our counts come from one pass; textstat recounts the whole text per formula. The formulas
    # that do not depend on word lists must agree closely.
    import textstat

    for score in seeds.scores:
        text, mine = score.article.text, score.readability
        assert mine.flesch_reading_ease == pytest.approx(textstat.flesch_reading_ease(text), abs=2)
        assert mine.flesch_kincaid_grade == pytest.approx(
            textstat.flesch_kincaid_grade(text), abs=1
        )
        assert mine.smog_index == pytest.approx(textstat.smog_index(text), abs=1)
        assert mine.coleman_liau_index == pytest.approx(textstat.coleman_liau_index(text), abs=1)


def test_sentiment_golden_values(seeds: ScoredCorpus) -> None:
    criminalwatch = seeds.scores[4].sentiment
    assert criminalwatch.compound_mean == pytest.approx(0.376, abs=1e-3)
    assert criminalwatch.compound_mean > seeds.scores[1].sentiment.compound_mean  # type: ignore[operator]
    actors = {a.actor: a for a in criminalwatch.actors}
    assert actors["haftar"].sentences == 4


def test_scoring_is_deterministic(seeds: ScoredCorpus) -> None:
    again = framing.score_corpus(framing.read_corpus([SEEDS]), framing.read_lexicon())
    assert again == seeds


def test_worker_processes_give_identical_results() -> None:
    from framing.model import Article, Corpus
    from framing.scoring.scorer import PARALLEL_MINIMUM

    seeds = framing.read_corpus([SEEDS]).articles
    articles = tuple(
        Article(id=f"{n}", outlet=seeds[n % 5].outlet, title=seeds[n % 5].title,
                text=seeds[n % 5].text)
        for n in range(PARALLEL_MINIMUM + 10)
    )  # fmt: skip
    lexicon = framing.read_lexicon()
    one = framing.score_corpus(Corpus(articles), lexicon, jobs=1)
    two = framing.score_corpus(Corpus(articles), lexicon, jobs=2)
    assert one == two
    assert [s.article.id for s in two.scores] == [a.id for a in articles]


def test_a_worker_collects_reference_cycles_between_chunks() -> None:
    class Node:
        pass

    was_enabled = gc.isenabled()
    gc.disable()  # as in a worker process
    try:
        for _ in range(scoring.FULL_COLLECTION_CHUNKS + 1):  # every kind of collection
            first, second = Node(), Node()
            first.other, second.other = second, first  # type: ignore[attr-defined]
            alive = weakref.ref(first)
            del first, second
            assert alive() is not None  # no collector of its own: the cycle waits
            scoring.collect_between_chunks()
            assert alive() is None
    finally:
        if was_enabled:
            gc.enable()
