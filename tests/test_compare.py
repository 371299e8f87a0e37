"""The comparison engine on synthetic corpora with known answers, and on the seeds."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

import framing
from framing.compare.engine import compare
from framing.compare.ranking import benjamini_hochberg, log_odds_z
from framing.errors import UsageError
from framing.lexicon.loader import read_lexicon, read_stopwords
from framing.model import Article, Corpus, ScoredCorpus
from framing.settings import CompareSettings

from_sentences = Callable[[str, str, list[str]], Article]
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
NEUTRAL = [
    "Officials met in the capital on Monday.",
    "The talks covered trade and border controls.",
    "Ministers are expected to meet again next month.",
    "The delegation travelled by road from the airport.",
    "A statement was released after the meeting.",
    "Reporters waited outside the building for several hours.",
    "The schedule for the next round has not been set.",
    "Several advisers joined the discussions in the afternoon.",
    "The convoy reached the coast before nightfall.",
    "Observers counted the ballots in the town hall.",
]


def scored(articles: list[Article]) -> ScoredCorpus:
    return framing.score_corpus(Corpus(tuple(articles)), read_lexicon())


@pytest.fixture(scope="module")
def planted(make_article: from_sentences) -> ScoredCorpus:
    """Two framing groups of three outlets each, ten articles per outlet."""
    rng = random.Random(1)
    group_a = [
        "The strongman Khalifa Haftar ordered a brutal assault that killed civilians.",
        "Daesh militants attacked the town and terrorised residents.",
    ]
    group_b = [
        "Field Marshal Khalifa Haftar welcomed the successful and hopeful peace talks.",
        "ISIL lost ground as the army restored calm and safety.",
    ]
    articles = []
    for outlet, sentences in [("A1", group_a), ("A2", group_a), ("A3", group_a),
                              ("B1", group_b), ("B2", group_b), ("B3", group_b)]:  # fmt: skip
        for number in range(10):
            body = rng.sample(NEUTRAL, 4) + sentences
            rng.shuffle(body)
            articles.append(make_article(f"{outlet}-{number}", outlet, body))
    return scored(articles)


def test_planted_framing_groups_are_recovered_exactly(planted: ScoredCorpus) -> None:
    comparison = compare(planted, read_lexicon(), read_stopwords())
    clustering = comparison.clustering
    assert clustering.groups == ("A1", "A2", "A3", "B1", "B2", "B3")
    assert clustering.labels == (1, 1, 1, 2, 2, 2)
    assert (clustering.clusters, clustering.chosen_by) == (2, "silhouette")
    assert clustering.stability.value == pytest.approx(1.0)
    similarity = clustering.similarity
    assert similarity[0][1] > 0.7 and similarity[0][3] < 0


def test_fingerprint_names_the_planted_difference(planted: ScoredCorpus) -> None:
    comparison = compare(planted, read_lexicon(), read_stopwords())
    drivers = {f.feature for f in comparison.clustering.fingerprints if f.cluster == 1}
    assert any("strongman" in f or "Field Marshal" in f or "Daesh" in f or "ISIL" in f
               or "sentiment" in f for f in drivers)  # fmt: skip


def test_given_number_of_clusters(planted: ScoredCorpus) -> None:
    settings = CompareSettings(clusters=3)
    clustering = compare(planted, read_lexicon(), read_stopwords(), settings).clustering
    assert (clustering.clusters, clustering.chosen_by) == (3, "given")
    assert len(set(clustering.labels)) == 3


def test_variant_shares_are_exact_in_planted_groups(planted: ScoredCorpus) -> None:
    comparison = compare(planted, read_lexicon(), read_stopwords())
    share = {(s.group, s.variant): s for s in comparison.variant_shares}
    assert share[("A1", "strongman")].share.value == 1.0
    assert share[("A1", "strongman")].mentions == 10
    assert share[("B2", "Field Marshal")].share.value == 1.0
    assert ("B2", "strongman") in share and share[("B2", "strongman")].mentions == 0


def test_no_distinguishing_terms_when_outlets_share_one_distribution(
    make_article: from_sentences,
) -> None:
    rng = random.Random(7)
    pool = [
        *NEUTRAL,
        "The strongman Khalifa Haftar visited the port.",
        "Daesh claimed the attack on the checkpoint.",
        "Migrants arrived on the island after a long crossing.",
        "The government said the ceasefire was holding.",
    ]
    articles = [
        make_article(f"{outlet}-{n}", outlet, rng.choices(pool, k=12))
        for outlet in ("N1", "N2", "N3", "N4", "N5")
        for n in range(25)
    ]
    comparison = compare(scored(articles), read_lexicon(), read_stopwords())
    tested = [t for t in comparison.distinguishing if t.tested]
    assert tested, "the null corpus should be large enough for terms to be tested"
    assert [t.term for t in comparison.distinguishing if t.significant] == []


def test_a_planted_word_is_significant(make_article: from_sentences) -> None:
    rng = random.Random(3)
    articles = []
    for outlet in ("P1", "P2", "P3"):
        for n in range(20):
            body = rng.choices(NEUTRAL, k=8)
            if outlet == "P1":
                body.append("The warlord's fighters shelled the suburbs again.")
            articles.append(make_article(f"{outlet}-{n}", outlet, body))
    comparison = compare(scored(articles), read_lexicon(), read_stopwords())
    significant = {t.term for t in comparison.distinguishing if t.group == "P1" and t.significant}
    assert any(term.startswith("warlord") for term in significant), significant
    assert not [t for t in comparison.distinguishing if t.group != "P1" and t.significant]
    example = next(t for t in comparison.distinguishing if t.term.startswith("warlord")).examples[0]
    assert example.term.lower().startswith("warlord") and example.article_id.startswith("P1")


def test_bootstrap_interval_covers_the_planted_share(make_article: from_sentences) -> None:
    rng = random.Random(11)
    articles = []
    for n in range(60):
        title = "strongman" if rng.random() < 0.7 else "Field Marshal"
        articles.append(
            make_article(f"x{n}", "X", [f"The {title} Khalifa Haftar spoke.", *NEUTRAL[:3]])
        )
    for n in range(5):
        articles.append(
            make_article(f"y{n}", "Y", ["The warlord Khalifa Haftar spoke.", NEUTRAL[0]])
        )
    comparison = compare(scored(articles), read_lexicon(), read_stopwords())
    share = next(s for s in comparison.variant_shares if (s.group, s.variant) == ("X", "strongman"))
    assert share.share.low is not None and share.share.high is not None
    assert share.share.low < 0.7 < share.share.high
    assert share.share.high - share.share.low < 0.35


def test_one_article_per_outlet_gives_no_intervals_and_says_so() -> None:
    result = framing.score_corpus(framing.read_corpus([SEEDS]), read_lexicon())
    comparison = compare(result, read_lexicon(), read_stopwords())
    assert comparison.caveats[0].startswith("Every outlet is represented by a single article.")
    assert "support no conclusion" in comparison.caveats[0]
    for profile in comparison.profiles:
        assert profile.sentiment_mean.low is None
        assert profile.sentiment_mean.note == "one article: no interval"
        assert profile.warnings
    assert comparison.clustering.stability.value is None
    assert not any(t.tested for t in comparison.distinguishing)


def test_seed_terminology_side_by_side() -> None:
    result = framing.score_corpus(framing.read_corpus([SEEDS]), read_lexicon())
    comparison = compare(result, read_lexicon(), read_stopwords())
    used = {(s.group, s.variant) for s in comparison.variant_shares if s.mentions}
    expected = {
        ("Middle East Online", "strongman"),
        ("ANSA", "military strongman"),
        ("criminalwatch.com", "Field Marshal"),
        ("Press TV", "Takfiri"),
        ("Press TV", "ISIL"),
        ("Press TV", "Daesh"),
        ("The Independent", "Isis"),
    }
    assert expected <= used


def test_grouping_by_a_manifest_column_and_bad_options() -> None:
    result = framing.score_corpus(framing.read_corpus([SEEDS]), read_lexicon())
    by_country = compare(result, read_lexicon(), read_stopwords(), CompareSettings(by="country"))
    assert by_country.groups == ("(not given)", "Iran", "Italy", "United Kingdom")
    with pytest.raises(UsageError, match=r"--by 'colour': no such column; valid: outlet, country"):
        compare(result, read_lexicon(), read_stopwords(), CompareSettings(by="colour"))


def test_comparison_is_deterministic(planted: ScoredCorpus) -> None:
    first = compare(planted, read_lexicon(), read_stopwords())
    assert compare(planted, read_lexicon(), read_stopwords()) == first


def test_benjamini_hochberg_known_values() -> None:
    q = benjamini_hochberg([0.01, 0.04, 0.03, 0.5])
    assert q == pytest.approx([0.04, 0.0533333, 0.0533333, 0.5], abs=1e-6)


def test_log_odds_is_antisymmetric_and_zero_when_rates_match() -> None:
    delta, z = log_odds_z(10, 1000, 30, 3000, 40, 4000)
    assert delta == pytest.approx(0.0) and z == pytest.approx(0.0)
    d1, z1 = log_odds_z(20, 1000, 5, 1000, 25, 2000)
    d2, z2 = log_odds_z(5, 1000, 20, 1000, 25, 2000)
    assert d1 == pytest.approx(-d2) and z1 == pytest.approx(-z2) and z1 > 1


def test_tiny_identical_corpora_do_not_crash(make_article: from_sentences) -> None:
    articles = [make_article(f"{o}", o, ["Haftar attacked Tripoli."]) for o in ("A", "B", "C")]
    comparison = compare(scored(articles), read_lexicon(), read_stopwords())
    assert comparison.groups == ("A", "B", "C")


def test_comparing_with_a_smaller_lexicon_than_was_scored_with() -> None:
    result = framing.score_corpus(framing.read_corpus([SEEDS]), read_lexicon())
    smaller = read_lexicon(packs=("general",))
    comparison = compare(result, smaller, read_stopwords())
    assert {s.concept for s in comparison.variant_shares} <= {c.id for c in smaller.concepts}


def test_an_outlets_interval_does_not_depend_on_the_other_outlets(
    make_article: from_sentences,
) -> None:
    rng = random.Random(2)
    articles = [
        make_article(f"{o}{n}", o, [*rng.sample(NEUTRAL, 3), "The attack killed many people."])
        for o in ("X", "Y", "Z")
        for n in range(6)
    ]
    everything = compare(scored(articles), read_lexicon(), read_stopwords())
    without_y = compare(
        scored([a for a in articles if a.outlet != "Y"]), read_lexicon(), read_stopwords()
    )
    first = next(p for p in everything.profiles if p.group == "X").sentiment_mean
    second = next(p for p in without_y.profiles if p.group == "X").sentiment_mean
    assert first == second and first.low is not None


def test_grouping_by_a_column_some_articles_lack_says_so() -> None:
    result = framing.score_corpus(framing.read_corpus([SEEDS]), read_lexicon())
    comparison = compare(result, read_lexicon(), read_stopwords(), CompareSettings(by="country"))
    assert any(c.startswith("2 article(s) have no value for 'country'") for c in comparison.caveats)


def test_weak_cluster_structure_is_said_plainly(planted: ScoredCorpus) -> None:
    assert compare(planted, read_lexicon(), read_stopwords()).clustering.note == ""
    seeds = framing.score_corpus(framing.read_corpus([SEEDS]), read_lexicon())
    plain = compare(seeds, read_lexicon(), read_stopwords()).clustering
    assert plain.labels == () and plain.chosen_by.startswith("no clear groups: the sharpest")
    given = CompareSettings(clusters=2)
    forced = compare(seeds, read_lexicon(), read_stopwords(), given).clustering
    assert forced.clusters == 2 and "No clear groups: the sharpest" in forced.note


def test_counted_terms_are_the_terms_of_each_sentence() -> None:
    from collections import Counter

    from framing.compare.terms import count_terms, sentence_terms
    from framing.lexicon.loader import read_stopwords
    from framing.text.segment import segment

    stopwords = read_stopwords()
    for article in framing.read_corpus([SEEDS]).articles:
        spans = segment(article.title, article.text)
        expected: Counter[str] = Counter()
        for span in spans:
            expected.update(term for term, *_ in sentence_terms(span.text, stopwords))
        sentences = ((span.text, span.start, span.tokens) for span in spans)
        assert count_terms(sentences, stopwords) == tuple(sorted(expected.items()))


_TERM_WORDS = [
    "the", "The", "of", "and", "militia", "Militia", "ceasefire", "UN-backed", "U.S.", "5,300",
    "2019", "Haftar's", "Haftar\u2019s", "\u03a3\u039f\u03a3", "\u039f\u0394\u039f\u03a3",
    "By", "Reuters", "(Reuters)", "-", "\u2014", "Reporting", "by", "Jane", "Doe;", "editing",
    "www.example.com", "contributed", "reporting.", "said.", "Port", "Ellis", "coastal", "road",
]  # fmt: skip


def test_counted_terms_are_the_terms_of_each_sentence_on_any_words() -> None:
    # count_terms counts the whole article in one pass; sentence_terms reads one sentence at a
    # time, word by word. Numbers, boilerplate, joined words and Greek capitals (whose lower
    # case depends on the next letter) must give the same terms both ways.
    from collections import Counter

    from framing.compare.terms import count_terms, sentence_terms
    from framing.text.segment import segment

    stopwords = read_stopwords()
    rng = random.Random(3)
    for _ in range(400):
        lines = [
            " ".join(rng.choice(_TERM_WORDS) for _ in range(rng.randint(0, 14)))
            for _ in range(rng.randint(1, 4))
        ]
        text = ". ".join(lines) if rng.random() < 0.5 else "\n".join(lines)
        spans = segment("A Headline of Ceasefire Talks", text)
        expected: Counter[str] = Counter()
        for span in spans:
            expected.update(term for term, *_ in sentence_terms(span.text, stopwords))
        sentences = ((span.text, span.start, span.tokens) for span in spans)
        assert count_terms(sentences, stopwords) == tuple(sorted(expected.items())), text


def test_finish_in_background_processes_gives_the_same_comparison(planted: ScoredCorpus) -> None:
    from framing.compare.engine import ComparisonBuilder

    results = []
    for background in (False, True):
        builder = ComparisonBuilder(read_lexicon(), read_stopwords())
        builder.background = background
        for score in planted.scores:
            builder.add(score)
        results.append(builder.finish(len(planted.skipped)))
    assert results[0] == results[1]
    assert results[1].scaling.positions and results[1].clustering.similarity
    # A re-run knows the lexicon-free results: the clustering then runs beside the profiles.
    known = builder.computed_free
    for background in (False, True):
        builder = ComparisonBuilder(read_lexicon(), read_stopwords())
        builder.background, builder.known_free = background, known
        for score in planted.scores:
            builder.add(score)
        assert builder.finish(len(planted.skipped)) == results[0]


def test_ratios_are_defined_only_where_the_denominator_is_positive() -> None:
    from framing.compare.articles import _ratio

    numerator = np.array([[3.0, 1.0, 2.0], [0.0, -4.0, 5.0]])
    denominator = np.array([[4.0, 0.0, -1.0], [2.0, 8.0, np.nan]])
    ratio = _ratio(numerator, denominator)
    assert ratio[0, 0] == 0.75 and ratio[1, 0] == 0.0 and ratio[1, 1] == -0.5
    assert np.isnan(ratio[0, 1]) and np.isnan(ratio[0, 2]) and np.isnan(ratio[1, 2])
    # A column of totals is divided into every column of its row.
    per_row = _ratio(numerator, np.array([[2.0], [0.0]]))
    assert per_row[0].tolist() == [1.5, 0.5, 1.0] and np.isnan(per_row[1]).all()
