"""Examples in context kept in the one pass: the same choice as reading every sentence again,
within the bounds the counts set."""

from __future__ import annotations

import pickle
import random
from collections import Counter

import numpy as np
import pytest

from framing.compare import example_arrays
from framing.compare.engine import ComparisonBuilder, group_of
from framing.compare.epithets import EpithetCounts, _examples, find_epithets
from framing.compare.example_arrays import GroupCandidates, SentenceTexts
from framing.compare.examples import ExampleCandidates
from framing.compare.terms import (
    ExampleSource,
    _article_words,
    _term_counts,
    _words,
    count_terms,
    count_terms_with_uses,
    find_examples,
    sentence_terms,
)
from framing.compare.vocabulary import VocabularyCounts
from framing.lexicon.loader import read_stopwords
from framing.lexicon.model import Lexicon
from framing.model import Article, ArticleScore
from framing.scoring.scorer import Scorer
from framing.settings import CompareSettings
from framing.store_rows import pack_analysis, unpack_analysis
from framing.text.boilerplate import boilerplate_spans
from framing.text.segment import Token, segment

STOPWORDS = read_stopwords()

# News about a harbour town's council, written for these tests; each outlet has its own habits.
SHARED = [
    "The council met on Tuesday to discuss the harbour budget.",
    "Dockworkers gathered outside the town hall before the vote.",
    "The ferry operator said fares would stay the same this winter.",
    "Inspectors reported cracks in the old sea wall near the fish market.",
    "Residents of the north quay asked for better street lighting.",
    "A spokesman for the port authority declined to comment.",
    "The harbour budget includes money for dredging the main channel.",
    "Shop owners on the quay said trade had been slow since the storm.",
]
OWN = {
    "Harbour Post": [
        "The embattled mayor Kessler defended the harbour budget again.",
        "Critics say Kessler's plan would leave the sea wall unrepaired.",
        "Kessler insisted the dredging contract was fair and open.",
        "Opposition councillor Brandt called the deal a costly gamble.",
    ],
    "Coast Ledger": [
        "Mayor Anna Kessler, a reformer elected last spring, praised the budget.",
        "Kessler promised the sea wall would be repaired before winter.",
        "Councillor Brandt, a former harbour pilot, raised questions about dredging.",
        "The reforming mayor Kessler thanked the dockworkers for their patience.",
    ],
    "Quayside Times": [
        "Councillor Brandt said the harbour budget was rushed through the council.",
        "Mayor Kessler declined to answer questions about the dredging contract.",
        "Brandt's allies want an independent review of the sea wall.",
        "The veteran councillor Brandt warned of higher ferry fares.",
    ],
}
TITLES = ["Council debates harbour budget", "Sea wall repairs delayed", "Ferry fares under review"]


def corpus(articles_per_outlet: int = 8, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    articles = []
    for number in range(articles_per_outlet):
        for outlet, own in OWN.items():
            body = rng.sample(SHARED, 4) + rng.sample(own, 3)
            rng.shuffle(body)
            articles.append(
                Article(
                    id=f"{outlet}-{number}",
                    outlet=outlet,
                    title=rng.choice(TITLES),
                    text=" ".join(body),
                )
            )
    return articles


@pytest.fixture(scope="module")
def scores(small_lexicon: Lexicon) -> list[ArticleScore]:
    scorer = Scorer(small_lexicon, stopwords=STOPWORDS)
    return [scorer.score(article) for article in corpus()]


def every_sentence(articles: list[Article]) -> ExampleSource:
    """The second read the candidates replace: every sentence of every article, in order."""
    for article in articles:
        spans = segment(article.title, article.text)
        yield group_of(article, "outlet"), article.id, [span.text for span in spans]


def built(lexicon: Lexicon, scores: list[ArticleScore], **capacity: int) -> ComparisonBuilder:
    builder = ComparisonBuilder(lexicon, STOPWORDS)
    if "vocabulary" in capacity:
        builder.accumulator.vocabulary = VocabularyCounts(capacity=capacity["vocabulary"])
    if "epithets" in capacity:
        builder.accumulator.epithets = EpithetCounts(capacity=capacity["epithets"])
    for score in scores:
        builder.add(score)
    return builder


def test_counts_are_count_terms_and_uses_are_the_first_uses() -> None:
    text = (
        "The harbour budget passed. Critics of the harbour budget, and of the harbour "
        "budget review, said the harbour was neglected. By Jane Doe. The budget vote was 7-2."
    )
    spans = segment("Council vote", text)
    rows = [(s.text, s.start, s.tokens) for s in spans]
    counted = count_terms_with_uses(rows, STOPWORDS, 3)
    assert counted.pairs() == count_terms(rows, STOPWORDS)
    uses = counted.first_uses()
    expected: dict[str, list[int]] = {}
    for span in spans:
        for term, *_ in sentence_terms(span.text, STOPWORDS):
            expected.setdefault(term, []).append(span.index)
    assert set(uses[0]) == set(expected)
    for rank, found in enumerate(uses):
        assert found == {t: at[rank] for t, at in expected.items() if len(at) > rank}
    assert [rank["harbour budget"] for rank in uses] == [1, 2, 2]  # 2 uses in one


def test_term_examples_are_those_of_reading_every_sentence_again(
    small_lexicon: Lexicon, scores: list[ArticleScore]
) -> None:
    builder = built(small_lexicon, scores)
    vocabulary = builder.accumulator.vocabulary
    articles = [score.article for score in scores]
    sentences = list(every_sentence(articles))
    # Every term a group could show (used twice or more), each asked for alone so that no
    # other term's candidates fill in for its own.
    showable = [(g, t) for g, counts in vocabulary.counts.items() for t, n in counts.items()
                if n >= 2]  # fmt: skip
    assert len(showable) > 100
    for group, term in showable:
        wanted = {group: {term}}
        kept = builder.examples.term_examples(wanted, STOPWORDS, 2)
        assert kept == find_examples(sentences, wanted, STOPWORDS, 2), (group, term)
        assert len(kept[group, term]) == 2


def test_epithet_examples_are_those_of_reading_every_sentence_again(
    small_lexicon: Lexicon, scores: list[ArticleScore]
) -> None:
    builder = built(small_lexicon, scores)
    comparison = builder.finish()
    assert comparison.epithets and all(e.example for e in comparison.epithets)
    articles = [score.article for score in scores]
    again = find_epithets(builder.accumulator.epithets, comparison.groups,
                          lambda _found: every_sentence(articles), builder.settings)  # fmt: skip
    assert comparison.epithets == again
    for epithet in comparison.epithets:  # each alone, from its own candidates only
        source = builder.examples.epithet_sources([epithet])
        assert _examples(source, [epithet]) == _examples(every_sentence(articles), [epithet])
    terms = comparison.distinguishing
    assert terms and all(term.examples for term in terms)


def test_scored_without_stop_words_the_builder_keeps_the_same_candidates(
    small_lexicon: Lexicon, scores: list[ArticleScore]
) -> None:
    plain = Scorer(small_lexicon)  # no stop words: nothing counted while scoring
    unscored = [plain.score(score.article) for score in scores]
    assert unscored[0].term_counts is None
    one, other = built(small_lexicon, scores), built(small_lexicon, unscored)
    assert one.finish() == other.finish()


def test_candidates_stay_within_the_counts_bounds(
    small_lexicon: Lexicon, scores: list[ArticleScore]
) -> None:
    builder = ComparisonBuilder(small_lexicon, STOPWORDS)
    vocabulary = builder.accumulator.vocabulary = VocabularyCounts(capacity=150)
    epithets = builder.accumulator.epithets = EpithetCounts(capacity=20)
    examples = builder.examples
    for score in scores:
        builder.add(score)
        for group, term, kept in examples.held():
            assert kept <= examples.limit
            assert term in vocabulary.counts[group]
        surnames = {name.rsplit(None, 1)[-1] for name, _position, _phrase in epithets.frequency}
        for keys in examples.names.values():
            assert {surname for surname, _position, _phrase in keys} <= surnames
        referred = {at for held in examples.groups.values() for at in held.places.ravel()
                    if at >= 0}  # fmt: skip
        referred.update(at for keys in examples.names.values() for ats in keys.values()
                        for at in ats)  # fmt: skip
        # Reference counts: the text of every sentence referred to, and of no other.
        assert set(examples.texts) == referred
        assert set(examples.article_ids) == {at >> 32 for at in referred}
        for _group, term, sentences in _held_sentences(examples):
            # keyed by ids the vocabulary renumbered as it forgot terms: still the right term
            assert all(set(term.split()) <= set(_words_of(text)) for text in sentences), term
    assert vocabulary.floor > 0 and epithets.floor > 0  # both forgot keys along the way
    # Bounded by the vocabulary, not by the corpus: at most `limit` sentences per term held.
    held = Counter(group for group, _term, _kept in examples.held())
    assert all(held[g] <= len(vocabulary.counts[g]) for g in held)
    assert len(examples.texts) <= examples.limit * sum(held.values()) + sum(
        len(ats) for keys in examples.names.values() for ats in keys.values()
    )


def _held_sentences(examples: ExampleCandidates) -> list[tuple[str, str, list[str]]]:
    """``(group, term, texts of its candidate sentences)`` for every term with candidates."""
    assert examples.vocabulary is not None
    terms = examples.vocabulary.terms
    found = []
    for group, held in examples.groups.items():
        held.fold()
        for term_id, places in zip(held.ids.tolist(), held.places.tolist(), strict=True):
            texts = [examples.texts[at] for at in places if at >= 0]
            found.append((group, terms[term_id], texts))
    return found


def _words_of(text: str) -> list[str]:
    return [w.strip('.,;:!?"()').lower() for w in text.split()]


def test_stored_analysis_keeps_the_uses(scores: list[ArticleScore]) -> None:
    for score in scores:
        blob = pack_analysis(score)
        assert unpack_analysis(blob, score.article).term_counts == score.term_counts


def test_candidates_keep_a_bound_of_their_own_and_the_most_used_terms_keep_their_examples(
    small_lexicon: Lexicon, scores: list[ArticleScore]
) -> None:
    builder = ComparisonBuilder(small_lexicon, STOPWORDS)
    examples = builder.examples
    examples.capacity = 300
    for score in scores:
        builder.add(score)
        assert examples.pairs == sum(len(held) for held in examples.groups.values())
        assert examples.pairs <= examples.capacity
    counts = builder.accumulator.vocabulary.counts
    assert sum(len(c) for c in counts.values()) > examples.capacity  # pairs were forgotten
    sentences = list(every_sentence([score.article for score in scores]))
    for group, used in counts.items():
        for term, _n in used.most_common(5):  # used from the first articles on
            wanted = {group: {term}}
            kept = builder.examples.term_examples(wanted, STOPWORDS, 2)
            assert kept == find_examples(sentences, wanted, STOPWORDS, 2), (group, term)


def test_thinning_by_use_keeps_only_pairs_used_more_than_the_floor(
    small_lexicon: Lexicon, scores: list[ArticleScore]
) -> None:
    # One example per term: every pair is full, so thinning goes straight to the floor.
    builder = ComparisonBuilder(small_lexicon, STOPWORDS, CompareSettings(examples_per_term=1))
    examples = builder.examples
    examples.capacity = 40  # the outlets repeat their words: the floor must jump
    thinned = 0
    for score in scores:
        floor = examples.floor
        builder.add(score)
        if examples.floor == floor:
            continue
        thinned += 1
        counts = builder.accumulator.vocabulary.counts
        assert examples.pairs <= examples.capacity // 2
        assert all(counts[g][t] > examples.floor for g, t, _kept in examples.held())
    assert thinned >= 2


def test_thinning_raises_the_floor_until_at_most_half_the_capacity_is_above_it() -> None:
    vocabulary = VocabularyCounts()
    examples = ExampleCandidates(1, capacity=10)
    terms = [f"pier{k}" for k in range(12)]
    found = np.repeat(np.arange(12), np.arange(1, 13))  # pier{k} used k + 1 times
    counted = _term_counts(terms, found, np.zeros(len(found), dtype=np.int64), 1)
    examples.add("Harbour Post", "post-1", {0: "The piers were rebuilt."}, counted, (), vocabulary)
    vocabulary.add("Harbour Post", counted)
    examples.follow(0, ())
    # 12 pairs passed the capacity of 10: the five used most (8 to 12 times) are left
    assert examples.floor == 7 and examples.pairs == 5
    assert {t for _g, t, _n in examples.held()} == {f"pier{k}" for k in range(7, 12)}
    assert examples.texts == {0: "The piers were rebuilt."}


def test_group_candidates_hold_what_a_dictionary_of_first_uses_would(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(example_arrays, "PENDING_PAIRS", 8)  # merge the small part often
    rng = np.random.default_rng(11)
    limit = 2
    held = GroupCandidates(limit)
    model: dict[int, list[int]] = {}  # term id -> sentences of its first uses
    vocabulary = 0  # ids below this are terms the vocabulary already numbered
    for article in range(300):
        known = rng.choice(vocabulary, size=min(vocabulary, 25), replace=False)
        new = np.arange(vocabulary, vocabulary + int(rng.integers(0, 20)))
        ids = rng.permutation(np.concatenate([known, new])).astype(np.int32)
        uses = np.full((len(ids), limit), -1, dtype=np.int64)
        for row in range(len(ids)):
            count = int(rng.integers(1, 4))
            at = np.sort(rng.choice(30, size=count)) + article * 100
            uses[row, : min(count, limit)] = at[:limit]
        placed, fresh = held.add(ids, uses, vocabulary)
        pairs = len(model)
        expected: list[int] = []
        for term, row in zip(ids.tolist(), uses.tolist(), strict=True):
            kept = model.setdefault(term, [])
            free = [at for at in row if at >= 0][: limit - len(kept)]
            kept += free
            expected += free
        assert fresh == len(model) - pairs  # every term new to the group is a new pair
        assert len(held) == len(model) and sorted(placed.tolist()) == sorted(expected)
        vocabulary += len(new)
        if article % 40 == 39:  # the vocabulary forgets terms and renumbers the rest
            keep = rng.random(vocabulary) < 0.7
            renumbered = np.where(keep, np.cumsum(keep) - 1, -1)
            held.fold()
            mapped = renumbered[held.ids]
            gone = held.keep(mapped >= 0, mapped)
            forgotten = [at for t, at in model.items() if not keep[t]]
            assert sorted(gone[gone >= 0].tolist()) == sorted(
                at for uses in forgotten for at in uses
            )
            model = {int(renumbered[t]): at for t, at in model.items() if keep[t]}
            vocabulary = int(keep.sum())
        if article % 7 == 0:
            held.fold()
            assert np.all(np.diff(held.ids) > 0)
            rows = [[at for at in row if at >= 0] for row in held.places.tolist()]
            assert dict(zip(held.ids.tolist(), rows, strict=True)) == model


def test_sentences_keep_a_text_while_some_candidate_refers_to_it() -> None:
    sentences = SentenceTexts()
    texts = {0: "The ferry left late.", 1: "Tugboats waited.", 2: "The basin froze."}
    sentences.refer(0, "post-1", texts, np.array([0, 0, 2]))
    sentences.refer(1, "ledger-1", {0: "Pilots struck."}, np.array([0]))
    first = 1 << 32  # sentence 0 of article 1
    sentences.release(np.array([0, 2, -1]))
    assert sentences.texts == {0: "The ferry left late.", first: "Pilots struck."}
    assert sentences.article_ids == {0: "post-1", 1: "ledger-1"}
    sentences.release(np.array([first]))
    assert sentences.texts == {0: "The ferry left late."}
    assert sentences.article_ids == {0: "post-1"}
    sentences.release(np.array([0]))
    assert sentences.texts == {} and sentences.article_ids == {}


def _uses_read_word_by_word(
    rows: list[tuple[str, int, tuple[Token, ...]]], limit: int
) -> tuple[tuple[tuple[str, int], ...], ...]:
    """The first uses as a reader finds them, run by run (words between numbers and
    boilerplate), and in a run its words, then its two-word, then its three-word phrases."""
    first: dict[str, list[int]] = {}
    for index, (text, offset, tokens) in enumerate(rows):
        found: list[str] = []
        run: list[str] = []
        for word, is_word in (*_words(tokens, text, offset), ("", False)):
            if is_word:
                run.append(word)
                continue
            keep = [w not in STOPWORDS for w in run]
            found += [w for w, k in zip(run, keep, strict=True) if k]
            for size in (2, 3):
                found += [
                    " ".join(run[i : i + size])
                    for i in range(len(run) - size + 1)
                    if keep[i] and keep[i + size - 1]
                ]
            run = []
        for term in found:
            at = first.setdefault(term, [])
            if len(at) < limit:
                at.append(index)
    ranks = [tuple((t, at[r]) for t, at in first.items() if len(at) > r) for r in range(limit)]
    return tuple(rank for rank in ranks if rank)


def test_uses_are_those_a_reader_finds() -> None:
    # Numbers and a dateline break the runs: a run's phrases come before the next run's words.
    text = (
        "PORT ELLIS (Continental Wire) - Harbour pilots said 14 tugboats left the outer "
        "basin early. Harbour pilots again blamed the outer basin, and the outer basin "
        "flooded twice in 2023 before the new sea wall went up. Tugboats left. Outer basin "
        "tugboats harbour pilots sea wall."
    )
    spans = segment("Harbour pilots and the sea wall", text)
    rows = [(s.text, s.start, s.tokens) for s in spans]
    for limit in (1, 2, 3):
        uses = count_terms_with_uses(rows, STOPWORDS, limit).first_uses()
        assert uses == tuple(map(dict, _uses_read_word_by_word(rows, limit)))


# Words that change length or shape when lower-cased, curly apostrophes, joined words, other
# scripts: each term must come back whole, one per place, in every form the counts travel in.
UNUSUAL = (
    "İstanbul\u2019s naïve café owners met Ǆemal O\u2019Brien on Tuesday. ΟΔΟΣ ΚΑΛΟΣ was "
    "painted beside the Straße sign, and the UN-backed Ñandú co-op sold 北京 tea. "
    "İstanbul\u2019s café owners met Ǆemal O\u2019Brien again."
)


def test_term_counts_with_unusual_characters_come_back_whole(small_lexicon: Lexicon) -> None:
    spans = segment("Café owners of İstanbul", UNUSUAL)
    rows = [(s.text, s.start, s.tokens) for s in spans]
    counted = count_terms_with_uses(rows, STOPWORDS, 2)
    pairs = count_terms(rows, STOPWORDS)
    assert counted.pairs() == pairs and len(counted) == len(pairs)
    terms = counted.terms()
    assert len(set(terms)) == len(terms) == len(counted)
    assert {"o'brien", "un-backed", "co-op", "straße", "ǆemal o'brien"} <= set(terms)
    assert counted.first_uses()[1]["ǆemal o'brien"] == 3
    assert pickle.loads(pickle.dumps(counted)) == counted
    score = Scorer(small_lexicon, stopwords=STOPWORDS).score(
        Article(id="u", outlet="Harbour Post", title="Café owners of İstanbul", text=UNUSUAL)
    )
    assert score.term_counts == counted
    assert unpack_analysis(pack_analysis(score), score.article).term_counts == counted
    vocabulary = VocabularyCounts()
    vocabulary.add("Harbour Post", counted)
    assert vocabulary.counts["Harbour Post"] == Counter(dict(pairs))


def test_no_term_may_hold_the_separator() -> None:
    found = np.zeros(2, np.int64)
    with pytest.raises(ValueError, match="a term holds"):
        _term_counts(["harbour\npilots"], found, found, 1)
    counted = _term_counts(["harbour pilots"], found, np.array([0, 4]), 3)
    assert counted.first_uses() == ({"harbour pilots": 0}, {"harbour pilots": 4})


def test_an_article_without_terms_counts_nothing() -> None:
    counted = count_terms_with_uses([], STOPWORDS, 2)
    assert len(counted) == 0 and not counted and counted.terms() == []
    assert counted.pairs() == () and counted.first_uses() == ()
    numbers = segment("", "In 2024, 17 of 20.")
    assert count_terms_with_uses([(s.text, s.start, s.tokens) for s in numbers], STOPWORDS, 2) == (
        counted
    )


def _words_one_by_one(rows: list[tuple[str, int, tuple[Token, ...]]]) -> list[str]:
    """An article's countable words by the plain loop: each written word (parts joined by "-")
    lower-cased on its own, two breaks for a number or a word inside boilerplate, two after
    each sentence."""
    words: list[str] = []
    for text, offset, tokens in rows:
        spans = boilerplate_spans(text)
        written: list[tuple[str, int]] = []
        for token in tokens:
            if token.joined and written:
                written[-1] = (written[-1][0] + "-" + token.text, written[-1][1])
            else:
                written.append((token.text, token.start - offset))
        for word, start in written:
            inside = any(a <= start < b for a, b in spans)
            if inside or any(character.isdigit() for character in word):
                words += ["", ""]
            else:
                words.append(word.lower().replace("\u2019", "'"))
        words += ["", ""]
    return words


ARTICLE_PIECES = (
    "harbour", "Harbour", "pilots", "ΟΔΟΣ", "ΚΑΛΟΣ", "İstanbul\u2019s", "O\u2019Brien", "Straße",
    "UN-backed", "U.S.", "5,300", "2023", "B2B", "co-op", "北京", "the", "of", "and", "said.",
    "left.", "Tuesday.", "(Continental Wire)", "PORT ELLIS (Reuters) -", "By Jane Doe.",
    "Photo: Ann Lee", "www.harbourpost.com", "\n", ",", "\u2014", "Ǆemal", "ΣΑΣ", "naïve",
)  # fmt: skip


def test_article_words_are_the_words_lower_cased_one_by_one() -> None:
    # The words of a whole article are lower-cased in one string: the same as word by word,
    # for numbers, boilerplate, joined words, final sigmas and curly apostrophes alike.
    generator = random.Random(20261201)
    for _ in range(300):
        text = " ".join(generator.choices(ARTICLE_PIECES, k=generator.randint(0, 60)))
        spans = segment(" ".join(generator.choices(ARTICLE_PIECES, k=4)), text)
        rows = [(s.text, s.start, s.tokens) for s in spans]
        words, sizes = _article_words(rows)
        assert words == _words_one_by_one(rows), text
        assert sizes == [len(_words_one_by_one([row])) for row in rows]
        counted = count_terms_with_uses(rows, STOPWORDS, 2)
        assert counted.pairs() == count_terms(rows, STOPWORDS)
