"""Sentence-level sentiment with VADER, aggregated per article and per named actor.

VADER (Hutto & Gilbert 2014) is tuned for short texts; its compound score saturates towards
+/-1 on a whole article, so each sentence is scored and the article is summarized by the mean
compound and the shares of positive and negative sentences. A sentence without any letter (a
bare number, a dateline) is not scored rather than given a fake neutral 0.0.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cached_property
from itertools import compress, pairwise
from operator import itemgetter
from typing import Any, Protocol

from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    C_INCR,
    N_SCALAR,
    NEGATE,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
    SentiText,
    scalar_inc_dec,
)

from framing.model import ActorMention, ActorSentiment, Sentence, Sentiment
from framing.scoring.target_tone import sentence_tone
from framing.text.records import sentence
from framing.text.segment import SentenceSpan

_TOKEN_TEXT = itemgetter(0)
_STRIPPED, _LOWERED = itemgetter(0), itemgetter(1)
# VADER's negation check changes a valence only when one of the three words before it is a
# negation (its NEGATE list, or a word with "n't"), "never", "without", "so" or "this".
_NEGATION_CUES = frozenset(NEGATE) | {"never", "without", "so", "this"}
# VADER's idiom check changes a valence only when a run of words around it spells one of its
# multi-word special cases or boosters, so only when two adjacent words are adjacent in one.
_IDIOM_PAIRS = frozenset(
    pair for phrase in (*SPECIAL_CASES, *BOOSTER_DICT) for pair in pairwise(phrase.split(" "))
)
# A word of each of those pairs, the less common where one is a function word: a sentence
# without any of them has none of the pairs (a set lookup per word, no pair built).
_COMMON_IN_IDIOMS = frozenset({"the", "of", "to", "for", "just"})
_IDIOM_KEYS = frozenset(
    next((word for word in pair if word not in _COMMON_IN_IDIOMS), pair[0]) for pair in _IDIOM_PAIRS
)
# A bound on each memo below, so that a long run over a varied corpus cannot grow it for ever.
_MEMO_LIMIT = 200_000
_RECENT_LIMIT = 2_000
# VADER's normalization of the sum of valences to (-1, 1): sum / sqrt(sum^2 + alpha).
_ALPHA = 15
# VADER's scores of words that are all neutral.
_NEUTRAL = {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}


class PolarityScorer(Protocol):
    def polarity_scores(self, text: str) -> dict[str, float]: ...
    def word_valences(self, text: str) -> list[float]: ...


class _StrippedWords(dict[str, tuple[str, str]]):
    """VADER's punctuation stripping of a whitespace-separated word, and its lower case,
    computed once per word."""

    def __missing__(self, word: str) -> tuple[str, str]:
        if len(self) >= _MEMO_LIMIT:
            self.clear()
        stripped: str = SentiText._strip_punc_if_word(word)
        self[word] = forms = (stripped, stripped.lower())
        return forms


class _Words(list[str]):
    """A sentence's words for VADER's rules, with what this module found out about them once:
    their lower case, and whether any word could make VADER's negation or idiom rules apply."""

    lowered: list[str]
    without_negation_cues: bool
    without_idiom_pairs: bool
    # Whether some but not all words are in capitals, when first asked (see some_capitals).
    known_capitals: bool | None = None

    def some_capitals(self) -> bool:
        """Whether some but not all words are in capitals (VADER's capitals rule). Its rule
        changes a valence only through a word in capitals, so it is found out only when one
        is read."""
        known = self.known_capitals
        if known is None:
            capitals = sum(map(str.isupper, self))
            known = self.known_capitals = 0 < len(self) - capitals < len(self)
        return known


class SentenceAnalyzer(SentimentIntensityAnalyzer):  # type: ignore[misc]
    """VADER (Hutto & Gilbert 2014) with exactly the scores of ``SentimentIntensityAnalyzer``.

    The stock ``polarity_scores`` rebuilds the text character by character to replace emoji,
    calls its per-word rules for every word, and lowercases the whole sentence again for each
    rule it applies to a lexicon word. For text without emoji the rebuilt text is the text
    itself, words outside VADER's lexicon always score 0, and the negation and idiom rules
    change nothing unless certain words are near, so this subclass skips that work and runs
    VADER's own rules on the rest. Text that contains an emoji goes through the stock method.
    """

    def __init__(self) -> None:
        super().__init__()
        # Only single characters can match in the stock emoji loop (it looks up each character).
        self._emoji_characters = frozenset(key for key in self.emojis if len(key) == 1)
        self._ascii_has_no_emoji = not any(key.isascii() for key in self._emoji_characters)
        self._stripped = _StrippedWords()
        # The valences of the sentences scored last, kept so that tone toward the actors named
        # in them (read right after, from the same article) does not compute them again.
        self._recent: dict[str, list[float]] = {}

    def polarity_scores(self, text: str) -> dict[str, float]:
        """VADER's neg, neu and pos proportions in [0, 1] and compound in [-1, 1]."""
        if not isinstance(text, str) or not (
            (self._ascii_has_no_emoji and text.isascii()) or self._emoji_characters.isdisjoint(text)
        ):
            scores: dict[str, float] = super().polarity_scores(text)
            return scores
        text = text.strip()
        sentiments, lowered = self._valences(text)
        if len(self._recent) >= _RECENT_LIMIT:
            self._recent.clear()
        self._recent[text] = sentiments
        if not any(sentiments):  # every valence is 0, and the "but" rule keeps it 0
            # VADER's scores of all-neutral words: nothing to sum, every word neutral.
            return dict(_NEUTRAL) if sentiments else self._score(sentiments, text)
        if "but" in lowered:  # otherwise the stock check leaves every valence as it is
            # On a copy: the stock check changes the list in place, and the valences kept
            # for tone are those before the "but" rule (as word_valences gives them).
            sentiments = self._but_check(lowered, list(sentiments))
        return self._score(sentiments, text)

    def word_valences(self, text: str) -> list[float]:
        """VADER's valence of each whitespace-separated word of ``text``, with its booster,
        negation, capitals and idiom rules but before its "but" rule (about -4 to +4; 0 for a
        word outside its lexicon). Emoji are read as words, not replaced by their names."""
        recent = self._recent.get(text)
        if recent is not None:
            return list(recent)
        return self._valences(text)[0]

    def _valences(self, text: str) -> tuple[list[float], list[str]]:
        forms = list(map(self._stripped.__getitem__, text.split()))
        lowered = list(map(_LOWERED, forms))
        sentiments: list[float] = [0] * len(forms)
        in_lexicon = list(compress(range(len(forms)), map(self.lexicon.__contains__, lowered)))
        if not in_lexicon:
            return sentiments, lowered
        words = _Words(map(_STRIPPED, forms))
        words.lowered = lowered
        words.without_negation_cues = _NEGATION_CUES.isdisjoint(lowered) and (
            "n't" not in " ".join(lowered)
        )
        words.without_idiom_pairs = _IDIOM_KEYS.isdisjoint(lowered) or _IDIOM_PAIRS.isdisjoint(
            pairwise(lowered)
        )
        last = len(words) - 1
        for i in in_lexicon:
            word = lowered[i]
            if word in BOOSTER_DICT or (word == "kind" and i < last and lowered[i + 1] == "of"):
                continue  # modifiers, scored 0 themselves, as in the stock loop
            sentiments[i] = self._word_valence(words, i)
        return sentiments, lowered

    def _word_valence(self, words: _Words, i: int) -> float:
        """The valence of the lexicon word ``words[i]`` by the rules of VADER's
        ``sentiment_valence``, in its order, reading the words' lower case once computed."""
        lexicon = self.lexicon
        lowered = words.lowered
        word = lowered[i]
        valence: float = lexicon[word]
        # "no" before another lexicon word negates that word instead of counting itself.
        if word == "no" and i != len(words) - 1 and lowered[i + 1] in lexicon:
            valence = 0.0
        if (
            (i > 0 and lowered[i - 1] == "no")
            or (i > 1 and lowered[i - 2] == "no")
            or (i > 2 and lowered[i - 3] == "no" and lowered[i - 1] in ("or", "nor"))
        ):
            valence = lexicon[word] * N_SCALAR
        if words[i].isupper() and words.some_capitals():
            valence = valence + C_INCR if valence > 0 else valence - C_INCR
        # Boosters and negations up to three words before, the farther the weaker (the checks
        # of negations and idioms change nothing in a sentence without their cues).
        negations = not words.without_negation_cues
        idioms = not words.without_idiom_pairs
        for distance in (1, 2, 3):
            if i < distance:
                break
            before = lowered[i - distance]
            if before in lexicon:
                continue
            scalar = 0.0
            if before in BOOSTER_DICT:  # scalar_inc_dec gives 0.0 for any other word
                booster = words[i - distance]
                # The capitals rule reads only a booster in capitals (False is the same else).
                capitals = booster.isupper() and words.some_capitals()
                scalar = scalar_inc_dec(booster, valence, capitals)
                if distance == 2 and scalar != 0:
                    scalar = scalar * 0.95
                if distance == 3 and scalar != 0:
                    scalar = scalar * 0.9
            valence = valence + scalar
            if negations:
                valence = self._negation_check(valence, words, distance - 1, i)
            if distance == 3 and idioms:
                valence = self._special_idioms_check(valence, words, i)
        # "least" right before negates, unless it reads "at least" or "very least".
        after_least = i > 0 and lowered[i - 1] == "least" and "least" not in lexicon
        if after_least and (i == 1 or lowered[i - 2] not in ("at", "very")):
            valence = valence * N_SCALAR
        return valence

    @staticmethod
    def _sift_sentiment_scores(sentiments: list[float]) -> tuple[float, float, int]:
        # The stock loop visits every word; only the non-zero valences add to the sums, in
        # the same order, and the zeros are the neutral words.
        positive = negative = 0.0
        nonzero = list(filter(None, sentiments))
        for valence in nonzero:
            if valence > 0:
                positive += float(valence) + 1
            else:
                negative += float(valence) - 1
        return positive, negative, len(sentiments) - len(nonzero)

    def _score(self, sentiments: list[float], text: str) -> dict[str, float]:
        """VADER's ``score_valence`` written out, with the same operations in the same order
        (so the same floats): the stock method calls five helpers per sentence."""
        if not sentiments:
            return {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}
        total_valence = float(sum(sentiments))
        # Emphasis from exclamation marks (up to four) and question marks (two or more).
        question_marks = text.count("?")
        question_emphasis: float = 0
        if question_marks > 1:
            question_emphasis = question_marks * 0.18 if question_marks <= 3 else 0.96
        emphasis = min(text.count("!"), 4) * 0.292 + question_emphasis
        if total_valence > 0:
            total_valence += emphasis
        elif total_valence < 0:
            total_valence -= emphasis
        compound = total_valence / math.sqrt(total_valence * total_valence + _ALPHA)
        compound = -1.0 if compound < -1.0 else 1.0 if compound > 1.0 else compound
        positive, negative, neutral = self._sift_sentiment_scores(sentiments)
        if positive > math.fabs(negative):
            positive += emphasis
        elif positive < math.fabs(negative):
            negative -= emphasis
        total = positive + math.fabs(negative) + neutral
        return {
            "neg": round(math.fabs(negative / total), 3),
            "neu": round(math.fabs(neutral / total), 3),
            "pos": round(math.fabs(positive / total), 3),
            "compound": round(compound, 4),
        }

    @staticmethod
    def _negation_check(
        valence: float, words_and_emoticons: list[str], start_i: int, i: int
    ) -> Any:
        # The stock check lowercases the whole sentence, then reads only the start_i + 1 words
        # before word i (VADER calls it only when there are that many), and changes the valence
        # only when one of them is a cue.
        if i <= start_i:
            return SentimentIntensityAnalyzer._negation_check(
                valence, words_and_emoticons, start_i, i
            )
        if getattr(words_and_emoticons, "without_negation_cues", False):
            return valence
        first = i - start_i - 1
        before = list(map(str.lower, words_and_emoticons[first:i]))
        if _NEGATION_CUES.isdisjoint(before) and "n't" not in " ".join(before):
            return valence
        return SentimentIntensityAnalyzer._negation_check(
            valence, words_and_emoticons[first : i + 1], start_i, i - first
        )

    @staticmethod
    def _special_idioms_check(valence: float, words_and_emoticons: list[str], i: int) -> Any:
        # The stock check reads three words before and two after word i, and changes the valence
        # only when two adjacent words among them are adjacent in a special case or booster.
        if i < 3:
            return SentimentIntensityAnalyzer._special_idioms_check(valence, words_and_emoticons, i)
        if getattr(words_and_emoticons, "without_idiom_pairs", False):
            return valence
        window = words_and_emoticons[i - 3 : i + 3]
        lowered = list(map(str.lower, window))
        if _IDIOM_PAIRS.isdisjoint(pairwise(lowered)):
            return valence
        return SentimentIntensityAnalyzer._special_idioms_check(valence, window, 3)


class SentenceSentiment:
    """Scores sentences with one VADER analyzer, built on first use (it reads its lexicon)."""

    @cached_property
    def analyzer(self) -> PolarityScorer:
        return SentenceAnalyzer()

    def score(self, sentences: Iterable[SentenceSpan]) -> tuple[Sentence, ...]:
        """VADER scores for every sentence that contains at least one letter."""
        scored = []
        polarity_scores = self.analyzer.polarity_scores
        for span in sentences:
            if all(map(str.isdigit, map(_TOKEN_TEXT, span.tokens))):
                continue
            scores = polarity_scores(span.text)
            scored.append(
                sentence(span.index, span.field, span.start, span.end, span.text,
                         scores["compound"], scores["pos"], scores["neg"], scores["neu"])
            )  # fmt: skip
        return tuple(scored)


def summarize(
    sentences: Sequence[Sentence], mentions: Iterable[ActorMention], threshold: float
) -> Sentiment:
    """Mean compound in [-1, 1], shares of positive/negative sentences in [0, 1], the most
    positive and most negative sentence (first on ties), and per actor the tone toward it and
    the tone of the sentences naming it (see :class:`ActorSentiment`)."""
    if not sentences:
        return Sentiment(
            sentences=(),
            compound_mean=None,
            positive_share=None,
            negative_share=None,
            most_positive=None,
            most_negative=None,
            reason="no sentence with words to score",
        )
    count = len(sentences)
    by_index = {sentence.index: sentence for sentence in sentences}
    most_positive = max(sentences, key=lambda s: (s.compound, -s.index))
    most_negative = min(sentences, key=lambda s: (s.compound, s.index))
    return Sentiment(
        sentences=tuple(sentences),
        compound_mean=sum(s.compound for s in sentences) / count,
        positive_share=sum(s.compound >= threshold for s in sentences) / count,
        negative_share=sum(s.compound <= -threshold for s in sentences) / count,
        most_positive=most_positive.index,
        most_negative=most_negative.index,
        actors=_actor_sentiment(by_index, mentions),
    )


def _actor_sentiment(
    by_index: dict[int, Sentence], mentions: Iterable[ActorMention]
) -> tuple[ActorSentiment, ...]:
    # The valence tied to each actor in each sentence; each word is tied to one mention only.
    valences: dict[str, dict[int, float]] = defaultdict(dict)
    for mention in mentions:
        index = mention.sentence_index
        if index in by_index:
            per_sentence = valences[mention.actor]
            per_sentence[index] = per_sentence.get(index, 0.0) + mention.tone_valence
    return tuple(
        ActorSentiment(
            actor=actor,
            sentences=len(per_sentence),
            tone=sum(map(sentence_tone, per_sentence.values())) / len(per_sentence),
            sentence_tone=sum(by_index[i].compound for i in per_sentence) / len(per_sentence),
        )
        for actor, per_sentence in sorted(valences.items())
    )
