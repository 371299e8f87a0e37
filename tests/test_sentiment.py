from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

import framing
from framing.model import ActorMention
from framing.scoring.sentiment import SentenceAnalyzer, SentenceSentiment, summarize
from framing.text.segment import segment

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_sentences_are_scored_one_by_one_and_averaged() -> None:
    scored = SentenceSentiment().score(
        segment("", "The talks were a great success. The attack killed dozens. 2011.")
    )
    assert len(scored) == 2  # the bare number is not scored
    result = summarize(scored, [], threshold=0.05)
    assert scored[0].compound > 0.5 and scored[1].compound < -0.5
    assert result.compound_mean == (scored[0].compound + scored[1].compound) / 2
    assert (result.positive_share, result.negative_share) == (0.5, 0.5)
    assert (result.most_positive, result.most_negative) == (0, 1)


def test_long_text_does_not_saturate() -> None:
    text = "The attack killed dozens. " + "The weather was mild and the talks were fine. " * 30
    scored = SentenceSentiment().score(segment("", text))
    result = summarize(scored, [], threshold=0.05)
    assert result.compound_mean is not None and -0.5 < result.compound_mean < 0.5


def test_no_sentences_is_none_with_a_reason() -> None:
    result = summarize((), [], threshold=0.05)
    assert result.compound_mean is None and result.reason == "no sentence with words to score"


def test_actor_sentiment_uses_the_sentences_that_mention_the_actor() -> None:
    scored = SentenceSentiment().score(
        segment("", "Haftar's brutal assault killed civilians. Italy welcomed the peace deal.")
    )
    mentions = [
        ActorMention("haftar", "Haftar", "text", 0, 6, 0),
        ActorMention("haftar", "Haftar", "text", 0, 6, 0),
        ActorMention("italy", "Italy", "text", 43, 48, 1),
    ]
    result = summarize(scored, mentions, threshold=0.05)
    by_actor = {a.actor: a for a in result.actors}
    assert by_actor["haftar"].sentences == 1
    assert by_actor["haftar"].sentence_tone == scored[0].compound < 0
    assert by_actor["italy"].sentence_tone == scored[1].compound > 0
    # Mentions without tied words (tone_valence 0.0) give a tone of 0, whatever the sentence.
    assert by_actor["haftar"].tone == by_actor["italy"].tone == 0.0


# The quick path of SentenceAnalyzer must give exactly the stock VADER scores. Its shortcuts
# depend on these words, so the generated text is dense in them.
_VADER_CUES = [
    "not", "no", "No", "never", "Never", "nor", "or", "without", "doubt", "so", "SO", "this",
    "least", "at", "very", "VERY", "but", "But", "BUT", "kind", "of", "kinda", "sort", "sort-of",
    "just", "enough", "the", "shit", "bomb", "bad", "ass", "badass", "bus", "stop", "yeah",
    "right", "kiss", "death", "to", "die", "for", "beating", "heart", "isn't", "don't",
    "doesn\u2019t", "can't", "aint", "uh-uh", "hardly", "barely", "extremely", "most", "less",
    "good", "GOOD", "great", "bad", "BAD", "terrible", "love", "hate", "killed", "peace",
    "success", "brutal", "welcomed", "sux", "lol", ":)", ":-(", ":D", "<3", "!", "!!", "!!!!!",
    "?", "??", "???", ".", ",", "...", "'", '"', "(", ")", "-", "\u2014", "Haftar's", "UN-backed",
    "U.S.", "caf\u00e9", "na\u00efve", "\u0130stanbul", "\u03a3\u039f\u03a3", "\u00a0", "\t",
    "\n", "\u200b", "\u05e9\u05dc\u05d5\u05dd", "\U0001f600", "\U0001f622", "\U0001f44d\U0001f3fb",
    "\u2764\ufe0f", "\u263a", "\U0001f4a9", "\u2639\ufe0f",
]  # fmt: skip
_SEPARATORS = st.sampled_from([" ", " ", " ", "  ", "", "\n", " . ", "! ", "? ", ", "])
_CUE_TEXT = st.lists(st.tuples(st.sampled_from(_VADER_CUES), _SEPARATORS), max_size=40).map(
    lambda pairs: "".join(word + separator for word, separator in pairs)
)


@pytest.fixture(scope="module")
def analyzers() -> tuple[SentenceAnalyzer, SentimentIntensityAnalyzer]:
    return SentenceAnalyzer(), SentimentIntensityAnalyzer()


def seed_sentences() -> list[str]:
    """Every sentence and line of the seed files, as read raw and as read by the corpus reader."""
    texts: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        texts += [span.text for span in segment("", raw)] + raw.splitlines()
    for article in framing.read_corpus([SEEDS]).articles:
        texts += [span.text for span in segment(article.title, article.text)]
        texts.append(article.text)
    return texts


def test_quick_vader_gives_the_stock_scores_on_every_seed_sentence(
    analyzers: tuple[SentenceAnalyzer, SentimentIntensityAnalyzer],
) -> None:
    quick, stock = analyzers
    texts = seed_sentences()
    assert len(texts) > 200
    for text in texts:
        assert quick.polarity_scores(text) == stock.polarity_scores(text), text


@given(text=st.one_of(_CUE_TEXT, st.text(max_size=200)))
@settings(max_examples=1500, deadline=None)
def test_quick_vader_gives_the_stock_scores_on_any_text(
    analyzers: tuple[SentenceAnalyzer, SentimentIntensityAnalyzer], text: str
) -> None:
    quick, stock = analyzers
    assert quick.polarity_scores(text) == stock.polarity_scores(text)


_PHRASES = [
    "kind of", "sort of", "just enough", "the shit", "the bomb", "bad ass", "bus stop",
    "yeah right", "kiss of death", "to die for", "beating heart", "never so", "never this",
    "without doubt", "without a doubt", "at least", "very least", "no or", "no nor",
]  # fmt: skip


def test_quick_vader_gives_the_stock_scores_on_every_cue_in_every_position(
    analyzers: tuple[SentenceAnalyzer, SentimentIntensityAnalyzer],
) -> None:
    # Each cue or phrase at each distance from a lexicon word, with 0-3 words before it (VADER
    # applies some rules only from the fourth word on), and with or without a negation far away
    # (which changes nothing, but sends the check down its slower path).
    quick, stock = analyzers
    filler = ["talks", "went", "on"]  # none is in VADER's lexicon
    for cue in _VADER_CUES + _PHRASES:
        for target in ("good", "BAD", "kind", "no"):
            for lead in range(4):
                for gap in range(3):
                    for far in ("", "never talks went on talks went on"):
                        words = [far, *filler[:lead], cue, *filler[:gap], target, *filler[:2]]
                        text = " ".join(words).strip()
                        assert quick.polarity_scores(text) == stock.polarity_scores(text), text


def test_quick_vader_reads_emoji_as_the_stock_analyzer_does(
    analyzers: tuple[SentenceAnalyzer, SentimentIntensityAnalyzer],
) -> None:
    quick, stock = analyzers
    for emoji in list(stock.emojis)[::7]:
        text = f"The talks{emoji}were a success {emoji} but not{emoji}"
        assert quick.polarity_scores(text) == stock.polarity_scores(text), text


@given(
    valences=st.lists(
        st.one_of(st.just(0.0), st.just(0), st.floats(-8, 8, allow_nan=False)), max_size=30
    ),
    text=st.text(alphabet="ab !?", max_size=12),
)
@settings(max_examples=500, deadline=None)
def test_quick_vader_sums_the_valences_as_the_stock_analyzer_does(
    analyzers: tuple[SentenceAnalyzer, SentimentIntensityAnalyzer], valences: list[float], text: str
) -> None:
    # The scores of a sentence's valences, with the emphasis of its "!" and "?", written out:
    # the same floats, to the sign of a zero, as the stock score_valence.
    quick, stock = analyzers
    assert repr(quick._score(valences, text)) == repr(stock.score_valence(valences, text))


@pytest.mark.parametrize(
    "text",
    ["GOOD", "VERY GOOD", "VERY GOOD news", "very GOOD news", "SO BAD", "NOT GOOD", "GREAT 2024",
     "I LOVE IT", "I love it", "Love IT", "EXTREMELY BAD day", "EXTREMELY bad DAY", "GOOD."],
)  # fmt: skip
def test_quick_vader_reads_capitals_as_the_stock_analyzer_does(
    analyzers: tuple[SentenceAnalyzer, SentimentIntensityAnalyzer], text: str
) -> None:
    # Whether some but not all words are in capitals is found out only when a word in capitals
    # is read: sentences all in capitals, partly, or with a booster in capitals.
    quick, stock = analyzers
    assert quick.polarity_scores(text) == stock.polarity_scores(text)
