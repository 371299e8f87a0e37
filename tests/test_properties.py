"""Invariants on arbitrary Unicode: never crash, spans stay inside the text, scores in range."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from framing.lexicon.model import Lexicon
from framing.model import Article
from framing.scoring.scorer import Scorer
from framing.scoring.terms import compile_lexicon, find_mentions
from framing.text.segment import segment

WORDS = st.sampled_from(
    ["IS", "is", "Isis", "ISIS", "strongman", "strongmen's", "UN-backed", "government", "Field",
     "Marshal", "militias", "Daesh", "\u2019s", "-", ".", " ", "\n", "U.S.", "Haftar", "\u200b",
     "\u05e9\u05dc\u05d5\u05dd", "\U0001f600", "Mr.", "?", "\u201c"]
)  # fmt: skip
TEXT = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=60).map(" ".join))


@given(title=TEXT, text=TEXT)
@settings(max_examples=150, deadline=None)
def test_segments_and_matches_stay_inside_the_text(
    small_lexicon: Lexicon, title: str, text: str
) -> None:
    sentences = segment(title, text)
    for sentence in sentences:
        source = title if sentence.field == "title" else text
        assert source[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.text
        for token in sentence.tokens:
            assert source[token.start : token.end] == token.text
    found = find_mentions(sentences, compile_lexicon(small_lexicon), title, text)
    hits, mentions = found.terms, found.actors
    for item in (*hits, *mentions):
        source = title if item.field == "title" else text
        assert source[item.start : item.end] == item.matched_text
    ends = [(h.field == "text", h.start, h.end) for h in hits]
    assert ends == sorted(ends)
    for (f1, _s1, e1), (f2, s2, _e2) in pairwise(ends):
        assert f1 != f2 or e1 <= s2  # mentions never overlap


@given(text=TEXT)
@settings(max_examples=60, deadline=None)
def test_scores_stay_in_range(small_lexicon: Lexicon, text: str) -> None:
    score = Scorer(small_lexicon).score(Article(id="a", outlet="o", title="", text=text))
    sentiment = score.sentiment
    if sentiment.compound_mean is None:
        assert sentiment.reason and not sentiment.sentences
    else:
        assert -1 <= sentiment.compound_mean <= 1
        assert 0 <= sentiment.positive_share <= 1 and 0 <= sentiment.negative_share <= 1  # type: ignore[operator]
    readability = score.readability
    if readability.flesch_reading_ease is None:
        assert readability.reason
    assert readability.words >= 0 and readability.syllables >= readability.words


@given(data=st.binary(max_size=400), suffix=st.sampled_from([".txt", ".html", ".csv", ".jsonl"]))
@settings(max_examples=120, deadline=None)
def test_any_bytes_are_read_or_skipped_never_crash(data: bytes, suffix: str) -> None:
    import tempfile
    from pathlib import Path

    from framing.corpus.readers import read_corpus
    from framing.errors import InputError

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        try:
            corpus = read_corpus([path])
        except InputError as error:
            assert suffix == ".csv" and "no text column" in str(error)
            return
        if suffix in (".txt", ".html"):
            assert len(corpus.articles) + len(corpus.skipped) == 1
        for skipped in corpus.skipped:
            assert skipped.reason


@given(texts=st.lists(TEXT, min_size=1, max_size=4))
@settings(max_examples=40, deadline=None)
def test_whole_pipeline_accounts_for_every_article(
    small_lexicon: Lexicon, texts: list[str]
) -> None:
    from framing.model import Corpus
    from framing.scoring.scorer import score_corpus

    articles = tuple(
        Article(id=str(n), outlet=f"o{n % 2}", title="", text=text) for n, text in enumerate(texts)
    )
    result = score_corpus(Corpus(articles), small_lexicon)
    assert [s.article.id for s in result.scores] == [a.id for a in articles]
    for score in result.scores:
        for value in (score.readability.flesch_kincaid_grade, score.sentiment.compound_mean):
            assert value is None or value == value  # never NaN
