"""The vocabulary profile and the distinguishing terms built on it, on wire-style copy from
three invented outlets: datelines, agency tags, bylines and credit lines must never surface."""

from __future__ import annotations

import random
from collections import Counter

import numpy as np
import pytest

import framing
from framing.compare import vocabulary as vocabulary_module
from framing.compare.engine import compare
from framing.compare.model import Comparison
from framing.compare.vocabulary import VocabularyCounts, min_phrase_articles
from framing.lexicon.loader import read_lexicon, read_stopwords
from framing.model import Article, Corpus, TermCounts
from framing.render.text import in_context
from framing.text.boilerplate import boilerplate_spans, host_words

# Sentences any of the outlets might print about a town council's fight over a ferry contract.
SHARED = [
    "Councillors met late into the evening to debate the ferry contract.",
    "The transport committee will publish its findings before the summer recess.",
    "Residents of the eastern wards packed the public gallery for the vote.",
    "The contract, worth several million pounds, runs until the end of the decade.",
    "Opposition members asked why the tender documents had been withheld.",
    "A spokeswoman for the operator declined to comment on the negotiations.",
    "Local businesses have complained about delays at the terminal since spring.",
    "The auditor's report is expected to reach councillors next week.",
    "Two members abstained, citing a conflict of interest.",
    "Commuters queued for more than an hour on the first morning of the new timetable.",
    "The chief executive told the meeting that talks with the operator were continuing.",
    "Fares rose by a fifth last year, according to figures released by the council.",
    "Union representatives warned that crews had not been consulted.",
    "The harbour master said the new vessels would need deeper berths.",
]
OUTLETS = {
    "Highland Voice": "https://www.highlandvoice.co.uk/news/",
    "Valley Tribune": "https://valleytribune.net/local/",
    "Continental Wire": "https://continentalwire.com/world/",
}
# Word choices each outlet makes: the answers the distinguishing terms must find.
PLANTED = {
    "Highland Voice": [
        "Critics say the deepening budget crisis leaves the ferry service exposed.",
        "The crisis has forced councillors to reopen the contract.",
    ],
    "Valley Tribune": [
        "Supporters call the deal (a renewal of the ferry link) long overdue.",
        "The renewal plan promises quieter engines and cleaner fuel.",
    ],
    "Continental Wire": [
        "The operator confirmed that the timetable dispute remained unresolved.",
        "Officials described the dispute as routine.",
    ],
}


def _wrap(outlet: str, number: int, body: list[str], rng: random.Random) -> str:
    """Wire-style copy: a dateline with a credit, a byline, the story and a credit line."""
    opening = {
        "Highland Voice": f"KESTREL BAY (Highland Voice) - {body[0]}",
        "Valley Tribune": f"NORTH ARDEN, May {number + 1} (Reuters) - {body[0]}",
        "Continental Wire": f"PORT ELLIS (Continental Wire) \u2014 {body[0]}",
    }[outlet]
    byline = {
        "Highland Voice": "By Mara Lindqvist",
        "Valley Tribune": "By Tomasz Okafor and Elin Brandt, Valley Tribune",
        "Continental Wire": "By Continental Wire staff",
    }[outlet]
    credit = rng.choice(
        [
            "Reporting by Elin Brandt; Editing by Priya Castellano",
            "Ingrid Solberg contributed reporting.",
            "Copyright Continental Wire. All rights reserved.",
            f"Read more at {OUTLETS[outlet]}",
        ]
    )
    tag = "The Highland Voice understands that talks will resume (AFP)."
    middle = " ".join(body[1:])
    return (
        f"{byline}\n\n{opening}\n\n{middle} {tag if outlet == 'Highland Voice' else ''}\n\n{credit}"
    )


def newsroom(planted: bool, articles_per_outlet: int = 12, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    articles = []
    for outlet, url in OUTLETS.items():
        for number in range(articles_per_outlet):
            body = rng.sample(SHARED, 6)
            if planted:
                body += PLANTED[outlet]
            else:
                body += rng.choice(list(PLANTED.values()))
            rng.shuffle(body)
            text = _wrap(outlet, number, body, rng)
            articles.append(
                Article(
                    id=f"{outlet[:3]}-{number}",
                    outlet=outlet,
                    title="Ferry contract row",
                    text=text,
                    url=f"{url}{number}",
                )
            )
    return articles


def _compare(articles: list[Article]) -> Comparison:
    lexicon = read_lexicon()
    result = framing.score_corpus(Corpus(tuple(articles)), lexicon)
    return compare(result, lexicon, read_stopwords())


@pytest.fixture(scope="module")
def planted() -> tuple[list[Article], Comparison]:
    articles = newsroom(planted=True)
    return articles, _compare(articles)


NOT_LANGUAGE = {
    "highland", "voice", "highlandvoice", "valley", "tribune", "continental", "wire", "reuters",
    "afp", "kestrel", "arden", "ellis", "lindqvist", "okafor", "brandt", "solberg", "castellano",
    "contributed", "reporting", "editing", "copyright", "rights", "com", "www", "staff",
}  # fmt: skip


def test_names_datelines_and_credits_never_appear_among_distinguishing_terms(
    planted: tuple[list[Article], Comparison],
) -> None:
    _articles, comparison = planted
    shown = [t.term for t in comparison.distinguishing]
    shown += [r for t in comparison.distinguishing for r in t.related]
    assert shown, "no distinguishing term at all"
    for term in shown:
        assert not NOT_LANGUAGE.intersection(term.split()), term
    vocabulary = comparison.vocabulary
    assert vocabulary is not None
    assert not NOT_LANGUAGE.intersection(vocabulary.terms)


def test_planted_word_choices_are_found_and_contained_terms_grouped(
    planted: tuple[list[Article], Comparison],
) -> None:
    _articles, comparison = planted
    significant = {(t.group, t.term) for t in comparison.distinguishing if t.significant}
    assert ("Valley Tribune", "renewal") in significant
    voice = [t for t in comparison.distinguishing if t.group == "Highland Voice"]
    crisis = [t for t in voice if "crisis" in t.term.split()]
    assert len(crisis) == 1 and crisis[0].significant
    grouped = {crisis[0].term, *crisis[0].related}
    assert {"crisis", "budget crisis"} <= grouped


def test_examples_keep_the_articles_spacing(planted: tuple[list[Article], Comparison]) -> None:
    articles, comparison = planted
    texts = {a.id: a.text for a in articles}
    examples = [e for t in comparison.distinguishing for e in t.examples]
    assert examples
    for e in examples:
        left = e.left.removeprefix("\u2026 ")
        right = e.right.removesuffix(" \u2026")
        assert f"{left}{e.term}{right}" in texts[e.article_id]
    renewal = next(
        t for t in comparison.distinguishing if t.group == "Valley Tribune" and t.term == "renewal"
    )
    shown = [in_context(e) for e in renewal.examples]
    assert any("(a [renewal] of the ferry link)" in s for s in shown), shown


def test_null_corpus_gives_no_significant_term() -> None:
    comparison = _compare(newsroom(planted=False, seed=11))
    assert not [t.term for t in comparison.distinguishing if t.significant]


def test_profile_matrix_matches_the_counts(planted: tuple[list[Article], Comparison]) -> None:
    _articles, comparison = planted
    vocabulary = comparison.vocabulary
    assert vocabulary is not None
    matrix, terms = vocabulary.matrix()
    assert matrix.shape == (3, len(terms)) and all(" " not in t for t in terms)
    counts, _presence = vocabulary.group_counts()
    column = terms.index("renewal")
    assert (
        matrix[vocabulary.groups.index("Valley Tribune"), column]
        == counts["Valley Tribune"]["renewal"]
        > 0
    )
    phrases, phrase_terms = vocabulary.matrix(words=(2, 3))
    assert phrases.shape[1] == len(phrase_terms) and all(" " in t for t in phrase_terms)
    assert vocabulary.min_phrase_articles == min_phrase_articles(36) == 3


def test_new_terms_take_ids_in_the_order_given() -> None:
    vocabulary = VocabularyCounts()
    vocabulary.add("A", as_term_counts({"harbour": 2, "pilots": 1}))
    vocabulary.add("B", (("tugboats", 1), ("harbour", 1), ("basin", 3)))
    vocabulary.add("A", as_term_counts({"basin": 1, "ferry": 1, "zoning": 2}))
    assert vocabulary.terms == ["harbour", "pilots", "tugboats", "basin", "ferry", "zoning"]
    assert vocabulary.ids == {term: i for i, term in enumerate(vocabulary.terms)}
    assert vocabulary.counts["A"] == Counter(harbour=2, pilots=1, basin=1, ferry=1, zoning=2)
    assert vocabulary.document_frequency["basin"] == 2


def test_numbered_ids_are_reused_and_renumbering_follows_what_was_forgotten(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lookups: list[list[str]] = []
    ids_of = VocabularyCounts._ids_of

    def counted_lookups(self: VocabularyCounts, terms: list[str]) -> object:
        lookups.append(list(terms))
        return ids_of(self, terms)

    monkeypatch.setattr(VocabularyCounts, "_ids_of", counted_lookups)
    vocabulary = VocabularyCounts(capacity=6)
    for _ in range(2):
        vocabulary.add("A", as_term_counts({"harbour": 2, "pilots": 1, "basin": 1}))
    counted = as_term_counts({"basin": 1, "ferry": 1, "quay": 2, "tugboats": 1, "zoning": 1})
    ids = vocabulary.number(counted)
    before = list(vocabulary.terms)
    assert [before[i] for i in ids.tolist()] == counted.terms()
    lookups.clear()
    vocabulary.add("B", counted)  # numbered already: no second lookup
    assert lookups == [] and vocabulary.prunes == 1 and vocabulary.floor == 1
    # 7 terms passed the capacity of 6: those seen in one article only were forgotten
    assert vocabulary.terms == ["basin", "harbour", "pilots"]
    for old, new in enumerate(vocabulary.renumbered.tolist()):
        if new >= 0:
            assert vocabulary.terms[new] == before[old]
        else:
            assert before[old] not in vocabulary.ids
    uses = vocabulary.group_uses("A", np.array([2, 0, -1, 1]))
    assert uses.tolist() == [2, 2, 0, 4]
    vocabulary.add("A", as_term_counts({"basin": 1}))  # not numbered first: looked up
    assert lookups == [["basin"]] and vocabulary.group_uses("A", np.array([0])).tolist() == [3]


def test_vocabulary_stays_within_its_capacity_and_merges() -> None:
    rng = random.Random(3)
    whole = VocabularyCounts(capacity=200)
    first, second = VocabularyCounts(), VocabularyCounts()
    for number in range(300):
        words = [f"w{rng.randrange(2000)}" for _ in range(20)] + ["ferry"]
        counted = tuple(sorted(Counter(words).items()))
        whole.add("A" if number % 2 else "B", counted)
        (first if number < 150 else second).add("A" if number % 2 else "B", counted)
        assert len(whole.document_frequency) <= 200
    assert whole.floor > 0 and whole.document_frequency["ferry"] == 300
    first.merge(second)
    assert first.counts["A"]["ferry"] == 150 and first.floor == 0
    profile = whole.profile(("A", "B"), frozenset())
    assert profile.pruned_below == whole.floor and "ferry" in profile.terms


def _reference_counts(
    articles: list[tuple[str, dict[str, int]]], capacity: int
) -> tuple[dict[str, Counter[str]], dict[str, Counter[str]], Counter[str], int]:
    """The documented counting and pruning rule, written plainly with Counters."""
    counts: dict[str, Counter[str]] = {}
    presence: dict[str, Counter[str]] = {}
    frequency: Counter[str] = Counter()
    floor = 0
    for group, seen in articles:
        counts.setdefault(group, Counter()).update(seen)
        presence.setdefault(group, Counter()).update(seen.keys())
        frequency.update(seen.keys())
        if len(frequency) > capacity:
            while len(frequency) > capacity // 2:
                floor += 1
                frequency = Counter({t: n for t, n in frequency.items() if n > floor})
            for held in (*counts.values(), *presence.values()):
                for term in [t for t in held if t not in frequency]:
                    del held[term]
    return counts, presence, frequency, floor


def as_term_counts(seen: dict[str, int]) -> TermCounts:
    """``seen`` as the scorer sends an article's terms (every first use in sentence 0)."""
    terms = sorted(seen)
    counts = b"".join(seen[t].to_bytes(4, "little") for t in terms)
    return TermCounts("\n".join(terms), counts, bytes(4 * len(terms)), 1)


@pytest.mark.parametrize("form", ["pairs", "TermCounts"])
@pytest.mark.parametrize("capacity", [60, 10_000])
def test_vocabulary_counts_match_the_documented_rule(
    capacity: int, form: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A tiny pending buffer makes every path of the array layout run: folds, renumbering.
    monkeypatch.setattr(vocabulary_module, "PENDING_ENTRIES", 7)
    rng = random.Random(11)
    articles = []
    for number in range(120):
        words = [f"w{int(rng.paretovariate(0.7))}" for _ in range(rng.randrange(1, 15))]
        articles.append((f"G{number % 3}", dict(Counter(words))))
    vocabulary = VocabularyCounts(capacity=capacity)
    for group, seen in articles:
        if form == "pairs":
            vocabulary.add(group, tuple(sorted(seen.items())))
        else:
            vocabulary.add(group, as_term_counts(seen))
        assert len(vocabulary.ids) == len(vocabulary.terms) <= capacity  # bounded
        assert all(vocabulary.terms[i] == t for t, i in vocabulary.ids.items())
    counts, presence, frequency, floor = _reference_counts(articles, capacity)
    assert vocabulary.floor == floor and (floor > 0) == (capacity == 60)
    assert vocabulary.document_frequency == frequency
    assert vocabulary.counts == counts and vocabulary.articles == presence
    profile = vocabulary.profile(("G0", "G1", "G2"), frozenset())
    column = profile.terms.index("w1")
    assert profile.counts[1, column] == counts["G1"]["w1"]
    assert profile.articles[2, column] == presence["G2"]["w1"]


@pytest.mark.parametrize(
    ("sentence", "masked"),
    [
        ("PORT ELLIS (Continental Wire) - The council met.", "PORT ELLIS (Continental Wire) - "),
        ("NORTH ARDEN, May 3 (Reuters) - Fares rose.", "NORTH ARDEN, May 3 (Reuters) - "),
        ("WASHINGTON \u2014 Lawmakers met.", "WASHINGTON \u2014 "),
        ("By Tomasz Okafor and Elin Brandt, Valley Tribune", "By Tomasz Okafor and Elin Brandt, "
         "Valley Tribune"),
        ("Ingrid Solberg contributed reporting.", "Ingrid Solberg contributed reporting."),
        ("Talks will resume (AFP).", "(AFP)"),
    ],
)  # fmt: skip
def test_boilerplate_is_found(sentence: str, masked: str) -> None:
    assert "".join(sentence[a:b] for a, b in boilerplate_spans(sentence)) == masked


@pytest.mark.parametrize(
    "sentence",
    [
        "By Tuesday, the council had approved the contract.",
        "Haftar, Sarraj - talks resume",
        "The mayor (a reformer) spoke for an hour.",
    ],
)
def test_ordinary_sentences_are_not_boilerplate(sentence: str) -> None:
    assert boilerplate_spans(sentence) == []


def test_host_words() -> None:
    assert host_words("https://www.highlandvoice.co.uk/news/1") == ("highlandvoice",)
    assert host_words("") == ()


def test_example_search_finds_what_sentence_terms_finds() -> None:
    from framing.compare.terms import _by_first_word, _wanted_in, sentence_terms

    stopwords = read_stopwords()
    for article in newsroom(planted=True, articles_per_outlet=2):
        for sentence in article.text.splitlines():
            every = [(t, a, b) for t, _size, a, b in sentence_terms(sentence, stopwords)]
            wanted = {t for t, _a, _b in every[::3]}
            expected = [found for found in every if found[0] in wanted]
            assert sorted(_wanted_in(sentence, _by_first_word(wanted))) == sorted(expected)


def test_boilerplate_pre_check_agrees_with_its_full_search() -> None:
    # The fast tests for ASCII sentences may only skip sentences the full search would skip.
    from framing.text.boilerplate import _MAYBE, _may_have_boilerplate

    pieces = ["By", "by ", "Reporting", " ", "  ", "-", "--", "- ", "\u2014 ", "(", ")", "@",
              "://", "www.", "WWW.", ".com", ".Co", ".x", "contributed", "Contributed",
              "rights reserved", "RIGHTS RESERVED", "corrected", "Updated", "\u00a9", "(c)",
              "the", "talks", "said", ".", ",", "\t", "\n", "\u00e9", "\u017f", "K", "ka",
              "see", "Also", "photo", "'", "\""]  # fmt: skip
    rng = random.Random(5)
    for _ in range(20_000):
        sentence = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert _may_have_boilerplate(sentence) == bool(_MAYBE.search(sentence)), sentence
