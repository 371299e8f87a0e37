"""Validation on planted corpora (tests/planted.py), scored through the real pipeline.

Eight outlets in two groups that differ only in five word-choice pairs, each pair about once in
300 words, preferred nine times in ten; and a null corpus in which every outlet draws from the
same distribution.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sklearn.metrics import adjusted_rand_score
from typer.testing import CliRunner

import framing
from framing.cli import app
from framing.compare.engine import compare
from framing.compare.model import Comparison
from framing.lexicon.loader import read_lexicon, read_stopwords
from framing.model import Corpus
from framing.settings import CompareSettings

sys.path.insert(0, str(Path(__file__).resolve().parent))
from planted import PlantedCorpus, planted_corpus

# Fewer resamples than a report uses: the methods are the same, the tests faster.
FAST = {"bootstrap_replicates": 200, "stability_replicates": 50, "scaling_replicates": 40}
ALL_BUT_VOCABULARY = tuple(
    (block, 0.0)
    for block in ("terminology", "connotation", "frames", "tone", "actors", "readability")
)


def scored_comparison(corpus: PlantedCorpus, **settings: object) -> Comparison:
    lexicon = read_lexicon()
    result = framing.score_corpus(Corpus(corpus.articles), lexicon)
    return compare(result, lexicon, read_stopwords(), CompareSettings(**{**FAST, **settings}))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def planted() -> PlantedCorpus:
    return planted_corpus(outlets=8, groups=2, articles_per_outlet=10, words_per_article=400)


@pytest.fixture(scope="module")
def scored(planted: PlantedCorpus) -> framing.ScoredCorpus:
    return framing.score_corpus(Corpus(planted.articles), read_lexicon())


def comparison_of(result: framing.ScoredCorpus, **settings: object) -> Comparison:
    options = CompareSettings(**{**FAST, **settings})  # type: ignore[arg-type]
    return compare(result, read_lexicon(), read_stopwords(), options)


def test_the_generator_has_realistic_statistics(planted: PlantedCorpus) -> None:
    words = [w for a in planted.articles for w in a.text.split()]
    lengths = [len(s.split()) for a in planted.articles for s in a.text.split(". ")]
    planted_words = {w for _g, chosen in planted.preferred for w in chosen}
    rate = sum(w.strip(".") in planted_words for w in words) / len(words)
    assert 4 / 300 < rate < 6 / 300  # five pairs, each about once in 300 words
    assert 15 < sum(lengths) / len(lengths) < 30
    assert len({w.strip(".").lower() for w in words}) > 5000  # a long Zipf tail
    small = {"outlets": 2, "articles_per_outlet": 2, "words_per_article": 50}
    assert planted_corpus(**small) == planted_corpus(**small)  # type: ignore[arg-type]


def test_clusters_recover_the_planted_groups(
    planted: PlantedCorpus, scored: framing.ScoredCorpus
) -> None:
    clustering = comparison_of(scored).clustering
    assert clustering.grouping_test is not None and clustering.grouping_test.clear
    truth = planted.groups_of(clustering.groups)
    assert adjusted_rand_score(truth, clustering.labels) >= 0.9
    vocabulary = {b.block: b for b in clustering.blocks}["vocabulary"]
    assert vocabulary.features >= 1 and vocabulary.separation is not None


def test_the_vocabulary_block_alone_recovers_the_planted_groups(
    planted: PlantedCorpus, scored: framing.ScoredCorpus
) -> None:
    clustering = comparison_of(scored, features=ALL_BUT_VOCABULARY).clustering
    assert adjusted_rand_score(planted.groups_of(clustering.groups), clustering.labels) >= 0.9
    blocks = {b.block: b for b in clustering.blocks}
    assert blocks["vocabulary"].separation == pytest.approx(1.0)
    assert blocks["tone"].note == "weight 0: left out" and blocks["tone"].separation is None
    named = [f for f in clustering.fingerprints if f.feature.startswith("vocabulary dimension")]
    planted_words = {w for _g, chosen in planted.preferred for w in chosen}
    assert named and any(f"'{w}'" in named[0].feature for w in planted_words)


def test_scaling_separates_the_groups_with_the_planted_words(
    planted: PlantedCorpus, scored: framing.ScoredCorpus
) -> None:
    groups = planted.groups_of(tuple(sorted(dict(planted.outlet_groups))))
    first_of = {g: o for o, g in reversed(planted.outlet_groups)}
    direction = (first_of[0], first_of[1])
    scaling = comparison_of(scored, direction=direction).scaling
    assert len(scaling.positions) == len(groups)
    group = dict(planted.outlet_groups)
    left = [p.position for p in scaling.positions if group[p.group] == 0]
    right = [p.position for p in scaling.positions if group[p.group] == 1]
    assert max(left) < min(right)  # every outlet of group 0 left of every outlet of group 1
    assert all(p.lower <= p.position <= p.upper for p in scaling.positions)
    preferred = dict(planted.preferred)
    top_left = {t.term for t in scaling.terms[:10]}
    top_right = {t.term for t in scaling.terms[-10:]}
    assert set(preferred[0]) <= top_left
    assert set(preferred[1]) <= top_right


def test_a_null_corpus_has_no_clear_groups() -> None:
    null = planted_corpus(outlets=8, groups=1, articles_per_outlet=10, words_per_article=400,
                          seed=8)  # fmt: skip
    comparison = scored_comparison(null)
    clustering = comparison.clustering
    assert clustering.labels == ()
    assert clustering.chosen_by.startswith("no clear groups")
    assert clustering.grouping_test is not None and not clustering.grouping_test.clear
    assert not [t for t in comparison.distinguishing if t.significant]


def test_bad_features_and_direction_are_refused_before_any_work(tmp_path: Path) -> None:
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    runner = CliRunner()
    result = runner.invoke(app, ["compare", str(seeds), "--features", "vocab=2"])
    assert result.exit_code == 1
    assert "Error: --features 'vocab=2': no block 'vocab'; valid: terminology," in result.output
    result = runner.invoke(app, ["report", str(seeds), "--out", str(tmp_path / "r"),
                                 "--direction", "ANSA"])  # fmt: skip
    assert result.exit_code == 1
    assert "Error: --direction 'ANSA': give two groups separated by a comma" in result.output
    assert not (tmp_path / "r").exists()
